"""Measurable (M): a number, a baseline to measure it from, and no ambiguity.

>>> from smartgoals import metrics
>>> from smartgoals.goals import Goal, Target
>>> from smartgoals.scoring import Context
>>> goal = Goal(metric=metrics.get("win_rate"), target=Target.change("0.05"))
>>> [f.code for r in RULES for f in r.check(goal, Context())]
['M002', 'M004']
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

from smartgoals._numbers import format_amount
from smartgoals.goals import Direction, Goal, Target, TargetKind
from smartgoals.metrics import ENTRY_POINT_GROUP as METRICS_ENTRY_POINT_GROUP
from smartgoals.metrics import Unit
from smartgoals.scoring import vocabulary
from smartgoals.scoring._define import rule
from smartgoals.scoring._model import Context, Criterion, Hit, Phrase, Severity
from smartgoals.scoring._scorecard import target_text

__all__ = [
    "RULES",
    "adhoc_metric",
    "no_currency",
    "no_target",
    "percent_of_rate",
    "percent_of_what",
    "placeholder",
    "ratio_above_one",
    "relative_without_baseline",
    "written_as_percent",
    "zero_change",
]

# Enum members read for every goal scored, kept as module constants: reading a
# member off its enum class is a slow attribute lookup (tens of nanoseconds each).
_CURRENCY: Final = Unit.CURRENCY
_RATIO: Final = Unit.RATIO
_DECREASE: Final = Direction.DECREASE
_CHANGE: Final = TargetKind.CHANGE
_MAINTAIN: Final = Direction.MAINTAIN
_INCREASE: Final = Direction.INCREASE
_LEVEL: Final = TargetKind.LEVEL
_AT_LEAST: Final = TargetKind.AT_LEAST
_AT_MOST: Final = TargetKind.AT_MOST
_COUNT: Final = Unit.COUNT

_THE_METRIC = Phrase("the metric", "de maatstaf")
_RAISES: Final = Phrase("increases", "verhoogt")
_LOWERS: Final = Phrase("decreases", "verlaagt")
_CHANGES: Final = Phrase("changes", "verandert")
#: The words that make a number a percentage besides "%": "40 percent", "40 procent".
_PERCENT_WORDS: Final = r"percent|per\s+cent|procent|pct"
_PERCENT_RE: Final = re.compile(
    rf"(\d+(?:[.,]\d+)?)\s*(?:%|(?:{_PERCENT_WORDS})\b)", re.IGNORECASE
)
#: A target's words that make it a percentage: "40%", "40 percent", "40 procent".
_PERCENT_WORD_RE: Final = re.compile(rf"%|\b(?:{_PERCENT_WORDS})\b", re.IGNORECASE)


def _percent(value: Decimal) -> str:
    return f"{format_amount(value * 100)}%"


def _size(target: Target) -> Phrase:
    """The size of a relative change, with its cadence: "10%", "10% a month"."""
    size = Target.change(abs(target.value), per=target.per)
    return Phrase(target_text(size, "en").lstrip("+"), target_text(size, "nl").lstrip("+"))


def written_as_percent(goal: Goal, context: Context) -> bool:
    """Tell whether the goal's target was written as a percentage ("40%", "40 procent").

    The parser's span of the target says so when the goal came from text (the context's
    :attr:`~smartgoals.scoring.Context.statement`); otherwise a percentage in the goal's
    statement that equals the target (0.4 and "40%") does.

    >>> from smartgoals import metrics
    >>> goal = Goal(statement="Book 40% demos in 2027", metric=metrics.get("demos_booked"),
    ...             target=Target.level("0.4"))
    >>> written_as_percent(goal, Context())
    True
    >>> written_as_percent(Goal(statement="Book 40 procent demos", metric=goal.metric,
    ...                         target=goal.target), Context())
    True
    """
    target = goal.target
    if target is None:
        return False
    parsed = context.statement
    if parsed is not None:
        for item in parsed.goals:
            if item.goal is goal or item.goal == goal:
                span = item.spans.get("target")
                return span is not None and _PERCENT_WORD_RE.search(span.text) is not None
    statement = goal.statement
    if not statement or _PERCENT_WORD_RE.search(statement) is None:
        return False
    wanted = target.value * 100
    for number in _PERCENT_RE.findall(statement):
        try:
            if Decimal(number.replace(",", ".")) == wanted:
                return True
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return False


@rule(
    "M001",
    Criterion.MEASURABLE,
    summary={"en": "Goal has no number", "nl": "Doel heeft geen getal"},
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
    summary={
        "en": "Relative change without a baseline",
        "nl": "Relatieve verandering zonder beginwaarde",
    },
    message={
        "en": "The goal {verb} {metric} by {size} but does not record the baseline it "
        "starts from.",
        "nl": "Het doel {verb} {metric:the} met {size}, maar legt de beginwaarde niet vast.",
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
            {_CURRENCY: "€100k", _RATIO: "20%"}.get(unit, "120") if unit else "120"
        )
        verb = _CHANGES if target.value == 0 else _RAISES if target.value > 0 else _LOWERS
        return (
            Hit(
                {
                    "metric": goal.metric or _THE_METRIC,
                    "change": str(target),
                    "verb": verb,
                    "size": _size(target),
                    "example": example,
                }
            ),
        )
    return ()


@rule(
    "M003",
    Criterion.MEASURABLE,
    summary={
        "en": "Placeholder instead of a value",
        "nl": "Opvulling in plaats van een waarde",
    },
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
    summary={"en": "Percent change of a rate", "nl": "Procentuele verandering van een percentage"},
    message={
        "en": "A change of {change} in {metric} is ambiguous: {change} of the current rate, "
        "or {points} percentage points?",
        "nl": "Een verandering van {change} in {metric:the} is dubbelzinnig: {change} van het "
        "huidige percentage, of {points} procentpunt?",
    },
    suggestion={
        "en": "State the target rate instead, e.g. 'from 20% to 25%'.",
        "nl": "Noem liever het doelpercentage, bijv. 'van 20% naar 25%'.",
        "en:decrease": "State the target rate instead, e.g. 'from 25% to 20%'.",
        "nl:decrease": "Noem liever het doelpercentage, bijv. 'van 25% naar 20%'.",
        "en:known": "State the target rate instead: 'from {base} to {relative}' ({change} of "
        "the rate) or 'from {base} to {moved}' ({points} points).",
        "nl:known": "Noem liever het doelpercentage: 'van {base} naar {relative}' ({change} van "
        "het percentage) of 'van {base} naar {moved}' ({points} procentpunt).",
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
    if target is None or not target.relative or metric is None or metric.unit is not _RATIO:
        return ()
    values: dict[str, object] = {
        "metric": metric,
        "change": str(target),
        "points": format_amount(abs(target.value) * 100),
    }
    base = goal.baseline
    if base is not None:
        moved = base + target.value
        if metric.in_range(moved) and metric.in_range(base * (1 + target.value)):
            values |= {
                "base": _percent(base),
                "relative": _percent(base * (1 + target.value)),
                "moved": _percent(moved),
            }
            return (Hit(values, variant="known"),)
    down = target.value < 0 or goal.direction is _DECREASE
    return (Hit(values, variant="decrease" if down else None),)


@rule(
    "M005",
    Criterion.MEASURABLE,
    summary={"en": "Money target without a currency", "nl": "Geldbedrag zonder valuta"},
    message={
        "en": "The target for {metric} is an amount of money without a currency.",
        "nl": "De doelwaarde voor {metric:the} is een geldbedrag zonder valuta.",
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
        and metric.unit is _CURRENCY
        and goal.currency is None
    ):
        return (Hit({"metric": metric}),)
    return ()


@rule(
    "M006",
    Criterion.MEASURABLE,
    summary={"en": "Change of zero", "nl": "Verandering van nul"},
    message={
        "en": "The goal wants to {direction} {metric} but its change is zero.",
        "nl": "Het doel wil {metric:the} {direction}, maar de verandering is nul.",
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
        and target.kind is _CHANGE
        and target.value == 0
        and goal.direction is not _MAINTAIN
    ):
        return (
            Hit(
                {
                    "metric": goal.metric or _THE_METRIC,
                    "direction": goal.direction or _INCREASE,
                }
            ),
        )
    return ()


_LEVELS: Final = (_LEVEL, _AT_LEAST, _AT_MOST)
_AN_AMOUNT: Final = Phrase("an amount of money", "een geldbedrag")
_A_COUNT: Final = Phrase("a count", "een aantal")


@rule(
    "M007",
    Criterion.MEASURABLE,
    summary={
        "en": "Percentage of a count or an amount",
        "nl": "Percentage van een aantal of een bedrag",
    },
    message={
        "en": "The target {percent} is a percentage, but {metric} is {kind}, not a rate: "
        "{percent} of what?",
        "nl": "De doelwaarde {percent} is een percentage, maar {metric:the} is {kind}, geen "
        "percentage: {percent} van wat?",
    },
    suggestion={
        "en": "Name the rate, e.g. 'close rate of {percent}' or '{percent} of the prospects "
        "who see a demo', or give a number, e.g. '40 demos'.",
        "nl": "Noem het percentage, bijv. 'sluitingspercentage van {percent}' of '{percent} "
        "van de prospects die een demo zien', of geef een aantal, bijv. '40 demo's'.",
        "en:money": "Say what the percentage is of, e.g. '+{percent} revenue' for a change, "
        "or give an amount, e.g. '€1,200,000'.",
        "nl:money": "Zeg waarvan het een percentage is, bijv. '+{percent} omzet' voor een "
        "verandering, of geef een bedrag, bijv. '€ 1.200.000'.",
    },
    field="target",
)
def percent_of_what(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for a percentage level on a metric that counts or sums money.

    "Increase revenue to 10%" and "Book 40% demos" give a target of 0.1 in money and 0.4
    demos: exact and meaningless. A percentage is a rate of something; read as a rate
    ("close 40% of the prospects") it is a conversion metric, and this rule does not
    apply. The target counts as written as a percentage when the parser's span of it
    holds "%", or (for a goal built in code) its statement has a percentage equal to it.
    The goal is never Measurable then: an ERROR.

    Why it matters:
        A goal of 0.4 demos can be met by nobody and tracked by nothing; the writer meant
        a rate and left out of what.

    Example:
        Book 40% demos in 2027.

    Use instead:
        Raise the demo-to-deal close rate to 40% in 2027.
    """
    target, metric = goal.target, goal.metric
    if (
        target is None
        or metric is None
        or target.kind not in _LEVELS
        or metric.unit not in (_COUNT, _CURRENCY)
        or not written_as_percent(goal, context)
    ):
        return ()
    money = metric.unit is _CURRENCY
    values = {
        "metric": metric,
        "percent": _percent(target.value),
        "kind": _AN_AMOUNT if money else _A_COUNT,
    }
    return (Hit(values, variant="money" if money else None),)


