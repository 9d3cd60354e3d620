from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, Target, TargetKind
from smartgoals.metrics import Aggregation
from smartgoals.planning.periods import Seasonality, split_by_period
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import (
    CheckIn,
    Pacing,
    ProgressStatus,
    Thresholds,
    TrackingMode,
    track,
)
from strategies import timeframes

D = Decimal
CENT = D("0.01")
YEAR = Timeframe.year(2027)
APRIL_30 = date(2027, 4, 30)


def revenue(target: object = 1_200_000, timeframe: Timeframe = YEAR) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(target),
        timeframe=timeframe,
        currency="USD",
    )


def cents(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(CENT)


# -- the worked example --------------------------------------------------------------


def test_annual_goal_with_linear_pacing() -> None:
    p = track(revenue(), [CheckIn(APRIL_30, 400_000)], as_of=APRIL_30)
    assert p.mode is TrackingMode.PATH
    assert p.actual == 400_000
    assert p.target == 1_200_000
    # 1,200,000 × 120 / 365, counting through 30 April inclusive.
    assert cents(p.expected) == D("394520.55")
    assert p.status is ProgressStatus.ON_TRACK
    assert cents(p.pace) == D("1.01")  # 400,000 / 394,520.55
    assert cents(p.attainment) == D("0.33")
    assert p.expected_progress * 365 == 120
    assert cents(p.projected) == D("1216666.67")  # 400,000 × 365 / 120
    assert cents(p.gap) == D("16666.67")
    assert p.days_elapsed == 120
    assert p.days_remaining == 245
    assert p.required_rate is not None
    assert cents(p.required_rate.per_day) == D("3265.31")  # 800,000 / 245
    assert cents(p.required_rate.per_week) == D("22857.14")
    assert p.met is False
    assert p.checkins == 1


def test_annual_goal_paced_by_the_plans_seasonality() -> None:
    goal = revenue()
    shares = [6, 6, 8, 8, 8, 9, 7, 6, 9, 10, 11, 12]
    split = split_by_period(goal, "month", weights=Seasonality(shares, normalize=True))
    p = track(goal, [CheckIn(APRIL_30, 400_000)], as_of=APRIL_30, pacing=split)
    # January to April carry 6 + 6 + 8 + 8 = 28% of the year.
    assert p.expected == D("336000")
    assert cents(p.pace) == D("1.19")
    assert cents(p.projected) == D("1428571.43")
    assert p.status is ProgressStatus.ON_TRACK


def test_seasonality_can_turn_a_rep_behind() -> None:
    goal = revenue()
    front_loaded = split_by_period(
        goal,
        "month",
        weights=Seasonality([12, 12, 11, 10, 9, 8, 8, 7, 7, 6, 5, 5], normalize=True),
    )
    p = track(goal, [CheckIn(APRIL_30, 400_000)], as_of=APRIL_30, pacing=front_loaded)
    assert p.expected == D("540000")  # 45% of the year
    assert p.status is ProgressStatus.AT_RISK


def test_working_day_pacing_with_holidays() -> None:
    june = revenue(22_000, Timeframe.month(2027, 6))
    p = track(june, [CheckIn(date(2027, 6, 4), 4000)], as_of=date(2027, 6, 4), pacing="workdays")
    assert p.expected == D("4000")  # 4 of 22 working days
    assert p.pace == 1
    q = track(
        june,
        [CheckIn(date(2027, 6, 4), 4000)],
        as_of=date(2027, 6, 4),
        pacing="workdays",
        holidays={date(2027, 6, 2)},
    )
    assert q.expected == D(22000) * 3 / 21


def test_pacing_object_is_accepted() -> None:
    p = track(revenue(), [], as_of=APRIL_30, pacing=Pacing.workdays())
    assert p.expected > 0


# -- how the actual is read ------------------------------------------------------------


def test_sum_adds_checkins_inside_the_timeframe_up_to_as_of() -> None:
    checkins = [
        CheckIn(date(2026, 12, 31), 999),  # before the start
        CheckIn(date(2027, 1, 31), 100),
        CheckIn(date(2027, 2, 28), 200),
        CheckIn(date(2027, 3, 31), 300),  # after as_of
        CheckIn(date(2028, 1, 1), 999),  # after the end
    ]
    p = track(revenue(), checkins, as_of=date(2027, 2, 28))
    assert p.actual == 300
    assert p.checkins == 2


def test_cumulative_checkins_take_the_latest_running_total() -> None:
    checkins = [CheckIn(date(2027, 2, 28), 250), CheckIn(date(2027, 1, 31), 100)]
    p = track(revenue(), checkins, as_of=date(2027, 3, 15), cumulative=True)
    assert p.actual == 250
    assert track(revenue(), [], as_of=date(2027, 3, 15), cumulative=True).actual == 0


def test_level_metric_measures_the_way_from_the_baseline() -> None:
    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        baseline=100_000,
        target=Target.level(150_000),
        timeframe=YEAR,
    )
    checkins = [CheckIn(date(2027, 3, 31), 112_000), CheckIn(date(2027, 6, 30), 121_000)]
    p = track(mrr, checkins, as_of=date(2027, 7, 1))
    assert p.mode is TrackingMode.PATH
    assert p.actual == 121_000  # the latest value, not a sum
    assert p.progress == D("0.42")  # (121k − 100k) ÷ (150k − 100k)
    assert p.expected == 100_000 + D(50_000) * 182 / 365
    assert p.pace == D("0.42") / (D(182) / D(365))  # 0.84: the baseline earns no pace
    assert p.status is ProgressStatus.BEHIND
    assert cents(p.projected) == cents(100_000 + D(21_000) * 365 / 182)
    assert p.required_rate is not None
    assert p.required_rate.per_day == D(29_000) / 183


