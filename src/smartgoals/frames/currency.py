"""Amounts in several currencies: convert a table to one, and refuse to add up a mix.

:func:`convert_currency` converts an amount column with a currency column into one
currency, row by row, at the rate of :class:`~smartgoals.money.FxRates` in force on each
row's date, as :meth:`FxRates.convert <smartgoals.money.FxRates.convert>` converts one
amount: a rate applies from its day until the pair's next rate; a pair given in one
direction converts the other way at its exact inverse; rates are never crossed through a
third currency. Each row is rounded once, half away from zero, to the minor unit of the
currency converted to (:func:`~smartgoals.money.minor_unit`), and says which rate it used
and from which day (:class:`~smartgoals.frames.ConversionColumns`).

The KPIs that add amounts (:func:`~smartgoals.frames.average_deal_size`,
:func:`~smartgoals.frames.pipeline_coverage`, :func:`~smartgoals.frames.quota_attainment`,
:func:`~smartgoals.frames.cac`, :func:`~smartgoals.frames.forecast`) read a currency
column when the column map names one (``columns={"currency": "currency"}``), and raise
:class:`~smartgoals.exceptions.CurrencyMismatchError` naming the currencies when the
table holds more than one.

>>> import polars as pl
>>> from datetime import date, datetime
>>> from smartgoals.money import FxRates
>>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])
>>> deals = pl.DataFrame({"amount": [600.0, 1000.0], "currency": ["USD", "EUR"],
...                       "date": [date(2027, 3, 31), date(2027, 4, 2)]})
>>> convert_currency(deals, fx, to="EUR").rows()
[(552.0, 'EUR', datetime.date(2027, 3, 31), 600.0, 'USD', 0.92, datetime.date(2027, 1, 1)), (1000.0, 'EUR', datetime.date(2027, 4, 2), 1000.0, 'EUR', 1.0, None)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

import attrs
import narwhals as nw
from narwhals.typing import IntoFrameT

from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError, MissingRateError
from smartgoals.frames._columns import ConversionColumns, Frame, require, resolve
from smartgoals.frames._periods import ordinal_steps
from smartgoals.frames._tables import like, open_frame
from smartgoals.money import FxRate, FxRates, currency_code, minor_unit

__all__ = ["convert_currency"]

_TABLE: Final = "amounts"

#: How far (relative) a Float64 product may lie below a half of the minor unit and still
#: be read as that half: twice the most that the product's own roundings (of the amount,
#: the rate, their product and the scaling) can take off (see :func:`convert_currency`).
_HALF_TOLERANCE: Final = 2.0**-50

#: Below this many rates a plain when-chain beats a deeper search tree.
_LEAF: Final = 8


def _code(expr: nw.Expr) -> nw.Expr:
    """A currency column as codes: text without surrounding spaces, upper-cased."""
    return expr.cast(nw.String).str.strip_chars().str.to_uppercase()


@attrs.frozen
class _Usage:
    """The rows of one currency that need a rate: how many, and over which days."""

    currency: str | None
    rows: int
    dated: int
    first: date | None
    last: date | None


def _day_steps(c: ConversionColumns, on: date | None) -> list[dict[str, nw.Expr]]:
    """Steps computing ``__fx_day``: the ordinal of the row's date, else of ``on``."""
    steps = ordinal_steps(c.date, "__fx_day")
    if on is not None:
        steps.append({"__fx_day": nw.col("__fx_day").fill_null(on.toordinal())})
    return steps


