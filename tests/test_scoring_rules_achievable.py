from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, GoalType, Target
from smartgoals.scoring import Context, Criterion, CriterionStatus, RuleSet, Severity
from smartgoals.scoring.rules import achievable
from smartgoals.scoring.rules._trend import required_change, yearly_log_rate
from smartgoals.timeframes import Timeframe

RULES = RuleSet(achievable.RULES)

# Revenue grew about 12% a year and was $700,000 last year (the article's example).
ARTICLE_HISTORY = {
    "revenue": [
        (date(2024, 1, 1), 560_000),
        (date(2025, 1, 1), 630_000),
        (date(2026, 1, 1), 700_000),
    ]
}
# Revenue grew 20% a year.
TWENTY_PERCENT = {
    "revenue": [
        (date(2024, 1, 1), 1_000_000),
        (date(2025, 1, 1), 1_200_000),
        (date(2026, 1, 1), 1_440_000),
    ]
}


def revenue_goal(target: Target, **kwargs: object) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=target,
        timeframe=Timeframe.year(2027),
        currency="USD",
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_articles_five_million_after_700000_is_flagged() -> None:
    goal = revenue_goal(Target.level(5_000_000), baseline=700_000)
    card = RULES.score(goal, context=Context(history=ARTICLE_HISTORY))
    a001 = [f for f in card.findings if f.code == "A001"]
    assert len(a001) == 1
    assert a001[0].severity is Severity.ERROR
    assert a001[0].values["required"] == Decimal("6.1525")
    assert a001[0].values["history"] == Decimal("0.1179")
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.NOT_MET


def test_the_articles_example_without_a_baseline_uses_the_history() -> None:
    goal = revenue_goal(Target.level(5_000_000))
    card = RULES.score(goal, context=Context(history=ARTICLE_HISTORY))
    assert "A001" in card.codes(Severity.ERROR)


def test_ten_percent_on_a_history_of_twenty_percent_passes() -> None:
    goal = revenue_goal(Target.change("0.10"), baseline=1_440_000)
    card = RULES.score(goal, context=Context(history=TWENTY_PERCENT))
    assert card.findings == ()
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.MET


def test_without_history_achievable_is_unknown_not_guessed() -> None:
    card = RULES.score(revenue_goal(Target.level(5_000_000), baseline=700_000))
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.UNKNOWN
    assert any("Context.history['revenue']" in e for e in card.unknown[Criterion.ACHIEVABLE])


def test_a_stretch_goal_is_judged_against_a_looser_bound_and_says_so() -> None:
    # +60% after +20% a year: out of reach for a committed goal, fine as a stretch goal.
    committed = revenue_goal(Target.change("0.60"), baseline=1_440_000)
    stretch = revenue_goal(Target.change("0.60"), baseline=1_440_000, type=GoalType.STRETCH)
    context = Context(history=TWENTY_PERCENT)
    assert "A001" in RULES.score(committed, context=context).codes()
    assert "A001" not in RULES.score(stretch, context=context).codes()
    far = revenue_goal(Target.change("2.0"), baseline=1_440_000, type=GoalType.STRETCH)
    message = next(
        f.message for f in RULES.score(far, context=context).findings if f.code == "A001"
    )
    assert message.startswith("Even for a stretch goal")
    assert "looser stretch bound is +80% a year" in message


def test_growth_limit_is_documented_numbers() -> None:
    assert math.expm1(achievable.growth_limit(math.log(1.2))) == pytest.approx(0.5)
    assert math.expm1(achievable.growth_limit(math.log(1.2), stretch=True)) == pytest.approx(0.8)
    # Slow growers still get room: history plus 25% a year.
    assert math.expm1(achievable.growth_limit(0.0)) == pytest.approx(0.25)


