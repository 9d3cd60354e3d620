from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, Target
from smartgoals.planning.periods import Seasonality, split_by_period
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import Pacing, PacingBasis
from smartgoals.tracking._pacing import _as_pacing
from strategies import timeframes

YEAR = Timeframe.year(2027)


def test_linear_counts_the_as_of_day_as_elapsed() -> None:
    assert Pacing.linear().fraction(YEAR, date(2027, 4, 30)) == Fraction(120, 365)
    assert Pacing.linear().fraction(YEAR, date(2027, 1, 1)) == Fraction(1, 365)


def test_before_start_is_zero_and_last_day_is_one() -> None:
    for pacing in (Pacing.linear(), Pacing.workdays()):
        assert pacing.fraction(YEAR, date(2026, 12, 31)) == 0
        assert pacing.fraction(YEAR, date(2027, 12, 31)) == 1
        assert pacing.fraction(YEAR, date(2030, 1, 1)) == 1


def test_workdays_skip_weekends_and_holidays() -> None:
    june = Timeframe.month(2027, 6)  # 22 working days; 1 June is a Tuesday
    assert Pacing.workdays().fraction(june, date(2027, 6, 4)) == Fraction(4, 22)
    assert Pacing.workdays().fraction(june, date(2027, 6, 6)) == Fraction(4, 22)  # Sunday
    holiday = Pacing.workdays(holidays={date(2027, 6, 2)})
    assert holiday.fraction(june, date(2027, 6, 4)) == Fraction(3, 21)
    six_day_week = Pacing.workdays(weekend=(6,))
    assert six_day_week.fraction(june, date(2027, 6, 5)) == Fraction(5, 26)


def test_workdays_fall_back_to_calendar_days_without_working_days() -> None:
    weekend = Timeframe(date(2027, 6, 5), date(2027, 6, 7))
    assert Pacing.workdays().fraction(weekend, date(2027, 6, 5)) == Fraction(1, 2)


def test_weighted_paces_along_the_weights() -> None:
    q1 = Timeframe.quarter(2027, 1)
    jan, feb, mar = q1.split("month")
    pacing = Pacing.weighted([(jan, 1), (feb, 1), (mar, 2)])
    assert pacing.fraction(q1, date(2027, 1, 31)) == Fraction(1, 4)
    assert pacing.fraction(q1, date(2027, 2, 14)) == Fraction(1, 4) + Fraction(1, 4) * Fraction(
        14, 28
    )
    assert pacing.fraction(q1, date(2027, 3, 31)) == 1


def test_weighted_accepts_a_mapping_and_relative_weights() -> None:
    q1 = Timeframe.quarter(2027, 1)
    months = q1.split("month")
    a = Pacing.weighted(dict(zip(months, ("0.3", "0.3", "0.4"), strict=True)))
    b = Pacing.weighted(list(zip(months, (3, 3, 4), strict=True)))
    assert a.periods == b.periods
    assert a.fraction(q1, date(2027, 2, 28)) == Fraction(3, 5)


def test_weighted_with_workdays_inside_each_period() -> None:
    june = Timeframe.month(2027, 6)
    pacing = Pacing.weighted([(june, 1)], basis="workdays")
    assert pacing.basis is PacingBasis.WORKDAYS
    assert pacing.fraction(june, date(2027, 6, 4)) == Fraction(4, 22)


def test_weighted_accepts_a_period_split_with_seasonality() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        timeframe=YEAR,
    )
    shares = [6, 6, 8, 8, 8, 9, 7, 6, 9, 10, 11, 12]
    split = split_by_period(goal, "month", weights=Seasonality(shares, normalize=True))
    pacing = Pacing.weighted(split)
    assert pacing.fraction(YEAR, date(2027, 4, 30)) == Fraction(28, 100)
    assert pacing.fraction(YEAR, date(2027, 12, 31)) == 1


