"""Which files under the notices folder are notices, what address each gets, and which files
only look like notices (so they are reported, never silently left out or half-published)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from .problems import Problem

NOTICE_SUFFIX = ".md"
LANGUAGE_SUFFIXES = (".cy", ".en")
# Markdown by another spelling (.MD, .markdown, .md.txt): meant as a notice, but not read.
_LOOKS_LIKE_A_NOTICE = re.compile(r"\.(?:md|markdown|mkd|mdown|mdwn)(?:\.[^.]+)?$", re.IGNORECASE)


def notice_files(folder: Path) -> list[Path]:
    """Every notice file below ``folder``, in a stable order."""
    return scan(folder)[0]


def lookalike_files(folder: Path) -> list[Path]:
    """Files below ``folder`` that look like notices but are not read as one."""
    return scan(folder)[1]


def scan(folder: Path) -> tuple[list[Path], list[Path]]:
    """The notice files below ``folder`` and the look-alikes, in one walk, each sorted."""
    notices, lookalikes = [], []
    for path in _files(folder):
        if is_notice_file(path, folder):
            notices.append(path)
        elif _LOOKS_LIKE_A_NOTICE.search(path.name):
            lookalikes.append(path)
    return sorted(notices), sorted(lookalikes)


def is_notice_file(path: Path, folder: Path | None = None) -> bool:
    """A visible ``*.md`` file (no part of its path below ``folder`` starts with a dot)."""
    parts = path.relative_to(folder).parts if folder else (path.name,)
    return path.name.endswith(NOTICE_SUFFIX) and not any(p.startswith(".") for p in parts)


def lookalike_problem(path: Path, shown: str) -> Problem:
    """Why a file that looks like a notice is not read, and the name to give it."""
    stem = _LOOKS_LIKE_A_NOTICE.sub("", path.name).lstrip(".") or "notice"
    if path.name.startswith("."):
        message = "a hidden file (its name starts with '.') is not published"
    else:
        message = f"'{path.name}' does not end in '.md', so it is not read as a notice"
    return Problem(shown, 1, "file name", message, f"rename it to {stem}.md (or delete it)")


def slug_for(path: Path) -> str:
    """The notice's address: its file name without .md and language suffix, in a-z, 0-9 and hyphens.

    Letters with accents lose them (``ŵ`` → ``w``); spaces and other characters become hyphens.
    """
    stem = path.name.removesuffix(NOTICE_SUFFIX)
    for suffix in LANGUAGE_SUFFIXES:
        stem = stem.removesuffix(suffix)
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def slug_problem(path: Path, shown: str) -> Problem | None:
    """A name with no letter or digit a web address can use."""
    if slug_for(path):
        return None
    return Problem(
        shown,
        1,
        "file name",
        f"'{path.name}' has no letter or digit a web address can use",
        "rename it with letters a to z, digits and hyphens, e.g. grounds-maintenance-2027.md",
    )


def _files(folder: Path) -> list[Path]:
    # os.walk is several times quicker than rglob; a link to nothing is not a file.
    found = (os.path.join(top, name) for top, _, names in os.walk(folder) for name in names)
    return [Path(path) for path in found if os.path.isfile(path)]
