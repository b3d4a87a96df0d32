"""The build state: from the articles Pelican read to the published ``Site``, built once.

Notices that break site-wide rules, are scheduled for later, or wait for their Find a Tender
link are dropped from Pelican's lists here, so no page is written for them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.contents import Article

from plugins.config import Config
from plugins.notices.find_a_tender_first import Mode, file_problem, held, off_site, waiting
from plugins.notices.site import Site, assemble
from plugins.notices.sitewide import Located, sitewide_problems
from plugins.ocds.package import outside_prefixes

logger = logging.getLogger(__name__)


def build_site(generator: Any, config: Config) -> Site:
    """Keep what is published as of the clock, in Pelican's lists and in the returned Site."""
    articles = _notice_articles(generator)
    notices = [article.notice for article in articles]
    mode = config.notices.find_a_tender_first
    _say_held(articles, mode, config)
    gone = off_site(notices, mode, config.clock)
    # What is held off the site is neither judged against the rest nor scheduled.
    left = [a for a in articles if a.notice.notice_id not in gone]
    dropped = _rejected_paths(left, config.default_lang) | _scheduled(left, config)
    keep = [a for a in left if a.notice.source_path not in dropped]
    _keep_only(generator, keep)
    site = assemble(
        [(a.notice, a.url) for a in keep],
        url=config.site_url,
        name=config.site_name,
        clock=config.clock,
        timezone=config.timezone,
        default_lang=config.default_lang,
        held=held(notices, mode, config.clock, config.default_lang),
        regions=config.feeds.regions,
        region_levels=config.feeds.region_levels,
        languages=config.languages,
        names=config.site_names,
    )
    _report_foreign_ocids(site, config)
    return site


def _notice_articles(generator: Any) -> list[Article]:
    return [a for a in [*generator.articles, *generator.translations] if hasattr(a, "notice")]


def _say_held(articles: list[Article], mode: Mode, config: Config) -> None:
    """One log line per file that waits: a warning when held, an error in ERROR mode."""
    for article in articles:
        notice = article.notice
        if notice.published > config.clock or not waiting(notice):
            continue  # a notice scheduled for later is reported as scheduled
        problem = file_problem(Path(article.source_path), notice.source_path, mode)
        if problem is not None:
            (logger.warning if problem.warning else logger.error)("%s", problem)


def _rejected_paths(articles: list[Article], default_lang: str) -> set[str]:
    """The files a site-wide rule refuses (logged as errors); its warnings are only said."""
    located = [
        Located(a.notice, a.metadata.get("notice_id_line", 1), a.metadata.get("notice_lines", {}))
        for a in articles
    ]
    problems = sitewide_problems(located, default_lang)
    for problem in problems:
        (logger.warning if problem.warning else logger.error)("%s", problem)
    return {problem.path for problem in problems if not problem.warning}


def _scheduled(articles: list[Article], config: Config) -> set[str]:
    later = [a.notice for a in articles if a.notice.published > config.clock]
    for notice in later:
        logger.info(
            "Not publishing %s yet: it is scheduled for %s", notice.source_path, notice.published
        )
    return {notice.source_path for notice in later}


def _keep_only(generator: Any, keep: list[Article]) -> None:
    """Drop every other article from Pelican's lists, and from each kept one's translations."""
    kept = {id(article) for article in keep}
    generator.articles = [a for a in generator.articles if id(a) in kept]
    generator.translations = [a for a in generator.translations if id(a) in kept]
    for article in keep:
        article.translations = [t for t in article.translations if id(t) in kept]


def _report_foreign_ocids(site: Site, config: Config) -> None:
    """A notice whose ocid has none of the site's prefixes fails the build, as in check."""
    for item in outside_prefixes(site, config.ocds):
        logger.error(
            "%s: ocid %s does not start with an accepted prefix (%s), so the procurement is "
            "left out of the OCDS data. Use the Find a Tender ocid or one with the council's "
            "registered prefix, or add the prefix to OCDS_OCID_PREFIX",
            item.notice.source_path,
            item.notice.ocid,
            ", ".join(config.ocds.ocid_prefixes),
        )
