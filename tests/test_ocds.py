"""OCDS acceptance: every file of a real build validates, and the validator catches errors."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import FormatChecker

from plugins.notices.output import in_memory
from plugins.ocds import extensions
from plugins.ocds.package import RELEASES_PATH, ocds_files, ocds_path_for
from tests.checks.ocds import format_checker_problems, ocds_problems, package_problems
from tests.configs import ocds_config
from tests.sites import CONTENT, pelican_build, site_from

# As pelicanconf.py configures the sample council.
SAMPLE_SETTINGS = {"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}
HIGHWAYS = "ocds-h6vhtk-0a31c7"  # a UK4 with lots and two changes
FLOOD = "ocds-h6vhtk-3f0b19"  # a UK4 without changes
FLOOD_FILE = CONTENT / "notices" / "2026" / "flood-consequence-assessment-consultancy.md"


def _package(output: Path, ocid: str) -> dict[str, Any]:
    return json.loads((output / ocds_path_for(ocid)).read_text(encoding="utf-8"))


def _ids(package: dict[str, Any]) -> list[str]:
    return [release["id"] for release in package["releases"]]


def test_every_ocds_file_of_the_sample_build_is_valid(built_sample: Path):
    assert ocds_problems(built_sample) == []


def test_the_build_writes_a_package_per_procurement_and_one_for_the_site(built_sample, sample_site):
    ocids = {item.notice.ocid for item in sample_site.in_language()}
    written = {p.relative_to(built_sample).as_posix() for p in (built_sample / "ocds").rglob("*")}
    assert written == {
        "ocds/procurements",
        RELEASES_PATH,
        *(ocds_path_for(ocid) for ocid in ocids),
    }
    everything = json.loads((built_sample / RELEASES_PATH).read_text(encoding="utf-8"))
    per_procurement = sum(len(_package(built_sample, ocid)["releases"]) for ocid in ocids)
    assert len(everything["releases"]) == per_procurement


def test_the_build_writes_what_the_pure_function_gives_byte_for_byte(built_sample: Path):
    site = site_from()
    files = in_memory(ocds_files(site, ocds_config(SAMPLE_SETTINGS | _publisher_settings(), site)))
    assert files == {path: (built_sample / path).read_bytes() for path in files}


def _publisher_settings() -> dict[str, Any]:
    return {
        "OCDS_PUBLISHER": {
            "name": "Afonwy County Council",
            "scheme": "GB-PPON",
            "uid": "PQRT-4821-WXYZ",
            "uri": "https://www.afonwy.gov.uk",
        },
        "OCDS_PUBLICATION_POLICY": "about/",
    }


def test_files_are_utf8_json_with_a_final_newline(built_sample: Path):
    content = (built_sample / ocds_path_for("ocds-h6vhtk-1c8f32")).read_bytes()
    assert content.endswith(b"}\n")
    assert "Cyflenwi llyfrau llyfrgell" in content.decode("utf-8")  # not \u escapes


def test_the_same_site_gives_identical_bytes(sample_site):
    config = ocds_config(SAMPLE_SETTINGS, sample_site)
    assert in_memory(ocds_files(sample_site, config)) == in_memory(ocds_files(site_from(), config))


def _set(path: str, value: Any) -> Callable[[dict], None]:
    def mutate(package: dict) -> None:
        *parents, last = path.split("/")
        target = package
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return mutate


_DELETE = object()


def _with_extension(url: str, mutate: Callable[[dict], None]) -> Callable[[dict], None]:
    def both(package: dict) -> None:
        package["extensions"] = sorted([*package["extensions"], url])
        mutate(package)

    return both


def _duplicate_release(package: dict) -> None:
    package["releases"].append(copy.deepcopy(package["releases"][0]))


MUTATIONS = {
    "impossible date": (
        _set("releases/0/date", "2026-11-31T09:00:00Z"),
        "releases/0/date: '2026-11-31T09:00:00Z' is not a 'date-time'",
    ),
    "date-time without offset": (
        _set("releases/1/date", "2026-11-03T10:00:00"),
        "releases/1/date: '2026-11-03T10:00:00' is not a 'date-time'",
    ),
    "tag not in the code list": (
        _set("releases/0/tag", ["tenderChange"]),
        "releases/0/tag/0: 'tenderChange' is not one of",
    ),
    "missing ocid": (_set("releases/0/ocid", _DELETE), "releases/0: 'ocid' is a required property"),
    "bad currency": (
        _set("releases/0/tender/value/currency", "GBX"),
        "releases/0/tender/value/currency: 'GBX' is not in the schema's code list",
    ),
    "bad tender status": (
        _set("releases/0/tender/status", "open"),
        "releases/0/tender/status: 'open' is not one of",
    ),
    "missing publishedDate": (
        _set("publishedDate", _DELETE),
        "(package): 'publishedDate' is a required property",
    ),
    "duplicate release id": (_duplicate_release, "appears 2 times for ocid ocds-h6vhtk-0a31c7"),
    "release of another procurement": (
        _set("releases/2/ocid", "ocds-h6vhtk-999999"),
        "ocid 'ocds-h6vhtk-999999' in the file of procurement ocds-h6vhtk-0a31c7",
    ),
    "unknown document type": (
        _set("releases/0/tender/documents/0/documentType", "noticeOfTender"),
        "'noticeOfTender' is not in the OCDS code list documentType.csv",
    ),
    "item of a lot that does not exist": (
        _set("releases/0/tender/items/0/relatedLot", "9"),
        "tender/items/0/relatedLot: '9' is not a lot of the tender",
    ),
    "supplier that is not a party": (
        _set("releases/0/buyer/id", "GB-PPON-NOPE-0000-NOPE"),
        "buyer/id: 'GB-PPON-NOPE-0000-NOPE' is not the id of a party",
    ),
    "suitability not a boolean (suitability extension)": (
        _set("releases/0/tender/suitability/sme", "yes"),
        "releases/0/tender/suitability/sme: 'yes' is not of type 'boolean', 'null'",
    ),
    "scale not in its code list (organization scale extension)": (
        _with_extension(extensions.SCALE, _set("releases/0/parties/0/details", {"scale": "huge"})),
        "releases/0/parties/0/details/scale: 'huge' is not one of",
    ),
    "extension used but not declared": (
        _set("releases/0/parties/0/details", {"scale": "sme"}),
        f"releases/0: uses {extensions.SCALE} without declaring it",
    ),
    "legal basis not a classification (legal basis extension)": (
        _set("releases/0/tender/legalBasis", "Procurement Act 2023"),
        "releases/0/tender/legalBasis: 'Procurement Act 2023' is not of type 'object'",
    ),
    "extension without a copy to validate against": (
        _set("extensions", ["https://example.com/ocds_unknown_extension/extension.json"]),
        "has no copy to validate against",
    ),
    "uri of another file": (
        _set("uri", "https://contracts.afonwy.gov.uk/ocds/releases.json"),
        "is not the absolute address of ocds/procurements/ocds-h6vhtk-0a31c7.json",
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_the_validator_catches_a_broken_package(built_sample: Path, name: str):
    path = ocds_path_for(HIGHWAYS)
    package = _package(built_sample, HIGHWAYS)
    assert package_problems(path, json.dumps(package).encode()) == []
    mutate, expected = MUTATIONS[name]
    mutate(package)
    problems = package_problems(path, json.dumps(package).encode())
    assert any(expected in problem for problem in problems), problems


def test_the_validator_says_when_date_times_go_unchecked(monkeypatch):
    assert format_checker_problems() == []
    monkeypatch.delitem(FormatChecker.checkers, "date-time")
    assert format_checker_problems() == [
        "date-times are not checked: install rfc3339-validator (pip install -e '.[dev]')"
    ]


def test_the_validator_rejects_a_file_that_is_not_json():
    assert package_problems("ocds/releases.json", b"{")[0].startswith("not UTF-8 JSON")


def _add_change(text: str) -> str:
    end = text.index("\n---\n", 3)
    change = (
        "\nchanges:\n"
        "  - date: 2026-11-16T09:30:00+00:00\n"
        "    summary: Tender deadline moved to 27 November 2026 after a request from bidders.\n"
        "    fields:\n"
        "      - field: deadlines.tender\n"
        "        from: 2026-11-13T17:00:00+00:00\n"
        "        to: 2026-11-20T17:00:00+00:00\n"
        "    formal: true"
    )
    return text[:end] + change + text[end:]


def test_amending_a_notice_adds_exactly_one_release(built_sample: Path, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    notice = content / FLOOD_FILE.relative_to(CONTENT)
    notice.write_text(_add_change(notice.read_text(encoding="utf-8")), encoding="utf-8")
    output = tmp_path / "output"
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ocds_problems(output) == []

    before, after = _package(built_sample, FLOOD), _package(output, FLOOD)
    assert _ids(after) == [*_ids(before), "ACC-2026-0035-change-1"]
    new = after["releases"][-1]
    assert new["tag"] == ["tenderAmendment"]
    assert new["date"] == "2026-11-16T09:30:00+00:00"
    assert new["tender"]["amendments"] == [
        {
            "id": "ACC-2026-0035-change-1",
            "date": "2026-11-16T09:30:00+00:00",
            "rationale": "Tender deadline moved to 27 November 2026 after a request from bidders.",
            "description": "Tender deadline: Friday 13 November 2026, 5:00pm (GMT)"
            " → Friday 20 November 2026, 5:00pm (GMT)",
            "amendsReleaseID": "ACC-2026-0035",
            "releaseID": "ACC-2026-0035-change-1",
            "changes": [
                {"property": "tenderPeriod.endDate", "former_value": "2026-11-13T17:00:00+00:00"}
            ],
        }
    ]
    site_before = json.loads((built_sample / RELEASES_PATH).read_text(encoding="utf-8"))
    site_after = json.loads((output / RELEASES_PATH).read_text(encoding="utf-8"))
    assert len(site_after["releases"]) == len(site_before["releases"]) + 1
    # Every other procurement's file is unchanged, byte for byte.
    for path in (built_sample / "ocds" / "procurements").iterdir():
        if path.name != f"{FLOOD}.json":
            assert (output / "ocds" / "procurements" / path.name).read_bytes() == path.read_bytes()


def test_notices_with_a_foreign_ocid_prefix_are_left_out(sample_site, tmp_path):
    config = ocds_config({"OCDS_OCID_PREFIX": "ocds-h6vhtk"}, sample_site)
    for path, data in in_memory(ocds_files(sample_site, config)).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    written = {p.name for p in (tmp_path / "ocds" / "procurements").iterdir()}
    assert f"{HIGHWAYS}.json" in written
    assert not any(name.startswith("ocds-a1fnwy") for name in written)
    assert ocds_problems(tmp_path) == []
