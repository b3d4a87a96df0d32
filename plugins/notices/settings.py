"""The notices plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("NOTICES_PATH", "notices", "Folder under the content path that holds notice files."),
    Setting(
        "NOTICES_CLOCK",
        None,
        "The build's 'now' as ISO 8601 text with offset. None: SOURCE_DATE_EPOCH if set, else "
        "the current time. Statuses (open, closed) and scheduled publication use it.",
    ),
    Setting("NOTICES_TIMEZONE", "Europe/London", "Time zone in which dates are shown to readers."),
    Setting(
        "NOTICES_SITE_URL",
        None,
        "The site's canonical public address, e.g. https://contracts.example.gov.uk, used for "
        "absolute links in feeds, calendars, open data and link cards. None: SITEURL.",
    ),
    Setting(
        "NOTICES_CACHE",
        "notices.sqlite",
        "File under CACHE_PATH that keeps each notice as read (as plain JSON, with a checksum), "
        "keyed by the file's bytes and the code's version, so an unchanged notice is not parsed "
        "again. A damaged entry is read again, an unreadable file rebuilt, each with a warning. "
        "None: no cache.",
    ),
    Setting(
        "NOTICES_PROCESSES",
        0,
        "Processes that read notices when there are many (64 or more) to read; 0: one per "
        "core, 1: read in the build's own process.",
    ),
    Setting(
        "NOTICES_FIND_A_TENDER_FIRST",
        "hold-notice",
        "What happens to a regulated notice (legal_basis PA2023 or PCR2015) without its "
        "find_a_tender link, since the law has it published on Find a Tender first. "
        "'hold-notice': kept off the site and not announced until the link is added; "
        "'hold-announcements': its page and feeds are built but it is not announced; "
        "'error': invoke check and the build fail; 'off': no guard. Held notices are "
        "warnings in invoke check and listed in announcements.json.",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


class SettingsError(ValueError):
    """A notices setting has a value the plugin cannot use."""


def merge(defaults: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The site's values for a plugin's settings, with the plugin's defaults under them."""
    return {**defaults, **{key: settings[key] for key in defaults if key in settings}}


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)


def build_clock(settings: dict[str, Any], environ: dict[str, str] | None = None) -> datetime:
    """The build's 'now': NOTICES_CLOCK, else SOURCE_DATE_EPOCH, else the current time."""
    environ = os.environ if environ is None else environ
    clock = merged(settings)["NOTICES_CLOCK"]
    if isinstance(clock, datetime):
        return _aware(clock)
    if clock:
        try:
            return _aware(datetime.fromisoformat(str(clock)))
        except ValueError:
            raise SettingsError(
                f"NOTICES_CLOCK {clock!r} is not an ISO 8601 date and time"
            ) from None
    if environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(environ["SOURCE_DATE_EPOCH"]), UTC)
    return datetime.now(UTC)


def _aware(clock: datetime) -> datetime:
    if clock.tzinfo is None:
        raise SettingsError(f"NOTICES_CLOCK {clock.isoformat()} needs a UTC offset, e.g. +00:00")
    return clock


def site_url(settings: dict[str, Any]) -> str:
    """The canonical public address: NOTICES_SITE_URL, else an absolute SITEURL."""
    url = merged(settings)["NOTICES_SITE_URL"] or settings.get("SITEURL") or ""
    if not str(url).startswith(("https://", "http://")):
        raise SettingsError(
            "Set NOTICES_SITE_URL (or SITEURL) to the site's public address, e.g. "
            "https://contracts.example.gov.uk: feeds and open data need absolute links"
        )
    return str(url).rstrip("/")
