"""Deadline calendars when a notice changes: events dropped or moved, sequences bumped."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from tests import calendars_support
from tests.calendars_support import HIGHWAY, HOST, at, events_by_uid
from tests.checks.calendars import calendar_problems
from tests.sites import CONTENT, pelican_build, site_from

files = calendars_support.files  # a shared fixture


def test_a_removed_deadline_drops_its_event_and_bumps_the_others(tmp_path):
    content = _copy_content(tmp_path)
    _amend(
        content,
        old="  enquiry: 2026-11-27T17:00:00+00:00\n",
        new="",
        change_fields="[deadlines.enquiry]",
        summary="Clarification questions are no longer taken.",
    )
    events = events_by_uid(in_memory(render(site_from(content), Options()))[HIGHWAY])
    assert set(events) == {f"ACC-2026-0031-tender@{HOST}"}
    assert events[f"ACC-2026-0031-tender@{HOST}"]["SEQUENCE"] == 3


def test_an_amendment_bumps_sequence_and_moves_the_event_under_the_same_uid(tmp_path, files):
    content = _copy_content(tmp_path)
    _amend(
        content,
        old="  tender: 2026-12-04T12:00:00+00:00\n",
        new="  tender: 2026-12-11T12:00:00+00:00\n",
        change_fields="[deadlines.tender]",
        summary="Tender deadline moved to 11 December 2026.",
    )
    output = tmp_path / "output"
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert calendar_problems(output) == []
    for path in (HIGHWAY, "calendar/deadlines.ics"):
        before = events_by_uid(files[path])
        after = events_by_uid((output / path).read_bytes())
        assert set(after) == set(before)
        tender = f"ACC-2026-0031-tender@{HOST}"
        assert after[tender]["SEQUENCE"] == before[tender]["SEQUENCE"] + 1 == 3
        assert at(after[tender], "DTEND") - at(before[tender], "DTEND") == timedelta(days=7)
        assert at(after[tender], "DTSTART") - at(before[tender], "DTSTART") == timedelta(days=7)
        assert at(after[tender], "DTSTAMP") == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
        assert set(_changed(before, after)) == {tender, f"ACC-2026-0031-enquiry@{HOST}"}
    untouched = [p for p in files if p.startswith("notices/") and p != HIGHWAY]
    assert all((output / p).read_bytes() == files[p] for p in untouched)


def _copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def _amend(content: Path, *, old: str, new: str, change_fields: str, summary: str) -> None:
    """Edit the highway notice and append a change entry, as a buyer would."""
    path = content / "notices" / "2026" / "highway-resurfacing-framework.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    change = (
        f"  - date: 2026-11-18T09:00:00+00:00\n    summary: {summary}\n"
        f"    fields: {change_fields}\n---\n"
    )
    head, body = text.replace(old, new).rsplit("\n---\n", 1)
    path.write_text(f"{head}\n{change}{body}", encoding="utf-8")


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [uid for uid in before if before[uid].to_ical() != after[uid].to_ical()]
