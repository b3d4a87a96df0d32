"""The facets notices are filed under, and the values each one has: the one registry.

Feeds, calendars and listings all ask here which values of a facet exist (``values``) and
which notices a value carries (``Facet.matches``), so a listing, its feed and its calendar
can never disagree. A value's slug (``cpv/45``, ``region/TLL``, ``buyer/<slug>``) is its
address in every output. What each notice is filed under is worked out once per build
(``derive.facets``).

A site offers some values before any notice has them (``site_values``), so a supplier can
subscribe in advance: every CPV division, and every area of the site's regions at the ITL
levels it chooses (``Site.regions``, ``Site.region_levels``). A notice in TLL14 is filed
under TLL, TLL1 and TLL14.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .codelists import cpv_divisions, regions, regions_within
from .derive import Status, ValueBand, slugify
from .formatting import (
    cpv_division_label,
    notice_group_label,
    region_name,
    status_label,
    value_band_label,
)
from .model import NoticeGroup
from .site import Published, Site

Names = Callable[[tuple[Published, ...], str], dict[str, str]]
Offered = Callable[[Site, str], dict[str, str]]


@dataclass(frozen=True)
class Value:
    """One value of a facet, with its name in the reader's language."""

    facet: str
    value: str
    name: str

    @property
    def slug(self) -> str:
        return f"{self.facet}/{self.value}"


@dataclass(frozen=True)
class Facet:
    """A way of filing notices: its key (the first part of a slug) and how to read it."""

    key: str
    of: Callable[[Published], tuple[str, ...]]  # the values one notice is filed under
    names: Names  # the values among some notices, in display order, with their names
    # The values a site offers even with no notice in them, sorted by value, with names.
    offered: Offered = lambda site, lang: {}
    # Whether the site shows a value at all (region feeds only at the chosen ITL levels).
    shown: Callable[[Site, str], bool] = lambda site, value: True

    def matches(self, value: str) -> Callable[[Published], bool]:
        return lambda item: value in self.of(item)


def values(facet: Facet, items: Iterable[Published], lang: str) -> tuple[Value, ...]:
    """The values of ``facet`` to show for ``items``, in display order."""
    names = facet.names(tuple(items), lang)
    return tuple(Value(facet.key, value, name) for value, name in names.items())


def values_of(facet: Facet, item: Published, lang: str) -> tuple[Value, ...]:
    """The values of ``facet`` one notice is filed under, in the notice's own order."""
    names = facet.names((item,), lang)
    return tuple(Value(facet.key, value, names[value]) for value in facet.of(item))


def site_values(facet: Facet, site: Site) -> tuple[Value, ...]:
    """The values of ``facet`` the site has feeds, calendars and listings for, in display order:
    those of its notices as first written (``Site.originals``) and those it offers from day one."""
    lang = site.default_lang
    names = facet.names(site.originals(), lang)
    offered = facet.offered(site, lang)
    if offered:
        names = dict(sorted((names | offered).items()))
    return tuple(
        Value(facet.key, value, name) for value, name in names.items() if facet.shown(site, value)
    )


def site_values_of(facet: Facet, item: Published, site: Site) -> tuple[Value, ...]:
    """The values of ``facet`` one notice is filed under that the site shows."""
    return tuple(
        value for value in values_of(facet, item, item.lang) if facet.shown(site, value.value)
    )


def site_regions(site: Site) -> tuple[str, ...]:
    """The ITL1 regions the site serves: as set (FEEDS_REGIONS), else those of its notices."""
    if site.regions is not None:
        return site.regions
    return tuple(sorted({code for item in site.notices for code in item.facets.itl1_regions}))


def _present(of: Callable[[Published], tuple[str, ...]], name: Callable[[str, str], str]) -> Names:
    """Names of the values found among the notices, sorted by value."""

    def names(items: tuple[Published, ...], lang: str) -> dict[str, str]:
        found = sorted({value for item in items for value in of(item)})
        return {value: name(value, lang) for value in found}

    return names


def _type_of(item: Published) -> tuple[str, ...]:
    return (item.notice.notice_type.group.value,)


def _status_of(item: Published) -> tuple[str, ...]:
    return (item.facets.status.value,)


def _cpv_of(item: Published) -> tuple[str, ...]:
    return item.facets.cpv_divisions


def _region_of(item: Published) -> tuple[str, ...]:
    return item.facets.regions


def _every_division(site: Site, lang: str) -> dict[str, str]:
    return {division: cpv_division_label(division, lang) for division in cpv_divisions()}


def _every_area(site: Site, lang: str) -> dict[str, str]:
    return {
        code: region_name(code, lang)
        for itl1 in site_regions(site)
        for code in regions_within(itl1, site.region_levels)
    }


def _at_chosen_level(site: Site, code: str) -> bool:
    return code in regions() and regions()[code].level in site.region_levels


def _buyer_of(item: Published) -> tuple[str, ...]:
    """The buyer who publishes the notice, then its joint buyers: a supplier following one
    council sees the joint procurements it takes part in."""
    return tuple(buyer_names(item, item))


def _band_of(item: Published) -> tuple[str, ...]:
    return (item.facets.value_band.value,)


def _buyer_names(items: tuple[Published, ...], lang: str) -> dict[str, str]:
    names = {slug: name for item in items for slug, name in buyer_names(item, item).items()}
    return {slug: names[slug] for slug in sorted(names)}


def buyer_names(shown: Published, facts: Published) -> dict[str, str]:
    """The buyers ``facts`` is filed under (by slug, the buyer first), named as ``shown`` (the
    same notice in the reader's language) names them."""
    joint = facts.notice.joint_buyers
    slugs = (facts.facets.buyer_slug, *(slugify(buyer.name) for buyer in joint))
    named = (shown.notice.buyer.name, *(buyer.name for buyer in shown.notice.joint_buyers))
    found: dict[str, str] = {}
    for slug, name in zip(slugs, named, strict=False):
        found.setdefault(slug, name)
    return found


TYPE = Facet(
    "type",
    _type_of,
    lambda items, lang: {group.value: notice_group_label(group, lang) for group in NoticeGroup},
)
STATUS = Facet(
    "status",
    _status_of,
    lambda items, lang: {status.value: status_label(status, lang) for status in Status},
)
CPV = Facet("cpv", _cpv_of, _present(_cpv_of, cpv_division_label), _every_division)
REGION = Facet(
    "region", _region_of, _present(_region_of, region_name), _every_area, _at_chosen_level
)
BUYER = Facet("buyer", _buyer_of, _buyer_names)
VALUE = Facet(
    "value",
    _band_of,
    lambda items, lang: {band.value: value_band_label(band, lang) for band in ValueBand},
)
# In the order a supplier looks for work.
FACETS = (TYPE, STATUS, CPV, REGION, BUYER, VALUE)
BY_KEY = {facet.key: facet for facet in FACETS}
