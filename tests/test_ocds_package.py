"""Release packages: where they are, what they say about themselves, how they are ordered."""

from __future__ import annotations

import json
from dataclasses import replace

from plugins.notices.jsonfile import json_bytes as dumps
from plugins.notices.output import in_memory
from plugins.ocds import extensions
from plugins.ocds.package import (
    RELEASES_PATH,
    ocds_files,
    ocds_path_for,
    outside_prefixes,
    procurement_releases,
    published_ocids,
    release_package,
)
from tests.configs import ocds_config

PREFIXES = {"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}


def _files(site, settings=PREFIXES) -> dict[str, dict]:
    files = in_memory(ocds_files(site, ocds_config(settings, site)))
    return {path: json.loads(content) for path, content in files.items()}


def test_paths():
    assert ocds_path_for("ocds-h6vhtk-0a31c7") == "ocds/procurements/ocds-h6vhtk-0a31c7.json"
    assert RELEASES_PATH == "ocds/releases.json"


def test_a_procurement_package_describes_itself(sample_site):
    package = _files(sample_site)[ocds_path_for("ocds-h6vhtk-0a31c7")]
    assert package["uri"] == (
        "https://contracts.afonwy.gov.uk/ocds/procurements/ocds-h6vhtk-0a31c7.json"
    )
    assert package["version"] == "1.1"
    assert package["publishedDate"] == "2026-11-12T15:30:00+00:00"  # its last change
    assert package["license"].startswith("https://www.nationalarchives.gov.uk/")
    assert package["extensions"] == sorted(
        [
            extensions.LEGAL_BASIS,
            extensions.LOCATION,
            extensions.LOTS,
            extensions.SUITABILITY,
            extensions.UK,  # suitability for VCSEs
        ]
    )
    assert [r["id"] for r in package["releases"]] == [
        "ACC-2026-0031",
        "ACC-2026-0031-change-1",
        "ACC-2026-0031-change-2",
    ]


def test_the_published_date_follows_content_not_the_build_clock(sample_site):
    later = replace(sample_site, clock=sample_site.clock.replace(year=2027))
    config = ocds_config(PREFIXES, sample_site)
    assert in_memory(ocds_files(later, config)) == in_memory(ocds_files(sample_site, config))


def test_extensions_are_declared_only_when_used(sample_site):
    package = _files(sample_site)[ocds_path_for("ocds-h6vhtk-7c58e2")]  # a termination alone
    # Its supplier is an SME and a VCSE; nothing of lots, places or suitability.
    assert package["extensions"] == sorted(
        [extensions.LEGAL_BASIS, extensions.SCALE, extensions.UK]
    )


def test_the_site_package_has_every_release_oldest_first(sample_site):
    files = _files(sample_site)
    everything = files[RELEASES_PATH]
    assert everything["uri"] == "https://contracts.afonwy.gov.uk/ocds/releases.json"
    keys = {(r["ocid"], r["id"]) for r in everything["releases"]}
    per_procurement = {
        (r["ocid"], r["id"])
        for path, package in files.items()
        if path != RELEASES_PATH
        for r in package["releases"]
    }
    assert keys == per_procurement
    dates = [r["date"] for r in everything["releases"]]
    assert dates[0].startswith("2025-") and dates[-1].startswith("2026-11")
    assert everything["publishedDate"] == max(p["publishedDate"] for p in files.values())


def test_only_accepted_prefixes_are_published(sample_site):
    config = ocds_config({"OCDS_OCID_PREFIX": "ocds-a1fnwy"}, sample_site)
    assert published_ocids(sample_site, config) == (
        "ocds-a1fnwy-ACC-2026-0041",
        "ocds-a1fnwy-ACC-2026-0047",
    )
    outside = outside_prefixes(sample_site, config)
    assert {item.notice.ocid for item in outside}.isdisjoint(published_ocids(sample_site, config))
    assert len(outside) == len(sample_site.in_language()) - 2


def test_no_notices_no_site_package(sample_site):
    empty = replace(sample_site, notices=())
    assert in_memory(ocds_files(empty, ocds_config(PREFIXES, sample_site))) == {}


def test_dumps_is_stable_utf8_with_a_final_newline():
    assert dumps({"b": "Gŵyl 🎉", "a": 1}) == '{\n  "b": "Gŵyl 🎉",\n  "a": 1\n}\n'.encode()


def test_packages_written_in_pieces_are_json_bytes_of_the_whole_package(sample_site):
    config = ocds_config(PREFIXES, sample_site)
    procurements = procurement_releases(sample_site, config)
    everything = tuple(
        sorted(
            (r for releases in procurements.values() for r in releases),
            key=lambda r: (r.date, r.ocid, r.id),
        )
    )
    expected = {
        ocds_path_for(ocid): dumps(
            release_package(releases, ocds_path_for(ocid), sample_site, config)
        )
        for ocid, releases in procurements.items()
    }
    expected[RELEASES_PATH] = dumps(release_package(everything, RELEASES_PATH, sample_site, config))
    written = in_memory(ocds_files(sample_site, config))
    assert sorted(written) == sorted(expected)
    assert [path for path in expected if written[path] != expected[path]] == []
