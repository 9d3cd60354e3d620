"""Exact apportionment: split a total into multiples of a quantum that add up exactly.

:func:`allocate` uses the largest-remainder method (Hamilton's method): every part first
gets the whole number of quanta in its exact share (the floor), then the quanta that are
left go, one each, to the parts with the largest remainders. Ties go to the larger weight,
then to the key that comes first. So every part is the floor or the ceiling of its exact
share, the parts add up to the total exactly, a zero weight gets zero, and a negative total
mirrors the positive one.

**The Alabama paradox.** Largest remainder is not monotone in the total: raising the total
by one quantum can *lower* one part. Over the weights 6, 6 and 2, a total of 10 gives
``[4, 4, 2]`` but 11 gives ``[5, 5, 1]``: the third part loses a unit although there is more
to share. This is the price of keeping every part within one quantum of its exact share
(no method can do both, by the Balinski–Young theorem). It matters for plans whose total
is revised: compare the new parts with the old ones rather than assuming none went down.

>>> allocate(100, [1, 1, 1])
[Decimal('34'), Decimal('33'), Decimal('33')]
>>> allocate("1000000.00", [1] * 12, quantum="0.01")[:2]
[Decimal('83333.34'), Decimal('83333.34')]
>>> allocate(10, [6, 6, 2]), allocate(11, [6, 6, 2])
([Decimal('4'), Decimal('4'), Decimal('2')], [Decimal('5'), Decimal('5'), Decimal('1')])
"""

from __future__ import annotations

import decimal
import heapq
import math
from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from typing import Any, Final, TypeAlias, TypeVar, overload

from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.metrics import Metric

__all__ = ["allocate", "as_fraction", "default_quantum"]

K = TypeVar("K", bound=Hashable)

#: Anything accepted as a weight or an amount.
_Number = int | float | Decimal | Fraction | str


def as_fraction(value: object, *, name: str = "value") -> Fraction:
    """Convert a number to an exact :class:`~fractions.Fraction`.

    Ints, Decimals and Fractions convert exactly; floats and strings go through
    :func:`~smartgoals._numbers.to_decimal` (``0.1`` is one tenth, not its binary
    approximation).

    Args:
        value: An int, Decimal, Fraction, float or numeric string.
        name: The argument name for error messages.

    Returns:
        The exact value as a Fraction.

    Raises:
        InvalidInputError: for bools, NaN, infinities and anything that is not a number.

    >>> as_fraction("0.1"), as_fraction(Fraction(1, 3)), as_fraction(0.25)
    (Fraction(1, 10), Fraction(1, 3), Fraction(1, 4))
    """
    if type(value) is int:
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    return Fraction(to_decimal(value, name=name))


#: Types whose ``as_integer_ratio`` is exact and means what the user wrote (not float).
_EXACT: Final = frozenset({int, Decimal, Fraction})


def default_quantum(metric: Metric) -> Decimal:
    """The step targets of ``metric`` are rounded to when they are split.

    Money splits into cents (0.01); counts, hours and days into whole units (1); ratios
    into hundredths of a percent (0.0001), although ratio metrics are usually averages,
    which are never divided. Pass ``quantum=`` to the planning functions to choose
    another step, e.g. ``1`` for whole currency units or ``"0.5"`` for half hours.

    Args:
        metric: The metric of the goal being split.

    Returns:
        The default quantum for the metric's unit.

    >>> from smartgoals import metrics
    >>> default_quantum(metrics.get("revenue")), default_quantum(metrics.get("calls"))
    (Decimal('0.01'), Decimal('1'))
    """
    return metric.quantum


def _quantum(value: object) -> Decimal:
    """Check and convert a quantum given by a caller."""
    step = to_decimal(value, name="quantum")
    if step <= 0:
        raise InvalidInputError(
            f"quantum must be above zero, got {format_amount(step)}; use 1 for counts "
            "or 0.01 for money",
            name="quantum",
            value=value,
        )
    return step


def _negative(value: object, index: object) -> InvalidInputError:
    return InvalidInputError(
        f"weight {index!r} is {value}, but weights must be zero or positive; "
        "give a share, a capacity or a count, never a negative number",
        name="weights",
        value=value,
    )


