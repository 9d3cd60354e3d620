"""The forecast over DataFrames: the same numbers as the pure-Python forecast, on every engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

pytest.importorskip("narwhals")

from smartgoals import frames, metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, Target
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import Deal, ProgressStatus, forecast
from test_frames_engines import engine_params, to_engine

GOAL = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.at_least(100_000),
    timeframe=Timeframe.quarter(2027, 3),
    currency="EUR",
)
AS_OF = date(2027, 8, 15)
STAGES = ["Discovery", "Demo", "Proposal"]

#: Won, lost, open, slipped, next-quarter and omitted deals, with every forecast column.
TABLE: dict[str, list[Any]] = {
    "id": ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"],
    "owner": ["ann", "bob", "ann", "bob", "ann", "bob", "ann", None, "bob", "ann"],
    "created": [date(2027, 5, 2)] * 10,
    "closed": [
        date(2027, 7, 20),  # won this quarter
        date(2027, 6, 30),  # won last quarter
        date(2027, 9, 10),  # open
        date(2027, 9, 25),  # open
        date(2027, 8, 1),  # open, slipped
        date(2027, 10, 3),  # open, next quarter
        date(2027, 7, 5),  # lost
        date(2027, 9, 1),  # open, no owner
        date(2027, 9, 2),  # open, omitted
        date(2027, 7, 30),  # won this quarter
    ],
    "outcome": ["won", "won", "open", "open", "open", "open", "lost", "open", "open", "won"],
    "amount": [40_000.0, 10_000.0, 30_000.0, 50_000.0, 20_000.0, 70_000.0, 25_000.0,
               15_000.0, 5_000.0, 8_000.0],
    "stage": [None, None, "Proposal", "Demo", "Demo", "Proposal", None, "Discovery",
              "Demo", None],
    "probability": [None, None, 0.6, 0.2, 0.2, 0.6, None, 0.1, 0.2, None],
    "category": ["Closed", "Closed", "Commit", "Best Case", "Pipeline", "Commit", "Closed",
                 "pipeline", "Omitted", "Closed"],
    "highest_stage": ["Proposal", "Demo", None, None, None, None, "Discovery", None, None,
                      "Demo"],
}  # fmt: skip


def _deals() -> list[Deal]:
    deals = []
    for i in range(len(TABLE["id"])):
        row = {k: v[i] for k, v in TABLE.items()}
        status = row["outcome"]
        category = row["category"] if status == "open" else None
        deals.append(
            Deal(
                row["id"],
                row["amount"],
                row["created"],
                row["closed"],
                status,
                stage=row["stage"],
                owner=row["owner"],
                probability=row["probability"],
                category=category,
                highest_stage=row["highest_stage"],
            )
        )
    return deals


METHODS: list[dict[str, Any]] = [
    {"method": "stages"},
    {"method": "stages", "stage_probabilities": {"Discovery": "0.1", "Demo": "0.25",
                                                "Proposal": "0.5"}},
    {"method": "categories"},
    {"method": "win_rates", "stage_order": STAGES, "min_sample": 1},
]  # fmt: skip


@pytest.mark.parametrize("engine", engine_params())
@pytest.mark.parametrize("options", METHODS, ids=lambda o: str(len(o)) + o["method"])
def test_every_engine_gives_the_pure_python_forecast(engine: str, options: dict[str, Any]) -> None:
    native = to_engine(engine, TABLE)
    got = frames.forecast(GOAL, native, as_of=AS_OF, by="owner", **options)
    expected = forecast(GOAL, _deals(), as_of=AS_OF, by="owner", **options)
    assert got.totals == expected.totals
    assert [(line.name, line.totals) for line in got.lines] == [
        (line.name, line.totals) for line in expected.lines
    ]
    assert (got.status, got.reason, got.slipped) == (
        expected.status,
        expected.reason,
        expected.slipped,
    )
    assert got.win_rates == expected.win_rates


@pytest.mark.parametrize("engine", engine_params())
def test_stage_probabilities_by_hand(engine: str) -> None:
    f = frames.forecast(
        GOAL,
        to_engine(engine, TABLE),
        as_of=AS_OF,
        stage_probabilities={"Discovery": 0.1, "Demo": 0.2, "Proposal": 0.6},
    )
    # closed A + J; pipeline C, D, H (E slipped, F next quarter, I omitted).
    assert (f.closed, f.pipeline) == (Decimal(48_000), Decimal(95_000))
    # 0.6 × 30k + 0.2 × 50k + 0.1 × 15k
    assert f.weighted_pipeline == Decimal(29_500)
    assert (f.commit, f.best_case) == (Decimal(78_000), Decimal(128_000))
    assert f.slipped == ("E",)
    assert f.status is ProgressStatus.AT_RISK  # most likely 77,500: 77.5% < 81%


def test_a_count_goal_counts_rows() -> None:
    pl = pytest.importorskip("polars")
    goal = Goal(
        metric=metrics.get("new_customers"),
        direction=Direction.INCREASE,
        target=Target.at_least(5),
        timeframe=Timeframe.quarter(2027, 3),
    )
    f = frames.forecast(goal, pl.DataFrame(TABLE), as_of=AS_OF)
    assert (f.closed, f.pipeline, f.most_likely) == (Decimal(2), Decimal(3), Decimal("2.9"))


def test_bad_rows_name_the_column_and_the_row_count() -> None:
    pl = pytest.importorskip("polars")
    bad = dict(TABLE)
    bad["probability"] = [None, None, 1.5, 60.0, 0.2, 0.6, None, 0.1, 0.2, None]
    bad["category"] = ["Closed", "Closed", "Likely", "Best Case", "Pipeline", "Commit",
                       "Closed", "maybe", "Omitted", "Closed"]  # fmt: skip
    with pytest.raises(InvalidInputError) as err:
        frames.forecast(GOAL, pl.DataFrame(bad), as_of=AS_OF)
    assert str(err.value) == (
        "deals table: 3 of 10 rows are invalid: column 'probability': 2 rows where it is "
        "outside 0 to 1; column 'category': 2 rows where it is not a forecast category "
        "(commit, best case, pipeline, omitted) on an open deal; fix them, or pass "
        "invalid='skip' to leave them out"
    )
    early = {**TABLE, "closed": [*TABLE["closed"][:9], date(2027, 5, 1)]}
    with pytest.raises(InvalidInputError, match="column 'closed': 1 row where it is before"):
        frames.forecast(GOAL, pl.DataFrame(early), as_of=AS_OF)
    skipped = frames.forecast(GOAL, pl.DataFrame(bad), as_of=AS_OF, invalid="skip")
    # C, D and H are left out; E slipped and I is omitted: no pipeline is left.
    assert (skipped.closed, skipped.pipeline) == (Decimal(48_000), Decimal(0))
    assert skipped.slipped == ("E",)


def test_a_stage_without_a_probability_is_named() -> None:
    pl = pytest.importorskip("polars")
    with pytest.raises(InvalidInputError, match="column 'stage': 1 row where it is a stage"):
        frames.forecast(
            GOAL,
            pl.DataFrame(TABLE),
            as_of=AS_OF,
            stage_probabilities={"Demo": 0.2, "Proposal": 0.6},
        )


def test_win_rates_need_the_highest_stage_column() -> None:
    pl = pytest.importorskip("polars")
    table = {k: v for k, v in TABLE.items() if k != "highest_stage"}
    with pytest.raises(InvalidInputError, match="reads the column 'highest_stage'"):
        frames.forecast(
            GOAL, pl.DataFrame(table), as_of=AS_OF, method="win_rates", stage_order=STAGES
        )


def test_a_hubspot_export_forecasts_with_its_own_stages() -> None:
    pl = pytest.importorskip("polars")
    export = pl.DataFrame(
        {
            "Record ID": ["1", "2", "3", "4"],
            "Deal Stage": ["Closed Won", "Contract sent", "Appointment scheduled", "Closed Lost"],
            "Create Date": ["2027-05-04 09:12"] * 4,
            "Close Date": [
                "2027-07-04 10:00",
                "2027-09-01 10:00",
                "2027-09-20 10:00",
                "2027-07-10 10:00",
            ],
            "Amount": ["60000", "50000", "20000", "9000"],
            "Deal owner": ["Ann", "Bob", "Ann", "Bob"],
            "Forecast category": ["Closed won", "Commit", "Pipeline", "Closed lost"],
        }
    )
    f = frames.forecast(
        GOAL,
        export,
        as_of=AS_OF,
        preset="hubspot",
        stage_probabilities={"Contract sent": 0.9, "Appointment scheduled": 0.2},
        by="Deal owner",
    )
    assert (f.closed, f.commit, f.weighted_pipeline) == (
        Decimal(60_000),
        Decimal(110_000),
        Decimal(49_000),
    )
    assert [line.name for line in f.lines] == ["Ann", "Bob"]
    assert f.status is ProgressStatus.ON_TRACK  # 109%
