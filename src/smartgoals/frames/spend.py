"""Customer acquisition cost over a spend table and a new-customers table.

The spend table has the columns of :class:`~smartgoals.frames.SpendColumns` (``date``,
``channel``, ``amount``); the customers table those of
:class:`~smartgoals.frames.CustomerColumns` (``customer``, ``date``, ``channel``), one
row per customer acquired. Cost and customers are matched by the ``by`` columns (which
both tables must have, under the same names) and by the period of their dates, then
divided as :func:`smartgoals.kpi.cac`: a group and period with cost but no new customers
gets a null CAC (``NaN`` in pandas); customers without cost give a CAC of zero.

>>> import polars as pl
>>> from datetime import date
>>> spend = pl.DataFrame({"date": [date(2027, 1, 5), date(2027, 1, 20)],
...     "channel": ["ads", "events"], "amount": [3000.0, 1000.0]})
>>> customers = pl.DataFrame({"customer": ["a", "b", "c"], "date": [date(2027, 1, 9)] * 3,
...     "channel": ["ads", "ads", "ads"]})
>>> cac(spend, customers, by="channel").rows()
[('ads', 1000.0), ('events', None)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import narwhals as nw
from narwhals.typing import IntoFrameT

from smartgoals.frames._columns import (
    CustomerColumns,
    Invalid,
    SpendColumns,
    duplicate_check,
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

__all__ = ["cac"]

_SPEND: Final = "spend"
_CUSTOMERS: Final = "customers"


def cac(
    spend: IntoFrameT,
    customers: IntoFrameT,
    *,
    by: Sequence[str] | str = (),
    period: Granularity | str | None = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    spend_columns: SpendColumns | Mapping[str, str] | None = None,
    customer_columns: CustomerColumns | Mapping[str, str] | None = None,
    invalid: Invalid = "raise",
) -> IntoFrameT:
    """Return customer acquisition cost, cost ÷ new customers, per group and period.

    Args:
        spend: A native DataFrame or LazyFrame of costs; the result is of its kind.
        customers: New customers, a table of the same kind as ``spend``.
        by: Columns of both tables to group by (``"channel"``).
        period: ``None`` (the whole tables) or a granularity.
        calendar: The fiscal calendar of the periods.
        spend_columns: Column names of ``spend``, as :class:`SpendColumns` or a mapping.
        customer_columns: Column names of ``customers``, as :class:`CustomerColumns` or
            a mapping.
        invalid: ``"raise"`` for bad rows (null dates, amounts or ids, negative
            amounts, a customer listed twice), ``"skip"`` to leave them out, or
            ``"trust"`` to run no checks (bad rows then give undefined results).

    Returns:
        The ``by`` columns, ``period`` (if given) and ``cac`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.
        CurrencyMismatchError: when ``spend_columns`` names a currency column and the
            costs are in more than one currency; convert them first with
            :func:`~smartgoals.frames.convert_currency`.

    >>> import polars as pl
    >>> from datetime import date
    >>> spend = pl.DataFrame({"date": [date(2027, 1, 5), date(2027, 2, 5)],
    ...     "channel": ["ads"] * 2, "amount": [3000.0, 1000.0]})
    >>> customers = pl.DataFrame({"customer": ["a", "b"],
    ...     "date": [date(2027, 1, 9), date(2027, 2, 9)], "channel": ["ads"] * 2})
    >>> cac(spend, customers, period="month").rows()
    [('FY2027 M01', 3000.0), ('FY2027 M02', 1000.0)]
    """
    mode = invalid_mode(invalid)
    names = group_by(by)
    s = resolve(SpendColumns, spend_columns)
    c = resolve(CustomerColumns, customer_columns)
    costs = open_frame(spend, "spend")
    gained = open_frame(customers, "customers")
    require(costs, _SPEND, [s.date, s.amount, *names], [s.date])
    require(gained, _CUSTOMERS, [c.customer, c.date, *names], [c.date])
    refuse_mixed(costs, _SPEND, s.currency, date=s.date)
    costs = enforce(
        costs, _SPEND, [*null_checks([s.date, s.amount]), negative_check(s.amount)], mode
    )
    duplicated = duplicate_check(c.customer, "repeats another row's customer")
    gained = enforce(gained, _CUSTOMERS, [*null_checks([c.customer, c.date]), duplicated], mode)
    p = periods(costs, [s.date], period, calendar, also=[(gained, c.date)])
    group = keys(names, p)
    cost_rows = p.add_key(costs, s.date, KEY).with_columns(
        nw.col(s.amount).cast(nw.Float64).alias("__cost"), nw.lit(0).alias("__new")
    )
    customer_rows = p.add_key(gained, c.date, KEY).with_columns(
        nw.lit(0.0).alias("__cost"), nw.lit(1).alias("__new")
    )
    parts = [frame.select(*group, "__cost", "__new") for frame in (cost_rows, customer_rows)]
    combined = stack(parts)
    totals = aggregate(
        combined,
        group,
        [nw.col("__cost").sum().alias("__cost"), nw.col("__new").sum().alias("__new")],
    )
    result = totals.with_columns(ratio("__cost", "__new").alias("cac"))
    out: IntoFrameT = finish(result, names, p, ["cac"]).to_native()
    return out
