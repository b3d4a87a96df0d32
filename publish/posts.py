"""What each channel is sent for one post, built without the network or an SDK.

The live run sends exactly these, and the dry run builds them the same way, so what the dry
run shows is what would be sent. Bluesky gets an ``app.bsky.feed.post`` record: the text, a
link facet on the URL and a tag facet on each hashtag at their UTF-8 byte ranges (as the
atproto SDK's ``TextBuilder`` writes them; tests/test_publish_posts.py checks they agree),
``langs``, the link card and the reply refs. Mastodon gets a status's parameters. The SDKs
take a second to import, half the time a 10,000-post dry run may take.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .announcements import Announcement
from .compose import Composed
from .ledger import Entry, Status, timestamp

POST = "app.bsky.feed.post"
_FACET = "app.bsky.richtext.facet"


def facets(composed: Composed) -> list[dict[str, Any]]:
    """A link facet on the URL and a tag facet on each hashtag, by UTF-8 byte range."""
    found = []
    for start, end, segment in composed.byte_ranges():
        if segment.link:
            feature = {"$type": f"{_FACET}#link", "uri": segment.link}
        elif segment.tag:
            feature = {"$type": f"{_FACET}#tag", "tag": segment.tag}
        else:
            continue
        index = {"$type": f"{_FACET}#byteSlice", "byteStart": start, "byteEnd": end}
        found.append({"$type": _FACET, "index": index, "features": [feature]})
    return found


def bluesky_record(
    announcement: Announcement,
    composed: Composed,
    thumb: dict[str, Any] | None,
    parent: Entry | None,
    created_at: str | None = None,
) -> dict[str, Any]:
    """The ``app.bsky.feed.post`` record, as JSON (``createdAt`` now unless given)."""
    card = announcement.card
    external: dict[str, Any] = {
        "uri": announcement.url,
        "title": card.title,
        "description": card.description,
    }
    if thumb is not None:
        external["thumb"] = thumb
    record: dict[str, Any] = {
        "$type": POST,
        "text": composed.text,
        "facets": facets(composed),
        # Always explicit: Bluesky's apps would otherwise take every post as English.
        "langs": list(announcement.langs),
        "embed": {"$type": "app.bsky.embed.external", "external": external},
        "createdAt": created_at or timestamp(),
    }
    if parent is not None:
        ref = parent.ref
        record["reply"] = {
            "root": {"uri": ref["root_uri"], "cid": ref["root_cid"]},
            "parent": {"uri": ref["uri"], "cid": ref["cid"]},
        }
    return record


def bluesky_entry(uri: str, cid: str, reply: Mapping[str, Any] | None) -> Entry:
    """The ledger entry of a post at ``uri``: a reply keeps its thread's root, a root itself."""
    root = reply["root"] if reply else {"uri": uri, "cid": cid}
    return Entry.now(
        Status.POSTED,
        rkey=rkey(uri),
        uri=uri,
        cid=cid,
        root_uri=root["uri"],
        root_cid=root["cid"],
    )


def rkey(uri: str) -> str:
    """The record key at the end of an ``at://`` URI."""
    return uri.rsplit("/", 1)[-1]


def mastodon_status(
    announcement: Announcement, composed: Composed, parent: Entry | None
) -> dict[str, Any]:
    """The parameters of the status, as Mastodon.py's ``status_post`` takes them."""
    return {
        "status": composed.text,
        "in_reply_to_id": parent.ref["id"] if parent else None,
        "language": announcement.language,
        "visibility": "public",
        "idempotency_key": idempotency_key(announcement.id),
    }


def idempotency_key(announcement_id: str) -> str:
    """The Idempotency-Key of an announcement's status: the same on every run."""
    return "noticeboard-" + hashlib.sha256(announcement_id.encode()).hexdigest()[:32]
