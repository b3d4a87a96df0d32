"""The public record: an edit to a published notice keeps what suppliers relied on.

Once a notice is published its id, ocid, type and language never change, its ``changes``
list only grows, and a fact that differs from the published one comes with a new change
entry naming it. Where the published versions come from (git, ``notices.json``) is
``published.py``'s business; this module only compares.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from .facts import canonical, names, shown
from .model import Change, Notice
from .problems import Problem
from .source import NoticeSource

_KEEP = "a published notice keeps its id, ocid, type and language"


@dataclass(frozen=True)
class PublishedNotice:
    """What the record holds of one published notice."""

    identity: dict[str, str]  # notice_id, ocid, notice_type, lang
    facts: dict[str, str]  # as facts.facts_of gives them
    changes: tuple[str, ...]  # change_record of each entry, in order
    path: str | None = None  # the file it was published from, when known

    @property
    def key(self) -> tuple[str, str]:
        return (self.identity["notice_id"], self.identity["lang"])


def published_from(notice: Notice, path: str | None = None) -> PublishedNotice:
    """The record of ``notice`` as it is now (what publishing it would record)."""
    return PublishedNotice(
        identity=identity_of(notice),
        facts=dict(notice.facts),
        changes=tuple(change_record(change) for change in notice.changes),
        path=path,
    )


def identity_of(notice: Notice) -> dict[str, str]:
    return {
        "notice_id": notice.notice_id,
        "ocid": notice.ocid,
        "notice_type": notice.notice_type.value,
        "lang": notice.lang,
    }


def change_record(change: Change) -> str:
    """A change entry as canonical text: edited in any way, it is another text."""
    return canonical(change_json(change))


def change_json(change: Change) -> dict[str, object]:
    return {
        "date": change.date.astimezone(UTC).isoformat(),
        "summary": change.summary,
        "fields": [
            {"field": touched.field, "from": touched.old, "to": touched.new}
            for touched in change.touched
        ],
        "formal": change.formal,
        "correction": change.correction,
    }


def same_change(published: str, now: str) -> bool:
    """Whether a change entry is as published. Filling in is not editing (an old file brought
    up to date): a field named without values may be given them, or named more exactly
    (``lots`` as ``lots.3.value.amount``); a value given is kept."""
    if published == now:
        return True
    old, new = json.loads(published), json.loads(now)
    old_fields, new_fields = old.pop("fields"), new.pop("fields")
    if old != new:
        return False
    given = [field for field in old_fields if field["from"] is not None or field["to"] is not None]
    return (
        all(field in new_fields for field in given)
        and all(any(names(o["field"], n["field"]) for n in new_fields) for o in old_fields)
        and all(any(names(o["field"], n["field"]) for o in old_fields) for n in new_fields)
    )


@dataclass(frozen=True)
class Edited:
    """A notice of the site now, with its file's source (for lines)."""

    notice: Notice
    source: NoticeSource


def match(
    notices: Iterable[Notice], published: Iterable[PublishedNotice]
) -> list[tuple[Notice, PublishedNotice]]:
    """Each notice with its published version: by id and language, else by file, else by
    ocid, type and language when only one published notice has them."""
    records = {id(record): record for record in published}
    left = list(notices)
    pairs: list[tuple[Notice, PublishedNotice]] = []
    for key_of, record_key in (
        (lambda n: n.key, lambda r: r.key),
        (lambda n: n.source_path, lambda r: r.path),
        (_slot_of_notice, _slot_of_record),
    ):
        found: dict[object, list[PublishedNotice]] = {}
        for record in records.values():
            found.setdefault(record_key(record), []).append(record)
        unmatched = []
        for notice in left:
            same = found.get(key_of(notice), [])
            if len(same) == 1 and id(same[0]) in records:
                pairs.append((notice, records.pop(id(same[0]))))
            else:
                unmatched.append(notice)
        left = unmatched
    return pairs


def _slot_of_notice(notice: Notice) -> tuple[str, str, str]:
    return (notice.ocid, notice.notice_type.value, notice.lang)


def _slot_of_record(record: PublishedNotice) -> tuple[str, str, str]:
    return (record.identity["ocid"], record.identity["notice_type"], record.identity["lang"])


