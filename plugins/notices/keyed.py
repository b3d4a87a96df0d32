"""Output files by key: a file whose key is unchanged is neither rendered nor written.

An output gives each file as ``Keyed(path, key, render)``: ``key`` is a digest of exactly
what ``render`` reads (``digest`` of plain data: the entries and words the file shows, the
statuses as of the clock, never the clock itself), and ``render()`` makes the bytes only
when asked. The writer adds the code's version (``code_version``) to every key, so a change
to the code, the theme or a library renders everything again.

With a cache (``KeptFiles``), a file whose key matches the one it was last made with, and
whose kept copy still has the SHA-256 recorded for it, is linked (or copied) from the
cache instead of rendered; any doubt (a damaged copy, a missing row) renders it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .kept_files import KeptFiles
from .output import Chunks

logger = logging.getLogger(__name__)

# Libraries whose output ends up in the files, byte for byte.
_LIBRARIES = ("feedgen", "icalendar", "lxml", "Babel", "jsonschema", "Pillow")


@dataclass(frozen=True)
class Keyed:
    """One output file: where it goes, the digest of what it shows, and how to make it."""

    path: str
    key: str
    render: Callable[[], Chunks]

    def data(self) -> bytes:
        """The file's bytes, made now."""
        made = self.render()
        return made if isinstance(made, bytes) else b"".join(made)


@dataclass
class Counts:
    """What a keyed write did: files rendered, and files reused from the cache."""

    rendered: int = 0
    reused: int = 0


def digest(*parts: object) -> str:
    """SHA-256 of the parts' ``repr``: for plain data only (str, numbers, aware datetimes,
    tuples and frozen dataclasses of them), whose ``repr`` says all they hold."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def of_bytes(path: str, data: Chunks) -> Keyed:
    """A file already made (cheap to make): keyed by its own bytes, so only writing is saved."""
    # Hashed piece by piece, never joined: a big file (the site's releases) is held once.
    pieces = [data] if isinstance(data, bytes) else list(data)
    found = hashlib.sha256()
    for piece in pieces:
        found.update(piece)
    return Keyed(path, "bytes:" + found.hexdigest(), lambda: pieces)


def code_version(*folders: Path) -> str:
    """A digest of every file under ``folders`` (the plugins and the theme), the libraries
    that shape the output and Python's version: worked out once per build (a process may
    build many times, and the theme be edited in between)."""
    found = hashlib.sha256(sys.version.encode())
    for library in _LIBRARIES:
        found.update(f"\0{library}={version(library)}".encode())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
                found.update(path.read_bytes())
    return found.hexdigest()


def write_keyed(
    output: Path, files: Iterable[Keyed], kept: KeptFiles | None, version: str
) -> Counts:
    """Write each file under ``output``: from the cache when its key (with ``version``) is
    unchanged and its kept copy sound, else rendered (and kept). Without a cache, every file
    is rendered and written."""
    counts = Counts()
    folders: set[Path] = set()
    for item in files:
        target = output / item.path
        if target.parent not in folders:  # one mkdir per folder: thousands of files share one
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if kept is None:
            _write(target, item.render())
            counts.rendered += 1
            continue
        key = digest(version, item.key)
        copy = kept.reusable(item.path, key)
        if copy is None:
            copy = kept.keep(item.path, key, item.render())
            counts.rendered += 1
        else:
            counts.reused += 1
        place(copy, target)
    return counts


def place(copy: Path, target: Path) -> None:
    """``target`` as a hard link to the kept ``copy`` (a copy where links cannot be made)."""
    if target.exists() or target.is_symlink():
        if target.exists() and os.path.samefile(copy, target):
            return
        target.unlink()
    try:
        os.link(copy, target)
    except OSError:
        shutil.copyfile(copy, target)


def _write(target: Path, data: Chunks) -> None:
    if target.is_file():
        target.unlink()  # never write through a link into the cache's copy
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        with target.open("wb") as file:
            file.writelines(data)
