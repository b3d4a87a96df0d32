"""Real Find a Tender notices (tests/data/real_notices/find-a-tender) import with what they
say where Find a Tender puts it: an award's scope on the award, a contract's period on the
contract, a termination, cancellation or change on the contract, the buyer among the parties."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from plugins.importer.command import import_files, import_releases, report_lines, run_watch
from plugins.importer.fetch import Portals
from plugins.importer.ocds_release import map_release
from plugins.importer.watch import updates_url
from tests.test_import_fetch import _package

FTS = Path(__file__).parent / "data" / "real_notices" / "find-a-tender"
SINCE = datetime(2026, 7, 1, tzinfo=UTC)


def front(release_id: str) -> dict[str, Any]:
    return map_release(release(release_id)).front


def test_a_below_threshold_contract_details_notice_passes_on_its_own(tmp_path):
    """West Sussex's UK7: the contract's period, the award's CPV code and category, and the
    release's 'below threshold', so it needs no earlier notice (Procurement Act s.87)."""
    notice = front("065396-2026")
    assert notice["notice_type"] == "UK7"
    assert notice["contract_period"] == {"start": date(2026, 6, 19), "end": date(2027, 6, 18)}
    assert (notice["cpv"], notice["category"]) == (["50410000"], "services")
    assert notice["above_threshold"] is False
    [outcome] = import_files([FTS / "065396-2026.json"], tmp_path / "content", tmp_path)
    assert outcome.passes, outcome.errors


def test_a_contract_award_notice_gives_its_scope_on_the_award():
    notice = front("071499-2026")
    assert notice["notice_type"] == "UK6"
    assert notice["cpv"] == ["71314000", "71314300"]
    assert notice["regions"] == ["UKG2"]
    assert notice["contract_period"] == {"start": date(2026, 9, 1), "end": date(2028, 8, 31)}


def test_a_termination_names_its_buyer_its_day_and_its_reason():
    """The UK11 names its buyer only among the parties; the reason is the buyer's words."""
    notice = front("071453-2026")
    assert notice["buyer"]["name"] == "North Northamptonshire Council"
    assert notice["buyer"]["id"] == "GB-PPON-PQCM-5634-HGCN"
    assert notice["termination"]["date"] == date(2026, 3, 12)
    assert notice["termination"]["reason"].startswith("The provider had given warranties")
    assert notice["summary"].startswith("The provider had given warranties")


def test_a_termination_without_words_gives_find_a_tenders_reason_code():
    assert front("071542-2026")["termination"]["reason"] == "contractCompleted"


def test_a_procurement_termination_and_a_contract_change_say_what_happened():
    stopped = front("065430-2026")["cancellation"]
    assert stopped["date"] == date(2026, 4, 22)
    assert stopped["reason"].startswith("Upon receiving some challenges")
    change = front("071478-2026")["modification"]
    assert change["grounds"] == "additionalGoodsServicesWorks"
    assert change["new_value"] == {"amount": 509195, "amount_gross": 611034, "currency": "GBP"}
    assert change["description"].startswith("Phase 4 is a continuation")


def test_a_tender_notice_gives_electronic_submission_and_its_lots_suitability():
    """SCAPE's competitive flexible UK4: electronic submission allowed (submissionTerms),
    every lot suitable for SMEs, and the deadline for requests to participate."""
    notice = front("065406-2026")
    assert notice["submission"]["methods"] == ["electronicSubmission"]
    assert notice["submission"]["details"].startswith("Lot 1, Midlands East: https://")
    assert notice["suitability"] == {"sme": True}
    closes = notice["deadlines"]["expression_of_interest"]
    assert closes.isoformat() == "2026-08-28T14:00:00+01:00"


def test_a_transparency_notice_gives_the_value_of_the_contract_it_will_award(tmp_path):
    """A UK5 comes before the award (Procurement Act s.44), so it has no award date: its
    award's value is the notice's value, and it passes without an award decision."""
    notice = front("065404-2026")
    assert notice["notice_type"] == "UK5"
    assert "award" not in notice and notice["value"]["amount"] == 173365.13
    assert notice["direct_award_justification"].startswith("The Supplier is the original")
    [outcome] = import_files([FTS / "065404-2026.json"], tmp_path / "content", tmp_path)
    assert outcome.passes, outcome.errors


def test_watching_a_buyer_finds_its_notices_among_find_a_tenders_pages(portal, tmp_path):
    """Two pages of real releases on loopback: North Northamptonshire's termination (a
    release naming its buyer only among the parties) is kept, the others' are dropped."""
    base, replay = portal
    first = updates_url(Portals(base, base), SINCE).removeprefix(base)
    page_1 = [release(n) for n in ("065396-2026", "071453-2026")]
    page_2 = [release(n) for n in ("071499-2026", "065430-2026")]
    replay.answers[first] = [(200, {}, _package(base, page_1, f"{first}&cursor=MTAw"))]
    replay.answers[f"{first}&cursor=MTAw"] = [(200, {}, _package(base, page_2))]
    lines = run_watch("PQCM-5634-HGCN", SINCE, tmp_path / "content", tmp_path, Portals(base, base))
    assert replay.requests == [first, f"{first}&cursor=MTAw"]
    assert lines[-1] == "1 release(s) imported into 1 notice file(s); 1 pass invoke check"
    [written] = (tmp_path / "content" / "notices").rglob("*.md")
    assert "notice_type: UK11" in written.read_text(encoding="utf-8")


def test_an_update_whose_notice_is_not_on_the_site_is_not_written_as_half_a_notice(tmp_path):
    """A tenderUpdate gives only what changed: alone it would be a tender notice without its
    procedure, places or deadline. Nothing is written, and the terminal says what to import
    first; it still counts as a notice that fails."""
    update = release("065395-2026")
    assert update["tag"] == ["tenderUpdate"]
    [outcome] = import_releases([(update, "065395-2026")], tmp_path / "content", tmp_path)
    assert list((tmp_path / "content" / "notices").rglob("*.md")) == []
    assert outcome.written.action == "not written" and not outcome.passes
    assert list(report_lines([outcome], tmp_path)) == [
        "not written: the release in 065395-2026 updates the UK4 notice of procurement"
        " ocds-h6vhtk-068249, which is not on this site, and alone fails invoke check: import"
        " that notice first with invoke import --source <its Find a Tender notice id or"
        " release file> (Find a Tender lists it under ocid ocds-h6vhtk-068249), then this"
        " release again",
        "1 release(s) imported into 1 notice file(s); 0 pass invoke check",
    ]


def test_an_update_after_its_notice_is_a_change_on_it(tmp_path):
    """Imported after the notice it updates (here the same release, as first published), the
    update is written as a change entry on that notice's file."""
    update = release("065395-2026")
    original = {**update, "tag": ["tender"], "id": "065000-2026", "date": "2026-07-01T09:00:00Z"}
    original["tender"] = {**update["tender"], "title": "As first published"}
    pairs = [(original, "original"), (update, "065395-2026")]
    outcomes = import_releases(pairs, tmp_path / "content", tmp_path)
    assert [o.written.action for o in outcomes] == ["new", "changed"]
    [written] = (tmp_path / "content" / "notices").rglob("*.md")
    assert "field: title" in written.read_text(encoding="utf-8")


def release(release_id: str) -> dict[str, Any]:
    return json.loads((FTS / f"{release_id}.json").read_text(encoding="utf-8"))
