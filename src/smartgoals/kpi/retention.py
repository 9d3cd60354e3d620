"""Retention KPIs: customer (logo) churn, revenue churn, NRR, GRR and cohort retention.

Vendors disagree on the churn denominator, so it is a parameter: customers at the start of
the period (ChartMogul for B2B, Recurly, Baremetrics), customers at the start plus those
acquired during it (Stripe), or the average of start and end. All rates are fractions of
one (0.05 is 5%) and follow the number rules of :mod:`smartgoals.kpi`: Decimal in, Decimal
out; Fraction in, Fraction out; otherwise float. An undefined rate (no customers at the
start) is NaN, or raises :class:`~smartgoals.exceptions.UndefinedMetricError` with
``strict=True``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Final, Literal, TypeVar

import attrs

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Number,
    NumberLike,
    at_most,
    choice,
    finish,
    kind_of,
    nonnegative,
    positive,
    undefined,
)

__all__ = [
    "ChurnMethod",
    "CohortRetention",
    "cohort_retention",
    "customer_churn_rate",
    "gross_revenue_retention",
    "net_revenue_retention",
    "retention_rate",
    "revenue_churn_rate",
]

#: How :func:`customer_churn_rate` chooses its denominator.
ChurnMethod = Literal["start", "start_plus_new", "average"]
_Customer = TypeVar("_Customer", bound=Hashable)
_METHODS: Final = ("start", "start_plus_new", "average")
_NO_CUSTOMERS: Final = "there were no customers in the denominator"
_NO_REVENUE: Final = "there was no revenue at the start"
_BEYOND_AVERAGE: Final = (
    "more customers churned than the average base (start + end) / 2 holds; "
    "use method='start' or 'start_plus_new'"
)


def _churn(
    churned: NumberLike,
    start: NumberLike,
    *,
    new: NumberLike | None,
    new_and_churned: NumberLike,
    end: NumberLike | None,
    method: str,
) -> tuple[Fraction, Fraction]:
    """Validate the churn inputs and return the exact numerator and denominator."""
    choice(method, "method", _METHODS)
    lost = nonnegative(churned, "churned")
    base = nonnegative(start, "start")
    joined = Fraction(0) if new is None else nonnegative(new, "new")
    shown_new = 0 if new is None else new
    flash = nonnegative(new_and_churned, "new_and_churned")
    at_most(
        flash, joined, name="new_and_churned", raw=new_and_churned, limit_text=f"new ({shown_new})"
    )
    at_most(
        flash, lost, name="new_and_churned", raw=new_and_churned, limit_text=f"churned ({churned})"
    )
    at_most(
        lost - flash,
        base,
        name="churned",
        raw=churned,
        limit_text=f"start ({start}) plus new_and_churned ({new_and_churned})",
    )
    closing = None if end is None else nonnegative(end, "end")
    if closing is not None and new is not None and base + joined - lost != closing:
        raise InvalidInputError(
            f"start + new - churned must equal end, got start {start} + new {new} - churned "
            f"{churned} = {_plain(base + joined - lost)}, not end {end}; check the four counts "
            "(customers who joined and left within the period count in both new and churned)",
            name="end",
            value=end,
        )
    if method == "start":
        return lost - flash, base
    if method == "start_plus_new":
        return lost, base + joined
    if closing is None:
        raise InvalidInputError(
            "end must be given with method='average': the denominator is (start + end) / 2",
            name="end",
            value=None,
        )
    return lost, (base + closing) / 2


def _plain(value: Fraction) -> str:
    """An exact count or amount as short text (``95``, ``12.5``, ``1/3``)."""
    if value.denominator == 1:
        return str(value.numerator)
    return str(float(value)) if 10**6 % value.denominator == 0 else str(value)


def _beyond_average(numerator: Fraction, denominator: Fraction, method: str) -> bool:
    """True when the average method would report more churn than the average base holds."""
    return method == "average" and numerator > denominator


def customer_churn_rate(
    churned: NumberLike,
    start: NumberLike,
    *,
    new: NumberLike | None = None,
    new_and_churned: NumberLike = 0,
    end: NumberLike | None = None,
    method: ChurnMethod = "start",
    strict: bool = False,
) -> Number:
    """Return the customer (logo) churn rate of one period.

    ``method`` chooses the denominator, because sources disagree:

    * ``"start"`` (default): (churned − new_and_churned) ÷ start. Only customers present at
      the start count; customers who joined and left within the period are taken out of the
      numerator. ChartMogul (B2B), Recurly, Baremetrics. Always in [0, 1].
    * ``"start_plus_new"``: churned ÷ (start + new). Every customer seen in the period is
      at risk. Stripe. Always in [0, 1].
    * ``"average"``: churned ÷ ((start + end) ÷ 2). Smooths a growing base. When more
      customers left than the average base holds (start 100, end 30, 70 churned: 70 ÷ 65),
      the quotient is no share of anything, so the rate is undefined (NaN) rather than
      above 1.

    Every method gives a rate in [0, 1], the range of the ``customer_churn_rate`` metric.
    When ``start``, ``new``, ``churned`` and ``end`` are all given, they must agree:
    start + new − churned = end (customers who joined and left within the period count in
    both ``new`` and ``churned``). Counts that disagree raise rather than give a rate.

    Args:
        churned: Customers lost in the period (including any who joined in it).
        start: Customers at the start of the period.
        new: Customers acquired in the period (None, the default, counts as 0 and is not
            checked against ``end``).
        new_and_churned: Customers both acquired and lost in the period (at most ``new``).
        end: Customers at the end of the period; required by ``"average"``.
        method: ``"start"``, ``"start_plus_new"`` or ``"average"``.
        strict: Raise instead of returning NaN when the rate is undefined.

    Returns:
        The churn rate as a fraction of one, NaN when there were no customers (or, with
        ``"average"``, when more left than the average base).

    Raises:
        InvalidInputError: for negative counts, ``churned`` above what could churn,
            ``new_and_churned`` above ``new`` or ``churned``, start + new − churned ≠ end,
            an unknown method, or ``"average"`` without ``end``.
        UndefinedMetricError: with ``strict=True``, when the rate is undefined.

    >>> customer_churn_rate(5, 100)
    0.05
    >>> customer_churn_rate(6, 100, new=20, method="start_plus_new")
    0.05
    >>> from decimal import Decimal
    >>> customer_churn_rate(Decimal(6), 100, new=20, new_and_churned=1)
    Decimal('0.05')
    >>> customer_churn_rate(5, 100, new=10, end=120)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: start + new - churned must equal end, got start 100 + new 10 - churned 5 = 105, not end 120; check the four counts (customers who joined and left within the period count in both new and churned)
    """
    kind = kind_of(churned, start, new, new_and_churned, end)
    numerator, denominator = _churn(
        churned,
        start,
        new=new,
        new_and_churned=new_and_churned,
        end=end,
        method=method,
    )
    if denominator == 0:
        return undefined("customer_churn_rate", _NO_CUSTOMERS, kind, strict=strict)
    if _beyond_average(numerator, denominator, method):
        return undefined("customer_churn_rate", _BEYOND_AVERAGE, kind, strict=strict)
    return finish(numerator / denominator, kind)


def retention_rate(
    churned: NumberLike,
    start: NumberLike,
    *,
    new: NumberLike | None = None,
    new_and_churned: NumberLike = 0,
    end: NumberLike | None = None,
    method: ChurnMethod = "start",
    strict: bool = False,
) -> Number:
    """Return the customer retention rate: 1 − :func:`customer_churn_rate`.

    Takes the same arguments, makes the same denominator choice and checks the same
    counts as :func:`customer_churn_rate`, so the rate is always in [0, 1]: never
    negative, also with ``method="average"`` (undefined where the churn rate is).

    Args:
        churned: Customers lost in the period.
        start: Customers at the start of the period.
        new: Customers acquired in the period (None counts as 0, unchecked).
        new_and_churned: Customers both acquired and lost in the period.
        end: Customers at the end of the period; required by ``"average"``.
        method: ``"start"``, ``"start_plus_new"`` or ``"average"``.
        strict: Raise instead of returning NaN when the rate is undefined.

    Returns:
        The retention rate as a fraction of one, NaN when there were no customers.

    Raises:
        InvalidInputError: as :func:`customer_churn_rate`.
        UndefinedMetricError: with ``strict=True``, when the rate is undefined.

    >>> retention_rate(5, 100)
    0.95
    >>> retention_rate(Fraction(5), 100)
    Fraction(19, 20)
    >>> retention_rate(9, 200, new=59, end=250, method="average")
    0.96
    """
    kind = kind_of(churned, start, new, new_and_churned, end)
    numerator, denominator = _churn(
        churned,
        start,
        new=new,
        new_and_churned=new_and_churned,
        end=end,
        method=method,
    )
    if denominator == 0:
        return undefined("retention_rate", _NO_CUSTOMERS, kind, strict=strict)
    if _beyond_average(numerator, denominator, method):
        return undefined("retention_rate", _BEYOND_AVERAGE, kind, strict=strict)
    return finish(1 - numerator / denominator, kind)


def _revenue_base(
    start: NumberLike, contraction: NumberLike, churned: NumberLike
) -> tuple[Fraction, Fraction, Fraction]:
    base = nonnegative(start, "start")
    shrunk = nonnegative(contraction, "contraction")
    lost = nonnegative(churned, "churned")
    at_most(
        shrunk + lost,
        base,
        name="churned",
        raw=churned,
        limit_text=f"start ({start}) minus contraction ({contraction})",
    )
    return base, shrunk, lost


def revenue_churn_rate(
    churned: NumberLike,
    contraction: NumberLike,
    start: NumberLike,
    *,
    expansion: NumberLike = 0,
    reactivation: NumberLike = 0,
    net: bool = False,
    strict: bool = False,
) -> Number:
    """Return the revenue (MRR) churn rate of one period.

    Gross: (churned + contraction) ÷ start, in [0, 1]. Net (``net=True``): (churned +
    contraction − expansion − reactivation) ÷ start, which is negative when expansion
    outgrows the losses ("negative churn"). The denominator is recurring revenue at the
    start of the period (ChartMogul, Baremetrics).

    Args:
        churned: Recurring revenue lost from customers who left.
        contraction: Recurring revenue lost from downgrades of customers who stayed.
        start: Recurring revenue at the start of the period.
        expansion: Recurring revenue gained from upgrades (net only).
        reactivation: Recurring revenue regained from returning customers (net only).
        net: Subtract expansion and reactivation.
        strict: Raise instead of returning NaN when the rate is undefined.

    Returns:
        The revenue churn rate as a fraction of one, NaN when ``start`` is zero.

    Raises:
        InvalidInputError: for negative amounts, or churned + contraction above start.
        UndefinedMetricError: with ``strict=True``, when ``start`` is zero.

    >>> revenue_churn_rate(300, 200, 10_000)
    0.05
    >>> from decimal import Decimal
    >>> revenue_churn_rate(Decimal(300), 200, 10_000, expansion=700, net=True)
    Decimal('-0.02')
    """
    kind = kind_of(churned, contraction, start, expansion, reactivation)
    base, shrunk, lost = _revenue_base(start, contraction, churned)
    gained = nonnegative(expansion, "expansion") + nonnegative(reactivation, "reactivation")
    if base == 0:
        return undefined("revenue_churn_rate", _NO_REVENUE, kind, strict=strict)
    numerator = shrunk + lost - (gained if net else 0)
    return finish(numerator / base, kind)


def net_revenue_retention(
    start: NumberLike,
    expansion: NumberLike,
    contraction: NumberLike,
    churned: NumberLike,
    *,
    strict: bool = False,
) -> Number:
    """Return net revenue retention (NRR, also NDR): (start + expansion − contraction − churned) ÷ start.

    Revenue from customers acquired during the period is left out. NRR is at least
    :func:`gross_revenue_retention` and may exceed 1.

    Args:
        start: Recurring revenue of the cohort at the start of the period.
        expansion: Upgrades and cross-sells from that cohort.
        contraction: Downgrades from that cohort.
        churned: Revenue of the customers of that cohort who left.
        strict: Raise instead of returning NaN when ``start`` is zero.

    Returns:
        NRR as a fraction of one (1.1 is 110%).

    Raises:
        InvalidInputError: for negative amounts, or contraction + churned above start.
        UndefinedMetricError: with ``strict=True``, when ``start`` is zero.

    >>> net_revenue_retention(100_000, 15_000, 3_000, 2_000)
    1.1
    """
    kind = kind_of(start, expansion, contraction, churned)
    base, shrunk, lost = _revenue_base(start, contraction, churned)
    gained = nonnegative(expansion, "expansion")
    if base == 0:
        return undefined("net_revenue_retention", _NO_REVENUE, kind, strict=strict)
    return finish((base + gained - shrunk - lost) / base, kind)


def gross_revenue_retention(
    start: NumberLike,
    contraction: NumberLike,
    churned: NumberLike,
    *,
    strict: bool = False,
) -> Number:
    """Return gross revenue retention (GRR): (start − contraction − churned) ÷ start.

    Expansion is ignored, so GRR is never above 1.

    Args:
        start: Recurring revenue of the cohort at the start of the period.
        contraction: Downgrades from that cohort.
        churned: Revenue of the customers of that cohort who left.
        strict: Raise instead of returning NaN when ``start`` is zero.

    Returns:
        GRR as a fraction of one, in [0, 1].

    Raises:
        InvalidInputError: for negative amounts, or contraction + churned above start.
        UndefinedMetricError: with ``strict=True``, when ``start`` is zero.

    >>> from decimal import Decimal
    >>> gross_revenue_retention(Decimal(100_000), 3_000, 2_000)
    Decimal('0.95')
    """
    kind = kind_of(start, contraction, churned)
    base, shrunk, lost = _revenue_base(start, contraction, churned)
    if base == 0:
        return undefined("gross_revenue_retention", _NO_REVENUE, kind, strict=strict)
    return finish((base - shrunk - lost) / base, kind)


@attrs.frozen
class CohortRetention:
    """Retention of one cohort of customers over one period, from per-customer amounts.

    Attributes:
        nrr: Net revenue retention: Σ now ÷ Σ base over the cohort.
        grr: Gross revenue retention: Σ min(now, base) ÷ Σ base.
        logo_retention: Customers still paying ÷ customers in the cohort.
        customers: Customers in the cohort (in ``base``).
        retained: Customers of the cohort still paying (amount above zero now).

    >>> CohortRetention(nrr=1.1, grr=0.9, logo_retention=0.5, customers=2, retained=1).retained
    1
    """

    nrr: Number
    grr: Number
    logo_retention: Number
    customers: int
    retained: int


def cohort_retention(
    base: Mapping[_Customer, NumberLike],
    now: Mapping[_Customer, NumberLike],
    *,
    strict: bool = False,
) -> CohortRetention:
    """Return NRR, GRR and logo retention of a cohort from per-customer amounts a period apart.

    The cohort is the customers in ``base``. Customers in ``now`` who are not in ``base``
    were acquired later and are ignored; a cohort customer missing from ``now`` (or at zero)
    churned. For GRR each customer's amount is capped at its base amount, so expansion of one
    customer cannot hide the loss of another.

    Args:
        base: Recurring revenue per customer at the start; every amount above zero.
        now: Recurring revenue per customer one period later; amounts zero or more.
        strict: Raise instead of returning NaN when the cohort is empty.

    Returns:
        A :class:`CohortRetention` with ``nrr``, ``grr`` and ``logo_retention``.

    Raises:
        InvalidInputError: for a base amount of zero or less, or a negative amount now.
        UndefinedMetricError: with ``strict=True``, when ``base`` is empty.

    >>> r = cohort_retention({"a": 100, "b": 100}, {"a": 130, "c": 50})
    >>> r.nrr, r.grr, r.logo_retention
    (0.65, 0.5, 0.5)
    """
    kind = kind_of(*base.values(), *now.values())
    opening = {
        customer: positive(amount, f"base[{customer!r}]") for customer, amount in base.items()
    }
    closing = {
        customer: nonnegative(amount, f"now[{customer!r}]") for customer, amount in now.items()
    }
    if not opening:
        nan = undefined("cohort_retention", "the cohort has no customers", kind, strict=strict)
        return CohortRetention(nrr=nan, grr=nan, logo_retention=nan, customers=0, retained=0)
    total = sum(opening.values(), Fraction(0))
    kept = {customer: closing.get(customer, Fraction(0)) for customer in opening}
    retained = sum(1 for amount in kept.values() if amount > 0)
    return CohortRetention(
        nrr=finish(sum(kept.values(), Fraction(0)) / total, kind),
        grr=finish(sum((min(kept[c], opening[c]) for c in opening), Fraction(0)) / total, kind),
        logo_retention=finish(Fraction(retained, len(opening)), kind),
        customers=len(opening),
        retained=retained,
    )
