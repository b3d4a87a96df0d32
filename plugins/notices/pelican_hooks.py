"""Signal handlers: after all notices are read, apply site-wide rules and derive facets."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from pelican.contents import Article

from .reader import NoticeReader
from .settings import build_clock, merged, site_url
from .site import assemble
from .sitewide import Located, sitewide_problems

logger = logging.getLogger(__name__)


def add_reader(readers: Any) -> None:
    for extension in NoticeReader.file_extensions:
        readers.reader_classes[extension] = NoticeReader


def finish_notices(generator: Any) -> None:
    """Drop notices that break site-wide rules or are scheduled for later; file the rest.

    Each kept article gets ``facets`` and ``procurement`` (the notices sharing its ocid and
    language, oldest first); templates get the clock as ``NOTICES_CLOCK_DISPLAY``, and
    every later step gets the published site as ``NOTICES_SITE`` (see ``site.py``).
    """
    clock = build_clock(generator.settings)
    everything = [a for a in [*generator.articles, *generator.translations] if hasattr(a, "notice")]
    rejected = _rejected_paths(everything)
    scheduled = {a.notice.source_path for a in everything if a.notice.published > clock}
    for article in everything:
        if article.notice.source_path in scheduled:
            logger.info(
                "Not publishing %s yet: it is scheduled for %s",
                article.notice.source_path,
                article.notice.published,
            )
    keep = [a for a in everything if a.notice.source_path not in rejected | scheduled]
    _replace(generator, keep)
    settings = generator.settings
    site = assemble(
        [(a.notice, a.url) for a in keep],
        url=site_url(settings),
        name=settings.get("SITENAME", ""),
        clock=clock,
        timezone=merged(settings)["NOTICES_TIMEZONE"],
        default_lang=settings.get("DEFAULT_LANG", "en"),
    )
    facets_of = {item.notice.key: item.facets for item in site.notices}
    procurements: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in sorted(keep, key=lambda a: (a.notice.published, a.notice.notice_id)):
        article.facets = facets_of[article.notice.key]
        procurements[(article.notice.ocid, article.notice.lang)].append(article)
    for article in keep:
        article.procurement = procurements[(article.notice.ocid, article.notice.lang)]
    generator.context["NOTICES_CLOCK_DISPLAY"] = clock
    generator.context["NOTICES_SITE"] = site


def _rejected_paths(articles: list[Article]) -> set[str]:
    located = [Located(a.notice, a.metadata.get("notice_id_line", 1)) for a in articles]
    problems = sitewide_problems(located)
    for problem in problems:
        logger.error("%s", problem)
    return {problem.path for problem in problems}


def _replace(generator: Any, keep: list[Article]) -> None:
    kept = {id(article) for article in keep}
    generator.articles = [a for a in generator.articles if id(a) in kept]
    generator.translations = [a for a in generator.translations if id(a) in kept]
    for article in keep:
        article.translations = [t for t in article.translations if id(t) in kept]
