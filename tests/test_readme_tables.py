"""The README's tables: settings generated from the configuration, and every task."""

from __future__ import annotations

import re
from pathlib import Path

from invoke import Collection

import tasks
from plugins.config import SETTINGS
from plugins.config.readme import settings_table, with_table

ROOT = Path(__file__).parent.parent


def test_the_settings_table_is_generated_from_the_configuration():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_table(readme) == readme, (
        "README.md's settings table differs from plugins/config/settings.py: run "
        "python -m plugins.config.readme --write"
    )


def test_the_table_has_a_row_for_every_setting():
    table = settings_table()
    names = re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.M)
    assert names == [setting.name for setting in SETTINGS] and len(names) >= 20


def documented_tasks() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Tasks", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `invoke ([a-z-]+)", table, flags=re.M))


def test_every_task_is_in_the_readme_table():
    names = set(Collection.from_module(tasks).task_names)
    assert {"build", "check", "test", "publish", "audit"} <= names
    assert documented_tasks() == names
