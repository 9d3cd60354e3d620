from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.planning import allocation
from smartgoals.planning.allocation import allocate, as_fraction, default_quantum

QUANTA = ["1", "0.01", "0.05", "0.25", "5", "1000", "0.001"]


def reference(count: int, weights: list[Fraction]) -> list[int]:
    """Largest remainder in quanta, written the slow, obvious way (on integers, exactly)."""
    scale = math.lcm(*(w.denominator for w in weights))
    integers = [int(w * scale) for w in weights]
    total = sum(integers)
    sign = -1 if count < 0 else 1
    parts = [abs(count) * w // total for w in integers]
    remainders = [abs(count) * w % total for w in integers]
    left = abs(count) - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -integers[i], i))
    for i in order[:left]:
        parts[i] += 1
    return [sign * p for p in parts]


weight_values = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=1000, max_denominator=50),
)


@st.composite
def weight_lists(draw: st.DrawFn, max_size: int = 30) -> list[int | Decimal | Fraction]:
    values = draw(st.lists(weight_values, min_size=1, max_size=max_size))
    if not any(values):
        values[draw(st.integers(0, len(values) - 1))] = draw(st.integers(1, 100))
    return values


totals_in_quanta = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.just(0),
)


def exact(value: Decimal) -> Fraction:
    return Fraction(value)


@given(weight_lists(), totals_in_quanta, st.sampled_from(QUANTA))
def test_parts_sum_exactly_to_any_total(
    weights: list[int | Decimal | Fraction], count: int, quantum: str
) -> None:
    total = Fraction(Decimal(quantum)) * count
    parts = allocate(total, weights, quantum=quantum)
    assert sum(map(exact, parts), Fraction(0)) == total
    assert all((exact(p) / Fraction(Decimal(quantum))).denominator == 1 for p in parts)


@given(weight_lists(), totals_in_quanta, st.sampled_from(QUANTA))
def test_each_part_is_floor_or_ceiling_of_its_exact_share(
    weights: list[int | Decimal | Fraction], count: int, quantum: str
) -> None:
    step = Fraction(Decimal(quantum))
    parts = allocate(step * count, weights, quantum=quantum)
    fractions = [as_fraction(w) for w in weights]
    total_weight = sum(fractions, Fraction(0))
    for part, weight in zip(parts, fractions, strict=True):
        share = count * weight / total_weight
        assert exact(part) / step in (math.floor(share), math.ceil(share))
    assert [int(exact(p) / step) for p in parts] == reference(count, fractions)


@given(weight_lists(), st.integers(-(10**9), 10**9))
def test_zero_weight_gets_zero(weights: list[int | Decimal | Fraction], count: int) -> None:
    parts = allocate(count, [*weights, 0])
    assert parts[-1] == 0
    assert str(parts[-1]) == "0"


@given(weight_lists(), totals_in_quanta, st.sampled_from(QUANTA))
def test_negative_total_mirrors_positive(
    weights: list[int | Decimal | Fraction], count: int, quantum: str
) -> None:
    total = Decimal(count) * Decimal(quantum)
    assert allocate(-total, weights, quantum=quantum) == [
        p.copy_negate() if p else p for p in allocate(total, weights, quantum=quantum)
    ]


@given(
    weight_lists(),
    st.integers(-(10**9), 10**9),
    st.fractions(min_value=Fraction(1, 1000), max_value=1000),
)
def test_scaling_all_weights_changes_nothing(
    weights: list[int | Decimal | Fraction], count: int, factor: Fraction
) -> None:
    scaled = [as_fraction(w) * factor for w in weights]
    assert allocate(count, scaled) == allocate(count, weights)


@given(
    st.lists(st.integers(0, 1000), min_size=1, max_size=20, unique=True).filter(any),
    st.integers(-(10**6), 10**6),
    st.randoms(use_true_random=False),
)
def test_permuting_distinct_weights_permutes_the_parts(
    weights: list[int], count: int, rnd: random.Random
) -> None:
    order = list(range(len(weights)))
    rnd.shuffle(order)
    original = allocate(count, weights)
    permuted = allocate(count, [weights[i] for i in order])
    assert permuted == [original[i] for i in order]


