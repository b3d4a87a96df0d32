"""Pieces of an OCDS release in the notice format's shapes: dates, money, places, organisations.

Each function returns what the release says in the format's words, or None (and a note of
what could not be carried over) — never a made-up value.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
ORG_ID = re.compile(r"^[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9./-]+$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s]+$")
CODE = re.compile(r"^(TL|UK)[A-N]([0-9A-Z]{1,2})?$")
# ITL1 names as the ONS gives them, which Contracts Finder uses for its regions.
ITL1_NAMES = {
    "north east": "TLC",
    "north west": "TLD",
    "yorkshire and the humber": "TLE",
    "east midlands": "TLF",
    "west midlands": "TLG",
    "east of england": "TLH",
    "london": "TLI",
    "south east": "TLJ",
    "south west": "TLK",
    "wales": "TLL",
    "scotland": "TLM",
    "northern ireland": "TLN",
}


def block(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``data[key]`` when it is an object, else an empty one."""
    found = data.get(key)
    return found if isinstance(found, dict) else {}


def listed(data: dict[str, Any], key: str) -> list[Any]:
    """``data[key]`` when it is an array, else an empty one."""
    found = data.get(key)
    return found if isinstance(found, list) else []


def moment(text: Any) -> datetime | None:
    """An OCDS date-time, aware; None when it is not one."""
    if not isinstance(text, str):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def uk_date(text: Any) -> date | None:
    """The day an OCDS date-time falls on in the UK."""
    parsed = moment(text)
    return parsed.astimezone(UK).date() if parsed else None


def number(amount: Any) -> int | float | None:
    """An amount as YAML writes it: whole pounds as an integer."""
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
        return None
    return int(amount) if float(amount).is_integer() else amount


def money(value: Any) -> dict[str, Any] | None:
    """OCDS Value → ``{amount, currency}`` (``amount_gross`` from amountGross when given)."""
    if not isinstance(value, dict) or number(value.get("amount")) is None:
        return None
    out: dict[str, Any] = {"amount": number(value["amount"])}
    if number(value.get("amountGross")) is not None:
        out["amount_gross"] = number(value["amountGross"])
    if isinstance(value.get("currency"), str):
        out["currency"] = value["currency"]
    return out


def estimate(highest: Any, lowest: Any) -> tuple[dict[str, Any] | None, str | None]:
    """A value (OCDS ``value``) with its lowest estimate (``minValue``) as ``minimum`` when the
    two make a range; else the value alone, and why the minimum was left out."""
    most, least = money(highest), money(lowest)
    if not least:
        return most, None
    if most and least.get("currency") == most.get("currency") and least["amount"] <= most["amount"]:
        return {"minimum": least["amount"], **most}, None
    return most, (
        f"a minimum of {least['amount']} (minValue) with no value in the same currency at"
        " least as high to make a range with"
    )


def period(given: dict[str, Any]) -> dict[str, Any] | None:
    """An OCDS period as start and end dates, else as a duration in days (with its start)."""
    start, end = uk_date(given.get("startDate")), uk_date(given.get("endDate"))
    days = given.get("durationInDays")
    if start and end:
        return {"start": start, "end": end}
    if isinstance(days, int) and not isinstance(days, bool) and 0 < days < 100000:
        return {"start": start, "duration": f"P{days}D"} if start else {"duration": f"P{days}D"}
    return None


def cpv_codes(sources: list[Any]) -> list[str]:
    """The CPV codes of a tender and its items (or of some items), each's main code before its
    others, each code once."""
    found: list[str] = []
    for source in [s for s in sources if isinstance(s, dict)]:
        others = listed(source, "additionalClassifications")
        for code in [source.get("classification"), *others]:
            if isinstance(code, dict) and str(code.get("scheme", "")).upper() == "CPV":
                value = str(code.get("id", "")).strip()
                if value and value not in found:
                    found.append(value)
    return found


def delivery(items: list[Any]) -> tuple[list[str], list[dict[str, str]]]:
    """ITL codes of the items' delivery addresses, and the places given otherwise: a whole
    area, a postcode, words (an address's, or a delivery location's description), or a
    country outside the UK."""
    codes: list[str] = []
    found: list[dict[str, str]] = []
    for item in [i for i in items if isinstance(i, dict)]:
        own_codes, own_places = delivery_addresses([item])
        codes += [code for code in own_codes if code not in codes]
        found += [place for place in own_places if place not in found]
        location = block(item, "deliveryLocation").get("description")
        worded = {"text": " ".join(location.split())[:500]} if isinstance(location, str) else None
        if worded and len(worded["text"]) >= 2 and worded not in found:
            found.append(worded)
    return codes, found


