"""Mastodon rate limits (429) and timeouts, against ``mastodon_mock``: waited out or stopped."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx

from publish.ledger import Ledger, Status
from tests import mastodon_support
from tests.mastodon_support import assert_once_each, feed_of, items, live, statuses

server, env = mastodon_support.server, mastodon_support.env  # shared fixtures


def _fault(server: Any, effect: dict[str, Any], count: int) -> None:
    """Make the mock's next ``count`` posts of a status fail with ``effect``."""
    rule = {"match": {"methods": ["POST"], "path": "/api/v1/statuses"}, "effect": effect}
    httpx.post(
        f"{server.base_url}/api/v1/_mock/faults", json={**rule, "count": count}
    ).raise_for_status()


def test_a_429_is_waited_out_as_the_server_says(tmp_path: Path, server: Any, env: dict[str, str]):
    reset = int(time.time()) + 3
    _fault(
        server,
        {
            "type": "ratelimit",
            "headers": {"X-RateLimit-Reset": str(reset), "Retry-After": "3"},
        },
        count=1,
    )
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
    _fault(
        server,
        {"type": "ratelimit", "headers": {"X-RateLimit-Reset": past, "Retry-After": "0"}},
        count=2,
    )
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
    _fault(server, {"type": "ratelimit"}, count=1)
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
    _fault(server, {"type": "latency", "delay_ms": 2500}, count=1)
    feed = feed_of(tmp_path / "out", items(2)[:1])
    result = live(feed, tmp_path / "state", env, "--announce-backlog", "--timeout", "1")
    assert result.returncode == 0, result.stderr
    assert "retrying" in result.stderr
    time.sleep(2)  # let the slow request finish on the server
    assert len(statuses(server)) == 1
