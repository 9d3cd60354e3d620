"""People KPIs: employee turnover, quota attainment and team attainment.

Attainment is a fraction of one (1.0 is 100% of quota) and may exceed 1. A team's
attainment is total actual ÷ total quota, not the mean of the members' percentages, so a
large quota weighs more than a small one. Results follow the number rules of
:mod:`smartgoals.kpi`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Number,
    NumberLike,
    exact,
    finish,
    kind_of,
    nonnegative,
    positive,
    undefined,
)

__all__ = [
    "employee_turnover_rate",
    "quota_attainment",
    "share_at_quota",
    "team_attainment",
]


def employee_turnover_rate(
    separations: NumberLike,
    *,
    average_headcount: NumberLike | None = None,
    start: NumberLike | None = None,
    end: NumberLike | None = None,
    strict: bool = False,
) -> Number:
    """Return the employee turnover rate: separations ÷ average headcount (SHRM).

    Give the average headcount directly, or ``start`` and ``end`` headcounts, whose mean
    (start + end) ÷ 2 is then used. The rate can exceed 1 when more people left than the
    average headcount.

    Args:
        separations: Employees who left in the period (voluntary and involuntary).
        average_headcount: Average number of employees in the period.
        start: Headcount at the start of the period (with ``end``).
        end: Headcount at the end of the period (with ``start``).
        strict: Raise instead of returning NaN when the average headcount is zero.

    Returns:
        The turnover rate as a fraction (0.12 is 12%).

    Raises:
        InvalidInputError: for negative counts, or giving both or neither of
            ``average_headcount`` and ``start``/``end``.
        UndefinedMetricError: with ``strict=True``, when the average headcount is zero.

    >>> employee_turnover_rate(6, start=48, end=52)
    0.12
    >>> employee_turnover_rate(6, average_headcount=50)
    0.12
    """
    by_average = average_headcount is not None
    by_ends = start is not None and end is not None
    if by_average == by_ends or (not by_ends and (start is not None or end is not None)):
        raise InvalidInputError(
            "give either average_headcount or both start and end headcounts",
            name="average_headcount",
            value=average_headcount,
        )
    kind = kind_of(separations, average_headcount, start, end)
    left = nonnegative(separations, "separations")
    if average_headcount is not None:
        headcount = nonnegative(average_headcount, "average_headcount")
    else:
        headcount = (nonnegative(start, "start") + nonnegative(end, "end")) / 2
    if headcount == 0:
        return undefined(
            "employee_turnover_rate", "the average headcount is zero", kind, strict=strict
        )
    return finish(left / headcount, kind)


def quota_attainment(actual: NumberLike, quota: NumberLike, *, strict: bool = False) -> Number:
    """Return quota attainment: actual ÷ quota (1.0 is 100%).

    Args:
        actual: What was achieved (bookings, revenue, units); may be negative after
            clawbacks.
        quota: The quota, zero or more.
        strict: Raise instead of returning NaN when the quota is zero.

    Returns:
        The attainment as a fraction; NaN when ``quota`` is zero.

    Raises:
        InvalidInputError: for a negative quota.
        UndefinedMetricError: with ``strict=True``, when ``quota`` is zero.

    >>> quota_attainment(90_000, 100_000)
    0.9
    """
    kind = kind_of(actual, quota)
    achieved = exact(actual, "actual")
    target = nonnegative(quota, "quota")
    if target == 0:
        return undefined("quota_attainment", "the quota is zero", kind, strict=strict)
    return finish(achieved / target, kind)


def _paired(
    actuals: Mapping[str, NumberLike] | Sequence[NumberLike],
    quotas: Mapping[str, NumberLike] | Sequence[NumberLike],
) -> list[tuple[str, NumberLike, NumberLike]]:
    if isinstance(actuals, Mapping) and isinstance(quotas, Mapping):
        if set(actuals) != set(quotas):
            raise InvalidInputError(
                "actuals and quotas must name the same people; only in actuals: "
                f"{sorted(set(actuals) - set(quotas))}, only in quotas: "
                f"{sorted(set(quotas) - set(actuals))}",
                name="quotas",
                value=quotas,
            )
        return [(f"[{key!r}]", actuals[key], quotas[key]) for key in actuals]
    if isinstance(actuals, Mapping) or isinstance(quotas, Mapping):
        raise InvalidInputError(
            "actuals and quotas must both be mappings or both be sequences",
            name="quotas",
            value=quotas,
        )
    if len(actuals) != len(quotas):
        raise InvalidInputError(
            f"actuals and quotas must have the same length, got {len(actuals)} and {len(quotas)}",
            name="quotas",
            value=quotas,
        )
    return [(f"[{i}]", a, q) for i, (a, q) in enumerate(zip(actuals, quotas, strict=True))]


def team_attainment(
    actuals: Mapping[str, NumberLike] | Sequence[NumberLike],
    quotas: Mapping[str, NumberLike] | Sequence[NumberLike],
    *,
    strict: bool = False,
) -> Number:
    """Return a team's quota attainment: Σ actual ÷ Σ quota.

    This equals the mean of individual attainments weighted by quota, which is what the
    team delivered; the plain mean of percentages over-weights small quotas.

    Args:
        actuals: What each member achieved, as a sequence or a mapping by name.
        quotas: Each member's quota (zero or more), in the same order or with the same names.
        strict: Raise instead of returning NaN when the total quota is zero.

    Returns:
        The team attainment as a fraction; NaN when the quotas add up to zero.

    Raises:
        InvalidInputError: for a negative quota, or actuals and quotas that do not match.
        UndefinedMetricError: with ``strict=True``, when the total quota is zero.

    >>> team_attainment([120, 30], [100, 100])
    0.75
    >>> team_attainment({"ann": 150, "bob": 10}, {"ann": 100, "bob": 20})
    1.3333333333333333
    """
    rows = _paired(actuals, quotas)
    kind = kind_of(*(a for _, a, _ in rows), *(q for _, _, q in rows))
    achieved = sum((exact(a, f"actuals{where}") for where, a, _ in rows), Fraction(0))
    target = sum((nonnegative(q, f"quotas{where}") for where, _, q in rows), Fraction(0))
    if target == 0:
        return undefined("team_attainment", "the quotas add up to zero", kind, strict=strict)
    return finish(achieved / target, kind)


def share_at_quota(
    attainments: Iterable[NumberLike], threshold: NumberLike = 1, *, strict: bool = False
) -> Number:
    """Return the share of people whose attainment is at least ``threshold``.

    Args:
        attainments: Each person's attainment as a fraction (1.0 is 100%).
        threshold: The attainment that counts as "at quota", above zero (default 1).
        strict: Raise instead of returning NaN when ``attainments`` is empty.

    Returns:
        The fraction of people at or above the threshold; NaN for nobody.

    Raises:
        InvalidInputError: for a threshold not above zero or a non-numeric attainment.
        UndefinedMetricError: with ``strict=True``, when ``attainments`` is empty.

    >>> share_at_quota([1.2, 0.9, 1.0, 0.4])
    0.5
    """
    values = list(attainments)
    kind = kind_of(*values, threshold)
    bar = positive(threshold, "threshold")
    exact_values = [exact(v, f"attainments[{i}]") for i, v in enumerate(values)]
    if not exact_values:
        return undefined("share_at_quota", "there is nobody to count", kind, strict=strict)
    return finish(Fraction(sum(1 for v in exact_values if v >= bar), len(exact_values)), kind)
