"""Jinja filters for the theme: the words of ``formatting.py``, in the site's time zone.

Each filter takes the reader's language as an optional argument (the site's default language
when left out) and finds the time zone in the build's ``NOTICES_SITE``, so a template never
chooses either for itself. No Pelican import: the filters are tested on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from . import change_text, formatting
from .codes import Category, DeadlineKind, NoticeType, Procedure
from .derive import Status, closing_deadline, main_value
from .model import Change, Money, Notice


def _zone(context: Context) -> str:
    site = context.get("NOTICES_SITE")
    return site.timezone if site is not None else formatting.DEFAULT_TIMEZONE


def _lang(context: Context, lang: str | None) -> str:
    if lang:
        return lang
    site = context.get("NOTICES_SITE")
    return site.default_lang if site is not None else formatting.DEFAULT_LANG


@pass_context
def format_datetime(context: Context, moment: datetime, lang: str | None = None) -> str:
    return formatting.datetime_text(moment, zone=_zone(context), lang=_lang(context, lang))


@pass_context
def format_date(context: Context, day: date, lang: str | None = None) -> str:
    return formatting.date_text(day, zone=_zone(context), lang=_lang(context, lang))


@pass_context
def format_money(context: Context, money: Money, lang: str | None = None) -> str:
    return formatting.money_text(money, _lang(context, lang))


@pass_context
def status_label(context: Context, status: Status, lang: str | None = None) -> str:
    return formatting.status_label(status, _lang(context, lang))


@pass_context
def notice_type_label(context: Context, kind: NoticeType, lang: str | None = None) -> str:
    return formatting.notice_type_label(kind, _lang(context, lang))


@pass_context
def deadline_label(context: Context, kind: DeadlineKind, lang: str | None = None) -> str:
    return formatting.deadline_label(kind, _lang(context, lang))


@pass_context
def procedure_label(context: Context, procedure: Procedure, lang: str | None = None) -> str:
    return formatting.procedure_label(procedure, _lang(context, lang))


@pass_context
def category_label(context: Context, category: Category, lang: str | None = None) -> str:
    return formatting.category_label(category, _lang(context, lang))


@pass_context
def submission_method(context: Context, code: str, lang: str | None = None) -> str:
    return formatting.submission_method_label(code, _lang(context, lang))


@pass_context
def document_format(context: Context, media_type: str, lang: str | None = None) -> str:
    return formatting.document_format_label(media_type, _lang(context, lang))


@pass_context
def change_lines(
    context: Context, change: Change, notice: Notice, lang: str | None = None
) -> tuple[str, ...]:
    """Each field ``change`` touched: ``Tender deadline: <old> → <new>``."""
    return change_text.change_lines(change, notice, zone=_zone(context), lang=_lang(context, lang))


@pass_context
def changed_was(context: Context, notice: Notice, *fields: str) -> str:
    """`` (was <old value>)`` after a fact a change gave the old value of, else ""."""
    was = change_text.was(notice, fields, zone=_zone(context), lang=_lang(context, None))
    return f" {was}" if was else ""


@pass_context
def change_kind(context: Context, change: Change, lang: str | None = None) -> str:
    return formatting.change_kind_label(change.formal, change.correction, _lang(context, lang))


JINJA_FILTERS: dict[str, Callable[..., Any]] = {
    "format_datetime": format_datetime,
    "format_date": format_date,
    "format_money": format_money,
    "status_label": status_label,
    "notice_type_label": notice_type_label,
    "deadline_label": deadline_label,
    "procedure_label": procedure_label,
    "category_label": category_label,
    "closing_deadline": closing_deadline,
    "main_value": main_value,
    "submission_method": submission_method,
    "document_format": document_format,
    "language_name": formatting.language_name,
    "change_lines": change_lines,
    "changed_was": changed_was,
    "change_kind": change_kind,
}
