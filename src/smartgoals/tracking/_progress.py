"""Progress of one goal: actual, expected, pace, projection, status."""

from __future__ import annotations

import enum
import textwrap
from collections.abc import Container, Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from smartgoals._numbers import format_amount
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, TargetKind
from smartgoals.metrics import Aggregation, Polarity
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import _format
from smartgoals.tracking._checkins import CheckIn
from smartgoals.tracking._pacing import PacingLike, _as_pacing, _scale
from smartgoals.tracking._status import DEFAULT_THRESHOLDS, ProgressStatus, Thresholds

__all__ = ["Progress", "RequiredRate", "TrackingMode", "track"]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_SEVEN: Final = Decimal(7)
#: The mean Gregorian month in days (365.2425 ÷ 12), for rates per month.
DAYS_PER_MONTH: Final = Decimal("30.436875")


class TrackingMode(enum.Enum):
    """How a goal's numbers are computed, chosen from its metric and target.

    * ``PATH``: the value travels from a start (0 for ``SUM`` metrics, the baseline for
      ``LEVEL`` metrics) to the target, paced over the timeframe.
    * ``CAP``: a ``SUM`` metric where lower is better (at most a budget, or a decrease):
      the expected value is the allowance to date.
    * ``LATEST``: the latest value is compared with the target as it is: ``AVERAGE``
      metrics (rates), and ``AT_MOST``/``AT_LEAST`` thresholds on ``LEVEL`` metrics.

    >>> TrackingMode.PATH.value
    'path'
    """

    PATH = "path"
    CAP = "cap"
    LATEST = "latest"


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator ÷ denominator``, or ``None`` when the denominator is 0."""
    return None if denominator == 0 else numerator / denominator


def lower_is_better(goal: Goal) -> bool:
    """Whether the goal wants the metric low: AT_MOST, a decrease, or a lower-is-better metric."""
    assert goal.target is not None
    assert goal.metric is not None
    kind = goal.target.kind
    if kind is TargetKind.AT_MOST:
        return True
    if kind is TargetKind.AT_LEAST:
        return False
    if goal.direction is Direction.DECREASE:
        return True
    if goal.direction is Direction.INCREASE:
        return False
    return goal.metric.polarity is Polarity.LOWER_IS_BETTER


def _mode(goal: Goal, target: Decimal) -> TrackingMode:
    assert goal.metric is not None
    assert goal.target is not None
    aggregation = goal.metric.aggregation
    if aggregation is Aggregation.SUM:
        return TrackingMode.CAP if lower_is_better(goal) else TrackingMode.PATH
    if aggregation is Aggregation.LEVEL and goal.target.kind in (
        TargetKind.LEVEL,
        TargetKind.CHANGE,
    ):
        if goal.baseline is None:
            goal.require(
                "baseline", action="track a level metric along its path from the baseline"
            )
        if goal.baseline != target:
            return TrackingMode.PATH
    return TrackingMode.LATEST


@attrs.frozen
class RequiredRate:
    """The rate still needed to land exactly on the target by the end of the timeframe.

    For ``SUM`` metrics it is the amount per period still to add (never negative; for
    lower-is-better caps it is the allowance per period left); for ``LEVEL`` metrics the
    change per period still needed (negative when the value must fall). Periods are
    calendar days; a week is 7 days and a month the mean Gregorian month of 30.436875
    days.

    Args:
        per_day: The amount per calendar day.

    >>> rate = RequiredRate(Decimal("1000"))
    >>> rate.per_week, rate.per_month
    (Decimal('7000'), Decimal('30436.875000'))
    """

    per_day: Decimal

    @property
    def per_week(self) -> Decimal:
        """The rate per 7 days.

        >>> RequiredRate(Decimal(2)).per_week
        Decimal('14')
        """
        return self.per_day * _SEVEN

    @property
    def per_month(self) -> Decimal:
        """The rate per mean month (30.436875 days).

        >>> RequiredRate(Decimal(1)).per_month
        Decimal('30.436875')
        """
        return self.per_day * DAYS_PER_MONTH


def _through(timeframe: Timeframe, as_of: date) -> date | None:
    """The last elapsed day inside the timeframe, or ``None`` before it starts."""
    if as_of < timeframe.start:
        return None
    return min(as_of, timeframe.last_day)


@attrs.frozen
class Progress:
    """Where a goal stands on a given day: the numbers sales and OKR tools show.

    Built by :func:`track` (one goal) or :func:`~smartgoals.tracking.rollup` (a plan's
    children). ``as_of`` is inclusive: through 30 April means the whole of 30 April has
    elapsed and its check-ins count.

    Sign convention: ``gap`` and ``attainment`` are oriented so that the reading never
    depends on the metric. ``gap`` is *projected − target* when higher is better and
    *target − projected* when lower is better (a cap, a decrease, churn): **negative is
    a gap, positive a cushion**. ``attainment`` is *actual ÷ target* when higher is
    better and *target ÷ actual* when lower is better: above 1 is better than the
    target. ``pace`` is 1 exactly on plan and above 1 ahead, in both cases.

    Ratios that divide by zero (a target of 0, nothing expected yet, a lower-is-better
    actual of 0) are ``None``.

    Attributes:
        goal: The goal tracked (for a roll-up, a goal summing or averaging the children).
        as_of: The last day counted.
        mode: How the numbers were computed (see :class:`TrackingMode`).
        target: The value aimed for (``goal.target_value``).
        actual: The sum of the check-ins (``SUM`` metrics) or the latest value.
        expected: Where the goal should be by now under the pacing (``SUM``: the target
            to date; ``LEVEL``: the milestone on the path from the baseline; rates and
            thresholds: the target itself).
        attainment: ``actual ÷ target`` (oriented, see above).
        progress: The fraction of the way from the start to the target, floored at 0
            and possibly above 1; for rates and thresholds the attainment.
        expected_progress: The fraction of the way expected by now (1 for rates and
            thresholds).
        pace: ``progress ÷ expected_progress``; for ``SUM`` metrics that is
            ``actual ÷ expected``; for ``LEVEL`` metrics it measures the change from the
            baseline, so the baseline itself earns no pace.
        projected: The end-of-timeframe value if the run-rate so far continues along the
            pacing (``None`` before the start); the actual for rates and thresholds.
        gap: The projected shortfall (negative) or cushion (positive), see above.
        required_rate: What is still needed per day, week and month, or ``None`` for
            rates and thresholds and when no day remains.
        days_elapsed: Calendar days of the timeframe elapsed through ``as_of``.
        days_remaining: Calendar days left after ``as_of``.
        status: The :class:`ProgressStatus`.
        met: Whether the actual is at or better than the target right now.
        confidence: The latest confidence given in a check-in (0-1), if any.
        confidence_conflict: A high confidence while the status is BEHIND or AT_RISK.
        checkins: How many check-ins were counted.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import CheckIn, track
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027))
    >>> progress = track(goal, [CheckIn(date(2027, 4, 30), 400_000)], as_of=date(2027, 4, 30))
    >>> progress.expected.quantize(Decimal("0.01")), progress.status.value
    (Decimal('394520.55'), 'on_track')
    """

    goal: Goal
    as_of: date
    mode: TrackingMode
    target: Decimal
    actual: Decimal
    expected: Decimal
    attainment: Decimal | None
    progress: Decimal | None
    expected_progress: Decimal
    pace: Decimal | None
    projected: Decimal | None
    gap: Decimal | None
    required_rate: RequiredRate | None
    days_elapsed: int
    days_remaining: int
    status: ProgressStatus
    met: bool
    confidence: Decimal | None = None
    confidence_conflict: bool = False
    checkins: int = 0

    @property
    def timeframe(self) -> Timeframe:
        """The goal's timeframe (every tracked goal has one).

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn
        >>> goal = Goal(metric=metrics.get("customer_churn_rate"), direction=Direction.DECREASE,
        ...             target=Target.at_most("0.02"), timeframe=Timeframe.quarter(2027, 2))
        >>> p = track(goal, [CheckIn(date(2027, 4, 30), "0.025")], as_of=date(2027, 5, 1))
        >>> str(p.timeframe)
        '2027-04-01 – 2027-06-30'
        """
        assert self.goal.timeframe is not None
        return self.goal.timeframe

    @property
    def lower_is_better(self) -> bool:
        """Whether lower values are better for this goal (caps, decreases, churn).

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn
        >>> goal = Goal(metric=metrics.get("customer_churn_rate"), direction=Direction.DECREASE,
        ...             target=Target.at_most("0.02"), timeframe=Timeframe.quarter(2027, 2))
        >>> p = track(goal, [CheckIn(date(2027, 4, 30), "0.025")], as_of=date(2027, 5, 1))
        >>> p.lower_is_better, p.attainment, p.met, p.status.value
        (True, Decimal('0.8'), False, 'at_risk')
        """
        return lower_is_better(self.goal)

    @property
    def label(self) -> str:
        """A short name: the goal's statement, else its metric's name and owner.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn
        >>> goal = Goal(metric=metrics.get("customer_churn_rate"), direction=Direction.DECREASE,
        ...             target=Target.at_most("0.02"), timeframe=Timeframe.quarter(2027, 2))
        >>> p = track(goal, [CheckIn(date(2027, 4, 30), "0.025")], as_of=date(2027, 5, 1))
        >>> p.label
        'customer churn rate'
        """
        goal = self.goal
        if goal.statement:
            return goal.statement
        assert goal.metric is not None
        return f"{goal.metric.name} ({goal.owner})" if goal.owner else goal.metric.name

    def _amount(self, value: Decimal | None) -> str:
        return _format.amount(value, self.goal.metric, self.goal.currency)

    def __str__(self) -> str:
        """Several aligned lines: status, actual, expected, projection, rate, days.

        The heading (the goal, its timeframe, the date and the status) wraps at 80
        columns; the lines below it fit in them.
        """
        rate = self.required_rate
        heading = (
            f"{self.label}, {self.timeframe}, as of {self.as_of.isoformat()}: {self.status.label}"
        )
        lines = [
            textwrap.fill(heading, 80, subsequent_indent="  ", break_on_hyphens=False),
            f"  actual     {self._amount(self.actual)} of {self._amount(self.target)} "
            f"(attainment {_format.percent(self.attainment)})",
            f"  expected   {self._amount(self.expected)} (pace {_format.percent(self.pace)})",
            f"  projected  {self._amount(self.projected)} (gap "
            f"{_format.signed(self.gap, self.goal.metric, self.goal.currency)})",
        ]
        if rate is not None:
            lines.append(
                f"  required   {self._amount(rate.per_day)}/day, "
                f"{self._amount(rate.per_week)}/week, {self._amount(rate.per_month)}/month"
            )
        lines.append(f"  days       {self.days_elapsed} elapsed, {self.days_remaining} remaining")
        if self.confidence is not None:
            flag = " (high confidence at a low pace: check the forecast)"
            lines.append(
                f"  confidence {_format.percent(self.confidence)}"
                f"{flag if self.confidence_conflict else ''}"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The numbers as plain JSON types: Decimals as strings, dates as ISO strings.

        Returns:
            A dict with the goal's label, metric key, timeframe and every number.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn
        >>> goal = Goal(metric=metrics.get("customer_churn_rate"), direction=Direction.DECREASE,
        ...             target=Target.at_most("0.02"), timeframe=Timeframe.quarter(2027, 2))
        >>> p = track(goal, [CheckIn(date(2027, 4, 30), "0.025")], as_of=date(2027, 5, 1))
        >>> doc = p.to_dict()
        >>> doc["actual"], doc["target"], doc["status"], doc["as_of"]
        ('0.025', '0.02', 'at_risk', '2027-05-01')
        """
        rate = self.required_rate
        metric = self.goal.metric
        return {
            "label": self.label,
            "metric": metric.key if metric is not None else None,
            "currency": self.goal.currency,
            "start": self.timeframe.start.isoformat(),
            "end": self.timeframe.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "mode": self.mode.value,
            "lower_is_better": self.lower_is_better,
            "target": _text(self.target),
            "actual": _text(self.actual),
            "expected": _text(self.expected),
            "attainment": _text(self.attainment),
            "progress": _text(self.progress),
            "expected_progress": _text(self.expected_progress),
            "pace": _text(self.pace),
            "projected": _text(self.projected),
            "gap": _text(self.gap),
            "required_rate": None
            if rate is None
            else {
                "per_day": _text(rate.per_day),
                "per_week": _text(rate.per_week),
                "per_month": _text(rate.per_month),
            },
            "days_elapsed": self.days_elapsed,
            "days_remaining": self.days_remaining,
            "status": self.status.value,
            "met": self.met,
            "confidence": _text(self.confidence),
            "confidence_conflict": self.confidence_conflict,
            "checkins": self.checkins,
        }

    def _repr_html_(self) -> str:
        """A compact HTML card for notebooks, with the status in its colour."""
        esc = _format.escape
        cells = [
            ("actual", self._amount(self.actual)),
            ("target", self._amount(self.target)),
            ("attainment", _format.percent(self.attainment)),
            ("expected", self._amount(self.expected)),
            ("pace", _format.percent(self.pace)),
            ("projected", self._amount(self.projected)),
            ("gap", _format.signed(self.gap, self.goal.metric, self.goal.currency)),
            ("days left", str(self.days_remaining)),
        ]
        if self.confidence is not None:
            cells.append(("confidence", _format.percent(self.confidence)))
        head = "".join(f'<th style="padding:0 6px">{esc(k)}</th>' for k, _ in cells)
        body = "".join(
            f'<td style="padding:0 6px;text-align:right">{esc(v)}</td>' for _, v in cells
        )
        warning = (
            '<div style="color:#9a6700">high confidence at a low pace: check the forecast</div>'
            if self.confidence_conflict
            else ""
        )
        return (
            f"<div><div><strong>{esc(self.label)}</strong> {esc(str(self.timeframe))}, "
            f"as of {self.as_of.isoformat()}: {_format.status_badge(self.status)}</div>"
            f'<table style="border-collapse:collapse"><tr>{head}</tr><tr>{body}</tr></table>'
            f"{warning}</div>"
        )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _check_values(goal: Goal, checkins: list[CheckIn]) -> None:
    metric = goal.metric
    assert metric is not None
    for checkin in checkins:
        if not isinstance(checkin, CheckIn):
            raise InvalidInputError(
                f"check-ins must be CheckIn values, got {type(checkin).__name__} "
                f"({checkin!r}); write CheckIn(date, value)",
                name="checkins",
                value=checkin,
            )
        if not metric.in_range(checkin.value):
            raise InvalidInputError(
                f"check-in of {checkin.date.isoformat()} has value "
                f"{format_amount(checkin.value)}, outside the possible range of {metric.name}",
                name="checkins",
                value=checkin,
            )


