"""A valid UK4 tender notice for tests, with one field changed at a time."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from plugins.notices.source import NoticeSource, parse_text

REMOVE = object()
"""An override value that deletes the field instead of setting it."""

VALID: dict[str, Any] = {
    "notice_type": "UK4",
    "notice_id": "ACC-2026-0031",
    "ocid": "ocds-h6vhtk-0a31c7",
    "published": "2026-10-26T09:00:00+00:00",
    "legal_basis": "PA2023",
    "find_a_tender": {
        "notice_id": "031877-2026",
        "url": "https://www.find-tender.service.gov.uk/Notice/031877-2026",
    },
    "title": "Highway resurfacing framework 2027 to 2031",
    "summary": "A four-year framework of contractors for carriageway resurfacing across the county.",
    "buyer": {
        "name": "Afonwy County Council",
        "id": "GB-PPON-PQRT-4821-WXYZ",
        "address": {"street": "County Hall, Stryd y Bont", "postcode": "SA99 1AF"},
        "contact": {"email": "procurement@afonwy.gov.uk"},
    },
    "category": "works",
    "cpv": ["45233142-6"],
    "regions": ["TLL14"],
    "value": {"amount": 18000000, "amount_gross": 21600000, "currency": "GBP"},
    "procedure": "open",
    "deadlines": {
        "enquiry": "2026-11-27T17:00:00+00:00",
        "tender": "2026-12-04T12:00:00+00:00",
    },
    "contract_period": {"start": "2027-04-01", "end": "2031-03-31", "extension_months": 12},
    "submission": {"methods": ["electronicSubmission"]},
    "suitability": {"sme": True, "vcse": False},
    "lots": [
        {"id": "1", "title": "North and the coast", "value": {"amount": 10000000}},
        {"id": "2", "title": "South and the estuary", "value": {"amount": 8000000}},
    ],
    "changes": [
        {
            "date": "2026-11-03T10:00:00+00:00",
            "summary": "Clarification deadline moved to 27 November 2026.",
        }
    ],
}

BODY = """Afonwy County Council wants contractors for **carriageway resurfacing**.

## Beth yw'r gwaith / What the work involves

- planned resurfacing schemes 🚧
- reactive footway repairs
"""


def notice_data(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """A copy of VALID with ``{"dotted.path": value}`` overrides (list items by number)."""
    data = copy.deepcopy(VALID)
    for dotted_path, value in (overrides or {}).items():
        *parents, last = [int(part) if part.isdigit() else part for part in dotted_path.split(".")]
        target = data
        for part in parents:
            target = target[part]
        if value is REMOVE and isinstance(target, dict):
            target.pop(last, None)
        elif value is REMOVE:
            del target[last]
        else:
            target[last] = value
    return data


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def notice_text(data: dict[str, Any] | None = None, body: str = BODY) -> str:
    """The notice file's text: front matter between '---' lines, then the body."""
    front = yaml.dump(
        VALID if data is None else data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    return f"---\n{front}---\n{body}"


def source_of(data: dict[str, Any] | None = None, body: str = BODY) -> NoticeSource:
    """The parsed notice; fails the test if the text itself cannot be read."""
    source, problems = parse_text(notice_text(data, body), "notice.md")
    assert source is not None, problems
    return source


def write_notice(folder: Path, text: str, name: str = "notice.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
