"""Notices: read notice files through the typed notice model, validate them, derive facets."""

from pelican import signals

from .find_a_tender_hooks import finish_with_find_a_tender_first
from .pelican_hooks import add_reader
from .reader import preread


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(preread)
    # Holds notices waiting for their Find a Tender link, then runs finish_notices.
    signals.article_generator_pretaxonomy.connect(finish_with_find_a_tender_first)
