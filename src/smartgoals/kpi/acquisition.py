"""Acquisition KPIs: customer acquisition cost, LTV:CAC and CAC payback.

What goes into CAC differs between companies (marketing only, or sales and marketing;
salaries, tools, agencies). :func:`cac` therefore takes either one total or a mapping of
named cost lines, with ``include`` to choose the lines, and :func:`cac_breakdown` says
which lines went in. Results follow the number rules of :mod:`smartgoals.kpi`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Number,
    NumberLike,
    finish,
    infinite,
    kind_of,
    nonnegative,
    rate,
    undefined,
)

__all__ = ["CacBreakdown", "Costs", "cac", "cac_breakdown", "cac_payback_months", "ltv_to_cac"]

#: One total cost, or named cost lines (``{"ads": 5000, "sales salaries": 20000}``).
Costs = NumberLike | Mapping[str, NumberLike]


@attrs.frozen
class CacBreakdown:
    """A customer acquisition cost and the cost lines it was computed from.

    Attributes:
        value: Included cost ÷ new customers (NaN when there were no new customers).
        total_cost: The sum of the included lines.
        included: ``(line, amount)`` pairs that went in, in the order given.
        excluded: Names of the lines that were left out.
        new_customers: The customer count the cost was divided by.

    >>> cac_breakdown({"ads": 3000, "events": 1000}, 20, include=["ads"]).excluded
    ('events',)
    """

    value: Number
    total_cost: Number
    included: tuple[tuple[str, Number], ...]
    excluded: tuple[str, ...]
    new_customers: Number


def _lines(costs: Costs) -> dict[str, NumberLike]:
    if isinstance(costs, Mapping):
        return {str(name): amount for name, amount in costs.items()}
    return {"costs": costs}


def _breakdown(
    costs: Costs, new_customers: NumberLike, include: Iterable[str] | None, strict: bool
) -> CacBreakdown:
    lines = _lines(costs)
    kind = kind_of(*lines.values(), new_customers)
    amounts = {name: nonnegative(amount, f"costs[{name!r}]") for name, amount in lines.items()}
    count = nonnegative(new_customers, "new_customers")
    chosen = set(amounts) if include is None else set(include)
    unknown = sorted(chosen - set(amounts))
    if unknown:
        raise InvalidInputError(
            f"include names cost lines that are not in costs: {', '.join(unknown)}; "
            f"the lines are: {', '.join(amounts)}",
            name="include",
            value=tuple(unknown),
        )
    total = sum((amounts[name] for name in amounts if name in chosen), Fraction(0))
    if count == 0:
        value = undefined("cac", "there were no new customers", kind, strict=strict)
    else:
        value = finish(total / count, kind)
    return CacBreakdown(
        value=value,
        total_cost=finish(total, kind),
        included=tuple((name, finish(amounts[name], kind)) for name in amounts if name in chosen),
        excluded=tuple(name for name in amounts if name not in chosen),
        new_customers=finish(count, kind),
    )


def cac(
    costs: Costs,
    new_customers: NumberLike,
    *,
    include: Iterable[str] | None = None,
    strict: bool = False,
) -> Number:
    """Return customer acquisition cost: sales and marketing cost ÷ new customers.

    Cost and customers must cover the same period. Which costs count is the caller's
    choice; pass named lines and ``include`` to make it explicit, and
    :func:`cac_breakdown` to show it.

    Args:
        costs: Total acquisition cost, or a mapping of named cost lines.
        new_customers: Customers acquired in the period.
        include: Names of the cost lines to count (default: all of them).
        strict: Raise instead of returning NaN when there were no new customers.

    Returns:
        Cost per new customer; NaN when ``new_customers`` is zero.

    Raises:
        InvalidInputError: for negative costs or counts, or ``include`` naming a line that
            is not in ``costs``.
        UndefinedMetricError: with ``strict=True``, when ``new_customers`` is zero.

    >>> cac(50_000, 100)
    500.0
    >>> cac({"marketing": 30_000, "sales": 20_000, "support": 5_000}, 100, include=["marketing", "sales"])
    500.0
    """
    return _breakdown(costs, new_customers, include, strict).value


def cac_breakdown(
    costs: Costs,
    new_customers: NumberLike,
    *,
    include: Iterable[str] | None = None,
    strict: bool = False,
) -> CacBreakdown:
    """Return :func:`cac` together with the cost lines that went in and those left out.

    Args:
        costs: Total acquisition cost, or a mapping of named cost lines.
        new_customers: Customers acquired in the period.
        include: Names of the cost lines to count (default: all of them).
        strict: Raise instead of returning NaN when there were no new customers.

    Returns:
        A :class:`CacBreakdown`.

    Raises:
        InvalidInputError: as :func:`cac`.
        UndefinedMetricError: with ``strict=True``, when ``new_customers`` is zero.

    >>> from decimal import Decimal
    >>> b = cac_breakdown({"ads": Decimal("3000"), "events": 1000}, 20)
    >>> b.value, b.included
    (Decimal('200'), (('ads', Decimal('3000')), ('events', Decimal('1000'))))
    """
    return _breakdown(costs, new_customers, include, strict)


def ltv_to_cac(ltv: NumberLike, cac: NumberLike, *, strict: bool = False) -> Number:
    """Return the LTV:CAC ratio: ltv ÷ cac (3 is the usual SaaS benchmark).

    Infinite inputs: an infinite ``ltv`` (what :func:`~smartgoals.kpi.ltv` returns at zero
    churn) gives an infinite ratio for every finite ``cac``, zero included. ``cac`` itself
    is never infinite (cost ÷ new customers is NaN, not infinite, without new customers),
    so an infinite ``cac`` is rejected, and so is a negative infinite ``ltv``.

    Args:
        ltv: Customer lifetime value, zero or more; positive infinity (``float("inf")``,
            ``Decimal("Infinity")`` or the text ``"Infinity"``) is accepted.
        cac: Customer acquisition cost, zero or more and finite.
        strict: Raise instead of returning NaN when the ratio is undefined.

    Returns:
        The ratio; infinite when ``ltv`` is infinite, or when ``cac`` is zero and ``ltv``
        positive; NaN when both are zero.

    Raises:
        InvalidInputError: for a negative value, NaN, an infinite ``cac`` or a negative
            infinite ``ltv``.
        UndefinedMetricError: with ``strict=True``, when ``ltv`` and ``cac`` are both zero
            (the only undefined case).

    >>> ltv_to_cac(1500, 500)
    3.0
    >>> ltv_to_cac(float("inf"), 500), ltv_to_cac(Decimal("Infinity"), 0)
    (inf, Decimal('Infinity'))
    >>> ltv_to_cac(1500, float("inf"))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: cac must be a finite number, got inf
    """
    kind = kind_of(ltv, cac)
    cost = nonnegative(cac, "cac")
    if _is_positive_infinity(ltv):
        return infinite(kind)
    value = nonnegative(ltv, "ltv")
    if cost == 0:
        if value == 0:
            return undefined("ltv_to_cac", "LTV and CAC are both zero", kind, strict=strict)
        return infinite(kind)
    return finish(value / cost, kind)


def _is_positive_infinity(value: object) -> bool:
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except ArithmeticError:
            return False
    if isinstance(value, Decimal):
        return value.is_infinite() and not value.is_signed()
    return isinstance(value, float) and value == math.inf


def cac_payback_months(
    cac: NumberLike,
    arpa: NumberLike,
    *,
    gross_margin: NumberLike = 1,
    strict: bool = False,
) -> Number:
    """Return the months of margin needed to earn back CAC: cac ÷ (arpa × gross margin).

    ``arpa`` is monthly revenue per account, so the result is in months. Undiscounted and
    churn-free, as ChartMogul and most SaaS benchmarks compute it.

    Args:
        cac: Customer acquisition cost, zero or more.
        arpa: Monthly average revenue per account, zero or more.
        gross_margin: Gross margin as a fraction in [0, 1].
        strict: Raise instead of returning NaN when the payback is undefined.

    Returns:
        Months to pay back; infinite when there is no margin to pay back with (it never
        pays back), NaN when there is also nothing to pay back (0 ÷ 0).

    Raises:
        InvalidInputError: for negative values or a margin outside [0, 1].
        UndefinedMetricError: with ``strict=True``, when CAC and margin are both zero.

    >>> cac_payback_months(1200, 100, gross_margin=0.8)
    15.0
    """
    kind = kind_of(cac, arpa, gross_margin)
    cost = nonnegative(cac, "cac")
    monthly = nonnegative(arpa, "arpa") * rate(gross_margin, "gross_margin")
    if monthly == 0:
        if cost == 0:
            return undefined(
                "cac_payback_months", "no CAC and no margin (0 ÷ 0)", kind, strict=strict
            )
        return infinite(kind)
    return finish(cost / monthly, kind)
