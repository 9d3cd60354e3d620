from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics, serialize
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target
from smartgoals.planning.funnel import Funnel, activity_targets
from smartgoals.planning.owners import assign
from smartgoals.planning.periods import split_by_period
from smartgoals.planning.plan import IssueKind, Plan, PlanIssue, PlanNode, Relation
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)
EMEA = Owner("EMEA", Scope.TEAM)
US = Owner("US", Scope.TEAM)
ANNUAL = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.level(1_200_000),
    timeframe=YEAR,
    currency="USD",
    owner=Owner("Acme", Scope.COMPANY),
)


def goal(value: object, timeframe: Timeframe = YEAR, **changes: Any) -> Goal:
    return attrs.evolve(ANNUAL, target=Target.level(value), timeframe=timeframe, **changes)


def layered_plan() -> Plan:
    """Annual -> two teams (10% over-assigned, with stretch) -> EMEA by quarter -> funnel."""
    teams = assign(ANNUAL, {EMEA: 2, US: 1}, over_assignment="0.1", stretch="0.2")
    plan = Plan.from_goal(ANNUAL, id="2027").attach("2027", teams)
    plan = plan.attach("2027/EMEA", split_by_period(teams[EMEA], "quarter"))
    funnel = Funnel(average_deal_size=20_000, close_rate="0.25", stages={"sql": "0.5"})
    return plan.attach("2027/EMEA", activity_targets(teams[EMEA], funnel))


def test_attach_builds_ids_relations_and_weights() -> None:
    plan = layered_plan()
    emea = plan.node("2027/EMEA")
    assert [c.id for c in emea.children] == [
        "2027/EMEA/stretch",
        "2027/EMEA/FY2027 Q1",
        "2027/EMEA/FY2027 Q2",
        "2027/EMEA/FY2027 Q3",
        "2027/EMEA/FY2027 Q4",
        "2027/EMEA/deals_won",
        "2027/EMEA/opportunities",
        "2027/EMEA/sql",
    ]
    assert [c.relation for c in emea.children] == [Relation.STRETCH] + [Relation.PART] * 4 + [
        Relation.DRIVER
    ] * 3
    assert emea.weight == Fraction(2, 3)
    assert plan.node("2027/EMEA/FY2027 Q2").weight == Fraction(1, 4)
    assert plan.node("2027/EMEA/stretch").goal.type is GoalType.STRETCH
    assert plan.node("2027/EMEA/sql").goal.target_value == 352
    assert plan.parent("2027/EMEA/sql") == emea
    assert plan.parent("2027") is None
    assert len(list(plan.nodes())) == 1 + 2 + 2 + 4 + 3


def test_rollup_adds_parts_and_leaves_out_drivers_and_stretch() -> None:
    rolled = layered_plan().rollup()
    assert rolled["2027/EMEA"] == Decimal("880000.00")
    assert rolled["2027/US"] == Decimal("440000.00")
    assert rolled["2027"] == Decimal("1320000.00")
    assert rolled["2027/EMEA/sql"] == 352
    assert rolled["2027/EMEA/stretch"] == Decimal("1056000.00")


def test_check_reports_visible_over_assignment_only() -> None:
    issues = layered_plan().check()
    assert len(issues) == 1
    issue = issues[0]
    assert issue.node == "2027"
    assert issue.kind is IssueKind.OVER_ASSIGNED
    assert (issue.expected, issue.actual, issue.difference) == (
        Decimal(1_200_000),
        Decimal("1320000.00"),
        Decimal("120000.00"),
    )
    assert issue.intended
    assert issue.message == (
        "the parts of 2027 come to 1320000 against a target of 1200000: over-assigned by "
        "120000 (10%), as intended (over-assignment of 10%)"
    )


def test_check_reports_under_assignment_and_uncovered_periods() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "q1": goal(300_000, Timeframe.quarter(2027, 1)),
            "q2": goal(300_000, Timeframe.quarter(2027, 2)),
            "q4": goal(300_000, Timeframe.quarter(2027, 4)),
        },
    )
    kinds = {i.kind: i for i in plan.check()}
    assert set(kinds) == {IssueKind.PERIOD_GAP, IssueKind.UNDER_ASSIGNED}
    assert kinds[IssueKind.PERIOD_GAP].timeframes == (Timeframe.quarter(2027, 3),)
    assert "92 days" in kinds[IssueKind.PERIOD_GAP].message
    assert kinds[IssueKind.UNDER_ASSIGNED].difference == -300_000


