"""Where a notice's work is done, as OCDS locations and addresses (location extension).

ITL regions are the gazetteer entries; each region's nation is the delivery address's
``region``, so a place in England reads England, never just the United Kingdom. Places
given otherwise are addresses too (a whole area, a postcode) or locations in words.
"""

from __future__ import annotations

from plugins.notices.model import Place, PlaceKind, Region

from .codes import ITL_GAZETTEER
from .compact import Json

COUNTRY = "United Kingdom"
# ITL1: TLC to TLK are the nine regions of England; Wales, Scotland and Northern Ireland are one each.
_NATIONS = {"TLL": "Wales", "TLM": "Scotland", "TLN": "Northern Ireland"}
ENGLAND_ITL1 = ("TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK")


def nation(region: Region) -> str:
    """The UK nation an ITL region lies in."""
    return _NATIONS.get(region.code[:3], "England")


def delivery_locations(regions: tuple[Region, ...], places: tuple[Place, ...] = ()) -> list[Json]:
    """The regions as one gazetteer location, then each place in words (or outside the UK)."""
    found = [
        {
            "description": _names(regions),
            "gazetteer": {"scheme": ITL_GAZETTEER, "identifiers": [r.code for r in regions]},
        }
    ]
    worded = (PlaceKind.TEXT, PlaceKind.OUTSIDE_UK)
    words = [{"description": p.value} for p in places if p.kind in worded]
    return (found if regions else []) + words


def delivery_addresses(regions: tuple[Region, ...], places: tuple[Place, ...] = ()) -> list[Json]:
    """One address per nation the regions lie in, in the order first named, then each whole
    area and postcode of the places."""
    nations = dict.fromkeys(nation(region) for region in regions)
    found = [{"region": name, "countryName": COUNTRY} for name in nations]
    for place in places:
        address = _address(place)
        if address and address not in found:
            found.append(address)
    return found


def _address(place: Place) -> Json | None:
    if place.kind is PlaceKind.POSTCODE:
        return {"postalCode": place.value, "countryName": COUNTRY}
    if place.kind is PlaceKind.AREA and place.value == "UK":
        return {"countryName": COUNTRY}
    if place.kind is PlaceKind.AREA:
        return {"region": place.value, "countryName": COUNTRY}
    return None


def _names(regions: tuple[Region, ...]) -> str:
    """The regions' names; the nine ITL1 regions of England together are England."""
    codes = {region.code for region in regions}
    whole_england = set(ENGLAND_ITL1) <= codes
    names = [
        region.name for region in regions if not (whole_england and region.code in ENGLAND_ITL1)
    ]
    return "; ".join(["England", *names] if whole_england else names)
