"""Scorecards: the status, score and findings per criterion, and the verdict."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence, Set
from types import MappingProxyType
from typing import Final

import attrs

from smartgoals._numbers import format_amount
from smartgoals.exceptions import SmartGoalsError
from smartgoals.goals import Goal, Owner, Scope, Target, TargetKind
from smartgoals.scoring import vocabulary
from smartgoals.scoring._model import (
    Criterion,
    CriterionStatus,
    Finding,
    Severity,
    Verdict,
    check_lang,
)
from smartgoals.timeframes import Granularity

__all__ = [
    "PARTIALLY_SMART_SCORE",
    "CriterionResult",
    "Scorecard",
    "build_scorecard",
    "owner_text",
    "target_text",
    "verdict_for",
]

#: How much each WARNING takes off a criterion's score; a PARTIAL score stays >= this.
_WARNING_WEIGHT: Final = 0.25
#: The lowest overall score that is still PARTIALLY SMART ("little is missing"): one
#: criterion in five not met, or warnings worth less than a fifth of the known criteria.
PARTIALLY_SMART_SCORE: Final = 80
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


_CADENCE: Final = {
    "en": {
        Granularity.YEAR: "a year",
        Granularity.HALF: "a half-year",
        Granularity.QUARTER: "a quarter",
        Granularity.MONTH: "a month",
        Granularity.WEEK: "a week",
        Granularity.DAY: "a day",
    },
    "nl": {
        Granularity.YEAR: "per jaar",
        Granularity.HALF: "per halfjaar",
        Granularity.QUARTER: "per kwartaal",
        Granularity.MONTH: "per maand",
        Granularity.WEEK: "per week",
        Granularity.DAY: "per dag",
    },
}
_SYMBOLS: Final = {TargetKind.LEVEL: "=", TargetKind.AT_MOST: "≤", TargetKind.AT_LEAST: "≥"}
_NL_NUMBER: Final = str.maketrans(".,", ",.")


def target_text(target: Target, lang: str = "en") -> str:
    """A target in short form in ``lang``, with its rate: ``≥ 20 a week``, ``+10% per maand``.

    Args:
        target: The target.
        lang: ``"en"`` or ``"nl"`` (Dutch numbers and cadences).

    Returns:
        The text; in English the same as ``str(target)``.

    >>> target_text(Target.at_least(20, per="week"))
    '≥ 20 a week'
    >>> target_text(Target.change("0.125", per="month"), "nl")
    '+12,5% per maand'
    """
    check_lang(lang)
    value = target.value
    if target.kind is TargetKind.CHANGE:
        sign = "+" if value >= 0 else "-"
        amount = abs(value) * 100 if target.relative else abs(value)
        text = f"{sign}{format_amount(amount)}{'%' if target.relative else ''}"
    else:
        text = f"{_SYMBOLS[target.kind]} {format_amount(value)}"
    if lang == "nl":
        text = text.translate(_NL_NUMBER)
    return text if target.per is None else f"{text} {_CADENCE[lang][target.per]}"


_SCOPE_TEXT: Final = {
    "en": {
        Scope.COMPANY: "the company",
        Scope.TEAM: "a team, one shared target",
        Scope.INDIVIDUAL: "one person",
        Scope.ROLE: "each holder of the role",
    },
    "nl": {
        Scope.COMPANY: "het bedrijf",
        Scope.TEAM: "een team, één gedeeld doel",
        Scope.INDIVIDUAL: "één persoon",
        Scope.ROLE: "iedereen met deze rol",
    },
}


def owner_text(owner: Owner, lang: str = "en") -> str:
    """An owner with its scope in ``lang``: ``AE (each holder of the role)``.

    Args:
        owner: The owner.
        lang: ``"en"`` or ``"nl"``.

    Returns:
        The owner's name and, in brackets, whom the target holds for.

    >>> owner_text(Owner("AE", Scope.ROLE)), owner_text(Owner("AE", Scope.ROLE), "nl")
    ('AE (each holder of the role)', 'AE (iedereen met deze rol)')
    """
    return f"{owner.name} ({_SCOPE_TEXT[check_lang(lang)][owner.scope]})"


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
        "target": "Target",
        "total": "{total} in total",
        "each": "{total} in total for each",
        "owner": "Owner",
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
        "target": "Doelwaarde",
        "total": "{total} in totaal",
        "each": "{total} in totaal voor ieder",
        "owner": "Eigenaar",
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
        score: 0–100: the mean score of the known criteria, rounded (0 if none is known).
        verdict: The verdict the score gives (:func:`verdict_for`): SMART at 100 (every
            known criterion met), PARTIALLY_SMART from :data:`PARTIALLY_SMART_SCORE`,
            NOT_SMART below it and when no criterion is known.
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

    def _rate_lines(self) -> list[str]:
        """The rate ("Target: ≥ 20 a week (263 in total)") and the owner with its scope."""
        goal, lang = self.goal, self.lang
        words = _HEADINGS[lang]
        lines = []
        if goal.target is not None and goal.target.per is not None:
            text = f"{words['target']}: {target_text(goal.target, lang)}"
            try:
                total = format_amount(goal.target_total())
            except SmartGoalsError:  # a run rate without a baseline, or no timeframe
                total = None
            if total is not None:
                role = goal.owner is not None and goal.owner.scope is Scope.ROLE
                total = total.translate(_NL_NUMBER) if lang == "nl" else total
                text += f" ({words['each' if role else 'total'].format(total=total)})"
            lines.append(text)
        if goal.owner is not None:
            lines.append(f"{words['owner']}: {owner_text(goal.owner, lang)}")
        return lines

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
        lines += self._rate_lines()
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
        import html  # notebooks only: html.entities is a large table

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
    metric = (
        vocabulary.with_article(goal.metric.label(lang), lang) if goal.metric else texts["metric"]
    )
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
# Read on every good goal's card; reading it off the enum class is a slow lookup.
_SMART: Final = Verdict.SMART


def _sort_key(finding: Finding) -> tuple[int, str]:
    return (finding.severity.rank, finding.code)


def verdict_for(score: int, *, known: int = 1) -> Verdict:
    """The verdict an overall score gives, so the two never order goals differently.

    The SMARTSpan convention, extended to five criteria and made monotone: SMART when
    every known criterion is met (the score is then 100, and only then: one warning on
    one of five criteria already takes it to 95), PARTIALLY SMART when little is missing
    (a score of at least :data:`PARTIALLY_SMART_SCORE`), NOT SMART otherwise. Unknown
    criteria count neither way; with none known the goal is NOT SMART.

    Because a criterion's score is 1.0 when met, 0.25 to 0.75 with warnings and 0.0 with
    an error, a worse status never raises the score, and so never improves the verdict.

    Args:
        score: The overall score, 0–100.
        known: How many criteria are known.

    Returns:
        The verdict.

    >>> verdict_for(100).value, verdict_for(83).value, verdict_for(67).value
    ('smart', 'partially_smart', 'not_smart')
    >>> verdict_for(0, known=0).value
    'not_smart'
    """
    if not known:
        return Verdict.NOT_SMART
    if score >= 100:
        return Verdict.SMART
    if score >= PARTIALLY_SMART_SCORE:
        return Verdict.PARTIALLY_SMART
    return Verdict.NOT_SMART


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
        return Scorecard(goal, ALL_MET, (), 100, _SMART, lang)
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
    known = 0
    total = 0.0
    for result in criteria.values():
        if result.score is not None:
            known += 1
            total += result.score
    overall = round(100 * total / known) if known else 0
    verdict = verdict_for(overall, known=known)
    return Scorecard(goal, criteria, tuple(all_findings), overall, verdict, lang)
