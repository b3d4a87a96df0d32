"""Find a Tender's contract performance (UK9) and dynamic market (UK13 to UK16) releases:
their KPI assessments, the market's period and conditions, and the suppliers a modification
admits or removes, in the format's ``performance`` and ``dynamic_market``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import ocds_parts as parts

Supplier = Callable[[dict[str, Any]], dict[str, Any] | None]
DYNAMIC_MARKETS = ("UK13", "UK14", "UK15", "UK16")
# measureClassification ids of the UK extension (Observation), and the first words of Find a
# Tender's descriptions ("Good - performance is meeting or exceeding the KPI").
_RATINGS = {
    "met": "good",
    "slightlyBelow": "approaching_target",
    "below": "requires_improvement",
    "significantlyBelow": "inadequate",
    "other": "other",
}
_RATING_WORDS = (
    ("good", "good"),
    ("approaching target", "approaching_target"),
    ("requires improvement", "requires_improvement"),
    ("inadequate", "inadequate"),
)
# What a dynamic market notice gives in other words: the notice type says the procedure,
# and the market's period says how long applications are taken.
_SAID_BY_THE_MARKET = ("procedure", "deadlines")


def complete(
    release: dict[str, Any], front: dict[str, Any], unmapped: list[str], supplier: Supplier
) -> None:
    """Add the performance or dynamic market facts of the release to ``front``."""
    kind = front.get("notice_type")
    if kind == "UK9":
        _performance(release, front, unmapped)
    elif kind in DYNAMIC_MARKETS:
        _dynamic_market(release, front, supplier)
        for name in _SAID_BY_THE_MARKET:
            front.pop(name, None)
        unmapped[:] = [note for note in unmapped if not note.startswith("tender.techniques:")]


def _performance(release: dict[str, Any], front: dict[str, Any], unmapped: list[str]) -> None:
    assessments = []
    for contract in [c for c in parts.listed(release, "contracts") if isinstance(c, dict)]:
        metrics = parts.listed(parts.block(contract, "implementation"), "metrics")
        for metric in [m for m in metrics if isinstance(m, dict)]:
            for observation in parts.listed(metric, "observations"):
                found = _assessment(metric, observation) if isinstance(observation, dict) else None
                if found:
                    assessments.append(found)
                else:
                    unmapped.append(f"performance: KPI {metric.get('id')!r} lacks a period")
    if assessments:
        front["performance"] = {"assessments": assessments}


def _assessment(metric: dict[str, Any], observation: dict[str, Any]) -> dict[str, Any] | None:
    period = parts.block(observation, "period")
    start, end = parts.uk_date(period.get("startDate")), parts.uk_date(period.get("endDate"))
    kpi = _words(metric.get("title")) or _words(metric.get("description"))
    if not (start and end and kpi):
        return None
    found: dict[str, Any] = {"kpi": kpi}
    target = _words(metric.get("description"))
    if target and target != kpi:
        found["target"] = target
    found |= {"start": start.isoformat(), "end": end.isoformat()}
    if _words(observation.get("measure")):
        found["measure"] = _words(observation.get("measure"))
    found["rating"] = _rating(parts.block(observation, "measureClassification"))
    return found


def _rating(classification: dict[str, Any]) -> str:
    if classification.get("id") in _RATINGS:
        return _RATINGS[classification["id"]]
    said = str(classification.get("description", "")).strip().lower()
    return next((rating for words, rating in _RATING_WORDS if said.startswith(words)), "other")


def _dynamic_market(release: dict[str, Any], front: dict[str, Any], supplier: Supplier) -> None:
    tender = parts.block(release, "tender")
    agreement = parts.block(parts.block(tender, "techniques"), "frameworkAgreement")
    period = parts.block(agreement, "period") or parts.block(tender, "tenderPeriod")
    market: dict[str, Any] = {}
    for name, key in (("start", "startDate"), ("end", "endDate")):
        day = parts.uk_date(period.get(key))
        if day:
            market[name] = day.isoformat()
    conditions = _conditions(tender)
    if conditions:
        market["conditions"] = conditions
    if front.get("notice_type") == "UK15":
        _membership(release, front, market, supplier)
    if market:
        front["dynamic_market"] = market


def _conditions(tender: dict[str, Any]) -> str | None:
    """The conditions of membership: the selection criteria of the tender or of its lots."""
    holders = [tender, *[lot for lot in parts.listed(tender, "lots") if isinstance(lot, dict)]]
    said: list[str] = []
    for holder in holders:
        for criterion in parts.listed(parts.block(holder, "selectionCriteria"), "criteria"):
            words = _words(criterion.get("description")) if isinstance(criterion, dict) else None
            if words and words not in said:
                said.append(words)
    return "\n\n".join(said)[:5000] if said else None


def _membership(
    release: dict[str, Any], front: dict[str, Any], market: dict[str, Any], supplier: Supplier
) -> None:
    """Suppliers admitted (the awards' suppliers) and removed (role removedSupplier)."""
    added = front.pop("suppliers", None)
    if added:
        market["added"] = added
    removed = []
    for party in [p for p in parts.listed(release, "parties") if isinstance(p, dict)]:
        if "removedSupplier" in parts.listed(party, "roles"):
            mapped = supplier(party)
            if mapped and mapped not in removed:
                removed.append(mapped)
    if removed:
        market["removed"] = removed


def _words(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    flat = " ".join(text.replace('"', " ").split()) if text.strip() else ""
    return flat or None
