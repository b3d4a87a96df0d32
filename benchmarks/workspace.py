"""The throwaway project a benchmark builds in: task files copied, everything else linked.

Bare Pelican's copy of the same notices sits beside it; ``edit_one`` edits the same notice in
both, for the one-notice rebuilds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from plugins.notices.check import notice_files

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("tasks.py", "pelicanconf.py", "publishconf.py")
"""Copied, not linked: their ``Path(__file__)`` must point into the throwaway project."""
_NOT_LINKED = {*COPIED, "content", "output", "cache", "__pycache__"}
EDIT = "\nA sentence added to time the rebuild after one notice is edited.\n"


@dataclass(frozen=True)
class Workspace:
    """Where one benchmark run keeps its generated sites."""

    root: Path

    @property
    def project(self) -> Path:
        return self.root / "noticeboard"

    @property
    def content(self) -> Path:
        return self.project / "content"

    @property
    def bare(self) -> Path:
        return self.root / "bare"

    @property
    def logs(self) -> Path:
        return self.root / "logs"


def make_project(project: Path) -> None:
    """A project folder whose task and settings files are copies and everything else links."""
    project.mkdir(parents=True)
    for entry in sorted(ROOT.iterdir()):
        if entry.name in _NOT_LINKED or entry.name.startswith("."):
            continue
        (project / entry.name).symlink_to(entry)
    for name in COPIED:
        shutil.copy2(ROOT / name, project / name)


def reset_project(project: Path) -> None:
    """Remove everything a build made (output, caches), keeping links, copies and content."""
    for entry in project.iterdir():
        if entry.is_symlink() or entry.name in (*COPIED, "content"):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def edit_one(workspace: Workspace) -> list[tuple[Path, str]]:
    """Append a sentence to the same notice in both sites; return (path, original text)."""
    files = notice_files(workspace.content / "notices")
    relative = files[len(files) // 2].relative_to(workspace.content)
    edited = []
    for path in (workspace.content / relative, workspace.bare / "content" / relative):
        text = path.read_text(encoding="utf-8")
        edited.append((path, text))
        path.write_text(text.rstrip("\n") + "\n" + EDIT, encoding="utf-8")
    return edited


def warm_up(workspace: Workspace) -> None:
    """Load the interpreter and libraries into the page cache: the first step is not penalised."""
    for args, cwd in (
        ([sys.executable, "-m", "pelican", "--version"], workspace.bare),
        ([sys.executable, "-c", "import pelicanconf"], workspace.project),
    ):
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)


def has_task(project: Path, name: str) -> bool:
    listing = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(project), "--list", "-F", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return any(task["name"] == name for task in json.loads(listing.stdout)["tasks"])
