"""iCalendar files of deadlines, built with icalendar: one VEVENT per deadline of a notice.

Every event keeps its UID for life (``<notice-id>-<deadline-kind>@<host>``, with a
``-<lang>`` suffix for translations), and its SEQUENCE counts the notice's changes, plus
one once its procurement is cancelled, so calendar apps replace the old copy. All times
come from the content, never the wall clock, so the same content gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event, Timezone, vDuration, vText
from icalendar import Calendar as ICalendar

from plugins.config import CalendarOptions as Options
from plugins.feeds.catalogue import procurement_items, read_as
from plugins.notices.change_text import change_lines, was
from plugins.notices.derive import Status
from plugins.notices.formatting import (
    datetime_text,
    deadline_label,
    money_text,
    notice_type_label,
    text,
    titled,
)
from plugins.notices.model import Deadline, NoticeType
from plugins.notices.site import Published, Site

from .catalogue import (
    Calendar,
    has_deadlines,
    notice_calendar,
    procurement_calendars,
    reader_calendar,
    site_calendars,
)


@dataclass(frozen=True)
class Revision:
    """How often a notice's events have changed, when they last did, and if cancelled when."""

    sequence: int
    modified: datetime
    cancelled: datetime | None = None


@dataclass(frozen=True)
class Written:
    """A VEVENT already serialised by icalendar, with what orders it within a calendar."""

    start: datetime
    uid: str
    data: bytes

    @classmethod
    def of(cls, event: Event) -> Written:
        return cls(event.decoded("dtstart"), str(event["uid"]), event.to_ical())


END = b"END:VCALENDAR\r\n"


def render(site: Site, options: Options) -> Iterator[tuple[str, bytes]]:
    """Every calendar of the site in each of its languages, one by one: (path relative to
    the output folder, .ics); a notice in a language the site is not in has its own."""
    for lang in site.languages:
        yield from language_calendars(site, options, lang)
    for item in site.notices:
        if item.lang not in site.languages and has_deadlines(item):
            calendar = notice_calendar(item)
            events = [Written.of(e) for e in deadline_events(item, site, options)]
            yield calendar.path, calendar_bytes(calendar, events, site, options)


def language_calendars(site: Site, options: Options, lang: str) -> Iterator[tuple[str, bytes]]:
    """One language's calendars: site-wide and facet ones, each notice's beside the page
    showing it, each procurement's; events in the language's words."""
    shown = [(item, facts) for item, facts in read_as(site, lang) if has_deadlines(item)]
    # Each event is serialised once and shared by the up to five calendars that carry it:
    # icalendar's line folding is the slow part of a 10,000-notice build.
    written = {
        item.notice.key: [Written.of(e) for e in deadline_events(item, site, options, lang)]
        for item, _facts in shown
    }
    since = None if options.past is None else site.clock - options.past
    for calendar in site_calendars(site, lang):
        events = [
            e
            for item, facts in shown
            if calendar.matches(facts)
            for e in written[item.notice.key]
            if since is None or e.start >= since
        ]
        yield calendar.path, calendar_bytes(calendar, events, site, options)
    for item, _facts in shown:
        calendar = reader_calendar(item, site, lang)
        yield calendar.path, calendar_bytes(calendar, written[item.notice.key], site, options)
    procurements = procurement_items(site, lang)
    for ocid, calendar in procurement_calendars(site, lang).items():
        events = [e for item in procurements[ocid] for e in written.get(item.notice.key, ())]
        yield calendar.path, calendar_bytes(calendar, events, site, options)


def calendar_bytes(
    calendar: Calendar, events: Iterable[Written], site: Site, options: Options
) -> bytes:
    """One VCALENDAR: its properties, a VTIMEZONE for the site's zone, events in time order.

    icalendar writes a component's properties, then its subcomponents in order, so the
    serialised events go just before the closing line, as if added as subcomponents.
    """
    events = sorted(events, key=lambda e: (e.start, e.uid))
    years = [e.start.year for e in events] or [site.clock.year]
    properties: bytes = calendar_head(calendar, site, options).to_ical()  # no annotations
    zone = _timezone_bytes(site.timezone, min(years), max(years))
    return properties.removesuffix(END) + zone + b"".join(e.data for e in events) + END


