"""Mastodon, against ``mastodon_mock`` (PyPI): a stateful FastAPI + SQLite imitation of the
Mastodon REST API. No real Mastodon-API server installs from the registries this project
can reach (see shared/research/atproto-pds-on-loopback.md), so this is the stand-in; unlike
real Mastodon it counts a URL's full length towards its 500-character limit and does not
link hashtags in a status's HTML.

The publisher runs as a separate process, as in CI, so tests can SIGKILL it mid-post. For a
server that ignores the ``Idempotency-Key`` (as Mastodon does once it has forgotten a key,
after about an hour) and loses an answer (a 502 from a proxy after the status was created),
the mock runs behind a small ASGI wrapper (``Forgetful``) that drops the header and swaps
the answer; the server behind it is still mastodon_mock.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import regex

from publish.announcements import load
from publish.compose import compose, mastodon
from publish.ledger import Ledger, Status
from publish.mastodon import _Shown
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


class Forgetful:
    """mastodon_mock behind a server that ignores ``Idempotency-Key`` and that, for the first
    ``lose`` posts, creates the status but answers 502 (the answer lost on the way back)."""

    def __init__(self, app: Any) -> None:
        self.app, self.lose = app, 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"idempotency-key"]
        scope = {**scope, "headers": headers}
        if not (self.lose and scope["method"] == "POST" and scope["path"] == "/api/v1/statuses"):
            return await self.app(scope, receive, send)
        self.lose -= 1

        async def lost(_message: Any) -> None:
            pass

        await self.app(scope, receive, lost)
        start = {"type": "http.response.start", "status": 502, "headers": []}
        await send(start)
        await send({"type": "http.response.body", "body": b"Bad Gateway"})


@pytest.fixture
def forgetful(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, Forgetful]]:
    from mastodon_mock import app as mock_app
    from mastodon_mock.testing.server import MockServer

    made: list[Forgetful] = []
    create = mock_app.create_app

    def wrapped(config: Any = None) -> Forgetful:
        made.append(Forgetful(create(config)))
        return made[-1]

    monkeypatch.setattr(mock_app, "create_app", wrapped)
    with MockServer() as server:
        yield server, made[0]


def marks(server: Any) -> Counter[tuple[tuple[str, ...], str, int | None]]:
    """How many statuses show each (links, label, change number): what no title edit changes."""
    return Counter(
        (tuple(sorted(shown.links)), shown.label, shown.change)
        for shown in (_Shown.of(status["content"]) for status in statuses(server))
    )


def test_a_lost_answer_from_a_server_that_ignores_the_key_posts_once(
    tmp_path: Path, forgetful: tuple[Any, Forgetful]
):
    server, proxy = forgetful
    proxy.lose = 1
    env = clean_env(MASTODON_BASE_URL=server.base_url, MASTODON_ACCESS_TOKEN=TOKEN)
    feed = feed_of(tmp_path / "out", items(3))
    result = live(feed, tmp_path / "state", env, "--announce-backlog")
    assert result.returncode == 0, result.stderr
    assert "mastodon: 3 posted" in result.stdout
    assert "ACC-2026-0001/published was posted by an attempt whose answer was lost" in (
        result.stderr
    )
    assert_once_each(server, feed)
    first = statuses(server)[0]
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    assert ledger.entry("mastodon", "ACC-2026-0001/published").ref["id"] == str(first["id"])


def retitled(announcements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same announcements after the buyer renamed the notices."""
    return [
        {**item, "headline": item["headline"].replace("Grounds maintenance", "Parks upkeep")}
        for item in announcements
    ]


