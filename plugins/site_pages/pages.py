"""The pages this package adds to the site, each a template, a path and its values.

They are the one output the theme renders: the Pelican adapter writes each through
Pelican's writer, so the theme's templates and ``SITEURL`` work as on every other page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .plan import SitePlan

# Pages with one template each: (template name, path of the page relative to its
# language's root: the site root, or "cy/").
SINGLE_PAGES = (
    ("browse", "browse/"),
    ("subscribe", "subscribe/"),
    ("search", "search/"),
)
NOT_FOUND = "404.html"


@dataclass(frozen=True)
class Page:
    """A page to render: ``relative`` is False when its links must not be relative to it."""

    template: str
    path: str
    values: dict[str, Any] = field(default_factory=dict)
    relative: bool = True

    @property
    def file(self) -> str:
        """Where it is written, relative to the output folder."""
        return self.path if self.path.endswith(".html") else f"{self.path}index.html"


def site_pages(site_plan: SitePlan, per_page: int) -> tuple[Page, ...]:
    """Listings, timelines, browse, subscribe, search and 404 of the plan's language, in
    that order."""
    prefix = site_plan.prefix
    listings = [Page("listing", p.path, {"listing_page": p}) for p in site_plan.pages(per_page)]
    timelines = [Page("timeline", t.path, {"timeline": t}) for t in site_plan.timelines]
    singles = [Page(template, f"{prefix}{path}") for template, path in SINGLE_PAGES]
    # A 404 page is served at whatever address was asked for, so its links must not be
    # relative to its own place: root-relative (SITEURL "") or absolute.
    not_found = Page("404", f"{prefix}{NOT_FOUND}", relative=False)
    return (*listings, *timelines, *singles, not_found)