def _usage(frame: Frame, c: ConversionColumns, to: str, on: date | None = None) -> list[_Usage]:
    """Per currency other than ``to``: the rows with an amount, and their first and last day.

    One aggregate query; only these few rows come back, whatever the engine. A row
    without a date counts on ``on``, if given.
    """
    steps = _day_steps(c, on)
    keyed = frame.with_columns(_code(nw.col(c.currency)).alias("__fx_cur"))
    for step in steps:
        keyed = keyed.with_columns(**step)
    needs = ~nw.col(c.amount).is_null() & (
        (nw.col("__fx_cur") != to) | nw.col("__fx_cur").is_null()
    )
    day = nw.col("__fx_day")
    grouped = (
        keyed.filter(needs)
        .group_by("__fx_cur")
        .agg(
            nw.len().alias("__rows"),
            day.count().alias("__dated"),
            day.min().alias("__first"),
            day.max().alias("__last"),
        )
    )
    collected = grouped.lazy().collect().rows(named=True)

    def as_day(value: object) -> date | None:
        # NaN is pandas' null; the ordinal is a whole number of days since year 1.
        if value is None or value != value:
            return None
        return date.fromordinal(int(value))  # type: ignore[call-overload]

    found = [
        _Usage(
            row["__fx_cur"],
            int(row["__rows"]),
            int(row["__dated"] or 0),
            as_day(row["__first"]),
            as_day(row["__last"]),
        )
        for row in collected
        if int(row["__rows"] or 0)
    ]
    return sorted(found, key=lambda u: (u.currency is not None, u.currency or ""))


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _series(
    fx: FxRates, usage: Sequence[_Usage], c: ConversionColumns, to: str
) -> dict[str, list[FxRate]]:
    """Each currency's rates into ``to`` in force over its rows' days; raise for a gap.

    Every problem is found before raising, and the first is raised with the others named
    in its message (a null currency, a value that is no code, a null date, no rate at
    all or none yet on the first day).
    """
    problems: list[tuple[InvalidInputError, str]] = []
    rates: dict[str, list[FxRate]] = {}
    for use in usage:
        error: InvalidInputError
        if use.currency is None:
            error = InvalidInputError(
                f"column {c.currency!r} is null on {_rows(use.rows)} with an amount; give "
                "each amount its currency",
                name=c.currency,
                value=None,
            )
            problems.append((error, f"{_rows(use.rows)} without a currency"))
            continue
        try:
            code = currency_code(use.currency)
        except InvalidInputError:
            error = InvalidInputError(
                f"column {c.currency!r} holds {use.currency!r} on {_rows(use.rows)}, which "
                "is not an ISO 4217 code such as 'EUR' or 'USD'",
                name=c.currency,
                value=use.currency,
            )
            problems.append((error, f"{use.currency!r} as a currency"))
            continue
        if use.dated < use.rows:
            error = InvalidInputError(
                f"column {c.date!r} is null on {_rows(use.rows - use.dated)} in {code}; an "
                f"amount in {code} needs its date to find the {code}→{to} rate (give on= "
                "to convert rows without a date at the rates of that day, such as the day "
                "of a pipeline's snapshot)",
                name=c.date,
                value=None,
            )
            problems.append((error, f"{code} without a date"))
        first, last = use.first, use.last
        if first is None or last is None:
            continue  # every date is null: reported above
        try:
            fx.rate_on(code, to, first)
        except MissingRateError as exc:
            error = MissingRateError(
                f"{_rows(use.rows)} in {code} cannot be converted to {to} (column "
                f"{c.amount!r}, the first dated {first.isoformat()}): {exc}",
                base=exc.base,
                quote=exc.quote,
                on=exc.on,
            )
            problems.append((error, f"{code}→{to} on {first.isoformat()}"))
            continue
        rates[code] = [
            rate
            for rate in fx.rows()
            if rate.base == code
            and rate.quote == to
            and rate.start <= last
            and (rate.end is None or rate.end > first)
        ]
    if problems:
        error, _ = problems[0]
        others = [label for _, label in problems[1:]]
        if others:
            error.args = (f"{error.args[0]}; also {', '.join(others)}",)
        raise error
    return rates


