"""The text of a post, composed from parts to fit a channel's limits.

A post is: headline; detail (a change's reason, or the notice's summary); a change's
fields, each old → new; deadline and value; the notice's URL; a line per other language the
notice is written in, linking its page (``Cymraeg: <url>``, or ``Cymraeg`` linked where the
channel has rich text); the hashtags. When it is too long the detail is shortened first,
then dropped (a change's reason is only shortened); then the other languages' lines are left
out, then the value, then the headline shortened. A changed field's line, the URL, the
deadline and the tags are never cut: a line is whole or, when even the shortest post has no
room for it, left out from the last (the page has them all). If the URL, deadline and tags
alone do not fit, composing fails with :class:`ComposeError` rather than post a broken link.
A joint procurement's ``Buyer:`` line (every buyer named) goes before the facts only when the
whole post fits with it; else it is the first thing left out.

Segments carry the link and tag of their text, so a channel can turn them into rich-text
facets (Bluesky) with exact UTF-8 byte offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

import regex
from babel import Locale, UnknownLocaleError

from plugins.contract.words import languages, translator

from . import graphemes
from .announcements import Announcement
from .errors import ComposeError

MIN_HEADLINE = 24
MIN_DETAIL = 40
# (keep the detail?, keep the value?), most complete first; a change keeps its detail.
LAYOUTS = ((True, True), (False, True), (True, False), (False, False))
# The other languages' links are extra: they go before the value does.
WITH_VALUE = LAYOUTS[:2]
# Deadlines mean nothing once a contract is awarded or a procurement cancelled.
_NO_DEADLINE_KINDS = {"awarded", "cancelled"}
_URL = regex.compile(r"https?://\S+")
# The word before a change's number ("Change 2:"), in every language a post may be in.
CHANGE_LABELS = frozenset(translator(lang).gettext("Change") for lang in languages())


@dataclass(frozen=True)
class Limits:
    """How a channel measures a post: graphemes, optionally bytes, optionally URLs as fixed."""

    graphemes: int
    bytes: int | None = None
    url_weight: int | None = None
    # Rich text (Bluesky's link facets): a link's words may stand for its URL.
    linked_words: bool = False

    def length(self, text: str) -> int:
        """The length of ``text`` as the channel counts it."""
        if self.url_weight is not None:
            text = _URL.sub("x" * self.url_weight, text)
        return graphemes.count(text)

    def fits(self, text: str) -> bool:
        return self.length(text) <= self.graphemes and (
            self.bytes is None or len(text.encode("utf-8")) <= self.bytes
        )

    def before(self, text: str) -> Limits:
        """What is left for text put before ``text``, if that ends with a line break.

        A grapheme always begins after a line break and a URL ends before one, so the
        lengths of the two add up.
        """
        size = None if self.bytes is None else self.bytes - len(text.encode("utf-8"))
        return replace(self, graphemes=self.graphemes - self.length(text), bytes=size)


BLUESKY = Limits(graphemes=300, bytes=3000, linked_words=True)


def mastodon(max_characters: int = 500, characters_per_url: int = 23) -> Limits:
    """Mastodon's limits, from its instance configuration."""
    return Limits(graphemes=max_characters, url_weight=characters_per_url)


class Segment(NamedTuple):
    """A run of post text; a link or a hashtag when ``link`` or ``tag`` is set."""

    text: str
    link: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Composed:
    """A post's text as segments, and the limits it was composed for."""

    segments: tuple[Segment, ...]
    limits: Limits

    @cached_property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)

    @property
    def length(self) -> int:
        return self.limits.length(self.text)

    def byte_ranges(self) -> Iterator[tuple[int, int, Segment]]:
        """Each segment with its UTF-8 byte range in :attr:`text`."""
        start = 0
        for segment in self.segments:
            end = start + len(segment.text.encode("utf-8"))
            yield start, end, segment
            start = end


