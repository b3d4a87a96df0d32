"""Find a Tender's rationale codes in words: a termination's reason and a contract change's
grounds given only as codes are shown as their labels, in English and Welsh; the buyer's own
words are shown as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.notices.rationale_codes import rationale_text
from tests.sites import pelican_build
from tests.theme_pages import page

SAMPLE = Path(__file__).parent.parent / "content" / "notices" / "2026"
TERMINATION = "pay-and-display-maintenance-termination"
CHANGE = "waste-haulage-contract-change"


def test_codes_alone_are_put_in_words_and_the_buyers_words_kept() -> None:
    codes = "additionalGoodsServicesWorks; providedContract"
    assert rationale_text(codes, "en") == (
        "Additional goods, services or works; Provided for in the contract"
    )
    assert rationale_text("contractCompleted", "cy") == "Contract wedi'i gwblhau"
    assert rationale_text("mutuallyAgreed", "en") == "Ended by mutual agreement"
    assert rationale_text("The fire could not be foreseen", "en") == (
        "The fire could not be foreseen"
    )
    assert rationale_text("contractCompleted; the supplier left", "en") == (
        "contractCompleted; the supplier left"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rationale")
    notices = root / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    termination = (SAMPLE / f"{TERMINATION}.md").read_text(encoding="utf-8")
    termination = re.sub(r"(?m)^  reason: .*$", "  reason: contractCompleted", termination)
    (notices / f"{TERMINATION}.md").write_text(termination, encoding="utf-8")
    change = (SAMPLE / f"{CHANGE}.md").read_text(encoding="utf-8")
    grounds = "  grounds: unforeseeableCircumstances; additionalGoodsServicesWorks"
    change = re.sub(r"(?m)^  grounds: .*$", grounds, change)
    (notices / f"{CHANGE}.md").write_text(change, encoding="utf-8")
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout
    return root / "output"


def _words(built: Path, path: str) -> str:
    return " ".join(page(built, path).get_text().split())


def test_the_page_gives_the_codes_in_words(built: Path) -> None:
    termination = _words(built, f"notices/{TERMINATION}/")
    assert "Contract completed" in termination and "contractCompleted" not in termination
    change = _words(built, f"notices/{CHANGE}/")
    assert "Unforeseeable circumstances; Additional goods, services or works" in change
    assert "unforeseeableCircumstances" not in change


def test_the_welsh_page_gives_them_in_welsh(built: Path) -> None:
    assert "Contract wedi'i gwblhau" in _words(built, f"cy/notices/{TERMINATION}/")
    change = _words(built, f"cy/notices/{CHANGE}/")
    assert "Amgylchiadau na ellid eu rhagweld; Nwyddau, gwasanaethau neu waith ychwanegol" in change


def test_words_put_in_the_readers_language_are_not_marked_as_the_notices(built: Path) -> None:
    soup = page(built, f"cy/notices/{TERMINATION}/")
    (reason,) = [p for p in soup.select(".banner p") if p.get_text() == "Contract wedi'i gwblhau"]
    assert reason.get("lang") is None
