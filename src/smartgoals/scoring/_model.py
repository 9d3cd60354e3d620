"""The values SMART scoring is made of: criteria, severities, findings and context."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol, runtime_checkable

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal
from smartgoals.metrics import Metric
from smartgoals.scoring import vocabulary
from smartgoals.timeframes import Granularity

if TYPE_CHECKING:
    from smartgoals.language import ParsedStatement

__all__ = [
    "CODE_PATTERN",
    "LANGUAGES",
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
    "check_code",
    "check_lang",
]

#: A rule code: one to four capital letters, then three digits (``S001``, ``ACME001``).
CODE_PATTERN: Final = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")

#: The languages messages and suggestions are written in.
LANGUAGES: Final = ("en", "nl")


def check_code(code: object) -> str:
    """Return ``code`` if it is a valid rule code, else raise.

    Args:
        code: A candidate rule code.

    Returns:
        The code.

    Raises:
        InvalidInputError: if ``code`` does not match ``^[A-Z]{1,4}[0-9]{3}$``.

    >>> check_code("ACME001")
    'ACME001'
    >>> check_code("s1")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: rule code 's1' must be 1-4 capital letters and 3 digits, e.g. 'S001' or 'ACME001'
    """
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise InvalidInputError(
            f"rule code {code!r} must be 1-4 capital letters and 3 digits, "
            "e.g. 'S001' or 'ACME001'",
            name="code",
            value=code,
        )
    return code


def check_lang(lang: object) -> str:
    """Return ``lang`` if messages can be written in it, else raise.

    Args:
        lang: A language code.

    Returns:
        The language code.

    Raises:
        InvalidInputError: for a language other than ``"en"`` or ``"nl"``.

    >>> check_lang("nl")
    'nl'
    >>> check_lang("de")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: lang must be 'en' or 'nl', got 'de'
    """
    if lang not in LANGUAGES:
        raise InvalidInputError(
            f"lang must be 'en' or 'nl', got {lang!r}", name="lang", value=lang
        )
    return str(lang)


class Criterion(enum.Enum):
    """One of the five SMART criteria.

    The letters have had several readings since Doran (1981); :meth:`variants` lists
    them and :meth:`parse` accepts any of them, in English or Dutch.

    >>> Criterion.TIME_BOUND.label("nl"), Criterion.ACHIEVABLE.letter
    ('Tijdgebonden', 'A')
    >>> Criterion.parse("Acceptabel")
    <Criterion.ACHIEVABLE: 'achievable'>
    """

    # Members are singletons: identity hashing is exact and much faster than Enum's.
    __hash__ = object.__hash__

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    REALISTIC = "realistic"
    TIME_BOUND = "time_bound"

    @property
    def letter(self) -> str:
        """The criterion's letter in the acronym.

        >>> "".join(c.letter for c in Criterion)
        'SMART'
        """
        return self.value[0].upper()

    @property
    def needs_evidence(self) -> bool:
        """Whether only evidence from a :class:`Context` can show the criterion is met.

        Achievable and Realistic depend on circumstances the goal does not state
        (history, capacity, channels): without evidence they are UNKNOWN, never guessed.

        >>> [c.letter for c in Criterion if c.needs_evidence]
        ['A', 'R']
        """
        return self in (Criterion.ACHIEVABLE, Criterion.REALISTIC)

    def label(self, lang: str = "en") -> str:
        """The criterion's name in ``lang`` (the first of its :meth:`variants`).

        Args:
            lang: ``"en"`` or ``"nl"``.

        Returns:
            The label.

        >>> Criterion.REALISTIC.label(), Criterion.MEASURABLE.label("nl")
        ('Realistic', 'Meetbaar')
        """
        return _VARIANTS[check_lang(lang)][self][0]

    def variants(self, lang: str = "en") -> tuple[str, ...]:
        """Every name the criterion's letter is read as in ``lang``, preferred first.

        Args:
            lang: ``"en"`` or ``"nl"``.

        Returns:
            The names.

        >>> Criterion.ACHIEVABLE.variants()
        ('Achievable', 'Attainable', 'Acceptable', 'Assignable')
        >>> Criterion.REALISTIC.variants("nl")
        ('Realistisch', 'Relevant')
        """
        return _VARIANTS[check_lang(lang)][self]

    @classmethod
    def parse(cls, text: str) -> Criterion:
        """The criterion named by ``text``: a letter, a value or any variant, EN or NL.

        Args:
            text: ``"S"``, ``"time_bound"``, ``"Attainable"``, ``"Haalbaar"``, ...

        Returns:
            The criterion.

        Raises:
            InvalidInputError: if no criterion has that name.

        >>> Criterion.parse("relevant"), Criterion.parse("T")
        (<Criterion.REALISTIC: 'realistic'>, <Criterion.TIME_BOUND: 'time_bound'>)
        """
        key = " ".join(str(text).replace("-", " ").replace("_", " ").casefold().split())
        found = _BY_NAME.get(key)
        if found is None:
            raise InvalidInputError(
                f"unknown SMART criterion {text!r}; use a letter (S, M, A, R, T) or a name "
                "such as 'Specific' or 'Haalbaar'",
                name="criterion",
                value=text,
            )
        return found


_VARIANTS: Final[dict[str, dict[Criterion, tuple[str, ...]]]] = {
    "en": {
        Criterion.SPECIFIC: ("Specific",),
        Criterion.MEASURABLE: ("Measurable",),
        Criterion.ACHIEVABLE: ("Achievable", "Attainable", "Acceptable", "Assignable"),
        Criterion.REALISTIC: ("Realistic", "Relevant"),
        Criterion.TIME_BOUND: ("Time-bound", "Time-related", "Timely"),
    },
    "nl": {
        Criterion.SPECIFIC: ("Specifiek",),
        Criterion.MEASURABLE: ("Meetbaar",),
        Criterion.ACHIEVABLE: ("Haalbaar", "Acceptabel", "Aanvaardbaar", "Bereikbaar"),
        Criterion.REALISTIC: ("Realistisch", "Relevant"),
        Criterion.TIME_BOUND: ("Tijdgebonden", "Tijdgebaseerd", "Op tijd gebaseerd", "Tijdig"),
    },
}


def _name_index() -> dict[str, Criterion]:
    index: dict[str, Criterion] = {}
    for criterion in Criterion:
        index[criterion.letter.casefold()] = criterion
        index[criterion.value.replace("_", " ")] = criterion
        for lang in LANGUAGES:
            for name in _VARIANTS[lang][criterion]:
                index[" ".join(name.replace("-", " ").casefold().split())] = criterion
    return index


_BY_NAME: Final = _name_index()


class Severity(enum.Enum):
    """How much a finding weighs.

    * ``ERROR``: the criterion is not met.
    * ``WARNING``: the criterion is weakened (partially met).
    * ``INFO``: advice; the criterion's status does not change.

    >>> sorted([Severity.INFO, Severity.ERROR], key=lambda s: s.rank)
    [<Severity.ERROR: 'error'>, <Severity.INFO: 'info'>]
    """

    # Members are singletons: identity hashing is exact and much faster than Enum's.
    __hash__ = object.__hash__

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for ERROR, 1 for WARNING, 2 for INFO: the order findings are listed in.

        >>> Severity.WARNING.rank
        1
        """
        return _SEVERITY_RANK[self]

    def label(self, lang: str = "en") -> str:
        """The severity's name in ``lang``.

        >>> Severity.WARNING.label("nl")
        'waarschuwing'
        """
        return _SEVERITY_LABELS[check_lang(lang)][self]


