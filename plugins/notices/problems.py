"""A problem found in a notice file, and the ways we print it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where, which field, what, and how to fix it."""

    path: str
    line: int
    field: str
    message: str
    fix: str
    warning: bool = False  # said, but it does not fail the check or the build

    def __str__(self) -> str:
        level = "warning: " if self.warning else ""
        line = f"{self.path}:{self.line}: {level}{self.field}: {self.message} — {self.fix}"
        # One problem, one line, even when a file's name holds a line break.
        return _CONTROL.sub(lambda found: repr(found.group())[1:-1], line)

    def as_warning(self) -> Problem:
        """The same problem, said as a warning."""
        return replace(self, warning=True)

    def as_github(self) -> str:
        """A GitHub Actions workflow command that annotates the file in a pull request."""
        text = _escape_github(f"{self.field}: {self.message} — {self.fix}")
        level = "warning" if self.warning else "error"
        return f"::{level} file={self.path},line={self.line},title=Notice check::{text}"


def _escape_github(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class InvalidNotice(ValueError):
    """Raised when a notice file cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
