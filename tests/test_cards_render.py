"""Drawing a card: size, weight, determinism, fitting long titles, missing glyphs."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image

from plugins.cards.render import HEIGHT, TITLE_SIZES, WIDTH, drawable, fit_title, font, render, wrap
from plugins.cards.text import CardText

TEXT = CardText(
    caption="Tender notice",
    status="Open",
    title="Highway resurfacing and surface dressing framework 2027\u20132031",
    buyer="Buyer: Afonwy County Council",
    when="Tender deadline: Friday 4 December 2026, 12:00pm (GMT)",
)


def _draw(text: CardText = TEXT) -> bytes:
    return render(text, site_name="Afonwy contract opportunities", host="contracts.example")


def test_a_card_is_a_1200_by_630_png_under_one_megabyte():
    data = _draw()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (WIDTH, HEIGHT) == (1200, 630)
    assert len(data) <= 1_000_000


def test_the_same_text_gives_the_same_bytes_and_other_text_other_bytes():
    assert _draw() == _draw()
    assert _draw() != _draw(replace(TEXT, when="Tender deadline: Monday 7 December 2026"))


def test_the_card_is_mostly_white_with_dark_text_in_the_title_area():
    image = Image.open(io.BytesIO(_draw())).convert("L")
    title_band = image.crop((56, 200, 1144, 440))
    darkest, lightest = title_band.getextrema()
    assert darkest < 40 and lightest == 255


def test_a_short_title_gets_the_largest_size():
    size, lines = fit_title("Library books")
    assert size == TITLE_SIZES[0] and lines == ["Library books"]


def test_a_long_title_shrinks_and_is_cut_short_with_an_ellipsis():
    title = " ".join(["Framework for the supply of everything a council could need"] * 6)
    size, lines = fit_title(title)
    assert size == TITLE_SIZES[-1]
    assert lines[-1].endswith("\u2026")
    assert all(font(True, size).getlength(line) <= WIDTH - 112 for line in lines)


def test_wrap_splits_a_word_longer_than_a_line():
    lines = wrap("x" * 300, font(True, 72), 400)
    assert len(lines) > 1 and "".join(lines) == "x" * 300


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cyngor Sir Afonwy: gwasanaethau \u0175 \u0177",
            "Cyngor Sir Afonwy: gwasanaethau \u0175 \u0177",
        ),
        ("School meals \U0001f37d\ufe0f 2027", "School meals 2027"),
        ("\u00a3250,000 \u2013 \u201cquoted\u201d", "\u00a3250,000 \u2013 \u201cquoted\u201d"),
    ],
)
def test_drawable_keeps_welsh_letters_and_drops_emoji(text: str, expected: str):
    assert drawable(text) == expected
