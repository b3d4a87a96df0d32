"""The OPML 2.0 subscription list of a language's feeds, in both formats, grouped by facet."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from itertools import groupby

from plugins.notices.formatting import N_, language_name, text
from plugins.notices.site import Site

from .catalogue import Feed

FORMAT_NAMES = {"atom": "Atom", "rss": "RSS"}
_SECTIONS = {
    "": N_("Notices"),
    "type": N_("By notice type"),
    "cpv": N_("By CPV division"),
    "region": N_("By region"),
    "buyer": N_("By buyer"),
    "value": N_("By value"),
}


def opml(site: Site, feeds: Iterable[Feed], lang: str | None = None) -> bytes:
    """OPML listing each feed twice (Atom and RSS), in sections by facet, in catalogue order,
    in ``lang``'s words (the default language's unless given)."""
    lang = lang or site.default_lang
    name = site.name_in(lang)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    title = (
        text("Feeds \N{EN DASH} {site}", lang).format(site=name) if name else text("Feeds", lang)
    )
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "ownerName").text = name or site.host
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for section, members in groupby(feeds, key=lambda feed: _section(feed, lang)):
        folder = ET.SubElement(body, "outline", text=section, title=section)
        for feed in members:
            for fmt, format_name in FORMAT_NAMES.items():
                ET.SubElement(folder, "outline", _subscription(feed, site, fmt, format_name))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return document + b"\n"


def _section(feed: Feed, lang: str) -> str:
    prefix = feed.slug.rpartition("/")[0]
    return text(_SECTIONS[prefix], lang) if prefix in _SECTIONS else language_name(prefix)


def _subscription(feed: Feed, site: Site, fmt: str, name: str) -> dict[str, str]:
    label = f"{feed.title} ({name})"
    attributes = {
        "type": "rss",  # OPML 2.0 uses "rss" for every feed format
        "text": label,
        "title": label,
        "description": feed.description,
        "xmlUrl": site.absolute(feed.path(fmt)),
        "htmlUrl": site.absolute(feed.prefix),
        "language": feed.lang,
    }
    return attributes | ({"version": "RSS"} if fmt == "rss" else {})
