"""The KPI catalog agrees with the metric catalog: every value a KPI returns is in range."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smartgoals.kpi as kpi
from smartgoals import metrics
from smartgoals.kpi import catalog

counts = st.integers(min_value=0, max_value=10**6)
amounts = st.integers(0, 10**9).map(lambda cents: Fraction(cents, 100))
signed_amounts = st.integers(-(10**9), 10**9).map(lambda cents: Fraction(cents, 100))
shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)

Call = Callable[[], object]


def _up_to(limit: Fraction) -> st.SearchStrategy[Fraction]:
    """Amounts in cents from 0 to ``limit`` (itself a whole number of cents)."""
    return st.integers(0, int(limit * 100)).map(lambda cents: Fraction(cents, 100))


@st.composite
def _customer_churn(draw: st.DrawFn, function: Callable[..., object]) -> Call:
    """Counts of a possible period (start + new − churned = end) and a method."""
    start, new = draw(counts), draw(counts)
    # Without ``new`` nobody can have joined and left: new_and_churned stays 0.
    known_new = draw(st.sampled_from([new, None]))
    flash = 0 if known_new is None else draw(st.integers(0, new))
    churned = draw(st.integers(0, start)) + flash
    end = start + new - churned
    method = draw(st.sampled_from(["start", "start_plus_new", "average"]))
    return lambda: function(
        Fraction(churned), start, new=known_new, new_and_churned=flash, end=end, method=method
    )


@st.composite
def _revenue_churn(draw: st.DrawFn) -> Call:
    start = draw(amounts)
    churned = draw(_up_to(start))
    contraction = draw(_up_to(start - churned))
    expansion, reactivation = draw(amounts), draw(amounts)
    net = draw(st.booleans())
    return lambda: kpi.revenue_churn_rate(
        churned, contraction, start, expansion=expansion, reactivation=reactivation, net=net
    )


@st.composite
def _nrr(draw: st.DrawFn) -> Call:
    start = draw(amounts)
    churned = draw(_up_to(start))
    contraction = draw(_up_to(start - churned))
    expansion = draw(amounts)
    return lambda: kpi.net_revenue_retention(start, expansion, contraction, churned)


@st.composite
def _cac(draw: st.DrawFn, breakdown: bool) -> Call:
    costs = draw(st.dictionaries(st.sampled_from(["ads", "events", "salaries"]), amounts))
    new_customers = draw(counts)
    if breakdown:
        return lambda: kpi.cac_breakdown(costs, new_customers).value
    return lambda: kpi.cac(costs, new_customers)


@st.composite
def _close_rate(draw: st.DrawFn) -> Call:
    created = draw(counts)
    won = draw(st.integers(0, created))
    return lambda: kpi.close_rate(won, Fraction(created))


@st.composite
def _sales_cycle(draw: st.DrawFn) -> Call:
    created = draw(st.lists(st.dates(date(2020, 1, 1), date(2030, 1, 1)), max_size=8))
    lengths = draw(st.lists(st.integers(0, 800), min_size=len(created), max_size=len(created)))
    deals = [(day, day + timedelta(days=n)) for day, n in zip(created, lengths, strict=True)]
    statistic: Literal["mean", "median"] = draw(st.sampled_from(["mean", "median"]))
    return lambda: kpi.sales_cycle_length(deals, statistic=statistic)


@st.composite
def _turnover(draw: st.DrawFn) -> Call:
    separations = draw(counts)
    if draw(st.booleans()):
        average = draw(amounts)
        return lambda: kpi.employee_turnover_rate(Fraction(separations), average_headcount=average)
    start, end = draw(counts), draw(counts)
    return lambda: kpi.employee_turnover_rate(Fraction(separations), start=start, end=end)


@st.composite
def _team(draw: st.DrawFn) -> Call:
    quotas = draw(st.lists(amounts, max_size=6))
    actuals = draw(st.lists(signed_amounts, min_size=len(quotas), max_size=len(quotas)))
    return lambda: kpi.team_attainment(actuals, quotas)


#: For every catalog entry that names a metric: a strategy of calls with valid inputs.
VALID_CALLS: dict[str, st.SearchStrategy[Call]] = {
    "customer_churn_rate": _customer_churn(kpi.customer_churn_rate),
    "retention_rate": _customer_churn(kpi.retention_rate),
    "revenue_churn_rate": _revenue_churn(),
    "net_revenue_retention": _nrr(),
    "arpa": st.builds(lambda r, c: lambda: kpi.arpa(r, c), amounts, counts),
    "ltv": st.builds(
        lambda a, c, m: lambda: kpi.ltv(a, c, gross_margin=m), amounts, shares, shares
    ),
    "cac": _cac(breakdown=False),
    "cac_breakdown": _cac(breakdown=True),
    "win_rate": st.builds(
        lambda w, lost, o, i: lambda: kpi.win_rate(w, lost, open_deals=o, include_open=i),
        amounts,
        amounts,
        amounts,
        st.booleans(),
    ),
    "close_rate": _close_rate(),
    "average_deal_size": st.builds(
        lambda xs: lambda: kpi.average_deal_size(xs), st.lists(amounts, max_size=8)
    ),
    "sales_cycle_length": _sales_cycle(),
    "employee_turnover_rate": _turnover(),
    "quota_attainment": st.builds(
        lambda a, q: lambda: kpi.quota_attainment(a, q), signed_amounts, amounts
    ),
    "team_attainment": _team(),
}


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(value)  # exact: inf stays infinite
    assert isinstance(value, Decimal), value
    return value


def test_every_entry_with_a_metric_has_valid_calls() -> None:
    assert sorted(VALID_CALLS) == sorted(e.name for e in catalog() if e.metric is not None)


def test_every_entry_metric_is_in_the_metric_catalog() -> None:
    for entry in catalog():
        if entry.metric is not None:
            assert metrics.get(entry.metric).key == entry.metric


@pytest.mark.parametrize("name", sorted(VALID_CALLS))
@given(data=st.data())
def test_kpi_values_lie_in_their_metric_range(name: str, data: st.DataObject) -> None:
    entry = next(e for e in catalog() if e.name == name)
    assert entry.metric is not None
    metric = metrics.get(entry.metric)
    result = data.draw(VALID_CALLS[name])()
    value = _as_decimal(result)
    if value.is_nan():  # undefined (0 ÷ 0), not a value
        return
    assert metric.in_range(value), (name, result, metric.minimum, metric.maximum)


# -- the cases of the review, with their numbers --------------------------------------


def test_turnover_above_one_is_in_the_metric_range() -> None:
    # 60 leavers on an average headcount of 50.
    rate = kpi.employee_turnover_rate(Decimal(60), average_headcount=50)
    assert rate == Decimal("1.2")
    assert isinstance(rate, Decimal)
    assert metrics.get("employee_turnover").in_range(rate)


def test_negative_net_revenue_churn_is_in_the_metric_range() -> None:
    rate = kpi.revenue_churn_rate(Decimal(300), 200, 10_000, expansion=700, net=True)
    assert rate == Decimal("-0.02")
    assert isinstance(rate, Decimal)
    assert metrics.get("revenue_churn_rate").in_range(rate)


def test_negative_attainment_and_profit_are_in_range() -> None:
    # A clawback of 5,000 against a quota of 100,000.
    attainment = kpi.quota_attainment(Decimal(-5000), 100_000)
    assert attainment == Decimal("-0.05")
    assert isinstance(attainment, Decimal)
    assert metrics.get("quota_attainment").in_range(attainment)
    assert metrics.get("profit").in_range(Decimal("-12000.50"))


def test_infinite_ltv_is_in_range_and_undefined_is_nan() -> None:
    assert metrics.get("ltv").in_range(_as_decimal(kpi.ltv(100, 0)))
    assert math.isnan(kpi.customer_churn_rate(70, 100, new=0, end=30, method="average"))


def test_arpa_names_its_metric() -> None:
    by_name: dict[str, Any] = {e.name: e.metric for e in catalog()}
    assert by_name["arpa"] == "arpa"
    assert by_name["clv"] is None


def test_an_entry_takes_its_name_and_theme_from_the_function() -> None:
    # The catalog is built once at import; building one entry again checks each field.
    from smartgoals.kpi._catalog import _entry

    entry = _entry(kpi.cagr, "(end ÷ start)^(1 ÷ years) − 1", "CFA Institute", "cagr_metric")
    assert entry == kpi.KpiEntry(
        "cagr", kpi.cagr, "(end ÷ start)^(1 ÷ years) − 1", "CFA Institute", "cagr_metric", "growth"
    )
    assert entry.function is kpi.cagr
    assert _entry(kpi.win_rate, "f", "s", None).theme == "pipeline"
