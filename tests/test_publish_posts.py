"""What each channel is sent: facets as the atproto SDK writes them, and the dry run's
requests equal to what the live run posts (read back from a real PDS and from mastodon_mock).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from atproto import client_utils
from atproto_client.models.utils import get_model_as_dict

from publish import plan, posts
from publish.announcements import Announcements, load
from publish.compose import BLUESKY, Composed, compose, mastodon
from publish.ledger import Entry, Status
from publish.preview import Draft, drafts
from publish.tid import tid_for
from tests.pds.server import Account, Pds
from tests.publish_support import (
    SITE,
    announcement,
    bsky_env,
    clean_env,
    publish,
    sample_feed,
    write_cards,
    write_feed,
)
from tests.publish_support import posts as pds_posts

WELSH_FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"


def sdk_facets(composed: Composed) -> list[dict[str, Any]]:
    """The facets the atproto SDK's TextBuilder writes for the same segments."""
    builder = client_utils.TextBuilder()
    for segment in composed.segments:
        if segment.link:
            builder.link(segment.text, segment.link)
        elif segment.tag:
            builder.tag(segment.text, segment.tag)
        else:
            builder.text(segment.text)
    assert builder.build_text() == composed.text
    return [get_model_as_dict(facet) for facet in builder.build_facets()]


def loaded(tmp_path: Path, items: list[dict[str, Any]]) -> Announcements:
    path = write_feed(tmp_path / "out", items)
    write_cards(path)
    return load(path)


def every_draft(name: str, feed: Announcements, account: str | None) -> dict[str, Draft]:
    """The dry run's drafts for every eligible announcement, as --compose-all makes them."""
    items = plan.eligible(feed.items, closing_soon=False)
    made = drafts(name, feed, {}, items, {item.id for item in items}, account)
    return {draft.item.id: draft for draft in made}


@pytest.mark.parametrize(
    "notice",
    [
        {
            "summary": f"Adeiladu {FAMILY} ystafelloedd, caffi ŷd 🚧👍🏽 {WELSH_FLAG}",
            "language": "cy",
        },
        {"url": f"{SITE}/notices/" + "very-long-slug-" * 6 + "caf%C3%A9/?lang=cy#details"},
        {"summary": "e" + "\u0301" * 30 + " stacked accents, and a line\r\nbreak"},
    ],
)
def test_facets_are_the_ones_the_atproto_sdk_writes(tmp_path: Path, notice: dict[str, Any]):
    item = announcement(notice={**announcement()["notice"], **notice}, tags=["Tendr", "Cymraeg"])
    composed = compose(loaded(tmp_path, [item]).items[0], BLUESKY)
    assert posts.facets(composed) == sdk_facets(composed)
    assert [f["features"][0].get("tag") for f in posts.facets(composed)] == [
        None,
        "Tendr",
        "Cymraeg",
    ]


def test_a_reply_names_its_threads_root_and_its_parent(tmp_path: Path):
    item = loaded(tmp_path, [announcement()]).items[0]
    root = posts.bluesky_entry("at://did:plc:me/app.bsky.feed.post/root", "cid-root", None)
    parent = posts.bluesky_entry(
        "at://did:plc:me/app.bsky.feed.post/parent",
        "cid-parent",
        {"root": {"uri": root.ref["uri"], "cid": root.ref["cid"]}},
    )
    record = posts.bluesky_record(item, compose(item, BLUESKY), None, parent, "2026-11-20T12:00Z")
    assert record["reply"] == {
        "root": {"uri": "at://did:plc:me/app.bsky.feed.post/root", "cid": "cid-root"},
        "parent": {"uri": "at://did:plc:me/app.bsky.feed.post/parent", "cid": "cid-parent"},
    }
    assert record["createdAt"] == "2026-11-20T12:00Z" and record["langs"] == ["en"]
    status = posts.mastodon_status(
        item, compose(item, mastodon()), Entry(Status.POSTED, "", {"id": "7"})
    )
    assert status["in_reply_to_id"] == "7" and status["visibility"] == "public"


