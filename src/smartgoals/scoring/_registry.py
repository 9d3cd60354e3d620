"""Rules made from functions, rule sets with selection, and plugin discovery."""

from __future__ import annotations

import enum
import re
import string
import textwrap
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from smartgoals._numbers import format_amount
from smartgoals.exceptions import InvalidInputError, RegistrationError, RuleError
from smartgoals.goals import Direction, Goal
from smartgoals.metrics import Metric
from smartgoals.scoring import vocabulary
from smartgoals.scoring._model import (
    _EVIDENCE_FIELDS as _CONTEXT_EVIDENCE,
)
from smartgoals.scoring._model import (
    CODE_PATTERN,
    EMPTY_CONTEXT,
    Context,
    Criterion,
    Finding,
    Hit,
    Phrase,
    Rule,
    RuleDocs,
    Severity,
    Undecided,
    _str_tuple,
    check_code,
    check_lang,
)
from smartgoals.scoring._scorecard import Scorecard, build_scorecard
from smartgoals.timeframes import Timeframe

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "ENTRY_POINT_GROUP",
    "FunctionRule",
    "LoadError",
    "RuleInfo",
    "RuleSet",
    "available_rules",
    "default_rules",
    "rule",
    "score",
]

#: The entry point group through which packages (smartgoals itself included) add rules.
ENTRY_POINT_GROUP: Final = "smartgoals.rules"

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


@attrs.frozen
class LoadError:
    """A rule plugin that could not be loaded, or a rule it offered that was refused.

    Args:
        entry_point: The entry point's name.
        origin: The distribution that declared it.
        error: What went wrong.

    >>> str(LoadError("acme", "acme-rules", "ImportError: no module named 'acme'"))
    "rule plugin 'acme-rules' (entry point 'acme'): ImportError: no module named 'acme'"
    """

    entry_point: str
    origin: str
    error: str

    def __str__(self) -> str:
        return f"rule plugin {self.origin!r} (entry point {self.entry_point!r}): {self.error}"


@attrs.frozen
class RuleInfo:
    """A line of :func:`available_rules`: what a rule is and where it came from.

    >>> info = RuleInfo("T001", Criterion.TIME_BOUND, "Goal has no deadline", "smartgoals",
    ...                 Severity.ERROR, False)
    >>> info.code, info.origin
    ('T001', 'smartgoals')
    """

    code: str
    criterion: Criterion
    summary: str
    origin: str
    severity: Severity
    off_by_default: bool


_PREFIX_RE: Final = re.compile(r"^(?:ALL|[A-Z]{1,4}[0-9]{0,3})$")