_SEVERITY_RANK: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_SEVERITY_LABELS: Final = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
    "nl": {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"},
}


class CriterionStatus(enum.Enum):
    """How well a goal meets one criterion.

    ``UNKNOWN`` means there was no evidence to decide; it counts neither for nor
    against the goal.

    >>> CriterionStatus.PARTIAL.label("nl")
    'deels'
    """

    # Members are singletons: identity hashing is exact and much faster than Enum's.
    __hash__ = object.__hash__

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    def label(self, lang: str = "en") -> str:
        """The status in ``lang``, as shown in a scorecard.

        >>> CriterionStatus.NOT_MET.label()
        'not met'
        """
        return _STATUS_LABELS[check_lang(lang)][self]


_STATUS_LABELS: Final = {
    "en": {
        CriterionStatus.MET: "met",
        CriterionStatus.PARTIAL: "partial",
        CriterionStatus.NOT_MET: "not met",
        CriterionStatus.UNKNOWN: "unknown",
    },
    "nl": {
        CriterionStatus.MET: "voldaan",
        CriterionStatus.PARTIAL: "deels",
        CriterionStatus.NOT_MET: "niet voldaan",
        CriterionStatus.UNKNOWN: "onbekend",
    },
}


class Verdict(enum.Enum):
    """The overall judgement over the criteria that are known.

    SMART if every known criterion is met, PARTIALLY_SMART when little is missing (an
    overall score of at least 80), NOT_SMART otherwise: the SMARTSpan convention,
    extended to five criteria and derived from the score, so a verdict and a score
    never order two goals in opposite ways (see
    :func:`~smartgoals.scoring.verdict_for`). Unknown criteria count
    neither way.

    >>> Verdict.PARTIALLY_SMART.label(), Verdict.NOT_SMART.label("nl")
    ('partially SMART', 'niet SMART')
    """

    # Members are singletons: identity hashing is exact and much faster than Enum's.
    __hash__ = object.__hash__

    SMART = "smart"
    PARTIALLY_SMART = "partially_smart"
    NOT_SMART = "not_smart"

    def label(self, lang: str = "en") -> str:
        """The verdict in ``lang``.

        >>> Verdict.SMART.label("nl")
        'SMART'
        """
        return _VERDICT_LABELS[check_lang(lang)][self]


