"""pytest fixtures for a real AT Protocol PDS on loopback (registered in tests/conftest.py).

- ``pds``: a running PDS (session-scoped): ``.url``, ``.admin_password``, ``.create_account()``,
  ``.login(account)``, ``.log_path``.
- ``pds_rate_limited``: a second one with ``PDS_RATE_LIMITS_ENABLED=true``.
- ``bsky_account``: a fresh account on ``pds`` for each test.

A PDS that cannot be installed or started fails the tests that use it, with its log; it is
never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pds.install import InstallError, install
from tests.pds.server import Account, Pds, PdsError, log_tail, running_pds


@pytest.fixture(scope="session")
def pds_installed(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Make sure the PDS is installed (quick when it is; `invoke test` installs it first)."""
    log = tmp_path_factory.mktemp("pds-install") / "install.log"
    try:
        with log.open("w") as output:
            install(output)
    except InstallError as error:
        problem = f"{error}\n{log_tail(log)}"
    else:
        return
    pytest.fail(problem, pytrace=False)


def _serve(workdir: Path, env: dict[str, str] | None = None) -> Iterator[Pds]:
    """Yield a running PDS, failing the requesting tests with the log if it won't start."""
    try:
        with running_pds(workdir, env) as server:
            yield server
            return
    except PdsError as error:
        problem = str(error)
    # Failing outside the except block keeps the report to the message and the log.
    pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="session")
def pds(pds_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pds]:
    """A real PDS with rate limits off, shared by the whole session."""
    yield from _serve(tmp_path_factory.mktemp("pds"))


@pytest.fixture(scope="session")
def pds_rate_limited(
    pds_installed: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pds]:
    """A second real PDS with the production rate limits on (e.g. 30 logins per 5 minutes)."""
    yield from _serve(
        tmp_path_factory.mktemp("pds-rate-limited"), {"PDS_RATE_LIMITS_ENABLED": "true"}
    )


@pytest.fixture
def bsky_account(pds: Pds) -> Account:
    """A fresh account on ``pds`` for one test, so tests never see each other's posts."""
    return pds.create_account("t")
