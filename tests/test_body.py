"""The notice body: what the sanitiser keeps and removes, and what the check reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.notices.body import body_problems, checked_render, render
from plugins.notices.body_limits import MAX_BODY_CHARS
from plugins.notices.body_removed import MOST_REPORTED
from tests.notice_factory import BODY

ROOT = Path(__file__).parent.parent
SCRIPT_LINK = "a link to a javascript:, data: or vbscript: address"
EVENT_HANDLER = "HTML event handler attributes (on...=) are not allowed"
LEVEL_ONE = "a level-1 heading in the description"


def page(body: str) -> BeautifulSoup:
    return BeautifulSoup(render(body), "html.parser")


def reported(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in body_problems(body, first_line, "n.md")]


# render: removed


def test_script_is_removed_with_its_content() -> None:
    html = render("Before.\n\n<script>alert('bid now')</script>\n\nAfter.")
    assert "<script" not in html
    assert "alert" not in html
    assert [p.get_text() for p in BeautifulSoup(html, "html.parser").find_all("p")] == [
        "Before.",
        "After.",
    ]


def test_event_handlers_are_removed_but_the_element_kept() -> None:
    soup = page('<p onclick="steal()">Suppliers may bid for one lot.</p>')
    paragraph = soup.find("p")
    assert paragraph is not None
    assert paragraph.attrs == {}
    assert paragraph.get_text() == "Suppliers may bid for one lot."


@pytest.mark.parametrize(
    "body",
    [
        "[the map](javascript:alert(1))",
        '<a href="javascript:alert(1)">the map</a>',
        "[the map](data:text/html;base64,PHNjcmlwdD4=)",
        "[the map](vbscript:msgbox(1))",
    ],
)
def test_script_links_lose_their_address_but_keep_their_text(body: str) -> None:
    link = page(body).find("a")
    assert link is not None
    assert link.get_text() == "the map"
    assert "href" not in link.attrs


@pytest.mark.parametrize(
    "body",
    ['<img src="x.png" onerror="alert(1)">', '<iframe src="https://example.com"></iframe>'],
)
def test_elements_outside_the_allowed_list_are_removed(body: str) -> None:
    assert page(body).find(["img", "iframe"]) is None


def test_style_attributes_are_removed() -> None:
    paragraph = page('<p style="color: red">Closing soon</p>').find("p")
    assert paragraph is not None
    assert paragraph.attrs == {}


# render: kept


@pytest.mark.parametrize(
    "address",
    [
        "https://etenders.afonwy.gov.uk/opportunity/ACC-2026-0031",
        "mailto:procurement@afonwy.gov.uk",
        "tel:+441792555010",
    ],
)
def test_links_keep_their_address(address: str) -> None:
    link = page(f"[Contact us]({address})").find("a")
    assert link is not None
    assert link["href"] == address


def test_tables_are_kept() -> None:
    table = page("| Lot | Area |\n|-----|------|\n| 1 | North |\n| 2 | South |\n").find("table")
    assert table is not None
    assert [th.get_text() for th in table.find_all("th")] == ["Lot", "Area"]
    assert [td.get_text() for td in table.find_all("td")] == ["1", "North", "2", "South"]


def test_lists_are_kept() -> None:
    soup = page("- surface dressing\n- footway repairs\n\n3. third\n4. fourth\n")
    assert [li.get_text() for li in soup.find("ul").find_all("li")] == [
        "surface dressing",
        "footway repairs",
    ]
    ordered = soup.find("ol")
    assert ordered["start"] == "3"
    assert [li.get_text() for li in ordered.find_all("li")] == ["third", "fourth"]


@pytest.mark.parametrize(
    ("body", "heading_id"),
    [("## What the work involves", "what-the-work-involves"), ("## Lots {#lots}", "lots")],
)
def test_headings_keep_their_ids(body: str, heading_id: str) -> None:
    heading = page(body).find(id=heading_id)
    assert heading is not None
    assert heading.name in {"h2", "h3", "h4", "h5", "h6"}


def test_allowed_inline_html_is_kept() -> None:
    soup = page('<abbr title="Small and medium-sized enterprises">SME</abbr> H<sub>2</sub>O<br>')
    abbr = soup.find("abbr")
    assert abbr is not None
    assert abbr["title"] == "Small and medium-sized enterprises"
    assert soup.find("sub") is not None
    assert soup.find("br") is not None


def test_code_blocks_show_html_as_text() -> None:
    code = page("```html\n<script>alert(1)</script>\n```").find("code")
    assert code is not None
    assert code.get_text() == "<script>alert(1)</script>\n"


def test_welsh_and_emoji_are_kept() -> None:
    assert page("Dwy lôn ar gau 🚧").get_text() == "Dwy lôn ar gau 🚧"


# body_problems


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


def test_checked_render_gives_the_page_html_and_the_problems() -> None:
    body = "## Lots\n\n<script>alert(1)</script>\n\n| Lot |\n|---|\n| 1 |\n"
    html, problems = checked_render(body, 20, "n.md")
    assert html == render(body)
    assert [(problem.line, problem.message) for problem in problems] == [
        (22, "HTML <script> is not allowed in a notice")
    ]


# body_problems: bodies too long or too costly to render


def test_a_body_over_the_size_limit_is_refused_without_rendering() -> None:
    body = "Words. " * (MAX_BODY_CHARS // 7 + 1)
    assert reported(body, first_line=30) == [
        (30, f"the description is {len(body):,} characters, over the 100,000-character limit")
    ]
    assert render(body).startswith("<pre>")


@pytest.mark.parametrize(
    ("body", "line", "start"),
    [
        ("Intro.\n\n" + "<a x='>' " * 5_000, 3, "5,000 HTML tags"),
        ("Intro.\n\n" + "*[A]: b\n" * 2_000, 3, "a block of 2,000 lines"),
        ("Intro.\n\n" + "> " * 10_000 + "x\n", 3, "quotes or lists nested 10,000 deep"),
        ("Intro.\n\n" + "a [b](c) d " * 1_000, 3, "the description has too many links"),
    ],
    ids=["unclosed-tags", "long-block", "deep-quotes", "links-in-a-paragraph"],
)
def test_bodies_too_costly_to_render_are_refused(body: str, line: int, start: str) -> None:
    ((number, message),) = reported(body)
    assert number == line
    assert message.startswith(start)


_HOSTILE = {
    "lt-120k": "'<' * 120_000",
    "stars-100k": "'*' * 100_000",
    "brackets-50k": "'[' * 50_000",
    "quotes-10k-deep": "'>' * 10_000 + ' x'",
    "backticks-100k": "'`' * 100_000",
    "nested-lists": "''.join('  ' * i + '- x\\n' for i in range(300))",
    "code-spans-25k": "'`a` ' * 24_000",
    "links-99k": "'[a](b)\\n\\n' * 12_000",
    "links-one-paragraph": "'a [b](c) d ' * 450",
    "unclosed-tags": "'<a x=\">\" ' * 1_700",
    "nested-divs": "'<div>\\n' * 16_000",
    "abbreviations": "'*[A]: b\\n' * 1_200",
    "entities": "'&#1 ' * 24_000",
    "one-mb": "'<a [b](c) `d` *e* ' * 60_000",
    # Just inside the limits, so rendered: the slowest bodies the check accepts.
    "lt-99k": "'<' * 99_000",
    "links-40k": "'[a](b)\\n\\n' * 5_000",
    "unclosed-tags-9k": "'<a x=\">\" ' * 1_000",
    "abbreviations-8k": "'*[A]: b\\n' * 1_000",
    "nested-lists-spaced": "''.join('    ' * i + '- x\\n\\n' for i in range(200))",
}


@pytest.mark.parametrize("expression", _HOSTILE.values(), ids=_HOSTILE.keys())
def test_hostile_bodies_are_checked_in_bounded_time(expression: str) -> None:
    """Each in its own process, so a hang fails the test instead of the suite."""
    code = (
        "import time\n"
        "from plugins.notices.body import checked_render\n"
        f"body = {expression}\n"
        "start = time.perf_counter()\n"
        "checked_render(body, 1, 'n.md')\n"
        "print(time.perf_counter() - start)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert float(done.stdout) < 5
