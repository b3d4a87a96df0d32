"""The OCDS 1.1.5 release schema with extensions applied, from the copies on disk.

As ocdsextensionregistry builds a profile: each extension's ``release-schema.json`` is a
JSON Merge Patch (RFC 7396) applied in turn to the core release schema. The extensions are
the ones in ``plugins/ocds/data/extensions/``, found by the URL a package declares.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from plugins.ocds import extensions

DATA = Path(__file__).parent.parent.parent / "plugins" / "ocds" / "data"
# Declared URL → folder of its copy (see plugins/ocds/data/extensions/SOURCES.md).
FOLDERS = {
    extensions.LOTS: "lots",
    extensions.LOCATION: "location",
    extensions.SUITABILITY: "suitability",
    extensions.SCALE: "partyDetails_scale",
    extensions.LEGAL_BASIS: "legalBasis",
    extensions.RENEWAL: "renewal",
    extensions.AWARD_CRITERIA: "awardCriteria",
    extensions.UK: "uk",
    extensions.METRICS: "metrics",
    extensions.PERFORMANCE_FAILURES: "performance_failures",
    extensions.TECHNIQUES: "techniques",
}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge member by member, ``null`` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def core_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = _json(DATA / name)
    return schema


@cache
def release_schema(declared: frozenset[str]) -> dict[str, Any]:
    """The core release schema patched by the declared extensions (unknown ones ignored)."""
    schema = core_schema("release-schema.json")
    for url in sorted(declared):
        if url in FOLDERS:
            schema = merge_patch(
                schema, _json(DATA / "extensions" / FOLDERS[url] / "release-schema.json")
            )
    return schema


def unknown_extensions(declared: list[Any]) -> list[str]:
    return [
        f"extensions: {url!r} has no copy to validate against"
        for url in declared
        if url not in FOLDERS
    ]
