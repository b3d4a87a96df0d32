"""The one configuration: every setting of every part, typed, checked once at start-up.

Pelican-free: ``load_config`` takes the settings as a plain dict, so the build (through the
Pelican adapter), ``invoke check`` and a plain script all read settings the same way.
"""

from .config import (
    AnnouncementOptions,
    CalendarOptions,
    CardOptions,
    Config,
    FeedOptions,
    NoticesConfig,
    OcdsConfig,
    load_config,
)
from .kinds import SettingsError
from .settings import SETTINGS, Setting

__all__ = [
    "SETTINGS",
    "AnnouncementOptions",
    "CalendarOptions",
    "CardOptions",
    "Config",
    "FeedOptions",
    "NoticesConfig",
    "OcdsConfig",
    "Setting",
    "SettingsError",
    "load_config",
]
