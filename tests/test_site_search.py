"""Search with filters on the built sample, indexed by the real Pagefind, in headless Chromium.

Each language's search page (``search/``, ``cy/search/``) searches Pagefind's index of its
<html lang>: the notice pages of its readers, one per notice, the reader's language first.
The index is made in bundles of 3 notices here (12 for the sample), merged in the browser,
so every search below finds, filters and counts across bundles.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from plugins.notices.site import Site
from plugins.site_build.search_bundles import bundles
from plugins.site_build.search_index import index_command
from plugins.site_pages.plan import plan
from tests.checks.browser import Browsing, browsing
from tests.theme_pages import page

# "3 notices found", "3 hysbysiad wedi'u canfod": the number comes first in both languages.
COUNT = re.compile(r"^(\d+) ")
PER_BUNDLE = 3
# A word of the About and Accessibility pages that notices have too.
SHARED_WORD = "procurement"
NOTICE_PAGE = re.compile(r"^/(cy/)?notices/[^/]+/$")
# A word of the Welsh notice's title (content/notices/2026/library-stock-supply.cy.md).
WELSH_WORD = "llyfrgell"
WELSH_NOTICE = "/cy/notices/library-stock-supply/"
# A word of the Welsh notice's body and of English notices' too.
BOTH = "Afonwy"
# True once the status says what was found (any language): not empty, not "Searching…".
SEARCHED = """() => {
  const status = document.getElementById('search-status').textContent;
  return status !== '' && status !== document.getElementById('search-results').dataset.searching;
}"""


@pytest.fixture(scope="module")
def tab(
    built_sample: Path, tmp_path_factory: pytest.TempPathFactory, chromium_browser: Browser
) -> Iterator[Browsing]:
    folder = tmp_path_factory.mktemp("searched") / "site"
    shutil.copytree(built_sample, folder)
    command = index_command(folder, per_bundle=PER_BUNDLE)
    indexed = subprocess.run(command, capture_output=True, text=True)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    assert len(bundles(folder, PER_BUNDLE)) == 12
    with browsing(folder, chromium_browser) as tab:
        yield tab


def results(tab: Browsing, address: str) -> tuple[int, list[str]]:
    """Open the search page at ``address``; the count it reports and the results shown."""
    tab.open(address)
    status = tab.page.locator("#search-status")
    tab.page.wait_for_function(SEARCHED)
    return found(status.text_content() or ""), shown(tab)


def found(status: str) -> int:
    match = COUNT.match(status)
    return int(match.group(1)) if match else 0


def shown(tab: Browsing) -> list[str]:
    links = tab.page.locator("#search-list a[href]")
    return links.evaluate_all("(links) => links.map((a) => new URL(a.href).pathname)")


def test_only_notice_pages_are_indexed(built_sample: Path) -> None:
    bodies = [
        file.relative_to(built_sample).as_posix()
        for file in built_sample.rglob("*.html")
        if "data-pagefind-body" in file.read_text(encoding="utf-8")
    ]
    assert bodies and all(re.match(r"^(cy/)?notices/[^/]+/index\.html$", b) for b in bodies)
    for other in ("about", "accessibility"):
        text = (built_sample / other / "index.html").read_text(encoding="utf-8").lower()
        assert SHARED_WORD in text, other


def every_result(tab: Browsing, address: str) -> tuple[int, list[str]]:
    """As ``results``, with "Show more notices" pressed until every result is shown."""
    count, links = results(tab, address)
    more = tab.page.locator("#search-more")
    while more.is_visible():
        more.click()
        tab.page.wait_for_function(
            f"() => document.querySelectorAll('#search-list li').length > {len(links)}"
        )
        links = shown(tab)
    return count, links


def test_a_filter_finds_the_notices_of_every_bundle(tab: Browsing, sample_site: Site) -> None:
    # The English notices a Welsh reader finds: all but the Welsh one, in every bundle.
    count, links = every_result(tab, "/cy/search/?language=en")
    english = [f"/cy/{item.path}" for item in sample_site.for_reader("cy") if item.lang == "en"]
    assert count == len(links) == len(english) and set(links) == set(english)
    planned = bundles(tab.folder, PER_BUNDLE)
    holder = {f"/{page.removesuffix('index.html')}": b.name for b in planned for page in b.pages}
    assert {holder[link] for link in links} == {bundle.name for bundle in planned}


def test_the_about_page_is_not_counted(tab: Browsing) -> None:
    count, links = every_result(tab, f"/search/?q={SHARED_WORD}")
    assert count == len(links) > 0
    assert all(NOTICE_PAGE.match(link) for link in links), links


def test_a_filter_narrows_the_results_to_matching_notices(tab: Browsing, sample_site: Site) -> None:
    everything, _ = results(tab, "/search/?q=council")
    count, links = results(tab, "/search/?q=council&status=open")
    assert 0 < count < everything
    open_now = {f"/{i.path}" for i in sample_site.notices if i.facets.status.value == "open"}
    assert links and set(links) <= open_now
    # Choosing a filter in the form searches again and keeps it in the address.
    tab.page.select_option("#filter-status", "awarded")
    tab.page.wait_for_function(
        "() => /status=awarded/.test(location.search) && "
        "/found/.test(document.getElementById('search-status').textContent)"
    )
    awarded = {f"/{i.path}" for i in sample_site.notices if i.facets.status.value == "awarded"}
    assert set(shown(tab)) <= awarded


def test_filters_alone_list_notices_and_more_are_shown_on_request(
    tab: Browsing, sample_site: Site
) -> None:
    # A Welsh reader reads these notices in English, with Welsh words around them.
    english = len([item for item in sample_site.for_reader("cy") if item.lang == "en"])
    assert english > 30, "the sample needs more than one page of results"
    count, links = results(tab, "/cy/search/?language=en")
    assert (count, len(links)) == (english, 30)
    assert "dangos 30" in (tab.page.locator("#search-status").text_content() or "")
    more = tab.page.locator("#search-more")
    more.click()
    tab.page.wait_for_function(
        f"() => document.querySelectorAll('#search-list li').length == {english}"
    )
    assert more.is_hidden()
    # Focus moves to the first of the new results, for keyboard and screen reader users.
    focused = tab.page.evaluate("() => new URL(document.activeElement.href).pathname")
    assert focused == shown(tab)[30]


def test_one_filter_links_its_listing(tab: Browsing) -> None:
    results(tab, "/search/?cpv=45")
    link = tab.page.locator("#search-listing a")
    assert link.is_visible()
    assert link.evaluate("(a) => new URL(a.href).pathname") == "/cpv/45/"


def test_without_javascript_the_page_links_every_filters_listing(
    built_sample: Path, sample_site: Site
) -> None:
    soup = page(built_sample, "search/")
    assert soup.select_one("#search-filters").has_attr("hidden")
    fallback = {a["href"] for a in soup.noscript.select("details a[href]")}
    for facet in plan(sample_site).search_facets("Language"):
        for choice in facet.choices:
            if choice.listing is not None:
                assert f"../{choice.listing}" in fallback, choice


def test_the_welsh_search_page_finds_the_welsh_notice_by_a_welsh_word(tab: Browsing) -> None:
    count, links = results(tab, f"/cy/search/?q={WELSH_WORD}")
    assert count >= 1 and links[0] == WELSH_NOTICE
    status = tab.page.locator("#search-status").text_content() or ""
    assert "hysbysiad" in status and "found" not in status
    # The English search page searches the English pages: the same notice in English.
    _, english = results(tab, f"/search/?q={WELSH_WORD}")
    assert WELSH_NOTICE not in english


def test_the_welsh_page_finds_a_translation_by_its_originals_facts(tab: Browsing) -> None:
    # The buyer filter's values are the originals' (afonwy-county-council), as listings are.
    tab.open("/cy/search/")
    buyer = tab.page.locator("#filter-buyer option[value]:not([value=''])")
    assert "afonwy-county-council" in buyer.evaluate_all("(os) => os.map((o) => o.value)")
    count, links = results(tab, f"/cy/search/?q={WELSH_WORD}&buyer=afonwy-county-council")
    assert (count, links) == (1, [WELSH_NOTICE])


def test_the_welsh_page_lists_welsh_notices_first_and_counts_each_notice_once(
    tab: Browsing, sample_site: Site
) -> None:
    count, links = every_result(tab, f"/cy/search/?q={BOTH}")
    assert links[0] == WELSH_NOTICE
    assert count == len(links) == len(set(links)) > 1
    assert all(NOTICE_PAGE.match(link) and link.startswith("/cy/") for link in links), links
    welsh = {f"/{i.path}" for i in sample_site.notices if i.lang == "cy"}
    # Welsh text first, then the notices a Welsh reader finds in English.
    assert set(links[: len(welsh)]) == welsh
    assert len(links) <= len(sample_site.for_reader("cy"))
    # A notice's own words on the Welsh page are marked with their language.
    langs = tab.page.locator("#search-list li").evaluate_all("(items) => items.map((i) => i.lang)")
    assert langs[: len(welsh)] == [""] * len(welsh) and set(langs[len(welsh) :]) == {"en"}


def test_the_english_page_lists_english_notices_and_counts_each_notice_once(
    tab: Browsing, sample_site: Site
) -> None:
    count, links = every_result(tab, f"/search/?q={BOTH}")
    assert count == len(links) == len(set(links)) > 1
    assert "/notices/library-stock-supply/" in links
    assert not any(link.startswith("/cy/") for link in links), links
    assert (tab.page.locator("#search-status").text_content() or "").startswith(f"{count} notices")


def test_the_welsh_page_filters_by_the_language_of_the_text(
    tab: Browsing, sample_site: Site
) -> None:
    welsh = {f"/{i.path}" for i in sample_site.notices if i.lang == "cy"}
    assert welsh
    count, links = results(tab, "/cy/search/?language=cy")
    assert count == len(welsh) and set(links) == welsh
