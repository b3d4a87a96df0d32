"""The cards plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

from typing import Any

from plugins.notices.settings import Setting, merge

SETTINGS = (
    Setting(
        "CARDS_BRAND_COLOUR",
        "#0b3d4a",
        "Background of the card's header band (white text on it: keep contrast at least 4.5:1).",
    ),
    Setting(
        "CARDS_ACCENT_COLOUR",
        "#1d70b8",
        "Colour of the thin bars under the header band and at the foot of the card.",
    ),
    Setting(
        "CARDS_CACHE_PATH",
        "cards",
        "Folder (under CACHE_PATH when relative) in which to keep drawn cards between builds, "
        "keyed by everything a card shows, so an unchanged card is copied instead of drawn "
        "again. A kept card that is not a sound 1200 by 630 PNG is drawn again, with a warning. "
        "None: no cache.",
    ),
    Setting(
        "CARDS_PROCESSES",
        2,
        "Processes that draw cards when there are many (200 or more); 1 draws in the build.",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)