def test_level_progress_is_floored_at_zero() -> None:
    customers = Goal(
        metric=metrics.get("customers"),
        direction=Direction.INCREASE,
        baseline=400,
        target=Target.level(500),
        timeframe=YEAR,
    )
    p = track(customers, [CheckIn(date(2027, 3, 1), 380)], as_of=date(2027, 3, 1))
    assert p.progress == 0
    assert p.pace == 0
    assert p.status is ProgressStatus.AT_RISK


def test_level_without_checkin_uses_the_baseline() -> None:
    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        baseline=100,
        target=Target.level(200),
        timeframe=YEAR,
    )
    assert track(mrr, [], as_of=date(2027, 2, 1)).actual == 100


def test_level_decrease_reads_lower_as_better() -> None:
    pipeline = Goal(
        metric=metrics.get("customers"),
        direction=Direction.DECREASE,
        baseline=500,
        target=Target.level(400),
        timeframe=Timeframe.quarter(2027, 1),
    )
    p = track(pipeline, [CheckIn(date(2027, 3, 31), 390)], as_of=date(2027, 3, 31))
    assert p.lower_is_better
    assert p.progress == D("1.1")
    assert p.status is ProgressStatus.EXCEEDED
    assert p.gap == 10  # target − projected: a cushion
    assert p.attainment == D(400) / D(390)


def test_average_metric_compares_the_latest_value_with_the_target() -> None:
    win_rate = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.level("0.30"),
        timeframe=YEAR,
    )
    checkins = [CheckIn(date(2027, 1, 31), "0.35"), CheckIn(date(2027, 2, 28), "0.27")]
    p = track(win_rate, checkins, as_of=date(2027, 3, 10))
    assert p.mode is TrackingMode.LATEST
    assert p.actual == D("0.27")
    assert p.expected == D("0.30")  # every period carries the same target
    assert p.attainment == D("0.9")
    assert p.pace == D("0.9")
    assert p.projected == D("0.27")
    assert p.gap == D("-0.03")
    assert p.required_rate is None
    assert p.status is ProgressStatus.BEHIND