def calendar_head(calendar: Calendar, site: Site, options: Options) -> ICalendar:
    """The VCALENDAR's own properties: identity, names, time zone and refresh hints."""
    cal = ICalendar()
    cal.add("prodid", f"-//{site.host}//Noticeboard deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # RFC 7986 names first, then the X-WR- ones that Apple, Google and Outlook read; vText
    # so that commas are escaped, as TEXT values need.
    for name in ("name", "x-wr-calname"):
        cal.add(name, vText(titled(calendar.title, site.name_in(calendar.lang), calendar.lang)))
    published = text("Published by {site}.", calendar.lang).format(site=site.name_in(calendar.lang))
    for name in ("description", "x-wr-caldesc"):
        cal.add(name, vText(f"{calendar.description} {published}"))
    cal.add("x-wr-timezone", site.timezone)
    cal.add("refresh-interval", vDuration(options.refresh), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(options.refresh).to_ical().decode())
    cal.add("source", site.absolute(calendar.path), parameters={"VALUE": "URI"})
    return cal


def deadline_events(
    item: Published, site: Site, options: Options, lang: str | None = None
) -> list[Event]:
    """One VEVENT per deadline of a notice, for a reader of ``lang`` (the notice's own
    language unless given)."""
    revised = revision(item, site)
    lang = lang or item.lang
    return [
        _event(item, deadline, revised, site, options, lang) for deadline in item.notice.deadlines
    ]


def uid(item: Published, deadline: Deadline, site: Site, lang: str | None = None) -> str:
    """The event's identity for life: notice id, deadline kind and, for a reader of another
    language than the site's default (the notice's own unless given), that language: a
    translation added later keeps it."""
    lang = lang or item.lang
    suffix = "" if lang == site.default_lang else f"-{lang}"
    return f"{item.notice.notice_id}-{deadline.kind.value.replace('_', '-')}{suffix}@{site.host}"


def revision(item: Published, site: Site) -> Revision:
    """SEQUENCE, LAST-MODIFIED and cancellation of a notice's events."""
    notice = item.notice
    cancelled = _cancelled_at(item, site)
    modified = max(notice.updated, cancelled) if cancelled else notice.updated
    return Revision(
        sequence=len(notice.changes) + (1 if cancelled else 0),
        modified=modified.astimezone(UTC),
        cancelled=cancelled,
    )


def summary(item: Published, deadline: Deadline, revised: Revision, lang: str | None = None) -> str:
    """``Tender deadline: <title>``, marked in the words too when cancelled."""
    lang = lang or item.lang
    label = deadline_label(deadline.kind, lang)
    if revised.cancelled:
        label = text("{label} (cancelled)", lang).format(label=label)
    return f"{label}: {item.notice.title}"


def description(
    item: Published, deadline: Deadline, revised: Revision, site: Site, lang: str | None = None
) -> str:
    """What a supplier needs to decide, in ``lang``'s words (the notice's unless given): the
    deadline (and what it was), buyer, value, the latest change (each field old → new) and
    the link to the page showing it to a reader of ``lang``."""
    notice, lang = item.notice, lang or item.lang

    def when(moment: datetime) -> str:
        return datetime_text(moment, zone=site.timezone, lang=lang)

    before = was(notice, (f"deadlines.{deadline.kind.value}",), zone=site.timezone, lang=lang)
    lines = [
        f"{deadline_label(deadline.kind, lang)}: {when(deadline.at)}"
        + (f" {before}" if before else ""),
        text("{type} {id} from {buyer}", lang).format(
            type=notice_type_label(notice.notice_type, lang),
            id=notice.notice_id,
            buyer=notice.buyer.name,
        ),
    ]
    if notice.value is not None:
        lines.append(text("Value: {value}", lang).format(value=money_text(notice.value, lang)))
    if revised.cancelled:
        cancelled = text("Cancelled: the procurement was cancelled on {date}.", lang)
        lines.append(cancelled.format(date=when(revised.cancelled)))
    if notice.changes:
        latest = notice.changes[-1]
        changes = text("Changes since publication: {count}. Latest: {summary}", lang)
        lines.append(changes.format(count=len(notice.changes), summary=latest.summary))
        lines += change_lines(latest, notice, zone=site.timezone, lang=lang)
    page = site.absolute(site.page_of(item, lang))
    details = text("Details and documents: {url}", lang).format(url=page)
    lines += ["", notice.summary, "", details]
    return "\n".join(lines)


def _event(
    item: Published, deadline: Deadline, revised: Revision, site: Site, options: Options, lang: str
) -> Event:
    notice = item.notice
    zone = ZoneInfo(site.timezone)
    event = Event()
    event.add("uid", uid(item, deadline, site, lang))
    event.add("sequence", revised.sequence)
    event.add("dtstamp", revised.modified)
    event.add("last-modified", revised.modified)
    event.add("created", notice.published.astimezone(UTC))
    event.add("dtstart", (deadline.at - options.length).astimezone(zone))
    if options.length:
        event.add("dtend", deadline.at.astimezone(zone))
    event.add("summary", summary(item, deadline, revised, lang))
    event.add("description", description(item, deadline, revised, site, lang))
    event.add("url", site.absolute(site.page_of(item, lang)), parameters={"VALUE": "URI"})
    if notice.submission and notice.submission.url:
        event.add("location", notice.submission.url)
    labels = [notice_type_label(notice.notice_type, lang), deadline_label(deadline.kind, lang)]
    event.add("categories", labels)
    event.add("status", "CANCELLED" if revised.cancelled else "CONFIRMED")
    # A deadline is not a meeting: it must not mark the subscriber as busy.
    event.add("transp", "TRANSPARENT")
    if options.alarm is not None:
        event.add_component(_alarm(summary(item, deadline, revised, lang), options))
    return event


def _alarm(text: str, options: Options) -> Alarm:
    assert options.alarm is not None
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    # Relative to the start, the default: more apps honour it than RELATED=END.
    alarm.add("trigger", -options.alarm)
    return alarm


def _cancelled_at(item: Published, site: Site) -> datetime | None:
    """When the notice's procurement was cancelled (the first later UK12), if it was."""
    if item.facets.status is not Status.CANCELLED:
        return None
    notice = item.notice
    cancellations = [
        other.notice.published
        for lang in {item.lang, site.default_lang}
        for other in site.procurement(notice.ocid, lang)
        if other.notice.notice_type is NoticeType.UK12
        and other.notice.published >= notice.published
    ]
    return min(cancellations, default=notice.updated)


@lru_cache(maxsize=64)
def _timezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE serialised once: folding it again for every calendar was most of the
    time a calendar took."""
    data: bytes = _timezone(tzid, first_year, last_year).to_ical()
    return data


@lru_cache(maxsize=64)
def _timezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The zone's rules for the years the calendar's events fall in (and a year either side)."""
    return Timezone.from_tzid(
        tzid, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)
    )
