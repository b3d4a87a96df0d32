"""A release's related processes: the framework, earlier notice or process a notice links."""

from __future__ import annotations

from plugins.notices.model import Notice, RelatedProcess

from .compact import Json, compact


def related_processes(notice: Notice) -> list[Json]:
    return [_process(process) for process in notice.related]


def _process(process: RelatedProcess) -> Json:
    scheme, identifier = (
        ("ocid", process.ocid) if process.ocid else (process.scheme, process.identifier)
    )
    # Named by what it links, not by its place in the list: the notices of one procurement
    # then merge the same link in a compiled record and never overwrite a different one.
    named = f"{scheme}:{identifier}" if identifier else process.url
    return compact(
        {
            "id": f"{process.relationship}:{named}",
            "relationship": [process.relationship],
            "title": process.title,
            "scheme": scheme,
            "identifier": identifier,
            "uri": process.url,
        }
    )
