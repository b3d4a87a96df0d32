"""Rules across notice files: unique ids and addresses, translations that match."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .followups import followup_problems
from .model import Notice
from .problems import Problem
from .translation_facts import drifted


@dataclass(frozen=True)
class Located:
    """A valid notice and the line of its notice_id, for pointing at it; ``lines`` has the
    lines of the fields follow-up rules name (``followups.field_lines``)."""

    notice: Notice
    id_line: int
    lines: Mapping[str, int] = field(default_factory=dict)


def sitewide_problems(notices: Iterable[Located], default_lang: str = "en") -> list[Problem]:
    """Problems that only show across files; each names the file to change.

    A translation is judged against its original in ``default_lang`` (the site's DEFAULT_LANG).
    """
    notices = list(notices)
    problems: list[Problem] = followup_problems(notices)
    groups: dict[str, list[Located]] = defaultdict(list)
    # The notice published first owns its id; a later one reusing it is the mistake.
    for item in sorted(notices, key=lambda item: (item.notice.published, item.notice.source_path)):
        groups[item.notice.notice_id].append(item)
    addresses: dict[tuple[str, str], list[Located]] = defaultdict(list)
    for items in groups.values():
        problems += _duplicates(items) + _translations(items, default_lang)
        for item in items:
            addresses[(item.notice.lang, item.notice.slug)].append(item)
    return problems + _same_address(addresses)


def _same_address(addresses: dict[tuple[str, str], list[Located]]) -> list[Problem]:
    """Two files with the same name in different folders would share one page."""
    problems = []
    for items in addresses.values():
        first = min(items, key=lambda item: (item.notice.published, item.notice.source_path))
        for item in items:
            if item is not first:
                problems.append(
                    Problem(
                        item.notice.source_path,
                        1,
                        "file name",
                        f"{first.notice.source_path} has the same file name, so both notices "
                        f"would be published at notices/{item.notice.slug}/",
                        "rename this file: the file name (without .md) is the notice's address",
                    )
                )
    return problems


def _duplicates(items: list[Located]) -> list[Problem]:
    first_by_lang: dict[str, Located] = {}
    problems = []
    for item in items:
        first = first_by_lang.setdefault(item.notice.lang, item)
        if first is not item:
            problems.append(
                _problem(
                    item,
                    f"notice_id '{item.notice.notice_id}' is already used by {first.notice.source_path}",
                    "give this notice its own id (ids are never reused)",
                )
            )
    return problems


def _translations(items: list[Located], default_lang: str) -> list[Problem]:
    """Each version judged against its original, the one in ``default_lang``. A notice with
    no version in it is written in one other language only (a Welsh-only notice on an English
    site, published with the site's words around it): said as a warning, in case it was meant
    to translate a notice whose id it mistypes; more than one such version is an error."""
    original = next((item for item in items if item.notice.lang == default_lang), None)
    if original is None:
        lone = len(items) == 1
        return [
            _no_original(item, default_lang).as_warning()
            if lone
            else _no_original(item, default_lang)
            for item in items
        ]
    problems = []
    for item in items:
        if item.notice.lang == default_lang:
            continue
        if (item.notice.ocid, item.notice.notice_type) != (
            original.notice.ocid,
            original.notice.notice_type,
        ):
            problems.append(
                _problem(
                    item,
                    "the translation's ocid or notice_type differs from its original",
                    f"use the same ocid and notice_type as {original.notice.source_path}",
                )
            )
        else:
            problems += _drift(item, original)
    return problems


def _drift(item: Located, original: Located) -> list[Problem]:
    """The facts a translation gives otherwise than its original, at their lines."""
    return [
        Problem(
            item.notice.source_path,
            item.lines.get(name, item.lines.get(name.split(".")[0].split("[")[0], item.id_line)),
            name,
            f"{ours or '(none)'} here, but {theirs or '(none)'} in the original "
            f"{original.notice.source_path}",
            "a translation repeats its original's facts: give the same value in both files "
            "(and change them together, with a change entry in each)",
        )
        for name, theirs, ours in drifted(original.notice, item.notice)
    ]


def _no_original(item: Located, default_lang: str) -> Problem:
    language = _LANGUAGES.get(default_lang, f"the site's language ({default_lang})")
    return _problem(
        item,
        f"this {item.notice.lang} version has no {language} original",
        f"if it translates a notice, give it that notice's notice_id; else add the {language} "
        f"file with notice_id {item.notice.notice_id} and lang: {default_lang} (a notice in "
        f"{item.notice.lang} alone is published, with the site's words around it)",
    )


# The site's default language as problems name it (problems are written in English).
_LANGUAGES = {"en": "English", "cy": "Welsh"}


def _problem(item: Located, message: str, fix: str) -> Problem:
    return Problem(item.notice.source_path, item.id_line, "notice_id", message, fix)
