"""The feeds plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plugins.notices.settings import Setting, SettingsError, merge

SETTINGS = (
    Setting(
        "FEEDS_MAX_ENTRIES",
        100,
        "Entries per feed document. A feed with more is split into RFC 5005 pages: the "
        "subscription document holds the newest entries and links to older pages.",
    ),
    Setting(
        "FEEDS_ID_DATE",
        "2026",
        "The date in every feed and entry id (tag: URIs, RFC 4151), e.g. 2026 or 2026-04-01: "
        "a day on which the council held the site's domain. Never change it once feeds are "
        "published, or every reader sees every entry again.",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
_TAG_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class FeedOptions:
    """The settings feeds are built with."""

    max_entries: int = DEFAULTS["FEEDS_MAX_ENTRIES"]
    id_date: str = DEFAULTS["FEEDS_ID_DATE"]


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)


def options(settings: dict[str, Any]) -> FeedOptions:
    """Checked feed options from Pelican settings."""
    values = merged(settings)
    max_entries, id_date = values["FEEDS_MAX_ENTRIES"], str(values["FEEDS_ID_DATE"])
    if not isinstance(max_entries, int) or isinstance(max_entries, bool) or max_entries < 1:
        raise SettingsError(
            f"FEEDS_MAX_ENTRIES must be a whole number of 1 or more, not {max_entries!r}"
        )
    if not _TAG_DATE.fullmatch(id_date):
        raise SettingsError(
            f"FEEDS_ID_DATE must be a date such as 2026 or 2026-04-01, not {id_date!r}"
        )
    return FeedOptions(max_entries=max_entries, id_date=id_date)
