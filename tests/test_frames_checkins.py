from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import polars as pl

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.frames import checkins_from, win_rate
from smartgoals.goals import Goal, Target
from smartgoals.timeframes import FiscalCalendar, Timeframe
from smartgoals.tracking import CheckIn, track

YEAR = Timeframe.year(2027)


def _deals() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "owner": ["ann", "ann", "ann", "bob", "ann"],
            "created": [*[date(2027, 1, 2)] * 4, date(2026, 12, 1)],
            "closed": [
                *(date(2027, 1, 20), date(2027, 2, 9), date(2027, 4, 2), date(2027, 1, 5)),
                date(2026, 12, 30),
            ],
            "outcome": ["won", "lost", "won", "won", "won"],
            "amount": [1000.0, 500.0, 2000.0, 700.0, 50.0],
        }
    )


def test_kpi_results_become_checkins_on_each_periods_last_day() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.at_least(0.3), timeframe=YEAR)
    rates = win_rate(_deals(), by="owner", period="quarter")
    got = checkins_from(rates, goal, value="win_rate", where={"owner": "ann"})
    assert got == [
        CheckIn(date(2027, 3, 31), Decimal("0.5")),
        CheckIn(date(2027, 6, 30), Decimal("1.0")),
    ]


def test_fiscal_labels_are_read_with_the_calendar() -> None:
    april = FiscalCalendar(start_month=4)
    goal = Goal(
        metric=metrics.get("win_rate"), timeframe=Timeframe(date(2026, 4, 1), date(2027, 4, 1))
    )
    rates = win_rate(_deals(), period="quarter", calendar=april)
    got = checkins_from(rates, goal, value="win_rate", calendar=april)
    assert [c.date for c in got] == [date(2026, 12, 31), date(2027, 3, 31)]


def test_sum_records_combine_per_period_and_track() -> None:
    goal = Goal(metric=metrics.get("revenue"), target=Target.level(12_000), timeframe=YEAR)
    won = _deals().filter(pl.col("outcome") == "won")
    got = checkins_from(won, goal, value="amount", date="closed", every="month")
    assert got == [
        CheckIn(date(2027, 1, 31), Decimal("1700.0")),
        CheckIn(date(2027, 4, 30), Decimal("2000.0")),
    ]
    progress = track(goal, got, as_of=date(2027, 4, 30))
    assert progress.actual == Decimal("3700.0")


def test_level_records_keep_the_latest_value_of_each_period() -> None:
    goal = Goal(
        metric=metrics.get("mrr"), target=Target.level(500), baseline=Decimal(100), timeframe=YEAR
    )
    snapshots = pl.DataFrame(
        {
            "date": [datetime(2027, 1, 3, 9), datetime(2027, 1, 28), datetime(2027, 2, 2)],
            "mrr": [100.0, 150.0, None],
        }
    )
    got = checkins_from(snapshots, goal, value="mrr", every="month")
    assert got == [CheckIn(date(2027, 1, 28), Decimal("150.0"))]


def test_refusals_name_the_problem() -> None:
    rate_goal = Goal(metric=metrics.get("win_rate"), timeframe=YEAR)
    with pytest.raises(InvalidInputError, match="average"):
        checkins_from(_deals(), rate_goal, value="amount", date="closed", every="month")
    dup = pl.DataFrame({"date": [date(2027, 1, 5)] * 3, "v": [1.0, 2.0, 3.0]})
    with pytest.raises(InvalidInputError, match="2 check-ins on a date"):
        checkins_from(dup, rate_goal, value="v")
    with pytest.raises(IncompleteGoalError, match="timeframe"):
        checkins_from(_deals(), Goal(), value="amount", date="closed")
    with pytest.raises(InvalidInputError, match="not both"):
        checkins_from(_deals(), rate_goal, value="amount", date="closed", period="period")
    with pytest.raises(InvalidInputError, match="no column 'nope'"):
        checkins_from(_deals(), rate_goal, value="nope", date="closed")
