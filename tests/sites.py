"""Sites for tests: the sample content as a ``Site``, and real Pelican builds of it."""

from __future__ import annotations

import json
import os
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


def pelican_build(
    content: Path, output: Path, *extra: str, settings: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Pelican's command line as `invoke build` does, with our settings."""
    settings = {"PATH": str(content), "OUTPUT_PATH": str(output), **(settings or {})}
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
