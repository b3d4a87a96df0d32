"""OCDS parties: the buyers and the suppliers, with organisation identifiers split.

Several buyers are given as OCDS advises: the lead in ``buyer``, every one a party with the
``buyer`` role. A central purchasing body has the ``centralPurchasingBody`` role as well: the
code OCDS 1.2 adds to the open partyRole list (from the EU profile, for "the contract is
awarded by a central purchasing body"), as Public Contracts Scotland and Sell2Wales publish it.
"""

from __future__ import annotations

from plugins.notices.derive import slugify
from plugins.notices.model import Address, JointBuyer, Notice, Supplier

from .compact import Json, compact
from .dynamic_market import members

CENTRAL_PURCHASING_BODY = "centralPurchasingBody"


def parties(notice: Notice) -> list[Json]:
    parties = {buyer_id(notice): _buyer(notice)}
    for joint in notice.joint_buyers:  # never the buyer itself (the check says so)
        parties.setdefault(joint_buyer_id(joint), _joint_buyer(joint))
    for supplier in notice.suppliers:
        party = parties.setdefault(party_id(supplier), _supplier(supplier))
        if "supplier" not in party["roles"]:  # the buyer can be a supplier too
            party["roles"].append("supplier")
    for member, role in members(notice):
        party = parties.setdefault(party_id(member), {**_supplier(member), "roles": []})
        if role not in party["roles"]:
            party["roles"].append(role)
    return list(parties.values())


def _buyer(notice: Notice) -> Json:
    buyer = notice.buyer
    return compact(
        {
            "id": buyer_id(notice),
            "name": buyer.name,
            "identifier": buyer.id and _identifier(buyer.id, buyer.name),
            "address": _address(buyer.address),
            "contactPoint": compact(
                {
                    "name": buyer.contact.name,
                    "email": buyer.contact.email,
                    "telephone": buyer.contact.phone,
                    "url": buyer.url,
                }
            ),
            "roles": ["buyer", CENTRAL_PURCHASING_BODY]
            if buyer.central_purchasing_body
            else ["buyer"],
        }
    )


def _joint_buyer(joint: JointBuyer) -> Json:
    return compact(
        {
            "id": joint_buyer_id(joint),
            "name": joint.name,
            "identifier": joint.id and _identifier(joint.id, joint.name),
            "address": _address(joint.address),
            "contactPoint": compact({"url": joint.url}),  # as the lead buyer's web address
            "roles": ["buyer"],
        }
    )


def _address(address: Address | None) -> Json | None:
    if address is None:
        return None
    return compact(
        {
            "streetAddress": address.street,
            "locality": address.locality,
            "region": address.region,
            "postalCode": address.postcode,
            "countryName": "United Kingdom",  # postcodes are checked as UK ones
        }
    )


def buyer_id(notice: Notice) -> str:
    """The buyer's party id: its organisation id, else one made from its name within the
    release (no identifier is published for it then, as none is known)."""
    return notice.buyer.id or f"buyer-{slugify(notice.buyer.name)}"


def joint_buyer_id(joint: JointBuyer) -> str:
    """A joint buyer's party id, made as the buyer's is."""
    return joint.id or f"buyer-{slugify(joint.name)}"


def _identifier(org_id: str, name: str) -> Json:
    """``GB-PPON-ABCD-1234-EFGH`` → scheme ``GB-PPON``, id ``ABCD-1234-EFGH``."""
    country, register, local = org_id.split("-", 2)
    return {"scheme": f"{country}-{register}", "id": local, "legalName": name}


def party_id(supplier: Supplier) -> str:
    return supplier.id or f"supplier-{slugify(supplier.name)}"


def _supplier(supplier: Supplier) -> Json:
    return compact(
        {
            "id": party_id(supplier),
            "name": supplier.name,
            "identifier": supplier.id and _identifier(supplier.id, supplier.name),
            "roles": ["supplier"],
            "details": _details(supplier),
        }
    )


def _details(supplier: Supplier) -> Json:
    """Scale (Organization scale extension) and VCSE status (UK extension), when known."""
    scale = None if supplier.sme is None else ("sme" if supplier.sme else "large")
    return compact({"scale": scale, "vcse": supplier.vcse})
