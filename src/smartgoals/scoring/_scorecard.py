"""Scorecards: the status, score and findings per criterion, and the verdict."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence, Set
from types import MappingProxyType
from typing import Final

import attrs

from smartgoals.goals import Goal
from smartgoals.scoring._model import (
    Criterion,
    CriterionStatus,
    Finding,
    Severity,
    Verdict,
    check_lang,
)

__all__ = ["CriterionResult", "Scorecard", "build_scorecard"]

#: How much each WARNING takes off a criterion's score; a PARTIAL score stays >= this.
_WARNING_WEIGHT: Final = 0.25
_WIDTH: Final = 80
_CRITERIA: Final = tuple(Criterion)


@attrs.frozen
class CriterionResult:
    """How a goal does on one criterion.

    Args:
        criterion: The criterion.
        status: MET, PARTIAL, NOT_MET or UNKNOWN.
        score: 1.0 when met, 0.0 when not met, in between when partial (each WARNING
            takes off 0.25, down to 0.25); ``None`` when unknown.
        findings: The findings about this criterion, errors first.
        evidence_needed: For an UNKNOWN criterion, what evidence would decide it.

    >>> r = CriterionResult(Criterion.SPECIFIC, CriterionStatus.MET, 1.0)
    >>> r.status.value, r.findings
    ('met', ())
    """

    criterion: Criterion
    status: CriterionStatus
    score: float | None
    findings: tuple[Finding, ...] = ()
    evidence_needed: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        """Whether the status is anything but UNKNOWN.

        >>> CriterionResult(Criterion.REALISTIC, CriterionStatus.UNKNOWN, None).known
        False
        """
        return self.status is not CriterionStatus.UNKNOWN


_STATUS_COLOURS: Final = {
    CriterionStatus.MET: "#1a7f37",
    CriterionStatus.PARTIAL: "#9a6700",
    CriterionStatus.NOT_MET: "#cf222e",
    CriterionStatus.UNKNOWN: "#6e7781",
}
_SEVERITY_COLOURS: Final = {
    Severity.ERROR: "#cf222e",
    Severity.WARNING: "#9a6700",
    Severity.INFO: "#0969da",
}
_HEADINGS: Final = {
    "en": {
        "title": "SMART scorecard",
        "goal": "Goal",
        "criterion": "Criterion",
        "status": "Status",
        "score": "Score",
        "findings": "Findings",
        "none": "No findings.",
        "unknown": "Unknown: evidence that would decide",
        "untitled": "(no statement)",
    },
    "nl": {
        "title": "SMART-scorekaart",
        "goal": "Doel",
        "criterion": "Criterium",
        "status": "Status",
        "score": "Score",
        "findings": "Bevindingen",
        "none": "Geen bevindingen.",
        "unknown": "Onbekend: bewijs dat de doorslag zou geven",
        "untitled": "(geen tekst)",
    },
}


def _frozen_criteria(
    value: Mapping[Criterion, CriterionResult],
) -> Mapping[Criterion, CriterionResult]:
    if value is ALL_MET:  # read-only already, and nothing else holds its dict
        return value
    return MappingProxyType(dict(value))


@attrs.frozen
class Scorecard:
    """The result of scoring a goal against SMART.

    Args:
        goal: The goal scored.
        criteria: Criterion → result, in S, M, A, R, T order.
        findings: Every finding, sorted by severity then code.
        score: 0–100: the mean score of the known criteria (0 if none is known).
        verdict: SMART if every known criterion is met, PARTIALLY_SMART if exactly one
            is not fully met and another is met, NOT_SMART otherwise (also when none is
            known).
        lang: The language of the messages.

    >>> from smartgoals.scoring import score
    >>> card = score(Goal(statement="Sell more"))
    >>> card.verdict.value, card.score, sorted(c.letter for c in card.unknown)
    ('not_smart', 0, ['A', 'R'])
    """

    goal: Goal
    criteria: Mapping[Criterion, CriterionResult] = attrs.field(
        converter=_frozen_criteria, eq=False, hash=False
    )
    findings: tuple[Finding, ...]
    score: int
    verdict: Verdict
    lang: str = "en"

    @property
    def unknown(self) -> Mapping[Criterion, tuple[str, ...]]:
        """The UNKNOWN criteria and, for each, what evidence would decide it.

        >>> from smartgoals.scoring import score
        >>> score(Goal()).unknown[Criterion.REALISTIC][0]
        'the sales channels in use (Context.channels)'
        """
        return MappingProxyType(
            {c: r.evidence_needed for c, r in self.criteria.items() if not r.known}
        )

    @property
    def known(self) -> tuple[Criterion, ...]:
        """The criteria with a known status.

        >>> from smartgoals.scoring import score
        >>> [c.letter for c in score(Goal()).known]
        ['S', 'M', 'T']
        """
        return tuple(c for c, r in self.criteria.items() if r.known)

    def status(self, criterion: Criterion | str) -> CriterionStatus:
        """The status of one criterion (given as a Criterion or any of its names).

        >>> from smartgoals.scoring import score
        >>> score(Goal()).status("T")
        <CriterionStatus.NOT_MET: 'not_met'>
        """
        key = criterion if isinstance(criterion, Criterion) else Criterion.parse(criterion)
        return self.criteria[key].status

    def codes(self, severity: Severity | None = None) -> tuple[str, ...]:
        """The codes of the findings, optionally of one severity, in finding order.

        >>> from smartgoals.scoring import score
        >>> score(Goal()).codes(Severity.ERROR)[:2]
        ('M001', 'S001')
        """
        return tuple(f.code for f in self.findings if severity is None or f.severity is severity)

    def to_dict(self) -> dict[str, object]:
        """A JSON-safe dictionary of the whole scorecard.

        >>> import json
        >>> from smartgoals.scoring import score
        >>> data = score(Goal(statement="Sell more")).to_dict()
        >>> data["verdict"], data["criteria"]["time_bound"]["status"], bool(json.dumps(data))
        ('not_smart', 'not_met', True)
        """
        return {
            "statement": self.goal.statement,
            "verdict": self.verdict.value,
            "score": self.score,
            "lang": self.lang,
            "criteria": {
                c.value: {
                    "label": c.label(self.lang),
                    "status": r.status.value,
                    "score": r.score,
                    "findings": [f.code for f in r.findings],
                    "evidence_needed": list(r.evidence_needed),
                }
                for c, r in self.criteria.items()
            },
            "findings": [f.to_dict() for f in self.findings],
        }

    def _goal_text(self) -> str:
        goal = self.goal
        if goal.statement:
            return goal.statement
        parts = [
            goal.metric.label(self.lang) if goal.metric else None,
            str(goal.target) if goal.target else None,
            str(goal.timeframe) if goal.timeframe else None,
        ]
        text = ", ".join(p for p in parts if p)
        return text or _HEADINGS[self.lang]["untitled"]

    def __str__(self) -> str:
        """A table of criteria, then the findings with their suggestions, within 80 columns.

        >>> from smartgoals.scoring import score
        >>> print(str(score(Goal(statement="Sell more"), lang="nl")).splitlines()[0])
        SMART-scorekaart: niet SMART (0/100)
        """
        words = _HEADINGS[self.lang]
        lines = [f"{words['title']}: {self.verdict.label(self.lang)} ({self.score}/100)"]
        lines += textwrap.wrap(
            f"{words['goal']}: {self._goal_text()}", _WIDTH, subsequent_indent="  "
        )
        lines.append("")
        lines.append(f"  {words['criterion']:<14}{words['status']:<14}{words['score']:>5}")
        for criterion, result in self.criteria.items():
            value = "–" if result.score is None else f"{result.score:.2f}"
            lines.append(
                f"  {criterion.label(self.lang):<14}{result.status.label(self.lang):<14}{value:>5}"
            )
        lines.append("")
        lines.append(f"{words['findings']}:")
        if not self.findings:
            lines.append(f"  {words['none']}")
        for finding in self.findings:
            head = (
                f"  {finding.code} {finding.severity.label(self.lang)} "
                f"[{finding.criterion.label(self.lang)}] "
            )
            lines += textwrap.wrap(
                head + finding.message, _WIDTH, subsequent_indent=" " * 6, break_on_hyphens=False
            )
            if finding.suggestion:
                lines += textwrap.wrap(
                    finding.suggestion,
                    _WIDTH,
                    initial_indent="    → ",
                    subsequent_indent=" " * 6,
                    break_on_hyphens=False,
                )
        unknown = self.unknown
        if unknown:
            lines.append("")
            lines.append(f"{words['unknown']}:")
            for criterion, evidence in unknown.items():
                lines += textwrap.wrap(
                    f"{criterion.label(self.lang)}: {'; '.join(evidence)}",
                    _WIDTH,
                    initial_indent="  ",
                    subsequent_indent=" " * 4,
                    break_on_hyphens=False,
                )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks, with status colours and no external assets.

        >>> from smartgoals.scoring import score
        >>> "<table" in score(Goal())._repr_html_()
        True
        """
        esc = html.escape
        words = _HEADINGS[self.lang]
        badge = (
            "display:inline-block;padding:0 .5em;border-radius:.6em;color:#fff;"
            "font-size:90%;background:"
        )
        rows = []
        for criterion, result in self.criteria.items():
            value = "–" if result.score is None else f"{result.score:.2f}"
            detail = "; ".join(result.evidence_needed) if not result.known else ""
            rows.append(
                f"<tr><td>{esc(criterion.label(self.lang))}</td>"
                f'<td><span style="{badge}{_STATUS_COLOURS[result.status]}">'
                f"{esc(result.status.label(self.lang))}</span></td>"
                f'<td style="text-align:right">{value}</td>'
                f'<td style="color:#6e7781">{esc(detail)}</td></tr>'
            )
        items = []
        for finding in self.findings:
            suggestion = (
                f'<br><span style="color:#57606a">→ {esc(finding.suggestion)}</span>'
                if finding.suggestion
                else ""
            )
            items.append(
                f'<li><code>{esc(finding.code)}</code> <span style="color:'
                f'{_SEVERITY_COLOURS[finding.severity]}">'
                f"{esc(finding.severity.label(self.lang))}</span> "
                f"{esc(finding.message)}{suggestion}</li>"
            )
        findings = f"<ul>{''.join(items)}</ul>" if items else f"<p>{esc(words['none'])}</p>"
        return (
            '<div class="smartgoals-scorecard">'
            f"<p><strong>{esc(words['title'])}: {esc(self.verdict.label(self.lang))}</strong> "
            f"({self.score}/100)<br>{esc(words['goal'])}: {esc(self._goal_text())}</p>"
            f"<table><thead><tr><th>{esc(words['criterion'])}</th><th>{esc(words['status'])}"
            f"</th><th>{esc(words['score'])}</th><th></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{findings}</div>"
        )


