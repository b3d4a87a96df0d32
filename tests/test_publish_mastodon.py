"""Mastodon, against ``mastodon_mock`` (PyPI): a stateful FastAPI + SQLite imitation of the
Mastodon REST API. No real Mastodon-API server installs from the registries this project
can reach (see shared/research/atproto-pds-on-loopback.md), so this is the stand-in; unlike
real Mastodon it counts a URL's full length towards its 500-character limit and does not
link hashtags in a status's HTML.

The publisher runs as a separate process, as in CI, so tests can SIGKILL it mid-post.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from publish.announcements import load
from publish.compose import compose, mastodon
from publish.ledger import Ledger, Status
from publish.posts import idempotency_key
from tests.publish_support import announcement, clean_env, publish, write_cards, write_feed

TOKEN = "alice_token"  # the mock's seeded account


def items(n: int) -> list[dict[str, Any]]:
    """Notice 1 published, its change, then notices 2..n-1 published."""
    first = announcement("ACC-2026-0001", date="2026-11-01T09:00:00Z")
    change = announcement("ACC-2026-0001", kind="changed", date="2026-11-02T09:00:00Z")
    rest = [
        announcement(f"ACC-2026-{i:04d}", date=f"2026-11-{i + 1:02d}T09:00:00Z")
        for i in range(2, n)
    ]
    return [first, change, *rest]


@pytest.fixture
def server(mastodon_mock_server: Any) -> Any:
    return mastodon_mock_server


@pytest.fixture
def env(server: Any) -> dict[str, str]:
    return clean_env(MASTODON_BASE_URL=server.base_url, MASTODON_ACCESS_TOKEN=TOKEN)


def feed_of(folder: Path, announcements: list[dict[str, Any]]) -> Path:
    path = write_feed(folder, announcements)
    write_cards(path)
    return path


def statuses(server: Any) -> list[Any]:
    client = server.client("alice")
    me = client.account_verify_credentials()
    return list(reversed(client.account_statuses(me["id"], limit=40)))


def live(feed: Path, state: Path, env: dict[str, str], *extra: str) -> Any:
    return publish(
        "--input",
        feed,
        "--state",
        state,
        "--live",
        "--channel",
        "mastodon",
        "--max-posts",
        "50",
        *extra,
        env=env,
    )


def assert_once_each(server: Any, feed: Path) -> None:
    """Every announcement has exactly one status, recognised by its text."""
    loaded = load(feed)
    texts = Counter(_plain(s["content"]) for s in statuses(server))
    for item in loaded.items:
        wanted = _plain_text(compose(item, mastodon()).text)
        assert texts[wanted] == 1, (item.id, texts)
    assert sum(texts.values()) == len(loaded.items)


def _plain(html: str) -> str:
    from publish.mastodon import _plain as plain

    return plain(html)[0]


def _plain_text(text: str) -> str:
    return " ".join(text.split())


def test_posts_each_announcement_once_with_language_and_thread(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    feed = feed_of(tmp_path / "out", items(4))
    result = live(feed, tmp_path / "state", env, "--announce-backlog")
    assert result.returncode == 0, result.stderr
    assert "mastodon: 4 posted" in result.stdout
    assert_once_each(server, feed)
    posted = statuses(server)
    assert [s["language"] for s in posted] == ["en"] * 4
    assert posted[1]["in_reply_to_id"] == posted[0]["id"]  # the change replies to its notice
    assert posted[2]["in_reply_to_id"] is None
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    assert ledger.entry("mastodon", "ACC-2026-0001/change/1").ref["id"] == str(posted[1]["id"])

    again = live(feed, tmp_path / "state", env)
    assert again.returncode == 0 and "mastodon: 0 posted" in again.stdout
    assert len(statuses(server)) == 4


def test_the_first_run_records_the_backlog_without_posting(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    feed = feed_of(tmp_path / "out", items(3))
    result = live(feed, tmp_path / "state", env)
    assert result.returncode == 0, result.stderr
    assert "mastodon: 0 posted, 3 recorded as backlog" in result.stdout
    assert statuses(server) == []
    newer = feed_of(
        tmp_path / "out", [*items(3), announcement("ACC-2026-0099", date="2026-11-19T09:00:00Z")]
    )
    assert "mastodon: 1 posted" in live(newer, tmp_path / "state", env).stdout
    assert len(statuses(server)) == 1


@pytest.mark.parametrize("step", ["before-send", "after-send", "after-record"])
def test_a_run_killed_at_any_step_neither_duplicates_nor_skips(
    tmp_path: Path, server: Any, env: dict[str, str], step: str
):
    feed = feed_of(tmp_path / "out", items(4))
    killed = live(
        feed, tmp_path / "state", {**env, "PUBLISH_CRASH_AT": f"{step}@2"}, "--announce-backlog"
    )
    assert killed.returncode == -9
    assert (
        Ledger.load(tmp_path / "state" / "ledger.json").entry("mastodon", "ACC-2026-0001/change/1")
        is not None
    )
    result = live(feed, tmp_path / "state", env)
    assert result.returncode == 0, result.stderr
    if step == "after-send":
        assert "1 found already posted" in result.stdout
    assert_once_each(server, feed)
    posted = statuses(server)
    assert posted[1]["in_reply_to_id"] == posted[0]["id"]


def test_a_lost_ledger_is_rebuilt_from_the_accounts_statuses(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    feed = feed_of(tmp_path / "out", items(3))
    assert live(feed, tmp_path / "state", env, "--announce-backlog").returncode == 0
    (tmp_path / "state" / "ledger.json").unlink()
    grown = feed_of(
        tmp_path / "out", [*items(3), announcement("ACC-2026-0099", date="2026-11-19T09:00:00Z")]
    )
    result = live(grown, tmp_path / "state", env)
    assert result.returncode == 0, result.stderr
    assert "mastodon: 1 posted, 3 found already posted" in result.stdout
    assert_once_each(server, grown)


def test_a_stale_ledger_does_not_repost(tmp_path: Path, server: Any, env: dict[str, str]):
    state = tmp_path / "state"
    first = feed_of(tmp_path / "out", items(2))
    assert live(first, state, env, "--announce-backlog").returncode == 0
    shutil.copy(state / "ledger.json", tmp_path / "stale.json")
    feed = feed_of(tmp_path / "out", items(4))
    assert "mastodon: 2 posted" in live(feed, state, env).stdout
    shutil.copy(tmp_path / "stale.json", state / "ledger.json")  # e.g. CI failed to commit it
    result = live(feed, state, env)
    assert "mastodon: 0 posted, 2 found already posted" in result.stdout, result.stderr
    assert_once_each(server, feed)


def test_a_429_is_waited_out_as_the_server_says(tmp_path: Path, server: Any, env: dict[str, str]):
    reset = int(time.time()) + 3
    rule = {
        "match": {"methods": ["POST"], "path": "/api/v1/statuses"},
        "effect": {
            "type": "ratelimit",
            "headers": {"X-RateLimit-Reset": str(reset), "Retry-After": "3"},
        },
        "count": 1,
    }
    httpx.post(f"{server.base_url}/api/v1/_mock/faults", json=rule).raise_for_status()
    feed = feed_of(tmp_path / "out", items(2)[:1])
    started = time.monotonic()
    result = live(feed, tmp_path / "state", env, "--announce-backlog")
    assert result.returncode == 0, result.stderr
    assert "rate limited" in result.stderr and "retrying in" in result.stderr
    assert time.time() >= reset - 1 and time.monotonic() - started >= 1.5
    assert len(statuses(server)) == 1


def test_a_429_whose_reset_is_past_waits_a_moment_and_carries_on(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    past = str(int(time.time()) - 30)  # e.g. the runner's clock is ahead of the server's
    rule = {
        "match": {"methods": ["POST"], "path": "/api/v1/statuses"},
        "effect": {"type": "ratelimit", "headers": {"X-RateLimit-Reset": past, "Retry-After": "0"}},
        "count": 2,
    }
    httpx.post(f"{server.base_url}/api/v1/_mock/faults", json=rule).raise_for_status()
    feed = feed_of(tmp_path / "out", items(2)[:1])
    started = time.monotonic()
    result = live(feed, tmp_path / "state", env, "--announce-backlog")
    assert result.returncode == 0, result.stderr
    assert "retrying in 1.0s (attempt 2 of 5)" in result.stderr
    assert "retrying in 2.0s (attempt 3 of 5)" in result.stderr
    assert time.monotonic() - started >= 3
    assert len(statuses(server)) == 1


def test_a_429_beyond_the_runs_patience_stops_mastodon_cleanly(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    rule = {
        "match": {"methods": ["POST"], "path": "/api/v1/statuses"},
        "effect": {"type": "ratelimit"},
        "count": 1,
    }
    httpx.post(f"{server.base_url}/api/v1/_mock/faults", json=rule).raise_for_status()
    feed = feed_of(tmp_path / "out", items(3))
    result = live(feed, tmp_path / "state", env, "--announce-backlog", "--max-wait", "5")
    assert result.returncode == 1
    assert "longer than this run waits" in result.stdout
    assert statuses(server) == []
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    assert ledger.entry("mastodon", "ACC-2026-0001/published").status is Status.INTENT
    assert live(feed, tmp_path / "state", env).returncode == 0
    assert_once_each(server, feed)


def test_a_timeout_is_retried_with_the_same_idempotency_key(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    # The server is slow to answer but does post: the retry must not post again.
    rule = {
        "match": {"methods": ["POST"], "path": "/api/v1/statuses"},
        "effect": {"type": "latency", "delay_ms": 2500},
        "count": 1,
    }
    httpx.post(f"{server.base_url}/api/v1/_mock/faults", json=rule).raise_for_status()
    feed = feed_of(tmp_path / "out", items(2)[:1])
    result = live(feed, tmp_path / "state", env, "--announce-backlog", "--timeout", "1")
    assert result.returncode == 0, result.stderr
    assert "retrying" in result.stderr
    time.sleep(2)  # let the slow request finish on the server
    assert len(statuses(server)) == 1


def test_the_servers_character_limit_is_used(tmp_path: Path, server: Any, env: dict[str, str]):
    # A URL shorter than 23 characters, so the mock's raw count never exceeds Mastodon's.
    notice = {**announcement()["notice"], "url": "https://afon.wy/n/1/", "summary": "Hedges. " * 80}
    long = announcement(notice=notice)
    feed = feed_of(tmp_path / "out", [long])
    assert live(feed, tmp_path / "state", env, "--announce-backlog").returncode == 0
    [status] = statuses(server)
    assert 450 < len(_plain(status["content"])) <= 500


def test_idempotency_keys_depend_only_on_the_announcement():
    assert (
        idempotency_key("A/published")
        == idempotency_key("A/published")
        != idempotency_key("A/change/1")
    )
    assert json.dumps(idempotency_key("A/published")).isascii()
