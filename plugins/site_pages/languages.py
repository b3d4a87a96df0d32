"""The same page in each language of the site: where the language switch and the
``hreflang`` links go.

A page's language is the one whose prefix its path starts with (``cy/``), else the site's
default. A site page (listing, timeline, browse...) is at the same path under each
language's prefix; a notice's page for a reader of a language is ``Site.page_of``; a
content page's (about, accessibility) is its translation's, or its page under the
language's prefix, which the adapter renders; the 404 page is each language's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plugins.notices.formatting import N_, language_name, text
from plugins.notices.site import Site

from .pages import NOT_FOUND, site_pages
from .plan import SitePlan

# A page of a listing after its first: ``<listing>page/<n>/``.
_PAGED = "page/"


@dataclass(frozen=True)
class Version:
    """One language's version of a page: the language, its name for itself, the path."""

    lang: str
    name: str
    path: str


@dataclass(frozen=True)
class LanguageVersions:
    """Every page's versions in the site's languages; the theme reaches it as
    ``LANGUAGE_VERSIONS``."""

    site: Site
    # The paths of the site pages of each language (listings, timelines, browse...).
    pages: Mapping[str, frozenset[str]]
    # Pages whose versions are not found by their path: each path's (lang, path) of all.
    groups: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        """The site's languages, the default language first."""
        site = self.site
        return tuple(sorted(site.languages, key=lambda lang: lang != site.default_lang))

    @property
    def many(self) -> bool:
        """Whether the site is in more than one language (only then is there a switch)."""
        return len(self.languages) > 1

    def lang_of(self, path: str | None) -> str:
        """The language of the page at ``path``: the one whose prefix it starts with."""
        for lang in self.languages:
            prefix = self.site.prefix(lang)
            if prefix and (path or "").startswith(prefix):
                return lang
        return self.site.default_lang

    def of(self, path: str | None) -> tuple[Version, ...]:
        """The page at ``path`` in every language of the site, the default language first."""
        found = dict(self.groups.get(path or "", ()))
        return tuple(
            Version(lang, language_name(lang), found.get(lang) or self._site_page(path, lang))
            for lang in self.languages
        )

    def others(self, path: str | None) -> tuple[Version, ...]:
        """The page at ``path`` in the site's other languages: the language switch."""
        own = self.lang_of(path)
        return tuple(version for version in self.of(path) if version.lang != own)

    def alternates(self, path: str | None) -> tuple[Version, ...]:
        """The versions to give search engines (``hreflang``): none for a page not found,
        which is served at addresses that are not its own."""
        if path is None or path.rpartition("/")[2] == NOT_FOUND:
            return ()
        return self.of(path) if self.many else ()

    def path_in(self, path: str | None, lang: str) -> str:
        """The path of the page at ``path`` for a reader of ``lang``."""
        return next(version.path for version in self.of(path) if version.lang == lang)

    def label(self, lang: str) -> str:
        """The name of the language switch, in ``lang``."""
        return text(N_("Language"), lang)

    def _site_page(self, path: str | None, lang: str) -> str:
        """The page itself in its own language; else the site page at its place under
        ``lang``'s prefix; if ``lang`` has none there, that page's listing, else ``lang``'s
        home page."""
        if path is not None and lang == self.lang_of(path):
            return path
        prefix = self.site.prefix(lang)
        rest = self.site.unprefixed(path or "", self.lang_of(path))
        have = self.pages.get(lang, frozenset())
        listing, paged, _ = rest.partition(_PAGED)
        for wanted in (rest, listing if paged else None):
            if wanted is not None and f"{prefix}{wanted}" in have:
                return f"{prefix}{wanted}"
        return prefix


def language_versions(
    site_plans: Mapping[str, SitePlan],
    per_page: int,
    content: Iterable[Iterable[tuple[str, str]]] = (),
) -> LanguageVersions:
    """The versions of every page: the site pages of each plan (by language), every
    notice's page for each reader (``Site.page_of``), and ``content``, the pages only
    Pelican knows, each as the (lang, path) of every language's version."""
    site = next(iter(site_plans.values())).site
    pages = {
        lang: frozenset(page.path for page in site_pages(site_plan, per_page))
        for lang, site_plan in site_plans.items()
    }
    notices = (
        tuple((lang, site.page_of(item, lang)) for lang in site_plans) for item in site.notices
    )
    groups = {path: tuple(group) for group in (*notices, *content) for _, path in group}
    return LanguageVersions(site, pages, groups)
