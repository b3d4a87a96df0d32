"""What a supplier can subscribe to: a feed and a calendar for every CPV division and every
ITL1-3 area of the site's regions from day one, status in every entry, the open notices on
the first page, and one feed and calendar per procurement."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar as ICalendar

from plugins.calendars.catalogue import (
    calendars_for,
    procurement_calendar,
    site_calendars,
)
from plugins.calendars.ics import render
from plugins.config import CalendarOptions, FeedOptions, SettingsError, load_config
from plugins.feeds.build import compose, feed_files
from plugins.feeds.catalogue import OPML_PATH, procurement_feed, site_feeds
from plugins.notices.codelists import cpv_divisions, regions_within
from plugins.notices.facets import REGION, site_values
from plugins.notices.output import in_memory
from plugins.notices.site import Site, assemble
from tests.checks.calendars import ics_problems
from tests.checks.feeds import problems
from tests.sites import SAMPLE_CLOCK, SAMPLE_URL

WALES = regions_within("TLL", (1, 2, 3))
COUNCIL = "Afonwy County Council contract opportunities"


@pytest.fixture(scope="module")
def empty_site() -> Site:
    """A site on its first day: no notices yet, serving Wales."""
    return assemble([], url=SAMPLE_URL, name=COUNCIL, clock=SAMPLE_CLOCK, regions=("TLL",))


@pytest.fixture(scope="module")
def empty_feeds(empty_site: Site) -> dict[str, bytes]:
    return dict(feed_files(empty_site, FeedOptions()))


@pytest.fixture(scope="module")
def sample_feeds(sample_site: Site) -> dict[str, bytes]:
    return dict(feed_files(sample_site, FeedOptions()))


@pytest.fixture(scope="module")
def sample_calendars(sample_site: Site) -> dict[str, bytes]:
    return in_memory(render(sample_site, CalendarOptions()))


def _slugs() -> list[str]:
    return [f"cpv/{d}" for d in cpv_divisions()] + [f"region/{code}" for code in WALES]


def _item(site: Site, notice_id: str):
    return next(i for i in site.in_language() if i.notice.notice_id == notice_id)


def test_cpv_2008_has_45_divisions_and_wales_15_areas():
    assert len(cpv_divisions()) == 45
    assert WALES[:3] == ("TLL", "TLL1", "TLL11")
    assert len(WALES) == 15  # Wales, 2 ITL2 areas, 12 ITL3 areas


@pytest.mark.parametrize("site_name", ["empty_site", "sample_site"])
def test_every_division_and_area_of_wales_has_a_feed_and_a_calendar(site_name, request):
    site = request.getfixturevalue(site_name)
    feeds = {feed.slug for feed in site_feeds(site)}
    calendars = {calendar.slug for calendar in site_calendars(site)}
    for slug in _slugs():
        assert slug in feeds, slug
        assert slug in calendars, slug


def test_the_sample_derives_its_nation_from_its_notices(sample_site):
    assert sample_site.regions is None
    assert [v.value for v in site_values(REGION, sample_site)] == list(WALES)


def test_empty_feeds_parse_say_so_and_pass_the_checks(empty_feeds, tmp_path: Path):
    for slug in _slugs():
        for fmt in ("atom", "rss"):
            parsed = feedparser.parse(empty_feeds[f"feeds/{slug}.{fmt}"])
            assert parsed.bozo == 0, slug
            assert parsed.entries == []
            assert parsed.feed.subtitle.endswith("There are no notices in this feed yet.")
    for path, data in empty_feeds.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    assert problems(tmp_path) == []


def test_every_feed_of_the_sample_parses_without_bozo(sample_feeds):
    for path, data in sample_feeds.items():
        if path != OPML_PATH:
            assert feedparser.parse(data).bozo == 0, path


def test_the_opml_lists_every_division_and_area(empty_feeds):
    opml = empty_feeds[OPML_PATH].decode()
    for slug in _slugs():
        assert f"{SAMPLE_URL}/feeds/{slug}.atom" in opml
        assert f"{SAMPLE_URL}/feeds/{slug}.rss" in opml


def test_empty_calendars_are_valid(empty_site):
    calendars = in_memory(render(empty_site, CalendarOptions()))
    for slug in _slugs():
        data = calendars[f"calendar/{slug}.ics"]
        assert ics_problems(data) == [], slug
        parsed = ICalendar.from_ical(data)
        assert parsed.name == "VCALENDAR"
        assert not parsed.walk("VEVENT")


def test_titles_start_with_the_council(sample_feeds, sample_calendars):
    parsed = feedparser.parse(sample_feeds["feeds/region/TLL14.atom"])
    assert parsed.feed.title == f"{COUNCIL} \N{EN DASH} Region: South West Wales"
    calendar = ICalendar.from_ical(sample_calendars["calendar/cpv/45.ics"])
    name = calendar["X-WR-CALNAME"].to_ical().decode().replace("\\,", ",")
    assert name == f"{COUNCIL} \N{EN DASH} Deadlines: CPV 45, Construction work"


def test_a_notice_in_tll14_is_in_the_tll_tll1_and_tll14_feeds(sample_site, sample_feeds):
    highways = _item(sample_site, "ACC-2026-0031")
    assert [r.code for r in highways.notice.regions] == ["TLL14"]
    entry_id = compose(sample_site, "2026").notices[highways.notice.key].id
    for code in ("TLL", "TLL1", "TLL14"):
        ids = [e.id for e in feedparser.parse(sample_feeds[f"feeds/region/{code}.atom"]).entries]
        assert entry_id in ids, code
    for code in ("TLL2", "TLL22"):
        ids = [e.id for e in feedparser.parse(sample_feeds[f"feeds/region/{code}.atom"]).entries]
        assert entry_id not in ids, code


def test_region_levels_choose_which_areas_have_feeds(sample_site):
    site = dataclasses.replace(sample_site, region_levels=(1,))
    assert [v.value for v in site_values(REGION, site)] == ["TLL"]
    highways = _item(site, "ACC-2026-0031")
    regions = [c.slug for c in calendars_for(highways, site) if c.slug.startswith("region/")]
    assert regions == ["region/TLL"]


def test_a_cancelled_notice_says_so_in_its_cpv_feed(sample_site, sample_feeds):
    # ACC-2025-0036, a tender in CPV 45, was cancelled by ACC-2026-0002 on 12 January 2026.
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse(sample_feeds[f"feeds/cpv/45.{fmt}"])
        (entry,) = [e for e in parsed.entries if e.id.endswith("/ACC-2025-0036/en")]
        assert entry.title.startswith("Cancelled: Tender notice: ")
        assert entry.tags[0].term == ("cancelled" if fmt == "atom" else "Cancelled")
    atom = feedparser.parse(sample_feeds["feeds/cpv/45.atom"])
    (entry,) = [e for e in atom.entries if e.id.endswith("/ACC-2025-0036/en")]
    assert entry.tags[0].label == "Cancelled"
    assert entry.tags[0].scheme == f"{SAMPLE_URL}/status/"
    cancellation = _item(sample_site, "ACC-2026-0002").notice.published
    assert datetime(*entry.updated_parsed[:6], tzinfo=UTC) == cancellation


def test_the_changes_feed_carries_the_cancellation_and_awards(sample_feeds):
    ids = [e.id for e in feedparser.parse(sample_feeds["feeds/changes.atom"]).entries]
    assert any(i.endswith("events/ACC-2026-0002/cancelled") for i in ids)
    assert any(i.endswith("events/ACC-2026-0046/awarded") for i in ids)


def test_a_closed_notice_is_updated_when_its_deadline_passed(sample_site):
    entries = compose(sample_site, "2026").notices
    closed = [i for i in sample_site.in_language() if i.facets.status.value == "closed"]
    assert closed
    for item in closed:
        entry = entries[item.notice.key]
        assert entry.title.startswith("Closed: ")
        assert item.notice.updated <= entry.updated <= sample_site.clock


def test_the_first_page_holds_every_open_notice_whatever_its_age(sample_site):
    # 10 open notices, 3 entries a page: the first page holds all 10, then pages of 3.
    files = dict(feed_files(sample_site, FeedOptions(max_entries=3)))
    open_ids = compose(sample_site, "2026").open
    english_open = {i for i in open_ids if i.endswith("/en")}
    assert len(english_open) == 10
    first = feedparser.parse(files["feeds/all.atom"])
    assert {e.id for e in first.entries} == english_open
    second = feedparser.parse(files["feeds/all/page-2.atom"])
    assert len(second.entries) == 3
    assert not {e.id for e in second.entries} & open_ids
    # A feed whose open notices fit leaves the rest of the first page to the newest others.
    cpv45 = feedparser.parse(files["feeds/cpv/45.atom"])
    assert len(cpv45.entries) >= 3


def test_a_procurement_feed_has_every_notice_and_change_of_its_ocid(sample_site, sample_feeds):
    ocid = "ocds-h6vhtk-1b2e40"
    feed = procurement_feed(ocid, sample_site)
    assert feed.atom_path == f"feeds/procurements/{ocid}.atom"
    parsed = feedparser.parse(sample_feeds[feed.atom_path])
    assert parsed.bozo == 0
    ids = {e.id for e in parsed.entries}
    for item in sample_site.procurement(ocid):
        notice = item.notice
        assert f"tag:contracts.afonwy.gov.uk,2026:notices/{notice.notice_id}/en" in ids
        for change in notice.changes:
            event = f"events/{notice.notice_id}/change/{change.number}"
            assert f"tag:contracts.afonwy.gov.uk,2026:{event}" in ids
    assert parsed.feed.title.startswith(f"{COUNCIL} \N{EN DASH} Procurement: ")
    published = [e.published_parsed for e in parsed.entries]
    assert published == sorted(published, reverse=True)


def test_a_procurement_calendar_has_every_deadline_of_its_ocid(sample_site, sample_calendars):
    ocid = "ocds-h6vhtk-1b2e40"
    calendar = procurement_calendar(ocid, sample_site)
    assert calendar.path == f"calendar/procurements/{ocid}.ics"
    data = sample_calendars[calendar.path]
    assert ics_problems(data) == []
    expected = sum(len(i.notice.deadlines) for i in sample_site.procurement(ocid))
    assert expected > 0
    assert len(ICalendar.from_ical(data).walk("VEVENT")) == expected


def test_every_procurement_has_a_feed_and_a_calendar(sample_site, sample_feeds, sample_calendars):
    for ocid in {i.notice.ocid for i in sample_site.in_language()}:
        assert f"feeds/procurements/{ocid}.atom" in sample_feeds
        assert f"feeds/procurements/{ocid}.rss" in sample_feeds
        assert f"calendar/procurements/{ocid}.ics" in sample_calendars


def test_region_settings_are_checked():
    base = {"NOTICES_SITE_URL": SAMPLE_URL}
    config = load_config(base | {"FEEDS_REGIONS": ("TLL",), "FEEDS_REGION_LEVELS": [3, 1]})
    assert (config.feeds.regions, config.feeds.region_levels) == (("TLL",), (1, 3))
    assert load_config(base).feeds.regions is None
    for bad in ({"FEEDS_REGIONS": ("TLL1",)}, {"FEEDS_REGION_LEVELS": (4,)}):
        with pytest.raises(SettingsError, match="FEEDS_REGION"):
            load_config(base | bad)
