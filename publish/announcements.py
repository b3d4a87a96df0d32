"""Read ``announcements.json``, the publisher's only input, into typed announcements.

The file as a whole is checked against its schema (plugins/opendata/announcements.schema.json)
before anything is composed, then each announcement on its own (:mod:`publish.validate`): an
invalid one is left out and reported, and the others are posted.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .errors import InputError
from .validate import Checker, Invalid

VERSION = 1
# No announcement needs a longer integer (Python refuses to read 4,301 digits and more).
MAX_DIGITS = 30


@dataclass(frozen=True)
class Deadline:
    """The deadline for responses, as the build shows it."""

    label: str
    display: str
    at: datetime


@dataclass(frozen=True)
class Card:
    """The link card; ``image`` is the absolute path of its PNG (which may be missing)."""

    title: str
    description: str
    image: Path
    image_alt: str


@dataclass(frozen=True)
class Announcement:
    """One thing to announce: a notice published, changed, awarded, cancelled or closing soon."""

    id: str
    kind: str
    date: datetime
    thread: str
    replies_to: str | None
    headline: str
    url: str
    summary: str
    language: str
    value: str | None
    deadline: Deadline | None
    change_number: int | None
    change_summary: str | None
    tags: tuple[str, ...]
    card: Card


@dataclass(frozen=True)
class Held:
    """A notice the build holds back: not announced until it has its Find a Tender link."""

    id: str
    title: str | None  # None when the whole notice is held (not on the site either)
    url: str | None
    reason: str

    @property
    def name(self) -> str:
        return self.title or self.id


@dataclass(frozen=True)
class Announcements:
    """The whole file: the site, its announcements (oldest first) and the held notices."""

    site_name: str
    site_url: str
    generated: datetime
    items: tuple[Announcement, ...]
    held: tuple[Held, ...] = ()
    invalid: tuple[Invalid, ...] = ()  # left out: reported, not posted

    def by_id(self) -> dict[str, Announcement]:
        return {item.id: item for item in self.items}


@cache
def schema() -> dict[str, Any]:
    """The announcements schema the build ships."""
    # Found, not imported: importing plugins.opendata would import Pelican (0.2 s).
    spec = find_spec("plugins.opendata")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).with_name("announcements.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def load(path: Path) -> Announcements:
    """Read, check and type the announcements file at ``path``.

    A problem in the file as a whole raises :class:`InputError`; an invalid announcement or
    held notice is left out and listed in :attr:`Announcements.invalid`.
    """
    data = _read(path)
    _check_version(path, data)
    checker = _checker()
    if problems := checker.envelope.problems(data):
        listed = "\n".join(f"{path}: {problem}" for problem in problems)
        raise InputError(f"{len(problems)} problem(s) in the announcements file:\n{listed}")
    output = path.parent
    items, invalid = checker.items(data, output, lambda item: _announcement(item, output))
    held, invalid_held = checker.held_items(data)
    try:
        generated = _datetime(data["generated"])
    except (ValueError, OverflowError) as error:
        raise InputError(f"{path}: $.generated: {error}") from None
    return Announcements(
        site_name=data["site"]["name"],
        site_url=data["site"]["url"],
        generated=generated,
        items=tuple(items),
        held=tuple(Held(h["id"], h["title"], h["url"], h["reason"]) for h in held),
        invalid=(*invalid, *invalid_held),
    )


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: not found — build the site first (invoke build)") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    try:
        # A number too long for Python to read becomes infinity, as 1e309 does: then only
        # the announcement holding it is refused, by its schema, not the whole file.
        return json.loads(text, parse_int=_int)
    except (json.JSONDecodeError, RecursionError) as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None


def _int(text: str) -> int | float:
    return int(text) if len(text) <= MAX_DIGITS else math.inf


def _check_version(path: Path, data: Any) -> None:
    version = data.get("version") if isinstance(data, dict) else None
    if version != VERSION:
        raise InputError(
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
        deadline=Deadline(deadline["label"], deadline["display"], _datetime(deadline["at"]))
        if deadline
        else None,
        change_number=change["number"] if change else None,
        change_summary=change["summary"] if change else None,
        tags=tuple(item["tags"]),
        card=Card(card["title"], card["description"], output / card["image"], card["image_alt"]),
    )


def _datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(
            f"date-time {text!r} has no UTC offset — write it as RFC 3339, e.g. with Z"
        )
    return value
