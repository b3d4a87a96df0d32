"""Feeds: Atom and RSS 2.0 for every facet, a changes feed and an OPML list, via feedgen."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.site import Site

from .build import feed_files


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """feeds/*.atom, feeds/*.rss (and their pages) and feeds/feeds.opml."""
    return feed_files(site, config.feeds)
