"""One set of facts per notice: a translation repeats its original's dates, values, codes and
ids exactly, and only its text is its own.

A Welsh tender with a deadline of 28 December beside an English one of 18 December would
tell suppliers two things; the check refuses it, naming both files.
"""

from __future__ import annotations

import json
from typing import Any

from .facts import canonical, shown
from .model import Notice

# Words, which a translation puts in its own language, wherever they are in a fact.
TEXT = frozenset(
    {
        "title",
        "summary",
        "description",
        "reason",
        "details",
        "award_criteria",
        "direct_award_justification",
        "grounds",
        "name",
        "street",
        "locality",
        "url",  # the council's Welsh pages, a Welsh copy of a document
        "text",  # a delivery place in words
        "outside_uk",
        "extensions",  # the options to extend a contract, in words
    }
)
OWN = frozenset({"published"})  # a translation may be published after its original


def drifted(original: Notice, translation: Notice) -> list[tuple[str, str | None, str | None]]:
    """Each fact the translation gives otherwise than the original: (field, original's
    value, translation's), the first difference within a field, as readers would write it."""
    theirs, ours = dict(original.facts), dict(translation.facts)
    found = []
    for name in sorted(theirs.keys() | ours.keys()):
        if name in TEXT or name in OWN:
            continue
        before, after = _factual(theirs.get(name)), _factual(ours.get(name))
        if before != after:
            found.append(_difference(name, before, after))
    return found


def _difference(at: str, before: Any, after: Any) -> tuple[str, str | None, str | None]:
    """The first place ``before`` and ``after`` differ, and their values there."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(before.keys() | after.keys()):
            if before.get(key) != after.get(key):
                return _difference(f"{at}.{key}", before.get(key), after.get(key))
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (one, other) in enumerate(zip(before, after, strict=True)):
            if one != other:
                return _difference(f"{at}[{index}]", one, other)
    return at, _said(before), _said(after)


def _factual(text: str | None) -> Any:
    return None if text is None else _without_text(json.loads(text))


def _without_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_text(inner) for key, inner in value.items() if key not in TEXT}
    if isinstance(value, list):
        return [_without_text(inner) for inner in value]
    return value


def _said(value: Any) -> str | None:
    return None if value is None else shown(canonical(value))
