"""Read ``announcements.json``, the publisher's only input, into typed announcements.

The file is checked against its schema (plugins/opendata/announcements.schema.json) and
for what a schema cannot say (unique ids, replies to earlier announcements, card images
inside the output folder) before anything is composed; every problem is reported at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jsonschema_rs

from .errors import InputError

VERSION = 1


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

    def by_id(self) -> dict[str, Announcement]:
        return {item.id: item for item in self.items}


@cache
def schema() -> dict[str, Any]:
    """The announcements schema the build ships."""
    # Found, not imported: importing plugins.opendata would import Pelican (0.2 s).
    spec = find_spec("plugins.opendata")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).with_name("announcements.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def load(path: Path) -> Announcements:
    """Read, check and type the announcements file at ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: not found — build the site first (invoke build)") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    _check_version(path, data)
    problems = _schema_problems(data) or _link_problems(data, path.parent)
    if problems:
        listed = "\n".join(f"{path}: {problem}" for problem in problems)
        raise InputError(f"{len(problems)} problem(s) in the announcements file:\n{listed}")
    try:
        return _typed(data, path.parent)
    except ValueError as error:
        raise InputError(f"{path}: {error}") from None


def _check_version(path: Path, data: Any) -> None:
    version = data.get("version") if isinstance(data, dict) else None
    if version != VERSION:
        raise InputError(
            f"{path}: announcements format version {version!r} is not supported: this "
            f"publisher reads version {VERSION} — publish with the Noticeboard version that built the site"
        )


@cache
def _compiled() -> jsonschema_rs.Validator:
    """The schema compiled once (jsonschema-rs): 10,000 announcements in 0.03 s, not 4 s."""
    return jsonschema_rs.Draft7Validator(schema(), validate_formats=True)


def _schema_problems(data: Any) -> list[str]:
    # The compiled validator decides; jsonschema words each problem (its messages name the
    # path as $.a[0].b), or, for what only the compiled one refuses, its own messages do.
    if _compiled().is_valid(data):
        return []
    from jsonschema import Draft7Validator, FormatChecker  # only for a bad file: 0.04 s

    validator = Draft7Validator(schema(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors] or [
        f"{_json_path(e.instance_path)}: {e.message}" for e in _compiled().iter_errors(data)
    ]


def _json_path(parts: list[str | int]) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)


def _link_problems(data: dict[str, Any], output: Path) -> list[str]:
    """Ids unique, replies to announcements listed before, card images inside the output folder."""
    problems, seen, root = [], set(), output.resolve()
    for index, item in enumerate(data["announcements"]):
        where = f"$.announcements[{index}]"
        if item["id"] in seen:
            problems.append(f"{where}.id: {item['id']!r} is listed twice — ids must be unique")
        for field in ("thread", "replies_to"):
            target = item[field]
            if target is not None and target != item["id"] and target not in seen:
                problems.append(
                    f"{where}.{field}: {target!r} is not an announcement listed before this one"
                )
        seen.add(item["id"])
        image = (output / item["card"]["image"]).resolve()
        if not image.is_relative_to(root):
            problems.append(
                f"{where}.card.image: {item['card']['image']!r} is outside the output folder"
            )
    return problems


def _typed(data: dict[str, Any], output: Path) -> Announcements:
    return Announcements(
        site_name=data["site"]["name"],
        site_url=data["site"]["url"],
        generated=_datetime(data["generated"]),
        items=tuple(_announcement(item, output) for item in data["announcements"]),
        held=tuple(
            Held(item["id"], item["title"], item["url"], item["reason"])
            for item in data.get("held", [])
        ),
    )


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
