"""Which announcements a run posts, which are backlog, and what each one replies to."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish import plan
from publish.announcements import Announcement, load
from publish.ledger import Entry, Status
from tests.publish_support import announcement, write_feed

POSTED, BACKLOG, INTENT = (
    Entry(status, "2026-11-20T12:00:00.000Z")
    for status in (Status.POSTED, Status.BACKLOG, Status.INTENT)
)


@pytest.fixture
def items(tmp_path: Path) -> tuple[Announcement, ...]:
    """A: published (Nov 1) ← change 1 (Nov 3) ← closing soon (Nov 5) ← change 2 (Nov 6); B: published (Nov 4)."""
    a = "ACC-2026-0001"
    first = announcement(a, date="2026-11-01T09:00:00Z")
    change1 = announcement(a, kind="changed", date="2026-11-03T09:00:00Z")
    b = announcement("ACC-2026-0002", date="2026-11-04T09:00:00Z")
    soon = announcement(
        a,
        kind="closing-soon",
        date="2026-11-05T09:00:00Z",
        replies_to=f"{a}/change/1",
        thread=f"{a}/published",
    )
    change2 = announcement(
        a,
        kind="changed",
        id=f"{a}/change/2",
        date="2026-11-06T09:00:00Z",
        replies_to=f"{a}/closing-soon",
        change={"number": 2, "summary": "Deadline extended.", "fields": []},
    )
    return load(write_feed(tmp_path, [first, change1, b, soon, change2])).items


def ids(announcements: tuple[Announcement, ...]) -> list[str]:
    return [item.id for item in announcements]


def test_closing_soon_reminders_are_posted_only_when_asked(items):
    assert "ACC-2026-0001/closing-soon" not in ids(plan.eligible(items, closing_soon=False))
    assert ids(plan.eligible(items, closing_soon=True)) == ids(items)


def test_a_first_run_records_the_backlog_and_posts_nothing(items):
    result = plan.plan(items, {}, first_run=True, announce_backlog=False)
    assert (ids(result.backlog), result.pending) == (ids(items), ())


def test_a_first_run_can_announce_the_backlog(items):
    result = plan.plan(items, {}, first_run=True, announce_backlog=True)
    assert (result.backlog, ids(result.pending)) == ((), ids(items))


def test_later_runs_post_what_is_neither_posted_nor_backlog(items):
    entries = {
        "ACC-2026-0001/published": POSTED,
        "ACC-2026-0001/change/1": BACKLOG,
        "ACC-2026-0002/published": INTENT,
    }
    result = plan.plan(items, entries, first_run=False, announce_backlog=False)
    assert result.backlog == ()
    assert ids(result.pending) == [
        "ACC-2026-0002/published",
        "ACC-2026-0001/closing-soon",
        "ACC-2026-0001/change/2",
    ]


def test_a_lost_ledger_treats_only_what_is_older_than_the_oldest_post_as_backlog(items):
    # The channel shows B's post (found by reconciliation); the ledger itself was lost.
    result = plan.plan(
        items, {"ACC-2026-0002/published": POSTED}, first_run=True, announce_backlog=False
    )
    assert ids(result.backlog) == ["ACC-2026-0001/published", "ACC-2026-0001/change/1"]
    assert ids(result.pending) == ["ACC-2026-0001/closing-soon", "ACC-2026-0001/change/2"]


def test_a_reply_goes_to_the_nearest_posted_ancestor(items):
    by_id = {item.id: item for item in items}
    change2 = by_id["ACC-2026-0001/change/2"]
    posted = {"ACC-2026-0001/published": POSTED, "ACC-2026-0001/change/1": POSTED}
    # The closing-soon reminder in between was never posted on this channel: passed over.
    assert plan.parent(change2, by_id, posted, pending=set()) == "ACC-2026-0001/change/1"
    with_backlog = {"ACC-2026-0001/published": POSTED, "ACC-2026-0001/change/1": BACKLOG}
    assert plan.parent(change2, by_id, with_backlog, pending=set()) == "ACC-2026-0001/published"
    assert plan.parent(change2, by_id, {}, pending=set()) is None
    assert plan.parent(by_id["ACC-2026-0002/published"], by_id, posted, pending=set()) is None


def test_a_reply_waits_for_an_ancestor_still_to_be_posted(items):
    by_id = {item.id: item for item in items}
    waiting = plan.parent(
        by_id["ACC-2026-0001/change/2"],
        by_id,
        {"ACC-2026-0001/published": POSTED},
        pending={"ACC-2026-0001/change/1"},
    )
    assert isinstance(waiting, plan.Wait) and waiting.ancestor == "ACC-2026-0001/change/1"
