"""Several buyers in a real build: the notice page in English and Welsh, each buyer's page,
feed and calendar, and the open data's parties."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import feedparser
import pytest
from babel.messages.pofile import read_po

from plugins.ocds.package import ocds_path_for
from tests.checks.ocds import ocds_problems
from tests.notice_factory import notice_data, notice_text
from tests.sites import pelican_build
from tests.theme_pages import page, summary

JOINT = "notices/joint-resurfacing/"
CENTRAL = "notices/central-framework/"
OTHERS = [
    {
        "name": "Cyngor Sir Penfro",
        "id": "GB-PPON-PBZT-3345-LMNA",
        "url": "https://www.penfro.gov.uk",
        "address": {"locality": "Hwlffordd", "postcode": "SA61 1TP"},
    },
    {"name": "Bwrdd Iechyd Afonwy"},
]
JOINT_OCID = "ocds-h6vhtk-0a31c7"
CENTRAL_OCID = "ocds-h6vhtk-0c4d21"
WELSH_THEME = Path(__file__).parent.parent / "plugins/notices/locale/cy/LC_MESSAGES/theme.po"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("buyers")
    notices = root / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    joint = notice_data({"joint_buyers": OTHERS})
    (notices / "joint-resurfacing.md").write_text(notice_text(joint), encoding="utf-8")
    central = notice_data(
        {
            "notice_id": "ACC-2026-0032",
            "ocid": CENTRAL_OCID,
            "find_a_tender.notice_id": "031878-2026",
            "find_a_tender.url": "https://www.find-tender.service.gov.uk/Notice/031878-2026",
            "title": "Vehicle hire framework for Afonwy's public bodies",
            "buyer.central_purchasing_body": True,
        }
    )
    (notices / "central-framework.md").write_text(notice_text(central), encoding="utf-8")
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout
    return root / "output"


def _others(soup, label: str) -> list[str]:
    rows = soup.select("#notice-key-facts + dl .summary-list__row")
    found = [row for row in rows if row.dt.get_text().strip() == label]
    return [" ".join(li.get_text().split()) for li in found[0].select("li")] if found else []


def test_the_page_lists_the_other_buyers_after_the_buyer(built: Path) -> None:
    soup = page(built, JOINT)
    labels = [row.dt.get_text().strip() for row in soup.select(".summary-list__row")]
    assert labels.index("Other buyers") == labels.index("Buyer") + 1
    assert _others(soup, "Other buyers") == ["Cyngor Sir Penfro", "Bwrdd Iechyd Afonwy"]
    assert soup.select_one('a[href="https://www.penfro.gov.uk"]').get_text() == "Cyngor Sir Penfro"
    assert "Central purchasing body" not in summary(soup)["Buyer"]


def test_the_page_says_when_the_buyer_is_a_central_purchasing_body(built: Path) -> None:
    facts = summary(page(built, CENTRAL))
    assert facts["Buyer"].startswith("Afonwy County Council Central purchasing body")
    assert "Other buyers" not in facts and "Other buyer" not in facts


def test_the_welsh_page_says_it_in_welsh(built: Path) -> None:
    soup = page(built, "cy/" + JOINT)
    assert _others(soup, "Prynwyr eraill") == ["Cyngor Sir Penfro", "Bwrdd Iechyd Afonwy"]
    assert "Corff prynu canolog" in summary(page(built, "cy/" + CENTRAL))["Prynwr"]


def test_one_other_buyer_is_named_in_the_singular() -> None:
    with WELSH_THEME.open("rb") as file:
        welsh = read_po(file, locale="cy")
    forms = welsh.get(("Other buyer", "Other buyers")).string
    assert welsh.num_plurals == 6 and forms[1] == "Prynwr arall"
    assert set(forms) - {forms[1]} == {"Prynwyr eraill"}


def test_each_joint_buyer_lists_the_notice_in_its_page_feed_and_calendar(built: Path) -> None:
    for slug in ("cyngor-sir-penfro", "bwrdd-iechyd-afonwy", "afonwy-county-council"):
        listing = page(built, f"buyer/{slug}/")
        assert listing.select_one(f'a[href$="/{JOINT}"]') is not None, slug
        feed = feedparser.parse((built / "feeds" / "buyer" / f"{slug}.atom").read_bytes())
        assert [entry.link.endswith(JOINT) for entry in feed.entries].count(True) == 1
        assert (built / "calendar" / "buyer" / f"{slug}.ics").exists()
    assert page(built, "buyer/cyngor-sir-penfro/").select_one("h1").get_text(" ").count("Penfro")
    assert page(built, "buyer/cyngor-sir-penfro/").select_one(f'a[href$="/{CENTRAL}"]') is None


def test_the_open_data_names_every_buyer_as_a_party(built: Path) -> None:
    assert ocds_problems(built) == []
    package = json.loads((built / ocds_path_for(JOINT_OCID)).read_text(encoding="utf-8"))
    release = package["releases"][-1]  # the notice as changed last
    buyers = [party for party in release["parties"] if "buyer" in party["roles"]]
    assert release["buyer"] == {"id": "GB-PPON-PQRT-4821-WXYZ", "name": "Afonwy County Council"}
    assert [party["name"] for party in buyers] == [
        "Afonwy County Council",
        "Cyngor Sir Penfro",
        "Bwrdd Iechyd Afonwy",
    ]
    penfro, health_board = buyers[1:]
    assert penfro["id"] == "GB-PPON-PBZT-3345-LMNA"
    assert penfro["identifier"] == {
        "scheme": "GB-PPON",
        "id": "PBZT-3345-LMNA",
        "legalName": "Cyngor Sir Penfro",
    }
    assert penfro["address"]["postalCode"] == "SA61 1TP"
    assert penfro["contactPoint"] == {"url": "https://www.penfro.gov.uk"}
    assert health_board == {
        "id": "buyer-bwrdd-iechyd-afonwy",
        "name": "Bwrdd Iechyd Afonwy",
        "roles": ["buyer"],
    }
    assert all(party["roles"] == ["buyer"] for party in buyers)


def test_a_central_purchasing_body_has_its_role(built: Path) -> None:
    package = json.loads((built / ocds_path_for(CENTRAL_OCID)).read_text(encoding="utf-8"))
    release = package["releases"][-1]  # the notice as changed last
    (buyer,) = [party for party in release["parties"] if "buyer" in party["roles"]]
    assert buyer["roles"] == ["buyer", "centralPurchasingBody"]


def test_notices_json_and_the_csv_name_the_other_buyers(built: Path) -> None:
    entries = json.loads((built / "notices.json").read_text(encoding="utf-8"))["notices"]
    joint = next(e for e in entries if e["url"].endswith(JOINT) and e["language"] == "en")
    central = next(e for e in entries if e["url"].endswith(CENTRAL) and e["language"] == "en")
    assert joint["joint_buyers"] == [
        {"name": "Cyngor Sir Penfro", "id": "GB-PPON-PBZT-3345-LMNA"},
        {"name": "Bwrdd Iechyd Afonwy", "id": None},
    ]
    assert joint["buyer"]["central_purchasing_body"] is False
    assert central["buyer"]["central_purchasing_body"] is True and central["joint_buyers"] == []
    with (built / "notices.csv").open(encoding="utf-8-sig", newline="") as table:
        rows = {row["url"]: row for row in csv.DictReader(table)}
    assert rows[joint["url"]]["joint_buyers"] == (
        "Cyngor Sir Penfro (GB-PPON-PBZT-3345-LMNA); Bwrdd Iechyd Afonwy"
    )
    assert rows[joint["url"]]["buyer_central_purchasing_body"] == "false"
    assert rows[central["url"]]["buyer_central_purchasing_body"] == "true"
    assert rows[central["url"]]["joint_buyers"] == ""


JOINTLY = "Afonwy County Council, jointly with Cyngor Sir Penfro, Bwrdd Iechyd Afonwy"
JOINTLY_CY = (
    "Afonwy County Council, ar y cyd â'r prynwyr hyn: Cyngor Sir Penfro, Bwrdd Iechyd Afonwy"
)


def _feed_summary(built: Path, feed: str, link_end: str) -> str:
    parsed = feedparser.parse((built / "feeds" / feed).read_bytes())
    (entry,) = [entry for entry in parsed.entries if entry.link.endswith(link_end)]
    return " ".join(entry.summary.split())


def _calendar_text(built: Path, calendar: str) -> str:
    folded = (built / "calendar" / calendar).read_bytes().decode("utf-8")
    return folded.replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")


def test_a_joint_buyers_feed_calendar_and_page_name_the_buyers_it_buys_with(built: Path) -> None:
    summary_text = _feed_summary(built, "buyer/cyngor-sir-penfro.atom", JOINT)
    assert f"Buyer: {JOINTLY}" in summary_text
    assert f"from {JOINTLY}" in _calendar_text(built, "buyer/cyngor-sir-penfro.ics")
    listing = page(built, "buyer/cyngor-sir-penfro/")
    assert JOINTLY in " ".join(listing.select_one(".notice-list__item").get_text().split())
    feed = feedparser.parse((built / "feeds/buyer/cyngor-sir-penfro.atom").read_bytes())
    assert feed.feed.subtitle == "Notices of Cyngor Sir Penfro, alone or jointly with other buyers."


def test_a_central_purchasing_body_buys_on_behalf_of_others(built: Path) -> None:
    line = "Afonwy County Council (central purchasing body)"
    assert f"Buyer: {line}" in _feed_summary(built, "buyer/afonwy-county-council.atom", CENTRAL)
    assert f"from {line}" in _calendar_text(built, "buyer/afonwy-county-council.ics")


def test_the_welsh_feed_calendar_and_page_say_it_in_welsh(built: Path) -> None:
    listing = page(built, "cy/buyer/cyngor-sir-penfro/")
    items = [" ".join(item.get_text().split()) for item in listing.select(".notice-list__item")]
    assert any(JOINTLY_CY in item for item in items)
    assert JOINTLY_CY in _calendar_text(built, "../cy/calendar/buyer/cyngor-sir-penfro.ics")


def test_the_announcements_carry_the_buyers_in_each_language(built: Path) -> None:
    items = json.loads((built / "announcements.json").read_text(encoding="utf-8"))["announcements"]
    joint = next(item for item in items if item["notice"]["url"].endswith(JOINT))
    assert joint["notice"]["joint_buyers"][0] == {
        "name": "Cyngor Sir Penfro",
        "id": "GB-PPON-PBZT-3345-LMNA",
    }
    assert joint["notice"]["central_purchasing_body"] is False
    assert joint["facts"]["buyers"] == JOINTLY
    (welsh,) = [version for version in joint["versions"] if version["language"] == "cy"]
    assert welsh["buyers"] == JOINTLY_CY
    central = next(item for item in items if item["notice"]["url"].endswith(CENTRAL))
    assert central["facts"]["buyers"] == "Afonwy County Council (central purchasing body)"
