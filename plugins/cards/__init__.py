"""Social cards: a PNG link-preview image per notice, at ``<notice path>card.png``.

``card_alt`` and ``card_path`` are the functions other outputs (announcements.json) use.
"""

from pelican import signals

from .pelican_hooks import add_card_alt, write_cards
from .text import card_alt, card_path

__all__ = ["card_alt", "card_path", "register"]


def register() -> None:
    signals.article_generator_finalized.connect(add_card_alt)
    signals.article_writer_finalized.connect(write_cards)