_VERDICT_LABELS: Final = {
    "en": {
        Verdict.SMART: "SMART",
        Verdict.PARTIALLY_SMART: "partially SMART",
        Verdict.NOT_SMART: "not SMART",
    },
    "nl": {
        Verdict.SMART: "SMART",
        Verdict.PARTIALLY_SMART: "gedeeltelijk SMART",
        Verdict.NOT_SMART: "niet SMART",
    },
}


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


def _frozen_values(value: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(value or {}))


def _json_safe(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Metric):
        return value.key
    if isinstance(value, Phrase):
        return value.en
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_json_safe(v) for v in items]
    return str(value)


@attrs.frozen
class Finding:
    """One thing a rule noticed about a goal: data, not only a message.

    Args:
        code: The rule code, such as ``"T001"``.
        criterion: The criterion the finding is about.
        severity: ERROR (not met), WARNING (weakened) or INFO (advice).
        message: What is wrong, in ``lang``.
        suggestion: What to do instead, as an action ("Add a deadline, e.g. 'by
            30 June 2027'"), in ``lang``; empty when there is nothing to suggest.
        field: The goal field the finding is about (``"timeframe"``), if one.
        values: The values the message was rendered from.
        lang: The language of ``message`` and ``suggestion``.

    Raises:
        InvalidInputError: for a malformed code, an unknown language or an empty message.

    >>> f = Finding("T001", Criterion.TIME_BOUND, Severity.ERROR, "The goal has no deadline.",
    ...             suggestion="Add a deadline, e.g. 'by 30 June 2027'.", field="timeframe")
    >>> f.to_dict()["severity"], f.sort_key
    ('error', (0, 'T001'))
    """

    code: str = attrs.field(validator=lambda _i, _a, v: check_code(v))
    criterion: Criterion = attrs.field(validator=attrs.validators.instance_of(Criterion))
    severity: Severity = attrs.field(validator=attrs.validators.instance_of(Severity))
    message: str
    suggestion: str = ""
    field: str | None = None
    values: Mapping[str, object] = attrs.field(
        factory=dict, converter=_frozen_values, eq=False, hash=False
    )
    lang: str = attrs.field(default="en", validator=lambda _i, _a, v: check_lang(v))

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.message, str) or not self.message.strip():
            raise InvalidInputError(
                f"finding {self.code} needs a non-empty message, got {self.message!r}",
                name="message",
                value=self.message,
            )

    @property
    def sort_key(self) -> tuple[int, str]:
        """``(severity rank, code)``: errors first, then by code.

        >>> Finding("M001", Criterion.MEASURABLE, Severity.INFO, "x").sort_key
        (2, 'M001')
        """
        return (self.severity.rank, self.code)

    def to_dict(self) -> dict[str, object]:
        """A JSON-safe dictionary (Decimals as strings, dates in ISO form).

        >>> Finding("S005", Criterion.SPECIFIC, Severity.INFO, "No owner.",
        ...         values={"baseline": Decimal("5")}).to_dict()["values"]
        {'baseline': '5'}
        """
        return {
            "code": self.code,
            "criterion": self.criterion.value,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "field": self.field,
            "values": _json_safe(self.values),
            "lang": self.lang,
        }

    def __str__(self) -> str:
        """``CODE severity: message``.

        >>> str(Finding("T001", Criterion.TIME_BOUND, Severity.ERROR, "No deadline."))
        'T001 error: No deadline.'
        """
        return f"{self.code} {self.severity.label(self.lang)}: {self.message}"


