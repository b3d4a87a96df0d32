"""How notices become OCDS releases: tags, change releases, sections, parties, languages."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.notices.model import NoticeType
from plugins.ocds import codes
from plugins.ocds.package import procurement_releases
from plugins.ocds.release import Release
from tests.checks.ocds import codes as listed_codes
from tests.configs import ocds_config

# Written out here, not imported: the tag each notice type's own release must carry.
EXPECTED_TAG = {
    "UK1": "planning",
    "UK2": "planning",
    "UK3": "planning",
    "UK4": "tender",
    "UK5": "award",
    "UK6": "award",
    "UK7": "contract",
    "UK10": "contractAmendment",
    "UK11": "contractTermination",
    "UK12": "tenderCancellation",
}
# (informal, formal) change tags of the types the sample has changes to.
CHANGE_TAG = {
    NoticeType.UK2: ("planningUpdate", "planningUpdate"),
    NoticeType.UK4: ("tenderUpdate", "tenderAmendment"),
}


@pytest.fixture(scope="module")
def releases(sample_site) -> dict[str, Release]:
    """Every release of the sample site, by release id."""
    config = ocds_config({"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}, sample_site)
    found = procurement_releases(sample_site, config)
    return {release.id: release for group in found.values() for release in group}


def _data(releases: dict[str, Release], release_id: str) -> dict[str, Any]:
    return releases[release_id].data


def test_each_notice_is_a_release_tagged_by_its_type(sample_site, releases):
    seen = set()
    for item in sample_site.in_language():
        notice = item.notice
        data = _data(releases, notice.notice_id)
        assert data["tag"] == [EXPECTED_TAG[notice.notice_type]], notice.notice_id
        assert data["ocid"] == notice.ocid
        assert data["date"] == notice.published.isoformat()
        assert data["initiationType"] == "tender"
        assert data["language"] == "en"
        seen.add(str(notice.notice_type))
    assert seen == set(EXPECTED_TAG)  # the sample has every type


def test_each_change_is_a_release_tagged_update_or_amendment(sample_site, releases):
    changed = [item.notice for item in sample_site.in_language() if item.notice.changes]
    assert changed
    for notice in changed:
        for change in notice.changes:
            data = _data(releases, f"{notice.notice_id}-change-{change.number}")
            assert data["date"] == change.date.isoformat()
            assert data["tag"] == [CHANGE_TAG[notice.notice_type][change.formal]]
            amendment = data["tender"]["amendments"][-1]
            assert amendment["rationale"] == change.summary
            assert len(data["tender"]["amendments"]) == change.number
    ids = [r.id for r in releases.values()]
    expected = len(list(sample_site.in_language())) + sum(len(n.changes) for n in changed)
    assert len(ids) == expected


def test_an_informal_and_a_formal_change_to_a_tender(releases):
    assert _data(releases, "ACC-2026-0031-change-1")["tag"] == ["tenderUpdate"]
    assert _data(releases, "ACC-2026-0031-change-2")["tag"] == ["tenderAmendment"]
    first, second = _data(releases, "ACC-2026-0031-change-2")["tender"]["amendments"]
    assert second["amendsReleaseID"] == "ACC-2026-0031-change-1"
    assert second["releaseID"] == "ACC-2026-0031-change-2"
    # Each says what it changed, old → new, and gives the former value where OCDS has a place.
    assert first["description"] == (
        "Clarification questions by: Friday 20 November 2026, 5:00pm (GMT)"
        " → Friday 27 November 2026, 5:00pm (GMT)"
    )
    assert first["changes"] == [
        {"property": "enquiryPeriod.endDate", "former_value": "2026-11-20T17:00:00+00:00"}
    ]
    assert second["description"] == "Estimated value (lot 3): £4,000,000 → £5,000,000"
    assert "changes" not in second  # a lot's value has no tender property of its own


@pytest.mark.parametrize(
    ("notice_type", "formal", "tag"),
    [
        (NoticeType.UK1, True, "planningUpdate"),
        (NoticeType.UK2, False, "planningUpdate"),
        (NoticeType.UK4, False, "tenderUpdate"),
        (NoticeType.UK4, True, "tenderAmendment"),
        (NoticeType.UK6, True, "awardUpdate"),
        (NoticeType.UK7, False, "contractUpdate"),
        (NoticeType.UK10, True, "contractAmendment"),
        (NoticeType.UK12, False, "tenderUpdate"),
    ],
)
def test_change_tags_follow_the_section_and_formality(notice_type, formal, tag):
    assert codes.change_tag(notice_type, formal) == tag


def test_a_tender_notice_carries_its_tender(releases):
    tender = _data(releases, "ACC-2026-0031")["tender"]
    assert tender["status"] == "active"
    assert tender["value"] == {"amount": 18000000, "currency": "GBP"}
    assert tender["procurementMethod"] == "open"
    assert tender["mainProcurementCategory"] == "works"
    assert tender["tenderPeriod"] == {
        "startDate": "2026-10-26T09:00:00+00:00",
        "endDate": "2026-12-04T12:00:00+00:00",
    }
    assert tender["enquiryPeriod"] == {"endDate": "2026-11-27T17:00:00+00:00"}
    assert tender["contractPeriod"]["maxExtentDate"] == "2032-03-31T23:59:59+01:00"
    assert [lot["id"] for lot in tender["lots"]] == ["1", "2", "3"]
    whole, first = tender["items"][:2]
    assert "relatedLot" not in whole
    assert whole["classification"] == {
        "scheme": "CPV",
        "id": "45233142",
        "description": "Road-repair works",
    }
    assert first["id"] == "lot-1"
    assert first["relatedLot"] == "1"
    assert first["deliveryLocations"][0]["gazetteer"] == {
        "scheme": "ITL",
        "identifiers": ["TLL14"],
    }
    assert first["deliveryAddresses"] == [{"region": "Wales", "countryName": "United Kingdom"}]
    assert tender["submissionMethod"] == ["electronicSubmission"]
    assert tender["documents"][0]["url"] == (
        "https://contracts.afonwy.gov.uk/notices/highway-resurfacing-framework/"
    )


def test_parties_carry_organisation_identifiers_and_roles(releases):
    data = _data(releases, "ACC-2026-0009")  # UK7: buyer and supplier
    parties = {party["id"]: party for party in data["parties"]}
    buyer = parties["GB-PPON-PQRT-4821-WXYZ"]
    assert buyer["roles"] == ["buyer"]
    assert buyer["identifier"]["scheme"] == "GB-PPON"
    assert buyer["identifier"]["id"] == "PQRT-4821-WXYZ"
    supplier = parties["GB-COH-04417263"]
    assert supplier["roles"] == ["supplier"]
    assert supplier["identifier"] == {
        "scheme": "GB-COH",
        "id": "04417263",
        "legalName": "Castell Catering Services Ltd",
    }
    assert data["buyer"] == {"id": "GB-PPON-PQRT-4821-WXYZ", "name": "Afonwy County Council"}


def test_award_and_contract_notices_share_one_award(releases):
    award = _data(releases, "ACC-2026-0004")["awards"][0]  # UK6
    assert award["status"] == "pending"
    details = _data(releases, "ACC-2026-0009")  # UK7
    assert details["awards"][0]["id"] == award["id"] == "ACC-2026-0004"
    assert details["awards"][0]["status"] == "active"
    contract = details["contracts"][0]
    assert contract["awardID"] == award["id"]
    assert contract["status"] == "active"
    assert contract["dateSigned"] == "2026-02-04T00:00:00+00:00"
    change = _data(releases, "ACC-2026-0022")["contracts"][0]  # UK10
    assert change["id"] == contract["id"]
    assert change["awardID"] == award["id"]


def test_a_contract_change_notice_is_an_amendment_of_the_contract(releases):
    contract = _data(releases, "ACC-2026-0022")["contracts"][0]
    assert contract["value"] == {"amount": 26650000, "currency": "GBP"}
    (amendment,) = contract["amendments"]
    assert amendment["id"] == amendment["releaseID"] == "ACC-2026-0022"
    assert amendment["rationale"].startswith("Schedule 8, paragraph 1")
    assert amendment["description"].startswith("Adds catering at Ysgol Gynradd Glan yr Afon")
    assert amendment["amendsReleaseID"] == "ACC-2026-0009"  # the procurement's release before


def test_terminations_and_cancellations(releases):
    ended = _data(releases, "ACC-2026-0011")["contracts"][0]  # UK11
    assert ended["status"] == "terminated"
    assert ended["period"] == {"endDate": "2026-03-31T23:59:59+01:00"}
    assert ended["documents"][0]["description"].startswith("The supplier ended the contract")
    cancelled = _data(releases, "ACC-2026-0002")["tender"]  # UK12
    assert cancelled["status"] == "cancelled"
    assert cancelled["documents"][0]["documentType"] == "cancellationDetails"


def test_pipeline_and_engagement_notices_are_planning(releases, sample_site):
    statuses = {
        str(item.notice.notice_type): _data(releases, item.notice.notice_id)["tender"]["status"]
        for item in sample_site.in_language()
        if item.notice.notice_type in (NoticeType.UK1, NoticeType.UK2, NoticeType.UK3)
    }
    assert statuses == {"UK1": "planning", "UK2": "planning", "UK3": "planned"}
    engagement = next(
        _data(releases, item.notice.notice_id)["planning"]["milestones"][0]
        for item in sample_site.in_language()
        if item.notice.notice_type is NoticeType.UK2
    )
    assert engagement["type"] == "engagement"


def test_welsh_translations_become_language_variants(releases):
    data = _data(releases, "ACC-2026-0039")
    assert data["tender"]["title_cy"].startswith("Cyflenwi llyfrau llyfrgell")
    assert "description_cy" in data["tender"]
    welsh_page = next(d for d in data["tender"]["documents"] if d.get("language") == "cy")
    assert welsh_page["url"] == "https://contracts.afonwy.gov.uk/cy/notices/library-stock-supply/"


@pytest.mark.parametrize(
    ("mapping", "codelist"),
    [
        (codes.NOTICE_TAG, "releaseTag.csv"),
        (
            {k: t for pair in codes.CHANGE_TAGS.values() for k, t in enumerate(pair)},
            "releaseTag.csv",
        ),
        (codes.TENDER_STATUS, "tenderStatus.csv"),
        (codes.AWARD_STATUS, "awardStatus.csv"),
        (codes.CONTRACT_STATUS, "contractStatus.csv"),
        (codes.NOTICE_DOCUMENT_TYPE, "documentType.csv"),
        (codes.METHOD, "method.csv"),
    ],
)
def test_every_code_written_is_in_its_ocds_code_list(mapping, codelist):
    assert set(mapping.values()) <= listed_codes(codelist)


def test_every_notice_type_has_a_section_a_tag_and_a_document_type():
    for mapping in (codes.SECTION, codes.NOTICE_TAG, codes.NOTICE_DOCUMENT_TYPE):
        assert set(mapping) == set(NoticeType)
