"""Specific (S): say what is measured, what changes, how, and who owns it.

>>> from smartgoals.goals import Goal
>>> from smartgoals.scoring import Context
>>> [f.code for r in RULES for f in r.check(Goal(statement="Improve our numbers"), Context())]
['S001', 'S002', 'S003', 'S005']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from smartgoals.goals import Goal, GoalType
from smartgoals.metrics import MetricKind
from smartgoals.scoring import vocabulary
from smartgoals.scoring._define import rule
from smartgoals.scoring._model import Context, Criterion, Hit, Severity

if TYPE_CHECKING:
    from smartgoals.language import Span

__all__ = ["RULES", "no_metric", "no_owner", "no_strategy", "several_goals", "vague_verb"]

# Enum members read for every goal scored, kept as module constants: reading a
# member off its enum class is a slow attribute lookup (tens of nanoseconds each).
_ACTIVITY_GOAL: Final = GoalType.ACTIVITY
_ACTIVITY_METRIC: Final = MetricKind.ACTIVITY


@rule(
    "S001",
    Criterion.SPECIFIC,
    summary={"en": "Goal names no metric", "nl": "Doel noemt geen maatstaf"},
    message={
        "en": "The goal does not say what is measured: more of what?",
        "nl": "Het doel zegt niet wat er gemeten wordt: meer van wat?",
    },
    suggestion={
        "en": "Name the metric, e.g. 'revenue from new customers' or 'demos booked'.",
        "nl": "Noem de maatstaf, bijv. 'omzet uit nieuwe klanten' of 'geboekte demo's'.",
    },
    field="metric",
)
def no_metric(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal names the metric it is about.

    Why it matters:
        "Let's sell more this quarter" gives a team nothing to aim at: more items, more
        revenue, more customers? The article opens with exactly this example.

    Example:
        Sell more this quarter.

    Use instead:
        Increase revenue from new customers by 10% this quarter.
    """
    if goal.metric is None:
        return (Hit(),)
    return ()