@given(weight_lists(), st.integers(-(10**6), 10**6), st.randoms(use_true_random=False))
def test_permuting_any_weights_keeps_the_weight_part_pairs(
    weights: list[int | Decimal | Fraction], count: int, rnd: random.Random
) -> None:
    order = list(range(len(weights)))
    rnd.shuffle(order)
    original = allocate(count, weights)
    permuted = allocate(count, [weights[i] for i in order])
    pairs = sorted((as_fraction(w), p) for w, p in zip(weights, original, strict=True))
    permuted_pairs = sorted(
        (as_fraction(weights[i]), p) for i, p in zip(order, permuted, strict=True)
    )
    assert pairs == permuted_pairs


@given(
    st.integers(1, 500),
    st.integers(1, 10**6),
    totals_in_quanta,
    st.sampled_from(QUANTA),
)
def test_equal_weights_differ_by_at_most_one_quantum(
    size: int, weight: int, count: int, quantum: str
) -> None:
    parts = allocate(Decimal(count) * Decimal(quantum), [weight] * size, quantum=quantum)
    assert max(parts) - min(parts) <= Decimal(quantum)


def test_million_over_twelve_months_at_cents_sums_exactly() -> None:
    parts = allocate(Decimal("1000000.00"), [1] * 12, quantum="0.01")
    assert sum(parts) == Decimal("1000000.00")
    assert parts == [Decimal("83333.34")] * 4 + [Decimal("83333.33")] * 8
    assert all(str(p).endswith((".33", ".34")) for p in parts)


def test_article_divisions() -> None:
    assert allocate(1_200_000, [1] * 12) == [Decimal(100_000)] * 12
    assert allocate(1_200_000, [1] * 4) == [Decimal(300_000)] * 4


def test_alabama_paradox_is_real_and_documented() -> None:
    # More to share, yet the third part goes down: largest remainder is not monotone.
    assert allocate(10, [6, 6, 2]) == [4, 4, 2]
    assert allocate(11, [6, 6, 2]) == [5, 5, 1]
    assert "Alabama paradox" in (allocation.__doc__ or "")


def test_ties_go_to_the_larger_weight_then_the_earlier_key() -> None:
    assert allocate(1, [1, 1]) == [1, 0]
    assert allocate(1, {"b": 1, "a": 1}) == {"b": Decimal(1), "a": Decimal(0)}
    # Remainders tie at one half; the larger weight wins although it comes later.
    assert allocate(2, [1, 3]) == [0, 2]


def test_mapping_and_keys_give_dicts() -> None:
    assert allocate(10, {"enterprise": 2, "smb": 1}) == {
        "enterprise": Decimal(7),
        "smb": Decimal(3),
    }
    assert allocate(3, [1, 2], keys=("x", "y")) == {"x": Decimal(1), "y": Decimal(2)}


def test_parts_carry_the_quantum_exponent() -> None:
    assert [str(p) for p in allocate("0.03", [1, 1, 1, 0], quantum="0.01")] == [
        "0.01",
        "0.01",
        "0.01",
        "0.00",
    ]
    assert [str(p) for p in allocate("-0.02", [1, 1, 1], quantum="0.01")] == [
        "-0.01",
        "-0.01",
        "0.00",
    ]


def test_huge_totals_are_not_rounded_by_the_decimal_context() -> None:
    total = Decimal(10**45 + 7) * Decimal("0.01")
    parts = allocate(total, [1, 2, 3], quantum="0.01")
    assert sum(map(Fraction, parts)) == Fraction(total)


def test_floats_and_fraction_totals_are_exact() -> None:
    assert allocate(Fraction(3, 2), [0.1, 0.2], quantum="0.5") == [Decimal("0.5"), Decimal("1.0")]


def test_large_inputs_match_the_reference() -> None:
    rnd = random.Random(7)
    weights = [rnd.randint(0, 50) for _ in range(12_000)]
    for count in (0, 1, 5_999, 6_000, 11_999, 10**9 + 3, -(10**7) - 1):
        parts = allocate(count, weights)
        assert [int(p) for p in parts] == reference(count, [Fraction(w) for w in weights])


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([1, -1], "weights must be zero or positive"),
        ([1, float("nan")], r"weight 1 is nan, but weights must be finite.*0 leaves"),
        ([1, Decimal("Infinity")], "weights must be finite numbers"),
        ([Decimal("NaN")], "weights must be finite numbers"),
        ({"a": float("-inf")}, "weight 'a' is -inf"),
        ([0, 0], "all weights are zero"),
        ([], "no weights were given"),
        ([True], "got a bool"),
        ("abc", "must be a sequence or mapping"),
    ],
)
def test_bad_weights_are_rejected_with_advice(weights: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        allocate(10, weights)  # type: ignore[call-overload]


def test_total_must_be_a_multiple_of_the_quantum() -> None:
    with pytest.raises(InvalidInputError, match=r"not a multiple of the quantum 0.01.*1000.00"):
        allocate("1000.005", [1, 1], quantum="0.01")


def test_quantum_and_keys_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="quantum must be above zero"):
        allocate(10, [1], quantum=0)
    with pytest.raises(InvalidInputError, match="2 keys for 1 weights"):
        allocate(10, [1], keys=["a", "b"])
    with pytest.raises(InvalidInputError, match="keys must be distinct"):
        allocate(10, [1, 1], keys=["a", "a"])
    with pytest.raises(InvalidInputError, match="drop keys="):
        allocate(10, {"a": 1}, keys=["a"])  # type: ignore[call-overload]


