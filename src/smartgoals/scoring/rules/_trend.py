"""Facts the Achievable and Realistic rules derive from a goal and its history.

Rates are compared as yearly log changes (``ln(end / start) / years``), so growth and
decline, months and years compare on one scale; messages show them as percentages.
Floats are fine here: these are judgements against a threshold, not stored amounts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Final, NamedTuple

from smartgoals.exceptions import SmartGoalsError
from smartgoals.goals import Direction, Goal, TargetKind
from smartgoals.metrics import Aggregation, Polarity
from smartgoals.scoring._model import Context

_DAYS_PER_YEAR: Final = 365.25

#: A committed goal is out of reach when it needs more than this many times the
#: historical yearly change ...
COMMITTED_FACTOR: Final = 2.0
#: ... and more than the historical change plus this margin (as a yearly rate, +25%).
COMMITTED_MARGIN: Final = 0.25
#: The looser bound for STRETCH goals: three times the history, and history plus 50%.
STRETCH_FACTOR: Final = 3.0
#: See :data:`STRETCH_FACTOR`.
STRETCH_MARGIN: Final = 0.50
_COMMITTED_LOG_MARGIN: Final = math.log1p(COMMITTED_MARGIN)
_STRETCH_LOG_MARGIN: Final = math.log1p(STRETCH_MARGIN)

# Enum members read for every goal scored, kept as module constants: reading a member
# off its enum class is a slow attribute lookup (tens of nanoseconds each).
_INCREASE: Final = Direction.INCREASE
_DECREASE: Final = Direction.DECREASE
_MAINTAIN: Final = Direction.MAINTAIN
_CHANGE: Final = TargetKind.CHANGE
_LEVEL: Final = TargetKind.LEVEL
_AT_MOST: Final = TargetKind.AT_MOST
_AT_LEAST: Final = TargetKind.AT_LEAST
_SUM: Final = Aggregation.SUM
_LOWER_IS_BETTER: Final = Polarity.LOWER_IS_BETTER
_HIGHER_IS_BETTER: Final = Polarity.HIGHER_IS_BETTER
_new_tuple: Final = tuple.__new__


def growth_limit(history_rate: float, *, stretch: bool = False) -> float:
    """The fastest yearly change a goal may ask for, given the historical yearly change.

    Rates are yearly log changes (``ln(end / start)`` per year). A goal is far above its
    history when it needs more than ``factor`` times the historical change *and* more
    than the historical change plus ``margin`` (so slow growers still get room): factor
    2 and margin +25% a year for committed goals, 3 and +50% for STRETCH goals.

    Args:
        history_rate: The historical yearly log change in the goal's direction.
        stretch: Use the looser STRETCH bound.

    Returns:
        The limit, as a yearly log change.

    >>> round(math.expm1(growth_limit(math.log(1.2))), 2)
    0.5
    >>> round(math.expm1(growth_limit(math.log(1.2), stretch=True)), 2)
    0.8
    """
    if stretch:
        return max(STRETCH_FACTOR * history_rate, history_rate + _STRETCH_LOG_MARGIN)
    return max(COMMITTED_FACTOR * history_rate, history_rate + _COMMITTED_LOG_MARGIN)


History = Sequence[tuple[date, Decimal]]


def direction_of(goal: Goal) -> Direction | None:
    """The goal's direction, or the one its target implies."""
    if goal.direction is not None:
        return goal.direction
    target = goal.target
    if target is None:
        return None
    kind = target.kind
    if kind is _CHANGE:
        if target.value > 0:
            return _INCREASE
        return _DECREASE if target.value < 0 else _MAINTAIN
    if goal.baseline is not None and kind is _LEVEL:
        if target.value > goal.baseline:
            return _INCREASE
        return _DECREASE if target.value < goal.baseline else _MAINTAIN
    if kind is _AT_MOST and goal.metric is not None:
        return _DECREASE if goal.metric.polarity is _LOWER_IS_BETTER else None
    if kind is _AT_LEAST and goal.metric is not None:
        return _INCREASE if goal.metric.polarity is _HIGHER_IS_BETTER else None
    return None


def history_of(goal: Goal, context: Context) -> History:
    """The context's history of the goal's metric (empty if none)."""
    if goal.metric is None:
        return ()
    return context.history.get(goal.metric.key, ())


def yearly_log_rate(history: History) -> float | None:
    """The history's yearly log change from first to last value; None if not positive."""
    first_day, first = history[0]
    last_day, last = history[-1]
    if first <= 0 or last <= 0:
        return None
    years = (last_day - first_day).days / _DAYS_PER_YEAR
    return math.log(float(last) / float(first)) / years


def _period_days(history: History) -> float:
    return (history[-1][0] - history[0][0]).days / (len(history) - 1)


