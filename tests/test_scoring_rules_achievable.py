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


def test_without_history_a_modest_goal_is_unknown_not_guessed() -> None:
    # +10% from its own baseline is within the stated bound: that does not show it is
    # achievable, so Achievable stays unknown and names the history that would decide.
    card = RULES.score(revenue_goal(Target.level(770_000), baseline=700_000))
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


# -- the goal's own numbers (A006, issue 17) -------------------------------------------------


def test_the_articles_example_without_history_warns_from_its_own_numbers() -> None:
    # $700,000 last year, $5,000,000 this year, no history: x7.1 a year is beyond x3.
    goal = revenue_goal(Target.level(5_000_000), baseline=700_000)
    card = RULES.score(goal)
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.PARTIAL
    a006 = next(f for f in card.findings if f.code == "A006")
    assert a006.severity is Severity.WARNING
    assert a006.values["factor"] == Decimal("7.1")
    assert a006.message == (
        "From its baseline of 700000 to the target of 5000000, revenue must grow ×7.1 a year: "
        "more than ×3 a year, the most a goal can ask without a history that shows it can be "
        "done."
    )
    assert a006.suggestion.endswith("or aim nearer, e.g. 2100000.")
    dutch = RULES.score(goal, lang="nl")
    assert next(f for f in dutch.findings if f.code == "A006").message.startswith(
        "Van de beginwaarde 700000 naar de doelwaarde 5000000 moet de omzet ×7,1 per jaar groeien"
    )


def test_history_is_the_stronger_evidence_than_the_goals_own_numbers() -> None:
    goal = revenue_goal(Target.level(5_000_000), baseline=700_000)
    card = RULES.score(goal, context=Context(history=ARTICLE_HISTORY))
    assert "A006" not in card.codes()
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.NOT_MET
    # History that would allow the goal silences the bound as well.
    steep = {"revenue": [(date(2025, 1, 1), 100_000), (date(2026, 1, 1), 700_000)]}
    assert "A006" not in RULES.score(goal, context=Context(history=steep)).codes()


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (Target.level(2_100_001), True),  # more than x3 in a year
        (Target.level(2_100_000), False),  # exactly x3: within the bound
        (Target.level(230_000), True),  # a fall of 67.1%
        (Target.level(240_000), False),  # a fall of 65.7%
        (Target.change("2.5"), True),  # +250%: x3.5
        (Target.change("1.5"), False),
    ],
)
def test_the_own_bound_is_x3_or_a_66_percent_fall_a_year(target: Target, expected: bool) -> None:
    goal = attrs_evolve(revenue_goal(Target.level(1)), direction=None, target=target)
    goal = attrs_evolve(goal, baseline=Decimal(700_000))
    assert ("A006" in RULES.score(goal).codes()) is expected


def test_a_fall_beyond_the_bound_says_so() -> None:
    goal = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.01"),
        baseline="0.05",
        timeframe=Timeframe.year(2027),
    )
    finding = next(f for f in RULES.score(goal).findings if f.code == "A006")
    assert finding.values["fall"] == Decimal("0.8")
    assert "must fall by 80% a year: more than 66% a year" in finding.message


def test_the_own_bound_covers_the_whole_change_of_a_short_goal() -> None:
    # +150% in one quarter is x2.5 in total: within x3, though it would be x39 a year.
    quarter = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.level(250),
        baseline=100,
        timeframe=Timeframe.quarter(2027, 3),
    )
    assert "A006" not in RULES.score(quarter).codes()
    tripled = attrs_evolve(quarter, target=Target.level(310))
    finding = next(f for f in RULES.score(tripled).findings if f.code == "A006")
    assert "×3.1 within the goal's timeframe" in finding.message
    # Over two years the bound is x9.
    two_years = revenue_goal(Target.level(6_000_000), baseline=700_000)
    two_years = attrs_evolve(two_years, timeframe=Timeframe(date(2027, 1, 1), date(2029, 1, 1)))
    assert "A006" not in RULES.score(two_years).codes()


