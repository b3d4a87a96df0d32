"""Pagefind's search index of a built site, the same bytes for the same site."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from plugins.notices.output import write_whole

ENTRY = Path("pagefind") / "pagefind-entry.json"
# Notice pages, in the default language and under each other language's prefix: the only
# pages search finds (data-pagefind-body). Listings are not even read: at 10,000 notices they
# are most of the site's HTML.
NOTICE_PAGES = "{notices,*/notices}/*/index.html"


def index_command(site: Path) -> list[str]:
    """The command that writes ``site``/pagefind/ from its notice pages (works offline)."""
    return [
        *(sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"),
        *("--glob", NOTICE_PAGES),
    ]


def settle_entry(site: Path) -> None:
    """Sort the languages in pagefind-entry.json, which Pagefind writes in hash-map order.

    Pagefind's script looks a language up by name and, failing that, takes the one with
    the most pages (a stable sort, so ties now go the same way every time); the order is
    otherwise unused. The JSON is written as Pagefind writes it: compact, UTF-8, no newline.
    """
    path = site / ENTRY
    entry = json.loads(path.read_bytes())
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    write_whole(path, text.encode())
