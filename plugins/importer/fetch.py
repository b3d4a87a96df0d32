"""Releases of one notice from a portal's public OCDS API (no key needed), page by page.

Find a Tender: ``/api/1.0/ocdsReleasePackages/<notice id>``; Contracts Finder:
``/Published/Notice/OCDS/<notice id>``. A page's ``links.next`` is followed on the same
portal; 429 and 5xx answers are retried after ``Retry-After`` (or 1, 2, 4 s), at most four
times. The portals' addresses come from IMPORT_FIND_A_TENDER_URL and
IMPORT_CONTRACTS_FINDER_URL when set (tests point them at a server on loopback).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from .sources import SourceError, releases_of

FIND_A_TENDER = "https://www.find-tender.service.gov.uk"
CONTRACTS_FINDER = "https://www.contractsfinder.service.gov.uk"
FIND_A_TENDER_ID = re.compile(r"^\d{6}-\d{4}$")
CONTRACTS_FINDER_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ATTEMPTS = 4
LONGEST_WAIT = 60.0
MOST_PAGES = 100
TIMEOUT_SECONDS = 30.0


class FetchError(SourceError):
    """A portal that would not give the notice, said so the user can act on it."""


@dataclass(frozen=True)
class Portals:
    find_a_tender: str = FIND_A_TENDER
    contracts_finder: str = CONTRACTS_FINDER

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Portals:
        return cls(
            environ.get("IMPORT_FIND_A_TENDER_URL", FIND_A_TENDER).rstrip("/"),
            environ.get("IMPORT_CONTRACTS_FINDER_URL", CONTRACTS_FINDER).rstrip("/"),
        )

    def notice_url(self, notice_id: str) -> str | None:
        """Where a Find a Tender or Contracts Finder notice id's releases are; None otherwise."""
        if FIND_A_TENDER_ID.match(notice_id):
            return f"{self.find_a_tender}/api/1.0/ocdsReleasePackages/{notice_id}"
        if CONTRACTS_FINDER_ID.match(notice_id.lower()):
            return f"{self.contracts_finder}/Published/Notice/OCDS/{notice_id.lower()}"
        return None


def fetch_releases(
    url: str, client: httpx.Client, sleep: Callable[[float], None] = time.sleep
) -> list[dict[str, Any]]:
    """Every release of every page from ``url`` on, following ``links.next`` on its portal;
    SourceError when there is none."""
    return releases_of({"releases": fetch_pages(url, client, sleep=sleep)}, url)


def fetch_pages(
    url: str,
    client: httpx.Client,
    *,
    sleep: Callable[[float], None] = time.sleep,
    keep: Callable[[dict[str, Any]], bool] = lambda release: True,
    most_pages: int = MOST_PAGES,
) -> list[dict[str, Any]]:
    """The releases ``keep`` wants from every page from ``url`` on (a page's others are
    dropped as it is read), following ``links.next`` on its portal."""
    origin = httpx.URL(url)
    releases: list[dict[str, Any]] = []
    next_url: str | None = url
    for _ in range(most_pages):
        if next_url is None:
            break
        page = _page(client, next_url, sleep)
        releases += [r for r in page.get("releases", []) if isinstance(r, dict) and keep(r)]
        next_url = _next(page, origin)
    else:
        raise FetchError(f"{url}: more than {most_pages} pages")
    return releases


def _next(page: dict[str, Any], origin: httpx.URL) -> str | None:
    links = page.get("links")
    given = links.get("next") if isinstance(links, dict) else None
    if not isinstance(given, str) or not given:
        return None
    found = httpx.URL(given)
    if (found.scheme, found.host, found.port) != (origin.scheme, origin.host, origin.port):
        raise FetchError(f"{origin}: the next page is on another site ({given}); not followed")
    return given


def _page(client: httpx.Client, url: str, sleep: Callable[[float], None]) -> dict[str, Any]:
    said = ""
    for attempt in range(ATTEMPTS):
        try:
            response = client.get(url, timeout=TIMEOUT_SECONDS)
        except httpx.TransportError as error:
            said = f"could not connect ({error.__class__.__name__})"
        else:
            if response.status_code == 429 or response.status_code >= 500:
                said = f"answered {response.status_code}"
                if attempt + 1 < ATTEMPTS:
                    sleep(_wait(response, attempt))
                continue
            return _json(response, url)
        if attempt + 1 < ATTEMPTS:
            sleep(2.0**attempt)
    raise FetchError(f"{url}: {said} {ATTEMPTS} times; try again later")


def _json(response: httpx.Response, url: str) -> dict[str, Any]:
    if response.status_code == 404:
        raise FetchError(f"{url}: the portal has no such notice (404)")
    if response.status_code != 200:
        raise FetchError(f"{url}: the portal answered {response.status_code}")
    try:
        data = response.json()
    except ValueError:
        raise FetchError(f"{url}: the portal's answer is not JSON") from None
    if not isinstance(data, dict):
        raise FetchError(f"{url}: the portal's answer is not an OCDS package")
    return data


def _wait(response: httpx.Response, attempt: int) -> float:
    """Seconds to wait: the answer's Retry-After (in seconds), else 1, 2, 4; at most a minute."""
    given = response.headers.get("Retry-After", "")
    try:
        seconds = float(given)
    except ValueError:
        seconds = 2.0**attempt
    return min(max(seconds, 0.0), LONGEST_WAIT)
