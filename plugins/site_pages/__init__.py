"""Site pages: listings by facet, procurement timelines, browse, subscribe, search and 404.

``plan(site)`` is what templates reach as ``SITE_PAGES``; ``site_pages(plan, per_page)`` the
pages to render with the theme.
"""

from .pages import Page, site_pages
from .plan import SitePlan, plan

__all__ = ["Page", "SitePlan", "plan", "site_pages"]
