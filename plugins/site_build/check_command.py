"""``invoke check``: every notice (or the files named, judged within the whole site), checked
by the site's own settings, and against the published record when there is one."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from plugins.config import Config
from plugins.notices.check import check_files, files_to_check, named_paths
from plugins.notices.placeholder_mode import placeholders_fail
from plugins.notices.published import Record, RecordUnavailable, default_revision, read_record
from plugins.notices.store import NoticeStore

NO_RECORD = "not compared with what was published (no origin/main here: see --against)"


@dataclass(frozen=True)
class CheckRequest:
    root: Path  # the site's repository
    notices: Path  # content/notices
    paths: str = ""  # as ``--paths`` gives them: only these files
    against: str = ""  # a git revision, a notices.json file or address; "" for the default
    github: bool = False  # problems as GitHub Actions annotations


class CheckFailed(Exception):
    """The check could not run (settings, record): the message says why."""


def run_check(request: CheckRequest, config: Config) -> bool:
    """Print every problem, then a summary on stderr; True when nothing fails the check.

    ``config`` is the site's own (read as the build reads it): notices are judged by it.
    """
    record, unrecorded = _record(request, config)
    named = named_paths(request.paths)
    report = check_files(
        files_to_check(named or [request.notices]),
        request.root,
        config.notices.find_a_tender_first,
        NoticeStore(config.notices.cache),  # the build's, so unchanged notices aren't read again
        ocid_prefixes=config.ocds.ocid_prefixes,
        default_lang=config.default_lang,
        within=files_to_check([request.notices]) if named else None,
        record=record,
        clock=config.clock,
        placeholders_fail=placeholders_fail(
            config.notices.placeholders, request.notices, os.environ
        ),
    )
    for problem in report.problems:
        print(problem.as_github() if request.github else problem)
    errors, warnings = report.errors, report.warnings
    summary = (
        f"{len(report.loaded)} notices checked, {len({p.path for p in errors})} with problems, "
        f"{len(errors)} problems"
    )
    summary += f", {len(warnings)} warnings" if warnings else ""
    summary += f"; against {record.source}" if record else f"; {unrecorded}"
    print(summary, file=sys.stderr)
    return not errors


DEPLOYED = "deployed"  # --against deployed: the site's own notices.json at its address


def _record(request: CheckRequest, config: Config) -> tuple[Record | None, str]:
    """What was published: as asked, else ``origin/main`` when there is one, else nothing.

    ``deployed`` is the site's ``notices.json`` at NOTICES_SITE_URL (what the publish job
    compares with, whatever reached ``main``); a site not deployed yet, or not reachable, is
    said and skipped, as the pull request's check is the gate.
    """
    against = request.against or default_revision(request.root)
    if not against:
        return None, NO_RECORD
    mode, clock = config.notices.find_a_tender_first, config.clock
    if against == DEPLOYED:
        address = f"{config.site_url}/notices.json"
        try:
            return read_record(address, request.root, request.notices, mode, clock), ""
        except RecordUnavailable as error:
            return None, f"not compared with the deployed site ({error})"
    try:
        return read_record(against, request.root, request.notices, mode, clock), ""
    except RecordUnavailable as error:
        raise CheckFailed(f"--against: {error}") from None
