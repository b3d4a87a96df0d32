"""A generated 1,000-notice site passes the same output checks as the sample site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from tests.checks import calendars, feeds, links, ocds, opendata
from tests.sites import pelican_build

CHECKS = {
    "feeds and OPML": feeds.problems,
    "calendars": calendars.calendar_problems,
    "OCDS": ocds.ocds_problems,
    "notices.json and announcements.json": opendata.opendata_problems,
    "internal links": links.link_problems,
}


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large")
    assert generate(1000, root / "content") >= 1000
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "output"


def test_every_notice_is_published(large_site: Path):
    index = json.loads((large_site / "notices.json").read_text(encoding="utf-8"))
    notices = large_site.parent / "content" / "notices"
    assert len(index["notices"]) == len(list(notices.rglob("*.md")))


@pytest.mark.parametrize("name", CHECKS)
def test_outputs_of_a_large_site_are_valid(large_site: Path, name: str):
    assert CHECKS[name](large_site) == []
