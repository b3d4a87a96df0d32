"""The OPML 2.0 subscription list of every feed, in both formats, grouped by facet."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from itertools import groupby

from plugins.notices.formatting import language_name
from plugins.notices.site import Site

from .catalogue import Feed

FORMAT_NAMES = {"atom": "Atom", "rss": "RSS"}
_SECTIONS = {
    "": "Notices",
    "type": "By notice type",
    "cpv": "By CPV division",
    "region": "By region",
    "buyer": "By buyer",
    "value": "By value",
}


def opml(site: Site, feeds: Iterable[Feed]) -> bytes:
    """OPML listing each feed twice (Atom and RSS), in sections by facet, in catalogue order."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"Feeds \N{EN DASH} {site.name}" if site.name else "Feeds"
    ET.SubElement(head, "ownerName").text = site.name or site.host
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for section, members in groupby(feeds, key=_section):
        folder = ET.SubElement(body, "outline", text=section, title=section)
        for feed in members:
            for fmt, name in FORMAT_NAMES.items():
                ET.SubElement(folder, "outline", _subscription(feed, site, fmt, name))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return document + b"\n"


def _section(feed: Feed) -> str:
    prefix = feed.slug.rpartition("/")[0]
    return _SECTIONS.get(prefix) or language_name(prefix)


def _subscription(feed: Feed, site: Site, fmt: str, name: str) -> dict[str, str]:
    text = f"{feed.title} ({name})"
    attributes = {
        "type": "rss",  # OPML 2.0 uses "rss" for every feed format
        "text": text,
        "title": text,
        "description": feed.description,
        "xmlUrl": site.absolute(feed.path(fmt)),
        "htmlUrl": site.absolute(""),
        "language": feed.lang,
    }
    return attributes | ({"version": "RSS"} if fmt == "rss" else {})
