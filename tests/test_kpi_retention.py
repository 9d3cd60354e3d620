"""Customer churn, revenue churn, NRR, GRR and cohort retention."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi.retention import (
    CohortRetention,
    cohort_retention,
    customer_churn_rate,
    gross_revenue_retention,
    net_revenue_retention,
    retention_rate,
    revenue_churn_rate,
)

counts = st.integers(min_value=0, max_value=10**6)
amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)


# --- worked examples ------------------------------------------------------------------


def test_churn_start_of_period_example() -> None:
    # Causal / Stripe-data guide: start the quarter with 400 customers, lose 20 -> 5%.
    assert customer_churn_rate(20, 400) == 0.05


def test_churn_start_method_leaves_out_customers_who_joined_and_left() -> None:
    # ChartMogul (B2B) and Recurly count only customers present at the start: 10 churned,
    # 2 of them joined during the month, 200 at the start -> 8 / 200 = 4%.
    assert customer_churn_rate(10, 200, new=30, new_and_churned=2) == 0.04


def test_churn_start_plus_new_example() -> None:
    # Stripe divides by every customer seen in the period: 10 / (200 + 50) = 4%.
    assert customer_churn_rate(10, 200, new=50, method="start_plus_new") == 0.04


def test_churn_average_example() -> None:
    # Average base: 9 / ((200 + 250) / 2) = 4%.
    assert customer_churn_rate(9, 200, end=250, method="average") == 0.04


def test_average_method_is_undefined_when_more_left_than_the_average_base() -> None:
    # start 100, 40 new, 90 churned, end 50: 90 ÷ 75 would be a churn of 1.2 and a
    # retention of −0.2; neither is a share of anything.
    assert math.isnan(customer_churn_rate(90, 100, new=40, end=50, method="average"))
    assert math.isnan(retention_rate(90, 100, new=40, end=50, method="average"))
    assert math.isnan(customer_churn_rate(10, 10, end=0, method="average"))
    with pytest.raises(UndefinedMetricError, match="average base"):
        retention_rate(90, 100, new=40, end=50, method="average", strict=True)
    # Up to the average base, the rates stay complements: 75 ÷ 75.
    assert customer_churn_rate(75, 100, new=25, end=50, method="average") == 1.0
    assert retention_rate(75, 100, new=25, end=50, method="average") == 0.0


@pytest.mark.parametrize("function", [customer_churn_rate, retention_rate])
@pytest.mark.parametrize("method", ["start", "start_plus_new", "average"])
def test_counts_that_disagree_are_rejected_with_the_four_numbers(
    function: Callable[..., object], method: str
) -> None:
    # 100 at the start + 10 new − 5 churned is 105, not 120.
    with pytest.raises(InvalidInputError) as info:
        function(5, 100, new=10, end=120, method=method)
    message = str(info.value)
    for fragment in ("start 100", "new 10", "churned 5", "= 105", "end 120"):
        assert fragment in message
    assert info.value.name == "end"
    # The same counts that agree give a rate: 5 ÷ 100, 5 ÷ 110 or 5 ÷ 102.5.
    churn = {"start": Fraction(5, 100), "start_plus_new": Fraction(5, 110)}.get(
        method, Fraction(5 * 2, 205)
    )
    expected = churn if function is customer_churn_rate else 1 - churn
    assert function(Fraction(5), 100, new=10, end=105, method=method) == expected


def test_end_is_not_checked_without_new() -> None:
    # The average method needs only start and end; new is unknown, so nothing to check.
    assert customer_churn_rate(9, 200, end=250, method="average") == 0.04


def test_average_method_needs_end() -> None:
    with pytest.raises(InvalidInputError, match="end must be given") as info:
        customer_churn_rate(1, 10, method="average")
    assert info.value.name == "end"


def test_retention_is_one_minus_churn() -> None:
    assert retention_rate(20, 400) == 0.95
    assert retention_rate(Decimal(20), 400) == Decimal("0.95")
    assert retention_rate(Fraction(10), 200, new=50, method="start_plus_new") == Fraction(24, 25)


def test_revenue_churn_gross_and_net() -> None:
    # Baremetrics: net MRR churn = (churned + contraction − expansion) ÷ starting MRR.
    assert revenue_churn_rate(Decimal(3000), 2000, 100_000) == Decimal("0.05")
    assert revenue_churn_rate(
        Decimal(3000), 2000, 100_000, expansion=6000, reactivation=1000, net=True
    ) == Decimal("-0.02")
    # expansion is ignored unless net=True
    assert revenue_churn_rate(3000, 2000, 100_000, expansion=6000) == 0.05


def test_nrr_example() -> None:
    # Pitchkit glossary: start $100k, expansion $15k, contraction $3k, churn $5k -> 107%.
    assert net_revenue_retention(Decimal(100_000), 15_000, 3_000, 5_000) == Decimal("1.07")
    # freeonlinecal NRR example: (100k + 15k − 5k − 10k) / 100k = 100%.
    assert net_revenue_retention(100_000, 15_000, 5_000, 10_000) == 1.0


def test_grr_example() -> None:
    # Same cohort as the pitchkit example without expansion: (100 − 3 − 5) / 100 = 92%.
    assert gross_revenue_retention(Decimal(100_000), 3_000, 5_000) == Decimal("0.92")


def test_cohort_retention_caps_each_customer_at_its_base() -> None:
    base = {"acme": 100, "globex": 200, "initech": 100}
    now = {"acme": 180, "globex": 150, "hooli": 500}  # initech churned, hooli is new
    result = cohort_retention(base, now)
    assert result == CohortRetention(
        nrr=330 / 400, grr=250 / 400, logo_retention=2 / 3, customers=3, retained=2
    )


def test_cohort_retention_counts_zero_now_as_churned() -> None:
    result = cohort_retention({"a": Decimal(10), "b": Decimal(10)}, {"a": 0, "b": 10})
    assert (result.nrr, result.grr, result.logo_retention) == (
        Decimal("0.5"),
        Decimal("0.5"),
        Decimal("0.5"),
    )
    assert result.retained == 1


# --- invalid input ---------------------------------------------------------------------


def test_churned_above_start_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="churned must not exceed start") as info:
        customer_churn_rate(120, 100)
    assert (info.value.name, info.value.value) == ("churned", 120)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"churned": -1, "start": 10}, "churned"),
        ({"churned": 1, "start": -10}, "start"),
        ({"churned": 1, "start": 10, "new": -1}, "new"),
        ({"churned": 1, "start": 10, "new_and_churned": -1}, "new_and_churned"),
    ],
)
def test_negative_counts_are_rejected(kwargs: dict[str, int], name: str) -> None:
    with pytest.raises(InvalidInputError, match="must be zero or more") as info:
        customer_churn_rate(**kwargs)  # type: ignore[arg-type]
    assert info.value.name == name


def test_new_and_churned_is_bounded_by_new_and_churned() -> None:
    with pytest.raises(InvalidInputError, match=r"must not exceed new \(1\)"):
        customer_churn_rate(5, 100, new=1, new_and_churned=2)
    with pytest.raises(InvalidInputError, match=r"must not exceed churned \(1\)"):
        customer_churn_rate(1, 100, new=5, new_and_churned=2)


def test_unknown_method_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="method must be one of") as info:
        customer_churn_rate(1, 10, method="stripe")  # type: ignore[arg-type]
    assert info.value.value == "stripe"


def test_revenue_losses_above_start_are_rejected() -> None:
    with pytest.raises(InvalidInputError, match="must not exceed start") as info:
        net_revenue_retention(100, 0, 60, 50)
    assert info.value.name == "churned"
    with pytest.raises(InvalidInputError):
        gross_revenue_retention(100, 101, 0)


def test_cohort_base_amounts_must_be_positive() -> None:
    with pytest.raises(InvalidInputError, match=r"base\['a'\] must be greater than zero"):
        cohort_retention({"a": 0}, {})
    with pytest.raises(InvalidInputError, match=r"now\['a'\] must be zero or more"):
        cohort_retention({"a": 1}, {"a": -1})


def test_empty_cohort_is_undefined() -> None:
    result = cohort_retention({}, {})
    assert math.isnan(result.nrr)
    assert math.isnan(result.grr)
    assert result.customers == 0
    with pytest.raises(UndefinedMetricError, match="cohort_retention"):
        cohort_retention({}, {}, strict=True)


# --- properties ------------------------------------------------------------------------


@st.composite
def churn_inputs(draw: st.DrawFn) -> tuple[int, int, int, int]:
    """(churned, start, new, new_and_churned) that describe a possible period."""
    start = draw(counts)
    new = draw(counts)
    flash = draw(st.integers(min_value=0, max_value=new))
    from_start = draw(st.integers(min_value=0, max_value=start))
    return from_start + flash, start, new, flash


@given(churn_inputs(), st.sampled_from(["start", "start_plus_new"]))
def test_churn_is_a_fraction_of_one(inputs: tuple[int, int, int, int], method: str) -> None:
    churned, start, new, flash = inputs
    rate = customer_churn_rate(
        Fraction(churned),
        start,
        new=new,
        new_and_churned=flash,
        method=method,  # type: ignore[arg-type]
    )
    assume(not isinstance(rate, float))  # NaN for an empty base
    assert 0 <= rate <= 1
    assert (
        retention_rate(
            Fraction(churned),
            start,
            new=new,
            new_and_churned=flash,
            method=method,  # type: ignore[arg-type]
        )
        == 1 - rate
    )


@given(churn_inputs())
def test_logo_churn_start_is_at_most_one(inputs: tuple[int, int, int, int]) -> None:
    churned, start, new, flash = inputs
    assume(start > 0)
    assert customer_churn_rate(churned, start, new=new, new_and_churned=flash) <= 1


@st.composite
def revenue_movements(draw: st.DrawFn) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(start, expansion, contraction, churned) with losses no larger than the start."""
    start = draw(amounts.filter(lambda d: d > 0))
    churned = draw(st.decimals(min_value=0, max_value=start, places=2))
    contraction = draw(st.decimals(min_value=0, max_value=start - churned, places=2))
    expansion = draw(amounts)
    return start, expansion, contraction, churned