def test_decreasing_an_average_metric() -> None:
    cac = Goal(
        metric=metrics.get("cac"),
        direction=Direction.DECREASE,
        baseline=600,
        target=Target.change("-0.25"),
        timeframe=YEAR,
    )
    p = track(cac, [CheckIn(date(2027, 5, 31), 500)], as_of=date(2027, 6, 1))
    assert p.target == 450
    assert p.lower_is_better
    assert p.mode is TrackingMode.GLIDE
    assert p.attainment == D("0.9")  # target ÷ actual
    assert p.gap == -50  # target − projected: 50 too high
    # The glide path from 600 to 450 expects 600 − 150 × 152/365 by 1 June: 500 is ahead.
    assert p.expected == 600 - D(150) * 152 / 365
    assert p.pace == p.expected / 500
    assert p.progress == D("100") / D("150")  # (600 − 500) ÷ (600 − 450)
    assert p.status is ProgressStatus.ON_TRACK
    late = track(cac, [CheckIn(date(2027, 11, 30), 500)], as_of=date(2027, 12, 1))
    assert late.status is ProgressStatus.BEHIND  # the path expects 462.74 by now


def test_at_most_threshold_is_met_or_not() -> None:
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
        timeframe=YEAR,
    )
    below = track(churn, [CheckIn(date(2027, 3, 31), "0.015")], as_of=date(2027, 4, 1))
    assert below.met
    assert below.status is ProgressStatus.ON_TRACK
    above = track(churn, [CheckIn(date(2027, 3, 31), "0.03")], as_of=date(2027, 4, 1))
    assert not above.met
    assert above.status is ProgressStatus.AT_RISK
    zero = track(churn, [CheckIn(date(2027, 3, 31), 0)], as_of=date(2027, 4, 1))
    assert zero.attainment is None
    assert zero.status is ProgressStatus.ON_TRACK
    end = date(2027, 12, 31)
    assert track(churn, [CheckIn(end, "0.02")], as_of=end).status is ProgressStatus.ACHIEVED
    assert track(churn, [CheckIn(end, "0.01")], as_of=end).status is ProgressStatus.EXCEEDED
    assert track(churn, [CheckIn(end, "0.021")], as_of=end).status is ProgressStatus.MISSED


def test_at_least_threshold_on_a_level_metric() -> None:
    customers = Goal(
        metric=metrics.get("customers"),
        direction=Direction.INCREASE,
        baseline=420,
        target=Target.at_least(500),
        timeframe=YEAR,
    )
    p = track(customers, [CheckIn(date(2027, 8, 1), 510)], as_of=date(2027, 8, 1))
    assert p.mode is TrackingMode.PATH  # a threshold with a baseline runs from it
    assert p.progress == D(90) / D(80)
    assert p.met
    assert p.status is ProgressStatus.ON_TRACK
    without_baseline = attrs.evolve(customers, baseline=None)
    q = track(without_baseline, [CheckIn(date(2027, 8, 1), 510)], as_of=date(2027, 8, 1))
    assert q.mode is TrackingMode.LATEST
    assert q.progress is None  # no baseline to measure the way from


def test_at_most_on_a_sum_metric_is_a_cap() -> None:
    hours = Goal(
        metric=metrics.get("mentoring_hours"),
        target=Target.at_most(120),
        timeframe=YEAR,
    )
    p = track(hours, [CheckIn(date(2027, 3, 31), 33)], as_of=date(2027, 3, 31))
    assert p.mode is TrackingMode.CAP
    assert p.expected == D(120) * 90 / 365  # the allowance to date
    assert p.pace == p.expected / 33
    assert p.status is ProgressStatus.BEHIND  # using it faster than allowed
    assert p.met  # but still under the cap
    assert p.projected == D(33) * 365 / 90
    assert p.gap == 120 - D(33) * 365 / 90
    assert p.required_rate is not None
    assert p.required_rate.per_day == D(87) / 275  # the allowance left per day
    over = track(hours, [CheckIn(date(2027, 3, 31), 130)], as_of=date(2027, 3, 31))
    assert over.required_rate is not None
    assert over.required_rate.per_day == 0


# -- phases of the timeframe ----------------------------------------------------------


def test_not_started_before_the_start() -> None:
    p = track(revenue(), [CheckIn(date(2026, 12, 1), 50)], as_of=date(2026, 12, 31))
    assert p.status is ProgressStatus.NOT_STARTED
    assert p.actual == 0
    assert p.expected == 0
    assert p.days_elapsed == 0
    assert p.days_remaining == 365
    assert p.projected is None
    assert p.gap is None
    assert p.pace is None


