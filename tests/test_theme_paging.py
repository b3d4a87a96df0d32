"""Listings of more than a page in a real build (five notices a page): an archive's pages
numbered from the oldest with the newest in front, Previous and Next links that chain them
both ways, page numbers, the wording in English and Welsh, and the language switch."""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import pytest

from plugins.notices.site import Site
from plugins.site_pages.plan import plan
from tests.checks.html import nu_problems
from tests.sites import CONTENT, as_built, pelican_build
from tests.theme_pages import link_targets, listed, page

PER_PAGE = 5
NOTICE_LINKS = ".notice-list .notice-list__title"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("small-pages")
    result = pelican_build(
        CONTENT, output, "--fatal", "errors", settings={"SITE_PAGES_PER_PAGE": PER_PAGE}
    )
    assert result.returncode == 0, result.stdout
    return output


def _chain(output: Path, path: str) -> list[str]:
    """The pages of a listing, following Next from its front page."""
    pages = [path]
    while following := link_targets(page(output, pages[-1]), pages[-1], ".pagination a[rel=next]"):
        pages.append(following[0])
    return pages


def _archive_size(count: int) -> int:
    return max(count // PER_PAGE - 1, 0)


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_all_notices_are_an_archive_numbered_from_the_oldest(
    built: Path, sample_site: Site, prefix: str
):
    lang = "cy" if prefix else "en"
    site_plan = plan(as_built(sample_site), lang)
    listing = site_plan.listing("all")
    assert listing is not None
    newest_first = [site_plan.page_of(item) for item in listing.items]
    pages = _archive_size(len(newest_first))
    base = f"{prefix}notices/"
    assert pages >= 3  # the sample is long enough for gaps in the page numbers
    assert _chain(built, base) == [base, *(f"{base}page/{n}/" for n in range(pages, 0, -1))]
    assert listed(built, base) == newest_first
    oldest = link_targets(page(built, f"{base}page/1/"), f"{base}page/1/", NOTICE_LINKS)
    assert oldest == newest_first[-PER_PAGE:]
    assert not (built / base / "page" / str(pages + 1)).exists()


def test_previous_links_lead_back_the_way_next_came(built: Path):
    pages = _chain(built, "notices/")
    for newer, older in pairwise(pages):
        assert link_targets(page(built, older), older, ".pagination a[rel=prev]") == [newer]
    assert not page(built, "notices/").select(".pagination a[rel=prev]")


def test_an_archive_page_says_where_it_is_without_counting_the_whole_listing(
    built: Path, sample_site: Site
):
    total = len(plan(as_built(sample_site)).listing("all").items)  # type: ignore[union-attr]
    front, oldest = page(built, "notices/"), page(built, "notices/page/1/")
    shown = total - _archive_size(total) * PER_PAGE
    assert front.select_one(".count").get_text() == f"Showing the newest {shown} of {total} notices"
    assert "page" not in front.title.get_text()
    assert oldest.select_one(".count").get_text() == "Notices 1 to 5, counted from the oldest"
    assert oldest.h1.select_one(".heading-page").get_text() == "(page 1)"
    assert str(total) not in oldest.select_one(".pagination").get_text()
    current = front.select_one(".pagination [aria-current=page]")
    assert (current.get_text(), current["aria-label"]) == ("Latest", "Latest notices")
    numbers = [a.get_text() for a in page(built, "notices/page/2/").select(".pagination li")]
    assert numbers == ["Latest", "…", "3", "2", "1"]


def test_welsh_pages_say_it_in_welsh_and_switch_language_to_the_same_page(built: Path):
    welsh = page(built, "cy/notices/page/1/")
    assert welsh.select_one(".count").get_text().endswith(", gan gyfrif o'r hynaf")
    assert welsh.h1.select_one(".heading-page").get_text() == "(tudalen 1)"
    assert welsh.select_one(".pagination [aria-label='Yr hysbysiadau diweddaraf']")
    english = page(built, "notices/page/2/")
    alternates = {link["hreflang"]: link["href"] for link in english.select("link[hreflang]")}
    assert alternates["cy"].endswith("/cy/notices/page/2/")


def test_a_listing_by_deadline_is_paged_from_its_top(built: Path, sample_site: Site):
    home = plan(as_built(sample_site)).listing("open")
    assert home is not None and len(home.items) > PER_PAGE
    count = -(-len(home.items) // PER_PAGE)
    assert _chain(built, "") == ["", *(f"page/{n}/" for n in range(2, count + 1))]
    assert listed(built, "") == [item.path for item in home.items]
    second = page(built, "page/2/")
    assert f"(page 2 of {count})" in second.title.get_text()
    assert link_targets(second, "page/2/", ".pagination a[rel=prev]") == [""]


def test_the_sitemap_has_every_page_of_a_listing(built: Path, sample_site: Site):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    total = len(plan(as_built(sample_site)).listing("all").items)  # type: ignore[union-attr]
    for number in range(1, _archive_size(total) + 1):
        assert f"/notices/page/{number}/</loc>" in sitemap
        assert f"/cy/notices/page/{number}/</loc>" in sitemap


def _archive_pages(output: Path) -> dict[str, bytes]:
    """Every archive page of the listings of the newest first, by path (the listings by
    deadline, the home page's and closing soon's, are paged from their top)."""
    return {
        path: file.read_bytes()
        for file in output.rglob("page/*/index.html")
        if not (path := file.relative_to(output).as_posix()).startswith(
            ("page/", "cy/page/", "closing-soon/", "cy/closing-soon/")
        )
    }


def test_a_new_notice_leaves_the_archive_pages_as_they_were(built: Path, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    source = content / "notices" / "2026" / "afonwy-news-printing.md"
    newer = source.read_text(encoding="utf-8").replace("ACC-2026-0047", "ACC-2026-0999")
    newer = newer.replace("published: 2026-11-16T10:00", "published: 2026-11-19T10:00")
    (source.parent / "afonwy-news-printing-again.md").write_text(newer, encoding="utf-8")
    output = tmp_path / "output"
    result = pelican_build(
        content, output, "--fatal", "errors", settings={"SITE_PAGES_PER_PAGE": PER_PAGE}
    )
    assert result.returncode == 0, result.stdout
    before, after = _archive_pages(built), _archive_pages(output)
    assert len(before) > 20 and before.keys() <= after.keys()
    changed = [path for path in before if before[path] != after[path]]
    # Only where a listing's new notice completes a chunk does its newest archive page change
    # (its Previous link leads to the new one): at most one page of a listing.
    listings = [path.rpartition("page/")[0] for path in changed]
    assert len(set(listings)) == len(listings)
    new_pages = after.keys() - before.keys()
    assert {path.rpartition("page/")[0] for path in new_pages} >= set(listings)
    front = "notices/index.html"
    assert (built / front).read_bytes() != (output / front).read_bytes()


def test_the_pages_and_their_pagination_are_valid_html(built: Path, tmp_path: Path):
    for path in ("notices/", "notices/page/1/", "notices/page/2/", "cy/notices/page/2/", "page/2/"):
        (tmp_path / path).mkdir(parents=True)
        shutil.copy(built / path / "index.html", tmp_path / path / "index.html")
    assert nu_problems(tmp_path) == []
