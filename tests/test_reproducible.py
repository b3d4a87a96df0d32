"""Same content and build clock give byte-identical output, file for file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.site_build.search_index import index_command
from tests.sites import CONTENT, pelican_build


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_second_build_writes_the_same_bytes(built_sample: Path, tmp_path: Path):
    result = pelican_build(CONTENT, tmp_path / "again", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = files(built_sample), files(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    kinds = {Path(name).suffix for name in first}
    assert {".html", ".atom", ".rss", ".opml", ".ics", ".json", ".png"} <= kinds


@pytest.mark.xfail(
    strict=True,
    reason="known defect: Pagefind writes filter values (type, status, CPV, region… on notice "
    "pages since the search filters) in hash-map order, so each bundle's filter/*.pf_filter and "
    "language hashes differ from run to run; settling them means rewriting its CBOR files (a "
    "rebuild with the cache links unchanged bundles as made before, byte for byte)",
)
def test_the_search_index_is_the_same_bytes_every_time(built_sample: Path, tmp_path: Path):
    # Pagefind's own order changes from run to run: three runs almost surely see both.
    indexes = []
    for run in range(3):
        site = shutil.copytree(built_sample, tmp_path / f"site-{run}")
        subprocess.run(index_command(site, per_bundle=10), check=True, capture_output=True)
        indexes.append(files(site / "pagefind"))
    assert "bundles.json" in indexes[0] and "0004/pagefind-entry.json" in indexes[0]
    assert indexes[1] == indexes[0] and indexes[2] == indexes[0]
