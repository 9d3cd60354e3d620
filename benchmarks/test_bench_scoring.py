"""Speed of SMART scoring: a complete structured goal, every built-in rule, a context.

The target is at least 20,000 goals per second on one core. Run with::

    python -m pytest benchmarks/test_bench_scoring.py --benchmark-only
"""

from __future__ import annotations

import itertools
from datetime import date

import attrs
from pytest_benchmark.fixture import BenchmarkFixture

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target
from smartgoals.scoring import Context, RuleSet, Scorecard, Verdict, score
from smartgoals.scoring.rules import RULES
from smartgoals.timeframes import Timeframe

GOAL = Goal(
    statement="The EMEA team increases revenue from €1,200,000 by 10% in 2027, "
    "by using consultative selling through email and phone, reviewed every month",
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.change("0.10"),
    baseline=1_200_000,
    timeframe=Timeframe.year(2027),
    currency="EUR",
    owner=Owner("EMEA team", Scope.TEAM),
    type=GoalType.TEAM,
    strategy="consultative selling through email campaigns and phone follow-ups",
)
CONTEXT = Context(
    as_of=date(2027, 1, 10),
    history={
        "revenue": [
            (date(2024, 1, 1), 830_000),
            (date(2025, 1, 1), 1_000_000),
            (date(2026, 1, 1), 1_200_000),
        ]
    },
    capacity={"revenue": 1_500_000},
    channels=["email", "phone"],
    activity_goals=[
        Goal(
            metric=metrics.get("calls"),
            direction=Direction.INCREASE,
            target=Target.level(2400),
            timeframe=Timeframe.year(2027),
        )
    ],
)
RULE_SET = RuleSet(RULES)
# Distinct statements, so that no per-text cache carries over from one goal to the next.
GOALS = [attrs.evolve(GOAL, statement=f"Goal {i}: {GOAL.statement}") for i in range(4096)]


def test_score_complete_goal(benchmark: BenchmarkFixture) -> None:
    goals = itertools.cycle(GOALS)
    # The scoring vocabulary's pattern is compiled on first use, so that importing
    # smartgoals stays fast. Score one goal (not one of GOALS) before timing, so that the
    # figure is the rate at which goals are scored and pytest-benchmark does not size its
    # rounds by that first call.
    RULE_SET.score(attrs.evolve(GOAL, statement="Warm-up: " + GOAL.statement), context=CONTEXT)

    def score_next() -> Scorecard:
        return RULE_SET.score(next(goals), context=CONTEXT)

    card = benchmark(score_next)
    assert card.verdict is Verdict.SMART
    assert card.score == 100
    assert len(RULE_SET.active) >= 20


def test_score_same_goal_default_rules(benchmark: BenchmarkFixture) -> None:
    card = benchmark(score, GOAL, context=CONTEXT)
    assert card.verdict is Verdict.SMART
