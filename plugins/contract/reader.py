"""Read ``announcements.json`` into typed announcements.

The file as a whole is checked against its schema before anything is used, then each
announcement on its own (:mod:`plugins.contract.checker`): an invalid one is left out and
reported, and the others are kept.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from .checker import Checker
from .model import (
    Announcement,
    Announcements,
    Card,
    ChangedField,
    Deadline,
    Held,
    SiteLanguage,
    Translation,
    Version,
)
from .schema import VERSION, schema

# No announcement needs a longer integer (Python refuses to read 4,301 digits and more).
MAX_DIGITS = 30


class ContractError(Exception):
    """The announcements file as a whole cannot be used; the message says where and why."""


def load(path: Path) -> Announcements:
    """Read, check and type the announcements file at ``path``.

    A problem in the file as a whole raises :class:`ContractError`; an invalid announcement
    or held notice is left out and listed in :attr:`Announcements.invalid`.
    """
    data = _read(path)
    _check_version(path, data)
    checker = _checker()
    if problems := checker.envelope.problems(data):
        listed = "\n".join(f"{path}: {problem}" for problem in problems)
        raise ContractError(f"{len(problems)} problem(s) in the announcements file:\n{listed}")
    output = path.parent
    items, invalid = checker.items(data, output, lambda item: _announcement(item, output))
    held, invalid_held = checker.held_items(data)
    try:
        generated = _datetime(data["generated"])
    except (ValueError, OverflowError) as error:
        raise ContractError(f"{path}: $.generated: {error}") from None
    return Announcements(
        site_name=data["site"]["name"],
        site_url=data["site"]["url"],
        generated=generated,
        items=tuple(items),
        held=tuple(Held(h["id"], h["title"], h["url"], h["reason"]) for h in held),
        invalid=(*invalid, *invalid_held),
        languages=tuple(
            SiteLanguage(each["language"], each["name"], each["url"])
            for each in data["site"].get("languages", ())
        ),
        language=data["site"]["language"],
    )


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContractError(f"{path}: not found — build the site first (invoke build)") from None
    except UnicodeDecodeError as error:
        raise ContractError(f"{path}: not valid JSON: {error}") from None
    try:
        # A number too long for Python to read becomes infinity, as 1e309 does: then only
        # the announcement holding it is refused, by its schema, not the whole file.
        return json.loads(text, parse_int=_int)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ContractError(f"{path}: not valid JSON: {error}") from None


def _int(text: str) -> int | float:
    return int(text) if len(text) <= MAX_DIGITS else math.inf


def _check_version(path: Path, data: Any) -> None:
    version = data.get("version") if isinstance(data, dict) else None
    if version != VERSION:
        raise ContractError(
            f"{path}: announcements format version {version!r} is not supported: this "
            f"publisher reads version {VERSION} — publish with the Noticeboard version that built the site"
        )


@cache
def _checker() -> Checker:
    return Checker(schema())


def _announcement(item: dict[str, Any], output: Path) -> Announcement:
    notice, facts, change, card = item["notice"], item["facts"], item["change"], item["card"]
    deadline = facts["deadline"]
    return Announcement(
        id=item["id"],
        kind=item["kind"],
        date=_datetime(item["date"]),
        thread=item["thread"],
        replies_to=item["replies_to"],
        headline=item["headline"],
        url=notice["url"],
        summary=notice["summary"],
        language=notice["language"],
        value=facts["value"]["display"] if facts["value"] else None,
        deadline=Deadline(
            deadline["label"], deadline["display"], _datetime(deadline["at"]), deadline["kind"]
        )
        if deadline
        else None,
        change_number=change["number"] if change else None,
        change_summary=change["summary"] if change else None,
        tags=tuple(item["tags"]),
        card=_card(card, output),
        change_fields=tuple(_changed(field) for field in change["fields"]) if change else (),
        cpv=tuple(cpv["code"] for cpv in facts.get("cpv") or ()),
        regions=tuple(region["code"] for region in facts.get("regions") or ()),
        translations=tuple(
            Translation(each["language"], each["url"]) for each in notice["translations"]
        ),
        versions=tuple(_version(version, output) for version in item.get("versions", ())),
        buyers=facts.get("buyers"),
    )


def _card(card: dict[str, Any], output: Path) -> Card:
    return Card(card["title"], card["description"], output / card["image"], card["image_alt"])


def _version(version: dict[str, Any], output: Path) -> Version:
    deadline, change = version["deadline"], version["change"]
    return Version(
        language=version["language"],
        text_language=version["text_language"],
        url=version["url"],
        headline=version["headline"],
        summary=version["summary"],
        deadline=(deadline["label"], deadline["display"]) if deadline else None,
        value=version["value"],
        change_summary=change["summary"] if change else None,
        change_lines=tuple(change["fields"]) if change else (),
        card=_card(version["card"], output),
        buyers=version.get("buyers"),
    )


def _changed(field: str | dict[str, Any]) -> ChangedField:
    if isinstance(field, str):
        return ChangedField(field)
    return ChangedField(
        field["field"], field["label"], field["from"], field["to"], field["display"]
    )


def _datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(
            f"date-time {text!r} has no UTC offset — write it as RFC 3339, e.g. with Z"
        )
    return value
