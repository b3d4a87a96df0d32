"""Fetching a notice's releases from a portal's OCDS API, against a server on loopback that
replays the portal's answers: pages, a rate limit, errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from plugins.importer.command import run_import
from plugins.importer.fetch import FetchError, Portals, fetch_releases
from tests.test_import import TENDER


def _package(base: str, releases: list[dict[str, Any]], next_path: str = "") -> dict[str, Any]:
    package: dict[str, Any] = {"uri": f"{base}/x", "version": "1.1", "releases": releases}
    if next_path:
        package["links"] = {"next": f"{base}{next_path}"}
    return package


def test_pages_are_followed_and_a_rate_limit_waited_out(portal):
    base, replay = portal
    later = copy.deepcopy(TENDER)
    later["date"], later["tag"] = "2026-01-20T10:00:00Z", ["tenderAmendment"]
    later["tender"]["tenderPeriod"]["endDate"] = "2026-02-27T12:00:00Z"
    first = "/api/1.0/ocdsReleasePackages/012345-2026"
    replay.answers[first] = [
        (429, {"Retry-After": "3"}, {"error": "too many requests"}),
        (200, {}, _package(base, [TENDER], "/api/1.0/ocdsReleasePackages/012345-2026?cursor=2")),
    ]
    replay.answers["/api/1.0/ocdsReleasePackages/012345-2026?cursor=2"] = [
        (200, {}, _package(base, [later]))
    ]
    waits: list[float] = []
    with httpx.Client() as client:
        releases = fetch_releases(f"{base}{first}", client, sleep=waits.append)
    assert [r["date"] for r in releases] == [TENDER["date"], later["date"]]
    assert waits == [3.0]
    assert replay.requests == [first, first, "/api/1.0/ocdsReleasePackages/012345-2026?cursor=2"]


def test_invoke_import_takes_a_find_a_tender_notice_id(portal, tmp_path: Path):
    base, replay = portal
    path = "/api/1.0/ocdsReleasePackages/012345-2026"
    replay.answers[path] = [(200, {}, _package(base, [TENDER]))]
    lines = run_import(["012345-2026"], tmp_path / "content", tmp_path, Portals(base, base))
    assert lines[0] == (
        "new: content/notices/2026/highway-resurfacing-framework.md: passes invoke check"
    )
    text = (tmp_path / "content/notices/2026/highway-resurfacing-framework.md").read_text()
    assert f"# Imported by invoke import from {base}{path}." in text


def test_a_contracts_finder_id_is_read_from_its_own_api(portal, tmp_path: Path):
    base, replay = portal
    notice = "aac989dd-14c8-47fa-8c45-87435ca201cb"
    real = Path(__file__).parent / "data/real_notices/contracts-finder/Release93.json"
    release = json.loads(real.read_text(encoding="utf-8"))
    replay.answers[f"/Published/Notice/OCDS/{notice}"] = [(200, {}, _package(base, [release]))]
    lines = run_import([notice.upper()], tmp_path / "content", tmp_path, Portals(base, base))
    assert lines[0].startswith("new: content/notices/2025/")
    assert replay.requests == [f"/Published/Notice/OCDS/{notice}"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([(404, {}, {})], "the portal has no such notice (404)"),
        ([(503, {"Retry-After": "0"}, {})], "answered 503 4 times; try again later"),
        ([(429, {"Retry-After": "0"}, {})], "answered 429 4 times; try again later"),
        ([(200, {}, ["not", "a", "package"])], "not an OCDS package"),
        ([(200, {}, {"releases": []})], "no OCDS release in it"),
    ],
)
def test_a_portal_that_will_not_give_the_notice_is_said_so(portal, tmp_path, answers, message):
    base, replay = portal
    replay.answers["/api/1.0/ocdsReleasePackages/000001-2026"] = answers
    with pytest.raises(Exception, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_import(["000001-2026"], tmp_path / "content", tmp_path, Portals(base, base))
    assert not (tmp_path / "content").exists()


def test_a_next_page_on_another_site_is_not_followed(portal):
    base, replay = portal
    path = "/api/1.0/ocdsReleasePackages/012345-2026"
    elsewhere = {**_package(base, [TENDER]), "links": {"next": "http://example.org/page2"}}
    replay.answers[path] = [(200, {}, elsewhere)]
    with httpx.Client() as client, pytest.raises(FetchError, match="another site"):
        fetch_releases(f"{base}{path}", client, sleep=lambda seconds: None)


def test_a_long_retry_after_is_capped_at_a_minute(portal):
    base, replay = portal
    path = "/api/1.0/ocdsReleasePackages/012345-2026"
    replay.answers[path] = [
        (429, {"Retry-After": "86400"}, {}),
        (200, {}, _package(base, [TENDER])),
    ]
    waits: list[float] = []
    with httpx.Client() as client:
        fetch_releases(f"{base}{path}", client, sleep=waits.append)
    assert waits == [60.0]


def test_the_portals_default_to_the_public_services_and_follow_the_environment():
    assert Portals.from_environment({}).notice_url("012345-2026") == (
        "https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/012345-2026"
    )
    moved = Portals.from_environment({"IMPORT_CONTRACTS_FINDER_URL": "http://127.0.0.1:9/"})
    assert moved.notice_url("AAC989DD-14C8-47FA-8C45-87435CA201CB") == (
        "http://127.0.0.1:9/Published/Notice/OCDS/aac989dd-14c8-47fa-8c45-87435ca201cb"
    )
    assert moved.notice_url("release.json") is None
