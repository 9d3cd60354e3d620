"""The reverse funnel: from an outcome goal to the activity goals that feed it.

Work backwards from what the business wants: deals = revenue ÷ average deal size;
opportunities = deals ÷ close rate; then each earlier stage by its conversion rate into
the stage below it (SQLs = opportunities ÷ SQL-to-opportunity rate, MQLs = SQLs ÷
MQL-to-SQL rate, ...). Every count is rounded *up* to a whole unit, and each stage is
computed from the rounded stage below it: 60 deals need 240 opportunities, not 239.5.

**Which rate.** The funnel needs the **close rate**: the share of the opportunities
*created* that are won. A **win rate** as the KPI defines it, won ÷ (won + lost), leaves
out the opportunities that end in no decision or stay open, so it overstates the
conversion: a 25% win rate when a fifth of the opportunities never decide is a 20% close
rate. :class:`Funnel` takes ``close_rate=``, or ``win_rate=`` together with ``decided=``
(the share of created opportunities that end won or lost) and converts it; a win rate
alone is refused rather than used as if it were a close rate.

**Round once, at the level you plan at.** Rounding up stage by stage is right for one
goal, but rounding every month up again adds units the year never needed: 240 new
customers through a 30% close rate, 25% of SQLs to opportunities and 20% of leads to SQLs
need 16,000 leads a year, but 20 customers a month need 1,340 leads each month (67
opportunities, 268 SQLs), 16,080 a year. Derive the activities once at the level
you plan at and divide them over the parts with :meth:`FunnelTargets.divide`; each part
gets the floor or ceiling of its share and the parts add up to the level's counts.

>>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027), currency="USD")
>>> funnel = Funnel(average_deal_size=20_000, close_rate="0.25", stages={"sql": "0.5"})
>>> {key: g.target_value for key, g in activity_targets(goal, funnel).items()}
{'deals_won': Decimal('60'), 'opportunities': Decimal('240'), 'sql': Decimal('480')}
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

import attrs

from smartgoals import metrics
from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Target, TargetKind
from smartgoals.metrics import Aggregation, Metric, Unit
from smartgoals.planning.allocation import allocate
from smartgoals.planning.owners import Assignment
from smartgoals.timeframes import Granularity

__all__ = ["Funnel", "FunnelTargets", "activity_targets"]

K = TypeVar("K")

#: Outcome metrics that count won deals one for one.
_DEAL_COUNTS = frozenset({"deals_won", "new_customers"})


def _conversion(value: object, name: str) -> Decimal:
    rate = to_decimal(value, name=name)
    if not 0 < rate <= 1:
        raise InvalidInputError(
            f"{name} must be a fraction above 0 and at most 1, got {format_amount(rate)}; "
            "write 25% as 0.25 (a rate of 0 would need infinitely many inputs)",
            name=name,
            value=value,
        )
    return rate


def _deal_size(value: object) -> Decimal | None:
    if value is None:
        return None
    size = to_decimal(value, name="average_deal_size")
    if size <= 0:
        raise InvalidInputError(
            f"average_deal_size must be above zero, got {format_amount(size)}",
            name="average_deal_size",
            value=value,
        )
    return size


def _stages(value: object) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, (list, tuple)):
        items = [tuple(item) for item in value]
    else:
        raise InvalidInputError(
            f"stages must be a mapping from metric key to conversion rate, got {value!r}",
            name="stages",
            value=value,
        )
    result = []
    seen = {"deals_won", "opportunities"}
    for item in items:
        if len(item) != 2:
            raise InvalidInputError(
                f"a stage must be a (metric key, rate) pair, got {item!r}",
                name="stages",
                value=value,
            )
        key, rate = item
        metric = key if isinstance(key, Metric) else metrics.get(str(key))
        if metric.unit is not Unit.COUNT or metric.aggregation is not Aggregation.SUM:
            raise InvalidInputError(
                f"stage {metric.key} is not a count that adds up; funnel stages count "
                "things such as sql, mql, meetings or calls",
                name="stages",
                value=value,
            )
        if metric.key in seen:
            raise InvalidInputError(
                f"stage {metric.key} appears twice or repeats deals/opportunities; list "
                "each stage once, from the opportunity upward",
                name="stages",
                value=value,
            )
        seen.add(metric.key)
        result.append((metric.key, _conversion(rate, f"conversion rate of {metric.key}")))
    return tuple(result)


def _optional_rate(value: object, name: str) -> Decimal | None:
    return None if value is None else _conversion(value, name)


@attrs.frozen(init=False)
class Funnel:
    """Conversion rates of a sales funnel, read from the bottom up.

    Args:
        close_rate: The share of the opportunities *created* that are won (0.2 for 20%):
            the rate the funnel needs.
        stages: Earlier stages, ordered from the opportunity upward, each with the rate
            at which it converts into the stage below it: ``{"sql": 0.5, "mql": 0.3}``
            means half of SQLs become opportunities and 30% of MQLs become SQLs. Keys are
            metric keys from the catalog (``sql``, ``mql``, ``meetings``, ``calls``, ...).
        average_deal_size: Revenue per won deal; needed for revenue goals.
        win_rate: Instead of ``close_rate``: won ÷ (won + lost), the KPI's win rate,
            converted with ``decided``.
        decided: With ``win_rate``: the share of created opportunities that end won or
            lost; the close rate is ``win_rate × decided``.

    Raises:
        InvalidInputError: for rates outside (0, 1], a deal size that is not positive,
            an unknown metric, a stage listed twice, no close rate, both a close rate
            and a win rate, or a win rate without ``decided``.

    >>> Funnel(close_rate="0.2", stages={"sql": "0.5", "mql": "0.25"}).stages
    (('sql', Decimal('0.5')), ('mql', Decimal('0.25')))
    >>> Funnel(win_rate="0.25", decided="0.8").close_rate
    Decimal('0.200')
    >>> Funnel(win_rate="0.25")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: a win rate of 0.25 is won ÷ (won + lost), which leaves out the opportunities that never close; the funnel needs the close rate (won ÷ opportunities created): give close_rate=, or decided= (the share of opportunities that end won or lost) to convert the win rate
    """

    close_rate: Decimal
    stages: tuple[tuple[str, Decimal], ...]
    average_deal_size: Decimal | None
    win_rate: Decimal | None
    decided: Decimal | None

    def __init__(
        self,
        close_rate: object = None,
        stages: object = (),
        *,
        average_deal_size: object = None,
        win_rate: object = None,
        decided: object = None,
    ) -> None:
        given_win = _optional_rate(win_rate, "win_rate")
        share = _optional_rate(decided, "decided")
        if close_rate is not None:
            if given_win is not None or share is not None:
                raise InvalidInputError(
                    "give either close_rate, or win_rate with decided, not both",
                    name="close_rate",
                    value=close_rate,
                )
            rate = _conversion(close_rate, "close_rate")
        elif given_win is not None:
            if share is None:
                raise InvalidInputError(
                    f"a win rate of {format_amount(given_win)} is won ÷ (won + lost), which "
                    "leaves out the opportunities that never close; the funnel needs the "
                    "close rate (won ÷ opportunities created): give close_rate=, or "
                    "decided= (the share of opportunities that end won or lost) to convert "
                    "the win rate",
                    name="win_rate",
                    value=win_rate,
                )
            rate = given_win * share
        else:
            if share is not None:
                raise InvalidInputError(
                    "decided converts a win rate; give win_rate= with it, or close_rate=",
                    name="decided",
                    value=decided,
                )
            raise InvalidInputError(
                "a funnel needs close_rate= (won ÷ opportunities created), or win_rate= "
                "with decided=",
                name="close_rate",
                value=None,
            )
        self.__attrs_init__(rate, _stages(stages), _deal_size(average_deal_size), given_win, share)


@attrs.frozen
class FunnelTargets(Mapping[str, Goal]):
    """The activity goals behind an outcome goal: an ordered mapping from metric key to goal.

    Args:
        parent: The outcome goal.
        funnel: The funnel used.
        goals: ``(metric key, goal)`` pairs from deals upward.

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("new_customers"), target=Target.level(10),
    ...             timeframe=Timeframe.year(2027))
    >>> list(activity_targets(goal, Funnel(close_rate="0.5")))
    ['deals_won', 'opportunities']
    """

    parent: Goal
    funnel: Funnel
    goals: tuple[tuple[str, Goal], ...]

    def __getitem__(self, key: str) -> Goal:
        for name, goal in self.goals:
            if name == key:
                return goal
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.goals)

    def __len__(self) -> int:
        return len(self.goals)

    def divide(self, parts: Mapping[K, Goal]) -> dict[K, FunnelTargets]:
        """Divide these counts over ``parts`` in proportion to their outcomes.

        The counts were rounded once, at this level; every stage is allocated over the
        parts by largest remainder, weighted by each part's outcome (its target value, or
        a rate's total), so each part gets the floor or ceiling of its exact share and the
        parts add up to this level's counts exactly. Each part's activity goals get the
        part's timeframe and owner. The weights are the parts' outcomes as they are: when
        the parts are over-assigned, derive the counts from their total first.

        The counts divided are totals over the timeframe, and so are the parts' activity
        goals (no :attr:`~smartgoals.goals.Target.per`). For a **rate** goal the funnel
        runs again on its total, :meth:`~smartgoals.goals.Goal.target_total`, rounded
        once: 20 demos a week over Q3 2027 are 263 demos, which need 2,630 calls at one
        demo in ten calls (not 13 1/7 weeks of 200 calls); the months, with 89, 88 and
        86 demos, get 890, 880 and 860 calls.

        An :class:`~smartgoals.planning.owners.Assignment` of a role goal
        (:attr:`~smartgoals.planning.owners.Assignment.each`) is not divided: every holder
        carries the goal in full, so each gets the activities of its own total.

        Args:
            parts: The goals to divide over, e.g. the months of a
                :class:`~smartgoals.planning.periods.PeriodSplit` or the owners of an
                :class:`~smartgoals.planning.owners.Assignment`.

        Returns:
            The activity goals of each part, by the parts' keys.

        Raises:
            InvalidInputError: if there are no parts, a part's target does not resolve,
                or every part's outcome is zero.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> from smartgoals.planning import split_by_period
        >>> year = Goal(metric=metrics.get("new_customers"), target=Target.level(100),
        ...             timeframe=Timeframe.year(2027))
        >>> funnel = Funnel(close_rate="0.25", stages={"sql": "0.5", "leads": "0.05"})
        >>> months = activity_targets(year, funnel).divide(split_by_period(year, "month"))
        >>> sum(m["leads"].target_value for m in months.values())
        Decimal('16000')
        >>> demos = Goal(metric=metrics.get("demos_booked"), target=Target.at_least(20, per="week"),
        ...              timeframe=Timeframe.quarter(2027, 3))
        >>> calls = Funnel(close_rate="0.3", stages={"demos_booked": "0.5", "calls": "0.1"})
        >>> by_month = activity_targets(demos, calls).divide(split_by_period(demos, "month"))
        >>> [str(m["calls"].target) for m in by_month.values()]
        ['≥ 890', '≥ 880', '≥ 860']
        """
        if not parts:
            raise InvalidInputError(
                "no parts to divide the activity targets over", name="parts", value=parts
            )
        weights = []
        for key, goal in parts.items():
            if goal.target is None or (
                goal.target.kind is TargetKind.CHANGE and goal.baseline is None
            ):
                raise InvalidInputError(
                    f"part {key!r} has no target value to weigh its activities by",
                    name="parts",
                    value=key,
                )
            weights.append(Fraction(_outcome(goal)))
        # Every holder of a role carries the goal in full: a share of one holder's
        # activities would leave each holder short.
        each = isinstance(parts, Assignment) and parts.each
        totals: list[tuple[str, Decimal | int]]
        if self.parent.is_rate:
            totals = list(_totals(self.parent, self.funnel))
        else:
            totals = [(name, goal.target_value) for name, goal in self.goals]
        stages = {
            name: allocate(count, weights, quantum=1, keys=list(parts)) for name, count in totals
        }
        result: dict[K, FunnelTargets] = {}
        for key, goal in parts.items():
            counts = (
                _totals(goal, self.funnel)
                if each
                else [(name, stages[name][key]) for name, _ in totals]
            )
            rows = tuple((name, _activity(name, count, goal, None)) for name, count in counts)
            result[key] = FunnelTargets(goal, self.funnel, rows)
        return result


def _outcome(goal: Goal) -> Decimal:
    """What a goal adds up to over its timeframe: a rate's total, else its target value."""
    return goal.target_total() if goal.is_rate else goal.target_value


