"""Read many notice files: from the store when unchanged, else on every core."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from .body import render
from .body_text import plain_text
from .load import LoadedNotice, load_notice
from .store import NoticeStore, entry_key

# Below this many files to read, starting processes costs more than it saves.
PARALLEL_FROM = 64


@dataclass(frozen=True)
class ReadNotice:
    """A notice file's outcome and, when valid, its body as HTML (and its notice the body as
    plain text, ``Notice.body_text``)."""

    loaded: LoadedNotice
    html: str | None = None


def read_notice(path: Path, display_path: str, with_html: bool = True) -> ReadNotice:
    """Read and check one file; its body as HTML and as plain text too when valid and
    ``with_html`` (checking a body mostly renders it, so the build seldom renders it again,
    and no output renders it for its text)."""
    loaded = load_notice(path, display_path)
    notice = loaded.notice
    html = loaded.html if notice is not None else None
    if with_html and notice is not None:
        html = render(loaded.body) if html is None else html
        notice = replace(notice, body_text=plain_text(html), body="")
    # The Markdown is not needed once checked and rendered (its text and HTML say all it
    # does): 10,000 bodies are 30 MB, held twice before this dropped the notice's copy.
    return ReadNotice(replace(loaded, notice=notice, body="", html=None), html)


def read_notices(
    files: Sequence[tuple[Path, str]],
    *,
    store: NoticeStore,
    with_html: bool = True,
    processes: int = 0,
    forget_others: bool = False,
) -> list[ReadNotice]:
    """Each (path, display path) read, in order; ``processes`` 0 means one per core.

    ``forget_others``: these are all the notices, so drop store entries for any other file.
    """
    keys = [entry_key(path.read_bytes(), shown) for path, shown in files]
    found = store.get_many(keys, ReadNotice)
    usable = {k: v for k, v in found.items() if not with_html or _rendered(v)}
    missing = [i for i, key in enumerate(keys) if key not in usable]
    jobs = [(*files[i], with_html) for i in missing]
    made = dict(zip((keys[i] for i in missing), _read_all(jobs, processes), strict=True))
    store.put_many(made, ReadNotice)
    if forget_others:
        store.retain(keys)
    return [usable.get(key) or made[key] for key in keys]


def _rendered(read: ReadNotice) -> bool:
    """Whether a stored read has what a build needs: a valid notice's HTML and text (``invoke
    check`` stores reads without them)."""
    notice = read.loaded.notice
    return notice is None or (read.html is not None and notice.body_text is not None)


def _read_all(jobs: list[tuple[Path, str, bool]], processes: int) -> list[ReadNotice]:
    workers = processes or os.cpu_count() or 1
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        return [read_notice(*job) for job in jobs]
    # fork: workers start with the parsers and schema already loaded, in milliseconds.
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        chunk = max(1, len(jobs) // (workers * 8))
        return list(pool.map(_read_job, jobs, chunksize=chunk))


def _read_job(job: tuple[Path, str, bool]) -> ReadNotice:
    return read_notice(*job)
