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
* **Billing intervals.** Without an interval column every row is monthly: its amount is
  MRR of the month it is dated in. With one (``interval="billing"``), each row's amount
  is what it bills for its interval, normalised to MRR as Stripe's MRR does: a row
  billed every quarter or year gives amount ÷ 3 or ÷ 12 in each month it covers, from
  its own month on (an annual invoice of 1,200 is 100 MRR a month for twelve months,
  not 1,200 that churns in the second month); weekly rows give, per customer and month,
  the mean amount of an invoice date × 52 ÷ 12 (25 a week is 108.33 a month, in months
  of four invoices and of five alike). Months of an invoice after the table's last
  period are cut. The accepted values, in any case and with spaces around ignored,
  are ``month``, ``monthly``, ``quarter``, ``quarterly``, ``year``, ``yearly``,
  ``annual``, ``annually``, ``week`` and ``weekly`` (Dutch: ``maand``, ``maandelijks``,
  ``kwartaal``, ``jaar``, ``jaarlijks``, ``wekelijks``); see :data:`BILLING_INTERVALS`.
  Any other value, or a null, is a bad row, counted like the others (``invalid=``).
  Intervals are spread over months, so ``period`` must then be a month, quarter, half
  or year; quarters and years add up their months, as for monthly rows.
* **Currencies.** MRR in two currencies does not add up. Name the table's currency
  column (``columns={"currency": "currency"}``) and the KPIs that add MRR
  (:func:`mrr_movements`, :func:`revenue_churn_rate`, :func:`net_revenue_retention`,
  :func:`gross_revenue_retention`) raise
  :class:`~smartgoals.exceptions.CurrencyMismatchError` for a table in more than one,
  naming them; convert it first with :func:`~smartgoals.frames.convert_currency`
  (``columns={"amount": "mrr"}``: each row at the rate of its own date). The customer
  counts (:func:`customer_churn_rate`, :func:`new_customers`) only ask whether a customer
  pays, which no currency changes, and read the table as it is.

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
>>> yearly = pl.DataFrame({"customer": ["a", "b"], "date": [date(2027, 1, 1), date(2027, 3, 1)],
...     "mrr": [1200.0, 0.0], "billing": ["year", "month"]})
>>> [r["mrr_end"] for r in mrr_movements(yearly, interval="billing").iter_rows(named=True)]
[100.0, 100.0, 100.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

import narwhals as nw
from narwhals.typing import IntoFrameT

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import (
    Check,
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
from smartgoals.frames._periods import Periods, _tree, periods
from smartgoals.frames._tables import KEY, finish, group_by, open_frame, ratio, stack
from smartgoals.frames.currency import refuse_mixed
from smartgoals.kpi.retention import ChurnMethod
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity, Timeframe

__all__ = [
    "BILLING_INTERVALS",
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

#: The values an interval column may hold (any case, spaces around ignored), and how many
#: of each interval make a year. Dutch spellings are accepted too.
BILLING_INTERVALS: Final = MappingProxyType(
    {
        "month": 12,
        "monthly": 12,
        "maand": 12,
        "maandelijks": 12,
        "quarter": 4,
        "quarterly": 4,
        "kwartaal": 4,
        "year": 1,
        "yearly": 1,
        "annual": 1,
        "annually": 1,
        "jaar": 1,
        "jaarlijks": 1,
        "week": 52,
        "weekly": 52,
        "wekelijks": 52,
    }
)
_WEEKS_PER_YEAR: Final = 52
_MONTHS_PER: Final = {
    Granularity.MONTH: 1,
    Granularity.QUARTER: 3,
    Granularity.HALF: 6,
    Granularity.YEAR: 12,
}
_NOT_AN_INTERVAL: Final = (
    "is not a billing interval: use month, quarter, year or week "
    "(or monthly, quarterly, yearly, annual, weekly)"
)


def _interval_text(column: str) -> nw.Expr:
    return nw.col(column).cast(nw.String).str.strip_chars().str.to_lowercase()


def _interval_check(column: str) -> Check:
    """Rows whose interval is null or not one of :data:`BILLING_INTERVALS`."""
    known = ~_interval_text(column).is_in(list(BILLING_INTERVALS))
    return Check(column, _NOT_AN_INTERVAL, nw.col(column).is_null() | known)


def _per_year(column: str) -> nw.Expr:
    """How many of the row's billing interval make a year (12, 4, 1 or 52)."""
    text = _interval_text(column)
    # 0 for an unknown interval (only with invalid="trust"): such rows are left out.
    expr = nw.lit(0.0, dtype=nw.Float64)
    for count in sorted(set(BILLING_INTERVALS.values())):
        names = [name for name, n in BILLING_INTERVALS.items() if n == count]
        expr = nw.when(text.is_in(names)).then(nw.lit(float(count))).otherwise(expr)
    return expr


def _month_periods(p: Periods, calendar: FiscalCalendar) -> tuple[Periods, nw.Expr]:
    """Month keys for ``p``'s calendar, and the key of ``p``'s period holding month ``__m``.

    Calendars whose months start on the 1st number months consecutively, so a period
    of ``n`` months is the month key divided by ``n``. Other calendars list the months
    of ``p``'s periods (from the start of its first to the end of its last) and find
    the period of each month by comparisons.
    """
    month = nw.col("__m")
    assert p.granularity is not None
    size = _MONTHS_PER[p.granularity]
    generic = p._generic
    if generic is None:
        key = month if size == 1 else (month - month % size) / size
        return Periods(Granularity.MONTH, calendar), key
    span = Timeframe(generic[0].start, generic[-1].end)
    months = tuple(calendar.periods(span, Granularity.MONTH))
    bounds = [
        next((i for i, m in enumerate(months) if m.start >= period.start), len(months))
        for period in generic
    ]
    key = _tree(month, [*bounds, len(months)], 0, len(generic))
    # A month past the last listed one (a long invoice near the table's end) has no period.
    return Periods(Granularity.MONTH, calendar, months), nw.when(month < len(months)).then(key)


def _normalised(
    frame: Frame,
    c: SubscriptionColumns,
    interval: str,
    names: Sequence[str],
    p: Periods,
    calendar: FiscalCalendar,
) -> Frame:
    """Rows of monthly recurring revenue per month: each invoice spread over its interval.

    A row billed every ``n`` months (a quarter, a year) gives ``amount ÷ n`` in each of
    the ``n`` months from its own; weekly rows give, per customer and month, the mean
    amount of an invoice date × 52 ÷ 12. The result has the customer, the ``names``,
    the period key and the amount, as a table without intervals would.
    """
    if p.granularity not in _MONTHS_PER:
        raise InvalidInputError(
            f"period must be month, quarter, half or year with an interval column, got "
            f"{p.granularity.value if p.granularity else None!r}: billing intervals are "
            "spread over months",
            name="period",
            value=p.granularity,
        )
    months, period_key = _month_periods(p, calendar)
    entity = [c.customer, *names]
    keyed = months.add_key(frame, c.date, "__m").with_columns(
        _per_year(interval).alias("__per_year"),
        nw.col(c.mrr).cast(nw.Float64).alias("__amount"),
        nw.col("__m").cast(nw.Float64),
    )
    monthly_or_longer = (nw.col("__per_year") > 0) & (nw.col("__per_year") < _WEEKS_PER_YEAR)
    spread = keyed.filter(monthly_or_longer).with_columns(
        (nw.col("__amount") * nw.col("__per_year") / 12).alias("__amount"),
        (12 / nw.col("__per_year")).alias("__span"),
    )
    columns = [*entity, "__m", "__amount"]
    copies = [spread.select(*columns)]
    copies += [
        spread.filter(nw.col("__span") > k)
        .with_columns((nw.col("__m") + k).alias("__m"))
        .select(*columns)
        for k in range(1, 12)
    ]
    weekly = (
        keyed.filter(nw.col("__per_year") == _WEEKS_PER_YEAR)
        .group_by(*entity, "__m", c.date)
        .agg(nw.col("__amount").sum())
        .group_by(*entity, "__m")
        .agg(nw.col("__amount").mean())
        .select(*entity, "__m", (nw.col("__amount") * _WEEKS_PER_YEAR / 12).alias("__amount"))
    )
    # The table's own rows decide its last period; later months of an invoice are cut.
    own = stack([copies[0], weekly]).select(period_key.max().alias("__last"))
    rows = stack([*copies, weekly]).with_columns(period_key.alias(KEY))
    rows = rows.join(own, how="cross").filter(  # type: ignore[arg-type]
        nw.col(KEY) <= nw.col("__last")
    )
    return rows.select(*entity, KEY, nw.col("__amount").alias(c.mrr))


def check_subscriptions(
    subscriptions: object, *, columns: Columns = None, interval: str | None = None
) -> DataReport:
    """Count the bad rows of a subscriptions table, rule by rule, without raising for them.

    The rules: ``customer``, ``date`` and ``mrr`` are not null, ``mrr`` is not
    negative, and with an ``interval`` column, each row's interval is one of
    :data:`BILLING_INTERVALS`. ``invalid="skip"`` leaves out exactly the rows counted here.

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        columns: The column names, as :class:`SubscriptionColumns` or a mapping.
        interval: The name of the column holding each row's billing interval, or None
            (every row is monthly).

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
    extra = [] if interval is None else [interval]
    extra += [] if c.currency is None else [c.currency]
    require(frame, _TABLE, [c.customer, c.date, c.mrr, *extra], [c.date])
    return inspect(frame, _TABLE, _checks(c, interval))


def _checks(c: SubscriptionColumns, interval: str | None) -> list[Check]:
    checks = [*null_checks([c.customer, c.date, c.mrr]), negative_check(c.mrr)]
    return checks if interval is None else [*checks, _interval_check(interval)]


def _movements(
    subscriptions: object,
    by: Sequence[str] | str,
    period: Granularity | str,
    calendar: FiscalCalendar,
    columns: Columns,
    invalid: Invalid,
    interval: str | None,
    *,
    money: bool,
) -> tuple[Frame, list[str], Periods]:
    """Per group and period key: the customer counts and MRR sums of :data:`MOVEMENTS`.

    ``money`` says that the caller returns MRR (sums or their ratios): a table whose
    currency column holds more than one currency is then refused.
    """
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
    extra = [] if interval is None else [interval]
    require(frame, _TABLE, [c.customer, c.date, c.mrr, *extra, *names], [c.date])
    if money:
        refuse_mixed(frame, _TABLE, c.currency, date=c.date, amount=c.mrr)
    frame = enforce(frame, _TABLE, _checks(c, interval), invalid_mode(invalid))
    p = periods(frame, [c.date], period, calendar)
    entity = [c.customer, *names]
    if interval is None:
        keyed = p.add_key(frame, c.date, KEY).with_columns(nw.col(c.mrr).cast(nw.Float64))
    else:
        keyed = _normalised(frame, c, interval, names, p, calendar)
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
    interval: str | None = None,
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
        interval: The column of each row's billing interval (see the module's rules),
            or None: every row is monthly.

    Returns:
        The ``by`` columns, ``period`` and the columns of :data:`MOVEMENTS`: customer
        counts (Int64) at the start, new, reactivated, churned and at the end, and MRR
        (Float64) at the start, new, reactivation, expansion, contraction, churned and at
        the end.

    Raises:
        InvalidInputError: for a missing column, bad rows or ``period=None``.
        CurrencyMismatchError: when ``columns`` names a currency column and the MRR is
            in more than one currency; convert it first with
            :func:`~smartgoals.frames.convert_currency`.

    >>> import polars as pl
    >>> from datetime import date
    >>> subs = pl.DataFrame({"customer": ["a", "b", "a", "c"],
    ...     "date": [date(2027, 1, 1)] * 2 + [date(2027, 2, 1)] * 2,
    ...     "mrr": [100.0, 50.0, 120.0, 80.0]})
    >>> m = mrr_movements(subs).row(1, named=True)
    >>> m["mrr_start"], m["mrr_new"], m["mrr_expansion"], m["mrr_churned"], m["mrr_end"]
    (150.0, 80.0, 20.0, 50.0, 200.0)
    """
    totals, names, p = _movements(
        subscriptions, by, period, calendar, columns, invalid, interval, money=True
    )
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
    interval: str | None = None,
) -> IntoFrameT:
    """Return the customer (logo) churn rate of every group and period.

    The methods of :func:`smartgoals.kpi.customer_churn_rate`: ``"start"`` divides the
    customers churned by the customers at the start; ``"start_plus_new"`` by those plus
    the customers new and reactivated in the period (Stripe); ``"average"`` by the mean
    of the customers at the start and the end (null where more customers churned than
    that mean, as :func:`smartgoals.kpi.customer_churn_rate` returns NaN there).

    Args:
        subscriptions: A native DataFrame or LazyFrame.
        method: ``"start"``, ``"start_plus_new"`` or ``"average"``.
        period: The grain of the data (default ``"month"``).
        by: Columns that split customers into groups.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`SubscriptionColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks, for a table
            already checked: bad rows then give undefined results).
        interval: The column of each row's billing interval (see the module's rules),
            or None: every row is monthly.

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
    totals, names, p = _movements(
        subscriptions, by, period, calendar, columns, invalid, interval, money=False
    )
    start, churned = nw.col("customers_start"), nw.col("customers_churned")
    if method == "start":
        base = start
    elif method == "start_plus_new":
        base = start + nw.col("customers_new") + nw.col("customers_reactivated")
    else:
        base = (start + nw.col("customers_end")).cast(nw.Float64) / 2
    rate = ratio(churned, base)
    if method == "average":
        # More churn than the average base holds is no share: undefined, as in kpi.
        rate = nw.when(churned.cast(nw.Float64) <= base).then(rate)
    result = totals.with_columns(rate.alias("customer_churn_rate"))
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
    interval: str | None,
) -> IntoFrameT:
    totals, names, p = _movements(
        subscriptions, by, period, calendar, columns, invalid, interval, money=True
    )
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
    interval: str | None = None,
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
        interval: The column of each row's billing interval (see the module's rules),
            or None: every row is monthly.

    Returns:
        The ``by`` columns, ``period`` and ``revenue_churn_rate`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.
        CurrencyMismatchError: when ``columns`` names a currency column and the MRR is
            in more than one currency; convert it first with
            :func:`~smartgoals.frames.convert_currency`.

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
        "revenue_churn_rate", lost, subscriptions, by, period, calendar, columns, invalid, interval
    )


def net_revenue_retention(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
    interval: str | None = None,
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
        interval: The column of each row's billing interval (see the module's rules),
            or None: every row is monthly.

    Returns:
        The ``by`` columns, ``period`` and ``net_revenue_retention`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.
        CurrencyMismatchError: when ``columns`` names a currency column and the MRR is
            in more than one currency; convert it first with
            :func:`~smartgoals.frames.convert_currency`.

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
        "net_revenue_retention",
        kept,
        subscriptions,
        by,
        period,
        calendar,
        columns,
        invalid,
        interval,
    )


def gross_revenue_retention(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
    interval: str | None = None,
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
        interval: The column of each row's billing interval (see the module's rules),
            or None: every row is monthly.

    Returns:
        The ``by`` columns, ``period`` and ``gross_revenue_retention`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.
        CurrencyMismatchError: when ``columns`` names a currency column and the MRR is
            in more than one currency; convert it first with
            :func:`~smartgoals.frames.convert_currency`.

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
        "gross_revenue_retention",
        kept,
        subscriptions,
        by,
        period,
        calendar,
        columns,
        invalid,
        interval,
    )


def new_customers(
    subscriptions: IntoFrameT,
    *,
    period: Granularity | str = Granularity.MONTH,
    by: Sequence[str] | str = (),
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
    interval: str | None = None,
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
        interval: The column of each row's billing interval (see the module's rules),
            or None: every row is monthly.

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
    totals, names, p = _movements(
        subscriptions, by, period, calendar, columns, invalid, interval, money=False
    )
    result = totals.with_columns(nw.col("customers_new").alias("new_customers"))
    out: IntoFrameT = finish(result, names, p, ["new_customers"]).to_native()
    return out
