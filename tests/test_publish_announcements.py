"""Reading announcements.json: the file checked as a whole, then each announcement alone, so
one bad announcement is left out and reported, never a reason to post none of the others."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
        InputError, match="version 2 is not supported: this publisher reads version 3"
    ):
        load(path)


def test_every_problem_of_an_announcement_is_reported_on_one_line(tmp_path: Path):
    bad = announcement(kind="posted", tags=["has space"])
    del bad["headline"]
    loaded = load(write_feed(tmp_path, [bad, announcement("ACC-2026-9002")]))
    assert [item.id for item in loaded.items] == ["ACC-2026-9002/published"]
    [invalid] = loaded.invalid
    assert invalid.name == "ACC-2026-9001/posted" and "\n" not in invalid.line()
    for where in (
        "$.announcements[0]: 'headline' is a required property",
        "$.announcements[0].id: 'ACC-2026-9001/posted' does not match",
        "$.announcements[0].kind: 'posted' is not one of",
        "$.announcements[0].tags[0]: 'has space' does not match",
    ):
        assert where in invalid.problem


def test_a_problem_in_the_file_as_a_whole_refuses_it(tmp_path: Path):
    site = {"name": "Afonwy", "url": "not a url/", "language": "en"}
    with pytest.raises(
        InputError, match=r"2 problem\(s\)(.|\n)*\$\.site\.url: 'not a url/' does not match"
    ):
        load(write_feed(tmp_path, [announcement()], site=site))


def invalid_of(tmp_path: Path, items: list[dict[str, Any]]) -> dict[str, str]:
    """The invalid announcements of a file of ``items``, by name; the valid ones are checked
    to be exactly the others."""
    loaded = load(write_feed(tmp_path, items))
    invalid = {bad.name: bad.problem for bad in loaded.invalid}
    names = [item["id"] for item in items]
    assert [item.id for item in loaded.items] == [n for n in names if n not in invalid]
    return invalid


def test_a_reply_to_an_unknown_announcement_is_left_out(tmp_path: Path):
    invalid = invalid_of(tmp_path, [announcement(kind="changed"), announcement("ACC-2026-9002")])
    assert invalid == {
        "ACC-2026-9001/change/1": "$.announcements[0].thread: 'ACC-2026-9001/published' is not an "
        "announcement listed before this one; $.announcements[0].replies_to: "
        "'ACC-2026-9001/published' is not an announcement listed before this one"
    }


def test_a_repeated_id_is_left_out_and_the_first_kept(tmp_path: Path):
    loaded = load(write_feed(tmp_path, [announcement(), announcement(headline="Again")]))
    assert [item.headline for item in loaded.items] == [announcement()["headline"]]
    assert "$.announcements[1].id: 'ACC-2026-9001/published' is listed twice" in (
        loaded.invalid[0].problem
    )


def test_a_card_image_outside_the_output_folder_is_left_out(tmp_path: Path):
    card = {**announcement()["card"], "image": "../../etc/secret.png"}
    invalid = invalid_of(tmp_path, [announcement(card=card), announcement("ACC-2026-9002")])
    assert "outside the output folder" in invalid["ACC-2026-9001/published"]


def test_a_date_without_offset_is_left_out(tmp_path: Path):
    # The schema's format check says so when rfc3339-validator is installed; we do anyway.
    invalid = invalid_of(
        tmp_path, [announcement(date="2026-11-02T09:00:00"), announcement("ACC-2026-9002")]
    )
    assert re.search(r"is not a 'date-time'|has no UTC offset", invalid["ACC-2026-9001/published"])


def _feed_with_bad_announcements(folder: Path) -> Path:
    """Seven bad announcements between two good ones: file names and amounts (issue 14)."""
    notice = announcement()["notice"]
    value = announcement()["facts"]["value"]
    facts = announcement()["facts"]

    def with_url(notice_id: str, url: str) -> dict[str, Any]:
        return announcement(notice_id, notice={**notice, "url": url})

    def with_amount(notice_id: str, amount: Any) -> dict[str, Any]:
        return announcement(notice_id, facts={**facts, "value": {**value, "amount": amount}})

    items = [
        announcement("ACC-2026-0001"),
        with_url("ACC-2026-0002", "https://contracts.afonwy.gov.uk/notices/grass cutting/"),
        announcement("ACC-2026-0002", kind="changed"),  # its thread's start is invalid
        with_url("ACC-2026-0003", "https://contracts.afonwy.gov.uk/notices/tiroedd-ŵyr/"),
        with_amount("ACC-2026-0004", "1E+309"),
        with_amount("ACC-2026-0005", 1e308),  # written as 1e309 below
        with_amount("ACC-2026-0006", 7),  # written with 5,000 digits below
        with_amount("ACC-2026-0007", 0.5),  # written as NaN below
        announcement("ACC-2026-0008"),
    ]
    path = write_feed(folder, items)
    text = path.read_text(encoding="utf-8")
    text = text.replace("1e+308", "1e309").replace('"amount": 7', '"amount": ' + "7" * 5000)
    path.write_text(text.replace('"amount": 0.5', '"amount": NaN'), encoding="utf-8")
    return path


def test_one_bad_announcement_is_left_out_and_the_others_kept(tmp_path: Path):
    """What a notice's file name or amount can do to its announcements (issue 14)."""
    loaded = load(_feed_with_bad_announcements(tmp_path))
    assert [item.id for item in loaded.items] == [
        "ACC-2026-0001/published",
        "ACC-2026-0008/published",
    ]
    invalid = {bad.name: bad.problem for bad in loaded.invalid}
    assert list(invalid) == [
        "ACC-2026-0002/published",
        "ACC-2026-0002/change/1",
        "ACC-2026-0003/published",
        "ACC-2026-0004/published",
        "ACC-2026-0005/published",
        "ACC-2026-0006/published",
        "ACC-2026-0007/published",
    ]
    assert invalid["ACC-2026-0002/published"].startswith(
        "$.announcements[1].notice.url: 'https://contracts.afonwy.gov.uk/notices/grass cutting/' "
        "is not a 'uri'"
    )
    assert invalid["ACC-2026-0002/change/1"] == (
        "$.announcements[2].thread: 'ACC-2026-0002/published' is invalid, so this reply is not "
        "posted either; $.announcements[2].replies_to: 'ACC-2026-0002/published' is invalid, so "
        "this reply is not posted either"
    )
    assert "tiroedd-ŵyr/' is not a 'uri'" in invalid["ACC-2026-0003/published"]
    assert (
        "$.announcements[4].facts.value.amount: '1E+309' does not match"
        in (invalid["ACC-2026-0004/published"])
    )
    assert "amount: inf is not of type 'string'" in invalid["ACC-2026-0005/published"]
    assert "amount: inf is not of type 'string'" in invalid["ACC-2026-0006/published"]
    assert "amount: nan is not of type 'string'" in invalid["ACC-2026-0007/published"]
    assert all("\n" not in problem for problem in invalid.values())


def test_a_held_notice_that_is_invalid_is_left_out(tmp_path: Path):
    held = [
        {"id": "ACC-2026-0009", "title": None, "url": None, "reason": "waiting"},
        {"id": "ACC-2026-0010", "title": "T", "url": "https://a.example/ŵ/", "reason": "waiting"},
    ]
    loaded = load(write_feed(tmp_path, [announcement()], held=held))
    assert [item.id for item in loaded.held] == ["ACC-2026-0009"]
    assert [bad.name for bad in loaded.invalid] == ["ACC-2026-0010"]
    assert [item.id for item in loaded.items] == ["ACC-2026-9001/published"]


def test_missing_and_broken_files_say_what_to_do(tmp_path: Path):
    with pytest.raises(InputError, match="not found — build the site first"):
        load(tmp_path / "announcements.json")
    (tmp_path / "announcements.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load(tmp_path / "announcements.json")
