"""Listings, timelines, browse, subscribe, search, 404 and content pages in a real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.feeds.catalogue import OPML_PATH, entries, site_feeds
from plugins.notices.derive import Status
from plugins.notices.site import Site
from plugins.site_pages.plan import plan
from tests.sites import CONTENT, SAMPLE_URL, as_built, pelican_build
from tests.theme_pages import link_targets, listed, page


def test_home_page_lists_the_open_opportunities_soonest_first(
    built_sample: Path, sample_site: Site
):
    soup = page(built_sample, "")
    assert soup.h1.get_text() == "Contract opportunities"
    listed = [path for path in link_targets(soup, "", ".notice-list .notice-list__title")]
    open_now = [i.path for i in sample_site.in_language() if i.facets.status is Status.OPEN]
    assert sorted(listed) == sorted(open_now)
    home = plan(sample_site).listing("open")
    assert listed == [item.path for item in home.items]


@pytest.mark.parametrize(
    "slug",
    [
        "cpv/45",
        "region/TLL",
        "buyer/afonwy-county-council",
        "type/tender",
        "closing-soon",
        "value/over-10m",
    ],
)
def test_a_facet_listing_shows_its_feeds_notices_and_links_the_feed(
    built_sample: Path, sample_site: Site, slug: str
):
    feed = next(feed for feed in site_feeds(sample_site) if feed.slug == slug)
    path = f"{slug}/"
    soup = page(built_sample, path)
    shown = listed(built_sample, path)
    assert sorted(shown) == sorted(item.path for item in entries(feed, sample_site))
    assert {"feeds/" + slug + ".atom", "feeds/" + slug + ".rss"} <= set(
        link_targets(soup, path, ".feed-links")
    )
    discovery = [link["href"] for link in soup.select("link[rel=alternate][type]")]
    assert discovery == [f"{SAMPLE_URL}/{feed.atom_path}", f"{SAMPLE_URL}/{feed.rss_path}"]


def test_status_listings(built_sample: Path, sample_site: Site):
    soup = page(built_sample, "status/cancelled/")
    listed = link_targets(soup, "status/cancelled/", ".notice-list .notice-list__title")
    cancelled = [i.path for i in sample_site.in_language() if i.facets.status is Status.CANCELLED]
    assert sorted(listed) == sorted(cancelled)
    assert not soup.select(".feed-links")


def test_all_notices_fewer_than_two_pages_are_on_the_front_page(
    built_sample: Path, sample_site: Site
):
    # An archive's front page holds up to twice a page (20 a page) before its oldest move to
    # notices/page/1/; tests/test_theme_paging.py builds with five a page.
    soup = page(built_sample, "notices/")
    shown = link_targets(soup, "notices/", ".notice-list .notice-list__title")
    assert 20 < len(shown) < 40
    assert shown == [item.path for item in plan(sample_site).listing("all").items]  # type: ignore[union-attr]
    assert not soup.select(".pagination")
    assert not (built_sample / "notices" / "page").exists()


def test_timeline_lists_the_procurements_notices_in_order(built_sample: Path):
    path = "procurements/ocds-h6vhtk-1b2e40/"
    soup = page(built_sample, path)
    headings = [h.get_text() for h in soup.select(".timeline__title")]
    assert [h.split("(")[1].split(")")[0] for h in headings] == [
        "UK2",
        "UK3",
        "UK4",
        "UK6",
        "UK7",
        "UK10",
    ]
    times = [t["datetime"] for t in soup.select(".timeline__date time")]
    assert times == sorted(times)


def test_timeline_shows_changes_in_their_place(built_sample: Path):
    soup = page(built_sample, "procurements/ocds-h6vhtk-0a31c7/")
    kinds = [
        "change" if "timeline__item--change" in li["class"] else "notice"
        for li in soup.select(".timeline__item")
    ]
    assert kinds == ["notice", "change", "change"]


def test_browse_links_every_listing(built_sample: Path, sample_site: Site):
    targets = set(link_targets(page(built_sample, "browse/"), "browse/"))
    for listing in plan(as_built(sample_site)).listings:
        assert listing.path in targets, listing.path
        assert (built_sample / listing.path / "index.html").is_file()


def test_subscribe_page_links_every_feed_calendar_and_the_opml(
    built_sample: Path, sample_site: Site
):
    targets = set(link_targets(page(built_sample, "subscribe/"), "subscribe/"))
    for feed in site_feeds(as_built(sample_site)):
        assert {feed.atom_path, feed.rss_path} <= targets, feed.slug
    assert OPML_PATH in targets
    assert "calendar/deadlines.ics" in targets
    assert {"notices.json", "ocds/releases.json"} <= targets


def test_search_page_works_as_a_form_and_explains_itself_without_javascript(built_sample: Path):
    soup = page(built_sample, "search/")
    form = soup.select_one("form[role=search]")
    assert form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert soup.select_one(f"label[for={field['id']}]")
    assert "Search needs JavaScript" in soup.noscript.get_text()
    assert soup.select_one("[role=status][aria-live=polite]")
    assert soup.select_one("script[src$='theme/js/search.js']")


def test_the_404_page_links_from_the_site_root(built_sample: Path):
    soup = page(built_sample, "404.html")
    assert soup.h1.get_text() == "Page not found"
    hrefs = [a["href"] for a in soup.select("a[href]") if not a["href"].startswith("#")]
    assert hrefs and all(href.startswith("/") for href in hrefs), hrefs
    assert soup.select_one("link[rel=stylesheet]")["href"].startswith("/")


def test_accessibility_statement_follows_the_public_sector_template(built_sample: Path):
    soup = page(built_sample, "accessibility/")
    headings = {h.get_text() for h in soup.select("main h2")}
    assert {
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    } <= headings


def test_every_page_has_one_h1_a_language_a_skip_link_and_landmarks(built_sample: Path):
    pages = [p for p in built_sample.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 100
    for file in pages:
        path = file.relative_to(built_sample).as_posix()
        soup = page(built_sample, path)
        assert soup.html.get("lang"), path
        assert len(soup.find_all("h1")) == 1, path
        skip = soup.select_one("a.skip-link")
        assert skip["href"] == "#main-content" and soup.select_one("main#main-content"), path
        assert soup.select_one("header") and soup.select_one("footer"), path
        assert soup.select_one("nav.site-nav[aria-label]"), path


def test_pages_and_cards_are_the_same_on_a_second_build(built_sample: Path, tmp_path: Path):
    result = pelican_build(CONTENT, tmp_path / "again", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    mine = [
        p
        for p in built_sample.rglob("*")
        if p.suffix in {".html", ".png", ".css", ".js"} and p.is_file()
    ]
    assert len(mine) > 150
    for file in mine:
        twin = tmp_path / "again" / file.relative_to(built_sample)
        assert twin.read_bytes() == file.read_bytes(), file
