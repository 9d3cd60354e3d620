"""Win rate and sales cycle by owner × month over many deals: smartgoals.frames vs native.

Run: ``pytest benchmarks/test_bench_frames.py --benchmark-group-by=group``. The table has
``SMARTGOALS_BENCH_DEALS`` rows (default 1,000,000). Each engine's hand-written group-by
is the baseline for the same engine; the frame functions also check the data (nulls,
duplicate ids, dates), which the baselines do not.
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


def _ours(function: Callable[..., Any]) -> Callable[[Any], Any]:
    def run(native: Any) -> Any:
        return function(native, by="owner", period="month")

    return run


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", ["smartgoals", "native"])
def test_polars(benchmark: Any, deals: Any, kpi: str, how: str) -> None:
    benchmark.group = f"polars {kpi}"
    ours = {"win_rate": win_rate, "sales_cycle_length": sales_cycle_length}[kpi]
    native = {"win_rate": _polars_win, "sales_cycle_length": _polars_cycle}[kpi]
    run = _ours(ours) if how == "smartgoals" else native
    result = benchmark(run, deals)
    assert result.height > 0


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", ["smartgoals", "native"])
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
        return _ours(ours)(rel).fetchall()

    result = benchmark(smartgoals if how == "smartgoals" else native, relation)
    assert len(result) > 0


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", ["smartgoals", "native"])
def test_pandas(benchmark: Any, deals: Any, kpi: str, how: str) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    benchmark.group = f"pandas {kpi}"
    frame = deals.to_pandas()
    ours = {"win_rate": win_rate, "sales_cycle_length": sales_cycle_length}[kpi]

    def native(df: Any) -> Any:
        decided = df[df["outcome"].isin(["won", "lost"])]
        month = decided["closed"].dt.to_period("M")
        if kpi == "win_rate":
            values = decided["outcome"].eq("won")
        else:
            values = (decided["closed"] - decided["created"]).dt.days
        return values.groupby([decided["owner"], month]).mean()

    result = benchmark(_ours(ours) if how == "smartgoals" else native, frame)
    assert len(result) > 0
