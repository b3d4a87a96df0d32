"""Sites for tests: the sample content as a ``Site``, and real Pelican builds of it.

Every build here keeps its cache beside its output, never in the repository's ``cache/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from plugins.notices.check import notice_files
from plugins.notices.load import display_path, load_notice
from plugins.notices.site import Site, assemble

ROOT = Path(__file__).parent.parent
CONTENT = ROOT / "content"
SAMPLE_CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")
SAMPLE_URL = "https://contracts.afonwy.gov.uk"
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_CONTENT = GOLDEN / "content"
GOLDEN_OUTPUT = GOLDEN / "output"
# Pinned here, not left to pelicanconf.py and the environment: the golden output changes only
# when the code, the theme or the golden content does.
GOLDEN_SETTINGS = {"NOTICES_CLOCK": SAMPLE_CLOCK.isoformat(), "NOTICES_SITE_URL": SAMPLE_URL}


def site_from(content: Path = CONTENT, clock: datetime = SAMPLE_CLOCK) -> Site:
    """Every valid, already published notice under ``content`` as a Site (no Pelican)."""
    pages = []
    for path in notice_files(content / "notices"):
        loaded = load_notice(path, display_path(path, content))
        notice = loaded.notice
        if notice is None or notice.published > clock:
            continue
        prefix = "" if notice.lang == "en" else f"{notice.lang}/"
        pages.append((notice, f"{prefix}notices/{notice.slug}/"))
    return assemble(
        pages, url=SAMPLE_URL, name="Afonwy County Council contract opportunities", clock=clock
    )


def project_copy(folder: Path) -> Path:
    """A throwaway project in ``folder`` for running tasks, so they keep their cache/ there:
    its own tasks.py and pelicanconf.py, and links to everything else."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("plugins", "publish", "themes", "content", "tests", "benchmarks"):
        (folder / name).symlink_to(ROOT / name)
    return folder


def cache_beside(output: Path) -> Path:
    """The CACHE_PATH of a test build into ``output``: its sibling ``<name>.cache``."""
    return output.parent / f"{output.name}.cache"


def pelican_build(
    content: Path, output: Path, *extra: str, settings: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Pelican's command line as `invoke build` does, with our settings.

    The cache (notices store, drawn cards) goes beside ``output`` unless ``settings`` names a
    CACHE_PATH: Pelican's default, ``cache/`` under the working directory, is the developer's.
    """
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache_beside(output)),
        **(settings or {}),
    }
    # One -e with every pair: Pelican keeps only the last -e given.
    overrides = ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output)]
    command += ["-s", str(ROOT / "pelicanconf.py")]
    return subprocess.run(
        [*command, *overrides, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={**os.environ, "COLUMNS": "1000"},
    )


def golden_build(output: Path) -> subprocess.CompletedProcess[str]:
    """Build the golden site (tests/golden/content) into ``output``, as the committed one was."""
    return pelican_build(GOLDEN_CONTENT, output, "--fatal", "errors", settings=GOLDEN_SETTINGS)
