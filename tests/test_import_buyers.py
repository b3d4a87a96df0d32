"""Importing real releases with several buyers, or a central purchasing body: the lead stays
the buyer, the others become joint_buyers, and the notice passes the check as far as they go."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plugins.importer.command import import_files
from plugins.importer.existing import front_and_body
from plugins.importer.ocds_release import map_release

CORPUS = Path(__file__).parent / "data" / "real_notices"
EDINBURGH = CORPUS / "public-contracts-scotland" / "SRel23.json"  # six councils together
CEREDIGION = CORPUS / "sell2wales" / "WRel35.json"  # a council and a health board
SCOTLAND_EXCEL = CORPUS / "public-contracts-scotland" / "SRel33.json"  # a central purchasing body


def _front(path: Path) -> dict[str, Any]:
    return map_release(json.loads(path.read_text(encoding="utf-8"))).front


def test_the_lead_stays_the_buyer_and_the_others_follow_in_order() -> None:
    front = _front(EDINBURGH)
    assert front["buyer"]["name"] == "The City of Edinburgh Council"
    assert [b["name"] for b in front["joint_buyers"]] == [
        "West Lothian Council",
        "Midlothian Council",
        "East Lothian Council",
        "Scottish Borders Council",
        "Fife Council",
    ]
    west_lothian = front["joint_buyers"][0]
    assert west_lothian["address"]["postcode"] == "EH54 6FF"
    assert "id" not in west_lothian  # the portal gives no organisation identifier


def test_two_buyers_of_a_welsh_notice() -> None:
    front = _front(CEREDIGION)
    assert front["buyer"]["name"] == "Cyngor Sir Ceredigion County Council"
    assert [b["name"] for b in front["joint_buyers"]] == ["Hywel Dda University Health Board"]
    assert "central_purchasing_body" not in front["buyer"]


def test_a_central_purchasing_body_is_said_so() -> None:
    front = _front(SCOTLAND_EXCEL)
    assert front["buyer"]["name"] == "Scotland Excel"
    assert front["buyer"]["central_purchasing_body"] is True
    assert "joint_buyers" not in front


def test_a_buyer_party_repeating_the_buyer_is_left_out_and_said() -> None:
    release = json.loads(CEREDIGION.read_text(encoding="utf-8"))
    lead = next(p for p in release["parties"] if p["id"] == release["buyer"]["id"])
    release["parties"].append({**lead, "id": "org-99", "name": lead["name"].upper()})
    mapped = map_release(release)
    assert [b["name"] for b in mapped.front["joint_buyers"]] == [
        "Hywel Dda University Health Board"
    ]
    assert any(
        note.startswith("joint_buyers: the buyer party 'org-99'") for note in mapped.unmapped
    )


@pytest.mark.parametrize("release", [EDINBURGH, CEREDIGION, SCOTLAND_EXCEL])
def test_the_written_notice_keeps_them_and_the_check_accepts_them(
    tmp_path: Path, release: Path
) -> None:
    (outcome,) = import_files([release], tmp_path / "content", tmp_path)
    read = front_and_body(outcome.written.path.read_text(encoding="utf-8"))
    assert read is not None
    assert read[0].get("joint_buyers") == _front(release).get("joint_buyers")
    assert [p for p in outcome.errors if "buyer" in p.field] == []
