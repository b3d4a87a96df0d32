"""An incremental build writes what a clean build writes, byte for byte, after any edits.

Random sequences of edits (add, edit, translate, cancel or delete a notice; change a setting;
move the clock past deadlines; edit a template) are applied to a small site; after each
one, the keyed outputs (feeds, calendars, OCDS, open data, site files) are built into the
same output folder with the same cache, and compared with a clean build into fresh ones.
INCREMENTAL_EXAMPLES sets how many sequences run (a long run: INCREMENTAL_EXAMPLES=500).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.config import Config, load_config
from plugins.notices.check import notice_files
from plugins.notices.keyed import code_version
from plugins.notices.load import display_path, load_notice
from plugins.notices.site import Site, assemble
from plugins.pelican_adapter.outputs import PLUGINS, write_keyed_outputs
from tests.sites import CONTENT, ROOT, SAMPLE_CLOCK, SAMPLE_NAMES, pelican_build
from tests.test_reproducible import files

SAMPLE = CONTENT / "notices"
START = (
    "2026/library-stock-supply.md",
    "2026/leisure-centre-cafe-catering-tender.md",
    "2025/ev-charge-points-tender.md",
    "2026/afonwy-news-printing.md",
)
MORE = (
    "2026/ysgol-bro-afonwy-extension-tender.md",
    "2026/depot-solar-pv-battery-tender.md",
    "2026/school-meals-contract-award.md",
)
# A translation or cancellation is added only while what it translates or cancels is there.
TRANSLATIONS = {"2026/library-stock-supply.cy.md": "2026/library-stock-supply.md"}
CANCELLATIONS = {
    "2026/leisure-centre-cafe-catering-termination.md": "2026/leisure-centre-cafe-catering-tender.md",
    "2026/ev-charge-points-procurement-termination.md": "2025/ev-charge-points-tender.md",
}
SETTINGS: dict[str, tuple[Any, ...]] = {
    "FEEDS_MAX_ENTRIES": (100, 2),
    "FEEDS_REGIONS": (None, ("TLL",)),
    "CALENDARS_ALARM": ("P1D", None),
    "CALENDARS_PAST_DAYS": (365, 30, None),
    "NOTICES_TIMEZONE": ("Europe/London", "UTC"),
    "SITE_NAMES": (dict(SAMPLE_NAMES), {"cy": "Contractau Afonwy"}),
}
BASE = {
    "NOTICES_SITE_URL": "https://contracts.afonwy.gov.uk",
    "SITENAME": "Afonwy County Council contract opportunities",
    "SITE_LANGUAGES": ("en", "cy"),
    "SITE_NAMES": dict(SAMPLE_NAMES),
}
TITLE = re.compile(r"^(title: )(['\"]?)(.*?)\2$", re.M)
EXAMPLES = int(os.environ.get("INCREMENTAL_EXAMPLES", "10"))


@dataclass
class Project:
    """The site being edited: its content, settings, clock and theme, in ``folder``."""

    folder: Path
    settings: dict[str, Any] = field(default_factory=dict)
    clock: datetime = SAMPLE_CLOCK
    builds: int = 0

    @property
    def notices(self) -> Path:
        return self.folder / "content" / "notices"

    @property
    def theme(self) -> Path:
        return self.folder / "theme"

    def present(self) -> list[str]:
        return sorted(p.relative_to(self.notices).as_posix() for p in self.notices.rglob("*.md"))

    def add(self, name: str) -> None:
        (self.notices / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / name, self.notices / name)


def edits() -> st.SearchStrategy[tuple[Any, ...]]:
    pick = st.integers(0, 20)
    return st.one_of(
        st.tuples(st.just("add"), pick),
        st.tuples(st.just("edit"), pick),
        st.tuples(st.just("translate"), pick),
        st.tuples(st.just("cancel"), pick),
        st.tuples(st.just("delete"), pick),
        st.sampled_from(sorted(SETTINGS)).flatmap(
            lambda name: st.tuples(
                st.just("setting"), st.just(name), st.sampled_from(SETTINGS[name])
            )
        ),
        st.tuples(st.just("clock"), st.sampled_from((1, 5, 13, 40))),
        st.tuples(st.just("template"), pick),
    )


def apply(project: Project, edit: tuple[Any, ...]) -> None:
    """One edit of the content, settings, clock or theme (nothing when it cannot apply)."""
    kind, present = edit[0], project.present()
    if kind == "add":
        absent = [name for name in MORE + START if name not in present]
        if absent:
            project.add(absent[edit[1] % len(absent)])
    elif kind == "edit" and present:
        path = project.notices / present[edit[1] % len(present)]
        words = path.read_text(encoding="utf-8")
        path.write_text(TITLE.sub(r"\1\2\3 (revised)\2", words, count=1), encoding="utf-8")
    elif kind in ("translate", "cancel"):
        pairs = TRANSLATIONS if kind == "translate" else CANCELLATIONS
        can = [name for name, of in pairs.items() if of in present and name not in present]
        if can:
            project.add(can[edit[1] % len(can)])
    elif kind == "delete" and present:
        (project.notices / present[edit[1] % len(present)]).unlink()
    elif kind == "setting":
        project.settings[edit[1]] = edit[2]
    elif kind == "clock":
        project.clock += timedelta(days=edit[1])
    elif kind == "template":
        base = project.theme / "templates" / "base.html"
        base.write_text(base.read_text(encoding="utf-8") + f"\n{{# edit {edit[1]} #}}\n")


def config_of(project: Project, cache: Path) -> Config:
    return load_config(
        {
            **BASE,
            **project.settings,
            "NOTICES_CLOCK": project.clock.isoformat(),
            "PATH": str(project.folder / "content"),
            "CACHE_PATH": str(cache),
        }
    )


def site_of(project: Project, config: Config) -> Site:
    """Every valid notice published by the clock, at the paths Pelican gives them."""
    pages = []
    for path in notice_files(project.notices):
        notice = load_notice(path, display_path(path, project.folder)).notice
        if notice is not None and notice.published <= config.clock:
            prefix = "" if notice.lang == config.default_lang else f"{notice.lang}/"
            pages.append((notice, f"{prefix}notices/{notice.slug}/"))
    return assemble(
        pages,
        url=config.site_url,
        name=config.site_name,
        clock=config.clock,
        timezone=config.timezone,
        default_lang=config.default_lang,
        regions=config.feeds.regions,
        region_levels=config.feeds.region_levels,
        languages=config.languages,
        names=config.site_names,
    )


def build(project: Project, output: Path, cache: Path) -> dict[str, bytes]:
    """The keyed outputs, as the build writes them, into ``output`` with ``cache``."""
    config = config_of(project, cache)
    version = code_version(PLUGINS, project.theme)
    write_keyed_outputs(output, site_of(project, config), config, version)
    return files(output)


@contextmanager
def new_project() -> Iterator[Project]:
    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder))
        for name in START:
            project.add(name)
        shutil.copytree(ROOT / "themes" / "noticeboard", project.theme)
        yield project


def mismatches(incremental: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    return [
        name for name in sorted({*incremental, *clean}) if incremental.get(name) != clean.get(name)
    ]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(edits(), min_size=1, max_size=4))
def test_incremental_outputs_equal_clean_ones_after_any_edits(sequence: list[tuple[Any, ...]]):
    with new_project() as project:
        output, cache = project.folder / "output", project.folder / "cache"
        build(project, output, cache)
        for step, edit in enumerate(sequence):
            apply(project, edit)
            incremental = build(project, output, cache)
            fresh = project.folder / f"clean-{step}"
            clean = build(project, fresh / "output", fresh / "cache")
            assert mismatches(incremental, clean) == [], (sequence, edit)
            shutil.rmtree(fresh)


def test_an_unchanged_build_makes_nothing_and_one_edit_makes_only_what_shows_it(caplog):
    with new_project() as project:
        output, cache = project.folder / "output", project.folder / "cache"
        first = build(project, output, cache)
        caplog.clear()
        caplog.set_level("INFO", logger="plugins.pelican_adapter.outputs")
        assert build(project, output, cache) == first
        made = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Wrote")]
        assert made and all(_unchanged(line) == _total(line) for line in made), made
        apply(project, ("edit", sorted(START).index("2026/afonwy-news-printing.md")))
        caplog.clear()
        edited = build(project, output, cache)
        made = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Wrote")]
        changed = mismatches(edited, first)
        assert "feeds/all.atom" in changed and "calendar/deadlines.ics" in changed
        assert "feeds/procurements/ocds-h6vhtk-1c8f32.atom" not in changed
        assert sum(_total(line) - _unchanged(line) for line in made) < len(first) / 4


def test_a_damaged_kept_copy_is_made_again(tmp_path: Path):
    with new_project() as project:
        output, cache = project.folder / "output", project.folder / "cache"
        first = build(project, output, cache)
        kept = cache / "outputs" / "files" / "feeds" / "all.atom"
        kept.unlink()
        kept.write_bytes(b"garbage")
        shutil.rmtree(output)
        assert build(project, output, cache) == first


def test_an_unreadable_manifest_is_started_afresh(caplog):
    with new_project() as project:
        output, cache = project.folder / "output", project.folder / "cache"
        first = build(project, output, cache)
        (cache / "outputs" / "manifest.sqlite").write_bytes(b"not a database" * 100)
        assert build(project, output, cache) == first
        assert "the output cache starts afresh" in caplog.text
        assert build(project, project.folder / "again", cache) == first


def test_full_builds_with_a_kept_cache_equal_clean_ones(tmp_path: Path):
    """Through Pelican, as `invoke build` does (a fresh output folder each time, the cache
    kept): a notice added, a setting changed, a template edited, the clock moved."""
    with new_project() as project:
        cache = tmp_path / "cache"
        steps = [("add", 0), ("setting", "CALENDARS_ALARM", None), ("template", 1), ("clock", 13)]
        for step, edit in enumerate([None, *steps]):
            if edit is not None:
                apply(project, edit)
            incremental = _pelican(project, tmp_path / f"site-{step}", cache)
            clean = _pelican(project, tmp_path / f"clean-{step}", tmp_path / f"clean-{step}.cache")
            assert mismatches(incremental, clean) == [], edit


def _pelican(project: Project, output: Path, cache: Path) -> dict[str, bytes]:
    shutil.copytree(CONTENT / "pages", project.folder / "content" / "pages", dirs_exist_ok=True)
    settings = {
        **project.settings,
        "NOTICES_CLOCK": project.clock.isoformat(),
        "THEME": str(project.theme),
        "CACHE_PATH": str(cache),
        "NOTICES_FIND_A_TENDER_FIRST": "off",
    }
    result = pelican_build(
        project.folder / "content", output, "--fatal", "errors", settings=settings
    )
    assert result.returncode == 0, result.stdout
    return files(output)


def _total(line: str) -> int:
    return int(line.split()[1])


def _unchanged(line: str) -> int:
    return int(line.rsplit("(", 1)[1].split()[0])