_EVIDENCE_TEXT: Final = {
    "en": {
        "history": "the history of {metric} (Context.history[{key!r}]: two or more periods)",
        "capacity": "the capacity for {metric} (Context.capacity[{key!r}])",
        "channels": "the sales channels in use (Context.channels)",
        "activity_goals": "the activity goals behind the goal (Context.activity_goals)",
        "as_of": "the date to judge on (Context.as_of)",
        "extras": "Context.extras[{key!r}]",
        "goal": "the goal's {field} (Goal.{field})",
        "no_rules": "rules for this criterion (none is selected)",
        "metric": "the metric",
    },
    "nl": {
        "history": "de historie van {metric} (Context.history[{key!r}]: twee of meer perioden)",
        "capacity": "de capaciteit voor {metric} (Context.capacity[{key!r}])",
        "channels": "de verkoopkanalen die in gebruik zijn (Context.channels)",
        "activity_goals": "de activiteitsdoelen achter het doel (Context.activity_goals)",
        "as_of": "de datum waarop beoordeeld wordt (Context.as_of)",
        "extras": "Context.extras[{key!r}]",
        "goal": "het veld {field} van het doel (Goal.{field})",
        "no_rules": "regels voor dit criterium (er is er geen geselecteerd)",
        "metric": "de maatstaf",
    },
}


