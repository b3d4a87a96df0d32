"""The dry run's report: a first run names the newest announcements it would record as backlog."""

from __future__ import annotations

from pathlib import Path

from publish import announcements
from publish.ledger import Ledger
from publish.preview import NAMED_BACKLOG, preview
from publish.run import Options
from tests.publish_support import announcement, write_cards, write_feed


def feed_of(tmp_path: Path, count: int) -> announcements.Announcements:
    items = [
        announcement(f"ACC-2026-{9000 + n}", date=f"2026-11-{1 + n // 24:02d}T{n % 24:02d}:00:00Z")
        for n in range(count)
    ]
    path = write_feed(tmp_path / "out", items)
    write_cards(path)
    return announcements.load(path)


def first_run(tmp_path: Path, count: int, **options: object) -> str:
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    return preview(feed_of(tmp_path, count), ledger, ["bluesky"], Options(**options))


def test_a_first_run_names_each_backlog_item_with_its_headline(tmp_path: Path):
    out = first_run(tmp_path, 3)
    lines = out.splitlines()
    assert lines[0].startswith("bluesky: first run: 3 earlier announcement(s) would be recorded")
    assert lines[1:4] == [
        f"  ACC-2026-{9000 + n}/published · Tender notice: Grounds maintenance ACC-2026-{9000 + n}"
        for n in range(3)
    ]
    assert lines[4] == "bluesky: 0 post(s) would be sent"
    assert "---" not in out  # nothing is shown as a post
    assert not (tmp_path / "state").exists()


def test_a_big_backlog_names_only_the_newest(tmp_path: Path):
    count = NAMED_BACKLOG + 7
    lines = first_run(tmp_path, count).splitlines()
    assert lines[1] == "  … 7 older"
    named = [line for line in lines if line.startswith("  ACC-")]
    assert len(named) == NAMED_BACKLOG
    assert named[0].startswith("  ACC-2026-9007/published ·")
    assert named[-1].startswith(f"  ACC-2026-{9000 + count - 1}/published ·")


def test_announce_backlog_shows_posts_and_names_no_backlog(tmp_path: Path):
    out = first_run(tmp_path, 3, announce_backlog=True, max_posts=5)
    assert "first run" not in out and "  ACC-" not in out
    assert "bluesky: 3 post(s) would be sent" in out
    assert "--- bluesky #3: ACC-2026-9002/published (new thread, language en)" in out


def test_a_set_up_channel_names_no_backlog(tmp_path: Path):
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    ledger.begin("bluesky", "did:plc:me")
    out = preview(feed_of(tmp_path, 2), ledger, ["bluesky"], Options())
    assert out.splitlines()[0] == "bluesky: 2 post(s) would be sent"
    assert "--- bluesky #2: ACC-2026-9001/published (new thread" in out
