"""Read, check and model one notice file: the single boundary from file to Notice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .body import checked_render
from .body_limits import limit_problems
from .body_screen import needs_rendering
from .files import slug_for, slug_problem
from .followups import field_lines
from .model import Notice
from .parse import build_notice
from .placeholders import placeholder_problems
from .problems import Problem
from .rules import rule_problems
from .schema import schema_problems
from .source import NoticeSource, parse_text, read_source

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedNotice:
    """A notice file's outcome: the Notice and its Markdown body, or the problems."""

    path: str
    notice: Notice | None
    body: str
    problems: tuple[Problem, ...]
    id_line: int = 1
    ocid_line: int = 1
    warnings: tuple[Problem, ...] = ()  # said, but the notice is published
    lines: dict[str, int] = field(default_factory=dict)  # for rules across files
    html: str | None = None  # the body as the page shows it, when the check rendered it


def display_path(path: Path, root: Path) -> str:
    """How a file is named in problems: relative to ``root`` when it is inside it."""
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    """``root`` resolved once, not once a file (10,000 notices name one root)."""
    return root.resolve()


def load_notice(path: Path, display_path: str) -> LoadedNotice:
    """Check one notice file and build its Notice when nothing is wrong.

    Never raises: whatever goes wrong while reading one file is a problem naming that file,
    so the other notices are still checked and built.
    """
    try:
        return _load(path, display_path)
    except Exception as error:  # the boundary: one bad file must not stop the others
        logger.debug("reading %s failed", display_path, exc_info=True)
        problem = Problem(
            display_path,
            1,
            "file",
            f"the file could not be read ({type(error).__name__}: {str(error)[:200]})",
            "check the file against docs/notice-format.md; if it looks right, report this as a bug",
        )
        return LoadedNotice(display_path, None, "", (problem,))


def read_text(text: str, display_path: str) -> tuple[NoticeSource | None, list[Problem]]:
    """A notice's text parsed and its front matter checked (schema and rules, not the body):
    the source when nothing is wrong, else the problems."""
    source, problems = parse_text(text, display_path)
    if source is None or problems:
        return None, problems
    problems = schema_problems(source) + rule_problems(source)
    return (None if _errors(problems) else source), problems


def _load(path: Path, display_path: str) -> LoadedNotice:
    unusable_name = slug_problem(path, display_path)
    if unusable_name:
        return LoadedNotice(display_path, None, "", (unusable_name,))
    source, problems = read_source(path, display_path)
    if source is None:
        return LoadedNotice(display_path, None, "", tuple(problems))
    found = schema_problems(source) + rule_problems(source)
    said = [problem for problem in found if problem.warning]  # e.g. what a copy lacks
    html, body_problems = _checked_body(source)
    problems = sorted(set(_errors(found) + body_problems))
    if problems:
        return LoadedNotice(display_path, None, source.body, tuple(problems), warnings=tuple(said))
    notice = replace(build_notice(source.data, display_path, slug_for(path)), body=source.body)
    return LoadedNotice(
        display_path,
        notice,
        source.body,
        (),
        id_line=source.line_of(("notice_id",)),
        ocid_line=source.line_of(("ocid",)),
        warnings=(*said, *placeholder_problems(source, path.read_text("utf-8").split("\n"))),
        lines=field_lines(source),
        html=html,
    )


def _errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if not problem.warning]


def _checked_body(source: NoticeSource) -> tuple[str | None, list[Problem]]:
    """The body checked by rendering it (the page's HTML comes with it), unless the screen
    shows nothing in it could be reported."""
    if needs_rendering(source.body):
        return checked_render(source.body, source.body_first_line, source.path)
    return None, limit_problems(source.body, source.body_first_line, source.path)