@pytest.mark.parametrize(
    ("booked", "status"),
    [
        (1_200_000, ProgressStatus.ACHIEVED),
        (1_300_000, ProgressStatus.EXCEEDED),
        (1_100_000, ProgressStatus.MISSED),
    ],
)
def test_final_status_after_the_end(booked: int, status: ProgressStatus) -> None:
    for as_of in (date(2027, 12, 31), date(2028, 3, 1)):
        p = track(revenue(), [CheckIn(date(2027, 12, 31), booked)], as_of=as_of)
        assert p.status is status
        assert p.days_remaining == 0
        assert p.required_rate is None
        assert p.projected == booked
        assert p.expected == p.target


def test_gap_thresholds() -> None:
    checkins = [CheckIn(APRIL_30, 300_000)]  # 25% done, 32.9% expected: 7.9 points
    p = track(revenue(), checkins, as_of=APRIL_30, thresholds=Thresholds.gap())
    assert p.status is ProgressStatus.ON_TRACK
    r = track(revenue(), checkins, as_of=APRIL_30)  # pace 0.76
    assert r.status is ProgressStatus.AT_RISK


def test_high_confidence_at_a_low_pace_is_flagged() -> None:
    low = [CheckIn(APRIL_30, 200_000, confidence="0.9")]
    p = track(revenue(), low, as_of=APRIL_30)
    assert p.status is ProgressStatus.AT_RISK
    assert p.confidence == D("0.9")
    assert p.confidence_conflict
    assert "high confidence at a low pace" in str(p)
    calm = track(revenue(), [CheckIn(APRIL_30, 200_000, confidence="0.5")], as_of=APRIL_30)
    assert not calm.confidence_conflict
    sure = track(revenue(), [CheckIn(APRIL_30, 400_000, confidence=1)], as_of=APRIL_30)
    assert not sure.confidence_conflict


def test_confidence_is_the_latest_given() -> None:
    checkins = [
        CheckIn(date(2027, 1, 31), 1, confidence="0.4"),
        CheckIn(date(2027, 2, 28), 1, confidence="0.8"),
        CheckIn(date(2027, 3, 31), 1),
    ]
    assert track(revenue(), checkins, as_of=APRIL_30).confidence == D("0.8")


def test_as_of_defaults_to_today() -> None:
    before = date.today()
    p = track(revenue(), [])
    assert before <= p.as_of <= date.today()


# -- errors ------------------------------------------------------------------------------


def test_incomplete_goal() -> None:
    with pytest.raises(IncompleteGoalError) as info:
        track(Goal(metric=metrics.get("revenue")), [])
    assert info.value.missing == ("target", "timeframe")


def test_level_metric_needs_a_baseline() -> None:
    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        target=Target.level(200),
        timeframe=YEAR,
    )
    with pytest.raises(IncompleteGoalError) as info:
        track(mrr, [], as_of=APRIL_30)
    assert info.value.missing == ("baseline",)


def test_average_metric_without_checkin_or_baseline() -> None:
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    with pytest.raises(InvalidInputError, match="no check-in up to as_of and no baseline"):
        track(win_rate, [], as_of=APRIL_30)


def test_bad_arguments() -> None:
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    with pytest.raises(InvalidInputError, match="cumulative=True applies to SUM"):
        track(win_rate, [CheckIn(APRIL_30, "0.3")], as_of=APRIL_30, cumulative=True)
    with pytest.raises(InvalidInputError, match="outside the possible range of win rate"):
        track(win_rate, [CheckIn(APRIL_30, "1.3")], as_of=APRIL_30)
    with pytest.raises(InvalidInputError, match="CheckIn values"):
        track(revenue(), [(APRIL_30, 5)], as_of=APRIL_30)  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match=r"as_of must be a datetime\.date"):
        track(revenue(), [], as_of=datetime(2027, 4, 30))
    with pytest.raises(InvalidInputError, match="unknown pacing"):
        track(revenue(), [], as_of=APRIL_30, pacing="seasonal")


# -- output --------------------------------------------------------------------------------


