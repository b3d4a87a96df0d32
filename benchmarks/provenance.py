"""What a result records about its run: the corpus, the outputs, the commit, the machine."""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .workspace import ROOT


def corpus_hash(content: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(content.rglob("*.md")):
        digest.update(path.relative_to(content).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def tree_size(folder: Path) -> dict[str, float]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return {"files": len(files), "mb": round(sum(p.stat().st_size for p in files) / 2**20, 1)}


def run_context(
    n: int, repeat: int, corpus: dict[str, Any], before: tuple[float, ...], after: tuple[float, ...]
) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).date().isoformat(),
        "n": n,
        "notices": corpus["notices"],
        "corpus_sha256": corpus["sha256"],
        "repeat": repeat,
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain")),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "pelican": version("pelican"),
            "markdown": version("markdown"),
            "load_before": round(before[0], 2),
            "load_after": round(after[0], 2),
        },
    }


def _git(*args: str) -> str:
    """Read-only git queries; empty when ROOT is not a git checkout."""
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()
