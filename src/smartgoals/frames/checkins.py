"""Turn table rows into check-ins for :func:`smartgoals.tracking.track`.

Two kinds of table work:

* **A KPI result** with a ``period`` label column (from :func:`win_rate` and the other
  frame functions, or a plan): one check-in per row, dated on the period's last day
  (the label is read with :meth:`~smartgoals.timeframes.FiscalCalendar.parse_label` of
  ``calendar``; a day period's label is its ISO date).
* **Dated records** with a ``date`` column: one check-in per row, or with ``every=`` one
  per period, combined as the goal's metric aggregates: a ``SUM`` metric (revenue,
  calls) sums the period's records and dates the check-in on the period's last day; a
  ``LEVEL`` metric (MRR, customers) takes the latest record of the period, on its own
  date. An ``AVERAGE`` metric (win rate, CAC) cannot be averaged from records: compute
  it per period first and pass that result.

Rows with a null (undefined) value are skipped, as are check-ins dated outside the
goal's timeframe. ``where={"owner": "ann"}`` keeps only matching rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import narwhals as nw

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import require
from smartgoals.frames._periods import _granularity
from smartgoals.frames._tables import PERIOD, open_frame
from smartgoals.goals import Goal
from smartgoals.metrics import Aggregation
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity

if TYPE_CHECKING:
    from smartgoals.tracking import CheckIn

__all__ = ["checkins_from"]


_Point = tuple[dt.date, Any]


def _day(value: object, column: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise InvalidInputError(
        f"column {column!r} must hold dates, got {value!r}", name=column, value=value
    )


def _period_end(label: object, calendar: FiscalCalendar, column: str) -> dt.date:
    if not isinstance(label, str):
        raise InvalidInputError(
            f"column {column!r} must hold period labels such as 'FY2027 Q1', got {label!r}",
            name=column,
            value=label,
        )
    if label[:1].isdigit():
        try:
            return dt.date.fromisoformat(label)
        except ValueError:
            pass
    return calendar.parse_label(label).last_day


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def checkins_from(
    frame: object,
    goal: Goal,
    *,
    value: str,
    date: str | None = None,
    period: str | None = None,
    every: Granularity | str | None = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    where: Mapping[str, object] | None = None,
) -> list[CheckIn]:
    """Return check-ins for ``goal`` from the rows of a table, sorted by date.

    Args:
        frame: A native DataFrame or LazyFrame (a lazy one is collected).
        goal: The goal the check-ins are for; it needs a timeframe (and a metric with
            ``every``).
        value: The column holding the measured values.
        date: The column of record dates (default ``"date"`` when the table has no
            ``period`` column).
        period: The column of period labels (default ``"period"`` when the table has
            one and ``date`` is not given).
        every: With ``date``: combine records per period of this granularity.
        calendar: The fiscal calendar of the labels and of ``every``.
        where: Keep only the rows whose columns equal these values.

    Returns:
        The :class:`~smartgoals.tracking.CheckIn` list, in date order.

    Raises:
        IncompleteGoalError: if the goal has no timeframe (or no metric with ``every``).
        InvalidInputError: for a missing column, two check-ins on one date, ``every``
            with an ``AVERAGE`` metric or with period labels, or a value that is not a
            finite number.

    >>> import polars as pl
    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> goal = Goal(metric=metrics.get("revenue"), target=Target.level(100_000),
    ...             timeframe=Timeframe.year(2027))
    >>> won = pl.DataFrame({"date": [date(2027, 1, 9), date(2027, 1, 20), date(2027, 2, 3)],
    ...                     "amount": [1000.0, 500.0, 250.0]})
    >>> [(c.date.isoformat(), c.value) for c in checkins_from(won, goal, value="amount", every="month")]
    [('2027-01-31', Decimal('1500.0')), ('2027-02-28', Decimal('250.0'))]
    """
    from smartgoals.tracking import CheckIn

    goal.require("timeframe", action="turn records into check-ins")
    assert goal.timeframe is not None  # for mypy: require() checked it
    table = open_frame(frame, "frame")
    names = table.collect_schema().names()
    if date is None and period is None:
        if PERIOD in names:
            period = PERIOD
        else:
            date = "date"
    if date is not None and period is not None:
        raise InvalidInputError(
            "give either date= or period=, not both", name="period", value=period
        )
    column = date if date is not None else period
    assert column is not None  # one of the two is set above
    filters = dict(where or {})
    require(table, "records", [value, column, *filters], [column] if date else [])
    if filters:
        table = table.filter(*(nw.col(name) == wanted for name, wanted in filters.items()))
    rows: list[tuple[Any, Any]] = table.lazy().select(column, value).collect().rows()
    points: list[_Point] = []
    for moment, amount in rows:
        if _missing(amount) or moment is None:
            continue
        day = _day(moment, column) if date is not None else _period_end(moment, calendar, column)
        if goal.timeframe.contains(day):
            points.append((day, amount))
    if every is not None:
        if date is None:
            raise InvalidInputError(
                "every= combines dated records; period labels are already one per period",
                name="every",
                value=every,
            )
        points = _combine(points, goal, _granularity(every), calendar)
    points.sort(key=lambda point: point[0])
    days = [day for day, _ in points]
    repeated = len(days) - len(set(days))
    if repeated:
        raise InvalidInputError(
            f"column {column!r} gives {repeated} check-ins on a date that already has one; "
            "filter the rows with where=, or combine them with every=",
            name=column,
            value=repeated,
        )
    return [CheckIn(day, amount) for day, amount in points]


def _combine(
    points: list[_Point],
    goal: Goal,
    every: Granularity,
    calendar: FiscalCalendar,
) -> list[_Point]:
    goal.require("metric", action="combine records into check-ins per period")
    assert goal.metric is not None  # for mypy: require() checked it
    aggregation = goal.metric.aggregation
    if aggregation is Aggregation.AVERAGE:
        raise InvalidInputError(
            f"{goal.metric.key} is an average: records cannot be combined into it; compute "
            "it per period first (e.g. smartgoals.frames.win_rate(..., period=...)) and "
            "pass that table",
            name="every",
            value=every,
        )
    last_day = goal.timeframe.last_day if goal.timeframe else None
    groups: dict[dt.date, list[_Point]] = {}
    for day, amount in points:
        end = calendar.period_of(day, every).last_day
        groups.setdefault(end, []).append((day, amount))
    combined: list[_Point] = []
    for end, members in groups.items():
        if aggregation is Aggregation.SUM:
            total = sum((to_decimal(a, name="value") for _, a in members), Decimal(0))
            combined.append((min(end, last_day) if last_day else end, total))
        else:
            combined.append(max(members, key=lambda member: member[0]))
    return combined
