"""Customer value KPIs: ARPA, simple LTV and retention-based CLV.

Two definitions of lifetime value are in use and both are here. The SaaS rule of thumb
(:func:`ltv`) divides margin per account by the churn rate: an undiscounted, infinite
horizon with constant churn. The marketing-science formula (:func:`clv`, Gupta & Lehmann
2003) discounts each period's margin and weights it by the chance the customer is still
there, over an infinite or a finite horizon. Results follow the number rules of
:mod:`smartgoals.kpi`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final, Literal

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Number,
    NumberLike,
    choice,
    exact,
    finish,
    infinite,
    kind_of,
    nonnegative,
    rate,
    undefined,
)

__all__ = ["FirstPayment", "arpa", "clv", "ltv"]

#: When the first margin of :func:`clv` arrives: at the end of period 1 or right away.
FirstPayment = Literal["end", "start"]
_FIRST_PAYMENTS: Final = ("end", "start")


def arpa(revenue: NumberLike, customers: NumberLike, *, strict: bool = False) -> Number:
    """Return average revenue per account (ARPA, also ARPU): revenue ÷ customers.

    Use the same period for both (monthly recurring revenue and the customer count of that
    month give a monthly ARPA, which :func:`ltv` and
    :func:`~smartgoals.kpi.cac_payback_months` expect).

    Args:
        revenue: Revenue of the period, zero or more.
        customers: Paying customers (accounts) in the period, zero or more.
        strict: Raise instead of returning NaN when there are no customers.

    Returns:
        Revenue per customer; NaN when ``customers`` is zero.

    Raises:
        InvalidInputError: for a negative revenue or customer count.
        UndefinedMetricError: with ``strict=True``, when ``customers`` is zero.

    >>> arpa(25_000, 200)
    125.0
    >>> from decimal import Decimal
    >>> arpa(Decimal("25000"), 200)
    Decimal('125')
    """
    kind = kind_of(revenue, customers)
    total = nonnegative(revenue, "revenue")
    count = nonnegative(customers, "customers")
    if count == 0:
        return undefined("arpa", "there are no customers", kind, strict=strict)
    return finish(total / count, kind)


def ltv(
    arpa: NumberLike,
    churn_rate: NumberLike,
    *,
    gross_margin: NumberLike = 1,
    strict: bool = False,
) -> Number:
    """Return customer lifetime value the SaaS way: ARPA × gross margin ÷ churn rate.

    ``1 ÷ churn_rate`` is the expected lifetime in periods under constant churn, so ARPA and
    churn must be for the same period (both monthly or both yearly). No discounting. Follows
    ChartMogul and Baremetrics; the default ``gross_margin=1`` gives revenue LTV, pass the
    gross margin for the margin LTV that CAC should be compared with.

    Args:
        arpa: Average revenue per account per period, zero or more.
        churn_rate: Customer churn rate per period, in [0, 1].
        gross_margin: Gross margin as a fraction in [0, 1].
        strict: Raise instead of returning NaN when the value is undefined.

    Returns:
        Lifetime value; infinite when churn is zero and the margin is positive (a customer
        who never leaves), NaN when churn is zero and there is no margin (0 × ∞).

    Raises:
        InvalidInputError: for a negative ARPA, or a rate outside [0, 1].
        UndefinedMetricError: with ``strict=True``, when churn and margin are both zero.

    >>> ltv(100, 0.05, gross_margin=0.8)
    1600.0
    >>> ltv(100, 0)
    inf
    """
    kind = kind_of(arpa, churn_rate, gross_margin)
    revenue = nonnegative(arpa, "arpa")
    churn = rate(churn_rate, "churn_rate")
    margin = revenue * rate(gross_margin, "gross_margin")
    if churn == 0:
        if margin == 0:
            return undefined("ltv", "no margin and no churn (0 × ∞)", kind, strict=strict)
        return infinite(kind)
    return finish(margin / churn, kind)


def clv(
    margin: NumberLike,
    retention: NumberLike,
    discount_rate: NumberLike,
    *,
    periods: int | None = None,
    first_payment: FirstPayment = "end",
    strict: bool = False,
) -> Number:
    """Return retention-based customer lifetime value (Gupta & Lehmann 2003).

    With ``q = retention ÷ (1 + discount_rate)``:

    * infinite horizon (``periods=None``), ``first_payment="end"``: m · r ÷ (1 + d − r).
      The first margin arrives after one period, if the customer is retained. This is the
      Gupta & Lehmann margin multiple: r = 0.8, d = 0.1 gives 2.67 × m.
    * ``first_payment="start"``: m · (1 + d) ÷ (1 + d − r): one more margin, paid now.
    * finite horizon of ``periods`` margins: Σ m · qᵗ for t = 1 … periods (``"end"``) or
      t = 0 … periods − 1 (``"start"``).

    Args:
        margin: Margin per customer per period (may be negative).
        retention: Retention rate per period, in [0, 1].
        discount_rate: Discount rate per period, in [0, 1].
        periods: Number of margins to count, or None for an infinite horizon.
        first_payment: ``"end"`` (first margin after one period) or ``"start"``.
        strict: Raise instead of returning NaN when the value is undefined.

    Returns:
        The present value of the expected margins. With r = 1 and d = 0 over an infinite
        horizon, infinite (or NaN when the margin is zero: 0 × ∞).

    Raises:
        InvalidInputError: for a rate outside [0, 1], a negative or non-integer
            ``periods``, or an unknown ``first_payment``.
        UndefinedMetricError: with ``strict=True``, when the value is undefined.

    >>> round(clv(1, 0.8, 0.1), 2)
    2.67
    >>> from fractions import Fraction
    >>> clv(Fraction(100), Fraction(4, 5), Fraction(1, 10), periods=2)
    Fraction(15200, 121)
    """
    kind = kind_of(margin, retention, discount_rate)
    choice(first_payment, "first_payment", _FIRST_PAYMENTS)
    m = exact(margin, "margin")
    r = rate(retention, "retention")
    d = rate(discount_rate, "discount_rate")
    if periods is None:
        denominator = 1 + d - r
        numerator = m * (r if first_payment == "end" else 1 + d)
        if denominator == 0:
            if numerator == 0:
                return undefined(
                    "clv", "no margin over an endless life (0 × ∞)", kind, strict=strict
                )
            return infinite(kind, negative=numerator < 0)
        return finish(numerator / denominator, kind)
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 0:
        raise InvalidInputError(
            f"periods must be a whole number of periods, zero or more, or None, got {periods!r}",
            name="periods",
            value=periods,
        )
    q = r / (1 + d)
    first = 1 if first_payment == "end" else 0
    total = sum((q**t for t in range(first, first + periods)), Fraction(0))
    return finish(m * total, kind)
