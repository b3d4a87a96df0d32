"""The run on one channel, with a recording stand-in channel: order of steps and safety valves."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from publish.announcements import Announcement, Announcements, load
from publish.compose import BLUESKY, Composed
from publish.errors import PermanentError, TransientError
from publish.ledger import Entry, Ledger, Status
from publish.run import Options, run_channel
from tests.publish_support import announcement, write_feed


class Recorder:
    """A channel that records what it is asked to do, and can be told to fail."""

    limits = BLUESKY

    def __init__(self, ledger: Ledger, name: str = "bluesky", account: str = "did:plc:me") -> None:
        self.name, self.account, self.ledger = name, account, ledger
        self.sent: list[tuple[str, str | None]] = []
        self.on_chain: dict[str, Entry] = {}
        self.fail: dict[str, Exception] = {}
        self.connected = False
        self.asked_who = False

    def connect(self) -> str:
        self.connected = True
        return self.account

    def whoami(self) -> str:
        self.asked_who = True
        return self.account

    def existing(
        self, announcements: tuple[Announcement, ...], since: datetime | None
    ) -> dict[str, Entry]:
        return {
            item.id: self.on_chain[item.id] for item in announcements if item.id in self.on_chain
        }

    def intent(self, announcement: Announcement) -> dict[str, str]:
        return {"key": announcement.id}

    def send(self, announcement: Announcement, composed: Composed, parent: Entry | None) -> Entry:
        # The intent must be on disk before anything is sent.
        on_disk = Ledger.load(self.ledger.path).entry(self.name, announcement.id)
        assert on_disk is not None and on_disk.status is Status.INTENT
        if announcement.id in self.fail:
            raise self.fail[announcement.id]
        self.sent.append((announcement.id, parent.ref["id"] if parent else None))
        return Entry.now(Status.POSTED, id=f"post-{announcement.id}")


@pytest.fixture
def feed(tmp_path: Path) -> Announcements:
    return load(
        write_feed(
            tmp_path / "out",
            [
                announcement("ACC-1", date="2026-11-01T09:00:00Z"),
                announcement("ACC-1", kind="changed", date="2026-11-02T09:00:00Z"),
                announcement("ACC-2", date="2026-11-03T09:00:00Z"),
                announcement("ACC-3", date="2026-11-04T09:00:00Z"),
            ],
        )
    )


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger.load(tmp_path / "state" / "ledger.json")


def started(ledger: Ledger, name: str = "bluesky") -> Ledger:
    ledger.begin(name, "did:plc:me")
    return ledger


def test_posts_in_order_with_replies_and_records_each(feed, ledger):
    channel = Recorder(started(ledger))
    report = run_channel(channel, feed, ledger, Options())
    assert report.ok and report.posted == [item.id for item in feed.items]
    assert channel.sent[1] == ("ACC-1/change/1", "post-ACC-1/published")
    assert all(ledger.entry("bluesky", item.id).status is Status.POSTED for item in feed.items)


def test_max_posts_leaves_the_rest_for_the_next_run(feed, ledger):
    channel = Recorder(started(ledger))
    report = run_channel(channel, feed, ledger, Options(max_posts=2))
    assert (report.posted, report.remaining) == (["ACC-1/published", "ACC-1/change/1"], 2)
    report = run_channel(channel, feed, ledger, Options(max_posts=2))
    assert report.posted == ["ACC-2/published", "ACC-3/published"]


def test_max_posts_zero_posts_nothing(feed, ledger):
    report = run_channel(Recorder(started(ledger)), feed, ledger, Options(max_posts=0))
    assert report.posted == [] and report.remaining == 4


def test_a_failed_post_holds_back_its_replies_but_not_other_threads(feed, ledger):
    channel = Recorder(started(ledger))
    channel.fail["ACC-1/published"] = PermanentError("400 invalid record")
    report = run_channel(channel, feed, ledger, Options())
    assert report.failed == ["ACC-1/published"] and report.waiting == ["ACC-1/change/1"]
    assert report.posted == ["ACC-2/published", "ACC-3/published"]
    assert not report.ok


def test_a_transient_failure_stops_the_channel_and_keeps_the_intent(feed, ledger):
    channel = Recorder(started(ledger))
    channel.fail["ACC-2/published"] = TransientError("server down")
    report = run_channel(channel, feed, ledger, Options())
    assert report.stopped == "server down" and report.posted == [
        "ACC-1/published",
        "ACC-1/change/1",
    ]
    assert ledger.entry("bluesky", "ACC-2/published").status is Status.INTENT


def test_posts_the_channel_already_has_are_recorded_not_sent(feed, ledger):
    channel = Recorder(started(ledger))
    channel.on_chain["ACC-1/published"] = Entry.now(Status.POSTED, id="post-ACC-1/published")
    report = run_channel(channel, feed, ledger, Options())
    assert report.found == ["ACC-1/published"]
    assert [sent for sent, _ in channel.sent] == [
        "ACC-1/change/1",
        "ACC-2/published",
        "ACC-3/published",
    ]
    assert channel.sent[0][1] == "post-ACC-1/published"


def test_the_first_run_posts_nothing_unless_told(feed, ledger):
    channel = Recorder(ledger)
    report = run_channel(channel, feed, ledger, Options())
    assert report.backlog == [item.id for item in feed.items] and channel.sent == []
    assert ledger.account("bluesky") == "did:plc:me"
    fresh = Ledger.load(ledger.path.with_name("other.json"))
    report = run_channel(Recorder(fresh), feed, fresh, Options(announce_backlog=True))
    assert len(report.posted) == 4


def test_nothing_new_means_no_connection_only_whose_account_it_is(feed, ledger):
    run_channel(Recorder(started(ledger)), feed, ledger, Options())
    channel = Recorder(ledger)
    assert run_channel(channel, feed, ledger, Options()).ok
    assert not channel.connected and channel.asked_who


def test_another_account_is_refused_even_with_nothing_new(feed, ledger):
    run_channel(Recorder(started(ledger)), feed, ledger, Options())
    report = run_channel(Recorder(ledger, account="did:plc:other"), feed, ledger, Options())
    assert "the ledger records posts by did:plc:me but the credentials are for did:plc:other" in (
        report.stopped or ""
    )


def test_the_first_run_writes_the_channel_and_its_backlog_at_once(
    feed, ledger, monkeypatch: pytest.MonkeyPatch
):
    """A run killed between two writes must never leave the channel without its backlog."""
    states: list[dict[str, object]] = []
    save = Ledger.save

    def saved(self: Ledger) -> None:
        save(self)
        states.append(json.loads(self.path.read_text(encoding="utf-8")))

    monkeypatch.setattr(Ledger, "save", saved)
    channel = Recorder(ledger)
    channel.on_chain["ACC-2/published"] = Entry.now(Status.POSTED, id="post-ACC-2/published")
    report = run_channel(channel, feed, ledger, Options())
    assert report.found == ["ACC-2/published"]
    assert report.backlog == ["ACC-1/published", "ACC-1/change/1"]
    assert report.posted == ["ACC-3/published"]  # newer than a post the channel shows
    first = states[0]["channels"]["bluesky"]["announcements"]
    assert set(first) == {"ACC-1/published", "ACC-1/change/1", "ACC-2/published"}
    assert all(state["channels"]["bluesky"]["announcements"] for state in states)


def test_a_ledger_for_another_account_is_refused(feed, ledger):
    started(ledger)
    report = run_channel(Recorder(ledger, account="did:plc:someone-else"), feed, ledger, Options())
    assert (
        "the ledger records posts by did:plc:me but the credentials are for did:plc:someone-else"
        in report.stopped
    )


def test_one_channels_crash_does_not_stop_or_repost_another(feed, ledger):
    broken = Recorder(started(ledger, "mastodon"), name="mastodon")
    broken.fail["ACC-1/published"] = RuntimeError("a bug")
    working = Recorder(started(ledger))
    reports = [run_channel(channel, feed, ledger, Options()) for channel in (broken, working)]
    assert reports[0].stopped == "unexpected RuntimeError: a bug"
    assert len(reports[1].posted) == 4
    again = Recorder(ledger)
    assert run_channel(again, feed, ledger, Options()).posted == [] and again.sent == []
