"""Search in a real browser: a word from one notice's title finds that notice.

A site in several languages has a search page per language (``search/``, ``cy/search/``),
each searching the notice pages of its readers (under the same prefix): each is checked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.checks.axe import axe_violations, describe
from tests.checks.browser import Browsing, file_of, html_pages, page_path
from tests.checks.keyboard import tab_problems

SEARCH_INPUT = (
    "input[type=search], input.pagefind-ui__search-input, [role=searchbox], input[name=q]"
)
WORD = re.compile(r"[^\W\d_]{5,}")
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
RESULT_WAIT_MS = 30_000
SEARCH_FOLDER = "search/"

# True once a link to the expected page is on the page.
LINKS_TO = """(expected) => [...document.querySelectorAll('a[href]')]
  .some((a) => expected.includes(a.href))"""


@dataclass(frozen=True)
class Query:
    """A word to search for and the page it must find."""

    word: str
    path: str


def _text(file: Path) -> str:
    return TAG.sub(" ", file.read_text(encoding="utf-8", errors="replace"))


def search_pages(folder: Path) -> list[str]:
    """The paths of the pages that load Pagefind: those named search, shallowest first, or
    else every one."""
    pages = [
        path
        for path in html_pages(folder)
        if "pagefind" in file_of(folder, path).read_text(encoding="utf-8", errors="replace")
    ]
    named = sorted((path for path in pages if "search" in path), key=lambda p: (p.count("/"), p))
    return named or pages


def search_page(folder: Path) -> str | None:
    """The site's main search page (the default language's), if any."""
    return next(iter(search_pages(folder)), None)


def prefix_of(path: str) -> str:
    """Where the notices a search page finds live: ``/cy/search/`` → ``cy/``, else ""."""
    return path[1 : -len(SEARCH_FOLDER)] if path.endswith(f"/{SEARCH_FOLDER}") else ""


def title_query(folder: Path, prefix: str = "") -> Query | None:
    """A title word of a notice under ``prefix`` (the default language's: none) that is
    rarest across the site's pages."""
    notices = sorted((folder / prefix / "notices").glob("*/index.html"))
    frequency: Counter[str] = Counter()
    for path in html_pages(folder):
        frequency.update({w.lower() for w in WORD.findall(_text(file_of(folder, path)))})
    best: tuple[int, str, Path] | None = None
    for file in notices:
        title = H1.search(file.read_text(encoding="utf-8"))
        for word in WORD.findall(TAG.sub(" ", title.group(1))) if title else []:
            candidate = (frequency[word.lower()], word, file)
            best = min(best, candidate) if best else candidate
    return Query(best[1], page_path(folder, best[2])) if best else None


def search_problems(
    browsing: Browsing, query: Query | None = None, wait_ms: int = RESULT_WAIT_MS
) -> list[str]:
    """Type a title word into each search page (``query`` into the main one): the notice is
    among the results, accessibly."""
    folder = browsing.folder
    pages = search_pages(folder)
    if not pages:
        return ["no search page: no page loads Pagefind (pagefind/pagefind-ui.js)"]
    if not (folder / "pagefind").is_dir():
        return [
            f"{pages[0]}: no pagefind/ index: run python -m pagefind --site <folder> "
            "(invoke build does)"
        ]
    if query is not None:
        return _finds(browsing, pages[0], query, wait_ms)
    problems = []
    for path in pages:
        found = title_query(folder, prefix_of(path))
        if found is None:
            problems.append(f"{path}: no notice pages ({prefix_of(path)}notices/<slug>/) to find")
        else:
            problems += _finds(browsing, path, found, wait_ms)
    return problems


def _finds(browsing: Browsing, path: str, query: Query, wait_ms: int) -> list[str]:
    browsing.open(path)
    page = browsing.page
    field = page.locator(SEARCH_INPUT).first
    if not field.count():
        return [f"{path}: no search box ({SEARCH_INPUT})"]
    field.press_sequentially(query.word, delay=20)
    expected = [browsing.base + query.path, browsing.base + query.path + "index.html"]
    try:
        page.wait_for_function(LINKS_TO, arg=expected, timeout=wait_ms)
    except Exception:  # Playwright's TimeoutError: say what was found instead
        found = page.locator("main a[href]").evaluate_all("(links) => links.map((a) => a.href)")
        return [f"{path}: searching {query.word!r} did not find {query.path} (links: {found[:10]})"]
    # The results are part of the page now: they must pass axe and the keyboard check too.
    where = f"{path} with results for {query.word!r}"
    problems = [line for v in axe_violations(browsing) for line in describe(where, v)]
    return problems + tab_problems(browsing, where, load=False)
