"""Hostile and unlucky notice files: each is refused with one clear line, or published whole.

Each case (hostile_cases.py) is checked in a child process limited to 1 GiB of address space
and 10 seconds, as a CI runner would meet it; the bombs are made there, not committed. A file
with an unlucky but harmless name is built into a real site, and its announcement must pass
the publisher's schema.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from tests.hostile_cases import CASES, Case, alias_bomb, base
from tests.sites import CONTENT, ROOT, pelican_build

MEMORY_LIMIT = 1 << 30
TIME_LIMIT = 10
PREFIXES = ("ocds-h6vhtk", "ocds-a1fnwy")

# A child process checks the files it is given as `invoke check` does, within the limits.
CHECKER = f"""
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
from plugins.notices.check import check_files, files_to_check
report = check_files(files_to_check([Path(p) for p in sys.argv[2:]]), Path(sys.argv[1]),
                     ocid_prefixes={PREFIXES!r})
for problem in report.problems:
    print(problem)
sys.exit(1 if report.errors else 0)
"""


def check_in_child(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHECKER, str(folder), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=TIME_LIMIT,
    )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_file_is_refused_with_one_clear_line(case: Case, tmp_path: Path) -> None:
    (tmp_path / case.name).write_text(case.make(), encoding="utf-8", errors="surrogatepass")
    result = check_in_child(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    where = f"{case.name}:{case.line}: {case.field}: "
    lines = result.stdout.splitlines()
    assert any(line.startswith(where) and case.says in line for line in lines), result.stdout
    for line in lines:
        assert re.fullmatch(r"[^:]+:\d+: (warning: )?[^:]+: .+ — .+", line), line


def test_a_hostile_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "bomb.md").write_text(alias_bomb(), encoding="utf-8")
    (tmp_path / "good.md").write_text(base(), encoding="utf-8")
    result = check_in_child(tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["bomb.md"]


UNLUCKY_NAMES = {
    "cynnal tiroedd ŵyr.md": "cynnal-tiroedd-wyr",
    "Grounds 'maintenance'.md": "grounds-maintenance",
    "roads <north> & south.md": "roads-north-south",
}


def test_unlucky_file_names_are_published_and_announced(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for number, name in enumerate(UNLUCKY_NAMES):
        text = base().replace("ACC-2026-0031", f"ACC-2026-09{number}")
        text = text.replace("ocds-h6vhtk-0a31c7", f"ocds-h6vhtk-0a31c{number}")
        (content / "notices" / "2026" / name).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in UNLUCKY_NAMES.values():
        assert (output / "notices" / slug / "index.html").is_file()
    announcements = json.loads((output / "announcements.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "plugins/contract/announcements.schema.json").read_text())
    errors = list(
        Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(announcements)
    )
    assert errors == []
    urls = {item["notice"]["url"] for item in announcements["announcements"]}
    for slug in UNLUCKY_NAMES.values():
        assert any(url.endswith(f"/notices/{slug}/") for url in urls)


@pytest.mark.parametrize(
    ("name", "change", "said"),
    [
        ("roads.MD", ("", ""), "roads.MD' does not end in '.md'"),
        (".hidden.md", ("", ""), "a hidden file (its name starts with '.') is not published"),
        ("foreign.md", ("ocds-h6vhtk-0a31c7", "ocds-zzzzzz-0a31c7"), "ocds-zzzzzz-0a31c7"),
    ],
    ids=["upper-case-suffix", "hidden-file", "foreign-ocid-prefix"],
)
def test_the_build_refuses_what_check_refuses(
    name: str, change: tuple[str, str], said: str, tmp_path: Path
) -> None:
    """What check refuses fails the build too, naming the file, and is never published."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    text = base().replace("ACC-2026-0031", "ACC-2026-0999").replace(*change)
    (content / "notices" / "2026" / name).write_text(text, encoding="utf-8")
    result = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert result.returncode != 0
    assert said in " ".join((result.stdout + result.stderr).split())
    assert not (tmp_path / "output" / "notices" / ".hidden").exists()


def test_a_file_name_with_a_line_break_is_said_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "\n.md").write_text(base(), encoding="utf-8")
    result = check_in_child(tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("\\n.md:1: file name: '\\n.md' has no letter or digit"), line
