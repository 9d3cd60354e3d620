"""Pipeline KPIs: win and close rates, deal size, sales cycle, conversion, funnel, coverage.

Win rate counts closed deals only by default (won ÷ (won + lost), as HubSpot and Salesforce
report it); ``include_open=True`` gives the stricter rate over every deal. Results follow
the number rules of :mod:`smartgoals.kpi`.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import Final, Literal

import attrs

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Number,
    NumberLike,
    at_most,
    choice,
    finish,
    infinite,
    kind_of,
    nonnegative,
    undefined,
)

__all__ = [
    "CycleStatistic",
    "FunnelRates",
    "FunnelStep",
    "average_deal_size",
    "close_rate",
    "conversion_rate",
    "funnel_rates",
    "pipeline_coverage",
    "sales_cycle_length",
    "win_rate",
]

#: Which average :func:`sales_cycle_length` reports.
CycleStatistic = Literal["mean", "median"]
_STATISTICS: Final = ("mean", "median")
_SECONDS_PER_DAY: Final = 86_400


def win_rate(
    won: NumberLike,
    lost: NumberLike,
    *,
    open_deals: NumberLike = 0,
    include_open: bool = False,
    strict: bool = False,
) -> Number:
    """Return the win rate: won ÷ (won + lost), or won ÷ (won + lost + open).

    Pass counts of deals, or their amounts for a value-weighted win rate. By default open
    deals are left out, because they are not decided yet (HubSpot, Salesforce);
    ``include_open=True`` counts them as not won.

    Args:
        won: Deals (or amount) won in the period.
        lost: Deals (or amount) lost in the period.
        open_deals: Deals (or amount) still open; used only with ``include_open``.
        include_open: Count open deals in the denominator.
        strict: Raise instead of returning NaN when there are no deals.

    Returns:
        The win rate as a fraction of one; NaN when there are no deals to count.

    Raises:
        InvalidInputError: for negative counts or amounts.
        UndefinedMetricError: with ``strict=True``, when the denominator is zero.

    >>> win_rate(20, 60)
    0.25
    >>> win_rate(20, 60, open_deals=20, include_open=True)
    0.2
    """
    kind = kind_of(won, lost, open_deals)
    w = nonnegative(won, "won")
    denominator = w + nonnegative(lost, "lost")
    pending = nonnegative(open_deals, "open_deals")
    if include_open:
        denominator += pending
    if denominator == 0:
        return undefined("win_rate", "no deals were decided", kind, strict=strict)
    return finish(w / denominator, kind)


def _share(
    metric: str,
    part: NumberLike,
    whole: NumberLike,
    part_name: str,
    whole_name: str,
    strict: bool,
) -> Number:
    kind = kind_of(part, whole)
    numerator = nonnegative(part, part_name)
    denominator = nonnegative(whole, whole_name)
    at_most(numerator, denominator, name=part_name, raw=part, limit_text=f"{whole_name} ({whole})")
    if denominator == 0:
        return undefined(metric, f"{whole_name} is zero", kind, strict=strict)
    return finish(numerator / denominator, kind)


def close_rate(won: NumberLike, created: NumberLike, *, strict: bool = False) -> Number:
    """Return the close rate: deals won ÷ deals created (opportunities or leads) in the period.

    Unlike :func:`win_rate` the denominator is every deal that entered the pipeline,
    decided or not.

    Args:
        won: Deals won from those created.
        created: Deals (opportunities) created.
        strict: Raise instead of returning NaN when no deals were created.

    Returns:
        The close rate as a fraction of one.

    Raises:
        InvalidInputError: for negative counts, or ``won`` above ``created``.
        UndefinedMetricError: with ``strict=True``, when ``created`` is zero.

    >>> close_rate(15, 100)
    0.15
    """
    return _share("close_rate", won, created, "won", "created", strict)


def conversion_rate(converted: NumberLike, total: NumberLike, *, strict: bool = False) -> Number:
    """Return a conversion rate: converted ÷ total (leads to MQL, MQL to SQL, visits to leads).

    Args:
        converted: How many reached the next stage.
        total: How many were in the earlier stage.
        strict: Raise instead of returning NaN when ``total`` is zero.

    Returns:
        The conversion rate as a fraction of one.

    Raises:
        InvalidInputError: for negative counts, or ``converted`` above ``total``.
        UndefinedMetricError: with ``strict=True``, when ``total`` is zero.

    >>> from fractions import Fraction
    >>> conversion_rate(Fraction(30), 120)
    Fraction(1, 4)
    """
    return _share("conversion_rate", converted, total, "converted", "total", strict)


def average_deal_size(amounts: Iterable[NumberLike], *, strict: bool = False) -> Number:
    """Return the average deal size: Σ amount ÷ number of deals, over won deals.

    Args:
        amounts: The amounts of the deals won in the period, each zero or more.
        strict: Raise instead of returning NaN when there are no deals.

    Returns:
        The mean deal amount; NaN when ``amounts`` is empty.

    Raises:
        InvalidInputError: for a negative amount.
        UndefinedMetricError: with ``strict=True``, when ``amounts`` is empty.

    >>> average_deal_size([10_000, 20_000, 30_000])
    20000.0
    >>> from decimal import Decimal
    >>> average_deal_size([Decimal("999.99"), Decimal("0.01")])
    Decimal('500')
    """
    values = list(amounts)
    kind = kind_of(*values)
    exact_values = [nonnegative(v, f"amounts[{i}]") for i, v in enumerate(values)]
    if not exact_values:
        return undefined("average_deal_size", "there are no won deals", kind, strict=strict)
    return finish(sum(exact_values, Fraction(0)) / len(exact_values), kind)


def _moment(value: object, name: str) -> date:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(
                f"{name} must be an ISO date like '2027-03-31', got {value!r}",
                name=name,
                value=value,
            ) from None
    if isinstance(value, date):
        return value
    raise InvalidInputError(
        f"{name} must be a date, datetime or ISO string, got {type(value).__name__} ({value!r})",
        name=name,
        value=value,
    )


def _days(created: date, closed: date, name: str, raw: object) -> Fraction:
    if isinstance(created, datetime) is not isinstance(closed, datetime):
        raise InvalidInputError(
            f"{name} mixes a date and a datetime; use two dates or two datetimes, got {raw!r}",
            name=name,
            value=raw,
        )
    delta = closed - created
    days = Fraction(delta.days) + Fraction(delta.seconds, _SECONDS_PER_DAY)
    days += Fraction(delta.microseconds, _SECONDS_PER_DAY * 1_000_000)
    if days < 0:
        raise InvalidInputError(
            f"{name} closed before it was created: {raw!r}; closed must be on or after created",
            name=name,
            value=raw,
        )
    return days


def sales_cycle_length(
    deals: Iterable[Sequence[date | str]],
    *,
    statistic: CycleStatistic = "mean",
    strict: bool = False,
) -> float:
    """Return the sales cycle length in days, from (created, closed) pairs of closed deals.

    Each deal's cycle is ``closed − created`` in days (fractional for datetimes). Calendar
    days, not working days. The median resists the few deals that stall for months.

    Which closed deals to count is a choice, and sources make it both ways:

    * **won deals only**: how long it takes to win, as CRM sales-cycle reports compute it
      (HubSpot's and Salesforce's average sales cycle over closed-won deals; the RevOps
      Dictionary defines it from opportunity creation to closed-won);
    * **won and lost deals**: how long the process takes to reach a decision, as metric
      references that count every decided deal do (Daymark's sales cycle length and the
      PortfolioIQ databook: closed-won or closed-lost). Losing late makes this longer.

    This function counts the deals it is given, so the caller makes the choice; the
    table version :func:`smartgoals.frames.sales_cycle_length` counts won and lost deals
    by default and won deals only with ``won_only=True``. State which one a goal uses.

    Args:
        deals: ``(created, closed)`` pairs of dates, datetimes or ISO strings, of the closed
            deals to count (won only, or won and lost: see above).
        statistic: ``"mean"`` or ``"median"``.
        strict: Raise instead of returning NaN when there are no deals.

    Returns:
        Days as a float (the inputs are dates, not numbers); NaN when ``deals`` is empty.

    Raises:
        InvalidInputError: for a deal closed before it was created, a pair that is not two
            dates, or an unknown statistic.
        UndefinedMetricError: with ``strict=True``, when ``deals`` is empty.

    >>> from datetime import date
    >>> sales_cycle_length([(date(2027, 1, 1), date(2027, 1, 31)), ("2027-02-01", "2027-02-11")])
    20.0
    """
    choice(statistic, "statistic", _STATISTICS)
    durations: list[Fraction] = []
    for index, deal in enumerate(deals):
        name = f"deals[{index}]"
        if isinstance(deal, str | bytes) or len(deal) != 2:
            raise InvalidInputError(
                f"{name} must be a (created, closed) pair, got {deal!r}", name=name, value=deal
            )
        created, closed = (_moment(moment, name) for moment in deal)
        durations.append(_days(created, closed, name, deal))
    if not durations:
        result = undefined(
            "sales_cycle_length", "there are no closed deals", kind_of(), strict=strict
        )
        return float(result)
    if statistic == "mean":
        return float(sum(durations, Fraction(0)) / len(durations))
    return float(statistics.median(durations))


@attrs.frozen
class FunnelStep:
    """The conversion from one funnel stage to the next.

    Attributes:
        source: The earlier stage.
        target: The later stage.
        rate: Count at ``target`` ÷ count at ``source`` (NaN when the source is empty).

    >>> FunnelStep("leads", "mql", 0.4).rate
    0.4
    """

    source: str
    target: str
    rate: Number


@attrs.frozen
class FunnelRates:
    """Step-by-step and end-to-end conversion of a funnel.

    Attributes:
        steps: One :class:`FunnelStep` per pair of neighbouring stages, in order.
        end_to_end: Count at the last stage ÷ count at the first.

    >>> funnel_rates({"leads": 100, "won": 5}).end_to_end
    0.05
    """

    steps: tuple[FunnelStep, ...]
    end_to_end: Number

    def rate(self, source: str, target: str) -> Number:
        """Return the rate of the step from ``source`` to ``target``.

        Args:
            source: The earlier stage.
            target: The stage right after it.

        Returns:
            The step's conversion rate.

        Raises:
            KeyError: when there is no such step.

        >>> funnel_rates({"leads": 100, "mql": 40, "sql": 10}).rate("mql", "sql")
        0.25
        """
        for step in self.steps:
            if (step.source, step.target) == (source, target):
                return step.rate
        raise KeyError((source, target))


def funnel_rates(
    stage_counts: Mapping[str, NumberLike] | Sequence[tuple[str, NumberLike]],
    *,
    strict: bool = False,
) -> FunnelRates:
    """Return the conversion between neighbouring funnel stages and from first to last.

    Stages are taken in the order given (a dict keeps insertion order). Every stage is a
    subset of the one before, so a count may not exceed the previous stage's count.

    Args:
        stage_counts: ``{stage: count}`` or ``[(stage, count), ...]``, at least two stages,
            from the top of the funnel down.
        strict: Raise instead of returning NaN when a stage before another is empty.

    Returns:
        A :class:`FunnelRates`.

    Raises:
        InvalidInputError: for fewer than two stages, a negative count, or a count above the
            previous stage's.
        UndefinedMetricError: with ``strict=True``, when a step starts from zero.

    >>> f = funnel_rates({"leads": 1000, "mql": 400, "sql": 100, "won": 20})
    >>> [(s.target, s.rate) for s in f.steps], f.end_to_end
    ([('mql', 0.4), ('sql', 0.25), ('won', 0.2)], 0.02)
    """
    pairs = list(stage_counts.items() if isinstance(stage_counts, Mapping) else stage_counts)
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            raise InvalidInputError(
                f"each stage must be a (stage, count) pair, got {pair!r}; pass a mapping "
                "such as {'mql': 500, 'sql': 200} or a list of pairs",
                name="stage_counts",
                value=stage_counts,
            )
    if len(pairs) < 2:
        raise InvalidInputError(
            f"stage_counts must name at least two stages, got {len(pairs)}",
            name="stage_counts",
            value=stage_counts,
        )
    kind = kind_of(*(count for _, count in pairs))
    counts = [nonnegative(count, f"stage_counts[{stage!r}]") for stage, count in pairs]
    for ((before, _), (stage, raw)), (previous, count) in zip(
        itertools.pairwise(pairs), itertools.pairwise(counts), strict=True
    ):
        at_most(
            count,
            previous,
            name=f"stage_counts[{stage!r}]",
            raw=raw,
            limit_text=f"the count of the stage before it, {before!r} ({previous})",
        )

    def ratio(numerator: Fraction, denominator: Fraction, source: str) -> Number:
        if denominator == 0:
            return undefined("funnel_rates", f"stage {source!r} is empty", kind, strict=strict)
        return finish(numerator / denominator, kind)

    steps = tuple(
        FunnelStep(str(source), str(target), ratio(counts[i + 1], counts[i], str(source)))
        for i, ((source, _), (target, _)) in enumerate(itertools.pairwise(pairs))
    )
    return FunnelRates(steps=steps, end_to_end=ratio(counts[-1], counts[0], str(pairs[0][0])))


def pipeline_coverage(
    pipeline: NumberLike, remaining_quota: NumberLike, *, strict: bool = False
) -> Number:
    """Return pipeline coverage: open pipeline ÷ quota still to close (3 means 3×).

    Args:
        pipeline: Value of the open, qualified pipeline for the period.
        remaining_quota: Quota not yet closed in the period, zero or more.
        strict: Raise instead of returning NaN when coverage is undefined.

    Returns:
        The coverage ratio; infinite when the quota is already met and pipeline remains,
        NaN when both are zero.

    Raises:
        InvalidInputError: for negative values (pass 0 once the quota is met).
        UndefinedMetricError: with ``strict=True``, when both are zero.

    >>> pipeline_coverage(900_000, 300_000)
    3.0
    """
    kind = kind_of(pipeline, remaining_quota)
    value = nonnegative(pipeline, "pipeline")
    quota = nonnegative(remaining_quota, "remaining_quota")
    if quota == 0:
        if value == 0:
            return undefined(
                "pipeline_coverage", "no pipeline and no quota left", kind, strict=strict
            )
        return infinite(kind)
    return finish(value / quota, kind)
