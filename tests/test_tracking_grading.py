from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, Target
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import CheckIn, Expectation, GradeBand, grade, track

D = Decimal


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("0", GradeBand.RED),
        ("0.39", GradeBand.RED),
        ("0.4", GradeBand.YELLOW),
        ("0.69", GradeBand.YELLOW),
        ("0.7", GradeBand.GREEN),
        ("1", GradeBand.GREEN),
    ],
)
def test_bands(score: str, band: GradeBand) -> None:
    assert grade(score).band is band


def test_committed_needs_one_aspirational_succeeds_from_point_six() -> None:
    assert not grade("0.99").success
    assert grade("1").success
    assert grade("0.6", expectation="aspirational").success
    assert not grade("0.59", expectation=Expectation.ASPIRATIONAL).success
    assert grade("0.7", expectation="aspirational").expectation is Expectation.ASPIRATIONAL


def test_score_is_clamped() -> None:
    assert grade("1.7").score == 1
    assert grade("-0.2").score == 0


def test_str_shows_one_decimal() -> None:
    assert str(grade("0.65", expectation="aspirational")) == "0.6 (yellow, aspirational: success)"
    assert str(grade("0.3")) == "0.3 (red, committed: short of expectation)"


def test_grade_from_progress_uses_progress_from_baseline() -> None:
    goal = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        baseline=100_000,
        target=Target.level(150_000),
        timeframe=Timeframe.year(2027),
    )
    p = track(goal, [CheckIn(date(2027, 12, 31), 135_000)], as_of=date(2027, 12, 31))
    g = grade(p, expectation="aspirational")
    assert g.score == D("0.7")
    assert g.band is GradeBand.GREEN
    assert g.success


def test_grade_of_a_goal_without_progress_uses_met() -> None:
    goal = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
        timeframe=Timeframe.year(2027),
    )
    perfect = track(goal, [CheckIn(date(2027, 6, 30), 0)], as_of=date(2027, 6, 30))
    assert perfect.progress is None
    assert perfect.met
    assert grade(perfect).score == 1
    at_zero = Goal(
        metric=metrics.get("leads"),
        direction=Direction.MAINTAIN,
        target=Target.level(0),
        timeframe=Timeframe.year(2027),
    )
    p = track(at_zero, [], as_of=date(2027, 6, 30))
    assert p.progress is None
    assert grade(p).score == 1


def test_grade_errors() -> None:
    with pytest.raises(InvalidInputError, match="unknown expectation"):
        grade("0.5", expectation="stretch")
    with pytest.raises(InvalidInputError, match="progress must be"):
        grade("most")


@given(st.decimals(min_value=-2, max_value=3, places=3), st.decimals(-2, 3, places=3))
def test_grade_is_monotone_and_bounded(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    g_low, g_high = grade(low), grade(high)
    assert 0 <= g_low.score <= g_high.score <= 1
    order = [GradeBand.RED, GradeBand.YELLOW, GradeBand.GREEN]
    assert order.index(g_low.band) <= order.index(g_high.band)
