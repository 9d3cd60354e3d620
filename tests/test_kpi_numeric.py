"""The number rules every KPI function shares: result type, validation, NaN, strict, catalog."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import smartgoals.kpi as kpi
from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi import _numeric, catalog
from smartgoals.kpi._numeric import Kind

# Sample arguments for every catalog function, written as decimal text so that each can be
# turned into a Decimal, a Fraction or a float. Keyword arguments go under "kw".
SAMPLES: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    "customer_churn_rate": (("6", "100"), {"new": "20", "new_and_churned": "1"}),
    "retention_rate": (("6", "100"), {"new": "20", "method": "start_plus_new"}),
    "revenue_churn_rate": (("300", "200", "10000"), {"expansion": "700", "net": True}),
    "net_revenue_retention": (("100000", "15000", "3000", "2000"), {}),
    "gross_revenue_retention": (("100000", "3000", "2000"), {}),
    "cohort_retention": (({"a": "100", "b": "50"}, {"a": "130", "c": "10"}), {}),
    "arpa": (("25000", "200"), {}),
    "ltv": (("100", "0.05"), {"gross_margin": "0.8"}),
    "clv": (("100", "0.8", "0.1"), {"periods": 3}),
    "cac": (({"ads": "3000", "events": "1000"}, "20"), {"include": ["ads"]}),
    "cac_breakdown": (({"ads": "3000", "events": "1000"}, "20"), {}),
    "ltv_to_cac": (("1500", "500"), {}),
    "cac_payback_months": (("1200", "100"), {"gross_margin": "0.8"}),
    "win_rate": (("20", "60"), {"open_deals": "5", "include_open": True}),
    "close_rate": (("15", "100"), {}),
    "average_deal_size": ((["1000", "2500.5"],), {}),
    "sales_cycle_length": (([(date(2027, 1, 1), date(2027, 1, 31))],), {}),
    "conversion_rate": (("30", "120"), {}),
    "funnel_rates": (({"leads": "1000", "mql": "400", "won": "20"},), {}),
    "pipeline_coverage": (("900000", "300000"), {}),
    "growth_rate": (("110", "100"), {}),
    "cagr": (("100", "150", "3"), {}),
    "required_growth": (("100", "121", "2"), {}),
    "contribution_margin_ratio": (("200000", "120000"), {}),
    "break_even_sales": (("60000", "0.4"), {}),
    "break_even_units": (("60000", "50", "20"), {}),
    "employee_turnover_rate": (("6",), {"start": "48", "end": "52"}),
    "quota_attainment": (("90000", "100000"), {}),
    "team_attainment": ((["120", "30"], ["100", "100"]), {}),
    "share_at_quota": ((["1.2", "0.9", "1", "0.4"],), {"threshold": "1"}),
}

CONVERTERS: dict[type, Callable[[str], object]] = {
    Decimal: Decimal,
    Fraction: Fraction,
    float: float,
}


def _is_number_text(value: str) -> bool:
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return True


def _convert(value: Any, to: Callable[[str], object]) -> Any:
    """Turn every piece of decimal text inside ``value`` into a number made by ``to``."""
    if isinstance(value, str):
        return to(value) if _is_number_text(value) else value
    if isinstance(value, Mapping):
        return {k: _convert(v, to) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_convert(v, to) for v in value)
    return value


def _numbers_in(result: object) -> list[object]:
    if attrs.has(type(result)):
        return _numbers_in(attrs.astuple(result, recurse=False))  # type: ignore[arg-type]
    if isinstance(result, tuple):
        return [n for item in result for n in _numbers_in(item)]
    if isinstance(result, Decimal | Fraction | float):
        return [result]
    return []


def test_every_catalog_function_has_a_sample() -> None:
    assert sorted(SAMPLES) == sorted(entry.name for entry in catalog())


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("result_type", [Decimal, Fraction, float])
def test_result_type_follows_input_type(name: str, result_type: type) -> None:
    function = getattr(kpi, name)
    args, kwargs = SAMPLES[name]
    to = CONVERTERS[result_type]
    result = function(*_convert(args, to), **_convert(kwargs, to))
    numbers = _numbers_in(result)
    assert numbers, f"{name} returned no numbers: {result!r}"
    expected = float if name == "sales_cycle_length" else result_type
    assert all(type(n) is expected for n in numbers), (name, result)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_types_agree_on_the_value(name: str) -> None:
    function = getattr(kpi, name)
    args, kwargs = SAMPLES[name]
    results = [
        _numbers_in(function(*_convert(args, to), **_convert(kwargs, to)))
        for to in CONVERTERS.values()
    ]
    for as_decimal, as_fraction, as_float in zip(*results, strict=True):
        assert isinstance(as_decimal, Decimal | float)
        assert float(as_decimal) == pytest.approx(float(as_fraction), rel=1e-12)
        assert float(as_fraction) == pytest.approx(as_float, rel=1e-12)


def test_ints_give_float_and_strings_give_decimal() -> None:
    assert kpi.win_rate(1, 3) == 0.25
    assert type(kpi.win_rate(1, 3)) is float
    assert kpi.win_rate("1", 3) == Decimal("0.25")
    assert type(kpi.win_rate("1", 3)) is Decimal


def test_decimal_mixed_with_float_goes_through_str() -> None:
    # Decimal(0.1) would carry 55 binary digits; str(0.1) is exactly one tenth.
    assert kpi.arpa(Decimal("1"), 0.1) == Decimal("10")
    assert kpi.ltv(Decimal("100"), 0.1) == Decimal("1000")


def test_fraction_mixed_with_float_gives_float() -> None:
    assert kpi.win_rate(Fraction(1), 3.0) == 0.25
    assert type(kpi.win_rate(Fraction(1), 3.0)) is float


def test_decimal_results_are_rounded_to_the_context_precision() -> None:
    assert kpi.win_rate(Decimal(1), 2) == Decimal("0.3333333333333333333333333333")


@pytest.mark.parametrize("bad", [True, False])
def test_bools_are_rejected(bad: bool) -> None:
    with pytest.raises(InvalidInputError) as info:
        kpi.win_rate(bad, 3)
    assert info.value.name == "won"
    assert info.value.value is bad


@pytest.mark.parametrize("bad", [math.nan, math.inf, Decimal("NaN"), Decimal("-Infinity")])
def test_non_finite_inputs_are_rejected(bad: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        kpi.arpa(bad, 3)  # type: ignore[arg-type]
    assert info.value.name == "revenue"


def test_non_numbers_are_rejected_with_the_argument_name() -> None:
    with pytest.raises(InvalidInputError, match="customers must be a number, got 'many'"):
        kpi.arpa(100, "many")
    with pytest.raises(InvalidInputError, match="must be an int, Decimal"):
        kpi.arpa([100], 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: kpi.ltv(100, 5), "churn_rate"),
        (lambda: kpi.ltv(100, 0.05, gross_margin=80), "gross_margin"),
        (lambda: kpi.clv(100, 80, 0.1), "retention"),
        (lambda: kpi.clv(100, 0.8, 10), "discount_rate"),
        (lambda: kpi.cac_payback_months(100, 10, gross_margin=-0.1), "gross_margin"),
        (lambda: kpi.break_even_sales(100, 40), "contribution_margin_ratio"),
    ],
)
def test_rate_arguments_outside_zero_one_are_rejected(
    call: Callable[[], object], name: str
) -> None:
    with pytest.raises(InvalidInputError, match=r"write 5% as 0\.05") as info:
        call()
    assert info.value.name == name


UNDEFINED_CALLS: dict[str, Callable[..., object]] = {
    "customer_churn_rate": lambda **kw: kpi.customer_churn_rate(0, 0, **kw),
    "retention_rate": lambda **kw: kpi.retention_rate(0, 0, **kw),
    "revenue_churn_rate": lambda **kw: kpi.revenue_churn_rate(0, 0, 0, **kw),
    "net_revenue_retention": lambda **kw: kpi.net_revenue_retention(0, 10, 0, 0, **kw),
    "gross_revenue_retention": lambda **kw: kpi.gross_revenue_retention(0, 0, 0, **kw),
    "cohort_retention": lambda **kw: kpi.cohort_retention({}, {"a": 1}, **kw).nrr,
    "arpa": lambda **kw: kpi.arpa(0, 0, **kw),
    "ltv": lambda **kw: kpi.ltv(0, 0, **kw),
    "clv": lambda **kw: kpi.clv(0, 1, 0, **kw),
    "cac": lambda **kw: kpi.cac(1000, 0, **kw),
    "cac_breakdown": lambda **kw: kpi.cac_breakdown(1000, 0, **kw).value,
    "ltv_to_cac": lambda **kw: kpi.ltv_to_cac(0, 0, **kw),
    "cac_payback_months": lambda **kw: kpi.cac_payback_months(0, 0, **kw),
    "win_rate": lambda **kw: kpi.win_rate(0, 0, **kw),
    "close_rate": lambda **kw: kpi.close_rate(0, 0, **kw),
    "average_deal_size": lambda **kw: kpi.average_deal_size([], **kw),
    "sales_cycle_length": lambda **kw: kpi.sales_cycle_length([], **kw),
    "conversion_rate": lambda **kw: kpi.conversion_rate(0, 0, **kw),
    "funnel_rates": lambda **kw: kpi.funnel_rates({"a": 0, "b": 0}, **kw).end_to_end,
    "pipeline_coverage": lambda **kw: kpi.pipeline_coverage(0, 0, **kw),
    "growth_rate": lambda **kw: kpi.growth_rate(10, 0, **kw),
    "cagr": lambda **kw: kpi.cagr(0, 10, 2, **kw),
    "required_growth": lambda **kw: kpi.required_growth(-5, 10, 2, **kw),
    "contribution_margin_ratio": lambda **kw: kpi.contribution_margin_ratio(0, 0, **kw),
    "employee_turnover_rate": lambda **kw: kpi.employee_turnover_rate(0, start=0, end=0, **kw),
    "quota_attainment": lambda **kw: kpi.quota_attainment(10, 0, **kw),
    "team_attainment": lambda **kw: kpi.team_attainment([], [], **kw),
    "share_at_quota": lambda **kw: kpi.share_at_quota([], **kw),
}
# break_even_* reject a margin of zero or less instead: their results are always defined.
ALWAYS_DEFINED = {"break_even_sales", "break_even_units"}


def test_every_function_with_an_undefined_case_is_covered() -> None:
    assert sorted(UNDEFINED_CALLS) == sorted(
        entry.name for entry in catalog() if entry.name not in ALWAYS_DEFINED
    )


@pytest.mark.parametrize("name", sorted(UNDEFINED_CALLS))
def test_undefined_is_nan_by_default_and_raises_when_strict(name: str) -> None:
    result = UNDEFINED_CALLS[name]()
    assert isinstance(result, float)
    assert math.isnan(result)
    with pytest.raises(UndefinedMetricError) as info:
        UNDEFINED_CALLS[name](strict=True)
    assert info.value.metric in (name, "cac")


def test_undefined_is_decimal_nan_for_decimal_inputs() -> None:
    result = kpi.win_rate(Decimal(0), 0)
    assert isinstance(result, Decimal)
    assert result.is_nan()
    # Decimal 0/0 raises InvalidOperation; the functions check the denominator first.
    assert kpi.arpa(Decimal(0), Decimal(0)).is_nan()  # type: ignore[union-attr]


def test_undefined_is_float_nan_for_fraction_inputs() -> None:
    result = kpi.win_rate(Fraction(0), 0)
    assert isinstance(result, float)
    assert math.isnan(result)


def test_infinite_results_match_the_input_type() -> None:
    assert kpi.ltv(Decimal(100), 0) == Decimal("Infinity")
    assert isinstance(kpi.ltv(Decimal(100), 0), Decimal)
    assert kpi.ltv(100, 0) == math.inf
    assert kpi.ltv(Fraction(100), 0) == math.inf


def test_every_function_takes_keyword_strict() -> None:
    for entry in catalog():
        parameter = inspect.signature(entry.function).parameters["strict"]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        assert parameter.default is False


def test_catalog_records_are_complete_and_frozen() -> None:
    entries = catalog()
    assert len({e.name for e in entries}) == len(entries)
    assert {e.theme for e in entries} == set(kpi.THEMES)
    for entry in entries:
        assert getattr(kpi, entry.name) is entry.function
        assert entry.function.__name__ == entry.name
        assert entry.formula
        assert entry.source
        assert entry.function.__module__ == f"smartgoals.kpi.{entry.theme}"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        entries[0].name = "other"  # type: ignore[misc]


def test_catalog_lists_every_public_function() -> None:
    functions = {
        name
        for name in kpi.__all__
        if inspect.isfunction(getattr(kpi, name)) and name != "catalog"
    }
    assert functions == {e.name for e in catalog()}


METRIC_KEYS = {
    "revenue", "mrr", "arr", "units_sold", "new_customers", "customer_churn_rate",
    "revenue_churn_rate", "nrr", "ltv", "cac", "mql", "sql", "leads", "pipeline",
    "demos_booked", "calls", "emails", "discovery_calls", "qualified_sales_calls",
    "sales_cycle_length", "lead_conversion_time", "win_rate", "close_rate",
    "average_deal_size", "quota_attainment", "mentoring_hours", "sales_trainings",
    "employee_turnover", "arpa",
}  # fmt: skip


def test_catalog_metric_keys_are_metric_catalog_keys() -> None:
    keys = {e.metric for e in catalog()} - {None}
    assert keys <= METRIC_KEYS
    by_key = {e.metric: e.name for e in catalog()}
    assert by_key["nrr"] == "net_revenue_retention"
    assert by_key["employee_turnover"] == "employee_turnover_rate"


def test_kpi_entry_rejects_unknown_theme() -> None:
    with pytest.raises(ValueError, match="theme"):
        kpi.KpiEntry("x", kpi.win_rate, "f", "s", None, "astrology")


def test_kpi_imports_only_the_bottom_layer() -> None:
    import ast
    import pathlib

    package = pathlib.Path(kpi.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("smartgoals")
            ):
                assert node.module in {"smartgoals.exceptions", "smartgoals._numbers"} or (
                    node.module.startswith("smartgoals.kpi")
                ), (path.name, node.module)


# --- the private helpers -------------------------------------------------------------


@given(st.lists(st.sampled_from([1, 2.5, Fraction(1, 3), Decimal("1.5"), "2"]), max_size=5))
def test_kind_of_follows_statistics(values: list[object]) -> None:
    kind = _numeric.kind_of(*values)
    if any(isinstance(v, Decimal | str) for v in values):
        assert kind is Kind.DECIMAL
    elif any(isinstance(v, Fraction) for v in values) and not any(
        isinstance(v, float) for v in values
    ):
        assert kind is Kind.FRACTION
    else:
        assert kind is Kind.FLOAT


@given(st.fractions(), st.sampled_from(list(Kind)))
def test_finish_rounds_once_into_the_kind(value: Fraction, kind: Kind) -> None:
    result = _numeric.finish(value, kind)
    if kind is Kind.DECIMAL:
        assert isinstance(result, Decimal)
        assert abs(Fraction(result) - value) <= abs(value) * Fraction(1, 10**27)
    elif kind is Kind.FRACTION:
        assert result == value
    else:
        assert result == float(value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_exact_reads_floats_through_str(value: float) -> None:
    assert _numeric.exact(value, "x") == Fraction(Decimal(str(value)))


@given(
    st.fractions(min_value=Fraction(1, 1000), max_value=1000),
    st.integers(min_value=1, max_value=50),
)
def test_growth_root_inverts_the_power(ratio: Fraction, n: int) -> None:
    rate = _numeric.growth_root(ratio, Fraction(1, n), Kind.DECIMAL)
    assert isinstance(rate, Decimal)
    back = Fraction(1 + rate) ** n
    assert abs(back - ratio) <= ratio * Fraction(1, 10**25)


def test_choice_rejects_non_strings() -> None:
    with pytest.raises(InvalidInputError) as info:
        _numeric.choice(1, "method", ("start",))
    assert info.value.name == "method"
