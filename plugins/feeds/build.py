"""Every feed file of a site, as {path relative to the output folder: bytes}.

A feed with more entries than ``FeedOptions.max_entries`` is an RFC 5005 paged feed: the
subscription document (``feeds/<slug>.atom``) holds every notice open now, whatever its age
(many readers read nothing else), then the newest others, and links to
``feeds/<slug>/page-2.atom`` and so on, with first, previous, next and last links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from plugins.config import FeedOptions
from plugins.notices.derive import Status
from plugins.notices.events import Event, EventKind, events
from plugins.notices.formatting import text, titled
from plugins.notices.keyed import Keyed, of_bytes
from plugins.notices.site import Site

from .catalogue import (
    FORMATS,
    Feed,
    entries,
    opml_path,
    procurement_feed,
    procurement_items,
    read_as,
    site_feeds,
)
from .compose import HTML, event_entry, notice_entry, tag_uri
from .opml import opml
from .render import Entry, FeedDocument, Link, Renderer

CHANGE_KINDS = (EventKind.CHANGED, EventKind.AWARDED, EventKind.CANCELLED)


@dataclass(frozen=True)
class Composed:
    """Every notice's and change's entry for readers of one language, composed once and
    shared by all the feeds in it."""

    notices: dict[tuple[str, str], Entry]  # by the key of the version shown
    changes: tuple[tuple[Event, Entry], ...]  # newest first
    open: frozenset[str]  # ids of the entries of notices open now
    lang: str = ""


def compose(site: Site, id_date: str, lang: str | None = None) -> Composed:
    """The entries of every notice a reader of ``lang`` (the default language unless given)
    sees, by key, and of every change, award and cancellation of them."""
    lang = lang or site.default_lang
    shown = [item for item, _facts in read_as(site, lang)]
    notices = {item.notice.key: notice_entry(item, site, id_date, lang) for item in shown}
    return Composed(
        notices=notices,
        changes=tuple(
            (event, event_entry(event, site, id_date, lang))
            for event in reversed(events(site))
            if event.kind in CHANGE_KINDS and event.item.notice.key in notices
        ),
        open=frozenset(
            notices[item.notice.key].id for item in shown if item.facets.status is Status.OPEN
        ),
        lang=lang,
    )


def feed_files(site: Site, options: FeedOptions) -> Iterator[tuple[str, bytes]]:
    """Atom and RSS for every feed of the site in each of its languages, and the OPML file
    of each language listing them, one by one."""
    for item in keyed_feed_files(site, options, Renderer()):
        yield item.path, item.data()


def keyed_feed_files(site: Site, options: FeedOptions, renderer: Renderer) -> Iterator[Keyed]:
    """``feed_files`` by key: each document made only when the writer asks for it."""
    for lang in site.languages:
        yield from language_files(site, options, lang, renderer)
        renderer.forget()


def language_files(
    site: Site, options: FeedOptions, lang: str, renderer: Renderer
) -> Iterator[Keyed]:
    """One language's feeds, its OPML list and its procurements' feeds."""
    feeds = site_feeds(site, lang)
    composed = {lang: _composed(site, options, lang, renderer)}
    for feed in feeds:
        if feed.lang not in composed:  # a language the site is not in (feeds/fr/all)
            composed[feed.lang] = _composed(site, options, feed.lang, renderer)
        yield from feed_pages(feed, site, options, composed[feed.lang], renderer)
    yield of_bytes(opml_path(site, lang), opml(site, feeds, lang))
    own = composed[lang]
    changes_of: dict[str, list[Entry]] = defaultdict(list)
    for event, entry in own.changes:
        changes_of[event.item.notice.ocid].append(entry)
    for ocid, items in procurement_items(site, lang).items():
        feed = procurement_feed(ocid, site, lang)
        notices = [own.notices[item.notice.key] for item in items]
        mixed = sorted([*notices, *changes_of[ocid]], key=lambda e: e.published, reverse=True)
        yield from feed_pages(feed, site, options, own, renderer, tuple(mixed))


def _composed(site: Site, options: FeedOptions, lang: str, renderer: Renderer) -> Composed:
    """``compose``, its entries' pieces kept for the next build whether shown now or not."""
    composed = compose(site, options.id_date, lang)
    renderer.use([*composed.notices.values(), *(entry for _event, entry in composed.changes)])
    return composed


