"""``invoke bench``: bare Pelican against Noticeboard on the same generated notices, in one run.

The Noticeboard build runs as ``invoke build`` in a throwaway copy of the project (the task
files copied, everything else linked, ``content/`` generated), so the benchmark times exactly
what a council runs, including any step ``invoke build`` adds after Pelican, and never touches
the real ``output/``. Bare Pelican builds the same Markdown bodies (``bare.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from plugins.notices.check import notice_files

from .bare import write_bare_site
from .corpus import generate
from .measure import CommandFailed, Measurement, measure, median
from .profiling import profile_build

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
COPIED = ("tasks.py", "pelicanconf.py", "publishconf.py")
"""Copied, not linked: their ``Path(__file__)`` must point into the throwaway project."""
_NOT_LINKED = {*COPIED, "content", "output", "cache", "__pycache__"}
EDIT = "\nA sentence added to time the rebuild after one notice is edited.\n"
NOT_AVAILABLE = "not available yet"

ROWS = {
    "bare_cold": "bare Pelican, cold (a)",
    "noticeboard_cold": "Noticeboard, every output, cold (b)",
    "bare_warm": "bare Pelican, one notice edited (a)",
    "noticeboard_warm": "Noticeboard, one notice edited (b)",
    "search_index": "of which: the search index alone (Pagefind)",
    "check": "invoke check (notices read by the build are kept)",
    "check_cold": "invoke check on a fresh clone (nothing kept)",
    "publish": "publisher dry run composing every announcement (invoke publish --compose-all)",
}
PAIRS = {"cold": ("bare_cold", "noticeboard_cold"), "warm": ("bare_warm", "noticeboard_warm")}


@dataclass(frozen=True)
class Workspace:
    """Where one benchmark run keeps its generated sites."""

    root: Path

    @property
    def project(self) -> Path:
        return self.root / "noticeboard"

    @property
    def content(self) -> Path:
        return self.project / "content"

    @property
    def bare(self) -> Path:
        return self.root / "bare"

    @property
    def logs(self) -> Path:
        return self.root / "logs"


def run(
    n: int,
    repeat: int = 1,
    profile: bool = True,
    results: Path = RESULTS,
    say: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Benchmark ``n`` notices; write ``results``/<date>-n<n>.json (and the profile); return it."""
    stem = f"{datetime.now(UTC).date().isoformat()}-n{n}"
    with tempfile.TemporaryDirectory(prefix="noticeboard-bench-") as temporary:
        workspace = Workspace(Path(temporary))
        say(f"Generating {n} notices in {workspace.root}")
        corpus = prepare(workspace, n)
        _warm_up(workspace)
        load_before = os.getloadavg()
        samples = [measure_round(workspace, number, say) for number in range(1, repeat + 1)]
        load_after = os.getloadavg()
        outputs = {"bare": _tree_size(workspace.bare / "output")}
        outputs["noticeboard"] = _tree_size(workspace.project / "output")
        profile_path = results / f"{stem}-profile.txt"
        if profile:
            say("Profiling a cold Noticeboard build (cProfile)")
            results.mkdir(parents=True, exist_ok=True)
            profile_build(workspace.project, _reset_project, profile_path)
    result = {
        **_context(n, repeat, corpus, load_before, load_after),
        "outputs": outputs,
        "rows": _rows(samples),
        "profile": profile_path.name if profile else None,
    }
    result["ratios"] = ratios(result["rows"])
    result["targets"] = targets(result["rows"], result["ratios"])
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def prepare(workspace: Workspace, n: int) -> dict[str, Any]:
    """Generate the notices, the bare Pelican copy and the throwaway project."""
    _make_project(workspace.project)
    written = generate(n, workspace.content)
    write_bare_site(workspace.content, workspace.bare)
    workspace.logs.mkdir()
    return {"notices": written, "sha256": _corpus_hash(workspace.content)}


