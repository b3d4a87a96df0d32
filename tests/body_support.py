"""Helpers for the body tests: the check's problems as (line, message) pairs."""

from __future__ import annotations

from plugins.notices.body import body_problems


def reported(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in body_problems(body, first_line, "n.md")]
