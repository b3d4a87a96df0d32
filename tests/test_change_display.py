"""What a supplier sees of a changed notice: page, feed, calendar, OCDS, announcement, post.

One tender whose deadline was moved (with its old and new value) and whose title had a typo
corrected, built by Pelican as `invoke build` does.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import feedparser
import pytest
from icalendar import Calendar

from plugins.contract import load
from plugins.notices.change_text import ValueKind, kind_of, value_text
from publish.compose import BLUESKY, compose, mastodon
from tests.checks.html import nu_problems
from tests.notice_factory import notice_data, notice_text
from tests.sites import pelican_build

OLD_DEADLINE = "Friday 27 November 2026, 12:00pm (GMT)"
NEW_DEADLINE = "Friday 4 December 2026, 12:00pm (GMT)"
MOVED = "Tender deadline moved to allow site visits."
LONG_TITLE = "Highway resurfacing and surface dressing framework " * 3 + "2027 to 2031"
CHANGES = [
    {
        "date": "2026-11-03T10:00:00+00:00",
        "summary": "Typo in the title corrected.",
        "fields": [{"field": "title", "from": "Highway resurfacing framwork", "to": LONG_TITLE}],
        "correction": True,
    },
    {
        "date": "2026-11-10T10:00:00+00:00",
        "summary": MOVED,
        "fields": [
            {
                "field": "deadlines.tender",
                "from": "2026-11-27T12:00:00+00:00",
                "to": "2026-12-04T12:00:00+00:00",
            }
        ],
        "formal": True,
    },
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("changed")
    notices = root / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    data = notice_data({"title": LONG_TITLE, "changes": CHANGES})
    (notices / "highway.md").write_text(notice_text(data), encoding="utf-8")
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout
    return root / "output"


def _text(html: str) -> str:
    """The words of some HTML, as a reader (or a screen reader) gets them."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _page(built: Path) -> str:
    return (built / "notices" / "highway" / "index.html").read_text(encoding="utf-8")


def test_the_page_opens_with_a_banner_naming_the_latest_change(built: Path):
    page = _page(built)
    banner = re.search(r'<div class="banner banner--changed".*?</div>', page, re.S)
    assert banner is not None
    assert 'role="region" aria-labelledby="notice-changed-title"' in banner.group(0)
    assert _text(banner.group(0)) == (
        "This notice was changed "
        f"Changed on 10 November 2026 (formal change) {MOVED} "
        f"Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE} "
        "See all 2 changes to this notice"
    )
    assert '<a href="#notice-changes">' in banner.group(0)
    assert page.index("banner--changed") < page.index('id="notice-key-facts"')


def test_the_changed_page_is_valid_html(built: Path, tmp_path: Path):
    (tmp_path / "index.html").write_text(_page(built), encoding="utf-8")
    assert nu_problems(tmp_path) == []


def test_the_key_facts_mark_the_moved_deadline_with_its_old_value(built: Path):
    facts = _page(built).split('id="notice-key-facts"')[1].split("</section>")[0]
    assert f"Tender deadline {NEW_DEADLINE} (was {OLD_DEADLINE})" in _text(facts)
    assert "Clarification questions by Friday 27 November 2026, 5:00pm (GMT) Tender" in _text(
        facts
    )  # an unchanged fact has no "(was …)"


def test_the_history_lists_every_change_with_its_fields_and_labels_a_correction(built: Path):
    history = _page(built).split('aria-labelledby="notice-changes">')[1].split("</section>")[0]
    assert _text(history) == (
        "Changes to this notice "
        "3 November 2026 (correction): Typo in the title corrected. "
        f"Title: Highway resurfacing framwork → {LONG_TITLE} "
        f"10 November 2026 (formal change): {MOVED} "
        f"Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE}"
    )


