"""The number rules every KPI function shares: result type, validation, NaN, strict, catalog."""

from __future__ import annotations

import inspect
import itertools
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


Sample = tuple[tuple[Any, ...], dict[str, Any]]

#: More samples, for the arguments the ones above leave out.
MORE_SAMPLES: list[tuple[str, Sample]] = [
    ("customer_churn_rate",
     (("6", "100"), {"new": "20", "new_and_churned": "1", "end": "114", "method": "average"})),
    ("retention_rate",
     (("6", "100"), {"new": "20", "new_and_churned": "1", "end": "114", "method": "average"})),
    ("revenue_churn_rate", (("300", "200", "10000"), {"reactivation": "100", "net": True})),
    ("employee_turnover_rate", (("6",), {"average_headcount": "50"})),
    ("cagr", (("100", "150"), {"start_date": "2024-01-01", "end_date": "2027-01-01"})),
]  # fmt: skip


def _number_count(sample: Sample) -> int:
    """How many pieces of decimal text ``sample`` holds."""
    seen: list[str] = []
    _convert(sample, lambda text: seen.append(text))
    return len(seen)


def _only(position: int, to: Callable[[str], object], rest: Callable[[str], object]) -> Any:
    """A converter that turns the ``position``-th number with ``to`` and the others with ``rest``."""
    counter = itertools.count()
    return lambda text: to(text) if next(counter) == position else rest(text)


NUMBER_POSITIONS = [
    pytest.param(name, sample, position, id=f"{name}-{index}-{position}")
    for index, (name, sample) in enumerate([*sorted(SAMPLES.items()), *MORE_SAMPLES])
    if name != "sales_cycle_length"  # dates in, float days out
    for position in range(_number_count(sample))
]


@pytest.mark.parametrize(("name", "sample", "position"), NUMBER_POSITIONS)
def test_any_one_decimal_argument_makes_the_result_decimal(
    name: str, sample: Sample, position: int
) -> None:
    # Every numeric argument takes part in the choice of the result type: one Decimal
    # among floats gives Decimal, one float among Fractions gives float.
    function = getattr(kpi, name)
    args, kwargs = sample
    to = _only(position, Decimal, float)
    numbers = _numbers_in(function(*_convert(args, to), **_convert(kwargs, to)))
    assert numbers
    assert all(type(n) is Decimal for n in numbers), (name, position, numbers)
    to = _only(position, float, Fraction)
    numbers = _numbers_in(function(*_convert(args, to), **_convert(kwargs, to)))
    assert all(type(n) is float for n in numbers), (name, position, numbers)


def _argument_names(name: str, sample: Sample) -> list[str]:
    """The name each number of ``sample`` has in error messages, in order."""
    args, kwargs = sample
    bound = inspect.signature(getattr(kpi, name)).bind(*args, **kwargs)
    names: list[str] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, str):
            if _is_number_text(value):
                names.append(where)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]")
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    for parameter, value in bound.arguments.items():
        walk(value, parameter)
    return names


@pytest.mark.parametrize(("name", "sample", "position"), NUMBER_POSITIONS)
def test_text_that_is_no_number_is_rejected_with_the_argument_name(
    name: str, sample: Sample, position: int
) -> None:
    function = getattr(kpi, name)
    args, kwargs = sample
    where = _argument_names(name, sample)[position]
    to = _only(position, lambda _: "many", Decimal)
    with pytest.raises(InvalidInputError) as info:
        function(*_convert(args, to), **_convert(kwargs, to))
    assert (info.value.name, info.value.value) == (where, "many")
    assert str(info.value) == (
        f"{where} must be a number, got 'many'; write it like '1500' or '0.05'"
    )


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


