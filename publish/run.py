"""A live run on one channel: reconcile with what the channel shows, guard the first run,
then post what is pending, oldest first, recording each step in the ledger.

Order of one post: intent in the ledger → send → outcome in the ledger. A crash between
any two steps is repaired by the next run's reconciliation, never by sending blind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from . import checkpoints, plan
from .announcements import Announcement, Announcements
from .compose import Composed, Limits, compose
from .errors import PermanentError, PublishError
from .ledger import Entry, Ledger, Status

logger = logging.getLogger(__name__)


class Channel(Protocol):
    """What the run needs of a social network (see bluesky.py and mastodon.py)."""

    name: str
    limits: Limits

    def connect(self) -> str: ...

    def whoami(self) -> str: ...

    def existing(
        self, announcements: tuple[Announcement, ...], since: datetime | None
    ) -> dict[str, Entry]: ...

    def intent(self, announcement: Announcement) -> dict[str, str]: ...

    def send(
        self, announcement: Announcement, composed: Composed, parent: Entry | None
    ) -> Entry: ...


@dataclass(frozen=True)
class Options:
    """The run's safety valves."""

    max_posts: int = 10
    announce_backlog: bool = False
    closing_soon: bool = False


@dataclass
class Report:
    """What a run did on one channel."""

    channel: str
    posted: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    backlog: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    stopped: str | None = None
    remaining: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None


def run_channel(channel: Channel, feed: Announcements, ledger: Ledger, options: Options) -> Report:
    """Publish ``feed`` on ``channel``; a channel error stops this channel only."""
    report = Report(channel.name)
    try:
        _run(channel, feed, ledger, options, report)
    except PublishError as error:
        report.stopped = str(error)
        logger.error("%s: stopped: %s", channel.name, error)
    except Exception as error:  # a bug here must not stop the other channel
        report.stopped = f"unexpected {type(error).__name__}: {error}"
        logger.exception("%s: stopped by an unexpected error", channel.name)
    return report


def _run(
    channel: Channel, feed: Announcements, ledger: Ledger, options: Options, report: Report
) -> None:
    name = channel.name
    first_run = not ledger.has_channel(name)
    items = plan.eligible(feed.items, options.closing_soon)
    entries = ledger.entries(name)
    if not first_run and not any(_unsettled(entries.get(item.id)) for item in items):
        # Even with nothing to post, other credentials than the ledger's must be said.
        _check_account(ledger, name, channel.whoami())
        logger.info("%s: nothing new to announce", name)
        return
    account = channel.connect()
    checkpoints.checkpoint(checkpoints.CONNECTED)
    _check_account(ledger, name, account)
    found = _reconcile(channel, items, ledger, report)
    checkpoints.checkpoint(checkpoints.RECONCILED)
    if first_run:
        the_plan = _first_run(name, account, items, found, ledger, options, report)
    else:
        if found:
            ledger.record(name, found)
        the_plan = plan.plan(items, ledger.entries(name), first_run=False, announce_backlog=False)
    _post_pending(channel, the_plan.pending, feed, ledger, options, report)


def _check_account(ledger: Ledger, name: str, account: str) -> None:
    recorded = ledger.account(name)
    if recorded is not None and recorded != account:
        raise PermanentError(
            f"the ledger records posts by {recorded} but the credentials are for {account}: "
            f"use the account the ledger was written for, or remove the {name!r} part of "
            f"{ledger.path} to start afresh on the new account"
        )


def _reconcile(
    channel: Channel, items: tuple[Announcement, ...], ledger: Ledger, report: Report
) -> dict[str, Entry]:
    """Posts the channel has but the ledger does not know about (lost, stale, crash)."""
    entries = ledger.entries(channel.name)
    unknown = tuple(item for item in items if _unsettled(entries.get(item.id)))
    if not unknown:
        return {}
    since = ledger.updated(channel.name) if ledger.has_channel(channel.name) else None
    found = channel.existing(unknown, since)
    if found:
        logger.warning(
            "%s: %d post(s) exist that the ledger did not record (a crash, or a stale or "
            "lost ledger): recording them, not posting again: %s",
            channel.name,
            len(found),
            ", ".join(found),
        )
        report.found.extend(found)
    return found


def _first_run(
    name: str,
    account: str,
    items: tuple[Announcement, ...],
    found: dict[str, Entry],
    ledger: Ledger,
    options: Options,
    report: Report,
) -> plan.Plan:
    """The channel, what it already shows and its backlog, written to the ledger at once."""
    the_plan = plan.plan(items, found, first_run=True, announce_backlog=options.announce_backlog)
    if the_plan.backlog:
        logger.warning(
            "%s: first run: recording %d earlier announcement(s) as already announced, "
            "without posting them (run with --announce-backlog to post them instead)",
            name,
            len(the_plan.backlog),
        )
    backlog = {item.id: Entry.now(Status.BACKLOG) for item in the_plan.backlog}
    ledger.begin(name, account, {**found, **backlog})
    report.backlog.extend(backlog)
    checkpoints.checkpoint(checkpoints.FIRST_RUN_RECORDED)
    return the_plan


def _post_pending(
    channel: Channel,
    pending: tuple[Announcement, ...],
    feed: Announcements,
    ledger: Ledger,
    options: Options,
    report: Report,
) -> None:
    by_id, open_ids = feed.by_id(), {item.id for item in pending}
    for index, item in enumerate(pending):
        if len(report.posted) >= options.max_posts:
            report.remaining = len(pending) - index
            logger.warning(
                "%s: --max-posts %d reached: %d announcement(s) left for the next run",
                channel.name,
                options.max_posts,
                report.remaining,
            )
            return
        entries = ledger.entries(channel.name)
        parent_id = plan.parent(item, by_id, entries, open_ids)
        if isinstance(parent_id, plan.Wait):
            logger.warning("%s: %s waits for %s", channel.name, item.id, parent_id.ancestor)
            report.waiting.append(item.id)
            continue
        parent = entries[parent_id] if parent_id else None
        try:
            _post_one(channel, item, parent, ledger)
        except PermanentError as error:
            logger.error("%s: %s not posted: %s", channel.name, item.id, error)
            report.failed.append(item.id)
            continue
        open_ids.discard(item.id)
        report.posted.append(item.id)


def _post_one(channel: Channel, item: Announcement, parent: Entry | None, ledger: Ledger) -> None:
    composed = compose(item, channel.limits)
    ledger.record(channel.name, {item.id: Entry.now(Status.INTENT, **channel.intent(item))})
    checkpoints.checkpoint(checkpoints.BEFORE_SEND)
    entry = channel.send(item, composed, parent)
    checkpoints.checkpoint(checkpoints.AFTER_SEND)
    ledger.record(channel.name, {item.id: entry})
    checkpoints.checkpoint(checkpoints.AFTER_RECORD)
    logger.info(
        "%s: posted %s: %s", channel.name, item.id, entry.ref.get("url") or entry.ref.get("uri")
    )


def _unsettled(entry: Entry | None) -> bool:
    return entry is None or entry.status is Status.INTENT
