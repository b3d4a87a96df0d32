"""Pelican settings for building the site locally (``invoke build``)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # our plugins, when not installed

from plugins.notices.templating import JINJA_FILTERS, ThemeI18n

SITENAME = "Afonwy County Council contract opportunities"
SITEURL = ""
# The public address: absolute links in feeds, calendars, open data and link cards use it.
NOTICES_SITE_URL = os.environ.get("NOTICES_SITE_URL", "https://contracts.afonwy.gov.uk")
AUTHOR = "Afonwy County Council"
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
# The whole site in English and Welsh: English at the root, Welsh under /cy/
# (docs/administrators.md#languages).
SITE_LANGUAGES = ("en", "cy")
SITE_NAMES = {"cy": "Cyfleoedd contract Cyngor Sir Afonwy"}
THEME = "themes/noticeboard"

# Sample only: the sample notices and many tests are written against this clock, and while it
# is set `invoke new` dates new notices at it too (a later date would be scheduled, not built).
# Delete the line for a real site: the build then uses SOURCE_DATE_EPOCH when set, or the
# current time, and `invoke new` dates notices now.
NOTICES_CLOCK = "2026-11-20T12:00:00+00:00"

# The nation the council serves: every area of Wales (ITL1 TLL, its ITL2 and ITL3 areas) has a
# feed, a calendar and a listing from day one, before its first notice (docs/feeds.md).
FEEDS_REGIONS = ("TLL",)

# One plugin: the adapter reads notices through the core and writes every output
# (docs/architecture.md).
PLUGINS = ["plugins.pelican_adapter"]

# Open Contracting Data Standard files (docs/open-data.md#ocds). Notices reuse Find a Tender's
# ocids (ocds-h6vhtk); procurements never placed there use the council's registered prefix.
OCDS_PUBLISHER = {
    "name": "Afonwy County Council",
    "scheme": "GB-PPON",
    "uid": "PQRT-4821-WXYZ",
    "uri": "https://www.afonwy.gov.uk",
}
OCDS_LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
OCDS_PUBLICATION_POLICY = "about/"
OCDS_OCID_PREFIX = ["ocds-h6vhtk", "ocds-a1fnwy"]

ANNOUNCEMENTS_HASHTAGS = ("AfonwyContracts",)
JINJA_FILTERS = JINJA_FILTERS
# The theme's words through gettext in each page's reader language (Jinja's i18n extension
# with our callables: plugins/notices/templating.py; catalogues: docs/administrators.md).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [ThemeI18n],
}

ARTICLE_PATHS = ["notices"]
ARTICLE_TRANSLATION_ID = "notice_id"
ARTICLE_URL = "notices/{slug}/"
ARTICLE_SAVE_AS = "notices/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/notices/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/notices/{slug}/index.html"
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
STATIC_PATHS = []
DEFAULT_PAGINATION = 20
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Markdown for pages; notice bodies are rendered and sanitised by plugins/notices/body.py.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# Our own plugins write every feed; outputs the theme has no templates for are off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DIRECT_TEMPLATES = []  # the home page and other listings come from plugins/site_pages
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "notices"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

RELATIVE_URLS = True
LOAD_CONTENT_CACHE = False
