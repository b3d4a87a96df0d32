"""Where Find a Tender puts what a Procurement Act notice says, when the tender does not.

Find a Tender's releases give an award's scope on the award (``awards[].items`` with their
CPV codes and delivery regions, ``mainProcurementCategory``, ``contractPeriod``, ``value``)
and a contract's period on the contract; a termination, cancellation or change on the
contract; electronic submission as a policy (``submissionTerms``); a competitive flexible
procedure's first deadline as ``expressionOfInterestDeadline``; and the buyer, in many
releases, only among the parties (the lots' suitability, on each lot, is read with the lots:
``ocds_lots``). ``complete`` fills what
the tender itself did not give from those places, only where the release says it once or
alike everywhere, and takes back the notes saying it was missing.
"""

from __future__ import annotations

from typing import Any

from . import ocds_parts as parts
from . import text as words

_CATEGORIES = ("goods", "services", "works")
_ELECTRONIC = ("required", "allowed")  # submissionTerms.electronicSubmissionPolicy


def sole_buyer(release: dict[str, Any]) -> dict[str, Any] | None:
    """The one party with the buyer role, as a reference, when ``buyer`` is not given."""
    buyers = [
        party
        for party in parts.listed(release, "parties")
        if isinstance(party, dict) and "buyer" in parts.listed(party, "roles")
    ]
    if len(buyers) != 1:
        return None
    return {key: buyers[0][key] for key in ("id", "name") if buyers[0].get(key)} or None


def complete(release: dict[str, Any], front: dict[str, Any], unmapped: list[str]) -> None:
    """Fill ``front``'s missing fields from where Find a Tender gives them."""
    tender = parts.block(release, "tender")
    awards = [a for a in parts.listed(release, "awards") if isinstance(a, dict)]
    contracts = [c for c in parts.listed(release, "contracts") if isinstance(c, dict)]
    items = [i for a in awards for i in parts.listed(a, "items") if isinstance(i, dict)]
    regions, places = parts.delivery_addresses(items)
    found: dict[str, Any] = {
        "category": _alike([a.get("mainProcurementCategory") for a in awards], _CATEGORIES),
        "cpv": parts.cpv_codes(items),
        "regions": regions,
        "places": places,
        "contract_period": _contract_period(awards, contracts, unmapped),
        "submission": _submission(tender),
        "termination": _ended(contracts, "terminated", ("endDate",), "termination"),
        "cancellation": _ended([*contracts, *awards], "cancelled", (), "cancellation"),
        "modification": _modification(contracts),
    }
    thresholds = [tender.get("aboveThreshold")]
    thresholds += [each.get("aboveThreshold") for each in [*awards, *contracts]]
    above = _alike([t for t in thresholds if isinstance(t, bool)])
    if isinstance(above, bool) and "above_threshold" not in front:
        front["above_threshold"] = above
    if front.get("notice_type") == "UK5" and len(awards) == 1:
        found["value"] = parts.money(awards[0].get("value"))
        _gross_only(awards[0], unmapped)
    for name, value in found.items():
        if value and name not in front:
            front[name] = value
            unmapped[:] = [note for note in unmapped if not note.startswith(f"{name}: no ")]
    _deadlines(tender, front)
    if "summary" not in front:
        _summary(release, contracts, front, unmapped)


def _gross_only(award: dict[str, Any], unmapped: list[str]) -> None:
    """An award valued only including VAT: the format's value is the amount excluding it."""
    value = parts.block(award, "value")
    gross = parts.number(value.get("amountGross"))
    if gross is not None and parts.number(value.get("amount")) is None:
        unmapped.append(
            f"value: {gross} {value.get('currency', '')} including VAT only (awards' amountGross);"
            " the format's value is the amount excluding VAT: add it"
        )


def _alike(values: list[Any], allowed: tuple[str, ...] | None = None) -> Any:
    """The one value every place that gives one gives, else None."""
    given = [v for v in values if v not in (None, "", {}, [])]
    if not given or any(v != given[0] for v in given):
        return None
    return given[0] if allowed is None or given[0] in allowed else None


def _contract_period(
    awards: list[dict[str, Any]], contracts: list[dict[str, Any]], unmapped: list[str]
) -> dict[str, Any] | None:
    """The contracts' period (UK7), else the awards' (UK5, UK6), when they agree."""
    for where, key in ((contracts, "period"), (awards, "contractPeriod")):
        periods = [parts.period(parts.block(each, key)) for each in where]
        periods = [p for p in periods if p]
        if periods and all(p == periods[0] for p in periods):
            return periods[0]
        if periods:
            unmapped.append(f"contract_period: the {len(periods)} {key}s differ")
            return None
    return None


