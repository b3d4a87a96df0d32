"""Checks of every .ics file in a built output folder, with two independent parsers.

``icalendar`` parses each file and reports component errors, and its own tables say
which properties RFC 5545 requires (``required``), allows once (``singletons``) or
forbids together (``exclusive``). ``ical`` is a second parser: it silently invents a
missing UID or DTSTAMP, so it is used only to agree on the number of events. Line
framing (CRLF, 75 octets, whole UTF-8 characters) is checked on the raw bytes, since
both parsers accept files that break it.
"""

from __future__ import annotations

from pathlib import Path

from ical.calendar_stream import IcsCalendarStream
from ical.exceptions import CalendarParseError
from icalendar import Calendar
from icalendar.cal import Component

MAX_OCTETS = 75


def calendar_problems(output: Path) -> list[str]:
    """Every problem of every .ics file under ``output``, each prefixed with its path."""
    return [
        f"{path.relative_to(output)}: {problem}"
        for path in sorted(output.rglob("*.ics"))
        for problem in ics_problems(path.read_bytes())
    ]


def ics_problems(data: bytes) -> list[str]:
    """Everything wrong with one iCalendar file."""
    problems = framing_problems(data)
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        return [*problems, f"icalendar cannot parse it: {error}"]
    if not isinstance(calendar, Calendar):
        return [*problems, f"the file holds a {calendar.name}, not one VCALENDAR"]
    problems += component_problems(calendar)
    problems += [f"no VTIMEZONE for TZID {tzid}" for tzid in sorted(calendar.get_missing_tzids())]
    problems += uid_problems(calendar)
    problems += second_parser_problems(data, len(calendar.walk("VEVENT")))
    return problems


def framing_problems(data: bytes) -> list[str]:
    """Lines end in CRLF, are at most 75 octets, and folding never splits a UTF-8 character."""
    if not data.endswith(b"\r\n"):
        return ["the last line does not end with CRLF"]
    problems = []
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare LF or CR; lines must end with CRLF")
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, more than {MAX_OCTETS}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8, or folded inside a UTF-8 character")
    return problems


def component_problems(calendar: Calendar) -> list[str]:
    """Parse errors, and required, repeated or clashing properties, in every component."""
    problems = []
    for component in calendar.walk():
        where = _name(component)
        problems += [f"{where}: {name}: {message}" for name, message in component.errors]
        problems += [f"{where}: no {name}" for name in component.required if name not in component]
        problems += [
            f"{where}: {name} more than once"
            for name in component.singletons
            if isinstance(component.get(name), list)
        ]
        present = [name for name in component.exclusive if name in component]
        if len(present) > 1:
            problems.append(f"{where}: {' and '.join(present)} together")
    return problems


def uid_problems(calendar: Calendar) -> list[str]:
    """RFC 5545: a UID names one event in a calendar (we publish no recurrences)."""
    uids = [str(event.get("UID")) for event in calendar.walk("VEVENT")]
    return [
        f"UID {uid} used by more than one VEVENT"
        for uid in sorted(set(uids))
        if uids.count(uid) > 1
    ]


def second_parser_problems(data: bytes, expected_events: int) -> list[str]:
    """``ical`` parses the file too and finds as many events as icalendar does."""
    try:
        parsed = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    except (CalendarParseError, UnicodeDecodeError) as error:
        return [f"ical cannot parse it: {error}"]
    if len(parsed.events) != expected_events:
        return [f"ical finds {len(parsed.events)} events, icalendar {expected_events}"]
    return []


def _name(component: Component) -> str:
    uid = component.get("UID") or component.get("TZID")
    return f"{component.name} {uid}" if uid else component.name