def _middle(start: date, days: float) -> float:
    return start.toordinal() + days / 2


class Change(NamedTuple):
    """The change a goal asks for: the ratio to reach, over how many years, as a rate.

    ``rate`` is the yearly log change (``ln(ratio) / years``), ``None`` when the ratio is
    not positive.
    """

    ratio: float
    years: float
    base: Decimal | None
    rate: float | None


def _change(ratio: float, years: float, base: Decimal | None) -> Change:
    # tuple.__new__: a named tuple's own __new__ is a Python function, and this runs for
    # every goal scored against a history.
    return _new_tuple(Change, (ratio, years, base, math.log(ratio) / years if ratio > 0 else None))


#: Where and how long a baseline was measured: (first day's ordinal, days).
Window = tuple[float, float]


def baseline_window(
    goal: Goal,
    history: History,
    *,
    next_start: date | None = None,
    windows: Mapping[Decimal, Window] | None = None,
) -> Window | None:
    """The period the goal's baseline was measured over, if it is known.

    :attr:`Goal.baseline_period` when set; else the latest period of the history whose
    value is the baseline itself (a baseline of 260,000 with a history that holds
    Q2 2026 = 260,000 was measured in Q2 2026); else ``None``. ``next_start``: where
    the period after the history's last one starts, and ``windows``: the history's
    :func:`value_windows`, if the caller knows them already.
    """
    period = goal.baseline_period
    if period is not None:
        return (float(period.start.toordinal()), float(period.days))
    baseline = goal.baseline
    if baseline is None or len(history) < 2:
        return None
    if windows is not None:
        return windows.get(baseline)
    end = next_start  # where the period looked at ends, from the last one back
    for start, value in reversed(history):
        if value == baseline:
            if end is None:
                end = _next_start(history)
            return (float(start.toordinal()), float((end - start).days))
        end = start
    return None


def value_windows(history: History, next_start: date) -> dict[Decimal, Window]:
    """Each value of a history, with the latest period that holds it (its :data:`Window`).

    What :func:`baseline_window` looks up for a baseline, worked out once per history.
    ``next_start`` is where the period after the history's last one starts. Values are
    finite Decimals, so equal values (``5`` and ``5.0``) share one key.

    >>> history = [(date(2024, 1, 1), Decimal(5)), (date(2025, 1, 1), Decimal(4)),
    ...            (date(2026, 1, 1), Decimal("5.0"))]
    >>> windows = value_windows(history, date(2027, 1, 1))
    >>> [(str(v), date.fromordinal(int(start)), days) for v, (start, days) in windows.items()]
    [('5.0', datetime.date(2026, 1, 1), 365.0), ('4', datetime.date(2025, 1, 1), 365.0)]
    """
    windows: dict[Decimal, Window] = {}
    end = next_start
    for start, value in reversed(history):
        if value not in windows:
            windows[value] = (float(start.toordinal()), float((end - start).days))
        end = start
    return windows


