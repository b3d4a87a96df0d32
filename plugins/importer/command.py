"""``invoke import``: each source's releases become notice files, each then checked."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from plugins.notices.check import check_files, notice_files
from plugins.notices.find_a_tender_first import Mode
from plugins.notices.load import display_path
from plugins.notices.problems import Problem
from plugins.notices.rules import is_copy_gap

from .fetch import Portals, fetch_releases
from .half_updates import is_update, taken_back
from .ocds_parts import moment
from .ocds_release import map_release
from .sources import releases_in
from .watch import watched_releases
from .write import Site, Written

_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SiteRules:
    """The site's settings ``invoke check`` judges by (its defaults: any ocid prefix)."""

    find_a_tender_mode: Mode | None = None
    ocid_prefixes: tuple[str, ...] = ()
    default_lang: str = "en"


@dataclass(frozen=True)
class Outcome:
    written: Written
    unmapped: tuple[str, ...]
    errors: tuple[Problem, ...]

    @property
    def passes(self) -> bool:
        return not self.errors and self.written.action != "not written"


def import_files(
    sources: list[Path], content: Path, root: Path, rules: SiteRules | None = None
) -> list[Outcome]:
    """Import every release of every file (oldest first), then check what was written."""
    releases = [(release, str(src)) for src in sources for release in releases_in(src)]
    return import_releases(releases, content, root, rules)


def import_releases(
    releases: list[tuple[dict[str, Any], str]],
    content: Path,
    root: Path,
    rules: SiteRules | None = None,
) -> list[Outcome]:
    """Import (release, where it came from) pairs, oldest first, then check what was written."""
    releases = sorted(releases, key=lambda pair: moment(pair[0].get("date")) or _EARLIEST)
    site = Site(content)
    done: list[tuple[Written, tuple[str, ...]]] = []
    by_update: dict[Path, tuple[dict[str, Any], str]] = {}  # files an update release began
    for release, source in releases:
        imported = map_release(release)
        written = site.write(imported, source)
        if written.action == "new" and is_update(release):
            by_update[written.path] = (imported.front, source)
        done.append((written, imported.unmapped))
    rules = rules or SiteRules()
    report = check_files(
        notice_files(content / "notices"),
        root,
        rules.find_a_tender_mode,
        ocid_prefixes=rules.ocid_prefixes,
        default_lang=rules.default_lang,
    )
    outcomes = []
    for written, unmapped in done:
        shown = display_path(written.path, root)
        errors = tuple(p for p in report.errors if p.path == shown)
        lacks = tuple(p for p in report.warnings if p.path == shown and is_copy_gap(p))
        if (errors or lacks) and written.path in by_update:
            written = taken_back(written, *by_update[written.path])
            errors = errors or lacks  # why it was not written
        outcomes.append(Outcome(written, unmapped, errors))
    return outcomes


def report_lines(outcomes: list[Outcome], root: Path) -> Iterator[str]:
    """One line per notice written, what was not carried over, and the check's verdict."""
    for outcome in outcomes:
        written = outcome.written
        shown = display_path(written.path, root)
        detail = f" ({written.detail})" if written.detail else ""
        if written.action == "not written":
            yield f"not written: {written.detail}"
            continue
        verdict = "passes invoke check" if outcome.passes else "fails invoke check"
        yield f"{written.action}: {shown}{detail}: {verdict}"
        if written.action in ("new", "changed"):
            yield from (f"  not carried over: {note}" for note in outcome.unmapped)
        yield from (f"  the buyer must fix: {p.field}: {p.message}" for p in outcome.errors)
    notices = {outcome.written.path: outcome for outcome in outcomes}.values()
    passed = sum(outcome.passes for outcome in notices)
    yield (
        f"{len(outcomes)} release(s) imported into {len(notices)} notice file(s); "
        f"{passed} pass invoke check"
    )


def run_watch(
    buyer: str,
    since: datetime,
    content: Path,
    root: Path,
    portals: Portals | None = None,
    rules: SiteRules | None = None,
) -> list[str]:
    """``invoke import --buyer ID --since DATE``: the buyer's releases on Find a Tender
    updated since then, imported as ``run_import`` imports them; a quiet day says so."""
    portals = portals or Portals.from_environment(os.environ)
    with httpx.Client(headers={"Accept": "application/json"}) as client:
        releases = watched_releases(buyer, since, portals, client)
    if not releases:
        return [f"No release of buyer {buyer} on Find a Tender since {since.isoformat()}"]
    return list(report_lines(import_releases(releases, content, root, rules), root))


def run_import(
    sources: list[str],
    content: Path,
    root: Path,
    portals: Portals | None = None,
    rules: SiteRules | None = None,
) -> list[str]:
    """``invoke import --source FILE|NOTICE-ID ...``: the lines to print. SourceError (or
    FetchError) when a source gives no release; nothing is written then."""
    portals = portals or Portals.from_environment(os.environ)
    releases: list[tuple[dict[str, Any], str]] = []
    with httpx.Client(headers={"Accept": "application/json"}) as client:
        for source in sources:
            url = None if Path(source).exists() else portals.notice_url(source)
            if url is None:
                releases += [(release, source) for release in releases_in(Path(source))]
            else:
                releases += [(release, url) for release in fetch_releases(url, client)]
    return list(report_lines(import_releases(releases, content, root, rules), root))
