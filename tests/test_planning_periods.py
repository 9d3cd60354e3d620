from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.planning.periods import Period, PeriodSplit, Seasonality, split_by_period
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

YEAR = Timeframe.year(2027)
REVENUE = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.level(1_200_000),
    timeframe=YEAR,
    currency="USD",
    owner=Owner("Sales", Scope.COMPANY),
    strategy="by using consultative selling",
)

CALENDARS = [
    None,
    FiscalCalendar(start_month=4),
    FiscalCalendar(start_month=7, naming="start"),
    FiscalCalendar(start_month=2, naming="start", weeks="4-5-4"),
    FiscalCalendar(weeks="4-4-5"),
]


def fiscal_year(calendar: FiscalCalendar | None) -> Timeframe:
    return YEAR if calendar is None else calendar.year(2027)


def test_article_divides_the_year_by_twelve_and_by_four() -> None:
    months = split_by_period(REVENUE, Granularity.MONTH)
    quarters = split_by_period(REVENUE, "quarter")
    assert [g.target_value for g in months.values()] == [Decimal("100000.00")] * 12
    assert [g.target_value for g in quarters.values()] == [Decimal("300000.00")] * 4
    assert list(quarters) == ["FY2027 Q1", "FY2027 Q2", "FY2027 Q3", "FY2027 Q4"]


def test_children_keep_metric_direction_currency_owner_type_and_strategy() -> None:
    q1 = split_by_period(REVENUE, "quarter")["FY2027 Q1"]
    assert q1.metric == REVENUE.metric
    assert q1.direction is Direction.INCREASE
    assert q1.currency == "USD"
    assert q1.owner == REVENUE.owner
    assert q1.type is GoalType.ANNUAL
    assert q1.strategy == REVENUE.strategy
    assert q1.timeframe == Timeframe.quarter(2027, 1)
    assert q1.target == Target.level(Decimal("300000.00"))
    assert q1.baseline is None


def test_a_change_goal_splits_its_absolute_target_value() -> None:
    goal = attrs.evolve(REVENUE, target=Target.change("0.10"), baseline=1_000_000)
    months = split_by_period(goal, "month")
    assert sum(g.target_value for g in months.values()) == Decimal("1100000.00")
    assert {g.target.kind for g in months.values() if g.target} == {TargetKind.LEVEL}


def test_a_million_over_twelve_months_adds_up_to_the_cent() -> None:
    goal = attrs.evolve(REVENUE, target=Target.level("1000000.00"))
    months = split_by_period(goal, "month")
    assert sum(g.target_value for g in months.values()) == Decimal("1000000.00")
    assert {g.target_value for g in months.values()} == {
        Decimal("83333.34"),
        Decimal("83333.33"),
    }


def test_bounds_keep_their_kind() -> None:
    goal = attrs.evolve(REVENUE, target=Target.at_least(400))
    assert {str(g.target) for g in split_by_period(goal, "quarter").values()} == {"≥ 100"}


def test_average_metrics_carry_the_same_target_every_period() -> None:
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
        baseline="0.03",
        timeframe=YEAR,
    )
    months = split_by_period(churn, "month")
    assert all(g.target == Target.at_most("0.02") for g in months.values())
    assert all(g.baseline == Decimal("0.03") for g in months.values())
    assert months.quantum is None
    assert sum(months.weights.values()) == 1


def test_level_metrics_follow_a_path_of_milestones() -> None:
    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        target=Target.level(160_000),
        baseline=100_000,
        timeframe=YEAR,
        currency="EUR",
    )
    months = list(split_by_period(mrr, "month").values())
    assert [g.target_value for g in months] == [Decimal(100_000 + 5_000 * k) for k in range(1, 13)]
    assert months[0].baseline == 100_000
    assert [g.baseline for g in months[1:]] == [g.target_value for g in months[:-1]]
    assert months[-1].target_value == mrr.target_value


