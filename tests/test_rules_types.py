"""Rules on the fields each notice type needs, and those it must not have."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.notices.rules import rule_problems
from tests.notice_factory import REMOVE, notice_data, notice_text, source_of
from tests.rules_support import only, problems

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


# fields_for_type


@pytest.mark.parametrize("overrides", [UK12, UK2], ids=["UK12", "UK2"])
def test_notice_with_its_type_fields_passes(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"deadlines.tender": REMOVE, "find_a_tender": REMOVE}, "a UK4 tender notice needs 'deadlines.tender'"),
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


# A two-stage procedure's tender notice: the deadline for requests to participate only

EOI_ONLY = {"deadlines": {"expression_of_interest": "2026-11-27T12:00:00+00:00"}}


def test_a_tender_notice_may_give_only_the_deadline_for_requests_to_participate() -> None:
    """A restricted procedure's (or competitive flexible procedure's first stage) UK4: the
    tender deadline is set later, in the invitation to tender."""
    assert problems(EOI_ONLY) == []
    assert problems({**EOI_ONLY, "deadlines": {}}) != []


def test_only_a_tender_notice_lets_it_stand_for_the_tender_deadline() -> None:
    """A UK3 may give a tender deadline, not one for requests to participate."""
    uk3 = {"notice_type": "UK3", "future_notice_date": "2027-01-10", **EOI_ONLY}
    uk3 |= dict.fromkeys(("submission", "suitability"), REMOVE)
    assert [p.message for p in problems(uk3)] == [
        "'deadlines.expression_of_interest' does not belong in a UK3 planned procurement notice"
    ]


# Pipeline and planned procurement notices without a value or places

UK1 = {
    **TYPE_SPECIFIC,
    "notice_type": "UK1",
    "category": "works",
    "cpv": ["45233142-6"],
    "future_notice_date": "2027-01-10",
}
UK3 = {**UK1, "notice_type": "UK3", "procedure": "open"}


@pytest.mark.parametrize("overrides", [UK1, UK3], ids=["UK1", "UK3"])
def test_a_pipeline_or_planned_procurement_may_give_no_value_or_places(
    overrides: dict[str, Any],
) -> None:
    """Find a Tender publishes them without an estimated value, and UK3s without places."""
    assert problems(overrides) == []


@pytest.mark.parametrize("overrides", [UK1, UK3], ids=["UK1", "UK3"])
def test_their_value_and_regions_are_still_checked_when_given(overrides: dict[str, Any]) -> None:
    given = {**overrides, "value": {"amount": 100, "currency": "XYZ"}, "regions": ["TLL99"]}
    assert {p.field for p in problems(given)} == {"value.currency", "regions[0]"}
