"""Which deadline calendars the site has, where they live, and which notices each carries.

The single source of calendar names and paths: the calendar writer, the theme's
subscribe links and the subscribe page read it. Facet calendars use the same slugs as
the facet feeds (``cpv/45``, ``region/TLL``, ``buyer/<slug>``), so a page can pair a
feed with its calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from plugins.notices.formatting import cpv_division_label, notice_type_label, region_name
from plugins.notices.site import Published, Site

MEDIA_TYPE = "text/calendar"
SITE_PATH = "calendar/deadlines.ics"


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
    """The site-wide calendar, then one per CPV division, ITL1 region and buyer with deadlines.

    Facet calendars cover notices in the site's default language; each notice with
    deadlines also has its own (``notice_calendar``), in every language.
    """
    carried = [item for item in site.in_language() if has_deadlines(item)]
    divisions = sorted({d for item in carried for d in item.facets.cpv_divisions})
    itl1 = sorted({code for item in carried for code in item.facets.itl1_regions})
    buyers = {item.facets.buyer_slug: item.notice.buyer.name for item in carried}
    return (
        everything(site),
        *(cpv_calendar(division, site) for division in divisions),
        *(region_calendar(code, site) for code in itl1),
        *(buyer_calendar(slug, buyers[slug], site) for slug in sorted(buyers)),
    )


def calendars_for(item: Published, site: Site) -> tuple[Calendar, ...]:
    """The calendars a notice's page links to: its own, then the site-wide and facet ones."""
    if not has_deadlines(item):
        return ()
    own = notice_calendar(item)
    if item.lang != site.default_lang:
        return (own,)
    names = {item.facets.buyer_slug: item.notice.buyer.name}
    return (
        own,
        everything(site),
        *(cpv_calendar(division, site) for division in item.facets.cpv_divisions),
        *(region_calendar(code, site) for code in item.facets.itl1_regions),
        *(buyer_calendar(slug, name, site) for slug, name in names.items()),
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


def cpv_calendar(division: str, site: Site) -> Calendar:
    label = cpv_division_label(division, site.default_lang)
    return _facet(
        site,
        f"cpv/{division}",
        f"Deadlines: CPV {division}, {label}",
        f"Deadlines of notices with a CPV code in division {division} ({label}).",
        lambda item: division in item.facets.cpv_divisions,
    )


def region_calendar(code: str, site: Site) -> Calendar:
    name = region_name(code, site.default_lang)
    return _facet(
        site,
        f"region/{code}",
        f"Deadlines: {name}",
        f"Deadlines of notices for work delivered in {name} ({code}).",
        lambda item: code in item.facets.itl1_regions,
    )


def buyer_calendar(slug: str, name: str, site: Site) -> Calendar:
    return _facet(
        site,
        f"buyer/{slug}",
        f"Deadlines: {name}",
        f"Deadlines of notices published by {name}.",
        lambda item: item.facets.buyer_slug == slug,
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


def _facet(
    site: Site, slug: str, title: str, description: str, test: Callable[[Published], bool]
) -> Calendar:
    lang = site.default_lang
    return Calendar(
        slug,
        title,
        description,
        f"calendar/{slug}.ics",
        lang,
        lambda item: item.lang == lang and test(item),
    )


def _in_language(lang: str) -> Callable[[Published], bool]:
    return lambda item: item.lang == lang