@given(st.floats(-1, 1), st.floats(-1, 1))
def test_growth_limit_grows_with_history_and_stretch_is_looser(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert achievable.growth_limit(low) <= achievable.growth_limit(high)
    assert achievable.growth_limit(a) <= achievable.growth_limit(a, stretch=True)
    assert achievable.growth_limit(a) > a


def test_a_decrease_goal_is_compared_with_the_historical_decline() -> None:
    churn = metrics.get("customer_churn_rate")
    history = {"customer_churn_rate": [(date(2025, 1, 1), "0.05"), (date(2026, 1, 1), "0.045")]}
    drastic = Goal(metric=churn, target=Target.at_most("0.01"), timeframe=Timeframe.year(2027))
    modest = Goal(metric=churn, target=Target.at_most("0.04"), timeframe=Timeframe.year(2027))
    context = Context(history=history)
    assert "A001" in RULES.score(drastic, context=context).codes()
    assert "A001" not in RULES.score(modest, context=context).codes()


def test_absolute_targets_warn() -> None:
    churn = metrics.get("customer_churn_rate")
    zero_churn = Goal(metric=churn, target=Target.at_most(0))
    perfect_win_rate = Goal(metric=metrics.get("win_rate"), target=Target.level(1))
    all_churn_gone = Goal(metric=churn, target=Target.change(-1))
    for goal in (zero_churn, perfect_win_rate, all_churn_gone):
        finding = next(f for f in RULES.score(goal).findings if f.code == "A002")
        assert finding.severity is Severity.WARNING
    assert "A002" not in RULES.score(Goal(metric=churn, target=Target.at_most("0.02"))).codes()


def test_absolute_target_alone_does_not_make_achievable_met() -> None:
    goal = Goal(metric=metrics.get("customer_churn_rate"), target=Target.at_most("0.02"))
    assert RULES.score(goal).status(Criterion.ACHIEVABLE) is CriterionStatus.UNKNOWN


def test_a_change_wider_than_the_range_is_an_error() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.change(2, relative=False))
    finding = next(f for f in RULES.score(goal).findings if f.code == "A003")
    assert finding.severity is Severity.ERROR
    assert (
        finding.message == "A change of +2 cannot fit in the possible range of win rate (0 to 1)."
    )


def test_a_change_out_of_range_from_the_latest_history_value_is_an_error() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.change("0.5"))
    history = {"win_rate": [(date(2026, 1, 1), "0.7"), (date(2026, 4, 1), "0.8")]}
    finding = next(
        f for f in RULES.score(goal, context=Context(history=history)).findings if f.code == "A003"
    )
    assert finding.message == (
        "From its latest value of 0.8, a change of +50% takes win rate to 1.2, outside its "
        "possible range (0 to 1)."
    )


def test_capacity_bounds_the_target() -> None:
    demos = metrics.get("demos_booked")
    goal = Goal(metric=demos, target=Target.level(8000), timeframe=Timeframe.year(2027))
    over = RULES.score(goal, context=Context(capacity={"demos_booked": 5760}))
    assert "A004" in over.codes(Severity.ERROR)
    within = RULES.score(goal, context=Context(capacity={"demos_booked": 9000}))
    assert "A004" not in within.codes()
    assert within.status(Criterion.ACHIEVABLE) is CriterionStatus.MET


def test_capacity_for_a_lower_is_better_metric_is_a_floor() -> None:
    cac = metrics.get("cac")
    goal = Goal(metric=cac, target=Target.at_most(100), currency="EUR")
    assert "A004" in RULES.score(goal, context=Context(capacity={"cac": 150})).codes()
    assert "A004" not in RULES.score(goal, context=Context(capacity={"cac": 80})).codes()


def test_a_target_far_below_the_trend_is_info() -> None:
    goal = revenue_goal(Target.change("0.05"), baseline=1_440_000)
    card = RULES.score(goal, context=Context(history=TWENTY_PERCENT))
    assert card.codes(Severity.INFO) == ("A005",)
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.MET


def test_history_helpers() -> None:
    history = tuple((d, Decimal(v)) for d, v in TWENTY_PERCENT["revenue"])
    rate = yearly_log_rate(history)
    assert rate is not None
    assert math.expm1(rate) == pytest.approx(0.2, abs=0.001)
    monthly = tuple((date(2026, m, 1), Decimal(100)) for m in range(1, 13))
    goal = revenue_goal(Target.level(1200))
    change = required_change(goal, monthly)
    assert change is not None
    # A SUM target for a year is compared with a month's value scaled to a year.
    assert change.ratio == pytest.approx(1.0, abs=0.02)
