"""Calendars: iCalendar (.ics) files of notice deadlines to subscribe to."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.site import Site

from .ics import render


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """The site-wide, facet and per-notice calendars under calendar/."""
    return render(site, config.calendars)
