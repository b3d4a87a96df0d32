"""Find a Tender's real contract performance (UK9) and dynamic market (UK13, UK15) notices,
imported and built as `invoke build` does: their pages in English and Welsh, their OCDS as
Find a Tender publishes them, valid against core and the declared extensions, and their
announcements."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from plugins.importer.command import import_files
from plugins.ocds import extensions
from tests.checks.html import nu_problems
from tests.checks.ocds import ocds_problems
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.sites import pelican_build
from tests.test_rules_performance_and_markets import ASSESSMENT, UK9

FTS = Path(__file__).parent / "data" / "real_notices" / "find-a-tender"
# UK9: 076113, 076141; UK13: 075788, 075868, 076129, 076958; UK15: 071470 to 071472.
RELEASES = (
    "076113-2026",
    "076141-2026",
    "075788-2026",
    "075868-2026",
    "076129-2026",
    "076958-2026",
    "071470-2026",
    "071471-2026",
    "071472-2026",
)
PERFORMANCE = "further-education-network-connectivity-and-cyber-security-services-fenccss"
MARKET = "qualifying-utilities-dynamic-market-qudm-for-the-provision-of-small-franchised"
MODIFIED = "space-technology-solutions"
BREACH = "The supplier twice failed to restore the network within 24 hours; damages were paid."


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markets")
    files = [FTS / f"{release}.json" for release in RELEASES]
    outcomes = import_files(files, root / "content", root)
    assert [o.errors for o in outcomes if not o.passes] == []
    assert len({o.written.path for o in outcomes}) == len(RELEASES)  # each its own notice
    breached = {**UK9, "performance": {"assessments": [ASSESSMENT], "breach": BREACH}}
    (root / "content" / "notices" / "2026" / "breach.md").write_text(
        notice_text(notice_data({**breached, "lots": REMOVE})), encoding="utf-8"
    )
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout
    return root / "output"


def _text(built: Path, slug: str, lang: str = "en") -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    html = (built / f"{prefix}notices" / slug / "index.html").read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_performance_notice_shows_each_kpi_its_period_and_rating(built: Path) -> None:
    page = _text(built, PERFORMANCE)
    assert "Contract performance notice" in page
    assert "Key performance indicator Target Period assessed Performance Rating" in page
    assert "97% or above for both resilient connections" in page
    assert "1 April 2026 to 30 June 2026 99.7% Good" in page


def test_the_welsh_page_names_the_type_and_ratings_in_welsh(built: Path) -> None:
    page = _text(built, "school-teacher-recruitment-marketing-campaign", "cy")
    assert "Hysbysiad perfformiad contract" in page
    assert "Dangosydd perfformiad allweddol" in page
    assert "75% Yn agos at y targed" in page


def test_a_dynamic_market_notice_shows_the_market_and_its_conditions(built: Path) -> None:
    page = _text(built, MARKET)
    assert "Dynamic market intention notice" in page
    assert "Market opens 10 August 2026" in page
    assert "Market ends 9 August 2039" in page
    assert "Conditions of membership Applicants must meet the legal and financial" in page
    welsh = _text(built, MARKET, "cy")
    assert "Hysbysiad bwriad marchnad ddeinamig" in welsh
    assert "Amodau aelodaeth" in welsh


def test_a_modification_names_the_suppliers_admitted_and_removed(built: Path) -> None:
    assert "Suppliers removed BABCOCK LAND DEFENCE LIMITED" in _text(built, MODIFIED)
    assert "Suppliers admitted IPROSURV LIMITED" in _text(built, f"{MODIFIED}-uk15")


def _release(built: Path, notice_id: str) -> dict[str, Any]:
    for path in (built / "ocds").rglob("*.json"):
        package = json.loads(path.read_text(encoding="utf-8"))
        for release in package.get("releases", []):
            if release["id"] == notice_id:
                release["declared"] = package.get("extensions", [])
                return dict(release)
    raise AssertionError(f"no release {notice_id}")


def test_the_ocds_is_valid_against_core_and_the_declared_extensions(built: Path) -> None:
    assert ocds_problems(built) == []


def test_a_performance_notice_is_an_implementation_release_with_its_metrics(built: Path) -> None:
    release = _release(built, "076113-2026")
    assert release["tag"] == ["implementation"]
    [contract] = release["contracts"]
    page = contract["documents"][0]
    assert (page["documentType"], page["noticeType"]) == ("implementationNotice", "UK9")
    metric = contract["implementation"]["metrics"][0]
    assert metric["description"].startswith("97% or above")
    [observation] = metric["observations"]
    assert observation["measure"] == "99.7%"
    assert observation["measureClassification"]["id"] == "met"
    assert observation["period"]["startDate"].startswith("2026-04-01T00:00:00")
    assert extensions.METRICS in release["declared"]


def test_dynamic_market_notices_are_tender_and_award_releases(built: Path) -> None:
    intention = _release(built, "075868-2026")
    assert intention["tag"] == ["tender"]
    assert intention["tender"]["documents"][0]["noticeType"] == "UK13"
    techniques = intention["tender"]["techniques"]
    assert techniques["hasDynamicPurchasingSystem"] is True
    assert techniques["dynamicPurchasingSystem"] == {"status": "pending"}
    period = techniques["frameworkAgreement"]["period"]
    assert (period["startDate"][:10], period["endDate"][:10]) == ("2026-08-10", "2039-08-09")
    assert extensions.TECHNIQUES in intention["declared"]
    modification = _release(built, "071471-2026")
    assert modification["tag"] == ["award"]
    assert modification["tender"]["documents"][0]["noticeType"] == "UK15"


def test_a_dynamic_market_is_announced_as_an_opportunity(built: Path) -> None:
    announced = json.loads((built / "announcements.json").read_text(encoding="utf-8"))
    events = announced["announcements"] if isinstance(announced, dict) else announced
    market = [e for e in events if e["id"] == "075868-2026/published"]
    assert market, [e["id"] for e in events]
    assert "DynamicMarket" in json.dumps(market[0])


def test_a_modification_names_its_suppliers_as_find_a_tender_does(built: Path) -> None:
    removal = _release(built, "071470-2026")
    [change] = [a for a in removal["tender"]["amendments"] if "suppliersRemoved" in a]
    [removed] = change["suppliersRemoved"]
    assert removed["name"] == "BABCOCK LAND DEFENCE LIMITED"
    [party] = [p for p in removal["parties"] if p["id"] == removed["id"]]
    assert party["roles"] == ["removedSupplier"]
    admission = _release(built, "071471-2026")
    [change] = [a for a in admission["tender"]["amendments"] if "suppliersAdded" in a]
    assert [s["name"] for s in change["suppliersAdded"]] == ["IPROSURV LIMITED"]


def test_the_new_pages_are_valid_html(built: Path, tmp_path: Path) -> None:
    for lang, slug in (("en", PERFORMANCE), ("cy", MARKET), ("en", MODIFIED)):
        prefix = "" if lang == "en" else f"{lang}/"
        page = built / f"{prefix}notices" / slug / "index.html"
        (tmp_path / f"{lang}-{slug}.html").write_bytes(page.read_bytes())
    assert nu_problems(tmp_path) == []


def test_a_breach_is_shown_and_published_as_a_performance_failure(built: Path) -> None:
    assert f"Breach or failure to perform {BREACH}" in _text(built, "breach")
    [contract] = _release(built, "ACC-2026-0031")["contracts"]
    failures = contract["implementation"]["performanceFailures"]
    assert failures == [{"id": "ACC-2026-0031-breach", "description": BREACH}]
