"""Signal handler: write notices.json and announcements.json after the notice pages."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from plugins.notices.output import write_files

from .announcements import PATH as ANNOUNCEMENTS_PATH
from .announcements import announcement_chunks
from .notices_index import PATH as INDEX_PATH
from .notices_index import notices_index_chunks
from .settings import merged

logger = logging.getLogger(__name__)


def write_opendata(generator: Any, writer: Any) -> None:
    site = generator.context["NOTICES_SITE"]
    settings = merged(generator.settings)
    announced = announcement_chunks(
        site,
        hashtags=tuple(settings["ANNOUNCEMENTS_HASHTAGS"]),
        closing_soon=settings["ANNOUNCEMENTS_CLOSING_SOON"],
    )
    files = [(INDEX_PATH, notices_index_chunks(site)), (ANNOUNCEMENTS_PATH, announced)]
    write_files(Path(writer.output_path), files)
    logger.info("Wrote %s and %s", INDEX_PATH, ANNOUNCEMENTS_PATH)
