"""OKR grading on Google's 0.0-1.0 scale."""

from __future__ import annotations

import enum
from decimal import ROUND_FLOOR, Decimal
from typing import Final

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.tracking._progress import Progress, from_baseline

__all__ = ["Expectation", "Grade", "GradeBand", "grade"]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_YELLOW_FROM: Final = Decimal("0.4")
_GREEN_FROM: Final = Decimal("0.7")
_ASPIRATIONAL_SUCCESS: Final = Decimal("0.6")
_NAN: Final = Decimal("NaN")


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
            as grades are usually written, rounded down so that 0.98 never reads 1.0);
            NaN when the progress is undefined (no baseline to measure from).
        band: RED, YELLOW or GREEN; ``None`` for an undefined (NaN) score.
        expectation: Committed or aspirational.
        success: Committed: the score is 1.0. Aspirational: the score is 0.6 or more.
            Never for an undefined score.

    >>> g = grade(Decimal("0.65"), expectation="aspirational")
    >>> str(g), g.band.value, g.success
    ('0.6 (yellow, aspirational: success)', 'yellow', True)
    """

    score: Decimal
    band: GradeBand | None
    expectation: Expectation
    success: bool

    @property
    def is_defined(self) -> bool:
        """Whether the score is a number (not NaN).

        >>> grade("0.5").is_defined, grade("NaN").is_defined
        (True, False)
        """
        return not self.score.is_nan()

    def __str__(self) -> str:
        """The score to one decimal with its band and verdict.

        >>> str(grade(1)), str(grade("0.98"))
        ('1.0 (green, committed: success)', '0.9 (green, committed: short of expectation)')
        >>> str(grade("NaN"))
        'NaN (undefined: no baseline to measure the distance travelled from)'
        """
        if self.band is None:
            return "NaN (undefined: no baseline to measure the distance travelled from)"
        shown = self.score.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
        verdict = "success" if self.success else "short of expectation"
        return f"{shown} ({self.band.value}, {self.expectation.value}: {verdict})"


def grade(
    progress: Progress | object,
    *,
    expectation: Expectation | str = "committed",
    strict: bool = False,
) -> Grade:
    """Grade a key result on Google's 0.0-1.0 OKR scale: the fraction of it delivered.

    The score measures the distance travelled, clamped to 0-1:

    * ``SUM`` metrics (revenue, calls): ``actual ÷ target``.
    * ``AVERAGE`` and ``LEVEL`` metrics (win rate, churn, customers, MRR), thresholds
      (``AT_LEAST``/``AT_MOST``) on them, and run rates:
      ``(actual − baseline) ÷ (target − baseline)``. A key result that never moved
      off its baseline grades 0.0, whatever its level: a win rate from 20% to 30%
      that ends at 20% grades 0, not 0.6.
    * Without a baseline such a grade is undefined: NaN (the KPI convention), or
      :class:`~smartgoals.exceptions.UndefinedMetricError` with ``strict=True``. It is
      never a confident number.
    * A target equal to its baseline (or a threshold the baseline already meets)
      scores 1.0 when met and 0.0 when not.

    A committed OKR succeeds only at 1.0; an aspirational one from 0.6 on (Google's
    0.6-0.7 sweet spot). Bands: red below 0.4, yellow below 0.7, green from 0.7.

    Args:
        progress: A :class:`~smartgoals.tracking.Progress` or a number (0.65 is 65%;
            NaN for undefined).
        expectation: ``"committed"`` (default) or ``"aspirational"``.
        strict: Raise instead of returning a NaN grade.

    Returns:
        The :class:`Grade`.

    Raises:
        InvalidInputError: for an unknown expectation or a progress that is not a number.
        UndefinedMetricError: with ``strict=True``, when the grade is undefined.

    >>> grade(Decimal("0.3")).band.value
    'red'
    >>> grade("0.95").success, grade("0.95", expectation="aspirational").success
    (False, True)
    >>> grade("1.4").score
    Decimal('1')

    A win rate from 20% to 30% that ended the year where it started:

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import CheckIn, track
    >>> win_rate = Goal(metric=metrics.get("win_rate"), direction=Direction.INCREASE,
    ...                 baseline="0.20", target=Target.level("0.30"),
    ...                 timeframe=Timeframe.year(2027))
    >>> end = date(2027, 12, 31)
    >>> grade(track(win_rate, [CheckIn(end, "0.20")], as_of=end)).score
    Decimal('0')
    >>> unknown = attrs.evolve(win_rate, baseline=None)
    >>> grade(track(unknown, [CheckIn(end, "0.20")], as_of=end)).score
    Decimal('NaN')
    >>> grade(track(unknown, [CheckIn(end, "0.20")], as_of=end), strict=True)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.UndefinedMetricError: OKR grade of win rate is undefined: the goal has no baseline to measure the distance travelled from; set the goal's baseline (the value at the start)
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
        raw = _raw(progress)
        label = progress.label
    else:
        raw = to_decimal(progress, name="progress", finite=False)
        label = "the key result"
    if raw.is_nan():
        if strict:
            raise UndefinedMetricError(
                f"OKR grade of {label}",
                "the goal has no baseline to measure the distance travelled from; set the "
                "goal's baseline (the value at the start)",
            )
        return Grade(_NAN, None, kind, False)
    score = min(max(raw, _ZERO), _ONE)
    success = score >= (_ONE if kind is Expectation.COMMITTED else _ASPIRATIONAL_SUCCESS)
    return Grade(score, GradeBand.of(score), kind, success)


def _raw(progress: Progress) -> Decimal:
    """The progress to grade, NaN when it has no baseline to be measured from."""
    if progress.progress is not None:
        return progress.progress
    goal = progress.goal
    if from_baseline(goal) and goal.baseline is None:
        return _NAN
    return _ONE if progress.met else _ZERO
