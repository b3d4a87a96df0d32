"""Check every notice under a folder: what ``invoke check`` runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import LoadedNotice, display_path, load_notice
from .problems import Problem
from .sitewide import Located, sitewide_problems


@dataclass(frozen=True)
class CheckReport:
    loaded: tuple[LoadedNotice, ...]
    problems: tuple[Problem, ...]


def notice_files(folder: Path) -> list[Path]:
    """Every notice file below ``folder``, in a stable order."""
    return sorted(path for path in folder.rglob("*.md") if path.is_file())


def check_files(paths: list[Path], relative_to: Path) -> CheckReport:
    """Check each file, then the rules that span files."""
    loaded = tuple(load_notice(path, display_path(path, relative_to)) for path in paths)
    problems = [problem for item in loaded for problem in item.problems]
    valid = [Located(item.notice, item.id_line) for item in loaded if item.notice is not None]
    problems += sitewide_problems(valid)
    return CheckReport(loaded, tuple(sorted(problems)))
