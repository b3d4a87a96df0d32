"""iCalendar bytes from plain data: the one place that talks to icalendar.

Callers build ``EventPlan`` and ``CalendarHead`` values, whose digests are the keys of the
files and pieces made from them; icalendar's line folding, the slow part, runs only when
a piece or a file is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from icalendar import Alarm, Event, Timezone, vDuration, vText
from icalendar import Calendar as ICalendar

END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class EventPlan:
    """Everything one VEVENT says, in the order it says it."""

    uid: str
    sequence: int
    modified: datetime  # DTSTAMP and LAST-MODIFIED, in UTC
    created: datetime
    start: datetime  # in the site's zone
    end: datetime | None
    summary: str
    description: str
    url: str
    location: str | None
    categories: tuple[str, ...]
    cancelled: bool
    alarm: timedelta | None  # before the start


@dataclass(frozen=True)
class CalendarHead:
    """A VCALENDAR's own properties and the years its time zone must cover."""

    host: str
    name: str
    description: str
    timezone: str
    refresh: timedelta
    source: str
    first_year: int
    last_year: int


def event_bytes(plan: EventPlan) -> bytes:
    """One VEVENT, as icalendar writes it inside a calendar."""
    data: bytes = _event(plan).to_ical()
    return data


def calendar_bytes(head: CalendarHead, events: list[bytes]) -> bytes:
    """One VCALENDAR: its properties, a VTIMEZONE for the site's zone, then ``events``.

    icalendar writes a component's properties, then its subcomponents in order, so the
    serialised events go just before the closing line, as if added as subcomponents.
    """
    properties: bytes = _head(head).to_ical()  # no annotations
    zone = _timezone_bytes(head.timezone, head.first_year, head.last_year)
    return properties.removesuffix(END) + zone + b"".join(events) + END


def _head(head: CalendarHead) -> ICalendar:
    cal = ICalendar()
    cal.add("prodid", f"-//{head.host}//Noticeboard deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # RFC 7986 names first, then the X-WR- ones that Apple, Google and Outlook read; vText
    # so that commas are escaped, as TEXT values need.
    for name in ("name", "x-wr-calname"):
        cal.add(name, vText(head.name))
    for name in ("description", "x-wr-caldesc"):
        cal.add(name, vText(head.description))
    cal.add("x-wr-timezone", head.timezone)
    cal.add("refresh-interval", vDuration(head.refresh), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(head.refresh).to_ical().decode())
    cal.add("source", head.source, parameters={"VALUE": "URI"})
    return cal


def _event(plan: EventPlan) -> Event:
    event = Event()
    event.add("uid", plan.uid)
    event.add("sequence", plan.sequence)
    event.add("dtstamp", plan.modified)
    event.add("last-modified", plan.modified)
    event.add("created", plan.created)
    event.add("dtstart", plan.start)
    if plan.end is not None:
        event.add("dtend", plan.end)
    event.add("summary", plan.summary)
    event.add("description", plan.description)
    event.add("url", plan.url, parameters={"VALUE": "URI"})
    if plan.location:
        event.add("location", plan.location)
    event.add("categories", list(plan.categories))
    event.add("status", "CANCELLED" if plan.cancelled else "CONFIRMED")
    # A deadline is not a meeting: it must not mark the subscriber as busy.
    event.add("transp", "TRANSPARENT")
    if plan.alarm is not None:
        event.add_component(_alarm(plan.summary, plan.alarm))
    return event


def _alarm(text: str, before: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    # Relative to the start, the default: more apps honour it than RELATED=END.
    alarm.add("trigger", -before)
    return alarm


@lru_cache(maxsize=64)
def _timezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE serialised once: folding it again for every calendar was most of the
    time a calendar took."""
    zone = Timezone.from_tzid(
        tzid, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)
    )
    data: bytes = zone.to_ical()
    return data
