"""``invoke check --against``: the site's notices now, against the published record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from .load import LoadedNotice
from .model import Notice
from .problems import Problem
from .published import Record
from .record import (
    Edited,
    PublishedNotice,
    match,
    published_from,
    record_problems,
    same_change,
)
from .source import read_source


def edits_to_record(
    paths: Sequence[Path], loaded: Sequence[LoadedNotice], record: Record, now: datetime
) -> list[Problem]:
    """A problem for each edit that breaks the record, and a warning for each published
    notice no longer on the site."""
    files = {item.path: path for path, item in zip(paths, loaded, strict=True)}
    current = [
        item.notice
        for item in loaded
        if item.notice is not None and item.path not in record.unchanged
    ]
    problems: list[Problem] = []
    pairs = match(current, record.notices)
    for notice, published in pairs:
        if _as_published(notice, published):
            continue
        source, _ = read_source(files[notice.source_path], notice.source_path)
        if source is not None:
            problems += record_problems(Edited(notice, source), published, now)
    kept = {id(published) for _, published in pairs}
    present = {item.path for item in loaded}
    problems += [
        _gone(published, record.source)
        for published in record.notices
        if id(published) not in kept and published.path not in present
    ]
    return problems


def _as_published(notice: Notice, published: PublishedNotice) -> bool:
    now = published_from(notice)
    return (now.identity, now.facts) == (published.identity, published.facts) and (
        len(now.changes) == len(published.changes)
        and all(map(same_change, published.changes, now.changes))
    )


def _gone(published: PublishedNotice, source: str) -> Problem:
    notice_id, lang = published.key
    return Problem(
        published.path or source,
        1,
        "file",
        f"notice {notice_id} ({lang}) was published and is no longer on the site",
        "a public record is ended, not removed: put the file back and publish a "
        "cancellation (invoke new --type UK12 --after …) or a change",
        warning=True,
    )