#: For every function with an undefined case: (function, call, reason). ``call`` takes a
#: number converter (``int`` or ``Decimal``) for at least one argument, when the function
#: has a numeric argument to carry it, and the keyword arguments (``strict``).
UNDEFINED_CASES: list[tuple[str, Callable[..., object], str]] = [
    ("customer_churn_rate", lambda n, **kw: kpi.customer_churn_rate(n(0), 0, **kw),
     "there were no customers in the denominator"),
    ("customer_churn_rate",
     lambda n, **kw: kpi.customer_churn_rate(n(90), 100, new=40, end=50, method="average", **kw),
     "more customers churned than the average base (start + end) / 2 holds; "
     "use method='start' or 'start_plus_new'"),
    ("retention_rate", lambda n, **kw: kpi.retention_rate(n(0), 0, **kw),
     "there were no customers in the denominator"),
    ("retention_rate",
     lambda n, **kw: kpi.retention_rate(n(90), 100, new=40, end=50, method="average", **kw),
     "more customers churned than the average base (start + end) / 2 holds; "
     "use method='start' or 'start_plus_new'"),
    ("revenue_churn_rate", lambda n, **kw: kpi.revenue_churn_rate(n(0), 0, 0, **kw),
     "there was no revenue at the start"),
    ("net_revenue_retention", lambda n, **kw: kpi.net_revenue_retention(n(0), 10, 0, 0, **kw),
     "there was no revenue at the start"),
    ("gross_revenue_retention", lambda n, **kw: kpi.gross_revenue_retention(n(0), 0, 0, **kw),
     "there was no revenue at the start"),
    ("cohort_retention", lambda n, **kw: kpi.cohort_retention({}, {"a": n(1)}, **kw).nrr,
     "the cohort has no customers"),
    ("arpa", lambda n, **kw: kpi.arpa(n(0), 0, **kw), "there are no customers"),
    ("ltv", lambda n, **kw: kpi.ltv(n(0), 0, **kw), "no margin and no churn (0 × ∞)"),
    ("ltv", lambda n, **kw: kpi.ltv(n(100), 0, gross_margin=0, **kw),
     "no margin and no churn (0 × ∞)"),
    ("clv", lambda n, **kw: kpi.clv(n(0), 1, 0, **kw), "no margin over an endless life (0 × ∞)"),
    ("cac", lambda n, **kw: kpi.cac(n(1000), 0, **kw), "there were no new customers"),
    ("cac_breakdown", lambda n, **kw: kpi.cac_breakdown(n(1000), 0, **kw).value,
     "there were no new customers"),
    ("ltv_to_cac", lambda n, **kw: kpi.ltv_to_cac(n(0), 0, **kw), "LTV and CAC are both zero"),
    ("cac_payback_months", lambda n, **kw: kpi.cac_payback_months(n(0), 0, **kw),
     "no CAC and no margin (0 ÷ 0)"),
    ("win_rate", lambda n, **kw: kpi.win_rate(n(0), 0, **kw), "no deals were decided"),
    ("close_rate", lambda n, **kw: kpi.close_rate(n(0), 0, **kw), "created is zero"),
    ("average_deal_size", lambda n, **kw: kpi.average_deal_size([], **kw),
     "there are no won deals"),
    ("sales_cycle_length", lambda n, **kw: kpi.sales_cycle_length([], **kw),
     "there are no closed deals"),
    ("conversion_rate", lambda n, **kw: kpi.conversion_rate(n(0), 0, **kw), "total is zero"),
    ("funnel_rates", lambda n, **kw: kpi.funnel_rates({"a": n(0), "b": 0}, **kw).end_to_end,
     "stage 'a' is empty"),
    ("pipeline_coverage", lambda n, **kw: kpi.pipeline_coverage(n(0), 0, **kw),
     "no pipeline and no quota left"),
    ("growth_rate", lambda n, **kw: kpi.growth_rate(n(10), -3, **kw),
     "the previous value is -3, not above zero"),
    ("cagr", lambda n, **kw: kpi.cagr(n(0), 10, 2, **kw), "the starting value is not above zero"),
    ("cagr", lambda n, **kw: kpi.cagr(n(10), -1, 2, **kw), "the end value is below zero"),
    ("required_growth", lambda n, **kw: kpi.required_growth(n(-5), 10, 2, **kw),
     "the starting value is not above zero"),
    ("required_growth", lambda n, **kw: kpi.required_growth(n(10), -1, 2, **kw),
     "the end value is below zero"),
    ("contribution_margin_ratio", lambda n, **kw: kpi.contribution_margin_ratio(n(0), 0, **kw),
     "there are no sales"),
    ("employee_turnover_rate",
     lambda n, **kw: kpi.employee_turnover_rate(n(0), start=0, end=0, **kw),
     "the average headcount is zero"),
    ("quota_attainment", lambda n, **kw: kpi.quota_attainment(n(10), 0, **kw),
     "the quota is zero"),
    ("team_attainment", lambda n, **kw: kpi.team_attainment([n(5)], [0], **kw),
     "the quotas add up to zero"),
    ("team_attainment", lambda n, **kw: kpi.team_attainment([], [], **kw),
     "the quotas add up to zero"),
    ("share_at_quota", lambda n, **kw: kpi.share_at_quota([], threshold=n(1), **kw),
     "there is nobody to count"),
]  # fmt: skip
# break_even_* reject a margin of zero or less instead: their results are always defined.
ALWAYS_DEFINED = {"break_even_sales", "break_even_units"}


def test_every_function_with_an_undefined_case_is_covered() -> None:
    assert sorted({name for name, _, _ in UNDEFINED_CASES}) == sorted(
        entry.name for entry in catalog() if entry.name not in ALWAYS_DEFINED
    )


@pytest.mark.parametrize(("name", "call", "reason"), UNDEFINED_CASES)
def test_undefined_is_nan_by_default_and_raises_when_strict(
    name: str, call: Callable[..., object], reason: str
) -> None:
    result = call(int)
    assert isinstance(result, float)
    assert math.isnan(result)
    decimals: list[Decimal] = []

    def to_decimal(value: int) -> Decimal:
        decimals.append(Decimal(value))
        return decimals[-1]

    as_decimal = call(to_decimal)
    if decimals:  # a Decimal argument gives Decimal("NaN")
        assert isinstance(as_decimal, Decimal)
        assert as_decimal.is_nan()
    else:  # nothing to carry the type (an empty list): a float NaN
        assert isinstance(as_decimal, float)
        assert math.isnan(as_decimal)
    with pytest.raises(UndefinedMetricError) as info:
        call(int, strict=True)
    metric = "cac" if name == "cac_breakdown" else name
    assert (info.value.metric, info.value.reason) == (metric, reason)
    assert str(info.value) == f"{metric} is undefined: {reason}"


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
    "customer_retention_rate", "revenue_churn_rate", "nrr", "ltv", "cac", "mql", "sql", "leads", "pipeline",
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