def test_check_reports_overlaps_and_periods_outside() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "h1": goal(600_000, Timeframe.half(2027, 1)),
            "q2": goal(0, Timeframe.quarter(2027, 2)),
            "h2": goal(600_000, Timeframe(date(2027, 7, 1), date(2028, 2, 1))),
        },
    )
    kinds = {i.kind: i for i in plan.check()}
    assert set(kinds) == {IssueKind.PERIOD_OVERLAP, IssueKind.OUTSIDE_PERIOD}
    assert kinds[IssueKind.PERIOD_OVERLAP].timeframes == (Timeframe.quarter(2027, 2),)
    assert kinds[IssueKind.OUTSIDE_PERIOD].timeframes == (
        Timeframe(date(2027, 7, 1), date(2028, 2, 1)),
    )


def test_check_reports_metric_unit_currency_and_incomplete_parts() -> None:
    calls = Goal(metric=metrics.get("calls"), target=Target.level(10), timeframe=YEAR)
    mrr = goal(10, metric=metrics.get("mrr"))
    euros = goal(600_000, currency="EUR")
    vague = Goal(metric=metrics.get("revenue"), timeframe=YEAR, currency="USD")
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y", {"calls": calls, "mrr": mrr, "eur": euros, "vague": vague}
    )
    found = [(i.node, i.kind) for i in plan.check()]
    assert found == [
        ("y/calls", IssueKind.UNIT_MISMATCH),
        ("y/calls", IssueKind.CURRENCY_MISMATCH),
        ("y/mrr", IssueKind.METRIC_MISMATCH),
        ("y/eur", IssueKind.CURRENCY_MISMATCH),
        ("y/vague", IssueKind.INCOMPLETE),
    ]


def test_rollup_averages_and_levels() -> None:
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    reps = {
        "a": attrs.evolve(win_rate, target=Target.at_least("0.2")),
        "b": attrs.evolve(win_rate, target=Target.at_least("0.4")),
    }
    plan = Plan.from_goal(win_rate, id="w").attach("w", reps)
    assert plan.rollup()["w"] == Decimal("0.3")
    assert plan.check() == ()
    weighted = Plan.from_goal(win_rate, id="w").attach("w", assign(win_rate, {"a": 3, "b": 1}))
    assert weighted.rollup()["w"] == Decimal("0.3")

    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        target=Target.level(140_000),
        baseline=100_000,
        timeframe=YEAR,
    )
    by_quarter = Plan.from_goal(mrr, id="m").attach("m", split_by_period(mrr, "quarter"))
    assert by_quarter.rollup()["m"] == 140_000
    assert by_quarter.check() == ()
    by_team = Plan.from_goal(mrr, id="m").attach("m", assign(mrr, {"a": 1, "b": 1}))
    assert by_team.rollup()["m"] == 140_000
    assert by_team.check() == ()


def test_lock_keeps_the_override_and_rebalances_the_siblings() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1, "west": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", split_by_period(teams["south"], "quarter"))
    locked = plan.lock("y/north", 600_000)
    assert locked.node("y/north").locked
    assert locked.node("y/north").goal.target_value == 600_000
    assert locked.node("y/south").goal.target_value == Decimal("300000.00")
    assert locked.node("y/west").goal.target_value == Decimal("300000.00")
    # The parts below a changed node follow it.
    assert [c.goal.target_value for c in locked.node("y/south").children] == [
        Decimal("75000.00")
    ] * 4
    assert locked.check() == ()
    # A second lock leaves the first alone.
    twice = locked.lock("y/west", 500_000)
    assert twice.node("y/north").goal.target_value == 600_000
    assert twice.node("y/south").goal.target_value == Decimal("100000.00")
    assert [c.goal.target_value for c in twice.node("y/south").children] == [
        Decimal("25000.00")
    ] * 4
    assert twice.check() == ()


def test_lock_respects_locked_descendants_and_the_root() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", split_by_period(teams["south"], "quarter"))
    plan = plan.lock("y/south/FY2027 Q1", 300_000)
    grown = plan.lock("y", 1_500_000)
    assert grown.node("y").goal.target_value == 1_500_000
    assert grown.node("y/south/FY2027 Q1").goal.target_value == 300_000
    assert grown.check() == ()
    assert grown.rollup()["y"] == 1_500_000


