"""One buyer's new notices on Find a Tender: ``invoke import --buyer ID --since DATE``.

Find a Tender's release packages (``/api/1.0/ocdsReleasePackages?updatedFrom=...``) hold every
buyer's notices, a hundred a page, paged with a cursor in ``links.next``; the API has no
buyer filter, so each page is kept only for the releases whose buyer is the one asked for,
by its identifier (``GB-PPON-PQRT-4821-WXYZ``, or the id alone, ``PQRT-4821-WXYZ``). The
workflow's daily import job runs this and opens a pull request with what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlencode

import httpx

from .fetch import Portals, fetch_pages

# A daily run reads a few dozen pages; a first run over a year reads many more.
MOST_PAGES = 5000
PAGE_SIZE = 100


def updates_url(portals: Portals, since: datetime) -> str:
    """Find a Tender's releases updated since ``since`` (its API takes UTC, no zone)."""
    moment = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    query = urlencode({"updatedFrom": moment, "limit": PAGE_SIZE})
    return f"{portals.find_a_tender}/api/1.0/ocdsReleasePackages?{query}"


def since_moment(text: str) -> datetime:
    """``--since``: a date (midnight UTC) or an ISO 8601 date and time; ValueError if not."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.combine(day, time(), UTC)


def buyer_ids(release: dict[str, Any]) -> frozenset[str]:
    """Every way the release names its buyer: ``buyer.id`` and each identifier of the
    parties with the buyer role, as ``SCHEME-ID`` and as the id alone, upper case."""
    found: set[str] = set()
    buyer = release.get("buyer")
    if isinstance(buyer, dict) and isinstance(buyer.get("id"), str):
        found.add(buyer["id"])
    for party in _buyers(release.get("parties")):
        for identifier in _identifiers(party):
            scheme, given = identifier.get("scheme"), identifier.get("id")
            if isinstance(given, str | int) and str(given):
                found.add(str(given))
                if isinstance(scheme, str) and scheme:
                    found.add(f"{scheme}-{given}")
    return frozenset(name.strip().upper() for name in found)


def of_buyer(buyer: str) -> Callable[[dict[str, Any]], bool]:
    wanted = buyer.strip().upper()
    return lambda release: wanted in buyer_ids(release)


def watched_releases(
    buyer: str, since: datetime, portals: Portals, client: httpx.Client
) -> list[tuple[dict[str, Any], str]]:
    """The buyer's releases updated since ``since``, with where each came from; none is
    not an error (a quiet day)."""
    url = updates_url(portals, since)
    found = fetch_pages(url, client, keep=of_buyer(buyer), most_pages=MOST_PAGES)
    return [(release, url) for release in found]


def _buyers(parties: Any) -> Iterable[dict[str, Any]]:
    if not isinstance(parties, list):
        return ()
    return (
        party
        for party in parties
        if isinstance(party, dict) and "buyer" in (party.get("roles") or ())
    )


def _identifiers(party: dict[str, Any]) -> Iterable[dict[str, Any]]:
    given = [party.get("identifier"), *(party.get("additionalIdentifiers") or ())]
    return (identifier for identifier in given if isinstance(identifier, dict))
