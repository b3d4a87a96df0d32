"""One site per language: what each reader's pages are rendered with, and the pages Pelican
does not write in every language.

Pelican writes each notice and content page in the languages it is written in. A reader of
another language of the site gets it too, at its path under that language's prefix
(``cy/notices/<slug>/``): the reader's words around the notice's own text, which the theme
marks with its language. These are rendered here, with the same templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from plugins.calendars.catalogue import SharedCalendars, procurement_calendars
from plugins.cards import CardChoice
from plugins.feeds.catalogue import procurement_feeds
from plugins.notices.site import Site
from plugins.site_pages import SitePlan

# Where the adapter keeps each language's render values in Pelican's context, by language.
READER_VALUES = "NOTICEBOARD_READER_VALUES"


def reader_values(site_plan: SitePlan) -> dict[str, Any]:
    """What a page of the plan's language is rendered with, besides the shared context."""
    site, lang = site_plan.site, site_plan.lang
    return {
        "SITE_PAGES": site_plan,
        "PROCUREMENT_FEEDS": procurement_feeds(site, lang),
        "PROCUREMENT_CALENDARS": procurement_calendars(site, lang),
    }


class ShownTo:
    """An article or page as shown to a reader of another language than its own: the
    original's every attribute, but those given (the reader's calendars, card...)."""

    def __init__(self, content: Any, **shown: Any) -> None:
        self._content = content
        self.__dict__.update(shown)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._content, name)


def notice_pages(
    site: Site, articles: Iterable[Any], cards: CardChoice
) -> list[tuple[ShownTo, str, str]]:
    """(article, reader language, path) of each notice page Pelican does not write: a
    notice with no version in a language of the site, at its page for that language, with
    the card ``cards`` shows its reader."""
    if len(site.languages) < 2:
        return []
    by_path = {article.url: article for article in articles if hasattr(article, "notice")}
    calendars_for = SharedCalendars(site)
    found = []
    for lang in site.languages:
        for item in site.for_reader(lang):
            path = site.page_of(item, lang)
            article = by_path.get(item.path)
            if item.lang == lang or path == item.path or article is None:
                continue
            card = cards.shown(item, lang)
            shown = ShownTo(
                article,
                calendars=calendars_for(item, lang),
                card=card.path,
                card_alt=card.alt,
            )
            found.append((shown, lang, path))
    return found


def content_versions(site: Site, pages: Iterable[Any]) -> list[tuple[tuple[str, str], ...]]:
    """Each content page's (lang, path) in every language of the site: its own, its
    translations', else its path under that language's prefix (``content_pages``)."""
    if len(site.languages) < 2:
        return []
    groups = []
    for page in pages:
        written = {each.lang: each.url for each in (page, *page.translations)}
        rest = site.unprefixed(page.url, page.lang)
        groups.append(
            tuple(
                (lang, written.get(lang, f"{site.prefix(lang)}{rest}")) for lang in site.languages
            )
        )
    return groups


def content_pages(site: Site, pages: Iterable[Any]) -> list[tuple[Any, str, str]]:
    """(page, reader language, path) of each content page Pelican does not write: one with
    no translation in a language of the site, at its path under that language's prefix."""
    pages = tuple(pages)
    written = {each.url for page in pages for each in (page, *page.translations)}
    found = []
    for page, group in zip(pages, content_versions(site, pages), strict=False):
        found += [(page, lang, path) for lang, path in group if path not in written]
    return found
