"""Bluesky runs that crash or lose their state still post each announcement exactly once.

Fault tests make the publisher SIGKILL itself at a named step (``PUBLISH_CRASH_AT``) and then
check, on the PDS, that a re-run leaves exactly one post per announcement: no duplicate, none
missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from publish.announcements import load
from publish.tid import tid_for
from tests import bluesky_support
from tests.bluesky_support import assert_exactly_once, assert_threads, run
from tests.pds.server import Account, Pds
from tests.publish_support import (
    announcement,
    bsky_env,
    clean_env,
    feed_items,
    posts,
    sample_feed,
    write_cards,
    write_feed,
)

sample = bluesky_support.sample  # a shared fixture


KILL_POINTS = {
    "before send": "before-send@3",
    "after send, before the ledger": "after-send@3",
    "after the ledger": "after-record@3",
    "mid-thread: root posted, reply not": "after-record@1",
}


@pytest.mark.parametrize("crash", KILL_POINTS.values(), ids=KILL_POINTS.keys())
def test_a_run_killed_at_any_step_leaves_no_duplicate_and_nothing_missing(
    tmp_path: Path, pds: Pds, bsky_account: Account, crash: str
):
    feed = write_feed(tmp_path / "out", feed_items(sample_feed(tmp_path / "sample"))[:12])
    write_cards(feed)
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    killed = run(feed, state, {**env, "PUBLISH_CRASH_AT": crash}, "--announce-backlog")
    assert killed.returncode == -9, killed.stderr
    on_pds = {"before-send@3": 2, "after-send@3": 3, "after-record@3": 3, "after-record@1": 1}
    assert len(posts(pds, bsky_account.did)) == on_pds[crash]
    result = run(feed, state, env)
    assert result.returncode == 0, result.stderr
    items = load(feed).items
    assert_threads(items, assert_exactly_once(pds, bsky_account.did, items))
    if crash.startswith("after-send"):
        assert "1 found already posted" in result.stdout


def test_a_deleted_ledger_causes_no_duplicate_and_no_skip(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    twelve = feed_items(sample_feed(tmp_path / "sample"))[:12]
    feed = write_feed(tmp_path / "out", twelve)
    write_cards(feed)
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    assert run(feed, state, env, "--announce-backlog", "--max-posts", "8").returncode == 0
    (state / "ledger.json").unlink()
    result = run(feed, state, env)
    assert result.returncode == 0, result.stderr
    assert "bluesky: 4 posted, 8 found already posted" in result.stdout
    items = load(feed).items
    assert_threads(items, assert_exactly_once(pds, bsky_account.did, items))


def test_a_fresh_clone_with_the_committed_ledger_carries_on(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    twelve = feed_items(sample_feed(tmp_path / "sample"))[:12]
    env = clean_env(**bsky_env(pds, bsky_account))
    first = write_feed(tmp_path / "clone-a" / "output", twelve[:6])
    write_cards(first)
    state_a = tmp_path / "clone-a" / "publish-state"
    assert run(first, state_a, env, "--announce-backlog").returncode == 0
    committed = _committed(state_a)
    assert committed == [".gitignore", "ledger.json"]
    # The next build adds notices; CI checks out a fresh clone holding only what git tracks.
    feed = write_feed(tmp_path / "clone-b" / "output", twelve)
    write_cards(feed)
    state_b = tmp_path / "clone-b" / "publish-state"
    state_b.mkdir(parents=True)
    for name in committed:
        shutil.copy(state_a / name, state_b / name)
    result = run(feed, state_b, env)
    assert result.returncode == 0, result.stderr
    assert "bluesky: 6 posted" in result.stdout
    items = load(feed).items
    assert_threads(items, assert_exactly_once(pds, bsky_account.did, items))


def _committed(state: Path) -> list[str]:
    """The files of the state folder that git would commit, per the folder's .gitignore."""
    ignore = (state / ".gitignore").read_text().splitlines()
    assert "*" in ignore
    kept = {line[1:] for line in ignore if line.startswith("!")}
    return sorted(path.name for path in state.iterdir() if path.name in kept)


FIRST_RUN_STEPS = ("connected", "reconciled", "first-run-recorded")


@pytest.mark.parametrize("step", FIRST_RUN_STEPS)
def test_a_first_run_killed_at_any_step_never_posts_the_backlog(
    tmp_path: Path, pds: Pds, bsky_account: Account, step: str
):
    three = [announcement(f"ACC-2026-000{n}", date=f"2026-11-0{n}T09:00:00Z") for n in (1, 2, 3)]
    feed = write_feed(tmp_path / "out", three)
    write_cards(feed)
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    killed = run(feed, state, {**env, "PUBLISH_CRASH_AT": step})
    assert killed.returncode == -9, killed.stderr
    for _ in range(2):  # the run after the crash, and the one after that
        again = run(feed, state, env)
        assert again.returncode == 0, again.stderr
        assert "bluesky: 0 posted" in again.stdout
    assert posts(pds, bsky_account.did) == []
    ledger = json.loads((state / "ledger.json").read_text(encoding="utf-8"))
    entries = ledger["channels"]["bluesky"]["announcements"]
    assert {key: entry["status"] for key, entry in entries.items()} == {
        item["id"]: "backlog" for item in three
    }

    newer = announcement("ACC-2026-0009", date="2026-11-09T09:00:00Z")
    write_cards(write_feed(tmp_path / "out", [*three, newer]))
    assert "bluesky: 1 posted" in run(feed, state, env).stdout
    assert "bluesky: 0 posted" in run(feed, state, env).stdout
    [record] = posts(pds, bsky_account.did)
    assert record["uri"].rsplit("/", 1)[-1] == tid_for(newer["id"])
