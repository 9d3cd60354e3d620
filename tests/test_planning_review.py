"""Planning numbers a sales-ops lead signs off: over-assignment, levels, shares, capacity."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.planning import (
    Capacity,
    Funnel,
    IssueKind,
    Plan,
    Ramp,
    activity_targets,
    assign,
    split_by_period,
)
from smartgoals.planning._html import render_plan
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)
REVENUE = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.level(1_000_000),
    timeframe=YEAR,
    currency="EUR",
)
CUSTOMERS = Goal(
    metric=metrics.get("new_customers"),
    direction=Direction.INCREASE,
    target=Target.level(25),
    timeframe=YEAR,
)
ARR = Goal(
    metric=metrics.get("arr"),
    direction=Direction.INCREASE,
    target=Target.level(1_400_000),
    baseline=1_000_000,
    timeframe=YEAR,
    currency="EUR",
)
REPS: dict[Owner | str, object] = dict.fromkeys(("ann", "bob", "cy"), 1)


# -- over-assignment --------------------------------------------------------------------------


def test_equal_reps_get_equal_quotas_when_over_assigned() -> None:
    team = assign(REVENUE, REPS, over_assignment="0.125")
    assert [g.target_value for g in team.values()] == [Decimal("375000.00")] * 3
    assert sum(s.base for s in team.shares if s.base) == Decimal("1000000.00")
    assert sum(s.over_assignment for s in team.shares if s.over_assignment) == Decimal("125000.00")
    assert team.over_assignment_rounding == 0


def test_a_count_over_assignment_rounds_up_and_shows_the_rounding() -> None:
    team = assign(CUSTOMERS, REPS, over_assignment="0.1")
    assert team.total == 28
    assert team.over_assignment_rounding == Decimal("0.5")
    assert [g.target_value for g in team.values()] == [Decimal(10), Decimal(9), Decimal(9)]
    (issue,) = Plan.from_goal(CUSTOMERS, id="y").attach("y", team).check()
    assert (issue.kind, issue.intended, issue.difference, issue.rounding) == (
        IssueKind.OVER_ASSIGNED,
        True,
        Decimal(3),
        Decimal("0.5"),
    )
    assert "the extra rounded up by 0.5" in issue.message


@settings(max_examples=100, deadline=None)
@given(
    total=st.integers(0, 10**7),
    owners=st.integers(1, 12),
    rate=st.integers(1, 500).map(lambda n: Decimal(n) / 1000),
    cents=st.booleans(),
)
def test_over_assignment_of_equal_weights_differs_by_at_most_one_quantum(
    total: int, owners: int, rate: Decimal, cents: bool
) -> None:
    goal = REVENUE if cents else CUSTOMERS
    quantum = Decimal("0.01") if cents else Decimal(1)
    goal = Goal(metric=goal.metric, target=Target.level(total), timeframe=YEAR)
    team = assign(goal, {f"o{i}": 1 for i in range(owners)}, over_assignment=rate)
    parts = [g.target_value for g in team.values()]
    assert max(parts) - min(parts) <= quantum
    whole = Fraction(total) + Fraction(
        math.ceil(Fraction(total) * Fraction(rate) / Fraction(quantum))
    ) * Fraction(quantum)
    assert sum(parts) == whole
    share = whole / owners
    if (share / Fraction(quantum)).denominator == 1:
        assert len(set(parts)) == 1


def test_intended_over_assignment_is_reported_once_over_four_quarters() -> None:
    plan = Plan.from_goal(REVENUE, id="y").attach("y", split_by_period(REVENUE, "quarter"))
    for quarter in [n.id for n in plan.root.parts]:
        plan = plan.attach(quarter, assign(plan.node(quarter).goal, REPS, over_assignment="0.1"))
    (issue,) = plan.check()
    assert (issue.node, issue.intended, len(issue.nodes)) == ("y", True, 4)
    assert (issue.expected, issue.actual) == (Decimal("1000000.00"), Decimal("1100000.00"))


# -- levels -----------------------------------------------------------------------------------


def test_a_level_goal_shares_out_the_increase_and_a_hire_inherits_no_book() -> None:
    hire: dict[Owner | str, date] = {"cy": date(2027, 7, 1)}
    team = assign(ARR, REPS, start_dates=hire)
    assert team["cy"].baseline == 0
    increases = [g.target_value - (g.baseline or 0) for g in team.values()]
    assert sum(increases) == Decimal("400000.00")
    booked = assign(ARR, REPS, start_dates=hire, books={"ann": 600_000, "bob": 400_000})
    assert [g.baseline for g in booked.values()] == [
        Decimal("600000.00"),
        Decimal("400000.00"),
        Decimal("0.00"),
    ]
    plan = Plan.from_goal(ARR, id="y").attach("y", booked)
    assert plan.rollup()["y"] == Decimal("1400000.00")
    assert plan.check() == ()
    assert sum(plan.shares().values()) == 1


def test_books_must_add_up_to_the_baseline() -> None:
    with pytest.raises(
        InvalidInputError, match="books add up to 900000, but the goal starts from 1000000"
    ):
        assign(ARR, REPS, books={"ann": 900_000})
    with pytest.raises(IncompleteGoalError, match="baseline"):
        assign(Goal(metric=ARR.metric, target=ARR.target, timeframe=YEAR), REPS, books={"ann": 1})


# -- share of the parent -------------------------------------------------------------------------


def test_the_share_column_is_the_share_of_the_parents_target() -> None:
    team = assign(
        REVENUE,
        {"ann": 2, "bob": 1, "cy": 1},
        start_dates={"cy": date(2027, 7, 1)},
        over_assignment="0.1",
    )
    plan = Plan.from_goal(REVENUE, id="y").attach("y", team)
    shares = plan.shares()
    for share in team.shares:
        assert shares[f"y/{share.key}"] == Fraction(share.goal.target_value) / 1_000_000
    assert sum(shares.values()) == Fraction(11, 10)
    # The weight share is another number: cy's 184 days of 365 against weights 2, 1, 1.
    assert plan.node("y/cy").weight == Fraction(184, 1279)
    assert team["cy"].target_value == Decimal("158248.63")
    page = render_plan(plan)
    assert "share of parent" in page
    assert "15.8%" in page


# -- capacity -----------------------------------------------------------------------------------


def test_a_team_capacity_short_of_the_target_is_a_gap_with_the_amounts() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(2_400_000),
        timeframe=YEAR,
        currency="EUR",
    )
    team = assign(
        goal, {"east": Capacity(3, 250_000, "0.86"), "west": Capacity(3, 250_000, "0.86")}
    )
    plan = Plan.from_goal(goal, id="y").attach("y", team)
    (issue,) = plan.check()
    assert (issue.node, issue.kind) == ("y", IssueKind.OVER_CAPACITY)
    assert (issue.expected, issue.actual, issue.difference) == (
        Decimal(2_400_000),
        Decimal("1290000.00"),
        Decimal("-1110000.00"),
    )
    assert "a gap of 1110000" in issue.message
    flat = Plan.from_goal(goal, id="y")
    (given_here,) = flat.check(capacity={"y": Capacity(6, 250_000, "0.86")})
    assert given_here.difference == Decimal("-1110000.00")
    with pytest.raises(InvalidInputError, match="not a node of the plan"):
        flat.check(capacity={"team": 1})


def test_an_owner_above_its_capacity_is_reported_and_a_ramp_lowers_capacity() -> None:
    team = assign(
        REVENUE,
        {"ann": 1, "bob": 1},
        capacity={"ann": Capacity(1, 500_000), "bob": Capacity(1, 700_000)},
        start_dates={"bob": date(2027, 1, 1)},
        ramp=Ramp(["0.5", "0.5", "0.5"]),
    )
    # Bob's first 90 days at half speed: 320 of 365 days, for his capacity as his target.
    assert team.shares[1].availability == Fraction(320, 365)
    assert team.shares[1].capacity == Decimal("613698.63")
    assert team["ann"].target_value == Decimal("532846.72")
    plan = Plan.from_goal(REVENUE, id="y").attach("y", team)
    issues = plan.check()
    # The team can carry 1,113,698.63 of its 1,000,000, but Ann is given more than her 500,000.
    assert [(i.node, i.kind, i.difference) for i in issues] == [
        ("y/ann", IssueKind.OVER_CAPACITY, Decimal("-32846.72"))
    ]


# -- activity targets and the funnel -------------------------------------------------------------


def test_activity_targets_round_once_at_the_level_planned() -> None:
    goal = Goal(metric=metrics.get("new_customers"), target=Target.level(240), timeframe=YEAR)
    funnel = Funnel(close_rate="0.3", stages={"sql": "0.25", "leads": "0.2"})
    year = activity_targets(goal, funnel)
    assert year["leads"].target_value == 16_000
    months = split_by_period(goal, "month")
    one_by_one = sum(activity_targets(m, funnel)["leads"].target_value for m in months.values())
    assert one_by_one == 16_080  # 20 a month -> 67 -> 268 -> 1,340, twelve times
    divided = year.divide(months)
    assert sum(t["leads"].target_value for t in divided.values()) == 16_000
    assert {t["leads"].target_value for t in divided.values()} == {Decimal(1333), Decimal(1334)}


def test_the_funnel_wants_the_close_rate_and_converts_a_win_rate() -> None:
    goal = Goal(metric=metrics.get("new_customers"), target=Target.level(60), timeframe=YEAR)
    by_close = activity_targets(goal, Funnel(close_rate="0.2"))
    by_win = activity_targets(goal, Funnel(win_rate="0.25", decided="0.8"))
    assert by_close["opportunities"].target_value == by_win["opportunities"].target_value == 300
    with pytest.raises(InvalidInputError, match="won ÷ \\(won \\+ lost\\)"):
        Funnel(win_rate="0.25")
    with pytest.raises(InvalidInputError, match="not both"):
        Funnel(close_rate="0.2", win_rate="0.25", decided="0.8")
    with pytest.raises(InvalidInputError, match="decided converts a win rate"):
        Funnel(decided="0.8")


def test_owners_of_a_role_goal_over_its_rate_are_reported() -> None:
    demos = Goal(
        metric=metrics.get("demos_booked"),
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        owner=Owner("AE", Scope.ROLE),
    )
    team = assign(demos, {"ann": 1})
    plan = Plan.from_goal(demos, id="q3").attach("q3", team)
    too_much = Goal(metric=demos.metric, target=Target.at_least(300), timeframe=demos.timeframe)
    plan = plan.attach("q3", {"bob": too_much})
    (issue,) = plan.check()
    assert (issue.node, issue.kind, issue.difference) == (
        "q3/bob",
        IssueKind.OVER_ASSIGNED,
        Decimal(37),
    )
    assert issue.message == (
        "q3/bob carries 300, more than the 263 each holder of q3 carries in full: "
        "over-assigned by 37"
    )


def test_check_speaks_dutch() -> None:
    goal = Goal(metric=metrics.get("calls"), target=Target.level(10), timeframe=YEAR)
    part = Goal(metric=metrics.get("calls"), target=Target.level(4), timeframe=YEAR)
    (issue,) = Plan.from_goal(goal, id="y").attach("y", {"a": part}).check(lang="nl")
    assert issue.message == (
        "de delen van y komen op 4 tegen een doel van 10: 6 te weinig toegewezen (-60%)"
    )
    with pytest.raises(InvalidInputError, match="unknown language 'de'"):
        Plan.from_goal(goal).check(lang="de")
