"""The generated corpus that large-site tests and benchmarks build."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import generate
from plugins.notices.check import check_files, notice_files


def test_a_generated_corpus_is_valid_and_distinct(tmp_path: Path):
    content = tmp_path / "content"
    written = generate(100, content)
    files = notice_files(content / "notices")
    assert written == len(files) == 108  # three whole copies of the 36-file sample
    report = check_files(files, tmp_path)
    assert report.problems == ()
    notices = [loaded.notice for loaded in report.loaded]
    assert len({(n.notice_id, n.lang) for n in notices}) == len(notices)
    assert len({(n.slug, n.lang) for n in notices}) == len(notices)
    assert len({n.ocid for n in notices}) == 3 * len({n.ocid for n in notices[:36]})
