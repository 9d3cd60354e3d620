from __future__ import annotations

import math
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.planning.funnel import Funnel, FunnelTargets, activity_targets
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)
SAM = Owner("Sam", Scope.INDIVIDUAL)
REVENUE = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.level(1_200_000),
    timeframe=YEAR,
    currency="USD",
    owner=SAM,
    strategy="by using consultative selling",
)


def values(targets: FunnelTargets) -> dict[str, Decimal]:
    return {key: goal.target_value for key, goal in targets.items()}


def test_issue_example_revenue_to_deals_opportunities_and_sqls() -> None:
    funnel = Funnel(average_deal_size=20_000, close_rate="0.25", stages={"sql": "0.5"})
    assert values(activity_targets(REVENUE, funnel)) == {
        "deals_won": 60,
        "opportunities": 240,
        "sql": 480,
    }


def test_each_result_is_an_activity_goal_of_the_parent() -> None:
    funnel = Funnel(average_deal_size=20_000, close_rate="0.25", stages={"sql": "0.5"})
    targets = activity_targets(REVENUE, funnel)
    for key, goal in targets.items():
        assert goal.type is GoalType.ACTIVITY
        assert goal.metric == metrics.get(key)
        assert goal.timeframe == YEAR
        assert goal.owner == SAM
        assert goal.strategy == REVENUE.strategy
        assert goal.direction is Direction.INCREASE
        assert goal.target is not None
        assert goal.target.kind is TargetKind.AT_LEAST
        assert goal.currency is None
    assert targets.parent is REVENUE
    assert targets.funnel is funnel
    assert len(targets) == 3


def test_counts_round_up_stage_by_stage() -> None:
    funnel = Funnel(
        average_deal_size=30_000,
        close_rate="0.3",
        stages={"sql": "0.4", "mql": "0.25", "meetings": "0.9", "calls": "0.1"},
    )
    # 1,200,000 / 30,000 = 40 deals; 40 / 0.3 = 133.3 -> 134; 134 / 0.4 = 335;
    # 335 / 0.25 = 1340; 1340 / 0.9 = 1488.9 -> 1489; 1489 / 0.1 = 14890.
    assert values(activity_targets(REVENUE, funnel)) == {
        "deals_won": 40,
        "opportunities": 134,
        "sql": 335,
        "mql": 1340,
        "meetings": 1489,
        "calls": 14890,
    }


def test_a_part_deal_needs_a_whole_deal() -> None:
    goal = attrs.evolve(REVENUE, target=Target.level(1_000_001))
    funnel = Funnel(average_deal_size=20_000, close_rate=1)
    assert values(activity_targets(goal, funnel))["deals_won"] == 51


def test_new_customers_count_as_deals_and_need_no_deal_size() -> None:
    goal = Goal(
        metric=metrics.get("new_customers"),
        target=Target.change("0.5"),
        baseline=20,
        timeframe=YEAR,
    )
    assert values(activity_targets(goal, Funnel(close_rate="0.2"))) == {
        "deals_won": 30,
        "opportunities": 150,
    }


def test_change_targets_resolve_first() -> None:
    goal = attrs.evolve(REVENUE, target=Target.change("0.2"), baseline=1_000_000)
    funnel = Funnel(average_deal_size=20_000, close_rate="0.25")
    assert values(activity_targets(goal, funnel))["deals_won"] == 60


def test_metric_keys_or_metrics_as_stages() -> None:
    funnel = Funnel(close_rate="0.5", stages=[(metrics.get("sql"), "0.5"), ("mql", "0.5")])
    assert funnel.stages == (("sql", Decimal("0.5")), ("mql", Decimal("0.5")))


def test_errors_say_what_to_do() -> None:
    with pytest.raises(InvalidInputError, match="give the funnel an average_deal_size"):
        activity_targets(REVENUE, Funnel(close_rate="0.25"))
    capped = attrs.evolve(REVENUE, target=Target.at_most(100), direction=None)
    with pytest.raises(InvalidInputError, match="not a ceiling"):
        activity_targets(capped, Funnel(close_rate="0.25", average_deal_size=10))
    churn = Goal(metric=metrics.get("win_rate"), target=Target.level("0.3"), timeframe=YEAR)
    with pytest.raises(
        InvalidInputError, match="start from revenue, a count of won deals or a stage"
    ):
        activity_targets(churn, Funnel(close_rate="0.25"))
    with pytest.raises(IncompleteGoalError):
        activity_targets(Goal(metric=metrics.get("revenue")), Funnel(close_rate="0.25"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"close_rate": 0}, "above 0 and at most 1"),
        ({"close_rate": 25}, "write 25% as 0.25"),
        ({"close_rate": "0.2", "stages": {"sql": 0}}, "conversion rate of sql"),
        ({"close_rate": "0.2", "stages": {"revenue": "0.5"}}, "not a count that adds up"),
        ({"close_rate": "0.2", "stages": [("sql", "0.5"), ("sql", "0.5")]}, "appears twice"),
        ({"close_rate": "0.2", "stages": {"sqls": "0.5"}}, "did you mean 'sql'"),
        ({"close_rate": "0.2", "stages": {"opportunities": "0.5"}}, "appears twice"),
        ({"close_rate": "0.2", "stages": "sql"}, "mapping from metric key"),
        ({"close_rate": "0.2", "stages": [("sql",)]}, r"\(metric key, rate\) pair"),
        ({"close_rate": "0.2", "average_deal_size": 0}, "average_deal_size must be above zero"),
    ],
)
def test_funnel_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Funnel(**kwargs)


@given(
    st.integers(1, 10**8),
    st.integers(1, 10**6),
    st.decimals("0.01", "1", places=2),
    st.lists(st.decimals("0.01", "1", places=2), max_size=4),
)
def test_every_stage_feeds_enough_into_the_next(
    revenue: int, deal_size: int, win_rate: Decimal, rates: list[Decimal]
) -> None:
    keys = ["sql", "mql", "meetings", "calls"][: len(rates)]
    funnel = Funnel(
        average_deal_size=deal_size,
        close_rate=win_rate,
        stages=dict(zip(keys, rates, strict=True)),
    )
    goal = attrs.evolve(REVENUE, target=Target.level(revenue))
    counts = list(values(activity_targets(goal, funnel)).values())
    assert counts[0] * deal_size >= revenue
    assert (counts[0] - 1) * deal_size < revenue
    conversion = [win_rate, *rates]
    for above, below, rate in zip(counts[1:], counts[:-1], conversion, strict=True):
        assert above * rate >= below
        assert above == math.ceil(below / rate)
        assert above >= below
