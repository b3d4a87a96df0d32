"""Social cards: a PNG link-preview image per notice, at ``<notice path>card.png``.

``card_alt``, ``card_path`` and ``reader_card_path`` are the functions other outputs (announcements.json) use.
"""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.site import Site

from .cards import site_cards
from .render import Style
from .text import card_alt, card_path, reader_card_path

__all__ = ["card_alt", "card_path", "files", "reader_card_path"]


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """Every notice's card, drawn (in parallel when many) or copied from the cache."""
    options = config.cards
    style = Style(brand=options.brand, accent=options.accent)
    return site_cards(site, style, processes=options.processes, cache_path=options.cache)
