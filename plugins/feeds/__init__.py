"""Feeds: Atom and RSS 2.0 for every facet, a changes feed and an OPML list, via feedgen, in
every language of the site."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.fragments import Fragments
from plugins.notices.keyed import Keyed
from plugins.notices.site import Site

from .build import feed_files, keyed_feed_files
from .render import Renderer


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """feeds/*.atom, feeds/*.rss (and their pages) and feeds/feeds.opml, and the same under
    each other language's prefix (cy/feeds/...)."""
    return feed_files(site, config.feeds)


def keyed_files(site: Site, config: Config, fragments: Fragments) -> Iterator[Keyed]:
    """``files`` by key, each entry serialised once through ``fragments``."""
    return keyed_feed_files(site, config.feeds, Renderer(fragments))
