"""Run one command and measure it: wall time, CPU time and peak memory, from the kernel's rusage.

``os.wait4`` returns the child's resource usage including every descendant it waited for, so
``invoke build`` is measured with the Pelican process (and anything else) it starts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """One run of one command."""

    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float
    exit_code: int

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s

    def as_json(self) -> dict[str, float | int]:
        return {**{k: _round(v) for k, v in asdict(self).items()}, "cpu_s": _round(self.cpu_s)}


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message ends with the tail of its log."""


def measure(
    args: Sequence[str], cwd: Path, log: Path, env: Mapping[str, str] | None = None
) -> Measurement:
    """Run ``args`` in ``cwd`` with output to ``log``; raise CommandFailed if it fails."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(args), cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=dict(env or os.environ)
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    # wait4 reaped the child; tell Popen so it does not try again.
    process.returncode = os.waitstatus_to_exitcode(status)
    result = Measurement(
        wall_s=wall,
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
        exit_code=process.returncode,
    )
    if result.exit_code != 0:
        raise CommandFailed(f"{' '.join(args)} exited {result.exit_code}:\n{tail(log)}")
    return result


def median(samples: Sequence[Measurement]) -> Measurement:
    """Field-by-field median of repeated runs."""
    return Measurement(
        wall_s=statistics.median(s.wall_s for s in samples),
        user_s=statistics.median(s.user_s for s in samples),
        sys_s=statistics.median(s.sys_s for s in samples),
        max_rss_mb=statistics.median(s.max_rss_mb for s in samples),
        exit_code=max(s.exit_code for s in samples),
    )


def tail(log: Path, lines: int = 30) -> str:
    """The last lines of a log, for an error message."""
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _round(value: float | int) -> float | int:
    return round(value, 3) if isinstance(value, float) else value
