"""Which notice pages each search bundle indexes, and the key of what it indexes.

No one Pagefind index of 10,000 notices fits the build's memory, so the notice pages are
indexed in bundles of at most ``per_bundle`` notices each, merged in the reader's browser.
A notice's pages (one per reader language: ``notices/<slug>/``, ``cy/notices/<slug>/``)
stay together, and notices are dealt out in publication order from the oldest
(``notices.csv``), so a new notice changes only the newest bundle and an edited one only its
own. A bundle's key is a digest of the exact bytes of its pages and how Pagefind is run, so
an unchanged bundle need not be indexed again.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

# Where the notice pages are, in the default language and under each other language's
# prefix: the only pages search finds (data-pagefind-body). Listings are not even read: at
# 10,000 notices they are most of the site's HTML.
NOTICE_PAGES = ("notices/*/index.html", "*/notices/*/index.html")
NOTICES_CSV = "notices.csv"
# Bump when what a bundle holds, or how it is made, changes without Pagefind's version.
BUNDLE_FORMAT = "1"


@dataclass(frozen=True)
class Bundle:
    """One search bundle: its folder name under pagefind/ and the pages it indexes (paths
    relative to the site, sorted)."""

    name: str
    pages: tuple[str, ...]


def bundles(site: Path, per_bundle: int) -> list[Bundle]:
    """The site's notice pages in bundles of at most ``per_bundle`` notices each."""
    by_slug = notice_pages(site)
    order = publication_order(site, by_slug)
    chunks = [order[start : start + per_bundle] for start in range(0, len(order), per_bundle)]
    return [
        Bundle(f"{number:04d}", tuple(sorted(page for slug in chunk for page in by_slug[slug])))
        for number, chunk in enumerate(chunks, start=1)
    ]


def notice_pages(site: Path) -> dict[str, list[str]]:
    """Each notice's pages (one per reader language) by its slug."""
    pages: dict[str, list[str]] = {}
    for pattern in NOTICE_PAGES:
        for file in site.glob(pattern):
            pages.setdefault(file.parent.name, []).append(file.relative_to(site).as_posix())
    return pages


def publication_order(site: Path, slugs: Iterable[str]) -> list[str]:
    """``slugs`` in the order of publication, oldest first, as the site's notices.csv gives
    it; any it does not list come last, by slug."""
    wanted = set(slugs)
    listed = [slug for slug in _csv_slugs(site / NOTICES_CSV) if slug in wanted]
    seen = set(listed)
    return listed + sorted(wanted - seen)


def _csv_slugs(path: Path) -> list[str]:
    """The slugs of notices.csv's rows, sorted by publication (a stable sort: ties keep the
    file's order); none when the site has no notices.csv."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = [(row["published"], _slug(row["url"])) for row in csv.DictReader(file)]
    except FileNotFoundError:
        return []
    rows.sort(key=lambda row: row[0])
    return list(dict.fromkeys(slug for _, slug in rows))


def _slug(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


def bundle_key(site: Path, bundle: Bundle, command: Sequence[str]) -> str:
    """A digest of the bundle's pages, byte for byte, Pagefind's version and its options."""
    key = hashlib.sha256()
    for part in (BUNDLE_FORMAT, version("pagefind_bin"), *command):
        key.update(part.encode() + b"\0")
    for page in bundle.pages:
        key.update(page.encode() + b"\0")
        key.update(hashlib.sha256((site / page).read_bytes()).digest())
    return key.hexdigest()
