"""Bodies too costly to render, refused before Python-Markdown reads them.

Python-Markdown slows down with the square of some inputs (thousands of links in one
paragraph, HTML tags that never close), so the costs below are estimated first, in linear
time, and a body over them is refused instead of rendered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator

from .body_lines import SourceLines, normalised
from .problems import Problem

MAX_BODY_CHARS = 100_000  # Python-Markdown takes up to ~20 µs a character on hostile text
# Each budget is one to 1.5 seconds of Python-Markdown's time (measured in tests/test_body.py).
TAG_BUDGET = 16_000_000  # '<' tags by characters: html.parser rescans a tag that never ends
BLOCK_BUDGET = 10_000_000  # lines by characters per block: block parsers rescan the block
INLINE_BUDGET = 900_000_000  # marks by characters per paragraph: inline parsing rescans it
LINK_WEIGHT = 300  # a link costs ~300 times another mark (Markdown rescans its brackets)
LINK_COST = 120_000  # and ~200 µs even in a short paragraph

_TAG_START = re.compile(r"</?[A-Za-z]")
# Quote and list markers opening a line: each level of nesting reparses the block.
_NESTING = re.compile(r"[ \t]*(?:(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)*")
_MARKER = re.compile(r">|[-+*]|\d+[.)]")
_MARKS = "`*_\\&<!"


class TooComplex(Exception):
    """A paragraph whose inline Markdown would take too long to render."""

    def __init__(self, text: str, marks: int) -> None:
        super().__init__(text[:60])
        self.text = text
        self.marks = marks

    def problem(self, body: str, first_line: int, path: str) -> Problem:
        first = self.text.strip().split("\n", 1)[0][:60].lower()
        line = SourceLines(body, first_line).find([re.escape(first)]) if first else None
        return Problem(
            path,
            line or first_line,
            "body",
            "the description has too many links or Markdown marks to render in good time "
            f"(this paragraph has {self.marks:,} in {len(self.text):,} characters)",
            "use fewer links, and split long paragraphs into shorter ones or a list",
        )


def inline_cost(root: etree.Element) -> None:
    """Raise TooComplex when the text left for inline Markdown would take too long."""
    total = 0
    for element in root.iter():
        for text in (element.text, element.tail):
            if not text:
                continue
            links = text.count("[")
            marks = links + sum(text.count(mark) for mark in _MARKS)
            total += len(text) * (links * LINK_WEIGHT + marks) + links * LINK_COST
            if total > INLINE_BUDGET:
                raise TooComplex(text, marks)


def limit_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """A body too long, or whose HTML tags or blocks would take Markdown too long to parse."""
    if len(body) > MAX_BODY_CHARS:
        return [_size_problem(len(body), first_line, path)]
    return [*_tag_problem(body, first_line, path), *_block_problem(body, first_line, path)]


def _size_problem(chars: int, first_line: int, path: str) -> Problem:
    return Problem(
        path,
        first_line,
        "body",
        f"the description is {chars:,} characters, over the {MAX_BODY_CHARS:,}-character limit",
        "shorten it, and link to a document for the full text",
    )


def _tag_problem(body: str, first_line: int, path: str) -> Iterator[Problem]:
    starts = [match.start() for match in _TAG_START.finditer(body)]
    if len(starts) * len(body) <= TAG_BUDGET:
        return
    line = first_line + body.count("\n", 0, starts[0])
    yield Problem(
        path,
        line,
        "body",
        f"{len(starts):,} HTML tags (or '<' before a letter) in {len(body):,} characters "
        "are too costly to check",
        "write the description in Markdown, or '&lt;' for a '<' that is not a tag",
    )


def _block_problem(body: str, first_line: int, path: str) -> Iterator[Problem]:
    total, worst = 0, (0, 0, 0, 0)  # (cost, index of its first line, lines, depth)
    start, chars, depth = 0, 0, 0
    lines = normalised(body).split("\n")
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            chars += len(line) + 1
            depth = max(depth, _depth(line))
            continue
        cost = chars * (index - start + depth)
        total += cost
        worst = max(worst, (cost, start, index - start, depth))
        start, chars, depth = index + 1, 0, 0
    if total > BLOCK_BUDGET:
        _, first, count, deepest = worst
        message = (
            f"quotes or lists nested {deepest:,} deep are too costly to render"
            if deepest > count
            else f"a block of {count:,} lines with no blank line between them is too costly "
            "to render"
        )
        fix = "put blank lines between paragraphs, and nest quotes and lists less deeply"
        yield Problem(path, first_line + first, "body", message, fix)


def _depth(line: str) -> int:
    """How many quotes and lists the line opens."""
    opening = _NESTING.match(line)
    return len(_MARKER.findall(opening.group())) if opening else 0


def nesting_problem(first_line: int, path: str) -> Problem:
    """Python-Markdown ran out of stack: the limits above should make this unreachable."""
    return Problem(
        path,
        first_line,
        "body",
        "the description is nested too deeply to render",
        "use fewer levels of quotes and lists",
    )
