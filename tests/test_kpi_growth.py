"""Growth rate, CAGR and the growth a goal requires."""

from __future__ import annotations

import decimal
import math
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi.growth import DAYS_PER_YEAR, cagr, growth_rate, required_growth


def test_growth_rate_month_over_month() -> None:
    assert growth_rate(Decimal(110_000), 100_000) == Decimal("0.1")
    assert growth_rate(80, 100) == -0.2


@pytest.mark.parametrize("previous", [0, -10])
def test_growth_from_zero_or_less_is_undefined(previous: int) -> None:
    assert math.isnan(growth_rate(10, previous))
    with pytest.raises(UndefinedMetricError, match="not above zero"):
        growth_rate(10, previous, strict=True)


def test_cagr_example() -> None:
    # Investopedia: $10,000 growing to $19,000 over 3 years is a CAGR of about 23.86%.
    assert cagr(10_000, 19_000, 3) == pytest.approx(0.2386, abs=5e-5)
    assert cagr(Decimal(100), 121, 2) == Decimal("0.1")


def test_cagr_is_exact_when_the_root_is_rational() -> None:
    assert cagr(Fraction(1000), 1331, 3) == Fraction(1, 10)
    assert cagr(Decimal(1000), 1331, 3) == Decimal("0.1")
    assert cagr(100, 0, 5) == -1.0


def test_cagr_from_dates_uses_days_over_365_25() -> None:
    start, end = date(2024, 1, 1), date(2026, 1, 1)
    years = Fraction((end - start).days) / DAYS_PER_YEAR
    expected = (121 / 100) ** (1 / float(years)) - 1
    assert cagr(100, 121, start_date=start, end_date=end) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"years": 2, "start_date": date(2024, 1, 1), "end_date": date(2026, 1, 1)},
        {"start_date": date(2024, 1, 1)},
        {"end_date": date(2024, 1, 1)},
    ],
)
def test_cagr_needs_years_or_both_dates(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError, match="give either years or both"):
        cagr(100, 121, **kwargs)  # type: ignore[arg-type]


def test_cagr_rejects_end_before_start_and_nonpositive_years() -> None:
    with pytest.raises(InvalidInputError, match="must be after start_date") as info:
        cagr(100, 121, start_date=date(2026, 1, 1), end_date=date(2024, 1, 1))
    assert info.value.name == "end_date"
    with pytest.raises(InvalidInputError, match="years must be greater than zero"):
        cagr(100, 121, 0)
    with pytest.raises(InvalidInputError, match="start_date must be a date or an ISO date"):
        cagr(100, 121, start_date="1 Jan 2024", end_date=date(2026, 1, 1))
    with pytest.raises(InvalidInputError, match="end_date must be a date"):
        cagr(100, 121, start_date="2024-01-01", end_date=20260101)  # type: ignore[arg-type]


def test_cagr_reads_iso_dates_and_datetimes() -> None:
    by_dates = cagr(100, 121, start_date=date(2024, 1, 1), end_date=date(2026, 1, 1))
    assert cagr(100, 121, start_date="2024-01-01", end_date="2026-01-01") == by_dates
    assert (
        cagr(100, 121, start_date=datetime(2024, 1, 1, 9), end_date=date(2026, 1, 1)) == by_dates
    )


def test_cagr_undefined_for_nonpositive_start_or_negative_end() -> None:
    assert math.isnan(cagr(0, 10, 2))
    assert cagr(Decimal(10), -1, 2).is_nan()  # type: ignore[union-attr]
    with pytest.raises(UndefinedMetricError, match="cagr is undefined"):
        cagr(-1, 10, 2, strict=True)


def test_required_growth_for_a_goal() -> None:
    # Double revenue in 12 months: 2^(1/12) − 1 ≈ 5.95% a month.
    assert required_growth(100, 200, 12) == pytest.approx(2 ** (1 / 12) - 1)
    assert required_growth(Decimal(100), 90, 1) == Decimal("-0.1")
    with pytest.raises(InvalidInputError, match="periods must be greater than zero"):
        required_growth(100, 200, 0)


positive = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2)


