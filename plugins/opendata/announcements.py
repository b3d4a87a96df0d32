"""``announcements.json``: the contract between build and publisher (see docs/announcements.md).

One announcement per event (plugins/notices/events.py): a notice published, awarded or
cancelled, each change, and optionally closing-soon. Follow-ups name the announcement they
reply to, so the publisher can thread them. Notices waiting for their Find a Tender link are
not announced but listed under ``held``, so the publisher can say so. The file's name,
version and schema are set by the contract (plugins/contract), whose reader the publisher uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from plugins.cards import CardChoice
from plugins.contract.schema import VERSION
from plugins.notices.buyers_text import buyers_text
from plugins.notices.change_text import field_line, notice_currency
from plugins.notices.derive import closing_deadline, main_value
from plugins.notices.events import Event, EventKind, events
from plugins.notices.find_a_tender_first import REASON, Held
from plugins.notices.formatting import (
    N_,
    amount_text,
    datetime_text,
    deadline_label,
    field_label,
    notice_label,
    text,
)
from plugins.notices.jsonfile import item_text, json_chunks, rfc3339
from plugins.notices.model import Change, Notice, NoticeGroup
from plugins.notices.site import Published, Site

from .notices_index import money_json

_GROUP_TAGS = {
    NoticeGroup.PIPELINE: "ProcurementPipeline",
    NoticeGroup.TENDER: "Tender",
    NoticeGroup.AWARD: "ContractAward",
    NoticeGroup.CONTRACT_CHANGE: "ContractChange",
    NoticeGroup.CANCELLATION: "ProcurementCancelled",
    NoticeGroup.PERFORMANCE: "ContractPerformance",
    NoticeGroup.DYNAMIC_MARKET: "DynamicMarket",
}

_HEADLINES = {
    EventKind.CHANGED: N_("Change to {type}: {title}"),
    EventKind.CANCELLED: N_("Procurement cancelled: {title}"),
    EventKind.CLOSING_SOON: N_("Closing soon: {title}"),
}
_HEADLINE = N_("{type}: {title}")


def announcements(
    site: Site,
    *,
    hashtags: tuple[str, ...] = (),
    closing_soon: bool = True,
    cards: CardChoice | None = None,
) -> bytes:
    """The announcements file for a site, oldest event first; each names the card ``cards``
    shows for its notice (the notice's own unless given)."""
    chunks = announcement_chunks(site, hashtags=hashtags, closing_soon=closing_soon, cards=cards)
    return b"".join(chunks)


def announcement_chunks(
    site: Site,
    *,
    hashtags: tuple[str, ...] = (),
    closing_soon: bool = True,
    cards: CardChoice | None = None,
) -> Iterator[bytes]:
    """``announcements`` in pieces, an announcement at a time."""
    cards = cards or CardChoice(site, None)
    head = {
        "version": VERSION,
        "generated": rfc3339(site.clock),
        "site": {
            "name": site.name,
            "url": site.url,
            "language": site.default_lang,
            "languages": [
                {
                    "language": lang,
                    "name": site.name_in(lang),
                    "url": site.absolute(site.prefix(lang)),
                }
                for lang in site.languages
            ],
        },
        "announcements": None,
        "held": [_held(item, site) for item in site.held],
    }
    found = events(site, closing_soon=closing_soon, leave_out=site.unannounced)
    texts = (item_text(_announcement(event, site, hashtags, cards)) for event in found)
    return json_chunks(head, "announcements", texts)


def _held(item: Held, site: Site) -> dict[str, Any]:
    """A held notice. One kept off the site is named by its id alone: until Find a Tender
    has it, this public file must not publish its title or address either."""
    notice = item.notice
    pages = (page for page in site.notices if page.notice.key == notice.key)
    page = next(pages, None) if item.on_site else None
    return {
        "id": notice.notice_id,
        "title": notice.title if page else None,
        "url": site.absolute(page.path) if page else None,
        "reason": REASON,
    }


def headline(event: Event, shown: Published | None = None, lang: str | None = None) -> str:
    """One line saying what happened: in ``lang`` (the notice's own unless given), with the
    title of ``shown`` (the version of the notice a reader of ``lang`` sees)."""
    notice = (shown or event.item).notice
    lang = lang or notice.lang
    kind = notice_label(notice, lang)
    if event.kind is EventKind.CHANGED:
        kind = kind.lower()
    message = _HEADLINES.get(event.kind, _HEADLINE)
    return text(message, lang).format(type=kind, title=notice.title)


def _announcement(
    event: Event, site: Site, hashtags: tuple[str, ...], cards: CardChoice
) -> dict[str, Any]:
    item = event.item
    notice = item.notice
    change = event.change
    return {
        "id": event.id,
        "kind": event.kind.value,
        "date": rfc3339(event.at),
        "thread": event.thread,
        "replies_to": event.replies_to,
        "headline": headline(event),
        "notice": {
            "id": notice.notice_id,
            "ocid": notice.ocid,
            "type": notice.notice_type.value,
            "type_label": notice_label(notice, notice.lang),
            "url": site.absolute(item.path),
            "title": notice.title,
            "summary": notice.summary,
            "buyer": notice.buyer.name,
            "central_purchasing_body": notice.buyer.central_purchasing_body,
            "joint_buyers": [{"name": other.name, "id": other.id} for other in notice.joint_buyers],
            "language": notice.lang,
            "translations": [
                {"language": lang, "url": site.absolute(path)} for lang, path in item.translations
            ],
        },
        "facts": _facts(item, site),
        "change": None if change is None else _change(change, notice, site.timezone),
        "tags": _tags(item, hashtags),
        "card": _card(item, cards, item.lang),
        "versions": [
            _version(event, site, lang, cards) for lang in site.languages if lang != item.lang
        ],
    }


def _card(item: Published, cards: CardChoice, lang: str) -> dict[str, Any]:
    """The link card a reader of ``lang`` is shown for ``item``: its image is one the build
    draws (the notice's own, or the site's for a notice too old to have one)."""
    notice, image = item.notice, cards.shown(item, lang)
    return {
        "title": notice.title,
        "description": notice.summary,
        "image": image.path,
        "image_url": cards.site.absolute(image.path),
        "image_alt": image.alt,
    }


def _version(event: Event, site: Site, lang: str, cards: CardChoice) -> dict[str, Any]:
    """What a reader of ``lang`` sees: the notice's translation in ``lang`` if it has one,
    else the notice itself, with the words around it in ``lang``."""
    item = event.item
    shown = _shown(item, site, lang)
    facts = _facts(item, site, lang)
    change = None
    if event.change is not None:
        number = event.change.number
        own = {c.number: c for c in shown.notice.changes}.get(number, event.change)
        currency = notice_currency(item.notice)
        change = {
            "summary": own.summary,
            "fields": [
                field_line(touched, zone=site.timezone, lang=lang, currency=currency)
                for touched in event.change.touched
            ],
        }
    deadline = facts["deadline"]
    return {
        "language": lang,
        "text_language": shown.lang,
        "url": site.absolute(site.page_of(item, lang)),
        "headline": headline(event, shown, lang),
        "summary": shown.notice.summary,
        "deadline": {"label": deadline["label"], "display": deadline["display"]}
        if deadline
        else None,
        "value": facts["value"]["display"] if facts["value"] else None,
        "buyers": facts["buyers"],
        "change": change,
        "card": _card(shown, cards, lang),
    }


def _shown(item: Published, site: Site, lang: str) -> Published:
    """The notice's translation in ``lang``, else the notice."""
    for other in site.procurement(item.notice.ocid, lang):
        if other.notice.notice_id == item.notice.notice_id:
            return other
    return item


def _change(change: Change, notice: Notice, zone: str) -> dict[str, Any]:
    """The change entry: its reason, kind, and each field with old, new and a line for people."""
    lang, currency = notice.lang, notice_currency(notice)
    fields = [
        {
            "field": touched.field,
            "label": field_label(touched.field, lang),
            "from": touched.old,
            "to": touched.new,
            "display": field_line(touched, zone=zone, lang=lang, currency=currency),
        }
        for touched in change.touched
    ]
    return {
        "number": change.number,
        "summary": change.summary,
        "fields": fields,
        "formal": change.formal,
        "correction": change.correction,
    }


def _facts(item: Published, site: Site, lang: str | None = None) -> dict[str, Any]:
    """The notice's facts, their words in ``lang`` (the notice's own unless given)."""
    notice, lang = item.notice, lang or item.lang
    money = main_value(notice)
    value = money_json(money)
    if value is not None and money is not None:
        value["display"] = amount_text(money.amount, money.currency, lang)
    closing = closing_deadline(notice)
    deadline = None
    if closing is not None:
        deadline = {
            "kind": closing.kind.value,
            "label": deadline_label(closing.kind, lang),
            "at": rfc3339(closing.at),
            "display": datetime_text(closing.at, zone=site.timezone, lang=lang),
        }
    return {
        "status": item.facets.status.value,
        "value": value,
        "deadline": deadline,
        "cpv": [{"code": cpv.code, "label": cpv.label} for cpv in notice.cpv],
        "regions": [{"code": region.code, "name": region.name} for region in notice.regions],
        "buyers": buyers_line(notice, lang),
    }


def buyers_line(notice: Notice, lang: str) -> str | None:
    """Who buys, in ``lang``'s words, when the buyer buys with or for others; else None (a
    post names no buyer that buys alone)."""
    if not notice.joint_buyers and not notice.buyer.central_purchasing_body:
        return None
    return buyers_text(notice, lang)


def _tags(item: Published, hashtags: tuple[str, ...]) -> list[str]:
    tags = [*hashtags, _GROUP_TAGS[item.notice.notice_type.group]]
    suitability = item.notice.suitability
    if suitability and suitability.sme:
        tags.append("SME")
    return list(dict.fromkeys(tags))
