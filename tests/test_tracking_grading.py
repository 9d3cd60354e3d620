from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.goals import Direction, Goal, Target, TargetKind
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


def test_grade_of_a_threshold_without_a_baseline_is_undefined() -> None:
    goal = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
        timeframe=Timeframe.year(2027),
    )
    perfect = track(goal, [CheckIn(date(2027, 6, 30), 0)], as_of=date(2027, 6, 30))
    assert perfect.progress is None
    assert perfect.met
    undefined = grade(perfect)
    assert undefined.score.is_nan()
    assert undefined.band is None
    assert not undefined.success
    assert not undefined.is_defined
    with pytest.raises(UndefinedMetricError, match="no baseline"):
        grade(perfect, strict=True)


def test_grade_of_a_target_equal_to_its_start_uses_met() -> None:
    at_zero = Goal(
        metric=metrics.get("leads"),
        direction=Direction.MAINTAIN,
        target=Target.level(0),
        timeframe=Timeframe.year(2027),
    )
    p = track(at_zero, [], as_of=date(2027, 6, 30))
    assert p.progress is None
    assert grade(p).score == 1
    held = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.MAINTAIN,
        baseline="0.3",
        target=Target.level("0.3"),
        timeframe=Timeframe.year(2027),
    )
    end = date(2027, 12, 31)
    assert grade(track(held, [CheckIn(end, "0.31")], as_of=end)).score == 1
    assert grade(track(held, [CheckIn(end, "0.29")], as_of=end)).score == 0


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
    assert g_low.band is not None
    assert g_high.band is not None
    assert order.index(g_low.band) <= order.index(g_high.band)


# -- the distance travelled ------------------------------------------------------------------

END = date(2027, 12, 31)


def ended_at(goal: Goal, value: object) -> Decimal:
    return grade(track(goal, [CheckIn(END, value)], as_of=END)).score


def test_a_win_rate_that_never_moved_grades_zero() -> None:
    win_rate = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        baseline="0.20",
        target=Target.level("0.30"),
        timeframe=Timeframe.year(2027),
    )
    assert ended_at(win_rate, "0.20") == 0  # it graded 0.6, "aspirational: success"
    assert ended_at(win_rate, "0.25") == D("0.5")
    assert ended_at(win_rate, "0.32") == 1


def test_churn_that_never_fell_grades_zero() -> None:
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        baseline="0.05",
        target=Target.change("-0.20"),
        timeframe=Timeframe.year(2027),
    )
    assert churn.target_value == D("0.04")
    assert ended_at(churn, "0.05") == 0  # it graded 0.8, green
    assert ended_at(churn, "0.045") == D("0.5")
    assert ended_at(churn, "0.06") == 0  # worse than the start: clamped to 0


def test_a_customer_threshold_that_never_moved_grades_zero() -> None:
    customers = Goal(
        metric=metrics.get("customers"),
        direction=Direction.INCREASE,
        baseline=800,
        target=Target.at_least(1000),
        timeframe=Timeframe.year(2027),
    )
    p = track(customers, [CheckIn(END, 800)], as_of=END)
    assert p.progress == 0
    g = grade(p, expectation="aspirational")
    assert g.score == 0  # it graded 0.8, "green, success"
    assert g.band is GradeBand.RED
    assert not g.success
    assert ended_at(customers, 950) == D("0.75")


def test_sum_metrics_keep_actual_over_target() -> None:
    calls = Goal(
        metric=metrics.get("calls"),
        direction=Direction.INCREASE,
        baseline=800,
        target=Target.at_least(1000),
        timeframe=Timeframe.year(2027),
    )
    assert ended_at(calls, 800) == D("0.8")


def test_without_a_baseline_the_grade_is_nan_or_raises_when_strict() -> None:
    win_rate = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.at_least("0.30"),
        timeframe=Timeframe.year(2027),
    )
    p = track(win_rate, [CheckIn(END, "0.20")], as_of=END)
    g = grade(p)
    assert g.score.is_nan()
    assert str(g).startswith("NaN (undefined")
    with pytest.raises(UndefinedMetricError, match="win rate") as info:
        grade(p, strict=True)
    assert isinstance(info.value, ArithmeticError)
    assert grade("NaN").band is None
    with pytest.raises(UndefinedMetricError):
        grade(D("NaN"), strict=True)


BASELINE_GOALS = [
    ("win_rate", TargetKind.LEVEL, Direction.INCREASE),
    ("win_rate", TargetKind.AT_LEAST, Direction.INCREASE),
    ("customer_churn_rate", TargetKind.AT_MOST, Direction.DECREASE),
    ("cac", TargetKind.LEVEL, Direction.DECREASE),
    ("customers", TargetKind.AT_LEAST, Direction.INCREASE),
    ("mrr", TargetKind.LEVEL, Direction.INCREASE),
]


@given(
    st.sampled_from(BASELINE_GOALS),
    st.decimals(D("0.01"), D("0.49"), places=2),
    st.decimals(D("0.01"), D("0.49"), places=2),
    st.integers(0, 400),
)
def test_a_goal_whose_actual_equals_its_baseline_grades_zero(
    spec: tuple[str, TargetKind, Direction], a: Decimal, b: Decimal, offset: int
) -> None:
    key, kind, direction = spec
    metric = metrics.get(key)
    scale = 1 if metric.maximum == 1 else 10_000
    low, high = sorted((a * scale, b * scale))
    if low == high:
        high += D("0.01") * scale
    baseline, target = (low, high) if direction is Direction.INCREASE else (high, low)
    goal = Goal(
        metric=metric,
        direction=direction,
        baseline=baseline,
        target=Target(kind, target),
        timeframe=Timeframe.year(2027),
    )
    as_of = date(2027, 1, 1) + timedelta(days=offset)
    p = track(goal, [CheckIn(min(as_of, END), baseline)], as_of=as_of)
    assert p.progress == 0
    assert grade(p).score == 0
