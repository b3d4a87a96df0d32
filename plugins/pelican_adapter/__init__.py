"""The Pelican adapter: the one Pelican plugin, owning the build's lifecycle.

``pelicanconf.py`` lists only this package in PLUGINS. See ``lifecycle.py`` for the steps
and ``docs/architecture.md`` for the whole picture.
"""

from pelican import signals

from .lifecycle import (
    add_reader,
    build_state,
    check_settings,
    dress_for_reader,
    dress_for_templates,
    know_pages,
    read_ahead,
    write,
)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_pretaxonomy.connect(build_state)
    signals.article_generator_finalized.connect(dress_for_templates)
    signals.page_generator_finalized.connect(know_pages)
    signals.article_generator_write_article.connect(dress_for_reader)
    signals.page_generator_write_page.connect(dress_for_reader)
    signals.article_writer_finalized.connect(write)
