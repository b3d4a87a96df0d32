"""Split a notice file into YAML front matter and Markdown body, keeping line numbers.

The front matter is read by ``frontmatter.py`` within its limits; this module checks the
file as bytes and text first (size, encoding, control characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .frontmatter import CONTROL_CHARACTERS, FieldPath, dotted, read_front_matter
from .problems import Problem

MAX_FILE_BYTES = 1_000_000
FENCE = "---"

__all__ = ["FieldPath", "NoticeSource", "parse_text", "read_source"]


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
    front = read_front_matter("\n".join(lines[1:end]), display_path, offset=2)
    if front.problems:
        return None, front.problems
    if not isinstance(front.data, dict):
        return None, [
            _problem(
                display_path,
                2,
                "front matter",
                "the front matter is not a list of 'field: value' lines",
                "write one 'field: value' per line between the '---' lines",
            )
        ]
    body = "\n".join(lines[end + 1 :])
    return NoticeSource(display_path, front.data, body, end + 2, front.lines), []


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


def _problem(path: str, line: int, field: str, message: str, fix: str) -> Problem:
    return Problem(path, line, field, message, fix)