@given(revenue_movements())
def test_grr_in_zero_one_and_nrr_at_least_grr(
    movements: tuple[Decimal, Decimal, Decimal, Decimal],
) -> None:
    start, expansion, contraction, churned = movements
    grr = gross_revenue_retention(start, contraction, churned)
    nrr = net_revenue_retention(start, expansion, contraction, churned)
    assert isinstance(grr, Decimal)
    assert isinstance(nrr, Decimal)
    assert 0 <= grr <= 1
    assert nrr >= grr
    gross_churn = revenue_churn_rate(churned, contraction, start)
    assert isinstance(gross_churn, Decimal)
    assert 0 <= gross_churn <= 1
    assert abs(gross_churn + grr - 1) <= Decimal("1e-27")  # each is rounded once


@given(
    st.dictionaries(st.integers(0, 30), st.integers(1, 10**6), max_size=20),
    st.dictionaries(st.integers(0, 40), st.integers(0, 10**6), max_size=25),
)
def test_cohort_retention_bounds(base: dict[int, int], now: dict[int, int]) -> None:
    assume(base)
    result = cohort_retention(
        {k: Fraction(v) for k, v in base.items()}, {k: Fraction(v) for k, v in now.items()}
    )
    assert 0 <= result.grr <= 1
    assert result.nrr >= result.grr
    assert 0 <= result.logo_retention <= 1
    assert result.retained == sum(1 for k in base if now.get(k, 0) > 0)


