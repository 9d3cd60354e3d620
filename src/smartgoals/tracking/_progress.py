"""Progress of one goal: actual, expected, pace, projection, status."""

from __future__ import annotations

import enum
import textwrap
from collections.abc import Callable, Container, Iterable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from smartgoals._numbers import format_amount
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError
from smartgoals.goals import Goal, TargetKind
from smartgoals.metrics import Aggregation
from smartgoals.money import Converted, FxRates, _rate_text
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe
from smartgoals.tracking import _format
from smartgoals.tracking._checkins import CheckIn
from smartgoals.tracking._pacing import Pacing, PacingBasis, PacingLike, _as_pacing, _scale
from smartgoals.tracking._status import DEFAULT_THRESHOLDS, ProgressStatus, Thresholds

__all__ = ["PeriodProgress", "Progress", "RequiredRate", "TrackingMode", "track"]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_SEVEN: Final = Decimal(7)
#: The mean Gregorian month in days (365.2425 ÷ 12), for rates per month.
DAYS_PER_MONTH: Final = Decimal("30.436875")


class TrackingMode(enum.Enum):
    """How a goal's numbers are computed, chosen from its metric and target.

    * ``PATH``: the value travels from a start to the target, paced over the
      timeframe: from 0 for ``SUM`` metrics (a rate "20 demos a week" along its
      periods' targets), from the baseline for ``LEVEL`` metrics (MRR, customers,
      also ``AT_LEAST``/``AT_MOST`` with a baseline) and for a run rate (a
      per-period ``CHANGE`` on a ``SUM`` metric, tracked on the latest period's
      value against that period's milestone). The pace compares the way travelled
      with the way expected, so the baseline itself earns no pace.
    * ``GLIDE``: an improvement of an ``AVERAGE`` metric (win rate, churn, CAC) from a
      baseline: the expected value glides from the baseline to the target over the
      timeframe, and the pace compares the latest value with it (``actual ÷
      expected``, turned round when lower is better). Rates move by small steps, so
      a win rate at its baseline of 20% on 5 January is on track for 30%.
    * ``CAP``: a ``SUM`` metric where lower is better (at most a budget, or a decrease):
      the expected value is the allowance to date.
    * ``LATEST``: the latest value is compared with the target as it is: ``AVERAGE``
      and threshold goals without a baseline to glide from (or already past it).

    >>> TrackingMode.GLIDE.value
    'glide'
    """

    PATH = "path"
    CAP = "cap"
    LATEST = "latest"
    GLIDE = "glide"


#: Why a check-in was not counted (the reasons in :attr:`Progress.ignored`).
BEFORE_TIMEFRAME: Final = "before the timeframe"
AFTER_TIMEFRAME: Final = "after the timeframe"
AFTER_AS_OF: Final = "after as_of"


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator ÷ denominator``, or ``None`` when the denominator is 0."""
    return None if denominator == 0 else numerator / denominator


def _decimal(value: Fraction) -> Decimal:
    """An exact fraction as a Decimal (exact whenever the Decimal can hold it)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def is_run_rate(goal: Goal) -> bool:
    """Whether the goal is a run rate: a per-period ``CHANGE`` of a ``SUM`` metric."""
    target, metric = goal.target, goal.metric
    return (
        target is not None
        and target.per is not None
        and target.kind is TargetKind.CHANGE
        and metric is not None
        and metric.aggregation is Aggregation.SUM
    )


def _summed_rate(goal: Goal) -> bool:
    """Whether the goal is a rate that adds up over its periods ("20 demos a week")."""
    metric = goal.metric
    return (
        goal.is_rate
        and metric is not None
        and metric.aggregation is Aggregation.SUM
        and not is_run_rate(goal)
    )


def from_baseline(goal: Goal) -> bool:
    """Whether progress runs from the baseline rather than from 0.

    It does for ``AVERAGE`` and ``LEVEL`` metrics (thresholds included) and run rates;
    ``SUM`` metrics measure ``actual ÷ target``.
    """
    metric = goal.metric
    return metric is not None and (metric.aggregation is not Aggregation.SUM or is_run_rate(goal))


def _improves(goal: Goal, target: Decimal, lower: bool) -> bool:
    baseline = goal.baseline
    return baseline is not None and (target < baseline if lower else target > baseline)


def _mode(goal: Goal, target: Decimal, lower: bool) -> TrackingMode:
    assert goal.metric is not None
    assert goal.target is not None
    aggregation = goal.metric.aggregation
    if is_run_rate(goal):
        return TrackingMode.PATH if goal.baseline != target else TrackingMode.LATEST
    if aggregation is Aggregation.SUM:
        return TrackingMode.CAP if lower else TrackingMode.PATH
    if aggregation is Aggregation.LEVEL and goal.target.kind in (
        TargetKind.LEVEL,
        TargetKind.CHANGE,
    ):
        if goal.baseline is None:
            goal.require(
                "baseline", action="track a level metric along its path from the baseline"
            )
        return TrackingMode.PATH if goal.baseline != target else TrackingMode.LATEST
    if not _improves(goal, target, lower):
        return TrackingMode.LATEST
    return TrackingMode.PATH if aggregation is Aggregation.LEVEL else TrackingMode.GLIDE


