"""The site_pages plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

from typing import Any

from plugins.notices.settings import Setting, SettingsError, merge

SETTINGS = (
    Setting(
        "SITE_PAGES_PER_PAGE",
        None,
        "Notices on each page of a listing. None: DEFAULT_PAGINATION, else 20.",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)


def per_page(settings: dict[str, Any]) -> int:
    """How many notices a listing page shows."""
    value = merged(settings)["SITE_PAGES_PER_PAGE"] or settings.get("DEFAULT_PAGINATION") or 20
    if not isinstance(value, int) or value < 1:
        raise SettingsError(f"SITE_PAGES_PER_PAGE must be a whole number above 0, not {value!r}")
    return value
