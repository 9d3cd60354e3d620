"""The Spark API, through sqlframe on DuckDB (no JVM): the same results as polars."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")
pytest.importorskip("sqlframe")
pytest.importorskip("duckdb")

import duckdb
from sqlframe.duckdb import DuckDBSession

from smartgoals.frames import customer_churn_rate, sales_cycle_length, win_rate
from test_frames_engines import rows, to_engine


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
