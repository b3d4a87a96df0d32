"""The dry run: exactly what a live run would post on each channel, without sending anything.

It works offline from the ledger alone (no credentials needed), so it can run on every pull
request. Mastodon's limit is assumed to be 500 characters; a live run reads the server's.
On a channel's first run, which posts nothing, it names the newest announcements it would
record as backlog, so a buyer can see that a new notice is among them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import compose, plan, posts
from .announcements import Announcement, Announcements
from .errors import ComposeError
from .languages import PostLanguage
from .ledger import Entry, Ledger, Status
from .run import Options
from .thumbnail import MAX_BYTES
from .tid import tid_for

LIMITS = {"bluesky": compose.BLUESKY, "mastodon": compose.mastodon()}
# A first run names this many of the newest backlog items (a big site has thousands).
NAMED_BACKLOG = 20
# What only the server knows once a post exists, in the requests a dry run builds.
UNKNOWN = "<{} of {}>"


@dataclass(frozen=True)
class Draft:
    """One post as a live run would send it (``request``), or why it cannot be posted."""

    item: Announcement
    parent: str | plan.Wait | None
    composed: compose.Composed | None
    request: dict[str, Any] | None
    error: str = ""


def preview(
    feed: Announcements,
    ledger: Ledger,
    channels: list[str],
    options: Options,
    languages: Mapping[str, PostLanguage] | None = None,
) -> str:
    """The dry-run report for ``channels``, as text, each in its language (``languages``)."""
    return "\n".join(
        _channel(name, _in(feed, name, languages), ledger, options) for name in channels
    )


def _in(
    feed: Announcements, name: str, languages: Mapping[str, PostLanguage] | None
) -> Announcements:
    """``feed`` as channel ``name`` posts it."""
    return (languages or {}).get(name, PostLanguage()).feed(feed)


def _channel(name: str, feed: Announcements, ledger: Ledger, options: Options) -> str:
    items = plan.eligible(feed.items, options.closing_soon)
    first_run = not ledger.has_channel(name)
    entries = dict(ledger.entries(name))
    the_plan = plan.plan(
        items, entries, first_run=first_run, announce_backlog=options.announce_backlog
    )
    lines = []
    if the_plan.backlog:
        lines.append(
            f"{name}: first run: {len(the_plan.backlog)} earlier announcement(s) would be "
            "recorded as already announced, without posting (--announce-backlog posts them)"
        )
        lines += _named(the_plan.backlog)
    shown = the_plan.pending[: options.max_posts]
    lines.append(
        f"{name}: {len(shown)} post(s) would be sent"
        + (
            f"; {len(the_plan.pending) - len(shown)} left for later runs (--max-posts)"
            if len(shown) < len(the_plan.pending)
            else ""
        )
    )
    pending = {item.id for item in the_plan.pending}
    made = drafts(name, feed, entries, shown, pending, ledger.account(name))
    lines += [_post(name, number, draft) for number, draft in enumerate(made, 1)]
    return "\n".join(lines) + "\n"


def compose_all(
    feed: Announcements,
    channels: list[str],
    closing_soon: bool,
    languages: Mapping[str, PostLanguage] | None = None,
) -> str:
    """Every announcement composed for each channel, as a new channel would post them all.

    A check and a benchmark: it reports counts and what cannot be posted, not each post.
    """
    lines = []
    for name in channels:
        feed_in = _in(feed, name, languages)
        items = plan.eligible(feed_in.items, closing_soon)
        failed, replies = [], 0
        for draft in drafts(name, feed_in, {}, items, {item.id for item in items}, None):
            if draft.request is None:
                failed.append(f"  {draft.item.id}: cannot be posted: {draft.error}")
            replies += isinstance(draft.parent, str)
        lines.append(
            f"{name}: {len(items) - len(failed)} of {len(items)} announcement(s) composed, "
            f"{replies} of them as replies; {len(failed)} cannot be posted"
        )
        lines += failed
    return "\n".join(lines) + "\n"


def drafts(
    name: str,
    feed: Announcements,
    entries: dict[str, Entry],
    shown: tuple[Announcement, ...],
    pending: set[str],
    account: str | None,
) -> Iterator[Draft]:
    """Compose ``shown`` in order as a live run on ``name`` would, updating ``entries``
    and ``pending`` as each post would be sent."""
    by_id, limits = feed.by_id(), LIMITS[name]
    account = account or UNKNOWN.format("account", name)
    for item in shown:
        parent = plan.parent(item, by_id, entries, pending)
        try:
            composed = compose.compose(item, limits)
        except ComposeError as error:
            yield Draft(item, parent, None, None, str(error))
            continue
        reply_to = entries[parent] if isinstance(parent, str) else None
        request = _request(name, item, composed, reply_to)
        yield Draft(item, parent, composed, request)
        if not isinstance(parent, plan.Wait):
            # Later items of the same thread reply to this one once it is posted.
            entries[item.id] = _sent(name, item, request, account)
            pending.discard(item.id)


def _request(
    name: str, item: Announcement, composed: compose.Composed, parent: Entry | None
) -> dict[str, Any]:
    if name == "mastodon":
        return posts.mastodon_status(item, composed, parent)
    # The thumbnail is uploaded while posting: the report's card line describes it.
    return posts.bluesky_record(item, composed, None, parent)


def _sent(name: str, item: Announcement, request: dict[str, Any], account: str) -> Entry:
    """The ledger entry a live run would record once the post is sent."""
    if name == "mastodon":
        return Entry(Status.POSTED, "", {"id": UNKNOWN.format("id", item.id)})
    uri = f"at://{account}/{posts.POST}/{tid_for(item.id)}"
    return posts.bluesky_entry(uri, UNKNOWN.format("cid", item.id), request.get("reply"))


def _named(backlog: tuple[Announcement, ...]) -> list[str]:
    """One line for each of the newest backlog items, so a new notice can be found among them."""
    older = len(backlog) - NAMED_BACKLOG
    named = [f"  {item.id} · {item.headline}" for item in backlog[-NAMED_BACKLOG:]]
    return ([f"  … {older} older"] if older > 0 else []) + named


def _post(name: str, number: int, draft: Draft) -> str:
    item, parent, composed = draft.item, draft.parent, draft.composed
    if composed is None or draft.request is None:
        return f"\n--- {name} #{number}: {item.id}: cannot be posted: {draft.error}"
    reply = f"reply to {parent}" if isinstance(parent, str) else "new thread"
    if isinstance(parent, plan.Wait):
        reply = f"waits for {parent.ancestor}"
    header = f"\n--- {name} #{number}: {item.id} ({reply}, language {', '.join(item.langs)}) · {_measure(name, composed)}"
    return f"{header}\n{composed.text}\n{_card(name, item)}{_facets(draft.request)}"


def _facets(request: dict[str, Any]) -> str:
    """Bluesky's facets: what each links or tags, at which UTF-8 bytes of the text."""
    if "facets" not in request:
        return ""
    spans = []
    for facet in request["facets"]:
        index, feature = facet["index"], facet["features"][0]
        target = feature["uri"] if "uri" in feature else f"#{feature['tag']}"
        spans.append(f"{target} at {index['byteStart']}-{index['byteEnd']}")
    return f"\n[facets, UTF-8 bytes: {' · '.join(spans)}]"


def _measure(name: str, composed: compose.Composed) -> str:
    limits = composed.limits
    if name == "mastodon":
        return (
            f"{composed.length} of {limits.graphemes} characters (URLs count {limits.url_weight})"
        )
    size = len(composed.text.encode("utf-8"))
    return f"{composed.length} of {limits.graphemes} graphemes, {size} of {limits.bytes} bytes"


def _card(name: str, item: Announcement) -> str:
    if name == "mastodon":
        return "[link preview: built by the server from the page's Open Graph tags]"
    image = item.card.image
    if not image.is_file():
        thumb = f"no thumbnail ({image.name} missing)"
    else:
        size = image.stat().st_size
        thumb = f"thumbnail {image.name}, {size:,} bytes" + (
            " (re-encoded to fit 1,000,000)" if size > MAX_BYTES else ""
        )
    return f"[link card: {item.card.title} · {item.url} · {thumb}]"
