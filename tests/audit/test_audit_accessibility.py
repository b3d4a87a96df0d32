"""axe-core (WCAG 2.0-2.2 A and AA rules, target-size included) on every page of the site."""

from pathlib import Path

import pytest

from tests.checks.axe import axe_problems
from tests.checks.browser import Browsing, html_pages, representative_pages
from tests.checks.layout import NARROW


def test_no_axe_violations_on_any_page(site: Path, browser_tab: Browsing) -> None:
    problems = axe_problems(browser_tab, html_pages(site))
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)


def test_no_axe_violations_at_320px_on_each_kind_of_page(site: Path, browser_tab: Browsing) -> None:
    # Reflowed layouts can bring targets closer together (target-size) or hide labels.
    problems = axe_problems(browser_tab, representative_pages(site), NARROW)
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
