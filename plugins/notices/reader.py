"""Pelican reader: notice files become articles through the notice model."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from .bulk import ReadNotice, read_notice, read_notices
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
        read = _read_ahead.pop(str(path.resolve()), None)
        if read is None:
            read = read_notice(path, display_path(path, Path.cwd()), with_html=True)
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


def is_notice(path: Path, settings: dict[str, Any]) -> bool:
    """Whether ``path`` is under the notices folder."""
    notices = Path(settings["PATH"]) / merged(settings)["NOTICES_PATH"]
    return path.resolve().is_relative_to(notices.resolve())


def preread(generator: Any) -> None:
    """Read every notice before Pelican asks for them one by one: cached, and in parallel."""
    _read_ahead.clear()
    settings = generator.settings
    found = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = [Path(generator.path) / name for name in found]
    paths = [p for p in paths if p.suffix == ".md" and is_notice(p, settings)]
    files = [(path, display_path(path, Path.cwd())) for path in paths]
    store = notice_store(settings)
    processes = int(merged(settings)["NOTICES_PROCESSES"])
    reads = read_notices(
        files, store=store, with_html=True, processes=processes, forget_others=True
    )
    _read_ahead.update((str(path.resolve()), read) for path, read in zip(paths, reads, strict=True))


def notice_store(settings: dict[str, Any]) -> NoticeStore:
    """The store NOTICES_CACHE names under CACHE_PATH (a store that keeps nothing if None)."""
    name = merged(settings)["NOTICES_CACHE"]
    return NoticeStore(Path(settings["CACHE_PATH"]) / name if name else None)
