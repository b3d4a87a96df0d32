"""Site pages: listings by facet, procurement timelines, browse, subscribe, search and 404.

``plan(site, lang)`` is what templates reach as ``SITE_PAGES`` on a page in ``lang`` (the
plans of every language: ``plans(site)``); ``site_pages(plan, per_page)`` the pages to
render with the theme; ``language_versions`` the same page in each language of the site.
"""

from .languages import LanguageVersions, Version, language_versions
from .pages import Page, site_pages
from .plan import SitePlan, plan, plans

__all__ = [
    "LanguageVersions",
    "Page",
    "SitePlan",
    "Version",
    "language_versions",
    "plan",
    "plans",
    "site_pages",
]
