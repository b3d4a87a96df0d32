"""Find a Tender's real contract performance (UK9) and dynamic market (UK13, UK15) releases
import with their KPIs, their market's period and conditions, and the suppliers a
modification admits or removes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from plugins.importer.command import import_files
from plugins.importer.notice_type import notice_type
from plugins.importer.ocds_release import map_release

FTS = Path(__file__).parent / "data" / "real_notices" / "find-a-tender"


def release(release_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FTS / f"{release_id}.json").read_text(encoding="utf-8"))
    return data


def test_a_performance_notice_gives_each_kpi_as_assessed() -> None:
    imported = map_release(release("076113-2026"))
    front = imported.front
    assert (front["notice_type"], front["contract"]) == ("UK9", {"id": "1"})
    first, *rest = front["performance"]["assessments"]
    assert first["kpi"].startswith("Percentage of time during a month (24/7/365)")
    assert (
        first["target"]
        == "97% or above for both resilient connections and single connections (aggregated)"
    )
    assert (first["start"], first["end"]) == ("2026-04-01", "2026-06-30")
    assert (first["measure"], first["rating"]) == ("99.7%", "good")
    assert len(rest) == 3


def test_a_kpi_close_to_its_target_is_rated_approaching_target() -> None:
    assessments = map_release(release("076141-2026")).front["performance"]["assessments"]
    assert [a["rating"] for a in assessments] == ["good", "approaching_target", "good", "good"]
    assert assessments[1]["target"] == "100%- 3 rounds of feedback"  # quotes and tab dropped


def test_an_intention_notice_gives_the_market_its_period_and_conditions() -> None:
    imported = map_release(release("075868-2026"))
    front = imported.front
    market = front["dynamic_market"]
    assert (market["start"], market["end"]) == ("2026-08-10", "2039-08-09")
    assert market["conditions"].startswith("Applicants must meet the legal and financial capacity")
    assert "technical ability Conditions of Membership" in market["conditions"]
    # "Dynamic market" is the notice's type, and its application period the market's
    assert "procedure" not in front and "deadlines" not in front
    assert not [note for note in imported.unmapped if "techniques" in note or "procedure" in note]


def test_a_market_without_an_end_has_none() -> None:
    """Find a Tender writes 'no end' as durationInDays 1e9999."""
    assert map_release(release("075788-2026")).front["dynamic_market"] == {"start": "2026-08-17"}


def test_each_modification_is_its_own_notice_naming_who_joined_or_left(tmp_path: Path) -> None:
    files = [FTS / f"07147{n}-2026.json" for n in (0, 1, 2)]
    outcomes = import_files(files, tmp_path / "content", tmp_path)
    assert [o.written.action for o in outcomes] == ["new", "new", "new"]
    assert all(o.passes for o in outcomes), [o.errors for o in outcomes]
    removal = map_release(release("071470-2026")).front["dynamic_market"]
    assert removal == {
        "removed": [{"name": "BABCOCK LAND DEFENCE LIMITED", "id": "GB-PPON-PTCY-7736-BDCJ"}]
    }
    admission = map_release(release("071471-2026")).front
    assert admission["dynamic_market"]["added"] == [
        {"name": "IPROSURV LIMITED", "id": "GB-PPON-PVMQ-9719-YPPH"}
    ]
    assert "suppliers" not in admission


def test_a_payment_report_has_no_place_in_the_format() -> None:
    report = copy.deepcopy(release("076113-2026"))
    report["contracts"][0]["documents"][0]["noticeType"] = "UK17"
    kind, how = notice_type(report)
    assert kind is None
    assert how == "notice type UK17 has no place in the format (UK1 to UK7, UK9 to UK16)"
