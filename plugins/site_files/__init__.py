"""The files search engines, browsers and spreadsheet users expect of a public site.

``files(site, config)``: ``robots.txt``, ``favicon.ico``, ``site.webmanifest`` and its
icons, ``/.well-known/security.txt`` (when a contact is set) and ``notices.csv``.
``sitemap.sitemap_files`` writes ``sitemap.xml``: it takes the pages only Pelican knows
(``content/pages``) from the adapter as well as the site's own.
"""

from __future__ import annotations

from plugins.config import Config
from plugins.notices.output import Chunks
from plugins.notices.site import Site

from . import icons, notices_csv, robots, security_txt
from .sitemap import Location, locations, sitemap_files

__all__ = ["Location", "files", "locations", "sitemap_files"]


def files(site: Site, config: Config) -> list[tuple[str, Chunks]]:
    """Every file but the sitemap, each (path, content)."""
    options = config.site_files
    found: list[tuple[str, Chunks]] = [
        (robots.PATH, robots.robots_txt(site)),
        (icons.FAVICON, icons.favicon()),
        *((icons.icon_path(size), icons.icon(size)) for size in icons.ICON_SIZES),
        (icons.MANIFEST, icons.manifest(site, options.short_name, config.cards.brand)),
        (notices_csv.PATH, notices_csv.notices_csv_chunks(site)),
    ]
    if options.security_contact:
        text = security_txt.security_txt(
            site, options.security_contact, options.security_expires, options.security_policy
        )
        found.append((security_txt.PATH, text))
    return found
