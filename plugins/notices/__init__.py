"""Notices: read notice files through the typed notice model, validate them, derive facets."""

from pelican import signals

from .pelican_hooks import add_reader, finish_notices


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(finish_notices)
