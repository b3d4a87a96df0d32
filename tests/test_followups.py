"""Follow-up notices (awards, contract changes, cancellations) take effect and are checked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.calendars.ics import render
from plugins.config import CalendarOptions
from plugins.notices.check import check_files, notice_files
from plugins.notices.derive import Status
from plugins.notices.events import EventKind, events
from plugins.notices.output import in_memory
from tests.calendars_support import events_by_uid
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.sites import CONTENT, ROOT, pelican_build, site_from

TENDER_ID = "ACC-2026-0031"  # the factory's UK4: published 26 October 2026 09:00, ocid …0a31c7
TENDER_PUBLISHED = "2026-10-26T09:00:00+00:00"
# Fields a UK12 does not have: the tender's facts.
AFTER_ALL = {"NOTICES_CLOCK": "2026-12-20T12:00:00+00:00"}  # a build clock after every notice
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


def award(**overrides: Any) -> dict[str, Any]:
    """A UK6 of the factory tender's procurement, after its tender deadline, for lot 1."""
    return notice_data(
        {
            "notice_type": "UK6",
            "notice_id": "ACC-2026-0100",
            "published": "2026-12-10T09:00:00+00:00",
            "find_a_tender.notice_id": "050377-2026",
            "find_a_tender.url": "https://www.find-tender.service.gov.uk/Notice/050377-2026",
            "title": "Highway resurfacing framework: contract award",
            "suppliers": [{"name": "Afonwy Surfacing Ltd", "id": "GB-COH-01234567"}],
            "award": {"date": "2026-12-09", "lots": ["1"]},
            "lots": [{"id": "1", "title": "North and the coast"}],
            **dict.fromkeys(("deadlines", "submission", "suitability", "changes"), REMOVE),
            **overrides,
        }
    )


def check(tmp_path: Path, *notices: dict[str, Any]) -> list[str]:
    """What `invoke check` says about these notices, one line a problem."""
    content = content_with(tmp_path, *notices)
    return [str(problem) for problem in check_files(notice_files(content), content.parent).problems]


def line_of(tmp_path: Path, notice_id: str, text: str) -> int:
    """The line number of the first line of that notice's file that starts with ``text``."""
    path = tmp_path / "content" / "notices" / f"{notice_id.lower()}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(text))


def test_a_tender_its_award_and_its_cancellation_pass(tmp_path):
    later = cancellation(published="2026-12-11T09:00:00+00:00")
    assert check(tmp_path, notice_data(), award(), later) == []


def contract_details(**overrides: Any) -> dict[str, Any]:
    """A UK7 of its own procurement (an ocid no other notice has)."""
    return award(
        notice_type="UK7",
        notice_id="ACC-2026-0101",
        ocid="ocds-h6vhtk-0a31d0",
        contract={"id": "C-0101"},
        procedure=REMOVE,
        lots=REMOVE,
        award={"date": "2026-12-09"},
        **overrides,
    )


def test_a_below_threshold_contracts_details_notice_needs_no_earlier_notice(tmp_path):
    assert check(tmp_path, contract_details(above_threshold=False)) == []
    alone = contract_details(above_threshold=True, find_a_tender=REMOVE)
    refused = check(tmp_path / "above", alone)
    errors = [line for line in refused if ": warning: " not in line]  # held: no link yet
    assert ["so this UK7 follows nothing" in line for line in errors] == [True]


def test_a_cancellation_whose_ocid_matches_nothing_is_refused(tmp_path):
    """Without a Find a Tender link nothing says the procurement began elsewhere: the ocid
    is taken to be mistyped."""
    stray = cancellation(ocid="ocds-h6vhtk-0a31c8", find_a_tender=REMOVE)
    lines = check(tmp_path, notice_data(), stray)
    at = line_of(tmp_path, "ACC-2026-0099", "ocid:")
    assert [line for line in lines if ": warning: " not in line] == [
        f"content/notices/acc-2026-0099.md:{at}: ocid: no other notice of this site has ocid "
        "ocds-h6vhtk-0a31c8, so this UK12 follows nothing — use the ocid of the notice it "
        "follows (invoke new --after <the notice it follows> copies its ocid, buyer and lots);"
        " if its earlier notices are on Find a Tender only, give its find_a_tender link"
    ]


@pytest.mark.parametrize("alone", [contract_details(), cancellation(ocid="ocds-h6vhtk-0a31c8")])
def test_a_follow_up_whose_earlier_notices_are_on_find_a_tender_is_a_warning(tmp_path, alone):
    """A council that starts publishing here mid-procurement: its UK7 or UK12 links to Find a
    Tender, where the procurement's earlier notices are under the same ocid."""
    content = content_with(tmp_path, alone)
    report = check_files(notice_files(content), content.parent)
    assert report.errors == ()
    [warning] = report.warnings
    name = alone["notice_id"].lower()
    at = line_of(tmp_path, alone["notice_id"], "ocid:")
    assert str(warning) == (
        f"content/notices/{name}.md:{at}: warning: ocid: no other notice of this site has ocid "
        f"{alone['ocid']}: its procurement's earlier notices are not on this site — check the "
        "ocid is Find a Tender's: the procurement's page starts with this notice"
    )


