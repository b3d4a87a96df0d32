"""Check every notice under a folder: what ``invoke check`` runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import find_a_tender_first
from .bulk import read_notices
from .files import is_notice_file, lookalike_problem, notice_files, scan
from .find_a_tender_first import Mode
from .load import LoadedNotice, display_path
from .placeholder_mode import graded
from .problems import Problem
from .published import Record
from .record_check import edits_to_record
from .sitewide import Located, sitewide_problems
from .store import NoticeStore

__all__ = ["CheckReport", "check_files", "files_to_check", "named_paths", "notice_files"]


@dataclass(frozen=True)
class CheckReport:
    loaded: tuple[LoadedNotice, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that fail the check (and would fail the build)."""
        return tuple(problem for problem in self.problems if not problem.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What the check says without failing, such as notices held back."""
        return tuple(problem for problem in self.problems if problem.warning)


def named_paths(text: str) -> list[Path]:
    """The paths in ``invoke check --paths``: one a line when there are several lines (so a
    file name may hold spaces, as pre-commit passes them), else separated by spaces."""
    names = text.splitlines() if "\n" in text else text.split()
    return [Path(name) for name in names if name.strip()]


def files_to_check(given: list[Path]) -> list[Path]:
    """The files named, and in each folder named its notices and what only looks like one."""
    found: list[Path] = []
    for path in given:
        notices, lookalikes = scan(path) if path.is_dir() else ([path], [])
        found += notices + lookalikes
    return found


def check_files(
    paths: list[Path],
    relative_to: Path,
    find_a_tender_mode: Mode | None = None,
    store: NoticeStore | None = None,
    ocid_prefixes: tuple[str, ...] = (),
    default_lang: str = "en",
    *,
    within: list[Path] | None = None,
    record: Record | None = None,
    clock: datetime | None = None,
    placeholders_fail: bool = False,
) -> CheckReport:
    """Check each file (unchanged ones from ``store``), the rules that span files, then what
    is held back.

    ``find_a_tender_mode`` is the site's NOTICES_FIND_A_TENDER_FIRST (None: its default);
    ``ocid_prefixes`` its OCDS_OCID_PREFIX (empty: any prefix); ``default_lang`` its
    DEFAULT_LANG, the language of the originals translations are judged against.
    ``within``, the site's files, makes the check of ``paths`` the full check's verdict on
    them (translations, duplicate ids and procurements are judged across the whole site).
    ``record``, what was published, has edits to it checked (``record.py``) as of ``clock``.
    ``placeholders_fail`` makes placeholders errors (``placeholder_mode.placeholders_fail``).
    """
    if within is not None:
        named = {display_path(path, relative_to) for path in paths}
        same = {path.resolve() for path in paths}  # a file named and found is read once
        everything = [*paths, *(path for path in within if path.resolve() not in same)]
        whole = check_files(
            everything,
            relative_to,
            find_a_tender_mode,
            store,
            ocid_prefixes,
            default_lang,
            record=record,
            clock=clock,
            placeholders_fail=placeholders_fail,
        )
        return CheckReport(
            tuple(item for item in whole.loaded if item.path in named),
            tuple(problem for problem in whole.problems if problem.path in named),
        )
    lookalikes = [path for path in paths if not is_notice_file(path)]
    paths = [path for path in paths if is_notice_file(path)]
    files = [(path, display_path(path, relative_to)) for path in paths]
    reads = read_notices(files, store=store or NoticeStore(None), with_html=False)
    loaded = tuple(read.loaded for read in reads)
    problems = [lookalike_problem(path, display_path(path, relative_to)) for path in lookalikes]
    problems += [p for item in loaded for p in item.problems]
    problems += graded([p for item in loaded for p in item.warnings], placeholders_fail)
    valid = [Located(item.notice, item.id_line, item.lines) for item in loaded if item.notice]
    problems += sitewide_problems(valid, default_lang)
    problems += _held(paths, loaded, find_a_tender_mode or Mode.HOLD_NOTICE)
    problems += _foreign_ocids(loaded, ocid_prefixes)
    if record is not None:
        problems += edits_to_record(paths, loaded, record, clock or datetime.now(UTC))
    return CheckReport(loaded, tuple(sorted(problems)))


def _held(paths: list[Path], loaded: tuple[LoadedNotice, ...], mode: Mode) -> list[Problem]:
    """One line per valid notice that waits for its Find a Tender link (read again for its line)."""
    found = (
        find_a_tender_first.file_problem(path, item.path, mode)
        for path, item in zip(paths, loaded, strict=True)
        if item.notice is not None and find_a_tender_first.waiting(item.notice)
    )
    return [problem for problem in found if problem is not None]


def _foreign_ocids(loaded: tuple[LoadedNotice, ...], prefixes: tuple[str, ...]) -> list[Problem]:
    """Notices whose ocid has none of the site's prefixes (the build refuses them)."""
    return [
        Problem(
            item.path,
            item.ocid_line,
            "ocid",
            f"ocid {item.notice.ocid} does not start with one of this site's prefixes "
            f"({', '.join(prefixes)})",
            "use the Find a Tender ocid, or one with the council's registered prefix "
            "(OCDS_OCID_PREFIX in pelicanconf.py)",
        )
        for item in loaded
        if prefixes
        and item.notice is not None
        and not item.notice.ocid.startswith(tuple(f"{prefix}-" for prefix in prefixes))
    ]
