"""Things that happened to notices: what the changes feed, OCDS and announcements report.

Each published notice in the site's default language gives one event (published, awarded
or cancelled, by notice type) and one event per entry of its ``changes`` list. Events of
one procurement form a thread, oldest first: each event after the first replies to the
one before it, so an amendment or an award is a reply in the procurement's thread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .derive import Status, closing_deadline, stage
from .model import Change, NoticeType
from .site import Published, Site

CLOSING_SOON = timedelta(days=7)


class EventKind(StrEnum):
    PUBLISHED = "published"
    CHANGED = "changed"
    AWARDED = "awarded"
    CANCELLED = "cancelled"
    CLOSING_SOON = "closing-soon"


_KIND_OF_TYPE = {
    NoticeType.UK5: EventKind.AWARDED,
    NoticeType.UK6: EventKind.AWARDED,
    NoticeType.UK7: EventKind.AWARDED,
    NoticeType.UK12: EventKind.CANCELLED,
}


@dataclass(frozen=True)
class Event:
    """One thing to report about a notice.

    ``id`` never changes once the event exists: ``<notice-id>/<kind>`` for the notice
    itself, ``<notice-id>/change/<n>`` for its n-th change. ``thread`` is the id of the
    first event of the procurement and ``replies_to`` the id of the event just before
    this one in that thread (None for the first). Closing-soon reminders reply but are
    never replied to, since they exist only while a deadline is near.
    """

    id: str
    kind: EventKind
    item: Published
    at: datetime
    thread: str
    replies_to: str | None = None
    change: Change | None = None


def notice_kind(notice_type: NoticeType) -> EventKind:
    return _KIND_OF_TYPE.get(notice_type, EventKind.PUBLISHED)


def events(
    site: Site, *, closing_soon: bool = False, leave_out: Collection[str] = ()
) -> tuple[Event, ...]:
    """Every event of the site's notices as first written (``Site.originals``), oldest first.

    With ``closing_soon``, open notices whose deadline falls within 7 days of the build
    clock also get a ``closing-soon`` event (it exists only while that is true). Notices
    whose ids are in ``leave_out`` (held announcements) give no events and take no place
    in their threads, so nothing replies to an event that is not there.
    """
    raw = [
        happening
        for item in site.originals()
        if item.notice.notice_id not in leave_out
        for happening in _happenings(item, site, closing_soon)
    ]
    threads: dict[str, list[Event]] = defaultdict(list)
    result = []
    for at, event_id, kind, item, change in sorted(raw, key=_order):
        thread = threads[item.notice.ocid]
        event = Event(
            id=event_id,
            kind=kind,
            item=item,
            at=at,
            thread=thread[0].id if thread else event_id,
            replies_to=thread[-1].id if thread else None,
            change=change,
        )
        if kind is not EventKind.CLOSING_SOON:
            thread.append(event)  # a reminder is a leaf: it comes and goes with the clock
        result.append(event)
    return tuple(result)


_Raw = tuple[datetime, str, EventKind, Published, Change | None]


def _happenings(item: Published, site: Site, closing_soon: bool) -> list[_Raw]:
    """One notice's events before threading: (at, id, kind, item, change)."""
    notice = item.notice
    kind = notice_kind(notice.notice_type)
    raw: list[_Raw] = [(notice.published, f"{notice.notice_id}/{kind}", kind, item, None)]
    for change in notice.changes:
        event_id = f"{notice.notice_id}/change/{change.number}"
        raw.append((max(change.date, notice.published), event_id, EventKind.CHANGED, item, change))
    if closing_soon and closes_soon(item, site):
        deadline = closing_deadline(notice)
        assert deadline is not None
        at = max(deadline.at - CLOSING_SOON, notice.updated)
        raw.append((at, f"{notice.notice_id}/closing-soon", EventKind.CLOSING_SOON, item, None))
    return raw


def closes_soon(item: Published, site: Site) -> bool:
    """Open, with its closing deadline within the next 7 days of the build clock."""
    deadline = closing_deadline(item.notice)
    return (
        item.facets.status is Status.OPEN
        and deadline is not None
        and site.clock <= deadline.at < site.clock + CLOSING_SOON
    )


def _order(raw: _Raw) -> tuple[datetime, int, datetime, int, str]:
    """Oldest first; at one moment, a procurement's earlier stage first (a tender before the
    cancellation dated with it), then the notice published first; the id settles the rest."""
    at, event_id, _kind, item, change = raw
    notice = item.notice
    number = change.number if change else 0
    return (at, stage(notice.notice_type), notice.published, number, event_id)
