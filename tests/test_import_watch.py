"""Watching Find a Tender for one buyer's new notices (``invoke import --buyer --since``),
against a server on loopback that replays the portal's paged release packages."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from plugins.importer.command import run_watch
from plugins.importer.fetch import Portals
from plugins.importer.watch import buyer_ids, since_moment, updates_url
from tests.test_import import TENDER
from tests.test_import_fetch import _package

SINCE = datetime(2026, 1, 1, tzinfo=UTC)


def _someone_else(number: int) -> dict[str, Any]:
    release = copy.deepcopy(TENDER)
    release["ocid"] = f"ocds-h6vhtk-0f000{number}"
    release["id"] = f"{release['ocid']}-1"
    party = release["parties"][0]
    party["identifier"] = {"scheme": "GB-PPON", "id": f"OTHR-000{number}-ABCD"}
    party["id"] = release["buyer"]["id"] = f"GB-PPON-OTHR-000{number}-ABCD"
    party["name"] = release["buyer"]["name"] = f"Another Council {number}"
    return release


def test_the_buyers_releases_are_kept_from_every_page_and_others_dropped(portal, tmp_path: Path):
    base, replay = portal
    first = updates_url(Portals(base, base), SINCE).removeprefix(base)
    replay.answers[first] = [
        (200, {}, _package(base, [_someone_else(1), TENDER], f"{first}&cursor=MTAw"))
    ]
    replay.answers[f"{first}&cursor=MTAw"] = [(200, {}, _package(base, [_someone_else(2)]))]
    lines = run_watch(
        "GB-PPON-PQRT-4821-WXYZ", SINCE, tmp_path / "content", tmp_path, Portals(base, base)
    )
    assert lines[0] == (
        "new: content/notices/2026/highway-resurfacing-framework.md: passes invoke check"
    )
    assert lines[-1] == "1 release(s) imported into 1 notice file(s); 1 pass invoke check"
    assert replay.requests == [first, f"{first}&cursor=MTAw"]
    written = list((tmp_path / "content/notices").rglob("*.md"))
    assert [path.name for path in written] == ["highway-resurfacing-framework.md"]


def test_the_same_release_seen_again_the_next_day_changes_nothing(portal, tmp_path: Path):
    base, replay = portal
    first = updates_url(Portals(base, base), SINCE).removeprefix(base)
    replay.answers[first] = [(200, {}, _package(base, [TENDER]))]
    portals = Portals(base, base)
    run_watch("PQRT-4821-WXYZ", SINCE, tmp_path / "content", tmp_path, portals)
    again = run_watch("pqrt-4821-wxyz", SINCE, tmp_path / "content", tmp_path, portals)
    assert again[0].startswith("skipped: content/notices/2026/highway-resurfacing-framework.md")
    assert len(list((tmp_path / "content/notices").rglob("*.md"))) == 1


def test_a_quiet_day_is_said_and_writes_nothing(portal, tmp_path: Path):
    base, replay = portal
    first = updates_url(Portals(base, base), SINCE).removeprefix(base)
    replay.answers[first] = [(200, {}, _package(base, [_someone_else(3)]))]
    lines = run_watch(
        "GB-PPON-PQRT-4821-WXYZ", SINCE, tmp_path / "c", tmp_path, Portals(base, base)
    )
    assert lines == [
        "No release of buyer GB-PPON-PQRT-4821-WXYZ on Find a Tender since "
        "2026-01-01T00:00:00+00:00"
    ]
    assert not (tmp_path / "c").exists()


def test_the_updates_address_is_find_a_tenders_in_utc():
    portals = Portals("https://fts.example", "https://cf.example")
    since = datetime.fromisoformat("2026-06-01T09:30:00+01:00")
    assert updates_url(portals, since) == (
        "https://fts.example/api/1.0/ocdsReleasePackages?updatedFrom=2026-06-01T08%3A30%3A00"
        "&limit=100"
    )


def test_a_buyer_is_known_by_its_scheme_and_id_or_the_id_alone():
    assert {"GB-PPON-PQRT-4821-WXYZ", "PQRT-4821-WXYZ"} <= buyer_ids(TENDER)
    assert buyer_ids({"parties": "not a list", "buyer": 7}) == frozenset()


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-12-01", datetime(2026, 12, 1, tzinfo=UTC)),
        ("2026-12-01T08:00:00", datetime(2026, 12, 1, 8, tzinfo=UTC)),
        ("2026-12-01T08:00:00+01:00", datetime(2026, 12, 1, 7, tzinfo=UTC)),
    ],
)
def test_since_is_a_date_or_a_time(text: str, moment: datetime):
    assert since_moment(text) == moment


def test_since_that_is_no_date_is_refused():
    with pytest.raises(ValueError):
        since_moment("yesterday")