def _ratio(value: object, index: object) -> tuple[int, int]:
    """A weight as ``(numerator, denominator)``, checked to be finite and not negative."""
    if type(value) is int:
        numerator, denominator = value, 1
    elif isinstance(value, Fraction):
        numerator, denominator = value.numerator, value.denominator
    elif type(value) is Decimal and value.is_finite():
        numerator, denominator = value.as_integer_ratio()
    else:
        weight = to_decimal(value, name=f"weight {index!r}", finite=False)
        if not weight.is_finite():
            raise InvalidInputError(
                f"weight {index!r} is {value}, but weights must be finite numbers; "
                "replace it with a number (0 leaves that part out)",
                name="weights",
                value=value,
            )
        numerator, denominator = weight.as_integer_ratio()
    if numerator < 0:
        raise _negative(value, index)
    return numerator, denominator


def _integer_weights(values: Sequence[object], keys: Sequence[object] | None) -> list[int]:
    """Scale the weights to integers with the same ratios."""
    kinds = set(map(type, values))
    ratios: list[tuple[int, int]] | None = None
    if kinds == {int}:
        integers: list[int] = list(values)  # type: ignore[arg-type]
    else:
        if kinds <= _EXACT:
            try:
                if kinds == {Decimal}:
                    ratios = list(map(Decimal.as_integer_ratio, values))  # type: ignore[arg-type]
                else:
                    ratios = [v.as_integer_ratio() for v in values]  # type: ignore[attr-defined]
            except (ValueError, OverflowError):  # NaN or infinity: report it below
                ratios = None
        if ratios is None:
            labels: Sequence[object] = range(len(values)) if keys is None else keys
            ratios = [_ratio(v, k) for k, v in zip(labels, values, strict=True)]
        denominators = {d for _, d in ratios}
        common = math.lcm(*denominators)
        scale = {d: common // d for d in denominators}
        integers = [n * scale[d] for n, d in ratios]
    smallest = min(integers)
    if smallest < 0:
        index = integers.index(smallest)
        raise _negative(values[index], index if keys is None else keys[index])
    return integers


def _show(value: Fraction) -> str:
    """A readable exact-or-close decimal form of a Fraction, for messages."""
    return format_amount(Decimal(value.numerator) / Decimal(value.denominator))


def _quanta(total: Fraction, quantum: Decimal) -> int:
    """The total as a whole number of quanta; raise if it is not one."""
    count = total / Fraction(quantum)
    if count.denominator != 1:
        lower = _to_amounts([abs(math.floor(count))], quantum, count < 0)[0]
        raise InvalidInputError(
            f"total {_show(total)} is not a multiple of the quantum "
            f"{format_amount(quantum)}; round the total first (e.g. to {lower}) "
            "or pass a finer quantum",
            name="total",
            value=total,
        )
    return count.numerator


def _largest_remainder(count: int, weights: list[int]) -> list[int]:
    """Apportion ``count`` (>= 0) units over integer ``weights`` (sum > 0)."""
    total_weight = sum(weights)
    products = [count * w for w in weights]
    parts = [p // total_weight for p in products]
    left = count - sum(parts)
    if left:
        remainders = [p % total_weight for p in products]
        for i in _top(remainders, weights, left):
            parts[i] += 1
    return parts


def _top(remainders: list[int], weights: list[int], count: int) -> list[int]:
    """The indices of the ``count`` largest remainders.

    Ties go to the larger weight, then to the earlier index: exactly
    ``sorted(range(n), key=lambda i: (remainders[i], weights[i]), reverse=True)[:count]``
    (Python's sort is stable), but a sample first narrows the sort to the remainders near
    the cut.
    """

    def rank(i: int) -> tuple[int, int]:
        return remainders[i], weights[i]

    n = len(remainders)
    if count * 8 < n or n < 4096:
        return heapq.nlargest(count, range(n), key=rank)
    sample = sorted(remainders[:: n // 2048], reverse=True)
    position = count * len(sample) // n
    margin = 4 * math.isqrt(len(sample)) + 4
    high = sample[max(position - margin, 0)]
    low = sample[min(position + margin, len(sample) - 1)]
    above = [i for i, r in enumerate(remainders) if r > high]
    near = [i for i, r in enumerate(remainders) if low <= r <= high]
    if not len(above) <= count <= len(above) + len(near):  # pragma: no cover - unlucky sample
        return sorted(range(n), key=rank, reverse=True)[:count]
    near.sort(key=rank, reverse=True)
    return above + near[: count - len(above)]


#: A tree of leaf indices: a leaf is its index, a group is a tuple of subtrees.
_Tree: TypeAlias = "int | tuple[_Tree, ...]"


def _group_tree(levels: Sequence[Sequence[Hashable]], count: int) -> _Tree:
    """Nest leaf indices ``0..count-1`` by their group at each level, top level first.

    ``levels[k][i]`` is the group of leaf ``i`` at level ``k``. A level where all leaves
    of a group share one subgroup adds no node.
    """

    def build(indices: list[int], depth: int) -> _Tree:
        if depth == len(levels):
            return tuple(indices)
        groups: dict[Hashable, list[int]] = {}
        for i in indices:
            groups.setdefault(levels[depth][i], []).append(i)
        if len(groups) == 1:
            return build(indices, depth + 1)
        return tuple(build(members, depth + 1) for members in groups.values())

    return build(list(range(count)), 0)


def _allocate_tree(
    total: object, weights: Sequence[object], tree: _Tree, quantum: Decimal
) -> list[Decimal]:
    """Like :func:`allocate`, but through nested groups of the leaves, top level first.

    The total is first split over the top groups of ``tree`` (a group weighs the sum of
    its leaves), each group's part over its subgroups, and so on; so every group's leaves
    add up to that group's part exactly.
    """
    amount = as_fraction(total, name="total")
    integers = _integer_weights(weights, None)
    if not any(integers):
        raise InvalidInputError(
            f"all weights are zero, so there is no proportion to split {_show(amount)} by; "
            "give at least one weight above zero",
            name="weights",
            value=weights,
        )
    count = _quanta(amount, quantum)
    units = [0] * len(integers)

    def weight(node: _Tree) -> int:
        return integers[node] if isinstance(node, int) else sum(map(weight, node))

    def split(units_here: int, node: _Tree) -> None:
        if isinstance(node, int):
            units[node] = units_here
            return
        if units_here:  # a group of zero weight always gets zero units
            parts = _largest_remainder(units_here, [weight(child) for child in node])
            for child, part in zip(node, parts, strict=True):
                split(part, child)

    split(abs(count), tree)
    return _to_amounts(units, quantum, count < 0)


def _round_to_quantum(value: Fraction, quantum: Decimal) -> Decimal:
    """``value`` to the nearest multiple of ``quantum``, halves away from zero."""
    steps = value / Fraction(quantum)
    return _to_amounts([math.floor(abs(steps) + Fraction(1, 2))], quantum, steps < 0)[0]


def _to_amounts(units: list[int], quantum: Decimal, negative: bool) -> list[Decimal]:
    """``units`` quanta each as Decimals carrying the quantum's exponent, computed exactly."""
    # Enough digits that no product is rounded, however large the total.
    digits = len(str(max(units))) + len(quantum.as_tuple().digits) + 2
    context = decimal.Context(prec=max(digits, 28))
    step = quantum.copy_negate() if negative else quantum
    distinct = set(units)
    if len(distinct) * 2 < len(units):
        # Many equal parts (equal weights, small weights): convert each value once.
        table = {
            u: context.multiply(u, step) if u else context.multiply(u, quantum) for u in distinct
        }
        return list(map(table.__getitem__, units))
    parts = list(map(context.multiply, units, repeat(step)))
    if negative and 0 in distinct:
        # A zero part stays unsigned: -0 would print as "-0.00".
        parts = [
            p if u else context.multiply(0, quantum) for p, u in zip(parts, units, strict=True)
        ]
    return parts


@overload
def allocate(
    total: _Number, weights: Mapping[K, _Number], *, quantum: _Number = ..., keys: None = ...
) -> dict[K, Decimal]: ...
@overload
def allocate(
    total: _Number, weights: Sequence[_Number], *, quantum: _Number = ..., keys: Sequence[K]
) -> dict[K, Decimal]: ...
@overload
def allocate(
    total: _Number, weights: Sequence[_Number], *, quantum: _Number = ..., keys: None = ...
) -> list[Decimal]: ...
def allocate(
    total: _Number,
    weights: Mapping[Any, _Number] | Sequence[_Number],
    *,
    quantum: _Number = 1,
    keys: Sequence[Any] | None = None,
) -> list[Decimal] | dict[Any, Decimal]:
    """Split ``total`` in proportion to ``weights``, in multiples of ``quantum``, exactly.

    The parts add up to ``total`` exactly. Each part is the floor or the ceiling of its
    exact share ``total × weight / sum(weights)`` in quanta, by the largest-remainder
    method; quanta left after the floors go to the largest remainders, ties to the larger
    weight and then to the earlier key. A zero weight gets zero, ``allocate(-T)`` is
    ``-allocate(T)`` part by part, and multiplying every weight by the same positive
    number changes nothing. The module docs explain the Alabama paradox.

    Args:
        total: The amount to split; a multiple of ``quantum`` (zero and negative work).
            A Fraction is used exactly.
        weights: Non-negative weights, as a sequence or as a mapping from key to weight.
            Ints, Decimals and Fractions are used exactly; floats through ``str``.
        quantum: The step every part is a multiple of: 1 for counts, ``"0.01"`` for money.
        keys: Keys for a sequence of weights; the result is then a dict.

    Returns:
        A list of Decimal parts in the order of ``weights``, or a dict from key to part
        when ``weights`` is a mapping or ``keys`` is given. Parts carry the quantum's
        exponent (``quantum="0.01"`` gives two decimals).

    Raises:
        InvalidInputError: for a negative, NaN or infinite weight, no weights, all weights
            zero, a quantum that is not positive, a total that is not a multiple of the
            quantum, or ``keys`` that do not match the weights.

    >>> allocate(10, {"enterprise": 2, "smb": 1})
    {'enterprise': Decimal('7'), 'smb': Decimal('3')}
    >>> allocate(-10, [2, 1], keys=["a", "b"])
    {'a': Decimal('-7'), 'b': Decimal('-3')}
    >>> allocate(10, [0, 0])
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: all weights are zero, so there is no proportion to split 10 by; give at least one weight above zero
    """
    amount = as_fraction(total, name="total")
    step = _quantum(quantum)
    if isinstance(weights, Mapping):
        if keys is not None:
            raise InvalidInputError(
                "keys were given with a mapping of weights; the mapping's keys are used, "
                "so drop keys=",
                name="keys",
                value=keys,
            )
        result_keys: Sequence[Any] | None = list(weights.keys())
        values: Sequence[object] = list(weights.values())
    else:
        if isinstance(weights, (str, bytes)):
            raise InvalidInputError(
                f"weights must be a sequence or mapping of numbers, got {weights!r}",
                name="weights",
                value=weights,
            )
        values = weights if isinstance(weights, list) else list(weights)
        result_keys = None if keys is None else list(keys)
        if result_keys is not None and len(result_keys) != len(values):
            raise InvalidInputError(
                f"got {len(result_keys)} keys for {len(values)} weights; give one key per weight",
                name="keys",
                value=keys,
            )
        if result_keys is not None and len(set(result_keys)) != len(result_keys):
            raise InvalidInputError(
                "keys must be distinct; two weights have the same key",
                name="keys",
                value=keys,
            )
    if not values:
        raise InvalidInputError(
            "no weights were given; give at least one weight to split the total over",
            name="weights",
            value=weights,
        )
    integer_weights = _integer_weights(values, result_keys)
    if not any(integer_weights):
        raise InvalidInputError(
            f"all weights are zero, so there is no proportion to split "
            f"{_show(amount)} by; give at least one weight above zero",
            name="weights",
            value=weights,
        )
    count = _quanta(amount, step)
    units = _largest_remainder(abs(count), integer_weights)
    parts = _to_amounts(units, step, count < 0)
    if result_keys is None:
        return parts
    return dict(zip(result_keys, parts, strict=True))
