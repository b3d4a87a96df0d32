"""Open data: notices.json (an index of notices) and announcements.json (for the publisher)."""

from pelican import signals

from .pelican_hooks import write_opendata


def register() -> None:
    signals.article_writer_finalized.connect(write_opendata)
