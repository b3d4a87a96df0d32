"""Source lines for what the body check reports: patterns found in the Markdown as written,
with code blocks and code spans masked, since what is in them is shown as text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

_FENCE = re.compile(r"(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")


def normalised(body: str) -> str:
    """The body as Markdown reads it: one kind of line end, tabs as spaces."""
    return body.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)


class SourceLines:
    """Find source lines by pattern, each pattern resuming after its last match."""

    def __init__(self, body: str, first_line: int) -> None:
        lowered = _mask_code([line.lower() for line in normalised(body).split("\n")])
        self.text = "\n".join(lowered)
        self.starts = list(accumulate((len(line) + 1 for line in lowered[:-1]), initial=0))
        self.first_line = first_line
        self.resume: dict[str, int] = {}

    def find(self, patterns: Iterable[str]) -> int | None:
        """The line of the first pattern found, after that pattern's last match or else anywhere."""
        for pattern in patterns:
            compiled = re.compile(pattern)
            match = compiled.search(self.text, self.resume.get(pattern, 0)) or compiled.search(
                self.text
            )
            if match:
                self.resume[pattern] = match.end()
                last = max(match.start(), match.end() - 1)
                return self.first_line + bisect_right(self.starts, last) - 1
        return None


def _mask_code(lines: list[str]) -> list[str]:
    """The lines with code blocks and code spans blanked: what is in them is shown as text."""
    masked, opening = list(lines), None
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if opening is None:
            opening = (index, fence.group(1)) if fence else None
            masked[index] = " " * len(line) if fence else _mask_spans(line)
        elif fence and line.rstrip() == opening[1]:
            masked[opening[0] : index + 1] = [
                " " * len(each) for each in lines[opening[0] : index + 1]
            ]
            opening = None
    if opening is not None:  # a fence never closed is not a code block
        masked[opening[0] :] = [_mask_spans(each) for each in lines[opening[0] :]]
    return masked


def _mask_spans(line: str) -> str:
    """The line with `code spans` blanked (a run of backticks closes at the next equal run)."""
    if "`" not in line:
        return line
    chars, opening = list(line), None
    for run in _BACKTICKS.finditer(line):
        if opening is None:
            opening = run
        elif len(run.group()) == len(opening.group()):
            chars[opening.start() : run.end()] = " " * (run.end() - opening.start())
            opening = None
    return "".join(chars)
