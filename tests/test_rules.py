"""Rules a schema cannot express (code lists are in test_codelist_rules.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from plugins.notices.problems import Problem
from plugins.notices.rules import rule_problems
from tests.notice_factory import REMOVE, notice_data, notice_text, source_of

PUBLISHED = "2026-10-26T09:00:00+00:00"  # the factory notice's publication time

# Fields a UK4 needs that other notice types do not all allow.
TYPE_SPECIFIC = dict.fromkeys(
    [
        "category",
        "cpv",
        "regions",
        "value",
        "procedure",
        "deadlines",
        "contract_period",
        "submission",
        "suitability",
    ],
    REMOVE,
)
UK12 = {
    **TYPE_SPECIFIC,
    "notice_type": "UK12",
    "cancellation": {"date": "2026-11-20", "reason": "Budget withdrawn by cabinet."},
}
UK2 = {
    **TYPE_SPECIFIC,
    "notice_type": "UK2",
    "category": "works",
    "cpv": ["45233142-6"],
    "deadlines": {"engagement": "2026-11-20T17:00:00+00:00"},
}


def problems(overrides: dict[str, Any]) -> list[Problem]:
    return rule_problems(source_of(notice_data(overrides)))


def only(overrides: dict[str, Any]) -> Problem:
    found = problems(overrides)
    assert len(found) == 1, found
    return found[0]


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


# chronology


@pytest.mark.parametrize(
    "overrides",
    [
        {"deadlines.enquiry": "2026-10-26T09:00:01+00:00"},  # a second after publication
        {"deadlines.enquiry": "2026-12-04T12:00:00+00:00"},  # same time as the tender deadline
        {"deadlines.enquiry": "2026-12-04T13:00:00+01:00"},  # same moment, other offset
        {"contract_period.start": "2027-04-01", "contract_period.end": "2027-04-02"},
        {"changes.0.date": PUBLISHED},
        {"updated": "2026-11-03T10:00:00+00:00"},  # the last change's time
    ],
)
def test_dates_in_order_pass(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


@pytest.mark.parametrize(
    "enquiry",
    [PUBLISHED, "2026-10-20T17:00:00+00:00", "2026-10-26T09:30:00+01:00"],
    ids=["at-publication", "before", "before-in-utc"],
)
def test_deadline_not_after_publication(enquiry: str) -> None:
    problem = only({"deadlines.enquiry": enquiry})
    assert (problem.field, problem.message) == (
        "deadlines.enquiry",
        "this deadline is not after the notice is published",
    )
    assert problem.fix == f"set a deadline later than published ({PUBLISHED})"


@pytest.mark.parametrize("kind", ["enquiry", "expression_of_interest"])
def test_deadline_after_the_tender_deadline(kind: str) -> None:
    problem = only({f"deadlines.{kind}": "2026-12-04T12:00:01+00:00"})
    assert (problem.field, problem.message) == (
        f"deadlines.{kind}",
        "this deadline is after the tender deadline",
    )


@pytest.mark.parametrize("end", ["2027-04-01", "2026-04-01"], ids=["same-day", "before"])
def test_contract_ends_before_it_starts(end: str) -> None:
    problem = only({"contract_period.start": "2027-04-01", "contract_period.end": end})
    assert (problem.field, problem.message) == (
        "contract_period.end",
        "the contract ends before it starts",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (["2026-10-25T10:00:00+00:00"], "changes[0].date"),
        (["2026-11-12T15:30:00+00:00", "2026-11-03T10:00:00+00:00"], "changes[1].date"),
    ],
    ids=["before-publication", "before-the-one-above"],
)
def test_change_out_of_order(changes: list[str], field: str) -> None:
    entries = [{"date": date, "summary": "Deadline moved."} for date in changes]
    problem = only({"changes": entries})
    assert (problem.field, problem.message) == (
        field,
        "this change is dated before the one above it (or before publication)",
    )


def test_updated_before_the_last_change() -> None:
    problem = only({"updated": "2026-11-03T09:59:59+00:00"})
    assert (problem.field, problem.message) == (
        "updated",
        "updated is earlier than publication or the last change",
    )
    assert problem.fix == "set updated to 2026-11-03T10:00:00+00:00 or later, or remove it"


def test_updated_before_publication_without_changes() -> None:
    problem = only({"changes": REMOVE, "updated": "2026-10-25T09:00:00+00:00"})
    assert problem.fix == f"set updated to {PUBLISHED} or later, or remove it"


# fields_for_type


@pytest.mark.parametrize("overrides", [UK12, UK2], ids=["UK12", "UK2"])
def test_notice_with_its_type_fields_passes(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"deadlines.tender": REMOVE}, "a UK4 tender notice needs 'deadlines.tender'"),
        ({"submission": REMOVE}, "a UK4 tender notice needs 'submission'"),
        ({**UK12, "cancellation": REMOVE}, "a UK12 procurement termination notice needs 'cancellation'"),
        ({**UK2, "deadlines": {}}, "a UK2 preliminary market engagement notice needs 'deadlines.engagement'"),
    ],
)  # fmt: skip
def test_missing_field_for_the_type_points_at_notice_type(
    overrides: dict[str, Any], message: str
) -> None:
    data = notice_data(overrides)
    found = rule_problems(source_of(data))
    assert len(found) == 1, found
    assert (found[0].field, found[0].message) == ("notice_type", message)
    assert (
        found[0].line
        == notice_text(data).splitlines().index(f"notice_type: {data['notice_type']}") + 1
    )


@pytest.mark.parametrize(
    ("overrides", "field", "belongs"),
    [
        ({"cancellation": {"date": "2026-11-20", "reason": "Budget withdrawn."}}, "cancellation", "a UK12 procurement termination notice"),
        ({"deadlines.engagement": "2026-11-20T17:00:00+00:00"}, "deadlines.engagement", "a UK2 preliminary market engagement notice"),
    ],
)  # fmt: skip
def test_field_that_does_not_belong_in_the_type(
    overrides: dict[str, Any], field: str, belongs: str
) -> None:
    problem = only(overrides)
    assert (problem.field, problem.message) == (
        field,
        f"'{field}' does not belong in a UK4 tender notice",
    )
    assert problem.fix == f"remove it: it belongs in {belongs}"


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
