"""Procurement timelines: every notice of one procurement (ocid) and its changes, in order.

Each language of the site has a timeline of every procurement, of the notices a reader of
that language sees (``Site.for_reader``), at ``procurements/<ocid>/`` under its prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from plugins.feeds.catalogue import procurement_items
from plugins.notices.model import Change, NoticeType
from plugins.notices.site import Published, Site


@dataclass(frozen=True)
class Moment:
    """A notice being published, or a change to it."""

    at: datetime
    item: Published
    change: Change | None = None


@dataclass(frozen=True)
class Timeline:
    """One procurement for a reader of one language (its notices may be in others)."""

    ocid: str
    lang: str
    path: str
    items: tuple[Published, ...]  # oldest first
    moments: tuple[Moment, ...]  # oldest first

    @property
    def latest(self) -> Published:
        return self.items[-1]

    @property
    def title(self) -> str:
        """The procurement's name: its tender notice's title, else its first notice's."""
        return self._named_by.notice.title

    @property
    def title_lang(self) -> str:
        """The language the title is written in."""
        return self._named_by.lang

    @property
    def _named_by(self) -> Published:
        tender = next((i for i in self.items if i.notice.notice_type is NoticeType.UK4), None)
        return tender or self.items[0]


def timeline_path(ocid: str, lang: str, default_lang: str) -> str:
    """``procurements/<ocid>/``, under ``<lang>/`` for other languages than the default."""
    prefix = "" if lang == default_lang else f"{lang}/"
    return f"{prefix}procurements/{ocid}/"


def timelines(site: Site, lang: str | None = None) -> tuple[Timeline, ...]:
    """The timelines of a reader of ``lang`` (the site's default language unless given), one
    per procurement in order of its first notice; the default language's are followed by
    one per procurement and language the site is not in, as that language's feed is."""
    lang = lang or site.default_lang
    own = tuple(
        Timeline(ocid, lang, timeline_path(ocid, lang, site.default_lang), items, moments(items))
        for ocid, items in procurement_items(site, lang).items()
    )
    if lang != site.default_lang:
        return own
    others = dict.fromkeys(
        (item.notice.ocid, item.lang) for item in site.notices if item.lang not in site.languages
    )
    return (*own, *(timeline(site, ocid, other) for ocid, other in others))


def timeline(site: Site, ocid: str, lang: str) -> Timeline:
    items = site.procurement(ocid, lang)
    return Timeline(
        ocid=ocid,
        lang=lang,
        path=timeline_path(ocid, lang, site.default_lang),
        items=items,
        moments=moments(items),
    )


def moments(items: tuple[Published, ...]) -> tuple[Moment, ...]:
    """Publications and changes, oldest first; a change never comes before its notice."""
    found = []
    for item in items:
        published = item.notice.published
        found.append((published, published, 0, Moment(published, item)))
        for change in item.notice.changes:
            at = max(change.date, published)
            found.append((at, published, change.number, Moment(at, item, change)))
    found.sort(key=lambda entry: (entry[0], entry[1], entry[2], entry[3].item.notice.notice_id))
    return tuple(entry[3] for entry in found)
