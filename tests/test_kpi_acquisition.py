"""CAC, its breakdown into cost lines, LTV:CAC and CAC payback."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi.acquisition import (
    CacBreakdown,
    cac,
    cac_breakdown,
    cac_payback_months,
    ltv_to_cac,
)
from smartgoals.kpi.value import ltv


def test_cac_example() -> None:
    # HubSpot: CAC = sales and marketing cost ÷ new customers; $50,000 for 100 customers.
    assert cac(Decimal(50_000), 100) == Decimal("500")


def test_cac_from_cost_lines_with_a_choice_of_lines() -> None:
    lines: dict[str, Decimal | int] = {
        "marketing": Decimal(30_000),
        "sales": 20_000,
        "onboarding": 10_000,
    }
    assert cac(lines, 100) == Decimal("600")
    assert cac(lines, 100, include=["marketing", "sales"]) == Decimal("500")


def test_cac_breakdown_names_the_lines() -> None:
    lines: dict[str, Decimal | int] = {
        "marketing": Decimal(30_000),
        "sales": 20_000,
        "onboarding": 10_000,
    }
    result = cac_breakdown(lines, 100, include=("sales", "marketing"))
    assert result == CacBreakdown(
        value=Decimal("500"),
        total_cost=Decimal("50000"),
        included=(("marketing", Decimal("30000")), ("sales", Decimal("20000"))),
        excluded=("onboarding",),
        new_customers=Decimal("100"),
    )


def test_cac_single_total_is_one_line() -> None:
    assert cac_breakdown(900, 3).included == (("costs", 900.0),)


def test_cac_rejects_unknown_lines_and_negative_costs() -> None:
    with pytest.raises(InvalidInputError, match="not in costs: events") as info:
        cac({"ads": 100}, 1, include=["events"])
    assert info.value.name == "include"
    with pytest.raises(InvalidInputError, match=r"costs\['ads'\] must be zero or more"):
        cac({"ads": -100}, 1)


def test_cac_without_new_customers_is_undefined() -> None:
    assert math.isnan(cac(1000, 0))
    assert cac(Decimal(1000), 0).is_nan()  # type: ignore[union-attr]
    with pytest.raises(
        UndefinedMetricError, match="cac is undefined: there were no new customers"
    ):
        cac(1000, 0, strict=True)


def test_ltv_to_cac_example() -> None:
    # David Skok (For Entrepreneurs): LTV of 3× CAC is the benchmark; 1500 / 500 = 3.
    assert ltv_to_cac(1500, 500) == 3.0
    assert ltv_to_cac(Decimal(1500), 500) == Decimal(3)


def test_ltv_to_cac_edges() -> None:
    assert ltv_to_cac(100, 0) == math.inf
    assert math.isnan(ltv_to_cac(0, 0))
    # an infinite LTV (zero churn) chains into an infinite ratio
    assert ltv_to_cac(ltv(Decimal(100), 0), 500) == Decimal("Infinity")
    assert ltv_to_cac(ltv(100, 0), 500) == math.inf
    with pytest.raises(InvalidInputError):
        ltv_to_cac(-math.inf, 500)


def test_ltv_to_cac_infinite_inputs_behave_as_documented() -> None:
    # An infinite LTV gives an infinite ratio for every finite CAC, zero included, and
    # is never "undefined", not even with strict=True.
    assert ltv_to_cac(math.inf, 0) == math.inf
    assert ltv_to_cac(math.inf, 0, strict=True) == math.inf
    assert ltv_to_cac(Decimal("Infinity"), Decimal(0)) == Decimal("Infinity")
    assert ltv_to_cac("Infinity", 500) == Decimal("Infinity")
    assert ltv_to_cac(Fraction(100), 0) == math.inf
    # An infinite CAC is rejected (CAC is NaN, never infinite, without new customers), so
    # "both infinite" cannot happen; the only undefined case is 0 ÷ 0.
    for cost in (math.inf, Decimal("Infinity")):
        with pytest.raises(InvalidInputError, match="cac must be a finite number") as info:
            ltv_to_cac(math.inf, cost)
        assert info.value.name == "cac"
    with pytest.raises(InvalidInputError, match="ltv"):
        ltv_to_cac(Decimal("-Infinity"), 500)
    with pytest.raises(UndefinedMetricError, match="both zero"):
        ltv_to_cac(0, 0, strict=True)
    doc = ltv_to_cac.__doc__ or ""
    assert "both infinite" not in doc
    assert "infinite ``cac`` is rejected" in doc


def test_cac_payback_example() -> None:
    # ChartMogul: CAC ÷ (ARPA × gross margin); $1,200 CAC, $100 ARPA, 80% margin = 15 months.
    assert cac_payback_months(Decimal(1200), 100, gross_margin=Decimal("0.8")) == Decimal("15")


def test_cac_payback_never_is_infinite() -> None:
    assert cac_payback_months(1200, 0) == math.inf
    assert cac_payback_months(Decimal(1200), 100, gross_margin=0) == Decimal("Infinity")
    assert math.isnan(cac_payback_months(0, 0))
    with pytest.raises(UndefinedMetricError):
        cac_payback_months(0, 0, strict=True)


amounts = st.fractions(min_value=0, max_value=10**6, max_denominator=100)


@given(st.dictionaries(st.text(min_size=1, max_size=5), amounts, min_size=1, max_size=6))
def test_cac_lines_add_up(lines: dict[str, Fraction]) -> None:
    whole = cac(lines, 7)
    assert whole == sum(lines.values(), Fraction(0)) / 7
    names = sorted(lines)
    first, rest = names[: len(names) // 2], names[len(names) // 2 :]
    assert cac(lines, 7, include=first) + cac(lines, 7, include=rest) == whole  # type: ignore[operator]
    breakdown = cac_breakdown(lines, 7, include=first)
    assert {name for name, _ in breakdown.included} == set(first)
    assert set(breakdown.excluded) == set(rest)


@given(amounts, amounts.filter(lambda a: a > 0), st.fractions(Fraction(1, 100), 1))
def test_payback_times_monthly_margin_is_cac(
    cost: Fraction, revenue: Fraction, margin: Fraction
) -> None:
    months = cac_payback_months(cost, revenue, gross_margin=margin)
    assert months * revenue * margin == cost  # type: ignore[operator]


def test_cac_include_names_every_unknown_line_and_the_known_ones() -> None:
    with pytest.raises(InvalidInputError) as info:
        cac({"ads": 1000, "events": 2000}, 10, include=["tv", "radio", "ads"])
    assert str(info.value) == (
        "include names cost lines that are not in costs: radio, tv; the lines are: ads, events"
    )
    assert (info.value.name, info.value.value) == ("include", ("radio", "tv"))


def test_cac_breakdown_with_no_line_included_costs_zero() -> None:
    result = cac_breakdown({"ads": Fraction(3000)}, 20, include=[])
    assert result == CacBreakdown(
        value=Fraction(0),
        total_cost=Fraction(0),
        included=(),
        excluded=("ads",),
        new_customers=Fraction(20),
    )
    assert type(result.total_cost) is Fraction
    assert type(result.value) is Fraction


def test_infinite_ratio_and_payback_keep_the_decimal_type() -> None:
    # Decimal("Infinity") == float("inf"), so the type is checked as well.
    for result in (
        ltv_to_cac(Decimal(100), 0),
        ltv_to_cac("1500", 0),
        cac_payback_months(Decimal(1200), 0),
        cac_payback_months(1200, Decimal(100), gross_margin=0),
    ):
        assert isinstance(result, Decimal)
        assert result == Decimal("Infinity")


def test_cac_payback_boundaries() -> None:
    # Nothing to pay back takes zero months; one month of margin pays back one month.
    assert cac_payback_months(Decimal(0), 100) == Decimal(0)
    assert cac_payback_months(Decimal(80), 100, gross_margin=Decimal("0.8")) == Decimal(1)
    assert ltv_to_cac(Decimal(0), 500) == Decimal(0)
    assert ltv_to_cac(Decimal(500), 500) == Decimal(1)


def test_ltv_to_cac_rejects_text_that_is_not_a_number() -> None:
    # Text is read as a number; text that is none is not "infinite".
    with pytest.raises(InvalidInputError) as info:
        ltv_to_cac("lots", 500)
    assert (info.value.name, info.value.value) == ("ltv", "lots")
    assert ltv_to_cac(" Infinity ", 500) == Decimal("Infinity")
    assert ltv_to_cac("1500", 500) == Decimal(3)
