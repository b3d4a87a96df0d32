"""Properties over generated and mutated notice files (Hypothesis).

1. Checking a file never crashes (no "could not be read" problem, which only an unexpected
   exception gives), never hangs (a deadline per example) and says each problem in one line.
2. Whatever the check accepts is published whole: every output is made from it, and its
   announcements pass the publisher's schema; a batch of accepted files builds with Pelican.

The suite runs a bounded, fixed set of examples; ``invoke fuzz --examples 2000`` explores more.
Hypothesis keeps no example database in the repository (``database=None``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import jsonschema_rs
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from plugins.calendars.ics import render as calendar_files
from plugins.cards.cards import site_cards
from plugins.feeds.build import feed_files
from plugins.notices.check import CheckReport, check_files
from plugins.notices.model import Notice
from plugins.notices.output import in_memory
from plugins.notices.rules import is_copy_gap
from plugins.notices.site import assemble
from plugins.ocds.package import ocds_files
from plugins.opendata.announcements import announcement_chunks
from plugins.opendata.notices_index import notices_index_chunks
from plugins.pelican_adapter.settings import site_config
from tests.fuzz_notices import SAMPLES, as_file, copy_lacking, new_words, notice_files_strategy
from tests.sites import CONTENT, ROOT, SAMPLE_CLOCK, SAMPLE_URL, pelican_build

EXAMPLES = int(os.environ.get("NOTICEBOARD_FUZZ_EXAMPLES", "60"))
# The suite tries the same examples every run, so CI is never red by chance; invoke fuzz
# (which sets NOTICEBOARD_FUZZ_EXAMPLES) explores new ones each time.
EXPLORE = "NOTICEBOARD_FUZZ_EXAMPLES" in os.environ
# A third of the examples (at least 10), for the tests whose every example is a whole notice.
FEWER_EXAMPLES = settings(
    max_examples=max(EXAMPLES // 3, 10),
    deadline=timedelta(seconds=10),
    database=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONFIG = site_config(ROOT / "pelicanconf.py")  # the sample site's, as the build reads it
PREFIXES = CONFIG.ocds.ocid_prefixes
ANNOUNCEMENTS_SCHEMA = json.loads(
    (ROOT / "plugins" / "contract" / "announcements.schema.json").read_text(encoding="utf-8")
)
ACCEPTED: list[str] = []  # texts the check accepted, built together by the last test
BATCH = 40


def check_one(folder: Path, name: str, text: str) -> CheckReport | None:
    """The check's report on one file, or None when the file system refuses the name."""
    try:
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    except (OSError, ValueError):
        return None
    return check_files([folder / name], folder, ocid_prefixes=PREFIXES)


def publish_everything(notice: Notice) -> None:
    """Every output the build makes, from a site of this one notice."""
    clock = max(SAMPLE_CLOCK, notice.published)
    prefix = "" if notice.lang == "en" else f"{notice.lang}/"
    page = (notice, f"{prefix}notices/{notice.slug}/")
    site = assemble([page], url=SAMPLE_URL, name="Fuzz council", clock=clock)
    in_memory(feed_files(site, CONFIG.feeds))
    in_memory(calendar_files(site, CONFIG.calendars))
    in_memory(ocds_files(site, CONFIG.ocds))
    json.loads(b"".join(notices_index_chunks(site)))
    in_memory(site_cards(site))
    announcements = json.loads(b"".join(announcement_chunks(site, hashtags=("Fuzz",))))
    validator = jsonschema_rs.Draft7Validator(ANNOUNCEMENTS_SCHEMA, validate_formats=True)
    errors = [error.message for error in validator.iter_errors(announcements)]
    assert errors == [], errors


@settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    database=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(notice_files_strategy)
def test_check_never_crashes_and_what_it_accepts_is_published(example: tuple[str, str]) -> None:
    check_and_publish(*example)


def check_and_publish(name: str, text: str) -> None:
    """Check one file; if the check accepts it, make every output of it and keep it for the
    build test."""
    with tempfile.TemporaryDirectory() as folder:
        report = check_one(Path(folder), name, text)
        assume(report is not None)
        assert report is not None
        crashes = [str(p) for p in report.problems if "could not be read" in p.message]
        assert crashes == []
        assert all("\n" not in str(problem) for problem in report.problems)
        notice = report.loaded[0].notice if report.loaded else None
        if report.errors or notice is None:
            event("refused")
            return
        event("accepted")
        publish_everything(notice)
        if len(ACCEPTED) < BATCH:
            ACCEPTED.append(text)


@FEWER_EXAMPLES
@given(st.sampled_from(SAMPLES).flatmap(new_words))
def test_any_words_a_buyer_writes_are_accepted_and_published(text: str) -> None:
    """Titles, summaries, bodies and amounts of any printable text: the check accepts nearly
    all of them, so the build test below always has accepted files, whatever the mix of the
    examples above (which shifts whenever the schema does)."""
    check_and_publish("notice.md", text)


@FEWER_EXAMPLES
@given(copy_lacking())
def test_a_copy_lacking_what_find_a_tender_omits_is_accepted_and_published(
    example: tuple[str, str],
) -> None:
    """A copy of a Find a Tender notice without its tender deadline, value, places,
    suitability, contract period, suppliers… (as real ones are) is only warned of, and every
    output is made of it: an open tender with no closing date, an award with no supplier."""
    with tempfile.TemporaryDirectory() as folder:
        report = check_one(Path(folder), *example)
        assert report is not None and report.errors == (), [str(p) for p in report.errors]
        assert any(is_copy_gap(problem) for problem in report.warnings)
    check_and_publish(*example)


def test_accepted_notices_build_with_pelican(tmp_path: Path) -> None:
    """The accepted files, given their own ids, build into one site with Pelican."""
    if not ACCEPTED:  # run alone: make some first
        test_check_never_crashes_and_what_it_accepts_is_published()
    assert ACCEPTED, "no generated notice was accepted: the strategies need mending"
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "pages", content / "pages")
    (content / "notices").mkdir()
    for number, text in enumerate(ACCEPTED):
        _, front, body = text.split("---\n", 2)
        data = yaml.load(front, Loader=yaml.SafeLoader)
        data.update(notice_id=f"FUZZ-{number}", ocid=f"ocds-h6vhtk-fuzz{number}", lang="en")
        if "notice_id" in (data.get("find_a_tender") or {}):  # a copy stays a copy
            fts = f"{900000 + number}-2026"
            url = f"https://www.find-tender.service.gov.uk/Notice/{fts}"
            data["find_a_tender"] = {"notice_id": fts, "url": url}
        data["legal_basis"] = "PCR2015"  # never held for a Find a Tender link
        data["above_threshold"] = False
        (content / "notices" / f"fuzz-{number}.md").write_text(as_file(data, body), "utf-8")
    report = check_files(sorted((content / "notices").glob("*.md")), content)
    kept = {item.path for item in report.loaded if item.notice is not None} - {
        problem.path for problem in report.errors
    }
    for item in report.loaded:
        if item.path not in kept:
            (content / item.path).unlink()
    assert kept
    output = tmp_path / "output"
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    announcements = json.loads((output / "announcements.json").read_text(encoding="utf-8"))
    validator = jsonschema_rs.Draft7Validator(ANNOUNCEMENTS_SCHEMA, validate_formats=True)
    assert [error.message for error in validator.iter_errors(announcements)] == []
