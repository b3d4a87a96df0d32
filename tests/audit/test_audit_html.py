"""The Nu HTML Checker finds no errors in any page."""

from pathlib import Path

import pytest

from tests.checks.html import nu_problems


def test_every_page_is_valid_html(site: Path) -> None:
    problems = nu_problems(site)
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