@pytest.mark.parametrize("clock", ["same clock", "runner 30 minutes ahead"])
def test_a_crash_then_a_title_edit_on_a_server_that_forgot_the_key_posts_once(
    tmp_path: Path, forgetful: tuple[Any, Forgetful], clock: str
):
    server, _ = forgetful
    env = clean_env(MASTODON_BASE_URL=server.base_url, MASTODON_ACCESS_TOKEN=TOKEN)
    state = tmp_path / "state"
    four = items(4)
    killed = live(
        feed_of(tmp_path / "out", four),
        state,
        {**env, "PUBLISH_CRASH_AT": "after-send@2"},
        "--announce-backlog",
    )
    assert killed.returncode == -9 and len(statuses(server)) == 2
    if clock != "same clock":  # the ledger's times were written by a clock ahead
        ledger = state / "ledger.json"
        text = ledger.read_text(encoding="utf-8")
        ahead = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
        today = datetime.now(UTC).strftime("%Y-%m-%dT")
        ledger.write_text(regex.sub(today + r"\d\d:\d\d", ahead, text), encoding="utf-8")
    result = live(feed_of(tmp_path / "out", retitled(four)), state, env)
    assert result.returncode == 0, result.stderr
    assert "mastodon: 2 posted, 1 found already posted" in result.stdout
    counted = marks(server)
    assert len(counted) == 4 and set(counted.values()) == {1}, counted
    posted = statuses(server)
    assert posted[1]["in_reply_to_id"] == posted[0]["id"]


def test_a_lost_ledger_and_renamed_notices_repost_nothing_of_any_kind(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    first, change = items(2)
    second = announcement("ACC-2026-0001", kind="changed", date="2026-11-03T09:00:00Z")
    second["id"] = "ACC-2026-0001/change/2"
    second["change"] = {**second["change"], "number": 2, "summary": "Lots merged."}
    soon = announcement(
        "ACC-2026-0001",
        kind="closing-soon",
        date="2026-11-04T09:00:00Z",
        replies_to="ACC-2026-0001/change/2",
        thread="ACC-2026-0001/published",
        headline="Closing soon: Grounds maintenance ACC-2026-0001",
    )
    everything = [first, change, second, soon]
    state = tmp_path / "state"
    feed = feed_of(tmp_path / "out", everything)
    assert live(feed, state, env, "--announce-backlog", "--closing-soon").returncode == 0
    assert len(statuses(server)) == 4
    (state / "ledger.json").unlink()
    result = live(feed_of(tmp_path / "out", retitled(everything)), state, env, "--closing-soon")
    assert result.returncode == 0, result.stderr
    assert "mastodon: 0 posted, 4 found already posted" in result.stdout
    ledger = Ledger.load(state / "ledger.json")
    ids = {item["id"]: ledger.entry("mastodon", item["id"]).ref["id"] for item in everything}
    assert sorted(ids.values()) == sorted(str(status["id"]) for status in statuses(server))
    assert len(statuses(server)) == 4


def test_another_accounts_token_is_refused_even_when_nothing_is_new(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    feed = feed_of(tmp_path / "out", items(2))
    assert live(feed, tmp_path / "state", env).returncode == 0
    bob = {**env, "MASTODON_ACCESS_TOKEN": "bob_token"}
    refused = live(feed, tmp_path / "state", bob)
    assert refused.returncode == 1, refused.stderr
    assert "mastodon: 0 posted, stopped: the ledger records posts by " in refused.stdout
    assert "/@alice but the credentials are for " in refused.stdout and "/@bob" in refused.stdout


def test_an_invalid_announcement_is_skipped_and_the_others_posted(
    tmp_path: Path, server: Any, env: dict[str, str]
):
    good = items(4)
    facts = good[2]["facts"]
    bad = {**good[2], "facts": {**facts, "value": {**facts["value"], "amount": "1.0e309"}}}
    feed = feed_of(tmp_path / "out", [good[0], good[1], bad, good[3]])
    result = live(feed, tmp_path / "state", env, "--announce-backlog")
    assert result.returncode == 1
    assert "mastodon: 3 posted" in result.stdout
    assert (
        "invalid: ACC-2026-0002/published: $.announcements[2].facts.value.amount: '1.0e309' "
        "does not match"
    ) in result.stdout
    assert "1 invalid announcement(s) in " in result.stderr
    assert "Traceback" not in result.stderr
    assert len(statuses(server)) == 3