def test_the_dry_run_replies_in_thread_to_posts_it_would_send_first(tmp_path: Path):
    feed = loaded(
        tmp_path,
        [
            announcement("ACC-1", date="2026-11-01T09:00:00Z"),
            announcement("ACC-1", kind="changed", date="2026-11-02T09:00:00Z"),
            announcement(
                "ACC-1",
                kind="awarded",
                date="2026-11-03T09:00:00Z",
                thread="ACC-1/published",
                replies_to="ACC-1/change/1",
            ),
        ],
    )
    made = every_draft("bluesky", feed, "did:plc:me")
    award = made["ACC-1/awarded"].request
    assert award is not None
    at = "at://did:plc:me/app.bsky.feed.post/"
    assert award["reply"]["root"]["uri"] == at + tid_for("ACC-1/published")
    assert award["reply"]["parent"]["uri"] == at + tid_for("ACC-1/change/1")
    assert made["ACC-1/published"].parent is None
    assert made["ACC-1/change/1"].parent == "ACC-1/published"


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without what only posting decides: the time, the thumbnail blob, the CIDs."""
    record = copy.deepcopy(record)
    del record["createdAt"]
    record["embed"]["external"].pop("thumb", None)
    for ref in record.get("reply", {}).values():
        del ref["cid"]
    return record


def test_the_dry_run_builds_exactly_the_bluesky_records_the_live_run_posts(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    feed_path = sample_feed(tmp_path / "output")
    result = publish(
        *("--input", feed_path, "--state", tmp_path / "state", "--live", "--channel", "bluesky"),
        *("--announce-backlog", "--max-posts", "1000"),
        env=clean_env(**bsky_env(pds, bsky_account)),
    )
    assert result.returncode == 0, result.stderr
    feed = load(feed_path)
    dry = every_draft("bluesky", feed, bsky_account.did)
    live = {
        record["uri"].rsplit("/", 1)[-1]: record["value"]
        for record in pds_posts(pds, bsky_account.did)
    }
    assert len(live) == len(dry) > 20
    replies = 0
    for item_id, draft in dry.items():
        assert draft.request is not None, draft.error
        posted = live[tid_for(item_id)]
        assert comparable(posted) == comparable(draft.request), item_id
        replies += "reply" in posted
    assert replies >= 5


def test_the_dry_run_builds_exactly_the_mastodon_statuses_the_live_run_posts(
    tmp_path: Path, mastodon_mock_server: Any
):
    items = [
        announcement("ACC-1", date="2026-11-01T09:00:00Z"),
        announcement("ACC-1", kind="changed", date="2026-11-02T09:00:00Z"),
        announcement(
            "ACC-2",
            date="2026-11-03T09:00:00Z",
            notice={**announcement("ACC-2")["notice"], "language": "cy"},
        ),
    ]
    feed_path = write_feed(tmp_path / "out", items)
    write_cards(feed_path)
    env = clean_env(
        MASTODON_BASE_URL=mastodon_mock_server.base_url, MASTODON_ACCESS_TOKEN="alice_token"
    )
    result = publish(
        *("--input", feed_path, "--state", tmp_path / "state", "--live", "--channel", "mastodon"),
        "--announce-backlog",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    client = mastodon_mock_server.client("alice")
    statuses = list(reversed(client.account_statuses(client.account_verify_credentials()["id"])))
    dry = list(every_draft("mastodon", load(feed_path), None).values())
    assert len(statuses) == len(dry) == 3
    from publish.mastodon import _plain

    for status, draft in zip(statuses, dry, strict=True):
        request = draft.request
        assert request is not None
        assert _plain(status["content"])[0] == " ".join(request["status"].split())
        assert status["language"] == request["language"]
    # The change replies to the notice: the dry run names the post it will be once sent.
    assert dry[1].request is not None
    assert dry[1].request["in_reply_to_id"] == "<id of ACC-1/published>"
    assert statuses[1]["in_reply_to_id"] == statuses[0]["id"]