@given(positive, positive, st.integers(min_value=1, max_value=40))
def test_start_times_compounded_cagr_is_end(start: Decimal, end: Decimal, years: int) -> None:
    rate = cagr(start, end, years)
    assert isinstance(rate, Decimal)
    with decimal.localcontext() as context:
        context.prec = 60
        back = start * (1 + rate) ** years
        # The rate is rounded to 28 significant digits; that rounding error, carried
        # through d(back)/d(rate) = start · years · (1 + rate)^(years − 1), bounds the gap.
        rounding = max(abs(rate), Decimal(1)) * Decimal("1e-27")
        tolerance = start * years * (1 + rate) ** (years - 1) * rounding
    assert abs(back - end) <= tolerance


@given(
    positive,
    positive,
    st.fractions(min_value=Fraction(1, 4), max_value=40, max_denominator=12),
)
def test_cagr_with_fractional_years(start: Decimal, end: Decimal, years: Fraction) -> None:
    rate = cagr(start, end, Decimal(years.numerator) / Decimal(years.denominator))
    assert isinstance(rate, Decimal)
    expected = (float(end) / float(start)) ** (1 / float(years)) - 1
    assert float(rate) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@given(positive, positive, st.integers(min_value=1, max_value=24))
def test_required_growth_is_cagr_over_periods(baseline: Decimal, target: Decimal, n: int) -> None:
    assert required_growth(baseline, target, n) == cagr(baseline, target, n)
    rate = required_growth(baseline, target, n)
    assert isinstance(rate, Decimal)
    assert (rate > 0) == (target > baseline)


def test_growth_from_a_previous_value_of_one_or_less_is_defined() -> None:
    # Only a previous value of zero or less is undefined; 1 and 0.5 are ordinary bases.
    assert growth_rate(3, 1) == 2.0
    assert growth_rate(Decimal(1), Decimal("0.5")) == Decimal(1)
    assert growth_rate(Fraction(1, 100), Fraction(1, 100)) == 0


def test_cagr_over_one_day_and_over_the_same_day() -> None:
    # One day is 1 ÷ 365.25 of a year: 1% a day compounds to 1.01^365.25 − 1 a year.
    rate = cagr(Decimal(100), 101, start_date="2027-01-01", end_date="2027-01-02")
    assert rate == Decimal("36.87754075120409132862971826")
    with pytest.raises(InvalidInputError) as info:
        cagr(100, 121, start_date="2027-01-01", end_date=date(2027, 1, 1))
    assert str(info.value) == "end_date (2027-01-01) must be after start_date (2027-01-01)"
    assert (info.value.name, info.value.value) == ("end_date", date(2027, 1, 1))


def test_cagr_names_a_date_of_the_wrong_type() -> None:
    with pytest.raises(InvalidInputError) as info:
        cagr(100, 121, start_date="2024-01-01", end_date=20260101)  # type: ignore[arg-type]
    assert str(info.value) == (
        "end_date must be a date or an ISO date like '2027-03-31', got int (20260101)"
    )
    assert (info.value.name, info.value.value) == ("end_date", 20260101)


def test_cagr_with_years_and_dates_names_years() -> None:
    with pytest.raises(InvalidInputError) as info:
        cagr(100, 121, 2, start_date="2024-01-01", end_date="2026-01-01")
    assert str(info.value) == (
        "give either years or both start_date and end_date, not both and not neither"
    )
    assert (info.value.name, info.value.value) == ("years", 2)


def test_compound_rates_that_are_whole_numbers_print_plainly() -> None:
    # 1 → 121 in two years is 1,000% a year: Decimal('10'), not Decimal('1E+1').
    assert str(cagr(Decimal(1), 121, 2)) == "10"
    assert str(cagr(Decimal(1), 10_201, 2)) == "100"
    # A rate too large for 28 plain digits keeps its exponent instead of failing.
    assert str(cagr(Decimal(1), (10**28 + 1) ** 2, 2)) == "1E+28"


def test_required_growth_over_part_of_a_period_is_an_exact_power() -> None:
    # Half a period: the rate is (target ÷ baseline)² − 1, exact for Fractions.
    assert required_growth(Fraction(3), 1, Fraction(1, 2)) == Fraction(-8, 9)
    assert required_growth(Fraction(100), 121, Fraction(1, 2)) == Fraction(4641, 10000)
    assert required_growth(Decimal(100), 0, Decimal("0.5")) == Decimal(-1)
