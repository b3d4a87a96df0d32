"""Pagefind's search index of a built site: bundles of notice pages, one Pagefind run each.

One index of 10,000 notices needs gigabytes; a bundle of ``per_bundle`` notices a fraction
of the build's memory budget. Bundles are indexed one after another into
``pagefind/<name>/``, and ``pagefind/bundles.json`` lists them for the search page, which
merges them in the browser (Pagefind's ``mergeIndex``). With a cache folder, a bundle whose
pages are byte for byte those it was last made from is taken from there instead.

Run as ``python -m plugins.site_build.search_index SITE [--cache FOLDER] [--per-bundle N]``
(``index_command``): ``invoke build`` and the benchmarks run it so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugins.config.settings import BY_NAME
from plugins.notices.output import write_whole

from .kept_bundles import KeptBundles, link_or_copy
from .search_bundles import Bundle, bundle_key, bundles

FOLDER = Path("pagefind")
BUNDLES = FOLDER / "bundles.json"
ENTRY = "pagefind-entry.json"
# Notices per bundle, as SEARCH_NOTICES_PER_BUNDLE's default: one Pagefind run over 500
# notices (1,000 pages in two languages) stays far under the build's 600 MB
# (benchmarks/README.md gives the figures).
PER_BUNDLE: int = BY_NAME["SEARCH_NOTICES_PER_BUNDLE"].default
# How Pagefind is run on a bundle's pages (part of every bundle's key). Silent but for
# errors: its notes (no stemming for Welsh) would come once per bundle.
PAGEFIND = ("--silent", "--glob", "{notices,*/notices}/*/index.html")


@dataclass
class Indexed:
    """What indexing did: the bundles Pagefind ran on, and those taken from the cache."""

    made: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


def index_command(site: Path, cache: Path | None = None, per_bundle: int = PER_BUNDLE) -> list[str]:
    """The command that writes ``site``/pagefind/ from its notice pages (works offline)."""
    kept = ["--cache", str(cache)] if cache is not None else []
    options = [*kept, "--per-bundle", str(per_bundle)]
    return [sys.executable, "-m", "plugins.site_build.search_index", str(site), *options]


def index_site(site: Path, cache: Path | None = None, per_bundle: int = PER_BUNDLE) -> Indexed:
    """Index ``site``'s notice pages in bundles into pagefind/ (made afresh), and list them."""
    # Pagefind rewrites files in place, and a kept bundle's files are links to the cache.
    shutil.rmtree(site / FOLDER, ignore_errors=True)
    done = Indexed()
    kept = KeptBundles(cache) if cache is not None else None
    planned = bundles(site, per_bundle)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as work:
        for bundle in planned:
            target = site / FOLDER / bundle.name
            key = bundle_key(site, bundle, PAGEFIND)
            if kept is not None and kept.place(key, target):
                done.reused.append(bundle.name)
                continue
            index_bundle(site, bundle, target, Path(work) / bundle.name)
            if kept is not None:
                kept.keep(key, target)
            done.made.append(bundle.name)
    if kept is not None:
        kept.finish()
    names = [f"{bundle.name}/" for bundle in planned]
    write_whole(site / BUNDLES, json.dumps({"bundles": names}, separators=(",", ":")).encode())
    return done


def index_bundle(site: Path, bundle: Bundle, target: Path, work: Path) -> None:
    """Run Pagefind on the bundle's pages alone (linked into ``work``), into ``target``."""
    for page in bundle.pages:
        link_or_copy(site / page, work / page)
    command = [sys.executable, "-m", "pagefind", "--site", str(work), *PAGEFIND]
    subprocess.run([*command, "--output-path", str(target)], check=True)
    settle_entry(target)


def settle_entry(bundle: Path) -> None:
    """Sort the languages in the bundle's pagefind-entry.json, which Pagefind writes in
    hash-map order.

    Pagefind's script looks a language up by name and, failing that, takes the one with
    the most pages (a stable sort, so ties now go the same way every time); the order is
    otherwise unused. The JSON is written as Pagefind writes it: compact, UTF-8, no newline.
    """
    path = bundle / ENTRY
    entry = json.loads(path.read_bytes())
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    write_whole(path, text.encode())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site")
    parser.add_argument("--cache", type=Path, help="folder of bundles kept between builds")
    parser.add_argument("--per-bundle", type=int, default=PER_BUNDLE, help="notices per bundle")
    args = parser.parse_args(argv)
    if args.per_bundle < 1:
        parser.error("--per-bundle must be 1 or more")
    done = index_site(args.site, args.cache, args.per_bundle)
    total = len(done.made) + len(done.reused)
    print(f"Search index: {total} bundles, {len(done.made)} indexed, {len(done.reused)} kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
