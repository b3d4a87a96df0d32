"""Checks of every Atom and RSS feed and the OPML list in a built output folder.

feedparser is a lenient client, so besides ``bozo == 0`` the rules a validator would
apply are checked on the XML itself: one alternate link per type in Atom entries, RSS
guids that are URLs or say ``isPermaLink="false"``, RFC 3339 and RFC 822 dates, a
``rel="self"`` link in every channel, and an OPML file that lists every feed.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
OPML_NAME = "feeds.opml"
OPML_PATH = f"feeds/{OPML_NAME}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
RFC822 = re.compile(
    r"(?P<day>Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UT|[ECMP][SD]T)"
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def feed_paths(output: Path) -> list[Path]:
    """Every Atom and RSS file under ``output``, sorted."""
    return sorted([*output.rglob("*.atom"), *output.rglob("*.rss")])


def problems(output: Path) -> list[str]:
    """Everything wrong with the feeds and the OPML file of a built site."""
    found = [problem for path in feed_paths(output) for problem in feed_problems(path, output)]
    return found + opml_problems(output)


def feed_problems(path: Path, output: Path) -> list[str]:
    """What is wrong with one feed file, each problem prefixed with its path."""
    name = path.relative_to(output).as_posix()
    data = path.read_bytes()
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        return [f"{name}: not well-formed XML: {error}"]
    parsed = feedparser.parse(data)
    found = [f"feedparser: {parsed.get('bozo_exception')}"] if parsed.bozo else []
    if path.suffix == ".atom":
        found += atom_problems(root, name)
    else:
        found += rss_problems(root, name)
    found += [
        f"entry {i}: no link" for i, entry in enumerate(parsed.entries) if not entry.get("link")
    ]
    return [f"{name}: {problem}" for problem in found]


def atom_problems(root: etree._Element, name: str) -> list[str]:
    """Atom rules: self link, one alternate link per type, RFC 3339 dates."""
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}, not an Atom feed"]
    found = _self_link_problems(root.findall(f"{ATOM}link"), name)
    for element in root.iter(f"{ATOM}updated", f"{ATOM}published"):
        found += _rfc3339_problems(element.text or "")
    for number, entry in enumerate(root.iter(f"{ATOM}entry")):
        # Stricter than RFC 4287, which allows one per type and hreflang: readers pick
        # the entry's link from the alternates, so one per type leaves no doubt.
        alternates = Counter(
            link.get("type")
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        )
        if not alternates:
            found.append(f"entry {number}: no rel=alternate link")
        found += [
            f"entry {number}: {count} rel=alternate links of type {kind}"
            for kind, count in alternates.items()
            if count > 1
        ]
    return found


def rss_problems(root: etree._Element, name: str) -> list[str]:
    """RSS 2.0 rules: atom:link self, guids, RFC 822 dates."""
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return [f"root is {root.tag} {root.get('version')}, not RSS 2.0 with a channel"]
    found = _self_link_problems(channel.findall(f"{ATOM}link"), name)
    for element in root.iter("pubDate", "lastBuildDate"):
        found += _rfc822_problems(element.text or "")
    for number, item in enumerate(channel.iter("item")):
        guid = item.find("guid")
        if guid is None:
            found.append(f"item {number}: no guid")
        elif guid.get("isPermaLink", "true") != "false" and not _is_url(guid.text or ""):
            found.append(f"item {number}: guid {guid.text!r} is not a URL nor isPermaLink=false")
    return found


def opml_problems(output: Path) -> list[str]:
    """Each language's OPML file (``feeds/feeds.opml``, ``cy/feeds/feeds.opml``) lists every
    subscription feed present in that language, and nothing that is missing.

    Pages of a paged feed (a ``first`` link to another document) need not be listed, but
    their first page must be. Per-procurement feeds (``feeds/procurements/``), one per
    procurement, are linked from their timeline pages instead.
    """
    documents = {path.relative_to(output).as_posix(): _links(path) for path in feed_paths(output)}
    bases = {
        links["self"].removesuffix(name) for name, links in documents.items() if "self" in links
    }
    if len(bases) > 1:
        return [f"feeds disagree on the site address: {sorted(bases)}"]
    base = next(iter(bases), "")
    lists = {path.relative_to(output).as_posix() for path in output.rglob(OPML_NAME)}
    prefixes = sorted({_prefix(name) for name in [*documents, *lists]})
    return [
        problem
        for prefix in prefixes
        for problem in _opml_problems(
            output,
            prefix + OPML_PATH,
            {name: links for name, links in documents.items() if _prefix(name) == prefix},
            base,
        )
    ]


def _opml_problems(
    output: Path, path: str, documents: dict[str, dict[str, str]], base: str
) -> list[str]:
    """One language's OPML file against that language's feeds."""
    opml = output / path
    if not opml.exists():
        return [f"{path}: missing"] if documents else []
    try:
        root = etree.parse(str(opml), _PARSER).getroot()
    except etree.XMLSyntaxError as error:
        return [f"{path}: not well-formed XML: {error}"]
    listed, found = set(), []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl")
        if url is None:
            continue
        if not outline.get("text") or outline.get("type") != "rss":
            found.append(f"{path}: {url}: needs text and type=rss")
        listed.add(url.removeprefix(base))
        if not url.startswith(base) or url.removeprefix(base) not in documents:
            found.append(f"{path}: lists {url}, which is not in the output")
    for name, links in documents.items():
        first = links.get("first", links.get("self", "")).removeprefix(base)
        if name.startswith(f"{_prefix(name)}feeds/procurements/"):
            continue
        if first == name and name not in listed:
            found.append(f"{path}: does not list {name}")
        elif first not in listed:
            found.append(f"{path}: does not list {first}, the first page of {name}")
    return found


def _prefix(name: str) -> str:
    """The language prefix of a feed or OPML path: "" for ``feeds/...``, "cy/" for
    ``cy/feeds/...``."""
    return name[: name.find("feeds/")] if "feeds/" in name else ""


def _links(path: Path) -> dict[str, str]:
    """The feed-level links of a feed file, by rel (Atom links or RSS atom:links)."""
    try:
        root = etree.parse(str(path), _PARSER).getroot()
    except etree.XMLSyntaxError:
        return {}  # reported by feed_problems
    parent = root.find("channel") if root.tag == "rss" else root
    if parent is None:
        return {}
    return {
        link.get("rel", "alternate"): link.get("href", "") for link in parent.findall(f"{ATOM}link")
    }


def _self_link_problems(links: list[etree._Element], name: str) -> list[str]:
    selves = [link.get("href", "") for link in links if link.get("rel") == "self"]
    if len(selves) != 1:
        return [f"{len(selves)} rel=self links, not 1"]
    if not _is_url(selves[0]) or not selves[0].endswith("/" + name):
        return [f"rel=self {selves[0]!r} is not the absolute URL of {name}"]
    return []


def _rfc3339_problems(text: str) -> list[str]:
    if not RFC3339.fullmatch(text):
        return [f"date {text!r} is not RFC 3339"]
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return [f"date {text!r} is not a real date and time"]
    return []


def _rfc822_problems(text: str) -> list[str]:
    match = RFC822.fullmatch(text)
    if not match:
        return [f"date {text!r} is not RFC 822"]
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return [f"date {text!r} is not a real date and time"]
    # Not strftime("%a"), which follows the machine's locale.
    if WEEKDAYS[moment.weekday()] != match["day"]:
        return [f"date {text!r} has the wrong day of the week"]
    return []


def _is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
