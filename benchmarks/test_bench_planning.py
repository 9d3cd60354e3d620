"""Benchmarks for smartgoals.planning: exact allocation at scale and a company-sized plan.

Run: ``pytest benchmarks/test_bench_planning.py --benchmark-only``. The targets:
allocating a total over 1,000,000 weights exactly in at most 3 s, and a plan of one year
× 12 months × 50 teams × 10,000 reps in at most 10 s. The plan is read as 50 teams of 200
reps (10,000 reps in all), each rep's annual goal split into 12 months: 130,051 goals.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.planning import Plan, PlanNode, Relation, allocate, assign, split_by_period
from smartgoals.timeframes import Timeframe

TOTAL = Decimal("123456789.01")


@pytest.fixture(scope="module")
def integer_weights() -> list[int]:
    rnd = random.Random(2027)
    return [rnd.randint(0, 1000) for _ in range(1_000_000)]


@pytest.fixture(scope="module")
def decimal_weights() -> list[Decimal]:
    rnd = random.Random(2028)
    return [Decimal(rnd.randint(0, 100_000)).scaleb(-2) for _ in range(1_000_000)]


def test_allocate_a_million_integer_weights(
    benchmark: BenchmarkFixture, integer_weights: list[int]
) -> None:
    parts = benchmark.pedantic(
        allocate, (TOTAL, integer_weights), {"quantum": "0.01"}, rounds=3, iterations=1
    )
    assert len(parts) == 1_000_000
    assert sum(map(Fraction, parts)) == Fraction(TOTAL)


def test_allocate_a_million_decimal_weights(
    benchmark: BenchmarkFixture, decimal_weights: list[Decimal]
) -> None:
    parts = benchmark.pedantic(
        allocate, (TOTAL, decimal_weights), {"quantum": "0.01"}, rounds=3, iterations=1
    )
    assert sum(map(Fraction, parts)) == Fraction(TOTAL)


def build_plan() -> Plan:
    annual = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level("500000000.00"),
        timeframe=Timeframe.year(2027),
        currency="USD",
    )
    teams = assign(annual, {Owner(f"team {t:02d}", Scope.TEAM): 1 + t % 3 for t in range(50)})
    team_nodes = []
    for team in teams.shares:
        team_id = f"FY2027/{team.goal.owner}"
        reps = assign(
            team.goal,
            {
                Owner(f"{team.goal.owner} rep {r:03d}", Scope.INDIVIDUAL): 1 + r % 4
                for r in range(200)
            },
        )
        rep_nodes = []
        for rep in reps.shares:
            rep_id = f"{team_id}/{rep.goal.owner}"
            months = split_by_period(rep.goal, "month")
            month_nodes = [
                PlanNode(f"{rep_id}/{p.label}", p.goal, (), Relation.PART, p.weight)
                for p in months.periods
            ]
            rep_nodes.append(PlanNode(rep_id, rep.goal, month_nodes, Relation.PART, rep.weight))
        team_nodes.append(PlanNode(team_id, team.goal, rep_nodes, Relation.PART, team.weight))
    return Plan(PlanNode("FY2027", annual, team_nodes))


def test_plan_of_a_year_by_months_for_fifty_teams_of_ten_thousand_reps(
    benchmark: BenchmarkFixture,
) -> None:
    plan = benchmark.pedantic(build_plan, rounds=1, iterations=1)
    assert sum(1 for _ in plan.nodes()) == 1 + 50 + 10_000 + 120_000


@pytest.fixture(scope="module")
def big_plan() -> Plan:
    return build_plan()


def test_rollup_and_check_of_the_big_plan(benchmark: BenchmarkFixture, big_plan: Plan) -> None:
    def rollup_and_check() -> tuple[dict[str, Decimal], int]:
        return big_plan.rollup(), len(big_plan.check())

    rolled, issues = benchmark.pedantic(rollup_and_check, rounds=1, iterations=1)
    assert rolled["FY2027"] == Decimal("500000000.00")
    assert issues == 0


def test_split_a_daily_rate_over_ten_years_by_day(benchmark: BenchmarkFixture) -> None:
    """A rate's exact per-period targets weigh the split: 3,653 days, rounded once."""
    goal = Goal(
        metric=metrics.get("calls"),
        direction=Direction.INCREASE,
        target=Target.at_least(50, per="day"),
        timeframe=Timeframe(Timeframe.year(2027).start, Timeframe.year(2036).end),
    )
    split = benchmark.pedantic(split_by_period, (goal, "day"), rounds=3, iterations=1)
    assert sum(g.target_value for g in split.values()) == goal.target_total() == 182_650


def test_assign_a_weekly_rate_to_two_hundred_holders_of_a_role(
    benchmark: BenchmarkFixture,
) -> None:
    """Each holder of a role carries the rate, prorated week by week by its own start."""
    goal = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.year(2027),
        owner=Owner("AE", Scope.ROLE),
    )
    people: dict[Owner | str, object] = {f"ae{i}": 1 for i in range(200)}
    starts = {f"ae{i}": Timeframe.month(2027, 1 + i % 12).start for i in range(0, 200, 2)}
    team = benchmark.pedantic(
        assign, (goal, people), {"start_dates": starts}, rounds=3, iterations=1
    )
    assert len(team) == 200
    assert team[f"ae{1}"].target == goal.target
