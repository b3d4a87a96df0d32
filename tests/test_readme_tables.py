"""Every plugin setting and every task has a row in the README's tables."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from invoke import Collection

import tasks

ROOT = Path(__file__).parent.parent


def plugin_settings() -> list[str]:
    names = []
    for module in sorted((ROOT / "plugins").glob("*/settings.py")):
        settings = importlib.import_module(f"plugins.{module.parent.name}.settings").SETTINGS
        names += [setting.name for setting in settings]
    return names


def documented_settings() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.M)


def test_every_setting_is_in_the_readme_table():
    names = plugin_settings()
    assert len(names) >= 20
    assert sorted(set(names) - set(documented_settings())) == []


def test_the_table_names_no_setting_that_does_not_exist():
    assert sorted(set(documented_settings()) - set(plugin_settings())) == []


def documented_tasks() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Tasks", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `invoke ([a-z-]+)", table, flags=re.M))


def test_every_task_is_in_the_readme_table():
    names = set(Collection.from_module(tasks).task_names)
    assert {"build", "check", "test", "publish", "audit"} <= names
    assert documented_tasks() == names
