"""How a contract's length and delivery places given otherwise than by region read, in
English and Welsh (for the notice page and feeds)."""

from __future__ import annotations

from datetime import date

import pytest

from plugins.notices.formatting import contract_duration_text, duration_text, place_text
from plugins.notices.model import ContractDuration, Duration, Place, PlaceKind


@pytest.mark.parametrize(
    ("duration", "english", "welsh"),
    [
        (Duration(1800, "D"), "1,800 days", "1,800 diwrnod"),
        (Duration(1, "W"), "1 week", "1 wythnos"),
        (Duration(36, "M"), "36 months", "36 mis"),
        (Duration(2, "Y"), "2 years", "2 flynedd"),
        (Duration(1, "Y"), "1 year", "1 flwyddyn"),
    ],
)
def test_a_length_reads_in_its_own_unit(duration: Duration, english: str, welsh: str) -> None:
    assert duration_text(duration, "en") == english
    assert duration_text(duration, "cy") == welsh


def test_a_length_with_a_start_says_from_when() -> None:
    given = ContractDuration(Duration(36, "M"), date(2027, 4, 1))
    assert contract_duration_text(given, lang="en") == "36 months from 1 April 2027"
    assert contract_duration_text(given, lang="cy") == "36 mis o 1 Ebrill 2027"
    assert contract_duration_text(ContractDuration(Duration(3, "Y")), lang="en") == "3 years"


@pytest.mark.parametrize(
    ("place", "english", "welsh"),
    [
        (Place(PlaceKind.AREA, "UK"), "the whole United Kingdom", "y Deyrnas Unedig gyfan"),
        (Place(PlaceKind.AREA, "England"), "England", "Lloegr"),
        (Place(PlaceKind.POSTCODE, "SA1 3SN"), "SA1 3SN", "SA1 3SN"),
        (Place(PlaceKind.TEXT, "Swansea"), "Swansea", "Swansea"),  # the buyer's own words
        (
            Place(PlaceKind.OUTSIDE_UK, "Channel Islands"),
            "Outside the UK: Channel Islands",
            "Y tu allan i'r DU: Channel Islands",
        ),
    ],
)
def test_a_place_reads_as_its_kind(place: Place, english: str, welsh: str) -> None:
    assert place_text(place, "en") == english
    assert place_text(place, "cy") == welsh