def measure_round(
    workspace: Workspace, number: int, say: Callable[[str], None]
) -> dict[str, Measurement | str]:
    """Cold builds, the one-notice rebuilds, check and publish, once each."""
    _reset_project(workspace.project)
    for name in ("output", "cache"):
        shutil.rmtree(workspace.bare / name, ignore_errors=True)
    commands = _commands(workspace)
    samples: dict[str, Measurement | str] = {}

    def step(key: str) -> None:
        say(f"[round {number}] {ROWS[key]}")
        args, cwd = commands[key]
        samples[key] = measure(args, cwd, workspace.logs / f"{key}-{number}.log")

    step("bare_cold")
    step("noticeboard_cold")
    edited = _edit_one(workspace)
    step("bare_warm")
    step("noticeboard_warm")
    step("search_index")
    step("check")
    shutil.rmtree(workspace.project / "cache", ignore_errors=True)
    step("check_cold")
    if _has_task(workspace.project, "publish"):
        try:
            step("publish")
        except CommandFailed as failure:
            samples["publish"] = f"failed: {failure}"
    else:
        samples["publish"] = NOT_AVAILABLE
    for path, text in edited:
        path.write_text(text, encoding="utf-8")
    return samples


def ratios(rows: dict[str, Any]) -> dict[str, float]:
    """(b)/(a) for each build pair and measure, and the rebuild as a share of the cold build."""
    found: dict[str, float] = {}
    for pair, (bare, ours) in PAIRS.items():
        for measure_name in ("wall_s", "cpu_s", "max_rss_mb"):
            a, b = rows[bare]["median"][measure_name], rows[ours]["median"][measure_name]
            found[f"{pair}_{measure_name}"] = round(b / a, 3) if a else float("nan")
    cold, warm = rows["noticeboard_cold"]["median"], rows["noticeboard_warm"]["median"]
    found["rebuild_share_of_cold_wall"] = round(warm["wall_s"] / cold["wall_s"], 3)
    return found


def targets(rows: dict[str, Any], found: dict[str, float]) -> list[dict[str, Any]]:
    """The issue's targets (set for N = 10,000) against this run's figures."""
    peak = max(rows[key]["median"]["max_rss_mb"] for key in PAIRS["cold"] + PAIRS["warm"])
    checks = [
        ("cold build, every output, ≤ 1.0x bare Pelican (wall)", found["cold_wall_s"], 1.0),
        ("one-notice rebuild ≤ 0.25x own cold build", found["rebuild_share_of_cold_wall"], 0.25),
        ("peak memory ≤ 400 MB", peak, 400.0),
        ("invoke check ≤ 5 s", rows["check"]["median"]["wall_s"], 5.0),
        ("invoke check on a fresh clone ≤ 5 s", rows["check_cold"]["median"]["wall_s"], 5.0),
    ]
    publish = rows["publish"].get("median")
    checks.append(("composing the announcements ≤ 2 s", publish and publish["wall_s"], 2.0))
    return [
        {
            "target": name,
            "limit": limit,
            "measured": value,
            "met": None if value is None else value <= limit,
        }
        for name, value, limit in checks
    ]


