"""Listing pages: which notices each one shows, in what order, and where it lives.

Every feed of ``plugins/feeds/catalogue.py`` that carries notices has a listing at the
same slug (``cpv/45`` → ``cpv/45/``), so a page and its feeds always agree. Two slugs are
special: the open opportunities are the home page, and "all" (in any language) lives at
``notices/``, the parent folder of the notice pages themselves. A site in several
languages has every listing once per language, the default language's at the root and
each other's under its prefix (``cy/``, ``cy/cpv/45/``), of the notices for that reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plugins.feeds.catalogue import Feed, entries, read_as
from plugins.notices.derive import Status, closing_deadline
from plugins.notices.facets import BY_KEY, FACETS, STATUS
from plugins.notices.formatting import N_, facet_heading, text
from plugins.notices.site import Published, Site

_STATUS_TITLES = {
    Status.PLANNED: (N_("Planned procurements"), N_("Pipeline and planned procurement notices.")),
    Status.OPEN: (N_("Open opportunities"), N_("Notices you can still respond to.")),
    Status.CLOSED: (
        N_("Closed notices"),
        N_("Notices whose deadline for responses has passed."),
    ),
    Status.AWARDED: (
        N_("Awarded contracts"),
        N_("Notices of procurements that have been awarded."),
    ),
    Status.CANCELLED: (
        N_("Cancelled procurements"),
        N_("Procurements the buyer has stopped."),
    ),
}
# Listings where what matters is how soon they close, not how new they are.
_BY_DEADLINE = {"open", "closing-soon"}


@dataclass(frozen=True)
class Listing:
    """One listing: its notices in display order and the feed carrying the same notices."""

    path: str  # URL path of its first page relative to the site root: "" or "cpv/45/"
    slug: str
    title: str
    description: str
    lang: str
    items: tuple[Published, ...]
    feed: Feed | None = None
    # Soonest deadline first (open opportunities): paged from the top, not as an archive.
    by_deadline: bool = False

    @property
    def section(self) -> str:
        return section_of(self.slug)


def section_of(slug: str) -> str:
    """The browse section of a listing or feed ("cpv", "region"...), or "" for top level."""
    if slug == "open":  # the home page, and also the first of the statuses
        return "status"
    head, _, rest = slug.partition("/")
    return head if rest and head in BY_KEY else ""


def listing_path(slug: str) -> str:
    """Where the listing of a feed slug lives: ``open`` → home, ``all`` → ``notices/``."""
    if slug == "open":
        return ""
    head, _, tail = slug.rpartition("/")
    if tail == "all" and (not head or "/" not in head):
        return f"{head}/notices/" if head else "notices/"
    return f"{slug}/"


def site_listings(
    site: Site, feeds: Iterable[Feed], lang: str | None = None
) -> tuple[Listing, ...]:
    """Every listing for a reader of ``lang`` (the default language unless given): one per
    notice feed of that language, then one per status that has no feed."""
    lang = lang or site.default_lang
    prefix = site.prefix(lang)
    from_feeds = [
        Listing(
            path=f"{prefix}{listing_path(feed.slug)}",
            slug=feed.slug,
            title=feed.title,
            description=feed.description,
            lang=feed.lang,
            items=ordered(entries(feed, site), by_deadline=feed.slug in _BY_DEADLINE),
            feed=feed,
            by_deadline=feed.slug in _BY_DEADLINE,
        )
        for feed in feeds
        if feed.kind == "notices"
    ]
    return (*from_feeds, *status_listings(site, lang))


def status_listings(site: Site, lang: str | None = None) -> tuple[Listing, ...]:
    """``status/<status>/`` for each status except open, which is the home page."""
    lang = lang or site.default_lang
    # Filed by the facts of each notice's original, as its feeds are.
    notices = read_as(site, lang)
    return tuple(
        Listing(
            path=f"{site.prefix(lang)}status/{status.value}/",
            slug=f"status/{status.value}",
            title=text(title, lang),
            description=text(description, lang),
            lang=lang,
            items=ordered(shown for shown, facts in notices if STATUS.matches(status.value)(facts)),
        )
        for status, (title, description) in _STATUS_TITLES.items()
        if status is not Status.OPEN
    )


def ordered(items: Iterable[Published], *, by_deadline: bool = False) -> tuple[Published, ...]:
    """Newest first; or, for open opportunities, the soonest deadline first."""
    if by_deadline:
        return tuple(sorted(items, key=_deadline_key))
    return tuple(sorted(items, key=_newest_key))


def _newest_key(item: Published) -> tuple[float, str]:
    return (-item.notice.published.timestamp(), item.notice.notice_id)


def _deadline_key(item: Published) -> tuple[float, str]:
    closing = closing_deadline(item.notice)
    return (closing.at.timestamp() if closing else float("inf"), item.notice.notice_id)


def sections(
    listings: Iterable[Listing], lang: str
) -> tuple[tuple[str, str, tuple[Listing, ...]], ...]:
    """Listings grouped for the browse page, by facet: (facet key, heading, listings)."""
    listings = tuple(listings)
    return tuple(
        (facet.key, facet_heading(facet.key, lang), grouped)
        for facet in FACETS
        if (grouped := tuple(listing for listing in listings if listing.section == facet.key))
    )