def test_a_follow_up_whose_earlier_notices_are_on_find_a_tender_is_built_and_announced(
    tmp_path,
):
    """Its procurement's timeline holds it alone, and it is announced like any notice."""
    content = content_with(tmp_path, contract_details())
    result = pelican_build(content, tmp_path / "output", "--fatal", "errors", settings=AFTER_ALL)
    assert result.returncode == 0, result.stdout
    assert "its procurement's earlier notices are not on this site" in result.stdout
    output = tmp_path / "output"
    assert (output / "notices" / "acc-2026-0101" / "index.html").is_file()
    [timeline] = list((output / "procurements").glob("*/index.html"))
    assert 'href="../../notices/acc-2026-0101/"' in timeline.read_text(encoding="utf-8")
    announced = json.loads((output / "announcements.json").read_text(encoding="utf-8"))
    assert [(a["id"], a["replies_to"]) for a in announced["announcements"]] == [
        ("ACC-2026-0101/awarded", None)
    ]


def test_a_follow_up_with_another_buyer_is_refused(tmp_path):
    lines = check(tmp_path, notice_data(), cancellation(**{"buyer.id": "GB-PPON-AAAA-1111-BBBB"}))
    at = line_of(tmp_path, "ACC-2026-0099", "id: GB-PPON-AAAA")
    assert lines == [
        f"content/notices/acc-2026-0099.md:{at}: buyer.id: buyer GB-PPON-AAAA-1111-BBBB is not "
        "the procurement's buyer: content/notices/acc-2026-0031.md (ocid ocds-h6vhtk-0a31c7) "
        "has buyer GB-PPON-PQRT-4821-WXYZ — use buyer id GB-PPON-PQRT-4821-WXYZ, or the ocid "
        "of this buyer's procurement (invoke new --after <the notice it follows> copies its "
        "ocid, buyer and lots)"
    ]


def test_a_follow_up_naming_an_unknown_lot_is_refused(tmp_path):
    wrong = award(**{"award.lots": ["3"], "lots": [{"id": "3", "title": "Inland"}]})
    lines = check(tmp_path, notice_data(), wrong)
    path = "content/notices/acc-2026-0100.md"
    told = "lot '3' is in no earlier notice of procurement ocds-h6vhtk-0a31c7 (its lots are 1, 2)"
    fix = "use the lot ids of the notices this one follows"
    award_line = line_of(tmp_path, "ACC-2026-0100", "- '3'")
    lots_line = line_of(tmp_path, "ACC-2026-0100", "- id: '3'")
    assert sorted(lines) == sorted(
        [
            f"{path}:{award_line}: award.lots[0]: {told} — {fix}",
            f"{path}:{lots_line}: lots[0].id: {told} — {fix}",
        ]
    )


def test_each_of_several_awards_names_lots_of_the_procurement(tmp_path):
    suppliers = [{"name": "Afonwy Surfacing Ltd"}, {"name": "Tarmac Cymru Cyf"}]
    awards = [
        {"date": "2026-12-09", "lots": ["1"], "suppliers": ["Afonwy Surfacing Ltd"]},
        {"date": "2026-12-09", "lots": ["3"], "suppliers": ["Tarmac Cymru Cyf"]},
    ]
    several = award(suppliers=suppliers, award=REMOVE, awards=awards, lots=REMOVE)
    lines = check(tmp_path, notice_data(), several)
    told = "lot '3' is in no earlier notice of procurement ocds-h6vhtk-0a31c7 (its lots are 1, 2)"
    assert [line.split(": ", 1)[1] for line in lines] == [
        f"awards[1].lots[0]: {told} — use the lot ids of the notices this one follows"
    ]


def test_the_one_lot_of_a_procurement_without_lots_is_no_unknown_lot(tmp_path):
    """A procurement without lots is one lot: Find a Tender's award notices name it '1'
    (076972-2026, after a UK11 without lots); a second lot is still unknown."""
    tender = notice_data({"lots": REMOVE})
    one = award(**{"award.lots": ["1"], "lots": [{"id": "1"}]})
    assert check(tmp_path / "one", tender, one) == []
    two = award(**{"award.lots": ["1"], "lots": [{"id": "1"}, {"id": "2", "title": "Inland"}]})
    told = "lot '1' is in no earlier notice of procurement ocds-h6vhtk-0a31c7 (it has no lots)"
    assert any(told in line for line in check(tmp_path / "two", tender, two))