def test_str_shows_every_number() -> None:
    p = track(revenue(), [CheckIn(APRIL_30, 400_000, confidence="0.8")], as_of=APRIL_30)
    assert str(p).splitlines() == [
        "revenue, 2027-01-01 – 2027-12-31, as of 2027-04-30: on track",
        "  actual     400,000.00 USD of 1,200,000.00 USD (attainment 33.3%)",
        "  expected   394,520.55 USD (pace 101.4%)",
        "  projected  1,216,666.67 USD (gap +16,666.67 USD)",
        "  required   3,265.31 USD/day, 22,857.14 USD/week, 99,385.71 USD/month",
        "  days       120 elapsed, 245 remaining",
        "  confidence 80.0%",
    ]


def test_str_of_a_rate_goal_uses_percentages() -> None:
    win_rate = Goal(
        statement="Win 30% of deals",
        metric=metrics.get("win_rate"),
        target=Target.at_least("0.3"),
        timeframe=YEAR,
    )
    text = str(track(win_rate, [CheckIn(APRIL_30, "0.25")], as_of=APRIL_30))
    assert text.startswith("Win 30% of deals, 2027-01-01 – 2027-12-31, as of 2027-04-30: behind")
    assert "actual     25.0% of 30.0%" in text
    assert "required" not in text


def test_to_dict_is_plain_json() -> None:
    import json

    p = track(revenue(), [CheckIn(APRIL_30, 400_000)], as_of=APRIL_30)
    doc = p.to_dict()
    assert json.loads(json.dumps(doc)) == doc
    assert doc["status"] == "on_track"
    assert doc["metric"] == "revenue"
    assert doc["currency"] == "USD"
    assert D(doc["expected"]).quantize(CENT) == D("394520.55")
    assert doc["required_rate"]["per_day"] == f"{D(800_000) / 245:f}"
    assert doc["days_elapsed"] == 120
    assert doc["lower_is_better"] is False


def test_html_is_self_contained_and_coloured() -> None:
    goal = Goal(
        statement="<b>Q2</b> & more",
        metric=metrics.get("revenue"),
        target=Target.level(100),
        timeframe=YEAR,
    )
    html = track(goal, [CheckIn(APRIL_30, 1)], as_of=APRIL_30)._repr_html_()
    assert "&lt;b&gt;Q2&lt;/b&gt; &amp; more" in html
    assert "#cf222e" in html  # at risk in red
    assert "<script" not in html
    assert "http" not in html


# -- properties ----------------------------------------------------------------------------

ORIENTED_GOALS = [
    ("revenue", TargetKind.LEVEL, Direction.INCREASE, None),
    ("mrr", TargetKind.LEVEL, Direction.INCREASE, D(100)),
    ("customers", TargetKind.LEVEL, Direction.DECREASE, D(10_000)),
    ("win_rate", TargetKind.AT_LEAST, Direction.INCREASE, None),
    ("customer_churn_rate", TargetKind.AT_MOST, Direction.DECREASE, None),
    ("cac", TargetKind.LEVEL, Direction.DECREASE, None),
    ("mentoring_hours", TargetKind.AT_MOST, None, None),
    ("cac", TargetKind.LEVEL, Direction.DECREASE, D(10_000)),  # a glide path down
    ("win_rate", TargetKind.AT_LEAST, Direction.INCREASE, D("0.10")),  # a glide path up
    ("customers", TargetKind.AT_LEAST, Direction.INCREASE, D(100)),  # a threshold's path
]


@st.composite
def tracked_goals(draw: st.DrawFn) -> Goal:
    key, kind, direction, baseline = draw(st.sampled_from(ORIENTED_GOALS))
    metric = metrics.get(key)
    if metric.maximum == 1:
        value = draw(st.decimals(D("0.01"), D("0.99"), places=2))
    elif baseline is not None and direction is Direction.DECREASE:
        value = draw(st.decimals(1, baseline - 1, places=0))
    else:
        value = draw(st.decimals(D(101), D(10**6), places=2))
    return Goal(
        metric=metric,
        direction=direction,
        target=Target(kind, value),
        baseline=baseline,
        timeframe=draw(timeframes(max_days=400)),
    )


