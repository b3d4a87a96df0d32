"""Generate a large, valid notice corpus from the sample notices, for tests and benchmarks.

Each copy of the sample content gets its own notice ids, ocids, slugs and titles, so
procurement chains, Welsh pairs, changes and cancellations repeat realistically; dates
are spread back in time by whole weeks so every status appears. Every body is lengthened
to 300-600 words (``bodies.py``), seeded by copy and file, so a count always gives the same
bytes.

    python -m benchmarks.corpus 10000 /tmp/big-site/content
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from .bodies import ENGLISH, WELSH, lengthen, paragraphs

SAMPLE = Path(__file__).parent.parent / "content"
_ID = re.compile(r"^(notice_id: )(\S+)$", re.M)
_OCID = re.compile(r"^(ocid: )(\S+)$", re.M)
_TITLE = re.compile(r"^(title: )(.+)$", re.M)
_DATETIME = re.compile(r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2}|Z)")
_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\dT])")
_WELSH = re.compile(r"^lang: cy$", re.M)
_BODY_FENCE = "\n---\n"


def sample_notices(sample: Path = SAMPLE) -> list[tuple[Path, str]]:
    """The sample notice files (relative path, text), in a stable order."""
    folder = sample / "notices"
    return [
        (path.relative_to(folder), path.read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*.md"))
    ]


def copy_text(text: str, copy: int) -> str:
    """The sample notice ``text`` as copy number ``copy`` (0 is the original)."""
    if copy == 0:
        return text
    text = _ID.sub(lambda m: f"{m[1]}{m[2]}-C{copy}", text, count=1)
    text = _OCID.sub(lambda m: f"{m[1]}{m[2]}-c{copy}", text, count=1)
    text = _TITLE.sub(lambda m: f"{m[1]}{_numbered(m[2], copy)}", text, count=1)
    weeks = timedelta(weeks=copy % 52)
    text = _DATETIME.sub(lambda m: _shift_datetime(m, weeks), text)
    return _DATE.sub(lambda m: (datetime.fromisoformat(m[1]) - weeks).date().isoformat(), text)


def generate(count: int, content: Path, sample: Path = SAMPLE) -> int:
    """Write at least ``count`` notices (whole copies of the sample) under ``content``."""
    notices = sample_notices(sample)
    pools = _paragraph_pools(notices)
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(sample / "pages", content / "pages")
    written = 0
    copy = 0
    while written < count:
        for relative, text in notices:
            target = content / "notices" / f"c{copy:05d}" / _renamed(relative, copy)
            target.parent.mkdir(parents=True, exist_ok=True)
            seed = f"{copy}/{relative.as_posix()}"
            target.write_text(long_body(copy_text(text, copy), pools, seed), encoding="utf-8")
            written += 1
        copy += 1
    return written


def long_body(text: str, pools: dict[bool, list[str]], seed: str) -> str:
    """The notice ``text`` with its body lengthened in its own language (seeded by ``seed``)."""
    head, body = _split(text)
    welsh = bool(_WELSH.search(head))
    rng = random.Random(seed)
    return head + lengthen(body, WELSH if welsh else ENGLISH, pools[welsh], rng)


def _split(text: str) -> tuple[str, str]:
    """(front matter with both fences and the newline after them, body)."""
    end = text.index(_BODY_FENCE, len("---")) + len(_BODY_FENCE)
    return text[:end], text[end:]


def _paragraph_pools(notices: list[tuple[Path, str]]) -> dict[bool, list[str]]:
    """Sample paragraphs by language (True: Welsh), to mix into generated bodies."""
    pools: dict[bool, list[str]] = {False: [], True: []}
    for _, text in notices:
        head, body = _split(text)
        pools[bool(_WELSH.search(head))] += paragraphs(body)
    return pools


def _renamed(relative: Path, copy: int) -> Path:
    """``2026/a.cy.md`` → ``2026/a-c7.cy.md``: file names are addresses, so each is new."""
    if copy == 0:
        return relative
    stem, _, suffixes = relative.name.partition(".")
    return relative.with_name(f"{stem}-c{copy}.{suffixes}")


def _numbered(title: str, copy: int) -> str:
    quote = title[0] if title[0] in "'\"" else ""
    bare = title.strip("'\"") if quote else title
    return f"{quote}{bare[:185]} (lot group {copy}){quote}"


def _shift_datetime(match: re.Match[str], weeks: timedelta) -> str:
    moment = datetime.fromisoformat(f"{match[1]}T{match[2]}") - weeks
    return f"{moment.isoformat()}{match[3]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("content", type=Path)
    args = parser.parse_args()
    print(f"Wrote {generate(args.count, args.content)} notices under {args.content}")


if __name__ == "__main__":
    main()
