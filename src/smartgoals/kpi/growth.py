"""Growth KPIs: period-over-period growth, CAGR and the growth a goal requires.

Growth relative to a previous value of zero or less has no meaning (the sign flips or the
ratio is infinite), so it is undefined: NaN, or
:class:`~smartgoals.exceptions.UndefinedMetricError` with ``strict=True``. Results follow
the number rules of :mod:`smartgoals.kpi`; the compound rates are roots, computed in
Decimal arithmetic with guard digits and rounded once, so Fraction inputs give a Fraction
equal to the (generally irrational) root rounded to the Decimal context precision.
"""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from typing import Final

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Kind,
    Number,
    NumberLike,
    exact,
    finish,
    growth_root,
    kind_of,
    positive,
    undefined,
)

__all__ = ["DAYS_PER_YEAR", "cagr", "growth_rate", "required_growth"]

#: Days in an average Julian year; :func:`cagr` divides a span of days by it.
DAYS_PER_YEAR: Final = Fraction(36525, 100)


def growth_rate(current: NumberLike, previous: NumberLike, *, strict: bool = False) -> Number:
    """Return the growth from one period to the next: (current − previous) ÷ previous.

    Month over month with two months, year over year with the same month of two years.

    Args:
        current: The value of the later period.
        previous: The value of the earlier period.
        strict: Raise instead of returning NaN when ``previous`` is zero or negative.

    Returns:
        The growth as a fraction (0.1 is 10% growth, −0.2 a 20% fall); NaN when
        ``previous`` is zero or negative.

    Raises:
        InvalidInputError: for values that are not finite numbers.
        UndefinedMetricError: with ``strict=True``, when ``previous`` is zero or negative.

    >>> growth_rate(110, 100)
    0.1
    >>> from decimal import Decimal
    >>> growth_rate(Decimal("80"), 100)
    Decimal('-0.2')
    """
    kind = kind_of(current, previous)
    now = exact(current, "current")
    before = exact(previous, "previous")
    if before <= 0:
        return undefined(
            "growth_rate", f"the previous value is {previous}, not above zero", kind, strict=strict
        )
    return finish((now - before) / before, kind)


def _compound(
    metric: str, start: Fraction, end: Fraction, periods: Fraction, kind: Kind, strict: bool
) -> Number:
    if start <= 0:
        return undefined(metric, "the starting value is not above zero", kind, strict=strict)
    if end < 0:
        return undefined(metric, "the end value is below zero", kind, strict=strict)
    return growth_root(end / start, 1 / periods, kind)


def _as_date(value: object, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInputError(
        f"{name} must be a date or an ISO date like '2027-03-31', "
        f"got {type(value).__name__} ({value!r})",
        name=name,
        value=value,
    )


def _span_in_years(start_date: date | str, end_date: date | str) -> Fraction:
    first = _as_date(start_date, "start_date")
    last = _as_date(end_date, "end_date")
    days = (last - first).days
    if days <= 0:
        raise InvalidInputError(
            f"end_date ({end_date}) must be after start_date ({start_date})",
            name="end_date",
            value=end_date,
        )
    return days / DAYS_PER_YEAR


def cagr(
    start: NumberLike,
    end: NumberLike,
    years: NumberLike | None = None,
    *,
    start_date: date | str | None = None,
    end_date: date | str | None = None,
    strict: bool = False,
) -> Number:
    """Return the compound annual growth rate: (end ÷ start)^(1 ÷ years) − 1.

    Give the span either as ``years`` or as two dates, in which case years = days ÷ 365.25.

    Args:
        start: The value at the start, above zero.
        end: The value at the end, zero or more.
        years: The span in years, above zero (may be fractional).
        start_date: The date of ``start`` (instead of ``years``): a date or ISO string.
        end_date: The date of ``end`` (instead of ``years``): a date or ISO string.
        strict: Raise instead of returning NaN when the rate is undefined.

    Returns:
        The yearly rate, such that start × (1 + rate)^years = end; NaN when ``start`` is
        not above zero or ``end`` is negative.

    Raises:
        InvalidInputError: for years not above zero, both or neither of ``years`` and the
            dates, or ``end_date`` not after ``start_date``.
        UndefinedMetricError: with ``strict=True``, when the rate is undefined.

    >>> cagr(100, 121, 2)
    0.1
    >>> from datetime import date, datetime
    >>> from decimal import Decimal
    >>> cagr(Decimal(100), 200, start_date=date(2020, 1, 1), end_date=date(2030, 1, 1))
    Decimal('0.07176329427418394818029562747')
    """
    kind = kind_of(start, end, years)
    first = exact(start, "start")
    last = exact(end, "end")
    if years is not None and start_date is None and end_date is None:
        span = positive(years, "years")
    elif years is None and start_date is not None and end_date is not None:
        span = _span_in_years(start_date, end_date)
    else:
        raise InvalidInputError(
            "give either years or both start_date and end_date, not both and not neither",
            name="years",
            value=years,
        )
    return _compound("cagr", first, last, span, kind, strict)


def required_growth(
    baseline: NumberLike, target: NumberLike, periods: NumberLike, *, strict: bool = False
) -> Number:
    """Return the growth per period a goal needs: (target ÷ baseline)^(1 ÷ periods) − 1.

    This is CAGR over goal periods: from 100 to 121 in 2 periods takes 10% a period.

    Args:
        baseline: The value now, above zero.
        target: The value the goal wants, zero or more.
        periods: How many periods there are to get there, above zero.
        strict: Raise instead of returning NaN when the rate is undefined.

    Returns:
        The rate per period (negative for a goal that wants a decrease); NaN when
        ``baseline`` is not above zero or ``target`` is negative.

    Raises:
        InvalidInputError: for ``periods`` not above zero.
        UndefinedMetricError: with ``strict=True``, when the rate is undefined.

    >>> required_growth(100, 121, 2)
    0.1
    >>> from fractions import Fraction
    >>> required_growth(Fraction(100), 150, 1)
    Fraction(1, 2)
    """
    kind = kind_of(baseline, target, periods)
    first = exact(baseline, "baseline")
    last = exact(target, "target")
    span = positive(periods, "periods")
    return _compound("required_growth", first, last, span, kind, strict)
