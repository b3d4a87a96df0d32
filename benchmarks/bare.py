"""The same notices as a bare Pelican site: default theme, default feeds, Pelican's own metadata.

This is the yardstick of the issue's targets. Each notice's front matter becomes Pelican's
``Title``/``Date``/``Slug``/``Lang``/``Summary`` plus ``Category`` (notice type), ``Author``
(buyer) and ``Tags`` (CPV divisions and regions), so Pelican's category, author and tag pages
and feeds stand in for our facet listings and feeds; the Markdown body is unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from plugins.notices.check import notice_files
from plugins.notices.codes import NoticeType
from plugins.notices.files import slug_for
from plugins.notices.formatting import notice_type_label
from plugins.notices.source import read_source

SETTINGS = '''"""Bare Pelican: default theme and settings, with its content cache on."""

AUTHOR = "Afonwy County Council"
SITENAME = "Afonwy County Council contract opportunities"
SITEURL = "https://contracts.afonwy.gov.uk"
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
# Pelican's default feeds (all, per category, per author, per language) stay on; an RSS feed
# of everything is added because Noticeboard writes Atom and RSS.
FEED_ALL_RSS = "feeds/all.rss.xml"
# Pelican's best case for a rebuild: its content cache skips re-parsing unchanged files.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
'''


def write_bare_site(content: Path, site: Path) -> int:
    """Write ``site``/content (notices and pages) and ``site``/pelicanconf.py; return notices."""
    shutil.rmtree(site, ignore_errors=True)
    notices = content / "notices"
    count = 0
    for path in notice_files(notices):
        target = site / "content" / "notices" / path.relative_to(notices)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pelican_markdown(path), encoding="utf-8")
        count += 1
    shutil.copytree(content / "pages", site / "content" / "pages")
    (site / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    return count


def pelican_markdown(path: Path) -> str:
    """A notice file as a Markdown file with Pelican metadata lines."""
    source, problems = read_source(path, path.name)
    if source is None:
        raise ValueError(f"{path}: {problems}")
    lines = [f"{key}: {value}" for key, value in metadata(source.data, slug_for(path)).items()]
    return "\n".join(lines) + "\n\n" + source.body


def metadata(data: dict[str, Any], slug: str) -> dict[str, str]:
    """Pelican metadata for one notice's front matter."""
    tags = [f"cpv-{code[:2]}" for code in data.get("cpv", [])] + list(data.get("regions", []))
    fields = {
        "Title": data["title"],
        "Date": data["published"],
        "Slug": slug,
        "Lang": data.get("lang", "en"),
        "Summary": data["summary"],
        "Category": notice_type_label(NoticeType(data["notice_type"]), "en"),
        "Author": data["buyer"]["name"],
    }
    return {**fields, "Tags": ", ".join(dict.fromkeys(tags))} if tags else fields
