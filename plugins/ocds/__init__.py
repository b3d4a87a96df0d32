"""OCDS 1.1.5: a release per notice and per change, packaged per procurement and per site."""

from pelican import signals

from .pelican_hooks import add_paths, write_ocds


def register() -> None:
    signals.article_generator_finalized.connect(add_paths)
    signals.article_writer_finalized.connect(write_ocds)