def _totals(goal: Goal, funnel: Funnel) -> list[tuple[str, int]]:
    """Each stage's count for the goal's total over its timeframe, rounded once."""
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    return _counts(metric, target, Fraction(_outcome(goal)), funnel)


def _activity(key: str, count: object, parent: Goal, per: Granularity | None) -> Goal:
    """The ``ACTIVITY`` goal of one stage: at least ``count``, on the parent's timeframe."""
    return Goal(
        metric=metrics.get(key),
        direction=Direction.INCREASE,
        target=Target.at_least(count, per=per),
        timeframe=parent.timeframe,
        owner=parent.owner,
        type=GoalType.ACTIVITY,
        strategy=parent.strategy,
    )


def activity_targets(goal: Goal, funnel: Funnel) -> FunnelTargets:
    """Turn an outcome goal into the activity goals that feed it, through ``funnel``.

    The outcome is revenue (any currency metric that adds up, divided by the funnel's
    average deal size), a count of won deals (``deals_won``, ``new_customers``), or one of
    the funnel's own stages (``opportunities`` or a stage such as ``demos_booked``), which
    then starts the chain. Each result is an ``ACTIVITY`` goal with an ``AT_LEAST`` target
    (at least this many calls, SQLs, ...), direction ``INCREASE``, and the parent's
    timeframe, owner and strategy. :meth:`~smartgoals.planning.plan.Plan.attach` links them
    to the parent in a plan.

    A **rate** goal ("20 demos a week") gives rate activity goals ("≥ 200 calls a week"):
    the funnel runs on one period's target and the results keep
    :attr:`~smartgoals.goals.Target.per` (for a run rate, on the rate to reach by the end).
    :meth:`FunnelTargets.divide` runs it again on the rate's total over the timeframe.

    Args:
        goal: The outcome goal, with a metric, a resolvable target and a timeframe.
        funnel: The conversion rates.

    Returns:
        The activity goals from the outcome upward, as :class:`FunnelTargets`.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, target or timeframe.
        InvalidInputError: if the metric is not revenue, a deal count or a stage of the
            funnel, a revenue goal meets a funnel without an average deal size, or the
            target is an upper bound.

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("new_customers"), target=Target.level(25),
    ...             timeframe=Timeframe.year(2027))
    >>> targets = activity_targets(goal, Funnel(close_rate="0.3", stages={"meetings": "0.4"}))
    >>> [(k, str(g.target)) for k, g in targets.items()]
    [('deals_won', '≥ 25'), ('opportunities', '≥ 84'), ('meetings', '≥ 210')]
    >>> demos = Goal(metric=metrics.get("demos_booked"), target=Target.at_least(20, per="week"),
    ...              timeframe=Timeframe.quarter(2027, 3))
    >>> funnel = Funnel(close_rate="0.3", stages={"demos_booked": "0.5", "calls": "0.1"})
    >>> [(k, str(g.target)) for k, g in activity_targets(demos, funnel).items()]
    [('demos_booked', '≥ 20 a week'), ('calls', '≥ 200 a week')]
    """
    goal.require("metric", "target_value", "timeframe", action="derive activity targets")
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    counts = _counts(metric, target, Fraction(goal.target_value), funnel)
    goals = tuple((key, _activity(key, count, goal, target.per)) for key, count in counts)
    return FunnelTargets(goal, funnel, goals)


