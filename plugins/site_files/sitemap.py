"""``sitemap.xml``: every HTML page of the site and when it last changed, for search engines.

A site with more addresses than one sitemap may hold (50,000) gets ``sitemap.xml`` as a
sitemap index and its addresses in ``sitemap-1.xml``, ``sitemap-2.xml``... beside it: a
sitemap may list only addresses under its own folder, so they stay at the site root.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from plugins.notices.jsonfile import rfc3339
from plugins.notices.output import Chunks
from plugins.notices.site import Site
from plugins.site_pages import Page, SitePlan, site_pages
from plugins.site_pages.paging import ListingPage
from plugins.site_pages.timelines import Timeline

PATH = "sitemap.xml"
LIMIT = 50_000  # addresses in one sitemap file (sitemaps.org)
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
# What may stay unescaped in a path: RFC 3986's reserved and unreserved characters.
_SAFE = "/:@!$&'()*+,;=-._~%"


@dataclass(frozen=True)
class Location:
    """One page: its path relative to the site root and when it last changed, when known."""

    path: str
    lastmod: datetime | None = None


def locations(
    site_plans: SitePlan | Iterable[SitePlan], per_page: int, others: Iterable[Location] = ()
) -> tuple[Location, ...]:
    """Notice pages (each notice's own, then each shown to a reader of another language),
    then listings, timelines and the other site pages of each plan (one per language of the
    site), then ``others`` (pages the site does not know, such as the theme's own), each
    address once."""
    plans = (site_plans,) if isinstance(site_plans, SitePlan) else tuple(site_plans)
    site = plans[0].site
    newest = max((item.notice.updated for item in site.notices), default=None)
    found = [Location(item.path, item.notice.updated) for item in site.notices]
    found += [
        Location(site_plan.page_of(item), item.notice.updated)
        for site_plan in plans
        for item in site.for_reader(site_plan.lang)
    ]
    found += [
        Location(page.path, _changed(page, newest))
        for site_plan in plans
        for page in site_pages(site_plan, per_page)
        if page.template != "404"  # served at addresses that are not there
    ]
    found += others
    first: dict[str, Location] = {}
    for location in found:
        first.setdefault(location.path, location)
    return tuple(first.values())


def _changed(page: Page, newest: datetime | None) -> datetime | None:
    """A timeline changed with its newest notice, and so did a listing's archive page (its
    notices stay as the listing grows); any other page may with any notice."""
    timeline = page.values.get("timeline")
    if isinstance(timeline, Timeline):
        return max(item.notice.updated for item in timeline.items)
    shown = page.values.get("listing_page")
    if isinstance(shown, ListingPage) and shown.archive and not shown.front:
        return max(item.notice.updated for item in shown.items)
    return newest


def sitemap_files(
    site: Site, found: Sequence[Location], limit: int = LIMIT
) -> list[tuple[str, Chunks]]:
    """``sitemap.xml`` listing ``found``, or a sitemap index of parts when more than ``limit``."""
    if len(found) <= limit:
        return [(PATH, _urlset(site, found))]
    parts = [found[start : start + limit] for start in range(0, len(found), limit)]
    named = [(f"sitemap-{number}.xml", part) for number, part in enumerate(parts, start=1)]
    index = _index(site, [(name, _newest(part)) for name, part in named])
    return [(PATH, index), *((name, _urlset(site, part)) for name, part in named)]


def _urlset(site: Site, found: Sequence[Location]) -> Iterator[bytes]:
    yield f'{_HEAD}<urlset xmlns="{NAMESPACE}">\n'.encode()
    for location in found:
        yield _entry("url", _address(site, location.path), location.lastmod)
    yield b"</urlset>\n"


def _index(site: Site, parts: Sequence[tuple[str, datetime | None]]) -> bytes:
    entries = b"".join(_entry("sitemap", _address(site, name), at) for name, at in parts)
    return f'{_HEAD}<sitemapindex xmlns="{NAMESPACE}">\n'.encode() + entries + b"</sitemapindex>\n"


def _entry(tag: str, address: str, lastmod: datetime | None) -> bytes:
    changed = f"<lastmod>{rfc3339(lastmod)}</lastmod>" if lastmod else ""
    return f"  <{tag}><loc>{escape(address)}</loc>{changed}</{tag}>\n".encode()


def _address(site: Site, path: str) -> str:
    """The absolute address, percent-encoded as sitemaps.org asks (the site's own as given)."""
    return site.absolute(quote(path, safe=_SAFE))


def _newest(found: Sequence[Location]) -> datetime | None:
    return max((location.lastmod for location in found if location.lastmod), default=None)
