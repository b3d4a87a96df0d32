"""Draw a social card: a 1200 by 630 PNG that stays readable as a small link-preview thumbnail.

Text is set in Atkinson Hyperlegible (SIL Open Font Licence, shipped in ``fonts/``), a
typeface drawn for low-vision readers. The same text and fonts give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from .text import CardText, SiteCardText

WIDTH, HEIGHT = 1200, 630
MARGIN = 56
FONTS = Path(__file__).with_name("fonts")
REGULAR = FONTS / "AtkinsonHyperlegible-Regular.ttf"
BOLD = FONTS / "AtkinsonHyperlegible-Bold.ttf"
# Largest first: the title gets the biggest size at which it fits its space.
TITLE_SIZES = (72, 64, 58, 52, 46)
TITLE_TOP = 196
TITLE_BOTTOM = 448
ELLIPSIS = "…"
# Tag colours match the theme's status tags (text on background at least 6:1).
TAG_COLOURS = {
    "Open": ("#005a30", "#cce2d8"),
    "Closed": ("#282d30", "#e5e6e7"),
    "Awarded": ("#3d2375", "#dbd5e9"),
    "Cancelled": ("#6e1a12", "#f4cdc6"),
    "Planned": ("#0c2d4a", "#bbd4ea"),
}


@dataclass(frozen=True)
class Style:
    """Colours of a card: the header band matches the site's header."""

    brand: str = "#0b3d4a"
    accent: str = "#1d70b8"
    text: str = "#0b0c0c"
    secondary: str = "#505a5f"


DEFAULT_STYLE = Style()


@cache
def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def render(text: CardText, *, site_name: str, host: str, style: Style = DEFAULT_STYLE) -> bytes:
    """The card as PNG bytes."""
    image = _blank(site_name, host, style).copy()
    draw = ImageDraw.Draw(image)
    _caption(image, draw, text, style)
    y = _title(draw, text.title, TITLE_TOP, style)
    y = max(y + 16, 460)
    for bold, line in ((False, text.buyer), (True, text.when)):
        _stamp(image, (MARGIN, y), _clip(drawable(line), font(bold, 34)), bold, 34, style.text)
        y += 50
    return _png(image, style)


def render_site(text: SiteCardText, *, host: str, style: Style = DEFAULT_STYLE) -> bytes:
    """The site's own card, shown for notices without one: its name and what it publishes."""
    image = _blank(text.site_name, host, style).copy()
    draw = ImageDraw.Draw(image)
    y = _title(draw, text.site_name, TITLE_TOP - 40, style)
    line = _clip(drawable(text.line), font(False, 34))
    _stamp(image, (MARGIN, max(y + 16, 420)), line, False, 34, style.secondary)
    return _png(image, style)


def _title(draw: ImageDraw.ImageDraw, title: str, top: int, style: Style) -> int:
    """Draw ``title`` as large as fits from ``top``; where the next line can start."""
    size, lines = fit_title(drawable(title))
    y = top
    for line in lines:
        draw.text((MARGIN, y), line, font=font(True, size), fill=style.text)
        y += round(size * 1.15)
    return y