def test_an_award_before_the_tender_deadline_is_a_warning(tmp_path):
    early = award(published="2026-12-01T09:00:00+00:00")
    content = content_with(tmp_path, notice_data(), early)
    report = check_files(notice_files(content), content.parent)
    assert report.errors == ()
    [warning] = report.warnings
    at = line_of(tmp_path, "ACC-2026-0100", "published:")
    assert str(warning) == (
        f"content/notices/acc-2026-0100.md:{at}: warning: published: the award is dated "
        "2026-12-01T09:00:00+00:00, before the tender deadline 2026-12-04T12:00:00+00:00 of "
        "content/notices/acc-2026-0031.md — check both dates: tenders may arrive until the "
        "deadline, so an award comes after it"
    )


def test_the_build_refuses_what_check_refuses_and_only_warns_of_an_early_award(tmp_path):
    stray = cancellation(ocid="ocds-h6vhtk-0a31c8", find_a_tender=REMOVE)
    early = award(published="2026-12-01T09:00:00+00:00")
    content = content_with(tmp_path, notice_data(), stray, early)
    shown = {**AFTER_ALL, "NOTICES_FIND_A_TENDER_FIRST": "off"}  # the stray is not held
    result = pelican_build(content, tmp_path / "output", "--fatal", "errors", settings=shown)
    assert result.returncode == 1
    assert "ocid: no other notice of this site has ocid ocds-h6vhtk-0a31c8" in result.stdout
    assert "WARNING" in result.stdout and "the award is dated 2026-12-01" in result.stdout
    content = content_with(tmp_path / "again", notice_data(), early)
    result = pelican_build(
        content, tmp_path / "again-output", "--fatal", "errors", settings=AFTER_ALL
    )
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "again-output" / "notices" / "acc-2026-0100" / "index.html").is_file()


def test_the_sample_breaks_no_follow_up_rule():
    files = notice_files(CONTENT / "notices")
    report = check_files(files, CONTENT.parent)
    assert [p for p in report.problems if p.field in ("ocid", "buyer.id", "published")] == []


INVOKE = [sys.executable, "-m", "invoke"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The project's tasks and settings (the sample clock, 20 November 2026 12:00) with the
    factory tender as its only notice."""
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("plugins", "themes"):
        (tmp_path / name).symlink_to(ROOT / name)
    content_with(
        tmp_path, notice_data({"published": "2026-11-20T12:00:00+00:00", "changes": REMOVE})
    )
    return tmp_path


def new_after(project: Path, after: str, *args: str) -> tuple[str, dict[str, Any]]:
    result = subprocess.run(
        [*INVOKE, "new", "--type", "UK12", "--title", "Road salt stopped", "--after", after, *args],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    written = project / "content" / "notices" / "2026" / "road-salt-stopped.md"
    return result.stdout, yaml.safe_load(written.read_text(encoding="utf-8").split("---\n")[1])


def test_new_after_a_notice_file_copies_its_procurement_and_dates_it_with_it(project):
    """The tender is dated at the pinned clock: the follow-up at the same moment takes effect
    (notices of one moment are ordered by stage), and is built, not scheduled."""
    out, data = new_after(project, "content/notices/acc-2026-0031.md")
    assert data["published"] == "2026-11-20T12:00:00+00:00"
    assert data["ocid"] == "ocds-h6vhtk-0a31c7"
    assert data["buyer"] == notice_data()["buyer"]
    assert data["lots"] == [
        {"id": "1", "title": "North and the coast"},
        {"id": "2", "title": "South and the estuary"},
    ]
    assert out.startswith(
        "Wrote content/notices/2026/road-salt-stopped.md (published 2026-11-20T12:00:00+00:00: "
        "after ACC-2026-0031, whose ocid, buyer and lots it copies)\n"
    )


def test_new_after_a_notice_id_is_dated_at_the_clock_when_that_is_later(project, tmp_path):
    tender = project / "content" / "notices" / "acc-2026-0031.md"
    tender.write_text(notice_text(notice_data()), encoding="utf-8")  # published 26 October
    out, data = new_after(project, "ACC-2026-0031")
    assert data["published"] == "2026-11-20T12:00:00+00:00"
    assert data["ocid"] == "ocds-h6vhtk-0a31c7"
    assert "after ACC-2026-0031" in out and "reaches it" not in out


def test_new_after_an_unknown_notice_says_so(project):
    result = subprocess.run(
        [*INVOKE, "new", "--type", "UK12", "--title", "Stopped", "--after", "ACC-2026-9999"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    assert result.returncode == 2
    assert "--after ACC-2026-9999: no notice file, and no notice with that notice_id" in (
        result.stderr
    )
