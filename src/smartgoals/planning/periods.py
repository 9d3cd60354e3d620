"""Split a goal over periods: quarters, months, weeks or any list of timeframes.

How a target is split depends on how its metric aggregates (see
:class:`~smartgoals.metrics.Aggregation`):

* **SUM** metrics (revenue, calls, new customers) are divided exactly with
  :func:`~smartgoals.planning.allocation.allocate`: equal weights give the article's
  annual ÷ 4 per quarter and ÷ 12 per month, and the periods add up to the goal to the
  last cent. A ``CHANGE`` target is resolved first: each period gets its share of the
  absolute :attr:`~smartgoals.goals.Goal.target_value` as a ``LEVEL`` target ("+10% on
  1,000,000" gives months that add up to 1,100,000). A period has no baseline of its own:
  last year's monthly actuals are not known from the annual baseline.
* **AVERAGE** metrics (win rate, churn rate, deal size) carry the same target into every
  period: a 2% churn target is 2% every month, never 2% ÷ 12.
* **LEVEL** metrics (MRR, ARR, customers) get milestones on a path from the baseline to the
  target; each period's target is the level to reach by its end and its baseline is the
  level at its start. The path follows the weights: equal weights give a straight line
  per period, ``"workdays"`` or a :class:`Seasonality` bend it. The last milestone is the
  target exactly.

**Rates** (a target with :attr:`~smartgoals.goals.Target.per`, "20 demos a week") split
by what the rate says for each period, :meth:`~smartgoals.goals.Goal.period_targets`:

* a period *at* the cadence gets the rate (prorated by days when the goal's start or end
  cuts it), as a target over that period;
* a *coarser* period sums the rate over the cadence periods inside it: 40 a month is 120
  a quarter;
* a *finer* period divides a SUM rate by its days (by its working days with
  ``weights="workdays"``): 20 a week is 4 a working day;
* a per-period ``CHANGE`` (a run rate, "monthly revenue +10% in a year") splits into its
  path of milestones, month ``k`` of 12 at ``baseline + (target − baseline) × k/12``;
* an AVERAGE metric carries the rate into every period.

The children's targets are totals over their periods (``per`` is ``None``), and they add
up to :meth:`~smartgoals.goals.Goal.target_total` exactly: the exact period targets are
the weights, and the total, rounded once to the quantum (up for ``AT_LEAST``, down for
``AT_MOST``, to the nearest otherwise), is allocated over them by largest remainder. So
whole periods carry the rate and the unit the rounding adds goes to a cut period.
A rate fixes each period's target, so seasonal or custom weights do not apply to it.
A negative rate (a loss budget of -100 a week) splits as the positive one, mirrored. A
run rate whose path crosses zero ("profit from -100 to +100 a month") gives each period
the floor or ceiling of its own milestone; its weights follow the path, negative ones
included, and a path that adds up to nothing is paced by days.

**Months add up to quarters and quarters to the year, by construction.** A split into
months allocates the year to its quarters first and each quarter to its months, with the
quarter weights being the sums of the month weights. So splitting by month and splitting by
quarter give the same quarters. Each part is the floor or ceiling of its exact share of the
period directly above it; against the whole goal a month may be off its exact share by
less than two quanta.

>>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027), currency="USD")
>>> months = split_by_period(goal, "month")
>>> months["FY2027 M01"].target_value, months.weights["FY2027 M01"]
(Decimal('100000.00'), Fraction(1, 12))
"""

from __future__ import annotations

import functools
import math
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeAlias

import attrs

from smartgoals.exceptions import CalendarError, IncompleteGoalError, InvalidInputError
from smartgoals.goals import Goal, Target, TargetKind
from smartgoals.metrics import Aggregation
from smartgoals.planning.allocation import (
    _allocate_tree,
    _group_tree,
    _integer_weights,
    _largest_remainder,
    _quantum,
    _to_amounts,
    _Tree,
    as_fraction,
    default_quantum,
)
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity, Timeframe

__all__ = ["Period", "PeriodSplit", "Seasonality", "split_by_period"]

#: How periods can be weighted: a rule name, a seasonality, or a weight per period.
#: Mapping keys are period labels (``"FY2027 Q1"``) or Timeframes.
PeriodWeights: TypeAlias = "str | Seasonality | Mapping[Any, object]"