def test_level_path_follows_the_weights() -> None:
    mrr = Goal(
        metric=metrics.get("arr"),
        direction=Direction.INCREASE,
        target=Target.level(2_000),
        baseline=1_000,
        timeframe=YEAR,
    )
    quarters = split_by_period(mrr, "quarter", weights=Seasonality(["0.1", "0.2", "0.3", "0.4"]))
    assert [g.target_value for g in quarters.values()] == [1_100, 1_300, 1_600, 2_000]


def test_level_metrics_need_a_baseline() -> None:
    arr = Goal(metric=metrics.get("arr"), target=Target.level(2_400_000), timeframe=YEAR)
    with pytest.raises(IncompleteGoalError) as info:
        split_by_period(arr, "quarter")
    assert info.value.missing == ("baseline",)


def test_incomplete_goals_are_refused_naming_what_is_missing() -> None:
    with pytest.raises(IncompleteGoalError) as info:
        split_by_period(Goal(statement="Sell more"), "month")
    assert info.value.missing == ("metric", "target", "timeframe")


def test_workdays_weigh_periods_by_working_days_less_holidays() -> None:
    goal = attrs.evolve(
        REVENUE, target=Target.level(Decimal("2000.00")), timeframe=Timeframe.quarter(2027, 2)
    )
    holidays = {date(2027, 4, 26), date(2027, 5, 5)}
    split = split_by_period(goal, "month", weights="workdays", holidays=holidays)
    # April 2027 has 22 working days less one holiday, May 21 less one, June 22.
    assert split.weights == {
        "FY2027 M04": Fraction(21, 63),
        "FY2027 M05": Fraction(20, 63),
        "FY2027 M06": Fraction(22, 63),
    }
    assert sum(g.target_value for g in split.values()) == Decimal("2000.00")
    assert split["FY2027 M05"].target_value == Decimal("634.92")


def test_days_weigh_periods_by_calendar_days() -> None:
    goal = attrs.evolve(REVENUE, target=Target.level(365))
    split = split_by_period(goal, "month", weights="days", quantum=1)
    assert split["FY2027 M02"].target_value == 28


def test_seasonality_from_history_and_grouping() -> None:
    history = [80, 90, 100, 100, 100, 110, 90, 80, 100, 120, 130, 100]
    monthly = Seasonality.from_history(history)
    assert sum(monthly.shares) == 1
    assert monthly.shares[0] == Fraction(80, 1200)
    quarterly = monthly.grouped(3)
    assert quarterly.shares == (
        Fraction(270, 1200),
        Fraction(310, 1200),
        Fraction(270, 1200),
        Fraction(350, 1200),
    )
    months = split_by_period(REVENUE, "month", weights=monthly)
    assert months["FY2027 M11"].target_value == Decimal("130000.00")
    quarters = split_by_period(REVENUE, "quarter", weights=quarterly)
    assert quarters["FY2027 Q4"].target_value == Decimal("350000.00")


def test_seasonality_validation() -> None:
    with pytest.raises(InvalidInputError, match=r"sum to 0\.9, not 1"):
        Seasonality(["0.3", "0.3", "0.3"])
    assert Seasonality(["0.3", "0.3", "0.3"], normalize=True).shares == (Fraction(1, 3),) * 3
    with pytest.raises(InvalidInputError, match="zero or positive"):
        Seasonality.from_history([1, -1, 2])
    with pytest.raises(InvalidInputError, match="all seasonality shares are zero"):
        Seasonality.from_history([0, 0])
    with pytest.raises(InvalidInputError, match="at least one share"):
        Seasonality([])
    with pytest.raises(InvalidInputError, match="sequence of numbers"):
        Seasonality("0.5")
    with pytest.raises(InvalidInputError, match="must divide 12"):
        Seasonality.from_history(range(1, 13)).grouped(5)
    with pytest.raises(InvalidInputError, match="12 shares but the goal splits into 4"):
        split_by_period(REVENUE, "quarter", weights=Seasonality.from_history(range(1, 13)))
    assert len(Seasonality([1], normalize=True)) == 1


