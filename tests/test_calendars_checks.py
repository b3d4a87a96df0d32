"""The .ics checks catch what they claim to (tests/checks/calendars.py)."""

from __future__ import annotations

import pytest

from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from tests.checks.calendars import calendar_problems, ics_problems, second_parser_problems

PATH = "notices/highway-resurfacing-framework/deadlines.ics"


@pytest.fixture(scope="module")
def good(sample_site) -> bytes:
    return in_memory(render(sample_site, Options()))[PATH]


def test_our_calendar_has_no_problems(good):
    assert ics_problems(good) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.replace(b"\r\n", b"\n"), "does not end with CRLF"),
        (lambda d: d.replace(b"\r\nVERSION", b"\nVERSION", 1), "bare LF"),
        (lambda d: d.replace(b"\r\n ", b""), "octets, more than 75"),
        (
            # A fold inside the three octets of an en dash.
            lambda d: d.replace("\u2013".encode(), b"\xe2\r\n \x80\x93", 1),
            "UTF-8",
        ),
        (lambda d: d.replace(b"PRODID:", b"X-PRODID:", 1), "VCALENDAR: no PRODID"),
        (lambda d: d.replace(b"\r\nUID:", b"\r\nX-UID:", 1), "no UID"),
        (lambda d: d.replace(b"\r\nDTSTAMP:", b"\r\nX-DTSTAMP:", 1), "no DTSTAMP"),
        (
            lambda d: d.replace(
                b"DTSTART;TZID=Europe/London:20261127T163000",
                b"DTSTART;TZID=Europe/London:2026112",
                1,
            ),
            "DTSTART",
        ),
        (
            lambda d: d.replace(b"\r\nDTEND", b"\r\nDURATION:PT30M\r\nDTEND", 1),
            "DTEND and DURATION together",
        ),
        (
            lambda d: d.replace(b"\r\nSUMMARY", b"\r\nSTATUS:TENTATIVE\r\nSUMMARY", 1),
            "STATUS more than once",
        ),
        (
            lambda d: d.replace(b"TZID:Europe/London\r\n", b"TZID:Europe/Londres\r\n"),
            "no VTIMEZONE for TZID Europe/London",
        ),
        (lambda d: d.replace(b"-enquiry@", b"-tender@"), "used by more than one VEVENT"),
        (
            lambda d: d.replace(b"STATUS:CONFIRMED", b"STATUS:DONE", 1),
            "ical cannot parse it",
        ),
    ],
)
def test_each_kind_of_problem_is_reported(good, mutate, expected):
    bad = mutate(good)
    assert bad != good
    problems = ics_problems(bad)
    assert any(expected in problem for problem in problems), problems


def test_the_second_parser_must_agree_on_the_event_count(good):
    assert second_parser_problems(good, 2) == []
    assert second_parser_problems(good, 3) == ["ical finds 2 events, icalendar 3"]
    assert "ical cannot parse it" in second_parser_problems(b"\xff", 0)[0]


def test_problems_name_the_file(tmp_path, good):
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "bad.ics").write_bytes(good.replace(b"\r\n", b"\n"))
    (tmp_path / "good.ics").write_bytes(good)
    assert calendar_problems(tmp_path) == ["calendar/bad.ics: the last line does not end with CRLF"]