def test_default_quantum_by_unit() -> None:
    assert default_quantum(metrics.get("revenue")) == Decimal("0.01")
    assert default_quantum(metrics.get("calls")) == 1
    assert default_quantum(metrics.get("mentoring_hours")) == 1
    assert default_quantum(metrics.get("win_rate")) == Decimal("0.0001")


def test_as_fraction() -> None:
    assert as_fraction(0.1) == Fraction(1, 10)
    assert as_fraction(Decimal("2.50")) == Fraction(5, 2)
    with pytest.raises(InvalidInputError):
        as_fraction(float("inf"))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 4), st.integers(0, 10**6))
def test_sampled_cut_matches_a_full_sort(seed: int, spread: int, count: int) -> None:
    rnd = random.Random(seed)
    weights = [rnd.randint(0, spread) for _ in range(5000)]
    weights[0] = 1
    parts = allocate(count, weights)
    assert [int(p) for p in parts] == reference(count, [Fraction(w) for w in weights])


def test_mixed_kinds_of_weights_keep_their_exact_ratios() -> None:
    # An int, a Fraction or a Decimal beside a float is still read exactly.
    assert allocate(3, [1, 1.0]) == [2, 1]
    assert allocate(3, [Fraction(1, 2), 1.0]) == [1, 2]
    assert allocate(4, [Decimal("1.5"), 0.5]) == [3, 1]
    assert allocate(10, [0, 1.0]) == [0, 10]
    assert allocate(10, {"a": "0.25", "b": 0.75}, quantum="0.5") == {
        "a": Decimal("2.5"),
        "b": Decimal("7.5"),
    }


