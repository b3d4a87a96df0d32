"""Rules for a contract performance notice's KPIs (UK9) and a dynamic market's facts (UK13
to UK16) that the schema cannot express: what each type must say, and dates in order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .problems import Problem
from .source import NoticeSource
from .values import parse_date

# What a dynamic market notice must say of its market, by type.
_MARKET_NEEDS = {
    "UK13": (("start",), "when the market is to be established, e.g. start: 2026-09-01"),
    "UK14": (("start",), "when the market was established, e.g. start: 2026-09-01"),
    "UK15": (
        ("added", "removed", "end", "conditions"),
        "what the modification changes: the suppliers added or removed (each a name and id,"
        " as in suppliers), a new end date or the new conditions of membership",
    ),
    "UK16": (("end",), "when the market ceased, e.g. end: 2026-09-30"),
}


def performance_facts(source: NoticeSource) -> Iterator[Problem]:
    """A performance notice reports KPIs or a breach; each KPI's period ends after it starts."""
    performance = source.data.get("performance")
    if not isinstance(performance, dict):
        return
    assessments = performance.get("assessments")
    if not assessments and not performance.get("breach"):
        yield source.problem(
            ("performance",),
            "the performance notice reports neither a KPI assessment nor a breach",
            "add assessments (kpi, start, end, rating) or breach (what happened, in words)",
        )
    for index, each in enumerate(assessments if isinstance(assessments, list) else []):
        if _ends_before_start(each):
            yield source.problem(
                ("performance", "assessments", index, "end"),
                "the period assessed ends before it starts",
                "set end to the last day of the period assessed, after start",
            )


def dynamic_market_facts(source: NoticeSource) -> Iterator[Problem]:
    """Each dynamic market notice says what its type is for; the market ends after it starts."""
    market = source.data.get("dynamic_market")
    if not isinstance(market, dict):
        return
    kind = str(source.data.get("notice_type"))
    needs, example = _MARKET_NEEDS.get(kind, ((), ""))
    if needs and not any(market.get(name) for name in needs):
        one_of = " or ".join(f"dynamic_market.{name}" for name in needs)
        yield source.problem(
            ("dynamic_market",), f"a {kind} notice needs {one_of}", f"add {example}"
        )
    if _ends_before_start(market):
        yield source.problem(
            ("dynamic_market", "end"),
            "the dynamic market ends before it starts",
            "set end after start, or leave end out if the market has no end date",
        )


def _ends_before_start(period: Any) -> bool:
    if not isinstance(period, dict):
        return False
    start, end = parse_date(period.get("start")), parse_date(period.get("end"))
    return bool(start and end and end < start)