@attrs.frozen
class Phrase:
    """A message value that reads differently per language.

    Args:
        en: The English text.
        nl: The Dutch text (defaults to the English).

    >>> Phrase("the metric", "de maatstaf").text("nl")
    'de maatstaf'
    """

    en: str
    nl: str | None = None

    def text(self, lang: str = "en") -> str:
        """The text in ``lang``, falling back to English.

        >>> Phrase("channels").text("nl")
        'channels'
        """
        return self.nl if lang == "nl" and self.nl is not None else self.en

    def __str__(self) -> str:
        return self.en


@attrs.frozen
class Hit:
    """One occurrence of what a rule looks for, before it is rendered as a :class:`Finding`.

    Functions decorated with :func:`~smartgoals.scoring.rule` yield hits (or plain
    dictionaries of values); the rule renders its message template in the requested
    language with these values.

    Args:
        values: The values the message and suggestion templates refer to.
        severity: Overrides the rule's default severity for this hit.
        variant: Selects an alternative template (``messages["en:stretch"]``).

    >>> Hit({"metric": "revenue"}, variant="stretch").variant
    'stretch'
    """

    values: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_values)
    severity: Severity | None = None
    variant: str | None = None


#: Names of the kinds of evidence a :class:`Context` can hold.
_EVIDENCE_FIELDS: Final = ("as_of", "history", "capacity", "channels", "activity_goals")
#: Evidence that does not depend on the goal (history and capacity are per metric).
_GOAL_FREE_EVIDENCE: Final = tuple(
    name for name in _EVIDENCE_FIELDS if name not in ("history", "capacity")
)


@attrs.frozen
class Undecided:
    """Yielded by a rule that could not decide for lack of evidence.

    Args:
        evidence: What would decide it: names of :class:`Context` fields
            (``"history"``, ``"capacity"``, ``"channels"``, ``"activity_goals"``,
            ``"as_of"``), ``"extras:<key>"``, or goal fields (``"baseline"``).
        reason: A short English note on what was missing, for the scorecard.

    >>> Undecided(("history",), "history of revenue needs two positive values").evidence
    ('history',)
    """

    evidence: tuple[str, ...] = attrs.field(converter=_str_tuple)
    reason: str = ""


@attrs.frozen
class RuleDocs:
    """A rule's documentation, with the sections of a rules reference page.

    Args:
        what: What the rule checks.
        why: Why it matters.
        example: A goal that triggers the rule.
        better: The better version of that goal.

    >>> RuleDocs("Checks X.", "X matters.", "Sell more.", "Sell 10% more revenue.").better
    'Sell 10% more revenue.'
    """

    what: str
    why: str = ""
    example: str = ""
    better: str = ""


@runtime_checkable
class Rule(Protocol):
    """What the scorer needs from a rule.

    Most rules are made with the :func:`~smartgoals.scoring.rule` decorator; any object
    with these attributes and a ``check`` method works too.

    >>> from smartgoals.scoring import rule
    >>> @rule("X001", Criterion.SPECIFIC, summary="Always fine",
    ...       message={"en": "never shown", "nl": "nooit getoond"})
    ... def always_fine(goal, context):
    ...     return ()
    >>> isinstance(always_fine, Rule)
    True
    """

    @property
    def code(self) -> str:
        """The stable rule code, ``^[A-Z]{1,4}[0-9]{3}$``."""

    @property
    def criterion(self) -> Criterion:
        """The criterion the rule checks."""

    @property
    def summary(self) -> str:
        """A one-line summary."""

    @property
    def severity(self) -> Severity:
        """The default severity of the rule's findings."""

    @property
    def docs(self) -> RuleDocs:
        """What it checks, why it matters, an example and the better version."""

    @property
    def evidence(self) -> tuple[str, ...]:
        """Evidence the rule needs; without it the rule is undecided."""

    @property
    def off_by_default(self) -> bool:
        """Whether the rule runs only when selected."""

    @property
    def origin(self) -> str:
        """The package that registered the rule."""

    def check(self, goal: Goal, context: Context, lang: str) -> Iterable[Finding | Undecided]:
        """Yield findings about ``goal`` in ``lang``, or :class:`Undecided`."""


