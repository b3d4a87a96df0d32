"""Signal handlers: give notice pages their card's alt text, then write every card."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from plugins.notices.output import write_files

from .cards import site_cards
from .render import Style
from .settings import merged
from .text import card_alt, card_path

logger = logging.getLogger(__name__)


def add_card_alt(generator: Any) -> None:
    """``article.card`` (path) and ``article.card_alt`` for each notice page's meta tags."""
    site = generator.context["NOTICES_SITE"]
    by_path = {item.path: item for item in site.notices}
    for article in [*generator.articles, *generator.translations]:
        item = by_path.get(getattr(article, "url", None))
        if item is not None:
            article.card = card_path(item)
            article.card_alt = card_alt(item)


def write_cards(generator: Any, writer: Any) -> None:
    settings = merged(generator.settings)
    cache = settings["CARDS_CACHE_PATH"]
    cards = site_cards(
        generator.context["NOTICES_SITE"],
        Style(brand=settings["CARDS_BRAND_COLOUR"], accent=settings["CARDS_ACCENT_COLOUR"]),
        processes=int(settings["CARDS_PROCESSES"]),
        cache_path=Path(generator.settings["CACHE_PATH"], cache) if cache else None,
    )
    count = write_files(Path(writer.output_path), cards)
    logger.info("Wrote %d social cards", count)
