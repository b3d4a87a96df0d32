"""Bluesky, against a real PDS on loopback (tests/pds): every post read back with listRecords.

The publisher runs as a separate process, as in CI. Here: what is posted (text, facets, cards,
languages) and how follow-ups thread; faults and sessions have their own modules.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from publish import graphemes
from publish.announcements import load
from publish.compose import BLUESKY, compose
from publish.tid import tid_for
from tests import bluesky_support
from tests.bluesky_support import (
    BIG_CARD,
    NO_CARD,
    assert_exactly_once,
    assert_facets_exact,
    assert_threads,
    run,
)
from tests.pds.server import Account, Pds
from tests.publish_support import (
    announcement,
    blob,
    bsky_env,
    clean_env,
    posts,
    write_cards,
    write_feed,
)

sample = bluesky_support.sample  # a shared fixture


def test_the_sample_site_is_posted_once_with_facets_cards_langs_and_threads(
    tmp_path: Path, pds: Pds, bsky_account: Account, sample: Path
):
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    started = datetime.now(UTC)
    result = run(sample, state, env, "--announce-backlog")
    assert result.returncode == 0, result.stderr
    items = tuple(item for item in load(sample).items if item.kind != "closing-soon")
    assert f"bluesky: {len(items)} posted" in result.stdout
    posted = assert_exactly_once(pds, bsky_account.did, items)
    assert_threads(items, posted)
    for item in items:
        value = posted[item.id]["value"]
        assert value["text"] == compose(item, BLUESKY).text
        assert graphemes.count(value["text"]) <= 300 and len(value["text"].encode()) <= 3000
        assert_facets_exact(value, item)
        assert value["langs"] == [item.language]
        assert (
            started - timedelta(seconds=5)
            <= datetime.fromisoformat(value["createdAt"])
            <= datetime.now(UTC)
        )
        external = value["embed"]["external"]
        assert value["embed"]["$type"] == "app.bsky.embed.external"
        assert (external["uri"], external["title"], external["description"]) == (
            item.url,
            item.card.title,
            item.card.description,
        )
        if item.id == NO_CARD:
            assert "thumb" not in external
        elif item.id == BIG_CARD:
            assert external["thumb"]["size"] <= 1_000_000 < item.card.image.stat().st_size
        else:
            assert (
                blob(pds, bsky_account.did, external["thumb"]["ref"]["$link"])
                == item.card.image.read_bytes()
            )
    assert "card image" in result.stderr and "without a thumbnail" in result.stderr

    again = run(sample, state, env)
    assert again.returncode == 0 and "bluesky: 0 posted" in again.stdout
    assert len(posts(pds, bsky_account.did)) == len(items)

    # Closing-soon reminders are opt-in, and reply in their notice's thread.
    reminder = run(sample, state, env, "--closing-soon")
    assert "bluesky: 1 posted" in reminder.stdout, reminder.stderr
    everything = load(sample).items
    assert_threads(everything, assert_exactly_once(pds, bsky_account.did, everything))


def test_an_amendment_and_a_cancellation_reply_in_their_threads(
    tmp_path: Path, pds: Pds, bsky_account: Account, sample: Path
):
    assert (
        run(
            sample,
            tmp_path / "state",
            clean_env(**bsky_env(pds, bsky_account)),
            "--announce-backlog",
        ).returncode
        == 0
    )
    posted = {record["uri"].rsplit("/", 1)[-1]: record for record in posts(pds, bsky_account.did)}

    def post(announcement_id: str) -> dict[str, Any]:
        return posted[tid_for(announcement_id)]

    change = post("ACC-2026-0031/change/2")["value"]
    assert change["reply"]["parent"]["uri"] == post("ACC-2026-0031/change/1")["uri"]
    assert change["reply"]["root"]["uri"] == post("ACC-2026-0031/published")["uri"]
    assert "Change 2: " in change["text"]
    cancelled = post("ACC-2026-0024/cancelled")["value"]
    assert (
        cancelled["reply"]["parent"]["uri"]
        == cancelled["reply"]["root"]["uri"]
        == post("ACC-2026-0018/published")["uri"]
    )
    assert cancelled["text"].startswith("Procurement cancelled: ")


def test_welsh_and_emoji_posts_round_trip_exactly(tmp_path: Path, pds: Pds, bsky_account: Account):
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    notice = {**announcement()["notice"], "language": "cy", "summary": "Estyniad ysgol 🏫 " * 30}
    item = announcement(
        headline=f"Hysbysiad tendr: Ysgol Bro Afonwy {flag}: ŵyr a ŷd",
        notice=notice,
        tags=["Tendr", "Caffael"],
    )
    feed = write_feed(tmp_path / "out", [item])
    write_cards(feed)
    result = run(
        feed, tmp_path / "state", clean_env(**bsky_env(pds, bsky_account)), "--announce-backlog"
    )
    assert result.returncode == 0, result.stderr
    [loaded] = load(feed).items
    [record] = posts(pds, bsky_account.did)
    assert record["value"]["langs"] == ["cy"]
    assert graphemes.count(record["value"]["text"]) <= 300
    assert_facets_exact(record["value"], loaded)
