"""OCDS parties: the buyer and the suppliers, with organisation identifiers split."""

from __future__ import annotations

from plugins.notices.derive import slugify
from plugins.notices.model import Notice, Supplier

from .compact import Json, compact


def parties(notice: Notice) -> list[Json]:
    parties = {buyer_id(notice): _buyer(notice)}
    for supplier in notice.suppliers:
        party = parties.setdefault(party_id(supplier), _supplier(supplier))
        if "supplier" not in party["roles"]:  # the buyer can be a supplier too
            party["roles"].append("supplier")
    return list(parties.values())


def _buyer(notice: Notice) -> Json:
    buyer, address = notice.buyer, notice.buyer.address
    return compact(
        {
            "id": buyer_id(notice),
            "name": buyer.name,
            "identifier": buyer.id and _identifier(buyer.id, buyer.name),
            "address": address
            and compact(
                {
                    "streetAddress": address.street,
                    "locality": address.locality,
                    "region": address.region,
                    "postalCode": address.postcode,
                    "countryName": "United Kingdom",  # postcodes are checked as UK ones
                }
            ),
            "contactPoint": compact(
                {
                    "name": buyer.contact.name,
                    "email": buyer.contact.email,
                    "telephone": buyer.contact.phone,
                    "url": buyer.url,
                }
            ),
            "roles": ["buyer"],
        }
    )


def buyer_id(notice: Notice) -> str:
    """The buyer's party id: its organisation id, else one made from its name within the
    release (no identifier is published for it then, as none is known)."""
    return notice.buyer.id or f"buyer-{slugify(notice.buyer.name)}"


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
