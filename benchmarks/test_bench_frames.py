"""Win rate and sales cycle by owner × month over many deals: smartgoals.frames vs native.

Run: ``pytest benchmarks/test_bench_frames.py --benchmark-group-by=group``. The table has
``SMARTGOALS_BENCH_DEALS`` rows (default 1,000,000). Each engine's hand-written group-by
is the baseline for the same engine (``native``), and
:func:`test_baselines_compute_the_same_kpi` checks that it gives our numbers.

``smartgoals`` is the default call, which also checks the data (nulls, unique ids,
outcomes, dates) and raises on bad rows; ``native`` does not. ``smartgoals-trust`` is
the documented ``invalid="trust"`` option for a table already checked with
``check_deals``: no checks, the same KPI, so it compares with ``native``.
``native-checked`` is the native group-by after the same checks written by hand in the
engine's own API (one aggregate query, with DuckDB's id bitmap), so it compares with
``smartgoals``; :func:`test_checked_baselines_raise_where_we_do` checks that it raises
for every kind of bad row the default call raises for.
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


HOWS = ["smartgoals", "smartgoals-trust", "native", "native-checked"]


class BadDealsError(ValueError):
    """A hand-written check found a bad row."""


def _raise_if(found: Any) -> None:
    if any(found):
        raise BadDealsError(found)


# Each rule of check_deals (without amounts), as the engine's own code would ask it.
def _polars_check(frame: Any) -> None:
    outcome, closed, created = pl.col("outcome"), pl.col("closed"), pl.col("created")
    rules = [
        pl.col("id", "created", "outcome").is_null().any(),
        pl.col("id").n_unique() < pl.len(),  # with no null ids, fewer values than rows
        (~outcome.is_in(["won", "lost", "open"])).any(),
        (outcome.is_in(["won", "lost"]) & closed.is_null()).any(),
        (closed < created).any(),
    ]
    (row,) = frame.select(*(r.name.suffix(str(i)) for i, r in enumerate(rules))).rows()
    _raise_if(row)


# Ids set a bit each for their low 21 bits: as many bits as ids proves them distinct;
# otherwise count(distinct) decides.
_DUCK_CHECK = """select count(*) - count(id), count(*) - count(created),
  count(*) - count(outcome), count_if(outcome not in ('won', 'lost', 'open')),
  count_if(outcome in ('won', 'lost') and closed is null), min(closed - created) < 0,
  bit_count(bitstring_agg(id & 2097151, 0, 2097151)) = count(id) as proven
from deals"""


def _duckdb_check(connection: Any) -> None:
    ((*found, proven),) = connection.sql(_DUCK_CHECK).fetchall()
    _raise_if(found)
    if not proven:
        (repeats,) = connection.sql("select count(distinct id) < count(*) from deals").fetchall()
        _raise_if(repeats)


def _pandas_check(df: Any) -> None:
    outcome = df["outcome"]
    _raise_if(
        [
            df[["id", "created", "outcome"]].isna().any().any(),
            df["id"].duplicated().any(),
            (~outcome.isin(["won", "lost", "open"])).any(),
            (outcome.isin(["won", "lost"]) & df["closed"].isna()).any(),
            (df["closed"] < df["created"]).any(),
        ]
    )


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


def _tables(deals: Any) -> dict[str, Any]:
    """Small tables: two clean ones, then each with one kind of bad row."""
    small = deals.head(1000)
    row = pl.int_range(pl.len())
    decided = pl.col("outcome") != "open"
    first_decided = decided & (decided.cast(pl.Int64).cum_sum() == 1)

    def spoil(column: str, value: Any, where: Any = row == 0) -> Any:
        return small.with_columns(
            pl.when(where).then(value).otherwise(pl.col(column)).alias(column)
        )

    far = pl.lit(5 + (1 << 21), pl.Int64)  # alike in its low 21 bits to id 5
    return {
        "clean": small,
        "clean, ids alike in low bits": spoil("id", far),
        "null id": spoil("id", None),
        "repeated id": spoil("id", pl.lit(5, pl.Int64)),
        "far repeated id": spoil("id", far, row < 2),
        "null created": spoil("created", None),
        "null outcome": spoil("outcome", None),
        "unknown outcome": spoil("outcome", pl.lit("maybe")),
        "decided, no close date": spoil("closed", None, first_decided),
        "closed before created": spoil(
            "closed", pl.col("created") - pl.duration(days=1), first_decided
        ),
    }


def test_checked_baselines_raise_where_we_do(deals: Any) -> None:
    """The hand-written checks raise for each bad table the default call raises for."""
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from smartgoals.exceptions import InvalidInputError

    for flaw, table in _tables(deals).items():
        connection = duckdb.connect()
        connection.register("deals", connection.from_arrow(table.to_arrow()))
        checks: dict[str, Callable[[], object]] = {
            "polars": lambda: _polars_check(table),  # noqa: B023
            "duckdb": lambda: _duckdb_check(connection),  # noqa: B023
            "pandas": lambda: _pandas_check(table.to_pandas()),  # noqa: B023
            "smartgoals": lambda: win_rate(table),  # noqa: B023
        }
        for engine, check in checks.items():
            try:
                check()
            except (BadDealsError, InvalidInputError):
                assert not flaw.startswith("clean"), (engine, flaw)
            else:
                assert flaw.startswith("clean"), f"{engine} missed: {flaw}"


@pytest.mark.parametrize("kpi", ["win_rate", "sales_cycle_length"])
@pytest.mark.parametrize("how", HOWS)
def test_polars(benchmark: Any, deals: Any, kpi: str, how: str) -> None:
    benchmark.group = f"polars {kpi}"
    ours = {"win_rate": win_rate, "sales_cycle_length": sales_cycle_length}[kpi]
    native = {"win_rate": _polars_win, "sales_cycle_length": _polars_cycle}[kpi]

    def checked(frame: Any) -> Any:
        _polars_check(frame)
        return native(frame)

    run = {"native": native, "native-checked": checked}.get(how) or _ours(ours, how)
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

    def checked(_: Any) -> Any:
        _duckdb_check(connection)
        return connection.sql(sql).fetchall()

    def smartgoals(rel: Any) -> Any:
        return _ours(ours, how)(rel).fetchall()

    run = {"native": native, "native-checked": checked}.get(how, smartgoals)
    result = benchmark(run, relation)
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

    def checked(df: Any) -> Any:
        _pandas_check(df)
        return _pandas_native(df, kpi)

    run = {"native": native, "native-checked": checked}.get(how) or _ours(ours, how)
    result = benchmark(run, frame)
    assert len(result) > 0
