"""Signal handlers: check the settings, tell the theme which calendars exist, write them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from plugins.notices.output import write_files

from .catalogue import calendars_for, site_calendars
from .ics import render
from .settings import options

logger = logging.getLogger(__name__)


def check_settings(pelican: Any) -> None:
    """Fail at start-up, not after every page is written, on a setting we cannot use."""
    options(pelican.settings)


def link_calendars(generator: Any) -> None:
    """Give each notice page ``calendars`` and every template ``SITE_CALENDARS``."""
    site = generator.context["NOTICES_SITE"]
    items = {item.notice.key: item for item in site.notices}
    for article in [*generator.articles, *generator.translations]:
        notice = getattr(article, "notice", None)
        item = items.get(notice.key) if notice else None
        article.calendars = calendars_for(item, site) if item else ()
    generator.context["SITE_CALENDARS"] = site_calendars(site)


def write_calendars(generator: Any, writer: Any) -> None:
    files = render(generator.context["NOTICES_SITE"], options(generator.settings))
    count = write_files(Path(writer.output_path), files)
    logger.info("Wrote %d calendars", count)
