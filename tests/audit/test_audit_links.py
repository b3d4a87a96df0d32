"""Every internal link, image and stylesheet reference resolves to a file in the output."""

from pathlib import Path

import pytest

from tests.checks.links import link_problems


def test_no_broken_internal_links(site: Path) -> None:
    problems = link_problems(site)
    if problems:
        pytest.fail(f"{len(problems)} problems:\n" + "\n".join(problems), pytrace=False)
