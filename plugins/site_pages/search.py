"""Search filters: what each notice page tells Pagefind, and what the search page offers.

A notice page carries one ``data-pagefind-filter="<key>:<value>"`` per value it is filed
under (``filters_of``): the facet registry's keys and values (codes and slugs, never names,
so a value holds no comma), plus the language of its text. The search page offers the same
values by name (``search_facets``), each with the listing that shows the same notices, which
is where the page sends readers without JavaScript.

Pagefind keeps one index per ``<html lang>``, so each language's search page searches the
notice pages of its readers: one page per notice (``Site.for_reader``), so none is counted
twice, and a notice with no version in the reader's language is found by its own words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plugins.feeds.catalogue import read_as
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


def filters_of(item: Published, facts: Published | None = None) -> tuple[tuple[str, str], ...]:
    """(filter, value) pairs of one notice: each facet's values, then the language of its
    text. A translation is filed by the facts of ``facts``, its original (``read_as``)."""
    filed = facts or item
    found = [(facet.key, value) for facet in FACETS for value in facet.of(filed)]
    return (*found, (LANGUAGE, item.lang))


def facts_of(site: Site, item: Published) -> Published:
    """The version ``item`` is filed by, as ``read_as`` files it: its original in the
    default language, else itself."""
    original = (
        other
        for other in site.procurement(item.notice.ocid)
        if other.notice.notice_id == item.notice.notice_id
    )
    return next(original, item)


def search_facets(
    site: Site,
    listing: Callable[[str], Listing | None],
    language_heading: str,
    lang: str | None = None,
) -> tuple[SearchFacet, ...]:
    """The filters of the search page for a reader of ``lang`` (the site's default language
    unless given): every facet value among the notices that reader finds, in order.

    ``listing`` finds the listing of a slug (``cpv/45``); ``language_heading`` is the
    theme's word for the language filter, which is not a facet of the registry. The
    languages are those of the notices' text, the reader's first.
    """
    lang = lang or site.default_lang
    read = read_as(site, lang)
    by_facet = [
        SearchFacet(
            facet.key,
            facet_heading(facet.key, lang),
            _choices(values(facet, [facts for _, facts in read], lang), listing),
        )
        for facet in FACETS
    ]
    languages = sorted({shown.lang for shown, _ in read}, key=lambda code: (code != lang, code))
    # Only a language the site is not in has a listing of its notices alone (cy/all); the
    # reader's "all notices" holds every language's, so it is no language's listing.
    by_language = SearchFacet(
        LANGUAGE,
        language_heading,
        tuple(
            Choice(code, language_name(code), _path(listing(f"{code}/all"))) for code in languages
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
