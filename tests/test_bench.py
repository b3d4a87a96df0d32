"""The benchmark: its generated corpus, the bare Pelican copy and the harness end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from benchmarks.bare import write_bare_site
from benchmarks.corpus import generate
from benchmarks.harness import NOT_AVAILABLE, run
from benchmarks.report import ROWS, format_table, ratios, targets
from plugins.notices.body import render
from plugins.notices.check import check_files, notice_files
from plugins.notices.codes import NoticeType


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("corpus") / "content"
    generate(200, content)
    return content


def test_the_same_count_gives_the_same_bytes(corpus: Path, tmp_path: Path):
    generate(200, tmp_path / "again")
    assert _tree(tmp_path / "again") == _tree(corpus)


def test_every_generated_notice_passes_check(corpus: Path):
    report = check_files(notice_files(corpus / "notices"), corpus.parent)
    assert len(report.loaded) == 216
    assert report.problems == ()


# Not in the sample the corpus is made from, and rare in a council's notices (9 of the 227 real
# Find a Tender releases in tests/data): contract performance and dynamic market notices.
NOT_GENERATED = {NoticeType(f"UK{n}") for n in (9, 13, 14, 15, 16)}


def test_the_corpus_has_the_required_mix(corpus: Path):
    report = check_files(notice_files(corpus / "notices"), corpus.parent)
    notices = [loaded.notice for loaded in report.loaded]
    assert {n.notice_type for n in notices} == set(NoticeType) - NOT_GENERATED
    assert sum(1 for n in notices if n.lots) >= 6 * 14
    assert sum(1 for n in notices if n.changes) >= 6 * 4
    welsh = [n for n in notices if n.lang == "cy"]
    english_ids = {n.notice_id for n in notices if n.lang == "en"}
    assert len(welsh) == 6 and all(n.notice_id in english_ids for n in welsh)
    assert Counter(n.notice_type for n in notices)[NoticeType.UK12] == 12
    chains = Counter(n.ocid for n in notices)
    assert max(chains.values()) >= 4 and sum(1 for c in chains.values() if c > 1) >= 6 * 6


def test_bodies_have_300_to_600_words_headings_lists_and_a_table(corpus: Path):
    for path in notice_files(corpus / "notices"):
        page = BeautifulSoup(render(_body(path)), "html.parser")
        assert 300 <= len(page.get_text(" ").split()) <= 600, path
        assert page.find(["h3", "h4"]) and page.find("ul") and page.find("table"), path


def test_welsh_bodies_are_lengthened_in_welsh(corpus: Path):
    welsh = next((corpus / "notices").rglob("library-stock-supply-c3.cy.md"))
    added = _body(welsh).split("gros a net yr un fath.", 1)[1]
    assert "Bydd y" in added and "The supplier" not in added


def test_bare_pelican_builds_the_same_notices_with_its_default_feeds(tmp_path: Path):
    generate(20, tmp_path / "content")
    site = tmp_path / "bare"
    assert write_bare_site(tmp_path / "content", site) == 36
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site,
        check=True,
        capture_output=True,
    )
    everything = feedparser.parse(site / "output" / "feeds" / "all.atom.xml")
    welsh = feedparser.parse(site / "output" / "feeds" / "all-cy.atom.xml")
    assert len(everything.entries) == 36 and len(welsh.entries) == 1
    assert welsh.entries[0].title.startswith("Cyflenwi llyfrau llyfrgell")
    assert (site / "output" / "library-stock-supply-cy.html").is_file()
    assert len(list((site / "output" / "category").glob("*.html"))) == len(
        set(NoticeType) - NOT_GENERATED
    )


def test_ratios_and_targets_compare_the_paired_rows():
    rows = {key: {"label": label, "status": "ok"} for key, label in ROWS.items()}
    figures = {
        "bare_cold": (10.0, 9.0, 100.0),
        "noticeboard_cold": (15.0, 18.0, 150.0),
        "bare_warm": (4.0, 4.0, 100.0),
        "noticeboard_warm": (3.0, 2.0, 420.0),
        "check": (6.0, 6.0, 80.0),
        "check_cold": (4.0, 7.0, 90.0),
    }
    for key, (wall, cpu, peak) in figures.items():
        rows[key]["median"] = {"wall_s": wall, "cpu_s": cpu, "max_rss_mb": peak}
    rows["publish"] = {"label": ROWS["publish"], "status": NOT_AVAILABLE}
    found = ratios(rows)
    assert found["cold_wall_s"] == 1.5 and found["cold_cpu_s"] == 2.0
    assert found["warm_wall_s"] == 0.75 and found["warm_max_rss_mb"] == 4.2
    assert found["rebuild_share_of_cold_wall"] == 0.2
    verdicts = [(t["measured"], t["met"]) for t in targets(rows, found)]
    assert verdicts == [
        (1.5, True),
        (3.0, True),
        (0.75, False),
        (420.0, True),
        (6.0, False),
        (4.0, True),
        (None, None),
    ]
    result = {
        "n": 1000,
        "notices": 1008,
        "repeat": 1,
        "machine": {"cpus": 2, "load_before": 1.0, "load_after": 1.5},
        "rows": rows,
        "ratios": found,
        "targets": targets(rows, found),
    }
    table = format_table(result)
    assert (
        "| Noticeboard, every output, cold (b) | 15.00 | 18.00 | 150 | 1.50x | 2.00x | 1.50x |"
        in table
    )
    assert f"| {ROWS['publish']} | {NOT_AVAILABLE} |" in table
    assert "composing the announcements ≤ 2 s: not measured" in table


def test_the_harness_runs_end_to_end_and_saves_every_row(tmp_path: Path):
    result = run(20, repeat=1, profile=True, results=tmp_path)
    saved = json.loads(next(tmp_path.glob("*-n20.json")).read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(result))
    assert saved["notices"] == 36 and len(saved["corpus_sha256"]) == 64
    assert set(saved["rows"]) == set(ROWS)
    for key in ROWS:
        row = saved["rows"][key]
        assert row["status"] == "ok", row
        assert row["median"]["exit_code"] == 0 and row["median"]["max_rss_mb"] > 0
    assert {"cold_wall_s", "warm_cpu_s", "rebuild_share_of_cold_wall"} <= saved["ratios"].keys()
    assert len(saved["targets"]) == 7
    assert saved["outputs"]["noticeboard"]["files"] > saved["outputs"]["bare"]["files"] > 36
    profile = (tmp_path / saved["profile"]).read_text(encoding="utf-8")
    assert "Own time by package:" in profile and "plugins/notices" in profile
    assert "pelican/generators.py" in profile
