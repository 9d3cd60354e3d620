"""ARPA, LTV and retention-based CLV."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi.value import arpa, clv, ltv

rates = st.fractions(min_value=0, max_value=1, max_denominator=1000)
positive_rates = st.fractions(min_value=Fraction(1, 1000), max_value=1, max_denominator=1000)
money = st.fractions(min_value=Fraction(1, 100), max_value=10**6, max_denominator=100)


def test_arpa_example() -> None:
    # Baremetrics: ARPU = MRR ÷ customers; $25,000 MRR over 200 customers is $125.
    assert arpa(Decimal("25000"), 200) == Decimal("125")


def test_arpa_without_customers_is_undefined() -> None:
    assert math.isnan(arpa(100, 0))
    with pytest.raises(UndefinedMetricError, match="arpa is undefined: there are no customers"):
        arpa(100, 0, strict=True)


def test_ltv_example() -> None:
    # ChartMogul: LTV = ARPA × gross margin ÷ churn; $100 ARPA, 80% margin, 5% churn = $1,600.
    assert ltv(Decimal(100), Decimal("0.05"), gross_margin=Decimal("0.8")) == Decimal("1600")
    assert ltv(100, 0.05) == 2000.0


def test_ltv_at_zero_churn_is_infinite() -> None:
    assert ltv(Decimal(100), 0) == Decimal("Infinity")
    assert ltv(100, 0, gross_margin=0.5) == math.inf
    # no margin and no churn: 0 × ∞
    assert math.isnan(ltv(100, 0, gross_margin=0))
    with pytest.raises(UndefinedMetricError):
        ltv(0, 0, strict=True)


def test_ltv_rejects_churn_written_as_percent() -> None:
    with pytest.raises(InvalidInputError, match="churn_rate must be a fraction in") as info:
        ltv(100, 5)
    assert info.value.value == 5


def test_clv_multiplier_gupta_lehmann() -> None:
    # Gupta & Lehmann (2003): margin multiple r / (1 + i − r) = 0.8 / 0.3 = 2.67 at
    # r = 80%, i = 10%.
    assert clv(1, 0.8, 0.1) == pytest.approx(8 / 3)
    assert round(clv(1, 0.8, 0.1), 2) == 2.67
    assert clv(Fraction(1), Fraction(4, 5), Fraction(1, 10)) == Fraction(8, 3)


def test_clv_first_payment_at_start_adds_one_margin() -> None:
    # m (1 + d) / (1 + d − r) = m + m r / (1 + d − r)
    later = clv(Fraction(100), Fraction(4, 5), Fraction(1, 10))
    assert isinstance(later, Fraction)
    now = clv(Fraction(100), Fraction(4, 5), Fraction(1, 10), first_payment="start")
    assert now == 100 + later


def test_clv_finite_horizon_by_hand() -> None:
    # Σ_{t=1..3} 100 · 0.8^t / 1.1^t
    expected = sum(Fraction(100) * (Fraction(8, 11)) ** t for t in range(1, 4))
    assert clv(Fraction(100), Fraction(4, 5), Fraction(1, 10), periods=3) == expected
    start = clv(Fraction(100), Fraction(4, 5), Fraction(1, 10), periods=3, first_payment="start")
    assert start == sum(Fraction(100) * (Fraction(8, 11)) ** t for t in range(3))
    assert clv(100, 0.8, 0.1, periods=0) == 0.0


def test_clv_endless_loyal_customer_is_infinite() -> None:
    assert clv(Decimal(10), 1, 0) == Decimal("Infinity")
    assert clv(-10, 1, 0) == -math.inf
    assert math.isnan(clv(0, 1, 0))


@pytest.mark.parametrize("periods", [-1, 2.5, True])
def test_clv_rejects_bad_periods(periods: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        clv(100, 0.8, 0.1, periods=periods)  # type: ignore[arg-type]
    assert info.value.name == "periods"


def test_clv_rejects_unknown_first_payment() -> None:
    with pytest.raises(InvalidInputError, match="first_payment must be one of"):
        clv(100, 0.8, 0.1, first_payment="middle")  # type: ignore[arg-type]


@given(money, positive_rates, positive_rates, rates)
def test_ltv_decreases_with_churn(
    revenue: Fraction, churn_a: Fraction, churn_b: Fraction, margin: Fraction
) -> None:
    low, high = sorted((churn_a, churn_b))
    assert ltv(revenue, low, gross_margin=margin) >= ltv(revenue, high, gross_margin=margin)


@given(money, positive_rates, rates, rates)
def test_ltv_increases_with_margin(
    revenue: Fraction, churn: Fraction, margin_a: Fraction, margin_b: Fraction
) -> None:
    low, high = sorted((margin_a, margin_b))
    assert ltv(revenue, churn, gross_margin=low) <= ltv(revenue, churn, gross_margin=high)


@given(money, st.fractions(min_value=0, max_value=Fraction(99, 100)), positive_rates)
def test_finite_clv_approaches_the_infinite_one(
    margin: Fraction, retention: Fraction, discount: Fraction
) -> None:
    endless = clv(margin, retention, discount)
    assert isinstance(endless, Fraction)
    previous = Fraction(0)
    for periods in (1, 5, 25):
        partial = clv(margin, retention, discount, periods=periods)
        assert isinstance(partial, Fraction)
        assert previous <= partial <= endless
        previous = partial


def test_clv_infinite_sign_follows_the_margin() -> None:
    # r = 1 and d = 0: the margins never stop and are never discounted.
    assert clv(Decimal(-10), 1, 0) == Decimal("-Infinity")
    assert isinstance(clv(Decimal(-10), 1, 0), Decimal)
    # Half a cent of margin is still a gain, however small.
    assert clv(Decimal("0.005"), 1, 0) == Decimal("Infinity")
    assert clv(Decimal("-0.005"), 1, 0, first_payment="start") == Decimal("-Infinity")


def test_clv_rejects_bad_periods_with_the_value() -> None:
    with pytest.raises(InvalidInputError) as info:
        clv(100, 0.8, 0.1, periods=-1)
    assert str(info.value) == (
        "periods must be a whole number of periods, zero or more, or None, got -1"
    )
    assert (info.value.name, info.value.value) == ("periods", -1)


def test_value_boundaries() -> None:
    # Full churn: a customer pays one period. Full retention with a 10% discount rate:
    # the margin multiple is r ÷ (1 + d − r) = 1 ÷ 0.1 = 10.
    assert ltv(Decimal(100), 1) == Decimal(100)
    assert clv(Fraction(100), 1, Fraction(1, 10)) == 1000
    assert clv(Fraction(100), 0, 0) == 0
    assert clv(Fraction(100), 0, 0, first_payment="start") == 100
    assert clv(Fraction(100), 1, 0, periods=3) == 300
    assert clv(Fraction(100), 1, 0, periods=3, first_payment="start") == 300
    assert arpa(Decimal(0), 10) == Decimal(0)
