"""Pelican reader: notice files become articles through the notice model."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from .body import render
from .load import display_path, load_notice
from .problems import InvalidNotice
from .settings import merged

logger = logging.getLogger(__name__)


class NoticeReader(MarkdownReader):
    """Reads files under NOTICES_PATH as notices; other Markdown (pages) as usual."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        if not self._is_notice(path):
            return super().read(source_path)
        loaded = load_notice(path, display_path(path, Path.cwd()))
        if loaded.notice is None:
            for problem in loaded.problems:
                logger.error("%s", problem)
            raise InvalidNotice(list(loaded.problems))
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
        return render(loaded.body), metadata

    def _is_notice(self, path: Path) -> bool:
        notices = Path(self.settings["PATH"]) / merged(self.settings)["NOTICES_PATH"]
        return path.resolve().is_relative_to(notices.resolve())