def _by_day(day: nw.Expr, rates: Sequence[FxRate], value: Any) -> nw.Expr:
    """``value(rate)`` of the rate in force on ordinal ``day``: a search tree of comparisons.

    Every row reaching it is on or after the first rate's day (checked before).
    """
    if len(rates) <= _LEAF:
        expr: nw.Expr = value(rates[-1])
        for rate, after in zip(rates[-2::-1], rates[:0:-1], strict=True):
            expr = nw.when(day < after.start.toordinal()).then(value(rate)).otherwise(expr)
        return expr
    middle = len(rates) // 2
    return (
        nw.when(day < rates[middle].start.toordinal())
        .then(_by_day(day, rates[:middle], value))
        .otherwise(_by_day(day, rates[middle:], value))
    )


def _per_currency(
    currency: nw.Expr, day: nw.Expr, rates: Mapping[str, list[FxRate]], value: Any, dtype: Any
) -> nw.Expr:
    """The rate's ``value`` for each row's currency and day; null for any other currency."""
    expr: nw.Expr = nw.lit(None, dtype=dtype)
    for code, found in sorted(rates.items(), reverse=True):
        expr = nw.when(currency == code).then(_by_day(day, found, value)).otherwise(expr)
    return expr


def _outputs(frame: Frame, c: ConversionColumns) -> None:
    """Raise when an added column would overwrite one of the table's own, or another."""
    added = [c.original, c.original_currency, c.rate, c.rate_date]
    read = [c.amount, c.currency, c.date]
    names = [*read, *added]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise InvalidInputError(
            f"columns names {', '.join(map(repr, doubled))} for two roles; give each role "
            "its own column",
            name="columns",
            value=attrs.asdict(c),
        )
    taken = [n for n in added if n in frame.collect_schema()]
    if taken:
        raise InvalidInputError(
            f"the table already has the column {taken[0]!r}, which convert_currency adds; "
            f"rename it, or name the added column with columns={{...}}",
            name=taken[0],
            value=taken,
        )


