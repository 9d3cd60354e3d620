"""What :func:`~smartgoals.language.explain` returns: goals, spans and evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal

__all__ = ["ParsedGoal", "ParsedStatement", "Span"]


@attrs.frozen
class Span:
    """A stretch of the statement: ``text == statement[start:end]``.

    Args:
        start: Offset of the first character.
        end: Offset after the last character.
        text: The characters, as written.

    Raises:
        InvalidInputError: if ``start`` is negative or after ``end``.

    >>> Span(9, 16, "revenue")
    Span(start=9, end=16, text='revenue')
    """

    start: int
    end: int
    text: str

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise InvalidInputError(
                f"a span needs 0 <= start <= end, got start={self.start}, end={self.end}",
                name="start",
                value=self.start,
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``.

        >>> Span.of("Grow revenue", 5, 12).text
        'revenue'
        """
        return cls(start, end, text[start:end])


def _goal_tuple(value: Iterable[ParsedGoal]) -> tuple[ParsedGoal, ...]:
    return tuple(value)


def _span_tuple(value: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(value)


def _frozen_spans(value: Mapping[str, Span]) -> Mapping[str, Span]:
    return MappingProxyType(dict(value))


def _frozen_channels(value: Mapping[str, tuple[Span, ...]]) -> Mapping[str, tuple[Span, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in sorted(dict(value).items())})


@attrs.frozen
class ParsedGoal:
    """One goal read from a statement, with the span each field came from.

    Args:
        goal: The goal.
        spans: For each :class:`~smartgoals.goals.Goal` field read from the text
            (``metric``, ``direction``, ``target``, ``baseline``, ``timeframe``,
            ``currency``, ``owner``, ``strategy``, ``type``, ``baseline_period``), where
            it was written; also ``period`` for the cadence ("per month", "weekly",
            "maandomzet") that gave :attr:`Target.per <smartgoals.goals.Target.per>` (a
            cadence on a metric that carries its own period, such as MRR, is spanned
            but gives none).
            A part shared by several goals ("... and leads by 20% in 2027") has the same
            span in each. Fields not in the text have no span.

    >>> from datetime import date
    >>> from smartgoals.language import explain
    >>> parsed = explain("Grow revenue by 10% in 2027", today=date(2026, 5, 1)).goals[0]
    >>> parsed.spans["target"].text, sorted(parsed.spans)
    ('by 10%', ['direction', 'metric', 'target', 'timeframe'])
    """

    goal: Goal
    spans: Mapping[str, Span] = attrs.field(factory=dict, converter=_frozen_spans)


@attrs.frozen
class ParsedStatement:
    """A statement read as goals, with the evidence the SMART rules look at.

    Args:
        text: The statement as given.
        lang: The language it was read in, ``"en"`` or ``"nl"``.
        goals: The goals, in the order they were written (at least one; a statement
            with no recognisable part gives one goal with only ``statement`` set).
        placeholders: Stand-ins for values still to be decided: "tbd", "n.t.b.",
            "xx", "X%", a lone "?".
        vague_verbs: Verbs asking for change ("increase", "meer ... verkopen",
            "earn") in a goal that names no amount to reach.
        channels: Sales channels mentioned, by the keys of
            :data:`smartgoals.scoring.vocabulary.CHANNELS` (``"instagram"``,
            ``"social_media"``, ``"email"``, ``"phone"``, ``"events"``, ``"paid_ads"``,
            ...), each with where it was written.

    >>> from datetime import date
    >>> from smartgoals.language import explain
    >>> s = explain("Laten we dit kwartaal meer geld verdienen via Instagram",
    ...             today=date(2026, 5, 1))
    >>> s.lang, s.goal_count, s.is_vague, list(s.channels), s.has_placeholder
    ('nl', 1, True, ['instagram'], False)
    """

    text: str
    lang: str
    goals: tuple[ParsedGoal, ...] = attrs.field(converter=_goal_tuple)
    placeholders: tuple[Span, ...] = attrs.field(default=(), converter=_span_tuple)
    vague_verbs: tuple[Span, ...] = attrs.field(default=(), converter=_span_tuple)
    channels: Mapping[str, tuple[Span, ...]] = attrs.field(
        factory=dict, converter=_frozen_channels
    )

    @property
    def goal_count(self) -> int:
        """How many goals the statement holds (more than one is less specific).

        >>> from smartgoals.language import explain
        >>> explain("Increase revenue by 10% and leads by 20% in 2027").goal_count
        2
        """
        return len(self.goals)

    @property
    def is_vague(self) -> bool:
        """Whether a verb asks for change without an amount to reach.

        >>> from smartgoals.language import explain
        >>> explain("Sell more").is_vague, explain("Sell 40 units").is_vague
        (True, False)
        """
        return bool(self.vague_verbs)

    @property
    def has_placeholder(self) -> bool:
        """Whether the statement still holds a placeholder such as "tbd".

        >>> from smartgoals.language import explain
        >>> explain("Increase revenue by X% by TBD").has_placeholder
        True
        """
        return bool(self.placeholders)
