"""Deadline calendar events: times in UK time, stamps from the content, what an event says,
the calendar's properties and the reminder.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from tests import calendars_support
from tests.calendars_support import (
    HIGHWAY,
    HOST,
    at,
    events_by_uid,
    front_matters,
    parse,
)

files = calendars_support.files  # a shared fixture


LONDON = ZoneInfo("Europe/London")
CAFE = "notices/leisure-centre-cafe-catering-tender/deadlines.ics"


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
    assert str(calendar["X-WR-CALNAME"]).startswith(
        "Afonwy County Council contract opportunities \N{EN DASH} Deadlines: CPV 45"
    )
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
