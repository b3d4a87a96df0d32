"""Reading built pages in theme tests: parse a page, resolve its links to site paths."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

BASE = "http://site.invalid/"


def page(output: Path, path: str) -> BeautifulSoup:
    """The parsed page at a site path ("" is the home page, folders end in /)."""
    file = output / (path + "index.html" if path == "" or path.endswith("/") else path)
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def site_path(href: str, from_path: str) -> str:
    """A link's target as a site path, resolved from the page at ``from_path``."""
    return urlsplit(urljoin(BASE + from_path, href)).path.lstrip("/")


def link_targets(soup: BeautifulSoup, from_path: str, within: str = "main") -> list[str]:
    """Site paths of the links in one part of a page, in order."""
    parts = soup.select(within)
    links = [a for part in parts for a in ([part] if part.name == "a" else part.select("a[href]"))]
    return [site_path(a["href"], from_path) for a in links]


def listed(output: Path, path: str) -> list[str]:
    """The notices a listing shows, following its Next links through every page."""
    found: list[str] = []
    while True:
        soup = page(output, path)
        found += link_targets(soup, path, ".notice-list .notice-list__title")
        following = link_targets(soup, path, ".pagination a[rel=next]")
        if not following:
            return found
        path = following[0]


def summary(soup: BeautifulSoup, within: str = "#notice-key-facts + dl") -> dict[str, str]:
    """A summary list as {key: value text}, whitespace collapsed."""
    rows = soup.select_one(within).select(".summary-list__row")
    return {
        " ".join(row.dt.get_text().split()): " ".join(row.dd.get_text(" ").split()) for row in rows
    }


def meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None
