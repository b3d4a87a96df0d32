"""The core and every output import without Pelican: only plugins/pelican_adapter needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
PELICAN_FREE = (
    "config",
    "notices",
    "feeds",
    "calendars",
    "ocds",
    "opendata",
    "contract",
    "site_pages",
    "cards",
    "site_build",
    "site_files",
    "importer",
)
# In a fresh interpreter: import every module of those packages, then list what came with them.
PROGRAM = """
import importlib, json, pkgutil, sys
names = []
for package in json.loads(sys.argv[1]):
    top = importlib.import_module(f"plugins.{package}")
    names.append(top.__name__)
    for found in pkgutil.walk_packages(top.__path__, f"{top.__name__}."):
        importlib.import_module(found.name)
        names.append(found.name)
print(json.dumps({"imported": names, "modules": sorted(sys.modules)}))
"""


def test_the_core_and_every_output_import_without_pelican():
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, json.dumps(PELICAN_FREE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    found = json.loads(result.stdout)
    assert len(found["imported"]) > 60  # every module, not just the packages
    assert "plugins.notices.model" in found["imported"]
    pelican = [name for name in found["modules"] if name.split(".")[0] == "pelican"]
    assert pelican == []


def test_only_the_adapter_is_a_pelican_plugin():
    packages = {path.parent.name for path in (ROOT / "plugins").glob("*/__init__.py")}
    assert packages - set(PELICAN_FREE) == {"pelican_adapter"}
