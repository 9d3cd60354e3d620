from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.timeframes import Granularity, Timeframe
from strategies import goals, timeframes

YEAR_2027 = Timeframe(date(2027, 1, 1), date(2028, 1, 1))


def test_design_examples_map_to_targets() -> None:
    # "Increase revenue by 10%": CHANGE 0.10 relative.
    assert Target.change("0.10") == Target(TargetKind.CHANGE, Decimal("0.10"), relative=True)
    # "reduce churn to below 2%": AT_MOST 0.02 on a ratio metric.
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
    )
    assert churn.target_value == Decimal("0.02")
    # "reach $2.4M ARR": LEVEL 2400000 with currency USD.
    arr = Goal(metric=metrics.get("arr"), target=Target.level("2.4e6"), currency="usd")
    assert (arr.target_value, arr.currency) == (Decimal("2400000"), "USD")
    # "from 40 to 55 demos": LEVEL 55 with baseline 40.
    demos = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.level(55),
        baseline=40,
    )
    assert (demos.baseline, demos.target_value) == (Decimal(40), Decimal(55))


def test_incomplete_goal_lists_missing_parts_and_refuses_target_value() -> None:
    goal = Goal(statement="Sell more")
    assert goal.missing == ("metric", "direction", "target", "timeframe")
    assert not goal.is_complete
    with pytest.raises(IncompleteGoalError) as info:
        _ = goal.target_value
    assert info.value.missing == ("target",)


def test_relative_change_needs_baseline() -> None:
    goal = Goal(metric=metrics.get("revenue"), target=Target.change("0.1"))
    assert "baseline" in goal.missing
    with pytest.raises(IncompleteGoalError, match="baseline"):
        _ = goal.target_value
    assert attrs.evolve(goal, baseline=700_000).target_value == Decimal("770000.0")


def test_absolute_change_adds_to_baseline() -> None:
    goal = Goal(target=Target.change(-500, relative=False), baseline=2000)
    assert goal.target_value == Decimal(1500)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"metric": "win_rate", "target": Target.level("1.5")}, "outside the possible range"),
        ({"metric": "win_rate", "target": Target.at_least(-1)}, "outside the possible range"),
        ({"metric": "leads", "target": Target.level(-3)}, "outside the possible range"),
        ({"metric": "revenue", "target": Target.at_least(-1)}, "outside the possible range"),
        ({"metric": "revenue", "baseline": -5}, "baseline -5"),
        ({"metric": "leads", "currency": "EUR"}, "drop the currency"),
        ({"currency": "euro"}, "ISO 4217"),
        (
            {"metric": "cac", "direction": Direction.DECREASE, "target": Target.change("0.05")},
            "contradicts",
        ),
        (
            {"direction": Direction.INCREASE, "target": Target.change("-0.05")},
            "contradicts",
        ),
        (
            {"direction": Direction.MAINTAIN, "target": Target.change("0.05")},
            "contradicts",
        ),
        (
            {
                "metric": "customer_churn_rate",
                "direction": Direction.DECREASE,
                "target": Target.level("0.05"),
                "baseline": "0.03",
            },
            "contradicts",
        ),
        (
            {
                "metric": "win_rate",
                "target": Target.change("1.0"),
                "baseline": "0.6",
            },
            "outside the possible range",
        ),
        ({"metric": "revenue", "owner": "Sam"}, "must be Owner or None"),
    ],
)
def test_invalid_combinations_are_rejected(kwargs: dict[str, object], message: str) -> None:
    if isinstance(kwargs.get("metric"), str):
        kwargs["metric"] = metrics.get(str(kwargs["metric"]))
    with pytest.raises(InvalidInputError, match=message):
        Goal(**kwargs)  # type: ignore[arg-type]


def test_nrr_may_exceed_one_but_win_rate_may_not() -> None:
    assert Goal(metric=metrics.get("nrr"), target=Target.at_least("1.1")).target_value == Decimal(
        "1.1"
    )


def test_target_rejects_relative_non_change_and_fall_below_minus_100_percent() -> None:
    with pytest.raises(InvalidInputError, match="only a CHANGE target"):
        Target(TargetKind.LEVEL, 5, relative=True)
    with pytest.raises(InvalidInputError, match="below -100%"):
        Target.change("-1.5")
    with pytest.raises(InvalidInputError, match="bool"):
        Target.level(True)


