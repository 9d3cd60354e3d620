"""Check-ins (dated measurements) and check-in schedules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Final

import attrs
from dateutil import rrule

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import CalendarError, InvalidInputError
from smartgoals.goals import Goal
from smartgoals.money import currency_code
from smartgoals.timeframes import Granularity, Timeframe

__all__ = ["CheckIn", "checkin_dates"]

_ONE: Final = Decimal(1)


def _plain_date(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    # datetime is a subclass of date; mixing the two breaks comparisons with timeframes.
    if type(value) is not date:
        raise InvalidInputError(
            f"a check-in date must be a datetime.date, got {type(value).__name__} "
            f"({value!r}); use .date() on a datetime",
            name="date",
            value=value,
        )


def _value(value: object) -> Decimal:
    return to_decimal(value, name="check-in value")


def _confidence(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, name="confidence")
    if not 0 <= number <= 1:
        raise InvalidInputError(
            f"confidence must be a fraction from 0 to 1, got {value!r}; on a 1-10 scale "
            f"write 7 out of 10 as 0.7 or Fraction(7, 10)",
            name="confidence",
            value=value,
        )
    return number


def _denominator(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, name="denominator")
    if number <= 0:
        raise InvalidInputError(
            f"a check-in's denominator is the count its rate is measured over (the deals "
            f"won or lost for a win rate) and must be above 0, got {value!r}; leave it out "
            "when nothing was counted",
            name="denominator",
            value=value,
        )
    return number


def _currency(value: object) -> str | None:
    if value is None:
        return None
    return currency_code(value)


def _note(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(
            f"a check-in note must be a string or None, got {type(value).__name__}",
            name="note",
            value=value,
        )
    return value


@attrs.frozen
class CheckIn:
    """A dated measurement of a goal's metric, with an optional confidence and note.

    What ``value`` means depends on the metric's aggregation. For ``SUM`` metrics
    (revenue, calls) it is the amount of that period alone, since the previous check-in
    (pass ``cumulative=True`` to :func:`~smartgoals.tracking.track` when the values are
    running totals). For ``LEVEL`` metrics (MRR, customers) and ``AVERAGE`` metrics (win
    rate, CAC) it is the value of the metric on that date or over the latest period.

    A rate (an ``AVERAGE`` metric such as win rate or churn) may carry its
    ``denominator``: the count it is measured over (the deals won or lost for a win
    rate, the customers at the start for churn). Roll-ups then pool the counts, so a
    team's win rate is Σ won ÷ Σ decided (``value × denominator`` is the numerator),
    never a mean of the reps' rates.

    Confidence is separate from progress: how sure the owner is of reaching the target,
    as a fraction from 0 (no chance) to 1 (certain). On the 1-10 scale of many OKR tools,
    divide by ten: a 7 is ``0.7`` (or ``Fraction(7, 10)``). A value above 1 is rejected
    rather than guessed, because "1" would be 100% as a fraction and 10% on the scale.

    A money value may carry its ``currency`` when it is not the goal's (a rep booking
    in US dollars against a target in euros): :func:`~smartgoals.tracking.track`
    converts it with the exchange rates it is given (``fx=``) at the rate in force on
    the check-in's date, and refuses it without them. A check-in without a currency is
    in the goal's currency.

    Args:
        date: The day of the measurement (inclusive: it counts for that whole day).
        value: The measured amount, as anything
            :func:`~smartgoals._numbers.to_decimal` accepts.
        confidence: The owner's confidence of reaching the target, 0 to 1, or ``None``.
        note: A free-text remark ("two deals slipped to May").
        denominator: For a rate: the count it is measured over (above 0), or ``None``.
        currency: The ISO 4217 code of a money value (upper-cased), or ``None`` for
            the goal's currency.

    Raises:
        InvalidInputError: for a date that is not a ``datetime.date``, a value that is
            not a finite number, a confidence outside 0-1, a denominator that is not
            above 0, or a currency that is not a three-letter code.

    >>> from datetime import date
    >>> c = CheckIn(date(2027, 4, 30), "150000", confidence=0.8, note="two deals slipped")
    >>> c.value, c.confidence
    (Decimal('150000'), Decimal('0.8'))
    >>> won = CheckIn(date(2027, 4, 30), "0.1", denominator=100)  # 10 of 100 deals
    >>> won.value * won.denominator
    Decimal('10.0')
    >>> CheckIn(date(2027, 4, 30), "650.00", currency="usd").currency
    'USD'
    >>> CheckIn(date(2027, 4, 30), 1, confidence=7)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: confidence must be a fraction from 0 to 1, got 7; on a 1-10 scale write 7 out of 10 as 0.7 or Fraction(7, 10)
    """

    date: date = attrs.field(validator=_plain_date)
    value: Decimal = attrs.field(converter=_value)
    confidence: Decimal | None = attrs.field(default=None, kw_only=True, converter=_confidence)
    note: str | None = attrs.field(default=None, kw_only=True, converter=_note)
    denominator: Decimal | None = attrs.field(default=None, kw_only=True, converter=_denominator)
    currency: str | None = attrs.field(default=None, kw_only=True, converter=_currency)


_FREQUENCY: Final = {
    Granularity.YEAR: (rrule.YEARLY, 1),
    Granularity.HALF: (rrule.MONTHLY, 6),
    Granularity.QUARTER: (rrule.MONTHLY, 3),
    Granularity.MONTH: (rrule.MONTHLY, 1),
    Granularity.WEEK: (rrule.WEEKLY, 1),
    Granularity.DAY: (rrule.DAILY, 1),
}

#: The months in which each period of a calendar year ends.
_END_MONTHS: Final = {
    Granularity.YEAR: (12,),
    Granularity.HALF: (6, 12),
    Granularity.QUARTER: (3, 6, 9, 12),
}


def _weekday(value: int | rrule.weekday) -> int:
    number = value.weekday if isinstance(value, rrule.weekday) else value
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= 6:
        raise CalendarError(
            f"weekday must be 0 (Monday) to 6 (Sunday) or a dateutil weekday such as "
            f"rrule.FR, got {value!r}",
            value=value,
        )
    return number


def checkin_dates(
    goal: Goal | Timeframe,
    every: Granularity | str = Granularity.MONTH,
    *,
    weekday: int | rrule.weekday | None = None,
    day: int | None = None,
) -> list[date]:
    """The dates of a check-in schedule inside a goal's timeframe, set in advance.

    By default each date is the last day of a calendar period: the month ends for
    ``MONTH`` (twelve dates over 2027), the quarter ends for ``QUARTER``, the Sundays
    (ends of ISO weeks) for ``WEEK``. The schedule is built with dateutil's ``rrule``
    and is month-end safe: ``day=31`` gives the 31st where a month has one and the
    month's last day otherwise (a plain ``rrule`` would skip those months). Only dates
    inside the timeframe are returned; a final partial period gets a date only if the
    rule falls inside it.

    Args:
        goal: A goal with a timeframe, or a timeframe.
        every: How often: a :class:`~smartgoals.timeframes.Granularity` or its value.
        weekday: For ``WEEK`` and ``DAY``: only this weekday (0 is Monday, or
            ``rrule.FR``); for longer periods: the last such weekday of the period's
            last month ("the last Friday of each month").
        day: For ``MONTH`` and longer: this day of the period's last month, clamped to
            the month's length (1-31). Cannot be combined with ``weekday``.

    Returns:
        The dates in order.

    Raises:
        IncompleteGoalError: if the goal has no timeframe.
        CalendarError: for an unknown granularity, a weekday outside 0-6, a day outside
            1-31, ``day`` with ``WEEK``/``DAY``, or both ``day`` and ``weekday``.

    >>> from datetime import date
    >>> from smartgoals.timeframes import Timeframe
    >>> ends = checkin_dates(Timeframe.year(2027))
    >>> len(ends), ends[1], ends[-1]
    (12, datetime.date(2027, 2, 28), datetime.date(2027, 12, 31))
    >>> checkin_dates(Timeframe.quarter(2027, 1), "month", day=30)
    [datetime.date(2027, 1, 30), datetime.date(2027, 2, 28), datetime.date(2027, 3, 30)]
    >>> checkin_dates(Timeframe.month(2027, 4), "week", weekday=4)
    [datetime.date(2027, 4, 2), datetime.date(2027, 4, 9), datetime.date(2027, 4, 16), datetime.date(2027, 4, 23), datetime.date(2027, 4, 30)]
    """
    if isinstance(goal, Goal):
        goal.require("timeframe", action="schedule check-ins")
        assert goal.timeframe is not None  # for mypy: require() checked it
        timeframe = goal.timeframe
    elif isinstance(goal, Timeframe):
        timeframe = goal
    else:
        raise InvalidInputError(
            f"checkin_dates() needs a Goal or a Timeframe, got {type(goal).__name__}",
            name="goal",
            value=goal,
        )
    try:
        granularity = Granularity(every.value if isinstance(every, Granularity) else every)
    except ValueError:
        valid = ", ".join(g.value for g in Granularity)
        raise CalendarError(
            f"unknown granularity {every!r}; use one of {valid}", value=every
        ) from None
    if day is not None and weekday is not None:
        raise CalendarError(
            "give either day= or weekday=, not both", value={"day": day, "weekday": weekday}
        )
    freq, interval = _FREQUENCY[granularity]
    options: dict[str, object] = {}
    if granularity in (Granularity.WEEK, Granularity.DAY):
        if day is not None:
            raise CalendarError(
                f"day= applies to months and longer periods, not to {granularity.value}; "
                "use weekday= instead",
                value=day,
            )
        if weekday is not None:
            options["byweekday"] = _weekday(weekday)
        elif granularity is Granularity.WEEK:
            options["byweekday"] = rrule.SU
    else:
        months = _END_MONTHS.get(granularity)
        if months is not None:
            options["bymonth"] = months
            freq, interval = rrule.MONTHLY, 1
        if weekday is not None:
            options["byweekday"] = rrule.weekday(_weekday(weekday))(-1)
        else:
            wanted = 31 if day is None else day
            if not isinstance(wanted, int) or isinstance(wanted, bool) or not 1 <= wanted <= 31:
                raise CalendarError(f"day must be an integer from 1 to 31, got {day!r}", value=day)
            # Take the last of the days up to the wanted one that the month has.
            options["bymonthday"] = tuple(range(min(wanted, 28), wanted + 1))
            options["bysetpos"] = -1
    start = datetime(timeframe.start.year, timeframe.start.month, 1)
    until = datetime.combine(timeframe.last_day, datetime.min.time())
    rule = rrule.rrule(freq, interval=interval, dtstart=start, until=until, **options)  # type: ignore[arg-type]
    return [d.date() for d in _within(rule, timeframe)]


def _within(occurrences: Iterable[datetime], timeframe: Timeframe) -> Iterable[datetime]:
    return (d for d in occurrences if timeframe.contains(d.date()))
