"""``invoke bench``: bare Pelican against Noticeboard on the same generated notices, in one run.

The Noticeboard build runs as ``invoke build`` in a throwaway copy of the project (the task
files copied, everything else linked, ``content/`` generated), so the benchmark times exactly
what a council runs, including any step ``invoke build`` adds after Pelican, and never touches
the real ``output/``. Bare Pelican builds the same Markdown bodies (``bare.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from plugins.site_build.search_index import index_command

from .bare import write_bare_site
from .corpus import generate
from .measure import CommandFailed, Measurement, measure
from .profiling import profile_build
from .provenance import corpus_hash, run_context, tree_size
from .report import ROWS, ratios, rows_by_step, targets
from .workspace import ROOT, Workspace, edit_one, has_task, make_project, reset_project, warm_up

RESULTS = ROOT / "benchmarks" / "results"
NOT_AVAILABLE = "not available yet"


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
        warm_up(workspace)
        load_before = os.getloadavg()
        samples = [measure_round(workspace, number, say) for number in range(1, repeat + 1)]
        load_after = os.getloadavg()
        outputs = {"bare": tree_size(workspace.bare / "output")}
        outputs["noticeboard"] = tree_size(workspace.project / "output")
        profile_path = results / f"{stem}-profile.txt"
        if profile:
            say("Profiling a cold Noticeboard build (cProfile)")
            results.mkdir(parents=True, exist_ok=True)
            profile_build(workspace.project, reset_project, profile_path)
    result = {
        **run_context(n, repeat, corpus, load_before, load_after),
        "outputs": outputs,
        "rows": rows_by_step(samples),
        "profile": profile_path.name if profile else None,
    }
    result["ratios"] = ratios(result["rows"])
    result["targets"] = targets(result["rows"], result["ratios"])
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def prepare(workspace: Workspace, n: int) -> dict[str, Any]:
    """Generate the notices, the bare Pelican copy and the throwaway project."""
    make_project(workspace.project)
    written = generate(n, workspace.content)
    write_bare_site(workspace.content, workspace.bare)
    workspace.logs.mkdir()
    return {"notices": written, "sha256": corpus_hash(workspace.content)}


def measure_round(
    workspace: Workspace, number: int, say: Callable[[str], None]
) -> dict[str, Measurement | str]:
    """Cold builds, the one-notice rebuilds, check and publish, once each."""
    reset_project(workspace.project)
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
    edited = edit_one(workspace)
    step("bare_warm")
    step("noticeboard_warm")
    step("search_index")
    step("check")
    shutil.rmtree(workspace.project / "cache", ignore_errors=True)
    step("check_cold")
    if has_task(workspace.project, "publish"):
        try:
            step("publish")
        except CommandFailed as failure:
            samples["publish"] = f"failed: {failure}"
    else:
        samples["publish"] = NOT_AVAILABLE
    for path, text in edited:
        path.write_text(text, encoding="utf-8")
    return samples


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
        "search_index": (index_command(Path("output")), project),
        "check": ([*invoke, "check"], project),
        "check_cold": ([*invoke, "check"], project),
        "publish": ([*invoke, "publish", "--compose-all"], project),
    }