def test_default_type_follows_metric_kind_and_owner_scope() -> None:
    assert Goal(metric=metrics.get("calls")).type is GoalType.ACTIVITY
    assert Goal(owner=Owner("Sam", Scope.INDIVIDUAL)).type is GoalType.INDIVIDUAL
    assert Goal(owner=Owner("EMEA", Scope.TEAM)).type is GoalType.TEAM
    assert Goal(metric=metrics.get("revenue")).type is GoalType.ANNUAL
    assert Goal(type=GoalType.STRETCH).type is GoalType.STRETCH


def test_require_names_all_missing_fields() -> None:
    goal = Goal(metric=metrics.get("revenue"), target=Target.change("0.1"))
    with pytest.raises(IncompleteGoalError) as info:
        goal.require("metric", "target_value", "timeframe", action="track the goal")
    assert info.value.missing == ("baseline", "timeframe")
    goal.require("metric", "target")


def test_goal_is_frozen_and_hashable() -> None:
    goal = Goal(metric=metrics.get("revenue"), timeframe=YEAR_2027)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        goal.baseline = Decimal(1)  # type: ignore[misc]
    assert hash(goal) == hash(attrs.evolve(goal))


def test_owner_name_must_not_be_blank() -> None:
    with pytest.raises(InvalidInputError, match="non-empty"):
        Owner("  ")


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (Target.change("0.10"), "+10%"),
        (Target.change("-0.05"), "-5%"),
        (Target.change(-500, relative=False), "-500"),
        (Target.at_least("0.3"), "≥ 0.3"),
        (Target.at_least(20, per="week"), "≥ 20 a week"),
        (Target.change("0.10", per="month"), "+10% a month"),
    ],
)
def test_target_str(target: Target, text: str) -> None:
    assert str(target) == text


@given(goals(complete=True))
def test_complete_goals_resolve_a_target_in_the_metric_range(goal: Goal) -> None:
    assert goal.missing == ()
    assert goal.metric is not None
    assert goal.metric.in_range(goal.target_value)


@given(goals())
def test_evolve_with_same_values_is_identity(goal: Goal) -> None:
    assert attrs.evolve(goal) == goal


# -- rates: Target.per, Scope.ROLE, baseline_period -------------------------------------


def _demos(target: Target, timeframe: Timeframe) -> Goal:
    return Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=target,
        timeframe=timeframe,
    )


def test_a_rate_of_40_a_month_over_2027_adds_up_to_480() -> None:
    goal = _demos(Target.level(40, per="month"), Timeframe.year(2027))
    assert goal.is_rate
    assert goal.target_total() == Decimal(480)
    assert goal.target_total(holders=5) == Decimal(2400)


def test_cut_weeks_at_the_edges_are_prorated_by_days() -> None:
    # Q3 2027 runs Thursday 1 July to Thursday 30 September: 92 days, 92/7 weeks.
    goal = _demos(Target.at_least(20, per="week"), Timeframe.quarter(2027, 3))
    shares = [share for _, share in goal.cadence_periods()]
    assert shares[0] == shares[-1] == Fraction(4, 7)
    assert sum(shares) == Fraction(92, 7)
    assert goal.target_total() == Decimal(263)  # 262.857… rounded up for an AT_LEAST


def test_an_at_most_rate_rounds_its_total_down() -> None:
    goal = _demos(Target.at_most(20, per="week"), Timeframe.quarter(2027, 3))
    assert goal.target_total() == Decimal(262)


def test_a_run_rate_change_adds_up_its_path_of_milestones() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.change("0.10", per="month"),
        baseline=100_000,
        timeframe=Timeframe.year(2027),
    )
    assert goal.target_value == Decimal("110000.00")
    parts = [value for _, value in goal.period_targets()]
    assert parts[0] == Fraction(100_000) + Fraction(10_000, 12)
    assert parts[-1] == Fraction(110_000)
    assert goal.target_total() == Decimal("1265000.00")


