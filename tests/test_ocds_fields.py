"""Issue 15's field defects: CPV codes with lots, nations, suitability, scale, legal basis."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from plugins.notices.codelists import regions as itl
from plugins.notices.model import LegalBasis, Notice, Region, Suitability
from plugins.notices.site import Site
from plugins.ocds import extensions
from plugins.ocds.package import procurement_releases
from plugins.ocds.places import delivery_addresses, delivery_locations
from tests.configs import ocds_config

PREFIXES = {"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}


def _notice(site: Site, notice_id: str) -> Notice:
    return next(i.notice for i in site.in_language() if i.notice.notice_id == notice_id)


def _release(site: Site, notice: Notice) -> dict[str, Any]:
    """The release of ``notice`` in a site where it replaces the notice with its id."""
    items = tuple(
        replace(i, notice=notice) if i.notice.key == notice.key else i for i in site.notices
    )
    changed = replace(site, notices=items)
    found = procurement_releases(changed, ocds_config(PREFIXES, changed))[notice.ocid]
    return next(r.data for r in found if r.id == notice.notice_id)


def _codes(item: dict[str, Any]) -> list[str]:
    found = [item["classification"], *item.get("additionalClassifications", [])]
    return [c["id"] for c in found]


def test_the_main_cpv_survives_when_lots_have_their_own(sample_site):
    notice = _notice(sample_site, "ACC-2026-0040")  # main 72700000; lots with their own codes
    items = {item["id"]: item for item in _release(sample_site, notice)["tender"]["items"]}
    assert "relatedLot" not in items["1"]
    assert _codes(items["1"]) == [c.code[:8] for c in notice.cpv]
    assert _codes(items["1"])[0] == "72700000"
    assert _codes(items["lot-1"]) == ["32510000", "32424000"]
    assert items["lot-1"]["relatedLot"] == "1"
    assert _codes(items["lot-2"]) == ["72700000", "50312310"]


def test_lots_without_codes_of_their_own_take_the_notices(sample_site):
    notice = _notice(sample_site, "ACC-2026-0031")
    items = _release(sample_site, notice)["tender"]["items"]
    assert [item["id"] for item in items] == ["1", "lot-1", "lot-2", "lot-3"]
    assert {tuple(_codes(item)) for item in items} == {("45233142", "45233220")}


def _regions(*codes: str) -> tuple[Region, ...]:
    return tuple(Region(code, itl()[code].name) for code in codes)


def test_places_name_their_nation():
    england = _regions("TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK")
    assert delivery_addresses(england) == [{"region": "England", "countryName": "United Kingdom"}]
    assert delivery_locations(england)[0]["description"] == "England"
    mixed = _regions("TLI", "TLL14", "TLM", "TLN0A")
    assert [a["region"] for a in delivery_addresses(mixed)] == [
        "England",
        "Wales",
        "Scotland",
        "Northern Ireland",
    ]
    assert delivery_locations(mixed)[0]["gazetteer"]["identifiers"] == [
        "TLI",
        "TLL14",
        "TLM",
        "TLN0A",
    ]


def test_suitability_and_legal_basis_are_published(sample_site):
    notice = replace(
        _notice(sample_site, "ACC-2026-0035"), suitability=Suitability(sme=True, vcse=True)
    )
    tender = _release(sample_site, notice)["tender"]
    assert tender["suitability"] == {"sme": True, "vcse": True}
    assert tender["legalBasis"]["scheme"] == "UKPGA"
    assert tender["legalBasis"]["id"] == "2023/54"
    older = _release(sample_site, replace(notice, legal_basis=LegalBasis.PCR2015))["tender"]
    assert older["legalBasis"]["description"] == "Public Contracts Regulations 2015"
    none = _release(sample_site, replace(notice, legal_basis=LegalBasis.NONE))["tender"]
    assert "legalBasis" not in none


def test_suppliers_have_their_scale_and_vcse_status(sample_site):
    data = _release(sample_site, _notice(sample_site, "ACC-2026-0011"))  # an SME and a VCSE
    supplier = next(p for p in data["parties"] if "supplier" in p["roles"])
    assert supplier["details"] == {"scale": "sme", "vcse": True}
    large = _release(sample_site, _notice(sample_site, "ACC-2026-0009"))
    supplier = next(p for p in large["parties"] if "supplier" in p["roles"])
    assert supplier["details"] == {"scale": "large"}


def test_each_field_declares_its_extension(sample_site):
    notice = _notice(sample_site, "ACC-2026-0011")
    found = procurement_releases(sample_site, ocds_config(PREFIXES, sample_site))[notice.ocid]
    release = next(r for r in found if r.id == notice.notice_id)
    assert extensions.SCALE in release.extensions
    assert extensions.UK in release.extensions
    assert extensions.LOTS not in release.extensions


def test_the_tender_description_is_the_whole_body_as_text(sample_site):
    notice = _notice(sample_site, "ACC-2026-0035")
    data = _release(sample_site, notice)
    text = data["tender"]["description"]
    assert len(text) > len(notice.summary)
    assert text.startswith("The council is preparing its Replacement Local Development Plan")
    assert "\n\nWhat the consultant will do\n\n- review the Flood Map" in text
    assert "1 | Stage 1 assessment of all candidate sites | April 2027\n2 |" in text
    assert "<" not in text and "**" not in text
    page = data["tender"]["documents"][0]
    assert page["description"] == notice.summary  # the summary stays, on the notice page
    bodiless = _release(sample_site, replace(notice, body=""))
    assert bodiless["tender"]["description"] == notice.summary


def test_a_translation_gives_its_own_body_as_the_description_variant(sample_site):
    data = _release(sample_site, _notice(sample_site, "ACC-2026-0039"))
    welsh = next(
        i.notice
        for i in sample_site.notices
        if i.notice.notice_id == "ACC-2026-0039" and i.lang == "cy"
    )
    assert data["tender"]["description_cy"].startswith(welsh.body.split()[0])
    assert data["tender"]["description_cy"] != data["tender"]["description"]