def _describe(evidence: str, goal: Goal, lang: str) -> str:
    texts = _EVIDENCE_TEXT[lang]
    metric = goal.metric.label(lang) if goal.metric else texts["metric"]
    key = goal.metric.key if goal.metric else "<metric key>"
    if evidence in ("history", "capacity", "channels", "activity_goals", "as_of"):
        return texts[evidence].format(metric=metric, key=key)
    if evidence.startswith("extras:"):
        return texts["extras"].format(key=evidence[7:])
    return texts["goal"].format(field=evidence)


def _criterion_result(
    criterion: Criterion,
    findings: Sequence[Finding],
    checked: bool,
    decided: bool,
    needed: Iterable[tuple[str, ...]],
    goal: Goal,
    lang: str,
) -> CriterionResult:
    # ``findings`` are already in scorecard order (severity, then code).
    if not findings:
        if decided:
            return _MET[criterion]
        ordered: tuple[Finding, ...] = ()
        errors = warnings = 0
    else:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        ordered = tuple(findings)
    if errors:
        return CriterionResult(criterion, CriterionStatus.NOT_MET, 0.0, ordered)
    if warnings:
        partial = max(_WARNING_WEIGHT, 1.0 - _WARNING_WEIGHT * warnings)
        return CriterionResult(criterion, CriterionStatus.PARTIAL, partial, ordered)
    if decided:
        return CriterionResult(criterion, CriterionStatus.MET, 1.0, ordered)
    if not checked:
        evidence: tuple[str, ...] = (_EVIDENCE_TEXT[lang]["no_rules"],)
    else:
        names = dict.fromkeys(name for group in needed for name in group)
        evidence = tuple(_describe(name, goal, lang) for name in names)
    return CriterionResult(criterion, CriterionStatus.UNKNOWN, None, ordered, evidence)


