from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.planning.funnel import Funnel, FunnelTargets, activity_targets
from smartgoals.planning.periods import split_by_period
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


_RATE = "must be a fraction above 0 and at most 1, got {}; write 25% as 0.25 (a rate of 0 would need infinitely many inputs)"
_NOT_A_COUNT = (
    "is not a count that adds up; funnel stages count things such as sql, mql, meetings or calls"
)
_TWICE = "appears twice or repeats deals/opportunities; list each stage once, from the opportunity upward"
_NOT_BOTH = "give either close_rate, or win_rate with decided, not both"


@pytest.mark.parametrize(
    ("kwargs", "message", "name", "value"),
    [
        ({"close_rate": 0}, f"close_rate {_RATE.format(0)}", "close_rate", 0),
        ({"close_rate": 25}, f"close_rate {_RATE.format(25)}", "close_rate", 25),
        ({"close_rate": "1.5"}, f"close_rate {_RATE.format('1.5')}", "close_rate", "1.5"),
        ({"close_rate": "-0.1"}, f"close_rate {_RATE.format('-0.1')}", "close_rate", "-0.1"),
        (
            {"close_rate": "0.2", "stages": {"sql": 0}},
            f"conversion rate of sql {_RATE.format(0)}",
            "conversion rate of sql",
            0,
        ),
        (
            {"close_rate": "0.2", "stages": {"sql": "1.5"}},
            f"conversion rate of sql {_RATE.format('1.5')}",
            "conversion rate of sql",
            "1.5",
        ),
        (
            {"close_rate": "0.2", "stages": {"revenue": "0.5"}},
            f"stage revenue {_NOT_A_COUNT}",
            "stages",
            {"revenue": "0.5"},
        ),
        (
            {"close_rate": "0.2", "stages": {"win_rate": "0.5"}},
            f"stage win_rate {_NOT_A_COUNT}",
            "stages",
            {"win_rate": "0.5"},
        ),
        (
            {"close_rate": "0.2", "stages": [("sql", "0.5"), ("sql", "0.5")]},
            f"stage sql {_TWICE}",
            "stages",
            [("sql", "0.5"), ("sql", "0.5")],
        ),
        (
            {"close_rate": "0.2", "stages": {"opportunities": "0.5"}},
            f"stage opportunities {_TWICE}",
            "stages",
            {"opportunities": "0.5"},
        ),
        (
            {"close_rate": "0.2", "stages": {"deals_won": "0.5"}},
            f"stage deals_won {_TWICE}",
            "stages",
            {"deals_won": "0.5"},
        ),
        (
            {"close_rate": "0.2", "stages": "sql"},
            "stages must be a mapping from metric key to conversion rate, got 'sql'",
            "stages",
            "sql",
        ),
        (
            {"close_rate": "0.2", "stages": 5},
            "stages must be a mapping from metric key to conversion rate, got 5",
            "stages",
            5,
        ),
        (
            {"close_rate": "0.2", "stages": [("sql",)]},
            "a stage must be a (metric key, rate) pair, got ('sql',)",
            "stages",
            [("sql",)],
        ),
        (
            {"close_rate": "0.2", "average_deal_size": 0},
            "average_deal_size must be above zero, got 0",
            "average_deal_size",
            0,
        ),
        (
            {"close_rate": "0.2", "average_deal_size": -5},
            "average_deal_size must be above zero, got -5",
            "average_deal_size",
            -5,
        ),
        (
            {"win_rate": "0.25"},
            "a win rate of 0.25 is won ÷ (won + lost), which leaves out the opportunities that "
            "never close; the funnel needs the close rate (won ÷ opportunities created): give "
            "close_rate=, or decided= (the share of opportunities that end won or lost) to "
            "convert the win rate",
            "win_rate",
            "0.25",
        ),
        (
            {"close_rate": "0.2", "win_rate": "0.25", "decided": "0.8"},
            _NOT_BOTH,
            "close_rate",
            "0.2",
        ),
        ({"close_rate": "0.2", "decided": "0.8"}, _NOT_BOTH, "close_rate", "0.2"),
        ({"close_rate": "0.2", "win_rate": "0.25"}, _NOT_BOTH, "close_rate", "0.2"),
        (
            {"decided": "0.8"},
            "decided converts a win rate; give win_rate= with it, or close_rate=",
            "decided",
            "0.8",
        ),
        (
            {},
            "a funnel needs close_rate= (won ÷ opportunities created), or win_rate= with decided=",
            "close_rate",
            None,
        ),
        (
            {"win_rate": "1.25", "decided": "0.8"},
            f"win_rate {_RATE.format('1.25')}",
            "win_rate",
            "1.25",
        ),
        ({"win_rate": "0.25", "decided": "0"}, f"decided {_RATE.format(0)}", "decided", "0"),
    ],
)
def test_funnel_validation(
    kwargs: dict[str, object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        Funnel(**kwargs)
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_a_rate_of_one_is_the_largest_accepted() -> None:
    assert Funnel(close_rate=1).close_rate == 1
    assert Funnel(win_rate=1, decided=1).close_rate == 1
    assert Funnel(close_rate="0.2", stages={"sql": 1}).stages == (("sql", Decimal(1)),)
    assert Funnel(close_rate="0.2", average_deal_size="0.01").average_deal_size == Decimal("0.01")
    with pytest.raises(KeyError):
        activity_targets(REVENUE, Funnel(close_rate=1, average_deal_size=1))["sql"]


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


_YEAR_CUSTOMERS = Goal(
    metric=metrics.get("new_customers"), target=Target.level(100), timeframe=YEAR
)
_CUSTOMER_TARGETS = activity_targets(_YEAR_CUSTOMERS, Funnel(close_rate="0.25"))


@pytest.mark.parametrize(
    ("call", "message", "name", "value"),
    [
        (
            lambda: activity_targets(REVENUE, Funnel(close_rate="0.25")),
            "revenue is money; give the funnel an average_deal_size to turn it into a number "
            "of deals",
            "average_deal_size",
            None,
        ),
        (
            lambda: activity_targets(
                attrs.evolve(REVENUE, target=Target.at_most(100), direction=None),
                Funnel(close_rate="0.25", average_deal_size=10),
            ),
            "the goal caps revenue (at most 100); activity targets follow from an outcome to "
            "reach, not a ceiling",
            "goal",
            Target.at_most(100),
        ),
        (
            lambda: activity_targets(
                Goal(metric=metrics.get("win_rate"), target=Target.level("0.3"), timeframe=YEAR),
                Funnel(close_rate="0.25"),
            ),
            "activity targets start from revenue, a count of won deals or a stage of the "
            "funnel, not win rate; use a goal on revenue, deals_won or new_customers, or list "
            "win_rate among the funnel's stages",
            "goal",
            "win_rate",
        ),
        (
            lambda: _CUSTOMER_TARGETS.divide({}),
            "no parts to divide the activity targets over",
            "parts",
            {},
        ),
        (
            lambda: _CUSTOMER_TARGETS.divide({"a": attrs.evolve(_YEAR_CUSTOMERS, target=None)}),
            "part 'a' has no target value to weigh its activities by",
            "parts",
            "a",
        ),
        (
            lambda: _CUSTOMER_TARGETS.divide(
                {"b": attrs.evolve(_YEAR_CUSTOMERS, target=Target.change("0.1"))}
            ),
            "part 'b' has no target value to weigh its activities by",
            "parts",
            "b",
        ),
    ],
)
def test_activity_target_errors_name_the_value_and_the_fix(
    call: Callable[[], object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_divide_gives_each_part_its_floor_or_ceiling_with_the_part_s_owner_and_timeframe() -> None:
    halves = split_by_period(
        attrs.evolve(_YEAR_CUSTOMERS, owner=SAM), "half", weights={"FY2027 H1": 1, "FY2027 H2": 2}
    )
    assert [g.target_value for g in halves.values()] == [33, 67]
    divided = _CUSTOMER_TARGETS.divide(halves)
    # 100 customers need 400 opportunities: 33% of them is 132, 67% is 268.
    assert {key: values(t) for key, t in divided.items()} == {
        "FY2027 H1": {"deals_won": 33, "opportunities": 132},
        "FY2027 H2": {"deals_won": 67, "opportunities": 268},
    }
    for key, targets in divided.items():
        assert targets.parent is halves[key]
        assert targets.funnel is _CUSTOMER_TARGETS.funnel
        for goal in targets.values():
            assert (goal.timeframe, goal.owner) == (halves[key].timeframe, SAM)
            assert goal.target is not None
            assert goal.target.per is None


def test_deals_won_and_opportunities_can_be_the_outcome() -> None:
    deals = Goal(metric=metrics.get("deals_won"), target=Target.level(30), timeframe=YEAR)
    funnel = Funnel(close_rate="0.5", stages={"sql": "0.4"})
    assert values(activity_targets(deals, funnel)) == {
        "deals_won": 30,
        "opportunities": 60,
        "sql": 150,
    }
    # A stage as the outcome starts the chain there: nothing below it is derived.
    opportunities = attrs.evolve(deals, metric=metrics.get("opportunities"))
    assert values(activity_targets(opportunities, funnel)) == {"opportunities": 30, "sql": 75}
    sqls = attrs.evolve(deals, metric=metrics.get("sql"), target=Target.level("30.5"))
    assert values(activity_targets(sqls, funnel)) == {"sql": 31}


@pytest.mark.parametrize(
    ("call", "message", "name", "value"),
    [
        (
            lambda: Funnel(close_rate="x"),
            "close_rate must be a number, got 'x'; write it like '1500' or '0.05'",
            "close_rate",
            "x",
        ),
        (
            lambda: Funnel(win_rate="x", decided="0.5"),
            "win_rate must be a number, got 'x'; write it like '1500' or '0.05'",
            "win_rate",
            "x",
        ),
        (
            lambda: Funnel(close_rate="0.2", average_deal_size="big"),
            "average_deal_size must be a number, got 'big'; write it like '1500' or '0.05'",
            "average_deal_size",
            "big",
        ),
        (
            lambda: activity_targets(
                Goal(metric=metrics.get("calls"), target=Target.level(5), timeframe=YEAR),
                Funnel(close_rate="0.5", average_deal_size=1),
            ),
            "activity targets start from revenue, a count of won deals or a stage of the "
            "funnel, not calls; use a goal on revenue, deals_won or new_customers, or list "
            "calls among the funnel's stages",
            "goal",
            "calls",
        ),
        (
            lambda: activity_targets(
                Goal(
                    metric=metrics.get("mrr"),
                    target=Target.level(5),
                    timeframe=YEAR,
                    currency="EUR",
                ),
                Funnel(close_rate="0.5", average_deal_size=1),
            ),
            "activity targets start from revenue, a count of won deals or a stage of the "
            "funnel, not monthly recurring revenue; use a goal on revenue, deals_won or "
            "new_customers, or list mrr among the funnel's stages",
            "goal",
            "mrr",
        ),
    ],
)
def test_numbers_and_outcomes_the_funnel_cannot_use(
    call: Callable[[], object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


@pytest.mark.parametrize(
    ("goal", "missing"),
    [
        (Goal(target=Target.level(5), timeframe=YEAR), ("metric",)),
        (Goal(metric=metrics.get("revenue"), timeframe=YEAR), ("target",)),
        (Goal(metric=metrics.get("new_customers"), target=Target.level(5)), ("timeframe",)),
    ],
)
def test_an_incomplete_outcome_names_what_is_missing(goal: Goal, missing: tuple[str, ...]) -> None:
    with pytest.raises(IncompleteGoalError) as raised:
        activity_targets(goal, Funnel(close_rate="0.5", average_deal_size=1))
    assert raised.value.missing == missing
    assert str(raised.value) == (
        f"cannot derive activity targets: the goal has no {', '.join(missing)}; set them first"
    )


def test_a_converted_win_rate_keeps_what_it_was_converted_from() -> None:
    funnel = Funnel(win_rate="0.25", decided="0.8")
    assert (funnel.close_rate, funnel.win_rate, funnel.decided) == (
        Decimal("0.2"),
        Decimal("0.25"),
        Decimal("0.8"),
    )
    assert (Funnel(close_rate="0.2").win_rate, Funnel(close_rate="0.2").decided) == (None, None)
    with pytest.raises(KeyError) as raised:
        _CUSTOMER_TARGETS["sql"]
    assert raised.value.args == ("sql",)


def test_the_activities_of_a_rate_divide_over_months_by_the_months_totals() -> None:
    demos = Goal(
        metric=metrics.get("demos_booked"),
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
    )
    funnel = Funnel(close_rate="0.3", stages={"demos_booked": "0.5", "calls": "0.1"})
    months = split_by_period(demos, "month")
    assert [g.target_value for g in months.values()] == [89, 88, 86]  # 263 in the quarter
    divided = activity_targets(demos, funnel).divide(months)
    # 263 demos need 2,630 calls; each month its share of them, by its demos.
    assert [t["calls"].target_value for t in divided.values()] == [890, 880, 860]
