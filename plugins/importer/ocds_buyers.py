"""A release's several buyers: the other parties with the ``buyer`` role as ``joint_buyers``,
and whether the buyer is a central purchasing body (its ``centralPurchasingBody`` role, as
Public Contracts Scotland and Sell2Wales publish it).

OCDS names the lead buyer in ``buyer`` and gives each buyer of a joint procurement a party
with the ``buyer`` role; the lead stays the notice's ``buyer``.
"""

from __future__ import annotations

from typing import Any

from plugins.notices.buyer_rules import same_buyer_keys

from . import ocds_parts as parts

CENTRAL_PURCHASING_BODY = "centralPurchasingBody"


def is_central_purchasing_body(organisation: dict[str, Any]) -> bool:
    return CENTRAL_PURCHASING_BODY in parts.listed(organisation, "roles")


def joint_buyers(
    release: dict[str, Any], lead: dict[str, Any], buyer: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The release's other buyers (parties with the buyer role but ``lead``, the buyer's
    party), in its order, as the format writes them; and what was left out, and why.
    ``buyer`` is the lead as the notice writes it, so no joint buyer repeats it."""
    found: list[dict[str, Any]] = []
    unmapped: list[str] = []
    seen = set(same_buyer_keys(buyer))
    for party in _other_parties(release, lead):
        roles = parts.listed(party, "roles")
        if CENTRAL_PURCHASING_BODY in roles and "buyer" not in roles:
            unmapped.append(
                f"parties: {party.get('name')!r} is a central purchasing body but not a buyer;"
                " the format has the buyer as the central purchasing body only"
            )
        if "buyer" not in roles:
            continue
        mapped = _joint_buyer(party)
        keys = set(same_buyer_keys(mapped))
        if mapped.get("name") is None or keys & seen:
            unmapped.append(
                f"joint_buyers: the buyer party {party.get('id')!r} ({party.get('name')!r})"
                " has no name, or repeats another buyer, so it is left out"
            )
            continue
        seen |= keys
        found.append(mapped)
    return found, unmapped


def _other_parties(release: dict[str, Any], lead: dict[str, Any]) -> list[dict[str, Any]]:
    parties = [p for p in parts.listed(release, "parties") if isinstance(p, dict)]
    key = "id" if lead.get("id") is not None else "name"
    return [party for party in parties if party.get(key) != lead.get(key)]


def _joint_buyer(party: dict[str, Any]) -> dict[str, Any]:
    """A buyer party as ``{name, id, url, address}``, each part the party gives."""
    name = party.get("name")
    tidy = " ".join(name.split()) if isinstance(name, str) else ""
    contact_url = parts.block(party, "contactPoint").get("url")
    url = parts.web_address(party) or (
        contact_url if isinstance(contact_url, str) and parts.URL.match(contact_url) else None
    )
    mapped = {
        "name": tidy if len(tidy) >= 2 else None,
        "id": parts.org_id(party),
        "url": url,
        "address": parts.address(party) or None,
    }
    return {key: value for key, value in mapped.items() if value is not None}
