"""OCDS parties: the buyer and the suppliers, with organisation identifiers split."""

from __future__ import annotations

from plugins.notices.derive import slugify
from plugins.notices.model import Notice, Supplier

from .compact import Json, compact


def parties(notice: Notice) -> list[Json]:
    parties = {notice.buyer.id: _buyer(notice)}
    for supplier in notice.suppliers:
        party = parties.setdefault(party_id(supplier), _supplier(supplier))
        if "supplier" not in party["roles"]:  # the buyer can be a supplier too
            party["roles"].append("supplier")
    return list(parties.values())


def _buyer(notice: Notice) -> Json:
    buyer, address = notice.buyer, notice.buyer.address
    return compact(
        {
            "id": buyer.id,
            "name": buyer.name,
            "identifier": _identifier(buyer.id, buyer.name),
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