def _history(
    value: Mapping[Any, Iterable[tuple[date, Any]]] | None,
) -> Mapping[str, tuple[tuple[date, Decimal], ...]]:
    result: dict[str, tuple[tuple[date, Decimal], ...]] = {}
    for key, series in dict(value or {}).items():
        name = key.key if isinstance(key, Metric) else key
        if not isinstance(name, str) or not name:
            raise InvalidInputError(
                f"history keys must be metric keys such as 'revenue', got {key!r}",
                name="history",
                value=key,
            )
        points: list[tuple[date, Decimal]] = []
        for point in series:
            try:
                start, amount = point
            except (TypeError, ValueError):
                raise InvalidInputError(
                    f"history[{name!r}] must hold (period start date, value) pairs, got {point!r}",
                    name="history",
                    value=point,
                ) from None
            if not isinstance(start, date):
                raise InvalidInputError(
                    f"history[{name!r}]: period start must be a date, got {start!r}",
                    name="history",
                    value=start,
                )
            points.append((start, to_decimal(amount, name=f"history[{name!r}] value")))
        _check_spacing(name, points)
        result[name] = tuple(points)
    return MappingProxyType(result)


def _months(day: date) -> int:
    return day.year * 12 + day.month - 1


def _check_spacing(name: str, points: list[tuple[date, Decimal]]) -> None:
    starts = [p[0] for p in points]
    if any(b <= a for a, b in pairwise(starts)):
        raise InvalidInputError(
            f"history[{name!r}] period starts must be strictly increasing, got "
            f"{[d.isoformat() for d in starts]}",
            name="history",
            value=starts,
        )
    if len(starts) < 3:
        return
    days = {(b - a).days for a, b in pairwise(starts)}
    by_month = {_months(b) - _months(a) for a, b in pairwise(starts)}
    same_day = len({d.day for d in starts}) == 1
    if len(days) != 1 and not (len(by_month) == 1 and same_day):
        raise InvalidInputError(
            f"history[{name!r}] must cover consecutive periods of equal length (every "
            f"month, quarter, year or fixed number of days), got starts "
            f"{[d.isoformat() for d in starts]}",
            name="history",
            value=starts,
        )


def _capacity(value: Mapping[Any, Any] | None) -> Mapping[str, Decimal]:
    result = {}
    for key, amount in dict(value or {}).items():
        name = key.key if isinstance(key, Metric) else key
        if not isinstance(name, str) or not name:
            raise InvalidInputError(
                f"capacity keys must be metric keys such as 'demos_booked', got {key!r}",
                name="capacity",
                value=key,
            )
        result[name] = to_decimal(amount, name=f"capacity[{name!r}]")
    return MappingProxyType(result)


