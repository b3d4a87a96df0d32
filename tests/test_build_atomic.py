"""`invoke build` swaps in a whole new site, or leaves output/ byte for byte as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plugins.cards.cache import png_problem
from plugins.site_build import staging
from plugins.site_build.staging import fresh_output, remove_stale, sibling, swap_in
from tests.sites import CONTENT
from tests.test_reproducible import files

ROOT = Path(__file__).parent.parent
INVOKE = [sys.executable, "-m", "invoke"]
TENDER = "notices/2026/highway-resurfacing-framework.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The project's tasks and settings with a copy of the sample content (its own cache/)."""
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("plugins", "themes"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path


def build(project: Path) -> subprocess.CompletedProcess[str]:
    command = [*INVOKE, "build"]
    return subprocess.run(command, capture_output=True, text=True, cwd=project, timeout=600)


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.glob("output.*"))


def test_a_failed_build_leaves_output_as_it_was_and_a_good_one_replaces_it(project: Path):
    first = build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    output = project / "output"
    (output / "left-from-before.txt").write_text("a file no build writes")
    before = files(output)
    assert "pagefind/bundles.json" in before

    tender = project / "content" / TENDER
    text = tender.read_text(encoding="utf-8")
    bad = text.replace("notice_id: ", "notice_id: X").replace("currency: GBP", "currency: XYZ")
    (tender.parent / "broken.md").write_text(bad, encoding="utf-8")
    tender.write_text(text.replace("title: ", "title: Edited "), encoding="utf-8")
    failed = build(project)
    assert failed.returncode != 0
    assert "broken.md" in failed.stdout + failed.stderr
    assert files(output) == before
    assert leftovers(project) == []

    (tender.parent / "broken.md").unlink()
    # Damaged caches slow the next build down; they do not fail it or reach the site.
    (project / "cache" / "notices.sqlite").write_bytes(b"garbage" * 1000)
    for card in list((project / "cache" / "cards").rglob("*.png"))[:3]:
        card.write_bytes(card.read_bytes()[:500])
    second = build(project)
    assert second.returncode == 0, second.stdout + second.stderr
    said = second.stdout + second.stderr
    assert "cache/notices.sqlite was unreadable and has been rebuilt" in said
    assert said.count("the card is drawn again") == 3
    assert all(png_problem(card.read_bytes()) is None for card in output.rglob("card.png"))
    after = files(output)
    assert "left-from-before.txt" not in after, "the old folder was replaced, not written over"
    assert (
        after["notices/highway-resurfacing-framework/index.html"]
        != (before["notices/highway-resurfacing-framework/index.html"])
    )
    assert leftovers(project) == []


@pytest.mark.parametrize("stop", ["sigterm-to-invoke", "ctrl-c-to-the-group"])
def test_an_interrupted_build_leaves_output_as_it_was(project: Path, stop: str):
    assert build(project).returncode == 0
    before = files(project / "output")
    shutil.rmtree(project / "cache")  # a slower build, so it is surely stopped midway
    running = subprocess.Popen(
        [*INVOKE, "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(lambda: any((path / "index.html").exists() for path in _staged(project)))
        if stop == "sigterm-to-invoke":
            running.send_signal(signal.SIGTERM)
        else:
            os.killpg(running.pid, signal.SIGINT)
        assert running.wait(timeout=120) != 0
    finally:
        if running.poll() is None:
            os.killpg(running.pid, signal.SIGKILL)
    assert files(project / "output") == before
    assert leftovers(project) == []


def _staged(project: Path) -> list[Path]:
    return list(project.glob("output.new-*"))


def _wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text)
    return folder


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_finished_block_swaps_the_new_folder_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
):
    if not exchange:
        monkeypatch.setattr(staging, "_exchange", lambda first, second: False)
    output = site(tmp_path / "output", "old")
    with fresh_output(output) as new:
        assert new == sibling(output.resolve(), "new") and list(new.iterdir()) == []
        site(new, "new")
    assert (output / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_the_first_build_has_no_old_folder_to_replace(tmp_path: Path):
    with fresh_output(tmp_path / "output") as new:
        site(new, "new")
    assert (tmp_path / "output" / "index.html").read_text() == "new"


def test_a_block_that_raises_leaves_output_alone(tmp_path: Path):
    output = site(tmp_path / "output", "old")
    with pytest.raises(RuntimeError), fresh_output(output) as new:
        site(new, "half")
        raise RuntimeError("the build failed")
    assert files(output) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_rename_that_fails_puts_the_old_site_back(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(staging, "_exchange", lambda first, second: False)
    output = site(tmp_path / "output", "old")
    new = tmp_path / "missing"  # renaming it fails
    with pytest.raises(FileNotFoundError):
        swap_in(new, output)
    assert files(output) == {"index.html": b"old"}


def test_folders_of_stopped_builds_are_deleted_and_running_ones_kept(tmp_path: Path):
    output = site(tmp_path / "output", "old")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    stopped = site(sibling(output, "new", int(dead.stdout)), "half")
    running = site(sibling(output, "old", os.getppid()), "someone else's")
    other = site(tmp_path / "output.backup", "kept")
    remove_stale(output)
    assert not stopped.exists()
    assert running.exists() and other.exists() and output.exists()


def test_an_output_link_keeps_pointing_at_the_new_site(tmp_path: Path):
    real = site(tmp_path / "www" / "site", "old")
    (tmp_path / "output").symlink_to(real)
    with fresh_output(tmp_path / "output") as new:
        assert new.parent == real.parent
        site(new, "new")
    assert (tmp_path / "output").is_symlink()
    assert (tmp_path / "output" / "index.html").read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["site"]


def test_a_swap_that_fails_deletes_the_new_folder(tmp_path: Path, monkeypatch):
    def fail(new: Path, output: Path) -> None:
        raise OSError("output/ is a mount point")

    monkeypatch.setattr(staging, "swap_in", fail)
    output = site(tmp_path / "output", "old")
    with pytest.raises(OSError), fresh_output(output) as new:
        site(new, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert files(output) == {"index.html": b"old"}