def convert_currency(
    frame: IntoFrameT,
    fx: FxRates,
    *,
    to: str,
    columns: ConversionColumns | Mapping[str, str] | None = None,
    on: date | None = None,
) -> IntoFrameT:
    """Convert a table's amounts into currency ``to``, each at the rate of its row's date.

    Each amount is multiplied by the rate of its currency into ``to`` in force on its
    date (:meth:`FxRates.rate_on <smartgoals.money.FxRates.rate_on>`) and rounded once,
    half away from zero, to the minor unit of ``to`` (ISO 4217: JPY 0 decimals, KWD 3,
    most 2). An amount already in ``to`` keeps its value (rate 1); a null amount stays
    null, with a null rate. The ``amount`` column then holds the converted amounts and
    the ``currency`` column ``to``; four columns are added with the amount and currency
    before conversion, the rate and the day it applies from
    (:class:`~smartgoals.frames.ConversionColumns`).

    **Floats.** Engines multiply in Float64, so the amount is the column's value as a
    float (as written: 2.01, not the binary fraction nearest to it) and the rate the float
    nearest the exact rate (1/0.92 for an inverse). The product is rounded from the exact
    value's side: one that lies within a relative 2^-50 (about 9·10^-16) below a half of
    the minor unit is read as that half, whose rounding goes away from zero, since a
    Float64 product can fall that far short of an exact half (2.01 × 0.5 gives
    1.00499999999999989…, which rounds to 1.01 as 1.005 does). The result is then what
    :meth:`FxRates.convert <smartgoals.money.FxRates.convert>` gives in Decimal, except
    for an exact product that lies that close to a half without being one, or too large
    for a Float64 to hold its minor units. Neither happens to amounts in cents converted
    at a rate of at most four decimals below 100 million, or at the inverse of such a
    rate below one million (the tests check both).

    **When it raises.** A call runs one aggregate query, on lazy frames too: per currency
    other than ``to``, the number of rows with an amount and their first and last day.
    Only those rows (one per currency) reach the driver; they decide which rates the
    query needs and whether any is missing, so a missing rate is raised by the call,
    never later when the result is collected. The conversion itself stays lazy for a
    LazyFrame (DuckDB, Spark, Dask, polars): the rates are written into the query as a
    search tree of comparisons over the rates in force between those days.

    Args:
        frame: A native DataFrame or LazyFrame; the result is of the same kind.
        fx: The exchange rates.
        to: The currency to convert to, an ISO 4217 code.
        columns: The columns read and added, as :class:`~smartgoals.frames.ConversionColumns`
            or a mapping of role to name (``{"date": "closed"}``).
        on: The day whose rates convert a row without a date, such as an open deal
            whose close date is not known yet (give the day of the pipeline's snapshot).
            Its date stays null. Without ``on`` such a row in another currency raises.

    Returns:
        The table with ``amount`` converted (Float64) and ``currency`` set to ``to``, and
        the original amount, original currency, rate (Float64) and rate date (Date) added.

    Raises:
        MissingRateError: if rows in a currency other than ``to`` have an amount and no
            rate on their date (no rate of the pair, or a date before its first rate);
            the message names the pair, the first such date and how many rows.
        InvalidInputError: for a missing column, a date column that holds no dates, an
            amount column that holds no numbers, a null currency or date on a row with an
            amount in another currency, a currency that is not a code, a ``to`` that is
            not a code, ``fx`` that is not :class:`~smartgoals.money.FxRates`, or an added
            column the table already has.

    >>> import polars as pl
    >>> from datetime import date
    >>> from smartgoals.money import FxRates
    >>> fx = FxRates([("KWD", "USD", "3.2566", date(2027, 1, 1))])
    >>> sales = pl.DataFrame({"amount": [1000.0, 2.5], "currency": ["USD", "KWD"],
    ...                       "date": [date(2027, 2, 1), date(2027, 2, 1)]})
    >>> convert_currency(sales, fx, to="KWD")["amount"].to_list()
    [307.069, 2.5]
    >>> convert_currency(sales, fx, to="EUR")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.MissingRateError: 1 row in KWD cannot be converted to EUR (column 'amount', the first dated 2027-02-01): no exchange rate from KWD to EUR on 2027-02-01: the rates given are for KWD→USD, USD→KWD; add a KWD→EUR rate (rates are not crossed through a third currency); also USD→EUR on 2027-02-01
    """
    if not isinstance(fx, FxRates):
        raise InvalidInputError(
            f"fx must be FxRates, got {type(fx).__name__}; make them with "
            "FxRates([(from, to, rate, date), ...]) or FxRates.from_csv(path)",
            name="fx",
            value=fx,
        )
    target = currency_code(to)
    c = resolve(ConversionColumns, columns)
    table = open_frame(frame, "frame")
    require(table, _TABLE, [c.amount, c.currency, c.date], [c.date])
    dtype = table.collect_schema()[c.amount]
    if not dtype.is_numeric():
        raise InvalidInputError(
            f"column {c.amount!r} must hold numbers, got {dtype}; cast text with "
            "str.to_decimal or to Float64 first",
            name=c.amount,
            value=str(dtype),
        )
    _outputs(table, c)
    if on is not None and not isinstance(on, date):
        raise InvalidInputError(
            f"on must be a date, such as date(2027, 6, 30), got {on!r}", name="on", value=on
        )
    if isinstance(on, datetime):
        on = on.date()
    rates = _series(fx, _usage(table, c, target, on), c, target)
    places = minor_unit(target)
    amount = nw.col(c.amount).cast(nw.Float64)
    code, day, rate = nw.col("__fx_cur"), nw.col("__fx_day"), nw.col(c.rate)
    steps: list[dict[str, nw.Expr]] = [
        {
            c.original: amount,
            c.original_currency: _code(nw.col(c.currency)),
            "__fx_cur": _code(nw.col(c.currency)),
        },
        *_day_steps(c, on),
    ]
    same = code == target
    converting = ~nw.col(c.original).is_null() & ~same
    steps.append(
        {
            c.rate: nw.when(nw.col(c.original).is_null())
            .then(nw.lit(None, dtype=nw.Float64))
            .otherwise(
                nw.when(same)
                .then(nw.lit(1.0))
                .otherwise(
                    _per_currency(code, day, rates, lambda r: nw.lit(float(r.rate)), nw.Float64)
                )
            ),
            c.rate_date: nw.when(converting)
            .then(
                _per_currency(code, day, rates, lambda r: nw.lit(r.start, dtype=nw.Date), nw.Date)
            )
            .otherwise(nw.lit(None, dtype=nw.Date)),
        }
    )
    scale = float(10**places)
    scaled = nw.col(c.original) * rate * scale
    # Half away from zero on the magnitude, read from the exact value's side (see above).
    units = (scaled.abs() * (1.0 + _HALF_TOLERANCE) + 0.5).floor().cast(nw.Float64)
    # Some engines divide by multiplying with 1/scale (920 × 0.01 = 9.200000000000001):
    # rounding the quotient, a whole number of minor units give or take an ulp, gives
    # back the float nearest that decimal, and changes no decimal.
    whole = units if places == 0 else (units / scale).round(places)
    signed = nw.when(scaled < 0).then(-whole).otherwise(whole)
    steps.append(
        {
            c.amount: nw.when(same).then(nw.col(c.original)).otherwise(signed),
            c.currency: nw.lit(target, dtype=nw.String),
        }
    )
    out = table
    for step in steps:
        out = out.with_columns(**step)
    out = out.drop("__fx_cur", *dict.fromkeys(n for step in steps[1:-2] for n in step))
    result: IntoFrameT = like(out, frame)
    return result


