"""Feeds: Atom and RSS 2.0 for every facet, a changes feed and an OPML list, via feedgen, in
every language of the site."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.site import Site

from .build import feed_files


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """feeds/*.atom, feeds/*.rss (and their pages) and feeds/feeds.opml, and the same under
    each other language's prefix (cy/feeds/...)."""
    return feed_files(site, config.feeds)
