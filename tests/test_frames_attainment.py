from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import narwhals as nw
import polars as pl

from smartgoals import kpi
from smartgoals.exceptions import InvalidInputError
from smartgoals.frames import quota_attainment
from test_frames_engines import engine_params, rows, to_engine


def _actuals() -> dict[str, list[Any]]:
    return {
        "owner": ["ann", "ann", "bob", "cy"],
        "date": [date(2027, 1, 9), date(2027, 4, 9), date(2027, 2, 1), date(2027, 3, 3)],
        "amount": [60_000.0, 30_000.0, 20_000.0, 5_000.0],
    }


def _plan() -> dict[str, list[Any]]:
    return {
        "owner": ["ann", "ann", "bob", "dee"],
        "period": ["FY2027 Q1", "FY2027 Q2", "FY2027 Q1", "FY2027 Q1"],
        "quota": [100_000.0, 0.0, 80_000.0, 10_000.0],
    }


@pytest.mark.parametrize("engine", engine_params())
def test_attainment_per_owner_and_quarter_matches_the_scalar_kpi(engine: str) -> None:
    got = rows(
        quota_attainment(
            to_engine(engine, _actuals()), to_engine(engine, _plan()), by="owner", period="quarter"
        )
    )
    assert got == [
        ("ann", "FY2027 Q1", kpi.quota_attainment(60_000, 100_000)),
        ("ann", "FY2027 Q2", None),  # quota of zero: undefined
        ("bob", "FY2027 Q1", kpi.quota_attainment(20_000, 80_000)),
        ("cy", "FY2027 Q1", None),  # no plan row
        ("dee", "FY2027 Q1", 0.0),  # planned, nothing achieved
    ]


def test_whole_table_and_renamed_columns() -> None:
    actuals = pl.DataFrame(_actuals()).rename({"amount": "bookings", "date": "closed"})
    plan = pl.DataFrame({"target": [230_000.0]})
    got = quota_attainment(
        actuals,
        plan,
        columns={"amount": "bookings", "date": "closed"},
        plan_columns={"quota": "target"},
    )
    assert got.rows() == [(0.5,)]


def test_negative_quota_raises_even_when_skipping() -> None:
    plan = pl.DataFrame({"quota": [-1.0]})
    with pytest.raises(InvalidInputError, match="column 'quota': 1 row where it is negative"):
        quota_attainment(pl.DataFrame(_actuals()), plan, invalid="skip")


@pytest.mark.parametrize("engine", engine_params())
def test_plan_ids_of_another_integer_width_still_meet_the_actuals(engine: str) -> None:
    actuals = to_engine(
        engine, {"rep": [1, 2], "date": [date(2027, 1, 9)] * 2, "amount": [5.0, 3.0]}
    )
    plan = nw.from_native(to_engine(engine, {"rep": [1, 2], "quota": [10.0, 6.0]}))
    narrow = plan.with_columns(nw.col("rep").cast(nw.Int32)).to_native()
    assert rows(quota_attainment(actuals, narrow, by="rep")) == [(1, 0.5), (2, 0.5)]


def test_text_ids_against_numbers_are_refused_naming_the_column() -> None:
    actuals = pl.DataFrame({"rep": [1], "date": [date(2027, 1, 9)], "amount": [5.0]})
    plan = pl.DataFrame({"rep": ["1"], "quota": [10.0]})
    with pytest.raises(InvalidInputError, match="column 'rep' holds Int64 and String") as info:
        quota_attainment(actuals, plan, by="rep")
    assert info.value.name == "rep"
