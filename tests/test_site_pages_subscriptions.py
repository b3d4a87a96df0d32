"""The subscribe page's subscriptions: every feed and calendar once, by its address."""

from __future__ import annotations

import pytest

from plugins.calendars.catalogue import site_calendars
from plugins.feeds.catalogue import site_feeds
from plugins.notices.site import Site
from plugins.site_pages.plan import SitePlan, plan
from plugins.site_pages.subscriptions import Subscription, subscription


def subscriptions(site: Site) -> list[Subscription]:
    return [sub for _, _, subs in plan(site).subscription_groups() for sub in subs]


def test_every_feed_and_calendar_is_offered_once(sample_site: Site) -> None:
    offered = subscriptions(sample_site)
    feeds = site_feeds(sample_site)
    assert sorted(s.atom for s in offered if s.atom) == sorted(f.atom_path for f in feeds)
    assert sorted(s.rss for s in offered if s.rss) == sorted(f.rss_path for f in feeds)
    calendars = site_calendars(sample_site)
    assert sorted(s.ics for s in offered if s.ics) == sorted(c.path for c in calendars)


def test_a_feed_goes_with_the_calendar_of_the_same_notices(sample_site: Site) -> None:
    by_slug = {sub.slug: sub for sub in subscriptions(sample_site)}
    assert by_slug["all"].ics == "calendar/deadlines.ics"
    assert by_slug["cpv/45"].paths() == (
        ("atom", "feeds/cpv/45.atom"),
        ("rss", "feeds/cpv/45.rss"),
        ("ics", "calendar/cpv/45.ics"),
    )
    assert by_slug["cpv/45"].webcal == "webcal://contracts.afonwy.gov.uk/calendar/cpv/45.ics"
    assert by_slug["cpv/45"].listing == "cpv/45/"
    assert by_slug["value/over-10m"].ics is None


def test_a_calendar_without_a_feed_is_offered_in_its_facets_group(sample_site: Site) -> None:
    site_plan = plan(sample_site)
    calendar = next(c for c in site_plan.calendars if c.slug.startswith("cpv/"))
    feeds = tuple(f for f in site_plan.feeds if f.slug != calendar.slug)
    listings = tuple(x for x in site_plan.listings if x.slug != calendar.slug)
    alone = SitePlan(sample_site, feeds, listings, site_plan.timelines, site_plan.calendars)
    groups = {key: subs for key, _, subs in alone.subscription_groups()}
    found = [sub for sub in groups["cpv"] if sub.slug == calendar.slug]
    assert [(s.atom, s.ics) for s in found] == [(None, calendar.path)]


def test_a_subscription_needs_a_feed_or_a_calendar(sample_site: Site) -> None:
    with pytest.raises(ValueError, match="a feed or a calendar"):
        subscription(sample_site, None, None, None)
