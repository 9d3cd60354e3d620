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
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
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
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

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
    # Two whole months keep the cadence; half a month is one period's rate.
    first, middle, rest = (
        Timeframe(date(2027, 1, 1), date(2027, 3, 1)),
        Timeframe(date(2027, 3, 1), date(2027, 3, 16)),
        Timeframe(date(2027, 3, 16), date(2028, 1, 1)),
    )
    assert [str(g.target) for g in split_by_period(win_rate, [first, middle, rest]).values()] == [
        "≥ 0.3 a month",
        "≥ 0.3",
        "≥ 0.3 a month",
    ]
    # A 4-4-5 calendar's month is one month of that calendar, though it spans three others.
    calendar = FiscalCalendar(weeks="4-4-5")
    fiscal = attrs.evolve(win_rate, timeframe=calendar.year(2027))
    months = split_by_period(fiscal, "month", calendar=calendar)
    assert str(months["FY2027 M03"].timeframe) == "2027-02-28 – 2027-04-03"
    assert {str(g.target) for g in months.values()} == {"≥ 0.3"}


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


@pytest.mark.parametrize(
    ("target", "start", "expected"),
    [
        # 9 months at 10,000 and 17 of March's 31 days: 95,483.870967...
        (Target.at_least(10_000, per="month"), date(2027, 3, 15), Decimal("95483.88")),
        (Target.at_most(10_000, per="month"), date(2027, 3, 15), Decimal("95483.87")),
        # 306 of 365 days of 120,000: 100,602.739726... to the nearest cent.
        (Target.level(120_000), date(2027, 3, 1), Decimal("100602.74")),
    ],
)
def test_a_late_holder_s_share_rounds_once_to_the_cent_by_the_target_s_kind(
    target: Target, start: date, expected: Decimal
) -> None:
    goal = Goal(
        metric=metrics.get("revenue"), target=target, timeframe=YEAR, owner=AE, currency="EUR"
    )
    team = assign(goal, {"ann": 1, "bob": 1}, start_dates={"bob": start})
    assert team["ann"].target == target
    assert team["bob"].target == Target(target.kind, expected)
    assert [s.base for s in team.shares][1] == expected


def test_every_field_of_a_role_assignment_with_a_late_and_a_left_out_holder() -> None:
    ann, bob, cy = TEAM[:3]
    goal = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(120_000),
        timeframe=YEAR,
        owner=AE,
        currency="EUR",
    )
    team = assign(
        goal, {ann: 1, bob: 1, cy: 0}, start_dates={bob: date(2027, 7, 1)}, stretch="0.25"
    )
    assert (team.parent, team.over_assignment, team.stretch, team.quantum, team.each) == (
        goal,
        Decimal(0),
        Decimal("0.25"),
        Decimal("0.01"),
        True,
    )
    # Bob is there 184 of 365 days: 60,493.15; the weights are the exact amounts' shares.
    assert [
        (s.key, s.goal.target, s.goal.owner, s.weight, s.availability, s.base, s.over_assignment)
        for s in team.shares
    ] == [
        (ann, Target.level(120_000), ann, Fraction(365, 549), Fraction(1), Decimal("120000.00"),
         Decimal(0)),
        (bob, Target.level("60493.15"), bob, Fraction(184, 549), Fraction(184, 365),
         Decimal("60493.15"), Decimal(0)),
        (cy, Target.level(0), cy, Fraction(0), Fraction(1), Decimal("0.00"), Decimal(0)),
    ]  # fmt: skip
    assert [str(s.over_assignment) for s in team.shares] == ["0.00"] * 3
    stretch = [s.stretch for s in team.shares]
    assert [(g.target_value, g.type, g.owner) for g in stretch if g is not None] == [
        (Decimal("150000.00"), GoalType.STRETCH, ann),
        (Decimal("75616.44"), GoalType.STRETCH, bob),
        (Decimal("0.00"), GoalType.STRETCH, cy),
    ]
    # A target of zero: every weight is zero rather than a division by zero.
    nothing = assign(attrs.evolve(goal, target=Target.level(0)), {ann: 1, bob: 1})
    assert [(s.weight, s.base) for s in nothing.shares] == [(Fraction(0), Decimal(0))] * 2


def test_a_role_s_relative_change_is_a_level_for_a_late_holder() -> None:
    ann, bob = TEAM[:2]
    grow = Goal(
        metric=metrics.get("revenue"),
        target=Target.change("0.1"),
        baseline=100_000,
        timeframe=YEAR,
        owner=AE,
        currency="EUR",
    )
    team = assign(grow, {ann: 1, bob: 1}, start_dates={bob: date(2027, 7, 1)})
    assert [(s.goal.target, s.goal.baseline, s.base) for s in team.shares] == [
        (Target.change("0.1"), Decimal(100_000), Decimal("110000.00")),
        # 110,000 × 184/365, from nothing: a new hire has no book.
        (Target.level("55452.05"), None, Decimal("55452.05")),
    ]


def test_a_role_s_relative_change_can_have_a_stretch() -> None:
    grow = Goal(
        metric=metrics.get("revenue"),
        target=Target.change("0.1"),
        baseline=100_000,
        timeframe=YEAR,
        owner=AE,
        currency="EUR",
    )
    # The holder's target is 110,000; the stretch raises it by 50%.
    stretch = assign(grow, {TEAM[0]: 1}, stretch="0.5").shares[0].stretch
    assert stretch is not None
    assert stretch.target_value == Decimal("165000.00")


@pytest.mark.parametrize(
    ("metric", "target", "expected"),
    [
        # A loss budget: 214 of 365 days of -1,000 profit is -586.301..., so -586.30.
        ("profit", Target.level(-1000), Target.level("-586.30")),
        ("profit", Target.at_most(-1000), Target.at_most("-586.31")),
        ("profit", Target.at_least(-1000), Target.at_least("-586.30")),
        # 214/365 of one call is 0.586...: the nearest whole call is 1.
        ("calls", Target.level(1), Target.level(1)),
    ],
)
def test_a_late_holder_s_negative_or_small_share_rounds_by_the_target_s_kind(
    metric: str, target: Target, expected: Target
) -> None:
    goal = Goal(
        metric=metrics.get(metric),
        target=target,
        timeframe=YEAR,
        owner=AE,
        currency="EUR" if metric == "profit" else None,
    )
    team = assign(goal, {"ann": 1, "bob": 1}, start_dates={"bob": date(2027, 6, 1)})
    assert team["bob"].target == expected
