"""Shared steps of the frame KPIs: open the native table, group, divide, finish.

A KPI is computed in three steps: per-row flags and amounts (``with_columns``), one
group-by with plain sums and counts (which every engine runs natively, and which pandas
runs without narwhals' slow path), and the ratio with explicit null for an undefined
group, so that 0 ÷ 0 is the same missing value in every engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import narwhals as nw

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import Frame
from smartgoals.frames._periods import Periods

__all__: list[str] = []

KEY: Final = "__period_key"
PERIOD: Final = "period"


def open_frame(native: Any, name: str) -> Frame:
    """Wrap a native DataFrame or LazyFrame (or narwhals frame) for narwhals.

    A Dask DataFrame loses its divisions (the index range of each partition, which no
    KPI reads): with them, a one-partition table fails inside Dask when a per-row flag
    computed through a shuffle (a repeated id) meets the other flags.
    """
    try:
        frame: Frame = nw.from_native(native)
    except TypeError:
        raise InvalidInputError(
            f"{name} must be a DataFrame or LazyFrame that narwhals supports (pandas, "
            f"polars, pyarrow, DuckDB, PySpark, Dask, ...), got {type(native).__name__}",
            name=name,
            value=type(native).__name__,
        ) from None
    if frame.implementation.is_dask():
        cleared: Frame = nw.from_native(frame.to_native().clear_divisions())
        return cleared
    return frame


def planned(frame: Frame) -> Frame:
    """``frame`` as a query plan where that is cheaper: an eager polars table goes lazy.

    Eager polars runs every step at once and copies the filtered table; its lazy API
    reads only the columns a KPI needs and fuses the steps. :func:`like` collects the
    result back.
    """
    if isinstance(frame, nw.DataFrame) and frame.implementation is nw.Implementation.POLARS:
        lazy: Frame = frame.lazy()
        return lazy
    return frame


def like(result: Frame, original: Any) -> Any:
    """The native result, eager when the native ``original`` is (undoes :func:`planned`)."""
    if isinstance(result, nw.LazyFrame) and isinstance(nw.from_native(original), nw.DataFrame):
        return result.collect().to_native()
    return result.to_native()


def group_by(by: Sequence[str] | str) -> list[str]:
    """Check ``by=``: one column name or a sequence of them."""
    names = [by] if isinstance(by, str) else list(by)
    for name in names:
        if not isinstance(name, str):
            raise InvalidInputError(
                f"by must name columns (str), got {name!r}", name="by", value=by
            )
    if len(set(names)) != len(names):
        raise InvalidInputError(f"by names a column twice: {names}", name="by", value=by)
    return names


def aggregate(frame: Frame, keys: Sequence[str], aggregations: Sequence[nw.Expr]) -> Frame:
    """Group by ``keys`` (none: the whole table gives one row) and aggregate."""
    if keys:
        return frame.group_by(*keys).agg(*aggregations)
    return frame.select(*aggregations)


def refuse_grouped_median(frame: Frame) -> None:
    """Raise for a median per group on pyarrow, which narwhals only approximates there.

    pyarrow's grouped median is ``approximate_median`` (a t-digest): two values give one
    of them, not their midpoint. Its whole-table median is exact.
    """
    if frame.implementation.is_pyarrow():
        raise InvalidInputError(
            "statistic='median' per group or period is only approximate on a pyarrow "
            "Table (pyarrow has no exact grouped median); use statistic='mean', or pass "
            "the table to an engine with an exact one: polars.from_arrow(table), "
            "table.to_pandas() or duckdb.from_arrow(table)",
            name="statistic",
            value="median",
        )


def median(
    frame: Frame, keys: Sequence[str], column: str, name: str, *, also: Sequence[nw.Expr] = ()
) -> Frame:
    """The exact median of ``column`` as ``name``, per group (none: one row).

    ``also`` are more aggregations of the same group-by. Dask's whole-column median is
    approximate but its grouped median is exact, so on Dask the whole table is one
    group, left-joined onto a one-row count so that an empty table still gives its one
    (null) row.
    """
    value = nw.col(column).median().alias(name)
    if keys or not frame.implementation.is_dask():
        return aggregate(frame, keys, [value, *also])
    keyed = frame.with_columns(nw.lit(0).alias("__all"))
    grouped = keyed.group_by("__all").agg(value, *also)
    one = keyed.select(nw.len().alias("__rows")).with_columns(nw.lit(0).alias("__all"))
    joined: Frame = one.join(grouped, on="__all", how="left")  # type: ignore[arg-type]
    return joined.drop("__all", "__rows")


def keys(by: Sequence[str], periods: Periods) -> list[str]:
    """The grouping columns including the period key, when there is a period."""
    return [*by, KEY] if periods.granularity is not None else list(by)


def ratio(numerator: str | nw.Expr, denominator: str | nw.Expr) -> nw.Expr:
    """``numerator ÷ denominator`` as Float64; null where the denominator is zero."""
    top = nw.col(numerator) if isinstance(numerator, str) else numerator
    bottom = nw.col(denominator) if isinstance(denominator, str) else denominator
    return nw.when(bottom != 0).then(top.cast(nw.Float64) / bottom.cast(nw.Float64))


def count(flag: str | nw.Expr) -> nw.Expr:
    """Sum of a 0/1 column as Int64 (DuckDB sums to a 128-bit integer otherwise)."""
    expr = nw.col(flag) if isinstance(flag, str) else flag
    return expr.sum().cast(nw.Int64)


def finish(
    frame: Frame,
    by: Sequence[str],
    periods: Periods,
    values: Sequence[str] | Mapping[str, nw.Expr],
    *,
    labelled: bool = False,
) -> Frame:
    """Select the grouping columns, the period label and the values, sorted.

    ``values`` names columns of ``frame``, or maps names to expressions over it; the
    label and the values are computed in one projection where the label is one
    expression.
    """
    exprs = (
        [e.alias(n) for n, e in values.items()]
        if isinstance(values, Mapping)
        else [nw.col(n) for n in values]
    )
    if periods.granularity is None:
        out = frame.select(*by, *exprs)
        return out.sort(*by) if by else out
    label = None if labelled else periods.label(KEY)
    if label is not None:
        return frame.select(*by, label.alias(PERIOD), *exprs).sort(*by, PERIOD)
    if not labelled:
        frame = periods.add_label(frame, KEY, PERIOD)
    return frame.select(*by, PERIOD, *exprs).sort(*by, PERIOD)


def to_native(frame: Frame) -> Any:
    """The native object of a narwhals frame."""
    return frame.to_native()


def _arrow_kinds(frames: Sequence[Frame], name: str) -> int:
    """How many pyarrow types column ``name`` has across ``frames``."""
    return len({str(frame.to_native().schema.field(name).type) for frame in frames})


def stack(frames: Sequence[Frame]) -> Frame:
    """Stack frames of the same kind and columns vertically.

    narwhals stacks only identical types: numbers of different types become Int64
    (all integers) or Float64, and pyarrow's two kinds of text (``string``,
    ``large_string``), which narwhals both reads as ``String``, become one. Text against
    numbers, or any other difference, is refused naming the column.
    """
    schemas = [frame.collect_schema() for frame in frames]
    kind = frames[0].implementation
    casts: list[nw.Expr] = []
    for name, dtype in schemas[0].items():
        found = [schema[name] for schema in schemas]
        if all(other == dtype for other in found):
            if kind.is_pyarrow() and dtype == nw.String and _arrow_kinds(frames, name) > 1:
                casts.append(nw.col(name).cast(nw.String))
            continue
        if not all(other.is_numeric() for other in found):
            raise InvalidInputError(
                f"column {name!r} holds {' and '.join(sorted({str(t) for t in found}))} "
                "in the tables to combine; give them one type",
                name=name,
                value=[str(t) for t in found],
            )
        wide = nw.Int64 if all(other.is_integer() for other in found) else nw.Float64
        casts.append(nw.col(name).cast(wide))
    parts: list[Any] = [frame.with_columns(casts) if casts else frame for frame in frames]
    stacked: Frame = nw.concat(parts, how="vertical")
    return stacked
