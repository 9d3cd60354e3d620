"""Contribution margin ratio and break-even sales and units."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi.finance import (
    break_even_sales,
    break_even_units,
    contribution_margin_ratio,
)


def test_contribution_margin_ratio_example() -> None:
    # Managerial accounting (CVP): $200,000 sales, $120,000 variable costs -> 40%.
    assert contribution_margin_ratio(Decimal(200_000), 120_000) == Decimal("0.4")
    assert contribution_margin_ratio(100, 150) == -0.5


def test_contribution_margin_ratio_without_sales_is_undefined() -> None:
    assert math.isnan(contribution_margin_ratio(0, 10))
    with pytest.raises(UndefinedMetricError, match="there are no sales"):
        contribution_margin_ratio(0, 10, strict=True)


def test_break_even_sales_example() -> None:
    # CVP: $60,000 fixed costs at a 40% contribution margin ratio -> $150,000 of sales.
    assert break_even_sales(Decimal(60_000), Decimal("0.4")) == Decimal("150000")


@pytest.mark.parametrize("ratio", [0, -0.1, 1.5])
def test_break_even_sales_rejects_margins_outside_zero_one(ratio: float) -> None:
    with pytest.raises(InvalidInputError) as info:
        break_even_sales(60_000, ratio)
    assert info.value.name == "contribution_margin_ratio"


def test_break_even_units_example() -> None:
    # CVP: $60,000 fixed costs, $50 price, $20 variable cost per unit -> 2,000 units.
    assert break_even_units(Decimal(60_000), 50, 20) == Decimal("2000")
    assert break_even_units(Fraction(100), 7, 4) == Fraction(100, 3)


@pytest.mark.parametrize(("price", "cost"), [(20, 20), (10, 20)])
def test_break_even_units_rejects_no_unit_margin(price: int, cost: int) -> None:
    with pytest.raises(InvalidInputError, match="must be above unit_variable_cost") as info:
        break_even_units(60_000, price, cost)
    assert (info.value.name, info.value.value) == ("price", price)


money = st.fractions(min_value=0, max_value=10**7, max_denominator=100)


@given(money, money.filter(lambda m: m > 0), money)
def test_break_even_sales_equals_units_times_price(
    fixed: Fraction, margin_per_unit: Fraction, unit_cost: Fraction
) -> None:
    price = unit_cost + margin_per_unit
    units = break_even_units(fixed, price, unit_cost)
    ratio = contribution_margin_ratio(price, unit_cost)
    assert isinstance(ratio, Fraction)
    sales = break_even_sales(fixed, ratio)
    assert sales == units * price  # type: ignore[operator]
    # at break-even, contribution covers the fixed costs exactly
    assert sales * ratio == fixed  # type: ignore[operator]


def test_break_even_sales_at_zero_margin_names_the_ratio() -> None:
    with pytest.raises(InvalidInputError) as info:
        break_even_sales(60_000, Decimal(0))
    assert str(info.value) == (
        "contribution_margin_ratio must be above zero, got Decimal('0'); "
        "without margin no sales volume breaks even"
    )
    assert (info.value.name, info.value.value) == ("contribution_margin_ratio", Decimal(0))


def test_break_even_units_at_no_unit_margin_quotes_both_prices() -> None:
    with pytest.raises(InvalidInputError) as info:
        break_even_units(60_000, Decimal("19.99"), 20)
    assert str(info.value) == (
        "price (19.99) must be above unit_variable_cost (20): "
        "with no margin per unit no volume breaks even"
    )


def test_break_even_boundaries() -> None:
    # A full margin breaks even at the fixed costs; one cent of unit margin takes
    # fixed costs ÷ 0.01 units; no fixed costs break even at zero.
    assert break_even_sales(Decimal(60_000), 1) == Decimal(60_000)
    assert break_even_units(Decimal(60_000), Decimal("20.01"), 20) == Decimal(6_000_000)
    assert break_even_units(0, 50, 20) == 0.0
    assert contribution_margin_ratio(Decimal(100), 100) == Decimal(0)
    assert contribution_margin_ratio(Fraction(100), 0) == 1
