"""Whether placeholders fail a check or build (NOTICES_PLACEHOLDERS): on main, in a
production build, or never.

Placeholder problems are found (and cached) as warnings; a check or build grades them once
it knows where it runs, so a cached notice is right on any branch.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path

from .placeholders import is_placeholder
from .problems import Problem

MAIN = "main"


class PlaceholderMode(StrEnum):
    ERROR_ON_MAIN = "error-on-main"  # errors on main (and in a production build), else warnings
    ERROR = "error"
    WARNING = "warning"


def placeholders_fail(mode: PlaceholderMode, folder: Path, environ: Mapping[str, str]) -> bool:
    """Whether placeholders are errors, for a site whose notices are in ``folder``."""
    if mode is PlaceholderMode.ERROR_ON_MAIN:
        return branch(folder, environ) == MAIN
    return mode is PlaceholderMode.ERROR


def branch(folder: Path, environ: Mapping[str, str]) -> str | None:
    """The branch being checked: in GitHub Actions the one a pull request goes into
    (GITHUB_BASE_REF) or the one pushed (GITHUB_REF_NAME), else git's current branch of
    ``folder``; None outside a git repository."""
    for name in ("GITHUB_BASE_REF", "GITHUB_REF_NAME"):
        if environ.get(name):
            return environ[name]
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--abbrev-ref", "HEAD"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None


def graded(problems: Iterable[Problem], fail: bool) -> list[Problem]:
    """``problems`` with each placeholder warning made an error when ``fail``."""
    return [
        Problem(p.path, p.line, p.field, p.message, p.fix) if fail and is_placeholder(p) else p
        for p in problems
    ]
