"""Pipeline KPIs over a deals table: win rate, close rate, deal size, cycle length, coverage.

The deals table has one row per deal with the columns of
:class:`~smartgoals.frames.DealColumns` (default ``id``, ``owner``, ``created``,
``closed``, ``outcome``, ``amount``). The same definitions as :mod:`smartgoals.kpi.pipeline`
apply group by group; these rules say which deals go into which period:

* **Won and lost deals** count in the period of their ``closed`` date: a deal created in
  March and won in May counts for May's win rate, deal size and cycle length.
* **Open deals** are left out of the win rate (as :func:`smartgoals.kpi.win_rate`), the
  deal size and the cycle length. They are pipeline for :func:`pipeline_coverage`, in the
  period of their ``closed`` date, which for an open deal is its *expected* close date (as
  in Salesforce and HubSpot); an open deal without one counts only when ``period=None``.
* :func:`close_rate` is a **cohort** rate: deals *created* in the period, and how many of
  them were won by now (whenever they closed).
* ``period=None`` takes the whole table as one period; deals closing outside any range
  you care about must be filtered out before.

A group with nothing to divide by (only open deals, no won deals for the deal size, no
quota left and no pipeline) gets a **null** value (``NaN`` in pandas), where
:mod:`smartgoals.kpi` returns NaN.

>>> import polars as pl
>>> from datetime import date
>>> deals = pl.DataFrame({
...     "id": [1, 2, 3, 4],
...     "owner": ["ann", "ann", "bob", "bob"],
...     "created": [date(2027, 1, 4), date(2027, 1, 9), date(2027, 2, 1), date(2027, 2, 3)],
...     "closed": [date(2027, 2, 3), date(2027, 3, 1), date(2027, 3, 9), None],
...     "outcome": ["won", "lost", "won", "open"],
...     "amount": [1000.0, 500.0, 2500.0, 4000.0],
... })
>>> win_rate(deals, by="owner").rows()
[('ann', 0.5), ('bob', 1.0)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs
import narwhals as nw
from narwhals.typing import IntoFrameT

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import (
    Check,
    DataReport,
    DealColumns,
    Frame,
    Invalid,
    broken,
    can_hold,
    duplicate_check,
    enforce,
    inspect,
    invalid_mode,
    is_datetime,
    negative_check,
    null_checks,
    quoted,
    require,
    resolve,
)
from smartgoals.frames._exports import check_export, read_export
from smartgoals.frames._periods import add_ordinal, periods
from smartgoals.frames._tables import (
    KEY,
    PERIOD,
    aggregate,
    finish,
    group_by,
    keys,
    like,
    median,
    open_frame,
    planned,
    ratio,
    refuse_grouped_median,
    stack,
)
from smartgoals.frames.currency import refuse_mixed
from smartgoals.frames.presets import Preset, get_preset
from smartgoals.kpi.pipeline import CycleStatistic
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity

__all__ = [
    "average_deal_size",
    "check_deals",
    "close_rate",
    "pipeline_coverage",
    "sales_cycle_length",
    "win_rate",
]

_TABLE: Final = "deals"
Columns = DealColumns | Mapping[str, str] | None
Period = Granularity | str | None
#: A CRM preset: a :class:`~smartgoals.frames.presets.Preset` or a built-in one's name.
PresetArg = Preset | str | None


def _outcome_checks(c: DealColumns) -> list[Check]:
    """The rules of the outcome: one of the three values, a close date when decided."""
    outcome = nw.col(c.outcome)
    decided = (outcome == c.won) | (outcome == c.lost)
    # One pass over the outcome for both of its rules: 0 for an open deal, 1 for a
    # decided deal without a close date, or for any other outcome (a null outcome too,
    # which its own rule reports).
    misfit = (
        nw.when(outcome == c.open)
        .then(0)
        .otherwise(nw.when(decided).then(nw.col(c.closed).is_null().cast(nw.Int8)).otherwise(1))
    )
    return [
        Check(
            c.outcome,
            f"is not {c.won!r}, {c.lost!r} or {c.open!r}",
            ~outcome.is_in([c.won, c.lost, c.open]) & ~outcome.is_null(),
            found=misfit.max(),
        ),
        Check(
            c.closed,
            "is null on a won or lost deal",
            nw.col(c.closed).is_null() & outcome.is_in([c.won, c.lost]),
            covered=True,
        ),
    ]


def _checks(frame: Frame, c: DealColumns, *, amount: bool, audited: bool = False) -> list[Check]:
    """The rules of a deals table; ``audited`` leaves out those a :class:`_Decided` audits."""
    dated = is_datetime(frame, c.created), is_datetime(frame, c.closed)
    if dated[0] is dated[1]:
        created, closed = nw.col(c.created), nw.col(c.closed)
    else:
        created, closed = _comparable(frame, c.created), _comparable(frame, c.closed)
    early = closed < created
    early_sql = None
    if frame.implementation.is_duckdb() and not any(dated):
        # Two DuckDB dates subtract to whole days: a minimum reads faster than a flag.
        early_found = (nw.col(c.closed) - nw.col(c.created)).min() < 0
        early_sql = f"min({quoted(c.closed)} - {quoted(c.created)}) < 0"
    else:
        early_found = early.any()
    checks = null_checks([c.id, c.created] if audited else [c.id, c.created, c.outcome])
    checks.append(duplicate_check(c.id))
    if not audited:
        checks += _outcome_checks(c)
    before = f"is before {c.created!r}"
    checks.append(Check(c.closed, before, early, found=early_found, duckdb=early_sql))
    if amount:
        checks += [*null_checks([c.amount]), negative_check(c.amount)]
    return checks


def _comparable(frame: Frame, column: str) -> nw.Expr:
    """The column, as a datetime when it holds dates, to compare dates with datetimes."""
    col = nw.col(column)
    return col if is_datetime(frame, column) else col.cast(nw.Datetime("us"))


def _prepare(
    deals: object,
    by: Sequence[str] | str,
    columns: Columns,
    invalid: Invalid,
    *,
    amount: bool,
    audited: bool = False,
    preset: PresetArg = None,
    currency: str | None = None,
) -> tuple[Frame, DealColumns, list[str]]:
    """Open, map and check a deals table; ``currency`` is the one its amounts must be in."""
    frame = open_frame(deals, "deals")
    names = group_by(by)
    mode = invalid_mode(invalid)
    if preset is not None:
        frame, c, names = read_export(
            frame, _preset(preset, columns), by=names, amount=amount, invalid=mode
        )
    else:
        c = resolve(DealColumns, columns)
    needed = [c.id, c.created, c.closed, c.outcome, *([c.amount] if amount else []), *names]
    require(frame, _TABLE, needed, [c.created, c.closed])
    if amount:
        refuse_mixed(frame, _TABLE, c.currency, expected=currency, date=c.closed, amount=c.amount)
    # The aggregate checks of "raise" run as fast on the eager table; skipping rows is
    # a filter, which the lazy plan fuses with the rest.
    frame = frame if mode == "raise" else planned(frame)
    if audited:
        if broken(frame, _checks(frame, c, amount=amount, audited=True)):
            enforce(frame, _TABLE, _checks(frame, c, amount=amount), mode)  # raises
        return frame, c, names
    frame = enforce(frame, _TABLE, _checks(frame, c, amount=amount), mode)
    return planned(frame), c, names


def _preset(preset: Preset | str, columns: Columns) -> Preset:
    """The preset asked for; ``columns=`` with it is refused (the preset maps them)."""
    if columns is not None:
        raise InvalidInputError(
            "pass columns= or preset=, not both: a preset maps the columns; adapt it with "
            "preset.with_columns(role='column')",
            name="columns",
            value=columns,
        )
    return get_preset(preset)


def check_deals(
    deals: object, *, columns: Columns = None, amount: bool = True, preset: PresetArg = None
) -> DataReport:
    """Count the bad rows of a deals table, rule by rule, without raising for them.

    The rules: ``id``, ``created`` and ``outcome`` are not null; ids are unique (every row
    sharing an id is bad); ``outcome`` is one of the won/lost/open values; won and lost
    deals have a ``closed`` date, not before ``created``; and with ``amount=True`` the
    amount is neither null nor negative. ``invalid="skip"`` in the KPI functions leaves
    out exactly the rows counted here (``amount=False`` for the functions that do not
    read amounts: win rate, close rate, cycle length).

    Args:
        deals: A native DataFrame or LazyFrame (pandas, polars, DuckDB, ...).
        columns: The column names, as :class:`DealColumns` or a mapping of role to name.
        amount: Check the amount column too.
        preset: A CRM export's preset instead of ``columns`` (see :func:`win_rate`):
            its own rules (stages, checkboxes, dates) come first, then the deals
            table's rules on the rows they keep.

    Returns:
        A :class:`DataReport`: rows, invalid rows, and each rule broken with its count.

    Raises:
        InvalidInputError: for a missing column or a date column that holds no dates.

    >>> import polars as pl
    >>> from datetime import date
    >>> deals = pl.DataFrame({"id": [1, 1], "created": [date(2027, 1, 5)] * 2,
    ...     "closed": [date(2027, 1, 1), None], "outcome": ["won", "open"],
    ...     "amount": [-5.0, 10.0]})
    >>> print(check_deals(deals))
    deals table: 2 of 2 rows are invalid: column 'id': 2 rows where it repeats the id of another row; column 'closed': 1 row where it is before 'created'; column 'amount': 1 row where it is negative
    """
    frame = open_frame(deals, "deals")
    if preset is not None:
        export, frame, c = check_export(frame, _preset(preset, columns), amount=amount)
    else:
        export, c = None, resolve(DealColumns, columns)
    needed = [c.id, c.created, c.closed, c.outcome, *([c.amount] if amount else [])]
    require(frame, _TABLE, needed, [c.created, c.closed])
    report = inspect(frame, _TABLE, _checks(frame, c, amount=amount))
    if export is None:
        return report
    return DataReport(
        _TABLE,
        export.rows,
        export.invalid_rows + report.invalid_rows,
        export.problems + report.problems,
    )


#: The column a :class:`_Decided` audit adds to a group-by: whether any of its deals is
#: not decided (won or lost), or decided without a close date.
_BAD: Final = "__audit_bad"


@attrs.frozen
class _Decided:
    """The decided (won and lost) deals of a table, for a KPI that groups them.

    With ``invalid="raise"`` on DuckDB the outcome rules (not null, one of the three
    values, a close date on every decided deal) are *audited*: reading a text column is
    most of what the checks cost there, and the KPI reads the outcome anyway. So
    :meth:`rows` keeps every deal that is not open, bad outcomes too; the KPI adds
    :meth:`flags` and :meth:`aggregations` to its own step and group-by; and
    :meth:`settle` runs that group-by once, holds its small result in memory
    (``DuckDBPyRelation.materialize``) and raises if a group holds a deal that is
    neither won nor lost, or decided without a close date. The other rules are checked
    before, as everywhere. Not audited, the same calls keep the won and lost deals and
    add nothing. ``amount`` says whether the table's checks include the amount.
    """

    frame: Frame
    c: DealColumns
    audited: bool = False
    amount: bool = False

    def rows(self) -> Frame:
        """The deals the KPI groups: won and lost, or, audited, every deal not open."""
        outcome = nw.col(self.c.outcome)
        if not self.audited:
            return self.frame.filter(outcome.is_in([self.c.won, self.c.lost]))
        return self.frame.filter((outcome != self.c.open) | outcome.is_null())

    def flags(self) -> dict[str, nw.Expr]:
        """Per-row columns for :meth:`aggregations`: whether the deal breaks a rule."""
        if not self.audited:
            return {}
        outcome, closed = nw.col(self.c.outcome), nw.col(self.c.closed)
        decided = (outcome == self.c.won) | (outcome == self.c.lost)
        # A null outcome leaves ``decided`` null, which ``when`` reads as false.
        return {_BAD: nw.when(decided).then(closed.is_null()).otherwise(nw.lit(True))}

    def aggregations(self) -> list[nw.Expr]:
        """What the group-by adds for the audit: one maximum, cheaper than counts."""
        if not self.audited:
            return []
        return [nw.col(_BAD).max().alias(_BAD)]

    def settle(self, grouped: Frame) -> Frame:
        """``grouped``; audited, run once and held, after raising for any bad deal.

        The open deals were left out, so a deal that is not decided has a bad outcome,
        and a decided one without a close date breaks the close-date rule. Either way
        the full count runs and raises, naming every rule broken and its rows.
        """
        if not self.audited:
            return grouped
        native = grouped.to_native().materialize()
        # Our own column name, so the SQL needs no quoting of user input.
        ((bad,),) = native.aggregate(f"max({_BAD})").fetchall()
        if not bad:
            held: Frame = nw.from_native(native)
            return held
        enforce(self.frame, _TABLE, _checks(self.frame, self.c, amount=self.amount), "raise")
        raise AssertionError(  # pragma: no cover - the full count finds what this found
            "the deals table has a bad outcome or close date that its checks miss"
        )


def _decided(
    deals: object,
    by: Sequence[str] | str,
    columns: Columns,
    invalid: Invalid,
    *,
    amount: bool,
    preset: PresetArg = None,
) -> tuple[_Decided, list[str]]:
    """Open and check the table, for a KPI over its decided deals (see :class:`_Decided`)."""
    frame = open_frame(deals, "deals")
    audited = invalid == "raise" and can_hold(frame)
    frame, c, names = _prepare(
        frame, by, columns, invalid, amount=amount, audited=audited, preset=preset
    )
    return _Decided(frame, c, audited=audited, amount=amount), names


def _won_share(
    deals: IntoFrameT,
    rows: Frame,
    decided: _Decided,
    names: list[str],
    date: str,
    period: Period,
    calendar: FiscalCalendar,
    name: str,
) -> IntoFrameT:
    """Deals won ÷ deals in ``rows``, per group and period of ``date`` (win and close rate)."""
    c = decided.c
    p = periods(rows, [date], period, calendar)
    won = (nw.col(c.outcome) == c.won).cast(nw.Int64)
    keyed = p.add_key(rows, date, KEY, {"__won": won, **decided.flags()})
    counts = [nw.col("__won").sum().alias("__won"), nw.len().alias("__n")]
    grouped = aggregate(keyed, keys(names, p), [*counts, *decided.aggregations()])
    grouped = decided.settle(grouped)
    out: IntoFrameT = like(finish(grouped, names, p, {name: ratio("__won", "__n")}), deals)
    return out


def win_rate(
    deals: IntoFrameT,
    *,
    by: Sequence[str] | str = (),
    period: Period = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
    preset: PresetArg = None,
) -> IntoFrameT:
    """Return the win rate, won ÷ (won + lost), per group and period of the close date.

    Open deals are left out, as in :func:`smartgoals.kpi.win_rate`; each decided deal
    counts in the period its ``closed`` date falls in.

    Args:
        deals: A native DataFrame or LazyFrame; the result is of the same kind (lazy
            stays lazy).
        by: Columns to group by (``"owner"``, ``["owner", "region"]``); none for one
            row per period.
        period: ``None`` (the whole table), or a
            :class:`~smartgoals.timeframes.Granularity` or its name (``"quarter"``).
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`DealColumns` or ``{"role": "name"}``.
        invalid: ``"raise"`` for bad rows, ``"skip"`` to leave them out (see
            :func:`check_deals`), or ``"trust"`` to run no checks, for a table
            already checked with :func:`check_deals` (bad rows then give undefined
            results).
        preset: Read a CRM export as its product writes it
            (:mod:`smartgoals.frames.presets`): ``"hubspot"``, ``"salesforce"``,
            ``"salesforce-report"``, ``"pipedrive"`` or a
            :class:`~smartgoals.frames.presets.Preset`. ``columns`` then stays None,
            ``by`` names the export's columns or roles (``"owner"`` is the owner
            column), and the result's columns keep the export's names.

    Returns:
        The ``by`` columns, ``period`` (a label such as ``"FY2027 Q1"``, when
        ``period`` is given) and ``win_rate`` (Float64; null for a group without decided
        deals), sorted by group and period.

    Raises:
        InvalidInputError: for a missing column, bad rows (with ``invalid="raise"``),
            or an unknown period.

    >>> import polars as pl
    >>> from datetime import date
    >>> deals = pl.DataFrame({"id": [1, 2, 3], "created": [date(2027, 1, 2)] * 3,
    ...     "closed": [date(2027, 1, 30), date(2027, 2, 2), date(2027, 2, 8)],
    ...     "outcome": ["won", "won", "lost"], "amount": [1.0, 2.0, 3.0]})
    >>> win_rate(deals, period="month").rows()
    [('FY2027 M01', 1.0), ('FY2027 M02', 0.5)]
    """
    decided, names = _decided(deals, by, columns, invalid, amount=False, preset=preset)
    rows, closed = decided.rows(), decided.c.closed
    return _won_share(deals, rows, decided, names, closed, period, calendar, "win_rate")


def close_rate(
    deals: IntoFrameT,
    *,
    by: Sequence[str] | str = (),
    period: Period = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
    preset: PresetArg = None,
) -> IntoFrameT:
    """Return the close rate, deals won ÷ deals created, per group and period of creation.

    A cohort rate (:func:`smartgoals.kpi.close_rate`): the deals *created* in the period,
    won at any time up to the data's date. Recent periods rise as their deals close.

    Args:
        deals: A native DataFrame or LazyFrame.
        by: Columns to group by.
        period: ``None`` or a granularity; periods follow the ``created`` date.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`DealColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks; see :func:`win_rate`).
        preset: A CRM export's preset instead of ``columns`` (see :func:`win_rate`).

    Returns:
        The ``by`` columns, ``period`` (if given) and ``close_rate`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows.

    >>> import polars as pl
    >>> from datetime import date
    >>> deals = pl.DataFrame({"id": [1, 2, 3, 4], "created": [date(2027, 1, 2)] * 4,
    ...     "closed": [date(2027, 1, 30), date(2027, 5, 2), None, None],
    ...     "outcome": ["won", "won", "open", "open"], "amount": [1.0] * 4})
    >>> close_rate(deals).rows()
    [(0.5,)]
    """
    frame, c, names = _prepare(deals, by, columns, invalid, amount=False, preset=preset)
    every = _Decided(frame, c)  # not audited: adds nothing to the group-by
    return _won_share(deals, frame, every, names, c.created, period, calendar, "close_rate")


def average_deal_size(
    deals: IntoFrameT,
    *,
    by: Sequence[str] | str = (),
    period: Period = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    columns: Columns = None,
    invalid: Invalid = "raise",
    preset: PresetArg = None,
) -> IntoFrameT:
    """Return the average deal size, Σ amount ÷ deals, over won deals by period of closing.

    Groups come from the decided (won or lost) deals, so a group that only lost deals
    in a period is there with a null size, as :func:`smartgoals.kpi.average_deal_size`
    returns NaN for no deals.

    Args:
        deals: A native DataFrame or LazyFrame.
        by: Columns to group by.
        period: ``None`` or a granularity; periods follow the ``closed`` date.
        calendar: The fiscal calendar of the periods.
        columns: Column names, as :class:`DealColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks; see :func:`win_rate`).
        preset: A CRM export's preset instead of ``columns`` (see :func:`win_rate`).

    Returns:
        The ``by`` columns, ``period`` (if given) and ``average_deal_size`` (Float64).

    Raises:
        InvalidInputError: for a missing column or bad rows (including null or negative
            amounts).
        CurrencyMismatchError: when ``columns`` names a currency column and the deals
            are in more than one currency; convert them first with
            :func:`~smartgoals.frames.convert_currency`.

    >>> import polars as pl
    >>> from datetime import date
    >>> deals = pl.DataFrame({"id": [1, 2, 3], "owner": ["ann", "ann", "bob"],
    ...     "created": [date(2027, 1, 2)] * 3, "closed": [date(2027, 2, 1)] * 3,
    ...     "outcome": ["won", "won", "lost"], "amount": [1000.0, 3000.0, 500.0]})
    >>> average_deal_size(deals, by="owner").rows()
    [('ann', 2000.0), ('bob', None)]
    """
    decided, names = _decided(deals, by, columns, invalid, amount=True, preset=preset)
    c, kept = decided.c, decided.rows()
    p = periods(kept, [c.closed], period, calendar)
    won = nw.col(c.outcome) == c.won
    rows = p.add_key(
        kept,
        c.closed,
        KEY,
        {
            "__won": won.cast(nw.Int64),
            "__amount": nw.when(won).then(nw.col(c.amount)).otherwise(0).cast(nw.Float64),
            **decided.flags(),
        },
    )
    sums = [nw.col("__won").sum().alias("__won"), nw.col("__amount").sum().alias("__amount")]
    grouped = decided.settle(aggregate(rows, keys(names, p), [*sums, *decided.aggregations()]))
    size = {"average_deal_size": ratio("__amount", "__won")}
    out: IntoFrameT = like(finish(grouped, names, p, size), deals)
    return out


_STATISTICS: Final = ("mean", "median")
_US_PER_DAY: Final = 86_400_000_000


def _days(frame: Frame, start: str, end: str) -> nw.Expr | None:
    """The days from ``start`` to ``end`` as one native subtraction, where there is one.

    Engines whose date difference narwhals reads as a duration (polars; pandas and Dask
    for datetimes) or as whole days (DuckDB, for two date columns) subtract natively.
    For the others, and a date column against a datetime column, None:
    :func:`_add_days` counts by calendar arithmetic.
    """
    begun, ended = is_datetime(frame, start), is_datetime(frame, end)
    span = nw.col(end) - nw.col(start)
    kind = frame.implementation
    pandas_like = kind.is_pandas() or kind.is_dask()
    if begun is ended and (kind.is_polars() or (pandas_like and begun)):
        return span.dt.total_microseconds() / _US_PER_DAY
    if kind.is_duckdb() and not begun and not ended:
        return span.cast(nw.Float64)
    return None


def _add_days(frame: Frame, start: str, end: str, name: str) -> Frame:
    """Add ``name``: the days from ``start`` to ``end``, fractional for datetimes.

    Counted by calendar arithmetic (:func:`~smartgoals.frames._periods.add_ordinal`),
    which every engine runs; whole days come out exactly, as with :func:`_days`.
    """
    begun, ended = is_datetime(frame, start), is_datetime(frame, end)
    frame = add_ordinal(frame, end, "__end", fractional=ended)
    frame = add_ordinal(frame, start, "__start", fractional=begun)
    return frame.with_columns((nw.col("__end") - nw.col("__start")).alias(name)).drop(
        "__end", "__start"
    )


def sales_cycle_length(
    deals: IntoFrameT,
    *,
    by: Sequence[str] | str = (),
    period: Period = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    statistic: CycleStatistic = "mean",
    won_only: bool = False,
    columns: Columns = None,
    invalid: Invalid = "raise",
    preset: PresetArg = None,
) -> IntoFrameT:
    """Return the sales cycle length in days, ``closed − created``, by period of closing.

    Calendar days, fractional for datetimes, as :func:`smartgoals.kpi.sales_cycle_length`;
    over won and lost deals (the decided ones), or won deals only.

    Args:
        deals: A native DataFrame or LazyFrame.
        by: Columns to group by.
        period: ``None`` or a granularity; periods follow the ``closed`` date.
        calendar: The fiscal calendar of the periods.
        statistic: ``"mean"`` or ``"median"`` (exact on every engine; refused per
            group or period on a pyarrow Table, whose grouped median is approximate).
        won_only: Count won deals only.
        columns: Column names, as :class:`DealColumns` or a mapping.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks; see :func:`win_rate`).
        preset: A CRM export's preset instead of ``columns`` (see :func:`win_rate`).

    Returns:
        The ``by`` columns, ``period`` (if given) and ``sales_cycle_length`` (Float64
        days).

    Raises:
        InvalidInputError: for a missing column, bad rows, an unknown statistic, or
            a median per group or period of a pyarrow Table (only approximate there).

    >>> import polars as pl
    >>> from datetime import date
    >>> deals = pl.DataFrame({"id": [1, 2, 3], "created": [date(2027, 1, 1)] * 3,
    ...     "closed": [date(2027, 1, 11), date(2027, 1, 21), date(2027, 3, 2)],
    ...     "outcome": ["won", "lost", "won"], "amount": [1.0] * 3})
    >>> sales_cycle_length(deals, statistic="median").rows()
    [(20.0,)]
    """
    if statistic not in _STATISTICS:
        raise InvalidInputError(
            f"statistic must be 'mean' or 'median', got {statistic!r}",
            name="statistic",
            value=statistic,
        )
    if statistic == "median" and (group_by(by) or period is not None):
        refuse_grouped_median(open_frame(deals, "deals"))
    if won_only:
        frame, c, names = _prepare(deals, by, columns, invalid, amount=False, preset=preset)
        decided = _Decided(frame.filter(nw.col(c.outcome) == c.won), c)
        kept = decided.frame
    else:
        decided, names = _decided(deals, by, columns, invalid, amount=False, preset=preset)
        c, kept = decided.c, decided.rows()
    p = periods(kept, [c.closed], period, calendar)
    days = _days(kept, c.created, c.closed)
    also = {**({} if days is None else {"__days": days}), **decided.flags()}
    rows = p.add_key(kept, c.closed, KEY, also)
    if days is None:
        rows = _add_days(rows, c.created, c.closed, "__days")
    audited = decided.aggregations()
    if statistic == "mean":
        average = nw.col("__days").mean().alias("sales_cycle_length")
        grouped = aggregate(rows, keys(names, p), [average, *audited])
    else:
        grouped = median(rows, keys(names, p), "__days", "sales_cycle_length", also=audited)
    grouped = decided.settle(grouped)
    cycle = {"sales_cycle_length": nw.col("sales_cycle_length").cast(nw.Float64)}
    out: IntoFrameT = like(finish(grouped, names, p, cycle), deals)
    return out


def pipeline_coverage(
    deals: IntoFrameT,
    quota: float | int | object,
    *,
    by: Sequence[str] | str = (),
    period: Period = None,
    calendar: FiscalCalendar = CALENDAR_YEAR,
    subtract_won: bool = True,
    columns: Columns = None,
    quota_column: str = "quota",
    invalid: Invalid = "raise",
    preset: PresetArg = None,
) -> IntoFrameT:
    """Return pipeline coverage, open pipeline ÷ quota still to close, per group and period.

    Pipeline is the amount of the open deals expected to close in the period (their
    ``closed`` date); the quota still to close is the quota less the amount won in the
    period (``subtract_won=False`` divides by the whole quota), never below zero. As in
    :func:`smartgoals.kpi.pipeline_coverage`, coverage is infinite when nothing is left
    to close but pipeline remains, and null when both are zero.

    Args:
        deals: A native DataFrame or LazyFrame.
        quota: One quota for every group and period, or a table of the same kind as
            ``deals`` with the ``by`` columns, ``period`` labels (when ``period`` is
            given) and ``quota_column``; its groups appear even without deals.
        by: Columns to group by.
        period: ``None`` or a granularity; periods follow the ``closed`` date.
        calendar: The fiscal calendar of the periods.
        subtract_won: Divide by quota − won instead of the quota.
        columns: Column names, as :class:`DealColumns` or a mapping.
        quota_column: The quota column of a quota table.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` (no checks; see :func:`win_rate`).
        preset: A CRM export's preset instead of ``columns`` (see :func:`win_rate`).

    Returns:
        The ``by`` columns, ``period`` (if given) and ``pipeline_coverage`` (Float64).

    Raises:
        InvalidInputError: for a missing column, bad rows, or a negative quota.
        CurrencyMismatchError: when ``columns`` names a currency column and the deals
            are in more than one currency; convert them first with
            :func:`~smartgoals.frames.convert_currency`.

    >>> import polars as pl
    >>> from datetime import date
    >>> deals = pl.DataFrame({"id": [1, 2, 3], "owner": ["ann", "ann", "bob"],
    ...     "created": [date(2027, 1, 2)] * 3,
    ...     "closed": [date(2027, 2, 1), date(2027, 3, 15), date(2027, 3, 20)],
    ...     "outcome": ["won", "open", "open"], "amount": [40_000.0, 90_000.0, 50_000.0]})
    >>> pipeline_coverage(deals, 100_000, by="owner").rows()
    [('ann', 1.5), ('bob', 0.5)]
    """
    frame, c, names = _prepare(deals, by, columns, invalid, amount=True, preset=preset)
    outcome = nw.col(c.outcome)
    relevant = frame.filter(outcome.is_in([c.won, c.open]))
    if period is not None:
        relevant = relevant.filter(~nw.col(c.closed).is_null())
    p = periods(relevant, [c.closed], period, calendar)
    amount = nw.col(c.amount).cast(nw.Float64)
    rows = p.add_key(relevant, c.closed, KEY).with_columns(
        nw.when(outcome == c.open).then(amount).otherwise(0.0).alias("__pipeline"),
        nw.when(outcome == c.won).then(amount).otherwise(0.0).alias("__won"),
    )
    grouped = aggregate(
        rows,
        keys(names, p),
        [nw.col("__pipeline").sum().alias("__pipeline"), nw.col("__won").sum().alias("__won")],
    )
    labelled = [*names, *([PERIOD] if p.granularity is not None else [])]
    if p.granularity is not None:
        grouped = p.add_label(grouped, KEY, PERIOD)
    grouped = grouped.select(*labelled, "__pipeline", "__won")
    if isinstance(quota, bool) or not isinstance(quota, int | float):
        plan = planned(open_frame(quota, "quota"))
        require(plan, "quota", [*labelled, quota_column], [])
        enforce(
            plan, "quota", [*null_checks([quota_column]), negative_check(quota_column)], "raise"
        )
        parts = [
            grouped.with_columns(nw.lit(0.0).alias("__quota")),
            plan.select(
                *labelled,
                nw.lit(0.0).alias("__pipeline"),
                nw.lit(0.0).alias("__won"),
                nw.col(quota_column).cast(nw.Float64).alias("__quota"),
            ),
        ]
        combined = stack(parts)
        sums = [nw.col(n).sum().alias(n) for n in ("__pipeline", "__won", "__quota")]
        grouped = aggregate(combined, labelled, sums)
    else:
        if quota < 0:
            raise InvalidInputError(
                f"quota must be zero or more, got {quota!r}", name="quota", value=quota
            )
        grouped = grouped.with_columns(nw.lit(float(quota)).alias("__quota"))
    left = nw.col("__quota") - nw.col("__won") if subtract_won else nw.col("__quota")
    remaining = nw.when(left > 0).then(left).otherwise(0.0)
    pipeline = nw.col("__pipeline")
    coverage = (
        nw.when(remaining > 0)
        .then(pipeline / remaining)
        .otherwise(nw.when(pipeline > 0).then(nw.lit(float("inf"))))
    )
    result = grouped.with_columns(coverage.cast(nw.Float64).alias("pipeline_coverage"))
    out: IntoFrameT = like(finish(result, names, p, ["pipeline_coverage"], labelled=True), deals)
    return out
