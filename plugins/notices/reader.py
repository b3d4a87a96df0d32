"""Pelican reader: notice files become articles through the notice model."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from .bulk import ReadNotice, read_notice, read_notices
from .files import is_notice_file, lookalike_files, lookalike_problem
from .load import display_path
from .problems import InvalidNotice
from .settings import merged
from .store import NoticeStore

logger = logging.getLogger(__name__)

# Notices read ahead of Pelican, all at once (see ``preread``), by resolved path.
_read_ahead: dict[str, ReadNotice] = {}


class NoticeReader(MarkdownReader):
    """Reads files under NOTICES_PATH as notices; other Markdown (pages) as usual."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        if not is_notice(path, self.settings):
            return super().read(source_path)
        if not is_notice_file(path.resolve(), notices_folder(self.settings)):
            # Pelican logs the problem when it catches this.
            raise InvalidNotice([lookalike_problem(path, display_path(path, Path.cwd()))])
        read = _read_ahead.pop(str(path.resolve()), None)
        if read is None:
            read = read_notice(path, display_path(path, Path.cwd()))
        loaded = read.loaded
        if loaded.notice is None or read.html is None:
            for problem in loaded.problems:
                logger.error("%s", problem)
            raise InvalidNotice(list(loaded.problems))
        for warning in loaded.warnings:
            logger.warning("%s", warning)
        notice = loaded.notice
        metadata = {
            "title": notice.title,
            "date": notice.published,
            "modified": notice.updated,
            "slug": notice.slug,
            "lang": notice.lang,
            "notice_id": notice.notice_id,
            "summary": html.escape(notice.summary),
            "notice": notice,
            "notice_id_line": loaded.id_line,
        }
        return read.html, metadata


def notices_folder(settings: dict[str, Any]) -> Path:
    return (Path(settings["PATH"]) / merged(settings)["NOTICES_PATH"]).resolve()


def is_notice(path: Path, settings: dict[str, Any]) -> bool:
    """Whether ``path`` is under the notices folder."""
    return path.resolve().is_relative_to(notices_folder(settings))


def _report_unread(generator: Any) -> None:
    """Files that look like notices but that Pelican will not read: a failed build, not silence."""
    for path in lookalike_files(notices_folder(generator.settings)):
        if path.suffix[1:] not in generator.readers.extensions:
            logger.error("%s", lookalike_problem(path, display_path(path, Path.cwd())))


def preread(generator: Any) -> None:
    """Read every notice before Pelican asks for them one by one: cached, and in parallel."""
    _read_ahead.clear()
    _report_unread(generator)
    settings = generator.settings
    found = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = [Path(generator.path) / name for name in found]
    folder = notices_folder(settings)
    paths = [p for p in paths if is_notice(p, settings) and is_notice_file(p.resolve(), folder)]
    files = [(path, display_path(path, Path.cwd())) for path in paths]
    store = notice_store(settings)
    processes = int(merged(settings)["NOTICES_PROCESSES"])
    reads = read_notices(files, store=store, processes=processes, forget_others=True)
    _read_ahead.update((str(path.resolve()), read) for path, read in zip(paths, reads, strict=True))


def notice_store(settings: dict[str, Any]) -> NoticeStore:
    """The store NOTICES_CACHE names under CACHE_PATH (a store that keeps nothing if None)."""
    name = merged(settings)["NOTICES_CACHE"]
    return NoticeStore(Path(settings["CACHE_PATH"]) / name if name else None)
