"""The dry run: exactly what a live run would post on each channel, without sending anything.

It works offline from the ledger alone (no credentials needed), so it can run on every pull
request. Mastodon's limit is assumed to be 500 characters; a live run reads the server's.
"""

from __future__ import annotations

from . import compose, plan
from .announcements import Announcement, Announcements
from .errors import ComposeError
from .ledger import Entry, Ledger, Status
from .run import Options
from .thumbnail import MAX_BYTES

LIMITS = {"bluesky": compose.BLUESKY, "mastodon": compose.mastodon()}


def preview(feed: Announcements, ledger: Ledger, channels: list[str], options: Options) -> str:
    """The dry-run report for ``channels``, as text."""
    return "\n".join(_channel(name, feed, ledger, options) for name in channels)


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
    shown = the_plan.pending[: options.max_posts]
    lines.append(
        f"{name}: {len(shown)} post(s) would be sent"
        + (
            f"; {len(the_plan.pending) - len(shown)} left for later runs (--max-posts)"
            if len(shown) < len(the_plan.pending)
            else ""
        )
    )
    by_id, open_ids = feed.by_id(), {item.id for item in the_plan.pending}
    for number, item in enumerate(shown, 1):
        lines.append(_post(name, number, item, plan.parent(item, by_id, entries, open_ids)))
        # Later items of the same thread reply to this one once it is posted.
        entries[item.id] = Entry(Status.POSTED, "")
        open_ids.discard(item.id)
    return "\n".join(lines) + "\n"


def _post(name: str, number: int, item: Announcement, parent: str | plan.Wait | None) -> str:
    limits = LIMITS[name]
    try:
        composed = compose.compose(item, limits)
    except ComposeError as error:
        return f"\n--- {name} #{number}: {item.id}: cannot be posted: {error}"
    reply = f"reply to {parent}" if isinstance(parent, str) else "new thread"
    if isinstance(parent, plan.Wait):
        reply = f"waits for {parent.ancestor}"
    header = f"\n--- {name} #{number}: {item.id} ({reply}, language {item.language}) · {_measure(name, composed)}"
    return f"{header}\n{composed.text}\n{_card(name, item)}"


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
