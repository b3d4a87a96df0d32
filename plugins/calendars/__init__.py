"""Calendars: iCalendar (.ics) files of notice deadlines to subscribe to."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.fragments import Fragments
from plugins.notices.keyed import Keyed
from plugins.notices.site import Site

from .ics import keyed_calendars, render


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """The site-wide, facet and per-notice calendars under calendar/."""
    return render(site, config.calendars)


def keyed_files(site: Site, config: Config, fragments: Fragments) -> Iterator[Keyed]:
    """``files`` by key, each event serialised once through ``fragments``."""
    return keyed_calendars(site, config.calendars, fragments)
