"""Signal handlers: give pages their feeds, then write every feed and the OPML file."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from plugins.notices.output import write_files

from .build import feed_files
from .catalogue import OPML_PATH, feeds_for, site_feeds
from .settings import options

logger = logging.getLogger(__name__)


def attach_feeds(generator: Any) -> None:
    """Each notice article gets ``feeds`` (for discovery links); templates get SITE_FEEDS."""
    site = generator.context["NOTICES_SITE"]
    feeds = site_feeds(site)
    published = {item.notice.key: item for item in site.notices}
    for article in [*generator.articles, *generator.translations]:
        notice = getattr(article, "notice", None)
        if notice is not None and notice.key in published:
            article.feeds = feeds_for(published[notice.key], site, feeds)
    generator.context["SITE_FEEDS"] = feeds
    generator.context["FEEDS_OPML_PATH"] = OPML_PATH


def check_settings(pelican: Any) -> None:
    """Stop at start-up, not after rendering every page, if a FEEDS_* setting is unusable."""
    options(pelican.settings)


def write_feeds(generator: Any, writer: Any) -> None:
    """Write feeds/*.atom, feeds/*.rss (and their pages) and feeds/feeds.opml."""
    site = generator.context["NOTICES_SITE"]
    output = Path(writer.output_path)
    count = write_files(output, feed_files(site, options(generator.settings)))
    logger.info("Wrote %d feed files under %s", count, output / "feeds")
