"""The text of a post, composed from parts to fit a channel's limits.

A post is: headline; detail (the change, or the notice's summary); deadline and value;
the notice's URL; the hashtags. When it is too long the detail is shortened first, then
dropped (a change's detail is only shortened), then the value dropped, then the headline
shortened. The URL, the deadline and the tags are never cut: if they alone
do not fit, composing fails with :class:`ComposeError` rather than post a broken link.

Segments carry the link and tag of their text, so a channel can turn them into rich-text
facets (Bluesky) with exact UTF-8 byte offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from . import graphemes
from .announcements import Announcement
from .errors import ComposeError

MIN_HEADLINE = 24
MIN_DETAIL = 40
# Deadlines mean nothing once a contract is awarded or a procurement cancelled.
_NO_DEADLINE_KINDS = {"awarded", "cancelled"}
_URL = regex.compile(r"https?://\S+")
_LABELS = {
    "en": {"change": "Change", "value": "Value"},
    "cy": {"change": "Newid", "value": "Gwerth"},
}


@dataclass(frozen=True)
class Limits:
    """How a channel measures a post: graphemes, optionally bytes, optionally URLs as fixed."""

    graphemes: int
    bytes: int | None = None
    url_weight: int | None = None

    def length(self, text: str) -> int:
        """The length of ``text`` as the channel counts it."""
        if self.url_weight is not None:
            text = _URL.sub("x" * self.url_weight, text)
        return graphemes.count(text)

    def fits(self, text: str) -> bool:
        return self.length(text) <= self.graphemes and (
            self.bytes is None or len(text.encode("utf-8")) <= self.bytes
        )


BLUESKY = Limits(graphemes=300, bytes=3000)


def mastodon(max_characters: int = 500, characters_per_url: int = 23) -> Limits:
    """Mastodon's limits, from its instance configuration."""
    return Limits(graphemes=max_characters, url_weight=characters_per_url)


@dataclass(frozen=True)
class Segment:
    """A run of post text; a link or a hashtag when ``link`` or ``tag`` is set."""

    text: str
    link: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Composed:
    """A post's text as segments, and the limits it was composed for."""

    segments: tuple[Segment, ...]
    limits: Limits

    @property
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
    value: str | None
    url: str
    tags: tuple[str, ...]


def compose(announcement: Announcement, limits: Limits) -> Composed:
    """The post for ``announcement`` that fits ``limits``, keeping as much as it can."""
    parts = _parts(announcement)
    for candidate in _candidates(parts, limits):
        if candidate is not None:
            return candidate
    fixed = _assemble(parts, "", None, False, limits)
    raise ComposeError(
        f"{announcement.id}: the URL, deadline and tags alone take {fixed.length} of the "
        f"{limits.graphemes} characters a post may have — shorten the notice's URL or hashtags"
    )


def _candidates(parts: _Parts, limits: Limits) -> Iterator[Composed | None]:
    """Ever shorter versions of the post; the first that fits wins."""
    headline, detail = parts.headline, parts.detail
    detail_length = graphemes.count(detail)
    # (keep the detail?, keep the value?), most complete first; a change keeps its detail.
    layouts = [(True, True), (False, True), (True, False), (False, False)]
    for keep_detail, keep_value in layouts:
        if keep_detail:
            yield _largest(
                lambda n, v=keep_value: _assemble(
                    parts, headline, graphemes.shorten(detail, n), v, limits
                ),
                min(MIN_DETAIL, detail_length),
                detail_length,
            )
        elif not parts.detail_required:
            yield _fitting(_assemble(parts, headline, None, keep_value, limits))
    minimum = graphemes.shorten(detail, MIN_DETAIL) if parts.detail_required else None
    for keep_value in (True, False):
        yield _largest(
            lambda n, v=keep_value: _assemble(
                parts, graphemes.shorten(headline, n), minimum, v, limits
            ),
            min(MIN_HEADLINE, graphemes.count(headline)),
            graphemes.count(headline),
        )


def _fitting(composed: Composed) -> Composed | None:
    return composed if composed.limits.fits(composed.text) else None


def _largest(build: Callable[[int], Composed], low: int, high: int) -> Composed | None:
    """The fitting post built with the largest n in [low, high] (fitting shrinks with n)."""
    best = None
    while low <= high:
        middle = (low + high) // 2
        composed = build(middle)
        if composed.limits.fits(composed.text):
            best, low = composed, middle + 1
        else:
            high = middle - 1
    return best


def _parts(announcement: Announcement) -> _Parts:
    labels = _LABELS.get(announcement.language, _LABELS["en"])
    deadline = announcement.deadline
    facts = ()
    if deadline is not None and announcement.kind not in _NO_DEADLINE_KINDS:
        facts = (f"{deadline.label}: {deadline.display}",)
    prefix, detail, required = "", announcement.summary, False
    if announcement.change_number is not None:
        prefix = f"{labels['change']} {announcement.change_number}: "
        detail, required = announcement.change_summary or "", True
    return _Parts(
        headline=announcement.headline,
        detail_prefix=prefix,
        detail=detail,
        detail_required=required,
        facts=facts,
        value=f"{labels['value']}: {announcement.value}" if announcement.value else None,
        url=announcement.url,
        tags=announcement.tags,
    )


def _assemble(
    parts: _Parts, headline: str, detail: str | None, keep_value: bool, limits: Limits
) -> Composed:
    blocks = [headline] if headline else []
    if detail is not None and (detail or parts.detail_prefix):
        blocks.append(parts.detail_prefix + detail)
    facts = [*parts.facts, *([parts.value] if keep_value and parts.value else [])]
    segments = [Segment("\n\n".join(blocks) + "\n\n" if blocks else "")]
    segments.append(Segment("".join(f"{fact}\n" for fact in facts)))
    segments.append(Segment(parts.url, link=parts.url))
    for index, tag in enumerate(parts.tags):
        segments.append(Segment("\n\n" if index == 0 else " "))
        segments.append(Segment(f"#{tag}", tag=tag))
    return Composed(tuple(segment for segment in segments if segment.text), limits)
