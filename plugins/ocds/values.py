"""OCDS field values: moments, days in the site's time zone, money, texts, periods."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from plugins.notices.model import ContractDuration, ContractPeriod, Lot, Money, Notice

from .compact import Json, compact
from .context import Context


def when(at: datetime) -> str:
    return at.isoformat()


def day(on: date, context: Context, end: bool = False) -> str:
    """A date as a date-time in the site's time zone: its first or last second."""
    moment = time(23, 59, 59) if end else time(0, 0, 0)
    return datetime.combine(on, moment, ZoneInfo(context.site.timezone)).isoformat()


def _amount(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def value(money: Money | None) -> Json | None:
    if money is None:
        return None
    return {"amount": _amount(money.amount), "currency": money.currency}


def min_value(money: Money | None) -> Json | None:
    """The lowest estimate of a value given as a range (OCDS ``minValue``)."""
    if money is None or money.minimum is None:
        return None
    return {"amount": _amount(money.minimum), "currency": money.currency}


def _texts(name: str, notice: Notice, context: Context, text: Callable[[Notice], str]) -> Json:
    """A text field and its translations (``title_cy``), as OCDS writes other languages."""
    values = {name: text(notice)}
    for other in context.translations:
        values[f"{name}_{other.lang}"] = text(other.notice)
    return compact(values)


def title_and_description(
    notice: Notice, context: Context, describe: Callable[[Notice], str] = lambda n: n.summary
) -> Json:
    """The notice's title and its summary (or ``describe``'s text), each with translations."""
    return {
        **_texts("title", notice, context, lambda n: n.title),
        **_texts("description", notice, context, describe),
    }


def period(holder: Notice | Lot, context: Context) -> Json | None:
    """The contract period of a notice or lot, from its dates or from its length."""
    if holder.contract_duration is not None:
        return _length(holder.contract_duration, context)
    return _dated(holder.contract_period, context)


def renewal(holder: Notice | Lot) -> Json:
    """``hasRenewal`` and ``renewal`` (renewal extension) when the period's options to extend
    are given in words."""
    period = holder.contract_duration or holder.contract_period
    words = period.extensions if period else None
    return {"hasRenewal": True, "renewal": {"description": words}} if words else {}


def _length(given: ContractDuration, context: Context) -> Json:
    """A period given as a length: OCDS counts it in days, so months and years only when a
    start fixes how many days they are (otherwise the length is left out, never guessed)."""
    days = given.duration.days
    if days is None and given.start is not None:
        months = given.duration.count * (12 if given.duration.unit == "Y" else 1)
        days = (_add_months(given.start, months) - given.start).days
    return compact(
        {
            "startDate": given.start and day(given.start, context),
            "durationInDays": days,
        }
    )


def _dated(contract_period: ContractPeriod | None, context: Context) -> Json | None:
    if contract_period is None:
        return None
    months = contract_period.extension_months
    extended = months and _add_months(contract_period.end, months)
    return compact(
        {
            "startDate": day(contract_period.start, context),
            "endDate": day(contract_period.end, context, end=True),
            "maxExtentDate": extended and day(extended, context, end=True),
        }
    )


def _add_months(on: date, months: int) -> date:
    index = on.month - 1 + months
    year, month = on.year + index // 12, index % 12 + 1
    return date(year, month, min(on.day, calendar.monthrange(year, month)[1]))
