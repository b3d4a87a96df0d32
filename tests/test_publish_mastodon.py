"""Mastodon, against ``mastodon_mock`` (PyPI): a stateful FastAPI + SQLite imitation of the
Mastodon REST API. No real Mastodon-API server installs from the registries this project
can reach (see shared/research/atproto-pds-on-loopback.md), so this is the stand-in; unlike
real Mastodon it counts a URL's full length towards its 500-character limit and does not
link hashtags in a status's HTML.

The publisher runs as a separate process, as in CI. Here: what is posted, the first run,
the server's limit, the account; faults and rate limits have their own modules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publish.ledger import Ledger
from publish.posts import idempotency_key
from tests import mastodon_support
from tests.mastodon_support import (
    _plain,
    assert_once_each,
    feed_of,
    items,
    live,
    statuses,
)
from tests.publish_support import announcement

server, env = mastodon_support.server, mastodon_support.env  # shared fixtures


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
