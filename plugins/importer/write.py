"""Write an imported notice as a file, or fold a later release into the notice already there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from plugins.notices.derive import slugify
from plugins.notices.scaffold import SCHEMA_LINE

from .existing import OnSite, identity, notices_on_site, slugs_on_site
from .ocds_parts import UK
from .ocds_release import Imported

SLUG_LIMIT = 80
_NOT_COMPARED = {"notice_id", "published", "changes", "updated"}


@dataclass(frozen=True)
class Written:
    path: Path
    action: str  # "new", "changed", "unchanged" or "skipped"
    detail: str = ""


class Site:
    """The notices under ``content/notices``, read once and kept up to date as files are written."""

    def __init__(self, content: Path) -> None:
        self.notices = content / "notices"
        self.by_key = notices_on_site(self.notices)
        self.slugs = slugs_on_site(self.notices)

    def write(self, imported: Imported, source: str) -> Written:
        """Write ``imported``; a later release of a notice there becomes a change entry on it,
        never a silent overwrite."""
        front = imported.front
        key = identity(front)
        there = self.by_key.get(key)
        if there is not None:
            written, merged = _amend(there, imported, source)
            self.by_key[key] = OnSite(there.path, merged, imported.body)
            return written
        published = front.get("published")
        year = published.astimezone(UK).year if isinstance(published, datetime) else "undated"
        slug = _free_slug(front, self.slugs)
        path = self.notices / str(year) / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(front, imported.body, imported.unmapped, source), encoding="utf-8")
        self.slugs.add(slug)
        self.by_key[key] = OnSite(path, front, imported.body)
        return Written(path, "new")


def render(front: dict[str, Any], body: str, unmapped: tuple[str, ...], source: str) -> str:
    """The notice file: front matter headed by what could not be carried over, then the body."""
    head = [SCHEMA_LINE, f"# Imported by invoke import from {_one_line(source)}."]
    if unmapped:
        head.append("# Not carried over (the format has no place for it, or the release")
        head.append("# does not give it): add what the notice needs, then delete these lines.")
        head += [f"#   - {_one_line(note)}" for note in unmapped]
    dumped = yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "---\n" + "\n".join(head) + "\n" + dumped + "---\n" + body.strip() + "\n"


class _Dumper(yaml.SafeDumper):
    """Writes a value met twice in full: notice files may not use YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _free_slug(front: dict[str, Any], taken: set[str]) -> str:
    base = slugify(str(front.get("title") or front.get("notice_id") or "notice"))
    base = base[:SLUG_LIMIT].rsplit("-", 1)[0] if len(base) > SLUG_LIMIT else base
    candidates = [base, f"{base}-{str(front.get('notice_type', '')).lower()}"]
    candidates += [f"{candidates[1]}-{n}" for n in range(2, 1000)]
    return next(slug for slug in candidates if slug and slug not in taken)


def _amend(there: OnSite, imported: Imported, source: str) -> tuple[Written, dict[str, Any]]:
    old, new = there.front, imported.front
    when = imported.released
    first = old.get("published")
    if not (isinstance(when, datetime) and isinstance(first, datetime) and when > first):
        return Written(there.path, "skipped", f"not later than the notice there ({first})"), old
    fields = _differences(old, new)
    if not fields:
        return Written(there.path, "unchanged"), old
    entry = {"date": when, "summary": _summary(imported, source), "fields": fields}
    merged = {**new, "notice_id": old["notice_id"], "published": first}
    merged["changes"] = [*(old.get("changes") or []), entry]
    text = render(merged, imported.body, imported.unmapped, source)
    there.path.write_text(text, encoding="utf-8")
    return Written(there.path, "changed", ", ".join(str(f["field"]) for f in fields)), merged


def _summary(imported: Imported, source: str) -> str:
    said = imported.reason or f"Updated from a later release in {source}"
    return _one_line(said, 300)


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """``{field, from, to}`` for each value that differs (a field's name alone when its old or
    new value is a list of records, which a change entry cannot hold)."""
    before, after = _leaves(old), _leaves(new)
    changed = []
    for name in [n for n in {**before, **after} if n.split(".")[0] not in _NOT_COMPARED]:
        if before.get(name) == after.get(name):
            continue
        entry: dict[str, Any] = {"field": name}
        for side, values in (("from", before), ("to", after)):
            if _plain(values.get(name)):
                entry[side] = values[name]
        changed.append(entry)
    return changed


def _leaves(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= _leaves(value, f"{name}.")
        else:
            out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def _plain(value: Any) -> bool:
    """Whether a change entry can hold the value (text, number, yes/no or a list of text)."""
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    return isinstance(value, str | int | float | bool)
