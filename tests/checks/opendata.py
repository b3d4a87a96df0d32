"""Checks of notices.json and announcements.json in a built output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

from plugins.contract import SCHEMA as ANNOUNCEMENTS_SCHEMA

NOTICES_SCHEMA = Path(__file__).parents[2] / "plugins" / "opendata" / "notices.schema.json"


def schema_problems(document: Any, schema_path: Path) -> list[str]:
    """Every way ``document`` breaks its schema, formats (date-time, uri) included."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=FormatChecker())
    return [
        f"{schema_path.name}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: "
        f"{error.message}"
        for error in validator.iter_errors(document)
    ]


def thread_problems(document: dict[str, Any]) -> list[str]:
    """Ids unique; every reply names an earlier announcement of the same thread."""
    problems = []
    seen: dict[str, dict[str, Any]] = {}
    for item in document["announcements"]:
        event_id = item["id"]
        if event_id in seen:
            problems.append(f"{event_id}: id used twice")
        parent = item["replies_to"]
        if parent is None and item["thread"] != event_id:
            problems.append(f"{event_id}: a root must be its own thread")
        if parent is not None and (parent not in seen or seen[parent]["thread"] != item["thread"]):
            problems.append(
                f"{event_id}: replies to {parent}, not earlier in thread {item['thread']}"
            )
        seen[event_id] = item
    return problems


def opendata_problems(output: Path) -> list[str]:
    """Everything wrong with the output folder's notices.json and announcements.json."""
    problems = []
    for name, schema in (
        ("notices.json", NOTICES_SCHEMA),
        ("announcements.json", ANNOUNCEMENTS_SCHEMA),
    ):
        path = output / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        problems += schema_problems(document, schema)
        if name == "announcements.json" and not problems:
            problems += thread_problems(document)
    return problems
