"""Read, check and model one notice file: the single boundary from file to Notice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .body import body_problems
from .model import Notice
from .parse import build_notice
from .placeholders import placeholder_problems
from .problems import Problem
from .rules import rule_problems
from .schema import schema_problems
from .source import read_source

LANGUAGE_SUFFIXES = (".cy", ".en")


@dataclass(frozen=True)
class LoadedNotice:
    """A notice file's outcome: the Notice and its Markdown body, or the problems."""

    path: str
    notice: Notice | None
    body: str
    problems: tuple[Problem, ...]
    id_line: int = 1
    warnings: tuple[Problem, ...] = ()  # said, but the notice is published


def display_path(path: Path, root: Path) -> str:
    """How a file is named in problems: relative to ``root`` when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def slug_for(path: Path) -> str:
    """The URL slug: the file name without .md and without a language suffix."""
    stem = path.stem
    for suffix in LANGUAGE_SUFFIXES:
        stem = stem.removesuffix(suffix)
    return stem


def load_notice(path: Path, display_path: str) -> LoadedNotice:
    """Check one notice file and build its Notice when nothing is wrong."""
    source, problems = read_source(path, display_path)
    if source is None:
        return LoadedNotice(display_path, None, "", tuple(problems))
    problems = schema_problems(source) + rule_problems(source)
    problems += body_problems(source.body, source.body_first_line, display_path)
    problems = sorted(set(problems))
    if problems:
        return LoadedNotice(display_path, None, source.body, tuple(problems))
    notice = build_notice(source.data, display_path, slug_for(path))
    id_line = source.line_of(("notice_id",))
    warnings = tuple(placeholder_problems(source))
    return LoadedNotice(display_path, notice, source.body, (), id_line, warnings)
