"""Feeds: Atom and RSS 2.0 for every facet, a changes feed and an OPML list, via feedgen."""

from pelican import signals

from .pelican_hooks import attach_feeds, check_settings, write_feeds


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_feeds)
    signals.article_writer_finalized.connect(write_feeds)
