"""Rules on dates in order: deadlines after publication, contracts, changes, the last update."""

from __future__ import annotations

from typing import Any

import pytest

from tests.notice_factory import REMOVE
from tests.rules_support import only, problems

PUBLISHED = "2026-10-26T09:00:00+00:00"  # the factory notice's publication time


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