def _channels(value: Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise InvalidInputError(
            f"channels must be a collection of channel names, got the string {value!r}; "
            f"write channels=[{value!r}]",
            name="channels",
            value=value,
        )
    return frozenset(vocabulary.canonical_channel(str(name)) for name in value)


def _activity_goals(value: Iterable[Goal] | None) -> tuple[Goal, ...] | None:
    if value is None:
        return None
    goals = tuple(value)
    for goal in goals:
        if not isinstance(goal, Goal):
            raise InvalidInputError(
                f"activity_goals must hold Goal values, got {type(goal).__name__}",
                name="activity_goals",
                value=goal,
            )
    return goals


def _as_of(value: date | None) -> date | None:
    if value is not None and not isinstance(value, date):
        raise InvalidInputError(f"as_of must be a date, got {value!r}", name="as_of", value=value)
    return value


def _check_in(value: Granularity | str | None) -> Granularity | None:
    if value is None or isinstance(value, Granularity):
        return value
    try:
        return Granularity(str(value).lower())
    except ValueError:
        raise InvalidInputError(
            f"check_in must be a Granularity such as 'week' or 'month', got {value!r}",
            name="check_in",
            value=value,
        ) from None


@attrs.frozen
class Context:
    """Evidence about the circumstances of a goal, for the criteria the goal cannot show.

    Achievable and Realistic stay UNKNOWN unless the context gives evidence. ``None``
    means "not known"; an empty collection means "known to be none".

    Args:
        as_of: The date the goal is judged on (deadlines before it have passed).
        history: Metric key (or :class:`~smartgoals.metrics.Metric`) → sequence of
            ``(period start date, value)`` for consecutive periods of equal length,
            oldest first: ``{"revenue": [(date(2025, 1, 1), 600_000), ...]}``.
        capacity: Metric key → the best value the available resources can reach in
            the goal's timeframe (the most for a higher-is-better metric, the least for
            a lower-is-better one).
        channels: The sales channels in use (``"email"``, ``"phone"``, ``"linkedin"``,
            ...; see :mod:`smartgoals.scoring.vocabulary`), or ``None`` if unknown.
        activity_goals: The activity goals (calls, demos, ...) set beside the goal, or
            ``None`` if unknown.
        check_in: How often progress on the goal is reviewed, if agreed.
        extras: Anything else, for plugin rules (keys such as ``"acme.product_lines"``).
        statement: The parser's reading of the goal's statement
            (:class:`~smartgoals.language.ParsedStatement`). :func:`score` sets it when
            given text; rules then take the number of goals, placeholders, vague verbs
            and channels from it instead of their own word lists.

    Raises:
        InvalidInputError: for history that is not in order or not evenly spaced, a
            non-numeric value, or channels given as one string.

    >>> ctx = Context(as_of=date(2027, 1, 15), channels=["E-mail", "LinkedIn"],
    ...               history={"revenue": [(date(2025, 1, 1), 600_000),
    ...                                    (date(2026, 1, 1), 700_000)]})
    >>> sorted(ctx.channels), ctx.history["revenue"][-1]
    (['email', 'linkedin'], (datetime.date(2026, 1, 1), Decimal('700000')))
    """

    as_of: date | None = attrs.field(default=None, converter=_as_of)
    history: Mapping[str, tuple[tuple[date, Decimal], ...]] = attrs.field(
        factory=dict, converter=_history, eq=False, hash=False
    )
    capacity: Mapping[str, Decimal] = attrs.field(
        factory=dict, converter=_capacity, eq=False, hash=False
    )
    channels: frozenset[str] | None = attrs.field(default=None, converter=_channels)
    activity_goals: tuple[Goal, ...] | None = attrs.field(default=None, converter=_activity_goals)
    check_in: Granularity | None = attrs.field(default=None, converter=_check_in)
    extras: Mapping[str, object] = attrs.field(
        factory=dict, converter=_frozen_values, eq=False, hash=False
    )
    statement: ParsedStatement | None = attrs.field(default=None, eq=False, hash=False)
    # By metric key, the history's yearly log change, where the period after its last
    # one starts, and the latest period of each of its values (see the Achievable rules),
    # worked out once per context however many goals are scored with it: the history is
    # immutable.
    _history_facts: dict[str, tuple[float | None, date, dict[Decimal, tuple[float, float]]]] = (
        attrs.field(init=False, factory=dict, eq=False, hash=False, repr=False)
    )
    # The evidence present whatever the goal: fields that are set, and "extras:<key>".
    _present: frozenset[str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    # ... and with "history" and "capacity", for each metric key that has them.
    _present_by_metric: Mapping[str, frozenset[str]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )

    @_present.default
    def _present_default(self) -> frozenset[str]:
        fields = (name for name in _GOAL_FREE_EVIDENCE if getattr(self, name) is not None)
        return frozenset((*fields, *(f"extras:{key}" for key in self.extras)))

    @_present_by_metric.default
    def _present_by_metric_default(self) -> Mapping[str, frozenset[str]]:
        keys = {key for key, series in self.history.items() if len(series) >= 2}
        return {
            key: self._present
            | ({"history"} if key in keys else set())
            | ({"capacity"} if key in self.capacity else set())
            for key in keys | set(self.capacity)
        }

    def _present_for(self, goal: Goal) -> frozenset[str]:
        """The evidence the context holds for ``goal`` (goal fields aside); see :meth:`has`."""
        metric = goal.metric
        if metric is None:
            return self._present
        return self._present_by_metric.get(metric.key, self._present)

    def has(self, evidence: str, goal: Goal) -> bool:
        """Tell whether the context holds ``evidence`` that applies to ``goal``.

        History and capacity count only for the goal's metric.

        Args:
            evidence: ``"as_of"``, ``"history"``, ``"capacity"``, ``"channels"``,
                ``"activity_goals"``, ``"extras:<key>"`` or a goal field name.
            goal: The goal being scored.

        Returns:
            Whether the evidence is present.

        >>> from smartgoals import metrics
        >>> goal = Goal(metric=metrics.get("leads"))
        >>> Context(capacity={"leads": 400}).has("capacity", goal), Context().has("as_of", goal)
        (True, False)
        """
        if evidence in _EVIDENCE_FIELDS or evidence.startswith("extras:"):
            return evidence in self._present_for(goal)
        return getattr(goal, evidence, None) is not None


#: The empty context: no evidence at all.
EMPTY_CONTEXT: Final = Context()