@pytest.mark.parametrize(
    ("total", "weights", "quantum", "message", "name", "value"),
    [
        (
            10,
            {"a": -1.0},
            1,
            "weight 'a' is -1.0, but weights must be zero or positive; give a share, a "
            "capacity or a count, never a negative number",
            "weights",
            -1.0,
        ),
        (
            10,
            [1, -2],
            1,
            "weight 1 is -2, but weights must be zero or positive; give a share, a capacity "
            "or a count, never a negative number",
            "weights",
            -2,
        ),
        (
            10,
            {"a": 1, "b": -2},
            1,
            "weight 'b' is -2, but weights must be zero or positive; give a share, a "
            "capacity or a count, never a negative number",
            "weights",
            -2,
        ),
        (
            10,
            [1, "abc"],
            1,
            "weight 1 must be a number, got 'abc'; write it like '1500' or '0.05'",
            "weight 1",
            "abc",
        ),
        (
            10,
            {"x": Decimal("-Infinity")},
            1,
            "weight 'x' is -Infinity, but weights must be finite numbers; replace it with a "
            "number (0 leaves that part out)",
            "weights",
            Decimal("-Infinity"),
        ),
        (
            "1000.005",
            [1, 1],
            "0.01",
            "total 1000.005 is not a multiple of the quantum 0.01; round the total first "
            "(e.g. to 1000.00) or pass a finer quantum",
            "total",
            Fraction(200001, 200),
        ),
        (
            Fraction(1, 4),
            [1],
            "0.1",
            "total 0.25 is not a multiple of the quantum 0.1; round the total first "
            "(e.g. to 0.2) or pass a finer quantum",
            "total",
            Fraction(1, 4),
        ),
        (
            10,
            [1],
            "-0.5",
            "quantum must be above zero, got -0.5; use 1 for counts or 0.01 for money",
            "quantum",
            "-0.5",
        ),
        (
            10,
            [],
            1,
            "no weights were given; give at least one weight to split the total over",
            "weights",
            [],
        ),
        (
            Fraction(1, 2),
            [0, 0.0],
            "0.5",
            "all weights are zero, so there is no proportion to split 0.5 by; give at least "
            "one weight above zero",
            "weights",
            [0, 0.0],
        ),
    ],
)
def test_errors_name_the_bad_value_and_the_fix(
    total: object, weights: object, quantum: object, message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        allocate(total, weights, quantum=quantum)  # type: ignore[call-overload]
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


@pytest.mark.parametrize(
    ("total", "weights", "quantum", "keys", "message", "name", "value"),
    [
        (
            "abc",
            [1],
            1,
            None,
            "total must be a number, got 'abc'; write it like '1500' or '0.05'",
            "total",
            "abc",
        ),
        (
            10,
            [1],
            "abc",
            None,
            "quantum must be a number, got 'abc'; write it like '1500' or '0.05'",
            "quantum",
            "abc",
        ),
        (
            10,
            "abc",
            1,
            None,
            "weights must be a sequence or mapping of numbers, got 'abc'",
            "weights",
            "abc",
        ),
        (
            10,
            {"a": 1},
            1,
            ["a"],
            "keys were given with a mapping of weights; the mapping's keys are used, so drop "
            "keys=",
            "keys",
            ["a"],
        ),
        (
            10,
            [1],
            1,
            ["a", "b"],
            "got 2 keys for 1 weights; give one key per weight",
            "keys",
            ["a", "b"],
        ),
        (
            10,
            [1, 1],
            1,
            ["a", "a"],
            "keys must be distinct; two weights have the same key",
            "keys",
            ["a", "a"],
        ),
    ],
)
def test_errors_about_the_total_quantum_and_keys_name_them(
    total: object,
    weights: object,
    quantum: object,
    keys: object,
    message: str,
    name: str,
    value: object,
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        allocate(total, weights, quantum=quantum, keys=keys)  # type: ignore[call-overload]
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_weights_may_be_any_sequence_or_an_iterator() -> None:
    assert allocate(10, (2, 1)) == [7, 3]
    assert allocate(10, range(3)) == [0, 3, 7]
    assert allocate(10, (w for w in (2, 1))) == [7, 3]  # type: ignore[call-overload]


def test_almost_every_unit_left_over_takes_the_sampled_cut_to_its_end() -> None:
    # 4,999 units over 5,000 equal weights: every floor is 0 and 4,999 units are left,
    # so the cut lies at the very end of the sample; ties go to the earlier index.
    parts = allocate(4999, [1] * 5000)
    assert parts[:2] == [1, 1]
    assert parts[-2:] == [1, 0]
    assert sum(parts) == 4999


def test_a_quantum_with_many_digits_keeps_huge_parts_exact() -> None:
    # 10^40 + 1 quanta of 0.123456789 each: 49 significant digits, all kept.
    part = Decimal("123456789" + "0" * 31 + ".123456789")
    assert part == Fraction(10**40 + 1) * Fraction("0.123456789")
    parts = allocate(Fraction(part) * 2, [1, 1], quantum="0.123456789")
    assert [str(p) for p in parts] == [str(part), str(part)]


def test_the_error_of_a_negative_total_between_quanta_suggests_the_lower_one() -> None:
    with pytest.raises(InvalidInputError) as raised:
        allocate("-1000.005", [1, 1], quantum="0.01")
    assert str(raised.value) == (
        "total -1000.005 is not a multiple of the quantum 0.01; round the total first "
        "(e.g. to -1000.01) or pass a finer quantum"
    )


def test_as_fraction_names_the_value_it_could_not_read() -> None:
    with pytest.raises(InvalidInputError) as raised:
        as_fraction("abc")
    assert (str(raised.value), raised.value.name) == (
        "value must be a number, got 'abc'; write it like '1500' or '0.05'",
        "value",
    )
    with pytest.raises(InvalidInputError, match=r"^share must be a number"):
        as_fraction("abc", name="share")


def test_a_sample_that_misses_the_cut_falls_back_to_the_full_sort() -> None:
    # 1,000 units over 4,096 weights 0, 1, 0, 1, ...: the sample (every other remainder)
    # sees only the zero weights, so its bounds fail the check and the full sort decides.
    # Each weight of 1 has the same remainder; the first 1,000 of them get a unit.
    parts = allocate(1000, [0, 1] * 2048)
    assert sum(parts) == 1000
    assert [i for i, part in enumerate(parts) if part] == list(range(1, 2000, 2))
