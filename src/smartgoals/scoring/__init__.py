"""SMART scoring: explainable, configurable rules and scorecards in English and Dutch.

:func:`score` runs every installed rule (smartgoals' own and plugins', all registered
through the ``smartgoals.rules`` entry point group) and returns a :class:`Scorecard`:
a status and score per criterion, the findings with what to write instead, and a
verdict over the criteria that could be judged.

The package is three rooms on shared values (``_model``, ``_scorecard``): defining rules
(``_define``: :func:`rule`, :class:`FunctionRule`, message templates), finding and
selecting them (``_select``: entry points, :class:`RuleSet`, :func:`score`) and running
them (``_run``: one scoring run and its scorecard). Each loads on first use of one of its
names, so ``import smartgoals.scoring`` costs next to nothing.

>>> from smartgoals.goals import Goal
>>> from smartgoals.scoring import score
>>> card = score(Goal(statement="Sell more this quarter"), lang="nl")
>>> card.verdict.label("nl"), card.status("S").label("nl")
('niet SMART', 'niet voldaan')
>>> print(card.findings[0].suggestion)
Voeg een doelwaarde toe, bijv. 'met 10%' of 'tot € 1.200.000'.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from smartgoals.scoring._define import FunctionRule, rule
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
    from smartgoals.scoring._scorecard import (
        PARTIALLY_SMART_SCORE,
        CriterionResult,
        Scorecard,
        verdict_for,
    )
    from smartgoals.scoring._select import (
        ENTRY_POINT_GROUP,
        LoadError,
        RuleInfo,
        RuleSet,
        available_rules,
        default_rules,
        score,
    )

#: Where each public name lives. Scoring is three rooms: defining rules (``_define``),
#: finding and selecting them (``_select``) and running them (``_run``), on the values of
#: ``_model`` and ``_scorecard``. A module loads on first use of one of its names (PEP 562).
_LAZY: Final = {
    **dict.fromkeys(("FunctionRule", "rule"), "_define"),
    **dict.fromkeys(
        (
            "Context",
            "Criterion",
            "CriterionStatus",
            "Finding",
            "Hit",
            "Phrase",
            "Rule",
            "RuleDocs",
            "Severity",
            "Undecided",
            "Verdict",
        ),
        "_model",
    ),
    **dict.fromkeys(
        ("PARTIALLY_SMART_SCORE", "CriterionResult", "Scorecard", "verdict_for"), "_scorecard"
    ),
    **dict.fromkeys(
        (
            "ENTRY_POINT_GROUP",
            "LoadError",
            "RuleInfo",
            "RuleSet",
            "available_rules",
            "default_rules",
            "score",
        ),
        "_select",
    ),
}


def __getattr__(name: str) -> Any:
    """Load a public name's module on first use and keep the name (PEP 562)."""
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'smartgoals.scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"smartgoals.scoring.{where}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
