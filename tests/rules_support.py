"""Helpers for the rules tests: a notice's rule problems, and the one expected."""

from __future__ import annotations

from typing import Any

from plugins.notices.problems import Problem
from plugins.notices.rules import rule_problems
from tests.notice_factory import notice_data, source_of


def problems(overrides: dict[str, Any]) -> list[Problem]:
    return rule_problems(source_of(notice_data(overrides)))


def only(overrides: dict[str, Any]) -> Problem:
    found = problems(overrides)
    assert len(found) == 1, found
    return found[0]
