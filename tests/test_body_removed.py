"""What the body check reports the sanitiser removed, each problem on its source line."""

from __future__ import annotations

import pytest

from plugins.notices.body import body_problems
from plugins.notices.body_removed import MOST_REPORTED
from tests.body_support import reported
from tests.notice_factory import BODY

SCRIPT_LINK = "a link to a javascript:, data: or vbscript: address"
EVENT_HANDLER = "HTML event handler attributes (on...=) are not allowed"
LEVEL_ONE = "a level-1 heading in the description"


def test_a_clean_body_has_no_problems() -> None:
    assert reported(BODY) == []


def test_problems_carry_file_lines() -> None:
    body = "Intro.\n\n<script>alert(1)</script>\n"
    assert reported(body, first_line=75) == [(77, "HTML <script> is not allowed in a notice")]


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("<script>alert(1)</script>", "script"),
        ("<SCRIPT>alert(1)</SCRIPT>", "script"),
        ("<div>Lots</div>", "div"),
        ("<iframe src='https://example.com'></iframe>", "iframe"),
        ("<style>p { color: red }</style>", "style"),
    ],
)
def test_raw_html_outside_the_allowed_list(line: str, tag: str) -> None:
    assert reported(line) == [(1, f"HTML <{tag}> is not allowed in a notice")]


def test_event_handler_on_an_allowed_element() -> None:
    assert reported('<p onclick="alert(1)">Bid</p>') == [
        (1, "HTML event handler attributes (on...=) are not allowed")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "[map](javascript:alert(1))",
        "[map]( JavaScript:alert(1))",
        '<a href="javascript:alert(1)">map</a>',
        "[map](data:text/html,hello)",
        "[map](vbscript:msgbox(1))",
    ],
)
def test_script_link(line: str) -> None:
    assert reported(line) == [(1, "a link to a javascript:, data: or vbscript: address")]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("# Lots\n", 1),
        ("Intro.\n\nLots\n====\n", 4),
        ("Lots are set out below.\n\n# Lots\n", 3),
        ("- Lots\n\n    # Lots\n", 3),
    ],
    ids=["atx", "setext", "same-words-earlier", "in-a-list"],
)
def test_level_one_heading(body: str, line: int) -> None:
    assert reported(body) == [(line, "a level-1 heading in the description")]


@pytest.mark.parametrize(
    "body",
    [
        "## Lots\n### Lot 1\n",
        '<abbr title="Small and medium-sized enterprises">SME</abbr>',
        "Lot 1<sup>*</sup><br>**bold** <em>and</em> <strong>strong</strong>",
        "Contact [the team](https://www.afonwy.gov.uk/contact).",
    ],
)
def test_allowed_markdown_and_html_are_not_reported(body: str) -> None:
    assert reported(body) == []


@pytest.mark.parametrize("fence", ["```", "~~~"])
def test_html_in_a_fenced_code_block_is_not_reported(fence: str) -> None:
    body = f"Example:\n\n{fence}html\n<script>alert(1)</script>\n<p onclick=x>\n{fence}\n"
    assert reported(body) == []


def test_checking_resumes_after_a_code_block() -> None:
    body = "```\n<script>\n```\n\n<script>alert(1)</script>\n"
    assert reported(body) == [(5, "HTML <script> is not allowed in a notice")]


@pytest.mark.parametrize(
    "body",
    [
        "See <https://www.afonwy.gov.uk/tenders>.",
        "Email <procurement@afonwy.gov.uk>.",
        "Bids where price < budget are welcome.",
        "Do not paste `<script>` tags.",
        "Example:\n\n    <script>alert(1)</script>\n",
    ],
    ids=["autolink", "email-autolink", "less-than", "code-span", "indented-code"],
)
def test_markdown_that_is_not_raw_html_is_not_reported(body: str) -> None:
    assert reported(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[map][1]\n\n[1]: javascript:alert(1)\n", (3, SCRIPT_LINK)),
        ('## Lots {onclick="alert(1)"}\n', (1, EVENT_HANDLER)),
        ("Intro.\n\n#Lots\n", (3, LEVEL_ONE)),
    ],
    ids=["reference-link", "attribute-list", "heading-without-space"],
)
def test_what_the_sanitiser_removes_is_reported(body: str, expected: tuple[int, str]) -> None:
    assert reported(body) == [expected]


def test_other_attributes_are_reported() -> None:
    assert reported('Intro.\n\n<p style="color: red">Closing soon</p>\n') == [
        (3, "the attribute style= on <p> is not allowed")
    ]


def test_images_are_reported_with_their_own_fix() -> None:
    (problem,) = body_problems("Intro.\n\n![Map of the lots](lots.png)\n", 10, "n.md")
    assert (problem.line, problem.message) == (12, "HTML <img> is not allowed in a notice")
    assert problem.fix == "notices do not show images: link to the image instead"


def test_a_raw_level_one_heading_is_reported_as_a_tag() -> None:
    assert reported("<h1>Lots</h1>") == [(1, "HTML <h1> is not allowed in a notice")]


@pytest.mark.parametrize(
    "body",
    [
        "```python\nprint(1)\n```\n",
        "| Lot | Value |\n|:----|------:|\n| 1 | £7m |\n",
        "Bids close soon.[^1]\n\n[^1]: At noon.\n",
        "[TOC]\n\n## Lots\n",
        '<abbr title="Small and medium-sized enterprises">SME</abbr> <sup>1</sup>',
    ],
    ids=["code-language", "table-alignment", "footnote", "toc", "allowed-html"],
)
def test_what_markdown_itself_writes_is_not_reported(body: str) -> None:
    assert reported(body) == []


def test_each_problem_has_its_own_line() -> None:
    body = (
        "<div>Lots</div>\n\nText <b onclick=x>bold</b>\n\n<div>Lots</div>\n\n"
        "[a](javascript:x) [b](data:y)\n"
    )
    assert reported(body) == [
        (1, "HTML <div> is not allowed in a notice"),
        (3, EVENT_HANDLER),
        (5, "HTML <div> is not allowed in a notice"),
        (7, SCRIPT_LINK),
    ]


def test_the_same_problem_twice_on_a_line_is_reported_once() -> None:
    assert reported("<div><div>Lots</div></div>") == [(1, "HTML <div> is not allowed in a notice")]


def test_other_schemes_are_named() -> None:
    assert reported("[map](ftp://example.com/map)") == [
        (1, "a link to a ftp: address, which notices do not allow")
    ]


def test_many_problems_are_capped() -> None:
    problems = body_problems("<div>\n\n" * 80, 1, "n.md")
    assert len(problems) == MOST_REPORTED + 1
    assert problems[-1].message == "and 30 more things the sanitiser removes"
