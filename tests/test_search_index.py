"""The search index is written in bundles of notices, each as Pagefind writes it, and a
rebuild indexes again only the bundles whose pages changed."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.notices.site import Site
from plugins.site_build.search_bundles import bundles
from plugins.site_build.search_index import (
    BUNDLES,
    ENTRY,
    FOLDER,
    index_command,
    index_site,
    settle_entry,
)
from tests.sites import CONTENT, pelican_build

SHUFFLED = (
    '{"version":"1.5.2","languages":{"en":{"hash":"en_1","wasm":"en","page_count":37},'
    '"cy":{"hash":"cy_2","wasm":null,"page_count":1}},"include_characters":["_","‿"]}'
)
# A notice of its own procurement, so editing it changes no other notice's page.
EDITED = "afonwy-news-printing"


def test_languages_are_sorted_and_nothing_else_changes(tmp_path: Path):
    (tmp_path / ENTRY).write_text(SHUFFLED, encoding="utf-8")
    settle_entry(tmp_path)
    written = (tmp_path / ENTRY).read_text(encoding="utf-8")
    assert list(json.loads(written)["languages"]) == ["cy", "en"]
    assert json.loads(written) == json.loads(SHUFFLED)
    assert written == (
        '{"version":"1.5.2","languages":{"cy":{"hash":"cy_2","wasm":null,"page_count":1},'
        '"en":{"hash":"en_1","wasm":"en","page_count":37}},"include_characters":["_","‿"]}'
    )


def published_slugs(site: Path) -> list[str]:
    with (site / "notices.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = sorted(csv.DictReader(file), key=lambda row: row["published"])
    # A translation is a row of its own, at the same slug under its language's prefix.
    return list(dict.fromkeys(row["url"].rstrip("/").rsplit("/", 1)[-1] for row in rows))


def test_notices_are_dealt_out_in_publication_order_with_all_their_pages(built_sample: Path):
    planned = bundles(built_sample, 5)
    slugs = [[page.split("/")[-2] for page in bundle.pages] for bundle in planned]
    in_order = [
        list(dict.fromkeys(sorted(s, key=published_slugs(built_sample).index))) for s in slugs
    ]
    assert [slug for chunk in in_order for slug in chunk] == published_slugs(built_sample)
    assert all(len(chunk) <= 5 for chunk in in_order) and len(in_order[0]) == 5
    assert [bundle.name for bundle in planned][:2] == ["0001", "0002"]
    for bundle in planned:
        # A notice's page for each reader language is in the same bundle.
        for page in bundle.pages:
            slug = page.split("/")[-2]
            assert f"notices/{slug}/index.html" in bundle.pages
            assert f"cy/notices/{slug}/index.html" in bundle.pages


def indexed(site: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [*index_command(site), *options]
    return subprocess.run(command, check=True, capture_output=True, text=True)


def test_every_notice_page_and_nothing_else_is_indexed_once(
    built_sample: Path, sample_site: Site, tmp_path: Path
):
    site = shutil.copytree(built_sample, tmp_path / "site")
    # A listing marked as a search body would be indexed if Pagefind read it.
    listing = site / "notices" / "index.html"
    listing.write_text(
        listing.read_text(encoding="utf-8").replace("<main", "<main data-pagefind-body", 1),
        encoding="utf-8",
    )
    assert "4 bundles, 4 indexed" in indexed(site, "--per-bundle", "10").stdout
    assert (site / BUNDLES).read_bytes() == b'{"bundles":["0001/","0002/","0003/","0004/"]}'
    counts = {"en": 0, "cy": 0}
    for name in ("0001", "0002", "0003", "0004"):
        entry = (site / FOLDER / name / ENTRY).read_text(encoding="utf-8")
        languages = json.loads(entry)["languages"]
        assert list(languages) == ["cy", "en"]  # settled
        for lang in counts:
            counts[lang] += languages[lang]["page_count"]
    assert counts == {lang: len(sample_site.for_reader(lang)) for lang in counts}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample built, then built again with one notice's title changed."""
    folder = tmp_path_factory.mktemp("rebuilt")
    content = shutil.copytree(CONTENT, folder / "content")
    first = folder / "first"
    assert pelican_build(content, first, "--fatal", "errors").returncode == 0
    notice = next(content.glob(f"notices/*/{EDITED}.md"))
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace("title: Printing", "title: Reprinting", 1), encoding="utf-8")
    second = folder / "second"
    assert pelican_build(content, second, "--fatal", "errors").returncode == 0
    return first, second


def test_a_rebuild_indexes_again_only_the_bundle_of_the_edited_notice(
    rebuilt: tuple[Path, Path], tmp_path: Path
):
    first, second = (shutil.copytree(site, tmp_path / site.name) for site in rebuilt)
    cache = tmp_path / "cache"
    assert index_site(first, cache, 4).reused == []
    own = next(b.name for b in bundles(second, 4) if f"notices/{EDITED}/index.html" in b.pages)
    done = index_site(second, cache, 4)
    assert done.made == [own] and own not in done.reused and len(done.reused) > 5
    for name in done.reused:  # a kept bundle is the one made before, byte for byte
        assert files(second / FOLDER / name) == files(first / FOLDER / name)
    assert files(second / FOLDER / own) != files(first / FOLDER / own)
    # Only the bundles of the last build are kept: the first build's version of ``own`` went.
    assert len(list(cache.glob("*.json"))) == len(done.reused) + 1


def test_a_damaged_kept_bundle_is_indexed_again(built_sample: Path, tmp_path: Path):
    site = shutil.copytree(built_sample, tmp_path / "site")
    cache = tmp_path / "cache"
    index_site(site, cache, 10)
    entry = next(cache.glob(f"*/{ENTRY}"))
    entry.unlink()
    entry.write_text("{}", encoding="utf-8")  # a new file: the site's link keeps its bytes
    again = shutil.copytree(built_sample, tmp_path / "again")
    done = index_site(again, cache, 10)
    assert len(done.made) == 1 and len(done.reused) == 3
    assert json.loads((again / FOLDER / done.made[0] / ENTRY).read_bytes())["languages"]


def test_indexing_a_site_again_leaves_the_kept_bundles_intact(built_sample: Path, tmp_path: Path):
    site = shutil.copytree(built_sample, tmp_path / "site")
    cache = tmp_path / "cache"
    first = index_site(site, cache, 10)
    (site / FOLDER / "stale").mkdir()
    assert index_site(site, cache, 10).reused == first.made
    # The site's bundles are links to the kept ones: Pagefind, run again without the cache,
    # must not write through them.
    assert index_site(site, None, 10).made == first.made
    assert index_site(site, cache, 10).reused == first.made
    assert sorted(path.name for path in (site / FOLDER).iterdir()) == [
        "0001",
        "0002",
        "0003",
        "0004",
        "bundles.json",
    ]


def test_a_site_without_notices_lists_no_bundles(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html lang=en><body>Nothing yet</body></html>")
    assert index_site(site, tmp_path / "cache", 10).made == []
    assert (site / BUNDLES).read_bytes() == b'{"bundles":[]}'


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
