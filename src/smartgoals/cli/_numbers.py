"""Numbers as people type them in a shell or a spreadsheet export, read exactly.

:func:`read_number` reads ``2.5%``, ``1.250,50`` with a decimal comma, and refuses a
number that means two things (``1.250``) rather than guess; ``kpi`` and the check-in
readers share it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from smartgoals._limits import MAX_EXPONENT, MAX_NUMBER_LENGTH, out_of_range
from smartgoals.exceptions import InvalidInputError

__all__ = ["DECIMAL_MARKS", "read_number"]

#: The decimal marks ``--decimal`` accepts: a point (``1,250.50``) or a comma (``1.250,50``).
DECIMAL_MARKS: Final = (".", ",")

_INFINITY: Final = frozenset({"inf", "+inf", "infinity", "+infinity"})


def _grouped(text: str, mark: str) -> Decimal | None:
    """``text`` read with ``mark`` as the decimal mark and the other as thousands separator.

    None when ``text`` is not a number in that convention: thousands groups must hold
    three digits each after a first group of one to three that does not start with 0.
    """
    group = "," if mark == "." else "."
    pattern = (
        rf"(?P<sign>[+-]?)(?P<whole>\d+|[1-9]\d{{0,2}}(?:{re.escape(group)}\d{{3}})+)?"
        rf"(?:{re.escape(mark)}(?P<part>\d+))?"
    )
    match = re.fullmatch(pattern, text)
    if match is None or (match["whole"] is None and match["part"] is None):
        return None
    whole = (match["whole"] or "0").replace(group, "")
    part = match["part"]
    return Decimal(f"{match['sign']}{whole}" + (f".{part}" if part is not None else ""))


def read_number(text: str, *, decimal: str | None = None, name: str = "value") -> Decimal:
    """Read a number as people write it in a shell or a spreadsheet export, exactly.

    ``"2.5%"`` is a percentage: 0.025. ``decimal`` says which mark separates the
    decimals; the other one may group thousands:

    * ``","`` (Dutch and most European spreadsheets): ``"1.250,50"`` is 1250.50 and
      ``"1.250"`` is 1250;
    * ``"."``: ``"1,250.50"`` is 1250.50 and ``"1.250"`` is 1.25;
    * None (the default): a point is the decimal mark, but a number that means something
      else with a decimal comma is refused, never guessed. ``"1250.50"``, ``"1.5"``,
      ``"0.250"`` and ``"1,250.50"`` are read; ``"1.250"`` and ``"1,250"`` (1.25 or 1250?)
      and ``"1,5"`` (a decimal comma) are errors that say how to choose.

    ``"inf"`` and ``"Infinity"`` read as infinity, for the arguments that accept it. A
    number longer than 100 characters or beyond ``1e±100`` is refused: converting a
    million-digit number would take seconds, and no sales figure needs one.

    Args:
        text: The number as written.
        decimal: ``"."``, ``","`` or None.
        name: What the number is, for the error message (``"--won"``, ``"value"``).

    Returns:
        The exact Decimal.

    Raises:
        InvalidInputError: for text that is not a number, or is ambiguous under the
            default mode, naming ``name``, the text and the way to say what it means.

    >>> read_number("2.5%"), read_number("1.250,50", decimal=","), read_number("1250.50")
    (Decimal('0.025'), Decimal('1250.50'), Decimal('1250.50'))
    >>> read_number("1.250")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: value '1.250' is ambiguous: 1.25 with a decimal point, 1250 with a decimal comma; write 1.25 or 1250 without a thousands separator, or give the decimal mark (--decimal . or --decimal ,)
    """
    if decimal not in (None, *DECIMAL_MARKS):
        raise InvalidInputError(
            f"the decimal mark must be '.' or ',', got {decimal!r}", name="decimal", value=decimal
        )
    raw = text.strip()
    if len(raw) > MAX_NUMBER_LENGTH:
        raise InvalidInputError(
            f"{name} of {len(raw):,} characters is too long ({raw[:20]}…): numbers of at most "
            f"{MAX_NUMBER_LENGTH} characters are read",
            name=name,
            value=raw[:40],
        )
    body = raw.removesuffix("%").rstrip()
    percent = body != raw
    if body.lower() in _INFINITY and not percent:
        return Decimal("Infinity")
    if decimal is not None:
        value = _grouped(body, decimal)
    else:
        point, comma = _grouped(body, "."), _grouped(body, ",")
        if point is not None and comma is not None and point != comma:
            raise InvalidInputError(
                f"{name} {text!r} is ambiguous: {_plain_number(point)} with a decimal point, "
                f"{_plain_number(comma)} with a decimal comma; write "
                f"{_plain_number(point)} or {_plain_number(comma)} "
                "without a thousands separator, or give the decimal mark "
                "(--decimal . or --decimal ,)",
                name=name,
                value=text,
            )
        if point is None and comma is not None:
            raise InvalidInputError(
                f"{name} {text!r} is written with a decimal comma (or points between "
                "thousands); give --decimal , (or separate the CSV fields with ;) to read "
                "it so, or write it with a decimal point",
                name=name,
                value=text,
            )
        value = point
    if value is None:
        mode = "" if decimal is None else f" (the decimal mark is {decimal!r})"
        raise InvalidInputError(
            f"{name} must be a number such as 1500, 1250.50, 0.05 or 2.5%{mode}, got {text!r}",
            name=name,
            value=text,
        )
    if out_of_range(value):
        raise InvalidInputError(
            f"{name} {text!r} is out of range: numbers from 1e-{MAX_EXPONENT} to "
            f"1e{MAX_EXPONENT} are read",
            name=name,
            value=text,
        )
    return value.scaleb(-2) if percent else value


def _plain_number(value: Decimal) -> str:
    """``1.250`` as ``1.25``, ``1250`` as ``1250``: the value without trailing zeros."""
    return format(value.normalize(), "f")
