"""Real Find a Tender notices that lack a fact their type needs: the copy is written and
passes with a warning naming it, and an update release lacking it alone is still refused."""

from __future__ import annotations

from pathlib import Path

from plugins.importer.command import import_files, report_lines
from plugins.importer.ocds_documents import document_title
from plugins.importer.ocds_release import map_release
from tests.test_import_fts import FTS, front, release

REAL = FTS.parent
COPY_OF = "Find a Tender's notice {} gives no '{}'"


def test_a_tender_notice_find_a_tender_published_without_a_deadline_passes(tmp_path: Path):
    """076069-2026 gives no tender deadline anywhere (tender, lots, milestones): its copy
    passes, warned, and its page will show it open with no closing date."""
    [outcome] = import_files([FTS / "076069-2026.json"], tmp_path / "content", tmp_path)
    assert outcome.written.action == "new" and outcome.passes, outcome.errors
    assert "\ndeadlines:" not in outcome.written.path.read_text(encoding="utf-8")
    lines = list(report_lines([outcome], tmp_path))
    assert lines[0].endswith(": passes invoke check")


def test_an_update_lacking_alone_what_its_notice_may_lack_is_still_not_written(tmp_path: Path):
    """075831-2026 (a tenderUpdate) alone lacks only the suitability Find a Tender's tender
    notices may omit: the copy warning takes it back as an error would, and says why."""
    [outcome] = import_files([FTS / "075831-2026.json"], tmp_path / "content", tmp_path)
    assert outcome.written.action == "not written" and not outcome.passes
    assert list((tmp_path / "content" / "notices").rglob("*.md")) == []
    assert [p.message for p in outcome.errors] == [COPY_OF.format("075831-2026", "suitability")]


def test_a_termination_saying_n_a_gives_find_a_tenders_reason_code_and_its_title():
    """076858-2026's statusDetails is 'N/A': the reason is the rationale code, the summary
    the notice's title."""
    notice = front("076858-2026")
    assert notice["termination"]["reason"] == "contractCompleted"
    assert notice["summary"] == "Supply of (HVO) fuel to RRS Discovery"


def test_a_contract_details_notice_naming_lot_1_of_a_procurement_without_lots_passes(
    tmp_path: Path,
):
    """Northamptonshire Police's UK7 (076969, then its update 076972) names lot '1'; the
    procurement's earlier notice here, a UK11 (075768), has no lots: it is the one lot."""
    sources = [FTS / f"{n}-2026.json" for n in ("075768", "076969", "076972")]
    outcomes = import_files(sources, tmp_path / "content", tmp_path)
    assert [o.written.action for o in outcomes] == ["new", "new", "changed"]
    assert all(o.passes for o in outcomes), [o.errors for o in outcomes]


def test_documents_numbered_not_named_are_left_out_and_said(tmp_path: Path):
    """Public Contracts Scotland's documents titled '1', '2', '3' give no description and
    a script's address: nothing names them, so they are listed as not carried over."""
    [outcome] = import_files(
        [REAL / "public-contracts-scotland" / "SRel50.json"], tmp_path / "content", tmp_path
    )
    assert outcome.passes, outcome.errors
    text = outcome.written.path.read_text(encoding="utf-8")
    assert "title: Overview of Requirements V2" in text
    assert "title: '1'" not in text
    said = [note for note in outcome.unmapped if "DownloadDocument.aspx?id=APR351350&idx=1" in note]
    assert said == [
        "documents: https://www.publiccontractsscotland.gov.uk/NoticeDownload/"
        "DownloadDocument.aspx?id=APR351350&idx=1 has no title"
    ]


def test_a_document_without_a_title_is_named_by_its_description_else_its_file():
    url = "https://example.org/files/Tender%20Pack%20v2.pdf"
    assert document_title({"title": "1", "description": "Tender pack"}, url) == "Tender pack"
    assert document_title({"title": "1", "description": "."}, url) == "Tender Pack v2.pdf"
    assert document_title({}, "https://example.org/DownloadDocument.aspx?idx=1") is None
    assert document_title({}, "https://example.org/Company/Index/104105") is None


def test_a_tender_deadline_given_as_a_day_only_is_said_not_invented():
    """076069-2026 (PCR 2015 on Find a Tender) gives tenderPeriod.endDate '2026-08-26', no
    time: the copy has no deadline (warned) and the file says what was left out."""
    imported = map_release(release("076069-2026"))
    assert "deadlines" not in imported.front
    assert (
        "deadlines.tender: tenderPeriod.endDate '2026-08-26' is no date and time with an"
        " offset (the format's deadlines are moments): add the time of day"
    ) in imported.unmapped


def test_a_transparency_notice_valued_only_including_vat_says_so():
    """071549-2026's award gives amountGross alone: no value is made up, the file says it."""
    imported = map_release(release("071549-2026"))
    assert "value" not in imported.front
    assert (
        "value: 6615986 GBP including VAT only (awards' amountGross); the format's value is"
        " the amount excluding VAT: add it"
    ) in imported.unmapped


def test_a_description_too_short_to_sum_up_leaves_the_summary_to_the_title(tmp_path: Path):
    """Contracts Finder's award 'CCTV camera relocation' is described only as 'CCTV': the
    summary is its title, and the description stays the body."""
    source = REAL / "contracts-finder" / "Release63.json"
    [outcome] = import_files([source], tmp_path / "content", tmp_path)
    text = outcome.written.path.read_text(encoding="utf-8")
    assert "summary: CCTV camera relocation\n" in text and text.endswith("---\nCCTV\n")
    assert not [note for note in outcome.unmapped if note.startswith("summary")]
