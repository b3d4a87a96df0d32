"""Signal handler: write notices.json and announcements.json after the notice pages."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .announcements import PATH as ANNOUNCEMENTS_PATH
from .announcements import announcements
from .notices_index import PATH as INDEX_PATH
from .notices_index import notices_index
from .settings import merged

logger = logging.getLogger(__name__)


def write_opendata(generator: Any, writer: Any) -> None:
    site = generator.context["NOTICES_SITE"]
    settings = merged(generator.settings)
    files = {
        INDEX_PATH: notices_index(site),
        ANNOUNCEMENTS_PATH: announcements(
            site,
            hashtags=tuple(settings["ANNOUNCEMENTS_HASHTAGS"]),
            closing_soon=settings["ANNOUNCEMENTS_CLOSING_SOON"],
        ),
    }
    output = Path(writer.output_path)
    for path, data in files.items():
        (output / path).write_bytes(data)
        logger.info("Wrote %s", path)
