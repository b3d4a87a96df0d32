"""Helpers for the Bluesky tests: a live run of the publisher, and the PDS's posts checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish.announcements import Announcement
from publish.compose import language_name
from publish.tid import tid_for
from tests.pds.server import Pds
from tests.publish_support import (
    feed_items,
    png,
    posts,
    publish_live,
    sample_feed,
)

NO_CARD = "ACC-2025-0014/published"  # its card image is deleted: posted without a thumbnail
BIG_CARD = "ACC-2025-0019/published"  # its card is over 1,000,000 bytes: re-encoded


def run(feed: Path, state: Path, env: dict[str, str], *extra: str) -> Any:
    return publish_live("bluesky", feed, state, env, *extra, max_posts=100)


def by_rkey(pds: Pds, did: str) -> dict[str, dict[str, Any]]:
    """The account's posts by record key; fails on a duplicate key (impossible) or stray post."""
    records = posts(pds, did)
    keyed = {record["uri"].rsplit("/", 1)[-1]: record for record in records}
    assert len(keyed) == len(records)
    return keyed


def assert_exactly_once(
    pds: Pds, did: str, items: tuple[Announcement, ...]
) -> dict[str, dict[str, Any]]:
    """One post per announcement, nothing else; return the posts by announcement id."""
    keyed = by_rkey(pds, did)
    expected = {tid_for(item.id): item.id for item in items}
    assert set(keyed) == set(expected), {
        "missing": sorted(expected[k] for k in set(expected) - set(keyed)),
        "extra": sorted(set(keyed) - set(expected)),
    }
    return {expected[key]: record for key, record in keyed.items()}


def assert_threads(items: tuple[Announcement, ...], posted: dict[str, dict[str, Any]]) -> None:
    """Each follow-up replies to its thread's posts: parent = the one before, root = the first."""
    for item in items:
        reply = posted[item.id]["value"].get("reply")
        if item.replies_to is None:
            assert reply is None, item.id
            continue
        parent, root = posted[item.replies_to], posted[item.thread]
        assert reply == {
            "parent": {"uri": parent["uri"], "cid": parent["cid"]},
            "root": {"uri": root["uri"], "cid": root["cid"]},
        }, item.id


def assert_facets_exact(value: dict[str, Any], item: Announcement) -> None:
    data = value["text"].encode("utf-8")
    sliced = [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"])
        for f in value["facets"]
    ]
    link = [{"$type": "app.bsky.richtext.facet#link", "uri": item.url}]
    # The notice's page in its other languages, named in them, when the post had room.
    others = [
        (name, [{"$type": "app.bsky.richtext.facet#link", "uri": other.url}])
        for other in item.translations
        if f"\n{(name := language_name(other.language))}\n" in value["text"]
    ]
    tags = [
        (f"#{tag}", [{"$type": "app.bsky.richtext.facet#tag", "tag": tag}]) for tag in item.tags
    ]
    assert sliced == [(item.url, link), *others, *tags], item.id


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample site's announcements: one card image deleted, one over 1,000,000 bytes."""
    feed = sample_feed(tmp_path / "output")
    by_id = {item["id"]: item for item in feed_items(feed)}
    (feed.parent / by_id[NO_CARD]["card"]["image"]).unlink()
    (feed.parent / by_id[BIG_CARD]["card"]["image"]).write_bytes(png((1200, 630), noise=True))
    return feed
