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

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from plugins.notices.fragments import Fragments
from plugins.notices.keyed import digest

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATOR = "Noticeboard"
_LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")
_PAGING_RELS = ("first", "previous", "next", "last")
# How a pretty-printed document of each format ends, and the elements entries sit in.
_CLOSING = {"atom": b"</feed>\n", "rss": b"  </channel>\n</rss>\n"}
_WRAPPERS = {"atom": (("feed",), b"</feed>\n"), "rss": (("rss", "channel"), _CLOSING["rss"])}


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
    """Writes feed documents; an entry shown in many documents is serialised only once.

    Each entry is serialised on its own (``entry_bytes``), by the digest of everything it
    holds, and spliced into every document showing it, so documents share the work, and,
    with the output cache behind ``fragments``, so do builds.
    """

    def __init__(self, fragments: Fragments | None = None) -> None:
        self._fragments = fragments or Fragments()
        self._keys: dict[int, tuple[Entry, str]] = {}

    def atom(self, document: FeedDocument) -> bytes:
        """The document as Atom 1.0."""
        return self.document("atom", document)

    def rss(self, document: FeedDocument) -> bytes:
        """The document as RSS 2.0, with ``atom:link`` self and paging links."""
        return self.document("rss", document)

    def document(self, fmt: str, document: FeedDocument) -> bytes:
        """The document in ``fmt`` ("atom" or "rss"): its head, then its entries' pieces."""
        generator = self._generator(document)
        head: bytes = (
            generator.atom_str(pretty=True, encoding="UTF-8")
            if fmt == "atom"
            else generator.rss_str(pretty=True, encoding="UTF-8")
        )
        closing = _CLOSING[fmt]
        assert head.endswith(closing), "feedgen's document ends otherwise"
        pieces = self._fragments.many(
            [
                (self.fragment_key(fmt, entry), partial(entry_bytes, fmt, entry))
                for entry in document.entries
            ]
        )
        return head.removesuffix(closing) + b"".join(pieces) + closing

    def key(self, fmt: str, document: FeedDocument) -> str:
        """A digest of everything the document in ``fmt`` shows."""
        head = replace(document, entries=())
        return digest("feed", fmt, head, tuple(self.entry_key(entry) for entry in document.entries))

    def entry_key(self, entry: Entry) -> str:
        """A digest of everything the entry holds, worked out once per entry."""
        known = self._keys.get(id(entry))
        if known is None or known[0] is not entry:
            known = self._keys[id(entry)] = (entry, digest(entry))
        return known[1]

    def forget(self) -> None:
        """Let go of every entry and piece seen so far (between languages: no feed of one
        shows another's entries), so their memory is not held to the end of the feeds."""
        self._keys.clear()
        self._fragments.forget()

    def use(self, entries: Iterable[Entry]) -> None:
        """Keep these entries' pieces for the next build, shown now or not."""
        self._fragments.use(
            self.fragment_key(fmt, entry) for entry in entries for fmt in ("atom", "rss")
        )

    def fragment_key(self, fmt: str, entry: Entry) -> str:
        return f"feed-entry:{fmt}:{self.entry_key(entry)}"

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
        return fg


def entry_bytes(fmt: str, entry: Entry) -> bytes:
    """One entry as it appears in a pretty-printed document in ``fmt``: Atom's ``<entry>``
    inside ``<feed>``, RSS's ``<item>`` inside ``<channel>`` (feedgen appends entries last)."""
    made = _entry(entry)
    element = made.atom_entry() if fmt == "atom" else made.rss_entry()
    opening, closing = _WRAPPERS[fmt]
    outer = inner = etree.Element(opening[0])
    for name in opening[1:]:
        inner = etree.SubElement(inner, name)
    inner.append(element)
    data: bytes = etree.tostring(outer, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    start = b"".join(
        b"  " * depth + b"<" + name.encode() + b">\n" for depth, name in enumerate(opening)
    )
    assert data.startswith(start) and data.endswith(closing)
    return data.removeprefix(start).removesuffix(closing)


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
