"""The build's lifecycle, one Pelican signal at a time.

start (settings checked) → reader registered → every notice read ahead → the build state
(``Site``) built once → what templates need given to them → outputs written in order.
Nothing is kept between builds: the Config lives in Pelican's settings, the Site in the
context (as ``NOTICES_SITE``, which templates read), read-ahead notices on the readers.

A site in several languages is one site per language: each page is rendered with the plan
of its reader's language as ``SITE_PAGES`` (``READER_VALUES``), the pages Pelican writes
too, just before it writes each one.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from plugins.calendars.catalogue import SharedCalendars, site_calendars
from plugins.cards import CardChoice
from plugins.notices.bulk import read_notices
from plugins.notices.files import is_notice_file, lookalike_files, lookalike_problem
from plugins.notices.load import display_path
from plugins.notices.placeholder_mode import placeholders_fail
from plugins.notices.store import NoticeStore
from plugins.site_pages import language_versions, plans

from .languages import READER_VALUES, content_versions, reader_values
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
    """What the theme reads: the plans and calendars, the versions of every page in the
    site's languages, and on each notice page its facets, calendars and card."""
    context = generator.context
    site = context["NOTICES_SITE"]
    site_plans = plans(site)
    context["SITE_PLANS"] = site_plans
    # SITE_PAGES, PROCUREMENT_FEEDS and PROCUREMENT_CALENDARS (by ocid, for the timeline
    # pages) of each language: the default language's until a page of another is written.
    context[READER_VALUES] = {lang: reader_values(found) for lang, found in site_plans.items()}
    context.update(context[READER_VALUES][site.default_lang])
    context["SITE_CALENDARS"] = site_calendars(site)
    config = config_of(generator.settings)
    context["LANGUAGE_VERSIONS"] = language_versions(site_plans, config.per_page)
    cards = CardChoice(site, config.cards.recent)
    by_path = {item.path: item for item in site.notices}
    calendars_for = SharedCalendars(site)
    for article in [*generator.articles, *generator.translations]:
        item = by_path.get(article.url) if hasattr(article, "notice") else None
        if item is not None:
            article.facets = item.facets
            article.calendars = calendars_for(item)
            card = cards.shown(item)
            article.card, article.card_alt = card.path, card.alt


def know_pages(generator: Any) -> None:
    """Once Pelican has read the content pages: their versions in the site's languages."""
    context = generator.context
    if "SITE_PLANS" not in context:
        return
    per_page = config_of(generator.settings).per_page
    groups = content_versions(context["NOTICES_SITE"], context.get("pages", ()))
    context["LANGUAGE_VERSIONS"] = language_versions(context["SITE_PLANS"], per_page, groups)


def dress_for_reader(generator: Any, content: Any) -> None:
    """Just before Pelican writes a notice or a page: the plan of its reader's language."""
    context = generator.context
    versions = context.get("LANGUAGE_VERSIONS")
    if versions is not None and READER_VALUES in context:
        context.update(context[READER_VALUES][versions.lang_of(content.url)])


def write(generator: Any, writer: Any) -> None:
    """Every output of the build state, after the notice pages."""
    context = generator.context
    site = context["NOTICES_SITE"]
    context.update(context[READER_VALUES][site.default_lang])
    config = config_of(generator.settings)
    write_outputs(generator, writer, site, config, context["SITE_PLANS"])
