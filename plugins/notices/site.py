"""The published site as plain data: what feeds, open data and the theme build on.

Nothing here depends on Pelican, so every output can be built and tested from a list of
notices. The Pelican hook builds one ``Site`` per build and leaves it in the generator
context as ``NOTICES_SITE``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from .derive import Facets, facets, statuses
from .find_a_tender_first import Held
from .model import Notice


@dataclass(frozen=True)
class Published:
    """A notice that is on the site: its model, its facets and where its page is."""

    notice: Notice
    facets: Facets
    path: str  # the page's URL path relative to the site root, e.g. "notices/<slug>/"
    translations: tuple[tuple[str, str], ...] = ()  # (lang, path) of the other languages

    @property
    def lang(self) -> str:
        return self.notice.lang


@dataclass(frozen=True)
class Site:
    """Everything published in one build, oldest notice first.

    ``url`` is the canonical public address (no trailing slash) used wherever an
    absolute link is needed: feeds, calendars, OCDS, announcements and link cards.
    ``held`` are the notices waiting for their Find a Tender link: either not in
    ``notices`` at all, or in them with their announcements held (``Held.on_site``).
    """

    url: str
    name: str
    clock: datetime
    timezone: str
    default_lang: str
    notices: tuple[Published, ...]
    held: tuple[Held, ...] = ()
    # FEEDS_REGIONS and FEEDS_REGION_LEVELS: which places have feeds before their first notice.
    regions: tuple[str, ...] | None = None
    region_levels: tuple[int, ...] = (1, 2, 3)
    # SITE_LANGUAGES: the languages the whole site is in (default_lang's at the root, each
    # other's under /<lang>/), and the site's name in each; empty: default_lang alone.
    languages: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    # Not an argument, so dataclasses.replace() builds a fresh index for the new Site.
    _by_ocid: dict[tuple[str, str], tuple[Published, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not self.languages:
            object.__setattr__(self, "languages", (self.default_lang,))
        grouped: dict[tuple[str, str], list[Published]] = defaultdict(list)
        for item in self.notices:
            grouped[(item.notice.ocid, item.lang)].append(item)
        self._by_ocid.update({key: tuple(items) for key, items in grouped.items()})

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    def absolute(self, path: str) -> str:
        """The absolute URL of a path relative to the site root."""
        return f"{self.url}/{path.lstrip('/')}"

    def in_language(self, lang: str | None = None) -> tuple[Published, ...]:
        """Notices in one language (the site's default language unless given)."""
        lang = lang or self.default_lang
        return tuple(item for item in self.notices if item.lang == lang)

    def procurement(self, ocid: str, lang: str | None = None) -> tuple[Published, ...]:
        """The notices of one procurement in one language, oldest first."""
        return self._by_ocid.get((ocid, lang or self.default_lang), ())

    def name_in(self, lang: str) -> str:
        """The site's name in ``lang`` (SITE_NAMES), else its one name."""
        return dict(self.names).get(lang, self.name)

    def prefix(self, lang: str) -> str:
        """Where a language's pages start: "" for the default language, else "cy/"."""
        return "" if lang == self.default_lang else f"{lang}/"

    def for_reader(self, lang: str) -> tuple[Published, ...]:
        """One version of every notice for a reader of ``lang``, oldest first: the notice in
        ``lang`` when there is one, else its version in the default language, else the first
        there is (its text is then in another language, and says so with ``lang``)."""
        chosen: dict[str, Published] = {}
        for item in self.notices:
            held = chosen.get(item.notice.notice_id)
            if held is None or _rank(item.lang, lang, self.default_lang) < _rank(
                held.lang, lang, self.default_lang
            ):
                chosen[item.notice.notice_id] = item
        order = {id(item): n for n, item in enumerate(self.notices)}
        return tuple(sorted(chosen.values(), key=lambda item: order[id(item)]))

    def originals(self) -> tuple[Published, ...]:
        """Every notice once, as first written: its version in the default language, else its
        one version (a notice written only in Welsh on an English site), oldest first."""
        return self.for_reader(self.default_lang)

    def page_of(self, item: Published, lang: str) -> str:
        """The path of the page that shows ``item`` to a reader of ``lang``: its own page,
        its translation's, or, when it has none in ``lang``, its page under ``lang``'s
        prefix (the reader's words around the notice's own text)."""
        if item.lang == lang:
            return item.path
        for other, path in item.translations:
            if other == lang:
                return path
        return f"{self.prefix(lang)}{self.unprefixed(item.path, item.lang)}"

    def unprefixed(self, path: str, lang: str) -> str:
        """``path`` without ``lang``'s prefix: ``cy/notices/x/`` → ``notices/x/``."""
        prefix = self.prefix(lang)
        return path.removeprefix(prefix) if prefix else path

    @property
    def unannounced(self) -> frozenset[str]:
        """Ids of the notices whose announcements are held."""
        return frozenset(item.notice.notice_id for item in self.held)


def _rank(have: str, want: str, default: str) -> int:
    return 0 if have == want else 1 if have == default else 2


def assemble(
    pages: Iterable[tuple[Notice, str]],
    *,
    url: str,
    name: str,
    clock: datetime,
    timezone: str = "Europe/London",
    default_lang: str = "en",
    held: Iterable[Held] = (),
    regions: tuple[str, ...] | None = None,
    region_levels: tuple[int, ...] = (1, 2, 3),
    languages: tuple[str, ...] = (),
    names: Mapping[str, str] | None = None,
) -> Site:
    """Build a ``Site`` from (notice, page path) pairs that have passed every check."""
    pages = sorted(pages, key=lambda page: (page[0].published, page[0].notice_id, page[0].lang))
    status_of = statuses([notice for notice, _ in pages], clock)
    path_of = {notice.key: path for notice, path in pages}
    langs_of: dict[str, list[str]] = defaultdict(list)
    for notice, _ in pages:
        langs_of[notice.notice_id].append(notice.lang)
    published = tuple(
        Published(
            notice=notice,
            facets=facets(notice, status_of[notice.key]),
            path=path,
            translations=tuple(
                (lang, path_of[(notice.notice_id, lang)])
                for lang in sorted(langs_of[notice.notice_id])
                if lang != notice.lang
            ),
        )
        for notice, path in pages
    )
    return Site(
        url=url.rstrip("/"),
        name=name,
        clock=clock,
        timezone=timezone,
        default_lang=default_lang,
        notices=published,
        held=tuple(held),
        regions=regions,
        region_levels=region_levels,
        languages=languages,
        names=tuple(sorted((names or {}).items())),
    )
