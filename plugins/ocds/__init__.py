"""OCDS 1.1.5: a release per notice and per change, packaged per procurement and per site."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.output import Chunks
from plugins.notices.site import Site

from .package import ocds_files


def files(site: Site, config: Config) -> Iterator[tuple[str, Chunks]]:
    """ocds/releases.json and a package per procurement (accepted ocid prefixes only)."""
    return ocds_files(site, config.ocds)
