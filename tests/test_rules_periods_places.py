"""Contract periods as dates or as a length, per notice or per lot; delivery places that are
not ITL regions (the whole UK or a nation, a postcode, words, outside the UK)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from plugins.notices.model import PlaceKind
from plugins.notices.parse import build_notice
from plugins.notices.schema import schema_problems
from tests.notice_factory import REMOVE, notice_data, source_of
from tests.rules_support import only, problems

NO_DATES = {"contract_period.start": REMOVE, "contract_period.end": REMOVE}


def _valid(overrides: dict[str, Any]) -> bool:
    source = source_of(notice_data(overrides))
    return schema_problems(source) == [] and problems(overrides) == []


def _notice(overrides: dict[str, Any]) -> Any:
    return build_notice(notice_data(overrides), "notice.md", "notice")


# Durations


@pytest.mark.parametrize("duration", ["P1800D", "P52W", "P36M", "P4Y"])
def test_a_period_may_be_a_length_instead_of_dates(duration: str) -> None:
    assert _valid({**NO_DATES, "contract_period.duration": duration})


def test_a_length_is_read_with_its_unit_and_exact_days() -> None:
    notice = _notice({**NO_DATES, "contract_period.duration": "P1800D"})
    assert notice.contract_period is None
    given = notice.contract_duration
    assert (given.duration.count, given.duration.unit, given.duration.days) == (1800, "D", 1800)
    assert str(given.duration) == "P1800D"
    months = _notice({**NO_DATES, "contract_period.duration": "P36M"}).contract_duration
    assert months.duration.days is None  # months are not a fixed number of days


def test_a_length_may_have_a_start_and_extensions_in_words() -> None:
    overrides = {
        "contract_period.end": REMOVE,
        "contract_period.duration": "P3Y",
        "contract_period.extensions": "Two further periods of 12 months",
    }
    assert _valid(overrides)
    given = _notice(overrides).contract_duration
    assert given.start == date(2027, 4, 1)
    assert given.extensions == "Two further periods of 12 months"


def test_dated_periods_keep_working_and_take_extensions_in_words() -> None:
    notice = _notice({"contract_period.extensions": "One further year"})
    assert notice.contract_period.end == date(2031, 3, 31)
    assert notice.contract_period.extensions == "One further year"
    assert notice.contract_duration is None


@pytest.mark.parametrize("duration", ["36 months", "P0D", "P3Y6M", "P1.5Y", "PT36H"])
def test_a_length_is_one_whole_unit_in_iso_8601(duration: str) -> None:
    found = schema_problems(
        source_of(notice_data({**NO_DATES, "contract_period.duration": duration}))
    )
    assert [p.field for p in found] == ["contract_period.duration"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"contract_period.duration": "P36M"},
            "contract_period.duration",
            "the period has both an end date and a duration",
        ),
        (
            {"contract_period.start": REMOVE},
            "contract_period.end",
            "the period has an end but no start",
        ),
        (
            {"contract_period.end": REMOVE},
            "contract_period",
            "the period has neither an end date nor a duration",
        ),
        (
            {"lots.0.contract_period": {"start": "2027-04-01"}},
            "lots[0].contract_period",
            "the period has neither an end date nor a duration",
        ),
    ],
)
def test_a_period_is_dates_or_a_length(overrides: dict[str, Any], field: str, message: str) -> None:
    problem = only(overrides)
    assert (problem.field, problem.message) == (field, message)
    assert "duration" in problem.fix


def test_each_lot_may_have_its_own_period_instead_of_the_notices() -> None:
    overrides = {
        "contract_period": REMOVE,
        "lots.0.contract_period": {"duration": "P1080D", "extensions": "2 x 12 months"},
        "lots.1.contract_period": {"start": "2027-04-01", "end": "2028-03-31"},
    }
    assert _valid(overrides)
    lots = _notice(overrides).lots
    assert lots[0].contract_duration.duration.days == 1080
    assert lots[1].contract_period.end == date(2028, 3, 31)


def test_a_lot_without_a_period_leaves_the_notice_needing_one() -> None:
    overrides = {"contract_period": REMOVE, "lots.0.contract_period": {"duration": "P1Y"}}
    problem = only({**overrides, "find_a_tender": REMOVE})  # a copy is only warned
    assert problem.message == "a UK4 tender notice needs 'contract_period'"


def test_a_lots_period_ends_after_it_starts() -> None:
    period = {"start": "2027-04-01", "end": "2027-03-01"}
    problem = only({"lots.1.contract_period": period})
    assert (problem.field, problem.message) == (
        "lots[1].contract_period.end",
        "the contract ends before it starts",
    )


# Places


PLACES = [{"area": "UK"}, {"postcode": "SA1 3SN"}, {"text": "Various sites in Swansea"}]
PLACES += [{"outside_uk": "Channel Islands"}, {"area": "England"}]


def test_places_stand_in_for_regions() -> None:
    overrides = {"regions": REMOVE, "places": PLACES}
    assert _valid(overrides)
    places = _notice(overrides).places
    assert [(p.kind, p.value) for p in places] == [
        (PlaceKind.AREA, "UK"),
        (PlaceKind.POSTCODE, "SA1 3SN"),
        (PlaceKind.TEXT, "Various sites in Swansea"),
        (PlaceKind.OUTSIDE_UK, "Channel Islands"),
        (PlaceKind.AREA, "England"),
    ]


def test_places_go_with_regions_too() -> None:
    assert _valid({"places": [{"text": "County Hall and the depots"}]})


def test_without_regions_or_places_a_tender_says_both_ways_to_fix_it() -> None:
    problem = only({"regions": REMOVE, "find_a_tender": REMOVE})
    assert problem.message == "a UK4 tender notice needs 'regions'"
    assert "'places'" in problem.fix and "postcode" in problem.fix


@pytest.mark.parametrize(
    "place",
    [
        {"area": "Cornwall"},  # not a nation: write it as text, or its ITL region
        {"postcode": "not a postcode"},
        {"postcode": "SA1 3SN", "text": "Swansea"},  # one place is one kind
        {},
        {"city": "Swansea"},
    ],
)
def test_each_place_is_one_known_kind(place: dict[str, Any]) -> None:
    found = schema_problems(source_of(notice_data({"places": [place]})))
    assert found and all(p.field.startswith("places") for p in found)


def test_places_belong_where_regions_do() -> None:
    problem = only({"notice_type": "UK12", "places": [{"area": "UK"}]} | _uk12())
    assert problem.field == "places"


def _uk12() -> dict[str, Any]:
    gone = REMOVE
    return {
        **dict.fromkeys(
            [
                "category",
                "cpv",
                "regions",
                "value",
                "procedure",
                "deadlines",
                "submission",
                "contract_period",
                "suitability",
            ],
            gone,
        ),
        "cancellation": {"date": "2026-11-20", "reason": "No compliant tenders were received."},
    }


@pytest.mark.parametrize("written", ["UK", "England", "SA1 3SN"])
def test_a_place_written_as_a_region_is_one_problem_pointing_at_places(written: str) -> None:
    source = source_of(notice_data({"regions": [written]}))
    found = schema_problems(source) + problems({"regions": [written]})
    assert [p.field for p in found] == ["regions[0]"]
    assert "places: [{area: UK}]" in found[0].fix
