"""Procurement timelines: every notice of one procurement (ocid) and its changes, in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
    """One procurement in one language."""

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
        tender = next((i for i in self.items if i.notice.notice_type is NoticeType.UK4), None)
        return (tender or self.items[0]).notice.title


def timeline_path(ocid: str, lang: str, default_lang: str) -> str:
    """``procurements/<ocid>/``, under ``<lang>/`` for other languages than the default."""
    prefix = "" if lang == default_lang else f"{lang}/"
    return f"{prefix}procurements/{ocid}/"


def timelines(site: Site) -> tuple[Timeline, ...]:
    """One timeline per procurement and language, in order of each one's first notice."""
    keys = dict.fromkeys((item.notice.ocid, item.lang) for item in site.notices)
    return tuple(timeline(site, ocid, lang) for ocid, lang in keys)


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
