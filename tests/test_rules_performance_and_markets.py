"""The rules of contract performance (UK9) and dynamic market (UK13 to UK16) notices."""

from __future__ import annotations

from typing import Any

import pytest

from tests.notice_factory import REMOVE
from tests.rules_support import only, problems
from tests.test_rules_types import TYPE_SPECIFIC

ASSESSMENT = {
    "kpi": "Network availability each month, excluding planned maintenance",
    "target": "97% or above",
    "start": "2026-04-01",
    "end": "2026-06-30",
    "measure": "99.7%",
    "rating": "good",
}
UK9 = {
    **TYPE_SPECIFIC,
    "notice_type": "UK9",
    "contract": {"id": "AC-2026-014"},
    "performance": {"assessments": [ASSESSMENT]},
}
MARKET_TYPE = {**TYPE_SPECIFIC, "category": "goods", "cpv": ["09310000-5"]}
UK13 = {**MARKET_TYPE, "notice_type": "UK13", "dynamic_market": {"start": "2026-12-01"}}
UK14 = {**UK13, "notice_type": "UK14"}
UK15 = {
    **TYPE_SPECIFIC,
    "notice_type": "UK15",
    "dynamic_market": {"added": [{"name": "Cwmni Ynni Teg Cyf", "id": "GB-COH-01234567"}]},
}
UK16 = {**TYPE_SPECIFIC, "notice_type": "UK16", "dynamic_market": {"end": "2026-11-30"}}


@pytest.mark.parametrize(
    "overrides", [UK9, UK13, UK14, UK15, UK16], ids=["UK9", "UK13", "UK14", "UK15", "UK16"]
)
def test_each_new_type_with_its_facts_passes(overrides: dict[str, Any]) -> None:
    assert problems(overrides) == []


def test_a_breach_alone_is_a_performance_notice() -> None:
    breach = {"breach": "The supplier failed to restore service within 24 hours twice."}
    assert problems({**UK9, "performance": breach}) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({**UK9, "performance": REMOVE}, "a UK9 contract performance notice needs 'performance'"),
        ({**UK9, "contract": REMOVE}, "a UK9 contract performance notice needs 'contract'"),
        ({**UK13, "dynamic_market": REMOVE}, "a UK13 dynamic market intention notice needs 'dynamic_market'"),
        ({**UK14, "cpv": REMOVE}, "a UK14 dynamic market establishment notice needs 'cpv'"),
        ({**UK16, "dynamic_market": REMOVE}, "a UK16 dynamic market cessation notice needs 'dynamic_market'"),
    ],
)  # fmt: skip
def test_a_missing_fact_of_the_type_is_named(overrides: dict[str, Any], message: str) -> None:
    problem = only(overrides)
    assert problem.field == "notice_type"
    assert problem.message == message


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({**UK13, "dynamic_market": {"end": "2030-01-01"}}, "a UK13 notice needs dynamic_market.start"),
        ({**UK16, "dynamic_market": {"start": "2026-01-01"}}, "a UK16 notice needs dynamic_market.end"),
        (
            {**UK15, "dynamic_market": {"start": "2026-01-01"}},
            "a UK15 notice needs dynamic_market.added or dynamic_market.removed or"
            " dynamic_market.end or dynamic_market.conditions",
        ),
    ],
)  # fmt: skip
def test_each_dynamic_market_type_says_what_it_is_for(
    overrides: dict[str, Any], message: str
) -> None:
    problem = only(overrides)
    assert (problem.field, problem.message) == ("dynamic_market", message)
    assert problem.fix.startswith("add ")


def test_a_market_ending_before_it_starts_is_refused() -> None:
    problem = only({**UK13, "dynamic_market": {"start": "2026-12-01", "end": "2026-11-01"}})
    assert problem.field == "dynamic_market.end"
    assert "ends before it starts" in problem.message


def test_a_period_assessed_backwards_is_refused() -> None:
    backwards = {**ASSESSMENT, "start": "2026-06-30", "end": "2026-04-01"}
    problem = only({**UK9, "performance": {"assessments": [backwards]}})
    assert problem.field == "performance.assessments[0].end"


def test_a_performance_notice_reporting_nothing_is_refused() -> None:
    problem = only({**UK9, "performance": {}})
    assert problem.field == "performance"
    assert "neither a KPI assessment nor a breach" in problem.message


@pytest.mark.parametrize(
    ("overrides", "where"),
    [
        ({"dynamic_market": {"start": "2026-12-01"}}, "a dynamic market notice (UK13 to UK16)"),
        ({"performance": {"assessments": [ASSESSMENT]}}, "a UK9 contract performance notice"),
    ],
)
def test_the_new_facts_belong_in_their_types_only(overrides: dict[str, Any], where: str) -> None:
    problem = only(overrides)  # a UK4 tender notice
    assert problem.fix == f"remove it: it belongs in {where}"
