"""Signal handlers: tell templates where each procurement's data is, then write the files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from plugins.notices.output import write_files

from .package import (
    RELEASES_PATH,
    ocds_files,
    ocds_path_for,
    outside_prefixes,
    published_ocids,
)
from .settings import ocds_config

logger = logging.getLogger(__name__)


def add_paths(generator: Any) -> None:
    """Give templates ``OCDS_PATHS`` ({ocid: package path}) and ``OCDS_RELEASES_PATH``."""
    site = generator.context.get("NOTICES_SITE")
    if site is None:
        return
    config = ocds_config(generator.settings, site)
    ocids = published_ocids(site, config)
    generator.context["OCDS_PATHS"] = {ocid: ocds_path_for(ocid) for ocid in ocids}
    generator.context["OCDS_RELEASES_PATH"] = RELEASES_PATH if ocids else None


def write_ocds(generator: Any, writer: Any) -> None:
    """Write the release packages; report notices whose ocid has a foreign prefix."""
    site = generator.context.get("NOTICES_SITE")
    if site is None:
        return
    config = ocds_config(generator.settings, site)
    for item in outside_prefixes(site, config):
        logger.error(
            "%s: ocid %s does not start with an accepted prefix (%s), so the procurement is "
            "left out of the OCDS data. Use the Find a Tender ocid or one with the council's "
            "registered prefix, or add the prefix to OCDS_OCID_PREFIX",
            item.notice.source_path,
            item.notice.ocid,
            ", ".join(config.ocid_prefixes),
        )
    write_files(Path(writer.output_path), ocds_files(site, config))
