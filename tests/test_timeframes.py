from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta
from fractions import Fraction
from itertools import pairwise

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import CalendarError, ParseError
from smartgoals.timeframes import (
    CALENDAR_YEAR,
    FiscalCalendar,
    Granularity,
    Timeframe,
    _add_months,
)
from strategies import dates, fiscal_calendars, timeframes

fiscal_years = st.integers(min_value=1991, max_value=2099)
period_granularities = st.sampled_from(
    [Granularity.YEAR, Granularity.HALF, Granularity.QUARTER, Granularity.MONTH, Granularity.WEEK]
)
granularities = st.sampled_from(list(Granularity))

APRIL = FiscalCalendar(start_month=4)
RETAIL = FiscalCalendar(start_month=2, naming="start", weeks="4-5-4")
APPLE_LIKE = FiscalCalendar(start_month=10, weeks="5-4-4", week_rule="last")


def d(text: str) -> date:
    return date.fromisoformat(text)


def tf(first: str, last: str) -> Timeframe:
    """A timeframe from its first to its last day, both inclusive."""
    return Timeframe(d(first), d(last) + timedelta(days=1))


# -- Timeframe constructors ------------------------------------------------------------


def test_calendar_constructors() -> None:
    assert Timeframe.year(2027) == tf("2027-01-01", "2027-12-31")
    assert Timeframe.half(2027, 1) == tf("2027-01-01", "2027-06-30")
    assert Timeframe.half(2027, 2) == tf("2027-07-01", "2027-12-31")
    assert Timeframe.quarter(2027, 4) == tf("2027-10-01", "2027-12-31")
    assert Timeframe.month(2028, 2) == tf("2028-02-01", "2028-02-29")
    assert Timeframe.month(2027, 12) == tf("2027-12-01", "2027-12-31")
    assert Timeframe.day(d("2027-03-01")) == tf("2027-03-01", "2027-03-01")


def test_iso_weeks() -> None:
    assert Timeframe.iso_week(2027, 1) == tf("2027-01-04", "2027-01-10")
    assert Timeframe.iso_week(2026, 53) == tf("2026-12-28", "2027-01-03")
    assert Timeframe.iso_week(2025, 1) == tf("2024-12-30", "2025-01-05")
    with pytest.raises(CalendarError, match="from 1 to 52, got 53"):
        Timeframe.iso_week(2027, 53)


