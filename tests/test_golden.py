"""The golden build: tests/golden/content builds to exactly the committed tests/golden/output.

When a change to the site is meant, run ``invoke golden`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.sites import GOLDEN_OUTPUT, ROOT, golden_build
from tests.test_reproducible import files

# Enough to see what changed in a file; the rest is for `invoke golden` and `git diff`.
DIFF_LINES = 40
DIFFS_SHOWN = 5


def repository_state() -> dict[str, tuple[int, int]]:
    """Size and mtime of every file and folder in the repository's own cache/ and output/."""
    state = {}
    for top in (ROOT / "cache", ROOT / "output"):
        for path in [top, *top.rglob("*")] if top.exists() else []:
            stat = path.stat()
            state[path.relative_to(ROOT).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A fresh golden build, with the repository's cache/ and output/ before and after it."""
    before = repository_state()
    output = tmp_path_factory.mktemp("golden") / "output"
    result = golden_build(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output, before, repository_state()


def text_diff(name: str, expected: bytes, actual: bytes) -> list[str]:
    """A short unified diff of a text file, or the sizes of a binary one."""
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        return [f"{name}: binary, {len(expected)} bytes committed, {len(actual)} built"]
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), f"committed/{name}", f"built/{name}", lineterm=""
        )
    )
    cut = [f"… {len(lines) - DIFF_LINES} more lines"] if len(lines) > DIFF_LINES else []
    return lines[:DIFF_LINES] + cut


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    """Missing, extra and differing files, with a diff of the first few that differ."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(name for name in set(expected) & set(actual) if expected[name] != actual[name])
    report = [f"missing (committed, not built): {name}" for name in missing]
    report += [f"extra (built, not committed): {name}" for name in extra]
    report += [f"differs: {name}" for name in changed]
    for name in changed[:DIFFS_SHOWN]:
        report += text_diff(name, expected[name], actual[name])
    return report


def test_the_golden_site_builds_to_the_committed_output(golden):
    output, _, _ = golden
    report = differences(files(GOLDEN_OUTPUT), files(output))
    advice = "If the change is meant: invoke golden, then review git diff tests/golden/output"
    assert not report, "\n".join([*report, advice])


def test_the_golden_output_has_every_kind_of_output(golden):
    kinds = {Path(name).suffix for name in files(GOLDEN_OUTPUT)}
    assert {".html", ".atom", ".rss", ".opml", ".ics", ".json", ".png"} <= kinds
    assert (GOLDEN_OUTPUT / "cy" / "notices" / "library-stock-supply" / "index.html").is_file()


def test_a_test_build_leaves_the_repositorys_cache_and_output_alone(golden):
    output, before, after = golden
    assert after == before
    assert (output.parent / "output.cache" / "cards").is_dir()  # the cache went beside it


def test_differences_name_missing_extra_and_changed_files():
    committed = {"a.html": b"<p>one</p>\n", "b.png": b"\x89PNG\x00", "gone.ics": b""}
    built = {"a.html": b"<p>two</p>\n", "b.png": b"\x89PNG\x01\xff", "new.json": b"{}"}
    assert differences(committed, built) == [
        "missing (committed, not built): gone.ics",
        "extra (built, not committed): new.json",
        "differs: a.html",
        "differs: b.png",
        "--- committed/a.html",
        "+++ built/a.html",
        "@@ -1 +1 @@",
        "-<p>one</p>",
        "+<p>two</p>",
        "b.png: binary, 5 bytes committed, 6 built",
    ]
