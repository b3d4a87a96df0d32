"""A notice page shows each lot's own places, award criteria and suitability, and an award
notice's *Tenders closed*, in English and in Welsh; the award's tender deadline is never a
deadline to meet (no calendar event, no closing-soon listing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tests.checks.html import nu_problems
from tests.checks.language_leaks import html_leaks, own_words
from tests.notice_factory import notice_data, notice_text
from tests.sites import pelican_build
from tests.test_lots_detail import AWARD, LOT_DETAIL
from tests.theme_pages import page, summary

TENDER_PAGE = "notices/tender/"
AWARD_PAGE = "notices/award/"
# After the award: the tender's deadlines have passed, the award's "tenders closed" too.
CLOCK = "2026-12-15T12:00:00+00:00"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lots")
    notices = root / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    (notices / "tender.md").write_text(notice_text(notice_data(LOT_DETAIL)), encoding="utf-8")
    award = {
        **AWARD,
        "notice_id": "ACC-2026-0100",
        "title": "Highway resurfacing framework: contract award",
        "lots": [{"id": "1", "title": "North and the coast"}],
        "find_a_tender.notice_id": "050377-2026",
        "find_a_tender.url": "https://www.find-tender.service.gov.uk/Notice/050377-2026",
    }
    (notices / "award.md").write_text(notice_text(notice_data(award)), encoding="utf-8")
    settings = {"NOTICES_CLOCK": CLOCK}
    result = pelican_build(
        root / "content", root / "output", "--fatal", "errors", settings=settings
    )
    assert result.returncode == 0, result.stdout
    return root / "output"


def _lots(built: Path, path: str) -> list[str]:
    rows = page(built, path).select("#notice-lots + table tbody tr")
    return [" ".join(row.get_text(" ").split()) for row in rows]


def test_each_lot_shows_its_places_criteria_and_suitability(built: Path) -> None:
    assert _lots(built, TENDER_PAGE) == [
        "1 North and the coast Places of delivery South West Wales (TLL14) Central Valleys"
        " (TLL15) Award criteria Quality 60%, price 40% Particularly suitable for Small and"
        " medium-sized enterprises (SMEs) £8,000,000 \N{EN DASH} £10,000,000 excluding VAT",
        "2 South and the estuary CPV codes 45233142-6 Road-repair works Places of delivery"
        " SA1 3SN Depots across the county £8,000,000 excluding VAT",
    ]


def test_the_welsh_page_names_each_lots_details_in_welsh(built: Path) -> None:
    first, second = _lots(built, "cy/" + TENDER_PAGE)
    assert first == (
        "1 North and the coast Mannau cyflawni De-orllewin Cymru (TLL14) Y Cymoedd Canolog"
        " (TLL15) Meini prawf dyfarnu Quality 60%, price 40% Yn arbennig o addas ar gyfer"
        " Busnesau bach a chanolig (BBaCh) £8,000,000 \N{EN DASH} £10,000,000 heb gynnwys TAW"
    )
    assert second.startswith("2 South and the estuary Codau CPV 45233142-6 Road-repair works")
    # The buyer's words keep their language, marked for screen readers.
    marked = page(built, "cy/" + TENDER_PAGE).select('#notice-lots + table [lang="en"]')
    assert "Quality 60%, price 40%" in {span.get_text() for span in marked}


def test_an_award_notice_says_when_tenders_closed(built: Path) -> None:
    facts = summary(page(built, AWARD_PAGE))
    assert facts["Tenders closed"] == "Friday 4 December 2026, 12:00pm (GMT)"
    assert facts["Status"] == "Awarded"
    assert "Tender deadline" not in facts
    welsh = summary(page(built, "cy/" + AWARD_PAGE))
    assert welsh["Tendrau wedi cau"] == "Dydd Gwener 4 Rhagfyr 2026, 12:00 (GMT)"


def test_when_tenders_closed_is_no_deadline_in_calendars(built: Path) -> None:
    ics = (built / "calendar" / "procurements" / "ocds-h6vhtk-0a31c7.ics").read_bytes()
    events = Calendar.from_ical(ics).walk("VEVENT")
    # The tender's two deadlines only: the award adds none.
    assert sorted(str(event["SUMMARY"]).split(":")[0] for event in events) == [
        "Clarification questions by",
        "Tender deadline",
    ]


def test_the_welsh_pages_have_no_english_interface_word(built: Path) -> None:
    own = own_words(sorted((built.parent / "content").rglob("*.md")))
    for path in (TENDER_PAGE, AWARD_PAGE):
        leaks = html_leaks(built / "cy" / path / "index.html", built, own)
        assert leaks == [], [str(leak) for leak in leaks]


def test_the_pages_are_valid_html(built: Path, tmp_path: Path) -> None:
    pages = {"tender": TENDER_PAGE, "award": AWARD_PAGE, "cy": "cy/" + TENDER_PAGE}
    for name, path in pages.items():
        (tmp_path / name).mkdir()
        source = built / path / "index.html"
        (tmp_path / name / "index.html").write_text(source.read_text(encoding="utf-8"))
    assert nu_problems(tmp_path) == []