def _days_per_month(days_per_week: int) -> Decimal:
    if days_per_week == 7:
        return DAYS_PER_MONTH
    return DAYS_PER_MONTH * days_per_week / _SEVEN


def _basis(value: PacingBasis | str) -> PacingBasis:
    return value if isinstance(value, PacingBasis) else PacingBasis(value)


def _granularity(value: Granularity | str) -> Granularity:
    return value if isinstance(value, Granularity) else Granularity(value)


@attrs.frozen
class RequiredRate:
    """The rate still needed to land exactly on the target by the end of the timeframe.

    For ``SUM`` metrics it is the amount per period still to add (never negative; for
    lower-is-better caps it is the allowance per period left); for ``LEVEL`` metrics
    and run rates the change per period still needed (negative when the value must
    fall).

    The unit is part of the value, so a caller never guesses it: :attr:`amount` is
    per :attr:`per` (the goal's cadence, "18 a week", for a rate goal; a day
    otherwise), and a day is a calendar day or, under working-day pacing
    (:attr:`basis` ``WORKDAYS``), a working day. A week is 7 calendar days or
    :attr:`days_per_week` working days; a month is the mean Gregorian month of
    30.436875 days (in working days, that many weeks of :attr:`days_per_week`).

    Args:
        per_day: The amount per day (a calendar day, or a working day by ``basis``).
        basis: What a day is: calendar days (default) or working days.
        per: The period of :attr:`amount`: the goal's cadence (``Target.per``) for a
            rate goal, else a day.
        amount: The amount per ``per`` (``per_day`` when ``per`` is a day).
        days_per_week: The days of ``basis`` in a week (7, or 5 working days).

    >>> rate = RequiredRate(Decimal("1000"))
    >>> rate.per_week, rate.per_month, rate.per.value, rate.basis.value
    (Decimal('7000'), Decimal('30436.875000'), 'day', 'calendar_days')
    >>> work = RequiredRate(Decimal("1000"), basis="workdays", days_per_week=5)
    >>> work.per_week, work.per_month.quantize(Decimal("0.01"))
    (Decimal('5000'), Decimal('21740.62'))
    """

    per_day: Decimal
    basis: PacingBasis = attrs.field(
        default=PacingBasis.CALENDAR_DAYS, kw_only=True, converter=_basis
    )
    per: Granularity = attrs.field(default=Granularity.DAY, kw_only=True, converter=_granularity)
    amount: Decimal = attrs.field(
        default=attrs.Factory(lambda self: self.per_day, takes_self=True), kw_only=True
    )
    days_per_week: int = attrs.field(default=7, kw_only=True)

    @property
    def per_week(self) -> Decimal:
        """The rate per week (7 calendar days, or :attr:`days_per_week` working days).

        >>> RequiredRate(Decimal(2)).per_week
        Decimal('14')
        """
        return self.per_day * self.days_per_week

    @property
    def per_month(self) -> Decimal:
        """The rate per mean month (30.436875 days, or that many weeks of working days).

        >>> RequiredRate(Decimal(1)).per_month
        Decimal('30.436875')
        """
        return self.per_day * _days_per_month(self.days_per_week)


