"""Timeframes (half-open date ranges) and fiscal calendars.

A :class:`Timeframe` covers the dates ``start <= d < end``; :attr:`Timeframe.last_day`
gives the inclusive end for display. Periods are computed as an anchor plus *k* months,
never by chaining month offsets, so month ends do not drift.

>>> from datetime import date
>>> q3 = Timeframe(date(2027, 7, 1), date(2027, 10, 1))
>>> q3.last_day, q3.days
(datetime.date(2027, 9, 30), 92)
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

import attrs

from smartgoals.exceptions import CalendarError

__all__ = ["Granularity", "Timeframe"]


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


def _check_order(instance: Timeframe, attribute: attrs.Attribute[date], end: date) -> None:
    if end <= instance.start:
        raise CalendarError(
            f"timeframe end {end.isoformat()} must be after its start "
            f"{instance.start.isoformat()} (the end is exclusive)",
            value=(instance.start, end),
        )


def _is_plain_date(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    # datetime is a subclass of date; mixing them breaks comparisons and day counts.
    if type(value) is not date:
        raise CalendarError(
            f"timeframe {attribute.name} must be a datetime.date, got "
            f"{type(value).__name__} ({value!r}); use .date() on a datetime",
            value=value,
        )


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

    def contains(self, day: date) -> bool:
        """Tell whether ``day`` lies in ``[start, end)``.

        >>> Timeframe(date(2027, 1, 1), date(2027, 2, 1)).contains(date(2027, 1, 31))
        True
        """
        return self.start <= day < self.end