def delivery_addresses(items: list[Any]) -> tuple[list[str], list[dict[str, str]]]:
    """ITL codes of the items' delivery addresses, and the places those addresses give
    otherwise (a whole area, a postcode, words, a country outside the UK)."""
    codes: list[str] = []
    found: list[dict[str, str]] = []
    for item in [i for i in items if isinstance(i, dict)]:
        for where in listed(item, "deliveryAddresses"):
            code = region_code(where.get("region")) if isinstance(where, dict) else None
            if code and code not in codes:
                codes.append(code)
            elif isinstance(where, dict) and not code:
                found += [place for place in places(where) if place not in found]
    return codes, found


def region_code(region: Any) -> str | None:
    """An ITL or NUTS code, or an ITL1 region's name as its code; None for anything else."""
    if not isinstance(region, str):
        return None
    text = region.strip()
    if CODE.match(text):
        return text
    return ITL1_NAMES.get(text.lower())


# What portals write for the whole United Kingdom, and for its nations (areas of places).
_WHOLE_UK = {"united kingdom", "uk", "gb-uk"}
_NATIONS = {"england": "England", "northern ireland": "Northern Ireland"}
_NATIONS |= {"wales": "Wales", "scotland": "Scotland"}


def places(address: dict[str, Any]) -> list[dict[str, str]]:
    """A delivery address that is no ITL region as places: the whole UK or a nation, a UK
    postcode, words, or a country outside the UK (``[{area: UK}]``, ``[{postcode: …}]``)."""
    region = _text(address.get("region"))
    postcode = _text(address.get("postalCode"))
    country = _text(address.get("countryName"))
    found: list[dict[str, str]] = []
    if region:
        found.append(_area(region) or {"text": region})
    if postcode:
        found.append({"postcode": postcode} if POSTCODE.match(postcode) else {"text": postcode})
    if country and not found:
        found.append(_area(country) or {"outside_uk": country})
    return found


def _area(name: str) -> dict[str, str] | None:
    if name.lower() in _WHOLE_UK:
        return {"area": "UK"}
    nation = _NATIONS.get(name.lower())
    return {"area": nation} if nation else None


def _text(value: Any) -> str | None:
    """A text value with its spaces tidied, when it has at least two characters."""
    tidy = " ".join(value.split()) if isinstance(value, str) else ""
    return tidy[:200] if len(tidy) >= 2 else None


def party(release: dict[str, Any], reference: Any) -> dict[str, Any]:
    """The party an OrganizationReference points at (by id, else by name), else the reference."""
    if not isinstance(reference, dict):
        return {}
    parties = [p for p in release.get("parties", []) if isinstance(p, dict)]
    for key in ("id", "name"):
        for candidate in parties:
            if reference.get(key) and candidate.get(key) == reference.get(key):
                return {**reference, **candidate}
    return reference


def org_id(organisation: dict[str, Any]) -> str | None:
    """The organisation's id as ``XX-SCHEME-ID`` from its identifier, else its party id."""
    identifier = organisation.get("identifier")
    if isinstance(identifier, dict) and identifier.get("scheme") and identifier.get("id"):
        joined = f"{identifier['scheme']}-{identifier['id']}"
        if ORG_ID.match(joined):
            return joined
    own = organisation.get("id")
    return own if isinstance(own, str) and ORG_ID.match(own) else None


def address(organisation: dict[str, Any]) -> dict[str, str]:
    """The parts of an OCDS address the format holds (a postcode only in its UK form)."""
    given = organisation.get("address")
    if not isinstance(given, dict):
        return {}
    out = {
        "street": given.get("streetAddress"),
        "locality": given.get("locality"),
        "postcode": given.get("postalCode"),
        "region": region_code(given.get("region")),
    }
    if not (isinstance(out["postcode"], str) and POSTCODE.match(out["postcode"])):
        out["postcode"] = None
    return {key: value for key, value in out.items() if isinstance(value, str) and value}


def contact(organisation: dict[str, Any]) -> dict[str, str]:
    """The contact point's email, name and phone, as far as each is well formed."""
    point = organisation.get("contactPoint")
    if not isinstance(point, dict):
        return {}
    out: dict[str, str] = {}
    if isinstance(point.get("email"), str) and EMAIL.match(point["email"].strip()):
        out["email"] = point["email"].strip()
    if isinstance(point.get("name"), str) and point["name"].strip():
        out["name"] = point["name"].strip()
    if isinstance(point.get("telephone"), str) and PHONE.match(point["telephone"].strip()):
        out["phone"] = point["telephone"].strip()
    return out


def web_address(organisation: dict[str, Any]) -> str | None:
    """The organisation's own web address (its details' url)."""
    details = organisation.get("details")
    url = details.get("url") if isinstance(details, dict) else None
    return url if isinstance(url, str) and URL.match(url) else None
