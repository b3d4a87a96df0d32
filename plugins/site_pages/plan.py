"""The site's generated pages worked out once per build: listings, timelines, feed links.

There is one plan per language of the site (``plans``), each of the notices a reader of
that language sees, its pages under that language's prefix. Templates reach the plan of the
page's language as ``SITE_PAGES``: a notice page asks it for its feeds and timeline, the
browse and subscribe pages for their groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from plugins.calendars.catalogue import Calendar, site_calendars
from plugins.feeds.catalogue import Feed, site_feeds
from plugins.notices.facets import FACETS
from plugins.notices.formatting import facet_heading, text
from plugins.notices.site import Published, Site

from .listings import Listing, section_of, sections, site_listings
from .paging import ListingPage, paginate
from .search import SearchFacet, facts_of, filters_of, search_facets
from .subscriptions import Subscription, calendar_of, subscription, unpaired
from .timelines import Timeline, timelines

# The shortest region code with a listing of its own: an ITL1 region (TLL).
_ITL1_LENGTH = 3


@dataclass(frozen=True)
class SitePlan:
    """The pages of one language (``lang``, the site's default language unless given)."""

    site: Site
    feeds: tuple[Feed, ...]
    listings: tuple[Listing, ...]
    timelines: tuple[Timeline, ...]
    calendars: tuple[Calendar, ...] = ()
    lang: str = ""
    _feeds_of: dict[str, tuple[Feed, ...]] = field(default_factory=dict, repr=False)
    _timeline_of: dict[str, Timeline] = field(default_factory=dict, repr=False)
    _listing_of: dict[str, Listing] = field(default_factory=dict, repr=False)
    _item_of: dict[str, Published] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.lang:
            object.__setattr__(self, "lang", self.site.default_lang)
        feeds_of: dict[str, list[Feed]] = defaultdict(list)
        for listing in self.listings:
            if listing.feed is not None:
                for item in listing.items:
                    for path in self._paths(item):
                        feeds_of[path].append(listing.feed)
        order = {feed.slug: n for n, feed in enumerate(self.feeds)}
        self._feeds_of.update(
            {
                path: tuple(sorted(found, key=lambda f: order[f.slug]))
                for path, found in feeds_of.items()
            }
        )
        self._timeline_of.update(
            {
                path: timeline
                for timeline in self.timelines
                for item in timeline.items
                for path in self._paths(item)
            }
        )
        self._listing_of.update({listing.slug: listing for listing in self.listings})
        shown = self.site.for_reader(self.lang) if self._many_languages else self.site.notices
        self._item_of.update({path: item for item in shown for path in self._paths(item)})

    @property
    def _many_languages(self) -> bool:
        return len(self.site.languages) > 1

    def _paths(self, item: Published) -> tuple[str, ...]:
        """The pages of ``item`` this plan answers for: its own, and the page showing it to
        this plan's reader (``cy/notices/<slug>/`` for an English notice, in Welsh)."""
        shown = self.page_of(item)
        return (item.path,) if shown == item.path else (item.path, shown)

    @property
    def prefix(self) -> str:
        """Where this language's pages start: "" or "cy/"."""
        return self.site.prefix(self.lang)

    def page_of(self, item: Published) -> str:
        """The page showing ``item`` to this plan's reader (``Site.page_of``); in a site of
        one language, the notice's own page, whatever its language."""
        return self.site.page_of(item, self.lang) if self._many_languages else item.path

    def feeds_of(self, path: str) -> tuple[Feed, ...]:
        """The notice feeds that carry the notice at ``path``, broadest first."""
        return self._feeds_of.get(path, ())

    def timeline_of(self, path: str) -> Timeline | None:
        return self._timeline_of.get(path)

    def listing(self, slug: str) -> Listing | None:
        return self._listing_of.get(slug)

    def listing_of_feed(self, feed: Feed) -> Listing | None:
        return self._listing_of.get(feed.slug)

    def region_listing(self, code: str) -> Listing | None:
        """The listing of the finest region holding ``code``: TLL14, else TLL1, else TLL."""
        for length in range(len(code), _ITL1_LENGTH - 1, -1):
            if found := self._listing_of.get(f"region/{code[:length]}"):
                return found
        return None

    def region_areas(self, listing: Listing) -> tuple[Listing, ...]:
        """The listings of the areas one ITL level within a region's (TLL → TLL1, TLL2)."""
        if listing.section != "region":
            return ()
        depth = len(listing.slug) + 1
        return tuple(
            found
            for found in self.listings
            if found.slug.startswith(listing.slug) and len(found.slug) == depth
        )

    def search_filters(self, path: str) -> tuple[tuple[str, str], ...]:
        """The Pagefind filters of the notice page at ``path`` (none for other pages)."""
        item = self._item_of.get(path)
        return filters_of(item, facts_of(self.site, item)) if item else ()

    def search_facets(self, language_heading: str) -> tuple[SearchFacet, ...]:
        """The search page's filters, each value with the listing of the same notices."""
        return search_facets(self.site, self.listing, language_heading, self.lang)

    def subscription_groups(self) -> tuple[tuple[str, str, tuple[Subscription, ...]], ...]:
        """The subscribe page's groups: each feed with its calendar, then lone calendars."""
        lone = unpaired(self.feeds, self.calendars)
        return tuple(
            (
                key,
                heading,
                (
                    *(self._subscription(feed) for feed in feeds),
                    *(
                        subscription(self.site, None, calendar, None)
                        for calendar in lone
                        if _group_of(calendar.slug) == key
                    ),
                ),
            )
            for key, heading, feeds in self.feed_groups()
        )

    def _subscription(self, feed: Feed) -> Subscription:
        listing = self.listing_of_feed(feed)
        calendar = calendar_of(feed, self.calendars)
        return subscription(self.site, feed, calendar, listing.path if listing else None)

    def heading_of(self, section: str) -> str:
        """The heading of a browse section, e.g. "Region" for "region"."""
        return facet_heading(section, self.lang)

    def browse_sections(self) -> tuple[tuple[str, str, tuple[Listing, ...]], ...]:
        return sections(self.listings, self.lang)

    def feed_groups(self) -> tuple[tuple[str, str, tuple[Feed, ...]], ...]:
        """Every feed grouped for the subscribe page: (group id, heading, feeds)."""
        groups: dict[str, list[Feed]] = defaultdict(list)
        for feed in self.feeds:
            if feed.lang != self.lang:
                groups["language"].append(feed)
            else:
                groups["" if feed.slug == "open" else section_of(feed.slug)].append(feed)
        headings = _feed_group_headings(self.lang)
        return tuple(
            (key or "main", heading, tuple(groups[key]))
            for key, heading in headings.items()
            if groups.get(key)
        )

    def pages(self, per_page: int) -> tuple[ListingPage, ...]:
        """Every page of every listing."""
        return tuple(page for listing in self.listings for page in paginate(listing, per_page))


def _feed_group_headings(lang: str) -> dict[str, str]:
    """Headings of the subscribe page's groups of feeds, by group id, in order."""
    by_facet = {}
    for facet in FACETS:
        heading = facet_heading(facet.key, lang)
        lower = f"{heading[:1].lower()}{heading[1:]}"
        by_facet[facet.key] = text("By {heading}", lang).format(heading=lower)
    return {"": text("Main feeds", lang), **by_facet, "language": text("In other languages", lang)}


def _group_of(slug: str) -> str:
    """The subscribe page group of a slug: its facet, else the main group."""
    return section_of(slug) or "main"


def plan(site: Site, lang: str | None = None) -> SitePlan:
    """The pages of a reader of ``lang`` (the site's default language unless given)."""
    lang = lang or site.default_lang
    feeds = site_feeds(site, lang)
    return SitePlan(
        site,
        feeds,
        site_listings(site, feeds, lang),
        timelines(site, lang),
        site_calendars(site, lang),
        lang,
    )


def plans(site: Site) -> dict[str, SitePlan]:
    """The plan of each language of the site, by language, the default language's first."""
    ordered = sorted(site.languages, key=lambda lang: lang != site.default_lang)
    return {lang: plan(site, lang) for lang in ordered}
