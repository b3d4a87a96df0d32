"""Several award decisions in one notice (``awards``): the check, the page in English and
Welsh, the open data (one OCDS award per decision) and the importer's reading of Find a
Tender's contract award notices that give one award per lot."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from plugins.importer.ocds_release import map_release
from plugins.importer.sources import releases_in
from plugins.notices.derive import awards_total, main_value
from plugins.notices.model import Money
from plugins.notices.parse import build_notice
from plugins.notices.rules import rule_problems
from plugins.notices.schema import schema_problems
from plugins.ocds.package import ocds_path_for
from tests.checks.ocds import ocds_problems
from tests.notice_factory import REMOVE, notice_data, notice_text, source_of
from tests.sites import pelican_build
from tests.theme_pages import page

SUPPLIERS = [
    {"name": "Afonwy Surfacing Ltd", "id": "GB-COH-01234567", "sme": True},
    {"name": "Tarmac Cymru Cyf", "id": "GB-COH-07654321"},
]
# A UK6 awarding each of the factory tender's two lots to its own supplier.
SEVERAL = {
    "notice_type": "UK6",
    "notice_id": "ACC-2026-0032",
    "published": "2026-11-18T09:00:00+00:00",
    "title": "Highway resurfacing framework 2027 to 2031: contract award",
    "deadlines": {"tender": "2026-11-06T12:00:00+00:00"},
    "suppliers": SUPPLIERS,
    "awards": [
        {
            "date": "2026-11-17",
            "lots": ["1"],
            "suppliers": ["Afonwy Surfacing Ltd"],
            "value": {"amount": 9400000, "currency": "GBP"},
            "standstill_end": "2026-11-28T23:59:00+00:00",
            "status": "pending",
        },
        {
            "date": "2026-11-17",
            "lots": ["2"],
            "suppliers": ["Tarmac Cymru Cyf"],
            "value": {"amount": 7650000, "currency": "GBP"},
            "status": "active",
        },
    ],
    **dict.fromkeys(("submission", "suitability", "changes", "value"), REMOVE),
}
PAGE = "notices/resurfacing-awards/"
FIND_A_TENDER = Path(__file__).parent / "data/real_notices/find-a-tender"


def _data(overrides: dict[str, Any]) -> dict[str, Any]:
    """The factory notice with ``overrides`` (copied: an override inside ``awards`` must not
    change SEVERAL)."""
    return notice_data({k: v if v is REMOVE else copy.deepcopy(v) for k, v in overrides.items()})


def _problems(overrides: dict[str, Any]) -> list[str]:
    """Schema and rule problems, one line each."""
    data = _data(overrides)
    found = schema_problems(source_of(data)) + rule_problems(source_of(data))
    return [str(problem) for problem in found]


def test_a_notice_gives_several_awards_each_with_its_lots_and_suppliers() -> None:
    assert _problems(SEVERAL) == []
    notice = build_notice(_data(SEVERAL), "notice.md", "notice")
    first, second = notice.awards
    assert notice.award is None  # several decisions: no one award
    assert (first.lots, first.suppliers, first.status) == (
        ("1",),
        ("Afonwy Surfacing Ltd",),
        "pending",
    )
    assert second.value == Money(Decimal(7650000))
    assert awards_total(notice) == main_value(notice) == Money(Decimal(17050000))


def test_one_award_is_still_given_as_award() -> None:
    one = {**SEVERAL, "awards": REMOVE, "award": {"date": "2026-11-17", "lots": ["1", "2"]}}
    assert _problems(one) == []
    notice = build_notice(_data(one), "notice.md", "notice")
    assert notice.award is not None and notice.award.lots == ("1", "2")


def test_an_awards_lot_must_be_one_of_the_notices() -> None:
    (line,) = _problems({**SEVERAL, "awards.1.lots": ["3"]})
    assert "awards[1].lots[0]: lot '3' is not one of this notice's lots (1, 2)" in line
    assert "use the id of a lot in 'lots'" in line and "\n" not in line


def test_an_awards_supplier_must_be_one_of_the_notices() -> None:
    (line,) = _problems({**SEVERAL, "awards.0.suppliers": ["Afonwy Surfacing"]})
    assert "awards[0].suppliers[0]: 'Afonwy Surfacing' is not one of the notice's suppliers" in line


def test_award_and_awards_are_not_both_given() -> None:
    (line,) = _problems({**SEVERAL, "award": {"date": "2026-11-17"}})
    assert "awards: the notice gives both 'award' and 'awards'" in line


def test_each_awards_value_is_checked_as_any_value() -> None:
    (line,) = _problems({**SEVERAL, "awards.0.value": {"amount": 10, "amount_gross": 5}})
    assert "awards[0].value.amount_gross: the amount including VAT is less" in line
    (line,) = _problems({**SEVERAL, "awards.1.value": {"amount": 10, "currency": "XYZ"}})
    assert "awards[1].value.currency: 'XYZ' is not an ISO 4217 currency" in line


def test_awards_belong_only_in_an_award_notice() -> None:
    lines = _problems({"awards": SEVERAL["awards"], "suppliers": SUPPLIERS})
    belong = "awards: 'awards' does not belong in a UK4 tender notice — remove it: it belongs"
    assert any(belong in line for line in lines), lines


def test_no_total_when_awards_share_a_lot() -> None:
    shared = {**SEVERAL, "awards.1.lots": ["1"]}
    notice = build_notice(_data(shared), "notice.md", "notice")
    assert awards_total(notice) is None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("awards")
    notices = root / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    text = notice_text(_data(SEVERAL))
    (notices / "resurfacing-awards.md").write_text(text, encoding="utf-8")
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout
    return root / "output"


def _rows(output: Path, path: str) -> tuple[list[str], list[list[str]]]:
    table = page(output, path).select_one("#notice-awards + table")
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in table.tbody("tr")]
    return heads, rows


def test_the_page_has_a_table_of_the_awards(built: Path) -> None:
    heads, rows = _rows(built, PAGE)
    assert heads == [
        "Award",
        "Lots",
        "Suppliers",
        "Value",
        "Award date",
        "Standstill period ends",
        "Status",
    ]
    assert rows[0][:5] == [
        "1",
        "1",
        "Afonwy Surfacing Ltd",
        "£9,400,000 excluding VAT",
        "17 November 2026",
    ]
    assert rows[0][6] == "In standstill"
    assert rows[1][5:] == ["Not given", "Awarded"]
    table = page(built, PAGE).select_one("#notice-awards + table")
    assert table["aria-labelledby"] == "notice-awards"
    assert all(th["scope"] == "row" for th in table.tbody.select("th"))


def test_the_welsh_page_says_it_in_welsh(built: Path) -> None:
    heads, rows = _rows(built, "cy/" + PAGE)
    assert heads[:3] == ["Dyfarniad", "Lotiau", "Cyflenwyr"]
    assert [row[-1] for row in rows] == ["Yn y cyfnod segur", "Wedi'i ddyfarnu"]


def test_the_open_data_gives_one_award_per_decision(built: Path) -> None:
    assert ocds_problems(built) == []
    package = json.loads((built / ocds_path_for(notice_data()["ocid"])).read_text("utf-8"))
    (release,) = package["releases"]
    awards = release["awards"]
    assert [a["id"] for a in awards] == ["ACC-2026-0032-1", "ACC-2026-0032-2"]
    assert [a["relatedLots"] for a in awards] == [["1"], ["2"]]
    assert [a["value"]["amount"] for a in awards] == [9400000, 7650000]
    assert [a["status"] for a in awards] == ["pending", "active"]
    assert [[s["name"] for s in a["suppliers"]] for a in awards] == [
        ["Afonwy Surfacing Ltd"],
        ["Tarmac Cymru Cyf"],
    ]
    suppliers = [p["name"] for p in release["parties"] if "supplier" in p["roles"]]
    assert suppliers == ["Afonwy Surfacing Ltd", "Tarmac Cymru Cyf"]


def test_notices_json_gives_the_awards_total(built: Path) -> None:
    listed = json.loads((built / "notices.json").read_text("utf-8"))
    (entry,) = [e for e in listed["notices"] if e["id"] == "ACC-2026-0032"]
    assert entry["value"]["amount"] in ("17050000", 17050000)


def test_find_a_tenders_award_per_lot_is_imported_as_awards() -> None:
    (release,) = releases_in(FIND_A_TENDER / "075879-2026.json")
    front = map_release(release).front
    assert "award" not in front
    assert [(a["lots"], a["suppliers"], a["value"]["amount"]) for a in front["awards"]] == [
        (["1"], ["Northern Diver (International) Limited"], 12091667),
        (["2"], ["JFD Limited"], 22650000),
        (["3"], ["JFD Limited"], 16055000),
        (["4"], ["JFD Limited"], 13589167),
    ]
    assert {a["status"] for a in front["awards"]} == {"active"}
    assert [s["name"] for s in front["suppliers"]] == [
        "Northern Diver (International) Limited",
        "JFD Limited",
    ]


def test_an_award_of_no_supplier_is_left_out_and_said() -> None:
    (release,) = releases_in(FIND_A_TENDER / "076398-2026.json")
    imported = map_release(release)
    assert [a["lots"] for a in imported.front["awards"]] == [["1"], ["3"]]
    assert "award -1: the award has no date" in imported.unmapped


def test_awards_left_out_are_said_in_one_line() -> None:
    (release,) = releases_in(FIND_A_TENDER / "071472-2026.json")
    imported = map_release(release)
    assert "award" not in imported.front and "awards" not in imported.front
    said = [line for line in imported.unmapped if line.startswith("award ")]
    assert said == ["award 1, 2, 3, 4, 5… (127 awards): the award has no date"]