_MET: Final = {c: CriterionResult(c, CriterionStatus.MET, 1.0) for c in Criterion}
#: Every criterion met, as a read-only mapping (the criteria of a SMART scorecard).
ALL_MET: Final = MappingProxyType(_MET)
_ALL_CRITERIA: Final = frozenset(Criterion)


def _sort_key(finding: Finding) -> tuple[int, str]:
    return (finding.severity.rank, finding.code)


def build_scorecard(
    goal: Goal,
    findings: Iterable[Finding],
    checked: Set[Criterion],
    decided: Set[Criterion],
    needed: Mapping[Criterion, Iterable[tuple[str, ...]]],
    lang: str = "en",
) -> Scorecard:
    """Assemble a scorecard from the findings of a run.

    Args:
        goal: The goal scored.
        findings: Every finding.
        checked: Criteria at least one selected rule checks.
        decided: Criteria a rule could decide (for Achievable and Realistic: a rule
            whose evidence was present).
        needed: Criterion → evidence groups that undecided rules asked for.
        lang: The language.

    Returns:
        The scorecard.

    >>> card = build_scorecard(Goal(), [], set(Criterion), set(Criterion), {})
    >>> card.verdict.value, card.score
    ('smart', 100)
    """
    check_lang(lang)
    if not findings and decided >= _ALL_CRITERIA:
        # The common case of a good goal: every criterion decided and nothing found
        # (an iterator is always true here and takes the full path, to the same card).
        return Scorecard(goal, ALL_MET, (), 100, Verdict.SMART, lang)
    all_findings = sorted(findings, key=_sort_key)
    by_criterion: dict[Criterion, list[Finding]] = {}
    for finding in all_findings:
        by_criterion.setdefault(finding.criterion, []).append(finding)
    criteria = {
        c: _criterion_result(
            c, by_criterion.get(c, ()), c in checked, c in decided, needed.get(c, ()), goal, lang
        )
        for c in _CRITERIA
    }
    known = short = 0
    total = 0.0
    for result in criteria.values():
        if result.score is not None:
            known += 1
            total += result.score
            short += result.status is not CriterionStatus.MET
    if not known:
        verdict = Verdict.NOT_SMART
    elif short == 0:
        verdict = Verdict.SMART
    elif short == 1 and known > 1:
        verdict = Verdict.PARTIALLY_SMART
    else:
        verdict = Verdict.NOT_SMART
    overall = round(100 * total / known) if known else 0
    return Scorecard(goal, criteria, tuple(all_findings), overall, verdict, lang)
