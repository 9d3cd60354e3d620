"""Defining rules: the :func:`rule` decorator, :class:`FunctionRule` and message templates.

This module is the first of scoring's three rooms. It turns a function ``(goal, context)
-> hits`` into a rule with a code, a criterion, documentation read from the docstring,
and message and suggestion templates in English and Dutch, and renders a hit as a
:class:`~smartgoals.scoring.Finding`. Finding and selecting rules is
:mod:`smartgoals.scoring._select`; running them is :mod:`smartgoals.scoring._run`.

>>> from smartgoals.scoring import Criterion
>>> r = rule("X010", Criterion.TIME_BOUND, summary="Needs a deadline",
...          message={"en": "No deadline.", "nl": "Geen deadline."})(lambda goal, context: [{}])
>>> [f.message for f in r.check(Goal(), Context(), "nl")]
['Geen deadline.']
"""

from __future__ import annotations

import enum
import re
import string
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final, TypeAlias

import attrs

from smartgoals._numbers import format_amount
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal
from smartgoals.metrics import Metric
from smartgoals.scoring import vocabulary
from smartgoals.scoring._model import (
    Context,
    Criterion,
    Finding,
    Hit,
    Phrase,
    RuleDocs,
    Severity,
    Undecided,
    _str_tuple,
    check_code,
    check_lang,
)
from smartgoals.timeframes import Timeframe

__all__ = ["FunctionRule", "RuleFunction", "RuleItem", "rule"]

#: What a rule function yields: a hit, a mapping of message values, or undecided.
RuleItem: TypeAlias = Hit | Mapping[str, object] | Undecided
RuleFunction: TypeAlias = Callable[[Goal, Context], Iterable[RuleItem]]

_DIRECTION_WORDS: Final = {
    "en": {
        Direction.INCREASE: "increase",
        Direction.DECREASE: "decrease",
        Direction.MAINTAIN: "maintain",
    },
    "nl": {
        Direction.INCREASE: "verhogen",
        Direction.DECREASE: "verlagen",
        Direction.MAINTAIN: "behouden",
    },
}
_NL_NUMBER: Final = str.maketrans(".,", ",.")