def test_an_average_metric_rate_carries_the_same_value_in_every_period() -> None:
    goal = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02", per="month"),
        timeframe=Timeframe.year(2027),
    )
    assert {value for _, value in goal.period_targets()} == {Fraction(1, 50)}
    assert goal.target_total(holders=3) == Decimal("0.02")


@pytest.mark.parametrize("key", ["mrr", "arr", "customers", "pipeline"])
def test_a_level_metric_takes_no_cadence(key: str) -> None:
    with pytest.raises(InvalidInputError, match="carries its own period"):
        Goal(metric=metrics.get(key), target=Target.at_least(100, per="month"))


def test_an_unknown_cadence_names_the_choices() -> None:
    with pytest.raises(InvalidInputError, match=r"unknown cadence 'fortnight'.*'week'"):
        Target.level(1, per="fortnight")


def test_a_target_over_the_whole_timeframe_has_no_cadence_periods() -> None:
    goal = _demos(Target.at_least(20), Timeframe.quarter(2027, 3))
    assert goal.target_total(holders=2) == Decimal(40)
    with pytest.raises(InvalidInputError, match="whole timeframe, not per period"):
        goal.cadence_periods()


@pytest.mark.parametrize("holders", [0, -1, True, 1.5])
def test_holders_must_be_whole_people(holders: object) -> None:
    goal = _demos(Target.at_least(20, per="week"), Timeframe.quarter(2027, 3))
    with pytest.raises(InvalidInputError, match="holders must be a whole number"):
        goal.target_total(holders=holders)  # type: ignore[arg-type]


def test_a_role_owner_makes_an_individual_goal() -> None:
    goal = Goal(
        metric=metrics.get("new_customers"),
        target=Target.at_least(3, per="month"),
        owner=Owner("AE", Scope.ROLE),
    )
    assert goal.type is GoalType.INDIVIDUAL


def test_baseline_period_must_be_a_timeframe() -> None:
    with pytest.raises(InvalidInputError, match="baseline_period must be Timeframe"):
        Goal(baseline_period="Q2 2026")  # type: ignore[arg-type]


@given(
    st.integers(1, 500),
    st.sampled_from(Granularity),
    timeframes(),
    st.sampled_from(list(TargetKind)),
)
def test_a_sum_rate_total_is_the_rounded_sum_of_its_period_targets(
    rate: int, per: Granularity, timeframe: Timeframe, kind: TargetKind
) -> None:
    if kind is TargetKind.CHANGE:
        target = Target.change(rate, relative=False, per=per)
    else:
        target = Target(kind, rate, per=per)
    goal = Goal(
        metric=metrics.get("calls"),
        direction=Direction.INCREASE,
        target=target,
        baseline=0 if kind is TargetKind.CHANGE else None,
        timeframe=timeframe,
    )
    exact = sum((value for _, value in goal.period_targets()), Fraction(0))
    total = goal.target_total()
    assert abs(Fraction(total) - exact) < 1
    assert total == int(total)
    # The rounding goes the safe way for a floor or a ceiling.
    if kind is TargetKind.AT_LEAST:
        assert total >= exact
    elif kind is TargetKind.AT_MOST:
        assert total <= exact


def test_repr_is_short_enough_to_read_in_a_repl() -> None:
    from smartgoals.language import parse_goal

    goal = parse_goal("Increase revenue from $700,000 to $770,000 by 31 December 2027")
    text = repr(goal)
    assert len(text) <= 300  # 654 characters before
    assert "metric='revenue'" in text
    assert "target='= 770000'" in text
    assert repr(metrics.get("revenue")) == "Metric('revenue')"
    assert repr(metrics.adhoc("QBRs")) == "Metric('qbrs', ad hoc)"


@given(goals())
def test_repr_never_grows_with_a_long_statement(goal: Goal) -> None:
    # A statement is cut at 80 characters: 5,000 show as 79 and an ellipsis. (Other
    # fields may hold characters that repr() escapes, so no fixed length bounds them.)
    long = attrs.evolve(goal, statement="x" * 5000)
    assert repr(long) == repr(attrs.evolve(goal, statement="x" * 79 + "…"))
    assert "x" * 80 not in repr(long)
