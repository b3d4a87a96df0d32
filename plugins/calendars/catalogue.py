"""Which deadline calendars the site has, where they live, and which notices each carries.

The single source of calendar names and paths: the calendar writer, the theme's
subscribe links and the subscribe page read it. Facet calendars use the same slugs as
the facet feeds (``cpv/45``, ``region/TLL``, ``buyer/<slug>``), so a page can pair a
feed with its calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from plugins.notices.facets import BUYER, BY_KEY, CPV, REGION, Value, site_values, site_values_of
from plugins.notices.formatting import notice_type_label, text
from plugins.notices.site import Published, Site

MEDIA_TYPE = "text/calendar"
SITE_PATH = "calendar/deadlines.ics"
# The facets with calendars, and each one's title and description: {value} and its {name}.
FACETS = (CPV, REGION, BUYER)
_FACET_CALENDAR_TEXT = {
    "cpv": (
        "Deadlines: CPV {value}, {name}",
        "Deadlines of notices with a CPV code in division {value} ({name}).",
    ),
    "region": ("Deadlines: {name}", "Deadlines of notices for work delivered in {name} ({value})."),
    "buyer": ("Deadlines: {name}", "Deadlines of notices published by {name}."),
}


@dataclass(frozen=True)
class Calendar:
    """One .ics file of deadlines, carrying the notices ``matches`` accepts."""

    slug: str
    title: str
    description: str
    path: str
    lang: str
    matches: Callable[[Published], bool] = field(compare=False, repr=False)


def has_deadlines(item: Published) -> bool:
    return bool(item.notice.deadlines)


def site_calendars(site: Site) -> tuple[Calendar, ...]:
    """The site-wide calendar, then one per CPV division, ITL region and buyer the site
    offers (the same as its feeds: every division and area even before its first notice).

    Facet calendars cover notices in the site's default language; each notice with
    deadlines also has its own (``notice_calendar``), in every language, and each
    procurement one (``procurement_calendar``).
    """
    return (
        everything(site),
        *(facet_calendar(value, site) for facet in FACETS for value in site_values(facet, site)),
    )


def calendars_for(item: Published, site: Site) -> tuple[Calendar, ...]:
    """The calendars a notice's page links to: its own, then the site-wide and facet ones."""
    if not has_deadlines(item):
        return ()
    own = notice_calendar(item)
    if item.lang != site.default_lang:
        return (own,)
    return (
        own,
        everything(site),
        *(
            facet_calendar(value, site)
            for facet in FACETS
            for value in site_values_of(facet, item, site)
        ),
    )


def subscribe_url(calendar: Calendar, site: Site) -> str:
    """``webcal://`` address: a click opens the calendar app's subscribe dialogue."""
    return "webcal://" + site.absolute(calendar.path).split("://", 1)[1]


def carried(calendar: Calendar, site: Site) -> tuple[Published, ...]:
    """The notices with deadlines that a calendar carries, oldest first."""
    return tuple(item for item in site.notices if has_deadlines(item) and calendar.matches(item))


def everything(site: Site) -> Calendar:
    return Calendar(
        "deadlines",
        "All deadlines",
        "Every deadline of every notice: tenders, clarification questions, expressions of "
        "interest and market engagement.",
        SITE_PATH,
        site.default_lang,
        _in_language(site.default_lang),
    )


def facet_calendar(value: Value, site: Site) -> Calendar:
    """The deadlines of one facet value, at the same slug as its feed (``cpv/45``)."""
    title, description = _FACET_CALENDAR_TEXT[value.facet]
    lang = site.default_lang
    words = {"value": value.value, "name": value.name}
    matches = BY_KEY[value.facet].matches(value.value)
    return Calendar(
        value.slug,
        text(title, lang).format(**words),
        text(description, lang).format(**words),
        f"calendar/{value.slug}.ics",
        lang,
        lambda item: item.lang == lang and matches(item),
    )


def notice_calendar(item: Published) -> Calendar:
    notice = item.notice
    return Calendar(
        item.path.rstrip("/"),
        f"Deadlines: {notice.title}",
        f"Deadlines of {notice_type_label(notice.notice_type, notice.lang).lower()} "
        f"{notice.notice_id}, updated when "
        "the notice changes.",
        f"{item.path}deadlines.ics",
        item.lang,
        lambda other: other.notice.key == notice.key,
    )


def procurement_calendar(ocid: str, site: Site) -> Calendar:
    """The deadlines of every notice of one procurement in the site's language, at
    ``calendar/procurements/<ocid>.ics``."""
    lang = site.default_lang
    items = site.procurement(ocid, lang)
    name = items[-1].notice.title if items else ocid
    return Calendar(
        f"procurements/{ocid}",
        text("Deadlines: {name}", lang).format(name=name),
        text("Every deadline of procurement {ocid}, updated as its notices change.", lang).format(
            ocid=ocid
        ),
        f"calendar/procurements/{ocid}.ics",
        lang,
        lambda item: item.lang == lang and item.notice.ocid == ocid,
    )


def procurement_calendars(site: Site) -> dict[str, Calendar]:
    """One calendar per procurement with a notice in the site's language, by ocid."""
    ocids = dict.fromkeys(item.notice.ocid for item in site.in_language())
    return {ocid: procurement_calendar(ocid, site) for ocid in ocids}


def _in_language(lang: str) -> Callable[[Published], bool]:
    return lambda item: item.lang == lang