@st.composite
def consistent_counts(draw: st.DrawFn) -> tuple[int, int, int, int, int]:
    """(churned, start, new, new_and_churned, end) with start + new − churned = end."""
    churned, start, new, flash = draw(churn_inputs())
    return churned, start, new, flash, start + new - churned


@given(consistent_counts(), st.sampled_from(["start", "start_plus_new", "average"]))
def test_retention_is_never_negative(counts: tuple[int, int, int, int, int], method: str) -> None:
    churned, start, new, flash, end = counts
    options: dict[str, object] = {"new": new, "new_and_churned": flash, "end": end}
    rate = retention_rate(Fraction(churned), start, method=method, **options)  # type: ignore[arg-type]
    churn = customer_churn_rate(Fraction(churned), start, method=method, **options)  # type: ignore[arg-type]
    if isinstance(rate, float):  # undefined: no base, or more churn than the average base
        assert math.isnan(rate)
        assert isinstance(churn, float)
        assert math.isnan(churn)
        return
    assert 0 <= rate <= 1
    assert rate == 1 - churn


# --- boundaries and the values in error messages -------------------------------------


def test_start_plus_new_without_new_divides_by_start() -> None:
    # No new customers given: the denominator is the 200 at the start, 10 ÷ 200.
    assert customer_churn_rate(Decimal(10), 200, method="start_plus_new") == Decimal("0.05")
    assert retention_rate(Decimal(10), 200, method="start_plus_new") == Decimal("0.95")


def test_churn_boundaries() -> None:
    # Everyone left; nobody left; exactly start churned.
    assert customer_churn_rate(Decimal(100), 100) == Decimal(1)
    assert customer_churn_rate(Decimal(0), 100) == Decimal(0)
    assert retention_rate(Decimal(100), 100) == Decimal(0)
    # new_and_churned may equal both new and churned: 3 joined and left, 3 churned.
    assert customer_churn_rate(Decimal(3), 100, new=3, new_and_churned=3) == Decimal(0)
    assert customer_churn_rate(Decimal(3), 100, new=3, method="start_plus_new") == Decimal(
        3
    ) / Decimal(103)


