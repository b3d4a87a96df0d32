"""The audit's outside tools (Nu HTML Checker, Java, Debian's Chromium): find them or install them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).parents[2]
NPM_DIR = ROOT / "tests" / "audit"
VNU_JAR = NPM_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("NOTICEBOARD_CHROMIUM", "/usr/bin/chromium"))
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


class MissingTool(RuntimeError):
    """A tool the audit needs is not installed; the message says how to install it."""


def in_ci() -> bool:
    """True on CI, where a missing tool must fail the run."""
    return os.environ.get("CI", "").lower() == "true"


def java() -> str:
    """The java command (the Nu HTML Checker runs on it)."""
    found = shutil.which("java")
    if found is None:
        raise MissingTool(
            "Java is not installed: the Nu HTML Checker needs it. "
            "Install it with: apt-get install -y default-jre-headless (or run: invoke tools as root)"
        )
    return found


def vnu_jar() -> Path:
    """The Nu HTML Checker's jar, installed from npm by `invoke tools`."""
    if not VNU_JAR.is_file():
        raise MissingTool(
            f"The Nu HTML Checker (npm vnu-jar) is not installed at {VNU_JAR.relative_to(ROOT)}. "
            f"Install it with: invoke tools (runs npm ci in {NPM_DIR.relative_to(ROOT)})"
        )
    return VNU_JAR


def chromium() -> Path:
    """Debian's Chromium, the browser axe-core and the keyboard, layout and search checks run in."""
    if not os.access(CHROMIUM, os.X_OK):
        raise MissingTool(
            f"Chromium is not installed at {CHROMIUM}: the accessibility, keyboard, layout and "
            "search checks run in it. Install Debian's package with: apt-get install -y chromium "
            "(or run: invoke tools as root; NOTICEBOARD_CHROMIUM names another binary)"
        )
    return CHROMIUM


def _locked_vnu_version() -> str:
    lock = json.loads((NPM_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/vnu-jar"]["version"]


def _installed_vnu_version() -> str | None:
    package = NPM_DIR / "node_modules" / "vnu-jar" / "package.json"
    if not package.is_file() or not VNU_JAR.is_file():
        return None
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def _run(command: list[str], log: Callable[[str], None], **kwargs) -> bool:
    log("$ " + " ".join(command))
    return subprocess.run(command, check=False, **kwargs).returncode == 0


def ensure_vnu(log: Callable[[str], None] = print) -> list[str]:
    """Install the pinned vnu-jar with npm ci unless that version is already there."""
    if _installed_vnu_version() == _locked_vnu_version():
        return []
    npm = shutil.which("npm")
    if npm is None:
        return ["npm is not installed, so vnu-jar cannot be: install Node.js 20 and npm"]
    # --ignore-scripts: vnu-jar's install script only offers to download a Java runtime.
    command = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
    if not _run(command, log, cwd=NPM_DIR) or _installed_vnu_version() is None:
        return [f"npm ci in {NPM_DIR.relative_to(ROOT)} failed: vnu-jar is not installed"]
    return []


def _apt_install(packages: list[str], log: Callable[[str], None]) -> bool:
    """apt-get install as root; False when that is not possible here or fails."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    return _run(["apt-get", "update", "-q"], log, env=APT_ENV) and _run(
        ["apt-get", "install", "-y", "-q", *packages], log, env=APT_ENV
    )


def ensure_system(log: Callable[[str], None] = print) -> list[str]:
    """Install Chromium and Java from Debian when missing (root only); what is still missing."""
    wanted = {"chromium": chromium, "default-jre-headless": java}
    missing = [package for package, find in wanted.items() if not _present(find)]
    if missing:
        _apt_install(missing, log)
    return [str(error) for find in wanted.values() if (error := _absent(find))]


def _present(find: Callable[[], object]) -> bool:
    return _absent(find) is None


def _absent(find: Callable[[], object]) -> MissingTool | None:
    try:
        find()
    except MissingTool as error:
        return error
    return None


def ensure_tools(log: Callable[[str], None] = print) -> list[str]:
    """Make every audit tool present (quick when they are); the problems that remain."""
    return ensure_vnu(log) + ensure_system(log)


def missing_tools_must_fail(report: Callable[[str], None]) -> bool:
    """Install what is missing and report what still is; True on CI, where that must fail."""
    missing = ensure_tools()
    for problem in missing:
        report(f"MISSING TOOL: {problem}")
    return bool(missing) and in_ci()
