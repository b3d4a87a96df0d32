"""One run at a time: a second run is refused at once; a killed run leaves no stale lock."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from publish.errors import LockedError
from publish.lock import exclusive
from tests.publish_support import started

HOLDER = """
import sys, time
from pathlib import Path
from publish.lock import exclusive
from tests.publish_support import started
with exclusive(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def hold(path: Path) -> subprocess.Popen[str]:
    return started(HOLDER, path, ready="locked")


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
