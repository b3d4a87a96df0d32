"""Search, in the browser, finds a notice by a word of its title."""

import pytest

from tests.checks.browser import Browsing
from tests.checks.search import search_problems


def test_search_finds_a_notice_by_title_word(browser_tab: Browsing) -> None:
    problems = search_problems(browser_tab)
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
