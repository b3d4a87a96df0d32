"""Which feeds the site has, where they live, and which notices each one carries.

The single source of feed names and paths: the feed writer, the OPML file, the theme's
``<link rel="alternate">`` discovery links and the subscribe page all read it.

Every language of the site (``Site.languages``) has the same feeds, at the same slugs, with
its own words: the default language's under ``feeds/``, another's under its prefix
(``cy/feeds/open.atom``). A feed in a language carries one version of each notice, the one
a reader of that language sees (``Site.for_reader``), filed by the facts of the original in
the site's default language, so a listing, its feed and its calendar agree in every language.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from plugins.notices.derive import Status
from plugins.notices.events import closes_soon
from plugins.notices.facets import (
    BUYER,
    BY_KEY,
    CPV,
    REGION,
    TYPE,
    VALUE,
    Facet,
    Value,
    site_values,
)
from plugins.notices.facets import buyer_names as facet_buyer_names
from plugins.notices.formatting import N_, language_name, text
from plugins.notices.site import Published, Site

T = TypeVar("T")
FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
OPML_PATH = "feeds/feeds.opml"
# Title and description of each facet's feeds, with the value's {value} and {name}.
_FACET_FEED_TEXT = {
    "type": ("", N_("Notices in the group {name}.")),  # titled by the group's name alone
    "cpv": (
        N_("CPV {value}: {name}"),
        N_("Notices with a CPV code in division {value} ({name})."),
    ),
    "region": (N_("Region: {name}"), N_("Notices for work delivered in {name} ({value}).")),
    "buyer": (N_("Buyer: {name}"), N_("Notices of {name}, alone or jointly with other buyers.")),
    "value": (N_("Value: {name}"), N_("Notices by value excluding VAT: {name}.")),
}


@dataclass(frozen=True)
class Feed:
    """One feed, published as Atom and RSS: ``feeds/<slug>.atom`` and ``feeds/<slug>.rss``
    (under ``prefix``, such as ``cy/``, in a language other than the site's default).

    ``kind`` is "notices" (one entry per notice), "changes" (one entry per change,
    award and cancellation) or "procurement" (both, for the notices of one ocid).
    """

    slug: str
    title: str
    description: str
    lang: str
    matches: Callable[[Published], bool] = field(compare=False, repr=False)
    kind: str = "notices"
    prefix: str = ""

    def path(self, fmt: str) -> str:
        return f"{self.prefix}feeds/{self.slug}.{fmt}"

    def page_path(self, fmt: str, page: int) -> str:
        """Where page ``page`` (from 1) of a paged feed lives; page 1 is ``path(fmt)``."""
        return self.path(fmt) if page == 1 else f"{self.prefix}feeds/{self.slug}/page-{page}.{fmt}"

    @property
    def atom_path(self) -> str:
        return self.path("atom")

    @property
    def rss_path(self) -> str:
        return self.path("rss")


def opml_path(site: Site, lang: str | None = None) -> str:
    """Where a language's OPML list lives: ``feeds/feeds.opml``, ``cy/feeds/feeds.opml``."""
    return site.prefix(lang or site.default_lang) + OPML_PATH


def site_feeds(site: Site, lang: str | None = None) -> tuple[Feed, ...]:
    """Every feed of the site in ``lang`` (the default language unless given): fixed ones
    first, then one per facet value the site offers (every CPV division and area of its
    regions, even with no notice yet, and the values its notices have)."""
    lang = lang or site.default_lang
    prefix = site.prefix(lang)
    fixed = [
        Feed(
            "all",
            text("All notices", lang),
            text("Every notice, newest first.", lang),
            lang,
            _anything,
            prefix=prefix,
        ),
        Feed(
            "open",
            text("Open opportunities", lang),
            text("Notices you can still respond to: the deadline is in the future.", lang),
            lang,
            _is_open,
            prefix=prefix,
        ),
        Feed(
            "closing-soon",
            text("Closing within 7 days", lang),
            text("Open opportunities whose deadline falls within the next 7 days.", lang),
            lang,
            lambda item: closes_soon(item, site),
            prefix=prefix,
        ),
        Feed(
            "changes",
            text("Changes, awards and cancellations", lang),
            text(
                "One entry for each change to a notice (such as a moved deadline), each award "
                "and each cancellation.",
                lang,
            ),
            lang,
            _anything,
            kind="changes",
            prefix=prefix,
        ),
    ]
    by_facet = [
        _facet_feed(value, lang, prefix)
        for facet in (TYPE, CPV, REGION, BUYER, VALUE)
        for value in values_in(facet, site, lang)
    ]
    return (*fixed, *by_facet, *language_feeds(site, lang))


def language_feeds(site: Site, lang: str) -> tuple[Feed, ...]:
    """``feeds/<lang>/all``: the notices of each language that is not one of the site's (a
    reader of a site language has every feed in it), listed with the default language's."""
    if lang != site.default_lang:
        return ()
    others = sorted({item.lang for item in site.notices} - set(site.languages))
    return tuple(
        Feed(
            f"{other}/all",
            text("All notices ({language})", other).format(language=language_name(other)),
            text("Every notice in {language}, newest first.", other).format(
                language=language_name(other)
            ),
            other,
            _has_version_in(other),
        )
        for other in others
    )


def values_in(facet: Facet, site: Site, lang: str) -> tuple[Value, ...]:
    """The values of ``facet`` the site offers (``site_values``), named in ``lang``: the
    same values in every language, a buyer by its name in the reader's version."""
    names = facet.names(site.originals(), lang) | facet.offered(site, lang)
    if facet is BUYER:
        names |= buyer_names(site, lang)
    return tuple(
        Value(value.facet, value.value, names.get(value.value, value.name))
        for value in site_values(facet, site)
    )


def buyer_names(site: Site, lang: str) -> dict[str, str]:
    """Each buyer's name (by the slug of its original's), as its notices in ``lang`` give
    it, else as the others a reader of ``lang`` sees do."""
    names: dict[str, str] = {}
    for shown, facts in sorted(read_as(site, lang), key=lambda pair: pair[0].lang == lang):
        names |= facet_buyer_names(shown, facts)
    return names


def read_as(site: Site, lang: str) -> tuple[tuple[Published, Published], ...]:
    """Each notice a reader of ``lang`` sees (``Site.for_reader``), oldest first, with the
    version whose facts it is filed by: its original in the default language, else itself.

    A notice in a language the site is not in is read only in its own language's feeds.
    Worked out once per site and language: every feed, listing and calendar asks.
    """
    return _once(site, ("read_as", lang), lambda: _read_as(site, lang))


def _read_as(site: Site, lang: str) -> tuple[tuple[Published, Published], ...]:
    originals = {item.notice.notice_id: item for item in site.originals()}
    return tuple(
        (item, originals.get(item.notice.notice_id, item))
        for item in site.for_reader(lang)
        if item.lang == lang or item.lang in site.languages
    )


# Answers kept for as long as their Site lives (a Site never changes once built).
_KEPT: dict[tuple[int, tuple[str, str]], Any] = {}


def _once(site: Site, key: tuple[str, str], work: Callable[[], T]) -> T:
    kept = (id(site), key)
    if kept not in _KEPT:
        _KEPT[kept] = work()
        weakref.finalize(site, _KEPT.pop, kept, None)
    answer: T = _KEPT[kept]
    return answer


def procurement_feed(ocid: str, site: Site, lang: str | None = None) -> Feed:
    """The feed of one procurement (``feeds/procurements/<ocid>.atom``, ``cy/feeds/...``):
    every notice of the ocid as a reader of ``lang`` sees it and every change to them, so a
    supplier can follow it from pipeline to award. Not in the OPML or site_feeds: there is
    one per procurement."""
    lang = lang or site.default_lang
    name = _latest_title(procurement_items(site, lang).get(ocid, ()), ocid)
    return Feed(
        f"procurements/{ocid}",
        text("Procurement: {name}", lang).format(name=name),
        text("Every notice and change of procurement {ocid}.", lang).format(ocid=ocid),
        lang,
        lambda item: item.notice.ocid == ocid,
        kind="procurement",
        prefix=site.prefix(lang),
    )


def procurement_feeds(site: Site, lang: str | None = None) -> dict[str, Feed]:
    """One feed per procurement a reader of ``lang`` sees, by ocid."""
    return {ocid: procurement_feed(ocid, site, lang) for ocid in procurement_items(site, lang)}


def procurement_items(site: Site, lang: str | None = None) -> dict[str, tuple[Published, ...]]:
    """The notices of each procurement as a reader of ``lang`` sees them, oldest first."""
    lang = lang or site.default_lang

    def group() -> dict[str, tuple[Published, ...]]:
        grouped: dict[str, list[Published]] = {}
        for item, _facts in read_as(site, lang):
            grouped.setdefault(item.notice.ocid, []).append(item)
        return {ocid: tuple(items) for ocid, items in grouped.items()}

    return _once(site, ("procurement_items", lang), group)


def _latest_title(items: tuple[Published, ...], ocid: str) -> str:
    """A procurement's name: the title of its latest notice, else its ocid."""
    return items[-1].notice.title if items else ocid


def entries(feed: Feed, site: Site) -> tuple[Published, ...]:
    """The notices a feed carries, as a reader of its language sees them, oldest first."""
    return tuple(shown for shown, facts in read_as(site, feed.lang) if feed.matches(facts))


def _facet_feed(value: Value, lang: str, prefix: str) -> Feed:
    """The feed of one facet value, at the value's slug (``cpv/45``, ``value/under-30k``)."""
    title, description = _FACET_FEED_TEXT[value.facet]
    words = {"value": value.value, "name": value.name}
    return Feed(
        value.slug,
        text(title, lang).format(**words) if title else value.name,
        text(description, lang).format(**words),
        lang,
        BY_KEY[value.facet].matches(value.value),
        prefix=prefix,
    )


def _has_version_in(lang: str) -> Callable[[Published], bool]:
    """Whether a notice (the original ``entries`` files by) is written in ``lang`` too."""
    return lambda item: item.lang == lang or lang in dict(item.translations)


def _anything(item: Published) -> bool:
    return True


def _is_open(item: Published) -> bool:
    return item.facets.status is Status.OPEN
