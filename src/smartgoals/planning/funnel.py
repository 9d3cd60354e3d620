"""The reverse funnel: from an outcome goal to the activity goals that feed it.

Work backwards from what the business wants: deals = revenue ÷ average deal size;
opportunities = deals ÷ win rate; then each earlier stage by its conversion rate into the
stage below it (SQLs = opportunities ÷ SQL-to-opportunity rate, MQLs = SQLs ÷ MQL-to-SQL
rate, ...). Every count is rounded *up* to a whole unit, and each stage is computed from
the rounded stage below it: 60 deals need 240 opportunities, not 239.5.

>>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027), currency="USD")
>>> funnel = Funnel(average_deal_size=20_000, win_rate="0.25", stages={"sql": "0.5"})
>>> {key: g.target_value for key, g in activity_targets(goal, funnel).items()}
{'deals_won': Decimal('60'), 'opportunities': Decimal('240'), 'sql': Decimal('480')}
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from smartgoals import metrics
from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Target, TargetKind
from smartgoals.metrics import Aggregation, Metric, Unit

__all__ = ["Funnel", "FunnelTargets", "activity_targets"]

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


def _win_rate(value: object) -> Decimal:
    return _conversion(value, "win_rate")


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


@attrs.frozen
class Funnel:
    """Conversion rates of a sales funnel, read from the bottom up.

    Args:
        average_deal_size: Revenue per won deal; needed for revenue goals.
        win_rate: The share of opportunities that are won (0.25 for 25%).
        stages: Earlier stages, ordered from the opportunity upward, each with the rate
            at which it converts into the stage below it: ``{"sql": 0.5, "mql": 0.3}``
            means half of SQLs become opportunities and 30% of MQLs become SQLs. Keys are
            metric keys from the catalog (``sql``, ``mql``, ``meetings``, ``calls``, ...).

    Raises:
        InvalidInputError: for rates outside (0, 1], a deal size that is not positive,
            an unknown metric, or a stage listed twice.

    >>> Funnel(win_rate="0.2", stages={"sql": "0.5", "mql": "0.25"}).stages
    (('sql', Decimal('0.5')), ('mql', Decimal('0.25')))
    """

    win_rate: Decimal = attrs.field(converter=_win_rate)
    stages: tuple[tuple[str, Decimal], ...] = attrs.field(default=(), converter=_stages)
    average_deal_size: Decimal | None = attrs.field(
        default=None, converter=_deal_size, kw_only=True
    )


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
    >>> list(activity_targets(goal, Funnel(win_rate="0.5")))
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


def activity_targets(goal: Goal, funnel: Funnel) -> FunnelTargets:
    """Turn an outcome goal into the activity goals that feed it, through ``funnel``.

    The outcome is revenue (any currency metric that adds up, divided by the funnel's
    average deal size) or a count of won deals (``deals_won``, ``new_customers``).
    Each result is an ``ACTIVITY`` goal with an ``AT_LEAST`` target (at least this many
    calls, SQLs, ...), direction ``INCREASE``, and the parent's timeframe, owner and
    strategy. :meth:`~smartgoals.planning.plan.Plan.attach` links them to the parent in a
    plan.

    Args:
        goal: The outcome goal, with a metric, a resolvable target and a timeframe.
        funnel: The conversion rates.

    Returns:
        The activity goals from deals upward, as :class:`FunnelTargets`.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, target or timeframe.
        InvalidInputError: if the metric is not revenue or a deal count, a revenue goal
            meets a funnel without an average deal size, or the target is an upper bound.

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("new_customers"), target=Target.level(25),
    ...             timeframe=Timeframe.year(2027))
    >>> targets = activity_targets(goal, Funnel(win_rate="0.3", stages={"meetings": "0.4"}))
    >>> [(k, str(g.target)) for k, g in targets.items()]
    [('deals_won', '≥ 25'), ('opportunities', '≥ 84'), ('meetings', '≥ 210')]
    """
    goal.require("metric", "target_value", "timeframe", action="derive activity targets")
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    if target.kind is TargetKind.AT_MOST:
        raise InvalidInputError(
            f"the goal caps {metric.name} (at most {format_amount(target.value)}); activity "
            "targets follow from an outcome to reach, not a ceiling",
            name="goal",
            value=target,
        )
    outcome = Fraction(goal.target_value)
    if metric.key in _DEAL_COUNTS:
        deals = math.ceil(outcome)
    elif metric.unit is Unit.CURRENCY and metric.aggregation is Aggregation.SUM:
        if funnel.average_deal_size is None:
            raise InvalidInputError(
                f"{metric.name} is money; give the funnel an average_deal_size to turn it "
                "into a number of deals",
                name="average_deal_size",
                value=None,
            )
        deals = math.ceil(outcome / Fraction(funnel.average_deal_size))
    else:
        raise InvalidInputError(
            f"activity targets start from revenue or a count of won deals, not "
            f"{metric.name}; use a goal on revenue, deals_won or new_customers",
            name="goal",
            value=metric.key,
        )
    counts = [("deals_won", deals)]
    below = math.ceil(deals / Fraction(funnel.win_rate))
    counts.append(("opportunities", below))
    for key, rate in funnel.stages:
        below = math.ceil(below / Fraction(rate))
        counts.append((key, below))
    goals = tuple(
        (
            key,
            Goal(
                metric=metrics.get(key),
                direction=Direction.INCREASE,
                target=Target.at_least(count),
                timeframe=goal.timeframe,
                owner=goal.owner,
                type=GoalType.ACTIVITY,
                strategy=goal.strategy,
            ),
        )
        for key, count in counts
    )
    return FunnelTargets(goal, funnel, goals)
