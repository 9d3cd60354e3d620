"""Regression tests for planning cases found next to the fixes of rates and role goals.

Each test states the numbers of the case it fixes: a run rate whose path crosses zero, the
activities of a role goal, stretch goals of role and level goals, and the check of a role
goal on a level or an average.
"""

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
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.planning import (
    Funnel,
    IssueKind,
    Plan,
    PlanNode,
    activity_targets,
    assign,
    split_by_period,
)
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)
Q3 = Timeframe.quarter(2027, 3)
AE = Owner("AE", Scope.ROLE)
ANN, EVE = Owner("Ann", Scope.INDIVIDUAL), Owner("Eve", Scope.INDIVIDUAL)
DEMOS = Goal(
    metric=metrics.get("demos_booked"),
    direction=Direction.INCREASE,
    target=Target.at_least(20, per="week"),
    timeframe=Q3,
    owner=AE,
)
CALLS = Funnel(close_rate="0.3", stages={"demos_booked": "0.5", "calls": "0.1"})


def profit_path(baseline: object, change: object) -> Goal:
    """Monthly profit moving from ``baseline`` by ``change`` (absolute) over 2027."""
    return Goal(
        metric=metrics.get("profit"),
        target=Target.change(change, relative=False, per="month"),
        baseline=baseline,
        timeframe=YEAR,
        currency="EUR",
    )


def targets(goal: Goal, by: str) -> list[Decimal]:
    return [g.target_value for g in split_by_period(goal, by).values()]


# -- a rate whose periods have both signs ---------------------------------------------------


def test_a_run_rate_that_crosses_zero_splits_into_its_path() -> None:
    # Profit from -100 a month to +100: month k is -100 + 200 × k/12, the year adds to 100.
    path = profit_path(-100, 200)
    assert path.target_total() == Decimal("100.00")
    assert targets(path, "quarter") == [Decimal(v) for v in ("-200", "-50", "100", "250")]
    assert targets(path, "month") == [
        Decimal(v)
        for v in (
            "-83.33",
            "-66.67",
            "-50.00",
            "-33.33",
            "-16.67",
            "0.00",
            "16.67",
            "33.33",
            "50.00",
            "66.67",
            "83.33",
            "100.00",
        )
    ]
    # Pacing follows the path: after Q1 the plan expects -200, twice the year's 100 below 0.
    assert split_by_period(path, "quarter").weights["FY2027 Q1"] == -2


def test_a_run_rate_that_adds_up_to_zero_paces_by_days() -> None:
    # -130 a month moving by 240: months -110, -90, ..., 110, which add up to nothing.
    path = profit_path(-130, 240)
    assert path.target_total() == 0
    assert targets(path, "quarter") == [Decimal(v) for v in ("-270", "-90", "90", "270")]
    weights = split_by_period(path, "quarter").weights
    assert weights["FY2027 Q1"] == Fraction(90, 365)


@settings(deadline=None, max_examples=40)
@given(
    baseline=st.integers(-20_000, 20_000).map(lambda c: Decimal(c) / 100),
    change=st.integers(-40_000, 40_000).map(lambda c: Decimal(c) / 100),
)
def test_a_signed_run_rate_splits_exactly_and_nests(baseline: Decimal, change: Decimal) -> None:
    path = profit_path(baseline, change)
    months = targets(path, "month")
    quarters = targets(path, "quarter")
    assert sum(months, Decimal(0)) == sum(quarters, Decimal(0)) == path.target_total()
    assert [sum(months[i : i + 3], Decimal(0)) for i in range(0, 12, 3)] == quarters
    exact = [value for _, value in path.period_targets()]
    # Each month is within two cents of its exact milestone (one for the nesting).
    assert all(abs(Fraction(m) - e) < Fraction(2, 100) for m, e in zip(months, exact, strict=True))


