"""Feeds, OPML, calendars, OCDS and the JSON files: the checks other parts of the project own."""

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checks import calendars, feeds, ocds, opendata

# Each check with a file pattern that must match, so that an empty folder cannot pass.
CHECKS: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "feeds and OPML": (feeds.problems, "feeds/*.atom"),
    "calendars": (calendars.calendar_problems, "**/*.ics"),
    "OCDS": (ocds.ocds_problems, "ocds/**/*.json"),
    "notices.json and announcements.json": (opendata.opendata_problems, "*.json"),
}


@pytest.mark.parametrize("name", CHECKS)
def test_machine_readable_outputs_are_valid(site: Path, name: str) -> None:
    check, pattern = CHECKS[name]
    problems = check(site)
    if not any(site.glob(pattern)):
        problems.insert(0, f"no {pattern} files in {site}")
    if problems:
        pytest.fail(f"{name}: {len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
