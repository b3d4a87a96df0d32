"""Serving a built site on loopback, its page paths, and one page of each kind."""

from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import Browser

from tests.browser_sites import page, write_site
from tests.checks.browser import (
    browsing,
    file_of,
    html_pages,
    page_path,
    representative_pages,
    serve,
)


def test_the_folder_is_served_on_loopback(tmp_path: Path) -> None:
    write_site(tmp_path, {"notices/a/index.html": "<p>hello</p>"})
    with serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urlopen(base + "/notices/a/") as response:
            assert response.read() == b"<p>hello</p>"


def test_pages_are_addressed_as_the_site_links_them(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": "",
            "index2.html": "",
            "404.html": "",
            "notices/a/index.html": "",
            "pagefind/ui.html": "",
            "feeds/all.atom": "",
        },
    )
    assert html_pages(tmp_path) == ["/", "/404.html", "/index2.html", "/notices/a/"]
    assert page_path(tmp_path, tmp_path / "notices/a/index.html") == "/notices/a/"
    assert file_of(tmp_path, "/notices/a/") == tmp_path / "notices/a/index.html"
    assert file_of(tmp_path, "/404.html") == tmp_path / "404.html"


def test_one_page_of_each_kind_is_chosen(tmp_path: Path) -> None:
    notice = page('<dl class="summary-list"><dt>Buyer</dt><dd>Council</dd></dl>')
    closed = notice.replace("<dl", '<p class="banner banner--closed">Closed</p><dl')
    cancelled = closed.replace("banner--closed", "banner--cancelled")
    write_site(
        tmp_path,
        {
            "notices/a/index.html": notice,
            "notices/b/index.html": notice,
            "notices/c/index.html": closed,
            "notices/d/index.html": cancelled,
            "search/index.html": page('<input type="search" class="summary-list">'),
        },
    )
    assert representative_pages(tmp_path) == ["/notices/a/", "/notices/c/", "/search/"]


def test_a_production_build_is_browsed_from_the_folder(
    tmp_path: Path, chromium_browser: Browser
) -> None:
    head = (
        '<link rel="canonical" href="https://contracts.example.test/">'
        '<link rel="stylesheet" href="https://contracts.example.test/theme/site.css">'
        '<link rel="stylesheet" href="https://elsewhere.example.test/other.css">'
    )
    write_site(
        tmp_path,
        {"index.html": page("<p>Hello</p>", head), "theme/site.css": "p { color: rgb(1, 2, 3); }"},
    )
    with browsing(tmp_path, chromium_browser) as tab:
        tab.open("/")
        colour = tab.page.evaluate("getComputedStyle(document.querySelector('p')).color")
        assert colour == "rgb(1, 2, 3)"
        missing = tab.page.goto("https://contracts.example.test/nothing/")
        assert missing is not None and missing.status == 404
