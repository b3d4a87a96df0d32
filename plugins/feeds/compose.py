"""What each feed entry says: its id, title, links, dates, summary and categories.

Ids are ``tag:`` URIs (RFC 4151) built from the notice id or event id, never from the
title, slug or dates, so editing a notice never makes readers see it as a new entry.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from plugins.notices.buyers_text import buyers_text
from plugins.notices.change_text import change_lines
from plugins.notices.derive import Status, closing_deadline, main_value, procurement_order
from plugins.notices.events import Event, EventKind, notice_kind
from plugins.notices.formatting import (
    changed_on_text,
    cpv_division_label,
    date_text,
    datetime_text,
    deadline_label,
    money_text,
    notice_label,
    status_label,
    text,
)
from plugins.notices.model import Change, Notice
from plugins.notices.site import Published, Site

from .render import Author, Category, Entry, Link

# The EU Publications Office's URI for the CPV 2008 concept scheme.
CPV_SCHEME = "http://data.europa.eu/cpv/cpv"
HTML = "text/html"
# The language the code list names CPV codes in (plugins/notices/data/cpv2008_en.csv).
CODE_LIST_LANG = "en"


def tag_uri(site: Site, id_date: str, specific: str) -> str:
    """``tag:contracts.example.gov.uk,2026:<specific>``."""
    return f"tag:{site.host},{id_date}:{specific}"


def notice_entry(item: Published, site: Site, id_date: str, lang: str | None = None) -> Entry:
    """A notice as it stands, with its status and latest change, for a reader of ``lang``
    (the notice's own language unless given): updated whenever a change is added or its
    status changes (it closes, is awarded or cancelled).

    A reader of another language gets its words around the notice's own text, which is
    marked with its language, and the link to the page in the reader's language. The id
    is the notice's and the reader's language, so a translation added later replaces it.
    """
    notice = item.notice
    lang = lang or item.lang
    latest = _latest_change(notice, site, lang)
    status = status_label(item.facets.status, lang)
    return Entry(
        id=tag_uri(site, id_date, f"notices/{notice.notice_id}/{lang}"),
        title=f"{status}: {notice_label(notice, lang)}: {notice.title}",
        links=_links(item, site, lang, with_documents=True),
        updated=max(notice.updated, status_since(item, site)),
        published=notice.published,
        summary_html=_summary(item, notice.summary, site, lang) + latest,
        author=_author(notice),
        categories=(status_category(item, site, lang), *cpv_categories(notice, lang)),
        text_lang=_other(item.lang, lang),
    )


def status_since(item: Published, site: Site) -> datetime:
    """When the notice took its status: the award or cancellation that followed it, the
    closing deadline that passed, else its publication."""
    notice, status = item.notice, item.facets.status
    if status in (Status.AWARDED, Status.CANCELLED):
        kind = EventKind(status.value)
        after = procurement_order(notice)
        return min(
            (
                other.notice.published
                for lang in {item.lang, site.default_lang}
                for other in site.procurement(notice.ocid, lang)
                if notice_kind(other.notice.notice_type) is kind
                and procurement_order(other.notice) >= after
            ),
            default=notice.published,
        )
    deadline = closing_deadline(notice)
    if status is Status.CLOSED and deadline is not None and deadline.at <= site.clock:
        return max(deadline.at, notice.published)
    return notice.published


def status_category(item: Published, site: Site, lang: str | None = None) -> Category:
    """The notice's status as a category, in the scheme of the status listings in ``lang``."""
    lang = lang or item.lang
    status = item.facets.status
    label = status_label(status, lang)
    scheme = site.absolute(f"{site.prefix(lang) if lang in site.languages else ''}status/")
    return Category(term=status.value, label=label, scheme=scheme)


def event_entry(event: Event, site: Site, id_date: str, lang: str | None = None) -> Entry:
    """One change, award or cancellation, for a reader of ``lang`` (the notice's language
    unless given): its own entry, so readers notice it."""
    item, notice = event.item, event.item.notice
    lang = lang or item.lang
    label = notice_label(notice, lang)
    changed = ""
    if event.kind is EventKind.CHANGED:
        assert event.change is not None
        title = text("{label} changed: {title}", lang).format(label=label, title=notice.title)
        lead, changed = event.change.summary, _fields(event.change, notice, site, lang)
    else:
        title, lead = f"{label}: {notice.title}", notice.summary
    # The id of a reader of the site's language is the event's own, as it always was.
    reader = "" if lang == site.default_lang else f"/{lang}"
    return Entry(
        id=tag_uri(site, id_date, f"events/{event.id}{reader}"),
        title=title,
        links=_links(item, site, lang, with_documents=False),
        updated=event.at,
        published=event.at,
        summary_html=f"{_in(item, lead, lang)}{changed}{_facts(notice, site, lang)}",
        author=_author(notice),
        categories=cpv_categories(notice, lang),
        text_lang=_other(item.lang, lang),
    )


def cpv_categories(notice: Notice, lang: str | None = None) -> tuple[Category, ...]:
    """CPV codes as categories; the label starts with the code because RSS shows only it.

    The code list names each code in English alone: a reader of another language gets the
    name of the code's division in that language.
    """
    lang = lang or notice.lang
    if lang == CODE_LIST_LANG:
        labels = [f"{cpv.code} {cpv.label}" for cpv in notice.cpv]
    else:
        labels = [
            text("{code} (division {division}: {name})", lang).format(
                code=cpv.code,
                division=cpv.code[:2],
                name=cpv_division_label(cpv.code[:2], lang),
            )
            for cpv in notice.cpv
        ]
    return tuple(
        Category(term=cpv.code, label=label, scheme=CPV_SCHEME)
        for cpv, label in zip(notice.cpv, labels, strict=True)
    )


def _links(item: Published, site: Site, lang: str, *, with_documents: bool) -> tuple[Link, ...]:
    notice = item.notice
    page = site.page_of(item, lang)
    links = [Link(site.absolute(page), "alternate", HTML, hreflang=lang)]
    if notice.find_a_tender:
        fts_id = notice.find_a_tender.notice_id
        title = (
            text("Find a Tender notice {id}", lang).format(id=fts_id)
            if fts_id
            else text("Find a Tender notice", lang)
        )
        links.append(Link(notice.find_a_tender.url, "related", HTML, title))
    if with_documents:
        # A document with a media type is a file (an enclosure); others are web pages.
        links += [
            Link(doc.url, "enclosure", doc.format, doc.title)
            if doc.format
            else Link(doc.url, "related", title=doc.title)
            for doc in notice.documents
        ]
    return tuple(links)


def _latest_change(notice: Notice, site: Site, lang: str) -> str:
    """``Changed on <date>: <reason>`` and what it changed, or "" for an unchanged notice."""
    if not notice.changes:
        return ""
    latest = notice.changes[-1]
    day = date_text(latest.date, zone=site.timezone, lang=lang)
    # The reason is the notice's own text, in its language: it goes in after escaping.
    said = escape(changed_on_text(day, "{reason}", latest.correction, lang))
    reason = _marked(latest.summary, notice.lang, lang)
    return f"<p>{said.replace('{reason}', reason)}</p>{_fields(latest, notice, site, lang)}"


def _fields(change: Change, notice: Notice, site: Site, lang: str) -> str:
    """Each field the change touched, ``<label>: <old> → <new>``, as a list (or "")."""
    lines = change_lines(change, notice, zone=site.timezone, lang=lang)
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<ul>{items}</ul>" if items else ""


def _summary(item: Published, lead: str, site: Site, lang: str) -> str:
    return f"{_in(item, lead, lang)}{_facts(item.notice, site, lang)}"


def _in(item: Published, words: str, lang: str) -> str:
    """A paragraph of the notice's own text, marked with its language if not the reader's."""
    marked = f' lang="{escape(item.lang)}"' if item.lang != lang else ""
    return f"<p{marked}>{escape(words)}</p>"


def _marked(words: str, written_in: str, lang: str) -> str:
    """Escaped text of the notice, in a ``<span lang>`` if not in the reader's language."""
    if written_in == lang:
        return escape(words)
    return f'<span lang="{escape(written_in)}">{escape(words)}</span>'


def _other(written_in: str, lang: str) -> str | None:
    """The language of an entry's own text where it is not the feed's, else None."""
    return written_in if written_in != lang else None


def _facts(notice: Notice, site: Site, lang: str) -> str:
    """Buyer, value and closing deadline, in the reader's words (the buyer as named)."""
    alone = not notice.joint_buyers and not notice.buyer.central_purchasing_body
    # Alone, the buyer's name is the notice's text; else the line is in the reader's words.
    buyers = (
        _marked(notice.buyer.name, notice.lang, lang)
        if alone
        else escape(buyers_text(notice, lang))
    )
    facts = [(text("Buyer", lang), buyers)]
    money = main_value(notice)
    if money is not None:
        facts.append((text("Value", lang), escape(money_text(money, lang))))
    deadline = closing_deadline(notice)
    if deadline is not None:
        moment = datetime_text(deadline.at, zone=site.timezone, lang=lang)
        facts.append((deadline_label(deadline.kind, lang), escape(moment)))
    items = "".join(f"<li>{escape(name)}: {value}</li>" for name, value in facts)
    return f"<ul>{items}</ul>"


def _author(notice: Notice) -> Author:
    return Author(notice.buyer.name, notice.buyer.contact.email, notice.buyer.url)
