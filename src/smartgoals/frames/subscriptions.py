"""Retention KPIs over a subscriptions or invoices table: MRR movements, churn, NRR, GRR.

The table has one or more rows per customer and period with the columns of
:class:`~smartgoals.frames.SubscriptionColumns` (default ``customer``, ``date``,
``mrr``). Rules:

* **A customer's MRR in a period** is the sum of their rows dated in it (line items and
  several invoices add up). Use the grain of the data as ``period``: monthly snapshots
  with ``period="quarter"`` would add three months up. A customer with no row, or a
  total of zero, pays nothing in that period.
* **Movements** compare each customer's MRR with the period before: *new* (nothing
  before and never seen earlier), *reactivation* (nothing before but paid in some
  earlier period), *expansion* and *contraction* (paid both times, more or less),
  *churn* (paid before, nothing now). Start MRR + new + reactivation + expansion −
  contraction − churn = end MRR, in every group and period.
* **Joining and leaving in one period** cannot be seen at the period's grain: a customer
  paying in one period only is new in it and churned in the next. Customers whose MRR
  never reaches a period's data do not exist for it. So ``new_and_churned`` of
  :func:`smartgoals.kpi.customer_churn_rate` is always zero here, and its ``"start"``
  method is churned ÷ customers at the start.
* **The first period** of the table has no period before it: every customer in it is
  new and its start is zero, so its rates are null. The table's last period is the last
  one reported.
* ``by`` columns (plan, segment) are part of the customer: a customer moving from one
  segment to another churns from the first and is new (or reactivated) in the second.

Rates with nothing to divide by (no customers or MRR at the start) are null (``NaN`` in
pandas), where :mod:`smartgoals.kpi` returns NaN.

>>> import polars as pl
>>> from datetime import date
>>> subs = pl.DataFrame({
...     "customer": ["a", "b", "a", "c"],
...     "date": [date(2027, 1, 1), date(2027, 1, 1), date(2027, 2, 1), date(2027, 2, 1)],
...     "mrr": [100.0, 50.0, 120.0, 80.0],
... })
>>> customer_churn_rate(subs, period="month").rows()
[('FY2027 M01', None), ('FY2027 M02', 0.5)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import narwhals as nw
from narwhals.typing import IntoFrameT

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import (
    DataReport,
    Frame,
    Invalid,
    SubscriptionColumns,
    enforce,
    inspect,
    invalid_mode,
    negative_check,
    null_checks,
    require,
    resolve,
)
from smartgoals.frames._periods import Periods, periods
from smartgoals.frames._tables import KEY, finish, group_by, open_frame, ratio, stack
from smartgoals.kpi.retention import ChurnMethod
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity

__all__ = [
    "MOVEMENTS",
    "check_subscriptions",
    "customer_churn_rate",
    "gross_revenue_retention",
    "mrr_movements",
    "net_revenue_retention",
    "new_customers",
    "revenue_churn_rate",
]

_TABLE: Final = "subscriptions"
Columns = SubscriptionColumns | Mapping[str, str] | None

#: The columns :func:`mrr_movements` returns after the group and period columns.
MOVEMENTS: Final = (
    "customers_start",
    "customers_new",
    "customers_reactivated",
    "customers_churned",
    "customers_end",
    "mrr_start",
    "mrr_new",
    "mrr_reactivation",
    "mrr_expansion",
    "mrr_contraction",
    "mrr_churned",
    "mrr_end",
)
_COUNTS: Final = MOVEMENTS[:5]
_METHODS: Final = ("start", "start_plus_new", "average")


def check_subscriptions(subscriptions: object, *, columns: Columns = None) -> DataReport:
    """Count the bad rows of a subscriptions table, rule by rule, without raising for them.

    The rules: ``customer``, ``date`` and ``mrr`` are not null, and ``mrr`` is not
    negative. ``invalid="skip"`` leaves out exactly the rows counted here.

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        columns: The column names, as :class:`SubscriptionColumns` or a mapping.

    Returns:
        A :class:`DataReport`.

    Raises:
        InvalidInputError: for a missing column or a date column that holds no dates.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", None], "date": [date(2027, 1, 1)] * 2,
    ...     "mrr": [-1.0, 5.0]})
    >>> [(p.column, p.rows) for p in check_subscriptions(subs).problems]
    [('customer', 1), ('mrr', 1)]
    """
    frame = open_frame(subscriptions, "subscriptions")
    c = resolve(SubscriptionColumns, columns)
    require(frame, _TABLE, [c.customer, c.date, c.mrr], [c.date])
    return inspect(
        frame, _TABLE, [*null_checks([c.customer, c.date, c.mrr]), negative_check(c.mrr)]
    )


def _movements(
    subscriptions: object,
    by: Sequence[str] | str,
    period: Granularity | str,
    calendar: FiscalCalendar,
    columns: Columns,
    invalid: Invalid,
) -> tuple[Frame, list[str], Periods]:
    """Per group and period key: the customer counts and MRR sums of :data:`MOVEMENTS`."""
    if period is None:
        raise InvalidInputError(
            "period must be a granularity such as 'month' for subscriptions: movements "
            "compare each period with the one before",
            name="period",
            value=period,
        )
    frame = open_frame(subscriptions, "subscriptions")
    c = resolve(SubscriptionColumns, columns)
    names = group_by(by)
    require(frame, _TABLE, [c.customer, c.date, c.mrr, *names], [c.date])
    checks = [*null_checks([c.customer, c.date, c.mrr]), negative_check(c.mrr)]
    frame = enforce(frame, _TABLE, checks, invalid_mode(invalid))
    p = periods(frame, [c.date], period, calendar)
    entity = [c.customer, *names]
    keyed = p.add_key(frame, c.date, KEY).with_columns(nw.col(c.mrr).cast(nw.Float64))
    paid = keyed.group_by(*entity, KEY).agg(nw.col(c.mrr).sum().alias("__mrr"))
    # The last period with any row (even of zero MRR) is the last one reported.
    paid = paid.with_columns(nw.col(KEY).max().alias("__last")).filter(nw.col("__mrr") > 0)
    first = paid.group_by(*entity).agg(nw.col(KEY).min().alias("__first"))
    now = paid.select(
        *entity, KEY, "__last", nw.col("__mrr").alias("__cur"), nw.lit(0.0).alias("__prev")
    )
    before = paid.select(
        *entity,
        (nw.col(KEY) + 1).alias(KEY),
        "__last",
        nw.lit(0.0).alias("__cur"),
        nw.col("__mrr").alias("__prev"),
    )
    pairs = (
        stack([now, before])
        .group_by(*entity, KEY)
        .agg(
            nw.col("__cur").sum().alias("__cur"),
            nw.col("__prev").sum().alias("__prev"),
            nw.col("__last").max().alias("__last"),
        )
        .filter(nw.col(KEY) <= nw.col("__last"))
        .join(first, on=entity, how="inner")  # type: ignore[arg-type]
    )
    cur, prev = nw.col("__cur"), nw.col("__prev")
    had, has = prev > 0, cur > 0
    fresh = ~had & has & (nw.col(KEY) == nw.col("__first"))
    back = ~had & has & (nw.col(KEY) != nw.col("__first"))
    lost = had & ~has
    flags = {
        "customers_start": had,
        "customers_new": fresh,
        "customers_reactivated": back,
        "customers_churned": lost,
        "customers_end": has,
    }
    amounts = {
        "mrr_start": prev,
        "mrr_new": nw.when(fresh).then(cur).otherwise(0.0),
        "mrr_reactivation": nw.when(back).then(cur).otherwise(0.0),
        "mrr_expansion": nw.when(had & (cur > prev)).then(cur - prev).otherwise(0.0),
        "mrr_contraction": nw.when(has & (cur < prev)).then(prev - cur).otherwise(0.0),
        "mrr_churned": nw.when(lost).then(prev).otherwise(0.0),
        "mrr_end": cur,
    }
    rows = pairs.with_columns(
        *(flag.cast(nw.Int64).alias(name) for name, flag in flags.items()),
        *(amount.cast(nw.Float64).alias(name) for name, amount in amounts.items()),
    )
    totals = rows.group_by(*names, KEY).agg(*(nw.col(n).sum().alias(n) for n in MOVEMENTS))
    totals = totals.with_columns(*(nw.col(n).cast(nw.Int64) for n in _COUNTS))
    return totals, names, p


def mrr_movements(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return the customer counts and MRR movements of every group and period.

    Args:
        subscriptions: A native DataFrame or LazyFrame; the result is of the same kind.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups (plan, segment).
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"`` for bad rows, ``"skip"`` to leave them out, or
            ``"trust"`` to run no checks (bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` and the columns of :data:`MOVEMENTS`: customer
        counts (Int64) at the start, new, reactivated, churned and at the end, and MRR
        (Float64) at the start, new, reactivation, expansion, contraction, churned and at
        the end.

    Raises:
        InvalidInputError: for a missing column, bad rows or ``period=None``.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 50.0, 120.0, 80.0]})
    >>> m = mrr_movements(subs).row(1, named=True)
    >>> m["mrr_start"], m["mrr_new"], m["mrr_expansion"], m["mrr_churned"], m["mrr_end"]
    (150.0, 80.0, 20.0, 50.0, 200.0)
    """
    totals, names, p = _movements(subscriptions, by, period, calendar, columns, invalid)
    out: IntoFrameT = finish(totals, names, p, list(MOVEMENTS)).to_native()
    return out