def _next_start(history: History) -> date:
    """Where the period after the history's last one starts (month steps kept as months)."""
    (before, _), (last, _) = history[-2], history[-1]
    months = (last.year - before.year) * 12 + last.month - before.month
    if before.day == last.day == 1 and months > 0:
        index = last.year * 12 + last.month - 1 + months
        return date(index // 12, index % 12 + 1, 1)
    return last + (last - before)


def target_amount(goal: Goal) -> Decimal | None:
    """What a goal's target adds up to over its timeframe, for comparing with evidence.

    A rate on a SUM metric ("20 demos a week in Q3") is compared as its total over the
    timeframe (:meth:`Goal.target_total`: 263 demos, not 20); for a ROLE owner that is
    the total of one holder of the role. Other targets are their value: a change's is
    reached from the baseline (``None`` without one).
    """
    target = goal.target
    if target is None:
        return None
    if target.per is None or goal.timeframe is None:
        if target.kind is _CHANGE and goal.baseline is None:
            return None
        return goal.target_value
    try:
        return goal.target_total()
    except SmartGoalsError:  # a run rate without a baseline has no total
        return None


def required_change(
    goal: Goal,
    history: History,
    *,
    next_start: date | None = None,
    windows: Mapping[Decimal, Window] | None = None,
) -> Change | None:
    """The ratio the goal asks for and the years it allows; None if it cannot be known.

    The change runs from the baseline's own period to the target's period:

    * With a known baseline period (:func:`baseline_window`), a total over a period (a
      SUM metric without a cadence) is compared per day, from the middle of the
      baseline's period to the middle of the timeframe; any other target from the end
      of the baseline's period to the end of the timeframe. A Q2 2027 target of
      286,000 against Q2 2026's 260,000 is +10% in one year.
    * A baseline of unknown period (and a relative change without one), or one whose
      period does not end before the timeframe starts, is taken as measured just before
      the timeframe: the change is spread over the timeframe.
    * Without a baseline, an absolute target is compared with the last value of the
      history: a SUM metric's total (of a rate: :func:`target_amount`) is scaled to the
      history's period length and the horizon runs from the middle of the last period
      to the middle of the timeframe; other metrics must reach the target by the
      timeframe's end.

    ``next_start``: where the period after the history's last one starts, and
    ``windows``: the history's :func:`value_windows`, if the caller knows them already
    (:func:`trend` keeps both for each context).
    """
    target, timeframe, metric = goal.target, goal.timeframe, goal.metric
    if target is None or timeframe is None or metric is None:
        return None
    summed = metric.aggregation is _SUM and target.per is None
    days = timeframe.days
    years = days / _DAYS_PER_YEAR
    if windows is not None and goal.baseline_period is None:
        # baseline_window() with the history's windows at hand, without the call.
        baseline = goal.baseline
        window = None if baseline is None or len(history) < 2 else windows.get(baseline)
    else:
        window = baseline_window(goal, history, next_start=next_start, windows=windows)
    if window is not None:
        start, length = window
        if start + length > timeframe.start.toordinal():
            # A baseline measured in the target's own period (or history dated by its
            # ends) says nothing about when: spread the change over the timeframe, as
            # without one.
            window = None
        else:
            # From the baseline's period to the target's: middle to middle for totals.
            if summed:
                horizon = _middle(timeframe.start, days) - (start + length / 2)
            else:
                horizon = timeframe.end.toordinal() - (start + length)
            if horizon <= 0:
                return None
            years = horizon / _DAYS_PER_YEAR
    if target.kind is _CHANGE:
        if target.relative:
            return _change(1 + float(target.value), years, goal.baseline)
        if goal.baseline is None or goal.baseline <= 0:
            return None
        ratio = float(goal.baseline + target.value) / float(goal.baseline)
        return _change(ratio, years, goal.baseline)
    if goal.baseline is not None:
        if goal.baseline <= 0:
            return None
        ratio = float(target.value) / float(goal.baseline)
        if window is not None and summed:
            ratio *= window[1] / days  # totals of periods of different lengths
        return _change(ratio, years, goal.baseline)
    if len(history) < 2:
        return None
    last_day, last = history[-1]
    amount = target_amount(goal)
    if last <= 0 or amount is None:
        return None
    period = ((next_start or _next_start(history)) - last_day).days
    if metric.aggregation is _SUM:
        scaled = float(amount) * period / days
        horizon = _middle(timeframe.start, days) - _middle(last_day, period)
        ratio = scaled / float(last)
    else:
        horizon = timeframe.end.toordinal() - (last_day.toordinal() + period)
        ratio = float(amount) / float(last)
    if horizon <= 0:
        return None
    return _change(ratio, horizon / _DAYS_PER_YEAR, last)


def favourable_sign(goal: Goal) -> int:
    """+1 when the goal wants the metric up, -1 when down, 0 to maintain or unknown."""
    direction = goal.direction
    if direction is None:
        direction = direction_of(goal)
    if direction is _INCREASE:
        return 1
    if direction is _DECREASE:
        return -1
    return 0


def as_rate(log_rate: float) -> Decimal:
    """A yearly log change as a plain yearly rate, rounded for messages (0.1823 → 0.2)."""
    return Decimal(str(round(math.expm1(log_rate), 4)))


class Trend(NamedTuple):
    """What the history says about a goal: the history, its yearly log change, the change."""

    history: History
    rate: float | None
    change: Change | None


_LAST: list[tuple[Goal, Context, Trend]] = []


def trend(goal: Goal, context: Context) -> Trend:
    """The goal's :class:`Trend`, computed once for the goal and context being scored.

    Several rules need it; the last result is kept (with strong references, so the
    identities cannot be reused) and returned while the same goal and context are scored.
    """
    if _LAST:
        last_goal, last_context, last = _LAST[0]
        if last_goal is goal and last_context is context:
            return last
    history = history_of(goal, context)
    if len(history) < 2:
        result = Trend(history, None, required_change(goal, history))
    else:
        # What the history says does not depend on the goal: work it out once per context.
        known = context._history_facts
        key = goal.metric.key  # type: ignore[union-attr]
        facts = known.get(key)
        if facts is None:
            next_start = _next_start(history)
            facts = known[key] = (
                yearly_log_rate(history),
                next_start,
                value_windows(history, next_start),
            )
        rate, next_start, windows = facts
        change = required_change(goal, history, next_start=next_start, windows=windows)
        result = _new_tuple(Trend, (history, rate, change))
    _LAST[:] = [(goal, context, result)]
    return result
