"""Achievable (A): ambitious but within reach, judged against evidence.

Without evidence (history, capacity) these rules cannot show that a goal is achievable;
Achievable is then UNKNOWN unless a rule finds a problem the goal shows by itself (an
absolute target, a target outside the metric's range).

The article's example: last year's revenue was $700,000, the goal is $5 million this
year.

>>> from datetime import date
>>> from smartgoals import metrics
>>> from smartgoals.goals import Goal, Target
>>> from smartgoals.timeframes import Timeframe
>>> from smartgoals.scoring import Context
>>> history = {"revenue": [(date(2024, 1, 1), 560_000), (date(2025, 1, 1), 630_000),
...                        (date(2026, 1, 1), 700_000)]}
>>> goal = Goal(metric=metrics.get("revenue"), target=Target.level(5_000_000),
...             baseline=700_000, timeframe=Timeframe.year(2027), currency="USD")
>>> [f.message for f in growth_above_history.check(goal, Context(history=history))]
['Reaching the target needs revenue to change by +615% a year, far above its history of +12% a year (at most +40% a year is within reach).']
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

import attrs

from smartgoals._numbers import format_amount
from smartgoals.exceptions import SmartGoalsError
from smartgoals.goals import Goal, GoalType, TargetKind
from smartgoals.metrics import Metric, Polarity
from smartgoals.scoring._define import rule
from smartgoals.scoring._model import Context, Criterion, Hit, Phrase, Severity, Undecided
from smartgoals.scoring.rules._trend import (
    COMMITTED_FACTOR,
    COMMITTED_MARGIN,
    STRETCH_FACTOR,
    STRETCH_MARGIN,
    as_rate,
    favourable_sign,
    growth_limit,
    history_of,
    required_change,
    target_amount,
    trend,
)

__all__ = [
    "COMMITTED_FACTOR",
    "COMMITTED_MARGIN",
    "OWN_FALL_BOUND",
    "OWN_GROWTH_BOUND",
    "RULES",
    "STRETCH_FACTOR",
    "STRETCH_MARGIN",
    "above_capacity",
    "absolute_target",
    "below_trend",
    "beyond_own_bound",
    "growth_above_history",
    "growth_limit",
    "outside_range",
]

# Enum members read for every goal scored, kept as module constants: reading a
# member off its enum class is a slow attribute lookup (tens of nanoseconds each).
_STRETCH: Final = GoalType.STRETCH
_LOWER_IS_BETTER: Final = Polarity.LOWER_IS_BETTER
_CHANGE: Final = TargetKind.CHANGE
_LEVEL: Final = TargetKind.LEVEL
_AT_MOST: Final = TargetKind.AT_MOST
_AT_LEAST: Final = TargetKind.AT_LEAST
_HIGHER_IS_BETTER: Final = Polarity.HIGHER_IS_BETTER


def _missing_for_change(goal: Goal) -> Undecided:
    missing = [name for name in ("target", "timeframe") if getattr(goal, name) is None]
    return Undecided(tuple(missing or ["baseline"]), "the required change cannot be computed")


@rule(
    "A001",
    Criterion.ACHIEVABLE,
    summary={
        "en": "Required growth far above history",
        "nl": "Vereiste groei ver boven de historie",
    },
    message={
        "en": "Reaching the target needs {metric} to change by {required:+.0%} a year, far "
        "above its history of {history:+.0%} a year (at most {limit:+.0%} a year is within "
        "reach).",
        "nl": "Om het doel te halen moet {metric:the} met {required:+.0%} per jaar veranderen, "
        "ver boven de {history:+.0%} per jaar uit de historie (hooguit {limit:+.0%} per jaar "
        "is haalbaar).",
        "en:stretch": "Even for a stretch goal, reaching the target needs {metric} to change "
        "by {required:+.0%} a year, far above its history of {history:+.0%} a year (the "
        "looser stretch bound is {limit:+.0%} a year).",
        "nl:stretch": "Zelfs voor een stretchdoel moet {metric:the} met {required:+.0%} per "
        "jaar veranderen, ver boven de {history:+.0%} per jaar uit de historie (de ruimere "
        "grens voor stretchdoelen is {limit:+.0%} per jaar).",
    },
    suggestion={
        "en": "Set a target within {limit:+.0%} a year of the current value, or give the goal "
        "more time.",
        "nl": "Stel een doel binnen {limit:+.0%} per jaar van de huidige waarde, of geef het "
        "doel meer tijd.",
    },
    field="target",
    evidence=["history"],
)
def growth_above_history(goal: Goal, context: Context) -> tuple[Hit | Undecided, ...]:
    """Checks the yearly change a goal needs against the metric's historical change.

    The needed change runs from the baseline, over the baseline's own period (its
    ``baseline_period``, or the period of the history that holds the baseline), to the
    target's period, or without a baseline from the last value in the history; see
    :func:`~smartgoals.scoring.rules._trend.required_change`. The history runs from its
    first to its last value. Both are yearly log changes. Only a change in the direction
    the goal wants (its direction, else its metric's polarity) can be out of reach. The goal is flagged when it
    needs more than twice the historical change and more than the history plus 25% a
    year. STRETCH goals are judged against a looser bound (three times, plus 50%) and
    the finding says so. See :func:`growth_limit`.

    Why it matters:
        The article: if you made $700,000 last year, do not set a $5 million goal this
        year. Out-of-reach goals stop motivating; +10% on a history of +20% a year is
        fine.

    Example:
        Revenue of $5,000,000 in 2027, after $630,000 in 2025 and $700,000 in 2026.

    Use instead:
        Revenue of $800,000 in 2027 (+14%), with a stretch goal of $900,000.
    """
    facts = trend(goal, context)
    hist, change = facts.rate, facts.change
    if hist is None:
        return (Undecided(("history",), "the history needs positive first and last values"),)
    if change is None or change.rate is None:
        return (_missing_for_change(goal),)
    if change.ratio == 1:
        return ()
    sign = 1 if change.ratio > 1 else -1
    if sign != (favourable_sign(goal) or _polarity_sign(goal.metric)):
        # A move the other way than the goal wants is never out of reach (A005 judges
        # whether it is too easy), so one goal is never both impossible and too easy.
        return ()
    needed = sign * change.rate
    stretch = goal.type is _STRETCH
    limit = growth_limit(sign * hist, stretch=stretch)
    if needed > limit:
        return (
            Hit(
                {
                    "metric": goal.metric,
                    "required": as_rate(sign * needed),
                    "history": as_rate(hist),
                    "limit": as_rate(sign * limit),
                    "years": Decimal(str(round(change.years, 2))),
                },
                variant="stretch" if stretch else None,
            ),
        )
    return ()


def _perfect_value(goal: Goal) -> Decimal | None:
    metric, target = goal.metric, goal.target
    if metric is None or target is None:
        return None
    if metric.polarity is _LOWER_IS_BETTER:
        if target.kind is _CHANGE:
            return target.value if target.relative and target.value == -1 else None
        if target.kind in (_LEVEL, _AT_MOST) and (
            metric.minimum is not None and target.value <= metric.minimum
        ):
            return target.value
        return None
    if target.kind in (_LEVEL, _AT_LEAST) and (
        metric.maximum is not None and target.value >= metric.maximum
    ):
        return target.value
    return None


@rule(
    "A002",
    Criterion.ACHIEVABLE,
    summary={"en": "Absolute target", "nl": "Absolute doelwaarde"},
    message={
        "en": "The target {target} is the best {metric} can ever be: a single miss (one lost "
        "customer, one lost deal) and the goal is lost for good.",
        "nl": "De doelwaarde {target} is het best mogelijke voor {metric:the}: één misser (één "
        "verloren klant, één verloren deal) en het doel is definitief verloren.",
    },
    suggestion={
        "en": "Aim for a level that can be beaten and kept, e.g. 'below 2%' instead of zero, "
        "or '90%' instead of 100%.",
        "nl": "Mik op een niveau dat haalbaar en houdbaar is, bijv. 'onder 2%' in plaats van "
        "nul, of '90%' in plaats van 100%.",
    },
    severity=Severity.WARNING,
    field="target",
)
def absolute_target(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for targets at the metric's perfect value: zero churn, a 100% win rate.

    Why it matters:
        Perfection is rarely achievable and never recoverable: once one customer churns,
        a zero-churn goal has failed for the rest of the period and stops guiding work.

    Example:
        Reach zero churn in 2027.

    Use instead:
        Reduce customer churn to below 1% a month by the end of 2027.
    """
    value = _perfect_value(goal)
    if value is not None:
        assert goal.target is not None
        return (Hit({"metric": goal.metric, "target": str(goal.target)}),)
    return ()


def _bound_text(value: Decimal | None, infinite: str) -> str:
    return infinite if value is None else format_amount(value)


def _bounds(low: Decimal | None, high: Decimal | None) -> dict[str, str]:
    return {"low": _bound_text(low, "-∞"), "high": _bound_text(high, "∞")}


@rule(
    "A003",
    Criterion.ACHIEVABLE,
    summary={
        "en": "Target outside the possible range",
        "nl": "Doelwaarde buiten het mogelijke bereik",
    },
    message={
        "en": "A change of {change} cannot fit in the possible range of {metric} "
        "({low} to {high}).",
        "nl": "Een verandering van {change} past niet binnen het mogelijke bereik van "
        "{metric:the} ({low} tot {high}).",
        "en:history": "From its latest value of {base}, a change of {change} takes {metric} "
        "to {resolved}, outside its possible range ({low} to {high}).",
        "nl:history": "Vanaf de laatste waarde {base} brengt een verandering van {change} "
        "{metric:the} op {resolved}, buiten het mogelijke bereik ({low} tot {high}).",
    },
    suggestion={
        "en": "Choose a target inside the range; write a rate as a fraction (0.25 for 25%).",
        "nl": "Kies een doelwaarde binnen het bereik; schrijf een percentage als fractie "
        "(0,25 voor 25%).",
    },
    field="target",
)
def outside_range(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the target can lie inside the metric's possible range.

    A Goal already refuses a level or a resolved change outside the range. This rule
    catches what the goal alone cannot: an absolute change wider than the whole range
    ("raise the win rate by 2"), and a change that, from the latest value in the
    context's history, lands outside the range.

    Why it matters:
        A win rate above 100% or a negative churn rate cannot be reached by anyone; such
        targets usually hide a unit mistake (25 instead of 0.25).

    Example:
        Raise the win rate by 50% (with a current win rate of 80%).

    Use instead:
        Raise the win rate from 80% to 85%.
    """
    metric, target = goal.metric, goal.target
    if metric is None or target is None or target.kind is not _CHANGE:
        return ()
    low, high = metric.minimum, metric.maximum
    if (
        not target.relative
        and low is not None
        and high is not None
        and abs(target.value) > high - low
    ):
        return (Hit({"metric": metric, "change": str(target), **_bounds(low, high)}),)
    history = history_of(goal, context)
    if goal.baseline is None and history:
        base = history[-1][1]
        resolved = base * (1 + target.value) if target.relative else base + target.value
        if not metric.in_range(resolved):
            values = {"metric": metric, "change": str(target), "base": base, "resolved": resolved}
            return (Hit({**values, **_bounds(low, high)}, variant="history"),)
    return ()


def _resolved_target(goal: Goal, context: Context) -> Decimal | None:
    """The target as an amount over the timeframe (a rate's total), to compare with capacity."""
    target = goal.target
    if target is None:
        return None
    if target.kind is not _CHANGE or goal.baseline is not None:
        return target_amount(goal)
    history = history_of(goal, context)
    if not history:
        return None
    base = history[-1][1]
    if target.per is not None:
        # A run rate from the latest value: the total of its path of milestones.
        try:
            return attrs.evolve(goal, baseline=base).target_total()
        except SmartGoalsError:
            return None
    return base * (1 + target.value) if target.relative else base + target.value


@rule(
    "A004",
    Criterion.ACHIEVABLE,
    summary={"en": "Target beyond capacity", "nl": "Doelwaarde boven de capaciteit"},
    message={
        "en": "The target of {target} for {metric} is beyond what the available resources "
        "can reach ({capacity}).",
        "nl": "De doelwaarde {target} voor {metric:the} ligt buiten wat de beschikbare middelen "
        "kunnen halen ({capacity}).",
    },
    suggestion={
        "en": "Bring the target within {capacity}, or add capacity (people, budget, time).",
        "nl": "Breng de doelwaarde binnen {capacity}, of voeg capaciteit toe (mensen, budget, "
        "tijd).",
    },
    field="target",
    evidence=["capacity"],
)
def above_capacity(goal: Goal, context: Context) -> tuple[Hit | Undecided, ...]:
    """Checks the target against the capacity the context gives for the metric.

    Capacity is the best value the available resources can reach in the goal's
    timeframe: the most for a higher-is-better metric (12 reps × 40 demos a month × 12
    months), the least for a lower-is-better one. A rate is compared as its total over
    the timeframe (:meth:`~smartgoals.goals.Goal.target_total`): "20 demos a week in Q3"
    is 263 demos. For a ROLE owner ("each AE") that is one holder's total, so give the
    capacity of one holder.

    Why it matters:
        The article: judge how well your current resources fit a goal; more leads may
        need more business development reps, which not every organisation can afford.

    Example:
        Book 8,000 demos in 2027 with a team that can hold 5,760.

    Use instead:
        Book 5,500 demos in 2027, or hire two more reps first.
    """
    metric = goal.metric
    assert metric is not None
    value = _resolved_target(goal, context)
    if value is None:
        return (Undecided(("target",) if goal.target is None else ("baseline",)),)
    capacity = context.capacity[metric.key]
    higher = metric.polarity is _HIGHER_IS_BETTER
    if (higher and value > capacity) or (not higher and value < capacity):
        return (Hit({"metric": metric, "target": value, "capacity": capacity}),)
    return ()


@rule(
    "A005",
    Criterion.ACHIEVABLE,
    summary={"en": "Target below the trend", "nl": "Doelwaarde onder de trend"},
    message={
        "en": "The target asks {metric} to change by {required:+.0%} a year, less than half "
        "its trend of {history:+.0%} a year: it may be reached without trying.",
        "nl": "Het doel vraagt een verandering van {metric:the} van {required:+.0%} per jaar, "
        "minder dan de helft van de trend van {history:+.0%} per jaar: het wordt misschien "
        "vanzelf gehaald.",
    },
    suggestion={
        "en": "Check that the goal is ambitious enough, e.g. at least the trend of "
        "{history:+.0%} a year.",
        "nl": "Controleer of het doel ambitieus genoeg is, bijv. minstens de trend van "
        "{history:+.0%} per jaar.",
    },
    severity=Severity.INFO,
    field="target",
    evidence=["history"],
)
def below_trend(goal: Goal, context: Context) -> tuple[Hit | Undecided, ...]:
    """Checks for a goal that asks less than half of what the trend already delivers.

    Why it matters:
        The article warns against goals that stop being hard: reached without effort,
        they neither stretch the team nor tell you anything.

    Example:
        Increase revenue by 5% in 2027, after growing 20% a year.

    Use instead:
        Increase revenue by 20% in 2027, with a stretch goal of 25%.
    """
    facts = trend(goal, context)
    hist, change = facts.rate, facts.change
    if hist is None or change is None or change.rate is None:
        return (_missing_for_change(goal) if hist is not None else Undecided(("history",)),)
    sign = favourable_sign(goal) or _polarity_sign(goal.metric)
    needed = change.rate
    if sign * hist > 0 and sign * needed < sign * hist / 2:
        return (
            Hit({"metric": goal.metric, "required": as_rate(needed), "history": as_rate(hist)}),
        )
    return ()


def _polarity_sign(metric: Metric | None) -> int:
    return -1 if metric is not None and metric.polarity is _LOWER_IS_BETTER else 1


#: Without history, a goal's own numbers may ask at most this factor a year (×3) ...
OWN_GROWTH_BOUND: Final = 3
#: ... or a fall of at most this share a year (66%); beyond either, A006 warns.
OWN_FALL_BOUND: Final = Decimal("0.66")
_OWN_GROWTH_LOG: Final = math.log(OWN_GROWTH_BOUND)
_OWN_FALL_LOG: Final = math.log(1 - float(OWN_FALL_BOUND))
_A_YEAR: Final = Phrase("a year", "per jaar")
_NEARLY_A_YEAR: Final = 0.99  # a calendar year is 365/365.25 of an average one
_WITHIN: Final = Phrase("within the goal's timeframe", "binnen de termijn van het doel")


@rule(
    "A006",
    Criterion.ACHIEVABLE,
    summary={
        "en": "Change beyond reach by the goal's own numbers",
        "nl": "Verandering buiten bereik volgens de eigen getallen van het doel",
    },
    message={
        "en": "From its baseline of {baseline} to the target of {target}, {metric} must grow "
        "×{factor} {pace}: more than ×3 a year, the most a goal can ask without a history "
        "that shows it can be done.",
        "nl": "Van de beginwaarde {baseline} naar de doelwaarde {target} moet {metric:the} "
        "×{factor} {pace} groeien: meer dan ×3 per jaar, het hoogste dat een doel kan "
        "vragen zonder historie die laat zien dat het kan.",
        "en:fall": "From its baseline of {baseline} to the target of {target}, {metric} must "
        "fall by {fall:.0%} {pace}: more than 66% a year, the most a goal can ask without a "
        "history that shows it can be done.",
        "nl:fall": "Van de beginwaarde {baseline} naar de doelwaarde {target} moet "
        "{metric:the} met {fall:.0%} {pace} dalen: meer dan 66% per jaar, het hoogste dat "
        "een doel kan vragen zonder historie die laat zien dat het kan.",
    },
    suggestion={
        "en": "Give the history of {metric} (Context.history) to judge the goal, or aim "
        "nearer, e.g. {bound}.",
        "nl": "Geef de historie van {metric:the} (Context.history) om het doel te beoordelen, "
        "of mik dichterbij, bijv. {bound}.",
    },
    severity=Severity.WARNING,
    field="target",
)
def beyond_own_bound(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks the change a goal asks for against a stated bound, from its own numbers.

    A goal's own baseline is evidence too. Without a history of the metric (which is the
    stronger evidence: A001 and A005 then judge the goal and this rule is silent), a
    goal that asks more than ×3 a year (:data:`OWN_GROWTH_BOUND`) or a fall of more than
    66% a year (:data:`OWN_FALL_BOUND`) gets a WARNING, and Achievable is partial rather
    than unknown. The change runs from the baseline's own period (``baseline_period``)
    to the target's, as in A001; over a year or less the bound holds for the whole
    change (×3 in total), so short goals are not judged by extrapolation. A goal within
    the bound is not shown achievable by it: Achievable stays unknown.

    Why it matters:
        The article: if you made $700,000 last year, do not set a $5 million goal this
        year. That goal shows its own problem, history or not.

    Example:
        Revenue of $5,000,000 in 2027, from $700,000 in 2026 (no history given).

    Use instead:
        Revenue of $800,000 in 2027 (+14%), with a stretch goal of $900,000.
    """
    # context.has("history", goal), without its dispatch on the name.
    if goal.metric is None or "history" in context._present_for(goal):
        return ()
    change = required_change(goal, ())
    if change is None or change.rate is None or change.base is None:
        return ()
    span = max(change.years, 1.0)
    total = change.rate * change.years
    growing = total > _OWN_GROWTH_LOG * span
    if not growing and total >= _OWN_FALL_LOG * span:
        return ()
    assert goal.target is not None
    target = goal.target_value if goal.target.kind is _CHANGE else goal.target.value
    limit = math.exp((_OWN_GROWTH_LOG if growing else _OWN_FALL_LOG) * span)
    bound = change.base * Decimal(str(round(limit, 4)))
    # Per year over a year or more; over a shorter goal, the whole change.
    pace = total / span
    values: dict[str, object] = {
        "metric": goal.metric,
        "baseline": change.base,
        "target": target,
        "factor": Decimal(str(round(math.exp(pace), 1))),
        "fall": Decimal(str(round(-math.expm1(pace), 4))),
        "pace": _A_YEAR if change.years > _NEARLY_A_YEAR else _WITHIN,
        "bound": format_amount(bound.quantize(goal.metric.quantum)),
        "years": Decimal(str(round(change.years, 2))),
    }
    return (Hit(values, variant=None if growing else "fall"),)


#: The Achievable rules, registered through the ``smartgoals.rules`` entry point group.
RULES = (
    growth_above_history,
    absolute_target,
    outside_range,
    above_capacity,
    below_trend,
    beyond_own_bound,
)
