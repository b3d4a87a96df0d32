"""Find the values ``invoke new`` wrote as placeholders and nobody has replaced yet.

They pass every other check on purpose (a new notice builds and previews at once), so
without this a buyer could publish "Example Council" to every subscriber. They are found by
their example values (texts, the buyer, ``NEW-`` ids and ocids) and by the ``# placeholder``
comment the scaffold ends each made-up line with (codes, dates, choices). Each is a warning
here; ``placeholder_mode`` decides whether a check or build treats them as errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from .frontmatter import dotted
from .problems import Problem
from .scaffold import (
    MARK,
    PLACEHOLDER_BUYER,
    PLACEHOLDER_SUMMARY,
    example_value,
    placeholder_body_start,
)
from .source import FieldPath, NoticeSource
from .values import get

PLACEHOLDER = "is still the placeholder"  # in every placeholder problem's message
_FIX = "replace it with the real value (invoke new wrote it as a placeholder)"
_MARKED_FIX = f"replace the value invoke new made up, then delete the '{MARK}' comment"
_MARKED = re.compile(rf"\s{re.escape(MARK)}\b")
_ANY_DAY = datetime(2000, 1, 1, tzinfo=UTC)  # dated examples are compared without their dates
_TEXT_EXAMPLES: tuple[tuple[FieldPath, str], ...] = (
    (("submission", "url"), "the submission address"),
    (("direct_award_justification",), "the justification"),
    (("contract", "id"), "the contract reference"),
    (("modification", "description"), "the description of the change"),
    (("termination", "reason"), "the reason"),
    (("cancellation", "reason"), "the reason"),
)


def placeholder_problems(source: NoticeSource, text_lines: Sequence[str] = ()) -> list[Problem]:
    """A warning for each placeholder left in the notice, at its line; ``text_lines`` are the
    file's lines, for the ``# placeholder`` comments."""
    found = [
        source.problem(at, f"{what} {PLACEHOLDER}", _FIX).as_warning() for at, what in _left(source)
    ]
    named = {problem.field for problem in found}
    found += [problem for problem in _marked(source, text_lines) if problem.field not in named]
    if placeholder_body_start() in source.body:
        line = source.body_first_line + source.body.split(placeholder_body_start())[0].count("\n")
        message = "the description is still the placeholder"
        found.append(Problem(source.path, line, "description", message, _FIX, warning=True))
    return found


def is_placeholder(problem: Problem) -> bool:
    """Whether ``problem`` is about a placeholder (so ``placeholder_mode`` grades it)."""
    return PLACEHOLDER in problem.message


def _marked(source: NoticeSource, text_lines: Sequence[str]) -> Iterator[Problem]:
    """A warning for each front matter line still ending with the scaffold's comment."""
    fields: dict[int, str] = {}
    for at, number in sorted(source.lines.items(), key=lambda item: len(item[0])):
        fields[number] = dotted(at)  # the deepest field on the line wins
    for number, text in enumerate(text_lines[: source.body_first_line - 1], 1):
        if _MARKED.search(text):
            field = fields.get(number, "front matter")
            message = f"{field} {PLACEHOLDER} (its line is marked '{MARK}')"
            yield Problem(source.path, number, field, message, _MARKED_FIX, warning=True)


def _left(source: NoticeSource) -> Iterator[tuple[FieldPath, str]]:
    data = source.data
    if str(data.get("notice_id", "")).startswith("NEW-"):
        yield ("notice_id",), "the id (NEW-…)"
    if "-NEW-" in str(data.get("ocid", "")):
        yield ("ocid",), "the ocid (…-NEW-…)"
    if data.get("summary") == PLACEHOLDER_SUMMARY:
        yield ("summary",), "the summary"
    for key in ("name", "id"):
        if _value(data, ("buyer", key)) == PLACEHOLDER_BUYER[key]:
            yield ("buyer", key), f"the buyer's {key}"
    if _value(data, ("buyer", "contact", "email")) == PLACEHOLDER_BUYER["contact"]["email"]:
        yield ("buyer", "contact", "email"), "the contact email"
    for index, supplier in enumerate(data.get("suppliers") or []):
        if isinstance(supplier, dict) and supplier.get("name") == _supplier_name():
            yield ("suppliers", index, "name"), "the supplier"
    for at, what in _TEXT_EXAMPLES:
        if _value(data, at) == _value(example_value(str(at[0]), _ANY_DAY), at[1:]):
            yield at, what


def _supplier_name() -> str:
    return str(get(example_value("suppliers", _ANY_DAY), 0, "name"))


def _value(data: Any, at: FieldPath) -> Any:
    for part in at:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
