"""Every output, in a fixed order, written through one writer.

Each output is a pure function of the build state (the ``Site``) and the ``Config`` that
returns its files as (path, bytes or chunks). Site pages are the one output the theme
renders, so they go through Pelican's writer; every other file through ``write_files``.
To add an output: give its package a ``files(site, config)`` and add it to ``FILES``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from plugins import calendars, cards, feeds, ocds, opendata, site_files
from plugins.config import Config
from plugins.notices.output import Chunks, write_files
from plugins.notices.site import Site
from plugins.site_pages import Page, SitePlan, site_pages

logger = logging.getLogger(__name__)

Output = Callable[[Site, Config], Iterable[tuple[str, Chunks]]]
# (name, output), in the order they are written; site pages come between these and CARDS.
FILES: tuple[tuple[str, Output], ...] = (
    ("feed", feeds.files),
    ("calendar", calendars.files),
    ("OCDS", ocds.files),
    ("open data", opendata.files),
    ("site-wide", site_files.files),
)
CARDS: tuple[str, Output] = ("card", cards.files)


def write_outputs(
    generator: Any, writer: Any, site: Site, config: Config, site_plan: SitePlan
) -> None:
    """Feeds, calendars, OCDS, open data, site files, site pages, the sitemap, cards: in
    this order, every build."""
    output = Path(writer.output_path)
    for name, files in FILES:
        _write(output, name, files(site, config))
    write_pages(generator, writer, site_pages(site_plan, config.per_page))
    found = site_files.locations(site_plan, config.per_page, theme_pages(generator))
    _write(output, "sitemap", site_files.sitemap_files(site, found))
    _write(output, CARDS[0], CARDS[1](site, config))


def _write(output: Path, name: str, files: Iterable[tuple[str, Chunks]]) -> None:
    count = write_files(output, files)
    logger.info("Wrote %d %s files", count, name)


def theme_pages(generator: Any) -> list[site_files.Location]:
    """The pages only Pelican knows (content/pages) and their translations, for the sitemap;
    hidden pages are left out, as they are from the site's links."""
    found = []
    for page in generator.context.get("pages", ()):
        for each in (page, *page.translations):
            changed = getattr(each, "modified", None) or getattr(each, "date", None)
            aware = changed if changed is not None and changed.tzinfo is not None else None
            found.append(site_files.Location(each.url, aware))
    return found


def write_pages(generator: Any, writer: Any, pages: Iterable[Page]) -> None:
    """Render each page with its theme template, as Pelican renders its own pages."""
    relative = bool(generator.settings.get("RELATIVE_URLS"))
    count = 0
    for page in pages:
        writer.write_file(
            page.file,
            generator.get_template(page.template),
            generator.context,
            relative_urls=relative and page.relative,
            page_path=page.path,
            **page.values,
        )
        count += 1
    logger.info("Wrote %d site pages", count)
