"""Output of the command line: lines on standard output, one-line errors, JSON and text tables.

Every command writes through :func:`write` and :func:`error`, keeps text within
:data:`WIDTH` columns, and writes JSON with :func:`dump_json`, so Decimals stay exact.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Final

__all__ = ["PROG", "WIDTH", "dump_json", "error", "table", "write"]

#: The program's name, as it prefixes errors.
PROG: Final = "smartgoals"

#: Text output is kept within this many columns.
WIDTH: Final = 80


def write(text: str = "") -> None:
    """Write one line on standard output.

    >>> write("revenue")
    revenue
    """
    sys.stdout.write(text + "\n")


def error(message: str) -> None:
    """Write one error line on standard error, after the program's name."""
    sys.stderr.write(f"{PROG}: error: {message}\n")


def dump_json(data: object) -> str:
    """Write ``data`` as indented JSON; Decimals become strings, dates ISO strings.

    Key order is the order the command built, which is fixed and documented.

    >>> print(dump_json({"value": Decimal("0.10"), "day": date(2027, 1, 1)}))
    {
      "value": "0.10",
      "day": "2027-01-01"
    }
    """
    return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# -- text tables -----------------------------------------------------------------------


def _fit(cell: str, width: int, right: bool) -> str:
    text = cell if len(cell) <= width else cell[: max(width - 1, 0)] + "…"
    return text.rjust(width) if right else text.ljust(width)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    shrink: int,
    right: Iterable[int] = (),
    wrap: bool = True,
) -> list[str]:
    """Lay out a table within :data:`WIDTH` columns; column ``shrink`` gives way.

    The column that gives way wraps onto continuation lines (or, with ``wrap=False``,
    is cut short with "…").

    >>> for line in table(("key", "value"), [("a", "1"), ("bb", "22")], shrink=0, right=[1]):
    ...     print(line)
    key  value
    a        1
    bb      22
    """
    import textwrap

    aligned = set(right)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    excess = sum(widths) + 2 * (len(widths) - 1) - WIDTH
    if excess > 0:
        widths[shrink] = max(widths[shrink] - excess, len(headers[shrink]), 12)
    lines = []
    for row in [headers, *rows]:
        cells = list(row)
        more: list[str] = []
        if wrap and len(cells[shrink]) > widths[shrink]:
            more = textwrap.wrap(cells[shrink], widths[shrink], break_on_hyphens=False)
            cells[shrink], more = more[0], more[1:]
        lines.append(
            "  ".join(
                _fit(c, w, i in aligned)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )
        for extra in more:
            blank = ["" for _ in cells]
            blank[shrink] = extra
            lines.append(
                "  ".join(_fit(c, w, False) for c, w in zip(blank, widths, strict=True)).rstrip()
            )
    return lines
