"""Signal handlers: work out the generated pages, then write them with the theme."""

from __future__ import annotations

import logging
from typing import Any

from .plan import SitePlan, plan
from .settings import per_page

logger = logging.getLogger(__name__)

# Pages with one template each: (template name, path of the page relative to the site root).
SINGLE_PAGES = (
    ("browse", "browse/"),
    ("subscribe", "subscribe/"),
    ("search", "search/"),
)
NOT_FOUND = "404.html"


def add_plan(generator: Any) -> None:
    """Leave the plan in the context before notice pages are written (they link to it)."""
    generator.context["SITE_PAGES"] = plan(generator.context["NOTICES_SITE"])


def write_pages(generator: Any, writer: Any) -> None:
    """Write listings, timelines, browse, subscribe, search and 404 pages."""
    site_plan: SitePlan = generator.context["SITE_PAGES"]
    relative = bool(generator.settings.get("RELATIVE_URLS"))

    def write(template: str, path: str, **values: Any) -> None:
        name = path if path.endswith(".html") else f"{path}index.html"
        writer.write_file(
            name,
            generator.get_template(template),
            generator.context,
            relative_urls=relative,
            page_path=path,
            **values,
        )

    pages = site_plan.pages(per_page(generator.settings))
    for listing_page in pages:
        write("listing", listing_page.path, listing_page=listing_page)
    for timeline in site_plan.timelines:
        write("timeline", timeline.path, timeline=timeline)
    for template, path in SINGLE_PAGES:
        write(template, path)
    # A 404 page is served at whatever address was asked for, so its links must not be
    # relative to its own place: root-relative (SITEURL "") or absolute.
    writer.write_file(
        NOT_FOUND, generator.get_template("404"), generator.context, page_path=NOT_FOUND
    )
    logger.info(
        "Wrote %d listing pages, %d procurement timelines and %d other pages",
        len(pages),
        len(site_plan.timelines),
        len(SINGLE_PAGES) + 1,
    )
