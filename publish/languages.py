"""Which language a channel posts in, and whether its posts link the notice's other languages.

A channel posts each announcement in its notice's own language unless its setting names a
language: then it posts the version for readers of that language (the notice's translation
in it, or the notice's own text with that language's words around it, as the site shows it
under ``/cy/``). A post of a notice written in more than one language links the other
languages' pages (``Cymraeg: <url>``) unless the setting turns that off. Bluesky and
Mastodon read their settings from the environment, beside their credentials
(``BSKY_LANGUAGE``, ``BSKY_TRANSLATION_LINKS``, ``MASTODON_…``); a mailing list from its
entry in ``email-lists.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .announcements import Announcement, Announcements, Deadline, Translation
from .errors import ConfigError

_CODE = re.compile(r"[a-z]{2,3}")
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


@dataclass(frozen=True)
class PostLanguage:
    """A channel's language (None: each notice's own) and whether it links translations."""

    language: str | None = None
    translation_links: bool = True

    def feed(self, feed: Announcements) -> Announcements:
        """``feed`` as this channel posts it: each announcement in its language."""
        return replace(feed, items=tuple(self.version(item) for item in feed.items))

    def version(self, item: Announcement) -> Announcement:
        """``item`` as a reader of this channel's language is shown it."""
        shown = item if self.language is None else in_language(item, self.language)
        return shown if self.translation_links else replace(shown, translations=())


def in_language(item: Announcement, lang: str) -> Announcement:
    """``item`` for a reader of ``lang``: its version for them, else the item as it is."""
    version = next((each for each in item.versions if each.language == lang), None)
    if version is None:
        return item
    deadline = item.deadline
    if deadline is not None and version.deadline is not None:
        label, display = version.deadline
        deadline = Deadline(label, display, deadline.at, deadline.kind)
    fields = tuple(
        replace(field, display=line)
        for field, line in zip(item.change_fields, version.change_lines, strict=False)
    )
    # The notice's other pages in a language it is written in; none for a page of the
    # notice's own text with the reader's words around it.
    others: tuple[Translation, ...] = ()
    if version.text_language == lang:
        own = Translation(item.language, item.url)
        others = (own, *(each for each in item.translations if each.language != lang))
    return replace(
        item,
        language=lang,
        text_language=version.text_language,
        url=version.url,
        headline=version.headline,
        summary=version.summary,
        deadline=deadline,
        value=version.value,
        buyers=version.buyers,
        change_summary=version.change_summary if item.change_number is not None else None,
        change_fields=fields + item.change_fields[len(fields) :],
        card=version.card,
        translations=others,
        versions=(),
    )


def from_env(env: Mapping[str, str], prefix: str) -> PostLanguage:
    """A channel's setting from ``<prefix>_LANGUAGE`` and ``<prefix>_TRANSLATION_LINKS``."""
    problems = []
    language = env.get(f"{prefix}_LANGUAGE", "").strip().lower() or None
    if language is not None and not _CODE.fullmatch(language):
        problems.append(
            f"{prefix}_LANGUAGE: {language!r} is not a language code such as 'cy' or 'en' "
            "(leave it unset to post each notice in its own language)"
        )
    links = env.get(f"{prefix}_TRANSLATION_LINKS", "yes").strip().lower()
    if links not in _YES:
        problems.append(f"{prefix}_TRANSLATION_LINKS: {links!r} is not 'yes' or 'no'")
    if problems:
        raise ConfigError("; ".join(problems))
    return PostLanguage(language, _YES[links])
