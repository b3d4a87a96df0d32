"""The search check, on a small site indexed by the real Pagefind and searched in Chromium."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser_sites import page, write_site
from tests.checks.browser import Browsing, browsing
from tests.checks.search import (
    Query,
    prefix_of,
    search_page,
    search_pages,
    search_problems,
    title_query,
)

SEARCH = page(
    '<div id="search"></div><script src="/pagefind/pagefind-ui.js"></script>'
    "<script>new PagefindUI({element: '#search'});</script>",
    '<link rel="stylesheet" href="/pagefind/pagefind-ui.css">',
)


def notice(title: str, body: str, lang: str = "en") -> str:
    html = page(f"<p>{body}</p>").replace("<h1>Test page</h1>", f"<h1>{title}</h1>")
    return html.replace('<html lang="en">', f'<html lang="{lang}">')


@pytest.fixture(scope="module")
def tab(tmp_path_factory: pytest.TempPathFactory, chromium_browser: Browser) -> Iterator[Browsing]:
    folder = write_site(
        tmp_path_factory.mktemp("search"),
        {
            "index.html": page("<p>Contract opportunities</p>"),
            "search/index.html": SEARCH,
            "notices/bridge/index.html": notice("Bridge painting framework", "Painting works."),
            "notices/meals/index.html": notice("School meals framework", "Meals for schools."),
            # The Welsh search page searches Pagefind's Welsh index: the Welsh pages.
            "cy/search/index.html": SEARCH.replace('<html lang="en">', '<html lang="cy">'),
            "cy/notices/bridge/index.html": notice("Fframwaith peintio pontydd", "Peintio.", "cy"),
        },
    )
    indexed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder)], capture_output=True, text=True
    )
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    with browsing(folder, chromium_browser) as tab:
        yield tab


def test_the_rarest_title_word_is_searched_for(tab: Browsing) -> None:
    assert search_page(tab.folder) == "/search/"
    assert title_query(tab.folder) == Query("Bridge", "/notices/bridge/")


def test_each_languages_search_page_searches_its_own_notices(tab: Browsing) -> None:
    assert search_pages(tab.folder) == ["/search/", "/cy/search/"]
    assert [prefix_of(path) for path in search_pages(tab.folder)] == ["", "cy/"]
    assert title_query(tab.folder, "cy/") == Query("Fframwaith", "/cy/notices/bridge/")


def test_search_finds_the_notice(tab: Browsing) -> None:
    assert search_problems(tab) == []
    assert search_problems(tab, Query("meals", "/notices/meals/")) == []


def test_a_search_that_misses_the_notice_is_reported(tab: Browsing) -> None:
    problems = search_problems(tab, Query("painting", "/notices/meals/"), wait_ms=2000)
    assert len(problems) == 1
    assert problems[0].startswith("/search/: searching 'painting' did not find /notices/meals/")
    assert "/notices/bridge/" in problems[0]


def test_a_site_without_search_is_reported(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("<p>No search</p>")})
    # The check stops before it needs the browser.
    assert search_problems(Browsing(tmp_path, "", None)) == [
        "no search page: no page loads Pagefind (pagefind/pagefind-ui.js)"
    ]
    write_site(tmp_path, {"search/index.html": SEARCH})
    assert search_problems(Browsing(tmp_path, "", None)) == [
        "/search/: no pagefind/ index: run python -m pagefind --site <folder> (invoke build does)"
    ]
