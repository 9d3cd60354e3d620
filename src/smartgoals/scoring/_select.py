"""Finding and selecting rules: entry points, :class:`RuleSet` and its configuration.

This module is the middle of scoring's three rooms. It loads every rule registered in
the ``smartgoals.rules`` entry point group (smartgoals' own rules included, plugins that
fail to load reported, never dropped), checks codes are unique and well formed, and
selects rules by code prefix like ruff and flake8 (:class:`RuleSet`). It also holds the
front door, :func:`score`, which picks the rule set (by default :func:`default_rules`)
and hands the goal to it. Defining rules is :mod:`smartgoals.scoring._define`; running
them is :mod:`smartgoals.scoring._run`.

>>> from smartgoals.scoring.rules import RULES
>>> [r.code for r in RuleSet(RULES, select="T", ignore=["T002", "T003"]).active]
['T001', 'T004']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from smartgoals.exceptions import InvalidInputError, RegistrationError, RuleError
from smartgoals.goals import Goal
from smartgoals.scoring._define import FunctionRule
from smartgoals.scoring._model import (
    CODE_PATTERN,
    Context,
    Criterion,
    Rule,
    Severity,
    check_code,
)
from smartgoals.scoring._run import Runner, plan
from smartgoals.scoring._scorecard import Scorecard

if TYPE_CHECKING:
    from smartgoals._entry_points import EntryPoint

__all__ = [
    "ENTRY_POINT_GROUP",
    "LoadError",
    "RuleInfo",
    "RuleSet",
    "available_rules",
    "default_rules",
    "entry_points",
    "score",
]

#: The entry point group through which packages (smartgoals itself included) add rules.
ENTRY_POINT_GROUP: Final = "smartgoals.rules"


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

    They are read when rules are loaded, not when :mod:`smartgoals` is, and from the
    distributions' metadata folders (``smartgoals._entry_points``): the same answer as
    ``importlib.metadata``, without its tens of milliseconds of imports.

    >>> all(ep.group == "smartgoals.rules" for ep in entry_points(group="smartgoals.rules"))
    True
    """
    from smartgoals._entry_points import entry_points as installed

    return installed(group=group)


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return str(dist.name) if dist is not None else ep.value.split(":")[0].split(".")[0]


def _with_origin(item: Rule, origin: str) -> Rule:
    if isinstance(item, FunctionRule) and item.origin != origin:
        return attrs.evolve(item, origin=origin)
    return item


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
        # The selected rules, unpacked for scoring (see smartgoals.scoring._run).
        self._runner = Runner(
            plan(item, self.severity.get(code))
            for code, item in self._rules.items()
            if _enabled(code, item.off_by_default, self.select, self.ignore)
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
        return tuple(a[0] for a in self._runner.active)

    def is_selected(self, code: str) -> bool:
        """Tell whether the rule with ``code`` would run.

        >>> from smartgoals.scoring.rules import RULES
        >>> RuleSet(RULES, ignore="S").is_selected("S001")
        False
        """
        return any(a[0].code == code for a in self._runner.active)

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
            f"<RuleSet: {len(self._runner.active)} of {len(self._rules)} rules selected, "
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
        return self._runner.score(goal, context, lang, strict, self.load_errors)


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
    >>> from datetime import date
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