def _final_status(actual: Decimal, target: Decimal, lower: bool) -> ProgressStatus:
    better = actual < target if lower else actual > target
    if better:
        return ProgressStatus.EXCEEDED
    return ProgressStatus.ACHIEVED if actual == target else ProgressStatus.MISSED


def track(
    goal: Goal,
    checkins: Iterable[CheckIn],
    *,
    as_of: date | None = None,
    pacing: PacingLike = "linear",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    cumulative: bool = False,
    holidays: Container[date] | None = None,
    weekend: Iterable[int] | None = None,
) -> Progress:
    """Track a goal's progress from its check-ins.

    What counts as the actual depends on the metric's aggregation:

    * ``SUM`` (revenue, calls): the sum of the check-ins dated inside the timeframe up
      to ``as_of``, each being that period's amount; with ``cumulative=True`` the
      check-ins are running totals and the latest one counts.
    * ``LEVEL`` (MRR, customers): the latest value; progress is
      ``(current − baseline) ÷ (target − baseline)``, floored at 0 (a baseline is
      required).
    * ``AVERAGE`` (win rate, CAC): the latest period's value, against the target.

    Without a check-in yet, a ``LEVEL`` or ``AVERAGE`` goal uses its baseline. A goal
    that wants the metric lower (``AT_MOST``, a ``DECREASE``, a lower-is-better metric)
    is read that way; ``AT_MOST``/``AT_LEAST`` goals also say whether the threshold is
    met (:attr:`Progress.met`).

    The status is NOT_STARTED before the start; ACHIEVED, EXCEEDED or MISSED once the
    last day is over (``as_of`` on or after it); otherwise ``thresholds`` decide
    between ON_TRACK, BEHIND and AT_RISK.

    Args:
        goal: A goal with a metric, target, timeframe (and the baseline a ``CHANGE`` or
            a ``LEVEL`` metric needs).
        checkins: The measurements; those outside the timeframe or after ``as_of`` are
            ignored.
        as_of: The last day to count, inclusive; today by default.
        pacing: ``"linear"`` (calendar days), ``"workdays"``, a
            :class:`~smartgoals.tracking.Pacing`, or the plan's periods as
            ``(Timeframe, weight)`` pairs (or a split with ``timeframes`` and
            ``weights``) to pace along its seasonality.
        thresholds: The status thresholds; the ratio preset by default.
        cumulative: For ``SUM`` metrics: the check-in values are running totals.
        holidays: With ``pacing="workdays"`` (or plan periods): dates that are not
            working days.
        weekend: With ``pacing="workdays"`` (or plan periods): the weekend's weekday
            numbers (5 and 6 by default).

    Returns:
        The :class:`Progress`.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, target, timeframe, or a
            baseline it needs.
        InvalidInputError: for a check-in that is not a :class:`CheckIn` or lies outside
            the metric's range, ``cumulative`` on a non-``SUM`` metric, an unknown
            pacing, or a ``LEVEL``/``AVERAGE`` goal with neither check-in nor baseline.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Direction, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import CheckIn
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027),
    ...             currency="USD")
    >>> p = track(goal, [CheckIn(date(2027, 4, 30), 400_000)], as_of=date(2027, 4, 30))
    >>> p.expected.quantize(Decimal("0.01")), p.status.value
    (Decimal('394520.55'), 'on_track')
    """
    goal.require("metric", "target_value", "timeframe", action="track the goal")
    metric, timeframe = goal.metric, goal.timeframe
    assert metric is not None
    assert timeframe is not None
    if as_of is None:
        as_of = date.today()
    if type(as_of) is not date:
        raise InvalidInputError(
            f"as_of must be a datetime.date, got {type(as_of).__name__} ({as_of!r})",
            name="as_of",
            value=as_of,
        )
    if cumulative and metric.aggregation is not Aggregation.SUM:
        raise InvalidInputError(
            f"cumulative=True applies to SUM metrics; {metric.name} is a "
            f"{metric.aggregation.value} metric whose check-ins are already its values",
            name="cumulative",
            value=cumulative,
        )
    plan_pacing = _as_pacing(pacing, holidays=holidays, weekend=weekend)
    entries = list(checkins)
    _check_values(goal, entries)
    target = goal.target_value
    lower = lower_is_better(goal)
    mode = _mode(goal, target)
    through = _through(timeframe, as_of)
    counted = sorted(
        (c for c in entries if through is not None and timeframe.start <= c.date <= through),
        key=lambda c: c.date,
    )
    share = Fraction(0) if through is None else plan_pacing.fraction(timeframe, through)
    days_elapsed = 0 if through is None else (through - timeframe.start).days + 1
    days_remaining = timeframe.days - days_elapsed
    actual = _actual(goal, counted, cumulative=cumulative)
    numbers = _numbers(mode, goal, target, actual, share, lower)
    expected, attainment, progress, expected_progress, pace, projected, gap = numbers
    met = actual <= target if lower else actual >= target
    if through is None:
        status = ProgressStatus.NOT_STARTED
    elif through == timeframe.last_day:
        status = _final_status(actual, target, lower)
    else:
        status = thresholds.status(
            pace=pace,
            expected_progress=expected_progress if mode is TrackingMode.PATH else _ONE,
            progress=progress if mode is TrackingMode.PATH else pace,
        )
    confidences = [c.confidence for c in counted if c.confidence is not None]
    confidence = confidences[-1] if confidences else None
    conflict = (
        confidence is not None
        and confidence >= thresholds.high_confidence
        and status in (ProgressStatus.BEHIND, ProgressStatus.AT_RISK)
    )
    return Progress(
        goal=goal,
        as_of=as_of,
        mode=mode,
        target=target,
        actual=actual,
        expected=expected,
        attainment=attainment,
        progress=progress,
        expected_progress=expected_progress,
        pace=pace,
        projected=projected,
        gap=gap,
        required_rate=_required(
            mode,
            target,
            actual,
            days_remaining,
            summed=metric.aggregation is Aggregation.SUM,
        ),
        days_elapsed=days_elapsed,
        days_remaining=days_remaining,
        status=status,
        met=met,
        confidence=confidence,
        confidence_conflict=conflict,
        checkins=len(counted),
    )


