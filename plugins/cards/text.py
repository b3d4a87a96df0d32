"""What a notice's social card says, and the same words as the image's alt text."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.notices.derive import Status, closing_deadline
from plugins.notices.site import Published
from plugins.notices.templating import format_date, format_datetime

CARD_NAME = "card.png"


@dataclass(frozen=True)
class CardText:
    """The lines of a card, top to bottom."""

    caption: str  # the notice type, e.g. "Tender notice"
    status: str  # the status word, e.g. "Open"
    title: str
    buyer: str  # "Buyer: ..."
    when: str  # the deadline, or what happened and when


def card_path(item: Published) -> str:
    """Where a notice's card is, relative to the site root: ``notices/<slug>/card.png``."""
    return f"{item.path}{CARD_NAME}"


def card_text(item: Published) -> CardText:
    notice = item.notice
    return CardText(
        caption=notice.notice_type.label,
        status=item.facets.status.label,
        title=notice.title,
        buyer=f"Buyer: {notice.buyer.name}",
        when=when(item),
    )


def when(item: Published) -> str:
    """The one date a reader of a link card most needs."""
    notice = item.notice
    closing = closing_deadline(notice)
    if notice.cancellation:
        return f"Cancelled on {format_date(notice.cancellation.date)}"
    if notice.termination:
        return f"Contract terminated on {format_date(notice.termination.date)}"
    if notice.award and item.facets.status is Status.AWARDED:
        return f"Contract awarded on {format_date(notice.award.date)}"
    if closing:
        label = closing.kind.label
        joiner = " " if label.endswith((" by", " closes")) else ": "
        return f"{label}{joiner}{format_datetime(closing.at)}"
    if notice.future_notice_date:
        return f"Tender notice expected {format_date(notice.future_notice_date)}"
    return f"Published {format_date(notice.published)}"


def card_alt(item: Published) -> str:
    """The card's alt text: exactly what the card says, as sentences."""
    text = card_text(item)
    parts = [f"{text.caption}, {text.status.lower()}", text.title, text.buyer, text.when]
    return " ".join(_sentence(part) for part in parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
