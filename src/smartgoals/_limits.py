"""Bounds on what readers accept, so that no input can exhaust the interpreter.

Documents (:mod:`smartgoals.serialize`), command-line numbers and JSON arguments share
them: at most :data:`MAX_DEPTH` levels of nesting, numbers of at most
:data:`MAX_NUMBER_LENGTH` characters, and magnitudes from ``1e-100`` to ``1e100``
(:data:`MAX_EXPONENT`). Sales amounts live far inside these bounds; a number outside
them is a typing slip or an attack, and converting it could take seconds.

>>> json_depth("[" * 100 + "]" * 100), json_depth('"' + "[" * 500 + '"')
(100, 0)
>>> out_of_range(Decimal("1e101")), out_of_range(Decimal("12.5")), out_of_range(Decimal(0))
(True, False, False)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

__all__ = ["MAX_DEPTH", "MAX_EXPONENT", "MAX_NUMBER_LENGTH", "json_depth", "out_of_range"]

#: The deepest nesting of arrays and objects a JSON text may have.
MAX_DEPTH: Final = 64
#: The most characters one number may have (digits, sign, point, exponent).
MAX_NUMBER_LENGTH: Final = 100
#: The largest power of ten a number may reach, up or down.
MAX_EXPONENT: Final = 100

_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"')


def json_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside JSON strings, in linear time.

    Brackets inside strings do not count. Text too short to nest past
    :data:`MAX_DEPTH` gives 0 without a scan.

    >>> json_depth("[" * 200 + "]" * 200)
    200
    """
    if len(text) < 2 * MAX_DEPTH:
        return 0
    depth = deepest = 0
    for char in _STRING.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def out_of_range(value: Decimal) -> bool:
    """Whether a finite, non-zero ``value`` lies beyond ``1e±MAX_EXPONENT``.

    >>> out_of_range(Decimal("1e-101")), out_of_range(Decimal("Infinity"))
    (True, False)
    """
    return value.is_finite() and value != 0 and abs(value.adjusted()) > MAX_EXPONENT
