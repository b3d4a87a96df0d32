"""Every output, in a fixed order, written through one writer.

Each output is a pure function of the build state (the ``Site``) and the ``Config`` that
returns its files as (path, bytes or chunks). Site pages are the one output the theme
renders, so they go through Pelican's writer. The outputs of ``FILES`` give each file by
key (``plugins/notices/keyed.py``), so a file whose key is unchanged is linked from the
output cache instead of made again; the others go through ``write_files``. To add an
output: give its package a ``files(site, config)`` and add it to ``FILES`` (``by_bytes``
keys a file by its bytes; a ``keyed_files`` keyed by what it shows saves making it too).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from plugins import calendars, cards, feeds, ocds, opendata, site_files
from plugins.config import Config
from plugins.notices.fragments import Fragments
from plugins.notices.kept_files import KeptFiles
from plugins.notices.keyed import Keyed, code_version, of_bytes, write_keyed
from plugins.notices.output import Chunks, write_files
from plugins.notices.site import Site
from plugins.site_pages import Page, SitePlan, site_pages

from .languages import READER_VALUES, content_pages, notice_pages

logger = logging.getLogger(__name__)

Output = Callable[[Site, Config], Iterable[tuple[str, Chunks]]]
KeyedOutput = Callable[[Site, Config, Fragments], Iterable[Keyed]]
PLUGINS = Path(__file__).parent.parent


def by_bytes(output: Output) -> KeyedOutput:
    """An output whose files are keyed by their own bytes: made every build, written only
    when they change."""
    return lambda site, config, _fragments: (of_bytes(p, data) for p, data in output(site, config))


# (name, output), in the order they are written; site pages come between these and CARDS.
FILES: tuple[tuple[str, KeyedOutput], ...] = (
    ("feed", feeds.keyed_files),
    ("calendar", calendars.keyed_files),
    ("OCDS", by_bytes(ocds.files)),
    ("open data", by_bytes(opendata.files)),
    ("site-wide", by_bytes(site_files.files)),
)
CARDS: tuple[str, Output] = ("card", cards.files)


def write_outputs(
    generator: Any, writer: Any, site: Site, config: Config, site_plans: Mapping[str, SitePlan]
) -> None:
    """Feeds, calendars, OCDS, open data, site files, site pages (of every language), the
    sitemap, cards: in this order, every build."""
    output = Path(writer.output_path)
    theme = Path(generator.settings["THEME"])
    write_keyed_outputs(output, site, config, code_version(PLUGINS, theme))
    values = generator.context[READER_VALUES]
    own = [
        replace(page, values={"page_lang": lang, **values[lang], **page.values})
        for lang, site_plan in site_plans.items()
        for page in site_pages(site_plan, config.per_page)
    ]
    readers = reader_pages(generator, site, cards.CardChoice(site, config.cards.recent))
    write_pages(generator, writer, [*own, *readers])
    shown = [
        site_files.Location(page.path, _changed(page.values[page.template])) for page in readers
    ]
    found = site_files.locations(
        site_plans.values(), config.per_page, [*theme_pages(generator), *shown]
    )
    _write(output, "sitemap", site_files.sitemap_files(site, found))
    _write(output, CARDS[0], CARDS[1](site, config))


def write_keyed_outputs(output: Path, site: Site, config: Config, version: str) -> None:
    """The outputs of ``FILES``, each file made only when its key (with the code's
    ``version``) has changed since the cache last kept it; files no longer made go."""
    kept = KeptFiles(config.output_cache) if config.output_cache else None
    for name, files in FILES:
        # Each output's own pieces, let go once its files are written.
        fragments = Fragments(kept, version)
        counts = write_keyed(output, files(site, config, fragments), kept, version)
        total = counts.rendered + counts.reused
        logger.info("Wrote %d %s files (%d unchanged)", total, name, counts.reused)
    if kept is not None:
        kept.finish(output)


def reader_pages(generator: Any, site: Site, shown_cards: cards.CardChoice) -> list[Page]:
    """Notices and content pages in the languages of the site they are not written in:
    the page for a reader of each (``languages.py``)."""
    values = generator.context[READER_VALUES]
    articles = [*generator.articles, *generator.translations]
    pages = generator.context.get("pages", ())
    shown = [
        *(("article", *found) for found in notice_pages(site, articles, shown_cards)),
        *(("page", *found) for found in content_pages(site, pages)),
    ]
    return [
        Page(
            template,
            path,
            {template: content, "page_lang": lang, **values[lang]},
        )
        for template, content, lang, path in shown
    ]


def _write(output: Path, name: str, files: Iterable[tuple[str, Chunks]]) -> None:
    count = write_files(output, files)
    logger.info("Wrote %d %s files", count, name)


def theme_pages(generator: Any) -> list[site_files.Location]:
    """The pages only Pelican knows (content/pages) and their translations, for the sitemap;
    hidden pages are left out, as they are from the site's links."""
    return [
        site_files.Location(each.url, _changed(each))
        for page in generator.context.get("pages", ())
        for each in (page, *page.translations)
    ]


def _changed(content: Any) -> datetime | None:
    """When a notice or page last changed, if Pelican knows it as an aware time."""
    changed = getattr(content, "modified", None) or getattr(content, "date", None)
    return changed if isinstance(changed, datetime) and changed.tzinfo is not None else None


def write_pages(generator: Any, writer: Any, pages: Iterable[Page], **values: Any) -> None:
    """Render each page with its theme template, as Pelican renders its own pages, with
    ``values`` (the reader's language and plan) and the page's own."""
    relative = bool(generator.settings.get("RELATIVE_URLS"))
    count = 0
    for page in pages:
        writer.write_file(
            page.file,
            generator.get_template(page.template),
            generator.context,
            relative_urls=relative and page.relative,
            page_path=page.path,
            **{**values, **page.values},
        )
        count += 1
    logger.info("Wrote %d site pages", count)