def test_starting_adds_months_from_the_anchor_then_weeks_and_days() -> None:
    assert Timeframe.starting(d("2027-04-01"), months=3) == tf("2027-04-01", "2027-06-30")
    assert Timeframe.starting(d("2027-01-31"), months=1).end == d("2027-02-28")
    assert Timeframe.starting(d("2027-01-31"), months=2).end == d("2027-03-31")
    assert Timeframe.starting(d("2027-03-01"), weeks=2, days=1).days == 15
    assert Timeframe.starting(d("2027-03-01"), months=12) == tf("2027-03-01", "2028-02-29")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Timeframe.quarter(2027, 5), "quarter must be an integer from 1 to 4, got 5"),
        (lambda: Timeframe.quarter(2027, 0), "from 1 to 4, got 0"),
        (lambda: Timeframe.month(2027, 13), "month must be an integer from 1 to 12, got 13"),
        (lambda: Timeframe.half(2027, 3), "half must be an integer from 1 to 2, got 3"),
        (lambda: Timeframe.year(True), "year must be an integer"),
        (lambda: Timeframe.year(0), "from 1 to 9998, got 0"),
        (lambda: Timeframe.starting(d("2027-01-01")), "needs a length"),
        (lambda: Timeframe.starting(d("2027-01-01"), days=-1), "days must be an integer"),
        (lambda: Timeframe.day(datetime(2027, 1, 1)), "use .date"),
    ],
)
def test_invalid_constructor_arguments_raise_calendar_error(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(CalendarError, match=message.replace(".", r"\.")):
        call()


def test_str_shows_the_inclusive_last_day() -> None:
    assert str(Timeframe.year(2027)) == "2027-01-01 – 2027-12-31"
    assert str(Timeframe.day(d("2027-05-04"))) == "2027-05-04"


def test_overlaps_and_intersection() -> None:
    q1 = Timeframe.quarter(2027, 1)
    assert q1.overlaps(Timeframe.month(2027, 3))
    assert not q1.overlaps(Timeframe.quarter(2027, 2))
    assert q1.intersection(Timeframe.quarter(2027, 2)) is None
    assert q1.intersection(tf("2026-12-15", "2027-01-10")) == tf("2027-01-01", "2027-01-10")


@given(timeframes(), timeframes())
def test_intersection_is_exactly_the_common_days(a: Timeframe, b: Timeframe) -> None:
    both = a.intersection(b)
    assert (both is not None) == a.overlaps(b) == b.overlaps(a)
    if both is not None:
        assert both == b.intersection(a)
        for day in (both.start, both.last_day):
            assert a.contains(day)
            assert b.contains(day)
        assert not (a.contains(both.end) and b.contains(both.end))


# -- months are anchor + k months --------------------------------------------------------


@given(dates(), st.integers(min_value=0, max_value=240))
def test_add_months_is_anchor_plus_k_months(anchor: date, k: int) -> None:
    result = _add_months(anchor, k)
    assert result == anchor + relativedelta(months=k)
    assert (result.year * 12 + result.month) - (anchor.year * 12 + anchor.month) == k
    assert result.day == min(anchor.day, monthrange(result.year, result.month)[1])


def test_month_ends_do_not_drift() -> None:
    anchor = d("2027-01-31")
    assert [_add_months(anchor, k) for k in range(5)] == [
        d("2027-01-31"),
        d("2027-02-28"),
        d("2027-03-31"),
        d("2027-04-30"),
        d("2027-05-31"),
    ]
    cal = FiscalCalendar(start_month=1, start_day=31)
    assert [cal.month(2028, m).start for m in (1, 2, 3, 4)] == [
        d("2027-01-31"),
        d("2027-02-28"),
        d("2027-03-31"),
        d("2027-04-30"),
    ]
    assert cal.month(2029, 2).start == d("2028-02-29")


@given(fiscal_calendars().filter(lambda c: not c.is_week_based), fiscal_years)
def test_fiscal_months_start_on_the_clamped_start_day(cal: FiscalCalendar, fy: int) -> None:
    for m in range(1, 13):
        start = cal.month(fy, m).start
        assert start.month == (cal.start_month + m - 2) % 12 + 1
        assert start.day == min(cal.start_day, monthrange(start.year, start.month)[1])


# -- split, workdays, fraction_elapsed --------------------------------------------------


def test_split_clips_calendar_periods() -> None:
    parts = Timeframe(d("2027-02-15"), d("2027-05-01")).split(Granularity.MONTH)
    assert parts == [
        tf("2027-02-15", "2027-02-28"),
        Timeframe.month(2027, 3),
        Timeframe.month(2027, 4),
    ]
    weeks = Timeframe.year(2027).split("week")
    assert weeks[0] == tf("2027-01-01", "2027-01-03")  # Friday to Sunday of ISO week 53
    assert weeks[1] == Timeframe.iso_week(2027, 1)
    assert len(weeks) == 53
    assert weeks[-1] == tf("2027-12-27", "2027-12-31")
    assert Timeframe.year(2027).split("quarter") == [
        Timeframe.quarter(2027, q) for q in (1, 2, 3, 4)
    ]


def test_split_with_a_fiscal_calendar_uses_its_periods() -> None:
    parts = Timeframe.year(2027).split(Granularity.QUARTER, calendar=APRIL)
    assert parts == [
        tf("2027-01-01", "2027-03-31"),
        tf("2027-04-01", "2027-06-30"),
        tf("2027-07-01", "2027-09-30"),
        tf("2027-10-01", "2027-12-31"),
    ]
    assert [APRIL.label(p) for p in parts] == ["FY2027 Q4", "FY2028 Q1", "FY2028 Q2", "FY2028 Q3"]
    clipped = Timeframe(d("2026-05-10"), d("2026-08-01")).split("month", calendar=APRIL)
    assert clipped[0] == tf("2026-05-10", "2026-05-31")


def test_split_rejects_an_unknown_granularity() -> None:
    with pytest.raises(CalendarError, match="unknown granularity 'fortnight'; use one of year"):
        Timeframe.year(2027).split("fortnight")


@given(timeframes(), granularities, st.one_of(st.none(), fiscal_calendars()))
def test_split_parts_are_consecutive_and_cover_the_timeframe(
    frame: Timeframe, granularity: Granularity, cal: FiscalCalendar | None
) -> None:
    parts = frame.split(granularity, calendar=cal)
    assert parts[0].start == frame.start
    assert parts[-1].end == frame.end
    assert all(a.end == b.start for a, b in pairwise(parts))
    assert sum(p.days for p in parts) == frame.days
    for part in parts:
        if cal is not None:
            assert part == cal.period_of(part.start, granularity).intersection(frame)
        elif granularity is Granularity.WEEK:
            assert part.start.isocalendar()[:2] == part.last_day.isocalendar()[:2]
            assert part.start == frame.start or part.start.weekday() == 0
        else:
            # Calendar periods are the fiscal periods of the plain calendar year.
            whole = CALENDAR_YEAR.period_of(part.start, granularity)
            assert part == whole.intersection(frame)


def test_workdays_count_weekdays_minus_holidays() -> None:
    june = Timeframe.month(2027, 6)
    assert june.workdays() == 22
    assert june.workdays(holidays={d("2027-06-01"), d("2027-06-05")}) == 21  # 5 June is a Saturday
    assert june.workdays(weekend=(4, 5)) == 22
    assert june.workdays(weekend=()) == 30
    assert june.workdays(weekend=(6,)) == 26


def test_workdays_only_need_membership_tests_on_holidays() -> None:
    class KingsDayOnly:
        """Like the holidays package: supports ``in``, populated lazily."""

        def __contains__(self, day: object) -> bool:
            return isinstance(day, date) and (day.month, day.day) == (4, 27)

    april = Timeframe.month(2027, 4)
    assert april.workdays(holidays=KingsDayOnly()) == april.workdays() - 1


def test_workdays_reject_bad_weekends() -> None:
    with pytest.raises(CalendarError, match="weekend day must be an integer from 0 to 6, got 7"):
        Timeframe.month(2027, 6).workdays(weekend=(7,))
    with pytest.raises(CalendarError, match="all seven weekdays"):
        Timeframe.month(2027, 6).workdays(weekend=range(7))


@given(dates(), st.integers(min_value=1, max_value=100))
def test_whole_weeks_have_five_workdays_each(start: date, weeks: int) -> None:
    assert Timeframe.starting(start, weeks=weeks).workdays() == 5 * weeks


@given(timeframes(), st.sets(dates(2000, 2010), max_size=20))
def test_workdays_add_up_over_a_split(frame: Timeframe, holidays: set[date]) -> None:
    whole = frame.workdays(holidays=holidays)
    assert whole == sum(p.workdays(holidays=holidays) for p in frame.split("month"))
    assert 0 <= whole <= frame.days
    in_frame = {h for h in holidays if frame.contains(h) and h.weekday() < 5}
    assert whole == frame.workdays() - len(in_frame)


def test_fraction_elapsed() -> None:
    april = Timeframe.month(2027, 4)
    assert april.fraction_elapsed(d("2027-03-01")) == 0
    assert april.fraction_elapsed(d("2027-04-01")) == 0
    assert april.fraction_elapsed(d("2027-04-16")) == Fraction(1, 2)
    assert april.fraction_elapsed(d("2027-04-30")) == Fraction(29, 30)
    assert april.fraction_elapsed(d("2027-05-01")) == 1
    assert isinstance(april.fraction_elapsed(d("2027-05-01")), Fraction)
    with pytest.raises(CalendarError, match=r"as_of must be a datetime\.date"):
        april.fraction_elapsed(datetime(2027, 4, 2))


@given(timeframes(), dates(), dates())
def test_fraction_elapsed_is_linear_clamped_and_monotone(
    frame: Timeframe, a: date, b: date
) -> None:
    early, late = min(a, b), max(a, b)
    fa, fb = frame.fraction_elapsed(early), frame.fraction_elapsed(late)
    assert 0 <= fa <= fb <= 1
    if frame.start <= early <= frame.end:
        assert fa == Fraction((early - frame.start).days, frame.days)
    if early <= frame.start:
        assert fa == 0
    if early >= frame.end:
        assert fa == 1


# -- fiscal calendars: examples ---------------------------------------------------------


def test_april_start_named_by_end_year() -> None:
    assert APRIL.year(2027) == tf("2026-04-01", "2027-03-31")
    assert APRIL.quarter(2027, 1) == tf("2026-04-01", "2026-06-30")
    assert APRIL.quarter(2027, 4) == tf("2027-01-01", "2027-03-31")
    assert APRIL.half(2027, 2) == tf("2026-10-01", "2027-03-31")
    assert APRIL.month(2027, 5) == Timeframe.month(2026, 8)
    assert APRIL.fiscal_year(d("2026-04-01")) == 2027
    assert APRIL.fiscal_year(d("2026-03-31")) == 2026


def test_naming_by_start_year() -> None:
    cal = FiscalCalendar(start_month=4, naming="start")
    assert cal.year(2026) == APRIL.year(2027)
    assert cal.label(cal.year(2026)) == "FY2026"
    assert cal.fiscal_year(d("2027-03-31")) == 2026


def test_calendar_year_is_the_same_under_both_namings() -> None:
    assert CALENDAR_YEAR.year(2027) == Timeframe.year(2027)
    assert FiscalCalendar(naming="start").year(2027) == Timeframe.year(2027)
    assert CALENDAR_YEAR.quarter(2027, 3) == Timeframe.quarter(2027, 3)
    assert CALENDAR_YEAR.week(2027, 53) == Timeframe.day(d("2027-12-31"))
    assert CALENDAR_YEAR.week(2028, 53) == tf("2028-12-30", "2028-12-31")


def test_start_days_29_to_31_clamp_to_month_ends() -> None:
    feb_end = FiscalCalendar(start_month=2, start_day=31)
    assert feb_end.year(2028) == tf("2027-02-28", "2028-02-28")
    assert feb_end.year(2029) == tf("2028-02-29", "2029-02-27")
    assert feb_end.month(2028, 1) == tf("2027-02-28", "2027-03-30")
    uk = FiscalCalendar(start_month=4, start_day=6, naming="start")
    assert uk.year(2027) == tf("2027-04-06", "2028-04-05")
    mid_jan = FiscalCalendar(start_month=1, start_day=15)
    assert mid_jan.year(2028) == tf("2027-01-15", "2028-01-14")


def test_retail_4_5_4_calendar_matches_the_nrf_years() -> None:
    # NRF fiscal 2023 was a 53-week year ending on the Saturday nearest 31 January 2024.
    assert RETAIL.year(2023) == tf("2023-01-29", "2024-02-03")
    assert RETAIL.year(2023).days == 371
    assert RETAIL.year(2024) == tf("2024-02-04", "2025-02-01")
    assert [RETAIL.month(2024, m).days for m in (1, 2, 3)] == [28, 35, 28]
    # The 53rd week goes into the last month.
    assert RETAIL.month(2023, 12).days == 35
    assert RETAIL.quarter(2023, 4).days == 14 * 7
    assert len(RETAIL.periods(2023, "week")) == 53
    assert RETAIL.label(RETAIL.week(2023, 53)) == "FY2023 W53"


def test_last_weekday_rule_matches_a_september_year_end() -> None:
    # Year ends on the last Saturday of September: 30 Sep 2023, 28 Sep 2024.
    assert APPLE_LIKE.year(2023) == tf("2022-09-25", "2023-09-30")
    assert APPLE_LIKE.year(2023).days == 371
    assert APPLE_LIKE.year(2024) == tf("2023-10-01", "2024-09-28")
    assert [APPLE_LIKE.month(2024, m).days for m in (1, 2, 3)] == [35, 28, 28]


def test_a_year_can_start_after_its_nominal_start_across_new_year() -> None:
    # Nominal start 30 Dec 1995, but the year before ends on Monday 1 Jan 1996.
    cal = FiscalCalendar(start_month=12, start_day=30, weeks="4-4-5", week_end=0)
    assert cal.year(1996) == tf("1996-01-02", "1996-12-30")
    assert cal.fiscal_year(d("1996-01-01")) == 1995
    assert cal.period_of(d("1996-01-01"), "week") == cal.week(1995, 53)


def test_week_based_week_53_exists_only_in_53_week_years() -> None:
    with pytest.raises(CalendarError, match="week of FY2024 must be an integer from 1 to 52"):
        RETAIL.week(2024, 53)


def test_labels() -> None:
    assert APRIL.label(APRIL.year(2027)) == "FY2027"
    assert APRIL.label(APRIL.half(2027, 1)) == "FY2027 H1"
    assert APRIL.label(APRIL.quarter(2027, 3)) == "FY2027 Q3"
    assert APRIL.label(APRIL.month(2027, 5)) == "FY2027 M05"
    assert APRIL.label(APRIL.week(2027, 7)) == "FY2027 W07"
    assert APRIL.label(Timeframe.quarter(2027, 1)) == "FY2027 Q4"


def test_label_rejects_what_is_not_one_fiscal_period() -> None:
    with pytest.raises(CalendarError, match="is not a single fiscal year, half, quarter"):
        APRIL.label(Timeframe.year(2027))
    with pytest.raises(CalendarError):
        APRIL.label(Timeframe(d("2026-04-01"), d("2026-07-01") + timedelta(days=1)))
    with pytest.raises(CalendarError):
        APRIL.label(Timeframe(APRIL.month(2027, 2).start, APRIL.month(2027, 4).end))
    with pytest.raises(CalendarError):
        APRIL.label(Timeframe.day(d("2026-04-01")))


@pytest.mark.parametrize(
    "text", ["FY2027 Q3", "fy2027q3", "  FY 2027 - Q3 ", "Fy2027_q3", "FY2027/Q3", "FY2027Q03"]
)
def test_parse_label_is_tolerant_of_case_and_spacing(text: str) -> None:
    assert APRIL.parse_label(text) == APRIL.quarter(2027, 3)


def test_parse_label_reads_every_kind() -> None:
    assert APRIL.parse_label("FY2027") == APRIL.year(2027)
    assert APRIL.parse_label("FY2027 H2") == APRIL.half(2027, 2)
    assert APRIL.parse_label("FY2027 M5") == APRIL.month(2027, 5)
    assert APRIL.parse_label("fy2027 w07") == APRIL.week(2027, 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FY2027 Q5", "quarter must be an integer from 1 to 4, got 5"),
        ("FY2027 M13", "fiscal month must be an integer from 1 to 12, got 13"),
        ("FY2027 H0", "half must be an integer from 1 to 2, got 0"),
        ("FY027 Q3", "four digits \\(or two for 20xx\\), e.g. 'FY2027 Q3'"),
        ("FY7", "four digits"),
        ("Q3 FY27 Q4", "cannot read 'Q3 FY27 Q4'"),
        ("Q3 2027", "cannot read 'Q3 2027' as a fiscal label"),
        ("FY2027 X1", "cannot read"),
        ("", "cannot read"),
    ],
)
def test_parse_label_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        APRIL.parse_label(text)
    assert info.value.text == text


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("FY27", None),
        ("fy 27", None),
        ("FY 2027", None),
        ("FY27 Q3", ("Q", 3)),
        ("Q3 FY27", ("Q", 3)),
        ("q3-fy2027", ("Q", 3)),
        ("H2 FY27", ("H", 2)),
        ("FY27M05", ("M", 5)),
    ],
)
def test_parse_label_reads_fiscal_shorthand(text: str, part: tuple[str, int] | None) -> None:
    # Two-digit years are in the 2000s; the part may come before the year.
    if part is None:
        expected = APRIL.year(2027)
    else:
        by_kind = {"Q": APRIL.quarter, "H": APRIL.half, "M": APRIL.month}
        expected = by_kind[part[0]](2027, part[1])
    assert APRIL.parse_label(text) == expected
    assert APRIL.parse_label("FY99") == APRIL.year(2099)
    assert APRIL.parse_label("FY00 Q1") == APRIL.quarter(2000, 1)


