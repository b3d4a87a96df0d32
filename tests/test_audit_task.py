"""`invoke audit` runs tests/audit against the folder it is given and fails on its problems."""

import subprocess
import sys
from pathlib import Path

from tests.browser_sites import page, write_site

ROOT = Path(__file__).parent.parent


def audit(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "invoke", "audit", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_a_folder_without_a_site_is_refused(tmp_path: Path) -> None:
    result = audit("--output", str(tmp_path))
    assert result.returncode == 2
    assert "has no index.html: build the site first" in result.stderr


def test_the_audit_reports_the_folders_problems(tmp_path: Path) -> None:
    bad = page('<p><a href="missing/">broken</a></p>').replace("<p>", "<p><div>x</div>", 1)
    write_site(tmp_path, {"index.html": bad})
    result = audit("--output", str(tmp_path), "-k", "html or links")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "index.html:7: No “p” element in scope but a “p” end tag seen." in result.stdout
    assert "'missing/': no such file: missing/index.html (on index.html:7)" in result.stdout
    assert "2 failed" in result.stdout
