"""What a run should do on one channel: which announcements are backlog, which to post, and
which post each one replies to. Pure: no network, no files, so the dry run shares it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .announcements import Announcement
from .ledger import Entry, Status

CLOSING_SOON = "closing-soon"


@dataclass(frozen=True)
class Plan:
    """Announcements to mark as backlog (never posted) and to post, in order."""

    backlog: tuple[Announcement, ...]
    pending: tuple[Announcement, ...]


def eligible(items: tuple[Announcement, ...], closing_soon: bool) -> tuple[Announcement, ...]:
    """The announcements this run may post: closing-soon reminders only when asked for."""
    return tuple(item for item in items if closing_soon or item.kind != CLOSING_SOON)


def plan(
    items: tuple[Announcement, ...],
    entries: Mapping[str, Entry],
    *,
    first_run: bool,
    announce_backlog: bool,
) -> Plan:
    """Split ``items`` (already eligible) into backlog and pending for one channel.

    On a channel's first run everything not already posted is backlog, unless asked to
    announce it. When the ledger is new but the channel already shows posts (a lost
    ledger), only announcements older than the oldest post found are backlog: newer ones
    were never posted and must not be skipped.
    """
    unposted = tuple(item for item in items if _open(entries.get(item.id)))
    if not first_run or announce_backlog:
        return Plan((), unposted)
    posted = [item.date for item in items if _posted(entries.get(item.id))]
    if not posted:
        return Plan(unposted, ())
    cutoff = min(posted)
    backlog = tuple(item for item in unposted if item.date < cutoff)
    return Plan(backlog, tuple(item for item in unposted if item.date >= cutoff))


class Wait:
    """An ancestor in the thread is still to be posted: post this one after it."""

    def __init__(self, ancestor: str) -> None:
        self.ancestor = ancestor


def parent(
    item: Announcement,
    by_id: Mapping[str, Announcement],
    entries: Mapping[str, Entry],
    pending: set[str],
) -> str | Wait | None:
    """The id of the post ``item`` replies to: its nearest posted ancestor in the thread.

    Ancestors never posted on this channel (backlog, closing-soon reminders not posted) are
    passed over; with none posted, the item starts a thread of its own.
    """
    current = item.replies_to
    while current is not None:
        if _posted(entries.get(current)):
            return current
        if current in pending:
            return Wait(current)
        ancestor = by_id.get(current)
        current = ancestor.replies_to if ancestor else None
    return None


def _open(entry: Entry | None) -> bool:
    return entry is None or entry.status is Status.INTENT


def _posted(entry: Entry | None) -> bool:
    return entry is not None and entry.status is Status.POSTED
