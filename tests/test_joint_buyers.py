"""Several buyers: a joint procurement's other buyers, and a central purchasing body buying for
others, as the front matter gives them and the check judges them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.notices.buyers_text import buyers_text
from plugins.notices.followup_scaffold import find_predecessor, followup_fields
from plugins.notices.model import Address, JointBuyer, NoticeType
from plugins.notices.parse import build_notice
from plugins.notices.scaffold import scaffold
from plugins.notices.schema import schema_problems
from tests.notice_factory import notice_data, notice_text, source_of
from tests.rules_support import only, problems

TWO_OTHERS = [
    {
        "name": "Cyngor Sir Penfro",
        "id": "GB-PPON-PBZT-3345-LMNA",
        "url": "https://www.penfro.gov.uk",
        "address": {"locality": "Hwlffordd", "postcode": "SA61 1TP"},
    },
    {"name": "Bwrdd Iechyd Afonwy"},
]


def _schema(overrides: dict[str, Any]) -> list[str]:
    return [str(p) for p in schema_problems(source_of(notice_data(overrides)))]


def _notice(overrides: dict[str, Any]) -> Any:
    return build_notice(notice_data(overrides), "notice.md", "notice")


def test_a_notice_may_name_other_buyers_and_a_central_purchasing_body() -> None:
    overrides = {"joint_buyers": TWO_OTHERS, "buyer.central_purchasing_body": True}
    assert _schema(overrides) == []
    assert problems(overrides) == []
    notice = _notice(overrides)
    assert notice.buyer.central_purchasing_body is True
    assert notice.joint_buyers == (
        JointBuyer(
            "Cyngor Sir Penfro",
            "GB-PPON-PBZT-3345-LMNA",
            "https://www.penfro.gov.uk",
            Address(locality="Hwlffordd", postcode="SA61 1TP"),
        ),
        JointBuyer("Bwrdd Iechyd Afonwy"),
    )


def test_a_notice_without_them_reads_as_before() -> None:
    notice = _notice({})
    assert (notice.joint_buyers, notice.buyer.central_purchasing_body) == ((), False)


@pytest.mark.parametrize("notice_type", ["UK1", "UK4", "UK6", "UK12"])
def test_every_notice_type_may_name_them(notice_type: str) -> None:
    overrides = {"notice_type": notice_type, "joint_buyers": TWO_OTHERS}
    assert not [p for p in problems(overrides) if p.field.startswith("joint_buyers")]


def test_a_joint_buyer_with_a_bad_id_is_one_plain_line() -> None:
    found = _schema({"joint_buyers": [{"name": "Cyngor Sir Penfro", "id": "PPON 12345"}]})
    assert len(found) == 1
    assert "joint_buyers[0].id: 'PPON 12345' is not in the expected form" in found[0]
    assert "SCHEME-ID" in found[0]
    assert "\n" not in found[0]


def test_a_joint_buyer_needs_a_name() -> None:
    (found,) = _schema({"joint_buyers": [{"id": "GB-PPON-PBZT-3345-LMNA"}]})
    assert "joint_buyers[0].name: this required field is missing" in found


def test_the_buyer_itself_is_not_a_joint_buyer() -> None:
    by_id = only({"joint_buyers": [{"name": "Afonwy CC", "id": "GB-PPON-PQRT-4821-WXYZ"}]})
    by_name = only({"joint_buyers": [{"name": "Afonwy County Council."}]})
    for problem in (by_id, by_name):
        assert problem.field == "joint_buyers[0]"
        assert "is the buyer who publishes the notice" in problem.message
        assert "list only the other buyers" in problem.fix


def test_a_joint_buyer_is_listed_once() -> None:
    problem = only({"joint_buyers": [*TWO_OTHERS, {"name": "Cyngor Sir Penfro"}]})
    assert problem.field == "joint_buyers[2]"
    assert problem.message == "'Cyngor Sir Penfro' is listed twice (also at joint_buyers[0])"
    same_id = [{"name": "Pembrokeshire", "id": "GB-PPON-PBZT-3345-LMNA"}]
    assert only({"joint_buyers": [*TWO_OTHERS, *same_id]}).field == "joint_buyers[2]"


def test_central_purchasing_body_is_true_or_false() -> None:
    (found,) = _schema({"buyer.central_purchasing_body": "yes"})
    assert "buyer.central_purchasing_body: this should be true or false" in found


def test_a_follow_up_copies_the_other_buyers(tmp_path: Path) -> None:
    tender = notice_data({"joint_buyers": TWO_OTHERS, "buyer.central_purchasing_body": True})
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices" / "tender.md").write_text(notice_text(tender), encoding="utf-8")
    predecessor = find_predecessor("ACC-2026-0031", tmp_path / "notices", tmp_path)
    copied = followup_fields(predecessor)
    clock = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    text = scaffold(NoticeType.UK12, "Resurfacing stopped", clock, **copied)
    written = yaml.safe_load(text.split("---\n")[1])
    assert written["joint_buyers"] == TWO_OTHERS
    assert written["buyer"]["central_purchasing_body"] is True


def test_the_buyers_line_says_who_buys_with_or_for_whom() -> None:
    alone = _notice({})
    joint = _notice({"joint_buyers": [{"name": "Cyngor Sir Penfro"}, {"name": "Bwrdd Iechyd"}]})
    central = _notice({"buyer.central_purchasing_body": True})
    for_others = _notice(
        {"buyer.central_purchasing_body": True, "joint_buyers": [{"name": "Cyngor Sir Penfro"}]}
    )
    name = alone.buyer.name
    assert buyers_text(alone, "en") == buyers_text(alone, "cy") == name
    assert buyers_text(joint, "en") == f"{name}, jointly with Cyngor Sir Penfro, Bwrdd Iechyd"
    assert buyers_text(joint, "cy") == (
        f"{name}, ar y cyd â'r prynwyr hyn: Cyngor Sir Penfro, Bwrdd Iechyd"
    )
    assert buyers_text(central, "en") == f"{name} (central purchasing body)"
    assert buyers_text(central, "cy") == f"{name} (corff prynu canolog)"
    assert buyers_text(for_others, "en") == (
        f"{name} (central purchasing body), on behalf of Cyngor Sir Penfro"
    )
    assert buyers_text(for_others, "cy") == (
        f"{name} (corff prynu canolog), ar ran y prynwyr hyn: Cyngor Sir Penfro"
    )
