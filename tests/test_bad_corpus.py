"""The bad-notice corpus: each file is base/highway-resurfacing-framework.md with one mistake.

The cases, with the line, field and text of each expected problem, are in bad_corpus_cases.py.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from plugins.notices.check import check_files
from plugins.notices.load import load_notice
from plugins.notices.problems import Problem
from tests.bad_corpus_cases import BAD, BASE, CASES, FOUND, ONLY, PRINTED, REJECTED, Case, Expected


def make_file(case: Case, folder: Path) -> Path:
    """Files too big to commit."""
    assert case.name == "huge.md"
    row = "| 1 | Resurfacing, per square metre | £18.40 |\n"
    text = BASE.read_text(encoding="utf-8") + row * (5_000_000 // len(row.encode()) + 1)
    path = folder / case.name
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    return path


def params(check: str) -> list[pytest.ParameterSet]:
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=case.bug.reason)]
            if case.bug and check in case.bug.breaks
            else [],
        )
        for case in CASES
    ]


def file_of(case: Case, expected: Expected) -> str:
    return expected.file or case.name


def problems_of(case: Case, tmp_path: Path) -> tuple[Problem, ...]:
    if case.sitewide:
        return check_files(sorted((BAD / case.name).glob("*.md")), BAD).problems
    path = make_file(case, tmp_path) if case.generate else BAD / case.name
    return load_notice(path, case.name).problems


def describe(problems: tuple[Problem, ...]) -> str:
    return "reported:\n" + "\n".join(f"  {problem}" for problem in problems)


@pytest.mark.parametrize("case", params(FOUND))
def test_reports_the_expected_problems(case: Case, tmp_path: Path) -> None:
    problems = problems_of(case, tmp_path)
    for expected in case.expected:
        where = (file_of(case, expected), expected.line, expected.field)
        matching = [p for p in problems if (p.path, p.line, p.field) == where]
        assert matching, f"nothing reported at {where}; {describe(problems)}"
        assert any(expected.text in f"{p.message} — {p.fix}" for p in matching), describe(problems)


@pytest.mark.parametrize("case", params(ONLY))
def test_reports_nothing_else(case: Case, tmp_path: Path) -> None:
    problems = problems_of(case, tmp_path)
    reported = sorted((p.path, p.line, p.field) for p in problems)
    expected = sorted((file_of(case, e), e.line, e.field) for e in case.expected)
    assert reported == expected, describe(problems)


@pytest.mark.parametrize("case", params(PRINTED))
def test_each_problem_prints_as_one_line(case: Case, tmp_path: Path) -> None:
    problems = problems_of(case, tmp_path)
    assert problems
    for problem in problems:
        form = rf"{re.escape(problem.path)}:{problem.line}: {re.escape(problem.field)}: .+ — .+"
        assert re.fullmatch(form, str(problem)), str(problem)


@pytest.mark.parametrize("case", params(REJECTED))
def test_nothing_is_published(case: Case, tmp_path: Path) -> None:
    if case.sitewide:
        # The site build drops every file a site-wide problem names.
        named = {problem.path for problem in problems_of(case, tmp_path)}
        assert {file_of(case, expected) for expected in case.expected} <= named
    else:
        path = make_file(case, tmp_path) if case.generate else BAD / case.name
        assert load_notice(path, case.name).notice is None


def test_the_base_notice_is_valid() -> None:
    loaded = load_notice(BASE, "base.md")
    assert loaded.problems == ()
    assert loaded.notice is not None


def derived_files() -> list[str]:
    """Committed one-file cases; empty.md keeps nothing of the base, so it is left out."""
    return [
        case.name
        for case in CASES
        if not case.generate and not case.sitewide and case.name != "empty.md"
    ]


@pytest.mark.parametrize("name", derived_files())
def test_each_file_has_one_change_from_the_base(name: str) -> None:
    base = BASE.read_bytes().split(b"\n")
    bad = (BAD / name).read_bytes().split(b"\n")
    changes = [
        op for op in difflib.SequenceMatcher(None, base, bad).get_opcodes() if op[0] != "equal"
    ]
    assert len(changes) == 1, changes


def test_every_corpus_file_has_a_case() -> None:
    covered = set()
    for case in CASES:
        target = BAD / case.name
        covered |= set(target.glob("*.md")) if case.sitewide else {target}
    on_disk = {path for path in BAD.rglob("*.md") if path.parent != BASE.parent}
    assert on_disk == covered - {BAD / "huge.md"}
