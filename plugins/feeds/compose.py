"""What each feed entry says: its id, title, links, dates, summary and categories.

Ids are ``tag:`` URIs (RFC 4151) built from the notice id or event id, never from the
title, slug or dates, so editing a notice never makes readers see it as a new entry.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from plugins.notices.change_text import change_lines
from plugins.notices.derive import Status, closing_deadline, main_value, procurement_order
from plugins.notices.events import Event, EventKind, notice_kind
from plugins.notices.formatting import (
    changed_on_text,
    date_text,
    datetime_text,
    deadline_label,
    money_text,
    notice_type_label,
    status_label,
    text,
)
from plugins.notices.model import Change, Notice
from plugins.notices.site import Published, Site

from .render import Author, Category, Entry, Link

# The EU Publications Office's URI for the CPV 2008 concept scheme.
CPV_SCHEME = "http://data.europa.eu/cpv/cpv"
HTML = "text/html"


def tag_uri(site: Site, id_date: str, specific: str) -> str:
    """``tag:contracts.example.gov.uk,2026:<specific>``."""
    return f"tag:{site.host},{id_date}:{specific}"


def notice_entry(item: Published, site: Site, id_date: str) -> Entry:
    """A notice as it stands, with its status and latest change: updated whenever one is
    added or its status changes (it closes, is awarded or cancelled)."""
    notice = item.notice
    latest = _latest_change(notice, site)
    status = status_label(item.facets.status, notice.lang)
    return Entry(
        id=tag_uri(site, id_date, f"notices/{notice.notice_id}/{notice.lang}"),
        title=f"{status}: {notice_type_label(notice.notice_type, notice.lang)}: {notice.title}",
        links=_links(item, site, with_documents=True),
        updated=max(notice.updated, status_since(item, site)),
        published=notice.published,
        summary_html=_summary(notice, notice.summary, site) + latest,
        author=_author(notice),
        categories=(status_category(item, site), *cpv_categories(notice)),
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


def status_category(item: Published, site: Site) -> Category:
    """The notice's status as a category, in the scheme of the site's status listings."""
    status = item.facets.status
    label = status_label(status, item.lang)
    return Category(term=status.value, label=label, scheme=site.absolute("status/"))


def event_entry(event: Event, site: Site, id_date: str) -> Entry:
    """One change, award or cancellation: its own entry, so readers notice it."""
    notice = event.item.notice
    label = notice_type_label(notice.notice_type, notice.lang)
    changed = ""
    if event.kind is EventKind.CHANGED:
        assert event.change is not None
        title = text("{label} changed: {title}", notice.lang).format(
            label=label, title=notice.title
        )
        lead, changed = event.change.summary, _fields(event.change, notice, site)
    else:
        title, lead = f"{label}: {notice.title}", notice.summary
    return Entry(
        id=tag_uri(site, id_date, f"events/{event.id}"),
        title=title,
        links=_links(event.item, site, with_documents=False),
        updated=event.at,
        published=event.at,
        summary_html=f"<p>{escape(lead)}</p>{changed}{_facts(notice, site)}",
        author=_author(notice),
        categories=cpv_categories(notice),
    )


def cpv_categories(notice: Notice) -> tuple[Category, ...]:
    """CPV codes as categories; the label starts with the code because RSS shows only it."""
    return tuple(
        Category(term=cpv.code, label=f"{cpv.code} {cpv.label}", scheme=CPV_SCHEME)
        for cpv in notice.cpv
    )


def _links(item: Published, site: Site, *, with_documents: bool) -> tuple[Link, ...]:
    notice = item.notice
    links = [Link(site.absolute(item.path), "alternate", HTML, hreflang=notice.lang)]
    if notice.find_a_tender:
        title = f"Find a Tender notice {notice.find_a_tender.notice_id or ''}".rstrip()
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


def _latest_change(notice: Notice, site: Site) -> str:
    """``Changed on <date>: <reason>`` and what it changed, or "" for an unchanged notice."""
    if not notice.changes:
        return ""
    latest = notice.changes[-1]
    day = date_text(latest.date, zone=site.timezone, lang=notice.lang)
    said = changed_on_text(day, latest.summary, latest.correction, notice.lang)
    return f"<p>{escape(said)}</p>{_fields(latest, notice, site)}"


def _fields(change: Change, notice: Notice, site: Site) -> str:
    """Each field the change touched, ``<label>: <old> → <new>``, as a list (or "")."""
    lines = change_lines(change, notice, zone=site.timezone, lang=notice.lang)
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<ul>{items}</ul>" if items else ""


def _summary(notice: Notice, lead: str, site: Site) -> str:
    return f"<p>{escape(lead)}</p>{_facts(notice, site)}"


def _facts(notice: Notice, site: Site) -> str:
    lang = notice.lang
    facts = [(text("Buyer", lang), notice.buyer.name)]
    money = main_value(notice)
    if money is not None:
        facts.append((text("Value", lang), money_text(money, lang)))
    deadline = closing_deadline(notice)
    if deadline is not None:
        moment = datetime_text(deadline.at, zone=site.timezone, lang=lang)
        facts.append((deadline_label(deadline.kind, lang), moment))
    items = "".join(f"<li>{escape(name)}: {escape(value)}</li>" for name, value in facts)
    return f"<ul>{items}</ul>"


def _author(notice: Notice) -> Author:
    return Author(notice.buyer.name, notice.buyer.contact.email, notice.buyer.url)