@rule(
    "M008",
    Criterion.MEASURABLE,
    summary={"en": "Metric not in the catalog", "nl": "Maatstaf niet in de catalogus"},
    message={
        "en": "“{name}” is not in the metric catalog: it is measured as an ad-hoc metric "
        "({key}) without a known range or a direction that is better.",
        "nl": "“{name}” staat niet in de catalogus van maatstaven: het wordt gemeten als een "
        "losse maatstaf ({key}) zonder bekend bereik of een richting die beter is.",
    },
    suggestion={
        "en": "Register it so every goal reads it the same way: "
        "smartgoals.metrics.register(Metric('{key}', ...)), or from a package through the "
        "'{group}' entry point.",
        "nl": "Registreer de maatstaf, zodat elk doel hem hetzelfde leest: "
        "smartgoals.metrics.register(Metric('{key}', ...)), of vanuit een pakket via het "
        "entry point '{group}'.",
    },
    severity=Severity.INFO,
    field="metric",
)
def adhoc_metric(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Notes a metric made from the statement's own words instead of the catalog.

    The reader keeps open-vocabulary activities ("webinars", "QBRs", "klantbezoeken")
    as ad-hoc count metrics (:func:`smartgoals.metrics.adhoc`), so the goal is never left
    without what it measures. Registered, the metric gets its names, synonyms, unit,
    range and polarity, and every statement that names it is read the same way.

    Why it matters:
        An ad-hoc metric is a name and a count: other goals that write it differently,
        or in the other language, will not add up with it.

    Example:
        Organise 4 webinars in Q3 2027.

    Use instead:
        Register a ``webinars`` metric (``smartgoals.metrics.register``) and keep the goal.
    """
    metric = goal.metric
    if metric is not None and metric.is_adhoc:
        return (Hit({"name": metric.name, "key": metric.key, "group": METRICS_ENTRY_POINT_GROUP}),)
    return ()


@rule(
    "M009",
    Criterion.MEASURABLE,
    summary={"en": "Ratio above 1", "nl": "Verhouding boven 1"},
    message={
        "en": "A target of {value} for {metric} means {percent}; a value above 1 is often a "
        "percentage written as a number.",
        "nl": "Een doelwaarde van {value} voor {metric:the} betekent {percent}; een waarde "
        "boven 1 is vaak een percentage dat als getal geschreven is.",
    },
    suggestion={
        "en": "Did you mean {value}%? Write it as {fraction} (or '{value}%'); keep {value} "
        "only if you mean {percent}.",
        "nl": "Bedoel je {value}%? Schrijf dan {fraction} (of '{value}%'); houd {value} alleen "
        "aan als je {percent} bedoelt.",
    },
    severity=Severity.WARNING,
    field="target",
)
def ratio_above_one(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for a target above 1 on a ratio metric whose range allows it.

    Net revenue retention, employee turnover and quota attainment can exceed 100%, so a
    goal of 5 on them is possible, and is refused by nobody. It is far more often "5%"
    written as 5: a WARNING asks. A target written with a "%" in the statement ("NRR of
    120%") is what it says and is not flagged.

    Why it matters:
        "Keep employee turnover below 5" meant as 5% is a goal of 500%: met by any
        company, however many people leave.

    Example:
        Keep employee turnover below 5 in 2027.

    Use instead:
        Keep employee turnover below 5% (0.05) in 2027.
    """
    target, metric = goal.target, goal.metric
    if target is None or metric is None or metric.unit is not _RATIO or target.relative:
        return ()
    if metric.maximum is not None and metric.maximum <= 1:
        return ()  # the goal refuses it (or A003 reports it): no need to ask
    if abs(target.value) <= 1 or written_as_percent(goal, context):
        return ()
    value = abs(target.value)
    return (
        Hit(
            {
                "metric": metric,
                "value": value,
                "percent": _percent(value),
                "fraction": value / 100,
            }
        ),
    )


#: The Measurable rules, registered through the ``smartgoals.rules`` entry point group.
RULES = (
    no_target,
    relative_without_baseline,
    placeholder,
    percent_of_rate,
    no_currency,
    zero_change,
    percent_of_what,
    adhoc_metric,
    ratio_above_one,
)
