"""Number rules shared by the KPI functions: result type, validation, NaN and infinity.

Every KPI function follows the :mod:`statistics` module:

* if any numeric argument is a :class:`~decimal.Decimal` (or a ``str``, which is read as
  decimal text), the result is a ``Decimal``;
* otherwise, if any argument is a :class:`~fractions.Fraction` and none is a ``float``,
  the result is a ``Fraction``;
* otherwise (ints and floats) the result is a ``float``.

The arithmetic itself is exact: each input is turned into a ``Fraction`` (a float through
``str(x)``, so ``0.1`` is one tenth), the formula is evaluated exactly, and the result is
rounded once into the output type. No float ever enters Decimal arithmetic.

An undefined result (0/0, empty data) is NaN: ``float("nan")`` for float inputs,
``Decimal("NaN")`` for Decimal inputs, and ``float("nan")`` for Fraction inputs because a
Fraction cannot be NaN. With ``strict=True`` the functions raise
:class:`~smartgoals.exceptions.UndefinedMetricError` instead. A mathematically infinite
result is ``float("inf")`` or ``Decimal("Infinity")`` by the same rule.
"""

from __future__ import annotations

import decimal
import enum
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final, NoReturn, TypeAlias

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError, UndefinedMetricError

__all__ = [
    "Kind",
    "Number",
    "NumberLike",
    "at_most",
    "choice",
    "exact",
    "finish",
    "growth_root",
    "infinite",
    "kind_of",
    "nonnegative",
    "positive",
    "rate",
    "undefined",
]

#: What the KPI functions accept as a number.
NumberLike: TypeAlias = int | float | Decimal | Fraction | str
#: What the KPI functions return.
Number: TypeAlias = Decimal | Fraction | float

_ROOT_GUARD_DIGITS: Final = 10


class Kind(enum.Enum):
    """The type a KPI result takes, decided from the types of its inputs."""

    DECIMAL = "Decimal"
    FRACTION = "Fraction"
    FLOAT = "float"


def kind_of(*values: object) -> Kind:
    """Decide the result type from the inputs, as :mod:`statistics` does.

    Decimal (or str) wins over everything; a float turns Fractions into float; Fractions
    with ints stay Fractions; ints alone give float. Non-numbers are ignored here and
    rejected by :func:`exact`.

    >>> kind_of(1, Decimal("2")), kind_of(Fraction(1, 2), 3), kind_of(1, 2.5), kind_of(1, 2)
    (<Kind.DECIMAL: 'Decimal'>, <Kind.FRACTION: 'Fraction'>, <Kind.FLOAT: 'float'>, <Kind.FLOAT: 'float'>)
    """
    has_fraction = has_float = False
    for value in values:
        if isinstance(value, Decimal | str):
            return Kind.DECIMAL
        if isinstance(value, Fraction):
            has_fraction = True
        elif isinstance(value, float):
            has_float = True
    return Kind.FRACTION if has_fraction and not has_float else Kind.FLOAT


def _reject(name: str, value: object, what: str) -> NoReturn:
    raise InvalidInputError(f"{name} must be {what}, got {value!r}", name=name, value=value)


