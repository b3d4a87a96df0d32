"""Calendars: iCalendar (.ics) files of notice deadlines to subscribe to."""

from pelican import signals

from .pelican_hooks import check_settings, link_calendars, write_calendars


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(link_calendars)
    signals.article_writer_finalized.connect(write_calendars)
