"""The build's lifecycle, one Pelican signal at a time.

start (settings checked) → reader registered → every notice read ahead → the build state
(``Site``) built once → what templates need given to them → outputs written in order.
Nothing is kept between builds: the Config lives in Pelican's settings, the Site in the
context (as ``NOTICES_SITE``, which templates read), read-ahead notices on the readers.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from plugins.calendars.catalogue import calendars_for, procurement_calendars, site_calendars
from plugins.cards.text import card_alt, card_path
from plugins.feeds.catalogue import procurement_feeds
from plugins.notices.bulk import read_notices
from plugins.notices.files import is_notice_file, lookalike_files, lookalike_problem
from plugins.notices.load import display_path
from plugins.notices.placeholder_mode import placeholders_fail
from plugins.notices.store import NoticeStore
from plugins.site_pages import plan

from .outputs import write_outputs
from .reader import NoticeReader, is_notice
from .settings import config_of, start
from .state import build_site

logger = logging.getLogger(__name__)


def check_settings(pelican: Any) -> None:
    """Stop at start-up, before anything is read, on any setting the build cannot use."""
    start(pelican.settings)


def add_reader(readers: Any) -> None:
    for extension in NoticeReader.file_extensions:
        readers.reader_classes[extension] = NoticeReader


def read_ahead(generator: Any) -> None:
    """Read every notice before Pelican asks for them one by one: cached, and in parallel."""
    config = config_of(generator.settings)
    folder = config.notices.folder
    for path in lookalike_files(folder):
        if path.suffix[1:] not in generator.readers.extensions:
            # Pelican will not read it: a failed build, not silence.
            logger.error("%s", lookalike_problem(path, display_path(path, Path.cwd())))
    settings = generator.settings
    found = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = [Path(generator.path) / name for name in found]
    paths = [p for p in paths if is_notice(p, config) and is_notice_file(p.resolve(), folder)]
    files = [(path, display_path(path, Path.cwd())) for path in paths]
    store = NoticeStore(config.notices.cache)
    reads = read_notices(files, store=store, processes=config.notices.processes, forget_others=True)
    ahead = {str(path.resolve()): read for path, read in zip(paths, reads, strict=True)}
    fail = placeholders_fail(config.notices.placeholders, folder, os.environ)
    for reader in generator.readers.readers.values():
        if isinstance(reader, NoticeReader):
            reader.read_ahead = ahead  # one dict: each notice is taken once, by its reader
            reader.placeholders_fail = fail


def build_state(generator: Any) -> None:
    """Build the Site once, from the notices that are published as of the clock."""
    config = config_of(generator.settings)
    site = build_site(generator, config)
    generator.context["NOTICES_SITE"] = site
    generator.context["NOTICES_CLOCK_DISPLAY"] = config.clock


def dress_for_templates(generator: Any) -> None:
    """What the theme reads: the plan and calendars, and on each notice page its facets,
    calendars and card."""
    site = generator.context["NOTICES_SITE"]
    generator.context["SITE_PAGES"] = plan(site)
    generator.context["SITE_CALENDARS"] = site_calendars(site)
    # By ocid, for the timeline pages: each procurement's own feed and calendar.
    generator.context["PROCUREMENT_FEEDS"] = procurement_feeds(site)
    generator.context["PROCUREMENT_CALENDARS"] = procurement_calendars(site)
    by_path = {item.path: item for item in site.notices}
    for article in [*generator.articles, *generator.translations]:
        item = by_path.get(article.url) if hasattr(article, "notice") else None
        if item is not None:
            article.facets = item.facets
            article.calendars = calendars_for(item, site)
            article.card = card_path(item)
            article.card_alt = card_alt(item, site.timezone)


def write(generator: Any, writer: Any) -> None:
    """Every output of the build state, after the notice pages."""
    context = generator.context
    config = config_of(generator.settings)
    write_outputs(generator, writer, context["NOTICES_SITE"], config, context["SITE_PAGES"])
