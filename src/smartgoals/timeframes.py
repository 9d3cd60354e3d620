"""Timeframes (half-open date ranges) and fiscal calendars.

A :class:`Timeframe` covers the dates ``start <= d < end``; :attr:`Timeframe.last_day`
gives the inclusive end for display. Periods are computed as an anchor plus *k* months,
never by chaining month offsets, so month ends do not drift.

A :class:`FiscalCalendar` says where a fiscal year starts, how it is named (by the year it
ends in, like pandas ``Q-MAR`` and SEC filings, or by the year it starts in), and whether
its periods are calendar months or whole weeks (4-4-5, 4-5-4, 5-4-4 with 52/53-week years).

>>> from datetime import date
>>> q3 = Timeframe(date(2027, 7, 1), date(2027, 10, 1))
>>> q3.last_day, q3.days
(datetime.date(2027, 9, 30), 92)
>>> fy = FiscalCalendar(start_month=4)
>>> str(fy.year(2027)), fy.label(fy.quarter(2027, 3))
('2026-04-01 – 2027-03-31', 'FY2027 Q3')
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Container, Iterable
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise
from typing import Any, Final, TypeAlias

import attrs

from smartgoals.exceptions import CalendarError, ParseError

__all__ = ["CALENDAR_YEAR", "FiscalCalendar", "Granularity", "Timeframe"]

_Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# Fiscal years are limited so that every period boundary is a valid ``datetime.date``.
_MIN_FISCAL_YEAR: Final = 2
_MAX_FISCAL_YEAR: Final = 9997

_NAMINGS: Final = ("end", "start")
_WEEK_PATTERNS: Final[dict[str, tuple[int, int, int]]] = {
    "4-4-5": (4, 4, 5),
    "4-5-4": (4, 5, 4),
    "5-4-4": (5, 4, 4),
}
_WEEK_RULES: Final = ("nearest", "last")


class Granularity(enum.Enum):
    """The size of a calendar period.

    >>> Granularity("quarter") is Granularity.QUARTER
    True
    """

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"


def _granularity(value: Granularity | str) -> Granularity:
    if isinstance(value, Granularity):
        return value
    try:
        return Granularity(str(value).lower())
    except ValueError:
        valid = ", ".join(g.value for g in Granularity)
        raise CalendarError(
            f"unknown granularity {value!r}; use one of {valid}", value=value
        ) from None


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise CalendarError(
            f"{name} must be an integer from {low} to {high}, got {value!r}", value=value
        )
    return value


def _check_plain_date(name: str, value: object) -> date:
    # datetime is a subclass of date; mixing them breaks comparisons and day counts.
    if type(value) is not date:
        raise CalendarError(
            f"{name} must be a datetime.date, got {type(value).__name__} ({value!r}); "
            "use .date() on a datetime",
            value=value,
        )
    return value


def _clamped_date(year: int, month: int, day: int) -> date:
    """The date ``day`` of month ``month`` of ``year``, clamped to the month's last day.

    ``month`` may lie outside 1..12; it then counts on into later (or earlier) years.
    """
    y, m0 = divmod(year * 12 + month - 1, 12)
    return date(y, m0 + 1, min(day, monthrange(y, m0 + 1)[1]))


def _add_months(anchor: date, months: int) -> date:
    """``anchor`` plus ``months`` months, the day clamped to the end of the target month.

    Always computed from the anchor (never by chaining one-month steps), so 31 January
    plus 1, 2, 3 months gives 28/29 February, 31 March, 30 April.
    """
    return _clamped_date(anchor.year, anchor.month + months, anchor.day)


def _days_after(day: date, days: int) -> date:
    """``day`` plus ``days`` days; a CalendarError past 9999-12-31."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise CalendarError(
            f"{days} days after {day.isoformat()} lies past {date.max.isoformat()}, the last "
            "date there is",
            value=day,
        ) from None


def _check_order(instance: Timeframe, attribute: attrs.Attribute[date], end: date) -> None:
    if end <= instance.start:
        raise CalendarError(
            f"timeframe end {end.isoformat()} must be after its start "
            f"{instance.start.isoformat()} (the end is exclusive)",
            value=(instance.start, end),
        )


