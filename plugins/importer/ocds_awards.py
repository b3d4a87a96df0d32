"""A release's awards as the notice's award decisions: one ``award``, or several ``awards``.

A release of one award gives ``award`` (its day, value and lots). A release of several
(Find a Tender's contract award notices give one per lot or per supplier) gives ``awards``,
each with its day, value, lots, suppliers (by name), standstill end and status. An award
that names no supplier or no day (Find a Tender's ``-1`` for lots it did not award) is left
out and listed as unmapped; its lots are not invented into an award.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import ocds_parts as parts

_STATUSES = ("pending", "active", "cancelled")
_SEVERAL_ONLY = ("suppliers", "status")  # what only each of several ``awards`` gives


@dataclass
class Decisions:
    """The notice's award fields (``award`` or ``awards``) and what could not be mapped."""

    front: dict[str, Any] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)


def decisions(release: dict[str, Any], lots: list[str], names: dict[str, str]) -> Decisions:
    """``lots``: the notice's lot ids; ``names``: an award supplier's party id or name → the
    name the notice's ``suppliers`` gives it."""
    found = Decisions()
    awards = [a for a in parts.listed(release, "awards") if isinstance(a, dict)]
    made: list[dict[str, Any]] = []
    left_out: dict[str, list[str]] = {}  # why → the ids of the awards left out for it
    for award in awards:
        suppliers = _suppliers(release, award, names)
        decision = _decision(award, lots, suppliers, found.unmapped)
        why = _unusable(decision, several=len(awards) > 1)
        if why:
            left_out.setdefault(why, []).append(str(award.get("id", "?")))
        else:
            made.append(decision)
    found.unmapped += [f"award {_listed(ids)}: {why}" for why, ids in left_out.items()]
    if len(made) == 1:  # one decision: to every supplier of the notice
        found.front["award"] = {k: v for k, v in made[0].items() if k not in _SEVERAL_ONLY}
    elif made:
        found.front["awards"] = made
    return found


def _listed(ids: list[str]) -> str:
    """Award ids for a comment line: a long list by its first few and its length."""
    return ", ".join(ids) if len(ids) <= 6 else f"{', '.join(ids[:5])}… ({len(ids)} awards)"


def _unusable(decision: dict[str, Any], *, several: bool) -> str | None:
    """Why an award is no decision of the notice (None when it is one)."""
    if "date" not in decision:
        return "the award has no date"
    if several and not decision["suppliers"]:
        return "the award names no supplier"
    return None


def _decision(
    award: dict[str, Any],
    lots: list[str],
    suppliers: list[str],
    unmapped: list[str],
) -> dict[str, Any]:
    """What an award says of itself: its day, suppliers, value, lots, standstill end and
    status."""
    decision: dict[str, Any] = {}
    day = parts.uk_date(award.get("date"))
    if day is not None:
        decision["date"] = day
    decision["suppliers"] = suppliers
    if parts.money(award.get("value")):
        decision["value"] = parts.money(award.get("value"))
    decision |= _lots(award, lots, f"award {award.get('id', '?')}", unmapped)
    standstill = parts.moment(parts.block(award, "standstillPeriod").get("endDate"))
    if standstill is not None:
        decision["standstill_end"] = standstill
    if award.get("status") in _STATUSES:
        decision["status"] = award["status"]
    return decision


def _suppliers(release: dict[str, Any], award: dict[str, Any], names: dict[str, str]) -> list[str]:
    found: list[str] = []
    for reference in parts.listed(award, "suppliers"):
        party = parts.party(release, reference)
        name = names.get(str(party.get("id"))) or names.get(str(party.get("name")))
        if name and name not in found:
            found.append(name)
    return found


def _lots(
    award: dict[str, Any], lots: list[str], where: str, unmapped: list[str]
) -> dict[str, Any]:
    """The award's lots that the notice has (a lot it lacks is listed as unmapped)."""
    related = [str(lot) for lot in parts.listed(award, "relatedLots")]
    if not lots:
        return {}  # a notice of one lot is the whole procurement: the award is for all of it
    kept = [lot for lot in related if lot in lots]
    if len(kept) < len(related):
        missing = ", ".join(lot for lot in related if lot not in lots)
        unmapped.append(f"{where}.relatedLots: lots {missing} are not among the notice's lots")
    return {"lots": kept} if kept else {}
