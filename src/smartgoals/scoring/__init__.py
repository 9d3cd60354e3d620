"""SMART scoring: explainable, configurable rules and scorecards in English and Dutch.

:func:`score` runs every installed rule (smartgoals' own and plugins', all registered
through the ``smartgoals.rules`` entry point group) and returns a :class:`Scorecard`:
a status and score per criterion, the findings with what to write instead, and a
verdict over the criteria that could be judged.

>>> from datetime import date
>>> from smartgoals.goals import Goal
>>> card = score(Goal(statement="Sell more this quarter"), lang="nl")
>>> card.verdict.label("nl"), card.status("S").label("nl")
('niet SMART', 'niet voldaan')
>>> print(card.findings[0].suggestion)
Voeg een doelwaarde toe, bijv. 'met 10%' of 'tot € 1.200.000'.
"""

from __future__ import annotations

from smartgoals.scoring._model import (
    Context,
    Criterion,
    CriterionStatus,
    Finding,
    Hit,
    Phrase,
    Rule,
    RuleDocs,
    Severity,
    Undecided,
    Verdict,
)
from smartgoals.scoring._registry import (
    ENTRY_POINT_GROUP,
    FunctionRule,
    LoadError,
    RuleInfo,
    RuleSet,
    available_rules,
    default_rules,
    rule,
    score,
)
from smartgoals.scoring._scorecard import (
    PARTIALLY_SMART_SCORE,
    CriterionResult,
    Scorecard,
    verdict_for,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "PARTIALLY_SMART_SCORE",
    "Context",
    "Criterion",
    "CriterionResult",
    "CriterionStatus",
    "Finding",
    "FunctionRule",
    "Hit",
    "LoadError",
    "Phrase",
    "Rule",
    "RuleDocs",
    "RuleInfo",
    "RuleSet",
    "Scorecard",
    "Severity",
    "Undecided",
    "Verdict",
    "available_rules",
    "default_rules",
    "rule",
    "score",
    "verdict_for",
]