def test_weights_by_label_or_timeframe() -> None:
    split = split_by_period(
        REVENUE,
        "quarter",
        weights={"FY2027 Q1": 1, "FY2027 Q2": 1, Timeframe.quarter(2027, 3): 1, "FY2027 Q4": 3},
    )
    assert split["FY2027 Q4"].target_value == Decimal("600000.00")
    with pytest.raises(InvalidInputError, match="no weight for period FY2027 Q2"):
        split_by_period(REVENUE, "quarter", weights={"FY2027 Q1": 1})
    with pytest.raises(InvalidInputError, match="does not split into: FY2028 Q1"):
        split_by_period(
            REVENUE,
            "quarter",
            weights={f"FY2027 Q{q}": 1 for q in range(1, 5)} | {"FY2028 Q1": 1},
        )
    with pytest.raises(InvalidInputError, match="unknown weights rule 'even'"):
        split_by_period(REVENUE, "quarter", weights="even")
    with pytest.raises(InvalidInputError, match="weights must be"):
        split_by_period(REVENUE, "quarter", weights=3)  # type: ignore[arg-type]


def test_fiscal_labels() -> None:
    april = FiscalCalendar(start_month=4)
    goal = attrs.evolve(REVENUE, timeframe=april.year(2028))
    assert list(split_by_period(goal, "quarter", calendar=april)) == [
        "FY2028 Q1",
        "FY2028 Q2",
        "FY2028 Q3",
        "FY2028 Q4",
    ]
    assert str(split_by_period(goal, "quarter", calendar=april).timeframes["FY2028 Q1"]) == (
        "2027-04-01 – 2027-06-30"
    )


def test_weeks_are_iso_weeks_with_cut_ends_labelled_by_dates() -> None:
    weeks = split_by_period(REVENUE, "week")
    labels = list(weeks)
    assert labels[:2] == ["2027-01-01 – 2027-01-03", "2027-W01"]
    assert labels[-1] == "2027-12-27 – 2027-12-31"
    # A cut week counts for its share of days under "equal".
    assert weeks.weights[labels[0]] == weeks.weights["2027-W01"] * Fraction(3, 7)
    assert sum(g.target_value for g in weeks.values()) == Decimal("1200000.00")


def test_a_partial_timeframe_weighs_its_cut_periods_by_days() -> None:
    goal = attrs.evolve(REVENUE, timeframe=Timeframe(date(2027, 2, 15), date(2027, 5, 1)))
    split = split_by_period(goal, "month", quantum=1)
    assert list(split) == ["2027-02-15 – 2027-02-28", "FY2027 M03", "FY2027 M04"]
    assert split.weights["2027-02-15 – 2027-02-28"] == Fraction(1, 2) / Fraction(5, 2)


def test_explicit_periods_must_cover_the_timeframe() -> None:
    halves = [Timeframe.half(2027, 2), Timeframe.half(2027, 1)]
    split = split_by_period(REVENUE, halves)
    assert list(split) == ["FY2027 H1", "FY2027 H2"]
    assert split["FY2027 H2"].target_value == Decimal("600000.00")
    with pytest.raises(InvalidInputError, match="leaves a gap"):
        split_by_period(REVENUE, [Timeframe.half(2027, 1), Timeframe.quarter(2027, 4)])
    with pytest.raises(InvalidInputError, match="overlaps"):
        split_by_period(
            REVENUE, [Timeframe.half(2027, 1), Timeframe.quarter(2027, 2), Timeframe.half(2027, 2)]
        )
    with pytest.raises(InvalidInputError, match="they end on 2027-06-30"):
        split_by_period(REVENUE, [Timeframe.half(2027, 1)])
    with pytest.raises(InvalidInputError, match="non-empty list of Timeframes"):
        split_by_period(REVENUE, [])
    with pytest.raises(InvalidInputError, match="unknown period 'fortnight'"):
        split_by_period(REVENUE, "fortnight")


