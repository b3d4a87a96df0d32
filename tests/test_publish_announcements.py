"""Reading announcements.json: schema-checked, versioned, every problem reported at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from publish.announcements import load
from publish.errors import InputError
from tests.publish_support import announcement, sample_feed, write_feed


def test_the_sample_sites_file_loads_with_every_announcement(tmp_path: Path):
    feed = sample_feed(tmp_path)
    loaded = load(feed)
    raw = json.loads(feed.read_text())["announcements"]
    assert [item.id for item in loaded.items] == [item["id"] for item in raw]
    assert loaded.site_url == "https://contracts.afonwy.gov.uk"
    assert all(item.card.image.is_file() for item in loaded.items)


def test_fields_are_typed(tmp_path: Path):
    first = announcement()
    change = announcement(kind="changed")
    [published, changed] = load(write_feed(tmp_path, [first, change])).items
    assert published.date == datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert published.deadline is not None
    assert published.deadline.at == datetime(2026, 12, 4, 12, tzinfo=UTC)
    assert published.value == "£240,000"
    assert published.card.image == tmp_path / "notices/acc-2026-9001/card.png"
    assert (changed.replies_to, changed.change_number) == ("ACC-2026-9001/published", 1)


def test_another_version_is_refused_with_what_to_do(tmp_path: Path):
    path = write_feed(tmp_path, [announcement()], version=2)
    with pytest.raises(
        InputError, match="version 2 is not supported: this publisher reads version 1"
    ):
        load(path)


def test_every_schema_problem_is_reported_at_once(tmp_path: Path):
    bad = announcement(kind="posted", tags=["has space"])
    del bad["headline"]
    with pytest.raises(InputError) as caught:
        load(write_feed(tmp_path, [bad]))
    message = str(caught.value)
    assert message.startswith("4 problem(s)")
    for where in (
        "$.announcements[0]: 'headline' is a required property",
        "$.announcements[0].id: 'ACC-2026-9001/posted' does not match",
        "$.announcements[0].kind: 'posted' is not one of",
        "$.announcements[0].tags[0]: 'has space' does not match",
    ):
        assert where in message


def test_a_reply_to_an_unknown_announcement_is_refused(tmp_path: Path):
    with pytest.raises(
        InputError,
        match=r"replies_to: 'ACC-2026-9001/published' is not an announcement listed before",
    ):
        load(write_feed(tmp_path, [announcement(kind="changed")]))


def test_duplicate_ids_are_refused(tmp_path: Path):
    with pytest.raises(InputError, match="listed twice"):
        load(write_feed(tmp_path, [announcement(), announcement()]))


def test_a_card_image_outside_the_output_folder_is_refused(tmp_path: Path):
    card = {**announcement()["card"], "image": "../../etc/secret.png"}
    with pytest.raises(InputError, match="outside the output folder"):
        load(write_feed(tmp_path, [announcement(card=card)]))


def test_a_date_without_offset_is_refused(tmp_path: Path):
    # The schema's format check says so when rfc3339-validator is installed; we do anyway.
    with pytest.raises(InputError, match=r"is not a 'date-time'|has no UTC offset"):
        load(write_feed(tmp_path, [announcement(date="2026-11-02T09:00:00")]))


def test_missing_and_broken_files_say_what_to_do(tmp_path: Path):
    with pytest.raises(InputError, match="not found — build the site first"):
        load(tmp_path / "announcements.json")
    (tmp_path / "announcements.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load(tmp_path / "announcements.json")
