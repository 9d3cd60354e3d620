"""Dask DataFrames in, Dask DataFrames out: the same values as polars for every frame KPI.

Dask plans a task graph for every query, so it runs here on a few generated tables
rather than in every Hypothesis example of the other ``test_frames_*`` modules; the
polars results it is compared with are themselves checked against the scalar KPIs there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("dask.dataframe")

import importlib

import narwhals as nw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames import (
    average_deal_size,
    cac,
    check_deals,
    close_rate,
    customer_churn_rate,
    mrr_movements,
    pipeline_coverage,
    quota_attainment,
    sales_cycle_length,
    win_rate,
)
from smartgoals.timeframes import FiscalCalendar
from test_frames_deals import deal_tables, flawed_deal_tables
from test_frames_engines import DASK_NOTICE, rows, same, to_engine
from test_frames_subscriptions import subscription_tables

pytestmark = pytest.mark.filterwarnings(DASK_NOTICE)

#: Imported by name, so that type checking needs no Dask.
dd: Any = importlib.import_module("dask.dataframe")

#: Each Dask query costs a few tenths of a second to plan and run, so few examples.
FEW = settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DEAL_KPIS: list[tuple[Callable[..., Any], dict[str, Any]]] = [
    (win_rate, {}),
    (close_rate, {}),
    (average_deal_size, {}),
    (sales_cycle_length, {}),
    (sales_cycle_length, {"statistic": "median"}),
    (pipeline_coverage, {"quota": 10_000}),
]


def _is_dask(result: Any) -> bool:
    """A Dask DataFrame, which narwhals reads as a lazy frame."""
    return isinstance(result, dd.DataFrame) and isinstance(nw.from_native(result), nw.LazyFrame)


@FEW
@given(table=deal_tables(), period=st.sampled_from([None, "quarter", "week"]))
def test_deal_kpis_on_dask_equal_polars(table: dict[str, list[Any]], period: str | None) -> None:
    # The tables are clean: "trust" gives the checked results (the checks on Dask are
    # tested below) and saves a Dask query per call.
    lazy, eager = to_engine("dask", table), to_engine("polars", table)
    calendar = FiscalCalendar(start_month=4)
    for function, options in DEAL_KPIS:
        got = function(
            lazy, by="owner", period=period, calendar=calendar, invalid="trust", **options
        )
        assert _is_dask(got), function.__name__
        expected = function(eager, by="owner", period=period, calendar=calendar, **options)
        assert same(rows(got), rows(expected)), (function.__name__, options)


def test_the_whole_tables_median_is_exact_on_dask() -> None:
    # Dask's own whole-column median is approximate: of 10 and 20 days it gives one of them.
    table: dict[str, list[Any]] = {
        "id": [1, 2, 3],
        "created": [date(2027, 1, 1)] * 3,
        "closed": [date(2027, 1, 11), date(2027, 1, 21), None],
        "outcome": ["won", "lost", "open"],
        "amount": [1.0] * 3,
    }
    got = sales_cycle_length(to_engine("dask", table), statistic="median")
    assert _is_dask(got)
    assert rows(got) == [(15.0,)]
    empty = sales_cycle_length(to_engine("dask", {k: [] for k in table}), statistic="median")
    assert rows(empty) == [(None,)]


@FEW
@given(table=flawed_deal_tables())
def test_bad_rows_on_dask_raise_the_report_polars_gives(table: dict[str, list[Any]]) -> None:
    lazy = to_engine("dask", table)
    report = check_deals(lazy, amount=False)
    assert report == check_deals(to_engine("polars", table), amount=False)
    if report.ok:
        assert rows(win_rate(lazy, by="owner")) == rows(win_rate(lazy, by="owner", invalid="skip"))
        return
    with pytest.raises(InvalidInputError) as info:
        win_rate(lazy, by="owner")
    assert info.value.value == report
    skipped = win_rate(lazy, by="owner", invalid="skip")
    assert _is_dask(skipped)
    assert rows(skipped) == rows(win_rate(to_engine("polars", table), by="owner", invalid="skip"))


@FEW
@given(table=subscription_tables())
def test_subscription_kpis_on_dask_equal_polars(table: dict[str, list[Any]]) -> None:
    # The rates and counts all come from the movements, which polars checks in full;
    # the tables are clean, so "trust" gives the checked results with a query less.
    lazy, eager = to_engine("dask", table), to_engine("polars", table)
    kpis: list[tuple[Callable[..., Any], dict[str, Any]]] = [
        (mrr_movements, {}),
        (customer_churn_rate, {"method": "average"}),
    ]
    for function, options in kpis:
        got = function(lazy, by="plan", invalid="trust", **options)
        assert _is_dask(got), function.__name__
        expected = function(eager, by="plan", **options)
        assert same(rows(got), rows(expected)), function.__name__


def test_cac_and_attainment_on_dask_equal_polars() -> None:
    spend: dict[str, list[Any]] = {
        "date": [date(2027, 1, 3), date(2027, 2, 9), date(2027, 2, 20)],
        "channel": ["ads", "ads", "events"],
        "amount": [100.0, 50.0, 70.0],
    }
    customers: dict[str, list[Any]] = {
        "customer": ["a", "b", "c"],
        "date": [date(2027, 1, 3), date(2027, 2, 9), date(2027, 3, 1)],
        "channel": ["ads", "ads", "events"],
    }
    actuals: dict[str, list[Any]] = {
        "owner": ["ann", "bob"],
        "date": [date(2027, 1, 9), date(2027, 2, 1)],
        "amount": [60.0, 20.0],
    }
    plan: dict[str, list[Any]] = {
        "owner": ["ann", "cy"],
        "period": ["FY2027 Q1", "FY2027 Q1"],
        "quota": [100.0, 10.0],
    }
    for engine in ("dask", "polars"):
        got = cac(to_engine(engine, spend), to_engine(engine, customers), by="channel")
        assert rows(got) == [("ads", 75.0), ("events", 70.0)], engine
        done = quota_attainment(
            to_engine(engine, actuals), to_engine(engine, plan), by="owner", period="quarter"
        )
        assert rows(done) == [
            ("ann", "FY2027 Q1", 0.6),
            ("bob", "FY2027 Q1", None),
            ("cy", "FY2027 Q1", 0.0),
        ], engine
        assert _is_dask(got) is _is_dask(done) is (engine == "dask")
