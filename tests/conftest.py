"""Shared fixtures: the sample notice, and a way to write variants of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plugins.notices.site import Site
from tests.sites import CONTENT, pelican_build, site_from

pytest_plugins = [
    "tests.pds.fixtures",  # pds, pds_rate_limited, bsky_account
    "tests.browser_sites",  # chromium_browser
    "tests.portal_support",  # portal: a portal's OCDS API on loopback
]

ROOT = Path(__file__).parent.parent

# What branch a CI run is on must not change what the tests see (placeholders are errors on
# main, and the public record is the pull request's base branch): tests that need these say
# so themselves.
for _variable in ("GITHUB_REF_NAME", "GITHUB_BASE_REF", "GITHUB_HEAD_REF"):
    os.environ.pop(_variable, None)
SAMPLE = ROOT / "content" / "notices" / "2026" / "highway-resurfacing-framework.md"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--site DIR``: the built output folder tests/audit checks (default: a fresh sample build)."""
    parser.addoption("--site", default=None, help="built site folder for tests/audit to check")


@pytest.fixture
def sample_text() -> str:
    """A valid UK4 tender notice with lots and two changes."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def write_notice(tmp_path: Path):
    """Write notice text to tmp_path/notices/<name>.md and return the path."""

    def write(text: str, name: str = "notice") -> Path:
        path = tmp_path / "notices" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def sample_site() -> Site:
    """The sample content as a Site, read without Pelican."""
    return site_from()


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of one real Pelican build of the sample content (read-only)."""
    output = tmp_path_factory.mktemp("sample-output")
    result = pelican_build(CONTENT, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    return output
