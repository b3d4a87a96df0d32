"""Sites for tests: the sample content as a ``Site``, and real Pelican builds of it.

Every build here keeps its cache beside its output, never in the repository's ``cache/``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import FatalLogger, LimitFilter
from pelican.settings import read_settings

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


# The sample site's languages and its name in each, as pelicanconf.py sets them.
SAMPLE_LANGUAGES = ("en", "cy")
SAMPLE_NAMES = (("cy", "Cyfleoedd contract Cyngor Sir Afonwy"),)


def as_built(site: Site) -> Site:
    """``site`` in the sample's languages (SITE_LANGUAGES, SITE_NAMES), as the sample build
    has it: ``site_from`` gives a site of one language."""
    return dataclasses.replace(site, languages=SAMPLE_LANGUAGES, names=SAMPLE_NAMES)


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
    """Build as `invoke build` does (Pelican with our settings; ``"--fatal", "errors"`` makes a
    logged error fail the build), in this process; the log is the result's ``stdout``.

    The cache (notices store, drawn cards) goes beside ``output`` unless ``settings`` names a
    CACHE_PATH: Pelican's default, ``cache/`` under the working directory, is the developer's.
    """
    fatal, given = _options(extra)
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache_beside(output)),
        **(settings or {}),
        **given,
    }
    log = _Log()
    with _captured_log(log, fatal=fatal):
        try:
            Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=overrides)).run()
            code = 1 if log.errors and fatal else 0
        except Exception as error:  # what Pelican's command line reports, then exits 1
            log.write(f"CRITICAL {type(error).__name__}: {error}\n")
            code = 1
    return subprocess.CompletedProcess(["pelican", str(content), *extra], code, log.getvalue(), "")


def _options(extra: tuple[str, ...]) -> tuple[bool, dict[str, Any]]:
    """Pelican's command-line options the tests use: ``--fatal errors`` and ``-e KEY=JSON``."""
    fatal, settings, words = False, {}, list(extra)
    while words:
        word = words.pop(0)
        if word == "--fatal":
            fatal = words.pop(0) == "errors"
        elif word == "-e":
            while words and "=" in words[0] and not words[0].startswith("-"):
                key, value = words.pop(0).split("=", 1)
                settings[key] = json.loads(value)
        else:
            raise ValueError(f"pelican_build does not take {word!r}")
    return fatal, settings


class _Log(io.StringIO):
    """A build's log, counting its errors (a logger made before Pelican's logging was set
    up logs an error without raising, even with --fatal errors)."""

    errors = 0


class _Counting(logging.StreamHandler):  # type: ignore[type-arg]
    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR and isinstance(self.stream, _Log):
            self.stream.errors += 1
        super().emit(record)


@contextmanager
def _captured_log(log: _Log, *, fatal: bool) -> Iterator[None]:
    """Pelican's log into ``log`` (warnings and up, as its command line shows by default),
    errors fatal when asked, and no message left out for having been logged by an earlier
    build in this process (Pelican's LimitFilter)."""
    handler = _Counting(log)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    LimitFilter._raised_messages.clear()
    LimitFilter._ignore.clear()
    FatalLogger.errors_fatal = fatal
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        FatalLogger.errors_fatal = False


def golden_build(output: Path) -> subprocess.CompletedProcess[str]:
    """Build the golden site (tests/golden/content) into ``output``, as the committed one was."""
    return pelican_build(GOLDEN_CONTENT, output, "--fatal", "errors", settings=GOLDEN_SETTINGS)
