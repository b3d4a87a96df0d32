"""Front matter → the facts of contract performance (UK9) and dynamic market (UK13 to UK16)
notices; the front matter has passed every check."""

from __future__ import annotations

from typing import Any

from .model import DynamicMarket, KpiAssessment, KpiRating, Performance, Supplier
from .values import parse_date


def performance(data: dict[str, Any]) -> Performance:
    return Performance(
        assessments=tuple(_assessment(each) for each in data.get("assessments", [])),
        breach=data.get("breach"),
    )


def _assessment(data: dict[str, Any]) -> KpiAssessment:
    start, end = parse_date(data["start"]), parse_date(data["end"])
    assert start is not None and end is not None  # checked by the schema and the rules
    return KpiAssessment(
        kpi=data["kpi"].strip(),
        rating=KpiRating(data["rating"]),
        start=start,
        end=end,
        target=data.get("target"),
        measure=data.get("measure"),
    )


def dynamic_market(data: dict[str, Any]) -> DynamicMarket:
    return DynamicMarket(
        start=parse_date(data["start"]) if "start" in data else None,
        end=parse_date(data["end"]) if "end" in data else None,
        conditions=data.get("conditions"),
        added=tuple(Supplier(**supplier) for supplier in data.get("added", [])),
        removed=tuple(Supplier(**supplier) for supplier in data.get("removed", [])),
    )