@dataclass(frozen=True)
class _Parts:
    headline: str
    detail_prefix: str
    detail: str
    detail_required: bool
    facts: tuple[str, ...]
    value: tuple[str, ...]  # "Value: £…", or nothing
    url: str
    tags: tuple[str, ...]
    links: tuple[Segment, ...] = ()  # the other languages' pages, each on its line

    def tail(self, keep_value: bool) -> _Tail:
        """The facts, URL, links and tags: never cut, so the same in every candidate."""
        return self._with_value if keep_value and self.value else self._without_value

    @cached_property
    def _with_value(self) -> _Tail:
        return _Tail.of((*self.facts, *self.value), self.url, self.links, self.tags)

    @cached_property
    def _without_value(self) -> _Tail:
        return _Tail.of(self.facts, self.url, self.links, self.tags)


@dataclass(frozen=True)
class _Tail:
    segments: tuple[Segment, ...]
    text: str

    @classmethod
    def of(
        cls,
        facts: tuple[str, ...],
        url: str,
        links: tuple[Segment, ...],
        tags: tuple[str, ...],
    ) -> _Tail:
        segments = [Segment("".join(f"{fact}\n" for fact in facts)), Segment(url, link=url)]
        segments += links
        for index, tag in enumerate(tags):
            segments.append(Segment("\n\n" if index == 0 else " "))
            segments.append(Segment(f"#{tag}", tag=tag))
        kept = tuple(segment for segment in segments if segment.text)
        return cls(kept, "".join(segment.text for segment in kept))


def compose(announcement: Announcement, limits: Limits) -> Composed:
    """The post for ``announcement`` that fits ``limits``, keeping as much as it can.

    The other languages' lines go before the value or the headline is shortened, a changed
    field's line never before them."""
    lines = _changed_lines(announcement)
    links = _links(announcement, limits)
    with_buyers = _with_buyers(announcement, lines, links, limits)
    if with_buyers is not None:
        return with_buyers
    for kept in range(len(lines), -1, -1):
        parts = _parts(announcement, lines[:kept])
        if links:
            for candidate in _whole_headline(replace(parts, links=links), limits, WITH_VALUE):
                if candidate is not None:
                    return candidate
        for candidate in _candidates(parts, limits):
            if candidate is not None:
                return candidate
    fixed = _assemble(_head("", None, parts), parts.tail(False), limits)
    raise ComposeError(
        f"{announcement.id}: the URL, deadline and tags alone take {fixed.length} of the "
        f"{limits.graphemes} characters a post may have — shorten the notice's URL or hashtags"
    )


def _with_buyers(
    announcement: Announcement,
    lines: tuple[str, ...],
    links: tuple[Segment, ...],
    limits: Limits,
) -> Composed | None:
    """The whole post with a line naming the buyers of a joint procurement (or those a
    central purchasing body buys for) before its facts, if it fits with nothing cut; else
    None, and the post goes without it."""
    if not announcement.buyers:
        return None
    words = translator(announcement.language)
    parts = _parts(announcement, lines)
    line = words.gettext("Buyer: {name}").format(name=announcement.buyers)
    parts = replace(parts, facts=(line, *parts.facts), links=links)
    composed = _assemble(_head(parts.headline, parts.detail, parts), parts.tail(True), limits)
    return composed if limits.fits(composed.text) else None


def _candidates(parts: _Parts, limits: Limits) -> Iterator[Composed | None]:
    """Ever shorter versions of the post; the first that fits wins."""
    yield from _whole_headline(parts, limits, LAYOUTS)
    headline, detail = parts.headline, parts.detail
    detail_at = graphemes.shortener(detail)
    minimum = detail_at(MIN_DETAIL) if parts.detail_required else None
    headline_at, headline_length = graphemes.shortener(headline), graphemes.count(headline)
    for keep_value in (True, False):
        yield _longest(
            lambda n: _head(headline_at(n), minimum, parts),
            min(MIN_HEADLINE, headline_length),
            headline_length,
            parts.tail(keep_value),
            limits,
        )


