"""Open data: notices.json (an index of notices) and announcements.json (for the publisher)."""

from __future__ import annotations

from plugins.cards import CardChoice
from plugins.config import Config
from plugins.contract import PATH as ANNOUNCEMENTS_PATH
from plugins.notices.output import Chunks
from plugins.notices.site import Site

from .announcements import announcement_chunks
from .notices_index import PATH as INDEX_PATH
from .notices_index import notices_index_chunks


def files(site: Site, config: Config) -> list[tuple[str, Chunks]]:
    """notices.json and announcements.json, each written as it is made."""
    options = config.announcements
    cards = CardChoice(site, config.cards.recent)
    announced = announcement_chunks(
        site, hashtags=options.hashtags, closing_soon=options.closing_soon, cards=cards
    )
    return [(INDEX_PATH, notices_index_chunks(site)), (ANNOUNCEMENTS_PATH, announced)]
