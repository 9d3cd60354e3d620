"""Progress statuses and the thresholds that assign them."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final

import attrs

from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import InvalidInputError

__all__ = ["ProgressStatus", "Thresholds"]

_HUNDRED: Final = Decimal(100)


class ProgressStatus(enum.Enum):
    """Where a goal stands.

    * ``NOT_STARTED``: the timeframe has not begun.
    * ``ON_TRACK``, ``BEHIND``, ``AT_RISK``: during the timeframe, by the
      :class:`Thresholds`.
    * ``ACHIEVED`` (the target exactly), ``EXCEEDED`` (better than the target) or
      ``MISSED``: once the last day is over.

    :attr:`rank` orders the statuses within each phase from worst to best.

    >>> ProgressStatus.BEHIND.rank < ProgressStatus.ON_TRACK.rank
    True
    >>> ProgressStatus.AT_RISK.label
    'at risk'
    """

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    EXCEEDED = "exceeded"
    MISSED = "missed"

    @property
    def rank(self) -> int:
        """Order within a phase, worst first: at risk < behind < on track; missed < achieved < exceeded.

        >>> sorted(ProgressStatus, key=lambda s: s.rank)[0]
        <ProgressStatus.NOT_STARTED: 'not_started'>
        """
        return _RANK[self]

    @property
    def label(self) -> str:
        """The status in words, for display.

        >>> ProgressStatus.ON_TRACK.label
        'on track'
        """
        return self.value.replace("_", " ")

    def text(self, lang: str = "en") -> str:
        """The status in words in a language: English (``"en"``) or Dutch (``"nl"``).

        Args:
            lang: The language code.

        Returns:
            The words, such as ``"on track"`` or ``"op schema"``.

        Raises:
            InvalidInputError: for a language other than ``"en"`` and ``"nl"``.

        >>> ProgressStatus.AT_RISK.text("nl"), ProgressStatus.ON_TRACK.text()
        ('in gevaar', 'on track')
        """
        if lang == "en":
            return self.label
        if lang == "nl":
            return _DUTCH[self]
        raise InvalidInputError(
            f"unknown language {lang!r} for a status; use 'en' or 'nl'", name="lang", value=lang
        )

    @property
    def is_final(self) -> bool:
        """Whether the timeframe is over (achieved, exceeded or missed).

        >>> ProgressStatus.MISSED.is_final, ProgressStatus.BEHIND.is_final
        (True, False)
        """
        return self in (ProgressStatus.ACHIEVED, ProgressStatus.EXCEEDED, ProgressStatus.MISSED)


_DUTCH: Final = {
    ProgressStatus.NOT_STARTED: "niet begonnen",
    ProgressStatus.ON_TRACK: "op schema",
    ProgressStatus.BEHIND: "achter",
    ProgressStatus.AT_RISK: "in gevaar",
    ProgressStatus.ACHIEVED: "gehaald",
    ProgressStatus.EXCEEDED: "overtroffen",
    ProgressStatus.MISSED: "gemist",
}

_RANK: Final = {
    ProgressStatus.NOT_STARTED: 0,
    ProgressStatus.AT_RISK: 1,
    ProgressStatus.BEHIND: 2,
    ProgressStatus.ON_TRACK: 3,
    ProgressStatus.MISSED: 1,
    ProgressStatus.ACHIEVED: 2,
    ProgressStatus.EXCEEDED: 3,
}


class ThresholdMeasure(enum.Enum):
    """What a :class:`Thresholds` compares.

    * ``RATIO``: the pace (actual ÷ expected, so 1.0 is exactly on plan).
    * ``GAP``: expected progress minus actual progress, in percentage points.

    >>> ThresholdMeasure("gap")
    <ThresholdMeasure.GAP: 'gap'>
    """

    RATIO = "ratio"
    GAP = "gap"


def _number(value: object) -> Decimal:
    return to_decimal(value, name="threshold")


@attrs.frozen
class Thresholds:
    """The limits that turn pace or gap into ON_TRACK, BEHIND or AT_RISK.

    Two presets follow common goal tools: :meth:`ratio` (pace ≥ 0.99 on track, ≥ 0.81
    behind, below that at risk) and :meth:`gap` (expected − actual progress under 16.5
    points on track, under 33 behind, else at risk). Pass other numbers to either for
    custom thresholds.

    ``high_confidence`` is the confidence from which a check-in counts as confident:
    a confident owner whose goal is AT_RISK (or BEHIND) gets a warning on the
    :class:`~smartgoals.tracking.Progress`, since the two disagree.

    Args:
        measure: What is compared.
        on_track: The limit for ON_TRACK (ratio: at least; gap: under).
        behind: The limit for BEHIND (ratio: at least; gap: under).
        high_confidence: From this confidence (0-1) on, a low pace is flagged.

    Raises:
        InvalidInputError: if the limits are out of order or negative, or
            ``high_confidence`` is outside 0-1.

    >>> t = Thresholds.ratio()
    >>> t.status(pace=Decimal("0.9"), expected_progress=Decimal("0.5"), progress=Decimal("0.45"))
    <ProgressStatus.BEHIND: 'behind'>
    >>> Thresholds.ratio(on_track="0.8", behind="0.9")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: ratio thresholds must satisfy on_track >= behind >= 0, got on_track=0.8, behind=0.9
    """

    measure: ThresholdMeasure
    on_track: Decimal = attrs.field(converter=_number)
    behind: Decimal = attrs.field(converter=_number)
    high_confidence: Decimal = attrs.field(default=Decimal("0.7"), converter=_number)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.measure, ThresholdMeasure):
            raise InvalidInputError(
                f"measure must be a ThresholdMeasure, got {self.measure!r}",
                name="measure",
                value=self.measure,
            )
        if self.measure is ThresholdMeasure.RATIO:
            ok = self.on_track >= self.behind >= 0
            rule = "on_track >= behind >= 0"
        else:
            ok = 0 <= self.on_track <= self.behind
            rule = "0 <= on_track <= behind"
        if not ok:
            raise InvalidInputError(
                f"{self.measure.value} thresholds must satisfy {rule}, got "
                f"on_track={format_amount(self.on_track)}, behind={format_amount(self.behind)}",
                name="on_track",
                value=(self.on_track, self.behind),
            )
        if not 0 <= self.high_confidence <= 1:
            raise InvalidInputError(
                f"high_confidence must be a fraction from 0 to 1, got "
                f"{format_amount(self.high_confidence)}",
                name="high_confidence",
                value=self.high_confidence,
            )

    @classmethod
    def ratio(
        cls, on_track: object = "0.99", behind: object = "0.81", *, high_confidence: object = "0.7"
    ) -> Thresholds:
        """Status by pace: at least ``on_track`` is ON_TRACK, at least ``behind`` BEHIND.

        Args:
            on_track: The lowest pace that is on track (0.99 by default).
            behind: The lowest pace that is behind rather than at risk (0.81).
            high_confidence: From this confidence on, a low pace is flagged.

        Returns:
            The thresholds.

        >>> Thresholds.ratio().on_track, Thresholds.ratio("0.95", "0.75").behind
        (Decimal('0.99'), Decimal('0.75'))
        """
        return cls(ThresholdMeasure.RATIO, on_track, behind, high_confidence)

    @classmethod
    def gap(
        cls, on_track: object = "16.5", behind: object = "33", *, high_confidence: object = "0.7"
    ) -> Thresholds:
        """Status by points behind: under ``on_track`` is ON_TRACK, under ``behind`` BEHIND.

        The points are expected progress minus actual progress, times 100: at 50%
        expected and 40% done the goal is 10 points behind.

        Args:
            on_track: Points behind below which the goal is on track (16.5).
            behind: Points behind below which it is behind rather than at risk (33).
            high_confidence: From this confidence on, a low pace is flagged.

        Returns:
            The thresholds.

        >>> Thresholds.gap().behind
        Decimal('33')
        """
        return cls(ThresholdMeasure.GAP, on_track, behind, high_confidence)

    def status(
        self,
        *,
        pace: Decimal | None,
        expected_progress: Decimal,
        progress: Decimal | None,
    ) -> ProgressStatus:
        """The in-flight status for these numbers.

        An undefined pace (nothing expected yet) or progress counts as on track: nothing
        was due, so nothing is late.

        Args:
            pace: Actual ÷ expected (1 is on plan), or ``None`` if undefined.
            expected_progress: The fraction of the way expected by now (0-1).
            progress: The fraction of the way done, or ``None`` if undefined.

        Returns:
            ON_TRACK, BEHIND or AT_RISK.

        >>> Thresholds.gap().status(pace=None, expected_progress=Decimal("0.5"),
        ...                         progress=Decimal("0.2"))
        <ProgressStatus.BEHIND: 'behind'>
        """
        if self.measure is ThresholdMeasure.RATIO:
            if pace is None or pace >= self.on_track:
                return ProgressStatus.ON_TRACK
            return ProgressStatus.BEHIND if pace >= self.behind else ProgressStatus.AT_RISK
        if progress is None:
            return ProgressStatus.ON_TRACK
        points = (expected_progress - progress) * _HUNDRED
        if points < self.on_track:
            return ProgressStatus.ON_TRACK
        return ProgressStatus.BEHIND if points < self.behind else ProgressStatus.AT_RISK


#: The default thresholds: the ratio preset.
DEFAULT_THRESHOLDS: Final = Thresholds.ratio()
