"""Finding and installing the audit's tools: loud messages, apt only as root, quick when present."""

import json
from pathlib import Path

import pytest

from tests.checks import tools


def test_missing_chromium_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tools, "CHROMIUM", Path("/nonexistent/chromium"))
    with pytest.raises(tools.MissingTool, match=r"apt-get install -y chromium"):
        tools.chromium()


def test_missing_java_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    with pytest.raises(tools.MissingTool, match=r"apt-get install -y default-jre-headless"):
        tools.java()


def test_apt_is_used_only_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []
    monkeypatch.setattr(tools, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setattr(tools, "_run", lambda command, log, **kw: commands.append(command) or True)
    monkeypatch.setattr(tools.os, "geteuid", lambda: 1000)
    still_missing = tools.ensure_system(log=lambda line: None)
    assert commands == []
    assert len(still_missing) == 1 and "Chromium is not installed" in still_missing[0]

    monkeypatch.setattr(tools.os, "geteuid", lambda: 0)
    tools.ensure_system(log=lambda line: None)
    assert commands == [["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]]


def test_the_pinned_vnu_jar_is_not_reinstalled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tools, "_run", lambda *a, **kw: pytest.fail("npm ran again"))
    assert tools.ensure_vnu(log=lambda line: None) == []
    assert tools.vnu_jar().is_file()


def test_vnu_jar_is_pinned_exactly() -> None:
    package = json.loads((tools.NPM_DIR / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"] == {"vnu-jar": "26.9.27"}
    assert tools._locked_vnu_version() == "26.9.27"


def test_ci_is_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert tools.in_ci()
    monkeypatch.delenv("CI")
    assert not tools.in_ci()
