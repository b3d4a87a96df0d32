"""Which feeds the site has, where they live, and which notices each one carries.

The single source of feed names and paths: the feed writer, the OPML file, the theme's
``<link rel="alternate">`` discovery links and the subscribe page all read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from plugins.notices.derive import Status, ValueBand
from plugins.notices.events import closes_soon
from plugins.notices.formatting import cpv_division_label, region_name, value_band_label
from plugins.notices.model import NoticeGroup
from plugins.notices.site import Published, Site

FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
_GROUP_TITLES = {
    NoticeGroup.PIPELINE: "Pipeline and planned procurements (UK1 to UK3)",
    NoticeGroup.TENDER: "Tender notices (UK4)",
    NoticeGroup.AWARD: "Awards and contract details (UK5 to UK7)",
    NoticeGroup.CONTRACT_CHANGE: "Contract changes and terminations (UK10, UK11)",
    NoticeGroup.CANCELLATION: "Cancelled procurements (UK12)",
}


@dataclass(frozen=True)
class Feed:
    """One feed, published as Atom and RSS: ``feeds/<slug>.atom`` and ``feeds/<slug>.rss``.

    ``kind`` is "notices" (one entry per notice) or "changes" (one entry per change,
    award and cancellation).
    """

    slug: str
    title: str
    description: str
    lang: str
    matches: Callable[[Published], bool] = field(compare=False, repr=False)
    kind: str = "notices"

    def path(self, fmt: str) -> str:
        return f"feeds/{self.slug}.{fmt}"

    def page_path(self, fmt: str, page: int) -> str:
        """Where page ``page`` (from 1) of a paged feed lives; page 1 is ``path(fmt)``."""
        return self.path(fmt) if page == 1 else f"feeds/{self.slug}/page-{page}.{fmt}"

    @property
    def atom_path(self) -> str:
        return self.path("atom")

    @property
    def rss_path(self) -> str:
        return self.path("rss")


OPML_PATH = "feeds/feeds.opml"
_LANGUAGE_FEED_TEXT = {
    "cy": ("Pob hysbysiad (Cymraeg)", "Pob hysbysiad yn Gymraeg, y diweddaraf yn gyntaf."),
}


def site_feeds(site: Site) -> tuple[Feed, ...]:
    """Every feed of the site: fixed ones first, then one per facet value present."""
    lang = site.default_lang
    notices = site.in_language(lang)
    fixed = [
        Feed("all", "All notices", "Every notice, newest first.", lang, _anything),
        Feed(
            "open",
            "Open opportunities",
            "Notices you can still respond to: the deadline is in the future.",
            lang,
            _is_open,
        ),
        Feed(
            "closing-soon",
            "Closing within 7 days",
            "Open opportunities whose deadline falls within the next 7 days.",
            lang,
            lambda item: closes_soon(item, site),
        ),
        Feed(
            "changes",
            "Changes, awards and cancellations",
            "One entry for each change to a notice (such as a moved deadline), each award "
            "and each cancellation.",
            lang,
            _anything,
            kind="changes",
        ),
    ]
    groups = [
        Feed(
            f"type/{group.value}",
            title,
            f"{title}.",
            lang,
            lambda item, group=group: item.notice.notice_type.group is group,
        )
        for group, title in _GROUP_TITLES.items()
    ]
    divisions = sorted({d for item in notices for d in item.facets.cpv_divisions})
    by_cpv = [
        Feed(
            f"cpv/{division}",
            f"CPV {division}: {cpv_division_label(division, lang)}",
            f"Notices with a CPV code in division {division} "
            f"({cpv_division_label(division, lang)}).",
            lang,
            lambda item, division=division: division in item.facets.cpv_divisions,
        )
        for division in divisions
    ]
    itl1 = sorted({r for item in notices for r in item.facets.itl1_regions})
    by_region = [
        Feed(
            f"region/{code}",
            f"Region: {region_name(code, lang)}",
            f"Notices for work delivered in {region_name(code, lang)} ({code}).",
            lang,
            lambda item, code=code: code in item.facets.itl1_regions,
        )
        for code in itl1
    ]
    buyers = {item.facets.buyer_slug: item.notice.buyer.name for item in notices}
    by_buyer = [
        Feed(
            f"buyer/{slug}",
            f"Buyer: {buyers[slug]}",
            f"Notices published by {buyers[slug]}.",
            lang,
            lambda item, slug=slug: item.facets.buyer_slug == slug,
        )
        for slug in sorted(buyers)
    ]
    bands = {band: value_band_label(band, lang) for band in ValueBand}
    by_value = [
        Feed(
            f"value/{band.value}",
            f"Value: {label}",
            f"Notices whose value (excluding VAT) is {label[0].lower()}{label[1:]}.",
            lang,
            lambda item, band=band: item.facets.value_band is band,
        )
        for band, label in bands.items()
    ]
    languages = sorted({item.lang for item in site.notices} - {lang})
    by_language = [
        Feed(f"{other}/all", *_language_feed_text(other), other, _anything) for other in languages
    ]
    return (*fixed, *groups, *by_cpv, *by_region, *by_buyer, *by_value, *by_language)


def feeds_for(item: Published, site: Site, feeds: Iterable[Feed] | None = None) -> tuple[Feed, ...]:
    """The feeds a notice's page links to: the ones it appears in, broadest first.

    Pass ``feeds`` (``site_feeds(site)``) when asking for many notices, to work it out once.
    """
    return tuple(
        feed
        for feed in (site_feeds(site) if feeds is None else feeds)
        if feed.lang == item.lang and feed.kind == "notices" and feed.matches(item)
    )


def entries(feed: Feed, site: Site) -> tuple[Published, ...]:
    """The notices a feed carries, in the feed's language, oldest first."""
    return tuple(item for item in site.in_language(feed.lang) if feed.matches(item))


def _language_feed_text(lang: str) -> tuple[str, str]:
    """Title and description of a language's all-notices feed, in that language if known."""
    return _LANGUAGE_FEED_TEXT.get(lang, (f"All notices ({lang})", f"Every notice in {lang}."))


def _anything(item: Published) -> bool:
    return True


def _is_open(item: Published) -> bool:
    return item.facets.status is Status.OPEN
