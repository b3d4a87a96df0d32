"""Follow-up notices (awards, contract changes, cancellations) take effect and are checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plugins.calendars.ics import render
from plugins.config import CalendarOptions
from plugins.notices.derive import Status
from plugins.notices.events import EventKind, events
from plugins.notices.output import in_memory
from tests.calendars_support import events_by_uid
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.sites import site_from

TENDER_ID = "ACC-2026-0031"  # the factory's UK4: published 26 October 2026 09:00, ocid …0a31c7
TENDER_PUBLISHED = "2026-10-26T09:00:00+00:00"
# Fields a UK12 does not have: the tender's facts.
_NOT_IN_A_CANCELLATION = (
    "category",
    "cpv",
    "regions",
    "value",
    "procedure",
    "deadlines",
    "contract_period",
    "submission",
    "suitability",
    "changes",
)


def cancellation(**overrides: Any) -> dict[str, Any]:
    """A UK12 of the factory tender's procurement, dated with it unless told otherwise."""
    return notice_data(
        {
            "notice_type": "UK12",
            "notice_id": "ACC-2026-0099",
            "find_a_tender.notice_id": "049100-2026",
            "find_a_tender.url": "https://www.find-tender.service.gov.uk/Notice/049100-2026",
            "title": "Highway resurfacing framework: procurement stopped",
            "cancellation": {"date": "2026-10-26", "reason": "The budget was withdrawn."},
            **dict.fromkeys(_NOT_IN_A_CANCELLATION, REMOVE),
            **overrides,
        }
    )


def content_with(tmp_path: Path, *notices: dict[str, Any]) -> Path:
    """A content folder holding these notices, one file each (named by notice id)."""
    folder = tmp_path / "content" / "notices"
    folder.mkdir(parents=True, exist_ok=True)
    for data in notices:
        (folder / f"{data['notice_id'].lower()}.md").write_text(notice_text(data), "utf-8")
    return tmp_path / "content"


def test_a_cancellation_dated_with_its_tender_cancels_it(tmp_path):
    site = site_from(content_with(tmp_path, notice_data(), cancellation()))
    statuses = {item.notice.notice_id: item.facets.status for item in site.notices}
    assert statuses == {TENDER_ID: Status.CANCELLED, "ACC-2026-0099": Status.CANCELLED}


def test_a_cancellation_dated_with_its_tender_comes_after_it_in_the_thread(tmp_path):
    site = site_from(content_with(tmp_path, cancellation(), notice_data()))
    found = [event for event in events(site) if event.kind is not EventKind.CHANGED]
    assert [(event.id, event.replies_to) for event in found] == [
        (f"{TENDER_ID}/published", None),
        ("ACC-2026-0099/cancelled", f"{TENDER_ID}/published"),
    ]


def test_the_tenders_calendar_events_are_cancelled(tmp_path):
    site = site_from(content_with(tmp_path, notice_data(), cancellation()))
    files = in_memory(render(site, CalendarOptions()))
    tender_events = events_by_uid(files[f"notices/{TENDER_ID.lower()}/deadlines.ics"])
    assert tender_events and {event["STATUS"] for event in tender_events.values()} == {"CANCELLED"}


def test_a_cancellation_dated_before_its_tender_does_not_cancel_it(tmp_path):
    earlier = cancellation(published="2026-10-26T08:59:00+00:00")
    site = site_from(content_with(tmp_path, notice_data(), earlier))
    [tender] = [item for item in site.notices if item.notice.notice_id == TENDER_ID]
    assert tender.facets.status is Status.OPEN
