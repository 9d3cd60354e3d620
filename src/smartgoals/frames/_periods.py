"""Periods as narwhals expressions: day numbers, integer period keys and their labels.

Every engine narwhals supports can take a date's year, month, day and day of the year,
and do integer arithmetic; nothing else about dates is portable (DuckDB subtracts dates to
integers, Spark has no ``total_seconds``). So a date becomes its proleptic Gregorian
ordinal (``date.toordinal()``) by arithmetic, and a period becomes an integer key such that
consecutive periods have consecutive keys. Labels (``"FY2027 Q3"``, as
:meth:`~smartgoals.timeframes.FiscalCalendar.label` writes them) are made from the keys
after aggregation, when the table is small.

Calendars whose months start on the 1st (every calendar-month calendar with
``start_day=1``) get their keys by arithmetic. Other calendars (week-based, or starting on
another day) read the first and last date of the table once and map dates to the periods
between them with a search tree of comparisons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Final

import attrs
import narwhals as nw

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import Frame
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

__all__: list[str] = []

_MONTHS: Final = {Granularity.YEAR: 12, Granularity.HALF: 6, Granularity.QUARTER: 3}
_MONTHS[Granularity.MONTH] = 1
_LETTER: Final = {Granularity.HALF: " H", Granularity.QUARTER: " Q", Granularity.MONTH: " M"}
_WEEKS_PER_YEAR: Final = 53  # 365 or 366 days: 52 whole weeks and a short week 53
_LEAF: Final = 8  # below this many periods a plain when-chain beats a deeper tree


def _num(expr: nw.Expr) -> nw.Expr:
    # Float64 holds these integers exactly, and unlike a numpy Int64 it can hold a null.
    return expr.cast(nw.Float64)


def _div(expr: nw.Expr, divisor: int) -> nw.Expr:
    """``expr // divisor`` for a whole number ``expr >= 0``, as exact float arithmetic.

    Every engine runs this as plain arithmetic; SQL backends otherwise spell Python's
    floor division as a many-branch ``CASE`` evaluated on every row. Both are the same
    for numbers that are not negative, which all the day and month counts here are
    (dates from year 1 on).
    """
    return (expr - expr % divisor) / divisor


def _staged(frame: Frame, steps: Sequence[dict[str, nw.Expr]], keep: str) -> Frame:
    """Apply ``with_columns`` steps, then drop every temporary column but ``keep``.

    Small steps keep each expression small: SQL engines receive the expression tree
    inlined, and a formula that reuses a subexpression five times would otherwise be
    written out five times at every level.
    """
    made: list[str] = []
    for step in steps:
        frame = frame.with_columns(**step)
        made += list(step)
    return frame.drop([name for name in made if name != keep])


def ordinal_steps(column: str, name: str, *, fractional: bool = False) -> list[dict[str, nw.Expr]]:
    """Steps computing ``date.toordinal()`` of ``column`` into ``name``, portably.

    With ``fractional=True`` (datetime columns) the time of day is added as a fraction of
    a day.
    """
    col = nw.col(column)
    first: dict[str, nw.Expr] = {
        f"{name}_y": _num(col.dt.year()) - 1,
        f"{name}_d": _num(col.dt.ordinal_day()),
    }
    if fractional:
        first[f"{name}_s"] = (
            _num(col.dt.hour()) * 3600
            + _num(col.dt.minute()) * 60
            + _num(col.dt.second())
            + _num(col.dt.microsecond()) / 1_000_000
        )
    y = nw.col(f"{name}_y")
    days = y * 365 + _div(y, 4) - _div(y, 100) + _div(y, 400) + nw.col(f"{name}_d")
    if fractional:
        days = days + nw.col(f"{name}_s") / 86_400
    return [first, {name: days}]


def add_ordinal(frame: Frame, column: str, name: str, *, fractional: bool = False) -> Frame:
    """Add ``name``: the ordinal day number of ``column`` (see :func:`ordinal_steps`)."""
    return _staged(frame, ordinal_steps(column, name, fractional=fractional), name)


def _padded(expr: nw.Expr, width: int, add: int = 0) -> nw.Expr:
    """Zero-padded decimal text of ``expr + add``, a non-negative integer below ``10**width``.

    ``add`` joins the one constant added (fewer nodes for SQL engines to bind).
    """
    text: nw.Expr = (expr + (10**width + add)).cast(nw.Int64).cast(nw.String)
    return text.str.slice(1, width)


def _text(key: nw.Expr, parts: Sequence[nw.Expr]) -> nw.Expr:
    """``parts`` joined, null where ``key`` is null.

    Every part is null exactly when the key is, so one test of the key stands for the
    per-part null tests of ``concat_str``, which SQL engines would otherwise spell out
    around every part.
    """
    return nw.when(~key.is_null()).then(nw.concat_str(list(parts), ignore_nulls=True))


def _civil_steps(key: str) -> list[dict[str, nw.Expr]]:
    """Year, month and day of an ordinal (H. Hinnant's ``civil_from_days``)."""
    col = nw.col
    return [
        {"__z": col(key) + 305},  # days since 0000-03-01, always positive here
        {"__era": col("__z") // 146_097},
        {"__doe": col("__z") - col("__era") * 146_097},
        {
            "__yoe": (
                col("__doe")
                - col("__doe") // 1460
                + col("__doe") // 36_524
                - col("__doe") // 146_096
            )
            // 365
        },
        {"__doy": col("__doe") - (365 * col("__yoe") + col("__yoe") // 4 - col("__yoe") // 100)},
        {"__mp": (5 * col("__doy") + 2) // 153},
        {
            "__day": col("__doy") - (153 * col("__mp") + 2) // 5 + 1,
            "__month": nw.when(col("__mp") < 10).then(col("__mp") + 3).otherwise(col("__mp") - 9),
        },
        {
            "__year": col("__yoe")
            + col("__era") * 400
            + nw.when(col("__month") <= 2).then(1).otherwise(0)
        },
    ]


def _tree(value: nw.Expr, bounds: Sequence[int], low: int, high: int) -> nw.Expr:
    """Key ``k`` (``low <= k < high``) with ``bounds[k] <= value < bounds[k + 1]``."""
    if high - low <= _LEAF:
        expr = nw.lit(high - 1)
        for k in range(high - 2, low - 1, -1):
            expr = nw.when(value < bounds[k + 1]).then(nw.lit(k)).otherwise(expr)
        return expr
    middle = (low + high) // 2
    return (
        nw.when(value < bounds[middle])
        .then(_tree(value, bounds, low, middle))
        .otherwise(_tree(value, bounds, middle, high))
    )


def _lookup(key: nw.Expr, labels: Sequence[str]) -> nw.Expr:
    expr: nw.Expr = nw.lit(None, dtype=nw.String)
    for k in range(len(labels) - 1, -1, -1):
        expr = nw.when(key == k).then(nw.lit(labels[k])).otherwise(expr)
    return expr


@attrs.frozen
class Periods:
    """How dates map to integer period keys and keys to labels, for one call."""

    granularity: Granularity | None
    calendar: FiscalCalendar
    _generic: tuple[Timeframe, ...] | None = None

    def add_key(
        self, frame: Frame, column: str, name: str, also: Mapping[str, nw.Expr] | None = None
    ) -> Frame:
        """Add ``name``: the integer key of the period containing each date of ``column``.

        Consecutive periods have consecutive keys. The columns ``also`` are added in the
        same step when the key is one expression (one projection fewer for SQL engines).
        """
        extra = dict(also or {})
        key = self._key(column)
        if key is not None:
            return frame.with_columns(key.alias(name), **extra)
        g = self.granularity
        if g is Granularity.DAY:
            frame = add_ordinal(frame, column, name)
        elif self._generic is not None:
            starts = [p.start.toordinal() for p in self._generic]
            bounds = [*starts, self._generic[-1].end.toordinal()]
            steps = ordinal_steps(column, "__ord")
            steps.append({name: _tree(nw.col("__ord"), bounds, 0, len(starts))})
            frame = _staged(frame, steps, name)
        else:
            steps = ordinal_steps(column, "__ord")
            steps.append({"__sy": _div(self._shifted(column), 12)})
            steps += _year_start_steps("__sy", self.calendar.start_month, "__ys")
            steps.append(
                {
                    name: nw.col("__sy") * _WEEKS_PER_YEAR
                    + _div(nw.col("__ord") - nw.col("__ys"), 7)
                }
            )
            frame = _staged(frame, steps, name)
        return frame.with_columns(**extra) if extra else frame

    def _shifted(self, column: str) -> nw.Expr:
        """Months since the start of fiscal year 0 (consecutive months, consecutive numbers)."""
        col = nw.col(column)
        return _num(col.dt.year()) * 12 + _num(col.dt.month()) - self.calendar.start_month

    def _key(self, column: str) -> nw.Expr | None:
        """The period key of ``column`` as one expression, where arithmetic gives it."""
        g = self.granularity
        if g is None:
            return nw.lit(0)
        if g in (Granularity.DAY, Granularity.WEEK) or self._generic is not None:
            return None
        shifted = self._shifted(column)
        return shifted if g is Granularity.MONTH else _div(shifted, _MONTHS[g])

    def add_label(self, frame: Frame, key: str, name: str) -> Frame:
        """Add ``name``: the label of period ``key``, as ``FiscalCalendar.label`` writes it."""
        label = self.label(key)
        if label is not None:
            return frame.with_columns(label.alias(name))
        civil = _civil_steps(key)
        text = nw.concat_str(
            [
                _padded(nw.col("__year"), 4),
                _padded(nw.col("__month"), 2),
                _padded(nw.col("__day"), 2),
            ],
            separator="-",
        )
        return _staged(frame, [*civil, {name: text}], name)

    def label(self, key: str) -> nw.Expr | None:
        """The label of period ``key`` as one expression; None for days (see add_label)."""
        k = nw.col(key)
        g = self.granularity
        if g is None:
            return nw.lit("all", dtype=nw.String)
        if g is Granularity.DAY:
            return None
        if self._generic is not None:
            labels = [self.calendar.label(p) for p in self._generic]
            return _lookup(k, labels)
        offset = _name_offset(self.calendar)
        if g is Granularity.WEEK:
            week = k % _WEEKS_PER_YEAR
            year = _padded((k - week) / _WEEKS_PER_YEAR, 4, offset)
            return _text(k, [nw.lit("FY"), year, nw.lit(" W"), _padded(week, 2, 1)])
        # Keys are never negative, so the year and the month in it come from one
        # remainder, in plain arithmetic (no floor division: see _div).
        size = _MONTHS[g]
        months = k if size == 1 else k * size
        within = months % 12
        year = _padded((months - within) / 12, 4, offset)
        if g is Granularity.YEAR:
            return _text(k, [nw.lit("FY"), year])
        number = within if size == 1 else within / size
        digits = _padded(number, 2 if g is Granularity.MONTH else 1, 1)
        return _text(k, [nw.lit("FY"), year, nw.lit(_LETTER[g]), digits])


def _name_offset(calendar: FiscalCalendar) -> int:
    """Fiscal-year name minus the calendar year its first month falls in."""
    return calendar.fiscal_year(date(2000, calendar.start_month, 1)) - 2000


def _year_start_steps(year: str, month: int, name: str) -> list[dict[str, nw.Expr]]:
    """Ordinal of the 1st of ``month`` in ``year`` (Hinnant's ``days_from_civil``)."""
    y = nw.col(year) - 1 if month <= 2 else nw.col(year)
    doy = (153 * (month + (9 if month <= 2 else -3)) + 2) // 5
    era, yoe = nw.col("__yera"), nw.col("__yoe")
    return [
        {"__yera": _div(y, 400)},
        {"__yoe": y - era * 400},
        {name: era * 146_097 + yoe * 365 + _div(yoe, 4) - _div(yoe, 100) + (doy - 305)},
    ]


def _arithmetic(granularity: Granularity, calendar: FiscalCalendar) -> bool:
    if granularity is Granularity.DAY:
        return True
    return calendar.weeks is None and calendar.start_day == 1


def periods(
    frame: Frame,
    columns: Sequence[str],
    granularity: Granularity | str | None,
    calendar: FiscalCalendar,
    *,
    also: Sequence[tuple[Frame, str]] = (),
) -> Periods:
    """Make the period mapping for ``frame`` (and ``also``), reading date ranges if needed."""
    if granularity is None:
        return Periods(None, calendar)
    g = _granularity(granularity)
    if _arithmetic(g, calendar):
        return Periods(g, calendar)
    spans = [_date_range(frame, columns), *(_date_range(f, [c]) for f, c in also)]
    found = [d for span in spans if span is not None for d in span]
    first, last = (min(found), max(found)) if found else (date(2000, 1, 1), date(2000, 1, 1))
    return Periods(
        g, calendar, tuple(calendar.periods(Timeframe(first, last + timedelta(days=1)), g))
    )


def _granularity(value: Granularity | str) -> Granularity:
    if isinstance(value, Granularity):
        return value
    try:
        return Granularity(str(value).lower())
    except ValueError:
        valid = ", ".join(g.value for g in Granularity)
        raise InvalidInputError(
            f"period must be None or a granularity ({valid}), got {value!r}",
            name="period",
            value=value,
        ) from None


def _date_range(frame: Frame, columns: Sequence[str]) -> tuple[date, date] | None:
    aggregates = [nw.col(c).min().alias(f"min{i}") for i, c in enumerate(columns)]
    aggregates += [nw.col(c).max().alias(f"max{i}") for i, c in enumerate(columns)]
    row = frame.lazy().select(aggregates).collect().rows(named=True)[0]
    # NaT (pandas' null date) is not equal to itself.
    found = [_as_date(v) for v in row.values() if v is not None and v == v]
    if not found:
        return None
    return min(found), max(found)


def _as_date(value: object) -> date:
    if hasattr(value, "date") and callable(value.date):
        result = value.date()
        if isinstance(result, date):
            return result
    if isinstance(value, date):
        return value
    raise InvalidInputError(  # pragma: no cover - schema checks catch this first
        f"expected a date, got {value!r}", name="date", value=value
    )


def period_label(day: date, granularity: Granularity | None, calendar: FiscalCalendar) -> str:
    """The label of the period containing ``day``, in plain Python (the reference rule)."""
    if granularity is None:
        return "all"
    if granularity is Granularity.DAY:
        return day.isoformat()
    return calendar.label(calendar.period_of(day, granularity))
