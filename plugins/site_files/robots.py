"""``robots.txt``: every crawler welcome everywhere, and told where the sitemap is."""

from __future__ import annotations

from plugins.notices.site import Site

from .sitemap import PATH as SITEMAP

PATH = "robots.txt"


def robots_txt(site: Site) -> bytes:
    """RFC 9309: one group allowing every path, and the sitemap's absolute address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.absolute(SITEMAP)}\n".encode()
