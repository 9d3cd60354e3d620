"""Number rules shared by every layer: coercion to Decimal and quantum arithmetic.

Amounts are stored as :class:`~decimal.Decimal`. Inputs may be ``int``, ``Decimal``,
``Fraction``, ``str`` or ``float``; a float goes through ``str(x)`` so that ``0.1``
becomes ``Decimal("0.1")`` and not ``Decimal(0.1)``'s 55 binary digits.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Final, TypeAlias

from smartgoals.exceptions import InvalidInputError

#: Anything that :func:`to_decimal` accepts.
AmountLike: TypeAlias = int | float | Decimal | Fraction | str

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)


def to_decimal(value: object, *, name: str = "value", finite: bool = True) -> Decimal:
    """Convert ``value`` to a Decimal, rejecting what is not an amount.

    Args:
        value: An int, Decimal, Fraction, str or float.
        name: The argument name used in error messages.
        finite: Reject NaN and infinities (the default).

    Raises:
        InvalidInputError: for bools, other types, unparsable strings and, with
            ``finite=True``, NaN or infinite values.

    >>> to_decimal(0.1), to_decimal("1,5".replace(",", ".")), to_decimal(3)
    (Decimal('0.1'), Decimal('1.5'), Decimal('3'))
    >>> to_decimal(True, name="target")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: target must be a number, got a bool (True)
    """
    if isinstance(value, bool):
        raise InvalidInputError(
            f"{name} must be a number, got a bool ({value!r})", name=name, value=value
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    elif isinstance(value, Fraction):
        result = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace("_", ""))
        except decimal.InvalidOperation:
            raise InvalidInputError(
                f"{name} must be a number, got {value!r}; write it like '1500' or '0.05'",
                name=name,
                value=value,
            ) from None
    else:
        raise InvalidInputError(
            f"{name} must be an int, Decimal, Fraction, float or str, "
            f"got {type(value).__name__} ({value!r})",
            name=name,
            value=value,
        )
    if finite and not result.is_finite():
        raise InvalidInputError(
            f"{name} must be a finite number, got {value!r}", name=name, value=value
        )
    return result


def to_fraction_of_one(value: object, *, name: str = "rate") -> Decimal:
    """Convert ``value`` to a Decimal rate in [0, 1].

    A rate above 1 is an error: it usually means a percentage was written as a whole
    number ("5" for 5%).

    Raises:
        InvalidInputError: if the value is not a number or not in [0, 1].

    >>> to_fraction_of_one("0.05")
    Decimal('0.05')
    >>> to_fraction_of_one(5, name="win_rate")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: win_rate must be a fraction in [0, 1], got 5; write 5% as 0.05
    """
    rate = to_decimal(value, name=name)
    if not ZERO <= rate <= ONE:
        raise InvalidInputError(
            f"{name} must be a fraction in [0, 1], got {value}; write 5% as 0.05",
            name=name,
            value=value,
        )
    return rate


def is_multiple(value: Decimal, quantum: Decimal) -> bool:
    """Tell whether ``value`` is a whole number of ``quantum`` steps.

    >>> is_multiple(Decimal("10.50"), Decimal("0.01")), is_multiple(Decimal("0.005"), Decimal("0.01"))
    (True, False)
    """
    return value % quantum == 0


def format_amount(value: Decimal) -> str:
    """Format a Decimal without exponent and without trailing fractional zeros.

    >>> format_amount(Decimal("1.2E+6")), format_amount(Decimal("0.100")), format_amount(Decimal("-3"))
    ('1200000', '0.1', '-3')
    """
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