_RULES: Final = ("equal", "days", "workdays")
# Coarser levels a split is nested through, from the top; see the module docs.
_NESTING: Final = (Granularity.YEAR, Granularity.QUARTER, Granularity.MONTH)
_ORDER: Final = {g: i for i, g in enumerate(Granularity)}


def _shares(values: object) -> tuple[Fraction, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidInputError(
            f"shares must be a sequence of numbers, got {values!r}", name="shares", value=values
        )
    shares = tuple(as_fraction(v, name="share") for v in values)
    if not shares:
        raise InvalidInputError(
            "a seasonality needs at least one share, e.g. one per month",
            name="shares",
            value=values,
        )
    for index, share in enumerate(shares):
        if share < 0:
            raise InvalidInputError(
                f"share {index + 1} is {float(share):g}, but shares must be zero or positive",
                name="shares",
                value=values,
            )
    return shares


@attrs.frozen(init=False)
class Seasonality:
    """Shares of a total per period, in period order, summing to exactly 1.

    Args:
        shares: One share per period (e.g. 12 for months), as fractions of the whole.
        normalize: Divide the shares by their sum instead of requiring them to sum to 1.

    Raises:
        InvalidInputError: for a negative share, no shares, shares that all are zero, or
            shares that do not sum to 1 without ``normalize=True``.

    >>> Seasonality(["0.2", "0.3", "0.3", "0.2"]).shares[0]
    Fraction(1, 5)
    >>> Seasonality([1, 1, 2], normalize=True).shares
    (Fraction(1, 4), Fraction(1, 4), Fraction(1, 2))
    >>> Seasonality(["0.3", "0.3", "0.3"])
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: seasonality shares sum to 0.9, not 1; fix them or pass normalize=True to scale them
    """

    shares: tuple[Fraction, ...]

    def __init__(self, shares: Iterable[object], *, normalize: bool = False) -> None:
        values = _shares(shares)
        total = sum(values, Fraction(0))
        if total == 0:
            raise InvalidInputError(
                "all seasonality shares are zero; give at least one share above zero",
                name="shares",
                value=shares,
            )
        if normalize:
            values = tuple(v / total for v in values)
        elif total != 1:
            raise InvalidInputError(
                f"seasonality shares sum to {float(total):g}, not 1; fix them or pass "
                "normalize=True to scale them",
                name="shares",
                value=shares,
            )
        self.__attrs_init__(values)

    @classmethod
    def from_history(cls, values: Iterable[object]) -> Seasonality:
        """Shares from past values per period, e.g. last year's revenue per month.

        Args:
            values: A prior year or the trailing twelve months, one value per period in
                the order of the periods to plan.

        Returns:
            Each value's share of the sum.

        Raises:
            InvalidInputError: for negative values or values that are all zero.

        >>> Seasonality.from_history([80, 100, 120, 100]).shares
        (Fraction(1, 5), Fraction(1, 4), Fraction(3, 10), Fraction(1, 4))
        """
        return cls(values, normalize=True)

    def grouped(self, size: int) -> Seasonality:
        """Add up consecutive shares in groups of ``size``: monthly shares into quarters.

        Args:
            size: How many shares form one group; must divide the number of shares.

        Returns:
            A seasonality with one share per group.

        Raises:
            InvalidInputError: if ``size`` does not divide the number of shares.

        >>> monthly = Seasonality.from_history([1, 1, 1, 2, 2, 2, 1, 1, 1, 3, 3, 3])
        >>> monthly.grouped(3).shares
        (Fraction(1, 7), Fraction(2, 7), Fraction(1, 7), Fraction(3, 7))
        """
        count = len(self.shares)
        if not isinstance(size, int) or size < 1 or count % size:
            raise InvalidInputError(
                f"cannot group {count} shares in groups of {size!r}; the group size must "
                f"divide {count} (for monthly shares: 3 for quarters, 6 for halves)",
                name="size",
                value=size,
            )
        return Seasonality(
            [sum(self.shares[i : i + size], Fraction(0)) for i in range(0, count, size)]
        )

    def __len__(self) -> int:
        return len(self.shares)


@attrs.frozen
class Period:
    """One period of a :class:`PeriodSplit`.

    Args:
        label: The period's label in the fiscal calendar (``"FY2027 Q3"``).
        timeframe: The period's dates.
        weight: The period's exact share of the whole; the weights sum to 1. Tracking
            paces a goal along these weights.
        goal: The period's goal.

    >>> from smartgoals import Goal
    >>> Period("FY2027 Q1", Timeframe.quarter(2027, 1), Fraction(1, 4), Goal()).weight
    Fraction(1, 4)
    """

    label: str
    timeframe: Timeframe
    weight: Fraction
    goal: Goal


@attrs.frozen
class PeriodSplit(Mapping[str, Goal]):
    """A goal split over periods: an ordered, read-only mapping from label to goal.

    Args:
        parent: The goal that was split.
        periods: The periods in date order.
        quantum: The step the parts were rounded to (``None`` when nothing was divided,
            as for AVERAGE metrics).

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("calls"), target=Target.level(1000),
    ...             timeframe=Timeframe.year(2027))
    >>> split = split_by_period(goal, "quarter")
    >>> list(split), split["FY2027 Q4"].target_value
    (['FY2027 Q1', 'FY2027 Q2', 'FY2027 Q3', 'FY2027 Q4'], Decimal('250'))
    """

    parent: Goal
    periods: tuple[Period, ...]
    quantum: Decimal | None = None

    def __getitem__(self, label: str) -> Goal:
        for period in self.periods:
            if period.label == label:
                return period.goal
        known = ", ".join(p.label for p in self.periods[:4])
        raise KeyError(f"no period labelled {label!r}; labels look like {known}")

    def __iter__(self) -> Iterator[str]:
        return (p.label for p in self.periods)

    def __len__(self) -> int:
        return len(self.periods)

    @property
    def timeframes(self) -> dict[str, Timeframe]:
        """Each period's timeframe, by label.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> goal = Goal(metric=metrics.get("calls"), target=Target.level(10),
        ...             timeframe=Timeframe.month(2027, 1))
        >>> str(split_by_period(goal, "month").timeframes["FY2027 M01"])
        '2027-01-01 – 2027-01-31'
        """
        return {p.label: p.timeframe for p in self.periods}

    @property
    def weights(self) -> dict[str, Fraction]:
        """Each period's exact share of the whole, by label (they sum to 1).

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> goal = Goal(metric=metrics.get("calls"), target=Target.level(10),
        ...             timeframe=Timeframe.year(2027))
        >>> sum(split_by_period(goal, "month").weights.values())
        Fraction(1, 1)
        """
        return {p.label: p.weight for p in self.periods}


def _full_period(
    leaf: Timeframe, granularity: Granularity, calendar: FiscalCalendar | None
) -> Timeframe:
    """The whole (unclipped) period of ``granularity`` that contains ``leaf.start``."""
    if calendar is not None:
        return calendar.period_of(leaf.start, granularity)
    if granularity is Granularity.WEEK:
        monday = leaf.start - timedelta(days=leaf.start.weekday())
        return Timeframe(monday, monday + timedelta(days=7))
    if granularity is Granularity.DAY:
        return Timeframe.day(leaf.start)
    return CALENDAR_YEAR.period_of(leaf.start, granularity)


def _label(
    period: Timeframe, calendar: FiscalCalendar | None, granularity: Granularity | None
) -> str:
    try:
        return (calendar or CALENDAR_YEAR).label(period)
    except CalendarError:
        pass
    if calendar is None and granularity is Granularity.WEEK and period.days == 7:
        year, week, _ = period.start.isocalendar()
        return f"{year}-W{week:02d}"
    return str(period)


def _check_tiling(periods: Sequence[Timeframe], whole: Timeframe) -> list[Timeframe]:
    if not periods or not all(isinstance(p, Timeframe) for p in periods):
        raise InvalidInputError(
            "by must be a Granularity (or its name) or a non-empty list of Timeframes",
            name="by",
            value=periods,
        )
    ordered = sorted(periods)
    cursor = whole.start
    for period in ordered:
        if period.start != cursor:
            problem = (
                "overlaps the one before" if period.start < cursor else "leaves a gap before it"
            )
            raise InvalidInputError(
                f"the periods must cover {whole} exactly, without gaps or overlaps, but "
                f"{period} {problem}",
                name="by",
                value=periods,
            )
        cursor = period.end
    if cursor != whole.end:
        raise InvalidInputError(
            f"the periods must cover {whole} exactly, but they end on "
            f"{(cursor - timedelta(days=1)).isoformat()}",
            name="by",
            value=periods,
        )
    return ordered


def _leaf_weights(
    leaves: Sequence[Timeframe],
    labels: Sequence[str],
    weights: object,
    granularity: Granularity | None,
    calendar: FiscalCalendar | None,
    holidays: Container[date],
    weekend: Iterable[int],
) -> list[Fraction]:
    if isinstance(weights, str):
        if weights == "equal":
            if granularity is None:
                return [Fraction(1)] * len(leaves)
            # A period cut by the goal's start or end counts for the part of it inside.
            return list(_equal_weights(tuple(leaves), granularity, calendar))
        if weights == "days":
            return [Fraction(leaf.days) for leaf in leaves]
        if weights == "workdays":
            weekend = tuple(weekend)
            return [Fraction(leaf.workdays(holidays, weekend)) for leaf in leaves]
        raise InvalidInputError(
            f"unknown weights rule {weights!r}; use one of {', '.join(map(repr, _RULES))}, "
            "a Seasonality, or a mapping from period label to weight",
            name="weights",
            value=weights,
        )
    if isinstance(weights, Seasonality):
        if len(weights.shares) != len(leaves):
            raise InvalidInputError(
                f"the seasonality has {len(weights.shares)} shares but the goal splits into "
                f"{len(leaves)} periods; give one share per period (Seasonality.grouped(3) "
                "turns monthly shares into quarterly ones)",
                name="weights",
                value=weights,
            )
        return list(weights.shares)
    if isinstance(weights, Mapping):
        result = []
        for leaf, label in zip(leaves, labels, strict=True):
            if label in weights:
                value = weights[label]
            elif leaf in weights:
                value = weights[leaf]
            else:
                raise InvalidInputError(
                    f"no weight for period {label} ({leaf}); give a weight for every period, "
                    "keyed by label or by timeframe",
                    name="weights",
                    value=weights,
                )
            result.append(as_fraction(value, name=f"weight of {label}"))
        extra = set(weights) - set(labels) - set(leaves)
        if extra:
            raise InvalidInputError(
                f"weights given for periods the goal does not split into: "
                f"{', '.join(sorted(map(str, extra)))}",
                name="weights",
                value=weights,
            )
        return result
    raise InvalidInputError(
        f"weights must be 'equal', 'days', 'workdays', a Seasonality or a mapping, got "
        f"{type(weights).__name__}",
        name="weights",
        value=weights,
    )


def _nesting(
    leaves: Sequence[Timeframe], granularity: Granularity | None, calendar: FiscalCalendar | None
) -> list[list[Timeframe]]:
    """For each coarser level the leaves nest in, the enclosing period of every leaf."""
    if granularity is None:
        return []
    levels = []
    for level in _NESTING:
        if _ORDER[level] >= _ORDER[granularity]:
            break
        enclosing = [_full_period(leaf, level, calendar) for leaf in leaves]
        if all(
            e.start <= leaf.start and leaf.end <= e.end
            for e, leaf in zip(enclosing, leaves, strict=True)
        ):
            levels.append(enclosing)
    return levels


@functools.lru_cache(maxsize=256)
def _layout(
    whole: Timeframe, granularity: Granularity, calendar: FiscalCalendar | None
) -> tuple[tuple[Timeframe, ...], tuple[str, ...], _Tree]:
    """The periods, labels and nesting of a split; cached, as plans split many goals alike."""
    leaves = tuple(whole.split(granularity, calendar=calendar))
    labels = tuple(_label(leaf, calendar, granularity) for leaf in leaves)
    tree = _group_tree(_nesting(leaves, granularity, calendar), len(leaves))
    return leaves, labels, tree


@functools.lru_cache(maxsize=256)
def _equal_weights(
    leaves: tuple[Timeframe, ...], granularity: Granularity, calendar: FiscalCalendar | None
) -> tuple[Fraction, ...]:
    result = []
    for leaf in leaves:
        full = _full_period(leaf, granularity, calendar)
        result.append(Fraction(1) if full == leaf else Fraction(leaf.days, full.days))
    return tuple(result)


@functools.lru_cache(maxsize=256)
def _normalised(weights: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """Each weight's share of the sum."""
    total = sum(weights, Fraction(0))
    if total == 0:
        raise InvalidInputError(
            "every period has weight zero (no working days?); choose other weights",
            name="weights",
            value=weights,
        )
    return tuple(w / total for w in weights)


def _round_total(exact: Fraction, step: Decimal, kind: TargetKind) -> Decimal:
    """Round a rate's exact total once, as :meth:`Goal.target_total` does.

    Up for ``AT_LEAST`` (a floor to reach), down for ``AT_MOST`` (a ceiling to respect),
    to the nearest for ``LEVEL`` (halves away from zero).
    """
    steps = exact / Fraction(step)
    if kind is TargetKind.AT_LEAST:
        whole = math.ceil(steps)
    elif kind is TargetKind.AT_MOST:
        whole = math.floor(steps)
    else:
        whole = math.floor(abs(steps) + Fraction(1, 2)) * (1 if steps >= 0 else -1)
    return (Decimal(whole) * step).quantize(step)


def _rate_weights(
    goal: Goal,
    leaves: Sequence[Timeframe],
    weights: object,
    holidays: Container[date],
    weekend: Iterable[int],
    calendar: FiscalCalendar | None,
) -> list[Fraction]:
    """The exact target of each leaf of a rate goal, from its cadence periods' targets.

    A cadence period's exact target (:meth:`Goal.period_targets`) goes to the leaves it
    overlaps, in proportion to the days of the overlap (working days for
    ``weights="workdays"``; days if the period has no working day).
    """
    if not isinstance(weights, str) or weights not in _RULES:
        if isinstance(weights, str):
            _leaf_weights((), (), weights, None, calendar, holidays, weekend)  # raises
        raise InvalidInputError(
            f"the goal states a rate ({goal.target}), which fixes the target of every "
            "period; a seasonality or custom weights do not apply to it. Use weights="
            "'equal', 'days' or 'workdays', or drop Target.per to split a total",
            name="weights",
            value=weights,
        )
    days = weights != "workdays"
    closed = tuple(weekend)

    def measure(frame: Timeframe, by_days: bool) -> int:
        return frame.days if by_days else frame.workdays(holidays, closed)

    exact = [Fraction(0)] * len(leaves)
    first = 0
    for period, amount in goal.period_targets(calendar=calendar):
        by_days = days or measure(period, False) == 0
        size = measure(period, by_days)
        while leaves[first].end <= period.start:
            first += 1
        index = first
        while index < len(leaves) and leaves[index].start < period.end:
            overlap = leaves[index].intersection(period)
            if overlap is not None:
                exact[index] += amount * Fraction(measure(overlap, by_days), size)
            index += 1
    return exact


def _carried(target: Target, leaf: Timeframe, calendar: FiscalCalendar | None) -> Target:
    """An AVERAGE rate in one period: still per the cadence if the period spans several."""
    assert target.per is not None
    covered = leaf.coverage(target.per, calendar=calendar)
    if len(covered) > 1 and any(share == 1 for _, share in covered):
        return target
    return attrs.evolve(target, per=None)


_Targets: TypeAlias = "list[tuple[Target, Decimal | None]]"


def _split_total(
    goal: Goal, leaf_weights: list[Fraction], tree: _Tree, quantum: object
) -> tuple[Decimal | None, _Targets]:
    """Each period's target and baseline for a target over the whole timeframe."""
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    if metric.aggregation is Aggregation.AVERAGE:
        return None, [(target, goal.baseline)] * len(leaf_weights)
    step = default_quantum(metric) if quantum is None else _quantum(quantum)
    kind = TargetKind.LEVEL if target.kind is TargetKind.CHANGE else target.kind
    if metric.aggregation is Aggregation.SUM:
        parts = _allocate_tree(goal.target_value, leaf_weights, tree, step)
        return step, [(Target(kind, part), None) for part in parts]
    if goal.baseline is None:
        raise IncompleteGoalError(
            ["baseline"], action=f"plan milestones for {metric.name}, a level metric"
        )
    steps = _allocate_tree(goal.target_value - goal.baseline, leaf_weights, tree, step)
    targets: _Targets = []
    level = goal.baseline
    for increment in steps:
        start, level = level, level + increment
        targets.append((Target(kind, level), start))
    return step, targets


def _split_rate(
    goal: Goal,
    leaves: Sequence[Timeframe],
    tree: _Tree,
    weights: object,
    holidays: Container[date],
    weekend: Iterable[int],
    calendar: FiscalCalendar | None,
    quantum: object,
) -> tuple[tuple[Fraction, ...], Decimal | None, _Targets]:
    """Each period's share, the quantum, and each period's target for a rate goal."""
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    exact = _rate_weights(goal, leaves, weights, holidays, weekend, calendar)
    whole = sum(exact, Fraction(0))
    # A path that crosses zero can add up to nothing: then pace by days, as for no target.
    shares = _normalised(tuple(exact if whole else [Fraction(f.days) for f in leaves]))
    if metric.aggregation is not Aggregation.SUM:
        return shares, None, [(_carried(target, leaf, calendar), goal.baseline) for leaf in leaves]
    step = default_quantum(metric) if quantum is None else _quantum(quantum)
    kind = TargetKind.LEVEL if target.kind is TargetKind.CHANGE else target.kind
    total = _round_total(whole, step, kind)
    parts = _allocate_signed(total, exact, tree, step)
    return shares, step, [(Target(kind, part), None) for part in parts]


def _allocate_signed(
    total: Decimal, exact: Sequence[Fraction], tree: _Tree, step: Decimal
) -> list[Decimal]:
    """Share ``total`` (the exact targets' sum, rounded once) out over the exact targets.

    Targets of one sign weigh the total by their size: a loss budget of -100 a week splits
    as 100 a week does, mirrored. Where a path crosses zero ("profit from -100 to +100 a
    month"), a group's periods have both signs and no proportion to share by: each gets
    its exact target plus a part of the group's rounding in proportion to its size, and
    the floor or ceiling of that, by largest remainder. Groups go top down through
    ``tree``, so months add up to their quarters, and each level is shared as a split at
    that level alone would share it.
    """
    if not any(exact):
        return [total] * len(exact)
    if all(e >= 0 for e in exact) or all(e <= 0 for e in exact):
        # A negative total over positive weights mirrors the positive split.
        return _allocate_tree(total, [abs(e) for e in exact], tree, step)
    quantum = Fraction(step)
    units = [0] * len(exact)

    def amount(node: _Tree) -> Fraction:
        if isinstance(node, int):
            return exact[node] / quantum
        return sum(map(amount, node), Fraction(0))

    def shared(units_here: int, values: list[Fraction]) -> list[int]:
        if all(v >= 0 for v in values) or all(v <= 0 for v in values):
            if not units_here:
                return [0] * len(values)
            sizes = _integer_weights([abs(v) for v in values], None)
            parts = _largest_remainder(abs(units_here), sizes)
            return [-p for p in parts] if units_here < 0 else parts
        spread = sum(map(abs, values), Fraction(0))
        rounding = units_here - sum(values, Fraction(0))
        shares = [v + rounding * abs(v) / spread for v in values]
        parts = [math.floor(share) for share in shares]
        # The shares add up to units_here, so fewer units are left than there are parts.
        left = units_here - sum(parts)
        order = sorted(
            range(len(values)), key=lambda i: (shares[i] - parts[i], abs(values[i])), reverse=True
        )
        for i in order[:left]:
            parts[i] += 1
        return parts

    def split(units_here: int, node: _Tree) -> None:
        if isinstance(node, int):
            units[node] = units_here
            return
        parts = shared(units_here, [amount(child) for child in node])
        for child, part in zip(node, parts, strict=True):
            split(part, child)

    count = Fraction(total) / quantum
    assert count.denominator == 1  # the total was rounded to the quantum
    split(count.numerator, tree)
    return [_to_amounts([abs(u)], step, u < 0)[0] for u in units]


def split_by_period(
    goal: Goal,
    by: Granularity | str | Sequence[Timeframe] = Granularity.MONTH,
    *,
    weights: PeriodWeights = "equal",
    holidays: Container[date] = (),
    weekend: Iterable[int] = (5, 6),
    calendar: FiscalCalendar | None = None,
    quantum: object = None,
) -> PeriodSplit:
    """Split a goal into one goal per period, labelled in the fiscal calendar.

    See the module docs for how SUM, AVERAGE and LEVEL metrics are split. Each child keeps
    the goal's metric, direction, currency, owner, type and strategy and gets its period
    as timeframe.

    Args:
        goal: A goal with a metric, a target that resolves and a timeframe (and a
            baseline for LEVEL metrics).
        by: ``Granularity.QUARTER``, ``MONTH``, ``WEEK`` (or any granularity, or its
            name), or a list of timeframes that covers the goal's timeframe exactly.
        weights: ``"equal"`` (a period cut short by the goal's start or end counts for
            its fraction of days), ``"days"`` (calendar days), ``"workdays"`` (working
            days, less ``holidays``), a :class:`Seasonality` with one share per period,
            or a mapping from period label (or timeframe) to weight.
        holidays: Dates that are not working days, for ``"workdays"``; any container
            works, including the ``holidays`` package's objects.
        weekend: The weekend days for ``"workdays"`` (Monday is 0).
        calendar: The fiscal calendar for the periods and labels; by default the
            calendar year (labels ``FY2027 Q1``, weeks are ISO weeks labelled ``2027-W01``).
        quantum: The step for divided targets; by default
            :func:`~smartgoals.planning.allocation.default_quantum` of the metric.

    Returns:
        A :class:`PeriodSplit` mapping each label to its goal, with each period's
        timeframe and weight.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, target (or baseline for a
            change), or timeframe, or a LEVEL metric's goal lacks a baseline.
        InvalidInputError: for bad weights (a seasonality or custom weights for a rate),
            periods that do not cover the goal, or a target that is not a multiple of the
            quantum.

    >>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
    >>> churn = Goal(metric=metrics.get("customer_churn_rate"), direction=Direction.DECREASE,
    ...              target=Target.at_most("0.02"), timeframe=Timeframe.year(2027))
    >>> {str(g.target) for g in split_by_period(churn, "month").values()}
    {'≤ 0.02'}
    >>> mrr = Goal(metric=metrics.get("mrr"), direction=Direction.INCREASE, baseline=100_000,
    ...            target=Target.level(140_000), timeframe=Timeframe.year(2027))
    >>> [g.target_value for g in split_by_period(mrr, "quarter").values()]
    [Decimal('110000.00'), Decimal('120000.00'), Decimal('130000.00'), Decimal('140000.00')]
    >>> demos = Goal(metric=metrics.get("demos_booked"), direction=Direction.INCREASE,
    ...              target=Target.at_least(40, per="month"), timeframe=Timeframe.year(2027))
    >>> [str(g.target) for g in split_by_period(demos, "quarter").values()]
    ['≥ 120', '≥ 120', '≥ 120', '≥ 120']
    """
    goal.require("metric", "target_value", "timeframe", action="split the goal by period")
    metric, target, whole = goal.metric, goal.target, goal.timeframe
    assert metric is not None
    assert target is not None
    assert whole is not None
    granularity: Granularity | None
    if isinstance(by, (Granularity, str)):
        try:
            granularity = Granularity(by.lower() if isinstance(by, str) else by)
        except ValueError:
            valid = ", ".join(g.value for g in Granularity)
            raise InvalidInputError(
                f"unknown period {by!r}; use one of {valid} or a list of Timeframes",
                name="by",
                value=by,
            ) from None
        leaves, labels, tree = _layout(whole, granularity, calendar)
    else:
        granularity = None
        leaves = tuple(_check_tiling(list(by), whole))
        labels = tuple(_label(leaf, calendar, granularity) for leaf in leaves)
        tree = tuple(range(len(leaves)))
    if target.per is not None:
        shares, step, targets = _split_rate(
            goal, leaves, tree, weights, holidays, weekend, calendar, quantum
        )
    else:
        leaf_weights = _leaf_weights(
            leaves, labels, weights, granularity, calendar, holidays, weekend
        )
        shares = _normalised(tuple(leaf_weights))
        step, targets = _split_total(goal, leaf_weights, tree, quantum)

    periods = tuple(
        Period(
            label,
            leaf,
            share,
            Goal(
                metric=metric,
                direction=goal.direction,
                target=child_target,
                baseline=baseline,
                timeframe=leaf,
                currency=goal.currency,
                owner=goal.owner,
                type=goal.type,
                strategy=goal.strategy,
            ),
        )
        for label, leaf, share, (child_target, baseline) in zip(
            labels, leaves, shares, targets, strict=True
        )
    )
    return PeriodSplit(goal, periods, step)
