"""What real notices carry, in OCDS: the buyer's reference, a buyer without an identifier,
contract periods as lengths (per notice and per lot), places that are not ITL regions, and
the Scottish regulations as legal basis; each package valid against core and its extensions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from plugins.notices.model import (
    ContractDuration,
    Duration,
    LegalBasis,
    Notice,
    Place,
    PlaceKind,
    Procedure,
)
from plugins.notices.site import Site
from plugins.ocds import extensions
from plugins.ocds.package import procurement_releases, release_package
from tests.checks.ocds import schema_problems
from tests.configs import ocds_config

PREFIXES = {"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}
TENDER = "ACC-2026-0035"  # a UK4 without lots
WITH_LOTS = "ACC-2026-0018"  # a UK4 with two lots


def _notice(site: Site, notice_id: str) -> Notice:
    return next(i.notice for i in site.in_language() if i.notice.notice_id == notice_id)


def _release(site: Site, notice: Notice) -> dict[str, Any]:
    """The release of ``notice`` (replacing the notice with its id), checked against the OCDS
    schema and the extensions its package declares."""
    items = tuple(
        replace(i, notice=notice) if i.notice.key == notice.key else i for i in site.notices
    )
    changed = replace(site, notices=items)
    config = ocds_config(PREFIXES, changed)
    releases = procurement_releases(changed, config)[notice.ocid]
    package = release_package(releases, "ocds/test.json", changed, config)
    assert schema_problems(package) == []
    return next(r.data for r in releases if r.id == notice.notice_id)


def test_the_buyers_reference_is_the_tender_id(sample_site):
    notice = replace(_notice(sample_site, TENDER), reference="tender_455868/1436274")
    assert _release(sample_site, notice)["tender"]["id"] == "tender_455868/1436274"
    without = _release(sample_site, _notice(sample_site, TENDER))
    assert without["tender"]["id"] == without["ocid"]


def test_a_buyer_without_an_identifier_is_a_party_named_within_the_release(sample_site):
    notice = _notice(sample_site, TENDER)
    unnamed = replace(notice, buyer=replace(notice.buyer, id=None), legal_basis=LegalBasis.PCR2015)
    data = _release(sample_site, unnamed)
    buyer = next(p for p in data["parties"] if "buyer" in p["roles"])
    assert buyer["id"] == "buyer-afonwy-county-council"
    assert "identifier" not in buyer  # none is known: none is made up
    assert data["buyer"] == {"id": buyer["id"], "name": notice.buyer.name}


def test_a_ppon_is_split_into_scheme_and_id(sample_site):
    data = _release(sample_site, _notice(sample_site, TENDER))
    buyer = next(p for p in data["parties"] if "buyer" in p["roles"])
    assert buyer["identifier"]["scheme"] == "GB-PPON"


@pytest.mark.parametrize(
    ("duration", "start", "period"),
    [
        (Duration(1800, "D"), None, {"durationInDays": 1800}),
        (Duration(52, "W"), None, {"durationInDays": 364}),
        (Duration(36, "M"), None, {}),  # months have no fixed length without a start
        (Duration(1, "Y"), date(2028, 1, 1), {"durationInDays": 366}),  # a leap year
        (Duration(36, "M"), date(2027, 4, 1), {"durationInDays": 1096}),
    ],
)
def test_a_period_given_as_a_length_is_counted_in_days(
    sample_site, duration: Duration, start: date | None, period: dict[str, Any]
):
    notice = replace(
        _notice(sample_site, TENDER),
        contract_period=None,
        contract_duration=ContractDuration(duration, start),
    )
    found = _release(sample_site, notice)["tender"].get("contractPeriod", {})
    assert {k: v for k, v in found.items() if k != "startDate"} == period
    assert ("startDate" in found) is (start is not None)


def test_each_lot_has_its_own_period(sample_site):
    notice = _notice(sample_site, WITH_LOTS)
    first = replace(notice.lots[0], contract_duration=ContractDuration(Duration(1080, "D")))
    data = _release(sample_site, replace(notice, lots=(first, *notice.lots[1:])))
    assert data["tender"]["lots"][0]["contractPeriod"] == {"durationInDays": 1080}
    assert "contractPeriod" not in data["tender"]["lots"][1]


def test_places_are_delivery_addresses_and_locations(sample_site):
    places = (
        Place(PlaceKind.AREA, "UK"),
        Place(PlaceKind.AREA, "England"),
        Place(PlaceKind.POSTCODE, "SA1 3SN"),
        Place(PlaceKind.TEXT, "Various sites in Swansea"),
        Place(PlaceKind.OUTSIDE_UK, "Channel Islands"),
    )
    notice = replace(_notice(sample_site, TENDER), regions=(), places=places)
    data = _release(sample_site, notice)
    item = data["tender"]["items"][0]
    assert item["deliveryAddresses"] == [
        {"countryName": "United Kingdom"},
        {"region": "England", "countryName": "United Kingdom"},
        {"postalCode": "SA1 3SN", "countryName": "United Kingdom"},
    ]
    assert item["deliveryLocations"] == [
        {"description": "Various sites in Swansea"},
        {"description": "Channel Islands"},
    ]
    assert extensions.LOCATION in extensions.extensions_used(data)


def test_the_scottish_regulations_are_published_as_legal_basis(sample_site):
    notice = replace(_notice(sample_site, TENDER), legal_basis=LegalBasis.PCSR2015)
    basis = _release(sample_site, notice)["tender"]["legalBasis"]
    assert basis["scheme"] == "SSI"
    assert basis["id"] == "2015/446"
    assert basis["description"] == "Public Contracts (Scotland) Regulations 2015"


def test_the_2015_regulations_procedures_are_selective(sample_site):
    notice = replace(
        _notice(sample_site, TENDER),
        legal_basis=LegalBasis.PCR2015,
        procedure=Procedure.COMPETITIVE_DIALOGUE,
    )
    tender = _release(sample_site, notice)["tender"]
    assert tender["procurementMethod"] == "selective"
    assert tender["procurementMethodDetails"] == "Competitive dialogue"


def test_extensions_in_words_are_the_renewal(sample_site):
    notice = _notice(sample_site, WITH_LOTS)
    length = ContractDuration(Duration(3, "Y"), extensions="Two further periods of 12 months")
    first = replace(notice.lots[0], contract_duration=length)
    dated = replace(notice.contract_period, extensions="One further year")
    changed = replace(notice, contract_period=dated, lots=(first, *notice.lots[1:]))
    data = _release(sample_site, changed)
    assert data["tender"]["hasRenewal"] is True
    assert data["tender"]["renewal"] == {"description": "One further year"}
    assert data["tender"]["lots"][0]["renewal"] == {
        "description": "Two further periods of 12 months"
    }
    assert "renewal" not in data["tender"]["lots"][1]
    assert extensions.RENEWAL in extensions.extensions_used(data)
    plain = _release(sample_site, notice)
    assert extensions.RENEWAL not in extensions.extensions_used(plain)
