"""Timeframes and cadences as sales managers write them, read the way they mean them.

Each table holds statements a probe found misread (a deadline read as its last month, a
range of months as its first, a rate per working day read as a total), with the goal the
reader must make of them, and the neighbours whose reading must not change. A statement
no period of the model can hold is refused with the words and how to write them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import ParseError
from smartgoals.goals import Target
from smartgoals.language import explain, parse_goal
from smartgoals.language._timeframes import MONTH_NAMES
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

TODAY = date(2027, 1, 15)
DAY, WEEK, MONTH, QUARTER, YEAR = (
    Granularity.DAY,
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.QUARTER,
    Granularity.YEAR,
)
TWO_MILLION = Target.level(2_000_000)
TWENTY_A_WEEK = Target.at_least(20, per=WEEK)
TEN_PERCENT = Target.change(Decimal("0.10"))
APRIL = FiscalCalendar(start_month=4)


def _read(text: str, calendar: FiscalCalendar | None = None) -> tuple[Timeframe | None, Target]:
    goal = parse_goal(text, today=TODAY, calendar=calendar)
    assert goal.target is not None, text
    return goal.timeframe, goal.target


# -- 1. "by <month or quarter>" is a deadline: from today to the end of the period ----------


@pytest.mark.parametrize(
    ("text", "end", "target"),
    [
        ("Book 20 demos per week by December 2027", date(2028, 1, 1), TWENTY_A_WEEK),
        ("Book 20 demos per week until December 2027", date(2028, 1, 1), TWENTY_A_WEEK),
        ("Book 20 demos per week till December 2027", date(2028, 1, 1), TWENTY_A_WEEK),
        ("Boek 20 demo's per week tot december 2027", date(2028, 1, 1), TWENTY_A_WEEK),
        ("Reach €2M ARR by Q4 2027", date(2028, 1, 1), TWO_MILLION),
        ("Reach €2M ARR by Q3 2027", date(2027, 10, 1), TWO_MILLION),
        ("Reach €2M ARR through Q3 2027", date(2027, 10, 1), TWO_MILLION),
        ("Reach €2M ARR by the third quarter of 2027", date(2027, 10, 1), TWO_MILLION),
        ("Reach €2M ARR by H2 2027", date(2028, 1, 1), TWO_MILLION),
        ("Reach €2M ARR by June", date(2027, 7, 1), TWO_MILLION),
        ("Reach €2M ARR by 2027", date(2028, 1, 1), TWO_MILLION),
        ("Bereik €2M ARR uiterlijk december 2027", date(2028, 1, 1), TWO_MILLION),
        ("Bereik €2M ARR uiterlijk Q4 2027", date(2028, 1, 1), TWO_MILLION),
        ("Bereik €2M ARR tot en met december 2027", date(2028, 1, 1), TWO_MILLION),
        ("Bereik €2M ARR t/m december 2027", date(2028, 1, 1), TWO_MILLION),
        ("Bereik €2M ARR tegen Q3 2027", date(2027, 10, 1), TWO_MILLION),
        ("Increase revenue by 10% by Q3 2027", date(2027, 10, 1), TEN_PERCENT),
        ("Increase revenue by 10% by December 2027", date(2028, 1, 1), TEN_PERCENT),
    ],
)
def test_a_deadline_month_or_quarter_runs_from_today_to_its_end(
    text: str, end: date, target: Target
) -> None:
    assert _read(text) == (Timeframe(TODAY, end), target)


@pytest.mark.parametrize(
    ("text", "timeframe", "target"),
    [
        # a period named on its own, or after "in", is that period only
        ("Book 20 demos per week in December 2027", Timeframe.month(2027, 12), TWENTY_A_WEEK),
        ("Reach €2M ARR in Q3 2027", Timeframe.quarter(2027, 3), TWO_MILLION),
        ("Increase revenue by 10% in Q3 2027", Timeframe.quarter(2027, 3), TEN_PERCENT),
        ("Boek 20 demo's per week in december 2027", Timeframe.month(2027, 12), TWENTY_A_WEEK),
        # Dutch "voor" is "for" as often as "before": the period, as before
        ("Bereik €2M ARR voor Q4 2027", Timeframe.quarter(2027, 4), TWO_MILLION),
        # deadlines that were read right already
        ("Reach €2M ARR by 30 June 2027", Timeframe(TODAY, date(2027, 7, 1)), TWO_MILLION),
        (
            "Reach €2M ARR by the end of December 2027",
            Timeframe(TODAY, date(2028, 1, 1)),
            TWO_MILLION,
        ),
        ("Reach €2M ARR before Q4 2027", Timeframe(TODAY, date(2027, 10, 1)), TWO_MILLION),
        ("Bereik €2M ARR vóór Q4 2027", Timeframe(TODAY, date(2027, 10, 1)), TWO_MILLION),
        (
            "Increase revenue by 10% by the end of Q3",
            Timeframe(TODAY, date(2027, 10, 1)),
            TEN_PERCENT,
        ),
        # "by 10%" is the change, not a time
        ("Increase revenue by 10%", None, TEN_PERCENT),
    ],
)
def test_named_periods_and_dated_deadlines_keep_their_reading(
    text: str, timeframe: Timeframe | None, target: Target
) -> None:
    assert _read(text) == (timeframe, target)


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Increase customers by 2000", Decimal(2000)),  # a year that has ended
        ("Increase customers by 2030 units", Decimal(2030)),  # a year that counts a noun
    ],
)
def test_by_a_number_that_cannot_be_a_deadline_stays_the_change(
    text: str, change: Decimal
) -> None:
    goal = parse_goal(text, today=TODAY)
    assert goal.timeframe is None
    assert goal.target == Target.change(change, relative=False)


def test_by_quarter_groups_and_sets_no_deadline() -> None:
    assert _read("Grow revenue 10% by quarter") == (None, TEN_PERCENT)


def test_a_deadline_period_that_has_ended_is_refused_with_today() -> None:
    with pytest.raises(ParseError, match=r"not after today \(2027-01-15\)"):
        parse_goal("Reach €2M ARR by December 2026", today=TODAY)


def test_the_deadline_words_are_the_time_span() -> None:
    text = "Book 20 demos per week by December 2027"
    spans = explain(text, today=TODAY).goals[0].spans
    assert (spans["timeframe"].text, spans["period"].text) == ("by December 2027", "per week")


# -- 2. ranges of months and quarters include both ends --------------------------------------


@pytest.mark.parametrize(
    ("text", "timeframe"),
    [
        ("Book 20 demos per week from March to June 2027", (date(2027, 3, 1), date(2027, 7, 1))),
        (
            "Book 20 demos per week between March and June 2027",
            (date(2027, 3, 1), date(2027, 7, 1)),
        ),
        (
            "Book 20 demos per week from March 2027 through June 2027",
            (date(2027, 3, 1), date(2027, 7, 1)),
        ),
        (
            "Boek 20 demo's per week van maart tot en met juni 2027",
            (date(2027, 3, 1), date(2027, 7, 1)),
        ),
        (
            "Boek 20 demo's per week van maart t/m juni 2027",
            (date(2027, 3, 1), date(2027, 7, 1)),
        ),
        (
            "Boek 20 demo's per week tussen maart en juni 2027",
            (date(2027, 3, 1), date(2027, 7, 1)),
        ),
        # the first month takes the year before when it comes later in the year
        (
            "Book 20 demos per week from November to February 2028",
            (date(2027, 11, 1), date(2028, 3, 1)),
        ),
        # without a year: the next such range that has not ended
        ("Book 20 demos per week from March to June", (date(2027, 3, 1), date(2027, 7, 1))),
        # dates, as before
        (
            "Book 20 demos per week from 1 March to 30 June 2027",
            (date(2027, 3, 1), date(2027, 7, 1)),
        ),
    ],
)
def test_a_range_of_months_includes_the_last(text: str, timeframe: tuple[date, date]) -> None:
    assert _read(text) == (Timeframe(*timeframe), TWENTY_A_WEEK)


@pytest.mark.parametrize(
    ("text", "calendar", "timeframe"),
    [
        ("Reach €2M ARR from Q2 to Q3 2027", None, (date(2027, 4, 1), date(2027, 10, 1))),
        ("Reach €2M ARR from Q2 2027 to Q1 2028", None, (date(2027, 4, 1), date(2028, 4, 1))),
        ("Bereik €2M ARR van Q2 t/m Q3 2027", None, (date(2027, 4, 1), date(2027, 10, 1))),
        ("Reach €2M ARR from H1 to H2 2027", None, (date(2027, 1, 1), date(2028, 1, 1))),
        # fiscal quarters of FY2027, which ends in March 2027
        ("Reach €2M ARR from Q2 to Q3 2027", APRIL, (date(2026, 7, 1), date(2027, 1, 1))),
    ],
)
def test_a_range_of_quarters_includes_the_last(
    text: str, calendar: FiscalCalendar | None, timeframe: tuple[date, date]
) -> None:
    assert _read(text, calendar) == (Timeframe(*timeframe), TWO_MILLION)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ParseError, match=r"ends \(2027-02-28\) before it starts \(2027-03-01\)"):
        parse_goal("Book 20 demos per week from March 2027 to February 2027", today=TODAY)


# -- 3. cadences: read when a period holds them, refused when none does ----------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Book 10 demos per workweek in Q3 2027", Target.at_least(10, per=WEEK)),
        ("Boek 10 demo's per werkweek in Q3 2027", Target.at_least(10, per=WEEK)),
        ("Make 50 dials/day in Q3 2027", Target.at_least(50, per=DAY)),
        ("Book 20 demos/week in Q3 2027", Target.at_least(20, per=WEEK)),
        ("Book 20 demos /wk in Q3 2027", Target.at_least(20, per=WEEK)),
        ("Book 20 demos p/w in Q3 2027", Target.at_least(20, per=WEEK)),
        ("Book 20 demos per wk in Q3 2027", Target.at_least(20, per=WEEK)),
        ("Close 4 deals p/m in Q3 2027", Target.level(4, per=MONTH)),
        ("Close 4 deals/mo in Q3 2027", Target.level(4, per=MONTH)),
        ("Book 20 demos every three months in Q3 2027", Target.at_least(20, per=QUARTER)),
    ],
)
def test_a_cadence_a_period_holds_is_the_target_per(text: str, target: Target) -> None:
    assert _read(text) == (Timeframe.quarter(2027, 3), target)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Close $500k/quarter in 2027", Target.level(500_000, per=QUARTER)),
        ("Close $500k/q in 2027", Target.level(500_000, per=QUARTER)),
        ("Close $2M/yr in 2027", Target.level(2_000_000, per=YEAR)),
    ],
)
def test_a_slashed_cadence_after_money_is_the_target_per(text: str, target: Target) -> None:
    assert _read(text) == (Timeframe.year(2027), target)


@pytest.mark.parametrize(
    ("text", "words", "how"),
    [
        ("Make 50 calls per working day in Q3 2027", "per working day", "per working day"),
        ("Make 50 calls each working day in Q3 2027", "each working day", "per working day"),
        ("Make 50 calls per workday in Q3 2027", "per workday", "per working day"),
        ("Make 50 calls per business day in Q3 2027", "per business day", "per working day"),
        ("Maak 50 belletjes per werkdag in Q3 2027", "per werkdag", "per working day"),
        ("Book 10 demos every two weeks in Q3 2027", "every two weeks", "per two weeks"),
        ("Book 10 demos every 2 weeks in Q3 2027", "every 2 weeks", "per two weeks"),
        ("Book 10 demos every other week in Q3 2027", "every other week", "per two weeks"),
        ("Book 10 demos biweekly in Q3 2027", "biweekly", "per two weeks"),
        ("Book 10 demos fortnightly in Q3 2027", "fortnightly", "per two weeks"),
        ("Boek 10 demo's tweewekelijks in Q3 2027", "tweewekelijks", "per two weeks"),
        ("Boek 10 demo's om de week in Q3 2027", "om de week", "per two weeks"),
        ("Boek 10 demo's elke twee weken in Q3 2027", "elke twee weken", "per two weeks"),
        ("Book 10 demos every other month in Q3 2027", "every other month", "per two months"),
    ],
)
def test_a_cadence_no_period_holds_is_refused_with_how_to_write_it(
    text: str, words: str, how: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_goal(text, today=TODAY)
    message = str(caught.value)
    assert f"cannot read '{words}': a rate {how} cannot be planned yet" in message
    assert "write it per" in message
    assert caught.value.text == text
    assert caught.value.position == text.index(words.split()[0])


def test_a_check_in_cadence_no_period_holds_is_not_the_goal_s() -> None:
    text = "Book 20 demos a week in Q3 2027, reviewed every other week"
    assert _read(text) == (Timeframe.quarter(2027, 3), TWENTY_A_WEEK)


@pytest.mark.parametrize(
    "text",
    [
        "Increase revenue 10% y/y in 2027",
        "Increase revenue 10% q/q in 2027",
        "Increase revenue 10% m/m in 2027",
    ],
)
def test_a_slashed_comparison_is_no_cadence(text: str) -> None:
    assert _read(text) == (Timeframe.year(2027), TEN_PERCENT)


# -- 4. fiscal years are named by the year they end in, in every form ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Reach €2M ARR in Q1 of FY2027",
        "Reach €2M ARR in Q1 FY27",
        "Reach €2M ARR in Q1 FY2027",
        "Reach €2M ARR in FY2027 Q1",
        "Reach €2M ARR in the first quarter of FY2027",
        "Reach €2M ARR in Q1 of fiscal year 2027",
        "Bereik €2M ARR in Q1 boekjaar 2027",
        "Bereik €2M ARR in het eerste kwartaal van boekjaar 2027",
    ],
)
def test_the_first_quarter_of_fy2027_is_april_2026_in_every_form(text: str) -> None:
    assert _read(text, APRIL) == (APRIL.quarter(2027, 1), TWO_MILLION)
    assert APRIL.quarter(2027, 1) == Timeframe(date(2026, 4, 1), date(2026, 7, 1))


@pytest.mark.parametrize(
    "text",
    [
        "Reach €2M ARR in Q3 FY27",
        "Bereik €2M ARR in Q3 boekjaar 2027",
        "Bereik €2M ARR in het derde kwartaal van boekjaar 2027",
        "Reach €2M ARR in the third quarter of FY2027",
    ],
)
def test_the_third_quarter_of_fy2027_is_october_2026_in_every_form(text: str) -> None:
    assert _read(text, APRIL) == (Timeframe(date(2026, 10, 1), date(2027, 1, 1)), TWO_MILLION)


def test_the_first_half_of_a_fiscal_year_named_in_words() -> None:
    text = "Reach €2M ARR in the first half of fiscal year 2027"
    assert _read(text, APRIL) == (Timeframe(date(2026, 4, 1), date(2026, 10, 1)), TWO_MILLION)


# -- properties -------------------------------------------------------------------------------

_MONTHS = MONTH_NAMES["en"]


@given(st.integers(1, 12), st.integers(2027, 2031))
def test_by_a_month_ends_with_it_and_in_a_month_is_it(month: int, year: int) -> None:
    ends_later = Timeframe.month(year, month).end > TODAY
    named = f"{_MONTHS[month - 1]} {year}"
    if ends_later:
        deadline, _ = _read(f"Book 20 demos per week by {named}")
        assert deadline == Timeframe(TODAY, Timeframe.month(year, month).end)
    period, _ = _read(f"Book 20 demos per week in {named}")
    assert period == Timeframe.month(year, month)


@given(st.integers(1, 12), st.integers(1, 12), st.integers(2027, 2031))
def test_a_range_of_months_covers_every_month_in_it(first: int, last: int, year: int) -> None:
    text = f"Book 20 demos per week from {_MONTHS[first - 1]} to {_MONTHS[last - 1]} {year}"
    timeframe, target = _read(text)
    start_year = year if first <= last else year - 1
    assert timeframe == Timeframe(
        Timeframe.month(start_year, first).start, Timeframe.month(year, last).end
    )
    assert target == TWENTY_A_WEEK
