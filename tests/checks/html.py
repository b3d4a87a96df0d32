"""The Nu HTML Checker over a whole output folder, in one Java run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.checks.tools import java, vnu_jar

# From research/validators.md: a bigger thread stack and the fast JIT tier keep one run over
# ~1,000 pages to 2-3 s; the serial collector suits a short-lived JVM on 2 cores.
JVM_FLAGS = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


def nu_command(folder: Path) -> list[str]:
    """The one command that checks every HTML file under ``folder``."""
    # --skip-non-html: otherwise .css, .json and .ics files are checked as HTML.
    return [
        java(),
        *JVM_FLAGS,
        "-jar",
        str(vnu_jar()),
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        str(folder),
    ]


def _where(url: str, folder: Path) -> str:
    path = Path(unquote(urlparse(url).path))
    try:
        return str(path.relative_to(folder.resolve()))
    except ValueError:
        return url


def nu_problems(folder: Path) -> list[str]:
    """Every Nu HTML Checker error in the folder, as ``page:line: message [extract]``."""
    folder = Path(folder)
    if not any(folder.rglob("*.html")):
        return [f"{folder}: no HTML pages to check"]
    result = subprocess.run(
        nu_command(folder.resolve()), capture_output=True, text=True, timeout=600
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        return [
            f"the Nu HTML Checker did not run (exit {result.returncode}): {result.stderr[-2000:]}"
        ]
    problems = [
        f"{_where(m.get('url', ''), folder)}:{m.get('lastLine', '?')}: {m['message']}"
        + (f" [{m['extract'].strip()}]" if m.get("extract") else "")
        for m in report["messages"]
        if m.get("type") in {"error", "non-document-error"}
    ]
    if result.returncode != 0 and not problems:
        problems.append(f"the Nu HTML Checker exited {result.returncode}: {result.stderr[-2000:]}")
    return problems
