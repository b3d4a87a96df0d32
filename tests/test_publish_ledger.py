"""The ledger: round trip, atomic writes (old or new, never half), clear errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publish.errors import InputError
from publish.ledger import Entry, Ledger, Status

WRITER = """
import sys
from publish.ledger import Entry, Ledger, Status
ledger = Ledger.load(__import__("pathlib").Path(sys.argv[1]))
ledger.begin("bluesky", "did:plc:test")
print("ready", flush=True)
n = 0
while True:
    n += 1
    # Each version holds entries 1..n and says n in its account: a torn write would disagree.
    ledger.record("bluesky", {f"ACC-{n:05d}/published": Entry.now(Status.POSTED, uri="x" * 2000)})
    ledger.begin("bluesky", f"did:plc:{n}")
"""


def test_entries_round_trip_per_channel(tmp_path: Path):
    ledger = Ledger.load(tmp_path / "ledger.json")
    assert not ledger.has_channel("bluesky")
    ledger.begin("bluesky", "did:plc:abc")
    ledger.record("bluesky", {"A/published": Entry.now(Status.POSTED, uri="at://x", cid="bafy")})
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
    ledger.record("bluesky", {"A/published": Entry.now(Status.POSTED)})
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
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            cwd=Path(__file__).parent.parent,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        data = json.loads(path.read_text(encoding="utf-8"))
        section = data["channels"]["bluesky"]
        count = len(section["announcements"])
        # The account is written after the entry: it says count or count - 1, never other.
        assert section["account"] in (f"did:plc:{count}", f"did:plc:{count - 1}", "did:plc:test")
        assert all(len(entry["uri"]) == 2000 for entry in section["announcements"].values())
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
