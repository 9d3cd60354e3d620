"""Planning goals that state a rate: per period (``Target.per``) and per person (``Scope.ROLE``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, Owner, Scope, Target, TargetKind
from smartgoals.planning import (
    Capacity,
    Funnel,
    Plan,
    Ramp,
    Seasonality,
    activity_targets,
    assign,
    split_by_period,
)
from smartgoals.timeframes import Granularity, Timeframe

Q3 = Timeframe.quarter(2027, 3)
YEAR = Timeframe.year(2027)
AE = Owner("AE", Scope.ROLE)
DEMOS = Goal(
    metric=metrics.get("demos_booked"),
    direction=Direction.INCREASE,
    target=Target.at_least(20, per="week"),
    timeframe=Q3,
    owner=AE,
)
MONTHLY = Goal(
    metric=metrics.get("demos_booked"),
    direction=Direction.INCREASE,
    target=Target.at_least(40, per="month"),
    timeframe=YEAR,
)
RUN_RATE = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.change("0.10", per="month"),
    baseline=100_000,
    timeframe=YEAR,
    currency="EUR",
)
TEAM = [Owner(name, Scope.INDIVIDUAL) for name in ("Ann", "Bob", "Cy", "Dee", "Eve")]


def values(goal: Goal, by: str, **kwargs: object) -> list[Decimal]:
    return [g.target_value for g in split_by_period(goal, by, **kwargs).values()]  # type: ignore[arg-type]


# -- split_by_period ----------------------------------------------------------------------


def test_weeks_at_the_cadence_carry_the_rate_and_cut_weeks_their_days() -> None:
    weeks = split_by_period(DEMOS, "week")
    parts = [g.target_value for g in weeks.values()]
    # Thursday 1 July to Thursday 30 September: 4 days, 12 whole weeks, 4 days.
    assert parts == [Decimal(12), *[Decimal(20)] * 12, Decimal(11)]
    assert sum(parts) == DEMOS.target_total() == Decimal(263)
    assert {g.target.per for g in weeks.values() if g.target} == {None}
    assert {g.target.kind for g in weeks.values() if g.target} == {TargetKind.AT_LEAST}


def test_coarser_periods_sum_the_rate() -> None:
    assert values(MONTHLY, "quarter") == [Decimal(120)] * 4
    assert values(MONTHLY, "month") == [Decimal(40)] * 12
    assert values(MONTHLY, "year") == [Decimal(480)]


def test_finer_periods_divide_a_sum_rate_by_days_or_working_days() -> None:
    july = attrs.evolve(DEMOS, timeframe=Timeframe(date(2027, 7, 5), date(2027, 7, 12)))
    assert values(july, "day", weights="workdays") == [Decimal(4)] * 5 + [Decimal(0)] * 2
    by_days = values(july, "day")
    assert sum(by_days) == 20
    assert set(by_days) == {Decimal(2), Decimal(3)}


def test_a_run_rate_splits_into_a_path_of_monthly_milestones() -> None:
    months = values(RUN_RATE, "month")
    exact = [Fraction(100_000) + Fraction(10_000 * k, 12) for k in range(1, 13)]
    assert [Fraction(m) for m in months] != exact  # rounded to the cent ...
    assert all(abs(Fraction(m) - e) < Fraction(1, 100) for m, e in zip(months, exact, strict=True))
    assert months[0] == Decimal("100833.33")
    assert months[-1] == Decimal("110000.00")
    assert sum(months) == RUN_RATE.target_total() == Decimal("1265000.00")
    assert values(RUN_RATE, "quarter") == [
        Decimal("305000.00"),
        Decimal("312500.00"),
        Decimal("320000.00"),
        Decimal("327500.00"),
    ]


def test_an_average_rate_is_carried_into_every_period() -> None:
    win_rate = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.at_least("0.3", per="month"),
        timeframe=YEAR,
    )
    assert {str(g.target) for g in split_by_period(win_rate, "month").values()} == {"≥ 0.3"}
    assert {str(g.target) for g in split_by_period(win_rate, "quarter").values()} == {
        "≥ 0.3 a month"
    }
    assert {str(g.target) for g in split_by_period(win_rate, "week").values()} == {"≥ 0.3"}


def test_a_rate_refuses_seasonal_weights() -> None:
    with pytest.raises(InvalidInputError, match="fixes the target of every period"):
        split_by_period(MONTHLY, "quarter", weights=Seasonality([1, 1, 1, 1], normalize=True))
    with pytest.raises(InvalidInputError, match="unknown weights rule 'even'"):
        split_by_period(MONTHLY, "quarter", weights="even")


@settings(max_examples=60, deadline=None)
@given(
    rate=st.integers(0, 500),
    per=st.sampled_from(
        [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER]
    ),
    by=st.sampled_from(["day", "week", "month", "quarter", "year"]),
    start=st.dates(date(2026, 1, 1), date(2028, 12, 31)),
    days=st.integers(1, 500),
    kind=st.sampled_from([Target.at_least, Target.at_most, Target.level]),
    workdays=st.booleans(),
)
def test_splits_of_a_sum_rate_add_up_to_the_documented_total(
    rate: int,
    per: Granularity,
    by: str,
    start: date,
    days: int,
    kind: object,
    workdays: bool,
) -> None:
    timeframe = Timeframe(start, date.fromordinal(start.toordinal() + days))
    goal = Goal(
        metric=metrics.get("calls"),
        target=kind(rate, per=per),  # type: ignore[operator]
        timeframe=timeframe,
    )
    split = split_by_period(goal, by, weights="workdays" if workdays else "equal")
    assert sum(g.target_value for g in split.values()) == goal.target_total()
    assert sum(split.weights.values()) == 1


# -- assign: a role holds for each of its holders ------------------------------------------


def test_each_ae_carries_the_full_rate_and_a_new_hire_her_ramped_part() -> None:
    team = assign(
        DEMOS,
        dict.fromkeys(TEAM, 1),
        start_dates={TEAM[4]: date(2027, 8, 1)},
        ramp=Ramp(["0.5"]),
    )
    assert team.each
    for person in TEAM[:4]:
        assert team[person].target == Target.at_least(20, per="week")
        assert team[person].owner == person
    eve = team[TEAM[4]]
    # August at half speed (20 × 31/7 × ½ = 44.3), September in full (20 × 30/7 = 85.7).
    assert eve.target == Target.at_least(130)
    assert team.shares[4].base == Decimal(130)
    assert team.total == 4 * 263 + 130
    plan = Plan.from_goal(DEMOS, id="q3").attach("q3", team)
    assert plan.rollup()["q3"] == Decimal(1182)
    assert plan.check() == ()


def test_a_team_goal_is_still_divided() -> None:
    team_goal = attrs.evolve(DEMOS, owner=Owner("Benelux", Scope.TEAM))
    team = assign(team_goal, dict.fromkeys(TEAM, 1))
    assert not team.each
    assert team.total == 263
    assert sorted({g.target_value for g in team.values()}) == [Decimal(52), Decimal(53)]
    forced = assign(team_goal, dict.fromkeys(TEAM, 1), each=True)
    assert forced.total == 5 * 263


def test_a_role_refuses_weights_that_divide_and_over_assignment() -> None:
    with pytest.raises(InvalidInputError, match="carries it in full"):
        assign(DEMOS, {TEAM[0]: 2, TEAM[1]: 1})
    with pytest.raises(InvalidInputError, match="holds for each holder of the role"):
        assign(DEMOS, dict.fromkeys(TEAM, 1), over_assignment="0.1")


def test_a_role_holder_left_out_gets_zero_and_capacity_is_kept() -> None:
    team = assign(DEMOS, {TEAM[0]: Capacity(1, 250), TEAM[1]: 0})
    assert team[TEAM[1]].target_value == 0
    assert team.shares[0].capacity == Decimal(250)


@settings(max_examples=40, deadline=None)
@given(
    rate=st.integers(1, 200),
    per=st.sampled_from(["week", "month", "day"]),
    people=st.integers(1, 6),
    start=st.dates(date(2027, 1, 1), date(2027, 12, 31)),
    days=st.integers(1, 400),
)
def test_role_assignment_gives_each_fully_available_person_the_full_rate(
    rate: int, per: str, people: int, start: date, days: int
) -> None:
    goal = Goal(
        metric=metrics.get("calls"),
        target=Target.at_least(rate, per=per),
        timeframe=Timeframe(start, date.fromordinal(start.toordinal() + days)),
        owner=Owner("rep", Scope.ROLE),
    )
    team = assign(goal, {f"rep {i}": 1 for i in range(people)})
    assert all(g.target == goal.target for g in team.values())
    assert team.total == goal.target_total(holders=people)


# -- activity targets of a rate -----------------------------------------------------------


def test_activity_targets_of_a_rate_are_rates() -> None:
    funnel = Funnel(close_rate="0.3", stages={"demos_booked": "0.5", "calls": "0.1"})
    targets = activity_targets(DEMOS, funnel)
    assert [(k, str(g.target)) for k, g in targets.items()] == [
        ("demos_booked", "≥ 20 a week"),
        ("calls", "≥ 200 a week"),
    ]
    assert targets["calls"].target_total() == 2629  # 200 × 92/7 = 2628.6, up