def _submission(tender: dict[str, Any]) -> dict[str, Any] | None:
    """Electronic submission when the tender's policy allows or requires it, with its address."""
    policy = parts.block(tender, "submissionTerms").get("electronicSubmissionPolicy")
    if policy not in _ELECTRONIC:
        return None
    submission: dict[str, Any] = {"methods": ["electronicSubmission"]}
    details = tender.get("submissionMethodDetails")
    if isinstance(details, str) and parts.URL.match(details.strip()):
        submission["url"] = details.strip()
    elif isinstance(details, str) and details.strip():
        submission["details"] = details.strip()
    return submission


# The shortest reason the format takes: "N/A" in statusDetails says nothing.
_SAYS_SOMETHING = 5


def _ended(contracts: list[dict[str, Any]], status: str, dates: tuple[str, ...], kind: str) -> Any:
    """A contract ended (terminated) or a procurement stopped (its contract or award
    cancelled): when, and why in the buyer's words, else by Find a Tender's rationale codes."""
    for contract in contracts:
        reason = contract.get("statusDetails")
        if not (isinstance(reason, str) and len(reason.strip()) >= _SAYS_SOMETHING):  # "N/A"
            codes = parts.listed(contract, f"{kind}RationaleClassifications")
            named = [c.get("id") for c in codes if isinstance(c, dict)]
            reason = "; ".join(c for c in named if isinstance(c, str) and c.strip())
        if contract.get("status") != status or not reason:
            continue
        implementation = parts.block(contract, "implementation")
        when = [parts.uk_date(implementation.get(key)) for key in dates]
        when.append(parts.uk_date(contract.get("finalStatusDate")))
        day = next((d for d in when if d), None)
        if day and len(reason.strip()) >= _SAYS_SOMETHING:
            return {"date": day, "reason": reason.strip()}
    return None


def _modification(contracts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A contract change notice's change (made or proposed): its rationale and grounds (the
    rationale codes as Find a Tender gives them), new value and new end date."""
    for contract in contracts:
        for change in _changes(contract):
            if not isinstance(change.get("rationale"), str):
                continue
            codes = [c.get("id") for c in parts.listed(change, "rationaleClassifications")]
            grounds = "; ".join(c for c in codes if isinstance(c, str) and c.strip())
            if len(change["rationale"].strip()) < 10 or not grounds:
                continue
            modification: dict[str, Any] = {
                "description": change["rationale"].strip(),
                "grounds": grounds,
            }
            if parts.money(change.get("value")):
                modification["new_value"] = parts.money(change.get("value"))
            end = parts.uk_date(parts.block(change, "period").get("endDate"))
            if end:
                modification["new_end_date"] = end
            return modification
    return None


def _changes(contract: dict[str, Any]) -> list[dict[str, Any]]:
    """A contract's changes: made (``amendments``) or to be made (``proposedAmendments``)."""
    given = [*parts.listed(contract, "amendments"), *parts.listed(contract, "proposedAmendments")]
    return [change for change in given if isinstance(change, dict)]


def _deadlines(tender: dict[str, Any], front: dict[str, Any]) -> None:
    """A competitive flexible procedure's deadline for requests to participate."""
    closes = parts.moment(tender.get("expressionOfInterestDeadline"))
    if closes:
        deadlines = front.setdefault("deadlines", {})
        deadlines.setdefault("expression_of_interest", closes)


def _summary(
    release: dict[str, Any],
    contracts: list[dict[str, Any]],
    front: dict[str, Any],
    unmapped: list[str],
) -> None:
    """A notice with no description (a termination, cancellation or change), or one too short
    to sum it up ('CCTV'), is summed up by what it says happened, else by its title."""
    said = [c.get("statusDetails") for c in contracts]
    said += [change.get("rationale") for c in contracts for change in _changes(c)]
    said.append(parts.block(release, "tender").get("title"))
    for text in said:
        if isinstance(text, str) and len(text.strip()) >= words.SUMMARY_AT_LEAST:
            front["summary"] = words.summary(text)
            unmapped[:] = [note for note in unmapped if not note.startswith("summary: ")]
            return
