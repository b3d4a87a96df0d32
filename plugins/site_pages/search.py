"""Search filters: what each notice page tells Pagefind, and what the search page offers.

A notice page carries one ``data-pagefind-filter="<key>:<value>"`` per value it is filed
under (``filters_of``): the facet registry's keys and values (codes and slugs, never names,
so a value holds no comma), plus its language. The search page offers the same values by
name (``search_facets``), each with the listing that shows the same notices, which is where
the page sends readers without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plugins.notices.facets import FACETS, Value, values
from plugins.notices.formatting import facet_heading, language_name
from plugins.notices.site import Published, Site

from .listings import Listing

LANGUAGE = "language"
# Listings whose slug is not their facet value's: open notices are the home page.
_ALIASES = {"status/open": "open"}


@dataclass(frozen=True)
class Choice:
    """One value to filter by: its filter value, its name and its listing's path, if any."""

    value: str
    name: str
    listing: str | None


@dataclass(frozen=True)
class SearchFacet:
    """One filter of the search page: its key (the Pagefind filter), heading and choices."""

    key: str
    heading: str
    choices: tuple[Choice, ...]


def filters_of(item: Published) -> tuple[tuple[str, str], ...]:
    """(filter, value) pairs of one notice: each facet's values, then its language."""
    found = [(facet.key, value) for facet in FACETS for value in facet.of(item)]
    return (*found, (LANGUAGE, item.lang))


def search_facets(
    site: Site, listing: Callable[[str], Listing | None], language_heading: str
) -> tuple[SearchFacet, ...]:
    """The filters of the search page: every facet value among the notices, in order.

    ``listing`` finds the listing of a slug (``cpv/45``); ``language_heading`` is the
    theme's word for the language filter, which is not a facet of the registry.
    """
    lang = site.default_lang
    notices = site.in_language(lang)
    by_facet = [
        SearchFacet(
            facet.key,
            facet_heading(facet.key, lang),
            _choices(values(facet, notices, lang), listing),
        )
        for facet in FACETS
    ]
    languages = sorted({item.lang for item in site.notices}, key=lambda code: code != lang)
    by_language = SearchFacet(
        LANGUAGE,
        language_heading,
        tuple(
            Choice(
                code, language_name(code), _path(listing("all" if code == lang else f"{code}/all"))
            )
            for code in languages
        ),
    )
    return (*by_facet, by_language) if len(languages) > 1 else tuple(by_facet)


def _choices(
    found: Iterable[Value], listing: Callable[[str], Listing | None]
) -> tuple[Choice, ...]:
    return tuple(
        Choice(v.value, v.name, _path(listing(_ALIASES.get(v.slug, v.slug)))) for v in found
    )


def _path(found: Listing | None) -> str | None:
    return found.path if found is not None else None
