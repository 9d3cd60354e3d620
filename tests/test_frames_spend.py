from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals import kpi
from smartgoals.exceptions import InvalidInputError
from smartgoals.frames import cac
from smartgoals.frames._periods import period_label
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity
from test_frames_engines import engine_params, engines, rows, same, to_engine

CHANNELS = ["ads", "events", "partners"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    start = date(2027, 1, 1)
    spend: dict[str, list[Any]] = {"date": [], "channel": [], "amount": []}
    for _ in range(draw(st.integers(0, 12))):
        spend["date"].append(start + timedelta(days=draw(st.integers(0, 200))))
        spend["channel"].append(draw(st.sampled_from(CHANNELS)))
        spend["amount"].append(float(draw(st.integers(0, 9000))))
    customers: dict[str, list[Any]] = {"customer": [], "date": [], "channel": []}
    for i in range(draw(st.integers(0, 12))):
        customers["customer"].append(f"c{i}")
        customers["date"].append(start + timedelta(days=draw(st.integers(0, 200))))
        customers["channel"].append(draw(st.sampled_from(CHANNELS)))
    return spend, customers


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=tables(),
    period=st.sampled_from([None, "month", "quarter"]),
    calendar=st.sampled_from([CALENDAR_YEAR, FiscalCalendar(2, weeks="4-4-5")]),
)
def test_engines_agree_with_the_scalar_cac(
    data: tuple[dict[str, list[Any]], dict[str, list[Any]]],
    period: str | None,
    calendar: FiscalCalendar,
) -> None:
    spend, customers = data
    totals: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0.0, 0.0])

    def key(day: date, channel: str) -> tuple[Any, ...]:
        if period is None:
            return (channel,)
        return (channel, period_label(day, Granularity(period), calendar))

    for day, channel, amount in zip(spend["date"], spend["channel"], spend["amount"], strict=True):
        totals[key(day, channel)][0] += amount
    for day, channel in zip(customers["date"], customers["channel"], strict=True):
        totals[key(day, channel)][1] += 1
    expected = []
    for k in sorted(totals):
        value = kpi.cac(totals[k][0], int(totals[k][1]))
        expected.append((*k, None if value != value else value))
    for name in engines():
        got = rows(
            cac(
                to_engine(name, spend),
                to_engine(name, customers),
                by="channel",
                period=period,
                calendar=calendar,
            )
        )
        assert same(got, expected), (name, got, expected)


@pytest.mark.parametrize("engine", engine_params())
def test_customers_listed_twice_or_negative_cost_raise(engine: str) -> None:
    spend: dict[str, list[Any]] = {
        "date": [date(2027, 1, 5)],
        "channel": ["ads"],
        "amount": [-1.0],
    }
    customers: dict[str, list[Any]] = {
        "customer": ["a", "a"],
        "date": [date(2027, 1, 9)] * 2,
        "channel": ["ads"] * 2,
    }
    good_spend: dict[str, list[Any]] = {
        "date": [date(2027, 1, 5)],
        "channel": ["ads"],
        "amount": [100.0],
    }
    with pytest.raises(InvalidInputError, match="column 'amount': 1 row"):
        cac(to_engine(engine, spend), to_engine(engine, customers))
    with pytest.raises(InvalidInputError, match="column 'customer': 2 rows") as info:
        cac(to_engine(engine, good_spend), to_engine(engine, customers))
    assert info.value.name == "customer"
    skipped = cac(to_engine(engine, good_spend), to_engine(engine, customers), invalid="skip")
    assert rows(skipped) == [(None,)]


def test_column_names_of_each_table_map_separately() -> None:
    spend = pl.DataFrame({"day": [date(2027, 1, 5)], "channel": ["ads"], "cost": [300.0]})
    customers = pl.DataFrame(
        {"id": ["a", "b", "c"], "signed": [date(2027, 1, 9)] * 3, "channel": ["ads"] * 3}
    )
    got = cac(
        spend,
        customers,
        by="channel",
        spend_columns={"date": "day", "amount": "cost"},
        customer_columns={"customer": "id", "date": "signed"},
    )
    assert got.rows() == [("ads", 100.0)]
