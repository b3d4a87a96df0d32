"""A cProfile text summary of a cold Noticeboard build: where the time goes, by package and function.

Profiled is Pelican with the project's settings (what ``invoke build`` runs first); steps
``invoke build`` runs after Pelican are timed by the benchmark but not profiled.
"""

from __future__ import annotations

import io
import pstats
import subprocess
import sys
import sysconfig
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

TOP = 40


def profile_build(project: Path, reset: Callable[[Path], None], destination: Path) -> None:
    """Build ``project`` cold under cProfile and write the text summary to ``destination``."""
    reset(project)
    raw = project / "profile.pstats"
    args = [sys.executable, "-m", "cProfile", "-o", str(raw), "-m", "pelican", "content"]
    args += ["-o", "output", "-s", "pelicanconf.py", "--fatal", "errors"]
    subprocess.run(args, cwd=project, check=True, capture_output=True)
    destination.write_text(summary(raw, project), encoding="utf-8")
    reset(project)


def summary(raw: Path, project: Path) -> str:
    """Time by package, then the top functions by cumulative and by own time."""
    stats = pstats.Stats(str(raw))
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = [f"cProfile of a cold Noticeboard build (pelican), {total:.2f} s profiled", ""]
    lines += ["Own time by package:", ""]
    for package, seconds in _by_package(stats, project):
        lines.append(f"{seconds:8.2f} s {100 * seconds / total:5.1f}%  {package}")
    for order, title in (("cumulative", "cumulative time"), ("tottime", "own time")):
        stream = io.StringIO()
        pstats.Stats(str(raw), stream=stream).sort_stats(order).print_stats(TOP)
        lines += ["", f"Top {TOP} functions by {title}:", _shorten(stream.getvalue(), project)]
    return "\n".join(lines) + "\n"


def _by_package(stats: pstats.Stats, project: Path) -> list[tuple[str, float]]:
    """Own time per package (C functions by name), biggest first, the smallest lumped."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, function), row in stats.stats.items():  # type: ignore[attr-defined]
        key = f"C: {function}" if filename == "~" else _package(filename, project)
        totals[key] += row[2]
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    shown = ranked[:TOP]
    rest = sum(seconds for _, seconds in ranked[TOP:])
    return [*shown, ("everything else", rest)] if rest else shown


def _package(filename: str, project: Path) -> str:
    """``plugins/feeds``, ``markdown``, ``stdlib`` … for a profiled file name."""
    path = Path(filename)
    paths = sysconfig.get_paths()
    if path.is_relative_to(paths["purelib"]):
        return path.relative_to(paths["purelib"]).parts[0]
    if path.is_relative_to(paths["stdlib"]) or filename.startswith("<frozen"):
        return "stdlib"
    for root in (project, Path(__file__).resolve().parent.parent):
        if path.is_relative_to(root):
            parts = path.relative_to(root).parts
            return "/".join(parts[:2]) if parts[0] == "plugins" and len(parts) > 2 else parts[0]
    return "other"


def _shorten(text: str, project: Path) -> str:
    for prefix in (sysconfig.get_paths()["purelib"], str(project), sysconfig.get_paths()["stdlib"]):
        text = text.replace(prefix + "/", "")
    return text