@attrs.frozen
class PeriodProgress:
    """How the current period of a rate goal stands: "this week: 12 of 20".

    Attributes:
        timeframe: The period (clipped to the goal's timeframe).
        per: The goal's cadence.
        actual: What the period has so far: the sum of its check-ins for a ``SUM``
            rate, the latest value in it for a run rate or an ``AVERAGE`` rate
            (``None`` when it has none yet).
        target: The period's target (:meth:`Goal.period_targets
            <smartgoals.goals.Goal.period_targets>`, exact; a period cut at the
            timeframe's edge carries its prorated share; a run rate's milestone).
        expected: The part of the target expected by now under the pacing (the target
            itself for an ``AVERAGE`` rate).

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> goal = Goal(metric=metrics.get("demos_booked"), direction=Direction.INCREASE,
    ...             target=Target.at_least(20, per="week"), timeframe=Timeframe.quarter(2027, 3))
    >>> week = track(goal, [CheckIn(date(2027, 7, 14), 12)], as_of=date(2027, 7, 14)).current_period
    >>> str(week.timeframe), week.actual, week.target
    ('2027-07-12 – 2027-07-18', Decimal('12'), Decimal('20'))
    """

    timeframe: Timeframe
    per: Granularity
    actual: Decimal | None
    target: Decimal
    expected: Decimal


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

    Progress measures the distance travelled. For ``SUM`` metrics it is
    ``actual ÷ target``; for ``AVERAGE`` and ``LEVEL`` metrics (thresholds included) and
    run rates it is ``(actual − baseline) ÷ (target − baseline)``, so a key result that
    never moved off its baseline has progress 0. Without a baseline to measure from
    (or with the baseline already at or past the target) it is ``None``:
    :func:`~smartgoals.tracking.grade` then grades it NaN (or by :attr:`met` when the
    target equals the baseline).

    Ratios that divide by zero (a target of 0, nothing expected yet, a lower-is-better
    actual of 0) are ``None``.

    Attributes:
        goal: The goal tracked (for a roll-up, a goal summing or pooling the children).
        as_of: The last day counted.
        mode: How the numbers were computed (see :class:`TrackingMode`).
        target: The value aimed for: ``goal.target_value``; for a rate that adds up
            ("20 demos a week") the documented total :meth:`Goal.target_total
            <smartgoals.goals.Goal.target_total>`; for a run rate the last period's
            milestone.
        actual: The sum of the check-ins (``SUM`` metrics) or the latest value (other
            metrics, and the latest period's value of a run rate).
        expected: Where the goal should be by now under the pacing (``SUM``: the target
            to date, for a rate the sum of its periods' targets to date; ``LEVEL``: the
            milestone on the path from the baseline; ``GLIDE``: the value on the glide
            path; run rate: the milestone of the latest value's period; other rates
            and thresholds: the target itself).
        attainment: ``actual ÷ target`` (oriented, see above).
        progress: The fraction of the way from the start to the target, floored at 0
            and possibly above 1 (see above); ``None`` when undefined.
        expected_progress: The fraction of the way expected by now (1 for ``LATEST``).
        pace: For ``PATH``, ``progress ÷ expected_progress`` (``actual ÷ expected`` for
            ``SUM`` metrics); for ``GLIDE`` and ``CAP``, the expected and the actual
            value compared (oriented); for ``LATEST``, the attainment.
        projected: The end-of-timeframe value if the run-rate so far continues along the
            pacing (``None`` before the start); the actual for ``GLIDE`` and ``LATEST``.
        gap: The projected shortfall (negative) or cushion (positive), see above.
        required_rate: What is still needed per day, week and month (per the goal's
            cadence for a rate), or ``None`` for ``GLIDE`` and ``LATEST`` goals and when
            no day remains.
        days_elapsed: Calendar days of the timeframe elapsed through ``as_of``.
        days_remaining: Calendar days left after ``as_of``.
        status: The :class:`ProgressStatus`.
        met: Whether the actual is at or better than the target right now.
        confidence: The latest confidence given in a check-in (0-1), if any.
        confidence_conflict: A high confidence while the status is BEHIND or AT_RISK.
        checkins: How many check-ins were counted.
        current_period: For a rate goal (``Target.per``), how the period containing
            ``as_of`` stands (:class:`PeriodProgress`); ``None`` otherwise and before
            the start.
        ignored: The check-ins not counted, each with the reason:
            ``"before the timeframe"``, ``"after the timeframe"`` or ``"after as_of"``.
        denominator: For ``AVERAGE`` metrics, the count the actual rate is measured
            over (the latest check-in's :attr:`CheckIn.denominator
            <smartgoals.tracking.CheckIn.denominator>`; for a roll-up, the pooled
            count), which roll-ups weigh the rate by.
        converted: The counted check-ins in another currency than the goal's, each as
            the :class:`~smartgoals.money.Converted` amount it counted as: the amount in
            the goal's currency, the original, the rate and the day it applies from.

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
    current_period: PeriodProgress | None = None
    ignored: tuple[tuple[CheckIn, str], ...] = ()
    denominator: Decimal | None = None
    converted: tuple[Converted, ...] = ()

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
        return self.goal.lower_is_better

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

    def _label(self, lang: str) -> str:
        goal = self.goal
        if goal.statement:
            return goal.statement
        assert goal.metric is not None
        name = goal.metric.label(lang)
        return f"{name} ({goal.owner})" if goal.owner else name

    def __str__(self) -> str:
        """Several aligned lines in English: status, actual, expected, projection, rate, days.

        The heading (the goal, its timeframe, the date and the status) wraps at 80
        columns; the lines below it fit in them. See :meth:`text` for Dutch.
        """
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The lines of :meth:`__str__` in a language: English (``"en"``) or Dutch (``"nl"``).

        Dutch output uses Dutch words, status words ("op schema") and numbers
        (``1.200.000,00``).

        Args:
            lang: The language code.

        Returns:
            The text, several lines.

        Raises:
            InvalidInputError: for a language other than ``"en"`` and ``"nl"``.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Direction, Goal, Target
        >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
        ...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027),
        ...             currency="EUR")
        >>> p = track(goal, [CheckIn(date(2027, 4, 30), 400_000)], as_of=date(2027, 4, 30))
        >>> print(p.text("nl"))
        omzet, 2027-01-01 – 2027-12-31, stand op 2027-04-30: op schema
          werkelijk  400.000,00 EUR van 1.200.000,00 EUR (realisatie 33,3%)
          verwacht   394.520,55 EUR (tempo 101,4%)
          prognose   1.216.666,67 EUR (verschil +16.666,67 EUR)
          nodig      3.265,31 EUR/dag, 22.857,14 EUR/week, 99.385,71 EUR/maand
          dagen      120 verstreken, 245 resterend
        """
        lang = _format.check_lang(lang)
        metric, currency = self.goal.metric, self.goal.currency

        def word(key: str) -> str:
            return _format.word(key, lang)

        def amount(value: Decimal | None) -> str:
            return _format.amount(value, metric, currency, lang)

        def signed(value: Decimal | None) -> str:
            return _format.signed(value, metric, currency, lang)

        def row(label: str, text: str) -> str:
            return f"  {label:<10} {text}"

        heading = (
            f"{self._label(lang)}, {self.timeframe}, {word('as of')} "
            f"{self.as_of.isoformat()}: {self.status.text(lang)}"
        )
        lines = [
            textwrap.fill(heading, 80, subsequent_indent="  ", break_on_hyphens=False),
            row(
                word("actual"),
                f"{amount(self.actual)} {word('of')} {amount(self.target)} "
                f"({word('attainment')} {_format.percent(self.attainment, lang)})",
            ),
            row(
                word("expected"),
                f"{amount(self.expected)} ({word('pace')} {_format.percent(self.pace, lang)})",
            ),
            row(
                word("projected"),
                f"{amount(self.projected)} ({word('gap')} "
                f"{_format.signed(self.gap, metric, currency, lang)})",
            ),
        ]
        period = self.current_period
        if period is not None:
            name = _format.period_name(period.per, lang, final=self.days_remaining == 0)
            lines.append(
                row(
                    name,
                    f"{amount(period.actual)} {word('of')} {amount(period.target)} "
                    f"({period.timeframe})",
                )
            )
        rate = self.required_rate
        if rate is not None:
            # From a baseline the rate is a change per period ("+931.33 a month").
            show = signed if from_baseline(self.goal) else amount
            day = word("working day" if rate.basis is PacingBasis.WORKDAYS else "day")
            if rate.per is Granularity.DAY:
                text = (
                    f"{show(rate.per_day)}/{day}, {show(rate.per_week)}/{word('week')}, "
                    f"{show(rate.per_month)}/{word('month')}"
                )
            else:
                text = (
                    f"{show(rate.amount)} {_format.rate_words(rate.per, lang)} "
                    f"({show(rate.per_day)}/{day})"
                )
            lines.append(row(word("required"), text))
        lines.append(
            row(
                word("days"),
                f"{self.days_elapsed} {word('elapsed')}, {self.days_remaining} "
                f"{word('remaining')}",
            )
        )
        if self.confidence is not None:
            flag = f" ({word('conflict')})" if self.confidence_conflict else ""
            lines.append(
                row(word("confidence"), f"{_format.percent(self.confidence, lang)}{flag}")
            )
        lines.extend(self._converted_lines(lang, row))
        lines.extend(self._ignored_lines(lang, row))
        return "\n".join(lines)

    def _converted_lines(self, lang: str, row: Callable[[str, str], str]) -> list[str]:
        metric = self.goal.metric
        texts = []
        for money in self.converted[:_LISTED]:
            original = _format.amount(money.original, metric, money.original_currency, lang)
            amount = _format.amount(money.amount, metric, money.currency, lang)
            rate = _format.word("rate of", lang).format(
                rate=_format.local(_rate_text(money.rate), lang),
                day=money.rate_date.isoformat() if money.rate_date else "",
            )
            texts.append(f"{money.on.isoformat()}: {original} → {amount} {rate}")
        return _listed_rows(_format.word("converted", lang), texts, len(self.converted), lang, row)

    def _ignored_lines(self, lang: str, row: Callable[[str, str], str]) -> list[str]:
        texts = []
        for checkin, reason in self.ignored[:_LISTED]:
            why = _format.word(reason, lang).format(
                start=self.timeframe.start.isoformat(),
                end=self.timeframe.last_day.isoformat(),
                as_of=self.as_of.isoformat(),
            )
            value = _format.amount(checkin.value, self.goal.metric, self.goal.currency, lang)
            texts.append(f"{checkin.date.isoformat()} ({value}): {why}")
        return _listed_rows(_format.word("ignored", lang), texts, len(self.ignored), lang, row)

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
        period = self.current_period
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
                "amount": _text(rate.amount),
                "per": rate.per.value,
                "basis": rate.basis.value,
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
            "current_period": None if period is None else _period_dict(period),
            "ignored": [
                {"date": c.date.isoformat(), "value": _text(c.value), "reason": reason}
                for c, reason in self.ignored
            ],
            "denominator": _text(self.denominator),
            "converted": [
                {
                    "date": money.on.isoformat(),
                    "original": _text(money.original),
                    "original_currency": money.original_currency,
                    "amount": _text(money.amount),
                    "currency": money.currency,
                    "rate": _rate_text(money.rate),
                    "rate_date": money.rate_date.isoformat() if money.rate_date else None,
                }
                for money in self.converted
            ],
        }

    def _repr_html_(self) -> str:
        """A compact HTML card for notebooks, with the status in its colour."""
        esc = _format.escape
        cells = [
            ("actual", _format.amount(self.actual, self.goal.metric, self.goal.currency)),
            ("target", _format.amount(self.target, self.goal.metric, self.goal.currency)),
            ("attainment", _format.percent(self.attainment)),
            ("expected", _format.amount(self.expected, self.goal.metric, self.goal.currency)),
            ("pace", _format.percent(self.pace)),
            ("projected", _format.amount(self.projected, self.goal.metric, self.goal.currency)),
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


def _period_dict(period: PeriodProgress) -> dict[str, Any]:
    return {
        "start": period.timeframe.start.isoformat(),
        "end": period.timeframe.end.isoformat(),
        "per": period.per.value,
        "actual": _text(period.actual),
        "target": _text(period.target),
        "expected": _text(period.expected),
    }


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


#: How many converted or ignored check-ins the text lists before "and n more".
_LISTED: Final = 5


def _listed_rows(
    label: str, texts: list[str], total: int, lang: str, row: Callable[[str, str], str]
) -> list[str]:
    """Rows of the text: ``label`` on the first, then "and n more" past :data:`_LISTED`."""
    lines = [row(label if index == 0 else "", text) for index, text in enumerate(texts)]
    if total > len(texts):
        lines.append(row("", _format.word("more", lang).format(n=total - len(texts))))
    return lines


def _in_goal_currency(
    goal: Goal, checkin: CheckIn, fx: FxRates | None
) -> tuple[CheckIn, Converted | None]:
    """``checkin`` in the goal's currency, at the rate in force on its date.

    Also returned: the conversion, ``None`` when it was in the goal's currency.
    """
    have, want = checkin.currency, goal.currency
    if have is None or have == want:
        return checkin, None
    day = checkin.date.isoformat()
    if want is None:
        raise InvalidInputError(
            f"the check-in of {day} is in {have} but the goal has no currency; set the "
            f"goal's currency (currency={have!r} if its target is in {have})",
            name="currency",
            value=have,
        )
    if fx is None:
        raise CurrencyMismatchError(
            f"the check-in of {day} is in {have} but the goal in {want}; give exchange "
            f"rates (fx=) to convert {have} to {want}",
            currency=have,
            expected=want,
            where=f"check-in of {day}",
        )
    converted = fx.convert(checkin.value, have, to=want, on=checkin.date)
    return attrs.evolve(checkin, value=converted.amount, currency=want), converted


def _final_status(actual: Decimal, target: Decimal, lower: bool) -> ProgressStatus:
    better = actual < target if lower else actual > target
    if better:
        return ProgressStatus.EXCEEDED
    return ProgressStatus.ACHIEVED if actual == target else ProgressStatus.MISSED


def _partition(
    entries: list[CheckIn], timeframe: Timeframe, as_of: date
) -> tuple[list[CheckIn], tuple[tuple[CheckIn, str], ...]]:
    """The check-ins that count, in date order, and those that do not, with the reason."""
    counted: list[CheckIn] = []
    ignored: list[tuple[CheckIn, str]] = []
    for checkin in entries:
        if checkin.date < timeframe.start:
            ignored.append((checkin, BEFORE_TIMEFRAME))
        elif checkin.date >= timeframe.end:
            ignored.append((checkin, AFTER_TIMEFRAME))
        elif checkin.date > as_of:
            ignored.append((checkin, AFTER_AS_OF))
        else:
            counted.append(checkin)
    counted.sort(key=lambda c: c.date)
    return counted, tuple(ignored)


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
    calendar: FiscalCalendar | None = None,
    fx: FxRates | None = None,
) -> Progress:
    """Track a goal's progress from its check-ins.

    What counts as the actual depends on the metric's aggregation:

    * ``SUM`` (revenue, calls): the sum of the check-ins dated inside the timeframe up
      to ``as_of``, each being that period's amount; with ``cumulative=True`` the
      check-ins are running totals and the latest one counts.
    * ``LEVEL`` (MRR, customers): the latest value; progress is
      ``(current − baseline) ÷ (target − baseline)``, floored at 0 (a ``LEVEL`` or
      ``CHANGE`` target requires a baseline; a threshold with a baseline follows the
      same path).
    * ``AVERAGE`` (win rate, CAC): the latest period's value. With a baseline the
      expected value glides from the baseline to the target (:attr:`TrackingMode.GLIDE`);
      without one the latest value is compared with the target.

    Rates (:attr:`Target.per <smartgoals.goals.Target.per>`):

    * A rate that adds up ("at least 20 demos a week") is tracked against its
      documented total :meth:`Goal.target_total
      <smartgoals.goals.Goal.target_total>`. The expected value to date is the sum of
      :meth:`Goal.period_targets <smartgoals.goals.Goal.period_targets>` for the
      periods elapsed plus the current one prorated by the pacing (calendar or working
      days); on the last day it is the total. :attr:`Progress.current_period` says how
      the current period stands and :attr:`Progress.required_rate` gives the rate
      still needed per period of the cadence.
    * A run rate (a per-period ``CHANGE`` of a ``SUM`` metric, "raise monthly revenue
      from €100k by 10%"): each check-in is a period's value (the month's revenue).
      The latest one is compared with the milestone of the period it is dated in,
      on the path from the baseline to the target; the target is the last period's
      milestone.

    Without a check-in yet, a ``LEVEL``, ``AVERAGE`` or run-rate goal uses its baseline.
    A goal that wants the metric lower (``AT_MOST``, a ``DECREASE``, a lower-is-better
    metric) is read that way; ``AT_MOST``/``AT_LEAST`` goals also say whether the
    threshold is met (:attr:`Progress.met`).

    Check-ins outside the timeframe or after ``as_of`` are not counted; they are listed
    with the reason in :attr:`Progress.ignored` and in the text.

    A check-in in another currency than the goal (:attr:`CheckIn.currency
    <smartgoals.tracking.CheckIn.currency>`) is converted with ``fx`` at the rate in
    force on its own date, rounded once to the goal currency's minor unit
    (:meth:`FxRates.convert <smartgoals.money.FxRates.convert>`); without ``fx`` it is
    an error that names both currencies and the check-in, never added as it is.

    The status is NOT_STARTED before the start; ACHIEVED, EXCEEDED or MISSED once the
    last day is over (``as_of`` on or after it); otherwise ``thresholds`` decide
    between ON_TRACK, BEHIND and AT_RISK.

    Args:
        goal: A goal with a metric, target, timeframe (and the baseline a ``CHANGE`` or
            a ``LEVEL`` metric needs).
        checkins: The measurements.
        as_of: The last day to count, inclusive; today by default.
        pacing: ``"linear"`` (calendar days), ``"workdays"``, a
            :class:`~smartgoals.tracking.Pacing`, or the plan's periods as
            ``(Timeframe, weight)`` pairs (or a split with ``timeframes`` and
            ``weights``) to pace along its seasonality. Under working-day pacing the
            required rate counts working days.
        thresholds: The status thresholds; the ratio preset by default.
        cumulative: For ``SUM`` metrics: the check-in values are running totals.
        holidays: With ``pacing="workdays"`` (or plan periods): dates that are not
            working days.
        weekend: With ``pacing="workdays"`` (or plan periods): the weekend's weekday
            numbers (5 and 6 by default).
        calendar: The fiscal calendar whose periods a rate follows (calendar periods
            and ISO weeks without one).
        fx: Exchange rates for check-ins in another currency than the goal.

    Returns:
        The :class:`Progress`.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, target, timeframe, or a
            baseline it needs.
        InvalidInputError: for a check-in that is not a :class:`CheckIn` or lies outside
            the metric's range, ``cumulative`` on a non-``SUM`` metric or a run rate, an
            unknown pacing, a ``LEVEL``/``AVERAGE`` goal with neither check-in nor
            baseline, or a check-in with a currency on a goal without one.
        CurrencyMismatchError: for a check-in in another currency than the goal and no
            ``fx``.
        MissingRateError: if ``fx`` has no rate for a check-in's currency on its date.

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

    A rate, two weeks into Q3 2027 (which starts on a Thursday): 20 × 4/7 for the
    first four days, 20 for the next week, 20 × 3/7 for three days of this one:

    >>> demos = Goal(metric=metrics.get("demos_booked"), direction=Direction.INCREASE,
    ...              target=Target.at_least(20, per="week"),
    ...              timeframe=Timeframe.quarter(2027, 3))
    >>> p = track(demos, [CheckIn(date(2027, 7, 9), 47), CheckIn(date(2027, 7, 14), 12)],
    ...           as_of=date(2027, 7, 14))
    >>> p.expected, p.target, p.status.value
    (Decimal('40'), Decimal('263'), 'on_track')

    A rep books in US dollars against a target in euros; each check-in is converted at
    the rate in force on its own date:

    >>> from smartgoals.money import FxRates
    >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1)),
    ...               ("USD", "EUR", "0.95", date(2027, 7, 1))])
    >>> eur = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...            target=Target.level(100_000), timeframe=Timeframe.year(2027), currency="EUR")
    >>> booked = [CheckIn(date(2027, 3, 31), 10_000, currency="USD"),
    ...           CheckIn(date(2027, 9, 30), 10_000, currency="USD")]
    >>> track(eur, booked, as_of=date(2027, 9, 30), fx=fx).actual
    Decimal('18700.00')
    """
    goal.require("metric", "target_value", "timeframe", action="track the goal")
    metric, timeframe, target_spec = goal.metric, goal.timeframe, goal.target
    assert metric is not None
    assert timeframe is not None
    assert target_spec is not None
    if as_of is None:
        as_of = date.today()
    if type(as_of) is not date:
        raise InvalidInputError(
            f"as_of must be a datetime.date, got {type(as_of).__name__} ({as_of!r})",
            name="as_of",
            value=as_of,
        )
    run_rate = is_run_rate(goal)
    if cumulative and (metric.aggregation is not Aggregation.SUM or run_rate):
        what = (
            f"{metric.name} is a {metric.aggregation.value} metric whose check-ins are "
            "already its values"
            if not run_rate
            else "a run rate's check-ins are each period's value, not running totals"
        )
        raise InvalidInputError(
            f"cumulative=True applies to SUM metrics; {what}",
            name="cumulative",
            value=cumulative,
        )
    plan_pacing = _as_pacing(pacing, holidays=holidays, weekend=weekend)
    entries = list(checkins)
    _check_values(goal, entries)
    periods = goal.period_targets(calendar=calendar) if goal.is_rate else []
    if run_rate:
        # A run rate is tracked on each period's milestone itself: a period cut at the
        # timeframe's edge carries a prorated share in the sum, not a smaller milestone.
        shares = goal.cadence_periods(calendar=calendar)
        periods = [
            (period, part / share)
            for (period, part), (_, share) in zip(periods, shares, strict=True)
        ]
    if _summed_rate(goal):
        target = goal.target_total(calendar=calendar)
    elif run_rate:
        target = goal.target_value  # the last period's milestone, as the goal states it
    else:
        target = goal.target_value
    lower = goal.lower_is_better
    mode = _mode(goal, target, lower)
    through = _through(timeframe, as_of)
    counted, ignored = _partition(entries, timeframe, as_of)
    in_goal_currency = [_in_goal_currency(goal, c, fx) for c in counted]
    counted = [checkin for checkin, _ in in_goal_currency]
    days_elapsed = 0 if through is None else (through - timeframe.start).days + 1
    days_remaining = timeframe.days - days_elapsed
    actual = _actual(goal, counted, cumulative=cumulative)
    if through is None:
        share = Fraction(0)
    elif _summed_rate(goal):
        share = _rate_share(periods, target, plan_pacing, timeframe, through)
    elif run_rate and mode is TrackingMode.PATH:
        share = _run_rate_share(goal, periods, target, counted, timeframe, through)
    else:
        share = plan_pacing.fraction(timeframe, through)
    start = _ZERO if metric.aggregation is Aggregation.SUM and not run_rate else goal.baseline
    numbers = _numbers(mode, start, target, actual, share, lower)
    expected, attainment, progress, expected_progress, pace, projected, gap = numbers
    met = actual <= target if lower else actual >= target
    if through is None:
        status = ProgressStatus.NOT_STARTED
    elif through == timeframe.last_day:
        status = _final_status(actual, target, lower)
    else:
        along = mode in (TrackingMode.PATH, TrackingMode.GLIDE)
        status = thresholds.status(
            pace=pace,
            expected_progress=expected_progress if along else _ONE,
            progress=progress if along else pace,
        )
    confidences = [c.confidence for c in counted if c.confidence is not None]
    confidence = confidences[-1] if confidences else None
    conflict = (
        confidence is not None
        and confidence >= thresholds.high_confidence
        and status in (ProgressStatus.BEHIND, ProgressStatus.AT_RISK)
    )
    summed = metric.aggregation is Aggregation.SUM and not run_rate
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
            mode, goal, target - actual, through, plan_pacing, summed=summed, calendar=calendar
        ),
        days_elapsed=days_elapsed,
        days_remaining=days_remaining,
        status=status,
        met=met,
        confidence=confidence,
        confidence_conflict=conflict,
        checkins=len(counted),
        current_period=_current_period(
            goal, periods, counted, through, plan_pacing, cumulative=cumulative
        ),
        ignored=ignored,
        denominator=counted[-1].denominator
        if counted and metric.aggregation is not Aggregation.SUM
        else None,
        converted=tuple(money for _, money in in_goal_currency if money is not None),
    )


def _actual(goal: Goal, counted: list[CheckIn], *, cumulative: bool) -> Decimal:
    metric = goal.metric
    assert metric is not None
    if metric.aggregation is Aggregation.SUM and not is_run_rate(goal):
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


def _rate_share(
    periods: list[tuple[Timeframe, Fraction]],
    target: Decimal,
    pacing: Pacing,
    timeframe: Timeframe,
    through: date,
) -> Fraction:
    """The share of a rate's total expected through ``through``: its periods' targets to date."""
    if through >= timeframe.last_day:
        return Fraction(1)
    if pacing.periods:
        # The caller paced along a plan of their own: follow it.
        return pacing.fraction(timeframe, through)
    done = sum((part * pacing._inner(period, through) for period, part in periods), Fraction(0))
    total = Fraction(target)
    if total == 0:
        exact = sum((part for _, part in periods), Fraction(0))
        if exact == 0:
            return pacing.fraction(timeframe, through)
        total = exact
    return min(max(done / total, Fraction(0)), Fraction(1))


def _run_rate_share(
    goal: Goal,
    periods: list[tuple[Timeframe, Fraction]],
    target: Decimal,
    counted: list[CheckIn],
    timeframe: Timeframe,
    through: date,
) -> Fraction:
    """How far along the milestones the latest value's period is (1 on the last day)."""
    if through >= timeframe.last_day:
        return Fraction(1)
    if not counted:
        return Fraction(0)
    assert goal.baseline is not None
    day = counted[-1].date
    milestone = next(part for period, part in periods if period.contains(day))
    way = Fraction(target) - Fraction(goal.baseline)
    return min(max((milestone - Fraction(goal.baseline)) / way, Fraction(0)), Fraction(1))


def _numbers(
    mode: TrackingMode,
    start: Decimal | None,
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
    fraction = _decimal(share)
    attainment = _ratio(target, actual) if lower else _ratio(actual, target)
    if mode in (TrackingMode.PATH, TrackingMode.GLIDE):
        assert start is not None
        way = target - start
        expected = start + _scale(way, share)
        raw = _ratio(actual - start, way)
        progress = None if raw is None else max(raw, _ZERO)
        if mode is TrackingMode.GLIDE:
            # A rate is compared with the glide path's value, and not extrapolated.
            pace = _ratio(expected, actual) if lower else _ratio(actual, expected)
            return (
                expected,
                attainment,
                progress,
                fraction,
                pace,
                actual,
                _oriented(actual, target, lower),
            )
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
        None,
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
    mode: TrackingMode,
    goal: Goal,
    remaining: Decimal,
    through: date | None,
    pacing: Pacing,
    *,
    summed: bool,
    calendar: FiscalCalendar | None,
) -> RequiredRate | None:
    """What is still needed per day (calendar or working, by the pacing) and per period."""
    timeframe = goal.timeframe
    assert timeframe is not None
    if mode in (TrackingMode.LATEST, TrackingMode.GLIDE):
        return None
    first = timeframe.start if through is None else through + timedelta(days=1)
    if first >= timeframe.end:
        return None
    if summed:
        # A sum cannot be undone: past the target (or over a cap) nothing more is needed.
        remaining = max(remaining, _ZERO)
    rest = Timeframe(first, timeframe.end)
    basis, days, per_week = PacingBasis.CALENDAR_DAYS, rest.days, 7
    if pacing.basis is PacingBasis.WORKDAYS:
        working = rest.workdays(pacing.holidays, pacing.weekend)
        if working:
            basis, days, per_week = PacingBasis.WORKDAYS, working, 7 - len(pacing.weekend)
    per_day = remaining / Decimal(days)
    per = goal.target.per if goal.target is not None else None
    if per is None:
        return RequiredRate(per_day, basis=basis, days_per_week=per_week)
    inner = Pacing(basis, (), pacing.holidays, pacing.weekend)
    last = first - timedelta(days=1)
    left = sum(
        (
            share * (1 - inner._inner(period, last))
            for period, share in goal.cadence_periods(calendar=calendar)
        ),
        Fraction(0),
    )
    amount = per_day if left == 0 else remaining / _decimal(left)
    return RequiredRate(per_day, basis=basis, per=per, amount=amount, days_per_week=per_week)


def _current_period(
    goal: Goal,
    periods: list[tuple[Timeframe, Fraction]],
    counted: list[CheckIn],
    through: date | None,
    pacing: Pacing,
    *,
    cumulative: bool,
) -> PeriodProgress | None:
    """How the period of a rate goal that contains ``through`` stands."""
    if through is None or not periods:
        return None
    found = [(period, part) for period, part in periods if period.contains(through)]
    if not found:
        return None
    period, part = found[0]
    target = goal.target
    assert target is not None
    assert target.per is not None
    inside = [c for c in counted if c.date >= period.start]
    metric = goal.metric
    summed = metric is not None and metric.aggregation is Aggregation.SUM
    actual: Decimal | None
    if _summed_rate(goal):
        if cumulative:
            before = [c.value for c in counted if c.date < period.start]
            opening = before[-1] if before else _ZERO
            actual = (inside[-1].value if inside else opening) - opening
        else:
            actual = sum((c.value for c in inside), _ZERO)
    else:
        actual = inside[-1].value if inside else None
    value = _decimal(part)
    # A sum builds up over the period; a run rate's milestone is the period's value itself.
    builds_up = summed and not is_run_rate(goal)
    expected = _scale(value, pacing._inner(period, through)) if builds_up else value
    return PeriodProgress(period, target.per, actual, value, expected)
