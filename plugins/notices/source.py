"""Split a notice file into YAML front matter and Markdown body, keeping line numbers.

The YAML is read with YAML 1.2-like rules: only ``true``/``false`` are booleans, nothing
becomes a date (dates stay text for the schema to check), numbers with a fraction become
``Decimal`` and codes with leading zeros stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 1_000_000
FENCE = "---"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

FieldPath = tuple[str | int, ...]


class _NoticeLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars: no yes/no booleans, no dates, no octal."""


# libyaml's parser is ~10x faster; the pure-Python one words its errors better, so it is used
# only to explain a file that libyaml rejected.
_FastNoticeLoader = type("_FastNoticeLoader", (getattr(yaml, "CSafeLoader", _NoticeLoader),), {})

for _loader in (_NoticeLoader, _FastNoticeLoader):
    _loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
        "-+0123456789.",
    ),
]:
    for _loader in (_NoticeLoader, _FastNoticeLoader):
        _loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
for _loader in (_NoticeLoader, _FastNoticeLoader):
    _loader.add_constructor(
        "tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node))
    )


@dataclass(frozen=True)
class NoticeSource:
    """A notice file read from disk: its front matter as data, its body, and where things are."""

    path: str
    data: dict[str, Any]
    body: str
    body_first_line: int
    lines: dict[FieldPath, int]

    def problem(self, at: FieldPath, message: str, fix: str) -> Problem:
        """A problem with the field at ``at``, pointing at its line."""
        return Problem(self.path, self.line_of(at), dotted(at) or "front matter", message, fix)

    def line_of(self, field_path: FieldPath) -> int:
        """Line of the deepest part of ``field_path`` present in the file (1 if none)."""
        for end in range(len(field_path), 0, -1):
            if field_path[:end] in self.lines:
                return self.lines[field_path[:end]]
        return self.lines.get((), 1)


def read_source(path: Path, display_path: str) -> tuple[NoticeSource | None, list[Problem]]:
    """Read one notice file; on failure return None and the problems that stopped it."""
    raw = path.read_bytes()
    problem = _check_bytes(raw, display_path)
    if problem:
        return None, [problem]
    text = raw.decode("utf-8").removeprefix("\ufeff")
    control = _find_control_characters(text, display_path)
    if control:
        return None, control
    return parse_text(text, display_path)


def parse_text(text: str, display_path: str) -> tuple[NoticeSource | None, list[Problem]]:
    """Parse a notice's text into front matter and body."""
    # Split on newlines only: str.splitlines() also breaks at control characters.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    if not lines or lines[0].strip() != FENCE:
        return None, [
            _problem(
                display_path,
                1,
                "front matter",
                "the file does not start with a '---' line",
                "start the file with '---', the YAML fields, then another '---' line",
            )
        ]
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), None)
    if end is None:
        return None, [
            _problem(
                display_path,
                1,
                "front matter",
                "the front matter is never closed",
                "add a line with just '---' after the last field",
            )
        ]
    yaml_text = "\n".join(lines[1:end])
    try:
        node, data = _load_yaml(yaml_text, _FastNoticeLoader)
    except yaml.YAMLError:
        try:
            _load_yaml(yaml_text, _NoticeLoader)
        except yaml.YAMLError as explained:
            error = explained
        return None, [_yaml_problem(error, display_path)]
    if not isinstance(data, dict) or node is None:
        return None, [
            _problem(
                display_path,
                2,
                "front matter",
                "the front matter is not a list of 'field: value' lines",
                "write one 'field: value' per line between the '---' lines",
            )
        ]
    line_map: dict[FieldPath, int] = {(): 2}
    duplicates = _map_lines(node, (), line_map, offset=2)
    if duplicates:
        return None, [
            _problem(
                display_path,
                line,
                ".".join(map(str, at)),
                "this field is given twice",
                "keep one of the two (the file must say each thing once)",
            )
            for at, line in duplicates
        ]
    body = "\n".join(lines[end + 1 :])
    return NoticeSource(display_path, data, body, end + 2, line_map), []


def _load_yaml(text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """The front matter's node tree (for line numbers) and its data."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _map_lines(
    node: yaml.Node, at: FieldPath, line_map: dict[FieldPath, int], offset: int
) -> list[tuple[FieldPath, int]]:
    """Record the line of every field and list item; return fields given twice."""
    duplicates: list[tuple[FieldPath, int]] = []
    if isinstance(node, yaml.MappingNode):
        children = [((*at, str(key.value)), key, value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [((*at, index), item, item) for index, item in enumerate(node.value)]
    else:
        return duplicates
    for child_path, mark_node, value in children:
        line = mark_node.start_mark.line + offset
        if child_path in line_map:
            duplicates.append((child_path, line))
        line_map[child_path] = line
        duplicates += _map_lines(value, child_path, line_map, offset)
    return duplicates


def _check_bytes(raw: bytes, display_path: str) -> Problem | None:
    if not raw.strip():
        return _problem(
            display_path,
            1,
            "file",
            "the file is empty",
            "write the notice's front matter and description, or run 'invoke new' for a template",
        )
    if len(raw) > MAX_FILE_BYTES:
        return _problem(
            display_path,
            1,
            "file",
            f"the file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
            "shorten the description and link to large documents instead of pasting them",
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _problem(
            display_path,
            line,
            "file",
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8 text",
            "save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8)",
        )
    return None


def _find_control_characters(text: str, display_path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        match = CONTROL_CHARACTERS.search(line)
        if match:
            problems.append(
                _problem(
                    display_path,
                    number,
                    "text",
                    f"invisible control character U+{ord(match.group()):04X} in column {match.start() + 1}",
                    "delete it (it often comes from copying out of a PDF or Word)",
                )
            )
    return problems


def _yaml_problem(error: yaml.YAMLError, display_path: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 2 if mark is not None else 2
    what = getattr(error, "problem", None) or str(error)
    return _problem(
        display_path,
        line,
        "front matter",
        f"the YAML cannot be read ({what})",
        "check the indentation, and put quotes around values containing ': ' or starting with '#'",
    )


def _problem(path: str, line: int, field: str, message: str, fix: str) -> Problem:
    return Problem(path, line, field, message, fix)


def dotted(at: FieldPath) -> str:
    """``("lots", 0, "value")`` → ``lots[0].value``."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
