"""The site plan: a notice's feeds and timeline, and the subscribe page's feed groups."""

from __future__ import annotations

from plugins.notices.site import Site
from plugins.site_pages.listings import Listing
from plugins.site_pages.plan import SitePlan, plan


def test_a_notices_feeds_are_the_notice_feeds_it_matches_broadest_first(sample_site: Site):
    site_plan = plan(sample_site)
    for item in sample_site.notices:
        expected = tuple(
            feed
            for feed in site_plan.feeds
            if feed.lang == item.lang and feed.kind == "notices" and feed.matches(item)
        )
        assert site_plan.feeds_of(item.path) == expected, item.path


def test_every_notice_has_its_timeline(sample_site: Site):
    site_plan = plan(sample_site)
    for item in sample_site.notices:
        found = site_plan.timeline_of(item.path)
        assert found is not None and item in found.items


def test_the_subscribe_page_groups_every_feed_once(sample_site: Site):
    site_plan = plan(sample_site)
    grouped = [feed for _, _, feeds in site_plan.feed_groups() for feed in feeds]
    assert sorted(f.slug for f in grouped) == sorted(f.slug for f in site_plan.feeds)
    keys = [key for key, _, _ in site_plan.feed_groups()]
    assert keys[0] == "main" and keys[-1] == "language"
    main = next(feeds for key, _, feeds in site_plan.feed_groups() if key == "main")
    assert {f.slug for f in main} == {"all", "open", "closing-soon", "changes"}


def test_pages_cover_every_listing(sample_site: Site):
    site_plan = plan(sample_site)
    pages = site_plan.pages(20)
    assert {page.listing.path for page in pages} == {listing.path for listing in site_plan.listings}
    assert len({page.path for page in pages}) == len(pages)


def test_a_region_links_its_finest_listing(sample_site: Site):
    site_plan = plan(sample_site)
    wales = site_plan.listing("region/TLL")
    assert wales is not None
    finer = site_plan.listing("region/TLL14")
    assert site_plan.region_listing("TLL14") is (finer or wales)
    assert site_plan.region_listing("TLL") is wales
    assert site_plan.region_listing("TLK41") is None


def test_a_region_lists_the_areas_one_level_within_it(sample_site: Site):
    site_plan = plan(sample_site)
    wales = site_plan.listing("region/TLL")
    assert wales is not None
    areas = site_plan.region_areas(wales)
    assert all(
        a.slug.startswith("region/TLL") and len(a.slug) == len(wales.slug) + 1 for a in areas
    )
    assert {a.slug for a in areas} == {
        x.slug for x in site_plan.listings if x.slug in {"region/TLL1", "region/TLL2"}
    }
    cpv = site_plan.listing("cpv/45")
    assert cpv is not None and site_plan.region_areas(cpv) == ()


def test_region_listings_at_every_itl_level_link_down_and_up(sample_site: Site):
    site_plan = plan(sample_site)

    def area(code: str) -> Listing:
        return Listing(f"region/{code}/", f"region/{code}", code, "", "en", ())

    levels = tuple(area(code) for code in ("TLL", "TLL1", "TLL2", "TLL14", "TLK"))
    finer = SitePlan(sample_site, site_plan.feeds, levels, site_plan.timelines)
    assert [a.slug for a in finer.region_areas(levels[0])] == ["region/TLL1", "region/TLL2"]
    assert [a.slug for a in finer.region_areas(levels[1])] == ["region/TLL14"]
    assert finer.region_areas(levels[3]) == ()
    assert finer.region_listing("TLL14") is levels[3]
    assert finer.region_listing("TLL13") is levels[1]
    assert finer.region_listing("TLL22") is levels[2]
