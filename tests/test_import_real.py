"""The real corpus: every release imports, nothing is invented, and the check's pass rate
does not fall (docs/importing.md gives the figure and what the failures need)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from plugins.importer.command import Outcome, import_files
from plugins.importer.existing import front_and_body
from plugins.importer.notice_type import uk_notice_type
from plugins.importer.ocds_parts import UK, moment
from tests.checks.ocds import ocds_problems
from tests.checks.opendata import opendata_problems
from tests.sites import pelican_build

CORPUS = Path(__file__).parent / "data" / "real_notices"
PORTAL_PREFIXES = ("ocds-b5fd17", "ocds-r6ebe6", "ocds-kuma6s", "ocds-h6vhtk")
# Notice files passing, reached on 2026-12-07 (docs/importing.md), with the check's default
# settings (any ocid prefix): raise it when the format or importer improves. 559 of 587 (95.2%)
# with Find a Tender's releases (518 of 585 before its notice types, copies' warnings and
# several awards; 358 of the 374 before those releases).
PASSING_AT_LEAST = 559
# Values the importer words itself, from a code or by rule, rather than copies.
_WORDED = {"notice_type", "legal_basis", "above_threshold", "procedure", "regions", "summary"}
_WORDED |= {"changes", "find_a_tender", "suitability", "submission.methods"}
_WORDED |= {"places.area", "performance.assessments.rating"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Outcome]]:
    root = tmp_path_factory.mktemp("site")
    return root, import_files(sorted(CORPUS.glob("*/*.json")), root / "content", root)


def test_the_corpus_is_many_real_notices_from_several_portals():
    files = sorted(CORPUS.glob("*/*.json"))
    prefixes = Counter(json.loads(f.read_text())["ocid"][:11] for f in files)
    assert len(files) >= 600
    assert set(prefixes) == set(PORTAL_PREFIXES)
    listed = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{f.relative_to(CORPUS)}`" in listed for f in files)


def test_find_a_tender_gives_the_procurement_acts_notices():
    """Find a Tender's releases: most of UK1 to UK17 as the portal types them, under the Act
    (legal basis UKPGA) and under the 2015 regulations (CELEX), from many buyers."""
    releases = [json.loads(f.read_text()) for f in (CORPUS / "find-a-tender").glob("*.json")]
    types = Counter(uk_notice_type(release) for release in releases)
    bases = Counter(release["tender"]["legalBasis"]["scheme"] for release in releases)
    buyers = {p["name"] for r in releases for p in r["parties"] if "buyer" in p.get("roles", [])}
    given = {f"UK{n}" for n in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15)}
    assert given <= set(types)
    assert types["UK4"] >= 20 and types["UK6"] >= 20 and types["UK7"] >= 20
    assert set(bases) == {"UKPGA", "CELEX"}
    assert len(buyers) >= 150


def test_the_pass_rate_does_not_fall(imported):
    _root, outcomes = imported
    notices = {outcome.written.path: outcome for outcome in outcomes}.values()
    passed = sum(outcome.passes for outcome in notices)
    reasons = Counter(reason for outcome in notices for reason in _reasons(outcome))
    print(f"\n{passed} of {len(notices)} notices ({len(outcomes)} releases) pass invoke check")
    for reason, count in reasons.most_common():
        print(f"{count:4} {reason}")
    assert passed >= PASSING_AT_LEAST
    assert passed >= 0.95 * len(notices)  # issue 15's acceptance


def test_every_release_gives_one_line_and_a_readable_file(imported):
    _root, outcomes = imported
    actions = {"new", "changed", "unchanged", "not written"}  # an update whose notice is absent
    assert {o.written.action for o in outcomes} <= actions
    written = [o for o in outcomes if o.written.action in ("new", "changed")]
    last = {outcome.written.path: outcome for outcome in written}  # what each file says now
    for outcome in last.values():
        read = front_and_body(outcome.written.path.read_text(encoding="utf-8"))
        assert read is not None, outcome.written.path
        head = outcome.written.path.read_text(encoding="utf-8").split("\nnotice_type:")[0]
        assert all(f"#   - {note.split()[0]}" in head for note in outcome.unmapped)


def test_no_fact_is_invented(imported):
    """Every text, number and date in a new notice is one the release gives."""
    _root, outcomes = imported
    changed = {o.written.path for o in outcomes if o.written.action == "changed"}
    changed |= {o.written.path for o in outcomes if o.written.action == "not written"}
    for outcome in [o for o in outcomes if o.written.path not in changed]:
        source = outcome.written.path.read_text(encoding="utf-8").split("from ")[1].split(".\n")[0]
        release = json.loads(Path(source).read_text(encoding="utf-8"))
        texts, numbers = _values(release)
        read = front_and_body(outcome.written.path.read_text(encoding="utf-8"))
        assert read is not None
        for name, value in _leaves(read[0]):
            if name.split(".")[0] in _WORDED or name in _WORDED:
                continue
            if isinstance(value, bool):
                continue
            if name.endswith("contract_period.duration"):  # durationInDays, written P1800D
                assert value.endswith("D") and int(value[1:-1]) in numbers, (name, value)
            elif isinstance(value, int | float):
                assert value in numbers, (outcome.written.path, name, value)
            elif isinstance(value, datetime | date):
                assert _day(value) in _days(texts), (outcome.written.path, name, value)
            elif name == "dynamic_market.conditions":  # each criterion a paragraph
                assert all(_copied(part, texts) for part in value.split("\n\n")), (name, value)
            elif name.endswith("award_criteria") and not _copied(value, texts):
                assert _worded_from(value, texts, numbers), (name, value)
            else:
                assert _copied(value, texts), (name, value)


def _copied(value: Any, texts: set[str]) -> bool:
    flat = " ".join(str(value).split())
    return any(flat in " ".join(t.split()) for t in texts)


# The importer's own words in a lot's award criteria it writes from their parts.
_CRITERIA_WORDS = {"points", "order"}
_WORD = re.compile(r"\w+(?:\.\d+)?")


def _worded_from(value: str, texts: set[str], numbers: set[float]) -> bool:
    """Award criteria written from a lot's criteria (``Technical (quality): 70%``): every word
    and number in them is one the release gives (or the importer's ``points``, ``order``)."""
    given = {word for text in texts for word in _WORD.findall(text.lower())}
    given |= {f"{n:g}" for n in numbers} | _CRITERIA_WORDS
    return all(word in given for word in _WORD.findall(value.lower()))


def _day(value: date) -> date:
    return value.astimezone(UK).date() if isinstance(value, datetime) else value


def _days(texts: set[str]) -> set[date]:
    """The UK days the release's date-times fall on."""
    days = set()
    for text in texts:
        parsed = moment(text)
        if parsed:
            days.add(parsed.astimezone(UK).date())
    return days


def _reasons(outcome: Outcome) -> set[str]:
    return {re.sub(r"\[\d+\]", "[]", f"{p.field}: {p.message}") for p in outcome.errors}


def _leaves(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, f"{prefix}{k}.")]
    if isinstance(data, list):
        return [leaf for v in data for leaf in _leaves(v, prefix)]
    return [(prefix.rstrip("."), data)]