def test_the_feeds_say_what_changed(built: Path):
    changes = feedparser.parse((built / "feeds" / "changes.atom").read_bytes()).entries
    newest = _text(changes[0].summary)
    assert newest.startswith(f"{MOVED} Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE}")
    notices = feedparser.parse((built / "feeds" / "all.atom").read_bytes()).entries
    (entry,) = notices
    assert f"Changed on 10 November 2026: {MOVED}" in _text(entry.summary)
    assert f"{OLD_DEADLINE} → {NEW_DEADLINE}" in _text(entry.summary)


def test_the_calendar_event_says_what_changed_and_keeps_its_sequence(built: Path):
    calendar = Calendar.from_ical((built / "calendar" / "deadlines.ics").read_bytes())
    tender = next(e for e in calendar.walk("VEVENT") if "tender" in str(e["uid"]))
    description = str(tender["description"])
    assert description.startswith(f"Tender deadline: {NEW_DEADLINE} (was {OLD_DEADLINE})")
    assert f"Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE}" in description.split("\n")
    assert int(tender["sequence"]) == 2  # one per change, as before


def test_the_ocds_amendment_gives_reason_change_and_former_value(built: Path):
    package = json.loads((built / "ocds" / "releases.json").read_text(encoding="utf-8"))
    last = package["releases"][-1]
    amendment = last["tender"]["amendments"][-1]
    assert amendment["rationale"] == MOVED
    assert amendment["description"] == f"Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE}"
    assert amendment["changes"] == [
        {"property": "tenderPeriod.endDate", "former_value": "2026-11-27T12:00:00+00:00"}
    ]
    assert (amendment["amendsReleaseID"], amendment["releaseID"]) == (
        "ACC-2026-0031-change-1",
        "ACC-2026-0031-change-2",
    )


def _announced(built: Path) -> dict[str, Any]:
    data = json.loads((built / "announcements.json").read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["announcements"]}


def test_the_announcement_carries_field_old_and_new(built: Path):
    change = _announced(built)["ACC-2026-0031/change/2"]["change"]
    assert change == {
        "number": 2,
        "summary": MOVED,
        "fields": [
            {
                "field": "deadlines.tender",
                "label": "Tender deadline",
                "from": "2026-11-27T12:00:00+00:00",
                "to": "2026-12-04T12:00:00+00:00",
                "display": f"Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE}",
            }
        ],
        "formal": True,
        "correction": False,
    }


@pytest.mark.parametrize("limits", [BLUESKY, mastodon()], ids=["bluesky", "mastodon"])
def test_the_post_keeps_both_whole_dates_under_a_long_title(built: Path, limits):
    item = load(built / "announcements.json").by_id()["ACC-2026-0031/change/2"]
    composed = compose(item, limits)
    assert f"Tender deadline: {OLD_DEADLINE} → {NEW_DEADLINE}" in composed.text.split("\n")
    assert composed.length <= limits.graphemes


@pytest.mark.parametrize(
    ("field", "kind"),
    [
        ("deadlines.enquiry", ValueKind.DATETIME),
        ("future_notice_date", ValueKind.DATE),
        ("contract_period.end", ValueKind.DATE),
        ("value.amount", ValueKind.MONEY),
        ("lots.3.value.amount", ValueKind.MONEY),
        ("cpv", ValueKind.TEXT),
    ],
)
def test_each_field_is_read_by_its_kind(field: str, kind: ValueKind):
    assert kind_of(field) is kind


def test_values_are_formatted_by_kind_and_anything_else_shown_as_written() -> None:
    def shown(field: str, written: str) -> str:
        return value_text(field, written, zone="Europe/London", lang="en")

    assert shown("deadlines.tender", "2027-01-20 12:00:00+00:00") == (
        "Wednesday 20 January 2027, 12:00pm (GMT)"
    )
    assert shown("future_notice_date", "2027-06-07") == "7 June 2027"
    assert shown("value.amount", "6450000") == "£6,450,000"
    assert shown("value.amount", "about six million") == "about six million"
    assert shown("deadlines.tender", "next week") == "next week"
    assert shown("regions", "TLL14, TLL15") == "TLL14, TLL15"
