"""Win rate and sales cycle by owner × month over many deals: smartgoals.frames vs native.

Run: ``pytest benchmarks/test_bench_frames.py --benchmark-group-by=group``. The table has
``SMARTGOALS_BENCH_DEALS`` rows (default 1,000,000). Each engine's hand-written group-by
is the baseline for the same engine (``native``), and
:func:`test_baselines_compute_the_same_kpi` checks that it gives our numbers.

``smartgoals`` is the default call, which also checks the data (nulls, unique ids,
outcomes, dates) and raises on bad rows; the baselines do not. ``smartgoals-trust`` is
the documented ``invalid="trust"`` option for a table already checked with
``check_deals``: no checks, the same KPI.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("narwhals")
np = pytest.importorskip("numpy")
pl = pytest.importorskip("polars")

from smartgoals.frames import sales_cycle_length, win_rate  # noqa: E402

DEALS = int(os.environ.get("SMARTGOALS_BENCH_DEALS", "1000000"))


def _deals() -> Any:
    rng = np.random.default_rng(7)
    created = np.datetime64("2025-01-01") + rng.integers(0, 730, DEALS).astype("timedelta64[D]")
    closed = created + rng.integers(0, 120, DEALS).astype("timedelta64[D]")
    outcome = np.array(["won", "lost", "open"])[rng.integers(0, 3, DEALS)]
    return pl.DataFrame(
        {
            "id": np.arange(DEALS),
            "owner": np.array([f"rep{i:03d}" for i in range(200)])[rng.integers(0, 200, DEALS)],
            "created": created,
            "closed": closed,
            "outcome": outcome,
            "amount": rng.integers(0, 100_000, DEALS).astype("float64"),
        }
    ).with_columns(
        pl.when(pl.col("outcome") == "open").then(None).otherwise(pl.col("closed")).alias("closed")
    )


@pytest.fixture(scope="module")
def deals() -> Any:
    return _deals()


def _polars_win(frame: Any) -> Any:
    return (
        frame.filter(pl.col("outcome").is_in(["won", "lost"]))
        .group_by("owner", pl.col("closed").dt.truncate("1mo"))
        .agg((pl.col("outcome") == "won").mean().alias("win_rate"))
    )


def _polars_cycle(frame: Any) -> Any:
    return (
        frame.filter(pl.col("outcome").is_in(["won", "lost"]))
        .group_by("owner", pl.col("closed").dt.truncate("1mo"))
        .agg((pl.col("closed") - pl.col("created")).dt.total_days().mean().alias("cycle"))
    )


_DUCK_WIN = """select owner, date_trunc('month', closed) as month,
  avg((outcome = 'won')::int) as win_rate
from deals where outcome in ('won', 'lost') group by all"""
_DUCK_CYCLE = """select owner, date_trunc('month', closed) as month,
  avg(closed - created) as cycle
from deals where outcome in ('won', 'lost') group by all"""


HOWS = ["smartgoals", "smartgoals-trust", "native"]


def _ours(function: Callable[..., Any], how: str = "smartgoals") -> Callable[[Any], Any]:
    invalid = "trust" if how == "smartgoals-trust" else "raise"

    def run(native: Any) -> Any:
        return function(native, by="owner", period="month", invalid=invalid)

    return run


def _pandas_native(df: Any, kpi: str) -> Any:
    decided = df[df["outcome"].isin(["won", "lost"])]
    month = decided["closed"].dt.to_period("M")
    if kpi == "win_rate":
        values = decided["outcome"].eq("won")
    else:
        values = (decided["closed"] - decided["created"]).dt.days
    return values.groupby([decided["owner"], month]).mean()


def _label(month: Any) -> str:
    return f"FY{month.year} M{month.month:02d}"


def test_baselines_compute_the_same_kpi(deals: Any) -> None:
    """Every native baseline gives the numbers of the frame function, group by group."""
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    connection = duckdb.connect()
    connection.register("deals", connection.from_arrow(deals.to_arrow()))
    frame = deals.to_pandas()
    for kpi, ours, polars_native, sql in [
        ("win_rate", win_rate, _polars_win, _DUCK_WIN),
        ("sales_cycle_length", sales_cycle_length, _polars_cycle, _DUCK_CYCLE),
    ]:
        expected = {(o, p): v for o, p, v in _ours(ours)(deals).rows()}
        baselines = {
            "polars": polars_native(deals).rows(),
            "duckdb": connection.sql(sql).fetchall(),
            "pandas": list(_pandas_native(frame, kpi).items()),
        }
        for engine, found in baselines.items():
            # pandas gives ((owner, month), value); polars and DuckDB (owner, month, value).
            flat = [(*row[0], row[1]) if len(row) == 2 else tuple(row) for row in found]
            got = {(owner, _label(month)): pytest.approx(v) for owner, month, v in flat}
            assert got == expected, (kpi, engine)


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", HOWS)
def test_polars(benchmark: Any, deals: Any, kpi: str, how: str) -> None:
    benchmark.group = f"polars {kpi}"
    ours = {"win_rate": win_rate, "sales_cycle_length": sales_cycle_length}[kpi]
    native = {"win_rate": _polars_win, "sales_cycle_length": _polars_cycle}[kpi]
    run = native if how == "native" else _ours(ours, how)
    result = benchmark(run, deals)
    assert result.height > 0


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", HOWS)
def test_duckdb(benchmark: Any, deals: Any, kpi: str, how: str) -> None:
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    benchmark.group = f"duckdb {kpi}"
    connection = duckdb.connect()
    relation = connection.from_arrow(deals.to_arrow())
    connection.register("deals", relation)
    ours = {"win_rate": win_rate, "sales_cycle_length": sales_cycle_length}[kpi]
    sql = {"win_rate": _DUCK_WIN, "sales_cycle_length": _DUCK_CYCLE}[kpi]

    def native(_: Any) -> Any:
        return connection.sql(sql).fetchall()

    def smartgoals(rel: Any) -> Any:
        return _ours(ours, how)(rel).fetchall()

    result = benchmark(native if how == "native" else smartgoals, relation)
    assert len(result) > 0


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", HOWS)
def test_pandas(benchmark: Any, deals: Any, kpi: str, how: str) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    benchmark.group = f"pandas {kpi}"
    frame = deals.to_pandas()
    ours = {"win_rate": win_rate, "sales_cycle_length": sales_cycle_length}[kpi]

    def native(df: Any) -> Any:
        return _pandas_native(df, kpi)

    result = benchmark(native if how == "native" else _ours(ours, how), frame)
    assert len(result) > 0
