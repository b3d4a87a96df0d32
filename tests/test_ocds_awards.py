"""Issue 15's award defects: one id per award, made awards active, award releases whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from plugins.notices.model import Award, LegalBasis, Money, Notice, NoticeType, Procedure
from plugins.notices.site import Site, assemble
from plugins.ocds.award_ids import award_ids
from plugins.ocds.package import procurement_releases
from tests.configs import ocds_config

PREFIXES = {"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}
CATERING = "ocds-h6vhtk-1b2e40"  # UK3, UK4, UK6 (lots 1 to 3), UK7, UK10


def _notice(site: Site, notice_id: str) -> Notice:
    return next(i.notice for i in site.in_language() if i.notice.notice_id == notice_id)


def _site_with(site: Site, *extra: Notice) -> Site:
    pages = [(i.notice, i.path) for i in site.notices] + [
        (notice, f"notices/{notice.slug}/") for notice in extra
    ]
    return assemble(pages, url=site.url, name=site.name, clock=site.clock)


def _releases(site: Site, ocid: str) -> dict[str, dict[str, Any]]:
    found = procurement_releases(site, ocds_config(PREFIXES, site))[ocid]
    return {release.id: release.data for release in found}


def _second_award(sample_site: Site) -> Notice:
    """A second UK6 in the catering procurement: lot 3 alone, to another supplier, for less."""
    first = _notice(sample_site, "ACC-2026-0004")
    supplier = replace(first.suppliers[0], name="Bwyd Da Cyf", id="GB-COH-09999999")
    assert first.award is not None
    return replace(
        first,
        notice_id="ACC-2026-0005",
        slug="school-catering-lot-3-award",
        source_path="notices/2026/school-catering-lot-3-award.md",
        published=first.published + timedelta(hours=2),
        updated=first.updated + timedelta(hours=2),
        suppliers=(supplier,),
        awards=(Award(date=first.award.date, value=Money(Decimal("188000")), lots=("3",)),),
    )


def test_two_award_notices_of_one_procurement_are_two_awards(sample_site):
    site = _site_with(sample_site, _second_award(sample_site))
    releases = _releases(site, CATERING)
    first = releases["ACC-2026-0004"]["awards"][0]
    second = releases["ACC-2026-0005"]["awards"][0]
    assert first["id"] != second["id"]
    assert (second["id"], second["value"]["amount"]) == ("ACC-2026-0005", 188000)
    # The UK7 names the same lots and supplier as the first: it is that award, made.
    details = releases["ACC-2026-0009"]
    assert details["awards"][0]["id"] == first["id"]
    assert details["contracts"][0]["awardID"] == first["id"]
    assert releases["ACC-2026-0022"]["contracts"][0]["awardID"] == first["id"]  # UK10


def test_a_contract_notice_for_other_lots_is_an_award_of_its_own(sample_site):
    details = _notice(sample_site, "ACC-2026-0009")
    assert details.award is not None
    other = replace(details, awards=(replace(details.award, lots=("3",)),))
    ids = award_ids([_notice(sample_site, "ACC-2026-0004"), other])
    assert ids == {"ACC-2026-0004": "ACC-2026-0004", "ACC-2026-0009": "ACC-2026-0009"}


def test_a_made_award_is_active_and_an_intended_one_pending(sample_site):
    intention = _notice(sample_site, "ACC-2026-0004")  # UK6 under the Procurement Act
    older = replace(intention, legal_basis=LegalBasis.PCR2015)  # a contract award notice
    site = _site_with(
        replace(
            sample_site, notices=tuple(i for i in sample_site.notices if i.notice.ocid != CATERING)
        ),
        older,
    )
    assert _releases(sample_site, CATERING)["ACC-2026-0004"]["awards"][0]["status"] == "pending"
    assert _releases(site, CATERING)["ACC-2026-0004"]["awards"][0]["status"] == "active"
    assert _releases(sample_site, CATERING)["ACC-2026-0009"]["awards"][0]["status"] == "active"


def test_award_releases_keep_the_tender_title_deadline_and_contract_period(sample_site):
    tender = _notice(sample_site, "ACC-2026-0033")
    award = _notice(sample_site, "ACC-2026-0004")
    assert tender.contract_period is not None
    award = replace(award, deadlines=tender.deadlines, contract_period=tender.contract_period)
    site = _site_with(
        replace(
            sample_site, notices=tuple(i for i in sample_site.notices if i.notice.ocid != CATERING)
        ),
        award,
    )
    data = _releases(site, CATERING)["ACC-2026-0004"]
    assert data["tag"] == ["award"]
    assert data["tender"]["title"] == award.title
    assert data["tender"]["tenderPeriod"]["endDate"] == tender.deadlines[0].at.isoformat()
    assert data["tender"]["contractPeriod"]["startDate"].startswith(
        tender.contract_period.start.isoformat()
    )
    assert data["awards"][0]["contractPeriod"] == data["tender"]["contractPeriod"]
    uk7 = _releases(sample_site, CATERING)["ACC-2026-0009"]
    assert uk7["tender"]["title"] == _notice(sample_site, "ACC-2026-0009").title


def test_the_procurement_method_is_set_whenever_the_procedure_is_known(sample_site):
    transparency = _notice(sample_site, "ACC-2025-0024")  # UK5
    call_off = replace(
        _notice(sample_site, "ACC-2026-0035"), procedure=Procedure.FRAMEWORK_CALL_OFF
    )
    site = _site_with(
        replace(
            sample_site,
            notices=tuple(
                i
                for i in sample_site.notices
                if i.notice.notice_id not in ("ACC-2025-0024", "ACC-2026-0035")
            ),
        ),
        replace(transparency, procedure=None),
        call_off,
    )
    uk5 = _releases(site, transparency.ocid)["ACC-2025-0024"]["tender"]
    assert (uk5["procurementMethod"], uk5["procurementMethodDetails"]) == (
        "direct",
        "Direct award",
    )
    called = _releases(site, call_off.ocid)["ACC-2026-0035"]["tender"]
    assert called["procurementMethod"] == "selective"
    assert called["procurementMethodDetails"] == "Call-off under a framework"
    assert transparency.notice_type is NoticeType.UK5


def test_a_contract_notice_for_one_of_several_awards_keeps_its_id(sample_site):
    announced = _notice(sample_site, "ACC-2026-0004")
    (castell,) = announced.suppliers
    bwyd = replace(castell, name="Bwyd Da Cyf", id="GB-COH-09999999")
    first = Award(date=announced.awards[0].date, lots=("1", "2"), suppliers=(castell.name,))
    second = Award(date=announced.awards[0].date, lots=("3",), suppliers=(bwyd.name,))
    several = replace(announced, suppliers=(castell, bwyd), awards=(first, second))
    details = _notice(sample_site, "ACC-2026-0009")
    for_lot_3 = replace(details, suppliers=(bwyd,), awards=(replace(second, suppliers=()),))
    ids = award_ids([several, for_lot_3])
    assert ids == {"ACC-2026-0004": "ACC-2026-0004", "ACC-2026-0009": "ACC-2026-0004-2"}
