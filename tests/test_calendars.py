"""Deadline calendars as a subscriber's calendar app reads them (plugins/calendars/ics.py)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from icalendar import Calendar

from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from plugins.notices.site import Site
from tests.checks.calendars import calendar_problems, ics_problems
from tests.sites import CONTENT, SAMPLE_CLOCK, pelican_build, site_from

LONDON = ZoneInfo("Europe/London")
HOST = "contracts.afonwy.gov.uk"
HIGHWAY = "notices/highway-resurfacing-framework/deadlines.ics"
CAFE = "notices/leisure-centre-cafe-catering-tender/deadlines.ics"


@cache
def front_matters(content: Path = CONTENT) -> tuple[dict[str, Any], ...]:
    """The published notices' front matter, read with plain YAML: not through our model.

    ``_slug`` is the file name without ``.md`` and a language suffix.
    """
    found = []
    for path in sorted((content / "notices").rglob("*.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        slug = path.name.removesuffix(".md").removesuffix(f".{lang(data)}")
        if data["published"] <= SAMPLE_CLOCK:
            found.append({**data, "_slug": slug})
    return tuple(found)


def lang(data: dict[str, Any]) -> str:
    return data.get("lang", "en")


def cancelled_ocids() -> set[str]:
    return {data["ocid"] for data in front_matters() if data["notice_type"] == "UK12"}


def english(data: dict[str, Any]) -> bool:
    return lang(data) == "en"


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events_by_uid(data: bytes) -> dict[str, Any]:
    return {str(event["UID"]): event for event in parse(data).walk("VEVENT")}


def at(event: Any, name: str) -> datetime:
    return event.decoded(name)


@pytest.fixture(scope="module")
def files(sample_site: Site) -> dict[str, bytes]:
    return in_memory(render(sample_site, Options()))


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


def test_a_summer_deadline_at_noon_uk_time_is_eleven_utc(files):
    # leisure-centre-cafe-catering-tender: tender 2026-07-10T12:00:00+01:00 (BST).
    event = events_by_uid(files[CAFE])[f"ACC-2026-0018-tender@{HOST}"]
    end = at(event, "DTEND")
    assert end.astimezone(UTC) == datetime(2026, 7, 10, 11, 0, tzinfo=UTC)
    assert end.replace(tzinfo=None) == datetime(2026, 7, 10, 12, 0)
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert at(event, "DTSTART") == end - timedelta(minutes=30)


def test_a_winter_deadline_at_noon_uk_time_is_noon_utc(files):
    event = events_by_uid(files[HIGHWAY])[f"ACC-2026-0031-tender@{HOST}"]
    assert at(event, "DTEND").astimezone(UTC) == datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def test_the_shipped_vtimezone_agrees_with_the_tz_database_at_every_deadline(files):
    # A client without its own copy of Europe/London reads times through our VTIMEZONE.
    calendar = parse(files["calendar/deadlines.ics"])
    (timezone,) = calendar.walk("VTIMEZONE")
    shipped = timezone.to_tz(lookup_tzid=False)
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            local = at(event, name).replace(tzinfo=None)
            assert (
                local.replace(tzinfo=shipped).utcoffset()
                == local.replace(tzinfo=LONDON).utcoffset()
            ), (event["UID"], name)


def test_stamps_come_from_the_content_not_the_clock(files):
    event = events_by_uid(files[HIGHWAY])[f"ACC-2026-0031-tender@{HOST}"]
    last_change = datetime(2026, 11, 12, 15, 30, tzinfo=UTC)
    assert at(event, "DTSTAMP") == last_change
    assert at(event, "LAST-MODIFIED") == last_change
    assert event["DTSTAMP"].to_ical().endswith(b"Z")


def test_a_cancellation_stamps_the_events_when_the_procurement_was_cancelled(files):
    event = events_by_uid(files[CAFE])[f"ACC-2026-0018-tender@{HOST}"]
    termination = next(
        d
        for d in front_matters()
        if d["notice_type"] == "UK12" and d["ocid"] == "ocds-h6vhtk-a1c3d5"
    )
    assert at(event, "DTSTAMP") == termination["published"].astimezone(UTC)
    assert "cancelled on" in str(event["DESCRIPTION"])


def test_an_event_tells_the_buyer_value_and_link(files):
    event = events_by_uid(files[HIGHWAY])[f"ACC-2026-0031-tender@{HOST}"]
    text = str(event["DESCRIPTION"])
    url = f"https://{HOST}/notices/highway-resurfacing-framework/"
    assert "Afonwy County Council" in text
    assert "£18,000,000 excluding VAT" in text
    assert "Friday 4 December 2026, 12:00pm (GMT)" in text
    assert text.endswith(url)
    assert str(event["URL"]) == url
    assert str(event["SUMMARY"]).startswith("Tender deadline: Highway resurfacing")
    assert event["TRANSP"] == "TRANSPARENT"
    assert [str(c) for c in event.categories] == ["Tender notice", "Tender deadline"]


def test_calendar_properties_name_and_refresh_the_calendar(files):
    calendar = parse(files["calendar/cpv/45.ics"])
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]).startswith("Deadlines: CPV 45")
    assert calendar["X-WR-TIMEZONE"] == "Europe/London"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=12)
    assert str(calendar["SOURCE"]) == f"https://{HOST}/calendar/cpv/45.ics"


def test_the_reminder_follows_the_setting(sample_site):
    def alarms(options: Options) -> list[Any]:
        return parse(in_memory(render(sample_site, options))[HIGHWAY]).walk("VALARM")

    default = alarms(Options())
    assert len(default) == 2
    assert {alarm.decoded("TRIGGER") for alarm in default} == {timedelta(days=-1)}
    assert {alarm["ACTION"] for alarm in default} == {"DISPLAY"}
    assert {alarm.decoded("TRIGGER") for alarm in alarms(Options(alarm=timedelta(hours=2)))} == {
        timedelta(hours=-2)
    }
    assert alarms(Options(alarm=None)) == []


def test_a_zero_length_makes_a_point_in_time(sample_site):
    event = events_by_uid(in_memory(render(sample_site, Options(length=timedelta(0))))[HIGHWAY])[
        f"ACC-2026-0031-tender@{HOST}"
    ]
    assert "DTEND" not in event
    assert at(event, "DTSTART").astimezone(UTC) == datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def test_the_same_content_gives_the_same_bytes(files):
    assert in_memory(render(site_from(), Options())) == files


def test_every_file_is_exactly_what_icalendar_writes_for_the_calendar_it_reads(files):
    # Events are serialised once and spliced into each calendar: that must not show.
    for path, data in files.items():
        assert parse(data).to_ical() == data, path


def test_a_real_build_writes_every_calendar_and_they_pass_the_checks(built_sample, files):
    written = {
        path.relative_to(built_sample).as_posix(): path.read_bytes()
        for path in built_sample.rglob("*.ics")
    }
    assert written == files
    assert calendar_problems(built_sample) == []


def test_a_removed_deadline_drops_its_event_and_bumps_the_others(tmp_path):
    content = _copy_content(tmp_path)
    _amend(
        content,
        old="  enquiry: 2026-11-27T17:00:00+00:00\n",
        new="",
        change_fields="[deadlines.enquiry]",
        summary="Clarification questions are no longer taken.",
    )
    events = events_by_uid(in_memory(render(site_from(content), Options()))[HIGHWAY])
    assert set(events) == {f"ACC-2026-0031-tender@{HOST}"}
    assert events[f"ACC-2026-0031-tender@{HOST}"]["SEQUENCE"] == 3


def test_an_amendment_bumps_sequence_and_moves_the_event_under_the_same_uid(tmp_path, files):
    content = _copy_content(tmp_path)
    _amend(
        content,
        old="  tender: 2026-12-04T12:00:00+00:00\n",
        new="  tender: 2026-12-11T12:00:00+00:00\n",
        change_fields="[deadlines.tender]",
        summary="Tender deadline moved to 11 December 2026.",
    )
    output = tmp_path / "output"
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert calendar_problems(output) == []
    for path in (HIGHWAY, "calendar/deadlines.ics"):
        before = events_by_uid(files[path])
        after = events_by_uid((output / path).read_bytes())
        assert set(after) == set(before)
        tender = f"ACC-2026-0031-tender@{HOST}"
        assert after[tender]["SEQUENCE"] == before[tender]["SEQUENCE"] + 1 == 3
        assert at(after[tender], "DTEND") - at(before[tender], "DTEND") == timedelta(days=7)
        assert at(after[tender], "DTSTART") - at(before[tender], "DTSTART") == timedelta(days=7)
        assert at(after[tender], "DTSTAMP") == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
        assert set(_changed(before, after)) == {tender, f"ACC-2026-0031-enquiry@{HOST}"}
    untouched = [p for p in files if p.startswith("notices/") and p != HIGHWAY]
    assert all((output / p).read_bytes() == files[p] for p in untouched)


def _copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def _amend(content: Path, *, old: str, new: str, change_fields: str, summary: str) -> None:
    """Edit the highway notice and append a change entry, as a buyer would."""
    path = content / "notices" / "2026" / "highway-resurfacing-framework.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    change = (
        f"  - date: 2026-11-18T09:00:00+00:00\n    summary: {summary}\n"
        f"    fields: {change_fields}\n---\n"
    )
    head, body = text.replace(old, new).rsplit("\n---\n", 1)
    path.write_text(f"{head}\n{change}{body}", encoding="utf-8")


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [uid for uid in before if before[uid].to_ical() != after[uid].to_ical()]


def _same(data: dict[str, Any], notice_id: str, language: str) -> bool:
    return data["notice_id"] == notice_id and lang(data) == language


def _notice_id_of(uid: str) -> str:
    local = uid.split("@")[0]
    for kind in ("expression-of-interest", "engagement", "enquiry", "tender"):
        if local.endswith(f"-{kind}"):
            return local.removesuffix(f"-{kind}")
    raise AssertionError(f"UID {uid} names no deadline kind")