def exact(value: object, name: str) -> Fraction:
    """Convert one input to an exact Fraction, rejecting bools, NaN, infinities and non-numbers.

    A float goes through ``str``, so ``0.1`` becomes ``1/10``; a str is read as decimal text.

    >>> exact(0.1, "rate"), exact("2.5", "x"), exact(Decimal("3"), "y")
    (Fraction(1, 10), Fraction(5, 2), Fraction(3, 1))
    >>> exact(True, "won")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: won must be a number, got a bool (True)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    return Fraction(to_decimal(value, name=name))


def nonnegative(value: object, name: str) -> Fraction:
    """Convert a count or amount that must not be negative.

    >>> nonnegative(3, "won")
    Fraction(3, 1)
    >>> nonnegative(-1, "won")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: won must be zero or more, got -1
    """
    result = exact(value, name)
    if result < 0:
        _reject(name, value, "zero or more")
    return result


def positive(value: object, name: str) -> Fraction:
    """Convert a value that must be strictly positive.

    >>> positive(0, "years")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: years must be greater than zero, got 0
    """
    result = exact(value, name)
    if result <= 0:
        _reject(name, value, "greater than zero")
    return result


def rate(value: object, name: str) -> Fraction:
    """Convert a rate argument, which must be a fraction in [0, 1] (0.05 is 5%).

    >>> rate("0.05", "churn_rate")
    Fraction(1, 20)
    >>> rate(5, "churn_rate")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: churn_rate must be a fraction in [0, 1], got 5; write 5% as 0.05
    """
    result = exact(value, name)
    if not 0 <= result <= 1:
        raise InvalidInputError(
            f"{name} must be a fraction in [0, 1], got {value!r}; write 5% as 0.05",
            name=name,
            value=value,
        )
    return result


def at_most(value: Fraction, limit: Fraction, *, name: str, raw: object, limit_text: str) -> None:
    """Reject ``value`` when it exceeds ``limit`` (churned > start and the like).

    >>> at_most(Fraction(12), Fraction(10), name="churned", raw=12, limit_text="start (10)")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: churned must not exceed start (10), got 12
    """
    if value > limit:
        raise InvalidInputError(
            f"{name} must not exceed {limit_text}, got {raw!r}", name=name, value=raw
        )


def choice(value: object, name: str, options: Iterable[str]) -> str:
    """Check that a keyword option is one of the allowed strings.

    >>> choice("median", "statistic", ("mean", "median"))
    'median'
    >>> choice("avg", "method", ("start", "average"))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: method must be one of 'start', 'average', got 'avg'
    """
    allowed = tuple(options)
    if not isinstance(value, str) or value not in allowed:
        _reject(name, value, "one of " + ", ".join(repr(o) for o in allowed))
    return value


def finish(value: Fraction, kind: Kind) -> Number:
    """Round an exact result once into the output type.

    >>> finish(Fraction(1, 20), Kind.DECIMAL), finish(Fraction(1, 3), Kind.FLOAT)
    (Decimal('0.05'), 0.3333333333333333)
    >>> finish(Fraction(2000), Kind.DECIMAL), finish(Fraction(1, 3), Kind.FRACTION)
    (Decimal('2000'), Fraction(1, 3))
    """
    if kind is Kind.DECIMAL:
        return Decimal(value.numerator) / Decimal(value.denominator)
    if kind is Kind.FRACTION:
        return value
    return float(value)


def infinite(kind: Kind, *, negative: bool = False) -> Number:
    """Return positive (or negative) infinity in the output type.

    A Fraction cannot be infinite, so Fraction inputs give a float infinity.

    >>> infinite(Kind.DECIMAL), infinite(Kind.FRACTION)
    (Decimal('Infinity'), inf)
    """
    if kind is Kind.DECIMAL:
        return Decimal("-Infinity") if negative else Decimal("Infinity")
    return -math.inf if negative else math.inf


def undefined(metric: str, reason: str, kind: Kind, *, strict: bool) -> Number:
    """Return NaN in the output type, or raise when ``strict`` is true.

    A Fraction cannot be NaN, so Fraction inputs give a float NaN.

    >>> undefined("win_rate", "no closed deals", Kind.DECIMAL, strict=False)
    Decimal('NaN')
    >>> undefined("win_rate", "no closed deals", Kind.FLOAT, strict=True)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.UndefinedMetricError: win_rate is undefined: no closed deals
    """
    if strict:
        raise UndefinedMetricError(metric, reason)
    return Decimal("NaN") if kind is Kind.DECIMAL else math.nan


def _tidy(value: Decimal, context: decimal.Context) -> Decimal:
    """Drop trailing zeros that guard digits leave behind, without switching to exponent form."""
    reduced = value.normalize(context)
    if reduced.as_tuple().exponent > 0 and reduced.adjusted() < context.prec:  # type: ignore[operator]
        return reduced.quantize(Decimal(1), context=context)
    return reduced


def growth_root(ratio: Fraction, exponent: Fraction, kind: Kind) -> Number:
    """Return ``ratio ** exponent - 1`` for a ratio of at least 0, rounded once into the output type.

    An integral exponent is computed exactly. Otherwise the power is
    ``exp(exponent * ln(ratio))`` in Decimal arithmetic with extra guard digits, so the result
    is correct to the working precision and an exact result (``1.21 ** (1/2) - 1``) comes out
    exact. Fraction inputs give a Fraction equal to that Decimal result, since the root is
    generally irrational.

    >>> growth_root(Fraction(121, 100), Fraction(1, 2), Kind.DECIMAL)
    Decimal('0.1')
    >>> growth_root(Fraction(1331, 1000), Fraction(1, 3), Kind.FLOAT)
    0.1
    >>> growth_root(Fraction(0), Fraction(1, 3), Kind.FRACTION)
    Fraction(-1, 1)
    """
    if exponent.denominator == 1 or ratio == 0:
        return finish(ratio ** int(exponent) - 1 if ratio else Fraction(-1), kind)
    context = decimal.getcontext()
    with decimal.localcontext() as local:
        local.prec = context.prec + _ROOT_GUARD_DIGITS
        local.traps[decimal.Inexact] = False
        local.traps[decimal.Rounded] = False
        base = Decimal(ratio.numerator) / Decimal(ratio.denominator)
        power = Decimal(exponent.numerator) / Decimal(exponent.denominator)
        wide = (power * base.ln()).exp() - 1
    rounded = _tidy(context.plus(wide), context)
    if kind is Kind.DECIMAL:
        return rounded
    as_fraction = Fraction(rounded)
    return as_fraction if kind is Kind.FRACTION else float(as_fraction)