def _counts(
    metric: Metric, target: Target, outcome: Fraction, funnel: Funnel
) -> list[tuple[str, int]]:
    """Each stage's count for ``outcome``, from the outcome upward, each rounded up once."""
    if target.kind is TargetKind.AT_MOST:
        raise InvalidInputError(
            f"the goal caps {metric.name} (at most {format_amount(target.value)}); activity "
            "targets follow from an outcome to reach, not a ceiling",
            name="goal",
            value=target,
        )
    chain = [("opportunities", funnel.close_rate), *funnel.stages]
    keys = [key for key, _ in chain]
    if metric.key in keys:
        start = keys.index(metric.key)
        counts = [(metric.key, math.ceil(outcome))]
    else:
        start = 0
        if metric.key in _DEAL_COUNTS:
            deals = math.ceil(outcome)
        elif metric.unit is Unit.CURRENCY and metric.aggregation is Aggregation.SUM:
            if funnel.average_deal_size is None:
                raise InvalidInputError(
                    f"{metric.name} is money; give the funnel an average_deal_size to turn "
                    "it into a number of deals",
                    name="average_deal_size",
                    value=None,
                )
            deals = math.ceil(outcome / Fraction(funnel.average_deal_size))
        else:
            raise InvalidInputError(
                f"activity targets start from revenue, a count of won deals or a stage of "
                f"the funnel, not {metric.name}; use a goal on revenue, deals_won or "
                f"new_customers, or list {metric.key} among the funnel's stages",
                name="goal",
                value=metric.key,
            )
        counts = [("deals_won", deals)]
        below = deals
        for key, rate in chain[:1]:
            below = math.ceil(below / Fraction(rate))
            counts.append((key, below))
    below = counts[-1][1]
    for key, rate in chain[start + 1 :]:
        below = math.ceil(below / Fraction(rate))
        counts.append((key, below))
    return counts
