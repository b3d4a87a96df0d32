"""The ledger: round trip, atomic writes (old or new, never half), clear errors."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from publish.errors import InputError
from publish.ledger import Entry, Ledger, Status
from tests.publish_support import started

WRITER = """
import sys
from publish.ledger import Entry, Ledger, Status
ledger = Ledger.load(__import__("pathlib").Path(sys.argv[1]))
ledger.begin("bluesky", "did:plc:test", {"last": Entry.now(Status.POSTED, n="0")})
print("ready", flush=True)
n = 0
while True:
    n += 1
    # Each version holds entries 1..n and says n in "last": a torn write would disagree.
    entry = Entry.now(Status.POSTED, uri="x" * 2000)
    ledger.record("bluesky", {f"ACC-{n:05d}/published": entry, "last": Entry.now(Status.POSTED, n=str(n))})
"""


def test_entries_round_trip_per_channel(tmp_path: Path):
    ledger = Ledger.load(tmp_path / "ledger.json")
    assert not ledger.has_channel("bluesky")
    ledger.begin("bluesky", "did:plc:abc")
    ledger.record("bluesky", {"A/published": Entry.now(Status.POSTED, uri="at://x", cid="bafy")})
    ledger.begin("mastodon", "https://m.example/@me")
    ledger.record("mastodon", {"A/published": Entry.now(Status.INTENT, idempotency_key="k")})
    again = Ledger.load(tmp_path / "ledger.json")
    assert again.account("bluesky") == "did:plc:abc"
    assert again.entry("bluesky", "A/published").ref == {"uri": "at://x", "cid": "bafy"}
    assert again.entry("mastodon", "A/published").status is Status.INTENT
    assert again.entry("bluesky", "B/published") is None
    assert again.updated("bluesky") is not None


def test_a_failed_write_leaves_the_previous_ledger_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ledger = Ledger.load(tmp_path / "ledger.json")
    ledger.begin("bluesky", "did:plc:abc", {"A/published": Entry.now(Status.POSTED)})
    before = (tmp_path / "ledger.json").read_bytes()

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        ledger.record("bluesky", {"B/published": Entry.now(Status.POSTED)})
    assert (tmp_path / "ledger.json").read_bytes() == before


def test_killing_a_writer_at_any_moment_leaves_a_whole_ledger(tmp_path: Path):
    path = tmp_path / "ledger.json"
    for delay in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25):
        child = started(WRITER, path, ready="ready")
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        data = json.loads(path.read_text(encoding="utf-8"))
        section = data["channels"]["bluesky"]
        entries = section["announcements"]
        assert entries.pop("last")["n"] == str(len(entries))
        assert all(len(entry["uri"]) == 2000 for entry in entries.values())
        path.unlink()


def test_an_unreadable_ledger_says_how_to_recover(tmp_path: Path):
    (tmp_path / "ledger.json").write_text("{half", encoding="utf-8")
    with pytest.raises(InputError, match="restore it from git, or delete it"):
        Ledger.load(tmp_path / "ledger.json")
    (tmp_path / "ledger.json").write_text('{"version": 9}', encoding="utf-8")
    with pytest.raises(InputError, match="not a version 1 ledger"):
        Ledger.load(tmp_path / "ledger.json")


def test_entries_keep_their_status_and_time(tmp_path: Path):
    entry = Entry.now(Status.BACKLOG)
    assert Entry.from_json(entry.to_json()) == entry
    assert entry.at.endswith("Z")


def test_a_channel_begins_with_its_first_entries_in_one_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ledger = Ledger.load(tmp_path / "ledger.json")
    writes: list[dict[str, object]] = []
    save = Ledger.save

    def saved(self: Ledger) -> None:
        save(self)
        writes.append(json.loads(self.path.read_text(encoding="utf-8")))

    monkeypatch.setattr(Ledger, "save", saved)
    backlog = {f"A{n}/published": Entry.now(Status.BACKLOG) for n in range(3)}
    ledger.begin("bluesky", "did:plc:abc", backlog)
    [written] = writes
    assert written["channels"]["bluesky"]["account"] == "did:plc:abc"
    assert sorted(written["channels"]["bluesky"]["announcements"]) == sorted(backlog)
    with pytest.raises(ValueError, match="already keeps bluesky"):
        ledger.begin("bluesky", "did:plc:abc")


BROKEN = {
    "an unknown status": (
        {"status": "sent", "at": "2026-11-20T12:00:00.000Z"},
        "channels.bluesky.announcements['A/published'].status: 'sent' is not one of "
        "intent, posted, backlog",
    ),
    "no time": ({"status": "posted"}, "channels.bluesky.announcements['A/published'].at: None"),
    "not an object": ([1], "channels.bluesky.announcements['A/published']: not an object"),
}


@pytest.mark.parametrize(("entry", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_a_ledger_entry_that_makes_no_sense_is_refused_in_one_line(
    tmp_path: Path, entry: object, message: str
):
    section = {"account": "did:plc:abc", "updated": "2026-11-20T12:00:00.000Z"}
    data = {
        "version": 1,
        "channels": {"bluesky": {**section, "announcements": {"A/published": entry}}},
    }
    (tmp_path / "ledger.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Ledger.load(tmp_path / "ledger.json")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert "restore it from git, or delete it" in str(caught.value)
