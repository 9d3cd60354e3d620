from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from dateutil import rrule
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import CalendarError, IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, Target
from smartgoals.timeframes import Granularity, Timeframe
from smartgoals.tracking import CheckIn, checkin_dates
from strategies import timeframes


def test_checkin_converts_value_and_confidence() -> None:
    c = CheckIn(date(2027, 4, 30), 0.1, confidence=Fraction(7, 10), note="slipped")
    assert c.value == Decimal("0.1")
    assert c.confidence == Decimal("0.7")
    assert c.note == "slipped"


def test_checkin_confidence_defaults_to_none() -> None:
    assert CheckIn(date(2027, 1, 1), 5).confidence is None


@pytest.mark.parametrize("confidence", [7, "1.01", -0.1])
def test_checkin_rejects_confidence_outside_zero_one(confidence: object) -> None:
    with pytest.raises(InvalidInputError, match="fraction from 0 to 1"):
        CheckIn(date(2027, 1, 1), 5, confidence=confidence)


def test_checkin_rejects_datetime_and_bad_values() -> None:
    with pytest.raises(InvalidInputError, match=r"datetime\.date"):
        CheckIn(datetime(2027, 1, 1, 9), 5)
    with pytest.raises(InvalidInputError, match="check-in value"):
        CheckIn(date(2027, 1, 1), "ten")
    with pytest.raises(InvalidInputError, match="note"):
        CheckIn(date(2027, 1, 1), 1, note=3)


def test_checkin_is_frozen_and_keyword_only() -> None:
    c = CheckIn(date(2027, 1, 1), 5)
    with pytest.raises(AttributeError):
        c.value = Decimal(6)  # type: ignore[misc]
    with pytest.raises(TypeError):
        CheckIn(date(2027, 1, 1), 5, 0.5)  # type: ignore[call-arg]


def test_monthly_over_2027_gives_the_twelve_month_ends() -> None:
    ends = checkin_dates(Timeframe.year(2027), Granularity.MONTH)
    assert ends == [Timeframe.month(2027, m).last_day for m in range(1, 13)]


def test_goal_schedule_uses_its_timeframe() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(100),
        timeframe=Timeframe.quarter(2028, 1),
    )
    assert checkin_dates(goal, "month") == [
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
    ]


def test_goal_without_timeframe_is_incomplete() -> None:
    with pytest.raises(IncompleteGoalError) as info:
        checkin_dates(Goal(), "month")
    assert info.value.missing == ("timeframe",)


def test_day_31_clamps_to_short_months() -> None:
    dates = checkin_dates(Timeframe.year(2027), "month", day=31)
    assert [d.day for d in dates] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    leap = checkin_dates(Timeframe.month(2028, 2), "month", day=30)
    assert leap == [date(2028, 2, 29)]


def test_day_15_every_month() -> None:
    assert checkin_dates(Timeframe.quarter(2027, 1), "month", day=15) == [
        date(2027, 1, 15),
        date(2027, 2, 15),
        date(2027, 3, 15),
    ]


def test_quarter_half_and_year_ends() -> None:
    year = Timeframe.year(2027)
    assert checkin_dates(year, "quarter") == [
        date(2027, 3, 31),
        date(2027, 6, 30),
        date(2027, 9, 30),
        date(2027, 12, 31),
    ]
    assert checkin_dates(year, "half") == [date(2027, 6, 30), date(2027, 12, 31)]
    assert checkin_dates(year, "year") == [date(2027, 12, 31)]


def test_weekly_defaults_to_sundays_and_takes_a_weekday() -> None:
    april = Timeframe.month(2027, 4)
    sundays = checkin_dates(april, "week")
    assert sundays == [date(2027, 4, 4), date(2027, 4, 11), date(2027, 4, 18), date(2027, 4, 25)]
    assert checkin_dates(april, "week", weekday=rrule.FR) == checkin_dates(
        april, "week", weekday=4
    )


def test_last_friday_of_each_month() -> None:
    dates = checkin_dates(Timeframe.quarter(2027, 1), "month", weekday=4)
    assert dates == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]


def test_daily_schedule_on_weekdays_only() -> None:
    week = Timeframe(date(2027, 4, 5), date(2027, 4, 12))
    assert len(checkin_dates(week, "day")) == 7
    assert checkin_dates(week, "day", weekday=0) == [date(2027, 4, 5)]


def test_partial_final_period_gets_no_date_unless_the_rule_hits() -> None:
    tf = Timeframe(date(2027, 2, 15), date(2027, 5, 15))
    assert checkin_dates(tf, "month") == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"every": "fortnight"}, "unknown granularity"),
        ({"every": "week", "day": 3}, "day= applies"),
        ({"every": "month", "day": 32}, "day must be"),
        ({"every": "month", "day": 3, "weekday": 1}, "either day= or weekday="),
        ({"every": "week", "weekday": 7}, "weekday must be"),
    ],
)
def test_schedule_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        checkin_dates(Timeframe.year(2027), **kwargs)  # type: ignore[arg-type]


def test_schedule_rejects_other_objects() -> None:
    with pytest.raises(InvalidInputError, match="Goal or a Timeframe"):
        checkin_dates("2027")  # type: ignore[arg-type]


@given(timeframes(), st.sampled_from(list(Granularity)))
def test_schedule_dates_are_inside_sorted_and_period_ends(
    tf: Timeframe, every: Granularity
) -> None:
    dates = checkin_dates(tf, every)
    assert dates == sorted(set(dates))
    assert all(tf.contains(d) for d in dates)
    if every is Granularity.MONTH:
        assert all((d + timedelta(days=1)).day == 1 for d in dates)
    if every is Granularity.WEEK:
        assert all(d.weekday() == 6 for d in dates)


@given(timeframes(), st.integers(min_value=1, max_value=31))
def test_monthly_day_is_clamped_never_skipped(tf: Timeframe, day: int) -> None:
    dates = checkin_dates(tf, "month", day=day)
    months = {(d.year, d.month) for d in dates}
    assert len(months) == len(dates)
    for d in dates:
        assert d.day == min(day, Timeframe.month(d.year, d.month).days)
    # Every whole month inside the timeframe has its date.
    for part in tf.split("month"):
        if part.days == Timeframe.month(part.start.year, part.start.month).days:
            assert (part.start.year, part.start.month) in months


def test_checkin_carries_the_denominator_of_its_rate() -> None:
    c = CheckIn(date(2027, 4, 30), "0.1", denominator=100)  # Ben won 10 of 100 deals
    assert c.denominator == 100
    assert c.value * c.denominator == 10
    assert CheckIn(date(2027, 4, 30), 5).denominator is None


@pytest.mark.parametrize("denominator", [0, -3, "many"])
def test_checkin_rejects_a_denominator_that_is_not_a_count(denominator: object) -> None:
    with pytest.raises(InvalidInputError, match="denominator"):
        CheckIn(date(2027, 4, 30), "0.1", denominator=denominator)


def test_checkin_with_a_denominator_round_trips_through_serialize() -> None:
    from smartgoals.serialize import from_dict, to_dict

    c = CheckIn(date(2027, 4, 30), "0.25", confidence="0.7", denominator=40)
    doc = to_dict(c)
    assert doc["denominator"] == "40"
    assert from_dict(doc, CheckIn) == c
    older = {"date": "2027-04-30", "value": "0.25"}  # written before denominators
    assert from_dict(older, CheckIn).denominator is None
