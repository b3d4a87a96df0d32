"""Which feeds the site has, where they live, and which notices each one carries.

The single source of feed names and paths: the feed writer, the OPML file, the theme's
``<link rel="alternate">`` discovery links and the subscribe page all read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from plugins.notices.derive import Status
from plugins.notices.events import closes_soon
from plugins.notices.facets import BUYER, BY_KEY, CPV, REGION, TYPE, VALUE, Value, site_values
from plugins.notices.formatting import text
from plugins.notices.site import Published, Site

FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


@dataclass(frozen=True)
class Feed:
    """One feed, published as Atom and RSS: ``feeds/<slug>.atom`` and ``feeds/<slug>.rss``.

    ``kind`` is "notices" (one entry per notice), "changes" (one entry per change,
    award and cancellation) or "procurement" (both, for the notices of one ocid).
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
# Title and description of each facet's feeds: {value}, its {name} and the name in {lower}.
_FACET_FEED_TEXT = {
    "type": ("{name}", "{name}."),
    "cpv": ("CPV {value}: {name}", "Notices with a CPV code in division {value} ({name})."),
    "region": ("Region: {name}", "Notices for work delivered in {name} ({value})."),
    "buyer": ("Buyer: {name}", "Notices published by {name}."),
    "value": ("Value: {name}", "Notices whose value (excluding VAT) is {lower}."),
}
_LANGUAGE_FEED_TEXT = {
    "cy": ("Pob hysbysiad (Cymraeg)", "Pob hysbysiad yn Gymraeg, y diweddaraf yn gyntaf."),
}


def site_feeds(site: Site) -> tuple[Feed, ...]:
    """Every feed of the site: fixed ones first, then one per facet value the site offers
    (every CPV division and area of its regions, even with no notice yet, and the values
    its notices have)."""
    lang = site.default_lang
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
    by_facet = [
        _facet_feed(value, lang)
        for facet in (TYPE, CPV, REGION, BUYER, VALUE)
        for value in site_values(facet, site)
    ]
    languages = sorted({item.lang for item in site.notices} - {lang})
    by_language = [
        Feed(f"{other}/all", *_language_feed_text(other), other, _anything) for other in languages
    ]
    return (*fixed, *by_facet, *by_language)


def procurement_feed(ocid: str, site: Site) -> Feed:
    """The feed of one procurement (``feeds/procurements/<ocid>.atom``): every notice of the
    ocid in the site's language and every change to them, so a supplier can follow it from
    pipeline to award. Not in the OPML or site_feeds: there is one per procurement."""
    lang = site.default_lang
    items = site.procurement(ocid, lang)
    name = items[-1].notice.title if items else ocid
    return Feed(
        f"procurements/{ocid}",
        text("Procurement: {name}", lang).format(name=name),
        text("Every notice and change of procurement {ocid}.", lang).format(ocid=ocid),
        lang,
        lambda item: item.notice.ocid == ocid,
        kind="procurement",
    )


def procurement_feeds(site: Site) -> dict[str, Feed]:
    """One feed per procurement with a notice in the site's language, by ocid."""
    ocids = dict.fromkeys(item.notice.ocid for item in site.in_language())
    return {ocid: procurement_feed(ocid, site) for ocid in ocids}


def entries(feed: Feed, site: Site) -> tuple[Published, ...]:
    """The notices a feed carries, in the feed's language, oldest first."""
    return tuple(item for item in site.in_language(feed.lang) if feed.matches(item))


def _facet_feed(value: Value, lang: str) -> Feed:
    """The feed of one facet value, at the value's slug (``cpv/45``, ``value/under-30k``)."""
    title, description = _FACET_FEED_TEXT[value.facet]
    name = value.name
    words = {"value": value.value, "name": name, "lower": f"{name[:1].lower()}{name[1:]}"}
    return Feed(
        value.slug,
        text(title, lang).format(**words),
        text(description, lang).format(**words),
        lang,
        BY_KEY[value.facet].matches(value.value),
    )


def _language_feed_text(lang: str) -> tuple[str, str]:
    """Title and description of a language's all-notices feed, in that language if known."""
    return _LANGUAGE_FEED_TEXT.get(lang, (f"All notices ({lang})", f"Every notice in {lang}."))


def _anything(item: Published) -> bool:
    return True


def _is_open(item: Published) -> bool:
    return item.facets.status is Status.OPEN
