"""Each lot's own places, award criteria and suitability (checked as the notice's, naming the
lot), and an award notice's tender deadline read as when tenders closed, never a deadline."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from plugins.notices.derive import Status, closing_deadline, facets, own_status
from plugins.notices.model import PlaceKind, Suitability
from plugins.notices.parse import build_notice
from plugins.notices.schema import schema_problems
from tests.notice_factory import REMOVE, notice_data, source_of
from tests.rules_support import only, problems

LOT_DETAIL = {
    "lots.0.regions": ["TLL14", "UKL15"],
    "lots.0.award_criteria": "Quality 60%, price 40%",
    "lots.0.suitability": {"sme": True, "vcse": False},
    "lots.0.value": {"minimum": 8000000, "amount": 10000000},
    "lots.1.places": [{"postcode": "SA1 3SN"}, {"text": "Depots across the county"}],
    "lots.1.cpv": ["45233142-6"],
}
# A UK6 award of the factory tender's procurement, recalling when tenders closed.
AWARD = {
    "notice_type": "UK6",
    "published": "2026-12-10T09:00:00+00:00",
    "deadlines": {"tender": "2026-12-04T12:00:00+00:00"},
    "suppliers": [{"name": "Afonwy Surfacing Ltd"}],
    "award": {"date": "2026-12-09"},
    **dict.fromkeys(("submission", "suitability", "changes"), REMOVE),
}


def _problems(overrides: dict[str, Any]) -> list[str]:
    """Schema and rule problems, one line each."""
    source = source_of(notice_data(overrides))
    return [str(problem) for problem in schema_problems(source) + problems(overrides)]


def _notice(overrides: dict[str, Any]) -> Any:
    return build_notice(notice_data(overrides), "notice.md", "notice")


def test_a_lot_gives_its_own_places_criteria_suitability_and_range() -> None:
    assert _problems(LOT_DETAIL) == []
    first, second = _notice(LOT_DETAIL).lots
    assert [region.code for region in first.regions] == ["TLL14", "TLL15"]  # NUTS read as ITL
    assert first.award_criteria == "Quality 60%, price 40%"
    assert first.suitability == Suitability(sme=True, vcse=False)
    assert (first.value.minimum, first.value.amount) == (8000000, 10000000)
    assert [(p.kind, p.value) for p in second.places] == [
        (PlaceKind.POSTCODE, "SA1 3SN"),
        (PlaceKind.TEXT, "Depots across the county"),
    ]
    assert second.regions == () and second.award_criteria is None


def test_a_lot_may_have_no_title() -> None:
    overrides = {"lots.1.title": REMOVE, "lots.1.description": "The southern depots"}
    assert _problems(overrides) == []
    assert _notice(overrides).lots[1].title is None


def test_a_lots_region_is_checked_as_the_notices_naming_the_lot() -> None:
    problem = only({"lots.1.regions": ["TLL14", "TLL99"]})
    assert problem.field == "lots[1].regions[1]"
    assert problem.message == "lot '2': 'TLL99' is not a UK ITL region"
    assert "\n" not in str(problem)


def test_a_lots_place_is_checked_as_the_notices() -> None:
    (line,) = _problems({"lots.0.places": [{"postcode": "not a postcode"}]})
    assert "lots[0].places[0].postcode: lot '1': 'not a postcode' is not in the expected" in line
    (line,) = _problems({"lots.0.places": [{"area": "Cornwall"}]})
    assert "lots[0].places[0].area: lot '1': 'Cornwall' is not allowed" in line


def test_a_lots_suitability_only_where_the_notice_type_has_it() -> None:
    problem = only({**AWARD, "lots.0.suitability": {"sme": True}})
    assert problem.field == "lots[0].suitability"
    assert problem.message == "lot '1' gives 'suitability', which a UK6 notice does not have"
    assert (
        problem.fix
        == "remove it: a lot's suitability belongs in a UK2, UK3, UK4, UK13 or UK14 notice"
    )
    # Under the 2015 regulations suitability is not required, but a tender may still say it.
    assert _problems({"legal_basis": "PCR2015", **LOT_DETAIL}) == []


def test_every_lot_giving_places_stands_in_for_the_notices_regions() -> None:
    lots_only = {
        "regions": REMOVE,
        "lots.0.regions": ["TLL14"],
        "lots.1.places": [{"area": "Wales"}],
    }
    assert _problems(lots_only) == []
    assert _problems({"regions": REMOVE, "lots.0.regions": ["TLL14"]}) != []


def test_a_notice_is_filed_under_its_lots_regions() -> None:
    notice = _notice({"regions": ["TLL14"], "lots.1.regions": ["TLE11"]})
    filed = facets(notice, Status.OPEN)
    assert filed.itl1_regions == ("TLL", "TLE")
    assert "TLE11" in filed.regions and "TLL14" in filed.regions


def test_an_award_notice_says_when_tenders_closed() -> None:
    assert _problems(AWARD) == []  # before its publication, as it should be
    notice = _notice(AWARD)
    assert notice.tenders_closed == datetime(2026, 12, 4, 12, tzinfo=UTC)
    assert notice.deadlines == ()  # no deadline to meet: nothing opens, closes or reminds
    assert closing_deadline(notice) is None
    assert own_status(notice, datetime(2026, 12, 1, tzinfo=UTC)) is Status.AWARDED


def test_a_tender_deadline_still_comes_after_publication() -> None:
    problem = only({"deadlines.tender": "2026-10-25T12:00:00+00:00", "deadlines.enquiry": REMOVE})
    assert problem.message == "this deadline is not after the notice is published"


def test_tenders_closed_is_no_field_of_a_transparency_notice() -> None:
    transparency = {
        **AWARD,
        "notice_type": "UK5",
        "procedure": "direct_award",
        "direct_award_justification": "Only one supplier can provide the service.",
    }
    problem = only(transparency)
    assert problem.field == "deadlines.tender"
    assert "a UK6 or UK7 notice, as when tenders closed" in problem.fix