def format_table(result: dict[str, Any]) -> str:
    """The results as a Markdown table, then the targets."""
    rows, found = result["rows"], result["ratios"]
    lines = [
        f"N = {result['notices']} notices (asked for {result['n']}), {result['repeat']} round(s), "
        f"median; {result['machine']['cpus']} CPUs, load average "
        f"{result['machine']['load_before']:.1f} → {result['machine']['load_after']:.1f}",
        "",
        "| step | wall s | CPU s | peak MB | (b)/(a) wall | (b)/(a) CPU | (b)/(a) peak |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in ROWS.items():
        lines.append(_table_row(label, rows[key], _pair_of(key), found))
    lines += ["", "Targets (issue 6; set for N = 10,000):"]
    for target in result["targets"]:
        if target["met"] is None:
            lines.append(f"- {target['target']}: not measured")
        else:
            verdict = "met" if target["met"] else "NOT met"
            lines.append(f"- {target['target']}: {target['measured']:.2f} — {verdict}")
    return "\n".join(lines)


def _table_row(label: str, row: dict[str, Any], pair: str | None, found: dict[str, float]) -> str:
    if "median" not in row:
        return f"| {label} | {row['status']} | | | | | |"
    m = row["median"]
    cells = [label, f"{m['wall_s']:.2f}", f"{m['cpu_s']:.2f}", f"{m['max_rss_mb']:.0f}"]
    if pair:
        cells += [f"{found[f'{pair}_{name}']:.2f}x" for name in ("wall_s", "cpu_s", "max_rss_mb")]
    else:
        cells += ["", "", ""]
    return "| " + " | ".join(cells) + " |"


def _pair_of(key: str) -> str | None:
    return next((pair for pair, keys in PAIRS.items() if key == keys[1]), None)


def _rows(samples: list[dict[str, Measurement | str]]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for key, label in ROWS.items():
        measured = [s[key] for s in samples if isinstance(s[key], Measurement)]
        if measured:
            rows[key] = {
                "label": label,
                "status": "ok",
                "median": median(measured).as_json(),
                "samples": [m.as_json() for m in measured],
            }
        else:
            rows[key] = {"label": label, "status": str(samples[-1][key])}
    return rows


def _commands(workspace: Workspace) -> dict[str, tuple[list[str], Path]]:
    python, project, bare = sys.executable, workspace.project, workspace.bare
    pelican = [python, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    pelican += ["--fatal", "errors"]
    invoke = [python, "-m", "invoke", "--search-root", str(project)]
    return {
        "bare_cold": (pelican, bare),
        "bare_warm": (pelican, bare),
        "noticeboard_cold": ([*invoke, "build"], project),
        "noticeboard_warm": ([*invoke, "build"], project),
        "search_index": ([python, "-m", "pagefind", "--site", "output", "--quiet"], project),
        "check": ([*invoke, "check"], project),
        "check_cold": ([*invoke, "check"], project),
        "publish": ([*invoke, "publish", "--compose-all"], project),
    }


def _make_project(project: Path) -> None:
    """A project folder whose task and settings files are copies and everything else links."""
    project.mkdir(parents=True)
    for entry in sorted(ROOT.iterdir()):
        if entry.name in _NOT_LINKED or entry.name.startswith("."):
            continue
        (project / entry.name).symlink_to(entry)
    for name in COPIED:
        shutil.copy2(ROOT / name, project / name)


def _reset_project(project: Path) -> None:
    """Remove everything a build made (output, caches), keeping links, copies and content."""
    for entry in project.iterdir():
        if entry.is_symlink() or entry.name in (*COPIED, "content"):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _edit_one(workspace: Workspace) -> list[tuple[Path, str]]:
    """Append a sentence to the same notice in both sites; return (path, original text)."""
    files = notice_files(workspace.content / "notices")
    relative = files[len(files) // 2].relative_to(workspace.content)
    edited = []
    for path in (workspace.content / relative, workspace.bare / "content" / relative):
        text = path.read_text(encoding="utf-8")
        edited.append((path, text))
        path.write_text(text.rstrip("\n") + "\n" + EDIT, encoding="utf-8")
    return edited


def _warm_up(workspace: Workspace) -> None:
    """Load the interpreter and libraries into the page cache: the first step is not penalised."""
    for args, cwd in (
        ([sys.executable, "-m", "pelican", "--version"], workspace.bare),
        ([sys.executable, "-c", "import pelicanconf"], workspace.project),
    ):
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)


def _has_task(project: Path, name: str) -> bool:
    listing = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(project), "--list", "-F", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return any(task["name"] == name for task in json.loads(listing.stdout)["tasks"])


def _corpus_hash(content: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(content.rglob("*.md")):
        digest.update(path.relative_to(content).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _tree_size(folder: Path) -> dict[str, float]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return {"files": len(files), "mb": round(sum(p.stat().st_size for p in files) / 2**20, 1)}


def _context(
    n: int, repeat: int, corpus: dict[str, Any], before: tuple[float, ...], after: tuple[float, ...]
) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).date().isoformat(),
        "n": n,
        "notices": corpus["notices"],
        "corpus_sha256": corpus["sha256"],
        "repeat": repeat,
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain")),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "pelican": version("pelican"),
            "markdown": version("markdown"),
            "load_before": round(before[0], 2),
            "load_after": round(after[0], 2),
        },
    }


def _git(*args: str) -> str:
    """Read-only git queries; empty when ROOT is not a git checkout."""
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()
