"""One set of facts per notice: a translation that gives another date, value or code than
its original is refused, naming both files; its own words are its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.notices.check import check_files
from tests.sites import CONTENT

ENGLISH = CONTENT / "notices" / "2026" / "library-stock-supply.md"
WELSH = CONTENT / "notices" / "2026" / "library-stock-supply.cy.md"


def pair(folder: Path, old: str = "", new: str = "") -> list[Path]:
    english, welsh = folder / ENGLISH.name, folder / WELSH.name
    english.write_bytes(ENGLISH.read_bytes())
    text = WELSH.read_text(encoding="utf-8")
    assert not old or text.count(old) == 1, old
    welsh.write_text(text.replace(old, new), encoding="utf-8")
    return [english, welsh]


def test_the_samples_translation_repeats_its_originals_facts(tmp_path: Path) -> None:
    assert check_files(pair(tmp_path), tmp_path).errors == ()


@pytest.mark.parametrize(
    ("old", "new", "field", "said"),
    [
        (
            "  tender: 2026-12-11T12:00:00+00:00",
            "  tender: 2026-12-28T12:00:00+00:00",
            "deadlines.tender",
            "2026-12-28T12:00:00+00:00 here, but 2026-12-11T12:00:00+00:00 in the original",
        ),
        (
            "  amount_gross: 1600000",
            "  amount_gross: 1920000",
            "value.amount_gross",
            "1920000 here, but 1600000",
        ),
        (
            "regions: [TLL14]",
            "regions: [TLL12]",
            "regions[0]",
            "TLL12 here, but TLL14 in the original",
        ),
        (
            "value: {amount: 720000}",
            "value: {amount: 730000}",
            "lots[0].value.amount",
            "730000 here",
        ),
    ],
)
def test_a_translation_with_another_fact_is_refused_naming_both_files(
    tmp_path: Path, old: str, new: str, field: str, said: str
) -> None:
    files = pair(tmp_path, old, new)
    [problem] = check_files(files, tmp_path).errors
    assert problem.path == WELSH.name
    assert problem.field == field
    assert said in problem.message and problem.message.endswith(f"in the original {ENGLISH.name}")
    lines = WELSH.read_text(encoding="utf-8").split("\n")
    top = field.split(".")[0].split("[")[0]
    wanted = "  tender:" if top == "deadlines" else f"{top}:"
    assert lines[problem.line - 1].startswith(wanted)  # the field's line


def test_a_translations_words_are_its_own(tmp_path: Path) -> None:
    files = pair(tmp_path, "  name: Cyngor Sir Afonwy", "  name: Cyngor Sir Afonwy (Caffael)")
    assert check_files(files, tmp_path).errors == ()


def test_places_and_extensions_in_words_are_a_translations_own(tmp_path: Path) -> None:
    english, welsh = pair(tmp_path)
    for path, words in (
        (english, ("Every library", "One more year")),
        (welsh, ("Pob llyfrgell", "Blwyddyn arall")),
    ):
        text = path.read_text(encoding="utf-8").replace(
            "regions: [TLL14]", f"regions: [TLL14]\nplaces: [{{area: Wales}}, {{text: {words[0]}}}]"
        )
        path.write_text(text.replace("  end: ", f"  extensions: {words[1]}\n  end: ", 1), "utf-8")
    assert "places:" in welsh.read_text(encoding="utf-8")
    assert "extensions: Blwyddyn arall" in welsh.read_text(encoding="utf-8")
    assert check_files([english, welsh], tmp_path).errors == ()
    welsh.write_text(welsh.read_text(encoding="utf-8").replace("area: Wales", "area: UK"), "utf-8")
    [problem] = check_files([english, welsh], tmp_path).errors
    assert problem.field == "places[0].area"
