"""The notice body: what the sanitiser keeps and removes from the rendered page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.notices.body import checked_render, render


def page(body: str) -> BeautifulSoup:
    return BeautifulSoup(render(body), "html.parser")


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


def test_checked_render_gives_the_page_html_and_the_problems() -> None:
    body = "## Lots\n\n<script>alert(1)</script>\n\n| Lot |\n|---|\n| 1 |\n"
    html, problems = checked_render(body, 20, "n.md")
    assert html == render(body)
    assert [(problem.line, problem.message) for problem in problems] == [
        (22, "HTML <script> is not allowed in a notice")
    ]
