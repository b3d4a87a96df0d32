"""Every card of a site, as (path, PNG bytes): drawn in parallel, or copied from a cache.

The notices ``CardChoice`` gives a card of their own get it, beside each page showing them;
the site's own card is drawn once in each of its languages for all the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import PIL

from plugins.notices.site import Site

from .cache import CardCache
from .choice import CardChoice, site_card_path
from .render import BOLD, DEFAULT_STYLE, REGULAR, Style, render, render_site
from .text import CardText, SiteCardText, card_path, card_text, reader_card_path, site_card_text

# Below this many cards, starting processes costs more than it saves.
PARALLEL_FROM = 200
# Bump when the drawing changes, so cached cards are drawn again.
DESIGN_VERSION = "1"


@dataclass(frozen=True)
class Job:
    text: CardText | SiteCardText
    site_name: str
    host: str
    style: Style

    def key(self) -> str:
        """A digest of everything that decides the card's pixels."""
        parts = (DESIGN_VERSION, PIL.__version__, _fonts_digest(), repr(self))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def draw(job: Job) -> bytes:
    if isinstance(job.text, SiteCardText):
        return render_site(job.text, host=job.host, style=job.style)
    return render(job.text, site_name=job.site_name, host=job.host, style=job.style)


def site_cards(
    site: Site,
    style: Style = DEFAULT_STYLE,
    *,
    processes: int = 1,
    cache_path: Path | None = None,
    choice: CardChoice | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Each card at its path, one at a time (10,000 cards are hundreds of megabytes: they are
    written as they come, not held): the notices' own, ``<notice path>card.png``, of those
    ``choice`` picks (all unless given), and the site's, ``card.png`` under each language's
    prefix."""
    jobs = _jobs(site, style, choice or CardChoice(site, None))
    paths = sorted(jobs)
    kept = CardCache(cache_path) if cache_path else None
    keys = {path: jobs[path].key() for path in paths} if kept else {}
    cached = {path for path in paths if kept and kept.has(keys[path])}
    drawn = iter(_draw_all([jobs[p] for p in paths if p not in cached], processes))
    for path in paths:
        data = kept.get(keys[path]) if kept and path in cached else None
        if data is None:
            # A kept card that turns out unsound (rare) is drawn again here, on its own.
            data = draw(jobs[path]) if path in cached else next(drawn)
            if kept:
                kept.put(keys[path], data)
        yield path, data


def _jobs(site: Site, style: Style, choice: CardChoice) -> dict[str, Job]:
    """The site's card in each language; each chosen notice's card in its own language, then,
    for a reader of each other language of the site without a translation of it, a card with
    that language's words around it."""
    jobs = {
        site_card_path(site, lang): Job(
            site_card_text(site, lang), site.name_in(lang), site.host, style
        )
        for lang in site.languages
    }
    chosen = [item for item in site.notices if choice.own(item)]
    for item in chosen:
        text = card_text(item, site.timezone)
        jobs[card_path(item)] = Job(text, site.name_in(item.lang), site.host, style)
    for item in chosen:
        for lang in site.languages:
            path = reader_card_path(site, item, lang)
            if path not in jobs:
                text = card_text(item, site.timezone, lang)
                jobs[path] = Job(text, site.name_in(lang), site.host, style)
    return jobs


def _draw_all(jobs: list[Job], processes: int) -> Iterable[bytes]:
    if processes <= 1 or len(jobs) < PARALLEL_FROM:
        yield from (draw(job) for job in jobs)
        return
    # forkserver, not fork: a worker forked from the build holds (and, counting references,
    # copies) the build's whole memory, 500 MB at 10,000 notices; these start small.
    with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("forkserver")) as pool:
        yield from pool.map(draw, jobs, chunksize=64)


@cache
def _fonts_digest() -> str:
    return hashlib.sha256(REGULAR.read_bytes() + BOLD.read_bytes()).hexdigest()
