"""One run at a time: a second run is refused at once; a killed run leaves no stale lock."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from publish.errors import LockedError
from publish.lock import exclusive

HOLDER = """
import sys, time
from pathlib import Path
from publish.lock import exclusive
with exclusive(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def hold(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=Path(__file__).parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "locked\n"
    return child


def test_a_second_run_is_refused_while_the_first_holds_the_lock(tmp_path: Path):
    path = tmp_path / "publish.lock"
    child = hold(path)
    try:
        with pytest.raises(LockedError, match="another publish run holds"), exclusive(path):
            pass
    finally:
        child.kill()
        child.wait()


def test_a_killed_run_does_not_leave_the_lock_behind(tmp_path: Path):
    path = tmp_path / "publish.lock"
    child = hold(path)
    child.send_signal(signal.SIGKILL)
    child.wait()
    with exclusive(path):
        assert path.exists()
