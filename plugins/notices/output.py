"""The build's one way to write files: outputs into the output folder as they come (none held
in memory), and kept files (caches) whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Chunks = bytes | Iterable[bytes]
"""A file's content: its bytes, or its bytes in pieces (for files too big to hold twice)."""


def write_files(output: Path, files: Iterable[tuple[str, Chunks]]) -> int:
    """Write each (path relative to ``output``, content); return how many were written."""
    count = 0
    for path, data in files:
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            with target.open("wb") as file:
                file.writelines(data)
        count += 1
    return count


def write_whole(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a killed build leaves the old file or the
    new one, never part of one (a file kept between builds must never be half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def in_memory(files: Iterable[tuple[str, Chunks]]) -> dict[str, bytes]:
    """The files as {path: bytes}, for tests and small sites."""
    return {path: data if isinstance(data, bytes) else b"".join(data) for path, data in files}
