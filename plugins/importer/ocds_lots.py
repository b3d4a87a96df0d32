"""A release's lots (``tender.lots``) as the notice's ``lots``, each with what it says of itself.

A lot keeps its own contract period, CPV codes, places, award criteria and suitability only
when the lots differ in them: what every lot says alike is said once, for the notice (the tender's
period and places already are; criteria and suitability every lot shares become the
notice's). A lot's title, description and value range are its own whatever the others say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import ocds_parts as parts

LOT_ID = re.compile(r"^[A-Za-z0-9._-]{1,20}$")
# How a criterion's number reads, by its weight (award criteria extension's criterionWeight).
_WEIGHTS = {"percentageExact": "{}%", "pointsExact": "{} points", "order": "order {}"}


@dataclass
class Lots:
    """The lots the format holds, the award criteria every lot shares, what was left out."""

    lots: list[dict[str, Any]] = field(default_factory=list)
    award_criteria: str | None = None
    suitability: dict[str, bool] | None = None
    unmapped: list[str] = field(default_factory=list)


def lots(tender: dict[str, Any], *, own_periods: bool, notice: dict[str, Any]) -> Lots:
    """The tender's lots; ``own_periods`` when the notice has no contract period of its own;
    ``notice`` the notice so far (what every lot shares stands in for its award criteria and
    suitability when it has none)."""
    given = [lot for lot in parts.listed(tender, "lots") if isinstance(lot, dict)]
    items = [item for item in parts.listed(tender, "items") if isinstance(item, dict)]
    owned = [_items_of(lot, items) for lot in given]
    wheres = [dict(zip(("regions", "places"), parts.delivery(own), strict=True)) for own in owned]
    codes = [parts.cpv_codes(own) for own in owned]
    worded = [award_criteria(lot) for lot in given]
    suited = [_suitability(lot) for lot in given]
    found = Lots(
        award_criteria=_shared(worded, notice.get("award_criteria")),
        suitability=_shared(suited, notice.get("suitability")),
    )
    own_places, own_codes = _differ(wheres), _differ(codes)
    for index, lot in enumerate(given):
        mapped = _lot(lot, found)
        if mapped is None:
            continue
        if own_periods:  # the lots' periods differ: each its own
            _lot_period(lot, mapped)
        if own_codes and codes[index]:
            mapped["cpv"] = codes[index]
        if own_places:
            mapped |= {name: value for name, value in wheres[index].items() if value}
        words, suits = worded[index], suited[index]
        if words and not found.award_criteria:
            mapped["award_criteria"] = words
        if suits and not found.suitability:
            mapped["suitability"] = suits
        found.lots.append(mapped)
    return found


def _differ(values: list[Any]) -> bool:
    return any(value != values[0] for value in values)


def _shared(values: list[Any], notice: Any) -> Any:
    """What every lot gives alike, unless the notice already says otherwise."""
    first = values[0] if values else None
    if not first or any(value != first for value in values):
        return None
    return first if notice in (None, first) else None


def _lot(lot: dict[str, Any], found: Lots) -> dict[str, Any] | None:
    """The lot's id, title (some portals give none), description and value (a range with its
    ``minValue``); None (noted) when it has no usable id."""
    lot_id, title = str(lot.get("id", "")), lot.get("title")
    if not LOT_ID.match(lot_id):
        found.unmapped.append(
            f"lots: {lot_id!r} is no lot id the format takes (letters, digits, . _ -)"
        )
        return None
    mapped: dict[str, Any] = {"id": lot_id}
    if isinstance(title, str) and len(title.strip()) >= 2:
        mapped["title"] = " ".join(title.split())[:200]
    if isinstance(lot.get("description"), str) and lot["description"].strip():
        mapped["description"] = lot["description"].strip()
    value, left_out = parts.estimate(lot.get("value"), lot.get("minValue"))
    if value:
        mapped["value"] = value
    if left_out:
        found.unmapped.append(f"lots.{lot_id}.value: {left_out}")
    return mapped


def _suitability(lot: dict[str, Any]) -> dict[str, bool]:
    given = parts.block(lot, "suitability")
    return {k: v for k, v in given.items() if k in ("sme", "vcse") and isinstance(v, bool)}


def _lot_period(lot: dict[str, Any], mapped: dict[str, Any]) -> None:
    period = parts.period(parts.block(lot, "contractPeriod"))
    renewal = parts.block(lot, "renewal").get("description")
    if period and isinstance(renewal, str) and len(renewal.strip()) >= 3:
        period["extensions"] = " ".join(renewal.split())[:1000]
    if period:
        mapped["contract_period"] = period


def _items_of(lot: dict[str, Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items of ``lot``: those whose relatedLot is its id."""
    return [item for item in items if str(item.get("relatedLot")) == str(lot.get("id"))]


def award_criteria(lot: dict[str, Any]) -> str | None:
    """A lot's award criteria in words: its ``awardCriteriaDetails``, else each criterion of its
    ``awardCriteria`` as ``Technical (quality): 70%``, joined by semicolons."""
    details = lot.get("awardCriteriaDetails")
    if isinstance(details, str) and details.strip():
        return " ".join(details.split())
    given = parts.block(lot, "awardCriteria")
    said = [given.get("description"), *map(_criterion, parts.listed(given, "criteria"))]
    said.append(given.get("weightingDescription"))
    words = [" ".join(text.split()) for text in said if isinstance(text, str) and text.strip()]
    return "; ".join(words) or None


def _criterion(criterion: Any) -> str | None:
    if not isinstance(criterion, dict):
        return None
    kind, name = _text(criterion.get("type")), _text(criterion.get("name"))
    label = name or (kind.capitalize() if kind else "")
    if name and kind and name.lower() != kind.lower():
        label = f"{name} ({kind})"
    details = [_text(criterion.get("description"))]
    details += [_number(number) for number in parts.listed(criterion, "numbers")]
    said = ", ".join(detail for detail in details if detail)
    return f"{label}: {said}" if label and said else label or said or None


def _number(number: Any) -> str | None:
    if not isinstance(number, dict) or parts.number(number.get("number")) is None:
        return None
    return _WEIGHTS.get(str(number.get("weight")), "{}").format(parts.number(number["number"]))


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