def test_parse_label_rejects_week_53_of_a_52_week_year() -> None:
    with pytest.raises(ParseError, match="from 1 to 52, got 53"):
        RETAIL.parse_label("FY2024 W53")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start_month": 13}, "start_month must be an integer from 1 to 12, got 13"),
        ({"start_month": 0}, "start_month must be an integer from 1 to 12, got 0"),
        ({"start_day": 32}, "start_day must be an integer from 1 to 31, got 32"),
        ({"naming": "middle"}, "unknown naming 'middle'; use one of 'end', 'start'"),
        ({"weeks": "4-4-4"}, "unknown week pattern '4-4-4'; use one of None, '4-4-5'"),
        ({"weeks": "4-4-5", "week_end": 7}, "week_end must be an integer from 0 to 6, got 7"),
        ({"weeks": "4-4-5", "week_rule": "first"}, "unknown week_rule 'first'"),
        ({"week_rule": "last"}, "only apply to week-based calendars"),
        ({"week_end": 6}, "only apply to week-based calendars"),
    ],
)
def test_invalid_calendars_raise_calendar_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        FiscalCalendar(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: APRIL.quarter(2027, 5), "quarter must be an integer from 1 to 4, got 5"),
        (lambda: APRIL.month(2027, 13), "fiscal month must be an integer from 1 to 12, got 13"),
        (lambda: APRIL.half(2027, 3), "half must be an integer from 1 to 2, got 3"),
        (lambda: APRIL.week(2027, 54), "week of FY2027 must be an integer from 1 to 53"),
        (lambda: APRIL.year(1), "fiscal year must be an integer from 2 to 9997, got 1"),
        (lambda: APRIL.periods(2027, "decade"), "unknown granularity 'decade'"),
        (
            lambda: APRIL.fiscal_year(date(9999, 1, 1)),
            "outside the supported fiscal years 2 to 9997",
        ),
    ],
)
def test_invalid_period_arguments_raise_calendar_error(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(CalendarError, match=message):
        call()


def test_periods_of_a_timeframe_are_whole_overlapping_periods() -> None:
    assert APRIL.periods(tf("2027-03-15", "2027-04-15"), "quarter") == [
        APRIL.quarter(2027, 4),
        APRIL.quarter(2028, 1),
    ]
    assert APRIL.periods(Timeframe.month(2027, 2), Granularity.DAY)[0] == Timeframe.day(
        d("2027-02-01")
    )


# -- fiscal calendars: properties -------------------------------------------------------


@given(fiscal_calendars(), fiscal_years, period_granularities)
def test_periods_are_contiguous_and_tile_the_year(
    cal: FiscalCalendar, fy: int, granularity: Granularity
) -> None:
    year = cal.year(fy)
    periods = cal.periods(fy, granularity)
    assert periods[0].start == year.start
    assert periods[-1].end == year.end
    assert all(a.end == b.start for a, b in pairwise(periods))
    assert sum(p.days for p in periods) == year.days


@given(fiscal_calendars(), fiscal_years)
def test_consecutive_fiscal_years_are_contiguous(cal: FiscalCalendar, fy: int) -> None:
    year = cal.year(fy)
    assert year.end == cal.year(fy + 1).start
    assert cal.fiscal_year(year.start) == cal.fiscal_year(year.last_day) == fy
    assert cal.fiscal_year(year.start - timedelta(days=1)) == fy - 1
    assert cal.fiscal_year(year.end) == fy + 1


@given(fiscal_calendars(), dates(1991, 2098), period_granularities)
def test_every_day_is_in_exactly_one_period(
    cal: FiscalCalendar, day: date, granularity: Granularity
) -> None:
    fy = cal.fiscal_year(day)
    assert cal.year(fy).contains(day)
    containing = [p for p in cal.periods(fy, granularity) if p.contains(day)]
    assert containing == [cal.period_of(day, granularity)]


@given(fiscal_calendars(), fiscal_years, period_granularities)
def test_period_of_a_periods_first_and_last_day_is_that_period(
    cal: FiscalCalendar, fy: int, granularity: Granularity
) -> None:
    for period in cal.periods(fy, granularity):
        assert cal.period_of(period.start, granularity) == period
        assert cal.period_of(period.last_day, granularity) == period


@given(fiscal_calendars(), fiscal_years, period_granularities)
def test_label_round_trips(cal: FiscalCalendar, fy: int, granularity: Granularity) -> None:
    for period in cal.periods(fy, granularity):
        label = cal.label(period)
        assert label.startswith(f"FY{fy}")
        assert cal.parse_label(label) == period
        assert cal.parse_label(label.lower().replace(" ", "")) == period


@given(fiscal_calendars(), fiscal_years)
def test_months_sum_to_quarters_sum_to_halves_sum_to_the_year(
    cal: FiscalCalendar, fy: int
) -> None:
    months = [cal.month(fy, m) for m in range(1, 13)]
    quarters = [cal.quarter(fy, q) for q in range(1, 5)]
    halves = [cal.half(fy, h) for h in (1, 2)]
    for q, quarter in enumerate(quarters):
        three = months[3 * q : 3 * q + 3]
        assert (three[0].start, three[-1].end) == (quarter.start, quarter.end)
        assert sum(m.days for m in three) == quarter.days
    for h, half in enumerate(halves):
        assert sum(q.days for q in quarters[2 * h : 2 * h + 2]) == half.days
        assert half.start == quarters[2 * h].start
    assert sum(h.days for h in halves) == cal.year(fy).days


@given(fiscal_calendars().filter(lambda c: c.is_week_based), fiscal_years)
def test_week_based_years_have_52_or_53_whole_weeks(cal: FiscalCalendar, fy: int) -> None:
    year = cal.year(fy)
    assert year.days in (364, 371)
    assert year.last_day.weekday() == cal.week_end
    weeks = cal.periods(fy, "week")
    assert len(weeks) == year.days // 7
    assert all(w.days == 7 for w in weeks)
    assert cal.weeks is not None
    pattern = [int(n) for n in cal.weeks.split("-")] * 4
    pattern[-1] += len(weeks) - 52  # the 53rd week goes into the last month
    assert [m.days // 7 for m in cal.periods(fy, "month")] == pattern
    assert all(m.days % 7 == 0 for m in cal.periods(fy, "month"))


@given(fiscal_calendars().filter(lambda c: c.is_week_based), fiscal_years)
def test_week_based_years_end_near_the_nominal_year_end(cal: FiscalCalendar, fy: int) -> None:
    nominal_end = FiscalCalendar(cal.start_month, cal.start_day, naming=cal.naming).year(fy).end
    shift = (cal.year(fy).end - nominal_end).days
    assert -3 <= shift <= 3 if cal.week_rule == "nearest" else -6 <= shift <= 0


@given(fiscal_calendars().filter(lambda c: not c.is_week_based), fiscal_years)
def test_month_based_years_are_365_or_366_days(cal: FiscalCalendar, fy: int) -> None:
    assert cal.year(fy).days in (365, 366)
    weeks = cal.periods(fy, "week")
    assert len(weeks) == 53
    assert weeks[-1].days in (1, 2)


@given(
    st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=31), fiscal_years
)
def test_end_naming_names_the_year_its_nominal_last_day_falls_in(
    month: int, day: int, fy: int
) -> None:
    by_end = FiscalCalendar(month, day, naming="end")
    by_start = FiscalCalendar(month, day, naming="start")
    assert by_end.year(fy).last_day.year == fy
    assert by_start.year(fy).start.year == fy


# -- the last date there is -----------------------------------------------------------


def test_a_timeframe_past_the_last_date_is_a_calendar_error() -> None:
    with pytest.raises(CalendarError, match="12 months from 9999-01-01 would end after"):
        Timeframe.starting(date(9999, 1, 1), months=12)
    with pytest.raises(CalendarError, match="1 days after 9999-12-31"):
        Timeframe.day(date.max)
    assert Timeframe.starting(date(9999, 1, 1), days=364).last_day == date(9999, 12, 30)


def test_a_label_with_a_part_number_of_thousands_of_digits_is_a_parse_error() -> None:
    text = "FY2027H" + "1" * 4301
    with pytest.raises(ParseError, match="H11111111… is no part of a fiscal year") as caught:
        FiscalCalendar().parse_label(text)
    assert caught.value.position == 7
    assert "1" * 41 not in str(caught.value)  # the label is quoted cut short
    assert FiscalCalendar().parse_label("FY2027 H001") == FiscalCalendar().half(2027, 1)
