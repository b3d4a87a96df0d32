"""Which card a page or a post shows: the notice's own while someone may still share or
announce it, else the site's one card in the reader's language.

Drawing 10,000 cards for notices nobody links to any more is most of a cold build's card
time; a notice keeps its own card while it is recent (published or changed within
``CARDS_RECENT_DAYS`` of the build's clock) or its procurement is still ahead of suppliers
(planned or open). The choice is made per notice id, over every language version, so a
notice and its translation always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from plugins.notices.derive import Status
from plugins.notices.site import Published, Site

from .text import CARD_NAME, card_alt, reader_card_path, site_card_alt

# Still ahead of suppliers, whatever its age: it can be announced as closing soon, and shared.
_AHEAD = frozenset({Status.PLANNED, Status.OPEN})


@dataclass(frozen=True)
class ShownCard:
    """A card's path relative to the site root, and its alt text."""

    path: str
    alt: str


def site_card_path(site: Site, lang: str) -> str:
    """The site's card for readers of ``lang``: ``card.png``, ``cy/card.png``."""
    return f"{site.prefix(lang)}{CARD_NAME}"


class CardChoice:
    """The notices of one build that have a card of their own (``recent`` None: all)."""

    def __init__(self, site: Site, recent: timedelta | None) -> None:
        self.site = site
        since = None if recent is None else site.clock - recent
        self._own = frozenset(
            item.notice.notice_id
            for item in site.notices
            if since is None or item.notice.updated >= since or item.facets.status in _AHEAD
        )

    def own(self, item: Published) -> bool:
        return item.notice.notice_id in self._own

    def shown(self, item: Published, lang: str | None = None) -> ShownCard:
        """The card a reader of ``lang`` (the notice's own unless given) sees for ``item``."""
        lang = lang or item.lang
        if self.own(item):
            path = reader_card_path(self.site, item, lang)
            return ShownCard(path, card_alt(item, self.site.timezone, lang))
        return ShownCard(site_card_path(self.site, lang), site_card_alt(self.site, lang))
