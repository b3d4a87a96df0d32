"""Start and stop a real AT Protocol PDS (with its PLC directory) on loopback, and make accounts."""

from __future__ import annotations

import itertools
import json
import os
import secrets
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tests.pds.install import HERE, NODE, is_installed

if TYPE_CHECKING:
    from atproto import Client

START_SCRIPT = HERE / "start-pds.mjs"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
# Requests carrying this header skip a rate-limited PDS's limits: only the fixture sends it.
BYPASS_HEADER = "x-ratelimit-bypass"
_numbers = itertools.count(1)


class PdsError(RuntimeError):
    """The PDS did not start, or refused an account; the message ends with its log."""


@dataclass(frozen=True)
class Account:
    """An account on the test PDS."""

    handle: str
    password: str
    did: str


@dataclass(frozen=True)
class Pds:
    """A running test PDS: where it is, its admin password and its log."""

    url: str
    plc_url: str
    admin_password: str
    rate_limited: bool
    log_path: Path
    data_dir: Path
    pid: int
    ready_seconds: float
    bypass_key: str

    def create_account(self, name: str = "") -> Account:
        """Create a fresh account (``<name><n>.test``) with a random password."""
        handle = f"{name or 'user'}{next(_numbers)}{secrets.token_hex(2)}.test"
        password = secrets.token_urlsafe(12)
        body = {"handle": handle, "password": password, "email": f"{handle}@example.test"}
        response = httpx.post(
            f"{self.url}/xrpc/com.atproto.server.createAccount",
            json=body,
            headers={BYPASS_HEADER: self.bypass_key},
            timeout=30,
        )
        if response.status_code != 200:
            raise PdsError(f"createAccount {handle}: {response.text}\n{self.log_tail()}")
        return Account(handle=handle, password=password, did=response.json()["did"])

    def login(self, account: Account) -> Client:
        """An atproto SDK client logged in as ``account`` (no AppView, so no profile fetch)."""
        from atproto import Client  # imported here: it takes a second, and most tests never log in

        client = Client(base_url=self.url)
        client.login(account.handle, account.password, fetch_bsky_profile=False)
        return client

    def log_tail(self, lines: int = 60) -> str:
        """The last lines of the PDS's log, to show when something fails."""
        return log_tail(self.log_path, lines)


def log_tail(path: Path, lines: int = 60) -> str:
    """The last ``lines`` lines of a log file, headed by its path."""
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    tail = "\n".join(text.splitlines()[-lines:])
    return f"--- last {lines} lines of {path} ---\n{tail}"


@contextmanager
def running_pds(workdir: Path, env: Mapping[str, str] | None = None) -> Iterator[Pds]:
    """Run a PDS with its data and log in ``workdir`` (extra ``PDS_*`` settings in ``env``)."""
    if not is_installed():
        raise PdsError("the test PDS is not installed: run `python tests/pds/install.py`")
    workdir.mkdir(parents=True, exist_ok=True)
    log_path, ready_file = workdir / "pds.log", workdir / "ready.json"
    bypass_key = secrets.token_hex(16)
    child_env = {
        **os.environ,
        "PDS_READY_FILE": str(ready_file),
        "PDS_DATA_DIRECTORY": str(workdir / "data"),
        "PDS_RATE_LIMIT_BYPASS_KEY": bypass_key,
        "PDS_STOP_ON_STDIN_EOF": "1",
        **(env or {}),
    }
    start = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(NODE), str(START_SCRIPT)],
            cwd=HERE,
            env=child_env,
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        ready = _wait_until_ready(process, ready_file, log_path)
        yield Pds(
            url=ready["url"],
            plc_url=ready["plcUrl"],
            admin_password=ready["adminPassword"],
            rate_limited=ready["rateLimits"],
            log_path=log_path,
            data_dir=Path(ready["dataDir"]),
            pid=process.pid,
            ready_seconds=time.monotonic() - start,
            bypass_key=bypass_key,
        )
    finally:
        _stop(process)


def _wait_until_ready(process: subprocess.Popen[bytes], ready_file: Path, log: Path) -> dict:
    """The PDS's ready JSON, once it has written it; fail with the log if it dies or stalls."""
    deadline = time.monotonic() + START_TIMEOUT
    while not ready_file.exists():
        if process.poll() is not None:
            raise PdsError(f"the PDS exited with code {process.returncode}\n{log_tail(log)}")
        if time.monotonic() > deadline:
            raise PdsError(f"the PDS was not ready after {START_TIMEOUT:.0f}s\n{log_tail(log)}")
        time.sleep(0.05)
    return json.loads(ready_file.read_text(encoding="utf-8"))


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask the PDS to stop cleanly; kill it if it takes too long."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdin:
        process.stdin.close()
