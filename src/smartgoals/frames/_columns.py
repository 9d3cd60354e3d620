"""Column roles of the record tables, and the checks that find bad rows in them.

Each table kind has a frozen class naming its columns (:class:`DealColumns`, ...). Every
function takes ``columns=`` as such an instance or as a mapping from role to column name
(``{"owner": "rep", "closed": "close_date"}``); roles not named keep their default.

Bad rows are found by :class:`Check` expressions, counted in one aggregate query into a
:class:`DataReport`, and either raised as one
:class:`~smartgoals.exceptions.InvalidInputError` naming every column and count
(``invalid="raise"``) or filtered out (``invalid="skip"``).

With ``invalid="raise"`` a first, cheaper aggregate query asks only *whether* any rule
is broken, each rule through its cheapest aggregate (``Check.found``: a count of non-null
values, a maximum, a minimum) and some rules through another's. Repeated ids are found by
comparing the number of distinct ids with the row count instead of flagging every row
sharing an id (a window over the whole table); on DuckDB integer ids are counted in a
bitmap over their range, several times faster than a hash aggregate. Only when that
query finds something does the full count run, to name every rule and its rows in the
error. On DuckDB, when every rule asked is also written in SQL (``Check.duckdb``), one
query asks them all first, the ids in a bitmap of their low bits, which needs no range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias, TypeVar

import attrs
import narwhals as nw

from smartgoals.exceptions import InvalidInputError

__all__ = [
    "ConversionColumns",
    "CustomerColumns",
    "DataProblem",
    "DataReport",
    "DealColumns",
    "Invalid",
    "PlanColumns",
    "RecordColumns",
    "SpendColumns",
    "SubscriptionColumns",
]

#: What to do with bad rows: raise :class:`~smartgoals.exceptions.InvalidInputError`,
#: leave them out (count them with the matching ``check_*`` function), or ``"trust"`` the
#: table without checking it (for a table already checked with ``check_*``: bad rows
#: then give undefined results).
Invalid: TypeAlias = Literal["raise", "skip", "trust"]
_INVALID: Final = ("raise", "skip", "trust")

Frame: TypeAlias = "nw.DataFrame[Any] | nw.LazyFrame[Any]"


@attrs.frozen
class DealColumns:
    """The columns of a deals (opportunities) table, and the values of its outcome column.

    Roles (the default name of each is the role's own name):

    * ``id``: Unique deal id.
    * ``owner``: The rep who owns the deal (a suggestion for ``by=``; any column works).
    * ``created``: Date (or naive datetime) the deal was created.
    * ``closed``: Date the deal was won or lost; for an open deal its expected close date,
      or null.
    * ``outcome``: ``won``, ``lost`` or ``open`` (the values below).
    * ``amount``: Deal value, zero or more.
    * ``won``: The outcome value of a won deal.
    * ``lost``: The outcome value of a lost deal.
    * ``open``: The outcome value of an open deal.
    * ``currency``: The ISO 4217 code of each amount, or ``None`` (the default) when the
      table names no currency. When given, a KPI that adds amounts raises
      :class:`~smartgoals.exceptions.CurrencyMismatchError` for a table in more than
      one currency: convert it first with :func:`~smartgoals.frames.convert_currency`.

    >>> DealColumns(owner="rep", won="Closed Won").owner
    'rep'
    """

    id: str = "id"
    owner: str = "owner"
    created: str = "created"
    closed: str = "closed"
    outcome: str = "outcome"
    amount: str = "amount"
    won: str = "won"
    lost: str = "lost"
    open: str = "open"
    currency: str | None = None


@attrs.frozen
class SubscriptionColumns:
    """The columns of a subscriptions (or invoices) table: one row per customer and period.

    Roles (the default name of each is the role's own name):

    * ``customer``: Customer id.
    * ``date``: A date in the period the row is for (the invoice or snapshot date).
    * ``mrr``: Monthly recurring revenue of the row, zero or more; rows of one customer in
      one period add up (line items).
    * ``currency``: The ISO 4217 code of each row's MRR, or ``None`` (the default) when
      the table names no currency. When given, the KPIs that add MRR
      (:func:`~smartgoals.frames.mrr_movements`, the revenue churn and retention rates)
      raise :class:`~smartgoals.exceptions.CurrencyMismatchError` for a table in more
      than one currency: convert it first with
      :func:`~smartgoals.frames.convert_currency` (``columns={"amount": "mrr"}``). The
      customer counts and churn rate add no money and read no currency.

    >>> SubscriptionColumns(mrr="amount").mrr
    'amount'
    """

    customer: str = "customer"
    date: str = "date"
    mrr: str = "mrr"
    currency: str | None = None


@attrs.frozen
class SpendColumns:
    """The columns of a spend table: acquisition cost by date and channel.

    Roles (the default name of each is the role's own name):

    * ``date``: Date of the cost.
    * ``channel``: Acquisition channel (a suggestion for ``by=``).
    * ``amount``: Cost, zero or more.
    * ``currency``: The currency of each cost, or ``None`` (as in :class:`DealColumns`).

    >>> SpendColumns().amount
    'amount'
    """

    date: str = "date"
    channel: str = "channel"
    amount: str = "amount"
    currency: str | None = None


@attrs.frozen
class CustomerColumns:
    """The columns of a new-customers table: one row per customer acquired.

    Roles (the default name of each is the role's own name):

    * ``customer``: Customer id, unique.
    * ``date``: Date the customer was acquired.
    * ``channel``: Acquisition channel (a suggestion for ``by=``).

    >>> CustomerColumns(date="signed").date
    'signed'
    """

    customer: str = "customer"
    date: str = "date"
    channel: str = "channel"


@attrs.frozen
class RecordColumns:
    """The columns of a table of dated amounts (bookings, revenue, calls).

    Roles (the default name of each is the role's own name):

    * ``date``: Date of the record.
    * ``amount``: The amount the record adds (may be negative, e.g. a clawback).
    * ``currency``: The currency of each amount, or ``None`` (as in :class:`DealColumns`).

    >>> RecordColumns(amount="bookings").amount
    'bookings'
    """

    date: str = "date"
    amount: str = "amount"
    currency: str | None = None


@attrs.frozen
class PlanColumns:
    """The columns of a plan table: a quota per group and period.

    Roles (the default name of each is the role's own name):

    * ``period``: The period label, as the frame functions write it (``"FY2027 Q3"``).
    * ``quota``: The quota of that group and period, zero or more.
    * ``currency``: The currency of each quota, or ``None`` (as in :class:`DealColumns`).

    >>> PlanColumns().quota
    'quota'
    """

    period: str = "period"
    quota: str = "quota"
    currency: str | None = None


@attrs.frozen
class ConversionColumns:
    """The columns :func:`~smartgoals.frames.convert_currency` reads, and those it adds.

    Read (the default name of each is the role's own name):

    * ``amount``: The amount, a number; converted in place.
    * ``currency``: Its ISO 4217 code (case and surrounding spaces do not matter);
      set to the currency converted to.
    * ``date``: The day whose rate applies (a date, or a naive datetime: its day).

    Added, as the attributes of :class:`~smartgoals.money.Converted`:

    * ``original``: The amount before conversion (default ``"original_amount"``).
    * ``original_currency``: Its currency, as an upper-case code.
    * ``rate``: The rate used (default ``"fx_rate"``), Float64; 1 for an amount already
      in the currency converted to.
    * ``rate_date``: The day that rate applies from (default ``"fx_rate_date"``); null
      for an amount already in the currency converted to.

    >>> ConversionColumns(date="closed").rate
    'fx_rate'
    """

    amount: str = "amount"
    currency: str = "currency"
    date: str = "date"
    original: str = "original_amount"
    original_currency: str = "original_currency"
    rate: str = "fx_rate"
    rate_date: str = "fx_rate_date"


_C = TypeVar(
    "_C",
    DealColumns,
    SubscriptionColumns,
    SpendColumns,
    CustomerColumns,
    RecordColumns,
    PlanColumns,
    ConversionColumns,
)


def resolve(kind: type[_C], columns: _C | Mapping[str, str] | None) -> _C:
    """Return ``columns`` as a ``kind`` instance; a mapping renames some roles."""
    if columns is None:
        return kind()
    if isinstance(columns, kind):
        return columns
    if isinstance(columns, Mapping):
        roles = [field.name for field in attrs.fields(kind)]
        unknown = sorted(str(role) for role in columns if role not in roles)
        if unknown:
            raise InvalidInputError(
                f"columns names unknown roles {', '.join(map(repr, unknown))}; "
                f"the roles are {', '.join(roles)}",
                name="columns",
                value=dict(columns),
            )
        bad = sorted(str(r) for r, name in columns.items() if not isinstance(name, str))
        if bad:
            raise InvalidInputError(
                f"columns must map roles to column names (str); not for {', '.join(bad)}",
                name="columns",
                value=dict(columns),
            )
        return kind(**dict(columns))
    raise InvalidInputError(
        f"columns must be a {kind.__name__}, a mapping of role to column name, or None; "
        f"got {type(columns).__name__}",
        name="columns",
        value=columns,
    )


def invalid_mode(value: object) -> Invalid:
    """Check the ``invalid=`` argument."""
    if value == "raise":
        return "raise"
    if value == "skip":
        return "skip"
    if value == "trust":
        return "trust"
    raise InvalidInputError(
        f"invalid must be 'raise', 'skip' or 'trust', got {value!r}", name="invalid", value=value
    )


@attrs.frozen
class DataProblem:
    """Rows of a table that break one rule.

    Attributes:
        column: The column at fault.
        problem: What is wrong with those rows ("is null", "is negative").
        rows: How many rows break the rule.

    >>> DataProblem("amount", "is negative", 2).rows
    2
    """

    column: str
    problem: str
    rows: int

    def __str__(self) -> str:
        noun = "row" if self.rows == 1 else "rows"
        return f"column {self.column!r}: {self.rows} {noun} where it {self.problem}"


@attrs.frozen
class DataReport:
    """What the checks found in a table: every rule broken and by how many rows.

    Attributes:
        table: The kind of table ("deals", "subscriptions", ...).
        rows: Rows in the table.
        invalid_rows: Rows that break at least one rule (left out with ``invalid="skip"``).
        problems: One :class:`DataProblem` per rule broken, in a fixed order.

    >>> report = DataReport("deals", 10, 2, (DataProblem("amount", "is negative", 2),))
    >>> report.ok, str(report)
    (False, "deals table: 2 of 10 rows are invalid: column 'amount': 2 rows where it is negative")
    """

    table: str
    rows: int
    invalid_rows: int
    problems: tuple[DataProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no rule is broken.

        >>> DataReport("deals", 3, 0).ok
        True
        """
        return not self.problems

    def __str__(self) -> str:
        head = f"{self.table} table: {self.invalid_rows} of {self.rows} rows are invalid"
        if not self.problems:
            return head
        return head + ": " + "; ".join(str(p) for p in self.problems)


@attrs.frozen
class Check:
    """One rule: the rows where ``bad`` is true break it.

    ``found``, when given, is an aggregate expression that is zero, false or null only
    when no row breaks the rule; :func:`enforce` asks it instead of asking whether any
    row is ``bad``. ``covered`` says that an earlier rule's ``found`` is nonzero too
    whenever this rule is broken, so it need not be asked. ``unique`` marks the rule
    that no two rows share a value of ``column``, which :func:`enforce` may answer with
    a bitmap of the values (see :func:`_distinct_integers`). ``duckdb`` is ``found``
    written as DuckDB SQL, for rules simple enough to ask on DuckDB all in one query
    (see :func:`_proven`).
    """

    column: str
    problem: str
    bad: nw.Expr
    found: nw.Expr | None = None
    covered: bool = False
    unique: bool = False
    duckdb: str | None = None


def require(frame: Frame, table: str, needed: Sequence[str], dates: Sequence[str]) -> None:
    """Raise for missing columns, and for date columns that are not dates."""
    schema = frame.collect_schema()
    for name in needed:
        if name not in schema:
            raise InvalidInputError(
                f"the {table} table has no column {name!r}; its columns are "
                f"{', '.join(map(repr, schema.names()))}; name yours with columns={{...}}",
                name=name,
                value=schema.names(),
            )
    for name in dates:
        dtype = schema[name]
        if dtype == nw.Date:
            continue
        if isinstance(dtype, nw.Datetime) and dtype.time_zone is None:
            continue
        raise InvalidInputError(
            f"column {name!r} of the {table} table must hold dates or naive datetimes, "
            f"got {dtype}; parse text with str.to_date, drop time zones first",
            name=name,
            value=str(dtype),
        )


def is_datetime(frame: Frame, column: str) -> bool:
    """Whether ``column`` holds datetimes (not plain dates)."""
    return isinstance(frame.collect_schema()[column], nw.Datetime)


def _flags(checks: Sequence[Check]) -> list[nw.Expr]:
    return [c.bad.fill_null(value=False).alias(f"__bad{i}") for i, c in enumerate(checks)]


def inspect(frame: Frame, table: str, checks: Sequence[Check]) -> DataReport:
    """Count the rows breaking each check, in one query."""
    flagged = frame.lazy().select(_flags(checks))
    names = [f"__bad{i}" for i in range(len(checks))]
    anything = nw.any_horizontal(*(nw.col(n) for n in names), ignore_nulls=True) if names else None
    counts = [nw.col(n).cast(nw.Int64).sum().alias(n) for n in names]
    if anything is not None:
        flagged = flagged.with_columns(__any=anything)
        counts.append(nw.col("__any").cast(nw.Int64).sum().alias("__any"))
    row = flagged.select(*counts, nw.len().alias("__rows")).collect().rows(named=True)[0]
    problems = tuple(
        DataProblem(check.column, check.problem, int(row[name]))
        for check, name in zip(checks, names, strict=True)
        if row[name]
    )
    return DataReport(table, int(row["__rows"]), int(row.get("__any") or 0), problems)


def drop_invalid(frame: Frame, checks: Sequence[Check]) -> Frame:
    """Leave out the rows that break any check, lazily."""
    if not checks:
        return frame
    names = [f"__bad{i}" for i in range(len(checks))]
    keep = ~nw.any_horizontal(*(nw.col(n) for n in names), ignore_nulls=True)
    return frame.with_columns(_flags(checks)).filter(keep).drop(names)


#: A bitmap of integer ids spans at most this many bits per row, and at least
#: _MIN_BITS and at most _MAX_BITS (128 MiB) bits in all; wider ranges are counted exactly
#: by a hash aggregate instead.
_BITS_PER_ROW: Final = 16
_MIN_BITS: Final = 1 << 16
_MAX_BITS: Final = 1 << 30


def _found(check: Check) -> nw.Expr:
    return check.found if check.found is not None else check.bad.any()


def _bitmapped(frame: Frame, check: Check) -> bool:
    """Whether ``check`` is a uniqueness rule on integers of a DuckDB relation."""
    if not check.unique or not frame.implementation.is_duckdb():
        return False
    dtype = frame.collect_schema()[check.column]
    return bool(dtype.is_integer())


def _repeats(frame: nw.DataFrame[Any], column: str) -> bool:
    """Whether a value of ``column`` of a pandas DataFrame repeats (nulls repeat each other).

    ``Series.duplicated`` stops at a hash table of the values; ``n_unique`` goes on to
    build the array of distinct values, which costs pandas several times as much.
    """
    return bool(frame.get_column(column).to_native().duplicated().any())


def quoted(column: str) -> str:
    """``column`` as a quoted SQL identifier."""
    return '"' + column.replace('"', '""') + '"'


def _distinct_integers(frame: Frame, column: str, low: int, high: int) -> int:
    """The number of distinct non-null integers in ``column``, all in ``[low, high]``.

    DuckDB sets one bit per value in a bitmap spanning the range and counts the bits
    set: a scan with no hash table, several times faster than ``count(distinct)`` when
    the ids are dense, as generated ids are.
    """
    native = frame.to_native()
    query = native.aggregate(f"bit_count(bitstring_agg({quoted(column)}, {low}, {high}))")
    ((count,),) = query.fetchall()
    return int(count or 0)


#: :func:`_proven` sets a bit for the low 21 bits of each integer id: a bitmap of 256 KiB,
#: which proves up to 2,097,152 ids distinct, and costs little to set up and count.
_MASK: Final = (1 << 21) - 1


def _proven(frame: Frame, checks: Sequence[Check]) -> bool:
    """Whether one DuckDB query proves that no row breaks any of ``checks``.

    Every rule asked must be written in SQL (``Check.duckdb``) or be a uniqueness rule
    on integers. Those integers set a bit each for their low 21 bits, so the ids need
    no range first: as many bits set as ids proves them distinct. Fewer (a repeat, two
    ids alike in those bits, as far-apart ids may be, or more than 2,097,152 ids), or
    any rule found broken, proves nothing: False, and the exact checks decide.
    """
    parts: list[str] = []
    for check in checks:
        if check.covered:
            continue
        if check.duckdb is not None:
            parts.append(check.duckdb)
        elif _bitmapped(frame, check):
            col = quoted(check.column)
            bits = f"bit_count(bitstring_agg(CAST({col} & {_MASK} AS BIGINT), 0, {_MASK}))"
            parts.append(f"count(*) - count({col}) > 1 OR coalesce({bits}, 0) <> count({col})")
        else:
            return False
    if not parts:
        return True
    ((*found,),) = frame.to_native().aggregate(", ".join(parts)).fetchall()
    return not any(found)


def one_row(frame: Frame) -> dict[str, Any]:
    """The only row of an aggregate, by column name.

    A DuckDB relation hands its row over directly, without building an Arrow table.
    """
    if frame.implementation.is_duckdb():
        ((*values,),) = frame.to_native().fetchall()
        return dict(zip(frame.columns, values, strict=True))
    collected = frame if isinstance(frame, nw.DataFrame) else frame.collect()
    return collected.rows(named=True)[0]


def broken(frame: Frame, checks: Sequence[Check]) -> bool:
    """Whether any check may be broken, in one aggregate query without windows.

    False means no row breaks any check; true is followed by the exact count. A
    uniqueness rule on the integers of a DuckDB relation asks the count, least and
    greatest value in that query, then counts the distinct values in a bitmap
    (:func:`_distinct_integers`) when nothing else is broken; on a pandas DataFrame it is
    asked of ``Series.duplicated`` (:func:`_repeats`). On DuckDB, rules simple enough are
    first asked all in one query (:func:`_proven`).
    """
    if frame.implementation.is_duckdb() and _proven(frame, checks):
        return False
    bitmapped = [i for i, check in enumerate(checks) if _bitmapped(frame, check)]
    pandas = (
        frame if isinstance(frame, nw.DataFrame) and frame.implementation.is_pandas() else None
    )
    hashed = [i for i, check in enumerate(checks) if check.unique and pandas is not None]
    asked = [
        i
        for i, check in enumerate(checks)
        if not check.covered and i not in bitmapped and i not in hashed
    ]
    exprs: list[nw.Expr] = [nw.len().alias("__rows")]
    exprs += [_found(checks[i]).alias(f"__found{i}") for i in asked]
    for i in bitmapped:
        col = nw.col(checks[i].column)
        exprs += [col.count().alias(f"__n{i}"), col.min().alias(f"__lo{i}")]
        exprs.append(col.max().alias(f"__hi{i}"))
    row = one_row(frame.select(exprs))
    if any(row[f"__found{i}"] for i in asked):
        return True
    if pandas is not None and any(_repeats(pandas, checks[i].column) for i in hashed):
        return True
    for i in bitmapped:
        values, low, high = int(row[f"__n{i}"]), row[f"__lo{i}"], row[f"__hi{i}"]
        if int(row["__rows"]) - values > 1:
            return True  # two nulls repeat each other
        if not values:
            continue
        bits = int(high) - int(low) + 1
        if bits <= min(_MAX_BITS, max(_MIN_BITS, _BITS_PER_ROW * values)):
            distinct = _distinct_integers(frame, checks[i].column, int(low), int(high))
        else:
            counted = frame.select(nw.col(checks[i].column).n_unique().alias("__distinct"))
            distinct = int(one_row(counted)["__distinct"])
            distinct -= int(row["__rows"]) > values  # n_unique counts a null as a value
        if distinct != values:
            return True
    return False


def duplicate_check(name: str, problem: str = "repeats the id of another row") -> Check:
    """A check for values of ``name`` that repeat another row's (nulls repeat each other)."""
    # n_unique never counts more distinct values than is_duplicated sees (a null counts
    # as one value or none), so equal counts prove that no value repeats.
    return Check(
        name,
        problem,
        nw.col(name).is_duplicated(),
        found=nw.len() - nw.col(name).n_unique(),
        unique=True,
    )


def enforce(frame: Frame, table: str, checks: Sequence[Check], invalid: Invalid) -> Frame:
    """Apply ``invalid=``: raise on any bad row, drop the bad rows, or trust the table."""
    if invalid == "trust" or not checks:
        return frame
    if invalid == "skip":
        return drop_invalid(frame, checks)
    if not broken(frame, checks):
        return frame
    report = inspect(frame, table, checks)
    if report.ok:
        return frame
    raise InvalidInputError(
        f"{report}; fix them, or pass invalid='skip' to leave them out",
        name=report.problems[0].column,
        value=report,
    )


def can_hold(frame: Frame) -> bool:
    """Whether ``frame`` is a DuckDB relation that can run once and hold its rows.

    ``DuckDBPyRelation.materialize`` runs a relation and returns a relation over its
    rows, held in memory, on the same connection.
    """
    return frame.implementation.is_duckdb() and hasattr(frame.to_native(), "materialize")


def null_checks(names: Sequence[str]) -> list[Check]:
    """A check per column that must not be null."""
    return [
        Check(
            name,
            "is null",
            nw.col(name).is_null(),
            found=nw.len() - nw.col(name).count(),
            duckdb=f"count(*) - count({quoted(name)})",
        )
        for name in names
    ]


def negative_check(name: str) -> Check:
    """A check for negative amounts."""
    return Check(name, "is negative", nw.col(name) < 0, duckdb=f"min({quoted(name)}) < 0")
