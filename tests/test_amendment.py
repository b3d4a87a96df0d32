"""Amending a notice (adding a change) moves exactly what subscribers and the publisher see."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest

from tests.sites import CONTENT, pelican_build

SLUG = "flood-consequence-assessment-consultancy"
NOTICE_ID = "ACC-2026-0035"
OCID = "ocds-h6vhtk-3f0b19"
URL = f"https://contracts.afonwy.gov.uk/notices/{SLUG}/"
CHANGE = (
    "changes:\n  - date: 2026-11-19T09:00:00+00:00\n"
    "    summary: Tender deadline moved to 27 November 2026, 5pm.\n"
    "    fields: [deadlines.tender]\n"
)


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the sample site with one change added to an open tender."""
    root = tmp_path_factory.mktemp("amended")
    shutil.copytree(CONTENT, root / "content")
    path = root / "content" / "notices" / "2026" / f"{SLUG}.md"
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    head = head.replace("tender: 2026-11-20T17:00:00+00:00", "tender: 2026-11-27T17:00:00+00:00")
    path.write_text(f"{head}\n{CHANGE}---\n{body}", encoding="utf-8")
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def entry_for(output: Path, feed: str) -> dict:
    parsed = feedparser.parse((output / feed).read_bytes())
    return next(entry for entry in parsed.entries if entry.link == URL)


def test_the_notice_feed_entry_keeps_its_id_and_gets_a_new_updated(built_sample, amended):
    before, after = entry_for(built_sample, "feeds/all.atom"), entry_for(amended, "feeds/all.atom")
    assert after.id == before.id
    assert after.updated_parsed > before.updated_parsed
    assert after.updated.startswith("2026-11-19T09:00:00")


def test_the_changes_feed_gets_exactly_one_new_entry(built_sample, amended):
    def ids(output: Path) -> set[str]:
        return {
            e.id for e in feedparser.parse((output / "feeds/changes.atom").read_bytes()).entries
        }

    new = ids(amended) - ids(built_sample)
    assert len(new) == 1
    assert ids(built_sample) <= ids(amended)


def test_the_calendar_event_keeps_its_uid_moves_and_bumps_its_sequence(built_sample, amended):
    def tender_event(output: Path) -> icalendar.Event:
        calendar = icalendar.Calendar.from_ical(
            (output / f"notices/{SLUG}/deadlines.ics").read_bytes()
        )
        return next(
            e
            for e in calendar.walk("VEVENT")
            if "tender" in str(e["UID"]).lower() and "enquiry" not in str(e["UID"]).lower()
        )

    before, after = tender_event(built_sample), tender_event(amended)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTEND").isoformat().startswith("2026-11-27T17:00:00")


def test_the_procurement_gets_one_new_ocds_release(built_sample, amended):
    def release_ids(output: Path) -> list[str]:
        package = json.loads((output / f"ocds/procurements/{OCID}.json").read_text("utf-8"))
        return [release["id"] for release in package["releases"]]

    assert release_ids(amended) == [*release_ids(built_sample), f"{NOTICE_ID}-change-1"]


def test_the_publisher_gets_one_new_reply_in_the_notice_thread(built_sample, amended):
    def announcements(output: Path) -> dict[str, dict]:
        data = json.loads((output / "announcements.json").read_text("utf-8"))
        return {item["id"]: item for item in data["announcements"]}

    new = set(announcements(amended)) - set(announcements(built_sample))
    assert new == {f"{NOTICE_ID}/change/1"}
    reply = announcements(amended)[f"{NOTICE_ID}/change/1"]
    assert reply["replies_to"] == f"{NOTICE_ID}/published"
