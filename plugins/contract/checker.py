"""Checking ``announcements.json``: the file as a whole, then each announcement on its own.

The envelope (version, site, generated, the lists themselves) must be right or nothing can
be posted. Each announcement and each held notice is then checked alone, against its part
of the schema and for what a schema cannot say (a unique id, replies to an announcement
listed before it, a card image inside the output folder), so one bad announcement is
reported and skipped, never a reason to post none of the others. A reply whose thread
holds an invalid announcement is skipped too, rather than posted as the start of a thread.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import jsonschema_rs

from .model import Invalid

# A problem line quotes the bad value; a 100 KB value would bury the line.
MAX_PROBLEM = 300
# An id is shown as it is only when it is short, printable text.
MAX_ID = 120
T = TypeVar("T")


class Checker:
    """The schema split into the envelope and one announcement or held notice."""

    def __init__(self, schema: dict[str, Any]) -> None:
        envelope = copy.deepcopy(schema)
        for part in ("announcements", "held"):
            envelope["properties"][part]["items"] = {}
        definitions = schema["definitions"]
        self.envelope = _Schema(envelope)
        self.announcement = _Schema(_one(definitions, "announcement"))
        self.held = _Schema(_one(definitions, "held"))

    def items(
        self, data: dict[str, Any], output: Path, typed: Callable[[dict[str, Any]], T]
    ) -> tuple[list[T], list[Invalid]]:
        """The valid announcements of ``data``, in order, as ``typed`` makes them, and the
        invalid ones (``typed`` may refuse one with ValueError)."""
        valid: list[T] = []
        invalid: list[Invalid] = []
        seen: set[str] = set()
        refused: set[str] = set()
        root = output.resolve()
        for index, item in enumerate(data["announcements"]):
            where = f"$.announcements[{index}]"
            problems = self.announcement.problems(item, where) or list(
                _link_problems(item, where, seen, refused, root)
            )
            if not problems:
                try:
                    valid.append(typed(item))
                except (ValueError, OverflowError) as error:
                    problems = [f"{where}: {error}"]
                else:
                    seen.add(item["id"])
                    continue
            invalid.append(Invalid(_name(item, where), _joined(problems)))
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                refused.add(item["id"])
        return valid, invalid

    def held_items(self, data: dict[str, Any]) -> tuple[list[Any], list[Invalid]]:
        """The valid held notices of ``data`` and the invalid ones."""
        valid, invalid = [], []
        for index, item in enumerate(data.get("held", [])):
            where = f"$.held[{index}]"
            if problems := self.held.problems(item, where):
                invalid.append(Invalid(_name(item, where), _joined(problems)))
            else:
                valid.append(item)
        return valid, invalid


class _Schema:
    """One schema, compiled once (jsonschema-rs: 10,000 announcements in 0.03 s, not 4 s)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.compiled = jsonschema_rs.Draft7Validator(schema, validate_formats=True)

    def problems(self, data: Any, where: str = "$") -> list[str]:
        """Every problem in ``data``, each as ``<json path>: <what is wrong>``."""
        # The compiled validator decides; jsonschema words each problem (its messages name
        # the path), or, for what only the compiled one refuses, its own messages do.
        if self.compiled.is_valid(data):
            return []
        from jsonschema import Draft7Validator, FormatChecker  # only for bad data: 0.04 s

        validator = Draft7Validator(self.schema, format_checker=FormatChecker())
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        return [f"{where}{e.json_path[1:]}: {e.message}" for e in errors] or [
            f"{where}{_json_path(e.instance_path)}: {e.message}"
            for e in self.compiled.iter_errors(data)
        ]


def _one(definitions: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": definitions,
        "allOf": [{"$ref": f"#/definitions/{name}"}],
    }


def _link_problems(
    item: dict[str, Any], where: str, seen: set[str], refused: set[str], root: Path
) -> Iterator[str]:
    """A unique id, a thread and reply of valid announcements before it, a card image inside."""
    if item["id"] in seen:
        yield f"{where}.id: {item['id']!r} is listed twice — ids must be unique"
    for field in ("thread", "replies_to"):
        target = item[field]
        if target is None or target == item["id"] or target in seen:
            continue
        if target in refused:
            yield f"{where}.{field}: {target!r} is invalid, so this reply is not posted either"
        else:
            yield f"{where}.{field}: {target!r} is not an announcement listed before this one"
    yield from _image_problems(item["card"]["image"], f"{where}.card.image", root)
    for index, version in enumerate(item.get("versions", ())):
        yield from _image_problems(
            version["card"]["image"], f"{where}.versions[{index}].card.image", root
        )


def _image_problems(image: str, where: str, root: Path) -> Iterator[str]:
    try:
        inside = (root / image).resolve().is_relative_to(root)
    except (ValueError, OSError) as error:  # a NUL byte, a name too long
        yield f"{where}: {image!r} is not a usable file name ({error})"
        return
    if not inside:
        yield f"{where}: {image!r} is outside the output folder"


def _name(item: Any, where: str) -> str:
    """The announcement's id when it is short printable text, else its place in the file."""
    name = item.get("id") if isinstance(item, dict) else None
    if isinstance(name, str) and 0 < len(name) <= MAX_ID and name.isprintable():
        return name
    return where


def _joined(problems: list[str]) -> str:
    return "; ".join(_shortened(problem) for problem in problems)


def _shortened(problem: str) -> str:
    problem = " ".join(problem.split())  # one line, whatever the value held
    return problem if len(problem) <= MAX_PROBLEM else problem[: MAX_PROBLEM - 1] + "…"


def _json_path(parts: list[str | int]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
