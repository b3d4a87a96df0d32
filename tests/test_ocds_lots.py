"""Each lot in OCDS with what it says of itself (value range, award criteria, suitability, its
own delivery places on its item), and an award notice's tender period that closed before it;
each package valid against core and the extensions it declares."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from plugins.notices.codelists import regions
from plugins.notices.model import Money, Place, PlaceKind, Region, Suitability
from plugins.ocds import extensions
from tests.test_ocds_real_fields import WITH_LOTS, _notice, _release

AWARD = "ACC-2026-0004"  # a UK6 under the Procurement Act
CARDIFF = Region("TLL22", regions()["TLL22"].name)


def _detailed(sample_site):
    """The sample's tender with two lots, the first saying where, how and for whom."""
    notice = _notice(sample_site, WITH_LOTS)
    first = replace(
        notice.lots[0],
        value=Money(Decimal(250000), minimum=Decimal(200000)),
        regions=(CARDIFF,),
        places=(Place(PlaceKind.POSTCODE, "CF10 4UW"),),
        award_criteria="Quality 60%, price 40%",
        suitability=Suitability(sme=True, vcse=True),
    )
    return replace(notice, lots=(first, *notice.lots[1:]))


def test_a_lot_gives_its_range_criteria_and_suitability(sample_site):
    data = _release(sample_site, _detailed(sample_site))
    first, second = data["tender"]["lots"]
    assert first["value"] == {"amount": 250000, "currency": "GBP"}
    assert first["minValue"] == {"amount": 200000, "currency": "GBP"}
    assert first["awardCriteria"] == {"criteria": [{"description": "Quality 60%, price 40%"}]}
    assert first["suitability"] == {"sme": True, "vcse": True}
    assert not {"minValue", "awardCriteria", "suitability"} & set(second)
    used = extensions.extensions_used(data)
    assert {extensions.AWARD_CRITERIA, extensions.SUITABILITY, extensions.UK} <= used


def test_a_lots_item_is_delivered_to_the_lots_own_places(sample_site):
    notice = _detailed(sample_site)
    items = {item["id"]: item for item in _release(sample_site, notice)["tender"]["items"]}
    first, second = items[f"lot-{notice.lots[0].id}"], items[f"lot-{notice.lots[1].id}"]
    assert first["relatedLot"] == notice.lots[0].id
    assert first["deliveryLocations"][0]["gazetteer"]["identifiers"] == ["TLL22"]
    assert first["deliveryAddresses"] == [
        {"region": "Wales", "countryName": "United Kingdom"},
        {"postalCode": "CF10 4UW", "countryName": "United Kingdom"},
    ]
    # A lot without places of its own is delivered where the notice says.
    codes = [region.code for region in notice.regions]
    assert second["deliveryLocations"][0]["gazetteer"]["identifiers"] == codes


def test_a_lot_without_a_title_is_described_by_its_description(sample_site):
    notice = _notice(sample_site, WITH_LOTS)
    first = replace(notice.lots[0], title=None, description="The northern depots")
    data = _release(sample_site, replace(notice, lots=(first, *notice.lots[1:])))
    assert "title" not in data["tender"]["lots"][0]
    item = next(i for i in data["tender"]["items"] if i.get("relatedLot") == first.id)
    assert item["description"] == "The northern depots"


def test_an_award_notice_recalls_when_tenders_closed(sample_site):
    closed = datetime(2026, 6, 30, 12, tzinfo=UTC)
    notice = replace(_notice(sample_site, AWARD), tenders_closed=closed)
    data = _release(sample_site, notice)
    assert data["tender"]["tenderPeriod"] == {"endDate": "2026-06-30T12:00:00+00:00"}
    assert "tenderPeriod" not in _release(sample_site, _notice(sample_site, AWARD))["tender"]
