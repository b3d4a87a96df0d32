"""Every feed file of a site, as {path relative to the output folder: bytes}.

A feed with more entries than ``FeedOptions.max_entries`` is an RFC 5005 paged feed: the
subscription document (``feeds/<slug>.atom``) holds the newest entries and links to
``feeds/<slug>/page-2.atom`` and so on, with first, previous, next and last links.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plugins.config import FeedOptions
from plugins.notices.events import Event, EventKind, events
from plugins.notices.site import Site

from .catalogue import FORMATS, OPML_PATH, Feed, entries, site_feeds
from .compose import HTML, event_entry, notice_entry, tag_uri
from .opml import opml
from .render import Entry, FeedDocument, Link, Renderer

CHANGE_KINDS = (EventKind.CHANGED, EventKind.AWARDED, EventKind.CANCELLED)


@dataclass(frozen=True)
class Composed:
    """Every notice's and change's entry, composed once and shared by all the feeds."""

    notices: dict[tuple[str, str], Entry]
    changes: tuple[tuple[Event, Entry], ...]  # newest first


def compose(site: Site, id_date: str) -> Composed:
    """The entries of every notice (by key) and of every change, award and cancellation."""
    return Composed(
        notices={item.notice.key: notice_entry(item, site, id_date) for item in site.notices},
        changes=tuple(
            (event, event_entry(event, site, id_date))
            for event in reversed(events(site))
            if event.kind in CHANGE_KINDS
        ),
    )


def feed_files(site: Site, options: FeedOptions) -> Iterator[tuple[str, bytes]]:
    """Atom and RSS for every feed of the site, and the OPML file listing them, one by one."""
    feeds = site_feeds(site)
    composed = compose(site, options.id_date)
    renderer = Renderer()
    for feed in feeds:
        yield from feed_pages(feed, site, options, composed, renderer).items()
    yield OPML_PATH, opml(site, feeds)


def feed_entries(feed: Feed, site: Site, composed: Composed) -> tuple[Entry, ...]:
    """A feed's entries, newest first."""
    if feed.kind == "changes":
        return tuple(
            entry
            for event, entry in composed.changes
            if event.item.lang == feed.lang and feed.matches(event.item)
        )
    return tuple(composed.notices[item.notice.key] for item in reversed(entries(feed, site)))


def feed_pages(
    feed: Feed, site: Site, options: FeedOptions, composed: Composed, renderer: Renderer
) -> dict[str, bytes]:
    """One feed's documents in both formats: one, or one per page when paged."""
    everything = feed_entries(feed, site, composed)
    size = options.max_entries
    pages = [everything[start : start + size] for start in range(0, len(everything), size)]
    pages = pages or [()]
    # The newest change to anything in the feed; an empty feed has only the build clock.
    updated = max((entry.updated for entry in everything), default=site.clock)
    files = {}
    for fmt, render in (("atom", renderer.atom), ("rss", renderer.rss)):
        for number, page in enumerate(pages, 1):
            document = FeedDocument(
                id=tag_uri(site, options.id_date, f"feeds/{feed.slug}"),
                title=_title(feed, site, number, len(pages)),
                subtitle=feed.description,
                lang=feed.lang,
                updated=updated,
                links=_links(feed, site, fmt, number, len(pages)),
                entries=tuple(page),
            )
            files[feed.page_path(fmt, number)] = render(document)
    return files


def _title(feed: Feed, site: Site, number: int, count: int) -> str:
    title = f"{feed.title} \N{EN DASH} {site.name}" if site.name else feed.title
    return f"{title} (page {number} of {count})" if count > 1 else title


def _links(feed: Feed, site: Site, fmt: str, number: int, count: int) -> tuple[Link, ...]:
    def page(rel: str, page_number: int) -> Link:
        return Link(site.absolute(feed.page_path(fmt, page_number)), rel, FORMATS[fmt])

    links = [page("self", number)]
    if count > 1:
        links += [page("first", 1), page("last", count)]
        links += [page("previous", number - 1)] if number > 1 else []
        links += [page("next", number + 1)] if number < count else []
    # Feeds have no page of their own on the site: the home page lists every notice.
    return (*links, Link(site.absolute(""), "alternate", HTML))