def test_a_target_off_the_quantum_is_refused() -> None:
    goal = attrs.evolve(REVENUE, target=Target.level("1000.005"))
    with pytest.raises(InvalidInputError, match="pass a finer quantum"):
        split_by_period(goal, "month")
    finer = split_by_period(goal, "month", quantum="0.001")
    assert sum(g.target_value for g in finer.values()) == Decimal("1000.005")


def test_zero_working_days_everywhere_is_an_error() -> None:
    goal = attrs.evolve(REVENUE, timeframe=Timeframe(date(2027, 1, 2), date(2027, 1, 4)))
    with pytest.raises(InvalidInputError, match="weight zero"):
        split_by_period(goal, "day", weights="workdays")


def test_the_split_is_a_read_only_ordered_mapping() -> None:
    split = split_by_period(REVENUE, "quarter")
    assert isinstance(split, PeriodSplit)
    assert len(split) == 4
    assert "FY2027 Q3" in split
    assert split.parent is REVENUE
    assert split.quantum == Decimal("0.01")
    assert isinstance(split.periods[0], Period)
    with pytest.raises(KeyError, match="no period labelled 'Q1'"):
        split["Q1"]


@st.composite
def weight_rules(draw: st.DrawFn) -> tuple[str | Seasonality, str | Seasonality]:
    """Month weights and the matching quarter weights."""
    kind = draw(st.sampled_from(["equal", "days", "workdays", "seasonality"]))
    if kind != "seasonality":
        return kind, kind
    history = draw(st.lists(st.integers(0, 1000), min_size=12, max_size=12).filter(any))
    monthly = Seasonality.from_history(history)
    return monthly, monthly.grouped(3)


@settings(deadline=None, max_examples=60)
@given(
    st.sampled_from(CALENDARS),
    st.integers(0, 10**12),
    st.sampled_from(["1", "0.01", "0.05"]),
    weight_rules(),
)
def test_months_sum_to_quarters_sum_to_the_year(
    calendar: FiscalCalendar | None,
    count: int,
    quantum: str,
    rules: tuple[str | Seasonality, str | Seasonality],
) -> None:
    total = Decimal(count) * Decimal(quantum)
    goal = attrs.evolve(REVENUE, target=Target.level(total), timeframe=fiscal_year(calendar))
    month_weights, quarter_weights = rules
    months = split_by_period(
        goal, "month", weights=month_weights, calendar=calendar, quantum=quantum
    )
    quarters = split_by_period(
        goal, "quarter", weights=quarter_weights, calendar=calendar, quantum=quantum
    )
    assert len(months) == 12
    assert len(quarters) == 4
    assert sum(g.target_value for g in quarters.values()) == total
    month_values = [g.target_value for g in months.values()]
    for q, quarter in enumerate(quarters.values()):
        assert sum(month_values[3 * q : 3 * q + 3]) == quarter.target_value
    assert sum(months.weights.values()) == 1


@settings(deadline=None, max_examples=40)
@given(
    st.sampled_from(CALENDARS),
    st.integers(0, 10**6),
    st.integers(-(10**6), 10**6),
    st.sampled_from(["equal", "workdays"]),
)
def test_level_milestones_at_quarter_ends_agree(
    calendar: FiscalCalendar | None, baseline: int, change: int, weights: str
) -> None:
    target = max(baseline + change, 0)
    mrr = Goal(
        metric=metrics.get("customers"),
        target=Target.level(target),
        baseline=baseline,
        timeframe=fiscal_year(calendar),
    )
    months = list(split_by_period(mrr, "month", calendar=calendar, weights=weights).values())
    quarters = list(split_by_period(mrr, "quarter", calendar=calendar, weights=weights).values())
    assert [months[3 * q + 2].target_value for q in range(4)] == [g.target_value for g in quarters]
    assert months[-1].target_value == target
    levels = [Decimal(baseline)] + [g.target_value for g in months]
    steps = [b - a for a, b in pairwise(levels)]
    assert all(s >= 0 for s in steps) or all(s <= 0 for s in steps)
