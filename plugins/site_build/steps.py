"""The build steps ``tasks.py`` runs through invoke: Pelican, Pagefind, both into a fresh folder."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from invoke import Context

from plugins.config.config import SearchOptions

from .interrupts import InterruptibleLocal
from .search_index import index_command
from .staging import fresh_output


def pelican(c: Context, content: Path, settings: Path, output: Path, *extra: str) -> None:
    """Run Pelican on ``content``, failing on any logged error."""
    args = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings)]
    # A wide log keeps each notice problem on one line.
    c.run(shlex.join([*args, "--fatal", "errors", *extra]), pty=False, env={"COLUMNS": "250"})


def search_index(c: Context, site: Path, options: SearchOptions) -> None:
    """Pagefind's search index of the built notice pages in bundles, in pagefind/ (works
    offline); bundles whose pages are unchanged are taken from the cache."""
    command = index_command(site, options.cache, options.per_bundle)
    c.run(shlex.join(command), pty=False)


def build_site(
    c: Context, content: Path, settings: Path, output: Path, search: SearchOptions
) -> None:
    """Build and index a fresh folder, then swap it in: a failed build leaves output/ as it was.
    ``search`` is the settings file's search options (read by the caller, with Pelican)."""
    c.config.runners.local = InterruptibleLocal  # so Ctrl-C or SIGTERM stops the build
    with fresh_output(output) as staging:
        pelican(c, content, settings, staging)
        search_index(c, staging, search)
