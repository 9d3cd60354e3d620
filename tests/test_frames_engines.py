"""Engines for the frame tests: one table in polars (eager and lazy), pandas, DuckDB, pyarrow.

The other ``test_frames_*`` modules import :func:`engines`, :func:`to_engine` and
:func:`rows` from here. Each engine is skipped when its package is not installed, so the
suite passes with only the ``test`` extra. Dask is reached through :func:`to_engine` too,
but only ``test_frames_dask`` runs it (see :data:`SLOW_ENGINES`).

Real Spark (PySpark in local mode, the ``spark`` extra and a Java runtime) is an engine of
:func:`engine_params` when pyspark is installed: every test parametrized over the engines
runs on it, with ids ending in ``[spark]`` (``pytest -k spark`` runs them). One session
serves the whole run. Like Dask it stays out of :func:`engines`, which the Hypothesis
tests loop over: a Spark query costs about a second. With ``SMARTGOALS_REQUIRE_SPARK=1``
(``.ci/run`` sets it) a missing pyspark fails those tests instead of skipping them;
``SMARTGOALS_SKIP_SPARK=1`` leaves them out where pyspark is installed.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pytest

pytest.importorskip("narwhals")

import narwhals as nw

Table = Mapping[str, Sequence[Any]]

#: Column names that hold dates, and numbers, when a generated column is empty or null.
DATES = frozenset({"created", "closed", "date"})
NUMBERS = frozenset({"amount", "mrr", "quota"})


def _available(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def _kind(values: Sequence[Any]) -> type | None:
    for value in values:
        if value is not None:
            return type(value)
    return None


def _polars(table: Table) -> Any:
    import polars as pl

    types = {date: pl.Date, datetime: pl.Datetime("us"), float: pl.Float64, int: pl.Int64}
    schema: dict[str, Any] = {
        name: types.get(_kind(values) or str, pl.String) for name, values in table.items()
    }
    for name, values in table.items():
        # An empty or all-null column has no value to tell its type: the name does.
        if _kind(values) is None and name in DATES:
            schema[name] = pl.Date
        elif _kind(values) is None and name in NUMBERS:
            schema[name] = pl.Float64
    return pl.DataFrame(dict(table), schema=schema)


def _polars_lazy(table: Table) -> Any:
    return _polars(table).lazy()


def _pandas(table: Table) -> Any:
    return _polars(table).to_pandas()


_CONNECTIONS: list[Any] = []


def _duckdb(table: Table) -> Any:
    import duckdb

    # One connection for every table, so that two tables can meet in one query.
    if not _CONNECTIONS:
        _CONNECTIONS.append(duckdb.connect())
    return _CONNECTIONS[0].from_arrow(_polars(table).to_arrow())


def _pyarrow(table: Table) -> Any:
    return _polars(table).to_arrow()


def _dask(table: Table) -> Any:
    dd: Any = importlib.import_module("dask.dataframe")  # by name: type checks need no Dask
    return dd.from_pandas(_pandas(table), npartitions=2)


@functools.cache
def spark_session() -> Any:
    """The one local Spark session of the test run (started on first use, about 10 s)."""
    sql: Any = importlib.import_module("pyspark.sql")  # by name: type checks need no Spark
    session = (
        sql.SparkSession.builder.master("local[1]")
        .appName("smartgoals-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
    )
    extra = os.environ.get("SMARTGOALS_SPARK_CONF", "")
    for item in filter(None, extra.split(",")):
        key, _, value = item.partition("=")
        session = session.config(key, value)
    session = session.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _spark(table: Table) -> Any:
    types: Any = importlib.import_module("pyspark.sql.types")
    frame = _polars(table)
    kinds = {
        "Date": types.DateType(),
        "Datetime": types.TimestampNTZType(),  # naive, as the other engines' datetimes
        "Float64": types.DoubleType(),
        "Int64": types.LongType(),
        "Boolean": types.BooleanType(),
    }
    schema = types.StructType(
        [
            types.StructField(name, kinds.get(dtype.base_type().__name__, types.StringType()))
            for name, dtype in frame.schema.items()
        ]
    )
    return spark_session().createDataFrame(frame.rows(), schema=schema)


#: Engine name → (required modules, maker of a native table from columns).
ENGINES: dict[str, tuple[tuple[str, ...], Callable[[Table], Any]]] = {
    "polars": (("polars",), _polars),
    "polars-lazy": (("polars",), _polars_lazy),
    "pandas": (("pandas", "polars", "pyarrow"), _pandas),
    "duckdb": (("duckdb", "polars", "pyarrow"), _duckdb),
    "pyarrow": (("pyarrow", "polars"), _pyarrow),
}

#: Engines reached by :func:`to_engine` but left out of :func:`engines`: Dask plans and
#: schedules a task graph for every query, which is too slow for every Hypothesis
#: example, so ``test_frames_dask`` runs it on its own generated tables.
SLOW_ENGINES: dict[str, tuple[tuple[str, ...], Callable[[Table], Any]]] = {
    "dask": (("dask", "pandas", "polars", "pyarrow"), _dask),
}


#: Real Spark: in :func:`engine_params`, not in :func:`engines` (see the module docstring).
SPARK: dict[str, tuple[tuple[str, ...], Callable[[Table], Any]]] = {
    "spark": (("pyspark", "polars"), _spark),
}


def spark_required() -> bool:
    """Whether a missing pyspark fails the Spark tests (``SMARTGOALS_REQUIRE_SPARK=1``)."""
    return os.environ.get("SMARTGOALS_REQUIRE_SPARK") == "1"


def spark_marks() -> list[Any]:
    """Skip without pyspark, unless it is required: then the test runs and fails.

    ``SMARTGOALS_SKIP_SPARK=1`` skips them where pyspark is installed (they add a few
    minutes to a full run; ``.ci/run`` runs them in a step of their own).
    """
    if spark_required():
        return []  # no mark: a missing pyspark fails the test
    if os.environ.get("SMARTGOALS_SKIP_SPARK") == "1":
        return [pytest.mark.skip(reason="SMARTGOALS_SKIP_SPARK=1")]
    return [
        pytest.mark.skipif(
            not _available("pyspark"), reason="needs pyspark (the spark extra) and Java"
        )
    ]


def engines() -> list[str]:
    """The engines installed here (polars is needed to read results back)."""
    return [name for name, (mods, _) in ENGINES.items() if _available(*mods)]


#: narwhals warns on every Dask query that its Dask support moves to the separate
#: ``narwhals-dask`` package (not published yet); that notice is no fault of ours.
DASK_NOTICE = "ignore:Dask support is moving out of Narwhals:FutureWarning"


def engine_params(*, slow: bool = False) -> list[Any]:
    """``pytest.param`` per engine and real Spark (with ``slow``, Dask too).

    Each is skipped when its packages are not installed (Spark: see :func:`spark_marks`).
    """
    chosen = {**ENGINES, **SLOW_ENGINES} if slow else ENGINES
    params = [
        pytest.param(
            name,
            marks=[
                pytest.mark.skipif(not _available(*mods), reason=f"needs {', '.join(mods)}"),
                pytest.mark.filterwarnings(DASK_NOTICE),
            ],
        )
        for name, (mods, _) in chosen.items()
    ]
    return [*params, pytest.param("spark", marks=spark_marks())]


def to_engine(name: str, table: Table) -> Any:
    """The native table of engine ``name`` holding ``table``'s columns."""
    return {**ENGINES, **SLOW_ENGINES, **SPARK}[name][1](table)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return value
    return value


def rows(native: Any) -> list[tuple[Any, ...]]:
    """The rows of any result, collected, with NaN read as null (pandas has no null)."""
    frame = nw.from_native(native)
    collected = frame.lazy().collect() if isinstance(frame, nw.LazyFrame) else frame
    return [tuple(_clean(v) for v in row) for row in collected.rows()]


def same(left: Sequence[tuple[Any, ...]], right: Sequence[tuple[Any, ...]]) -> bool:
    """Rows equal, with NaN and null as one."""
    return [tuple(_clean(v) for v in r) for r in left] == [
        tuple(_clean(v) for v in r) for r in right
    ]


@pytest.mark.parametrize("engine", engine_params(slow=True))
def test_engines_keep_values_and_kind(engine: str) -> None:
    table: dict[str, list[Any]] = {
        "a": [1, 2],
        "d": [date(2027, 1, 1), date(2027, 1, 2)],
        "x": [0.5, float("nan")],
    }
    native = to_engine(engine, table)
    got = rows(native)
    assert [r[0] for r in got] == [1, 2]
    assert got[1][2] is None
    lazy = isinstance(nw.from_native(native), nw.LazyFrame)
    assert lazy is (engine in ("polars-lazy", "duckdb", "dask", "spark"))
