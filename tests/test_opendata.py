"""notices.json and announcements.json from a real build of the sample site."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from plugins.contract import SCHEMA
from plugins.notices.site import Site
from plugins.opendata.announcements import announcements
from tests.checks.opendata import opendata_problems, schema_problems, thread_problems
from tests.sites import CONTENT, pelican_build

FLOOD = "ACC-2026-0035"  # an open UK4 tender closing on 20 November 2026, 5pm
FLOOD_FILE = "notices/2026/flood-consequence-assessment-consultancy.md"
SCHOOL_MEALS = "ocds-h6vhtk-1b2e40"


def read(output: Path, name: str) -> dict[str, Any]:
    return json.loads((output / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(built_sample: Path) -> dict[str, Any]:
    return read(built_sample, "notices.json")


@pytest.fixture(scope="module")
def feed(built_sample: Path) -> dict[str, Any]:
    return read(built_sample, "announcements.json")


def test_both_files_match_their_schemas_and_threads_hold(built_sample: Path):
    assert opendata_problems(built_sample) == []


def test_the_index_lists_every_published_notice_in_every_language(index: dict[str, Any]):
    notices = index["notices"]
    assert len(notices) == 36
    assert [n["language"] for n in notices].count("cy") == 1
    assert index["generated"] == "2026-11-20T12:00:00Z"


def test_an_index_entry_carries_the_notice_and_its_facets(index: dict[str, Any]):
    flood = next(n for n in index["notices"] if n["id"] == FLOOD)
    assert flood["status"] == "open"
    assert flood["value"] == {"amount": "240000", "currency": "GBP"}
    assert flood["value_band"] == "100k-to-500k"
    assert flood["cpv_divisions"] == ["71", "90"]
    assert flood["itl1_regions"] == ["TLL"]
    assert flood["published"] == "2026-10-21T09:00:00Z"
    assert flood["closing_deadline"] == "2026-11-20T17:00:00Z"
    assert flood["url"] == (
        "https://contracts.afonwy.gov.uk/notices/flood-consequence-assessment-consultancy/"
    )


def test_every_change_award_and_cancellation_is_announced_once(
    feed: dict[str, Any], sample_site: Site
):
    english = sample_site.in_language("en")
    items = feed["announcements"]
    kinds = [item["kind"] for item in items]
    assert kinds.count("changed") == sum(len(item.notice.changes) for item in english)
    assert kinds.count("cancelled") == 2
    assert kinds.count("awarded") == sum(
        item.notice.notice_type.value in {"UK5", "UK6", "UK7"} for item in english
    )
    notice_events = [item for item in items if item["kind"] not in {"changed", "closing-soon"}]
    assert len(notice_events) == len(english)
    dates = [item["date"] for item in items]
    assert dates == sorted(dates)


def test_a_procurement_is_one_thread_in_order(feed: dict[str, Any]):
    chain = [item for item in feed["announcements"] if item["notice"]["ocid"] == SCHOOL_MEALS]
    assert [item["notice"]["type"] for item in chain] == ["UK2", "UK3", "UK4", "UK6", "UK7", "UK10"]
    assert chain[0]["replies_to"] is None
    assert {item["thread"] for item in chain} == {chain[0]["id"]}
    assert [item["replies_to"] for item in chain[1:]] == [item["id"] for item in chain[:-1]]


def test_a_cancellation_replies_in_the_thread_of_what_it_cancels(feed: dict[str, Any]):
    by_id = {item["id"]: item for item in feed["announcements"]}
    for item in feed["announcements"]:
        if item["kind"] == "cancelled":
            assert item["headline"].startswith("Procurement cancelled: ")
            parent = by_id[item["replies_to"]]
            assert parent["notice"]["ocid"] == item["notice"]["ocid"]


def test_a_change_names_its_entry_and_replies_in_the_notice_thread(feed: dict[str, Any]):
    change = next(i for i in feed["announcements"] if i["id"] == "ACC-2026-0031/change/2")
    assert change["kind"] == "changed"
    assert change["replies_to"] == "ACC-2026-0031/change/1"
    assert change["thread"] == "ACC-2026-0031/published"
    assert change["change"]["number"] == 2
    assert change["change"]["summary"].startswith("Lot 3 value corrected")


def test_a_post_has_the_facts_card_and_tags_it_needs(feed: dict[str, Any]):
    flood = next(i for i in feed["announcements"] if i["id"] == f"{FLOOD}/published")
    assert flood["facts"]["deadline"] == {
        "kind": "tender",
        "label": "Tender deadline",
        "at": "2026-11-20T17:00:00Z",
        "display": "Friday 20 November 2026, 5:00pm (GMT)",
    }
    assert flood["facts"]["value"]["display"] == "£240,000"
    assert flood["tags"] == ["AfonwyContracts", "Tender", "SME"]
    assert flood["card"]["image"] == "notices/flood-consequence-assessment-consultancy/card.png"
    assert flood["card"]["image_url"].startswith("https://contracts.afonwy.gov.uk/notices/")
    assert "Afonwy County Council" in flood["card"]["image_alt"]


def test_welsh_versions_are_linked_not_announced_twice(feed: dict[str, Any]):
    languages = {item["notice"]["language"] for item in feed["announcements"]}
    assert languages == {"en"}
    bilingual = [i for i in feed["announcements"] if i["notice"]["translations"]]
    assert bilingual
    assert bilingual[0]["notice"]["translations"][0]["language"] == "cy"
    assert "/cy/notices/" in bilingual[0]["notice"]["translations"][0]["url"]


def test_closing_soon_is_announced_only_inside_the_last_week(sample_site: Site):
    items = json.loads(announcements(sample_site))["announcements"]
    assert [i["id"] for i in items if i["kind"] == "closing-soon"] == [f"{FLOOD}/closing-soon"]
    without = json.loads(announcements(sample_site, closing_soon=False))["announcements"]
    assert [i for i in without if i["kind"] == "closing-soon"] == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda a: a.pop("card"), "'card' is a required property"),
        (lambda a: a.update(kind="updated"), "'updated' is not one of"),
        (lambda a: a.update(date="2026-11-20 17:00"), "is not a 'date-time'"),
        (lambda a: a["notice"].update(url="not a url"), "is not a 'uri'"),
        (lambda a: a.update(tags=["#Tender"]), "does not match"),
        (lambda a: a.update(id="ACC-1/edited"), "does not match"),
    ],
)
def test_the_schema_catches_a_broken_announcement(feed: dict[str, Any], mutate, expected):
    broken = copy.deepcopy(feed)
    mutate(broken["announcements"][0])
    problems = schema_problems(broken, SCHEMA)
    assert len(problems) == 1
    assert expected in problems[0]


def test_the_thread_check_catches_a_reply_to_nothing(feed: dict[str, Any]):
    broken = copy.deepcopy(feed)
    broken["announcements"][-1]["replies_to"] = "ACC-9999-0001/published"
    assert len(thread_problems(broken)) == 1


def test_same_content_and_clock_give_the_same_bytes(built_sample: Path, tmp_path: Path):
    result = pelican_build(CONTENT, tmp_path / "again", "--fatal", "errors")
    assert result.returncode == 0, result.stderr
    for name in ("notices.json", "announcements.json"):
        assert (tmp_path / "again" / name).read_bytes() == (built_sample / name).read_bytes()


def test_amending_a_notice_adds_one_reply_and_changes_nothing_else(
    built_sample: Path, tmp_path: Path, feed: dict[str, Any]
):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    notice = content / FLOOD_FILE
    text = notice.read_text(encoding="utf-8")
    change = (
        "changes:\n  - date: 2026-11-19T09:00:00+00:00\n"
        "    summary: Tender deadline moved to 27 November 2026, 5pm.\n"
        "    fields: [deadlines.tender]\n---\n"
    )
    text = text.replace("2026-11-20T17:00:00+00:00", "2026-11-27T17:00:00+00:00")
    head, body = text.split("\n---\n", 1)
    notice.write_text(f"{head}\n{change}{body}", encoding="utf-8")
    result = pelican_build(content, tmp_path / "out", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    after = read(tmp_path / "out", "announcements.json")["announcements"]
    before_ids = [item["id"] for item in feed["announcements"]]
    new = [item for item in after if item["id"] not in before_ids]
    assert [item["id"] for item in new] == [f"{FLOOD}/change/1"]
    assert new[0]["replies_to"] == f"{FLOOD}/published"
    assert new[0]["thread"] == f"{FLOOD}/published"
    assert new[0]["facts"]["deadline"]["at"] == "2026-11-27T17:00:00Z"
    # The reminder goes (the deadline is no longer within a week); everything else stays.
    kept = [item for item in before_ids if item != f"{FLOOD}/closing-soon"]
    assert [item["id"] for item in after if item["id"] in before_ids] == kept