def _is_plain_date(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    _check_plain_date(f"timeframe {attribute.name}", value)


@attrs.frozen(order=True)
class Timeframe:
    """A half-open range of dates ``[start, end)``.

    Args:
        start: The first day in the timeframe.
        end: The first day after the timeframe (exclusive).

    Raises:
        CalendarError: if ``end`` is not after ``start`` or either is not a ``date``.

    >>> tf = Timeframe(date(2027, 1, 1), date(2028, 1, 1))
    >>> tf.contains(date(2027, 12, 31)), tf.contains(date(2028, 1, 1))
    (True, False)
    >>> Timeframe(date(2027, 1, 2), date(2027, 1, 1))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.CalendarError: timeframe end 2027-01-01 must be after its start 2027-01-02 (the end is exclusive)
    """

    start: date = attrs.field(validator=_is_plain_date)
    end: date = attrs.field(validator=[_is_plain_date, _check_order])

    # -- constructors ---------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Timeframe:
        """The calendar year ``year`` (1 January to 31 December).

        Args:
            year: A year from 1 to 9998.

        Returns:
            The timeframe ``[year-01-01, year+1-01-01)``.

        Raises:
            CalendarError: if ``year`` is out of range or not an integer.

        >>> str(Timeframe.year(2027))
        '2027-01-01 – 2027-12-31'
        """
        _check_int("year", year, 1, 9998)
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def half(cls, year: int, half: int) -> Timeframe:
        """The first (January–June) or second (July–December) half of a calendar year.

        Args:
            year: A year from 1 to 9998.
            half: 1 or 2.

        Returns:
            The half-year as a timeframe.

        Raises:
            CalendarError: if ``half`` is not 1 or 2, or ``year`` is out of range.

        >>> str(Timeframe.half(2027, 2))
        '2027-07-01 – 2027-12-31'
        """
        _check_int("year", year, 1, 9998)
        _check_int("half", half, 1, 2)
        return cls(_clamped_date(year, 6 * half - 5, 1), _clamped_date(year, 6 * half + 1, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Timeframe:
        """A calendar quarter (Q1 is January–March).

        Args:
            year: A year from 1 to 9998.
            quarter: 1 to 4.

        Returns:
            The quarter as a timeframe.

        Raises:
            CalendarError: if ``quarter`` is not 1–4, or ``year`` is out of range.

        >>> Timeframe.quarter(2027, 1).days
        90
        >>> Timeframe.quarter(2027, 5)
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.CalendarError: quarter must be an integer from 1 to 4, got 5
        """
        _check_int("year", year, 1, 9998)
        _check_int("quarter", quarter, 1, 4)
        return cls(
            _clamped_date(year, 3 * quarter - 2, 1), _clamped_date(year, 3 * quarter + 1, 1)
        )

    @classmethod
    def month(cls, year: int, month: int) -> Timeframe:
        """A calendar month.

        Args:
            year: A year from 1 to 9998.
            month: 1 (January) to 12 (December).

        Returns:
            The month as a timeframe.

        Raises:
            CalendarError: if ``month`` is not 1–12, or ``year`` is out of range.

        >>> Timeframe.month(2028, 2).last_day
        datetime.date(2028, 2, 29)
        """
        _check_int("year", year, 1, 9998)
        _check_int("month", month, 1, 12)
        return cls(date(year, month, 1), _clamped_date(year, month + 1, 1))

    @classmethod
    def iso_week(cls, year: int, week: int) -> Timeframe:
        """An ISO 8601 week (Monday to Sunday) of an ISO week-numbering year.

        Args:
            year: An ISO year from 1 to 9998.
            week: 1 to 52, or 53 in years that have 53 ISO weeks.

        Returns:
            The seven days of the week as a timeframe.

        Raises:
            CalendarError: if the year has no such week.

        >>> str(Timeframe.iso_week(2027, 1))
        '2027-01-04 – 2027-01-10'
        >>> Timeframe.iso_week(2027, 53)
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.CalendarError: ISO week of 2027 must be an integer from 1 to 52, got 53
        """
        _check_int("year", year, 1, 9998)
        # 28 December always lies in the last ISO week of its year.
        weeks_in_year = date(year, 12, 28).isocalendar().week
        _check_int(f"ISO week of {year}", week, 1, weeks_in_year)
        monday = date.fromisocalendar(year, week, 1)
        return cls(monday, monday + timedelta(days=7))

    @classmethod
    def day(cls, day: date) -> Timeframe:
        """The single day ``day``.

        Args:
            day: The date.

        Returns:
            ``Timeframe(day, day + 1 day)``.

        Raises:
            CalendarError: if ``day`` is not a ``date``, or is the last date there is
                (9999-12-31: its end would lie past it).

        >>> Timeframe.day(date(2027, 3, 1)).days
        1
        """
        _check_plain_date("day", day)
        return cls(day, _days_after(day, 1))

    @classmethod
    def starting(cls, start: date, *, months: int = 0, weeks: int = 0, days: int = 0) -> Timeframe:
        """A timeframe that starts on ``start`` and lasts the given length.

        Months are added first, as the same day of the month ``months`` later, clamped to
        that month's last day (31 January plus one month ends on 28/29 February); then weeks
        and days are added.

        Args:
            start: The first day.
            months: Whole months to add (0 or more).
            weeks: Whole weeks to add (0 or more).
            days: Days to add (0 or more).

        Returns:
            The timeframe ``[start, start + months + weeks + days)``.

        Raises:
            CalendarError: if a length is negative or not an integer, or all are 0, or
                the timeframe would end after 9999-12-31 (the last date there is).

        >>> str(Timeframe.starting(date(2027, 4, 1), months=3))
        '2027-04-01 – 2027-06-30'
        >>> Timeframe.starting(date(2027, 1, 31), months=1).end
        datetime.date(2027, 2, 28)
        """
        _check_plain_date("start", start)
        for name, value in (("months", months), ("weeks", weeks), ("days", days)):
            _check_int(name, value, 0, 12 * 10_000)
        if months == weeks == days == 0:
            raise CalendarError(
                "a timeframe needs a length: give months, weeks or days greater than 0",
                value=(months, weeks, days),
            )
        try:
            end = _add_months(start, months) + timedelta(weeks=weeks, days=days)
        except (ValueError, OverflowError):
            length = ", ".join(
                f"{count} {unit}"
                for count, unit in ((months, "months"), (weeks, "weeks"), (days, "days"))
                if count
            )
            raise CalendarError(
                f"a timeframe of {length} from {start.isoformat()} would end after "
                f"{date.max.isoformat()}, the last date there is",
                value=(start, months, weeks, days),
            ) from None
        return cls(start, end)

    # -- properties -----------------------------------------------------------------

    @property
    def last_day(self) -> date:
        """The last day inside the timeframe (``end`` minus one day).

        >>> Timeframe(date(2027, 2, 1), date(2027, 3, 1)).last_day
        datetime.date(2027, 2, 28)
        """
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        """The number of calendar days in the timeframe.

        >>> Timeframe(date(2028, 2, 1), date(2028, 3, 1)).days
        29
        """
        return (self.end - self.start).days

    def __str__(self) -> str:
        if self.days == 1:
            return self.start.isoformat()
        return f"{self.start.isoformat()} – {self.last_day.isoformat()}"

    # -- queries --------------------------------------------------------------------

    def contains(self, day: date) -> bool:
        """Tell whether ``day`` lies in ``[start, end)``.

        >>> Timeframe(date(2027, 1, 1), date(2027, 2, 1)).contains(date(2027, 1, 31))
        True
        """
        return self.start <= day < self.end

    def overlaps(self, other: Timeframe) -> bool:
        """Tell whether the two timeframes share at least one day.

        Args:
            other: Another timeframe.

        Returns:
            ``True`` if some day lies in both.

        >>> Timeframe.month(2027, 1).overlaps(Timeframe.month(2027, 2))
        False
        >>> Timeframe.year(2027).overlaps(Timeframe.month(2027, 2))
        True
        """
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Timeframe) -> Timeframe | None:
        """The days the two timeframes share, or ``None`` if they share none.

        Args:
            other: Another timeframe.

        Returns:
            The common timeframe, or ``None``.

        >>> str(Timeframe.quarter(2027, 1).intersection(Timeframe.month(2027, 3)))
        '2027-03-01 – 2027-03-31'
        >>> Timeframe.month(2027, 1).intersection(Timeframe.month(2027, 2)) is None
        True
        """
        if not self.overlaps(other):
            return None
        return Timeframe(max(self.start, other.start), min(self.end, other.end))

    def split(
        self, granularity: Granularity | str, *, calendar: FiscalCalendar | None = None
    ) -> list[Timeframe]:
        """Split into consecutive periods of the given granularity, clipped to this timeframe.

        Without a calendar the periods are calendar years, halves, quarters, months, ISO
        weeks (Monday to Sunday) or days. With a :class:`FiscalCalendar` they are its fiscal
        periods (see :meth:`FiscalCalendar.periods`). The first and last parts are cut at
        this timeframe's start and end, so the parts always cover it exactly.

        Args:
            granularity: The period size, a :class:`Granularity` or its value (``"month"``).
            calendar: A fiscal calendar whose periods to use.

        Returns:
            Consecutive, non-overlapping timeframes whose union is this timeframe.

        Raises:
            CalendarError: for an unknown granularity.

        >>> [str(p) for p in Timeframe(date(2027, 2, 15), date(2027, 5, 1)).split("month")]
        ['2027-02-15 – 2027-02-28', '2027-03-01 – 2027-03-31', '2027-04-01 – 2027-04-30']
        >>> april = FiscalCalendar(start_month=4)
        >>> [april.label(q) for q in Timeframe.year(2027).split("quarter", calendar=april)]
        ['FY2027 Q4', 'FY2028 Q1', 'FY2028 Q2', 'FY2028 Q3']
        """
        granularity = _granularity(granularity)
        if calendar is not None:
            parts = (p.intersection(self) for p in calendar.periods(self, granularity))
            return [p for p in parts if p is not None]
        result = []
        cursor = self.start
        while cursor < self.end:
            period = _gregorian_period(cursor, granularity)
            part = Timeframe(cursor, min(period.end, self.end))
            result.append(part)
            cursor = part.end
        return result

    def coverage(
        self, granularity: Granularity | str, *, calendar: FiscalCalendar | None = None
    ) -> list[tuple[Timeframe, Fraction]]:
        """The periods of :meth:`split`, each with the share of its whole period inside.

        A rate such as "20 demos a week" holds for every whole period; a period cut at
        the timeframe's start or end carries the rate prorated by days. The share is
        ``days inside ÷ days of the whole period``: 1 for whole periods, less at the
        edges. The shares add up to the number of periods the timeframe spans.

        Args:
            granularity: The period size, a :class:`Granularity` or its value.
            calendar: A fiscal calendar whose periods to use (calendar periods and ISO
                weeks without one).

        Returns:
            ``(clipped period, share)`` pairs in date order; each share is an exact
            :class:`~fractions.Fraction` in ``(0, 1]``.

        Raises:
            CalendarError: for an unknown granularity.

        >>> q3 = Timeframe.quarter(2027, 3)  # Thursday 1 July to Thursday 30 September
        >>> weeks = q3.coverage("week")
        >>> len(weeks), weeks[0][1], sum(share for _, share in weeks)
        (14, Fraction(4, 7), Fraction(92, 7))
        >>> sum(share for _, share in Timeframe.year(2027).coverage("month"))
        Fraction(12, 1)
        """
        granularity = _granularity(granularity)
        out: list[tuple[Timeframe, Fraction]] = []
        for part in self.split(granularity, calendar=calendar):
            whole = (
                calendar.period_of(part.start, granularity)
                if calendar is not None
                else _gregorian_period(part.start, granularity)
            )
            out.append((part, Fraction(part.days, whole.days)))
        return out

    def workdays(self, holidays: Container[date] = (), weekend: Iterable[int] = (5, 6)) -> int:
        """Count the working days: days that are neither weekend days nor holidays.

        Args:
            holidays: Any container of dates that supports ``in``: a set, a list, or an
                object from the ``holidays`` package (``holidays.NL(years=2027)``), which
                works as it is.
            weekend: The weekday numbers of the weekend (Monday is 0, Sunday is 6);
                Saturday and Sunday by default.

        Returns:
            The number of working days in ``[start, end)``.

        Raises:
            CalendarError: if a weekend day is not 0–6, or every weekday is a weekend day.

        >>> june = Timeframe.month(2027, 6)
        >>> june.workdays(), june.workdays(holidays={date(2027, 6, 1)})
        (22, 21)
        >>> june.workdays(weekend=(6,))  # a six-day week
        26
        """
        weekend_days = frozenset(_check_int("weekend day", d, 0, 6) for d in weekend)
        if len(weekend_days) == 7:
            raise CalendarError(
                "weekend covers all seven weekdays; leave at least one working weekday",
                value=tuple(weekend),
            )
        count = 0
        day = self.start
        one = timedelta(days=1)
        while day < self.end:
            if day.weekday() not in weekend_days and day not in holidays:
                count += 1
            day += one
        return count

    def fraction_elapsed(self, as_of: date) -> Fraction:
        """The fraction of the timeframe's days that lie before ``as_of``.

        Linear by calendar days: 0 on or before ``start``, 1 on or after ``end``, and
        ``(as_of - start) / days`` in between. ``as_of`` counts as the *start* of that day,
        so the day itself has not elapsed yet; pass ``as_of + timedelta(days=1)`` to count
        it as done. The result is an exact :class:`~fractions.Fraction`; to scale a Decimal
        amount write ``amount * f.numerator / f.denominator``.

        Args:
            as_of: The date at whose start to measure.

        Returns:
            A Fraction from 0 to 1.

        Raises:
            CalendarError: if ``as_of`` is not a ``date``.

        >>> Timeframe.month(2027, 4).fraction_elapsed(date(2027, 4, 16))
        Fraction(1, 2)
        >>> Timeframe.month(2027, 4).fraction_elapsed(date(2030, 1, 1))
        Fraction(1, 1)
        """
        _check_plain_date("as_of", as_of)
        elapsed = min(max((as_of - self.start).days, 0), self.days)
        return Fraction(elapsed, self.days)


def _gregorian_period(day: date, granularity: Granularity) -> Timeframe:
    """The calendar period (ISO week for weeks) that contains ``day``."""
    if granularity is Granularity.YEAR:
        return Timeframe.year(day.year)
    if granularity is Granularity.HALF:
        return Timeframe.half(day.year, (day.month + 5) // 6)
    if granularity is Granularity.QUARTER:
        return Timeframe.quarter(day.year, (day.month + 2) // 3)
    if granularity is Granularity.MONTH:
        return Timeframe.month(day.year, day.month)
    if granularity is Granularity.WEEK:
        monday = day - timedelta(days=day.weekday())
        return Timeframe(monday, monday + timedelta(days=7))
    return Timeframe.day(day)


def _one_of(name: str, choices: tuple[object, ...]) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            valid = ", ".join(repr(c) for c in choices)
            raise CalendarError(f"unknown {name} {value!r}; use one of {valid}", value=value)

    return check


def _int_range(name: str, low: int, high: int) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _check_int(name, value, low, high)

    return check


_LABEL: Final = re.compile(
    r"""^\s*(?:(?P<kind_first>[HQMW])[\s_-]*(?P<number_first>\d+)[\s_/-]*)?
        FY[\s_-]*(?P<year>\d+)
        (?:[\s_/-]*(?P<kind>[HQMW])[\s_-]*(?P<number>\d+))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@attrs.frozen
class FiscalCalendar:
    """A fiscal calendar: where the year starts, how it is named, what its periods are.

    **Naming.** With ``naming="end"`` (the default) a fiscal year is named by the calendar
    year in which it ends, as pandas ``Q-MAR`` and SEC filings do: with an April start,
    FY2027 runs from 1 April 2026 to 31 March 2027. With ``naming="start"`` it is named by
    the year in which it starts (FY2026 for the same days). For week-based calendars the
    *nominal* end (the day before the nominal start of the next year) decides the name, not
    the weekday the year actually ends on.

    **Start days 29–31** never raise: in each year the start day is the smaller of
    ``start_day`` and the length of the start month, so ``start_month=2, start_day=31``
    starts every year on the last day of February. Fiscal months start on the same day of
    each following month, clamped the same way and always counted from the year's anchor,
    so they do not drift (31 January, 28/29 February, 31 March, 30 April, ...).

    **Week-based calendars** (``weeks="4-4-5"``, ``"4-5-4"`` or ``"5-4-4"``) have years
    of 52 or 53 whole weeks. Each year ends on the ``week_end`` weekday nearest to the
    nominal year end (``week_rule="nearest"``, at most 3 days either side) or on the last
    such weekday on or before it (``week_rule="last"``). Quarters are 13 weeks, split into
    months by the pattern; in a 53-week year the extra week goes into the last period: the
    last month of Q4 (and so Q4, H2 and the year) gets 14 + 1 weeks.

    **Weeks.** Fiscal week 1 starts on the first day of the fiscal year and weeks are 7
    days; in a calendar that is not week-based the last week (week 53) is cut at the year
    end and has 1 or 2 days.

    Args:
        start_month: The month the fiscal year starts in, 1–12.
        start_day: The day of that month it starts on, 1–31 (clamped, see above).
        naming: ``"end"`` or ``"start"``: which calendar year names the fiscal year.
        weeks: ``None`` for calendar months, or a week pattern ``"4-4-5"``, ``"4-5-4"``,
            ``"5-4-4"``.
        week_end: For week-based calendars, the weekday the year ends on (Monday is 0,
            Saturday 5, the default).
        week_rule: For week-based calendars, ``"nearest"`` or ``"last"``.

    Raises:
        CalendarError: for a value out of range or unknown, naming the value and the valid
            choices; also when ``week_end``/``week_rule`` are set on a calendar that is not
            week-based.

    >>> uk = FiscalCalendar(start_month=4, start_day=6, naming="start")
    >>> str(uk.year(2027))
    '2027-04-06 – 2028-04-05'
    >>> retail = FiscalCalendar(start_month=2, naming="start", weeks="4-5-4")
    >>> str(retail.year(2027)), retail.year(2027).days
    ('2027-01-31 – 2028-01-29', 364)
    >>> FiscalCalendar(start_month=13)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.CalendarError: start_month must be an integer from 1 to 12, got 13
    """

    start_month: int = attrs.field(default=1, validator=_int_range("start_month", 1, 12))
    start_day: int = attrs.field(default=1, validator=_int_range("start_day", 1, 31))
    naming: str = attrs.field(default="end", kw_only=True, validator=_one_of("naming", _NAMINGS))
    weeks: str | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_one_of("week pattern", (None, *_WEEK_PATTERNS)),
    )
    week_end: int = attrs.field(default=5, kw_only=True, validator=_int_range("week_end", 0, 6))
    week_rule: str = attrs.field(
        default="nearest", kw_only=True, validator=_one_of("week_rule", _WEEK_RULES)
    )

    def __attrs_post_init__(self) -> None:
        if self.weeks is None and (self.week_end != 5 or self.week_rule != "nearest"):
            raise CalendarError(
                "week_end and week_rule only apply to week-based calendars; "
                "set weeks='4-4-5', '4-5-4' or '5-4-4' as well",
                value=(self.week_end, self.week_rule),
            )

    # -- the skeleton: nominal years and period boundaries ----------------------------

    @property
    def is_week_based(self) -> bool:
        """Whether periods are whole weeks (a 4-4-5 style calendar).

        >>> FiscalCalendar(weeks="4-4-5").is_week_based
        True
        """
        return self.weeks is not None

    @property
    def _name_offset(self) -> int:
        """Fiscal-year name minus the calendar year of the nominal start."""
        if self.naming == "start" or (self.start_month, self.start_day) == (1, 1):
            return 0
        return 1

    def _nominal_start(self, year: int) -> date:
        return _clamped_date(year, self.start_month, self.start_day)

    def _year_end(self, start_year: int) -> date:
        """The exclusive end of the fiscal year that nominally starts in ``start_year``."""
        nominal = self._nominal_start(start_year + 1)
        if self.weeks is None:
            return nominal
        last = nominal - timedelta(days=1)
        back = (last.weekday() - self.week_end) % 7
        if self.week_rule == "nearest" and back > 3:
            back -= 7
        return last - timedelta(days=back - 1)

    def _year_bounds(self, start_year: int) -> tuple[date, date]:
        if self.weeks is None:
            return self._nominal_start(start_year), self._year_end(start_year)
        return self._year_end(start_year - 1), self._year_end(start_year)

    def _check_year(self, fiscal_year: int) -> int:
        return _check_int("fiscal year", fiscal_year, _MIN_FISCAL_YEAR, _MAX_FISCAL_YEAR)

    def _month_bounds(self, fiscal_year: int) -> list[date]:
        """The 13 boundaries of the 12 fiscal months (the last one is the year's end)."""
        start_year = fiscal_year - self._name_offset
        start, end = self._year_bounds(start_year)
        if self.weeks is None:
            return [
                _clamped_date(start_year, self.start_month + k, self.start_day) for k in range(13)
            ]
        bounds = [start]
        for weeks in _WEEK_PATTERNS[self.weeks] * 4:
            bounds.append(bounds[-1] + timedelta(weeks=weeks))
        # The 53rd week, if any, goes into the last month.
        bounds[-1] = end
        return bounds

    def _week_bounds(self, fiscal_year: int) -> list[date]:
        start, end = self._year_bounds(fiscal_year - self._name_offset)
        count = -(-(end - start).days // 7)
        return [*(start + timedelta(weeks=k) for k in range(count)), end]

    # -- periods by number ------------------------------------------------------------

    def year(self, fiscal_year: int) -> Timeframe:
        """The fiscal year ``fiscal_year``.

        Args:
            fiscal_year: The fiscal year's name, 2–9997.

        Returns:
            The whole fiscal year.

        Raises:
            CalendarError: if ``fiscal_year`` is out of range.

        >>> str(FiscalCalendar(start_month=4).year(2027))
        '2026-04-01 – 2027-03-31'
        """
        self._check_year(fiscal_year)
        return Timeframe(*self._year_bounds(fiscal_year - self._name_offset))

    def half(self, fiscal_year: int, half: int) -> Timeframe:
        """Fiscal half-year ``half`` (1 or 2) of ``fiscal_year``: fiscal months 1–6 or 7–12.

        Args:
            fiscal_year: The fiscal year's name.
            half: 1 or 2.

        Returns:
            The half-year.

        Raises:
            CalendarError: if ``half`` is not 1 or 2, or the year is out of range.

        >>> str(FiscalCalendar(start_month=4).half(2027, 2))
        '2026-10-01 – 2027-03-31'
        """
        self._check_year(fiscal_year)
        _check_int("half", half, 1, 2)
        bounds = self._month_bounds(fiscal_year)
        return Timeframe(bounds[6 * half - 6], bounds[6 * half])

    def quarter(self, fiscal_year: int, quarter: int) -> Timeframe:
        """Fiscal quarter ``quarter`` (1–4) of ``fiscal_year``.

        Args:
            fiscal_year: The fiscal year's name.
            quarter: 1 to 4.

        Returns:
            The quarter (three fiscal months).

        Raises:
            CalendarError: if ``quarter`` is not 1–4, or the year is out of range.

        >>> str(FiscalCalendar(start_month=4).quarter(2027, 3))
        '2026-10-01 – 2026-12-31'
        >>> FiscalCalendar().quarter(2027, 5)
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.CalendarError: quarter must be an integer from 1 to 4, got 5
        """
        self._check_year(fiscal_year)
        _check_int("quarter", quarter, 1, 4)
        bounds = self._month_bounds(fiscal_year)
        return Timeframe(bounds[3 * quarter - 3], bounds[3 * quarter])

    def month(self, fiscal_year: int, month: int) -> Timeframe:
        """Fiscal month ``month`` of ``fiscal_year``; month 1 is the year's first month.

        Args:
            fiscal_year: The fiscal year's name.
            month: The fiscal month number, 1 to 12 (not the calendar month).

        Returns:
            The fiscal month.

        Raises:
            CalendarError: if ``month`` is not 1–12, or the year is out of range.

        >>> str(FiscalCalendar(start_month=4).month(2027, 1))
        '2026-04-01 – 2026-04-30'
        >>> FiscalCalendar(weeks="4-4-5").month(2027, 3).days
        35
        """
        self._check_year(fiscal_year)
        _check_int("fiscal month", month, 1, 12)
        bounds = self._month_bounds(fiscal_year)
        return Timeframe(bounds[month - 1], bounds[month])

    def week(self, fiscal_year: int, week: int) -> Timeframe:
        """Fiscal week ``week`` of ``fiscal_year``, counted from the year's first day.

        Args:
            fiscal_year: The fiscal year's name.
            week: 1 to the number of weeks in the year (52 or 53).

        Returns:
            The week: 7 days, except the short last week of a year that is not week-based.

        Raises:
            CalendarError: if the year has no such week, or the year is out of range.

        >>> str(FiscalCalendar(start_month=4).week(2027, 1))
        '2026-04-01 – 2026-04-07'
        >>> FiscalCalendar().week(2027, 53).days
        1
        """
        self._check_year(fiscal_year)
        bounds = self._week_bounds(fiscal_year)
        _check_int(f"week of FY{fiscal_year}", week, 1, len(bounds) - 1)
        return Timeframe(bounds[week - 1], bounds[week])

    # -- periods by date --------------------------------------------------------------

    def fiscal_year(self, day: date) -> int:
        """The name of the fiscal year that contains ``day``.

        Args:
            day: Any date whose fiscal year lies in 2–9997.

        Returns:
            The fiscal year's name (an integer such as 2027).

        Raises:
            CalendarError: if ``day`` is not a date or lies outside the supported years.

        >>> FiscalCalendar(start_month=4).fiscal_year(date(2026, 4, 1))
        2027
        >>> FiscalCalendar(start_month=4, naming="start").fiscal_year(date(2026, 4, 1))
        2026
        """
        _check_plain_date("day", day)
        fiscal_year = None
        if _MIN_FISCAL_YEAR + 1 <= day.year <= _MAX_FISCAL_YEAR - 1:
            # A week-based year may start a few days after its nominal start, so a day
            # late in December can belong to the year that nominally started two years back.
            for start_year in range(day.year - 2, day.year + 2):
                start, end = self._year_bounds(start_year)
                if start <= day < end:
                    fiscal_year = start_year + self._name_offset
                    break
        if fiscal_year is None or not _MIN_FISCAL_YEAR <= fiscal_year <= _MAX_FISCAL_YEAR:
            raise CalendarError(
                f"date {day.isoformat()} is outside the supported fiscal years "
                f"{_MIN_FISCAL_YEAR} to {_MAX_FISCAL_YEAR}",
                value=day,
            )
        return fiscal_year

    def period_of(self, day: date, granularity: Granularity | str) -> Timeframe:
        """The fiscal period of the given granularity that contains ``day``.

        Args:
            day: Any date.
            granularity: The period size.

        Returns:
            The whole period (not clipped) containing ``day``.

        Raises:
            CalendarError: for an unknown granularity or an unsupported date.

        >>> april = FiscalCalendar(start_month=4)
        >>> april.label(april.period_of(date(2027, 2, 14), "quarter"))
        'FY2027 Q4'
        """
        granularity = _granularity(granularity)
        fiscal_year = self.fiscal_year(day)
        if granularity is Granularity.YEAR:
            return self.year(fiscal_year)
        if granularity is Granularity.DAY:
            return Timeframe.day(day)
        if granularity is Granularity.WEEK:
            bounds = self._week_bounds(fiscal_year)
            return self.week(fiscal_year, bisect_right(bounds, day))
        month = bisect_right(self._month_bounds(fiscal_year), day)
        if granularity is Granularity.MONTH:
            return self.month(fiscal_year, month)
        if granularity is Granularity.QUARTER:
            return self.quarter(fiscal_year, (month + 2) // 3)
        return self.half(fiscal_year, (month + 5) // 6)

    def periods(
        self, year_or_timeframe: int | Timeframe, granularity: Granularity | str
    ) -> list[Timeframe]:
        """The fiscal periods of a fiscal year, or those that overlap a timeframe.

        Periods are whole fiscal periods; use :meth:`Timeframe.split` with
        ``calendar=`` to get them clipped to a timeframe.

        Args:
            year_or_timeframe: A fiscal year's name, or a timeframe.
            granularity: The period size.

        Returns:
            Consecutive periods in date order.

        Raises:
            CalendarError: for an unknown granularity or an unsupported year.

        >>> april = FiscalCalendar(start_month=4)
        >>> [april.label(h) for h in april.periods(2027, "half")]
        ['FY2027 H1', 'FY2027 H2']
        >>> [april.label(m) for m in april.periods(Timeframe.month(2027, 3), "month")]
        ['FY2027 M12']
        """
        granularity = _granularity(granularity)
        if isinstance(year_or_timeframe, Timeframe):
            frame = year_or_timeframe
            first = self.fiscal_year(frame.start)
            last = self.fiscal_year(frame.last_day)
            return [
                period
                for fiscal_year in range(first, last + 1)
                for period in self.periods(fiscal_year, granularity)
                if period.overlaps(frame)
            ]
        fiscal_year = self._check_year(year_or_timeframe)
        if granularity is Granularity.YEAR:
            return [self.year(fiscal_year)]
        if granularity is Granularity.DAY:
            return self.year(fiscal_year).split(Granularity.DAY)
        if granularity is Granularity.WEEK:
            bounds = self._week_bounds(fiscal_year)
        else:
            step = {Granularity.HALF: 6, Granularity.QUARTER: 3, Granularity.MONTH: 1}
            bounds = self._month_bounds(fiscal_year)[:: step[granularity]]
        return [Timeframe(a, b) for a, b in pairwise(bounds)]

    # -- labels -----------------------------------------------------------------------

    def label(self, timeframe: Timeframe) -> str:
        """The label of a fiscal period: ``FY2027``, ``FY2027 H1``, ``FY2027 Q3``, ``FY2027 M05``, ``FY2027 W07``.

        Args:
            timeframe: A whole fiscal year, half, quarter, month or week of this calendar.

        Returns:
            The label; :meth:`parse_label` turns it back into the timeframe.

        Raises:
            CalendarError: if the timeframe is not exactly one fiscal period.

        >>> april = FiscalCalendar(start_month=4)
        >>> april.label(april.month(2027, 5))
        'FY2027 M05'
        >>> april.label(Timeframe.month(2027, 1).intersection(Timeframe.quarter(2027, 1)))
        'FY2027 M10'
        >>> april.label(Timeframe.year(2027))
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.CalendarError: 2027-01-01 – 2027-12-31 is not a single fiscal year, half, quarter, month or week of this calendar
        """
        fiscal_year = self.fiscal_year(timeframe.start)
        name = f"FY{fiscal_year:04d}"
        months = self._month_bounds(fiscal_year)
        if timeframe.start in months and timeframe.end in months:
            first, last = months.index(timeframe.start), months.index(timeframe.end)
            size = last - first
            if size == 12:
                return name
            if size in (6, 3, 1) and first % size == 0:
                letter = {6: "H", 3: "Q", 1: "M"}[size]
                number = first // size + 1
                return f"{name} {letter}{number:02d}" if size == 1 else f"{name} {letter}{number}"
        weeks = self._week_bounds(fiscal_year)
        if timeframe.start in weeks and timeframe.end in weeks:
            first = weeks.index(timeframe.start)
            if weeks.index(timeframe.end) == first + 1:
                return f"{name} W{first + 1:02d}"
        raise CalendarError(
            f"{timeframe} is not a single fiscal year, half, quarter, month or week "
            "of this calendar",
            value=timeframe,
        )

    def parse_label(self, text: str) -> Timeframe:
        """The fiscal period named by a label such as ``"FY2027 Q3"``.

        Case and spacing are free: ``"fy2027q3"``, ``"FY 2027 - Q3"`` and ``"FY2027-M5"``
        are read too, and so is the part written first, as people do (``"Q3 FY2027"``).
        A two-digit year is in the 2000s: ``"FY27"`` is ``"FY2027"``.

        Args:
            text: A label as :meth:`label` writes it, or its shorthand.

        Returns:
            The labelled fiscal period.

        Raises:
            ParseError: if the text is not a label, its year has other than two or four
                digits, it names two parts (``Q3 FY27 Q4``), or it names a period that
                does not exist (``FY2027 Q5``, week 53 of a 52-week year).

        >>> april = FiscalCalendar(start_month=4)
        >>> str(april.parse_label("fy2027q3"))
        '2026-10-01 – 2026-12-31'
        >>> april.parse_label("FY27 Q3") == april.parse_label("Q3 FY27") == april.quarter(2027, 3)
        True
        >>> april.parse_label("FY027")
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.ParseError: cannot read 'FY027' as a fiscal label: write the year with four digits (or two for 20xx), e.g. 'FY2027'
        """
        if not isinstance(text, str):
            raise ParseError(
                f"a fiscal label must be a string, got {type(text).__name__}", text=None
            )
        quoted = _quote(text)
        match = _LABEL.match(text)
        if match is None or (match["kind_first"] and match["kind"]):
            raise ParseError(
                f"cannot read {quoted} as a fiscal label; write e.g. 'FY2027', "
                "'FY2027 H1', 'FY2027 Q3', 'FY2027 M05' or 'FY2027 W07'",
                text=text,
            )
        kind = (match["kind"] or match["kind_first"] or "").upper()
        number_text = match["number"] or match["number_first"]
        digits = match["year"]
        if len(digits) not in (2, 4):
            example = f"FY20{digits[-2:].rjust(2, '0')}" + (
                f" {kind}{number_text[:2]}" if kind else ""
            )
            raise ParseError(
                f"cannot read {quoted} as a fiscal label: write the year with four digits "
                f"(or two for 20xx), e.g. {example!r}",
                text=text,
                position=match.start("year"),
            )
        # Two-digit years are in the 2000s: FY27 is FY2027.
        fiscal_year = int(digits) + (2000 if len(digits) == 2 else 0)
        if kind and len(number_text.lstrip("0")) > 2:
            # No part of a year has a three-digit number; int() of a long run is slow.
            shown = number_text if len(number_text) <= 8 else number_text[:8] + "…"
            raise ParseError(
                f"cannot read {quoted} as a fiscal label: {kind}{shown} "
                "is no part of a fiscal year; write e.g. 'FY2027 Q3' or 'FY2027 W07'",
                text=text,
                position=match.start("number" if match["number"] else "number_first"),
            )
        try:
            if not kind:
                return self.year(fiscal_year)
            number = int(number_text)
            by_kind = {"H": self.half, "Q": self.quarter, "M": self.month, "W": self.week}
            return by_kind[kind](fiscal_year, number)
        except CalendarError as exc:
            raise ParseError(f"cannot read {quoted} as a fiscal label: {exc}", text=text) from exc


def _quote(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut after ``limit`` characters."""
    return repr(text) if len(text) <= limit else repr(text[:limit] + "…")


_DAY_MONTH_YEAR: Final = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def _day_month_year(text: str) -> date | None:
    """The day ``text`` writes as day-month-year, as Dutch spreadsheets save dates in CSV.

    ``31-1-2027`` and ``01-07-2027``; ``None`` for text not written so and for a day the
    calendar does not have. The ``;``-separated CSV files the command line reads (rates,
    check-ins) take this form besides ISO 8601.

    >>> _day_month_year("31-1-2027"), _day_month_year("2027-01-31"), _day_month_year("31-2-2027")
    (datetime.date(2027, 1, 31), None, None)
    """
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


#: The plain calendar year as a fiscal calendar: years start on 1 January.
CALENDAR_YEAR: Final = FiscalCalendar()
