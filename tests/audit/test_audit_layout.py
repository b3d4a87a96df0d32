"""No page scrolls sideways at 320 CSS pixels."""

from pathlib import Path

import pytest

from tests.checks.browser import Browsing, html_pages
from tests.checks.layout import layout_problems


def test_no_horizontal_scrolling_at_320px(site: Path, browser_tab: Browsing) -> None:
    problems = layout_problems(browser_tab, html_pages(site))
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
