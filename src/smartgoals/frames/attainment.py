"""Quota attainment: actuals from a table of dated amounts against a plan table.

Actuals are the sums of the ``amount`` column of :class:`~smartgoals.frames.RecordColumns`
per group and period of ``date`` (for bookings, pass the won deals with their close
date and amount). The plan has the ``by`` columns, a ``period`` label (as the frame
functions write them, ``"FY2027 Q3"``; none when ``period=None``) and a ``quota``
(:class:`~smartgoals.frames.PlanColumns`). Attainment is actual ÷ quota, as
:func:`smartgoals.kpi.quota_attainment`: a plan row without actuals attains 0; actuals
without a plan row, or against a quota of zero, get a null attainment (``NaN`` in
pandas).

>>> import polars as pl
>>> from datetime import date
>>> won = pl.DataFrame({"owner": ["ann", "ann", "bob"],
...     "date": [date(2027, 1, 9), date(2027, 2, 9), date(2027, 2, 1)],
...     "amount": [60_000.0, 30_000.0, 20_000.0]})
>>> plan = pl.DataFrame({"owner": ["ann", "bob"], "period": ["FY2027 Q1"] * 2,
...     "quota": [100_000.0, 80_000.0]})
>>> quota_attainment(won, plan, by="owner", period="quarter").rows()
[('ann', 'FY2027 Q1', 0.9), ('bob', 'FY2027 Q1', 0.25)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import narwhals as nw
from narwhals.typing import IntoFrameT

from smartgoals.frames._columns import (
    Invalid,
    PlanColumns,
    RecordColumns,
    enforce,
    invalid_mode,
    negative_check,
    null_checks,
    require,
    resolve,
)
from smartgoals.frames._periods import periods
from smartgoals.frames._tables import (
    KEY,
    PERIOD,
    aggregate,
    finish,
    group_by,
    keys,
    open_frame,
    ratio,
    stack,
)
from smartgoals.frames.currency import refuse_mixed
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity

__all__ = ["quota_attainment"]

_ACTUALS: Final = "actuals"
_PLAN: Final = "plan"


def quota_attainment(
    actuals: IntoFrameT,
    plan: IntoFrameT,
    *,
    by: Sequence[str] | str = (),
    period: Granularity | str | None = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: RecordColumns | Mapping[str, str] | None = None,
    plan_columns: PlanColumns | Mapping[str, str] | None = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return quota attainment, actual ÷ quota, per group and period (1.0 is 100%).

    Args:
        actuals: A native DataFrame or LazyFrame of dated amounts; the result is of its
            kind.
        plan: Quotas per group (and period label), a table of the same kind.
        by: Columns of both tables to group by (``"owner"``).
        period: ``None`` (the whole table) or a granularity.
        calendar: The fiscal calendar of the periods and of the plan's labels.
        columns: Column names of ``actuals``, as :class:`RecordColumns` or a mapping.
        plan_columns: Column names of ``plan``, as :class:`PlanColumns` or a mapping.
        invalid: ``"raise"`` for bad actuals (null date or amount), ``"skip"``, or
            ``"trust"`` (no checks of the actuals). A null or negative quota always
            raises.

    Returns:
        The ``by`` columns, ``period`` (if given) and ``quota_attainment`` (Float64).

    Raises:
        InvalidInputError: for a missing column, bad rows, or a null or negative quota.
        CurrencyMismatchError: when ``columns`` (or ``plan_columns``) names a currency
            column and the table holds more than one currency, or the actuals and the
            plan are in different ones; convert first with
            :func:`~smartgoals.frames.convert_currency`.

    >>> import polars as pl
    >>> from datetime import date
    >>> won = pl.DataFrame({"date": [date(2027, 3, 1)], "amount": [50.0]})
    >>> quota_attainment(won, pl.DataFrame({"quota": [40.0]})).rows()
    [(1.25,)]
    """
    mode = invalid_mode(invalid)
    names = group_by(by)
    r = resolve(RecordColumns, columns)
    q = resolve(PlanColumns, plan_columns)
    done = open_frame(actuals, "actuals")
    quotas = open_frame(plan, "plan")
    require(done, _ACTUALS, [r.date, r.amount, *names], [r.date])
    done = enforce(done, _ACTUALS, null_checks([r.date, r.amount]), mode)
    p = periods(done, [r.date], period, calendar)
    labelled = [*names, *([PERIOD] if p.granularity is not None else [])]
    plan_labelled = [*names, *([q.period] if p.granularity is not None else [])]
    require(quotas, _PLAN, [*plan_labelled, q.quota], [])
    currency = refuse_mixed(done, _ACTUALS, r.currency, date=r.date)
    refuse_mixed(quotas, _PLAN, q.currency, expected=currency, against="the actuals")
    enforce(quotas, _PLAN, [*null_checks([q.quota]), negative_check(q.quota)], "raise")
    rows = p.add_key(done, r.date, KEY).with_columns(nw.col(r.amount).cast(nw.Float64))
    sums = aggregate(rows, keys(names, p), [nw.col(r.amount).sum().alias("__actual")])
    if p.granularity is not None:
        sums = p.add_label(sums, KEY, PERIOD)
    parts = [
        sums.select(*labelled, "__actual", nw.lit(0.0).alias("__quota")),
        quotas.select(
            *plan_labelled,
            nw.lit(0.0).alias("__actual"),
            nw.col(q.quota).cast(nw.Float64).alias("__quota"),
        ).rename({q.period: PERIOD} if p.granularity is not None else {}),
    ]
    totals = aggregate(
        stack(parts),
        labelled,
        [nw.col("__actual").sum().alias("__actual"), nw.col("__quota").sum().alias("__quota")],
    )
    result = totals.with_columns(ratio("__actual", "__quota").alias("quota_attainment"))
    out: IntoFrameT = finish(result, names, p, ["quota_attainment"], labelled=True).to_native()
    return out
