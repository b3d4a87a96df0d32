"""`invoke import`: OCDS releases become notice files that say what they could not carry."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.importer.command import run_import
from plugins.importer.existing import front_and_body
from plugins.importer.ocds_release import map_release
from plugins.importer.sources import SourceError, releases_of
from plugins.importer.text import markdown, summary

# A Find a Tender UK4 tender notice, made up in the shape the portal publishes.
TENDER: dict[str, Any] = {
    "ocid": "ocds-h6vhtk-04a1b2",
    "id": "012345-2026",
    "date": "2026-01-12T09:00:00Z",
    "tag": ["tender"],
    "parties": [
        {
            "id": "GB-PPON-PQRT-4821-WXYZ",
            "name": "Afonwy County Council",
            "identifier": {"scheme": "GB-PPON", "id": "PQRT-4821-WXYZ"},
            "address": {
                "streetAddress": "County Hall",
                "locality": "Aberafon",
                "postalCode": "SA99 1AF",
                "region": "UKL14",
            },
            "contactPoint": {
                "name": "Procurement",
                "email": "procurement@afonwy.gov.uk",
                "telephone": "01792 555 010",
            },
            "roles": ["buyer"],
        }
    ],
    "buyer": {"id": "GB-PPON-PQRT-4821-WXYZ", "name": "Afonwy County Council"},
    "tender": {
        "id": "ACC-2026-0031",
        "title": "Highway resurfacing framework",
        "description": "A framework for carriageway resurfacing. It has three lots.\n\n# Scope\n\n<b>Roads</b> across the county.",
        "status": "active",
        "mainProcurementCategory": "works",
        "classification": {"scheme": "CPV", "id": "45233142"},
        "additionalClassifications": [{"scheme": "CPV", "id": "45233220"}],
        "items": [{"id": "1", "deliveryAddresses": [{"region": "UKL14"}]}],
        "value": {"amount": 18000000, "amountGross": 21600000, "currency": "GBP"},
        "procurementMethod": "open",
        "procurementMethodDetails": "Open procedure",
        "submissionMethod": ["electronicSubmission"],
        "submissionMethodDetails": "https://etenders.afonwy.gov.uk/ACC-2026-0031",
        "tenderPeriod": {"endDate": "2026-02-20T12:00:00Z"},
        "enquiryPeriod": {"endDate": "2026-02-13T17:00:00Z"},
        "contractPeriod": {
            "startDate": "2026-04-01T00:00:00+01:00",
            "endDate": "2030-03-31T23:59:59+01:00",
        },
        "suitability": {"sme": True, "vcse": False},
        "lots": [{"id": "1", "title": "North", "value": {"amount": 7000000, "currency": "GBP"}}],
        "documents": [
            {
                "id": "1",
                "noticeType": "UK4",
                "documentType": "tenderNotice",
                "title": "Tender notice",
                "url": "https://www.find-tender.service.gov.uk/Notice/012345-2026",
                "format": "text/html",
            },
            {
                "id": "2",
                "documentType": "biddingDocuments",
                "url": "https://etenders.afonwy.gov.uk/docs",
            },
        ],
    },
}


def _front(path: Path) -> dict[str, Any]:
    read = front_and_body(path.read_text(encoding="utf-8"))
    assert read is not None
    return read[0]


def _write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_find_a_tender_tender_maps_every_field_and_passes_the_check(tmp_path):
    lines = run_import([_write(tmp_path, "r.json", TENDER)], tmp_path / "content", tmp_path)
    assert (
        lines[0]
        == "new: content/notices/2026/highway-resurfacing-framework.md: passes invoke check"
    )
    front = _front(tmp_path / "content/notices/2026/highway-resurfacing-framework.md")
    assert front["notice_type"] == "UK4"
    assert front["notice_id"] == "012345-2026"
    assert front["find_a_tender"]["url"].endswith("/Notice/012345-2026")
    assert front["buyer"]["id"] == "GB-PPON-PQRT-4821-WXYZ"
    assert front["cpv"] == ["45233142", "45233220"]
    assert front["regions"] == ["UKL14"]
    assert front["value"] == {"amount": 18000000, "amount_gross": 21600000, "currency": "GBP"}
    assert front["procedure"] == "open"
    assert str(front["contract_period"]["start"]) == "2026-04-01"
    assert front["deadlines"]["enquiry"].isoformat() == "2026-02-13T17:00:00+00:00"
    assert front["documents"] == [
        {
            "title": "Tender notice",
            "url": "https://www.find-tender.service.gov.uk/Notice/012345-2026",
            "type": "tenderNotice",
            "format": "text/html",
        }
    ]
    assert front["summary"] == "A framework for carriageway resurfacing. It has three lots."
    assert "legal_basis" not in front  # not published: the default applies, and the file says so
    assert any("legal_basis: not published" in line for line in lines)
    assert any(
        "documents: https://etenders.afonwy.gov.uk/docs has no title" in line for line in lines
    )


def test_what_cannot_be_carried_is_a_comment_at_the_top_and_on_the_terminal(tmp_path):
    release = copy.deepcopy(TENDER)
    # A minimum in another currency makes no range with the value (one in GBP does: a range).
    release["tender"]["minValue"] = {"amount": 100, "currency": "EUR"}
    release["tender"]["lots"].append({"id": "lot two", "description": "South"})
    lines = run_import([_write(tmp_path, "r.json", release)], tmp_path / "content", tmp_path)
    text = (tmp_path / "content/notices/2026/highway-resurfacing-framework.md").read_text()
    for note in (
        "value: a minimum of 100 (minValue) with no value in the same currency at least as"
        " high to make a range with",
        "lots: 'lot two' is no lot id the format takes (letters, digits, . _ -)",
    ):
        assert f"#   - {note}" in text.split("\nnotice_type:")[0].splitlines()
        assert f"  not carried over: {note}" in lines


def test_nothing_is_invented_for_what_the_release_lacks():
    release = copy.deepcopy(TENDER)
    release["parties"][0].pop("contactPoint")
    release["parties"][0].pop("identifier")
    release["parties"][0]["id"] = "org-3"
    release["buyer"]["id"] = "org-3"
    del release["tender"]["contractPeriod"]
    release["tender"]["lots"] = [{"id": "1", "contractPeriod": {"durationInDays": 720}}]
    imported = map_release(release)
    assert imported.front["buyer"] == {
        "name": "Afonwy County Council",
        "address": imported.front["buyer"]["address"],
    }
    # The only lot's period is the notice's; the lot has no title, and none is made up.
    assert imported.front["contract_period"] == {"duration": "P720D"}
    assert imported.front["lots"] == [{"id": "1"}]
    assert any(
        note.startswith("buyer.id: the release gives no organisation identifier (party id 'org-3'")
        for note in imported.unmapped
    )
    assert "buyer.contact.email: the release gives no contact email" in imported.unmapped


def test_a_field_the_type_does_not_have_is_named_not_kept():
    award = copy.deepcopy(TENDER)
    award["tender"]["documents"][0]["noticeType"] = "UK6"
    award["awards"] = [
        {
            "id": "1",
            "date": "2026-03-01T10:00:00Z",
            "value": {"amount": 17500000, "currency": "GBP"},
            "suppliers": [{"name": "Ffyrdd Ltd"}],
        }
    ]
    imported = map_release(award)
    assert imported.front["notice_type"] == "UK6"
    assert imported.front["suppliers"] == [{"name": "Ffyrdd Ltd"}]
    assert str(imported.front["award"]["date"]) == "2026-03-01"
    assert "submission" not in imported.front
    assert "submission: given, but a UK6 notice has no such field" in imported.unmapped
    # An award recalls when tenders closed (its tender deadline); the clarification deadline
    # has no place in it.
    assert set(imported.front["deadlines"]) == {"tender"}
    assert "deadlines.enquiry: not a field of a UK6 notice" in imported.unmapped


def test_a_later_release_becomes_a_change_entry_not_an_overwrite(tmp_path):
    later = copy.deepcopy(TENDER)
    later["date"] = "2026-01-20T10:00:00Z"
    later["tag"] = ["tenderAmendment"]
    later["tender"]["tenderPeriod"]["endDate"] = "2026-02-27T12:00:00Z"
    later["tender"]["amendments"] = [{"rationale": "Deadline extended after supplier questions."}]
    package = {"releases": [later, TENDER]}
    lines = run_import([_write(tmp_path, "p.json", package)], tmp_path / "content", tmp_path)
    path = tmp_path / "content/notices/2026/highway-resurfacing-framework.md"
    changed = [line for line in lines if line.startswith("changed:")]
    assert changed == [
        "changed: content/notices/2026/highway-resurfacing-framework.md (deadlines.tender): passes invoke check"
    ]
    front = _front(path)
    assert front["published"].isoformat() == "2026-01-12T09:00:00+00:00"
    assert front["deadlines"]["tender"].isoformat() == "2026-02-27T12:00:00+00:00"
    (change,) = front["changes"]
    assert change["summary"] == "Deadline extended after supplier questions."
    assert change["fields"] == [
        {
            "field": "deadlines.tender",
            "from": "2026-02-20T12:00:00+00:00",
            "to": "2026-02-27T12:00:00+00:00",
        }
    ]
    again = run_import([_write(tmp_path, "q.json", later)], tmp_path / "content", tmp_path)
    assert again[0].startswith("unchanged: content/notices/2026/highway-resurfacing-framework.md")
    first = run_import([_write(tmp_path, "f.json", TENDER)], tmp_path / "content", tmp_path)
    assert first[0].startswith("skipped: content/notices/2026/highway-resurfacing-framework.md")
    assert "not later than the notice there" in first[0]
    assert len(_front(path)["changes"]) == 1


def test_two_notices_of_one_title_get_two_addresses(tmp_path):
    award = copy.deepcopy(TENDER)
    award["id"], award["tag"] = "012399-2026", ["award"]
    award["tender"]["documents"] = []
    award["date"] = "2026-03-02T10:00:00Z"
    run_import(
        [_write(tmp_path, "p.json", {"releases": [TENDER, award]})], tmp_path / "content", tmp_path
    )
    names = sorted(p.name for p in (tmp_path / "content/notices/2026").iterdir())
    assert names == ["highway-resurfacing-framework-uk6.md", "highway-resurfacing-framework.md"]


def test_summary_keeps_whole_sentences_within_300_characters():
    long = "Word " * 100
    assert summary("One. Two two. " + long) == "One. Two two."
    cut = summary(long)
    assert len(cut) <= 300 and cut.endswith("…")


def test_markdown_shows_the_description_as_written():
    assert markdown("# Scope\n<b>x</b>\n===") == "\\# Scope\n&lt;b>x&lt;/b>\n\\==="


@pytest.mark.parametrize(
    ("data", "count"),
    [(TENDER, 1), ({"releases": [TENDER, TENDER]}, 2), ({"records": [{"releases": [TENDER]}]}, 1)],
)
def test_a_source_is_a_release_a_package_or_a_record_package(data, count):
    assert len(releases_of(data, "x")) == count


def test_a_source_without_a_release_is_refused_before_anything_is_written(tmp_path):
    good = _write(tmp_path, "good.json", TENDER)
    bad = _write(tmp_path, "bad.json", {"uri": "x"})
    with pytest.raises(SourceError, match="no OCDS release"):
        run_import([good, bad], tmp_path / "content", tmp_path)
    assert not (tmp_path / "content").exists()


def test_front_matter_has_no_yaml_aliases(tmp_path):
    release = copy.deepcopy(TENDER)
    release["tender"]["lots"].append(
        {"id": "2", "title": "South", "value": release["tender"]["lots"][0]["value"]}
    )
    run_import([_write(tmp_path, "r.json", release)], tmp_path / "content", tmp_path)
    text = (tmp_path / "content/notices/2026/highway-resurfacing-framework.md").read_text()
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text.split("---")[1])["lots"][1]["value"]["amount"] == 7000000


def test_invoke_import_writes_into_content_and_prints_a_line_per_notice(tmp_path):
    root = Path(__file__).parent.parent
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(root / name, tmp_path / name)
    for name in ("plugins", "themes"):
        (tmp_path / name).symlink_to(root / name)
    (tmp_path / "content" / "notices").mkdir(parents=True)
    source = _write(tmp_path, "r.json", TENDER)
    run = subprocess.run(
        [sys.executable, "-m", "invoke", "import", "--source", source],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == (
        "new: content/notices/2026/highway-resurfacing-framework.md: passes invoke check"
    )
    assert (
        run.stdout.splitlines()[-1]
        == "1 release(s) imported into 1 notice file(s); 1 pass invoke check"
    )
    assert (tmp_path / "content/notices/2026/highway-resurfacing-framework.md").is_file()
    missing = subprocess.run(
        [sys.executable, "-m", "invoke", "import", "--source", "nowhere.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert missing.returncode == 2
    assert "nowhere.json: not a readable JSON file" in missing.stderr
    # Judged by the site's settings, as invoke check judges it: the sample site takes
    # ocids of Find a Tender and its own prefix only.
    real = root / "tests/data/real_notices/contracts-finder/Release60.json"  # passes otherwise
    other = subprocess.run(
        [sys.executable, "-m", "invoke", "import", "--source", str(real)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert "does not start with one of this site's prefixes" in other.stdout


def test_an_early_engagement_notice_is_a_uk2_with_its_engagement_deadline():
    real = Path(__file__).parent / "data/real_notices/contracts-finder/Release139.json"
    imported = map_release(json.loads(real.read_text(encoding="utf-8")))
    assert imported.front["notice_type"] == "UK2"
    assert imported.front["deadlines"]["engagement"].isoformat() == "2025-03-31T23:59:59+01:00"
    # A document without a title is named by its description, as the portal gives it.
    assert imported.front["documents"][0]["title"] == "Early engagement notice on Contracts Finder"


def test_find_a_tender_notice_types_on_award_documents_and_contracts_are_read():
    release = copy.deepcopy(TENDER)
    release["tender"]["documents"] = []
    release["tag"] = ["contract"]
    release["awards"] = [
        {"id": "1", "date": "2026-03-01T10:00:00Z", "suppliers": [{"name": "Ffyrdd Ltd"}]}
    ]
    release["contracts"] = [
        {
            "id": "C-1",
            "awardID": "1",
            "dateSigned": "2026-03-20T10:00:00Z",
            "value": {"amount": 17500000, "currency": "GBP"},
            "documents": [{"id": "d", "noticeType": "UK7", "documentType": "contractNotice"}],
        }
    ]
    imported = map_release(release)
    assert imported.front["notice_type"] == "UK7"
    assert imported.front["contract"]["id"] == "C-1"
    assert str(imported.front["contract"]["date_signed"]) == "2026-03-20"
    release["contracts"][0]["documents"][0]["noticeType"] = "UK17"
    unknown = map_release(release)
    assert "notice_type" not in unknown.front
    assert any("UK17 has no place in the format" in note for note in unknown.unmapped)


def test_the_importer_is_pelican_free():
    code = (
        "import sys, plugins.importer.command, plugins.importer.fetch;"
        "sys.exit(any(name.split('.')[0] == 'pelican' for name in sys.modules))"
    )
    root = Path(__file__).parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root, timeout=60).returncode == 0


# What real notices carry beyond the Procurement Act's shape (docs/importing.md)


def test_the_buyers_reference_is_carried():
    assert map_release(TENDER).front["reference"] == "ACC-2026-0031"
    release = copy.deepcopy(TENDER)
    release["tender"]["id"] = "tender_455868/1436274"
    assert map_release(release).front["reference"] == "tender_455868/1436274"


@pytest.mark.parametrize(
    ("address", "regions", "places"),
    [
        ({"region": "UKL14"}, ["UKL14"], None),
        ({"region": "Wales"}, ["TLL"], None),
        ({"region": "UK"}, None, [{"area": "UK"}]),
        ({"countryName": "United Kingdom"}, None, [{"area": "UK"}]),
        ({"countryName": "United Kingdom", "region": "England"}, None, [{"area": "England"}]),
        ({"postalCode": "SA1 3SN"}, None, [{"postcode": "SA1 3SN"}]),
        ({"postalCode": "sa1"}, None, [{"text": "sa1"}]),
        ({"region": "Swansea"}, None, [{"text": "Swansea"}]),
        ({"countryName": "Channel Islands"}, None, [{"outside_uk": "Channel Islands"}]),
    ],
)
def test_delivery_places_are_regions_or_places(address, regions, places):
    release = copy.deepcopy(TENDER)
    release["tender"]["items"] = [{"id": "1", "deliveryAddresses": [address]}]
    front = map_release(release).front
    assert front.get("regions") == regions
    assert front.get("places") == places


def test_a_delivery_location_in_words_is_a_place():
    release = copy.deepcopy(TENDER)
    release["tender"]["items"][0]["deliveryLocation"] = {"description": "Various  sites"}
    front = map_release(release).front
    assert front["regions"] == ["UKL14"]
    assert front["places"] == [{"text": "Various sites"}]


def test_lots_with_one_period_give_the_notices_and_its_extensions_in_words():
    release = copy.deepcopy(TENDER)
    del release["tender"]["contractPeriod"]
    lot = {"contractPeriod": {"durationInDays": 1080}, "renewal": {"description": "2 x 12 months"}}
    release["tender"]["lots"] = [{"id": n, "title": f"Lot {n}", **lot} for n in ("1", "2")]
    front = map_release(release).front
    assert front["contract_period"] == {"duration": "P1080D", "extensions": "2 x 12 months"}
    assert all("contract_period" not in each for each in front["lots"])


def test_lots_with_periods_of_their_own_keep_them():
    release = copy.deepcopy(TENDER)
    del release["tender"]["contractPeriod"]
    release["tender"]["lots"] = [
        {"id": "1", "title": "North", "contractPeriod": {"durationInDays": 365}},
        {
            "id": "2",
            "title": "South",
            "contractPeriod": {"startDate": "2026-05-01T00:00:00Z", "durationInDays": 730},
        },
    ]
    front = map_release(release).front
    assert "contract_period" not in front
    assert front["lots"][0]["contract_period"] == {"duration": "P365D"}
    assert str(front["lots"][1]["contract_period"]["start"]) == "2026-05-01"
    assert front["lots"][1]["contract_period"]["duration"] == "P730D"


@pytest.mark.parametrize(
    ("ocid", "legal_basis", "basis"),
    [
        ("ocds-h6vhtk-04a1b2", {"scheme": "UKSI", "id": "2015/102"}, "PCR2015"),
        ("ocds-h6vhtk-04a1b2", {"scheme": "UKPGA", "id": "2023/54"}, "PA2023"),
        ("ocds-h6vhtk-04a1b2", {"scheme": "CELEX", "id": "32014L0024"}, "PCR2015"),
        ("ocds-r6ebe6-04a1b2", {"scheme": "CELEX", "id": "32014L0024"}, "PCSR2015"),
        ("ocds-r6ebe6-04a1b2", None, "PCSR2015"),  # Scotland kept its own regulations
    ],
)
def test_the_legal_basis_is_read_from_the_release(ocid, legal_basis, basis):
    release = copy.deepcopy(TENDER)
    release["ocid"] = ocid
    if legal_basis:
        release["tender"]["legalBasis"] = legal_basis
    assert map_release(release).front["legal_basis"] == basis


def test_a_scottish_notice_without_buyer_id_suitability_or_value_passes(tmp_path):
    release = copy.deepcopy(TENDER)
    release["ocid"], release["id"] = "ocds-r6ebe6-04a1b2", "APR352786"
    release["parties"][0].pop("identifier")
    release["parties"][0]["id"] = release["buyer"]["id"] = "org-1"
    for name in ("suitability", "value", "submissionMethod", "submissionMethodDetails"):
        del release["tender"][name]
    del release["tender"]["lots"][0]["value"]
    lines = run_import([_write(tmp_path, "r.json", release)], tmp_path / "content", tmp_path)
    assert lines[0].endswith("highway-resurfacing-framework.md: passes invoke check"), lines


@pytest.mark.parametrize(
    ("details", "legal_basis", "procedure"),
    [
        ("Restricted procedure", {"scheme": "UKSI", "id": "2015/102"}, "restricted"),
        ("Competitive dialogue", {"scheme": "UKSI", "id": "2015/102"}, "competitive_dialogue"),
        (
            "Competitive procedure with negotiation (above threshold)",
            {"scheme": "UKSI", "id": "2015/102"},
            "competitive_with_negotiation",
        ),
        ("Restricted procedure", None, "other"),  # judged by the Act, which has none such
    ],
)
def test_the_2015_regulations_procedures_are_kept_for_notices_under_them(
    details, legal_basis, procedure
):
    release = copy.deepcopy(TENDER)
    release["tender"]["procurementMethodDetails"] = details
    if legal_basis:
        release["tender"]["legalBasis"] = legal_basis
    imported = map_release(release)
    assert imported.front["procedure"] == procedure
    assert (procedure == "other") is any(n.startswith("procedure:") for n in imported.unmapped)
