"""Internal links of a built site: every href, src and srcset names a file, every #fragment an id."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "formaction"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# Link-preview meta whose content is a URL: checked when it points into the site.
URL_META = {"og:url", "og:image", "twitter:image", "og:image:url", "og:image:secure_url"}
XML_SUFFIXES = {".atom", ".rss", ".opml", ".xml"}
XML_URL_ATTRIBUTES = {"href", "xmlUrl", "htmlUrl", "url", "src"}
PAGES_SHOWN = 5


@dataclass
class Document:
    """The links (line, URL) and fragment targets of one output file."""

    links: list[tuple[int, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    canonical: str | None = None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.document.ids.add(values[name])
        for name, value in values.items():
            if name in URL_ATTRIBUTES and not (
                tag == "link" and "preconnect" in values.get("rel", "")
            ):
                self.document.links.append((line, value.strip()))
            elif name in SRCSET_ATTRIBUTES:
                self.document.links += [(line, url) for url in _srcset_urls(value)]
        if tag == "meta" and (values.get("property") or values.get("name")) in URL_META:
            self.document.links.append((line, values.get("content", "").strip()))
        if tag == "link" and "canonical" in values.get("rel", "").split():
            self.document.canonical = values.get("href")


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]


@cache
def read_document(path: Path) -> Document:
    """Links and ids of one HTML or XML file."""
    if path.suffix in XML_SUFFIXES:
        return _xml_document(path)
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.document


def _xml_document(path: Path) -> Document:
    document = Document()
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError:
        return document  # not well-formed: the feed checks say so
    for element in root.iter():
        document.links += [(0, v) for k, v in element.attrib.items() if k in XML_URL_ATTRIBUTES]
        # RSS gives links as element text, not attributes.
        if element.tag in {"link", "comments"} and element.text and element.text.strip():
            document.links.append((0, element.text.strip()))
    return document


def site_url_of(folder: Path) -> str | None:
    """The public site address (no trailing slash), from the first page whose canonical link
    ends with that page's own path."""
    pages = sorted(folder.rglob("*.html"), key=lambda p: (len(p.parts), p))
    for page in pages[:200]:
        canonical = read_document(page).canonical or ""
        relative = page.relative_to(folder).as_posix()
        path = "/" + (
            relative.removesuffix("index.html") if page.name == "index.html" else relative
        )
        if "://" in canonical and canonical.endswith(path):
            return canonical.removesuffix(path)
    return None


def _site_path(url: str, page_url: str, site_url: str | None) -> str | None:
    """The path inside the site that ``url`` on ``page_url`` names, or None if external."""
    if site_url and (url == site_url or url.startswith(site_url + "/")):
        url = url[len(site_url) :] or "/"
    joined = urlsplit(urljoin(page_url, url))
    if joined.scheme or joined.netloc:
        return None  # another site, or mailto:, tel:, data: and the like
    return joined.path + (f"#{joined.fragment}" if joined.fragment else "")


def _target_problem(folder: Path, site_path: str, page: Path) -> str | None:
    path, _, fragment = site_path.partition("#")
    relative = unquote(path).lstrip("/")
    target = page if not path else folder / relative
    if path.endswith("/") or not relative:
        target = target / "index.html"
    if target.is_dir():
        return f"folder without a trailing slash: {path}"
    if not target.is_file():
        return f"no such file: {target.relative_to(folder)}"
    fragment = unquote(fragment)
    known = fragment in {"", "top"} or target.suffix != ".html"
    if not known and fragment not in read_document(target).ids:
        return f"no id {fragment!r} in {target.relative_to(folder)}"
    return None


def output_documents(folder: Path) -> list[Path]:
    """Every HTML page and XML feed in the folder, sorted."""
    suffixes = {".html", *XML_SUFFIXES}
    return sorted(p for p in folder.rglob("*") if p.suffix in suffixes and p.is_file())


def link_problems(folder: Path, site_url: str | None = None) -> list[str]:
    """Every internal link that does not resolve, grouped by target with the pages using it."""
    folder = Path(folder)
    site_url = site_url or site_url_of(folder)
    broken: dict[str, list[str]] = defaultdict(list)
    for path in output_documents(folder):
        page_url = "/" + PurePosixPath(path.relative_to(folder)).as_posix()
        for line, url in read_document(path).links:
            if not url or re.match(r"(?i)(javascript|mailto|tel|data):", url):
                continue
            site_path = _site_path(url, page_url, site_url)
            problem = site_path is not None and _target_problem(folder, site_path, path)
            if problem:
                where = f"{path.relative_to(folder)}" + (f":{line}" if line else "")
                broken[f"{url!r}: {problem}"].append(where)
    return [_grouped(problem, pages) for problem, pages in sorted(broken.items())]


def _grouped(problem: str, pages: list[str]) -> str:
    shown = ", ".join(pages[:PAGES_SHOWN])
    more = f" and {len(pages) - PAGES_SHOWN} more" if len(pages) > PAGES_SHOWN else ""
    return f"{problem} (on {shown}{more})"