def _png(image: Image.Image, style: Style) -> bytes:
    # A fixed palette of every colour and anti-aliasing shade the card uses: a quarter of
    # the bytes of an RGB file, encoded several times faster, and the same on every run.
    indexed = image.quantize(palette=_palette(style), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    indexed.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


@cache
def _blank(site_name: str, host: str, style: Style) -> Image.Image:
    """What every card of a site shares: the header band with the logo, and the footer."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 104), fill=style.brand)
    draw.rectangle((0, 104, WIDTH, 114), fill=style.accent)
    logo(draw, MARGIN, 24, 56)
    name_font = font(True, 34)
    name = _clip(drawable(site_name), name_font, WIDTH - 2 * MARGIN - 76)
    draw.text((MARGIN + 76, 52), name, font=name_font, fill="#ffffff", anchor="lm")
    draw.text(
        (MARGIN, 586), drawable(host), font=font(False, 28), fill=style.secondary, anchor="lm"
    )
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=style.accent)
    return image


@cache
def _palette(style: Style) -> Image.Image:
    """Each text colour blended into each background it is drawn on, in 16 steps."""
    pairs = [
        (style.text, "#ffffff"),
        (style.secondary, "#ffffff"),
        ("#ffffff", style.brand),
        *TAG_COLOURS.values(),
        (style.text, "#f3f2f1"),
    ]
    colours = []
    for ink, paper in pairs:
        ink_rgb, paper_rgb = ImageColor.getrgb(ink), ImageColor.getrgb(paper)
        for step in range(16):
            share = step / 15
            colours.append(
                tuple(
                    round(i * (1 - share) + p * share)
                    for i, p in zip(ink_rgb, paper_rgb, strict=True)
                )
            )
    colours += [ImageColor.getrgb(c) for c in (style.accent, "#fd0", "#d4351c")]
    unique = list(dict.fromkeys(colours))[:256]
    palette = Image.new("P", (1, 1))
    flat = [value for colour in unique for value in colour]
    palette.putpalette(flat + [0] * (768 - len(flat)))
    return palette


def logo(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The Noticeboard mark: a pinned notice on a board (as in the theme's logo.svg)."""
    unit = size / 56
    draw.rounded_rectangle((x, y, x + size, y + size), radius=round(8 * unit), fill="#ffffff")
    sheet = (x + 14 * unit, y + 16 * unit, x + 42 * unit, y + 46 * unit)
    draw.rectangle(sheet, fill="#fd0", outline="#0b0c0c", width=max(1, round(2 * unit)))
    for row in (26, 32, 38):
        draw.rectangle(
            (x + 19 * unit, y + row * unit, x + 37 * unit, y + (row + 2) * unit), fill="#0b0c0c"
        )
    pin = (x + 23 * unit, y + 7 * unit, x + 33 * unit, y + 17 * unit)
    draw.ellipse(pin, fill="#d4351c", outline="#0b0c0c", width=max(1, round(2 * unit)))


def _caption(image: Image.Image, draw: ImageDraw.ImageDraw, text: CardText, style: Style) -> None:
    caption_font, tag_font = font(False, 34), font(True, 30)
    _stamp(image, (MARGIN, 142), drawable(text.caption), False, 34, style.secondary)
    left = MARGIN + round(caption_font.getlength(drawable(text.caption))) + 24
    ink, paper = TAG_COLOURS.get(text.status, (style.text, "#f3f2f1"))
    width = round(tag_font.getlength(text.status))
    draw.rectangle((left, 140, left + width + 28, 186), fill=paper, outline=ink, width=2)
    draw.text((left + 14, 163), text.status, font=tag_font, fill=ink, anchor="lm")


# Room round a stamped line for glyphs that reach left of their origin (such as "î").
_PAD = 8


def _stamp(
    image: Image.Image, xy: tuple[int, int], text: str, bold: bool, size: int, fill: str
) -> None:
    """Draw a line of text as ``ImageDraw.text`` would, from a cache of drawn lines.

    Buyers, captions and deadlines repeat across a site's cards: each is drawn once.
    """
    image.paste(fill, (xy[0] - _PAD, xy[1]), _line_mask(text, bold, size))


@lru_cache(maxsize=4096)
def _line_mask(text: str, bold: bool, size: int) -> Image.Image:
    face = font(bold, size)
    _, _, right, bottom = map(int, face.getbbox(text))  # whole pixels, though typed as float
    mask = Image.new("L", (max(right, 0) + 2 * _PAD, max(bottom, 0) + _PAD), 0)
    ImageDraw.Draw(mask).text((_PAD, 0), text, font=face, fill=255)
    return mask


def fit_title(title: str) -> tuple[int, list[str]]:
    """The largest title size whose wrapped lines fit; the smallest, cut short, if none do."""
    for size in TITLE_SIZES:
        lines = wrap(title, font(True, size), WIDTH - 2 * MARGIN)
        if len(lines) * round(size * 1.15) <= TITLE_BOTTOM - TITLE_TOP:
            return size, lines
    size = TITLE_SIZES[-1]
    room = (TITLE_BOTTOM - TITLE_TOP) // round(size * 1.15)
    lines = wrap(title, font(True, size), WIDTH - 2 * MARGIN)
    kept = lines[:room]
    kept[-1] = _ellipsize(kept[-1], font(True, size))
    return size, kept


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; a word longer than a line is split."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while face.getlength(word) > width:
            cut = _longest_prefix(word, face, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def _longest_prefix(word: str, face: ImageFont.FreeTypeFont, width: int) -> int:
    cut = len(word)
    while cut > 1 and face.getlength(word[:cut]) > width:
        cut -= 1
    return cut


def _clip(text: str, face: ImageFont.FreeTypeFont, width: int = WIDTH - 2 * MARGIN) -> str:
    """``text``, or as much of it as fits in ``width`` pixels followed by an ellipsis."""
    return text if face.getlength(text) <= width else _ellipsize(text, face, width)


def _ellipsize(text: str, face: ImageFont.FreeTypeFont, width: int = WIDTH - 2 * MARGIN) -> str:
    """As much of ``text`` as fits in ``width`` pixels together with an ellipsis."""
    while text and face.getlength(f"{text}{ELLIPSIS}") > width:
        text = text[:-1]
    return f"{text.rstrip()}{ELLIPSIS}"


def drawable(text: str) -> str:
    """``text`` without characters the font has no glyph for (emoji would show as boxes)."""
    kept = "".join(char for char in text if char.isspace() or _has_glyph(char))
    return " ".join(kept.split())


@cache
def _has_glyph(char: str) -> bool:
    """The font draws something for ``char`` (zero-width joiners and selectors draw nothing)."""
    mask = font(False, 20).getmask(char)
    return mask.getbbox() is not None and bytes(mask) != _missing_glyph()


@cache
def _missing_glyph() -> bytes:
    """What the font draws for a character it lacks (U+E000 is private use, never drawn)."""
    return bytes(font(False, 20).getmask("\ue000"))
