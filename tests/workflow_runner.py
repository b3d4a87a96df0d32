"""Run a GitHub Actions workflow's `invoke` steps locally, as the runner would run them.

See tests/test_workflow_steps.py for what is substituted and why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.publish_support import clean_env

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "noticeboard.yml"
BIN = Path(sys.executable).parent
CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")
CHROMIUM = "/usr/bin/chromium"
# Not copied: version control, environments, build outputs and caches (.gitignore's list).
IGNORED = {".git", ".venv", "output", "publish-state", "cache", "node_modules", "__pycache__"}
IGNORED_SUFFIXES = (".egg-info", ".install.lock", "_cache")
SKIPPED_RUNS = {"Install", "Keep the ledger"}

Step = dict[str, Any]
Checker = Callable[[subprocess.CompletedProcess[str]], None]


def copy_project(target: Path) -> Path:
    """The project as a checkout would have it, without what .gitignore leaves out."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in IGNORED or n.endswith(IGNORED_SUFFIXES)}

    shutil.copytree(ROOT, target, ignore=ignore)
    (target / "tests" / "audit" / "node_modules").symlink_to(
        ROOT / "tests" / "audit" / "node_modules"
    )
    return target


def invoke_steps(job: dict[str, Any]) -> list[Step]:
    """The job's `run:` steps that call invoke, in order; every other run step is accounted for."""
    runs = [step for step in job["steps"] if "run" in step]
    calls = [step for step in runs if _invocations(step)]
    assert {step["name"] for step in runs} - {step["name"] for step in calls} <= SKIPPED_RUNS
    return calls


def _invocations(step: Step) -> list[str]:
    return [line.strip() for line in step["run"].splitlines() if line.strip().startswith("invoke ")]


def expand(value: str, secrets: dict[str, str], variables: dict[str, str]) -> str:
    """A workflow value with `${{ secrets.X }}` and `${{ env.X }}` filled in as GitHub does."""

    def fill(match: re.Match[str]) -> str:
        scope, name = match.group(1), match.group(2)
        return secrets.get(name, "") if scope == "secrets" else variables[name]

    filled = re.sub(r"\$\{\{\s*(secrets|env)\.(\w+)\s*\}\}", fill, value)
    assert "${{" not in filled, f"an expression this test does not know: {value}"
    return filled


def step_env(
    workflow: dict[str, Any], job: dict[str, Any], step: Step, secrets: dict[str, str]
) -> dict[str, str]:
    env = clean_env(
        PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}",
        CI="true",
        GITHUB_ACTIONS="true",
        SOURCE_DATE_EPOCH=str(int(CLOCK.timestamp())),
    )
    variables = {k: str(v) for k, v in workflow.get("env", {}).items()}
    for scope in (workflow.get("env", {}), job.get("env", {}), step.get("env", {})):
        env.update({k: expand(str(v), secrets, variables) for k, v in scope.items()})
    if "NOTICEBOARD_CHROMIUM" in env:
        env["NOTICEBOARD_CHROMIUM"] = CHROMIUM  # the runner's Google Chrome is not here
    return env


def run_job(
    workflow: dict[str, Any],
    name: str,
    project: Path,
    checks: dict[str, Checker],
    secrets: dict[str, str] | None = None,
) -> None:
    """Run a job's invoke steps in order; each must have a check, and pass it."""
    job = workflow["jobs"][name]
    steps = invoke_steps(job)
    assert [line for step in steps for line in _invocations(step)] == list(checks), name
    for step in steps:
        result = run_step(workflow, job, step, project, secrets or {})
        checks[_invocations(step)[0]](result)


def run_step(
    workflow: dict[str, Any],
    job: dict[str, Any],
    step: Step,
    project: Path,
    secrets: dict[str, str],
) -> subprocess.CompletedProcess[str]:
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    env = step_env(workflow, job, step, secrets)
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=900
    )


def step_named(workflow: dict[str, Any], job: str, name: str) -> Step:
    return next(s for s in workflow["jobs"][job]["steps"] if s.get("name") == name)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args[-1]}:\n{result.stdout}\n{result.stderr}"
    return result.stdout
