"""Pagefind's entry file is written with its languages in a stable order, as Pagefind writes it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from plugins.notices.site import Site
from plugins.site_build.search_index import ENTRY, index_command, settle_entry

SHUFFLED = (
    '{"version":"1.5.2","languages":{"en":{"hash":"en_1","wasm":"en","page_count":37},'
    '"cy":{"hash":"cy_2","wasm":null,"page_count":1}},"include_characters":["_","‿"]}'
)


def test_languages_are_sorted_and_nothing_else_changes(tmp_path: Path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / ENTRY).write_text(SHUFFLED, encoding="utf-8")
    settle_entry(tmp_path)
    written = (tmp_path / ENTRY).read_text(encoding="utf-8")
    assert list(json.loads(written)["languages"]) == ["cy", "en"]
    assert json.loads(written) == json.loads(SHUFFLED)
    assert written == (
        '{"version":"1.5.2","languages":{"cy":{"hash":"cy_2","wasm":null,"page_count":1},'
        '"en":{"hash":"en_1","wasm":"en","page_count":37}},"include_characters":["_","‿"]}'
    )


def test_an_index_of_the_sample_is_written_as_pagefind_writes_it(
    built_sample: Path, tmp_path: Path
):
    site = shutil.copytree(built_sample, tmp_path / "site")
    subprocess.run(index_command(site), check=True, capture_output=True)
    raw = json.loads((site / ENTRY).read_bytes())
    settle_entry(site)
    settled = (site / ENTRY).read_bytes()
    assert (
        settled
        == json.dumps(
            {**raw, "languages": dict(sorted(raw["languages"].items()))},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
    )
    assert sorted(raw["languages"]) == ["cy", "en"]


def test_only_notice_pages_are_read(built_sample: Path, sample_site: Site, tmp_path: Path):
    site = shutil.copytree(built_sample, tmp_path / "site")
    # A listing marked as a search body would be indexed if Pagefind read it.
    listing = site / "notices" / "index.html"
    listing.write_text(
        listing.read_text(encoding="utf-8").replace("<main", "<main data-pagefind-body", 1),
        encoding="utf-8",
    )
    subprocess.run(index_command(site), check=True, capture_output=True)
    languages = json.loads((site / ENTRY).read_bytes())["languages"]
    for lang in ("en", "cy"):
        assert languages[lang]["page_count"] == len(sample_site.for_reader(lang))