def test_new_and_churned_errors_name_the_limit_and_the_value() -> None:
    # Without new, nobody can have joined and left: the limit shown is new (0).
    with pytest.raises(InvalidInputError) as info:
        customer_churn_rate(5, 100, new_and_churned=2)
    assert str(info.value) == "new_and_churned must not exceed new (0), got 2"
    assert (info.value.name, info.value.value) == ("new_and_churned", 2)
    with pytest.raises(InvalidInputError) as info:
        customer_churn_rate(5, 100, new=1, new_and_churned=2)
    assert str(info.value) == "new_and_churned must not exceed new (1), got 2"
    with pytest.raises(InvalidInputError) as info:
        retention_rate(1, 100, new=5, new_and_churned=2)
    assert str(info.value) == "new_and_churned must not exceed churned (1), got 2"
    assert (info.value.name, info.value.value) == ("new_and_churned", 2)
    with pytest.raises(InvalidInputError) as info:
        customer_churn_rate(103, 100, new=5, new_and_churned=2)
    assert str(info.value) == (
        "churned must not exceed start (100) plus new_and_churned (2), got 103"
    )
    assert (info.value.name, info.value.value) == ("churned", 103)


def test_counts_that_disagree_show_the_sum_and_the_end() -> None:
    with pytest.raises(InvalidInputError) as info:
        customer_churn_rate(5, 100, new=10, end=120)
    assert (info.value.name, info.value.value) == ("end", 120)
    # Counts given as decimals show the sum as a decimal: 100 + 2.5 − 0 = 102.5.
    with pytest.raises(InvalidInputError, match=r"= 102\.5, not end 100"):
        customer_churn_rate(0, 100, new=Decimal("2.5"), end=100)
    # A sum without a short decimal form shows as a fraction: 100 + 1/3 = 301/3.
    with pytest.raises(InvalidInputError, match="= 301/3, not end 100"):
        customer_churn_rate(0, 100, new=Fraction(1, 3), end=100)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(95), "95"),
        (Fraction(25, 2), "12.5"),
        (Fraction(99, 8), "12.375"),
        (Fraction(1, 3), "1/3"),
        (Fraction(1, 128), "1/128"),
        (Fraction(1, 10**6), "1e-06"),
    ],
)
def test_sums_in_messages_are_short(value: Fraction, text: str) -> None:
    # Amounts with at most six decimals print as decimals, others as fractions.
    from smartgoals.kpi.retention import _plain

    assert _plain(value) == text


def test_average_method_without_end_says_why() -> None:
    with pytest.raises(InvalidInputError) as info:
        retention_rate(1, 10, method="average")
    assert str(info.value) == (
        "end must be given with method='average': the denominator is (start + end) / 2"
    )


def test_net_revenue_churn_without_expansion_is_gross() -> None:
    # Nothing gained: net churn equals gross churn, (300 + 200) ÷ 10,000.
    assert revenue_churn_rate(Decimal(300), 200, 10_000, net=True) == Decimal("0.05")
    assert revenue_churn_rate(Decimal(300), 200, 10_000, reactivation=500, net=True) == 0
    assert revenue_churn_rate(Decimal(0), 0, 10_000) == Decimal(0)


def test_revenue_losses_above_start_name_the_churned_value() -> None:
    with pytest.raises(InvalidInputError) as info:
        net_revenue_retention(100, 0, 60, 50)
    assert str(info.value) == (
        "churned must not exceed start (100) minus contraction (60), got 50"
    )
    assert (info.value.name, info.value.value) == ("churned", 50)
    # Losing exactly the start is allowed: nothing retained.
    assert gross_revenue_retention(Decimal(100), 60, 40) == Decimal(0)
    assert net_revenue_retention(Decimal(100), 0, 60, 40) == Decimal(0)


def test_empty_cohort_counts_nobody() -> None:
    result = cohort_retention({}, {"x": 5})
    assert (result.customers, result.retained) == (0, 0)
    for rate in (result.nrr, result.grr, result.logo_retention):
        assert isinstance(rate, float)
        assert math.isnan(rate)


def test_cohort_customer_paying_little_is_retained() -> None:
    # Half a cent still paying is a retained logo; zero is churned.
    result = cohort_retention({"a": Decimal(10), "b": Decimal(10)}, {"a": Decimal("0.005")})
    assert (result.retained, result.logo_retention) == (1, Decimal("0.5"))
    assert result.nrr == Decimal("0.00025")
