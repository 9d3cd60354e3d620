"""Tracking rate goals, glide paths, ignored check-ins, working-day rates and Dutch output."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, Target, TargetKind
from smartgoals.timeframes import Granularity, Timeframe
from smartgoals.tracking import (
    CheckIn,
    PacingBasis,
    ProgressStatus,
    TrackingMode,
    grade,
    track,
)
from strategies import timeframes

D = Decimal
CENT = D("0.01")
Q3 = Timeframe.quarter(2027, 3)  # Thursday 1 July to Thursday 30 September
JULY_14 = date(2027, 7, 14)


def demos(per_week: object = 20, kind: TargetKind = TargetKind.AT_LEAST) -> Goal:
    return Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target(kind, per_week, per=Granularity.WEEK),
        timeframe=Q3,
    )


# 20 in the cut first week (1-4 July), 27 in the week of 5 July, 12 so far this week.
TWO_WEEKS = [CheckIn(date(2027, 7, 4), 20), CheckIn(date(2027, 7, 11), 27), CheckIn(JULY_14, 12)]


# -- a rate that adds up -------------------------------------------------------------------


def test_a_weekly_rate_two_weeks_in_is_paced_along_its_weeks() -> None:
    p = track(demos(), TWO_WEEKS, as_of=JULY_14)
    assert p.actual == 59
    assert p.target == 263  # 20 × 92/7 = 262.86, rounded up for "at least"
    # 20 × 4/7 (1-4 July) + 20 (5-11 July) + 20 × 3/7 (12-14 July); never 59 ÷ 20 = 295%.
    assert p.expected == 40
    assert p.attainment == D(59) / 263
    assert p.pace == D(59) / 40
    assert p.status is ProgressStatus.ON_TRACK
    assert p.mode is TrackingMode.PATH


def test_the_cut_first_week_is_prorated() -> None:
    p = track(demos(), [CheckIn(date(2027, 7, 4), 11)], as_of=date(2027, 7, 4))
    assert p.expected == D(80) / 7  # 4 of the week's 7 days: 11.43
    assert p.status is ProgressStatus.BEHIND  # 11 of 11.43: pace 0.9625
    week = p.current_period
    assert week is not None
    assert week.timeframe == Timeframe(date(2027, 7, 1), date(2027, 7, 5))
    assert week.target == D(80) / 7
    assert week.expected == D(80) / 7


def test_the_current_period_says_how_this_week_stands() -> None:
    p = track(demos(), TWO_WEEKS, as_of=JULY_14)
    week = p.current_period
    assert week is not None
    assert week.per is Granularity.WEEK
    assert week.timeframe == Timeframe(date(2027, 7, 12), date(2027, 7, 19))
    assert (week.actual, week.target) == (D(12), D(20))
    assert week.expected == D(60) / 7  # three of the week's seven days
    assert "  this week  12 of 20 (2027-07-12 – 2027-07-18)" in str(p).splitlines()
    assert "  deze week  12 van 20 (2027-07-12 – 2027-07-18)" in p.text("nl").splitlines()


def test_the_required_rate_is_per_week_with_its_unit() -> None:
    rate = track(demos(), TWO_WEEKS, as_of=JULY_14).required_rate
    assert rate is not None
    assert rate.per is Granularity.WEEK
    assert rate.basis is PacingBasis.CALENDAR_DAYS
    # 263 − 59 = 204 over the 78 days (11 1/7 weeks) left: 18.31 a week, not "0/week".
    assert rate.amount == D(204) / (D(78) / 7)
    assert rate.per_day == D(204) / 78
    assert rate.amount.quantize(CENT) == D("18.31")


def test_a_rate_under_working_day_pacing() -> None:
    p = track(demos(), TWO_WEEKS, as_of=JULY_14, pacing="workdays")
    # The cut week is due by Friday 2 July; three of this week's five working days.
    assert p.expected == D(80) / 7 + 20 + 12
    rate = p.required_rate
    assert rate is not None
    assert rate.basis is PacingBasis.WORKDAYS
    assert rate.per_day == D(204) / 56  # 56 working days from 15 July to 30 September


def test_a_monthly_rate_over_the_year_ends_on_its_total() -> None:
    goal = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(40, per="month"),
        timeframe=Timeframe.year(2027),
    )
    mid = track(goal, [CheckIn(date(2027, 3, 31), 130)], as_of=date(2027, 3, 31))
    assert mid.expected == 120
    assert mid.target == 480
    end = date(2027, 12, 31)
    assert track(goal, [CheckIn(end, 480)], as_of=end).status is ProgressStatus.ACHIEVED
    assert track(goal, [CheckIn(end, 479)], as_of=end).status is ProgressStatus.MISSED


@st.composite
def rate_goals(draw: st.DrawFn) -> Goal:
    per = draw(st.sampled_from([Granularity.DAY, Granularity.WEEK, Granularity.MONTH]))
    kind = draw(st.sampled_from([TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.LEVEL]))
    return Goal(
        metric=metrics.get(draw(st.sampled_from(["demos_booked", "revenue"]))),
        target=Target(kind, draw(st.decimals(1, 10_000, places=2)), per=per),
        timeframe=draw(timeframes(max_days=200)),
    )


@given(rate_goals(), st.lists(st.integers(0, 220), min_size=1, max_size=5), st.booleans())
def test_a_rates_expected_value_rises_to_its_total(
    goal: Goal, offsets: list[int], workdays: bool
) -> None:
    assert goal.timeframe is not None
    tf = goal.timeframe
    pacing = "workdays" if workdays else "linear"
    days = sorted(tf.start + timedelta(days=k) for k in offsets)
    path = [track(goal, [], as_of=d, pacing=pacing).expected for d in days]
    final = track(goal, [], as_of=tf.last_day, pacing=pacing)
    assert final.expected == goal.target_total() == final.target
    assert [*path, final.expected] == sorted([*path, final.expected])


# -- a run rate ------------------------------------------------------------------------------


def run_rate() -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.change("0.10", per="month"),
        baseline=100_000,
        timeframe=Timeframe.year(2027),
        currency="EUR",
    )


def test_a_run_rate_compares_the_latest_month_with_its_milestone() -> None:
    months = [CheckIn(date(2027, 1, 31), 101_000), CheckIn(date(2027, 4, 30), 103_000)]
    p = track(run_rate(), months, as_of=date(2027, 5, 15))
    assert p.actual == 103_000  # April's value, not the sum of the months
    assert p.target == 110_000  # December's milestone
    assert p.expected.quantize(CENT) == D("103333.33")  # April: 100,000 + 10,000 × 4/12
    assert p.progress == D("0.3")
    assert p.pace is not None
    assert p.pace.quantize(D("0.001")) == D("0.900")
    assert p.status is ProgressStatus.BEHIND
    may = p.current_period
    assert may is not None
    assert may.actual is None
    assert may.target.quantize(CENT) == D("104166.67")
    rate = p.required_rate
    assert rate is not None
    assert rate.per is Granularity.MONTH
    assert rate.amount == D(7000) / (D(16) / 31 + 7)  # the monthly value's rise still needed
    assert "  required   +931.33 EUR a month" in str(p)


def test_a_run_rate_on_its_milestones_is_on_track_and_ends_achieved() -> None:
    goal = run_rate()
    march = track(goal, [CheckIn(date(2027, 3, 31), 102_500)], as_of=date(2027, 4, 10))
    assert march.expected == D("102500")
    assert march.status is ProgressStatus.ON_TRACK
    end = date(2027, 12, 31)
    final = track(goal, [CheckIn(end, 110_000)], as_of=end)
    assert final.status is ProgressStatus.ACHIEVED
    assert grade(final).score == 1
    flat = track(goal, [CheckIn(end, 100_000)], as_of=end)
    assert grade(flat).score == 0


def test_a_run_rate_has_no_running_totals() -> None:
    with pytest.raises(InvalidInputError, match="run rate"):
        track(run_rate(), [], as_of=date(2027, 5, 1), cumulative=True)


# -- glide paths -----------------------------------------------------------------------------


def win_rate(baseline: object = "0.20") -> Goal:
    return Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        baseline=baseline,
        target=Target.level("0.30"),
        timeframe=Timeframe.year(2027),
    )


def test_a_win_rate_at_its_baseline_on_5_january_is_on_track() -> None:
    p = track(win_rate(), [CheckIn(date(2027, 1, 5), "0.20")], as_of=date(2027, 1, 5))
    assert p.mode is TrackingMode.GLIDE
    assert p.expected == D("0.20") + D("0.10") * 5 / 365
    assert p.status is ProgressStatus.ON_TRACK  # it was at_risk against the 30% target
    assert p.progress == 0
    assert p.required_rate is None


def test_a_win_rate_that_stays_put_falls_behind_the_glide_path() -> None:
    june = track(win_rate(), [CheckIn(date(2027, 6, 30), "0.20")], as_of=date(2027, 6, 30))
    assert june.expected == D("0.20") + D("0.10") * 181 / 365
    assert june.status is ProgressStatus.AT_RISK  # 20% against 24.96%: pace 0.80
    on_path = track(win_rate(), [CheckIn(date(2027, 6, 30), "0.25")], as_of=date(2027, 6, 30))
    assert on_path.status is ProgressStatus.ON_TRACK


def test_churn_glides_down() -> None:
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        baseline="0.05",
        target=Target.at_most("0.04"),
        timeframe=Timeframe.year(2027),
    )
    p = track(churn, [CheckIn(date(2027, 7, 2), "0.045")], as_of=date(2027, 7, 2))
    assert p.mode is TrackingMode.GLIDE
    assert p.expected == D("0.05") - D("0.01") * 183 / 365
    assert p.pace == p.expected / D("0.045")
    assert p.progress == D("0.5")
    assert p.status is ProgressStatus.ON_TRACK


def test_no_glide_without_a_baseline() -> None:
    p = track(win_rate(None), [CheckIn(date(2027, 1, 5), "0.20")], as_of=date(2027, 1, 5))
    assert p.mode is TrackingMode.LATEST
    assert p.expected == D("0.30")
    assert p.progress is None


# -- check-ins that were not counted ---------------------------------------------------------


def revenue() -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        timeframe=Timeframe.year(2027),
        currency="USD",
    )


def test_ignored_checkins_are_listed_with_the_reason() -> None:
    last_year = CheckIn(date(2026, 12, 31), 400_000)
    next_year = CheckIn(date(2028, 1, 1), 5)
    later = CheckIn(date(2027, 5, 1), 7)
    counted = CheckIn(date(2027, 4, 30), 10)
    p = track(revenue(), [last_year, next_year, later, counted], as_of=date(2027, 4, 30))
    assert p.ignored == (
        (last_year, "before the timeframe"),
        (next_year, "after the timeframe"),
        (later, "after as_of"),
    )
    assert p.checkins == 1
    lines = str(p).splitlines()
    assert "  ignored    2026-12-31 (400,000.00 USD): before the start on 2027-01-01" in lines
    assert "             2028-01-01 (5.00 USD): after the end on 2027-12-31" in lines
    assert "             2027-05-01 (7.00 USD): after as of 2027-04-30" in lines


def test_a_2026_row_on_a_2027_goal_is_no_longer_silent() -> None:
    p = track(revenue(), [CheckIn(date(2026, 12, 31), 400_000)], as_of=date(2027, 4, 30))
    assert p.actual == 0
    assert p.status is ProgressStatus.AT_RISK
    assert [reason for _, reason in p.ignored] == ["before the timeframe"]
    assert "ignored" in str(p)
    assert p.to_dict()["ignored"] == [
        {"date": "2026-12-31", "value": "400000", "reason": "before the timeframe"}
    ]


def test_many_ignored_checkins_are_summarised() -> None:
    old = [CheckIn(date(2026, 1, d), d) for d in range(1, 9)]
    text = str(track(revenue(), old, as_of=date(2027, 4, 30)))
    assert text.count("before the start") == 5
    assert text.splitlines()[-1] == "             and 3 more"


# -- the required rate in working days -------------------------------------------------------


def test_required_rate_counts_working_days_under_working_day_pacing() -> None:
    checkins = [CheckIn(date(2027, 4, 30), 400_000)]
    calendar = track(revenue(), checkins, as_of=date(2027, 4, 30)).required_rate
    assert calendar is not None
    assert calendar.per_day.quantize(CENT) == D("3265.31")  # 800,000 ÷ 245 calendar days
    assert calendar.basis is PacingBasis.CALENDAR_DAYS
    working = track(revenue(), checkins, as_of=date(2027, 4, 30), pacing="workdays")
    rate = working.required_rate
    assert rate is not None
    assert rate.basis is PacingBasis.WORKDAYS
    assert rate.per_day.quantize(CENT) == D("4571.43")  # 800,000 ÷ 175 working days
    assert rate.per_week == rate.per_day * 5
    assert "4,571.43 USD/working day" in str(working)
    holiday = track(
        revenue(),
        checkins,
        as_of=date(2027, 4, 30),
        pacing="workdays",
        holidays={date(2027, 12, 24)},
    ).required_rate
    assert holiday is not None
    assert holiday.per_day == D(800_000) / 174


# -- Dutch ---------------------------------------------------------------------------------------


def test_text_in_dutch() -> None:
    p = track(
        revenue(), [CheckIn(date(2027, 4, 30), 200_000, confidence="0.9")], as_of=date(2027, 4, 30)
    )
    lines = p.text("nl").splitlines()
    assert lines[0] == "omzet, 2027-01-01 – 2027-12-31, stand op 2027-04-30: in gevaar"
    assert lines[1] == "  werkelijk  200.000,00 USD van 1.200.000,00 USD (realisatie 16,7%)"
    assert lines[-1] == (
        "  vertrouwen 90,0% (hoog vertrouwen bij een laag tempo: controleer de prognose)"
    )
    assert [s.text("nl") for s in ProgressStatus] == [
        "niet begonnen",
        "op schema",
        "achter",
        "in gevaar",
        "gehaald",
        "overtroffen",
        "gemist",
    ]
    with pytest.raises(InvalidInputError, match="unknown language 'de'"):
        p.text("de")


def test_dutch_periods_take_their_article() -> None:
    quarterly = attrs.evolve(
        demos(), target=Target.at_least(200, per="quarter"), timeframe=Timeframe.year(2027)
    )
    p = track(quarterly, [CheckIn(date(2027, 5, 1), 90)], as_of=date(2027, 5, 1))
    assert "  dit kwartaal 90 van 200 (2027-04-01 – 2027-06-30)" in p.text("nl")
    end = track(quarterly, [], as_of=date(2027, 12, 31))
    assert "final quarter" in str(end)
    assert "laatste kwartaal" in end.text("nl")


def test_a_run_rate_over_cut_months_keeps_its_monthly_milestones() -> None:
    # "In a year" from 15 December 2026: the first and last months are cut. The target is
    # still €110,000 a month, and March's milestone is not prorated.
    goal = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.change("0.10", per="month"),
        baseline=100_000,
        timeframe=Timeframe(date(2026, 12, 15), date(2027, 12, 15)),
        currency="EUR",
    )
    checkins = [CheckIn(date(2027, 3, 14), "101900")]
    progress = track(goal, checkins, as_of=date(2027, 3, 15))
    assert progress.target == Decimal("110000.00")
    assert progress.current_period is not None
    # 100,000 + 10,000 × (17/31 + 3) / (17/31 + 11 + 14/31) = 102,956.99
    assert round(progress.current_period.target, 2) == Decimal("102956.99")
    assert progress.current_period.expected == progress.current_period.target  # not prorated
    assert progress.actual == Decimal("101900")
