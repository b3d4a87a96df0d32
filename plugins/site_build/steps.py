"""The build steps ``tasks.py`` runs through invoke: Pelican, Pagefind, both into a fresh folder."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from invoke import Context

from .interrupts import InterruptibleLocal
from .search_index import index_command, settle_entry
from .staging import fresh_output


def pelican(c: Context, content: Path, settings: Path, output: Path, *extra: str) -> None:
    """Run Pelican on ``content``, failing on any logged error."""
    args = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings)]
    # A wide log keeps each notice problem on one line.
    c.run(shlex.join([*args, "--fatal", "errors", *extra]), pty=False, env={"COLUMNS": "250"})


def search_index(c: Context, site: Path) -> None:
    """Pagefind's search index of the built pages, in pagefind/ (works offline, reproducible)."""
    c.run(shlex.join(index_command(site)), pty=False)
    settle_entry(site)


def build_site(c: Context, content: Path, settings: Path, output: Path) -> None:
    """Build and index a fresh folder, then swap it in: a failed build leaves output/ as it was."""
    c.config.runners.local = InterruptibleLocal  # so Ctrl-C or SIGTERM stops the build
    with fresh_output(output) as staging:
        pelican(c, content, settings, staging)
        search_index(c, staging)
