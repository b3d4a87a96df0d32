"""Deadline calendars as a subscriber's calendar app reads them (plugins/calendars/ics.py):
which calendars there are, their events' uids and sequences, and a real build's files.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from tests import calendars_support
from tests.calendars_support import (
    HIGHWAY,
    HOST,
    as_built,
    events_by_uid,
    front_matters,
    lang,
    parse,
)
from tests.checks.calendars import calendar_problems, ics_problems
from tests.sites import SAMPLE_CLOCK, site_from

files = calendars_support.files  # a shared fixture


def cancelled_ocids() -> set[str]:
    return {data["ocid"] for data in front_matters() if data["notice_type"] == "UK12"}


def english(data: dict[str, Any]) -> bool:
    return lang(data) == "en"


def english_deadlines(since: datetime | None = None) -> list[datetime]:
    return [
        at
        for data in front_matters()
        if english(data)
        for at in data.get("deadlines", {}).values()
        if since is None or at >= since
    ]


def test_the_site_calendar_has_an_event_per_english_deadline_of_the_last_year(files):
    expected = len(english_deadlines(SAMPLE_CLOCK - timedelta(days=365)))
    assert 10 < expected < len(english_deadlines())
    assert len(parse(files["calendar/deadlines.ics"]).walk("VEVENT")) == expected


def test_how_far_back_the_site_calendar_goes_follows_the_setting(sample_site):
    def count(options: Options) -> int:
        return len(
            parse(in_memory(render(sample_site, options))["calendar/deadlines.ics"]).walk("VEVENT")
        )

    assert count(Options(past=None)) == len(english_deadlines())
    assert count(Options(past=timedelta(0))) == len(english_deadlines(SAMPLE_CLOCK)) > 0


def test_a_facet_calendar_stays_valid_when_its_last_deadline_ages_out(sample_site):
    files = in_memory(render(sample_site, Options(past=timedelta(0))))
    empty = [path for path, data in files.items() if not parse(data).walk("VEVENT")]
    assert empty
    assert all(path.startswith("calendar/") for path in empty)
    assert all(ics_problems(files[path]) == [] for path in empty)


def test_each_notice_with_deadlines_has_its_own_calendar_beside_its_page(files):
    expected = {}
    for data in front_matters():
        if data.get("deadlines"):
            prefix = "" if english(data) else f"{lang(data)}/"
            expected[f"{prefix}notices/{data['_slug']}/deadlines.ics"] = len(data["deadlines"])
    found = {
        path: len(parse(data).walk("VEVENT"))
        for path, data in files.items()
        if path.startswith(("notices/", "cy/notices/"))
    }
    assert found == expected
    assert "cy/notices/library-stock-supply/deadlines.ics" in found


def test_every_uid_names_the_notice_and_the_deadline_kind(files):
    uids = set(events_by_uid(files[HIGHWAY]))
    assert uids == {f"ACC-2026-0031-enquiry@{HOST}", f"ACC-2026-0031-tender@{HOST}"}
    welsh = set(events_by_uid(files["cy/notices/library-stock-supply/deadlines.ics"]))
    assert welsh == {f"ACC-2026-0039-enquiry-cy@{HOST}", f"ACC-2026-0039-tender-cy@{HOST}"}
    site_uids = [str(e["UID"]) for e in parse(files["calendar/deadlines.ics"]).walk("VEVENT")]
    assert len(site_uids) == len(set(site_uids))
    assert not welsh & set(site_uids)


def test_sequence_counts_changes_plus_one_for_a_cancellation(files, sample_site):
    cancelled = cancelled_ocids()
    checked = 0
    for item in sample_site.notices:
        path = f"{item.path}deadlines.ics"
        if path not in files:
            continue
        data = next(d for d in front_matters() if _same(d, item.notice.notice_id, item.lang))
        expected = len(data.get("changes", [])) + (data["ocid"] in cancelled)
        for event in parse(files[path]).walk("VEVENT"):
            assert event["SEQUENCE"] == expected, (path, event["UID"])
            checked += 1
    assert checked > 20


def test_events_of_a_cancelled_procurement_are_marked_cancelled(files):
    cancelled = cancelled_ocids()
    assert cancelled
    statuses = {}
    for data in front_matters():
        if english(data) and data.get("deadlines"):
            statuses[data["notice_id"]] = "CANCELLED" if data["ocid"] in cancelled else "CONFIRMED"
    for event in parse(files["calendar/deadlines.ics"]).walk("VEVENT"):
        expected = statuses[_notice_id_of(str(event["UID"]))]
        assert event["STATUS"] == expected, event["UID"]
        assert ("(cancelled)" in event["SUMMARY"]) == (expected == "CANCELLED"), event["UID"]
    assert "CANCELLED" in statuses.values()
    assert "CONFIRMED" in statuses.values()


def test_the_same_content_gives_the_same_bytes(files):
    assert in_memory(render(site_from(), Options())) == files


def test_every_file_is_exactly_what_icalendar_writes_for_the_calendar_it_reads(files):
    # Events are serialised once and spliced into each calendar: that must not show.
    for path, data in files.items():
        assert parse(data).to_ical() == data, path


def test_a_real_build_writes_every_calendar_and_they_pass_the_checks(built_sample, sample_site):
    written = {
        path.relative_to(built_sample).as_posix(): path.read_bytes()
        for path in built_sample.rglob("*.ics")
    }
    # Every language's: English at the root, Welsh under cy/.
    assert written == in_memory(render(as_built(sample_site), Options()))
    assert any(path.startswith("cy/calendar/") for path in written)
    assert calendar_problems(built_sample) == []


def _same(data: dict[str, Any], notice_id: str, language: str) -> bool:
    return data["notice_id"] == notice_id and lang(data) == language


def _notice_id_of(uid: str) -> str:
    local = uid.split("@")[0]
    for kind in ("expression-of-interest", "engagement", "enquiry", "tender"):
        if local.endswith(f"-{kind}"):
            return local.removesuffix(f"-{kind}")
    raise AssertionError(f"UID {uid} names no deadline kind")