def _actual(goal: Goal, counted: list[CheckIn], *, cumulative: bool) -> Decimal:
    metric = goal.metric
    assert metric is not None
    if metric.aggregation is Aggregation.SUM:
        if cumulative:
            return counted[-1].value if counted else _ZERO
        return sum((c.value for c in counted), _ZERO)
    if counted:
        return counted[-1].value
    if goal.baseline is not None:
        return goal.baseline
    raise InvalidInputError(
        f"{metric.name} is a {metric.aggregation.value} metric and the goal has no "
        "check-in up to as_of and no baseline; record a check-in or set the goal's baseline",
        name="checkins",
        value=(),
    )


def _numbers(
    mode: TrackingMode,
    goal: Goal,
    target: Decimal,
    actual: Decimal,
    share: Fraction,
    lower: bool,
) -> tuple[
    Decimal,
    Decimal | None,
    Decimal | None,
    Decimal,
    Decimal | None,
    Decimal | None,
    Decimal | None,
]:
    """expected, attainment, progress, expected progress, pace, projected, gap."""
    fraction = Decimal(share.numerator) / Decimal(share.denominator)
    attainment = _ratio(target, actual) if lower else _ratio(actual, target)
    if mode is TrackingMode.PATH:
        start = (
            _ZERO
            if goal.metric is not None and goal.metric.aggregation is Aggregation.SUM
            else goal.baseline
        )
        assert start is not None
        way = target - start
        expected = start + _scale(way, share)
        raw = _ratio(actual - start, way)
        progress = None if raw is None else max(raw, _ZERO)
        pace = None if progress is None else _ratio(progress, fraction)
        projected = None if share == 0 else start + (actual - start) / fraction
        gap = _oriented(projected, target, lower)
        return expected, attainment, progress, fraction, pace, projected, gap
    if mode is TrackingMode.CAP:
        expected = _scale(target, share)
        pace = _ratio(expected, actual)
        projected = None if share == 0 else actual / fraction
        return (
            expected,
            attainment,
            attainment,
            _ONE,
            pace,
            projected,
            _oriented(projected, target, lower),
        )
    return (
        target,
        attainment,
        attainment,
        _ONE,
        attainment,
        actual,
        _oriented(actual, target, lower),
    )


def _oriented(projected: Decimal | None, target: Decimal, lower: bool) -> Decimal | None:
    if projected is None:
        return None
    return target - projected if lower else projected - target


def _required(
    mode: TrackingMode, target: Decimal, actual: Decimal, days_remaining: int, *, summed: bool
) -> RequiredRate | None:
    if mode is TrackingMode.LATEST or days_remaining == 0:
        return None
    remaining = target - actual
    if summed:
        # A sum cannot be undone: past the target (or over a cap) nothing more is needed.
        remaining = max(remaining, _ZERO)
    return RequiredRate(remaining / Decimal(days_remaining))