def _prefixes(value: Iterable[str] | str | None, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = (value,) if isinstance(value, str) else tuple(value)
    for prefix in items:
        if not isinstance(prefix, str) or not _PREFIX_RE.match(prefix):
            raise InvalidInputError(
                f"{name} entries must be rule codes or code prefixes such as 'S', 'T00' or "
                f"'ACME001' (or 'ALL'), got {prefix!r}",
                name=name,
                value=prefix,
            )
    return items


def _severity_overrides(value: Mapping[str, Severity | str] | None) -> Mapping[str, Severity]:
    result = {}
    for code, severity in dict(value or {}).items():
        check_code(code)
        try:
            result[code] = severity if isinstance(severity, Severity) else Severity(severity)
        except ValueError:
            raise InvalidInputError(
                f"severity for {code} must be 'error', 'warning' or 'info', got {severity!r}",
                name="severity",
                value=severity,
            ) from None
    return MappingProxyType(result)


def _enabled(
    code: str, off_by_default: bool, select: tuple[str, ...] | None, ignore: tuple[str, ...]
) -> bool:
    # The longest matching prefix decides; at equal length, ignore wins (as in ruff).
    # Rules that are off by default run only when select names their full code.
    best: tuple[int, bool] | None = None
    if select is None:
        if not off_by_default:
            best = (0, False)
    else:
        for prefix in select:
            if off_by_default and prefix != code:
                continue
            length = 0 if prefix == "ALL" else len(prefix)
            if (prefix == "ALL" or code.startswith(prefix)) and (best is None or length > best[0]):
                best = (length, False)
    for prefix in ignore:
        length = 0 if prefix == "ALL" else len(prefix)
        if (prefix == "ALL" or code.startswith(prefix)) and (best is None or length >= best[0]):
            best = (length, True)
    return best is not None and not best[1]


def _registration_problem(by_code: Mapping[str, Rule], item: object) -> RegistrationError | None:
    if not _is_rule(item):
        return RegistrationError(
            f"expected a rule (see smartgoals.scoring.rule), got {type(item).__name__} ({item!r})"
        )
    assert isinstance(item, Rule)
    code = item.code
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        return RegistrationError(
            f"rule code {code!r} from {item.origin!r} must be 1-4 capital letters and 3 digits, "
            "e.g. 'ACME001'",
            key=str(code),
            origins=(item.origin,),
        )
    existing = by_code.get(code)
    if existing is not None:
        return RegistrationError(
            f"duplicate rule code {code!r}: registered by {existing.origin!r} and by "
            f"{item.origin!r}; give one of them another code",
            key=code,
            origins=(existing.origin, item.origin),
        )
    return None


def _is_rule(value: object) -> bool:
    return isinstance(value, Rule)


def _as_rules(loaded: object, where: str) -> list[Rule]:
    if _is_rule(loaded):
        return [loaded]  # type: ignore[list-item]
    if callable(loaded):
        loaded = loaded()
        if _is_rule(loaded):
            return [loaded]  # type: ignore[list-item]
    if isinstance(loaded, Iterable) and not isinstance(loaded, str | bytes | Mapping):
        items = list(loaded)
        for item in items:
            if not _is_rule(item):
                raise TypeError(f"{where} gave {type(item).__name__} ({item!r}), not a rule")
        return items
    raise TypeError(
        f"{where} gave {type(loaded).__name__}, not a rule, an iterable of rules or a callable "
        "returning them"
    )


def entry_points(*, group: str) -> tuple[EntryPoint, ...]:
    """The installed entry points of ``group``.

    importlib.metadata costs tens of milliseconds to import, so it is imported here, when
    rules are loaded, not when :mod:`smartgoals` is.

    >>> all(ep.group == "smartgoals.rules" for ep in entry_points(group="smartgoals.rules"))
    True
    """
    import importlib.metadata

    return tuple(importlib.metadata.entry_points(group=group))


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return str(dist.name) if dist is not None else ep.value.split(":")[0].split(".")[0]


def _with_origin(item: Rule, origin: str) -> Rule:
    if isinstance(item, FunctionRule) and item.origin != origin:
        return attrs.evolve(item, origin=origin)
    return item


#: A selected rule, unpacked for the scoring loop: the rule, its function (for a
#: FunctionRule), its criterion, the evidence it needs, whether it can show the criterion
#: is met, and the severity override.
_Active: TypeAlias = tuple[
    Rule, RuleFunction | None, Criterion, tuple[str, ...], bool, Severity | None
]


def _plan(item: Rule, severity: Severity | None) -> _Active:
    function = item.function if isinstance(item, FunctionRule) else None
    confirms = bool(item.evidence) or not item.criterion.needs_evidence
    return (item, function, item.criterion, tuple(item.evidence), confirms, severity)


class RuleSet:
    """The rules to score with, and which of them are selected.

    Selection works like ruff and flake8: ``select`` and ``ignore`` hold codes or code
    prefixes; for each rule the longest matching prefix decides, and at equal length
    ``ignore`` wins. Without ``select`` every rule runs except those ``off_by_default``,
    which run only when ``select`` holds their full code (a prefix or ``"ALL"`` does not
    turn them on).

    Args:
        rules: The rules. Codes must be unique.
        select: Codes or prefixes to run (default: every rule not off by default).
        ignore: Codes or prefixes not to run.
        severity: Code → severity override for that rule's findings.
        load_errors: Plugins that failed to load (kept for reporting).

    Raises:
        RegistrationError: for a duplicate or malformed rule code, naming the origins.
        InvalidInputError: for a malformed prefix or severity.

    >>> from smartgoals.scoring.rules import RULES
    >>> rs = RuleSet(RULES, select=["T", "S001"], ignore=["T003"])
    >>> [r.code for r in rs.active]
    ['S001', 'T001', 'T002', 'T004']
    >>> rs.configure(select=["T005"]).is_selected("T005")
    True
    """

    def __init__(
        self,
        rules: Iterable[Rule] = (),
        *,
        select: Iterable[str] | str | None = None,
        ignore: Iterable[str] | str = (),
        severity: Mapping[str, Severity | str] | None = None,
        load_errors: Iterable[LoadError] = (),
    ) -> None:
        by_code: dict[str, Rule] = {}
        for item in rules:
            problem = _registration_problem(by_code, item)
            if problem is not None:
                raise problem
            by_code[item.code] = item
        self._rules: Mapping[str, Rule] = MappingProxyType(dict(sorted(by_code.items())))
        self.select: tuple[str, ...] | None = _prefixes(select, "select")
        self.ignore: tuple[str, ...] = _prefixes(ignore, "ignore") or ()
        self.severity: Mapping[str, Severity] = _severity_overrides(severity)
        self.load_errors: tuple[LoadError, ...] = tuple(load_errors)
        self._active: tuple[_Active, ...] = tuple(
            _plan(item, self.severity.get(code))
            for code, item in self._rules.items()
            if _enabled(code, item.off_by_default, self.select, self.ignore)
        )
        self._checked = frozenset(active[2] for active in self._active)
        # For the fast path of score(): what decides a run where no rule finds anything.
        self._confirmed = frozenset(active[2] for active in self._active if active[4])
        evidence = dict.fromkeys(name for a in self._active for name in a[3])
        # Evidence the context holds (checked with one set comparison) and goal fields.
        self._in_context = frozenset(
            name for name in evidence if name in _CONTEXT_EVIDENCE or name.startswith("extras:")
        )
        self._on_goal = tuple(name for name in evidence if name not in self._in_context)
        functions = [active[1] for active in self._active]
        self._calls: tuple[RuleFunction, ...] | None = (
            None if None in functions else tuple(functions)  # type: ignore[arg-type]
        )

    @classmethod
    def from_entry_points(
        cls,
        *,
        select: Iterable[str] | str | None = None,
        ignore: Iterable[str] | str = (),
        severity: Mapping[str, Severity | str] | None = None,
        strict: bool = False,
        group: str = ENTRY_POINT_GROUP,
    ) -> RuleSet:
        """Load every rule registered in the ``smartgoals.rules`` entry point group.

        Each entry point names a rule, an iterable of rules, or a callable returning
        either. smartgoals' own rules come first, then the others sorted by distribution
        and entry point name, so the result does not depend on installation order. A
        plugin that fails to import, offers something that is not a rule, or reuses a
        taken code is listed in :attr:`load_errors` and skipped.

        Args:
            select: See :class:`RuleSet`.
            ignore: See :class:`RuleSet`.
            severity: See :class:`RuleSet`.
            strict: Raise instead of listing load errors.
            group: The entry point group.

        Returns:
            The rule set.

        Raises:
            RuleError: with ``strict=True``, naming the plugin that failed to load.
            RegistrationError: with ``strict=True``, for a duplicate code (both origins).

        >>> rs = RuleSet.from_entry_points()
        >>> {r.origin for r in rs if r.code == "T001"}
        {'smartgoals'}
        """
        points = sorted(
            entry_points(group=group),
            key=lambda ep: (_distribution(ep) != "smartgoals", _distribution(ep), ep.name),
        )
        found: dict[str, Rule] = {}
        errors: list[LoadError] = []
        for ep in points:
            origin = _distribution(ep)
            try:
                items = _as_rules(ep.load(), f"entry point {ep.name!r} = {ep.value!r}")
            except Exception as exc:  # a broken plugin must not take scoring down
                if strict:
                    raise RuleError(
                        f"rule plugin {origin!r} (entry point {ep.name!r} = {ep.value!r}) "
                        f"failed to load: {type(exc).__name__}: {exc}",
                        origin=origin,
                    ) from exc
                errors.append(LoadError(ep.name, origin, f"{type(exc).__name__}: {exc}"))
                continue
            for item in items:
                item = _with_origin(item, origin)
                problem = _registration_problem(found, item)
                if problem is not None:
                    if strict:
                        raise problem
                    errors.append(LoadError(ep.name, origin, str(problem)))
                    continue
                found[item.code] = item
        return cls(
            found.values(), select=select, ignore=ignore, severity=severity, load_errors=errors
        )

    def configure(
        self,
        *,
        select: Iterable[str] | str | None = None,
        ignore: Iterable[str] | str = (),
        severity: Mapping[str, Severity | str] | None = None,
    ) -> RuleSet:
        """The same rules with another selection (the load errors are kept).

        Args:
            select: See :class:`RuleSet`.
            ignore: See :class:`RuleSet`.
            severity: See :class:`RuleSet`.

        Returns:
            A new rule set.

        >>> from smartgoals.scoring.rules import RULES
        >>> len(RuleSet(RULES).configure(select="M").active) >= 4
        True
        """
        return RuleSet(
            self._rules.values(),
            select=select,
            ignore=ignore,
            severity=severity,
            load_errors=self.load_errors,
        )

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule in the set, selected or not, sorted by code.

        >>> RuleSet().rules
        ()
        """
        return tuple(self._rules.values())

    @property
    def active(self) -> tuple[Rule, ...]:
        """The selected rules, sorted by code.

        >>> from smartgoals.scoring.rules import RULES
        >>> [r.code for r in RuleSet(RULES, select="T00", ignore="T002").active][:2]
        ['T001', 'T003']
        """
        return tuple(a[0] for a in self._active)

    def is_selected(self, code: str) -> bool:
        """Tell whether the rule with ``code`` would run.

        >>> from smartgoals.scoring.rules import RULES
        >>> RuleSet(RULES, ignore="S").is_selected("S001")
        False
        """
        return any(a[0].code == code for a in self._active)

    def get(self, code: str) -> Rule:
        """The rule with ``code``.

        Raises:
            InvalidInputError: if the set has no such rule.

        >>> from smartgoals.scoring.rules import RULES
        >>> RuleSet(RULES).get("T001").summary
        'Goal has no deadline'
        """
        try:
            return self._rules[code]
        except KeyError:
            raise InvalidInputError(
                f"no rule {code!r} in this rule set (see smartgoals.scoring.available_rules())",
                name="code",
                value=code,
            ) from None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __repr__(self) -> str:
        return (
            f"<RuleSet: {len(self._active)} of {len(self._rules)} rules selected, "
            f"{len(self.load_errors)} load errors>"
        )

    def score(
        self,
        goal: Goal | str,
        *,
        context: Context | None = None,
        lang: str | None = None,
        strict: bool = False,
    ) -> Scorecard:
        """Score ``goal`` with the selected rules.

        A rule that raises does not stop scoring: it is reported as a WARNING finding
        with its code and the error, and its criterion is not counted as decided.

        Args:
            goal: The goal, or a goal statement to read with
                :func:`smartgoals.language.explain` (relative phrases resolve against
                ``context.as_of``; a statement holding several goals is scored on its
                first goal, and S004 asks to split it).
            context: Evidence about the goal's circumstances.
            lang: ``"en"`` or ``"nl"``: the language of the messages. By default a
                statement is answered in its own language, and a Goal in English. It
                never changes how a statement is read: the reading language is detected
                per statement.
            strict: Raise :class:`~smartgoals.exceptions.RuleError` when a rule raises
                or when the set has load errors.

        Returns:
            The scorecard.

        Raises:
            RuleError: with ``strict=True``, naming the failing rule and its plugin.
            InvalidInputError: if ``goal`` is not a Goal or ``lang`` is unknown.

        >>> from smartgoals.scoring.rules import RULES
        >>> RuleSet(RULES).score(Goal(statement="Sell more")).verdict
        <Verdict.NOT_SMART: 'not_smart'>
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
        if strict and self.load_errors:
            first = self.load_errors[0]
            raise RuleError(str(first), origin=first.origin)
        calls = self._calls
        if (
            calls is not None
            and self._in_context <= context._present_for(goal)
            and (not self._on_goal or all(context.has(name, goal) for name in self._on_goal))
        ):
            # Every rule is a function rule and has its evidence: call them all, then
            # look at what they returned (most of the time: nothing at all).
            produced: list[object] = []
            append = produced.append
            while len(produced) < len(calls):
                try:
                    for call in calls[len(produced) :] if produced else calls:
                        append(call(goal, context))
                except Exception as exc:  # reported below, in code order
                    append(_Raised(exc))
            if not any(produced):
                return build_scorecard(goal, (), self._checked, self._confirmed, {}, lang)
            run = _Run(goal, lang, strict)
            decided = run.decided
            for active, result in zip(self._active, produced, strict=True):
                if result == ():  # found nothing (the common case): decided if it confirms
                    if active[4]:
                        decided.add(active[2])
                    continue
                run.take(active, result)
            return run.scorecard(self._checked)
        run = _Run(goal, lang, strict)
        present: dict[str, bool] = {}
        for active in self._active:
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
        return run.scorecard(self._checked)


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

    def take(self, active: _Active, produced: object) -> None:
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


_DEFAULT_LOCK: Final = threading.Lock()
_DEFAULT: list[RuleSet] = []


def default_rules() -> RuleSet:
    """The rule set :func:`score` uses by default: every installed rule, loaded once.

    >>> "T001" in default_rules()
    True
    """
    if not _DEFAULT:
        with _DEFAULT_LOCK:
            if not _DEFAULT:
                _DEFAULT.append(RuleSet.from_entry_points())
    return _DEFAULT[0]


def available_rules() -> tuple[RuleInfo, ...]:
    """Every installed rule (selected by default or not): code, criterion, summary, origin.

    >>> [(i.code, i.criterion.letter, i.origin) for i in available_rules()][-1][:2]
    ('T005', 'T')
    """
    return tuple(
        RuleInfo(r.code, r.criterion, r.summary, r.origin, r.severity, r.off_by_default)
        for r in default_rules()
    )


def score(
    goal: Goal | str,
    *,
    context: Context | None = None,
    rules: RuleSet | Iterable[Rule] | None = None,
    lang: str | None = None,
    strict: bool = False,
) -> Scorecard:
    """Score a goal against SMART and say, per criterion, what to write instead.

    Args:
        goal: The goal, or a goal statement in English or Dutch. Text is read with
            :func:`smartgoals.language.explain`: relative phrases ("in six months")
            resolve against ``context.as_of`` (default today), the Specific and
            Measurable rules use the parser's evidence (goals in the statement,
            placeholders, vague verbs, channels), and a statement holding several goals
            is scored on its first goal with a finding to split it.
        context: Evidence about the goal's circumstances (history, capacity, channels in
            use, activity goals, ``as_of``). Without it Achievable and Realistic are
            UNKNOWN unless a rule finds a problem anyway.
        rules: A :class:`RuleSet` or rules; by default every installed rule from the
            ``smartgoals.rules`` entry point group.
        lang: ``"en"`` or ``"nl"`` for messages and suggestions. By default a statement
            is answered in its own language, and a Goal in English. ``lang`` never
            changes how a statement is read: its language is detected ("Increase
            revenue by 10% in 2027" with ``lang="nl"`` is read as English and answered
            in Dutch).
        strict: Raise :class:`~smartgoals.exceptions.RuleError` when a rule or plugin
            fails, instead of reporting it.

    Returns:
        The :class:`~smartgoals.scoring.Scorecard`.

    Raises:
        RuleError: with ``strict=True``, naming the failing plugin or rule.
        InvalidInputError: if ``goal`` is not a Goal or a str, or ``lang`` is unknown.
        ParseError: if a statement cannot be read (over 10,000 characters).

    >>> card = score(Goal(statement="Sell more this quarter"))
    >>> card.verdict.value, card.criteria[Criterion.SPECIFIC].status.value
    ('not_smart', 'not_met')
    >>> card = score("Verhoog de omzet met 10% in een jaar",
    ...              context=Context(as_of=date(2027, 1, 1)))
    >>> card.goal.metric.key, card.goal.timeframe.last_day, card.verdict.value, card.lang
    ('revenue', datetime.date(2027, 12, 31), 'partially_smart', 'nl')
    >>> english = score("Increase revenue by 10% in 2027", lang="nl")
    >>> str(english.goal.target), english.findings[0].message
    ('+10%', 'Het doel verhoogt de omzet met 10%, maar legt de beginwaarde niet vast.')
    """
    if rules is None:
        rule_set = default_rules()
    elif isinstance(rules, RuleSet):
        rule_set = rules
    else:
        rule_set = RuleSet(rules)
    return rule_set.score(goal, context=context, lang=lang, strict=strict)


def _read_statement(text: str, context: Context) -> tuple[Goal, Context]:
    """Read a goal statement for scoring: its first goal, and the parser's evidence."""
    # Imported on first use: scoring structured goals needs no parser.
    from smartgoals.language import explain

    # The reading language is the statement's own; ``lang`` only sets the messages'.
    parsed = explain(text, lang=None, today=context.as_of)
    return parsed.goals[0].goal, attrs.evolve(context, statement=parsed)
