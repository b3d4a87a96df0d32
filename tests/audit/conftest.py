"""The audit's fixtures: the site folder to check (``--site DIR`` or a fresh sample build)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from plugins.site_build.search_index import index_command
from tests.checks.browser import Browsing, browsing


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Path:
    """The built output folder under audit (read-only)."""
    option = request.config.getoption("--site")
    if option is None:
        return request.getfixturevalue("indexed_sample")
    folder = Path(option).resolve()
    if not (folder / "index.html").is_file():
        pytest.fail(
            f"{folder} has no index.html: build the site first (invoke build)", pytrace=False
        )
    return folder


@pytest.fixture(scope="session")
def indexed_sample(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample build with Pagefind's index added, as `invoke build` does after Pelican."""
    folder = tmp_path_factory.mktemp("audited") / "output"
    shutil.copytree(built_sample, folder)  # built_sample is shared and read-only
    command = index_command(folder)
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{shlex.join(command)} failed:\n{result.stdout}{result.stderr}"
    return folder


@pytest.fixture(scope="session")
def browser_tab(site: Path, chromium_browser: Browser) -> Iterator[Browsing]:
    """One headless Chromium tab on the site served from loopback."""
    with browsing(site, chromium_browser) as tab:
        yield tab
