"""Configurations for tests: the real ``load_config``, with the sample site's name and address."""

from __future__ import annotations

from typing import Any

from plugins.config import Config, OcdsConfig, load_config
from plugins.notices.site import Site

SAMPLE = {
    "SITENAME": "Afonwy County Council contract opportunities",
    "NOTICES_SITE_URL": "https://contracts.afonwy.gov.uk",
    "NOTICES_CLOCK": "2026-11-20T12:00:00+00:00",
}


def sample_config(settings: dict[str, Any] | None = None, **more: Any) -> Config:
    """The configuration of a site with the sample's name, address and clock, plus ``settings``."""
    return load_config({**SAMPLE, **(settings or {}), **more}, environ={})


def ocds_config(settings: dict[str, Any], site: Site) -> OcdsConfig:
    """The OCDS part of the configuration of ``site`` with ``settings``."""
    return load_config({"SITENAME": site.name, "NOTICES_SITE_URL": site.url, **settings}).ocds
