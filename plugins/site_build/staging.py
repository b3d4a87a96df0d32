"""Build a site into a fresh folder beside the output folder and swap it in only when done.

A failed or interrupted build then leaves the previous site exactly as it was: nothing is
written into the output folder itself, and the new site appears in one step (one atomic
exchange on Linux; elsewhere two renames, microseconds apart).
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .interrupts import caught

logger = logging.getLogger(__name__)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def fresh_output(output: Path) -> Iterator[Path]:
    """An empty folder beside ``output`` to build into; it replaces ``output`` when the block
    ends normally, and is deleted when the block raises or Ctrl-C or SIGTERM arrives.

    When ``output`` is a symbolic link, the folder it points to is the one replaced.
    """
    output = output.resolve()
    remove_stale(output)
    staging = sibling(output, "new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with caught() as interrupts:
            yield staging
            if interrupts.seen:  # a command that shrugged off Ctrl-C did not finish the site
                raise KeyboardInterrupt
        swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def sibling(output: Path, kind: str, pid: int | None = None) -> Path:
    """``output.new-<pid>`` or ``output.old-<pid>``: this process's folders beside ``output``."""
    return output.with_name(f"{output.name}.{kind}-{pid or os.getpid()}")


def swap_in(new: Path, output: Path) -> None:
    """Put the folder ``new`` where ``output`` is, then delete the old site."""
    if output.is_dir() and _exchange(new, output):
        shutil.rmtree(new)  # it now holds the old site
        return
    old = sibling(output, "old")
    if output.exists():
        output.rename(old)
    try:
        new.rename(output)
    except BaseException:
        if old.exists():
            old.rename(output)
        raise
    _remove(old)


def remove_stale(output: Path) -> None:
    """Delete folders that builds killed outright (SIGKILL, power cut) left beside ``output``."""
    for kind in ("new", "old"):
        for folder in output.parent.glob(f"{output.name}.{kind}-*"):
            pid = folder.name.rsplit("-", 1)[1]
            if pid.isdigit() and not _alive(int(pid)):
                logger.warning("Deleting %s, left by a build that was stopped", folder)
                _remove(folder)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False  # a file system that cannot exchange: rename twice instead
    raise OSError(code, os.strerror(code), str(second))


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's
        pass
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
