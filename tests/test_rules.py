"""Rules a schema cannot express: real dates, money, lots, changes (code lists are in
test_codelist_rules.py, dates in order in test_rules_order.py, types in test_rules_types.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.notice_factory import REMOVE
from tests.rules_support import only, problems


def test_the_factory_notice_breaks_no_rule() -> None:
    assert problems({}) == []


# real_dates


@pytest.mark.parametrize(
    "overrides",
    [
        {"contract_period.end": "2028-02-29"},  # a leap day
        {"published": "2026-10-26T09:00:00Z"},
        {"published": "2026-10-26 09:00+00:00"},
        {"deadlines.tender": "2026-12-04T12:00:00.5+00:00"},
    ],
)
def test_real_dates_pass(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


@pytest.mark.parametrize(
    ("overrides", "field", "written"),
    [
        ({"deadlines.tender": "2026-11-31T12:00:00+00:00"}, "deadlines.tender", "2026-11-31T12:00:00+00:00"),
        ({"published": "2026-10-26T24:00:00+00:00"}, "published", "2026-10-26T24:00:00+00:00"),
        ({"changes.0.date": "2026-11-31T10:00:00+00:00"}, "changes[0].date", "2026-11-31T10:00:00+00:00"),
    ],
)  # fmt: skip
def test_impossible_date_and_time(overrides: dict[str, Any], field: str, written: str) -> None:
    problem = only(overrides)
    assert (problem.field, problem.message) == (field, f"'{written}' is not a real date and time")


@pytest.mark.parametrize(
    ("overrides", "field", "written"),
    [
        ({"contract_period.end": "2031-02-29"}, "contract_period.end", "2031-02-29"),
        ({"contract_period.start": "2027-04-31"}, "contract_period.start", "2027-04-31"),
    ],
)
def test_impossible_date(overrides: dict[str, Any], field: str, written: str) -> None:
    problem = only(overrides)
    assert (problem.field, problem.message) == (field, f"'{written}' is not a real date")
    assert problem.fix == "check the day and month exist"


# money


@pytest.mark.parametrize(
    "overrides",
    [
        {"value.currency": "EUR"},
        {"value.currency": REMOVE},  # GBP by default
        {"value.amount_gross": 18000000},  # no VAT
    ],
)
def test_money_passes(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"value.currency": "XYZ"}, "value.currency"),
        ({"lots.0.value.currency": "XYZ"}, "lots[0].value.currency"),
    ],
)
def test_unknown_currency(overrides: dict[str, Any], field: str) -> None:
    problem = only(overrides)
    assert (problem.field, problem.message) == (field, "'XYZ' is not an ISO 4217 currency")


def test_amount_with_vat_below_amount_without() -> None:
    problem = only({"value.amount": Decimal("100.50"), "value.amount_gross": Decimal("100.49")})
    assert (problem.field, problem.message) == (
        "value.amount_gross",
        "the amount including VAT is less than the amount excluding VAT",
    )


# A missing Find a Tender link is held, not wrong (tests/test_find_a_tender_first.py)


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"legal_basis": "none", "find_a_tender": REMOVE},
        {"find_a_tender": REMOVE},
        {"find_a_tender": REMOVE, "legal_basis": "PCR2015"},
    ],
    ids=["linked", "unregulated", "PA2023-waiting", "PCR2015-waiting"],
)
def test_no_rule_rejects_a_notice_for_its_find_a_tender_link(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


# unique_lots


def test_lots_with_their_own_ids_pass() -> None:
    assert problems({"lots.1.id": "2a"}) == []


@pytest.mark.parametrize(
    ("lots", "field", "lot_id"),
    [
        (["1", "1"], "lots[1].id", "1"),
        (["A", "B", "A"], "lots[2].id", "A"),
        (["1", 1], "lots[1].id", "1"),  # a number and its text are the same id
    ],
)
def test_lot_id_used_twice(lots: list[str | int], field: str, lot_id: str) -> None:
    problem = only({"lots": [{"id": lot, "title": f"Lot {n}"} for n, lot in enumerate(lots)]})
    assert (problem.field, problem.message) == (field, f"lot id '{lot_id}' is used twice")


def test_lots_without_ids_are_left_to_the_schema() -> None:
    assert problems({"lots": [{"title": "North"}, {"title": "South"}]}) == []


# changed_fields


def test_changes_naming_notice_fields_pass() -> None:
    assert problems({"changes.0.fields": ["deadlines.enquiry", "lots[1].value", "value"]}) == []


def test_change_naming_an_unknown_field() -> None:
    problem = only({"changes.0.fields": ["deadlines.enquiry", "deadline"]})
    assert (problem.field, problem.message) == (
        "changes[0].fields[1]",
        "'deadline' is not a notice field",
    )