def feed_entries(feed: Feed, site: Site, composed: Composed) -> tuple[Entry, ...]:
    """A feed's entries, newest first, from entries composed in the feed's language."""
    if feed.kind == "changes":
        facts_of = {shown.notice.key: facts for shown, facts in read_as(site, feed.lang)}
        return tuple(
            entry
            for event, entry in composed.changes
            if feed.matches(facts_of[event.item.notice.key])
        )
    return tuple(composed.notices[item.notice.key] for item in reversed(entries(feed, site)))


def feed_pages(
    feed: Feed,
    site: Site,
    options: FeedOptions,
    composed: Composed,
    renderer: Renderer,
    given: tuple[Entry, ...] | None = None,
) -> list[Keyed]:
    """One feed's documents in both formats: one, or one per page when paged; its entries are
    ``given`` (newest first), or those the catalogue says it carries."""
    everything = feed_entries(feed, site, composed) if given is None else given
    pages = paged(everything, composed.open, options.max_entries)
    # The newest change to anything in the feed; an empty feed has only the build clock.
    updated = max((entry.updated for entry in everything), default=site.clock)
    subtitle = feed.description
    if not everything:
        subtitle += " " + text("There are no notices in this feed yet.", feed.lang)
    files = []
    for fmt in ("atom", "rss"):
        for number, page in enumerate(pages, 1):
            document = FeedDocument(
                id=tag_uri(site, options.id_date, f"{feed.prefix}feeds/{feed.slug}"),
                title=_title(feed, site, number, len(pages)),
                subtitle=subtitle,
                lang=feed.lang,
                updated=updated,
                links=_links(feed, site, fmt, number, len(pages)),
                entries=tuple(page),
            )
            files.append(
                Keyed(
                    feed.page_path(fmt, number),
                    renderer.key(fmt, document),
                    partial(renderer.document, fmt, document),
                )
            )
    return files


def paged(
    everything: tuple[Entry, ...], open_ids: frozenset[str], size: int
) -> list[tuple[Entry, ...]]:
    """Pages of ``size`` entries, newest first, but the first holds every open notice's entry
    (even if that makes it longer), then the newest others."""
    room = max(size - sum(entry.id in open_ids for entry in everything), 0)
    others = [entry for entry in everything if entry.id not in open_ids]
    first_ids = open_ids | {entry.id for entry in others[:room]}
    first = tuple(entry for entry in everything if entry.id in first_ids)
    rest = others[room:]
    return [first, *(tuple(rest[start : start + size]) for start in range(0, len(rest), size))]


def _title(feed: Feed, site: Site, number: int, count: int) -> str:
    title = titled(feed.title, site.name_in(feed.lang), feed.lang)
    if count > 1:
        title += " " + text("(page {number} of {count})", feed.lang).format(
            number=number, count=count
        )
    return title


def _links(feed: Feed, site: Site, fmt: str, number: int, count: int) -> tuple[Link, ...]:
    def page(rel: str, page_number: int) -> Link:
        return Link(site.absolute(feed.page_path(fmt, page_number)), rel, FORMATS[fmt])

    links = [page("self", number)]
    if count > 1:
        links += [page("first", 1), page("last", count)]
        links += [page("previous", number - 1)] if number > 1 else []
        links += [page("next", number + 1)] if number < count else []
    # Feeds have no page of their own on the site: the home page (in the feed's language)
    # lists every notice.
    return (*links, Link(site.absolute(feed.prefix), "alternate", HTML))
