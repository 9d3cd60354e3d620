from __future__ import annotations

from collections.abc import Callable
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


_MONTHLY = Seasonality.from_history(range(1, 13))
_DEMOS = Goal(
    metric=metrics.get("demos_booked"), target=Target.at_least(20, per="week"), timeframe=YEAR
)
_H1, _H2, _Q1, _Q2, _Q4 = (
    Timeframe.half(2027, 1),
    Timeframe.half(2027, 2),
    Timeframe.quarter(2027, 1),
    Timeframe.quarter(2027, 2),
    Timeframe.quarter(2027, 4),
)
_COVER = "the periods must cover 2027-01-01 – 2027-12-31 exactly"
_GROUP = "the group size must divide 12 (for monthly shares: 3 for quarters, 6 for halves)"
_RULES = "use one of 'equal', 'days', 'workdays', a Seasonality, or a mapping from period label"


@pytest.mark.parametrize(
    ("call", "message", "name", "value"),
    [
        (
            lambda: Seasonality(["0.3", "0.3", "0.3"]),
            "seasonality shares sum to 0.9, not 1; fix them or pass normalize=True to scale them",
            "shares",
            ["0.3", "0.3", "0.3"],
        ),
        (
            lambda: Seasonality.from_history([1, -1, 2]),
            "share 2 is -1, but shares must be zero or positive",
            "shares",
            [1, -1, 2],
        ),
        (
            lambda: Seasonality.from_history([0, 0]),
            "all seasonality shares are zero; give at least one share above zero",
            "shares",
            [0, 0],
        ),
        (
            lambda: Seasonality([]),
            "a seasonality needs at least one share, e.g. one per month",
            "shares",
            [],
        ),
        (
            lambda: Seasonality("0.5"),
            "shares must be a sequence of numbers, got '0.5'",
            "shares",
            "0.5",
        ),
        (
            lambda: Seasonality(["x"]),
            "share must be a number, got 'x'; write it like '1500' or '0.05'",
            "share",
            "x",
        ),
        (
            lambda: _MONTHLY.grouped(5),
            f"cannot group 12 shares in groups of 5; {_GROUP}",
            "size",
            5,
        ),
        (
            lambda: _MONTHLY.grouped(0),
            f"cannot group 12 shares in groups of 0; {_GROUP}",
            "size",
            0,
        ),
        (
            lambda: _MONTHLY.grouped("3"),  # type: ignore[arg-type]
            f"cannot group 12 shares in groups of '3'; {_GROUP}",
            "size",
            "3",
        ),
        (
            lambda: split_by_period(REVENUE, "quarter", weights=_MONTHLY),
            "the seasonality has 12 shares but the goal splits into 4 periods; give one share "
            "per period (Seasonality.grouped(3) turns monthly shares into quarterly ones)",
            "weights",
            _MONTHLY,
        ),
        (
            lambda: split_by_period(REVENUE, "quarter", weights={"FY2027 Q1": 1}),
            "no weight for period FY2027 Q2 (2027-04-01 – 2027-06-30); give a weight for every "
            "period, keyed by label or by timeframe",
            "weights",
            {"FY2027 Q1": 1},
        ),
        (
            lambda: split_by_period(REVENUE, "half", weights={"FY2027 H1": 1, "FY2027 H2": "x"}),
            "weight of FY2027 H2 must be a number, got 'x'; write it like '1500' or '0.05'",
            "weight of FY2027 H2",
            "x",
        ),
        (
            lambda: split_by_period(REVENUE, "half", weights={"FY2027 H1": 1, _H2: 1, "Q5": 1}),
            "weights given for periods the goal does not split into: Q5",
            "weights",
            {"FY2027 H1": 1, _H2: 1, "Q5": 1},
        ),
        (
            lambda: split_by_period(REVENUE, [_H1, _Q4]),
            f"{_COVER}, without gaps or overlaps, but 2027-10-01 – 2027-12-31 leaves a gap "
            "before it",
            "by",
            [_H1, _Q4],
        ),
        (
            lambda: split_by_period(REVENUE, [_Q2, _H2]),
            f"{_COVER}, without gaps or overlaps, but 2027-04-01 – 2027-06-30 leaves a gap "
            "before it",
            "by",
            [_Q2, _H2],
        ),
        (
            lambda: split_by_period(REVENUE, [_H1, _Q2, _H2]),
            f"{_COVER}, without gaps or overlaps, but 2027-04-01 – 2027-06-30 overlaps the one "
            "before",
            "by",
            [_H1, _Q2, _H2],
        ),
        (
            lambda: split_by_period(REVENUE, [_H1, _Q1, _H2]),
            f"{_COVER}, without gaps or overlaps, but 2027-01-01 – 2027-06-30 overlaps the one "
            "before",
            "by",
            [_H1, _Q1, _H2],
        ),
        (
            lambda: split_by_period(REVENUE, [_H1]),
            f"{_COVER}, but they end on 2027-06-30",
            "by",
            [_H1],
        ),
        (
            lambda: split_by_period(REVENUE, []),
            "by must be a Granularity (or its name) or a non-empty list of Timeframes",
            "by",
            [],
        ),
        (
            lambda: split_by_period(REVENUE, "fortnight"),
            "unknown period 'fortnight'; use one of year, half, quarter, month, week, day or a "
            "list of Timeframes",
            "by",
            "fortnight",
        ),
        (
            lambda: split_by_period(REVENUE, "quarter", weights="weekly"),
            f"unknown weights rule 'weekly'; {_RULES} to weight",
            "weights",
            "weekly",
        ),
        (
            lambda: split_by_period(_DEMOS, "quarter", weights="weekly"),
            f"unknown weights rule 'weekly'; {_RULES} to weight",
            "weights",
            "weekly",
        ),
        (
            lambda: split_by_period(REVENUE, "quarter", weights=3),  # type: ignore[arg-type]
            "weights must be 'equal', 'days', 'workdays', a Seasonality or a mapping, got int",
            "weights",
            3,
        ),
        (
            lambda: split_by_period(
                _DEMOS, "quarter", weights=Seasonality([1] * 4, normalize=True)
            ),
            "the goal states a rate (≥ 20 a week), which fixes the target of every period; a "
            "seasonality or custom weights do not apply to it. Use weights='equal', 'days' or "
            "'workdays', or drop Target.per to split a total",
            "weights",
            Seasonality(["0.25"] * 4),
        ),
        (
            lambda: split_by_period(
                attrs.evolve(REVENUE, timeframe=Timeframe(date(2027, 1, 2), date(2027, 1, 4))),
                "day",
                weights="workdays",
            ),
            "every period has weight zero (no working days?); choose other weights",
            "weights",
            (0, 0),
        ),
    ],
)
def test_period_errors_name_the_value_and_the_fix(
    call: Callable[[], object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_a_group_of_one_keeps_the_shares() -> None:
    assert _MONTHLY.grouped(1) == _MONTHLY
    assert _MONTHLY.grouped(12).shares == (Fraction(1),)


def test_months_are_split_within_their_quarters() -> None:
    calls = Goal(metric=metrics.get("calls"), target=Target.level(100), timeframe=YEAR)
    # 25 a quarter, then 9, 8, 8 in each: a flat split would give January to April 9.
    months = split_by_period(calls, "month")
    assert [g.target_value for g in months.values()] == [9, 8, 8] * 4
    half = attrs.evolve(calls, target=Target.level(10), timeframe=Timeframe.half(2027, 1))
    assert [g.target_value for g in split_by_period(half, "month").values()] == [2, 2, 1] * 2


def test_weeks_cut_by_the_timeframe_count_for_their_days() -> None:
    q3 = attrs.evolve(REVENUE, target=Target.level(920), timeframe=Timeframe.quarter(2027, 3))
    weeks = split_by_period(q3, "week", quantum=1)
    # Q3 2027 starts on a Thursday and ends on a Thursday: 4 + 12 × 7 + 4 = 92 days.
    labels = list(weeks)
    assert labels[:2] == ["2027-07-01 – 2027-07-04", "2027-W27"]
    assert labels[-1] == "2027-09-27 – 2027-09-30"
    assert (weeks.weights[labels[0]], weeks.weights["2027-W27"]) == (
        Fraction(4, 92),
        Fraction(7, 92),
    )
    assert [g.target_value for g in weeks.values()][:3] == [40, 70, 70]
    with pytest.raises(KeyError) as raised:
        weeks["W27"]
    assert raised.value.args == (
        "no period labelled 'W27'; labels look like 2027-07-01 – 2027-07-04, 2027-W27, "
        "2027-W28, 2027-W29",
    )
    # Days are whole periods; seven days given by hand are labelled by their dates.
    days = attrs.evolve(q3, timeframe=Timeframe(date(2027, 7, 1), date(2027, 7, 4)))
    split = split_by_period(days, "day", quantum=1)
    assert list(split) == ["2027-07-01", "2027-07-02", "2027-07-03"]
    assert [g.target_value for g in split.values()] == [307, 307, 306]
    fortnight = attrs.evolve(q3, timeframe=Timeframe(date(2027, 7, 5), date(2027, 7, 19)))
    by_hand = [
        Timeframe(date(2027, 7, 5), date(2027, 7, 12)),
        Timeframe(date(2027, 7, 12), date(2027, 7, 19)),
    ]
    assert list(split_by_period(fortnight, by_hand)) == [
        "2027-07-05 – 2027-07-11",
        "2027-07-12 – 2027-07-18",
    ]
    assert list(split_by_period(fortnight, "Week")) == ["2027-W27", "2027-W28"]


def test_a_week_based_calendar_nests_its_months_in_its_quarters() -> None:
    calendar = FiscalCalendar(weeks="4-4-5")
    calls = Goal(
        metric=metrics.get("calls"), target=Target.level(100), timeframe=calendar.year(2027)
    )
    months = split_by_period(calls, "month", calendar=calendar)
    assert [g.target_value for g in months.values()] == [9, 8, 8] * 4
    # A start inside the first fiscal month (3–30 January) counts 11 of its 28 days.
    late = attrs.evolve(calls, timeframe=Timeframe(date(2027, 1, 20), date(2027, 12, 31)))
    cut = split_by_period(late, "month", calendar=calendar)
    first, second = list(cut)[:2]
    assert (first, second) == ("2027-01-20 – 2027-01-30", "FY2027 M02")
    assert cut.weights[first] / cut.weights[second] == Fraction(11, 28)


def test_a_small_rate_total_rounds_to_the_nearest_unit() -> None:
    # One call a month over 20 days of July is 20/31 of a call: one call in all.
    calls = Goal(
        metric=metrics.get("calls"),
        target=Target.level(1, per="month"),
        timeframe=Timeframe(date(2027, 7, 1), date(2027, 7, 21)),
    )
    weeks = split_by_period(calls, "week")
    assert [g.target_value for g in weeks.values()] == [0, 1, 0, 0]


def test_a_negative_rate_splits_into_its_documented_total() -> None:
    loss = Goal(
        metric=metrics.get("profit"),
        target=Target.level(-100, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        currency="EUR",
    )
    assert loss.target_total() == Decimal("-1314.29")
    months = split_by_period(loss, "month")
    assert sum(g.target_value for g in months.values()) == Decimal("-1314.29")


def test_an_incomplete_goal_names_what_is_missing_to_split_it() -> None:
    with pytest.raises(IncompleteGoalError) as raised:
        split_by_period(Goal(metric=metrics.get("calls"), timeframe=YEAR), "month")
    assert str(raised.value) == (
        "cannot split the goal by period: the goal has no target; set them first"
    )
    mrr = Goal(metric=metrics.get("mrr"), target=Target.level(200), timeframe=YEAR)
    with pytest.raises(IncompleteGoalError) as level:
        split_by_period(mrr, "quarter")
    assert str(level.value) == (
        "cannot plan milestones for monthly recurring revenue, a level metric: the goal has "
        "no baseline; set them first"
    )


def test_rates_follow_the_fiscal_calendar_and_the_working_days_given() -> None:
    calendar = FiscalCalendar(weeks="4-4-5")
    demos = Goal(
        metric=metrics.get("demos_booked"),
        target=Target.at_least(20, per="month"),
        timeframe=calendar.year(2027),
    )
    # Three fiscal months a quarter at 20 each, though 4-4-5 months are not calendar months.
    quarters = split_by_period(demos, "quarter", calendar=calendar)
    assert [g.target_value for g in quarters.values()] == [60] * 4
    weekly = attrs.evolve(
        demos, target=Target.at_least(20, per="week"), timeframe=Timeframe.quarter(2027, 3)
    )
    # July 5 off: July has 21 of its 22 working days, so its weeks weigh less.
    holiday = split_by_period(weekly, "month", weights="workdays", holidays={date(2027, 7, 5)})
    assert [g.target_value for g in holiday.values()] == [92, 88, 83]
    assert list(holiday.weights.values()) == [
        Fraction(8, 23),
        Fraction(77, 230),
        Fraction(73, 230),
    ]
    # A four-day week (Friday off too): the same total, shared by other working days.
    short = split_by_period(weekly, "month", weights="workdays", weekend=(4, 5, 6))
    assert [g.target_value for g in short.values()] == [92, 90, 81]
    assert [str(g.target) for g in split_by_period(weekly, "month", quantum=5).values()] == [
        "≥ 90",
        "≥ 90",
        "≥ 85",
    ]


def test_a_split_keeps_the_goal_s_type_kind_and_the_calendar_s_labels() -> None:
    calendar = FiscalCalendar(weeks="4-4-5")
    calls = Goal(
        metric=metrics.get("calls"),
        target=Target.level(100),
        timeframe=Timeframe.quarter(2027, 3),
        type=GoalType.TEAM,
    )
    workdays = split_by_period(calls, "month", weights="workdays", weekend=(4, 5, 6))
    assert [g.target_value for g in workdays.values()] == [32, 34, 34]
    assert {g.type for g in workdays.values()} == {GoalType.TEAM}
    fiscal = attrs.evolve(calls, timeframe=calendar.year(2027))
    quarters = [calendar.quarter(2027, q) for q in range(1, 5)]
    assert list(split_by_period(fiscal, quarters, calendar=calendar)) == [
        f"FY2027 Q{q}" for q in range(1, 5)
    ]
    mrr = Goal(metric=metrics.get("mrr"), target=Target.level(140), baseline=100, timeframe=YEAR)
    assert [g.target for g in split_by_period(mrr, "quarter").values()] == [
        Target.level(v) for v in (110, 120, 130, 140)
    ]
    with pytest.raises(InvalidInputError) as raised:
        split_by_period(calls, "quarter", weights={"FY2027 Q3": 1, "A": 1, "B": 2})
    assert str(raised.value) == "weights given for periods the goal does not split into: A, B"


def test_months_are_allocated_through_their_quarters_and_years() -> None:
    # 10 calls over 12 equal months: the quarters get 3, 3, 2 and 2 first, so the unit a
    # flat split would give September goes to October instead.
    calls = Goal(metric=metrics.get("calls"), target=Target.level(10), timeframe=YEAR)
    months = [g.target_value for g in split_by_period(calls, "month").values()]
    assert months == [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0]
    quarters = [g.target_value for g in split_by_period(calls, "quarter").values()]
    assert quarters == [3, 3, 2, 2] == [sum(months[i : i + 3]) for i in range(0, 12, 3)]
    # Two quarters: 2 calls each, to their first two months.
    half = attrs.evolve(calls, target=Target.level(4), timeframe=Timeframe.half(2027, 1))
    assert [g.target_value for g in split_by_period(half, "month").values()] == [1, 1, 0, 1, 1, 0]
    # One call over August 2027 to January 2028 by day: the year 2027 (153 of 184 days),
    # then its fourth quarter (92 of 153), then October (31 days, tied with December and
    # first), then its first day.
    day = attrs.evolve(
        calls, target=Target.level(1), timeframe=Timeframe(date(2027, 8, 1), date(2028, 2, 1))
    )
    days = split_by_period(day, "day")
    assert [key for key, g in days.items() if g.target_value] == ["2027-10-01"]


def _profit_path(baseline: object, change: object) -> Goal:
    """Monthly profit moving from ``baseline`` by ``change`` (absolute) over 2027."""
    return Goal(
        metric=metrics.get("profit"),
        target=Target.change(change, relative=False, per="month"),
        baseline=baseline,
        timeframe=YEAR,
        currency="EUR",
    )


def _whole(goal: Goal, by: str) -> list[Decimal]:
    return [g.target_value for g in split_by_period(goal, by, quantum=1).values()]


def test_a_path_across_zero_shares_out_each_group_s_rounding_by_size() -> None:
    # Profit from -100 a month by 250, in whole euros: months -79 1/6, -58 1/3, -37 1/2,
    # -16 2/3, 4 1/6, 25, 45 5/6, 66 2/3, 87 1/2, 108 1/3, 129 1/6, 150; the year is 425.
    path = _profit_path(-100, 250)
    # Quarters -175, 12.5, 200 and 387.5: both halves tie and the larger, Q4, takes the unit.
    assert _whole(path, "quarter") == [-175, 12, 200, 388]
    # Q1 (-175, all losses) by largest remainder of the sizes: March's half rounds away.
    # Q2 (12 over -16 2/3, 4 1/6 and 25) mixes signs: the -1/2 of rounding is shared by
    # size, -16.85, 4.12 and 24.73, floors -17, 4 and 24, and June's 0.73 takes the unit.
    # Q3 (200) and Q4 (388, 0.5 more than its months) by largest remainder.
    assert _whole(path, "month") == [-79, -58, -38, -17, 4, 25, 46, 67, 87, 109, 129, 150]


def test_a_small_path_across_zero_rounds_its_groups_toward_their_totals() -> None:
    # From -0.9 a month by 2.4: months -0.7, -0.5, ..., 1.5; quarters -1.5, 0.3, 2.1 and
    # 3.9 add up to 4.8, rounded to 5. The 0.2 is shared by size: -1.46, 0.31, 2.15 and 4.0,
    # floors -2, 0, 2, 4, and Q1 (0.54 above its floor) takes the unit left.
    path = _profit_path("-0.9", "2.4")
    assert _whole(path, "quarter") == [-1, 0, 2, 4]
    # Q2 gets nothing over -0.1, 0.1 and 0.3: shares -0.16, 0.04 and 0.12, floors -1, 0, 0,
    # and April, 0.84 above its floor, is raised back to 0.
    assert _whole(path, "month") == [-1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2]


def test_a_huge_rate_stays_exact_to_the_cent() -> None:
    # 10^17 + 1 cents a month: beyond a float's 53 bits, the total is still exact.
    huge = Goal(
        metric=metrics.get("revenue"),
        target=Target.level("1000000000000000.01", per="month"),
        timeframe=Timeframe.quarter(2027, 1),
        currency="EUR",
    )
    months = split_by_period(huge, "month")
    assert [g.target_value for g in months.values()] == [Decimal("1000000000000000.01")] * 3


def test_weeks_that_straddle_months_are_not_grouped_by_month() -> None:
    # Weeks cross month and quarter ends, so a split by week nests only in the year: one
    # call goes to the first full week (the cut 1–3 January weighs 3/7), not to a week
    # picked through the month it starts in.
    call = Goal(metric=metrics.get("calls"), target=Target.level(1), timeframe=YEAR)
    weeks = split_by_period(call, "week")
    assert len(weeks) == 53
    assert [label for label, g in weeks.items() if g.target_value] == ["2027-W01"]
    assert next(iter(weeks)) == "2027-01-01 – 2027-01-03"


@pytest.mark.parametrize(
    ("baseline", "change", "timeframe", "quarters", "months"),
    [
        # Months -24.5, -19, -13.5 | -8, -2.5, 3; the half adds to -64.5, rounded to -65.
        # Both quarters lose (-57 and -7.5): largest remainder gives Q2 the unit, -8. Q1's
        # -57 ties March with January at a half, and January, the larger, rounds away:
        # -25. Q2's months mix signs: the -1/2 of rounding shared by size gives -8.30,
        # -2.59 and 2.89, floors -9, -3, 2, and June then April take the two units left.
        (-30, 33, Timeframe.half(2027, 1), [-57, -8], [-25, -19, -13, -8, -3, 3]),
        # Quarters -73.5, -48.75, -24 and 0.75 add to -145.5, rounded to -146: the -0.5
        # shared by size gives -73.75, -48.92, -24.08 and 0.75, and Q3 then Q4 take the
        # two units left. Q4 (1 over -2.5, 0.25 and 3) shares +0.25: -2.39, 0.26, 3.13.
        (
            -30,
            33,
            YEAR,
            [-74, -49, -24, 1],
            [-27, -25, -22, -19, -16, -14, -11, -8, -5, -2, 0, 3],
        ),
        # Quarters -32.5, 13.25, 59 and 104.75 add to 144.5, rounded to 145: the +0.5
        # shared by size gives -32.42, 13.28, 59.14 and 105, and Q1 takes the unit left.
        # Q2 (13 over -2/3, 4 5/12 and 9.5) shares -0.25: -0.68, 4.34, 9.34; May is nearest.
        (
            -21,
            61,
            YEAR,
            [-32, 13, 59, 105],
            [-16, -11, -5, -1, 5, 9, 14, 20, 25, 30, 35, 40],
        ),
        # Quarters -0.85, -0.325, 0.2 and 0.725 add to -0.25, rounded to 0: shared by
        # size, -0.75, -0.29, 0.22 and 0.81, floors -1, -1, 0, 0, and Q4 then Q2 take the
        # two units. Q2 and Q3 get nothing, so none of their months does.
        ("-0.4", "0.7", YEAR, [-1, 0, 0, 1], [-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
    ],
)
def test_worked_paths_across_zero(
    baseline: object, change: object, timeframe: Timeframe, quarters: list[int], months: list[int]
) -> None:
    path = attrs.evolve(_profit_path(baseline, change), timeframe=timeframe)
    assert _whole(path, "quarter") == quarters
    assert _whole(path, "month") == months
