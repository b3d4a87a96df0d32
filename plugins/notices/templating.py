"""The theme's Jinja face: the words of ``formatting.py`` and the theme's own, in the reader's
language and the site's time zone.

Every page has one reader language (``reader_language``): the ``page_lang`` it is rendered
with, else its article's or page's language, else the site's default. The filters take it as
an optional argument (the page's when left out) and find the time zone in the build's
``NOTICES_SITE``; ``ThemeI18n`` is Jinja's i18n extension whose ``_``, ``gettext`` and
``ngettext`` read the catalogues of that language (``theme.po`` for the templates' words). So a
template never chooses a language or time zone for itself. No Pelican import: all of it is
tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.ext import InternationalizationExtension
from jinja2.runtime import Context

from plugins.contract.words import translator

from . import change_text, formatting
from .buyers_text import buyers_text
from .codes import Category, DeadlineKind, KpiRating, LegalBasis, NoticeType, Procedure
from .derive import Status, closing_deadline, main_value
from .model import Change, ContractDuration, Money, Notice, Place
from .rationale_codes import rationale_text


def _zone(context: Context) -> str:
    site = context.get("NOTICES_SITE")
    return site.timezone if site is not None else formatting.DEFAULT_TIMEZONE


@pass_context
def reader_language(context: Context) -> str:
    """The language of the page's reader: its ``page_lang``, else its article's or page's
    language, else the site's default (a macro imported with context sees the same)."""
    given = context.get("page_lang")
    if isinstance(given, str) and given:
        return given
    for name in ("article", "page"):
        lang = getattr(context.get(name), "lang", None)
        if isinstance(lang, str) and lang:
            return lang
    site = context.get("NOTICES_SITE")
    if site is not None:
        return str(site.default_lang)
    return str(context.get("DEFAULT_LANG") or formatting.DEFAULT_LANG)


def _lang(context: Context, lang: str | None) -> str:
    return lang or reader_language(context)


@pass_context
def gettext(context: Context, message: str) -> str:
    return translator(reader_language(context)).gettext(message)


@pass_context
def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return translator(reader_language(context)).ngettext(singular, plural, count)


@pass_context
def pgettext(context: Context, message_context: str, message: str) -> str:
    return translator(reader_language(context)).pgettext(message_context, message)


@pass_context
def npgettext(
    context: Context, message_context: str, singular: str, plural: str, count: int
) -> str:
    return translator(reader_language(context)).npgettext(message_context, singular, plural, count)


class ThemeI18n(InternationalizationExtension):
    """Jinja's i18n extension (``jinja2.ext.i18n``) with newstyle gettext in the page's reader
    language: ``{{ _("Search") }}``, ``{{ ngettext("%(num)s notice", "%(num)s notices", n) }}``
    and ``{% trans %}`` blocks, placeholders filled (and escaped) by Jinja."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.install_gettext_callables(  # type: ignore[attr-defined]
            gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
        )
        environment.globals["reader_language"] = reader_language


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
def notice_type_label_under(
    context: Context, kind: NoticeType, basis: LegalBasis, lang: str | None = None
) -> str:
    """The notice type by its rules' name: ``Contract notice`` for a UK4 under PCR 2015."""
    return formatting.notice_type_label_under(kind, basis, _lang(context, lang))


@pass_context
def legal_basis_label(context: Context, basis: LegalBasis, lang: str | None = None) -> str:
    return formatting.legal_basis_label(basis, _lang(context, lang))


@pass_context
def format_contract_duration(
    context: Context, given: ContractDuration, lang: str | None = None
) -> str:
    """``36 months from 1 April 2027`` or ``36 months``: a period given as a length."""
    return formatting.contract_duration_text(given, lang=_lang(context, lang))


@pass_context
def place_text(context: Context, place: Place, lang: str | None = None) -> str:
    """A delivery place given otherwise than by region: ``the whole United Kingdom``..."""
    return formatting.place_text(place, _lang(context, lang))


@pass_context
def deadline_label(context: Context, kind: DeadlineKind, lang: str | None = None) -> str:
    return formatting.deadline_label(kind, _lang(context, lang))


@pass_context
def procedure_label(context: Context, procedure: Procedure, lang: str | None = None) -> str:
    return formatting.procedure_label(procedure, _lang(context, lang))


@pass_context
def kpi_rating_label(context: Context, rating: KpiRating, lang: str | None = None) -> str:
    return formatting.kpi_rating_label(rating, _lang(context, lang))


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
def region_name(context: Context, code: str, lang: str | None = None) -> str:
    return formatting.region_name(code, _lang(context, lang))


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
def rationale(context: Context, given: str, lang: str | None = None) -> str:
    return rationale_text(given, _lang(context, lang))


@pass_context
def buyers(context: Context, notice: Notice, lang: str | None = None) -> str:
    return buyers_text(notice, _lang(context, lang))


@pass_context
def change_kind(context: Context, change: Change, lang: str | None = None) -> str:
    return formatting.change_kind_label(change.formal, change.correction, _lang(context, lang))


JINJA_FILTERS: dict[str, Callable[..., Any]] = {
    "format_datetime": format_datetime,
    "format_date": format_date,
    "format_money": format_money,
    "status_label": status_label,
    "notice_type_label": notice_type_label,
    "notice_type_label_under": notice_type_label_under,
    "legal_basis_label": legal_basis_label,
    "format_contract_duration": format_contract_duration,
    "place_text": place_text,
    "deadline_label": deadline_label,
    "procedure_label": procedure_label,
    "category_label": category_label,
    "kpi_rating_label": kpi_rating_label,
    "closing_deadline": closing_deadline,
    "main_value": main_value,
    "submission_method": submission_method,
    "document_format": document_format,
    "region_name": region_name,
    "language_name": formatting.language_name,
    "change_lines": change_lines,
    "changed_was": changed_was,
    "change_kind": change_kind,
    "buyers": buyers,
    "rationale": rationale,
}
