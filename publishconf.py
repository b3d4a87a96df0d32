"""Pelican settings for the published site (``invoke build --production``)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://contracts.afonwy.gov.uk")
RELATIVE_URLS = False
NOTICES_CLOCK = None  # real time (or SOURCE_DATE_EPOCH)
DELETE_OUTPUT_DIRECTORY = True