def _whole_headline(
    parts: _Parts, limits: Limits, layouts: tuple[tuple[bool, bool], ...]
) -> Iterator[Composed | None]:
    """The versions of the post with its whole headline in ``layouts``, in their order."""
    headline, detail = parts.headline, parts.detail
    detail_at = graphemes.shortener(detail)
    detail_length = graphemes.count(detail)
    for keep_detail, keep_value in layouts:
        if keep_detail:
            yield _longest(
                lambda n: _head(headline, detail_at(n), parts),
                min(MIN_DETAIL, detail_length),
                detail_length,
                parts.tail(keep_value),
                limits,
            )
        elif not parts.detail_required:
            composed = _assemble(_head(headline, None, parts), parts.tail(keep_value), limits)
            yield composed if limits.fits(composed.text) else None


def _links(announcement: Announcement, limits: Limits) -> tuple[Segment, ...]:
    """A line linking each translation's page, named in its own language: ``Cymraeg``
    linked where the channel links words, else ``Cymraeg: <url>``."""
    segments: list[Segment] = []
    for each in announcement.translations:
        name = language_name(each.language)
        if limits.linked_words:
            segments += [Segment("\n"), Segment(name, link=each.url)]
        else:
            segments += [Segment(f"\n{name}: "), Segment(each.url, link=each.url)]
    return tuple(segments)


def language_name(code: str) -> str:
    """A language's name in itself, as a reader of it looks for it: ``Cymraeg``, ``English``."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return name[:1].upper() + name[1:] if name else code


def _longest(
    head_at: Callable[[int], str], low: int, high: int, tail: _Tail, limits: Limits
) -> Composed | None:
    """The post whose head is ``head_at(n)`` for the largest n in [low, high] that fits.

    A head never grows as n shrinks, so the post fits for every n below one that fits.
    """
    # A head ends with a line break: measure the tail once, not on every try.
    room = limits.before(tail.text)

    def fits(n: int) -> bool:
        return room.fits(head_at(n))

    if low > high:
        return None
    # Most posts fit whole, and a layout that fails at its shortest fails: try both first.
    if fits(high):
        return _assemble(head_at(high), tail, limits)
    if not fits(low):
        return None
    low, high = low + 1, high - 1
    best = low - 1
    while low <= high:
        middle = (low + high) // 2
        if fits(middle):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return _assemble(head_at(best), tail, limits)


def _changed_lines(announcement: Announcement) -> tuple[str, ...]:
    """Each field the change touched as the build worded it (``Tender deadline: A → B``)."""
    return tuple(field.display for field in announcement.change_fields if field.display)


def _parts(announcement: Announcement, changed: tuple[str, ...]) -> _Parts:
    words = translator(announcement.language)
    deadline = announcement.deadline
    facts: tuple[str, ...] = changed
    fields = {field.field for field in announcement.change_fields if field.display}
    # A changed deadline's line already gives its new value.
    if (
        deadline is not None
        and announcement.kind not in _NO_DEADLINE_KINDS
        and f"deadlines.{deadline.kind}" not in fields
    ):
        facts = (*facts, f"{deadline.label}: {deadline.display}")
    prefix, detail, required = "", announcement.summary, False
    if announcement.change_number is not None:
        prefix = f"{words.gettext('Change')} {announcement.change_number}: "
        detail, required = announcement.change_summary or "", True
    value_line = words.gettext("Value: {value}").format(value=announcement.value)
    return _Parts(
        headline=announcement.headline,
        detail_prefix=prefix,
        detail=detail,
        detail_required=required,
        facts=facts,
        value=(value_line,) if announcement.value else (),
        url=announcement.url,
        tags=announcement.tags,
    )


def _head(headline: str, detail: str | None, parts: _Parts) -> str:
    """The headline and the detail, the part of a post that may be shortened."""
    blocks = [headline] if headline else []
    if detail is not None and (detail or parts.detail_prefix):
        blocks.append(parts.detail_prefix + detail)
    return "\n\n".join(blocks) + "\n\n" if blocks else ""


def _assemble(head: str, tail: _Tail, limits: Limits) -> Composed:
    return Composed(((Segment(head),) if head else ()) + tail.segments, limits)