def attrs_evolve(goal: Goal, **changes: object) -> Goal:
    import attrs

    return attrs.evolve(goal, **changes)  # type: ignore[arg-type]


# -- the change runs from the baseline's own period (issue 17) --------------------------------

# Rising quarterly revenue; Q2 2026 was 260,000.
QUARTERLY = {
    "revenue": [
        (date(2025, 1, 1), 215_000),
        (date(2025, 4, 1), 224_000),
        (date(2025, 7, 1), 233_000),
        (date(2025, 10, 1), 242_000),
        (date(2026, 1, 1), 251_000),
        (date(2026, 4, 1), 260_000),
        (date(2026, 7, 1), 266_000),
        (date(2026, 10, 1), 275_000),
        (date(2027, 1, 1), 283_000),
    ]
}


def q2_goal(**kwargs: object) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(286_000),
        timeframe=Timeframe.quarter(2027, 2),
        currency="EUR",
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_year_on_year_target_is_measured_from_the_baselines_own_quarter() -> None:
    # 286,000 in Q2 2027 against Q2 2026's 260,000 is +10% in a year, not "+47% a year".
    context = Context(history=QUARTERLY)
    stated = q2_goal(baseline=260_000, baseline_period=Timeframe.quarter(2026, 2))
    found = required_change(stated, context.history["revenue"])
    assert found is not None
    assert found.rate is not None
    assert math.expm1(found.rate) == pytest.approx(0.10, abs=0.001)
    assert found.years == pytest.approx(1.0, abs=0.01)
    card = RULES.score(stated, context=context)
    assert not {"A001", "A005"} & set(card.codes())
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.MET
    # Without baseline_period, the history's dates tell when 260,000 was measured.
    inferred = RULES.score(q2_goal(baseline=260_000), context=context)
    assert not {"A001", "A005"} & set(inferred.codes())


@given(
    st.integers(100_000, 900_000),
    st.sampled_from([None, 260_000, 283_000]),
    st.sampled_from([None, Direction.INCREASE]),
)
def test_one_goal_is_never_both_impossible_and_too_easy(
    target: int, baseline: int | None, direction: Direction | None
) -> None:
    if direction is not None and baseline is not None and target < baseline:
        direction = None  # such a goal cannot be made
    goal = Goal(
        metric=metrics.get("revenue"),
        direction=direction,
        target=Target.level(target),
        baseline=baseline,
        timeframe=Timeframe.quarter(2027, 2),
    )
    codes = set(RULES.score(goal, context=Context(history=QUARTERLY)).codes())
    assert not {"A001", "A005"} <= codes


# -- rates are compared as their total over the timeframe (issue 15) --------------------------


def weekly_demos(**kwargs: object) -> Goal:
    return Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        **kwargs,  # type: ignore[arg-type]
    )


def test_capacity_is_compared_with_the_rates_total() -> None:
    # 20 demos a week over Q3 2027 is 263 demos, not 20.
    short = RULES.score(weekly_demos(), context=Context(capacity={"demos_booked": 250}))
    finding = next(f for f in short.findings if f.code == "A004")
    assert finding.values["target"] == Decimal("263")
    enough = RULES.score(weekly_demos(), context=Context(capacity={"demos_booked": 270}))
    assert "A004" not in enough.codes()
    assert enough.status(Criterion.ACHIEVABLE) is CriterionStatus.MET


def test_history_is_compared_with_the_rates_total() -> None:
    # 240 and 250 demos in the last two quarters: 263 in Q3 is +5% on the quarter, fine;
    # read as 20 demos it would be a fall of 92%.
    history = {"demos_booked": [(date(2027, 1, 1), 240), (date(2027, 4, 1), 250)]}
    goal = weekly_demos()
    found = required_change(goal, Context(history=history).history["demos_booked"])
    assert found is not None
    # Per day: 263 over Q3's 92 days against 250 over Q2's 91.
    assert found.ratio == pytest.approx((263 / 92) / (250 / 91))
    assert not {"A001", "A005"} & set(RULES.score(goal, context=Context(history=history)).codes())
