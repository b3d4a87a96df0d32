"""``invoke change``: change one field of a notice and record it, in one step.

The file is edited as text, so the buyer's layout and comments stay: the field's value on its
line is replaced, and an entry with the old and new value is added at the end of ``changes``.
The result must pass the check, or nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .load import read_text
from .problems import Problem
from .rules import rule_problems
from .schema import schema_problems
from .source import NoticeSource, parse_text
from .values import parse_date, parse_datetime

FENCE = "---"


class AmendError(ValueError):
    """The change cannot be made: the message says why and what to do, in one line."""


@dataclass(frozen=True)
class Amendment:
    field: str  # a front-matter path, lots by their id: deadlines.tender, lots.3.value.amount
    to: str  # the new value as the buyer types it
    reason: str  # the change's summary
    when: datetime
    formal: bool = False
    correction: bool = False


@dataclass(frozen=True)
class Amended:
    text: str
    old: str
    new: str


def amend(text: str, display_path: str, amendment: Amendment) -> Amended:
    """``text`` with the field changed and the change recorded; AmendError if it can't be."""
    source = _source(text, display_path)
    at = _located(source.data, amendment.field)
    old = _plain(_value(source.data, at))
    new_value = _typed(amendment.to, _value(source.data, at))
    new = _plain(new_value)
    if new == old:
        raise AmendError(f"{amendment.field} is already {old}: nothing to change")
    lines = text.split("\n")
    line = source.line_of(at) - 1
    lines[line] = _replaced(lines[line], str(at[-1]), _yaml_scalar(new_value), amendment.field)
    changed = _with_change(lines, source, amendment, old, new)
    problems = _problems(changed, display_path)
    if problems:
        raise AmendError(f"the changed notice would not pass the check: {problems[0]}")
    return Amended(changed, old, new)


def _source(text: str, display_path: str) -> NoticeSource:
    source, problems = parse_text(text, display_path)
    if source is None or problems:
        raise AmendError(f"{display_path} cannot be read: fix it first ({problems[0]})")
    found = [p for p in schema_problems(source) + rule_problems(source) if not p.warning]
    if found:
        raise AmendError(f"{display_path} does not pass the check: fix it first ({found[0]})")
    return source


def _located(data: dict[str, Any], field: str) -> tuple[str | int, ...]:
    """The path to an existing single value (lots and other lists found by their ``id``)."""
    at: list[str | int] = []
    here: Any = data
    for part in field.split("."):
        if isinstance(here, list):
            index = next(
                (
                    i
                    for i, item in enumerate(here)
                    if isinstance(item, dict) and str(item.get("id")) == part
                ),
                None,
            )
            if index is None:
                raise AmendError(f"{field}: no item with id {part} in {'.'.join(map(str, at))}")
            at.append(index)
            here = here[index]
        elif isinstance(here, dict) and part in here:
            at.append(part)
            here = here[part]
        else:
            raise AmendError(
                f"{field}: the notice has no such field — name one it has, e.g. deadlines.tender"
            )
    if isinstance(here, dict | list):
        raise AmendError(f"{field} holds several values: name one of them, e.g. {field}.…")
    return tuple(at)


def _value(data: Any, at: tuple[str | int, ...]) -> Any:
    for part in at:
        data = data[part]
    return data


def _typed(text: str, old: Any) -> Any:
    """The new value, of the old value's kind (a number stays a number)."""
    text = text.strip()
    if isinstance(old, bool):
        if text not in ("true", "false"):
            raise AmendError(f"--to must be true or false, not {text!r}")
        return text == "true"
    if isinstance(old, int | Decimal):
        if not re.fullmatch(r"-?\d+(\.\d+)?", text.replace(",", "")):
            raise AmendError(f"--to must be a number, such as 250000, not {text!r}")
        number = text.replace(",", "")
        return int(number) if "." not in number else Decimal(number)
    if parse_datetime(old) is not None and parse_datetime(text) is None:
        raise AmendError(f"--to must be a date and time with its offset, e.g. {old}")
    if parse_date(old) is not None and parse_date(text) is None:
        raise AmendError(f"--to must be a date, e.g. {old}")
    return text


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if parse_datetime(value) is not None or parse_date(value) is not None:
        return str(value)
    if re.fullmatch(r"[A-Za-z0-9][\w .,()/£%'-]*", value) and ": " not in value:
        return str(value)
    return json.dumps(value, ensure_ascii=False)


_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'"


def _replaced(line: str, key: str, new: str, field: str) -> str:
    """``line`` with the value after ``key:`` replaced: to the end of the line (or a comment)
    in block style, to the next ``,`` or ``}`` in a flow mapping."""
    name = re.escape(key)
    block = re.compile(rf"^\s*(?:- )?{name}:[ \t]*(?P<value>{_QUOTED}|[^\n]*?)(?:[ \t]+#.*)?$")
    flow = re.compile(
        rf"[{{,][ \t]*{name}:[ \t]*(?P<value>{_QUOTED}|[^,}}#\n]*?)[ \t]*(?:[,}}]|#.*|$)"
    )
    found = block.search(line) or flow.search(line)
    if found is None:
        raise AmendError(f"{field}: its line could not be edited: change it by hand")
    return line[: found.start("value")] + new + line[found.end("value") :]


def _with_change(
    lines: list[str], source: NoticeSource, amendment: Amendment, old: str, new: str
) -> str:
    """The lines with the change entry added at the end of ``changes`` (made if need be)."""
    fence = source.body_first_line - 2  # the closing '---', 0-based
    entry = _entry(amendment, old, new)
    if "changes" not in source.data:
        lines[fence:fence] = ["changes:", *entry]
        return "\n".join(lines)
    start = source.line_of(("changes",)) - 1
    if not isinstance(source.data["changes"], list) or "[" in lines[start].split(":", 1)[1]:
        raise AmendError("changes: written on one line: write it as a list first (see docs)")
    end = start + 1
    while end < fence and (not lines[end].strip() or lines[end][:1] in (" ", "-", "\t")):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    lines[end:end] = entry
    return "\n".join(lines)


def _entry(amendment: Amendment, old: str, new: str) -> list[str]:
    when = amendment.when.astimezone(UTC).replace(microsecond=0).isoformat()
    entry = [
        f"  - date: {when}",
        f"    summary: {json.dumps(amendment.reason, ensure_ascii=False)}",
        "    fields:",
        f"      - field: {amendment.field}",
        f"        from: {json.dumps(old, ensure_ascii=False)}",
        f"        to: {json.dumps(new, ensure_ascii=False)}",
    ]
    if amendment.formal:
        entry.append("    formal: true")
    if amendment.correction:
        entry.append("    correction: true")
    return entry


def _problems(text: str, display_path: str) -> list[Problem]:
    return [problem for problem in read_text(text, display_path)[1] if not problem.warning]


def amend_file(path: Path, display_path: str, amendment: Amendment) -> Amended:
    """Change the file in place (written whole, only when the result passes the check)."""
    amended = amend(path.read_text(encoding="utf-8"), display_path, amendment)
    path.write_text(amended.text, encoding="utf-8")
    return amended