@settings(deadline=None, max_examples=40)
@given(rate=st.integers(1, 100_000).map(lambda c: Decimal(c) / 100))
def test_a_negative_rate_splits_as_the_positive_one_mirrored(rate: Decimal) -> None:
    gain = Goal(
        metric=metrics.get("profit"),
        target=Target.level(rate, per="week"),
        timeframe=Q3,
        currency="EUR",
    )
    loss = Goal(
        metric=metrics.get("profit"),
        target=Target.level(-rate, per="week"),
        timeframe=Q3,
        currency="EUR",
    )
    for by in ("week", "month"):
        assert targets(loss, by) == [-part for part in targets(gain, by)]
    assert loss.target_total() == -gain.target_total()


# -- the activities of a role goal ----------------------------------------------------------


def test_the_activities_of_a_role_goal_are_each_holder_s_own() -> None:
    # Ann carries 20 demos a week over Q3 (263); Eve joins on 1 August: 61 days, 175 demos.
    team = assign(DEMOS, {ANN: 1, EVE: 1}, start_dates={EVE: date(2027, 8, 1)})
    assert [str(g.target) for g in team.values()] == ["≥ 20 a week", "≥ 175"]
    divided = activity_targets(DEMOS, CALLS).divide(team)
    # Not a share of one holder's 2,630 calls: each holder needs the calls of her demos.
    assert {str(k): [str(g.target) for g in t.values()] for k, t in divided.items()} == {
        "Ann": ["≥ 263", "≥ 2630"],
        "Eve": ["≥ 175", "≥ 1750"],
    }
    assert all(g.owner == k for k, t in divided.items() for g in t.values())


def test_the_activities_of_a_rate_divide_over_weeks_into_the_quarter_s_counts() -> None:
    weeks = split_by_period(DEMOS, "week")
    divided = activity_targets(DEMOS, CALLS).divide(weeks)
    calls = [t["calls"].target_value for t in divided.values()]
    # 2,630 calls: 200 in a whole week (20 demos), 120 and 110 in the cut weeks (12, 11).
    assert calls == [Decimal(120), *[Decimal(200)] * 12, Decimal(110)]
    assert all(
        t["calls"].target is not None and t["calls"].target.per is None for t in divided.values()
    )


# -- stretch goals --------------------------------------------------------------------------


def test_a_role_level_goal_gets_a_stretch_of_its_increase() -> None:
    arr = Goal(
        metric=metrics.get("arr"),
        target=Target.level(1400),
        baseline=1000,
        timeframe=YEAR,
        owner=AE,
    )
    team = assign(arr, {"a": 1, "b": 1}, stretch="0.5")
    # The increase of 400 raised by 50% is 600: 1,600 from 1,000 (it was silently dropped).
    assert [(g.target_value, g.baseline) for g in team.stretch_goals.values()] == [
        (Decimal("1600.00"), Decimal(1000))
    ] * 2
    assert team.stretch == Decimal("0.5")


def test_a_role_level_goal_refuses_over_assignment() -> None:
    arr = Goal(
        metric=metrics.get("arr"),
        target=Target.level(1400),
        baseline=1000,
        timeframe=YEAR,
        owner=AE,
    )
    with pytest.raises(InvalidInputError) as raised:
        assign(arr, {"a": 1}, over_assignment="0.1")
    assert str(raised.value) == (
        "over-assignment divides a shared total, but = 1400 holds for each holder of the "
        "role in full; raise the rate instead, or pass each=False"
    )


def test_a_role_s_stretch_raises_a_count_s_target_not_its_increase() -> None:
    # From 40 to 55 demos a week for each AE: the stretch of 20% is 66 a week, as the
    # target is raised for a shared goal, not 40 + 15 × 1.2 = 58.
    grow = Goal(
        metric=metrics.get("demos_booked"),
        target=Target.level(55, per="week"),
        baseline=40,
        timeframe=Q3,
        owner=AE,
    )
    stretch = assign(grow, {ANN: 1}, stretch="0.2").stretch_goals[ANN]
    assert stretch.target == Target.level(66, per="week")