def customer_churn_rate(
    subscriptions: IntoFrameT,
    *,
    method: ChurnMethod = "start",
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return the customer (logo) churn rate of every group and period.

    The methods of :func:`smartgoals.kpi.customer_churn_rate`: ``"start"`` divides the
    customers churned by the customers at the start; ``"start_plus_new"`` by those plus
    the customers new and reactivated in the period (Stripe); ``"average"`` by the mean
    of the customers at the start and the end.

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        method: ``"start"``, ``"start_plus_new"`` or ``"average"``.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks, for a table
            already checked: bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` and ``customer_churn_rate`` (Float64).

    Raises:
        InvalidInputError: for a missing column, bad rows or an unknown method.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 50.0, 120.0, 80.0]})
    >>> customer_churn_rate(subs, method="start_plus_new").rows()[1]
    ('FY2027 M02', 0.3333333333333333)
    """
    if method not in _METHODS:
        raise InvalidInputError(
            f"method must be 'start', 'start_plus_new' or 'average', got {method!r}",
            name="method",
            value=method,
        )
    totals, names, p = _movements(subscriptions, by, period, calendar, columns, invalid)
    start, churned = nw.col("customers_start"), nw.col("customers_churned")
    if method == "start":
        base = start
    elif method == "start_plus_new":
        base = start + nw.col("customers_new") + nw.col("customers_reactivated")
    else:
        base = (start + nw.col("customers_end")).cast(nw.Float64) / 2
    result = totals.with_columns(ratio(churned, base).alias("customer_churn_rate"))
    out: IntoFrameT = finish(result, names, p, ["customer_churn_rate"]).to_native()
    return out


def _revenue(
    name: str,
    numerator: nw.Expr,
    subscriptions: IntoFrameT,
    by: Sequence[str] | str,
    period: Granularity | str,
    calendar: FiscalCalendar,
    columns: Columns,
    invalid: Invalid,
) -> IntoFrameT:
    totals, names, p = _movements(subscriptions, by, period, calendar, columns, invalid)
    result = totals.with_columns(ratio(numerator, "mrr_start").alias(name))
    out: IntoFrameT = finish(result, names, p, [name]).to_native()
    return out


def revenue_churn_rate(
    subscriptions: IntoFrameT,
    *,
    net: bool = False,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return the revenue (MRR) churn rate of every group and period.

    Gross: (churned + contraction) ÷ start MRR. Net: (churned + contraction − expansion
    − reactivation) ÷ start MRR, negative when expansion outgrows the losses, as
    :func:`smartgoals.kpi.revenue_churn_rate`.

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        net: Subtract expansion and reactivation.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks, for a table
            already checked: bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` and ``revenue_churn_rate`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 100.0, 130.0, 80.0]})
    >>> revenue_churn_rate(subs).rows()[1], revenue_churn_rate(subs, net=True).rows()[1]
    (('FY2027 M02', 0.5), ('FY2027 M02', 0.35))
    """
    lost = nw.col("mrr_churned") + nw.col("mrr_contraction")
    if net:
        lost = lost - nw.col("mrr_expansion") - nw.col("mrr_reactivation")
    return _revenue(
        "revenue_churn_rate", lost, subscriptions, by, period, calendar, columns, invalid
    )


def net_revenue_retention(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return net revenue retention, (start + expansion − contraction − churned) ÷ start.

    Over the customers paying at the start of the period, as
    :func:`smartgoals.kpi.net_revenue_retention`; new and reactivated revenue is left
    out. Period over period (month on month by default); for a year-on-year NRR use
    ``period="year"`` on yearly data.

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks, for a table
            already checked: bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` and ``net_revenue_retention`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 100.0, 130.0, 80.0]})
    >>> net_revenue_retention(subs).rows()[1]
    ('FY2027 M02', 0.65)
    """
    kept = (
        nw.col("mrr_start")
        + nw.col("mrr_expansion")
        - nw.col("mrr_contraction")
        - nw.col("mrr_churned")
    )
    return _revenue(
        "net_revenue_retention", kept, subscriptions, by, period, calendar, columns, invalid
    )


def gross_revenue_retention(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return gross revenue retention, (start − contraction − churned) ÷ start.

    As :func:`smartgoals.kpi.gross_revenue_retention`: expansion is ignored, so it is
    never above 1.

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks, for a table
            already checked: bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` and ``gross_revenue_retention`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 100.0, 130.0, 80.0]})
    >>> gross_revenue_retention(subs).rows()[1]
    ('FY2027 M02', 0.5)
    """
    kept = nw.col("mrr_start") - nw.col("mrr_contraction") - nw.col("mrr_churned")
    return _revenue(
        "gross_revenue_retention", kept, subscriptions, by, period, calendar, columns, invalid
    )


def new_customers(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return the number of new customers of every group and period: first-time payers.

    Reactivated customers are not new (see ``customers_reactivated`` of
    :func:`mrr_movements`).

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks, for a table
            already checked: bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` and ``new_customers`` (Int64).

    Raises:
        InvalidInputError: for a missing column or bad rows.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 100.0, 130.0, 80.0]})
    >>> new_customers(subs).rows()
    [('FY2027 M01', 2), ('FY2027 M02', 1)]
    """
    totals, names, p = _movements(subscriptions, by, period, calendar, columns, invalid)
    result = totals.with_columns(nw.col("customers_new").alias("new_customers"))
    out: IntoFrameT = finish(result, names, p, ["new_customers"]).to_native()
    return out
