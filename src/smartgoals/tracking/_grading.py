"""OKR grading on Google's 0.0-1.0 scale."""

from __future__ import annotations

import enum
from decimal import ROUND_FLOOR, Decimal
from typing import Final

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.tracking._progress import Progress

__all__ = ["Expectation", "Grade", "GradeBand", "grade"]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_YELLOW_FROM: Final = Decimal("0.4")
_GREEN_FROM: Final = Decimal("0.7")
_ASPIRATIONAL_SUCCESS: Final = Decimal("0.6")


class Expectation(enum.Enum):
    """What an OKR is expected to reach (Google re:Work).

    * ``COMMITTED``: the team agreed to deliver it: 1.0 is expected, less is a miss.
    * ``ASPIRATIONAL``: a stretch: 0.6-0.7 is success; a steady 1.0 suggests the bar
      was set too low.

    >>> Expectation("aspirational")
    <Expectation.ASPIRATIONAL: 'aspirational'>
    """

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class GradeBand(enum.Enum):
    """The colour band of a grade: red below 0.4, yellow from 0.4 below 0.7, green from 0.7.

    >>> GradeBand.of(Decimal("0.4")), GradeBand.of(Decimal("0.7"))
    (<GradeBand.YELLOW: 'yellow'>, <GradeBand.GREEN: 'green'>)
    """

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"

    @classmethod
    def of(cls, score: Decimal) -> GradeBand:
        """The band of a score.

        Args:
            score: A grade from 0 to 1.

        Returns:
            RED (< 0.4), YELLOW (0.4 to < 0.7) or GREEN (>= 0.7).

        >>> GradeBand.of(Decimal("0.39"))
        <GradeBand.RED: 'red'>
        """
        if score < _YELLOW_FROM:
            return cls.RED
        return cls.YELLOW if score < _GREEN_FROM else cls.GREEN


@attrs.frozen
class Grade:
    """An OKR grade: a score from 0.0 to 1.0, its colour band, and whether it counts as success.

    Attributes:
        score: The progress clamped to 0-1 (exact; :meth:`__str__` shows one decimal,
            as grades are usually written, rounded down so that 0.98 never reads 1.0).
        band: RED, YELLOW or GREEN.
        expectation: Committed or aspirational.
        success: Committed: the score is 1.0. Aspirational: the score is 0.6 or more.

    >>> g = grade(Decimal("0.65"), expectation="aspirational")
    >>> str(g), g.band.value, g.success
    ('0.6 (yellow, aspirational: success)', 'yellow', True)
    """

    score: Decimal
    band: GradeBand
    expectation: Expectation
    success: bool

    def __str__(self) -> str:
        """The score to one decimal with its band and verdict.

        >>> str(grade(1)), str(grade("0.98"))
        ('1.0 (green, committed: success)', '0.9 (green, committed: short of expectation)')
        """
        shown = self.score.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
        verdict = "success" if self.success else "short of expectation"
        return f"{shown} ({self.band.value}, {self.expectation.value}: {verdict})"


def grade(progress: Progress | object, *, expectation: Expectation | str = "committed") -> Grade:
    """Grade a key result on Google's 0.0-1.0 OKR scale.

    The score is the progress (the fraction of the way from the start to the target),
    clamped to 0-1; a tracked goal without a defined progress (a target equal to its
    baseline) scores 1.0 when met and 0.0 when not. A committed OKR succeeds only at
    1.0; an aspirational one from 0.6 on (Google's 0.6-0.7 sweet spot). Bands: red
    below 0.4, yellow below 0.7, green from 0.7.

    Args:
        progress: A :class:`~smartgoals.tracking.Progress` or a number (0.65 is 65%).
        expectation: ``"committed"`` (default) or ``"aspirational"``.

    Returns:
        The :class:`Grade`.

    Raises:
        InvalidInputError: for an unknown expectation or a progress that is not a number.

    >>> grade(Decimal("0.3")).band.value
    'red'
    >>> grade("0.95").success, grade("0.95", expectation="aspirational").success
    (False, True)
    >>> grade("1.4").score
    Decimal('1')
    """
    try:
        kind = Expectation(
            expectation.value if isinstance(expectation, Expectation) else expectation
        )
    except ValueError:
        raise InvalidInputError(
            f"unknown expectation {expectation!r}; use 'committed' or 'aspirational'",
            name="expectation",
            value=expectation,
        ) from None
    if isinstance(progress, Progress):
        raw = (_ONE if progress.met else _ZERO) if progress.progress is None else progress.progress
    else:
        raw = to_decimal(progress, name="progress")
    score = min(max(raw, _ZERO), _ONE)
    success = score >= (_ONE if kind is Expectation.COMMITTED else _ASPIRATIONAL_SUCCESS)
    return Grade(score, GradeBand.of(score), kind, success)
