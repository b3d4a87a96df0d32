"""One publish run at a time: an exclusive lock on a file in the state folder.

``flock`` is released by the kernel when the process ends, however it ends (even SIGKILL),
so a crashed run never leaves a stale lock behind. Across machines (CI runners), use the
CI's own concurrency control as well; see docs/publishing.md.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LockedError


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold the lock at ``path`` for the duration, or fail at once if another run holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(
                f"another publish run holds {path}: wait for it to finish (nothing was posted)"
            ) from None
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(descriptor)
