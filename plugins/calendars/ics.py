"""iCalendar files of deadlines, built with icalendar: one VEVENT per deadline of a notice.

Every event keeps its UID for life (``<notice-id>-<deadline-kind>@<host>``, with a
``-<lang>`` suffix for translations), and its SEQUENCE counts the notice's changes, plus
one once its procurement is cancelled, so calendar apps replace the old copy. All times
come from the content, never the wall clock, so the same content gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from zoneinfo import ZoneInfo

from plugins.config import CalendarOptions as Options
from plugins.feeds.catalogue import procurement_items, read_as
from plugins.notices.buyers_text import buyers_text
from plugins.notices.change_text import change_lines, was
from plugins.notices.derive import Status
from plugins.notices.formatting import (
    datetime_text,
    deadline_label,
    money_text,
    notice_label,
    text,
    titled,
)
from plugins.notices.fragments import Fragments
from plugins.notices.keyed import Keyed, digest
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
from .serialise import CalendarHead, EventPlan, calendar_bytes, event_bytes


@dataclass(frozen=True)
class Revision:
    """How often a notice's events have changed, when they last did, and if cancelled when."""

    sequence: int
    modified: datetime
    cancelled: datetime | None = None


@dataclass(frozen=True)
class Written:
    """One VEVENT as planned, with its key and what orders it within a calendar."""

    start: datetime
    uid: str
    key: str
    plan: EventPlan

    @classmethod
    def of(cls, plan: EventPlan) -> Written:
        return cls(plan.start, plan.uid, "ics-event:" + digest(plan), plan)


def render(site: Site, options: Options) -> Iterator[tuple[str, bytes]]:
    """Every calendar of the site in each of its languages, one by one: (path relative to
    the output folder, .ics); a notice in a language the site is not in has its own."""
    for item in keyed_calendars(site, options, Fragments()):
        yield item.path, item.data()


def keyed_calendars(site: Site, options: Options, fragments: Fragments) -> Iterator[Keyed]:
    """``render`` by key: each calendar made only when the writer asks for it, each event
    serialised once (``fragments``) for every calendar showing it."""
    for lang in site.languages:
        yield from language_calendars(site, options, lang, fragments)
    for item in site.notices:
        if item.lang not in site.languages and has_deadlines(item):
            calendar = notice_calendar(item)
            events = [Written.of(plan) for plan in deadline_plans(item, site, options)]
            fragments.use(event.key for event in events)
            yield calendar_file(calendar, events, site, options, fragments)


def language_calendars(
    site: Site, options: Options, lang: str, fragments: Fragments
) -> Iterator[Keyed]:
    """One language's calendars: site-wide and facet ones, each notice's beside the page
    showing it, each procurement's; events in the language's words."""
    shown = [(item, facts) for item, facts in read_as(site, lang) if has_deadlines(item)]
    # Each event is planned once and shared by the up to five calendars that carry it.
    written = {
        item.notice.key: [Written.of(plan) for plan in deadline_plans(item, site, options, lang)]
        for item, _facts in shown
    }
    fragments.use(event.key for events in written.values() for event in events)
    since = None if options.past is None else site.clock - options.past
    for calendar in site_calendars(site, lang):
        events = [
            e
            for item, facts in shown
            if calendar.matches(facts)
            for e in written[item.notice.key]
            if since is None or e.start >= since
        ]
        yield calendar_file(calendar, events, site, options, fragments)
    for item, _facts in shown:
        calendar = reader_calendar(item, site, lang)
        yield calendar_file(calendar, written[item.notice.key], site, options, fragments)
    procurements = procurement_items(site, lang)
    for ocid, calendar in procurement_calendars(site, lang).items():
        events = [e for item in procurements[ocid] for e in written.get(item.notice.key, ())]
        yield calendar_file(calendar, events, site, options, fragments)


def calendar_file(
    calendar: Calendar, events: list[Written], site: Site, options: Options, fragments: Fragments
) -> Keyed:
    """One VCALENDAR file, keyed by its head and its events, in time order."""
    events = sorted(events, key=lambda e: (e.start, e.uid))
    head = calendar_head(calendar, [e.start.year for e in events], site, options)
    key = digest("calendar", head, tuple(e.key for e in events))
    return Keyed(calendar.path, key, partial(_made, head, events, fragments))


def _made(head: CalendarHead, events: list[Written], fragments: Fragments) -> bytes:
    pieces = fragments.many([(e.key, partial(event_bytes, e.plan)) for e in events])
    return calendar_bytes(head, pieces)


def calendar_head(
    calendar: Calendar, years: list[int], site: Site, options: Options
) -> CalendarHead:
    """The VCALENDAR's own properties: identity, names, time zone and refresh hints, and the
    years of its events (the build's year when it has none)."""
    years = years or [site.clock.year]
    name = site.name_in(calendar.lang)
    published = text("Published by {site}.", calendar.lang).format(site=name)
    return CalendarHead(
        host=site.host,
        name=titled(calendar.title, name, calendar.lang),
        description=f"{calendar.description} {published}",
        timezone=site.timezone,
        refresh=options.refresh,
        source=site.absolute(calendar.path),
        first_year=min(years),
        last_year=max(years),
    )


def deadline_plans(
    item: Published, site: Site, options: Options, lang: str | None = None
) -> list[EventPlan]:
    """One VEVENT per deadline of a notice, for a reader of ``lang`` (the notice's own
    language unless given)."""
    revised = revision(item, site)
    lang = lang or item.lang
    return [
        _plan(item, deadline, revised, site, options, lang) for deadline in item.notice.deadlines
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
            type=notice_label(notice, lang),
            id=notice.notice_id,
            buyer=buyers_text(notice, lang),
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


def _plan(
    item: Published, deadline: Deadline, revised: Revision, site: Site, options: Options, lang: str
) -> EventPlan:
    notice = item.notice
    zone = ZoneInfo(site.timezone)
    location = notice.submission.url if notice.submission else None
    return EventPlan(
        uid=uid(item, deadline, site, lang),
        sequence=revised.sequence,
        modified=revised.modified,
        created=notice.published.astimezone(UTC),
        start=(deadline.at - options.length).astimezone(zone),
        end=deadline.at.astimezone(zone) if options.length else None,
        summary=summary(item, deadline, revised, lang),
        description=description(item, deadline, revised, site, lang),
        url=site.absolute(site.page_of(item, lang)),
        location=location or None,
        categories=(
            notice_label(notice, lang),
            deadline_label(deadline.kind, lang),
        ),
        cancelled=revised.cancelled is not None,
        alarm=options.alarm,
    )


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