def record_problems(edited: Edited, published: PublishedNotice, now: datetime) -> list[Problem]:
    """Everything in ``edited`` that departs from its published version without saying so."""
    notice, source = edited.notice, edited.source
    problems = [
        source.problem(
            (field,),
            f"was {old} when published, now {new}",
            f"{_KEEP}: put back {old} (a new procurement is a new notice)",
        )
        for field, old in published.identity.items()
        if old != (new := identity_of(notice)[field])
    ]
    now_changes = tuple(change_record(change) for change in notice.changes)
    kept = len(published.changes)
    if len(now_changes) < kept:
        problems.append(
            source.problem(
                ("changes",),
                f"{kept} change entries were published, now {len(now_changes)}",
                "the list only grows: put back the entries removed, and add a new one for "
                "what changed",
            )
        )
        return problems
    problems += [
        source.problem(
            ("changes", number - 1),
            f"change {number} differs from the one published",
            "a published change is never edited: put it back as it was, and add a new entry",
        )
        for number, (old, new) in enumerate(
            zip(published.changes, now_changes[:kept], strict=True), 1
        )
        if not same_change(old, new)
    ]
    new_changes = notice.changes[kept:]
    problems += _unannounced(source, published.facts, dict(notice.facts), new_changes, now)
    problems += _wrong_values(source, published.facts, dict(notice.facts), new_changes)
    return problems


def _unannounced(
    source: NoticeSource,
    old_facts: dict[str, str],
    new_facts: dict[str, str],
    new_changes: tuple[Change, ...],
    now: datetime,
) -> list[Problem]:
    named = [field for change in new_changes for field in change.fields]
    problems = []
    for fact in sorted(old_facts.keys() | new_facts.keys()):
        old, new = old_facts.get(fact), new_facts.get(fact)
        if old == new or any(names(field, fact) for field in named):
            continue
        problems.append(
            source.problem(
                _path(fact),
                f"changed from {_said(old)} to {_said(new)} since it was published, "
                "with no change entry naming it",
                f"add to changes: {_entry_to_add(fact, old, new, now)} (or put back {_said(old)})",
            )
        )
    return problems


def _wrong_values(
    source: NoticeSource,
    old_facts: dict[str, str],
    new_facts: dict[str, str],
    new_changes: tuple[Change, ...],
) -> list[Problem]:
    """A new entry's ``from`` and ``to`` must be the published value and the value now."""
    problems = []
    for change in new_changes:
        for index, touched in enumerate(change.touched):
            at = ("changes", change.number - 1, "fields", index)
            for given, actual, word, when in (
                (touched.old, old_facts.get(touched.field), "from", "was published"),
                (touched.new, new_facts.get(touched.field), "to", "is now"),
            ):
                if given is None or touched.field not in old_facts.keys() | new_facts.keys():
                    continue
                if actual is None or _same(given, actual):
                    continue
                problems.append(
                    source.problem(
                        at,
                        f"change {change.number} says {touched.field} {word} {given!r}, "
                        f"but it {when} {_said(actual)}",
                        f"make '{word}' {_said(actual)}",
                    )
                )
    return problems


def _same(given: str, actual: str) -> bool:
    """A value as a change entry writes it against a fact's canonical text (a fact made of
    records, such as ``documents``, is not compared: the entry may name it any way)."""
    value = json.loads(actual)
    if isinstance(value, dict) or (isinstance(value, list) and not all(map(_plain, value))):
        return True
    if canonical(given) == actual:
        return True
    if isinstance(value, list):
        return canonical([part.strip() for part in given.split(",")]) == actual
    return False


def _plain(value: object) -> bool:
    return not isinstance(value, dict | list)


def _said(text: str | None) -> str:
    return "(none)" if text is None else shown(text)


def _path(fact: str) -> tuple[str | int, ...]:
    return tuple(fact.split("."))


def _entry_to_add(fact: str, old: str | None, new: str | None, now: datetime) -> str:
    moved = f"field: {fact}"
    if old is not None and _scalar(old):
        moved += f", from: {_yaml(old)}"
    if new is not None and _scalar(new):
        moved += f", to: {_yaml(new)}"
    when = now.astimezone(UTC).replace(microsecond=0).isoformat()
    return f"- {{date: {when}, summary: <why it changed>, fields: [{{{moved}}}]}}"


def _scalar(text: str) -> bool:
    return not isinstance(json.loads(text), list | dict)


def _yaml(text: str) -> str:
    value = json.loads(text)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
