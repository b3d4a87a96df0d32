"""What the subscribe page offers: each feed with its calendar, by their full addresses.

A feed and a calendar of the same notices share a slug (``cpv/45``), so one subscription
holds both; the site-wide deadlines calendar goes with the feed of all notices. The page
shows each path as its absolute address, as a supplier pastes it into a reader or an app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plugins.calendars.catalogue import Calendar, subscribe_url
from plugins.feeds.catalogue import Feed
from plugins.notices.site import Site

# Calendars whose slug is not their feed's.
_CALENDAR_SLUGS = {"all": "deadlines"}


@dataclass(frozen=True)
class Subscription:
    """The feed and calendar of one set of notices: each format's path from the site root."""

    slug: str
    title: str
    description: str
    atom: str | None = None
    rss: str | None = None
    ics: str | None = None
    webcal: str | None = None  # the calendar's address for a calendar app's subscribe dialogue
    listing: str | None = None  # the path of the web page of the same notices

    def paths(self) -> tuple[tuple[str, str], ...]:
        """(format, path) of each format it has: "atom", "rss", "ics"."""
        found = (("atom", self.atom), ("rss", self.rss), ("ics", self.ics))
        return tuple((fmt, path) for fmt, path in found if path)


def subscription(
    site: Site, feed: Feed | None, calendar: Calendar | None, listing: str | None
) -> Subscription:
    """A feed, a calendar or both; at least one is given."""
    named = feed or calendar
    if named is None:
        raise ValueError("a subscription needs a feed or a calendar")
    return Subscription(
        slug=named.slug,
        title=named.title,
        description=named.description,
        atom=feed.atom_path if feed else None,
        rss=feed.rss_path if feed else None,
        ics=calendar.path if calendar else None,
        webcal=subscribe_url(calendar, site) if calendar else None,
        listing=listing,
    )


def calendar_of(feed: Feed, calendars: Iterable[Calendar]) -> Calendar | None:
    """The calendar of the same notices as ``feed``, if there is one."""
    wanted = _CALENDAR_SLUGS.get(feed.slug, feed.slug)
    return next((c for c in calendars if c.slug == wanted and c.lang == feed.lang), None)


def unpaired(feeds: Iterable[Feed], calendars: Iterable[Calendar]) -> tuple[Calendar, ...]:
    """Calendars with no feed of the same notices."""
    calendars = tuple(calendars)
    paired = {found.slug for feed in feeds if (found := calendar_of(feed, calendars))}
    return tuple(calendar for calendar in calendars if calendar.slug not in paired)
