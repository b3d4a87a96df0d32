"""The opendata plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

from typing import Any

from plugins.notices.settings import Setting, merge

SETTINGS = (
    Setting(
        "ANNOUNCEMENTS_HASHTAGS",
        (),
        "Hashtags (without '#') added to every announcement, e.g. ('AfonwyContracts',).",
    ),
    Setting(
        "ANNOUNCEMENTS_CLOSING_SOON",
        True,
        "Include a 'closing-soon' announcement for open notices whose deadline is within "
        "7 days. The publisher posts them only when asked to.",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)