def _pacing_for(tf: Timeframe, choice: int) -> object:
    if choice == 0:
        return "linear"
    if choice == 1:
        return "workdays"
    parts = tf.split("month")
    return [(p, 1 + i % 3) for i, p in enumerate(parts)]


@given(
    tracked_goals(),
    st.decimals(0, 10**6, places=2),
    st.decimals(0, 10**6, places=2),
    st.integers(0, 500),
    st.integers(0, 2),
    st.sampled_from([Thresholds.ratio(), Thresholds.gap()]),
)
def test_status_never_improves_when_the_actual_gets_worse(
    goal: Goal, a: Decimal, b: Decimal, offset: int, pacing: int, thresholds: Thresholds
) -> None:
    assert goal.metric is not None
    assert goal.timeframe is not None
    if goal.metric.maximum is not None:
        a, b = a / 10**6, b / 10**6
    as_of = goal.timeframe.start + timedelta(days=offset)
    worse, better = (
        (max(a, b), min(a, b))
        if goal.direction is Direction.DECREASE
        or (goal.target is not None and goal.target.kind is TargetKind.AT_MOST)
        else (min(a, b), max(a, b))
    )
    day = min(as_of, goal.timeframe.last_day)
    day = max(day, goal.timeframe.start)
    options = {
        "as_of": as_of,
        "pacing": _pacing_for(goal.timeframe, pacing),
        "thresholds": thresholds,
    }
    p_worse = track(goal, [CheckIn(day, worse)], **options)  # type: ignore[arg-type]
    p_better = track(goal, [CheckIn(day, better)], **options)  # type: ignore[arg-type]
    assert p_worse.lower_is_better == p_better.lower_is_better
    assert p_worse.status.rank <= p_better.status.rank


@given(tracked_goals(), st.lists(st.integers(0, 500), min_size=2, max_size=6), st.integers(0, 2))
def test_expected_is_monotone_in_time_and_reaches_the_target(
    goal: Goal, offsets: list[int], pacing: int
) -> None:
    assert goal.timeframe is not None
    tf = goal.timeframe
    days = sorted(tf.start + timedelta(days=k) for k in offsets)
    options = {"pacing": _pacing_for(tf, pacing)}
    checkins = [CheckIn(tf.start, goal.baseline if goal.baseline is not None else 1)]
    expected = [track(goal, checkins, as_of=d, **options).expected for d in days]  # type: ignore[arg-type]
    final = track(goal, checkins, as_of=tf.last_day, **options)  # type: ignore[arg-type]
    start = (
        goal.baseline
        if goal.metric is not None and goal.metric.aggregation is Aggregation.LEVEL
        else None
    )
    path = [*expected, final.expected]
    rising = final.target >= (start if start is not None else path[0])
    assert path == (sorted(path) if rising else sorted(path, reverse=True))
    assert final.expected == final.target


@given(tracked_goals(), st.lists(st.decimals(0, 1000, places=2), min_size=1, max_size=5))
def test_projected_equals_actual_at_the_end(goal: Goal, values: list[Decimal]) -> None:
    assert goal.timeframe is not None
    assert goal.metric is not None
    tf = goal.timeframe
    if goal.metric.maximum is not None:
        values = [v / 1000 for v in values]
    checkins = [
        CheckIn(tf.start + timedelta(days=i * tf.days // len(values)), v)
        for i, v in enumerate(values)
    ]
    for as_of in (tf.last_day, tf.end + timedelta(days=30)):
        p = track(goal, checkins, as_of=as_of)
        assume(p.projected is not None)
        assert p.projected == p.actual
        assert p.status.is_final


def test_a_long_statement_wraps_the_heading_at_80_columns() -> None:
    goal = Goal(
        statement="The sales team will increase revenue from $1,200,000 by 15% in 2027, "
        "reviewed every month, by using consultative selling",
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_380_000),
        timeframe=Timeframe.year(2027),
        currency="USD",
    )
    text = str(track(goal, [CheckIn(date(2027, 4, 30), 400_000)], as_of=date(2027, 4, 30)))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith("The sales team will increase revenue")
    assert lines[1].startswith("  ")
    assert not lines[1].startswith("  actual")
    assert " ".join(" ".join(lines[:3]).split()).count("as of 2027-04-30") == 1
