"""Running rules: one scoring run over the selected rules, and building its scorecard.

This module is the last of scoring's three rooms. A :class:`Runner` holds the rules a
:class:`~smartgoals.scoring.RuleSet` selected, unpacked for the scoring loop; its
:meth:`Runner.score` reads a statement if it is given one, calls every rule (in one pass
when all of them are function rules with their evidence at hand, else rule by rule),
keeps what each rule found, raised or could not decide, and builds the
:class:`~smartgoals.scoring.Scorecard`. Defining rules is :mod:`smartgoals.scoring._define`;
finding and selecting them is :mod:`smartgoals.scoring._select`.

>>> from smartgoals.scoring.rules.time_bound import no_timeframe
>>> runner = Runner([plan(no_timeframe, None)])
>>> card = runner.score(Goal(statement="Sell more"), None, None, False, ())
>>> [f.code for f in card.findings], card.verdict.value
(['T001'], 'not_smart')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import call as _call
from typing import TYPE_CHECKING, TypeAlias

import attrs

from smartgoals.exceptions import InvalidInputError, RuleError
from smartgoals.goals import Goal
from smartgoals.scoring._define import FunctionRule, RuleFunction
from smartgoals.scoring._model import (
    _EVIDENCE_FIELDS as _CONTEXT_EVIDENCE,
)
from smartgoals.scoring._model import (
    EMPTY_CONTEXT,
    Context,
    Criterion,
    Finding,
    Rule,
    Severity,
    Undecided,
    check_lang,
)
from smartgoals.scoring._scorecard import Scorecard, build_scorecard

if TYPE_CHECKING:
    from smartgoals.scoring._select import LoadError

__all__ = ["Active", "Runner", "plan"]

#: A selected rule, unpacked for the scoring loop: the rule, its function (for a
#: FunctionRule), its criterion, the evidence it needs, whether it can show the criterion
#: is met, and the severity override.
Active: TypeAlias = tuple[
    Rule, RuleFunction | None, Criterion, tuple[str, ...], bool, Severity | None
]


def plan(item: Rule, severity: Severity | None) -> Active:
    """Unpack a selected rule for the scoring loop, with its severity override.

    >>> from smartgoals.scoring.rules.time_bound import no_timeframe
    >>> plan(no_timeframe, Severity.WARNING)[2:]
    (<Criterion.TIME_BOUND: 'time_bound'>, (), True, <Severity.WARNING: 'warning'>)
    """
    function = item.function if isinstance(item, FunctionRule) else None
    confirms = bool(item.evidence) or not item.criterion.needs_evidence
    return (item, function, item.criterion, tuple(item.evidence), confirms, severity)


class Runner:
    """The selected rules of a rule set, ready to score goals with.

    Args:
        active: The selected rules, unpacked by :func:`plan`, in code order.

    >>> Runner([]).checked
    frozenset()
    """

    __slots__ = ("active", "calls", "checked", "confirmed", "in_context", "on_goal")

    def __init__(self, active: Iterable[Active]) -> None:
        self.active: tuple[Active, ...] = tuple(active)
        # The criteria some selected rule checks.
        self.checked = frozenset(a[2] for a in self.active)
        # For the fast path of score(): what decides a run where no rule finds anything.
        self.confirmed = frozenset(a[2] for a in self.active if a[4])
        evidence = dict.fromkeys(name for a in self.active for name in a[3])
        # Evidence the context holds (checked with one set comparison) and goal fields.
        self.in_context = frozenset(
            name for name in evidence if name in _CONTEXT_EVIDENCE or name.startswith("extras:")
        )
        self.on_goal = tuple(name for name in evidence if name not in self.in_context)
        functions = [a[1] for a in self.active]
        # Every rule's function, when all are function rules: then one pass calls them.
        self.calls: tuple[RuleFunction, ...] | None = (
            None if None in functions else tuple(functions)  # type: ignore[arg-type]
        )

    def score(
        self,
        goal: Goal | str,
        context: Context | None,
        lang: str | None,
        strict: bool,
        load_errors: Sequence[LoadError],
    ) -> Scorecard:
        """One scoring run: see :meth:`smartgoals.scoring.RuleSet.score`.

        Args:
            goal: The goal, or a goal statement to read.
            context: Evidence about the goal's circumstances.
            lang: The language of the messages, or ``None`` for the statement's own.
            strict: Raise instead of reporting failing rules and load errors.
            load_errors: The rule set's load errors (raised with ``strict``).

        Returns:
            The scorecard.

        Raises:
            RuleError: with ``strict=True``, naming the failing rule and its plugin.
            InvalidInputError: if ``goal`` is not a Goal or ``lang`` is unknown.
        """
        if lang is not None:
            check_lang(lang)
        if context is None:
            context = EMPTY_CONTEXT
        elif not isinstance(context, Context):
            raise InvalidInputError(
                f"context must be a Context, got {type(context).__name__}",
                name="context",
                value=context,
            )
        if isinstance(goal, str):
            goal, context = _read_statement(goal, context)
            assert context.statement is not None
            if lang is None:
                lang = context.statement.lang
        elif not isinstance(goal, Goal):
            raise InvalidInputError(
                f"score() takes a Goal or a goal statement (str), got "
                f"{type(goal).__name__} ({goal!r})",
                name="goal",
                value=goal,
            )
        if lang is None:
            lang = "en"
        if strict and load_errors:
            first = load_errors[0]
            raise RuleError(str(first), origin=first.origin)
        calls = self.calls
        if (
            calls is not None
            and self.in_context <= context._present_for(goal)
            and (not self.on_goal or all(context.has(name, goal) for name in self.on_goal))
        ):
            # Every rule is a function rule and has its evidence: call them all, then
            # look at what they returned (most of the time: nothing at all).
            produced: list[object] = []
            while len(produced) < len(calls):
                try:
                    # The calls run one after another in C; when a rule raises, what the
                    # rules before it returned is already in the list.
                    produced.extend(
                        map(
                            _call,
                            calls[len(produced) :] if produced else calls,
                            repeat(goal),
                            repeat(context),
                        )
                    )
                except Exception as exc:  # reported below, in code order
                    produced.append(_Raised(exc))
            if not any(produced):
                return build_scorecard(goal, (), self.checked, self.confirmed, {}, lang)
            run = _Run(goal, lang, strict)
            decided = run.decided
            for active, result in zip(self.active, produced, strict=True):
                if result == ():  # found nothing (the common case): decided if it confirms
                    if active[4]:
                        decided.add(active[2])
                    continue
                run.take(active, result)
            return run.scorecard(self.checked)
        run = _Run(goal, lang, strict)
        present: dict[str, bool] = {}
        for active in self.active:
            item, function, criterion, evidence, _confirms, severity = active
            if evidence:
                missing: tuple[str, ...] = ()
                for name in evidence:
                    has = present.get(name)
                    if has is None:
                        has = present[name] = context.has(name, goal)
                    if not has:
                        missing += (name,)
                if missing:
                    run.needed.setdefault(criterion, []).append(missing)
                    continue
            try:
                result = (
                    _check(item, goal, context, lang, severity)
                    if function is None
                    else function(goal, context)
                )
            except Exception as exc:  # a failing rule is reported, never silently dropped
                result = _Raised(exc)
            run.take(active, result)
        return run.scorecard(self.checked)


@attrs.frozen
class _Raised:
    """What a rule raised, kept to be reported in code order."""

    error: Exception


class _Run:
    """The findings, decided criteria and missing evidence of one scoring run."""

    __slots__ = ("decided", "findings", "goal", "lang", "needed", "strict")

    def __init__(self, goal: Goal, lang: str, strict: bool) -> None:
        self.goal = goal
        self.lang = lang
        self.strict = strict
        self.findings: list[Finding] = []
        self.decided: set[Criterion] = set()
        self.needed: dict[Criterion, list[tuple[str, ...]]] = {}

    def take(self, active: Active, produced: object) -> None:
        """Add what one rule returned (or raised) to the run."""
        item, function, criterion, _evidence, confirms, severity = active
        results: Sequence[Finding | Undecided]
        try:
            if type(produced) is _Raised:
                raise produced.error
            # Built-in rules return tuples; generators and other iterables are run to the
            # end here, inside the try. Most rules find nothing: render only what was found.
            results = produced if type(produced) is tuple else [*produced]  # type: ignore[misc]
            if results and function is not None:  # a Rule's own check() renders
                render = item.render  # type: ignore[attr-defined]
                lang = self.lang
                results = [
                    result if isinstance(result, Undecided) else render(result, lang, severity)
                    for result in results
                ]
        except Exception as exc:  # a failing rule is reported, never silently dropped
            if self.strict:
                raise RuleError(
                    f"rule {item.code} from {item.origin!r} raised {type(exc).__name__}: {exc}",
                    code=item.code,
                    origin=item.origin,
                ) from exc
            # Keep the findings of earlier rules; none of this rule's are kept.
            self.findings.append(_failure(item, exc, self.lang))
            return
        undecided = False
        for result in results:
            if isinstance(result, Undecided):
                self.needed.setdefault(criterion, []).append(result.evidence)
                undecided = True
            else:
                self.findings.append(result)
        if confirms and not undecided:
            self.decided.add(criterion)

    def scorecard(self, checked: frozenset[Criterion]) -> Scorecard:
        """The scorecard of the run."""
        return build_scorecard(
            self.goal, self.findings, checked, self.decided, self.needed, self.lang
        )


def _check(
    item: Rule, goal: Goal, context: Context, lang: str, severity: Severity | None
) -> list[Finding | Undecided]:
    produced: list[Finding | Undecided] = []
    for result in item.check(goal, context, lang):
        if isinstance(result, Undecided):
            produced.append(result)
        elif isinstance(result, Finding) and result.code == item.code:
            produced.append(
                result if severity is None else attrs.evolve(result, severity=severity)
            )
        else:
            raise TypeError(
                f"check() must yield Finding values with code {item.code!r} or Undecided, "
                f"got {result!r}"
            )
    return produced


def _failure(item: Rule, exc: Exception, lang: str) -> Finding:
    error = f"{type(exc).__name__}: {exc}"
    if lang == "nl":
        message = f"Regel {item.code} (van {item.origin}) faalde en is overgeslagen: {error}"
        suggestion = f"Meld dit bij de makers van {item.origin}, of negeer {item.code}."
    else:
        message = f"Rule {item.code} (from {item.origin}) failed and was skipped: {error}"
        suggestion = f"Report this to the maintainers of {item.origin}, or ignore {item.code}."
    return Finding(
        item.code,
        item.criterion,
        Severity.WARNING,
        message,
        suggestion,
        None,
        {"rule_failed": True, "error": error, "origin": item.origin},
        lang,
    )


def _read_statement(text: str, context: Context) -> tuple[Goal, Context]:
    """Read a goal statement for scoring: its first goal, and the parser's evidence."""
    # Imported on first use: scoring structured goals needs no parser.
    from smartgoals.language import explain

    # The reading language is the statement's own; ``lang`` only sets the messages'.
    parsed = explain(text, lang=None, today=context.as_of)
    return parsed.goals[0].goal, attrs.evolve(context, statement=parsed)
