"""Mastodon runs that crash, lose their ledger or lose an answer still post each status once.

The publisher runs as a separate process, so tests can SIGKILL it mid-post. For a server that
ignores the ``Idempotency-Key`` (as Mastodon does once it has forgotten a key, after about an
hour) and loses an answer (a 502 from a proxy after the status was created), the mock runs
behind a small ASGI wrapper (``Forgetful``) that drops the header and swaps the answer; the
server behind it is still mastodon_mock.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import regex

from publish.ledger import Ledger
from publish.mastodon import _Shown
from tests import mastodon_support
from tests.mastodon_support import (
    TOKEN,
    assert_once_each,
    feed_of,
    items,
    live,
    statuses,
)
from tests.publish_support import announcement, clean_env

server, env = mastodon_support.server, mastodon_support.env  # shared fixtures


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
