"""The Spark API: through sqlframe on DuckDB (no JVM), and on real PySpark in local mode.

sqlframe is the light path, run wherever it is installed. Real Spark runs every test
parametrized over the engines (ids ``[spark]``), and here the deal KPIs on a generated
table against the scalar KPIs group by group, as the Hypothesis tests of
``test_frames_deals`` do for the other engines (a Spark query costs about a second, too
much for every Hypothesis example).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")
pytest.importorskip("sqlframe")
pytest.importorskip("duckdb")

import random
from datetime import timedelta

import duckdb
from sqlframe.duckdb import DuckDBSession

from smartgoals.frames import customer_churn_rate, sales_cycle_length, win_rate
from smartgoals.timeframes import FiscalCalendar
from test_frames_deals import CASES, OWNERS, _reference
from test_frames_engines import rows, same, spark_marks, to_engine


def _spark(table: dict[str, list[Any]]) -> Any:
    session = DuckDBSession(conn=duckdb.connect())
    values = list(zip(*table.values(), strict=True))
    return session.createDataFrame(values, schema=list(table))


DEALS: dict[str, list[Any]] = {
    "id": [1, 2, 3, 4, 5],
    "owner": ["ann", "ann", "bob", "bob", "ann"],
    "created": [
        *(date(2027, 1, 2), date(2027, 1, 9), date(2027, 2, 1), date(2027, 3, 3)),
        date(2027, 3, 9),
    ],
    "closed": [date(2027, 1, 30), date(2027, 2, 19), date(2027, 3, 1), None, date(2027, 4, 2)],
    "outcome": ["won", "lost", "won", "open", "won"],
    "amount": [1000.0, 500.0, 2500.0, 4000.0, 900.0],
}


def test_deal_kpis_on_spark_equal_polars() -> None:
    spark = _spark(DEALS)
    polars = to_engine("polars", DEALS)
    for function in (win_rate, sales_cycle_length):
        got = function(spark, by="owner", period="quarter")
        assert type(got) is type(spark)  # lazy stays a Spark DataFrame
        assert rows(got) == rows(function(polars, by="owner", period="quarter"))


def test_churn_on_spark_equals_polars() -> None:
    subscriptions: dict[str, list[Any]] = {
        "customer": ["a", "b", "a", "c", "a"],
        "date": [
            *(date(2027, 1, 3), date(2027, 1, 9), date(2027, 2, 3), date(2027, 2, 9)),
            date(2027, 3, 1),
        ],
        "mrr": [100.0, 50.0, 120.0, 80.0, 60.0],
    }
    got = rows(customer_churn_rate(_spark(subscriptions)))
    assert got == rows(customer_churn_rate(to_engine("polars", subscriptions)))
    assert got == [("FY2027 M01", None), ("FY2027 M02", 0.5), ("FY2027 M03", 0.5)]


def _generated_deals(seed: int, n: int) -> dict[str, list[Any]]:
    """A table like ``test_frames_deals.deal_tables`` draws, from a fixed seed."""
    draw = random.Random(seed)
    table: dict[str, list[Any]] = {k: [] for k in DEALS}
    for i in range(n):
        created = date(2026, 11, 1) + timedelta(days=draw.randint(0, 240))
        outcome = draw.choice(["won", "lost", "open"])
        has_close = outcome != "open" or draw.random() < 0.5
        table["id"].append(i)
        table["owner"].append(draw.choice(OWNERS))
        table["created"].append(created)
        table["closed"].append(created + timedelta(draw.randint(0, 150)) if has_close else None)
        table["outcome"].append(outcome)
        table["amount"].append(float(draw.randint(0, 50_000)))
    return table


@pytest.mark.parametrize(
    ("period", "calendar"),
    [
        pytest.param("quarter", FiscalCalendar(start_month=4), marks=spark_marks()),
        pytest.param("week", FiscalCalendar(2, weeks="4-4-5"), marks=spark_marks()),
    ],
)
def test_real_spark_agrees_with_the_scalar_kpis_group_by_group(
    period: str, calendar: FiscalCalendar
) -> None:
    table = _generated_deals(2027, 40)
    native = to_engine("spark", table)
    for function, options, pick, scalar in CASES:
        expected = _reference(table, ["owner"], period, calendar, pick, scalar)
        got = rows(function(native, by="owner", period=period, calendar=calendar, **options))
        assert same(got, expected), (function.__name__, options, got, expected)
