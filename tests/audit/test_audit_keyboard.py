"""Keyboard only: on one page of each kind, Tab reaches everything with visible focus."""

from pathlib import Path

import pytest

from tests.checks.browser import Browsing, representative_pages
from tests.checks.keyboard import keyboard_problems


def test_every_control_reachable_with_visible_focus(site: Path, browser_tab: Browsing) -> None:
    problems = keyboard_problems(browser_tab, representative_pages(site))
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