def refuse_mixed(
    frame: Frame,
    table: str,
    column: str | None,
    *,
    expected: str | None = None,
    against: str = "the goal",
    date: str = "date",
    amount: str = "amount",
) -> str | None:
    """The one currency of ``column``; raise :class:`CurrencyMismatchError` for several.

    With ``expected`` (the currency of ``against``: a goal, a plan), a table wholly in
    another currency is refused too. Null currencies are left out. One grouped query;
    only the currencies and their row counts come back. Without a ``column`` (the table
    names no currency) nothing is checked and the result is None, as for a table whose
    currencies are all null. ``date`` and ``amount`` name the table's columns in the
    :func:`convert_currency` call the message suggests.
    """
    if column is None:
        return None
    require(frame, table, [column], [])
    counted = (
        frame.select(_code(nw.col(column)).alias("__fx_cur"))
        .filter(~nw.col("__fx_cur").is_null())
        .group_by("__fx_cur")
        .agg(nw.len().alias("__rows"))
    )
    found = sorted(
        ((str(code), int(n)) for code, n in counted.lazy().collect().rows()),
        key=lambda item: (-item[1], item[0]),
    )
    if not found:
        return None
    codes = [code for code, _ in found]
    target = expected if expected is not None else codes[0]
    mapped = {"amount": amount, "currency": column, "date": date}
    roles = {role: name for role, name in mapped.items() if name != role}
    call = f"convert_currency({table}, fx, to={target!r}" + (f", columns={roles}" if roles else "")
    hint = f"; convert them to one currency first with {call}) from smartgoals.frames"
    where = f"column {column!r} of the {table} table"
    if len(found) > 1:
        listed = ", ".join(f"{code} ({_rows(n)})" for code, n in found[:-1])
        last_code, last_n = found[-1]
        raise CurrencyMismatchError(
            f"the {table} table holds amounts in {listed} and {last_code} ({_rows(last_n)}) "
            f"in column {column!r}, which do not add up as they are{hint}",
            currency=codes[1],
            expected=codes[0],
            where=where,
        )
    if expected is not None and codes[0] != expected:
        raise CurrencyMismatchError(
            f"the {table} table holds amounts in {codes[0]} (column {column!r}), "
            f"{against} in {expected}{hint}",
            currency=codes[0],
            expected=expected,
            where=where,
        )
    return codes[0]