def test_weighted_periods_must_cover_the_goal() -> None:
    pacing = Pacing.weighted([(Timeframe.quarter(2027, 1), 1)])
    with pytest.raises(InvalidInputError, match="split the goal's own timeframe"):
        pacing.fraction(YEAR, date(2027, 2, 1))


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([], "at least one period"),
        ([(Timeframe.month(2027, 1), -1)], "must not be negative"),
        ([(Timeframe.month(2027, 1), 0)], "add up to 0"),
        ([(Timeframe.month(2027, 1), 1), (Timeframe.month(2027, 3), 1)], "without gaps"),
        ([(Timeframe.month(2027, 1), 1, 2)], "pair"),
        ([("2027-01", 1)], "must be a Timeframe"),
        (5, "weighted pacing needs"),
    ],
)
def test_weighted_rejects_bad_periods(periods: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Pacing.weighted(periods)  # type: ignore[arg-type]


def test_bad_basis_and_weekend() -> None:
    with pytest.raises(InvalidInputError, match="unknown pacing basis"):
        Pacing.weighted([(YEAR, 1)], basis="hours")
    with pytest.raises(InvalidInputError, match="all seven"):
        Pacing.workdays(weekend=range(7))
    with pytest.raises(InvalidInputError, match="weekend days"):
        Pacing.workdays(weekend=(7,))


def test_as_pacing_reads_the_track_arguments() -> None:
    assert _as_pacing("linear", holidays=None, weekend=None) == Pacing.linear()
    assert _as_pacing("workdays", holidays=None, weekend=(6,)).weekend == (6,)
    weighted = _as_pacing([(YEAR, 1)], holidays={date(2027, 1, 1)}, weekend=None)
    assert weighted.basis is PacingBasis.WORKDAYS
    with pytest.raises(InvalidInputError, match="pacing='workdays'"):
        _as_pacing("linear", holidays={date(2027, 1, 1)}, weekend=None)
    with pytest.raises(InvalidInputError, match="unknown pacing"):
        _as_pacing("seasonal", holidays=None, weekend=None)
    with pytest.raises(InvalidInputError, match="not next to a Pacing"):
        _as_pacing(Pacing.linear(), holidays=(), weekend=None)


def _pacings(tf: Timeframe) -> st.SearchStrategy[Pacing]:
    parts = tf.split("month")
    weighted = st.lists(
        st.integers(min_value=0, max_value=10), min_size=len(parts), max_size=len(parts)
    ).filter(any)
    return st.one_of(
        st.just(Pacing.linear()),
        st.just(Pacing.workdays(holidays={tf.start})),
        weighted.map(lambda ws: Pacing.weighted(list(zip(parts, ws, strict=True)))),
        weighted.map(
            lambda ws: Pacing.weighted(list(zip(parts, ws, strict=True)), basis="workdays")
        ),
    )


@given(st.data(), timeframes(max_days=400))
def test_fraction_is_monotone_from_zero_to_one(data: st.DataObject, tf: Timeframe) -> None:
    pacing = data.draw(_pacings(tf))
    days = [tf.start - timedelta(days=1)] + [
        tf.start + timedelta(days=k)
        for k in sorted(data.draw(st.lists(st.integers(0, tf.days - 1), max_size=8)))
    ]
    values = [pacing.fraction(tf, d) for d in [*days, tf.last_day]]
    assert values[0] == 0
    assert values[-1] == 1
    assert values == sorted(values)
    assert all(0 <= v <= 1 for v in values)


@given(timeframes(max_days=400), st.integers(min_value=1, max_value=50))
def test_scaling_weights_changes_nothing(tf: Timeframe, factor: int) -> None:
    parts = tf.split("month")
    ws = list(range(1, len(parts) + 1))
    a = Pacing.weighted(list(zip(parts, ws, strict=True)))
    b = Pacing.weighted(list(zip(parts, [w * factor for w in ws], strict=True)))
    middle = tf.start + timedelta(days=tf.days // 2)
    assert a.fraction(tf, middle) == b.fraction(tf, middle)


@given(timeframes(max_days=400))
def test_weights_by_days_pace_like_linear(tf: Timeframe) -> None:
    parts = tf.split("month")
    pacing = Pacing.weighted([(p, p.days) for p in parts])
    for k in range(0, tf.days, max(1, tf.days // 7)):
        day = tf.start + timedelta(days=k)
        assert pacing.fraction(tf, day) == Pacing.linear().fraction(tf, day)
