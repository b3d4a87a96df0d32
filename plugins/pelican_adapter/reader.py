"""Pelican reader: files under the notices folder become articles through the core.

The adapter reads every notice ahead, all at once (cached, and in parallel when there are
many), and hands the results to each reader instance as ``read_ahead``; a file it did not
read ahead is read here, on its own.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from plugins.config import Config
from plugins.notices.bulk import ReadNotice, read_notice
from plugins.notices.files import is_notice_file, lookalike_problem
from plugins.notices.load import display_path
from plugins.notices.placeholder_mode import graded
from plugins.notices.problems import InvalidNotice

from .settings import config_of

logger = logging.getLogger(__name__)


class NoticeReader(MarkdownReader):
    """Reads files under NOTICES_PATH as notices; other Markdown (pages) as usual."""

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.config: Config = config_of(settings)
        self.read_ahead: dict[str, ReadNotice] = {}
        self.placeholders_fail = False  # set with read_ahead, from NOTICES_PLACEHOLDERS

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        if not is_notice(path, self.config):
            page: tuple[str, dict[str, Any]] = super().read(source_path)
            return page
        if not is_notice_file(path.resolve(), self.config.notices.folder):
            problem = lookalike_problem(path, display_path(path, Path.cwd()))
            logger.error("%s", problem)
            raise InvalidNotice([problem])
        read = self.read_ahead.pop(str(path.resolve()), None)
        if read is None:
            read = read_notice(path, display_path(path, Path.cwd()))
        return read_html(read, self.placeholders_fail), metadata(read)


def is_notice(path: Path, config: Config) -> bool:
    """Whether ``path`` is under the notices folder."""
    return path.resolve().is_relative_to(config.notices.folder)


def read_html(read: ReadNotice, placeholders_fail: bool = False) -> str:
    """The notice's body as HTML; logs and raises its problems when it is not valid (or
    has placeholders, when they fail the build)."""
    loaded = read.loaded
    said = graded(loaded.warnings, placeholders_fail)
    errors = [*loaded.problems, *(problem for problem in said if not problem.warning)]
    if loaded.notice is None or read.html is None or errors:
        for problem in errors:
            logger.error("%s", problem)
        raise InvalidNotice(errors)
    for warning in said:
        logger.warning("%s", warning)
    return read.html


def metadata(read: ReadNotice) -> dict[str, Any]:
    """What Pelican and the theme need of a valid notice: the model itself, and its line."""
    notice = read.loaded.notice
    assert notice is not None
    return {
        "title": notice.title,
        "date": notice.published,
        "modified": notice.updated,
        "slug": notice.slug,
        "lang": notice.lang,
        "notice_id": notice.notice_id,
        "summary": html.escape(notice.summary),
        "notice": notice,
        "notice_id_line": read.loaded.id_line,
        "notice_lines": read.loaded.lines,
    }