@rule(
    "S002",
    Criterion.SPECIFIC,
    summary={"en": "Vague verb with no object", "nl": "Vaag werkwoord zonder lijdend voorwerp"},
    message={
        "en": "“{statement}” promises to {verb} something without naming what.",
        "nl": "“{statement}” belooft iets te {verb} zonder te zeggen wat.",
    },
    suggestion={
        "en": "Replace the vague verb with a metric and a number, e.g. 'raise the win rate "
        "from 20% to 25%'.",
        "nl": "Vervang het vage werkwoord door een maatstaf en een getal, bijv. 'verhoog het "
        "winstpercentage van 20% naar 25%'.",
    },
    field="statement",
)
def vague_verb(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for a statement that is a vague verb with nothing measurable after it.

    Only statements of goals without a metric are checked: once a metric is known, the
    object is known. The verbs and filler words are in
    :mod:`smartgoals.scoring.vocabulary` (English and Dutch).

    Why it matters:
        "Improve our numbers" sounds like a goal but commits to nothing; nobody can
        tell whether it was reached.

    Example:
        Improve our numbers.

    Use instead:
        Raise the win rate from 20% to 25% by 30 June 2027.
    """
    statement = goal.statement
    if goal.metric is not None:
        return ()
    parsed = context.statement
    if parsed is not None:
        if parsed.is_vague:
            return (Hit({"statement": parsed.text.strip(), "verb": parsed.vague_verbs[0].text}),)
    elif vocabulary.vague_without_object(statement):
        verb = vocabulary.vague_verb_in(statement)
        return (Hit({"statement": (statement or "").strip(), "verb": verb}),)
    return ()


@rule(
    "S003",
    Criterion.SPECIFIC,
    summary={"en": "Goal does not say how", "nl": "Doel zegt niet hoe"},
    message={
        "en": "The goal says what to reach but not how it will be reached.",
        "nl": "Het doel zegt wat er bereikt moet worden, maar niet hoe.",
    },
    suggestion={
        "en": "Add the approach, e.g. 'by using consultative selling'.",
        "nl": "Voeg de aanpak toe, bijv. 'door consultatieve verkoop te gebruiken'.",
    },
    severity=Severity.WARNING,
    field="strategy",
)
def no_strategy(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that an outcome goal says how it will be reached (its strategy).

    Activity goals (calls, demos, emails) are themselves the "how" and are not checked.

    Why it matters:
        The article's Specific step: "do not just say you want to grow revenue; describe
        how you will do it", for example with consultative selling.

    Example:
        Increase revenue from our primary product by 10% in 2027.

    Use instead:
        Increase revenue from our primary product by 10% in 2027 by using consultative
        selling.
    """
    if goal.type is _ACTIVITY_GOAL or (
        goal.metric is not None and goal.metric.kind is _ACTIVITY_METRIC
    ):
        return ()
    if not (goal.strategy or "").strip():
        return (Hit(),)
    return ()


@rule(
    "S004",
    Criterion.SPECIFIC,
    summary={"en": "Several goals in one statement", "nl": "Meerdere doelen in één zin"},
    message={
        "en": "The statement sets {count} goals at once: {clauses}.",
        "nl": "De zin stelt {count} doelen tegelijk: {clauses}.",
    },
    suggestion={
        "en": "Split it into one goal per metric, each with its own target and deadline.",
        "nl": "Splits het in één doel per maatstaf, elk met een eigen doelwaarde en deadline.",
    },
    severity=Severity.WARNING,
    field="statement",
)
def several_goals(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks for a statement that joins several targets with "and", "en" or ";".

    Why it matters:
        Each goal needs its own metric, target, deadline and follow-up; joined goals are
        tracked as one and blur which part was missed (the article's example 10 sets a
        win-rate target and a mentoring target in one sentence).

    Example:
        Raise the win rate by 8% by the end of the year and mentoring hours by 15% in
        six months.

    Use instead:
        Two goals: "Raise the win rate by 8% by 31 December 2027." and "Raise mentoring
        hours by 15% by 30 June 2027."
    """
    parsed = context.statement
    if parsed is not None:
        # The parser's reading wins when the goal came from text.
        clauses = tuple(_clause(item.spans) for item in parsed.goals)
    elif vocabulary.count_target_clauses(goal.statement) >= 2:
        clauses = tuple(vocabulary.target_clauses(goal.statement))
    else:
        return ()
    if len(clauses) >= 2:
        quoted = " / ".join(f"“{c}”" for c in clauses)
        return (Hit({"count": len(clauses), "clauses": quoted}),)
    return ()


def _clause(spans: Mapping[str, Span]) -> str:
    """A parsed goal in brief: from its metric (else its first field) to its last field."""
    first = spans.get("metric") or min(spans.values(), key=lambda span: span.start)
    last = max(spans.values(), key=lambda span: span.end)
    return first.text if first is last else f"{first.text} … {last.text}"


@rule(
    "S005",
    Criterion.SPECIFIC,
    summary={"en": "Goal has no owner", "nl": "Doel heeft geen eigenaar"},
    message={
        "en": "Nobody is named as accountable for the goal.",
        "nl": "Niemand wordt genoemd als verantwoordelijke voor het doel.",
    },
    suggestion={
        "en": "Assign an owner: the company, a team or a person, e.g. 'EMEA sales team'.",
        "nl": "Wijs een eigenaar aan: het bedrijf, een team of een persoon, bijv. "
        "'verkoopteam Benelux'.",
    },
    severity=Severity.INFO,
    field="owner",
)
def no_owner(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal names who is accountable.

    Why it matters:
        Doran's original A stood for "Assignable": a goal someone owns gets followed up.
        It is advice (INFO) because a company goal is often owned implicitly.

    Example:
        Increase revenue by 10% in 2027.

    Use instead:
        The EMEA sales team increases revenue by 10% in 2027.
    """
    if goal.owner is None:
        return (Hit(),)
    return ()


#: The Specific rules, registered through the ``smartgoals.rules`` entry point group.
RULES = (no_metric, vague_verb, no_strategy, several_goals, no_owner)
