"""Atom and RSS 2.0 documents from plain data: the one place that talks to feedgen.

feedgen's set-and-get-in-one-method API stays in here; callers build ``FeedDocument`` and
``Entry`` values and get bytes back. Two feedgen 1.0.0 gaps are closed here:

- Atom entry links lose ``rel``, ``type``, ``title`` and ``length`` (a loop variable
  shadows the link's data: lkiesow/python-feedgen#135, #143), so every extra link became a
  duplicate ``rel="alternate"``. ``_Entry`` puts the attributes back.
- RSS channels get only the ``rel="self"`` ``atom:link``; ``_ChannelLinks`` adds the
  RFC 5005 paging links (first, previous, next, last) there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATOR = "Noticeboard"
_LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")
_PAGING_RELS = ("first", "previous", "next", "last")


@dataclass(frozen=True)
class Link:
    href: str
    rel: str = "alternate"
    type: str | None = None
    title: str | None = None
    hreflang: str | None = None
    length: int | None = None


@dataclass(frozen=True)
class Category:
    """A category; ``label`` is what RSS shows, so it should carry the term too if needed."""

    term: str
    label: str
    scheme: str | None = None


@dataclass(frozen=True)
class Author:
    name: str
    email: str | None = None
    uri: str | None = None


@dataclass(frozen=True)
class Entry:
    """One entry; ``links`` must hold exactly one ``alternate`` link (the entry's page)."""

    id: str
    title: str
    links: tuple[Link, ...]
    updated: datetime
    published: datetime
    summary_html: str
    author: Author
    categories: tuple[Category, ...] = ()
    # The language of the entry's own text (title, summary) where it is not the feed's:
    # Atom marks the title and author with it; the summary's HTML marks its own parts.
    text_lang: str | None = None


@dataclass(frozen=True)
class FeedDocument:
    """One feed document in one format: its ``links`` include ``self`` and ``alternate``."""

    id: str
    title: str
    subtitle: str
    lang: str
    updated: datetime
    links: tuple[Link, ...]
    entries: tuple[Entry, ...]


class _Entry(FeedEntry):
    """A feedgen entry whose Atom links keep their attributes (python-feedgen#135, #143),
    and whose title and author are marked with ``text_lang`` (feedgen has no way to)."""

    text_lang: str | None = None

    def atom_entry(self, extensions: bool = True) -> etree._Element:
        element: etree._Element = super().atom_entry(extensions)
        if self.text_lang:
            # The notice's own words: its title (inside the reader's labels) and its buyer.
            for name in ("title", "author"):
                marked = element.find(name)
                if marked is not None:
                    marked.set(XML_LANG, self.text_lang)
        links, data = element.findall("link"), self.link() or []
        # feedgen writes one <link> per link, in order, so they pair up one to one.
        assert len(links) == len(data), "feedgen wrote a different number of links"
        for link, fields in zip(links, data, strict=True):
            for name in _LINK_ATTRIBUTES:
                if fields.get(name) is not None:
                    link.set(name, str(fields[name]))
        return element


class _ChannelLinks(BaseExtension):
    """Adds ``atom:link`` paging links to an RSS channel (feedgen writes only ``self``)."""

    def __init__(self) -> None:
        self.links: tuple[Link, ...] = ()

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed.find("channel")
        assert channel is not None, "feedgen's RSS always has a channel"
        for link in self.links:
            attributes = {"href": link.href, "rel": link.rel}
            if link.type:
                attributes["type"] = link.type
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", attributes)
        return feed


class Renderer:
    """Writes feed documents; an entry shown in many documents is prepared only once.

    Prepared entries are kept by id (hashing a whole entry, summary and all, cost more than
    preparing it): one Renderer must only ever see one entry with a given id.
    """

    def __init__(self) -> None:
        self._prepared: dict[str, _Entry] = {}

    def atom(self, document: FeedDocument) -> bytes:
        """The document as Atom 1.0."""
        atom: bytes = self._generator(document).atom_str(pretty=True, encoding="UTF-8")
        return atom

    def rss(self, document: FeedDocument) -> bytes:
        """The document as RSS 2.0, with ``atom:link`` self and paging links."""
        rss: bytes = self._generator(document).rss_str(pretty=True, encoding="UTF-8")
        return rss

    def _generator(self, document: FeedDocument) -> FeedGenerator:
        fg = FeedGenerator()
        fg.id(document.id)
        fg.title(document.title)
        fg.subtitle(document.subtitle)
        fg.language(document.lang)
        # Without these feedgen stamps the wall-clock time and its version into every file.
        fg.updated(_utc(document.updated))
        fg.generator(GENERATOR)
        # feedgen takes RSS <link> from the last link added: the alternate page goes last.
        links = sorted(document.links, key=lambda link: link.rel == "alternate")
        fg.link([_link_fields(link) for link in links])
        fg.register_extension("paging", _ChannelLinks, atom=False, rss=True)
        fg.paging.links = tuple(link for link in document.links if link.rel in _PAGING_RELS)
        for entry in document.entries:
            if entry.id not in self._prepared:
                self._prepared[entry.id] = _entry(entry)
            # add_entry prepends by default; entries arrive in the order they are shown.
            fg.add_entry(self._prepared[entry.id], order="append")
        return fg


def atom(document: FeedDocument) -> bytes:
    """The document as Atom 1.0."""
    return Renderer().atom(document)


def rss(document: FeedDocument) -> bytes:
    """The document as RSS 2.0, with ``atom:link`` self and paging links."""
    return Renderer().rss(document)


def _entry(entry: Entry) -> _Entry:
    fe = _Entry()
    fe.text_lang = entry.text_lang
    fe.id(entry.id)  # also the RSS guid, with isPermaLink="false"
    fe.title(entry.title)
    fe.updated(_utc(entry.updated))
    fe.published(_utc(entry.published))
    author = {"name": entry.author.name, "email": entry.author.email, "uri": entry.author.uri}
    fe.author({key: value for key, value in author.items() if value})
    fe.link([_link_fields(link) for link in entry.links])
    fe.summary(entry.summary_html, type="html")
    if entry.categories:
        fe.category([_category_fields(category) for category in entry.categories])
    return fe


def _link_fields(link: Link) -> dict[str, str]:
    fields = {name: getattr(link, name) for name in _LINK_ATTRIBUTES}
    return {"href": link.href} | {k: str(v) for k, v in fields.items() if v is not None}


def _category_fields(category: Category) -> dict[str, str]:
    fields = {"term": category.term, "label": category.label}
    return fields | ({"scheme": category.scheme} if category.scheme else {})


def _utc(moment: datetime) -> datetime:
    """The instant in UTC: feed dates read the same whatever offset the notice used."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    return moment.astimezone(UTC)
