"""Write a new notice file of a given type, dated now, with placeholders to replace."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from .derive import slugify
from .model import NoticeType
from .requirements import FIELDS_BY_TYPE, required_fields

SCHEMA_LINE = "# yaml-language-server: $schema=../../../plugins/notices/notice.schema.json"
MARK = "# placeholder"  # on each line of a value invoke new made up (placeholders.py finds it)
PLACEHOLDER_BUYER: dict[str, Any] = {
    "name": "Example Council",
    "id": "GB-PPON-AAAA-0000-AAAA",
    "contact": {"name": "Procurement team", "email": "procurement@example.gov.uk"},
}
PLACEHOLDER_SUMMARY = "One or two sentences saying what is being bought and who it is for."
_DAY = timedelta(days=1)
FIND_A_TENDER_NOTICE = "https://www.find-tender.service.gov.uk/Notice/"


def scaffold(
    notice_type: NoticeType,
    title: str,
    now: datetime,
    buyer: dict[str, Any] | None = None,
    *,
    summary: str | None = None,
    value: Decimal | None = None,
    ocid: str | None = None,
    find_a_tender: str | None = None,
    lots: list[dict[str, str]] | None = None,
    joint_buyers: list[dict[str, Any]] | None = None,
) -> str:
    """The text of a new notice that passes the check, with values to replace.

    ``summary``, ``value`` (excluding VAT, in pounds) and ``ocid`` (to add a notice to an
    existing procurement) replace their placeholders when given; ``lots`` (ids and titles)
    and ``joint_buyers`` are those of the notice it follows. ``find_a_tender`` is the
    id of the same notice on Find a Tender; without it the notice has no link there, so the
    build holds it back (NOTICES_FIND_A_TENDER_FIRST) rather than link a made-up one.
    """
    now = now.astimezone(ZoneInfo("Europe/London")).replace(second=0, microsecond=0)
    year = now.year
    # The title's digest keeps ids apart when several notices share a minute (or a pinned clock).
    digest = hashlib.sha256(slugify(title).encode("utf-8")).hexdigest()[:4]
    number = f"{now:%m%d%H%M}-{digest}"
    data: dict[str, Any] = {
        "notice_type": notice_type.value,
        "notice_id": f"NEW-{year}-{number}",
        "ocid": ocid or f"ocds-h6vhtk-NEW-{number}",
        "published": now.isoformat(),
        "legal_basis": "PA2023",
        **({"find_a_tender": find_a_tender_link(find_a_tender)} if find_a_tender else {}),
        "title": title,
        "summary": summary or PLACEHOLDER_SUMMARY,
        "buyer": buyer or PLACEHOLDER_BUYER,
        **({"joint_buyers": joint_buyers} if joint_buyers else {}),
    }
    deadlines: dict[str, str] = {}
    for name in required_fields(notice_type):
        if name.startswith("deadlines."):
            deadlines[name.removeprefix("deadlines.")] = (
                (now + 30 * _DAY).replace(hour=12, minute=0).isoformat()
            )
        else:
            data[name] = example_value(name, now)
    if notice_type is NoticeType.UK5:
        data["procedure"] = "direct_award"
    if value is not None:
        data["value"] = {"amount": _number(value), "currency": "GBP"}
    if deadlines:
        data["deadlines"] = deadlines
    if lots:
        data["lots"] = lots
    front_matter = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    made_up = {"notice_id", "ocid", "summary", "buyer", "deadlines", "procedure"}
    made_up |= set(required_fields(notice_type))
    kept = {"ocid": ocid, "summary": summary, "buyer": buyer, "value": value}
    made_up -= {name for name, given in kept.items() if given is not None and given != ""}
    return f"---\n{SCHEMA_LINE}\n{_marked(front_matter, made_up)}---\n{_BODY}"


def _marked(front_matter: str, made_up: set[str]) -> str:
    """Each line with a value of a ``made_up`` field (or inside one) ends with MARK."""
    lines, field = [], ""
    for line in front_matter.splitlines():
        if line[:1].isalpha():
            field = line.split(":", 1)[0]
        has_value = not line.rstrip().endswith(":")
        lines.append(f"{line}  {MARK}" if field in made_up and has_value else line)
    return "\n".join(lines) + "\n"


def new_notice_date(pinned: datetime | None) -> tuple[datetime, str]:
    """Now, or the build clock NOTICES_CLOCK pins (as the sample does), and a note saying which.

    A notice dated after the build's clock is scheduled, not built, so with a pinned clock
    a notice dated today would not appear in ``invoke build``.
    """
    if pinned is None:
        return datetime.now(UTC), ""
    return pinned, f" (published {pinned.isoformat()}: the NOTICES_CLOCK set in pelicanconf.py)"


def parse_type_and_value(type_text: str, value: str) -> tuple[NoticeType, Decimal | None]:
    """``invoke new``'s type and value (pounds, commas and '£' allowed); ValueError says why not."""
    try:
        notice_type = NoticeType(type_text.upper())
    except ValueError:
        raise ValueError(
            f"Unknown notice type {type_text!r}: use one of {', '.join(NoticeType)}"
        ) from None
    not_an_amount = f"--value {value!r} is not an amount in pounds, e.g. 240000"
    try:
        amount = Decimal(value.replace(",", "").lstrip("£")) if value else None
    except InvalidOperation:
        raise ValueError(not_an_amount) from None
    if amount is not None and not (amount.is_finite() and amount >= 0):
        raise ValueError(not_an_amount)
    if amount is not None and not has_value(notice_type):
        raise ValueError(f"--value: a {notice_type.value} notice has no value field")
    return notice_type, amount


def write_new_notice(
    content: Path, notice_type: NoticeType, title: str, now: datetime, **fields: Any
) -> Path:
    """Write the scaffold (``fields`` as for ``scaffold``) under ``content``; never overwrite.

    Raises FileExistsError when a notice with that title's file name is already there.
    """
    path = notice_path(content, title, now)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(scaffold(notice_type, title, now, **fields))
    return path


def placeholder_body_start() -> str:
    """The first words of the placeholder description."""
    return _BODY.strip().splitlines()[0]


def notice_path(content: Path, title: str, now: datetime) -> Path:
    return content / "notices" / str(now.year) / f"{slugify(title)}.md"


def find_a_tender_link(notice_id: str) -> dict[str, str]:
    """The ``find_a_tender`` field for a Find a Tender notice id such as 041234-2026."""
    return {"notice_id": notice_id, "url": f"{FIND_A_TENDER_NOTICE}{notice_id}"}


def has_value(notice_type: NoticeType) -> bool:
    """Whether notices of this type may give an estimated value."""
    required, optional = FIELDS_BY_TYPE[notice_type]
    return "value" in required + optional


def _number(amount: Decimal) -> int | float:
    # YAML has no decimal type: whole pounds stay integers, pence become a float.
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def example_value(name: str, now: datetime) -> object:
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
        "performance": {
            "assessments": [
                {
                    "kpi": "The key performance indicator, in the contract's words",
                    "target": "98% or above",
                    "start": (now - 91 * _DAY).date().isoformat(),
                    "end": (now - _DAY).date().isoformat(),
                    "measure": "99%",
                    "rating": "good",
                }
            ]
        },
        "dynamic_market": {
            "start": (now + 30 * _DAY).date().isoformat(),
            "end": (now + 4 * 365 * _DAY).date().isoformat(),
            "conditions": "The conditions of membership suppliers must meet to join.",
        },
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