class _MessageFormatter(string.Formatter):
    """Formats template fields for one language: metric names, amounts, dates."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        lang = self.lang
        if isinstance(value, Metric):
            # "{metric:the}" adds the article Dutch needs ("de omzet", "het winstpercentage").
            name = value.label(lang)
            return vocabulary.with_article(name, lang) if format_spec == "the" else name
        if isinstance(value, Criterion):
            return value.label(lang)
        if isinstance(value, Phrase):
            return value.text(lang)
        if isinstance(value, Direction):
            return _DIRECTION_WORDS[lang][value]
        if isinstance(value, enum.Enum):
            return str(value.value)
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            if format_spec:
                text = format(value, format_spec)
            elif isinstance(value, Decimal):
                text = format_amount(value)
            else:
                text = str(value)
            return text.translate(_NL_NUMBER) if lang == "nl" else text
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Timeframe):
            return str(value)
        return format(value, format_spec)


_FORMATTERS: Final = {"en": _MessageFormatter("en"), "nl": _MessageFormatter("nl")}


def _templates(value: Mapping[str, str] | str | None, what: str, code: str) -> Mapping[str, str]:
    if value is None:
        return MappingProxyType({})
    if isinstance(value, str):
        value = {"en": value}
    templates = {str(k): str(v) for k, v in dict(value).items()}
    if templates and "en" not in templates:
        raise InvalidInputError(
            f"rule {code}: {what} needs an English template under 'en' (other languages "
            f"fall back to it), got keys {sorted(templates)}",
            name=what,
            value=value,
        )
    return MappingProxyType(templates)


_SECTION_RE: Final = re.compile(
    r"^(What it does|Why it matters|Example|Use instead):\s*$", re.MULTILINE
)
_SECTION_FIELDS: Final = {
    "What it does": "what",
    "Why it matters": "why",
    "Example": "example",
    "Use instead": "better",
}


def _docs_from_docstring(doc: str | None, summary: str) -> RuleDocs:
    if not doc:
        return RuleDocs(summary)
    first, _, rest = doc.partition("\n")
    text = first.strip() + "\n" + textwrap.dedent(rest)
    parts = _SECTION_RE.split(text)
    sections = {"what": " ".join(parts[0].split()) or summary}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        sections[_SECTION_FIELDS[heading]] = " ".join(textwrap.dedent(body).split())
    return RuleDocs(**sections)


def _origin_of(function: Callable[..., object]) -> str:
    return str(getattr(function, "__module__", "") or "unknown").split(".")[0]


@attrs.frozen(eq=False)
class FunctionRule:
    """A rule made from a function by :func:`rule`.

    The function takes ``(goal, context)`` and yields :class:`~smartgoals.scoring.Hit`
    values (or plain mappings of message values); the rule renders each hit as a
    :class:`~smartgoals.scoring.Finding` from its message and suggestion templates in
    the requested language. It may also yield :class:`~smartgoals.scoring.Undecided`
    when the evidence it needs is missing.

    Args:
        code: The rule code.
        criterion: The criterion checked.
        summary: A one-line summary.
        function: The check.
        messages: Language (optionally ``"lang:variant"``) → message template.
        suggestions: Language (optionally ``"lang:variant"``) → suggestion template.
        severity: The default severity of findings.
        field: The goal field the findings are about.
        docs: What it checks, why, an example and the better version.
        evidence: Evidence the rule needs (see :meth:`~smartgoals.scoring.Context.has`);
            without it the function is not called and the rule is undecided.
        off_by_default: Run only when selected.
        origin: The package that registered the rule.
        summaries: The summary per language (``"en"`` is :attr:`summary`); see
            :meth:`summary_in`.

    >>> r = rule("X001", Criterion.SPECIFIC, summary="No strategy",
    ...          message={"en": "No strategy for {metric}.", "nl": "Geen strategie voor {metric}."},
    ...          severity=Severity.WARNING)(lambda goal, context: [{"metric": goal.metric}])
    >>> from smartgoals import metrics
    >>> [f.message for f in r.check(Goal(metric=metrics.get("revenue")), Context(), "nl")]
    ['Geen strategie voor omzet.']
    """

    code: str = attrs.field(validator=lambda _i, _a, v: check_code(v))
    criterion: Criterion = attrs.field(validator=attrs.validators.instance_of(Criterion))
    summary: str
    function: RuleFunction
    messages: Mapping[str, str]
    suggestions: Mapping[str, str] = MappingProxyType({})
    severity: Severity = attrs.field(
        default=Severity.ERROR, validator=attrs.validators.instance_of(Severity)
    )
    field: str | None = None
    docs: RuleDocs = attrs.field(
        default=attrs.Factory(lambda self: RuleDocs(self.summary), takes_self=True)
    )
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    off_by_default: bool = False
    origin: str = attrs.field(
        default=attrs.Factory(lambda self: _origin_of(self.function), takes_self=True)
    )
    summaries: Mapping[str, str] = MappingProxyType({})

    def summary_in(self, lang: str = "en") -> str:
        """The one-line summary in ``lang``, falling back to English.

        >>> from smartgoals.scoring.rules.time_bound import no_timeframe
        >>> no_timeframe.summary_in("nl")
        'Doel heeft geen deadline'
        """
        return self.summaries.get(check_lang(lang)) or self.summary

    def __attrs_post_init__(self) -> None:
        if not self.messages or "en" not in self.messages:
            raise InvalidInputError(
                f"rule {self.code} needs a message template, at least in English ('en')",
                name="message",
                value=self.messages,
            )

    def check(
        self, goal: Goal, context: Context, lang: str = "en"
    ) -> Iterator[Finding | Undecided]:
        """Run the rule on ``goal`` and yield its findings in ``lang``.

        Args:
            goal: The goal to check.
            context: Evidence about the goal's circumstances.
            lang: ``"en"`` or ``"nl"``.

        Returns:
            An iterator of findings, or one :class:`~smartgoals.scoring.Undecided` when
            the evidence the rule needs is missing.

        >>> r = rule("X002", Criterion.ACHIEVABLE, summary="Needs history", evidence=["history"],
        ...          message="unused")(lambda goal, context: ())
        >>> list(r.check(Goal(), Context()))
        [Undecided(evidence=('history',), reason='')]
        """
        check_lang(lang)
        missing = [e for e in self.evidence if not context.has(e, goal)]
        if missing:
            yield Undecided(tuple(missing))
            return
        for item in self.function(goal, context):
            if isinstance(item, Undecided):
                yield item
            else:
                yield self.render(item, lang)

    def render(
        self, item: Hit | Mapping[str, object], lang: str = "en", severity: Severity | None = None
    ) -> Finding:
        """Render one hit as a finding in ``lang``.

        Args:
            item: A :class:`~smartgoals.scoring.Hit` or a mapping of message values.
            lang: ``"en"`` or ``"nl"``; a missing Dutch template falls back to English.
            severity: Overrides every other severity (a rule set's per-code override).

        Returns:
            The finding.

        Raises:
            KeyError: if a template names a value the hit lacks.

        >>> r = rule("X003", Criterion.MEASURABLE, summary="s", message="Target {target:.0%}.",
        ...          suggestion={"en": "Say it.", "nl": "Zeg het."})(lambda g, c: ())
        >>> r.render({"target": Decimal("0.125")}, "nl").message
        'Target 12%.'
        """
        hit = item if isinstance(item, Hit) else Hit(item)
        formatter = _FORMATTERS[lang]
        values = hit.values
        message = formatter.vformat(_pick(self.messages, lang, hit.variant), (), values)
        suggestion = (
            formatter.vformat(_pick(self.suggestions, lang, hit.variant), (), values)
            if self.suggestions
            else ""
        )
        return Finding(
            self.code,
            self.criterion,
            severity or hit.severity or self.severity,
            message,
            suggestion,
            self.field,
            values,
            lang,
        )

    def __repr__(self) -> str:
        return f"<rule {self.code} ({self.criterion.name}) from {self.origin!r}: {self.summary}>"


def _pick(templates: Mapping[str, str], lang: str, variant: str | None) -> str:
    if variant is not None:
        for key in (f"{lang}:{variant}", f"en:{variant}"):
            if key in templates:
                return templates[key]
    return templates.get(lang) or templates["en"]


def rule(
    code: str,
    criterion: Criterion,
    *,
    summary: Mapping[str, str] | str,
    message: Mapping[str, str] | str,
    suggestion: Mapping[str, str] | str | None = None,
    severity: Severity = Severity.ERROR,
    field: str | None = None,
    evidence: Sequence[str] = (),
    off_by_default: bool = False,
    docs: RuleDocs | None = None,
    origin: str | None = None,
) -> Callable[[RuleFunction], FunctionRule]:
    """Turn a function ``(goal, context) -> hits`` into a rule.

    The rule's documentation comes from ``docs`` or else from the function's docstring,
    read as sections ``What it does:``, ``Why it matters:``, ``Example:`` and
    ``Use instead:`` (the text before the first section counts as "what it does").

    Args:
        code: A stable code, ``^[A-Z]{1,4}[0-9]{3}$``; plugins use their own prefix.
        criterion: The criterion checked.
        summary: A one-line summary for listings, or one per language
            (``{"en": ..., "nl": ...}``; English is required).
        message: Message template per language (``{"en": ..., "nl": ...}``), or one
            English template. Fields name values in the hits (``{metric}``); keys such
            as ``"en:stretch"`` are variants chosen by ``Hit(variant="stretch")``.
        suggestion: What to do instead, as an imperative, per language.
        severity: The default severity.
        field: The goal field the findings are about.
        evidence: Evidence the rule needs (``"history"``, ``"channels"``, ...,
            ``"extras:<key>"``); for Achievable and Realistic, only rules with evidence
            can show the criterion is met.
        off_by_default: Run only when ``select`` holds the rule's full code.
        docs: The documentation, instead of the docstring.
        origin: The registering package (default: the function's top-level package;
            rules loaded from entry points get their distribution's name).

    Returns:
        A decorator that returns a :class:`FunctionRule`.

    Raises:
        InvalidInputError: for a malformed code or a message without English.

    >>> from smartgoals import metrics
    >>> @rule("ACME002", Criterion.SPECIFIC, summary="Revenue goals name a region",
    ...       message={"en": "The goal does not name a region.",
    ...                "nl": "Het doel noemt geen regio."},
    ...       suggestion={"en": "Name the region, e.g. 'in Benelux'.",
    ...                   "nl": "Noem de regio, bijv. 'in de Benelux'."},
    ...       severity=Severity.WARNING, field="statement")
    ... def region(goal, context):
    ...     if "benelux" not in (goal.statement or "").lower():
    ...         yield {}
    >>> [str(f) for f in region.check(Goal(statement="Grow revenue 10%"), Context(), "nl")]
    ['ACME002 waarschuwing: Het doel noemt geen regio.']
    """
    check_code(code)
    summaries = _templates(summary, "summary", code)
    if not summaries.get("en"):
        raise InvalidInputError(
            f"rule {code} needs a one-line summary, at least in English ('en')",
            name="summary",
            value=summary,
        )
    messages = _templates(message, "message", code)
    suggestions = _templates(suggestion, "suggestion", code)

    def decorate(function: RuleFunction) -> FunctionRule:
        return FunctionRule(
            code,
            criterion,
            summaries["en"],
            function,
            messages,
            suggestions,
            severity,
            field,
            docs or _docs_from_docstring(getattr(function, "__doc__", None), summaries["en"]),
            tuple(evidence),
            off_by_default,
            origin or _origin_of(function),
            summaries,
        )

    return decorate
