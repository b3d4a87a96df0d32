"""What a notice's social card says, and the same words as the image's alt text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plugins.notices.derive import Status, closing_deadline
from plugins.notices.formatting import (
    DEFAULT_TIMEZONE,
    N_,
    date_text,
    datetime_text,
    deadline_label,
    notice_label,
    status_label,
    text,
)
from plugins.notices.model import Award, DeadlineKind
from plugins.notices.site import Published, Site

CARD_NAME = "card.png"
# The site's own card, for notices without one: what the site publishes.
SITE_LINE = N_("Procurement notices: opportunities, awards and changes")
# Deadlines whose label reads on into the time ("... by Friday"), with no colon between.
_READS_ON = (DeadlineKind.ENQUIRY, DeadlineKind.EXPRESSION_OF_INTEREST, DeadlineKind.ENGAGEMENT)


@dataclass(frozen=True)
class CardText:
    """The lines of a card, top to bottom."""

    caption: str  # the notice type, e.g. "Tender notice"
    status: str  # the status word, e.g. "Open"
    title: str
    buyer: str  # "Buyer: ..."
    when: str  # the deadline, or what happened and when


@dataclass(frozen=True)
class SiteCardText:
    """What the site's own card says: its name, and one line about it."""

    site_name: str
    line: str


def card_path(item: Published) -> str:
    """Where a notice's card is, relative to the site root: ``notices/<slug>/card.png``."""
    return f"{item.path}{CARD_NAME}"


def reader_card_path(site: Site, item: Published, lang: str) -> str:
    """The card a reader of ``lang`` is shown for ``item``: its translation's in ``lang``, or
    one with ``lang``'s words around the notice's own text, beside the page showing it."""
    return f"{site.page_of(item, lang)}{CARD_NAME}"


def card_text(item: Published, zone: str = DEFAULT_TIMEZONE, lang: str | None = None) -> CardText:
    """The card's lines in ``lang`` (the notice's language unless given) around the notice's
    title and buyer, dates in the site's time zone ``zone``."""
    notice = item.notice
    lang = lang or notice.lang
    return CardText(
        caption=notice_label(notice, lang),
        status=status_label(item.facets.status, lang),
        title=notice.title,
        buyer=text("Buyer: {buyer}", lang).format(buyer=notice.buyer.name),
        when=when(item, zone, lang),
    )


def when(item: Published, zone: str = DEFAULT_TIMEZONE, lang: str | None = None) -> str:
    """The one date a reader of a link card most needs."""
    notice, lang = item.notice, lang or item.notice.lang
    closing = closing_deadline(notice)
    dated = _dated(item, zone, lang)
    if dated:
        return dated
    if closing:
        label = deadline_label(closing.kind, lang)
        joiner = " " if closing.kind in _READS_ON else ": "
        return f"{label}{joiner}{datetime_text(closing.at, zone=zone, lang=lang)}"
    if notice.future_notice_date:
        return _on(N_("Tender notice expected {date}"), notice.future_notice_date, lang, zone)
    return _on(N_("Published {date}"), notice.published, lang, zone)


def _dated(item: Published, zone: str, lang: str) -> str | None:
    """What ended the procurement or contract, and when; None while it goes on."""
    notice = item.notice
    if notice.cancellation:
        return _on(N_("Cancelled on {date}"), notice.cancellation.date, lang, zone)
    if notice.termination:
        return _on(N_("Contract terminated on {date}"), notice.termination.date, lang, zone)
    if notice.award and item.facets.status is Status.AWARDED:
        return _on(N_("Contract awarded on {date}"), notice.award.date, lang, zone)
    if notice.awards and item.facets.status is Status.AWARDED:
        return _several_awarded(notice.awards, lang, zone)
    return None


def _several_awarded(awards: tuple[Award, ...], lang: str, zone: str) -> str:
    """Several award decisions: their day, or the first of their days."""
    days = sorted({award.date for award in awards})
    if len(days) == 1:
        return _on(N_("Contracts awarded on {date}"), days[0], lang, zone)
    return _on(N_("Contracts awarded from {date}"), days[0], lang, zone)


def _on(message: str, day: date, lang: str, zone: str) -> str:
    return text(message, lang).format(date=date_text(day, zone=zone, lang=lang))


def card_alt(item: Published, zone: str = DEFAULT_TIMEZONE, lang: str | None = None) -> str:
    """The card's alt text: exactly what the card says, as sentences."""
    card = card_text(item, zone, lang)
    parts = [f"{card.caption}, {card.status.lower()}", card.title, card.buyer, card.when]
    return " ".join(_sentence(part) for part in parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def site_card_text(site: Site, lang: str) -> SiteCardText:
    return SiteCardText(site.name_in(lang), text(SITE_LINE, lang))


def site_card_alt(site: Site, lang: str) -> str:
    card = site_card_text(site, lang)
    return f"{card.site_name}. {card.line}."
