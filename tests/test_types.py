"""mypy is clean on plugins/, publish/ and benchmarks/, as ``[tool.mypy]`` in pyproject.toml sets it up.

CI runs the test suite, not ``invoke lint``: this is what keeps the type check in CI.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_mypy_checks_the_core_the_outputs_and_the_publisher() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["mypy"]["files"] == ["plugins", "publish", "benchmarks"]


def test_mypy_is_clean() -> None:
    # No arguments: mypy checks the files pyproject.toml names, with its settings.
    command = [sys.executable, "-m", "mypy"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mypy found type errors:\n{result.stdout}{result.stderr}"