def test_a_role_s_run_rate_stretch_raises_the_rate_to_reach() -> None:
    run_rate = Goal(
        metric=metrics.get("revenue"),
        target=Target.change("0.10", per="month"),
        baseline=100_000,
        timeframe=YEAR,
        currency="EUR",
        owner=AE,
    )
    stretch = assign(run_rate, {ANN: 1}, stretch="0.5").stretch_goals[ANN]
    # 110,000 a month by December, raised by 50%: 165,000, on a path from 100,000.
    assert stretch.target == Target.change("65000.00", relative=False, per="month")
    assert (stretch.target_value, stretch.target_total()) == (
        Decimal("165000.00"),
        Decimal("1622500.00"),
    )


def test_a_role_s_relative_change_of_a_level_stretches_its_increase() -> None:
    arr = Goal(
        metric=metrics.get("arr"),
        target=Target.change("0.1"),
        baseline=1000,
        timeframe=YEAR,
        owner=AE,
    )
    stretch = assign(arr, {ANN: 1}, stretch="0.5").stretch_goals[ANN]
    # 1,000 → 1,100 is +100; raised by 50%: +150, 1,150.
    assert (stretch.target, stretch.target_value) == (
        Target.change("150.00", relative=False),
        Decimal("1150.00"),
    )


# -- the check of a role goal on a level or an average ---------------------------------------


def test_a_role_holder_above_a_level_or_an_average_is_over_assigned() -> None:
    arr = Goal(
        metric=metrics.get("arr"),
        target=Target.level(1400),
        baseline=1000,
        timeframe=YEAR,
        owner=AE,
    )
    higher = Goal(
        metric=metrics.get("arr"), target=Target.level(1500), baseline=1000, timeframe=YEAR
    )
    node = PlanNode("y", arr, [PlanNode("y/a", arr), PlanNode("y/b", higher)], each=True)
    (issue,) = Plan(node).check()
    assert (issue.node, issue.kind, issue.expected, issue.actual) == (
        "y/b",
        IssueKind.OVER_ASSIGNED,
        Decimal(1400),
        Decimal(1500),
    )
    assert issue.message == (
        "y/b carries 1500, more than the 1400 each holder of y carries in full: "
        "over-assigned by 100"
    )
    win = Goal(
        metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR, owner=AE
    )
    team = assign(win, {"a": 1, "b": 1})
    assert Plan.from_goal(win, id="w").attach("w", team).check() == ()
    keen = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.35"), timeframe=YEAR)
    node = PlanNode("w", win, [PlanNode("w/a", win), PlanNode("w/b", keen)], each=True)
    assert [(i.node, i.difference) for i in Plan(node).check()] == [("w/b", Decimal("0.05"))]


def test_a_role_holder_held_below_an_at_most_target_is_over_assigned() -> None:
    # Churn at most 2% for each AE: 1% asks more of its holder, 3% asks less.
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        target=Target.at_most("0.02"),
        timeframe=YEAR,
        owner=AE,
    )
    strict = attrs.evolve(churn, target=Target.at_most("0.01"), owner=None)
    lenient = attrs.evolve(churn, target=Target.at_most("0.03"), owner=None)
    node = PlanNode(
        "c",
        churn,
        [PlanNode("c/a", strict), PlanNode("c/b", lenient), PlanNode("c/c", churn)],
        each=True,
    )
    (issue,) = Plan(node).check()
    assert (issue.node, issue.kind, issue.expected, issue.actual) == (
        "c/a",
        IssueKind.OVER_ASSIGNED,
        Decimal("0.02"),
        Decimal("0.01"),
    )
    assert issue.message == (
        "c/a is held to 0.01, stricter than the 0.02 each holder of c carries in full: "
        "over-assigned by 0.01"
    )
    (nl,) = Plan(node).check(lang="nl")
    assert nl.message.startswith("c/a moet 0.01 halen, strenger dan de 0.02")