def _values(data: Any) -> tuple[set[str], set[float]]:
    texts: set[str] = set()
    numbers: set[float] = set()
    for _, value in _leaves(data):
        if isinstance(value, str):
            texts.add(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            numbers.add(value)
    return texts, numbers


def test_every_notice_that_passes_builds(imported, tmp_path):
    """With the portals' prefixes accepted and nothing held for a Find a Tender link (none of
    these notices has one), every imported notice that passes the check is built."""
    _root, outcomes = imported
    passing = {o.written.path for o in outcomes if o.passes}
    content = tmp_path / "content"
    for path in passing:
        (content / "notices" / path.name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, content / "notices" / path.name)
    settings = {"NOTICES_FIND_A_TENDER_FIRST": "off", "OCDS_OCID_PREFIX": list(PORTAL_PREFIXES)}
    result = pelican_build(content, tmp_path / "output", "--fatal", "errors", settings=settings)
    assert result.returncode == 0, result.stdout
    pages = list((tmp_path / "output" / "notices").glob("*/index.html"))
    assert len(pages) == len(passing)
    # Their open data is valid: OCDS against core and every extension it declares, and the
    # site's own notices.json and announcements.json (buyers without an id among them).
    assert ocds_problems(tmp_path / "output") == []
    assert opendata_problems(tmp_path / "output") == []
