"""Listings: one per notice feed at the feed's slug, in the order a reader needs."""

from __future__ import annotations

import pytest

from plugins.feeds.catalogue import entries, site_feeds
from plugins.notices.derive import Status, closing_deadline
from plugins.notices.site import Site
from plugins.site_pages.listings import listing_path, section_of, sections, site_listings


@pytest.mark.parametrize(
    ("slug", "path"),
    [
        ("open", ""),
        ("all", "notices/"),
        ("cy/all", "cy/notices/"),
        ("closing-soon", "closing-soon/"),
        ("cpv/45", "cpv/45/"),
        ("region/TLL", "region/TLL/"),
        ("buyer/afonwy-county-council", "buyer/afonwy-county-council/"),
        ("type/tender", "type/tender/"),
        ("value/over-10m", "value/over-10m/"),
    ],
)
def test_listing_urls_mirror_feed_slugs(slug: str, path: str):
    assert listing_path(slug) == path


@pytest.mark.parametrize(
    ("slug", "section"),
    [
        ("open", "status"),
        ("all", ""),
        ("cy/all", ""),
        ("cpv/45", "cpv"),
        ("status/closed", "status"),
    ],
)
def test_sections(slug: str, section: str):
    assert section_of(slug) == section


def test_every_notice_feed_has_a_listing_with_the_same_notices(sample_site: Site):
    feeds = site_feeds(sample_site)
    listings = {listing.slug: listing for listing in site_listings(sample_site, feeds)}
    for feed in feeds:
        if feed.kind != "notices":
            assert feed.slug not in listings
            continue
        listing = listings[feed.slug]
        assert listing.feed == feed
        assert listing.path == listing_path(feed.slug)
        assert {i.path for i in listing.items} == {i.path for i in entries(feed, sample_site)}


def test_listing_paths_are_unique(sample_site: Site):
    paths = [listing.path for listing in site_listings(sample_site, site_feeds(sample_site))]
    assert len(paths) == len(set(paths))


def test_open_opportunities_come_soonest_deadline_first(sample_site: Site):
    listings = site_listings(sample_site, site_feeds(sample_site))
    home = next(listing for listing in listings if listing.path == "")
    assert home.items and all(item.facets.status is Status.OPEN for item in home.items)
    deadlines = [closing_deadline(item.notice).at for item in home.items]
    assert deadlines == sorted(deadlines)


def test_other_listings_come_newest_first(sample_site: Site):
    listings = site_listings(sample_site, site_feeds(sample_site))
    everything = next(listing for listing in listings if listing.path == "notices/")
    published = [item.notice.published for item in everything.items]
    assert published == sorted(published, reverse=True)
    assert len(everything.items) == len(sample_site.in_language("en"))


def test_each_status_but_open_has_a_listing_of_its_own(sample_site: Site):
    listings = site_listings(sample_site, site_feeds(sample_site))
    by_slug = {listing.slug: listing for listing in listings}
    for status in Status:
        if status is Status.OPEN:
            assert "status/open" not in by_slug
            continue
        listing = by_slug[f"status/{status.value}"]
        assert listing.feed is None
        expected = {i.path for i in sample_site.in_language() if i.facets.status is status}
        assert {item.path for item in listing.items} == expected


def test_browse_sections_hold_every_faceted_listing_once(sample_site: Site):
    listings = site_listings(sample_site, site_feeds(sample_site))
    grouped = sections(listings, "en")
    keys = [key for key, _, _ in grouped]
    assert keys == ["type", "status", "cpv", "region", "buyer", "value"]
    shown = [listing.slug for _, _, members in grouped for listing in members]
    assert len(shown) == len(set(shown))
    assert "open" in shown and "cpv/45" in shown and "all" not in shown
