"""Social cards: a PNG link-preview image per notice still shared or announced, at
``<notice path>card.png``, and the site's own card (``card.png``) for the others.

``CardChoice(site, config.cards.recent).shown(item, lang)`` is the card a page or an
announcement shows: the one that exists.
"""

from __future__ import annotations

from collections.abc import Iterator

from plugins.config import Config
from plugins.notices.site import Site

from .cards import site_cards
from .choice import CardChoice, ShownCard
from .render import Style
from .text import card_alt, card_path

__all__ = ["CardChoice", "ShownCard", "card_alt", "card_path", "files"]


def files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """The site's card and the chosen notices' cards, drawn (in parallel when many) or copied
    from the cache."""
    options = config.cards
    style = Style(brand=options.brand, accent=options.accent)
    choice = CardChoice(site, options.recent)
    return site_cards(
        site, style, processes=options.processes, cache_path=options.cache, choice=choice
    )
