"""Signal handler: hold back notices waiting for their Find a Tender link, then file the rest."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican.contents import Article

from .find_a_tender_first import Held, Mode, file_problem, held, mode, off_site, waiting
from .pelican_hooks import finish_notices
from .settings import build_clock

logger = logging.getLogger(__name__)


def finish_with_find_a_tender_first(generator: Any) -> None:
    """Apply NOTICES_FIND_A_TENDER_FIRST, then ``finish_notices`` on the notices left.

    One handler for both steps, so their order is certain: blinker calls the receivers
    of one signal in no particular order. The site keeps the held notices in ``held``.
    """
    holds = hold_back(generator)
    finish_notices(generator)
    site = generator.context["NOTICES_SITE"]
    generator.context["NOTICES_SITE"] = replace(site, held=holds)


def hold_back(generator: Any) -> tuple[Held, ...]:
    """Say what is held (or wrong), drop the notices kept off the site; return the held."""
    settings = generator.settings
    the_mode, clock = mode(settings), build_clock(settings)
    articles = [a for a in [*generator.articles, *generator.translations] if hasattr(a, "notice")]
    notices = [article.notice for article in articles]
    _say(articles, the_mode, clock)
    gone = off_site(notices, the_mode, clock)
    if gone:
        # Every language goes, so no translation is left without its original;
        # finish_notices then tidies each kept article's own list of translations.
        generator.articles = [a for a in generator.articles if not _among(a, gone)]
        generator.translations = [a for a in generator.translations if not _among(a, gone)]
    return held(notices, the_mode, clock, settings.get("DEFAULT_LANG", "en"))


def _say(articles: list[Article], the_mode: Mode, clock: datetime) -> None:
    """One log line per file that waits: a warning when held, an error in ERROR mode."""
    for article in articles:
        notice = article.notice
        if notice.published > clock or not waiting(notice):
            continue  # a notice scheduled for later is reported as scheduled
        problem = file_problem(Path(article.source_path), notice.source_path, the_mode)
        if problem is not None:
            (logger.warning if problem.warning else logger.error)("%s", problem)


def _among(article: Article, notice_ids: set[str]) -> bool:
    notice = getattr(article, "notice", None)
    return notice is not None and notice.notice_id in notice_ids
