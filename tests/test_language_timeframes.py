"""Tests for smartgoals.language._timeframes: durations, deadlines and periods."""

from __future__ import annotations

from datetime import date

import pytest

from smartgoals.exceptions import ParseError
from smartgoals.language import parse_goal
from smartgoals.timeframes import FiscalCalendar, Timeframe

TODAY = date(2026, 8, 20)


def _frame(phrase: str, calendar: FiscalCalendar | None = None) -> Timeframe | None:
    return parse_goal(
        f"Increase revenue by 10% {phrase}", today=TODAY, calendar=calendar
    ).timeframe


def _frame_nl(phrase: str) -> Timeframe | None:
    return parse_goal(f"Verhoog de omzet met 10% {phrase}", today=TODAY).timeframe


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in six months", Timeframe.starting(TODAY, months=6)),
        ("within 90 days", Timeframe.starting(TODAY, days=90)),
        ("in a year", Timeframe.starting(TODAY, months=12)),
        ("over the next 2 quarters", Timeframe.starting(TODAY, months=6)),
        ("in 3 weeks", Timeframe.starting(TODAY, days=21)),
        ("in half a year", Timeframe.starting(TODAY, months=6)),
        ("by 30 June 2027", Timeframe(TODAY, date(2027, 7, 1))),
        ("by June 30, 2027", Timeframe(TODAY, date(2027, 7, 1))),
        ("before 1 July 2027", Timeframe(TODAY, date(2027, 7, 1))),
        ("by 2027-06-30", Timeframe(TODAY, date(2027, 7, 1))),
        ("by 30 June", Timeframe(TODAY, date(2027, 7, 1))),
        ("by the end of Q3", Timeframe(TODAY, date(2026, 10, 1))),
        ("by the end of Q2", Timeframe(TODAY, date(2027, 7, 1))),
        ("by the end of Q3 2027", Timeframe(TODAY, date(2027, 10, 1))),
        ("by year-end", Timeframe(TODAY, date(2027, 1, 1))),
        ("by the end of the year", Timeframe(TODAY, date(2027, 1, 1))),
        ("by the end of next quarter", Timeframe(TODAY, date(2027, 1, 1))),
        ("this quarter", Timeframe.quarter(2026, 3)),
        ("next quarter", Timeframe.quarter(2026, 4)),
        ("next year", Timeframe.year(2027)),
        ("in 2027", Timeframe.year(2027)),
        ("in H1 2027", Timeframe.half(2027, 1)),
        ("in Q3 2027", Timeframe.quarter(2027, 3)),
        ("in the third quarter of 2027", Timeframe.quarter(2027, 3)),
        ("in June 2027", Timeframe.month(2027, 6)),
        ("between 1 March 2027 and 30 June 2027", Timeframe(date(2027, 3, 1), date(2027, 7, 1))),
        ("before Q2 2027", Timeframe(TODAY, date(2027, 4, 1))),
    ],
)
def test_english_phrases(phrase: str, expected: Timeframe) -> None:
    assert _frame(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in zes maanden", Timeframe.starting(TODAY, months=6)),
        ("in zes maanden tijd", Timeframe.starting(TODAY, months=6)),
        ("binnen een jaar", Timeframe.starting(TODAY, months=12)),
        ("in een jaar", Timeframe.starting(TODAY, months=12)),
        ("in anderhalf jaar", Timeframe.starting(TODAY, months=18)),
        ("binnen de komende 4 weken", Timeframe.starting(TODAY, days=28)),
        ("voor 1 juli 2027", Timeframe(TODAY, date(2027, 7, 1))),
        ("uiterlijk 30 juni 2027", Timeframe(TODAY, date(2027, 7, 1))),
        ("tegen het einde van het jaar", Timeframe(TODAY, date(2027, 1, 1))),
        ("tegen eind 2027", Timeframe(TODAY, date(2028, 1, 1))),
        ("tegen het einde van het kwartaal", Timeframe(TODAY, date(2026, 10, 1))),
        ("dit kwartaal", Timeframe.quarter(2026, 3)),
        ("volgend kwartaal", Timeframe.quarter(2026, 4)),
        ("volgend jaar", Timeframe.year(2027)),
        ("in 2027", Timeframe.year(2027)),
        ("in het derde kwartaal van 2027", Timeframe.quarter(2027, 3)),
        ("tussen 1 maart 2027 en 30 juni 2027", Timeframe(date(2027, 3, 1), date(2027, 7, 1))),
        ("in juni 2027", Timeframe.month(2027, 6)),
    ],
)
def test_dutch_phrases(phrase: str, expected: Timeframe) -> None:
    assert _frame_nl(phrase) == expected


APRIL_FY = FiscalCalendar(start_month=4)


def test_fiscal_calendar() -> None:
    april = FiscalCalendar(start_month=4)
    assert _frame("in FY2027", april) == april.year(2027)
    assert _frame("in FY2027 H1", april) == april.half(2027, 1)
    assert _frame("in Q3 2027", april) == april.quarter(2027, 3)
    assert _frame("by year-end", april) == Timeframe(TODAY, date(2027, 4, 1))
    assert _frame("this quarter", april) == april.quarter(2027, 2)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in FY27", APRIL_FY.year(2027)),
        ("in FY 2027", APRIL_FY.year(2027)),
        ("in FY27 Q3", APRIL_FY.quarter(2027, 3)),
        ("in Q3 FY27", APRIL_FY.quarter(2027, 3)),
        ("in Q3 FY2027", APRIL_FY.quarter(2027, 3)),
        ("in H2 FY27", APRIL_FY.half(2027, 2)),
        ("in fiscal year 2027", APRIL_FY.year(2027)),
        ("in boekjaar 2027", APRIL_FY.year(2027)),
        ("boekjaar 2027", APRIL_FY.year(2027)),
    ],
)
def test_fiscal_shorthand(phrase: str, expected: Timeframe) -> None:
    # Two-digit years are in the 2000s; without a calendar FY is the calendar year.
    assert _frame(phrase, APRIL_FY) == expected
    plain = _frame(phrase)
    assert plain is not None
    assert plain.start.year == 2027
    assert _frame_nl(phrase.replace("in fiscal year", "in boekjaar")) == plain


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("by 31 February 2027", "not a date"),
        ("by 30 February", "not a date"),
        ("by 1 January 2026", "not after today"),
        ("by the end of Q1 2026", "not after today"),
        ("in 5000 years", "too long"),
        ("in FY027", "four digits"),
        ("between 30 June 2027 and 1 March 2027", "before it starts"),
    ],
)
def test_impossible_timeframes(phrase: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        _frame(phrase)


def test_leap_day_without_a_year_waits_for_a_leap_year() -> None:
    assert _frame("by 29 February") == Timeframe(TODAY, date(2028, 3, 1))


@pytest.mark.parametrize(
    "phrase", ["per month", "monthly", "every quarter", "a week", "per kwartaal", "maandelijks"]
)
def test_recurring_periods_are_not_timeframes(phrase: str) -> None:
    assert _frame(phrase) is None
