"""Value ranges, related processes and document details, as real notices give them: written
in the front matter, checked, parsed and published in OCDS, and imported from real releases."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from plugins.importer.ocds_release import map_release
from plugins.notices.load import load_notice
from plugins.notices.model import Money
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.rules_support import only
from tests.sites import pelican_build
from tests.test_ocds_real_fields import TENDER, _notice, _release

REAL = Path(__file__).parent / "data" / "real_notices"


def _loaded(tmp_path: Path, overrides: dict[str, Any]) -> Any:
    path = tmp_path / "notice.md"
    path.write_text(notice_text(notice_data(overrides)), encoding="utf-8")
    return load_notice(path, "notice.md")


def _real_release(portal: str, name: str) -> dict[str, Any]:
    data = json.loads((REAL / portal / name).read_text(encoding="utf-8"))
    return data["releases"][0] if "releases" in data else data


# value ranges


def test_a_value_range_is_a_minimum_below_the_amount(tmp_path):
    loaded = _loaded(tmp_path, {"value.minimum": 300000, "value.amount": 400000})
    assert loaded.problems == ()
    assert (loaded.notice.value.minimum, loaded.notice.value.amount) == (300000, 400000)


def test_a_value_without_minimum_is_one_amount_as_before(tmp_path):
    assert _loaded(tmp_path, {}).notice.value.minimum is None


def test_a_minimum_above_the_amount_is_refused_with_how_to_fix():
    problem = only({"value.minimum": 500000, "value.amount": 400000, "value.amount_gross": REMOVE})
    assert (problem.field, problem.message) == (
        "value.minimum",
        "the minimum 500000 is more than the amount 400000",
    )
    assert "swap them" in problem.fix


def test_a_lots_estimate_may_be_a_range_too(tmp_path):
    loaded = _loaded(tmp_path, {"lots.0.value.minimum": 8000000})
    assert loaded.problems == ()
    assert loaded.notice.lots[0].value.minimum == 8000000
    problems = _loaded(tmp_path, {"lots.0.value.minimum": 20000000}).problems
    assert [(p.field, p.message) for p in problems] == [
        ("lots[0].value.minimum", "the minimum 20000000 is more than the amount 10000000")
    ]


def test_a_minimum_is_for_estimates_only(tmp_path):
    contract = {"id": "C1", "value": {"amount": 5, "minimum": 1}}
    problems = _loaded(tmp_path, {"contract": contract}).problems
    assert ("contract.value.minimum", True) in [(p.field, "minimum" in p.message) for p in problems]


def test_a_value_range_is_published_as_min_value(sample_site):
    notice = _notice(sample_site, TENDER)
    ranged = replace(notice, value=Money(Decimal(400000), minimum=Decimal("300000.50")))
    tender = _release(sample_site, ranged)["tender"]
    assert tender["minValue"] == {"amount": 300000.5, "currency": "GBP"}
    assert tender["value"] == {"amount": 400000, "currency": "GBP"}
    assert "minValue" not in _release(sample_site, notice)["tender"]


def test_a_real_release_with_min_value_imports_as_a_range():
    imported = map_release(_real_release("contracts-finder", "Release19.json"))
    assert imported.front["value"] == {"minimum": 300000, "amount": 400000, "currency": "GBP"}
    assert not [line for line in imported.unmapped if "minValue" in line]


def test_a_min_value_above_the_value_is_named_not_imported():
    release = _real_release("contracts-finder", "Release19.json")
    tender = {**release["tender"], "minValue": {"amount": 500000, "currency": "GBP"}}
    imported = map_release({**release, "tender": tender})
    assert "minimum" not in imported.front["value"]
    assert [line for line in imported.unmapped if "minValue" in line]


# related processes

OJEU = {"relationship": "planning", "scheme": "EU-OJ", "identifier": "2024/S 000-034328"}
FRAMEWORK = {
    "relationship": "framework",
    "ocid": "ocds-h6vhtk-04a1b2",
    "title": "Highways framework 2024",
    "url": "https://example.gov.uk/frameworks/highways",
}


def test_related_processes_are_read_into_the_model(tmp_path):
    loaded = _loaded(tmp_path, {"related": [OJEU, FRAMEWORK]})
    assert loaded.problems == ()
    first, second = loaded.notice.related
    assert (first.relationship, first.scheme, first.identifier) == tuple(OJEU.values())
    assert (second.ocid, second.title) == ("ocds-h6vhtk-04a1b2", "Highways framework 2024")


def test_a_notice_without_related_processes_has_none(tmp_path):
    assert _loaded(tmp_path, {}).notice.related == ()


def test_an_unknown_relationship_is_refused(tmp_path):
    problems = _loaded(tmp_path, {"related": [{**OJEU, "relationship": "sibling"}]}).problems
    assert [p.field for p in problems] == ["related[0].relationship"]


def test_a_related_process_must_be_named():
    problem = only({"related": [{"relationship": "prior", "title": "The last contract"}]})
    assert (problem.field, problem.message) == ("related[0]", "the related process is not named")
    assert "ocid" in problem.fix and "url" in problem.fix


def test_an_identifier_needs_its_scheme():
    problem = only({"related": [{"relationship": "prior", "identifier": "2024/S 000-034328"}]})
    assert (problem.field, problem.message) == (
        "related[0].identifier",
        "identifier is given without scheme",
    )


def test_a_process_is_named_one_way():
    problem = only({"related": [{**OJEU, "ocid": "ocds-h6vhtk-04a1b2"}]})
    assert problem.field == "related[0].identifier"
    assert "named twice" in problem.message


def test_related_processes_are_published_as_related_processes(sample_site):
    notice = _notice(sample_site, TENDER)
    loaded = _loaded_model({"related": [OJEU, FRAMEWORK]})
    release = _release(sample_site, replace(notice, related=loaded.related))
    assert release["relatedProcesses"] == [
        {
            "id": "planning:EU-OJ:2024/S 000-034328",
            "relationship": ["planning"],
            "scheme": "EU-OJ",
            "identifier": "2024/S 000-034328",
        },
        {
            "id": "framework:ocid:ocds-h6vhtk-04a1b2",
            "relationship": ["framework"],
            "title": "Highways framework 2024",
            "scheme": "ocid",
            "identifier": "ocds-h6vhtk-04a1b2",
            "uri": "https://example.gov.uk/frameworks/highways",
        },
    ]
    assert "relatedProcesses" not in _release(sample_site, notice)


def test_a_real_releases_related_process_is_imported():
    imported = map_release(_real_release("sell2wales", "WRel23.json"))
    assert imported.front["related"] == [OJEU]
    assert not [line for line in imported.unmapped if "relatedProcesses" in line]


def test_a_related_process_by_ocid_or_url_is_imported_and_a_nameless_one_is_named():
    release = _real_release("sell2wales", "WRel23.json")
    given = [
        {"id": "1", "relationship": ["framework"], "scheme": "ocid", "identifier": "ocds-abc123-9"},
        {"id": "2", "relationship": ["prior"], "uri": "https://example.org/notice/7"},
        {"id": "3", "relationship": ["prior"], "title": "Nothing to find it by"},
    ]
    imported = map_release({**release, "relatedProcesses": given})
    assert imported.front["related"] == [
        {"relationship": "framework", "ocid": "ocds-abc123-9"},
        {"relationship": "prior", "url": "https://example.org/notice/7"},
    ]
    assert len([line for line in imported.unmapped if "relatedProcesses" in line]) == 1


def _loaded_model(overrides: dict[str, Any]) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        loaded = _loaded(Path(folder), overrides)
    assert loaded.problems == ()
    return loaded.notice


# document description, date and language

SPEC = {
    "title": "Specification",
    "url": "https://example.gov.uk/docs/specification.pdf",
    "description": "What the resurfacing must achieve, road by road.",
    "date": "2026-10-20",
    "language": "cy",
}


def test_a_documents_description_date_and_language_are_read(tmp_path):
    loaded = _loaded(tmp_path, {"documents": [SPEC]})
    assert loaded.problems == ()
    (document,) = loaded.notice.documents
    assert (document.description, document.date, document.language) == (
        "What the resurfacing must achieve, road by road.",
        date(2026, 10, 20),
        "cy",
    )


def test_a_document_with_title_and_url_only_still_works(tmp_path):
    loaded = _loaded(tmp_path, {"documents": [{"title": "Plan", "url": "https://example.org/p"}]})
    assert loaded.problems == ()
    assert loaded.notice.documents[0].date is None


def test_a_documents_date_and_language_are_checked(tmp_path):
    wrong = {**SPEC, "date": "2026-02-30", "language": "Welsh"}
    problems = _loaded(tmp_path, {"documents": [wrong]}).problems
    assert sorted(p.field for p in problems) == ["documents[0].date", "documents[0].language"]


def test_a_documents_details_are_published(sample_site):
    notice = _notice(sample_site, TENDER)
    documents = _loaded_model({"documents": [SPEC]}).documents
    published = _release(sample_site, replace(notice, documents=documents))["tender"]["documents"]
    attachment = next(d for d in published if d["url"] == SPEC["url"])
    assert attachment["description"] == SPEC["description"]
    assert attachment["datePublished"].startswith("2026-10-20T00:00:00")
    assert attachment["language"] == "cy"


def test_a_real_releases_document_details_are_imported():
    imported = map_release(_real_release("contracts-finder", "Release10.json"))
    document = imported.front["documents"][0]
    assert (document["date"], document["language"]) == ("2025-01-23", "en")


def test_a_description_that_stood_in_for_the_title_is_not_repeated():
    release = _real_release("contracts-finder", "Release10.json")
    given = {"id": "d", "url": "https://example.org/a.pdf", "description": "Tender pack"}
    described = {**given, "id": "e", "title": "Pack", "url": "https://example.org/b.pdf"}
    tender = {**release["tender"], "documents": [given, described]}
    documents = map_release({**release, "tender": tender}).front["documents"]
    assert documents == [
        {"title": "Tender pack", "url": "https://example.org/a.pdf"},
        {"title": "Pack", "url": "https://example.org/b.pdf", "description": "Tender pack"},
    ]


# on the notice page


def test_the_page_shows_the_range_and_the_documents_details(tmp_path):
    folder = tmp_path / "content" / "notices"
    folder.mkdir(parents=True)
    data = notice_data({"value.minimum": 300000, "value.amount": 400000, "documents": [SPEC]})
    (folder / "range.md").write_text(notice_text(data), encoding="utf-8")
    settings = {"NOTICES_CLOCK": "2026-11-01T12:00:00+00:00"}
    result = pelican_build(tmp_path / "content", tmp_path / "output", settings=settings)
    assert result.returncode == 0, result.stdout
    html = (tmp_path / "output" / "notices" / "range" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert "£300,000 \N{EN DASH} £400,000 excluding VAT" in page.get_text(" ")
    link = page.find("a", href=SPEC["url"])
    assert link["hreflang"] == "cy"
    item = link.find_parent("li")
    assert item.find("time")["datetime"] == "2026-10-20"
    assert SPEC["description"] in item.get_text()


def test_the_page_lists_related_procurements_in_the_readers_language(tmp_path):
    folder = tmp_path / "content" / "notices"
    folder.mkdir(parents=True)
    data = notice_data({"related": [OJEU, FRAMEWORK]})
    (folder / "related.md").write_text(notice_text(data), encoding="utf-8")
    settings = {"NOTICES_CLOCK": "2026-11-01T12:00:00+00:00"}
    result = pelican_build(tmp_path / "content", tmp_path / "output", settings=settings)
    assert result.returncode == 0, result.stdout
    pages = {
        lang: BeautifulSoup((tmp_path / "output" / path).read_text("utf-8"), "html.parser")
        for lang, path in (
            ("en", "notices/related/index.html"),
            ("cy", "cy/notices/related/index.html"),
        )
    }
    english = [li.get_text(" ", strip=True) for li in _related_items(pages["en"])]
    assert english == [
        "Earlier notice: EU-OJ 2024/S 000-034328",
        "Framework: Highways framework 2024",
    ]
    assert pages["en"].find("a", href=FRAMEWORK["url"]).get_text() == FRAMEWORK["title"]
    welsh = [li.get_text(" ", strip=True) for li in _related_items(pages["cy"])]
    assert welsh[0].startswith("Hysbysiad cynharach:") and welsh[1].startswith("Fframwaith:")


def _related_items(page: BeautifulSoup) -> list[Any]:
    for heading in page.find_all(string="Related procurements") + page.find_all(
        string="Caffaeliadau cysylltiedig"
    ):
        row = heading.find_parent(["div", "tr"])
        if row is not None:
            return row.find_all("li")
    raise AssertionError("no related procurements row")
