"""Site pages: listings by facet, procurement timelines, browse, subscribe, search and 404."""

from pelican import signals

from .pelican_hooks import add_plan, write_pages


def register() -> None:
    signals.article_generator_finalized.connect(add_plan)
    signals.article_writer_finalized.connect(write_pages)
