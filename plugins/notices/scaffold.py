"""Write a new notice file of a given type with today's date and placeholders to replace."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .derive import slugify
from .model import NoticeType
from .requirements import required_fields

SCHEMA_LINE = "# yaml-language-server: $schema=../../../plugins/notices/notice.schema.json"
PLACEHOLDER_BUYER = {
    "name": "Example Council",
    "id": "GB-PPON-AAAA-0000-AAAA",
    "contact": {"name": "Procurement team", "email": "procurement@example.gov.uk"},
}
_DAY = timedelta(days=1)


def scaffold(notice_type: NoticeType, title: str, now: datetime, buyer: dict | None = None) -> str:
    """The text of a new notice that passes the check, with values to replace."""
    now = now.astimezone(ZoneInfo("Europe/London")).replace(second=0, microsecond=0)
    year = now.year
    number = now.strftime("%m%d%H%M")
    data: dict = {
        "notice_type": notice_type.value,
        "notice_id": f"NEW-{year}-{number}",
        "ocid": f"ocds-h6vhtk-{number}",
        "published": now.isoformat(),
        "legal_basis": "PA2023",
        "find_a_tender": {
            "notice_id": f"000000-{year}",
            "url": f"https://www.find-tender.service.gov.uk/Notice/000000-{year}",
        },
        "title": title,
        "summary": "One or two sentences saying what is being bought and who it is for.",
        "buyer": buyer or PLACEHOLDER_BUYER,
    }
    deadlines: dict[str, str] = {}
    for name in required_fields(notice_type):
        if name.startswith("deadlines."):
            deadlines[name.removeprefix("deadlines.")] = (
                (now + 30 * _DAY).replace(hour=12, minute=0).isoformat()
            )
        else:
            data[name] = _example(name, now)
    if notice_type is NoticeType.UK5:
        data["procedure"] = "direct_award"
    if deadlines:
        data["deadlines"] = deadlines
    front_matter = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{SCHEMA_LINE}\n{front_matter}---\n{_BODY}"


def notice_path(content: Path, title: str, now: datetime) -> Path:
    return content / "notices" / str(now.year) / f"{slugify(title)}.md"


def _example(name: str, now: datetime) -> object:
    start = (now + 90 * _DAY).date()
    examples: dict[str, object] = {
        "category": "services",
        "cpv": ["79000000-4"],
        "regions": ["TLL"],
        "value": {"amount": 100000, "amount_gross": 120000, "currency": "GBP"},
        "procedure": "open",
        "future_notice_date": (now + 60 * _DAY).date().isoformat(),
        "submission": {
            "methods": ["electronicSubmission"],
            "url": "https://example.gov.uk/tenders",
        },
        "contract_period": {
            "start": start.isoformat(),
            "end": start.replace(year=start.year + 2).isoformat(),
        },
        "suitability": {"sme": True, "vcse": True},
        "suppliers": [{"name": "Example Supplier Ltd", "id": "GB-COH-00000000"}],
        "direct_award_justification": "Say which direct award justification applies and why.",
        "award": {"date": now.date().isoformat()},
        "contract": {"id": "CONTRACT-REFERENCE"},
        "modification": {
            "description": "What changes in the contract, and why.",
            "grounds": "Schedule 8, paragraph 5",
        },
        "termination": {"date": now.date().isoformat(), "reason": "Why the contract ended."},
        "cancellation": {
            "date": now.date().isoformat(),
            "reason": "Why no contract will be awarded.",
        },
    }
    return examples[name]


_BODY = """
Describe the requirement here in plain English: what is being bought, where, for how long,
and what the buyer wants to achieve.

## What the contract covers

- the main services or goods
- where and when they are needed

## How to respond

Say how suppliers can ask questions and submit a response.
"""
