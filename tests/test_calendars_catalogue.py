"""Which calendars exist and which notices each carries (plugins/calendars/catalogue.py)."""

from __future__ import annotations

from plugins.calendars.catalogue import (
    calendars_for,
    carried,
    notice_calendar,
    site_calendars,
    subscribe_url,
)
from plugins.feeds.catalogue import site_feeds
from plugins.notices.codelists import cpv_divisions, regions_within
from plugins.notices.site import Site


def _item(site: Site, slug: str, lang: str = "en"):
    return next(i for i in site.notices if i.notice.slug == slug and i.lang == lang)


def test_the_site_calendar_comes_first_then_facets_sorted_by_kind(sample_site):
    calendars = site_calendars(sample_site)
    assert calendars[0].slug == "deadlines"
    assert calendars[0].path == "calendar/deadlines.ics"
    kinds = [c.slug.split("/")[0] for c in calendars[1:]]
    assert kinds == sorted(kinds, key=["cpv", "region", "buyer"].index)
    assert all(c.path == f"calendar/{c.slug}.ics" for c in calendars)
    assert len({c.path for c in calendars}) == len(calendars)


def test_facet_calendars_pair_with_the_facet_feeds(sample_site):
    feeds = {feed.slug: feed for feed in site_feeds(sample_site)}
    for calendar in site_calendars(sample_site)[1:]:
        feed = feeds[calendar.slug]
        assert {i.notice.key for i in carried(calendar, sample_site)} == {
            i.notice.key
            for i in sample_site.in_language()
            if i.notice.deadlines and feed.matches(i)
        }


def test_facet_calendars_exist_for_every_division_area_and_buyer_even_empty(sample_site):
    english = sample_site.in_language()
    buyers = {i.facets.buyer_slug for i in english}
    slugs = {c.slug for c in site_calendars(sample_site)}
    assert {s.removeprefix("cpv/") for s in slugs if s.startswith("cpv/")} == set(cpv_divisions())
    assert {s.removeprefix("region/") for s in slugs if s.startswith("region/")} == set(
        regions_within("TLL", (1, 2, 3))
    )
    assert {s.removeprefix("buyer/") for s in slugs if s.startswith("buyer/")} == buyers
    for calendar in site_calendars(sample_site):
        items = carried(calendar, sample_site)
        assert all(i.lang == "en" and i.notice.deadlines for i in items)


def test_an_english_notice_links_its_own_calendar_then_the_ones_it_is_in(sample_site):
    item = _item(sample_site, "highway-resurfacing-framework")
    slugs = [c.slug for c in calendars_for(item, sample_site)]
    assert slugs == [
        "notices/highway-resurfacing-framework",
        "deadlines",
        "cpv/45",
        "region/TLL",
        "region/TLL1",
        "region/TLL14",
        "buyer/afonwy-county-council",
    ]
    assert calendars_for(item, sample_site)[0].path == (
        "notices/highway-resurfacing-framework/deadlines.ics"
    )
    everywhere = {c.slug: c for c in site_calendars(sample_site)}
    for calendar in calendars_for(item, sample_site)[1:]:
        assert everywhere[calendar.slug] == calendar
        assert item in carried(calendar, sample_site)


def test_a_welsh_notice_has_only_its_own_calendar(sample_site):
    item = _item(sample_site, "library-stock-supply", "cy")
    (own,) = calendars_for(item, sample_site)
    assert own.path == "cy/notices/library-stock-supply/deadlines.ics"
    assert own.lang == "cy"
    assert carried(own, sample_site) == (item,)
    assert all(item not in carried(c, sample_site) for c in site_calendars(sample_site))


def test_a_notice_without_deadlines_links_no_calendar(sample_site):
    item = next(i for i in sample_site.notices if not i.notice.deadlines)
    assert calendars_for(item, sample_site) == ()


def test_a_notice_calendar_carries_just_that_notice(sample_site):
    item = _item(sample_site, "highway-resurfacing-framework")
    calendar = notice_calendar(item)
    assert carried(calendar, sample_site) == (item,)
    assert calendar.title == f"Deadlines: {item.notice.title}"


def test_the_subscribe_link_uses_the_webcal_scheme(sample_site):
    assert subscribe_url(site_calendars(sample_site)[0], sample_site) == (
        "webcal://contracts.afonwy.gov.uk/calendar/deadlines.ics"
    )
