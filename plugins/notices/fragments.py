"""Pieces of output shown by many files (a feed entry, a calendar event), serialised once.

A piece is asked for by its key (a ``keyed.digest`` of what it shows) with the function
that makes it: it is made at most once per build, and kept between builds in the output
cache, so a file made again after one notice changed serialises only that notice's pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .kept_files import KeptFiles
from .keyed import digest


class Fragments:
    """Made pieces by key, in memory for one build and in ``kept`` (if any) between builds."""

    def __init__(self, kept: KeptFiles | None = None, version: str = "") -> None:
        self._kept = kept
        self._version = version
        self._made: dict[str, bytes] = {}

    def many(self, wanted: Sequence[tuple[str, Callable[[], bytes]]]) -> list[bytes]:
        """The pieces of ``wanted`` (key, how to make it), in order."""
        missing = [key for key, _make in wanted if key not in self._made]
        if self._kept is not None and missing:
            full = {self._full(key): key for key in missing}
            for found, data in self._kept.fragments(full).items():
                self._made[full[found]] = data
        for key, make in wanted:
            if key not in self._made:
                data = self._made[key] = make()
                if self._kept is not None:
                    self._kept.keep_fragment(self._full(key), data)
        return [self._made[key] for key, _make in wanted]

    def forget(self) -> None:
        """Let go of the pieces made so far (they are still kept between builds): for an
        output whose later files show none of them."""
        self._made.clear()

    def use(self, keys: Iterable[str]) -> None:
        """Keep these pieces for the next build, though no file made now shows them."""
        if self._kept is not None:
            self._kept.use_fragments(self._full(key) for key in keys)

    def _full(self, key: str) -> str:
        return digest(self._version, key)