def test_lock_errors() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    with pytest.raises(InvalidInputError, match="more than its target"):
        plan.lock("y/north", 1_300_000)
    with pytest.raises(InvalidInputError, match="not a multiple of the quantum"):
        plan.lock("y/north", "10.001")
    both = plan.lock("y/north", 200_000)
    with pytest.raises(InvalidInputError, match="every part of 'y' is locked"):
        both.lock("y/south", 100_000)
    with pytest.raises(KeyError, match="no plan node has the id 'y/east'"):
        plan.lock("y/east", 1)
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    rates = Plan.from_goal(win_rate, id="w").attach("w", assign(win_rate, {"a": 1, "b": 1}))
    with pytest.raises(InvalidInputError, match="does not add up"):
        rates.lock("w/a", "0.5")
    mrr = Goal(metric=metrics.get("mrr"), target=Target.level(200), baseline=100, timeframe=YEAR)
    path = Plan.from_goal(mrr, id="m").attach("m", split_by_period(mrr, "quarter"))
    with pytest.raises(InvalidInputError, match="milestones"):
        path.lock("m/FY2027 Q1", 150)


def test_ids_must_be_unique_and_children_known() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", {"a": goal(1)})
    with pytest.raises(InvalidInputError, match="two plan nodes have the id 'y/a'"):
        plan.attach("y", {"a": goal(1)})
    with pytest.raises(InvalidInputError, match="non-empty strings"):
        Plan(PlanNode("", ANNUAL))
    with pytest.raises(InvalidInputError, match="children must be"):
        plan.attach("y", [goal(1)])  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        plan.node("nope")


def test_plan_issue_difference() -> None:
    assert PlanIssue("a", IssueKind.PERIOD_GAP, "gap").difference is None


def test_plans_round_trip_through_the_serializer() -> None:
    plan = layered_plan().lock("2027/EMEA/FY2027 Q1", 250_000)
    document = json.loads(serialize.to_json(plan))
    assert document["root"]["children"][0]["weight"] == "2/3"
    assert document["root"]["children"][0]["relation"] == "part"
    assert serialize.from_dict(document, Plan) == plan
    assert serialize.from_json(serialize.to_json(plan), Plan) == plan


@st.composite
def org_shapes(draw: st.DrawFn) -> tuple[int, list[list[int]]]:
    total = draw(st.integers(0, 10**9))
    teams = draw(
        st.lists(
            st.lists(st.integers(0, 5), min_size=1, max_size=5).filter(any), min_size=1, max_size=4
        )
    )
    return total, teams


@settings(deadline=None, max_examples=30)
@given(org_shapes(), st.sampled_from(["quarter", "month"]))
def test_an_exactly_split_plan_checks_clean_and_rolls_up_to_its_target(
    shape: tuple[int, list[list[int]]], granularity: str
) -> None:
    total, teams = shape
    annual = goal(total)
    team_split = assign(annual, {f"t{i}": sum(reps) for i, reps in enumerate(teams)})
    plan = Plan.from_goal(annual, id="y").attach("y", team_split)
    for i, reps in enumerate(teams):
        team_goal = team_split[f"t{i}"]
        if not sum(reps):
            continue
        rep_split = assign(team_goal, {f"r{j}": w for j, w in enumerate(reps)})
        plan = plan.attach(f"y/t{i}", rep_split)
        for j in range(len(reps)):
            plan = plan.attach(f"y/t{i}/r{j}", split_by_period(rep_split[f"r{j}"], granularity))
    assert plan.check() == ()
    rolled = plan.rollup()
    assert rolled["y"] == total
    for node in plan.nodes():
        assert rolled[node.id] == node.goal.target_value


def test_lock_keeps_over_assignment_at_every_level() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1}, over_assignment="0.1")
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", assign(teams["south"], {"a": 1, "b": 1}, over_assignment="0.1"))
    locked = plan.lock("y/north", 700_000)
    assert str(locked.node("y/north").goal.target_value) == "700000.00"
    south = locked.node("y/south")
    assert south.goal.target_value == Decimal("620000.00")
    assert [c.goal.target_value for c in south.parts] == [Decimal("341000.00")] * 2
    issues = {(i.node, i.kind): i.difference for i in locked.check()}
    assert issues == {
        ("y", IssueKind.OVER_ASSIGNED): Decimal("120000.00"),
        ("y/south", IssueKind.OVER_ASSIGNED): Decimal("62000.00"),
    }
