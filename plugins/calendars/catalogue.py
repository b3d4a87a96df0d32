"""Which deadline calendars the site has, where they live, and which notices each carries.

The single source of calendar names and paths: the calendar writer, the theme's
subscribe links and the subscribe page read it. Facet calendars use the same slugs as
the facet feeds (``cpv/45``, ``region/TLL``, ``buyer/<slug>``), so a page can pair a
feed with its calendar.

Like the feeds, every language of the site has the same calendars in its own words, the
default language's under ``calendar/``, another's under its prefix (``cy/calendar/...``),
each carrying the version of a notice a reader of that language sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from plugins.feeds.catalogue import procurement_items, read_as, values_in
from plugins.notices.facets import (
    BUYER,
    BY_KEY,
    CPV,
    REGION,
    Facet,
    Value,
    buyer_names,
    site_values_of,
)
from plugins.notices.formatting import N_, notice_label, text
from plugins.notices.site import Published, Site

MEDIA_TYPE = "text/calendar"
SITE_PATH = "calendar/deadlines.ics"
# The facets with calendars, and each one's title and description: {value} and its {name}.
FACETS = (CPV, REGION, BUYER)
_FACET_CALENDAR_TEXT = {
    "cpv": (
        N_("Deadlines: CPV {value}, {name}"),
        N_("Deadlines of notices with a CPV code in division {value} ({name})."),
    ),
    "region": (
        N_("Deadlines: {name}"),
        N_("Deadlines of notices for work delivered in {name} ({value})."),
    ),
    "buyer": (
        N_("Deadlines: {name}"),
        N_("Deadlines of notices of {name}, alone or jointly with other buyers."),
    ),
}


@dataclass(frozen=True)
class Calendar:
    """One .ics file of deadlines in ``lang``, carrying the notices ``matches`` accepts
    (a notice is matched by the facts of its original in the site's default language)."""

    slug: str
    title: str
    description: str
    path: str
    lang: str
    matches: Callable[[Published], bool] = field(compare=False, repr=False)


def has_deadlines(item: Published) -> bool:
    return bool(item.notice.deadlines)


def site_calendars(site: Site, lang: str | None = None) -> tuple[Calendar, ...]:
    """The site-wide calendar in ``lang`` (the default language unless given), then one per
    CPV division, ITL region and buyer the site offers (the same as its feeds: every
    division and area even before its first notice).

    Each notice with deadlines also has its own (``notice_calendar``, and
    ``reader_calendar`` for the page showing it in another language), and each procurement
    one (``procurement_calendar``).
    """
    lang = lang or site.default_lang
    return (
        everything(site, lang),
        *(
            facet_calendar(value, site, lang)
            for facet in FACETS
            for value in values_in(facet, site, lang)
        ),
    )


def calendars_for(item: Published, site: Site, lang: str | None = None) -> tuple[Calendar, ...]:
    """The calendars a page showing the notice to a reader of ``lang`` (the notice's own
    language unless given) links to: its own, then the site-wide and facet ones in ``lang``."""
    if not has_deadlines(item):
        return ()
    lang = lang or item.lang
    own = reader_calendar(item, site, lang)
    if lang not in site.languages:
        return (own,)
    facts = _original(item, site)
    return (
        own,
        everything(site, lang),
        *(
            facet_calendar(value, site, lang)
            for facet in FACETS
            for value in _values_of(facet, item, facts, site, lang)
        ),
    )


class SharedCalendars:
    """``calendars_for`` for many pages of one site, each distinct calendar held once:
    thousands of pages link the same few hundred calendars."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._held: dict[Calendar, Calendar] = {}

    def __call__(self, item: Published, lang: str | None = None) -> tuple[Calendar, ...]:
        found = calendars_for(item, self.site, lang)
        return tuple(self._held.setdefault(calendar, calendar) for calendar in found)


def subscribe_url(calendar: Calendar, site: Site) -> str:
    """``webcal://`` address: a click opens the calendar app's subscribe dialogue."""
    return "webcal://" + site.absolute(calendar.path).split("://", 1)[1]


def carried(calendar: Calendar, site: Site) -> tuple[Published, ...]:
    """The notices with deadlines that a calendar carries, as a reader of its language sees
    them, oldest first."""
    return tuple(
        shown
        for shown, facts in read_as(site, calendar.lang)
        if has_deadlines(shown) and calendar.matches(facts)
    )


def everything(site: Site, lang: str | None = None) -> Calendar:
    lang = lang or site.default_lang
    return Calendar(
        "deadlines",
        text("All deadlines", lang),
        text(
            "Every deadline of every notice: tenders, clarification questions, expressions of "
            "interest and market engagement.",
            lang,
        ),
        site.prefix(lang) + SITE_PATH,
        lang,
        _anything,
    )


def facet_calendar(value: Value, site: Site, lang: str | None = None) -> Calendar:
    """The deadlines of one facet value, at the same slug as its feed (``cpv/45``); the
    value's name is taken as given, in ``lang``."""
    lang = lang or site.default_lang
    title, description = _FACET_CALENDAR_TEXT[value.facet]
    words = {"value": value.value, "name": value.name}
    return Calendar(
        value.slug,
        text(title, lang).format(**words),
        text(description, lang).format(**words),
        f"{site.prefix(lang)}calendar/{value.slug}.ics",
        lang,
        BY_KEY[value.facet].matches(value.value),
    )


def notice_calendar(item: Published) -> Calendar:
    """The deadlines of one notice, in its language, beside its page."""
    return _notice_calendar(item, item.path, item.lang)


def reader_calendar(item: Published, site: Site, lang: str) -> Calendar:
    """The deadlines of one notice for a reader of ``lang``, beside the page showing it to
    them (``Site.page_of``): the notice's own calendar when it is in ``lang``."""
    if item.lang == lang:
        return notice_calendar(item)
    return _notice_calendar(item, site.page_of(item, lang), lang)


def procurement_calendar(ocid: str, site: Site, lang: str | None = None) -> Calendar:
    """The deadlines of every notice of one procurement as a reader of ``lang`` sees it, at
    ``calendar/procurements/<ocid>.ics`` (``cy/calendar/...``)."""
    lang = lang or site.default_lang
    return _procurement_calendar(ocid, procurement_items(site, lang).get(ocid, ()), site, lang)


def procurement_calendars(site: Site, lang: str | None = None) -> dict[str, Calendar]:
    """One calendar per procurement a reader of ``lang`` sees, by ocid."""
    lang = lang or site.default_lang
    return {
        ocid: _procurement_calendar(ocid, items, site, lang)
        for ocid, items in procurement_items(site, lang).items()
    }


def _procurement_calendar(
    ocid: str, items: tuple[Published, ...], site: Site, lang: str
) -> Calendar:
    name = items[-1].notice.title if items else ocid
    return Calendar(
        f"procurements/{ocid}",
        text("Deadlines: {name}", lang).format(name=name),
        text("Every deadline of procurement {ocid}, updated as its notices change.", lang).format(
            ocid=ocid
        ),
        f"{site.prefix(lang)}calendar/procurements/{ocid}.ics",
        lang,
        lambda item: item.notice.ocid == ocid,
    )


def _notice_calendar(item: Published, page: str, lang: str) -> Calendar:
    notice = item.notice
    notice_id = notice.notice_id
    return Calendar(
        page.rstrip("/"),
        text("Deadlines: {name}", lang).format(name=notice.title),
        text("Deadlines of notice {id} ({type}), updated when the notice changes.", lang).format(
            type=notice_label(notice, lang), id=notice_id
        ),
        f"{page}deadlines.ics",
        lang,
        lambda other: other.notice.notice_id == notice_id,
    )


def _original(item: Published, site: Site) -> Published:
    """The version of a notice in the site's default language, whose facts it is filed by."""
    return next(
        (
            other
            for other in site.procurement(item.notice.ocid)
            if other.notice.notice_id == item.notice.notice_id
        ),
        item,
    )


def _values_of(
    facet: Facet, shown: Published, facts: Published, site: Site, lang: str
) -> tuple[Value, ...]:
    """The values the original is filed under, named in ``lang`` (a buyer as the shown
    version names it)."""
    names = facet.names((facts,), lang)
    if facet is BUYER:
        names = buyer_names(shown, facts)
    return tuple(
        Value(value.facet, value.value, names.get(value.value, value.name))
        for value in site_values_of(facet, facts, site)
    )


def _anything(item: Published) -> bool:
    return True
