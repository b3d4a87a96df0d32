"""Pelican settings for the published site (``invoke build --production``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: F403

SITEURL = NOTICES_SITE_URL  # noqa: F405
RELATIVE_URLS = False
NOTICES_CLOCK = None  # real time (or SOURCE_DATE_EPOCH)
DELETE_OUTPUT_DIRECTORY = True
# Placeholders never go live: errors in a production build, unless the council chose warnings.
if globals().get("NOTICES_PLACEHOLDERS", "error-on-main") == "error-on-main":
    NOTICES_PLACEHOLDERS = "error"
