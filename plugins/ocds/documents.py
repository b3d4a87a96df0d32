"""A release's documents: the notice page and its translations, Find a Tender, attachments."""

from __future__ import annotations

from plugins.notices.model import Notice
from plugins.notices.site import Published, Site

from .codes import NOTICE_DOCUMENT_TYPE
from .compact import Json, compact
from .context import Context
from .values import day, when


def documents(item: Published, context: Context) -> list[Json]:
    """The notice page (and its translations), its Find a Tender copy, then its documents."""
    notice = item.notice
    kind = NOTICE_DOCUMENT_TYPE[notice.notice_type]
    pages = [
        (item, notice.notice_id),
        *((t, f"{notice.notice_id}-{t.lang}") for t in context.translations),
    ]
    found = [_page(page, doc_id, kind, context.site) for page, doc_id in pages]
    if notice.find_a_tender:
        fts = notice.find_a_tender
        found.append(
            {
                "id": f"{notice.notice_id}-fts",
                "documentType": kind,
                "title": f"Find a Tender notice {fts.notice_id or ''}".strip(),
                "url": fts.url,
            }
        )
    return found + _attachments(notice, context)


def _attachments(notice: Notice, context: Context) -> list[Json]:
    return [
        compact(
            {
                "id": f"{notice.notice_id}-document-{number}",
                "documentType": document.type,
                "title": document.title,
                "description": document.description,
                "url": document.url,
                "datePublished": document.date and day(document.date, context),
                "format": document.format,
                "language": document.language,
            }
        )
        for number, document in enumerate(notice.documents, 1)
    ]


def _page(page: Published, doc_id: str, kind: str, site: Site) -> Json:
    notice = page.notice
    ending = notice.cancellation or notice.termination
    return compact(
        {
            "id": doc_id,
            "documentType": kind,
            "noticeType": notice.notice_type.value,  # the UK extension's, as Find a Tender's
            "title": notice.title,
            # The page's one-paragraph summary; a cancellation's or termination's reason.
            "description": ending.reason if ending else notice.summary,
            "url": site.absolute(page.path),
            "datePublished": when(notice.published),
            "dateModified": when(notice.updated),
            "format": "text/html",
            "language": notice.lang,
        }
    )
