"""The configuration from Pelican's settings: checked at start-up, kept for the whole build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.settings import read_settings

from plugins.config import Config, load_config

# Where the adapter keeps the build's Config in Pelican's settings (set once, at start-up).
CONFIG_KEY = "NOTICEBOARD_CONFIG"


def start(settings: dict[str, Any]) -> Config:
    """Check every setting before anything is read; keep the result for the build."""
    config = load_config(settings)
    settings[CONFIG_KEY] = config
    return config


def config_of(settings: dict[str, Any]) -> Config:
    """The build's Config (checked at start-up), or, outside a build, checked now."""
    config = settings.get(CONFIG_KEY)
    return config if isinstance(config, Config) else load_config(settings)


def site_config(settings_file: Path, **overrides: Any) -> Config:
    """The Config a build with ``settings_file`` would use: Pelican's defaults under it."""
    return load_config(read_settings(str(settings_file), override=overrides or None))
