"""Measurable (M): a number, a baseline to measure it from, and no ambiguity.

>>> from smartgoals import metrics
>>> from smartgoals.goals import Goal, Target
>>> from smartgoals.scoring import Context
>>> goal = Goal(metric=metrics.get("win_rate"), target=Target.change("0.05"))
>>> [f.code for r in RULES for f in r.check(goal, Context())]
['M002', 'M004']
"""

from __future__ import annotations

from smartgoals._numbers import format_amount
from smartgoals.goals import Direction, Goal, TargetKind
from smartgoals.metrics import Unit
from smartgoals.scoring import vocabulary
from smartgoals.scoring._model import Context, Criterion, Hit, Phrase, Severity
from smartgoals.scoring._registry import rule

__all__ = [
    "RULES",
    "no_currency",
    "no_target",
    "percent_of_rate",
    "placeholder",
    "relative_without_baseline",
    "zero_change",
]

_THE_METRIC = Phrase("the metric", "de maatstaf")


@rule(
    "M001",
    Criterion.MEASURABLE,
    summary="Goal has no number",
    message={
        "en": "The goal has no target: there is no number to measure progress against.",
        "nl": "Het doel heeft geen doelwaarde: er is geen getal om voortgang aan te meten.",
    },
    suggestion={
        "en": "Add a target, e.g. 'by 10%' or 'to €1,200,000'.",
        "nl": "Voeg een doelwaarde toe, bijv. 'met 10%' of 'tot € 1.200.000'.",
    },
    field="target",
)
def no_target(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal has a target value.

    Why it matters:
        Without a number you cannot benchmark performance or set up tools to track
        progress (the article's Measurable step: "increase revenue by $1 million").

    Example:
        Increase revenue this year.

    Use instead:
        Increase revenue by $1 million in 2027.
    """
    if goal.target is None:
        return (Hit(),)
    return ()


@rule(
    "M002",
    Criterion.MEASURABLE,
    summary="Relative change without a baseline",
    message={
        "en": "The goal changes {metric} by {change} but does not record the baseline it "
        "starts from.",
        "nl": "Het doel verandert {metric} met {change}, maar legt de beginwaarde niet vast.",
    },
    suggestion={
        "en": "Record the baseline, e.g. 'from {example}' for this year's starting value.",
        "nl": "Leg de beginwaarde vast, bijv. 'van {example}' als startwaarde van dit jaar.",
    },
    severity=Severity.WARNING,
    field="baseline",
)
def relative_without_baseline(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that a percentage change records the value it is a percentage of.

    Why it matters:
        "+10%" of an unrecorded number cannot be checked at the end of the year: people
        remember different starting points.

    Example:
        Increase monthly revenue by 10% in a year.

    Use instead:
        Increase monthly revenue from €100,000 by 10% (to €110,000) in a year.
    """
    target = goal.target
    if target is not None and target.relative and goal.baseline is None:
        unit = goal.metric.unit if goal.metric else None
        example = (
            # "€100k" reads the same in English and Dutch number formats.
            {Unit.CURRENCY: "€100k", Unit.RATIO: "20%"}.get(unit, "120") if unit else "120"
        )
        return (
            Hit({"metric": goal.metric or _THE_METRIC, "change": str(target), "example": example}),
        )
    return ()


@rule(
    "M003",
    Criterion.MEASURABLE,
    summary="Placeholder instead of a value",
    message={
        "en": "The statement holds a placeholder instead of a value: {placeholders}.",
        "nl": "De zin bevat een opvulling in plaats van een waarde: {placeholders}.",
    },
    suggestion={
        "en": "Replace each placeholder with the number you commit to.",
        "nl": "Vervang elke opvulling door het getal waaraan je je verbindt.",
    },
    field="statement",
)
def placeholder(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for "tbd", "n.t.b.", "?" and similar where a value belongs.

    Why it matters:
        A goal with a value still to be decided is not a goal yet; it cannot be
        measured, planned or tracked.

    Example:
        Increase revenue by TBD% in Q3.

    Use instead:
        Increase revenue by 8% in Q3 2027.
    """
    parsed = context.statement
    if parsed is not None:
        found = tuple(dict.fromkeys(span.text for span in parsed.placeholders))
    else:
        found = tuple(vocabulary.placeholders_in(goal.statement))
    if found:
        return (Hit({"placeholders": ", ".join(f"“{p}”" for p in found)}),)
    return ()


@rule(
    "M004",
    Criterion.MEASURABLE,
    summary="Percent change of a rate",
    message={
        "en": "A change of {change} in {metric} is ambiguous: {change} of the current rate, "
        "or {points} percentage points?",
        "nl": "Een verandering van {change} in {metric} is dubbelzinnig: {change} van het "
        "huidige percentage, of {points} procentpunt?",
    },
    suggestion={
        "en": "State the target rate instead, e.g. 'from 20% to 25%'.",
        "nl": "Noem liever het doelpercentage, bijv. 'van 20% naar 25%'.",
    },
    severity=Severity.WARNING,
    field="target",
)
def percent_of_rate(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for a relative change of a metric that is itself a rate.

    Why it matters:
        "Raise the win rate by 5%" from 20% means 21% to one reader and 25% to another.

    Example:
        Raise the win rate by 5% by the end of the year.

    Use instead:
        Raise the win rate from 20% to 25% by 31 December 2027.
    """
    target, metric = goal.target, goal.metric
    if target is not None and target.relative and metric is not None and metric.unit is Unit.RATIO:
        return (
            Hit(
                {
                    "metric": metric,
                    "change": str(target),
                    "points": format_amount(abs(target.value) * 100),
                }
            ),
        )
    return ()


@rule(
    "M005",
    Criterion.MEASURABLE,
    summary="Money target without a currency",
    message={
        "en": "The target for {metric} is an amount of money without a currency.",
        "nl": "De doelwaarde voor {metric} is een geldbedrag zonder valuta.",
    },
    suggestion={
        "en": "Add the currency, e.g. 'EUR' or 'USD'.",
        "nl": "Voeg de valuta toe, bijv. 'EUR' of 'USD'.",
    },
    severity=Severity.WARNING,
    field="currency",
)
def no_currency(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that an amount of money says which currency it is in.

    Relative changes ("+10%") need no currency.

    Why it matters:
        Teams in several countries read "1,000,000" in their own currency.

    Example:
        Reach 2,400,000 ARR by the end of 2027.

    Use instead:
        Reach $2,400,000 ARR by 31 December 2027.
    """
    target, metric = goal.target, goal.metric
    if (
        target is not None
        and not target.relative
        and metric is not None
        and metric.unit is Unit.CURRENCY
        and goal.currency is None
    ):
        return (Hit({"metric": metric}),)
    return ()


@rule(
    "M006",
    Criterion.MEASURABLE,
    summary="Change of zero",
    message={
        "en": "The goal wants to {direction} {metric} but its change is zero.",
        "nl": "Het doel wil {metric} {direction}, maar de verandering is nul.",
    },
    suggestion={
        "en": "Give the size of the change, or say the goal is to maintain the level.",
        "nl": "Geef de grootte van de verandering, of zeg dat het doel is het niveau te behouden.",
    },
    severity=Severity.WARNING,
    field="target",
)
def zero_change(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for a change target of zero on a goal that wants to move the metric.

    Why it matters:
        "Increase revenue by 0%" is either a typo or a goal to hold steady; both
        should be written as what they mean.

    Example:
        Increase revenue by 0% in 2027.

    Use instead:
        Maintain revenue at €1,200,000 in 2027.
    """
    target = goal.target
    if (
        target is not None
        and target.kind is TargetKind.CHANGE
        and target.value == 0
        and goal.direction is not Direction.MAINTAIN
    ):
        return (
            Hit(
                {
                    "metric": goal.metric or _THE_METRIC,
                    "direction": goal.direction or Direction.INCREASE,
                }
            ),
        )
    return ()


#: The Measurable rules, registered through the ``smartgoals.rules`` entry point group.
RULES = (
    no_target,
    relative_without_baseline,
    placeholder,
    percent_of_rate,
    no_currency,
    zero_change,
)
