"""What a benchmark run found: rows by step, the (b)/(a) ratios, the targets, a table."""

from __future__ import annotations

from typing import Any

from .measure import Measurement, median

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


def rows_by_step(samples: list[dict[str, Measurement | str]]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for key, label in ROWS.items():
        measured = [m for s in samples if isinstance(m := s[key], Measurement)]
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
        ("cold build, every output, ≤ 1.5x bare Pelican cold (wall)", found["cold_wall_s"], 1.5),
        ("one-notice rebuild ≤ 5 s (wall)", rows["noticeboard_warm"]["median"]["wall_s"], 5.0),
        ("one-notice rebuild ≤ 0.25x bare Pelican's (wall)", found["warm_wall_s"], 0.25),
        ("peak memory ≤ 600 MB", peak, 600.0),
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
    lines += ["", "Targets (issue 19; set for N = 10,000):"]
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
