"""Goals: what to reach, on which metric, by when, and who owns it.

A :class:`Goal` is immutable and may be incomplete: "Sell more" is a Goal with no
metric, no target and no timeframe, and :attr:`Goal.missing` says so. Operations that
need a part (planning, tracking) raise :class:`~smartgoals.exceptions.IncompleteGoalError`
naming what is missing. Combinations that cannot be right (a win rate of 120%, a
currency on a count, a decrease to a level above the baseline) are rejected when the
goal is built, so an invalid Goal cannot exist.

>>> from datetime import date
>>> from smartgoals import metrics
>>> goal = Goal(
...     metric=metrics.get("revenue"),
...     direction=Direction.INCREASE,
...     target=Target.change("0.10"),
...     baseline=1_000_000,
...     timeframe=Timeframe(date(2027, 1, 1), date(2028, 1, 1)),
...     currency="eur",
... )
>>> goal.target_value, goal.currency, goal.missing
(Decimal('1100000.00'), 'EUR', ())
"""

from __future__ import annotations

import enum
import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from smartgoals._html import render_goal
from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.metrics import Aggregation, Metric, MetricKind, Polarity, Unit
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

__all__ = ["Direction", "Goal", "GoalType", "Owner", "Scope", "Target", "TargetKind"]


class Direction(enum.Enum):
    """What a goal wants the metric to do.

    >>> Direction("decrease")
    <Direction.DECREASE: 'decrease'>
    """

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class TargetKind(enum.Enum):
    """The form of a target.

    * ``CHANGE``: change the metric by an amount (relative: a fraction of the baseline).
    * ``LEVEL``: reach exactly this value.
    * ``AT_MOST``: stay at or below this value ("churn below 2%").
    * ``AT_LEAST``: stay at or above this value ("a win rate of at least 30%").

    >>> TargetKind.AT_MOST.value
    'at_most'
    """

    CHANGE = "change"
    LEVEL = "level"
    AT_MOST = "at_most"
    AT_LEAST = "at_least"


class Scope(enum.Enum):
    """The level of an owner in the organisation.

    * ``COMPANY``, ``TEAM``: one shared target, divided when it is assigned.
    * ``INDIVIDUAL``: one named person ("Lisa", "Jan").
    * ``ROLE``: *each* holder of a role ("each AE", "per rep", "elke accountmanager");
      the target holds in full for every one of them, so assigning it to people gives
      each the whole rate, not a share.

    >>> Scope.TEAM.value, Scope.ROLE.value
    ('team', 'role')
    """

    COMPANY = "company"
    TEAM = "team"
    INDIVIDUAL = "individual"
    ROLE = "role"


class GoalType(enum.Enum):
    """The layer a goal belongs to, following the article's layers of sales goals.

    >>> [t.value for t in GoalType]
    ['annual', 'team', 'individual', 'activity', 'stretch']
    """

    ANNUAL = "annual"
    TEAM = "team"
    INDIVIDUAL = "individual"
    ACTIVITY = "activity"
    STRETCH = "stretch"


def _amount(value: object) -> Decimal:
    return to_decimal(value, name="target value")


def _per(value: Granularity | str | None) -> Granularity | None:
    if value is None or isinstance(value, Granularity):
        return value
    try:
        return Granularity(str(value).strip().lower())
    except ValueError:
        valid = ", ".join(repr(g.value) for g in Granularity)
        raise InvalidInputError(
            f"unknown cadence {value!r} for Target.per; use one of {valid}, or None for a "
            "target over the whole timeframe",
            name="per",
            value=value,
        ) from None


#: How a cadence reads after an amount: "≥ 20 a week".
_CADENCE_TEXT: Final = {
    Granularity.YEAR: "a year",
    Granularity.HALF: "a half-year",
    Granularity.QUARTER: "a quarter",
    Granularity.MONTH: "a month",
    Granularity.WEEK: "a week",
    Granularity.DAY: "a day",
}


@attrs.frozen
class Target:
    """What value a goal aims for, over its whole timeframe or per period.

    A ``CHANGE`` value is signed: "reduce CAC by 5%" is ``Target.change("-0.05")`` and
    "increase revenue by 10%" is ``Target.change("0.10")``. With ``relative=True`` the
    value is a fraction of the baseline; otherwise it is in the metric's unit.

    With ``per`` the target is a **rate**: it holds for every period of that length
    inside the goal's timeframe. "20 demos a week in Q3" is
    ``Target.at_least(20, per="week")`` over Q3, not 20 in the quarter;
    :meth:`Goal.target_total` gives what it adds up to. A per-period ``CHANGE`` is a
    run-rate goal: "raise monthly revenue by 10%" is ``Target.change("0.10",
    per="month")``, and the month's value at the end is the monthly baseline × 1.10.

    Args:
        kind: The form of the target.
        value: The number, as anything :func:`~smartgoals._numbers.to_decimal` accepts.
        relative: For ``CHANGE`` only: the value is a fraction of the baseline.
        per: The cadence of a rate (a :class:`~smartgoals.timeframes.Granularity` or
            its value, ``"week"``), or ``None`` for a target over the whole timeframe.

    Raises:
        InvalidInputError: for a non-finite value, ``relative`` on a non-CHANGE target,
            a relative change below -100%, or an unknown cadence.

    >>> Target.change("0.10")
    Target(kind=<TargetKind.CHANGE: 'change'>, value=Decimal('0.10'), relative=True, per=None)
    >>> Target.at_least(20, per="week").per
    <Granularity.WEEK: 'week'>
    >>> Target.level(10, relative=True)
    Traceback (most recent call last):
    ...
    TypeError: Target.level() got an unexpected keyword argument 'relative'
    """

    kind: TargetKind
    value: Decimal = attrs.field(converter=_amount)
    relative: bool = False
    per: Granularity | None = attrs.field(default=None, converter=_per)

    def __attrs_post_init__(self) -> None:
        if self.relative and self.kind is not TargetKind.CHANGE:
            raise InvalidInputError(
                f"only a CHANGE target can be relative, got {self.kind.name} with relative=True; "
                "use Target.change(value) for a percentage change",
                name="relative",
                value=self.relative,
            )
        if self.relative and self.value < -1:
            raise InvalidInputError(
                f"a relative change of {self.value} is below -100%; "
                "a metric cannot fall by more than all of it",
                name="value",
                value=self.value,
            )

    @classmethod
    def change(
        cls, value: object, *, relative: bool = True, per: Granularity | str | None = None
    ) -> Target:
        """A change by ``value`` (a fraction of the baseline unless ``relative=False``).

        >>> Target.change("-0.05").value, Target.change(500, relative=False).relative
        (Decimal('-0.05'), False)
        >>> str(Target.change("0.10", per="month"))
        '+10% a month'
        """
        return cls(TargetKind.CHANGE, _amount(value), relative, _per(per))

    @classmethod
    def level(cls, value: object, *, per: Granularity | str | None = None) -> Target:
        """Reach exactly ``value`` (in every period of ``per``, when given).

        >>> Target.level(2_400_000).value, str(Target.level(40, per="month"))
        (Decimal('2400000'), '= 40 a month')
        """
        return cls(TargetKind.LEVEL, _amount(value), per=_per(per))

    @classmethod
    def at_most(cls, value: object, *, per: Granularity | str | None = None) -> Target:
        """Stay at or below ``value`` (in every period of ``per``, when given).

        >>> Target.at_most("0.01").kind
        <TargetKind.AT_MOST: 'at_most'>
        """
        return cls(TargetKind.AT_MOST, _amount(value), per=_per(per))

    @classmethod
    def at_least(cls, value: object, *, per: Granularity | str | None = None) -> Target:
        """Stay at or above ``value`` (in every period of ``per``, when given).

        >>> Target.at_least(20, per=Granularity.WEEK).kind
        <TargetKind.AT_LEAST: 'at_least'>
        """
        return cls(TargetKind.AT_LEAST, _amount(value), per=_per(per))

    @property
    def is_rate(self) -> bool:
        """Whether the target holds per period (``per`` is set).

        >>> Target.at_least(20, per="week").is_rate, Target.level(20).is_rate
        (True, False)
        """
        return self.per is not None

    def __str__(self) -> str:
        """A short readable form: ``+10%``, ``-500``, ``= 55``, ``≤ 0.02``, ``≥ 20 a week``.

        >>> str(Target.change("0.10")), str(Target.at_most("0.02")), str(Target.level(55))
        ('+10%', '≤ 0.02', '= 55')
        >>> str(Target.at_least(20, per="week"))
        '≥ 20 a week'
        """
        if self.kind is TargetKind.CHANGE:
            sign = "+" if self.value >= 0 else "-"
            if self.relative:
                text = f"{sign}{format_amount(abs(self.value) * 100)}%"
            else:
                text = f"{sign}{format_amount(abs(self.value))}"
        else:
            symbol = {TargetKind.LEVEL: "=", TargetKind.AT_MOST: "≤", TargetKind.AT_LEAST: "≥"}
            text = f"{symbol[self.kind]} {format_amount(self.value)}"
        return text if self.per is None else f"{text} {_CADENCE_TEXT[self.per]}"


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            f"{attribute.name} must be a non-empty string, got {value!r}",
            name=attribute.name,
            value=value,
        )


@attrs.frozen
class Owner:
    """Who is accountable for a goal (Doran's "Assignable").

    Args:
        name: The company, team or person, e.g. ``"EMEA team"`` or ``"Sam"``.
        scope: The level of the owner.

    >>> Owner("EMEA team", Scope.TEAM)
    Owner(name='EMEA team', scope=<Scope.TEAM: 'team'>)
    """

    name: str = attrs.field(validator=_non_empty)
    scope: Scope = Scope.COMPANY

    def __str__(self) -> str:
        """The owner's name.

        >>> str(Owner("Sam", Scope.INDIVIDUAL))
        'Sam'
        """
        return self.name


_CURRENCY_RE: Final = re.compile(r"^[A-Z]{3}$")


def _currency(value: str | None) -> str | None:
    if value is None:
        return None
    code = str(value).strip().upper()
    if not _CURRENCY_RE.match(code):
        raise InvalidInputError(
            f"currency must be an ISO 4217 code such as 'EUR' or 'USD', got {value!r}",
            name="currency",
            value=value,
        )
    return code


def _optional_amount(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, name="baseline")


def _default_type(goal: Goal) -> GoalType:
    # Runs before the type checks in __attrs_post_init__, so look before touching.
    metric, owner = goal.metric, goal.owner
    if isinstance(metric, Metric) and metric.kind is MetricKind.ACTIVITY:
        return GoalType.ACTIVITY
    if isinstance(owner, Owner) and owner.scope in (Scope.INDIVIDUAL, Scope.ROLE):
        return GoalType.INDIVIDUAL
    if isinstance(owner, Owner) and owner.scope is Scope.TEAM:
        return GoalType.TEAM
    return GoalType.ANNUAL


#: The fields a goal needs before it can be planned or tracked, in display order.
_REQUIRED: Final = ("metric", "direction", "target", "timeframe")


@attrs.frozen(repr=False)
class Goal:
    """A sales goal: possibly incomplete, never invalid.

    Args:
        statement: The text the goal came from.
        metric: What is measured.
        direction: What the goal wants the metric to do.
        target: The value to reach.
        baseline: The starting value, when known.
        timeframe: When the goal runs (half-open, the end is exclusive).
        currency: ISO 4217 code for money targets (upper-cased).
        owner: Who is accountable.
        type: The layer of the goal. By default ``ACTIVITY`` for activity metrics,
            ``INDIVIDUAL``/``TEAM`` for individual/team owners, else ``ANNUAL``.
        strategy: How the goal will be reached ("by using consultative selling").
        baseline_period: When the baseline was measured ("+10% compared to Q2 2026",
            "year over year"), when the statement says.

    A target with :attr:`Target.per` is a rate over the timeframe: :attr:`target_value`
    is then the value for one period, and :meth:`target_total` what it adds up to.

    Raises:
        InvalidInputError: for combinations that cannot be right: a target or baseline
            outside the metric's range (a ratio above 1, a negative count or amount), a
            currency on a metric that is not money, a direction that contradicts the
            target, or a cadence (:attr:`Target.per`) on a metric that is a level at a
            point in time (MRR, ARR, customer count), which carries its own period.

    >>> from smartgoals import metrics
    >>> Goal(statement="Sell more").missing
    ('metric', 'direction', 'target', 'timeframe')
    >>> Goal(metric=metrics.get("win_rate"), target=Target.level("1.2"))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: target 1.2 is outside the possible range of win rate (0 to 1); write a ratio as a fraction, e.g. 0.25 for 25%
    """

    statement: str | None = None
    metric: Metric | None = None
    direction: Direction | None = None
    target: Target | None = None
    baseline: Decimal | None = attrs.field(default=None, converter=_optional_amount)
    timeframe: Timeframe | None = None
    currency: str | None = attrs.field(default=None, converter=_currency)
    owner: Owner | None = None
    type: GoalType = attrs.field(default=attrs.Factory(_default_type, takes_self=True))
    strategy: str | None = None
    baseline_period: Timeframe | None = None

    def __attrs_post_init__(self) -> None:
        self._check_types()
        self._check_range()
        self._check_currency()
        self._check_direction()
        self._check_cadence()

    def _check_types(self) -> None:
        expected = {
            "metric": Metric,
            "direction": Direction,
            "target": Target,
            "timeframe": Timeframe,
            "owner": Owner,
            "type": GoalType,
            "statement": str,
            "strategy": str,
            "baseline_period": Timeframe,
        }
        for name, cls in expected.items():
            value = getattr(self, name)
            if value is not None and not isinstance(value, cls):
                raise InvalidInputError(
                    f"Goal.{name} must be {cls.__name__} or None, got "
                    f"{type(value).__name__} ({value!r})",
                    name=name,
                    value=value,
                )

    def _check_range(self) -> None:
        metric = self.metric
        if metric is None:
            return
        if self.baseline is not None and not metric.in_range(self.baseline):
            raise InvalidInputError(
                f"baseline {format_amount(self.baseline)} is outside the possible range of "
                f"{_range_text(metric)}",
                name="baseline",
                value=self.baseline,
            )
        target = self.target
        if target is None:
            return
        if target.kind is not TargetKind.CHANGE and not metric.in_range(target.value):
            raise InvalidInputError(
                f"target {format_amount(target.value)} is outside the possible range of "
                f"{_range_text(metric)}",
                name="target",
                value=target.value,
            )
        if target.kind is TargetKind.CHANGE and self.baseline is not None:
            resolved = self.target_value
            if not metric.in_range(resolved):
                raise InvalidInputError(
                    f"a change of {target} from {format_amount(self.baseline)} gives "
                    f"{format_amount(resolved)}, outside the possible range of "
                    f"{_range_text(metric)}",
                    name="target",
                    value=target.value,
                )

    def _check_currency(self) -> None:
        if (
            self.currency is not None
            and self.metric is not None
            and self.metric.unit is not Unit.CURRENCY
        ):
            raise InvalidInputError(
                f"currency {self.currency} given for {self.metric.name}, which is measured "
                f"in {self.metric.unit.value}, not money; drop the currency",
                name="currency",
                value=self.currency,
            )

    def _check_direction(self) -> None:
        direction, target = self.direction, self.target
        if direction is None or target is None:
            return
        value, kind = target.value, target.kind
        if kind is TargetKind.CHANGE:
            wrong = (
                (direction is Direction.INCREASE and value < 0)
                or (direction is Direction.DECREASE and value > 0)
                or (direction is Direction.MAINTAIN and value != 0)
            )
            if wrong:
                raise InvalidInputError(
                    f"direction {direction.name} contradicts a change of {target}; a CHANGE "
                    "value is signed (use Target.change('-0.05') to decrease by 5%)",
                    name="direction",
                    value=direction,
                )
            return
        baseline = self.baseline
        if baseline is None:
            return
        wrong = (
            direction is Direction.INCREASE
            and kind is not TargetKind.AT_LEAST
            and value < baseline
        ) or (
            direction is Direction.DECREASE and kind is not TargetKind.AT_MOST and value > baseline
        )
        if wrong:
            raise InvalidInputError(
                f"direction {direction.name} contradicts a target of {target} from a baseline "
                f"of {format_amount(baseline)}; fix the direction, the target or the baseline",
                name="direction",
                value=direction,
            )

    def _check_cadence(self) -> None:
        target, metric = self.target, self.metric
        if target is None or target.per is None or metric is None:
            return
        if metric.aggregation is Aggregation.LEVEL:
            raise InvalidInputError(
                f"{metric.name} is a level at a point in time and carries its own period; "
                f"a target per {target.per.value} does not apply to it: drop per "
                f"(write Target({target.kind.name}, {format_amount(target.value)}) over the "
                "timeframe)",
                name="per",
                value=target.per,
            )

    @property
    def is_rate(self) -> bool:
        """Whether the target holds per period (:attr:`Target.per` is set).

        >>> Goal(target=Target.at_least(20, per="week")).is_rate
        True
        """
        return self.target is not None and self.target.per is not None

    @property
    def lower_is_better(self) -> bool:
        """Whether the goal wants its metric low.

        An ``AT_MOST`` target does, an ``AT_LEAST`` one does not; otherwise a decrease
        does and an increase does not; with neither said, the metric's polarity decides.

        >>> from smartgoals import metrics
        >>> churn = Goal(metric=metrics.get("customer_churn_rate"), target=Target.level("0.02"))
        >>> churn.lower_is_better, Goal(target=Target.at_most(10)).lower_is_better
        (True, True)
        """
        kind = self.target.kind if self.target is not None else None
        if kind is TargetKind.AT_MOST:
            return True
        if kind is TargetKind.AT_LEAST:
            return False
        if self.direction is Direction.DECREASE:
            return True
        if self.direction is Direction.INCREASE:
            return False
        return self.metric is not None and self.metric.polarity is Polarity.LOWER_IS_BETTER

    def cadence_periods(
        self, *, calendar: FiscalCalendar | None = None
    ) -> list[tuple[Timeframe, Fraction]]:
        """The periods a rate holds for, each with the share of it inside the timeframe.

        The periods are calendar periods of :attr:`Target.per` (ISO weeks for weeks), or
        fiscal ones with ``calendar``, clipped to the timeframe; a period cut at either
        end carries the share of its days that lie inside
        (:meth:`~smartgoals.timeframes.Timeframe.coverage`).

        Raises:
            IncompleteGoalError: if the goal has no target or no timeframe.
            InvalidInputError: if the target is not a rate.

        >>> from smartgoals import metrics
        >>> goal = Goal(metric=metrics.get("demos_booked"), direction=Direction.INCREASE,
        ...             target=Target.at_least(40, per="month"), timeframe=Timeframe.year(2027))
        >>> len(goal.cadence_periods()), goal.cadence_periods()[0][1]
        (12, Fraction(1, 1))
        """
        self.require("target", "timeframe", action="list the periods of the rate")
        assert self.target is not None
        assert self.timeframe is not None
        if self.target.per is None:
            raise InvalidInputError(
                f"the target {self.target} holds over the whole timeframe, not per period; "
                "give it a cadence with Target(..., per='month') to list its periods",
                name="per",
                value=None,
            )
        return self.timeframe.coverage(self.target.per, calendar=calendar)

    def target_total(self, holders: int = 1, *, calendar: FiscalCalendar | None = None) -> Decimal:
        """What the target adds up to over the timeframe, for ``holders`` people.

        The documented total every split and assignment of the goal adds up to:

        * A target over the whole timeframe (no :attr:`Target.per`) is its
          :attr:`target_value`.
        * A rate on a SUM metric ("40 demos a month") is the rate × the periods of
          :meth:`cadence_periods`, a period cut at the timeframe's edge prorated by its
          days: 40 a month over 2027 is 480; 20 a week over Q3 2027 (92 days) is
          20 × 92/7 = 262.86 → 263.
        * A per-period ``CHANGE`` on a SUM metric (a run rate: "monthly revenue +10%")
          is the sum of the path of milestones from the baseline to the target,
          period ``k`` of ``n`` at ``baseline + (target − baseline) × k/n`` (shares of
          cut periods weighted by days): €100,000 → €110,000 a month over 2027 is
          €1,265,000.00.
        * Rates and averages (AVERAGE metrics) do not add up: every period carries the
          same value, so the total is :attr:`target_value`.

        The exact sum is rounded once to the metric's :attr:`~smartgoals.metrics.Metric.quantum`
        (a count to 1, money to 0.01): up for ``AT_LEAST`` (a floor to reach), down for
        ``AT_MOST`` (a ceiling to respect), to the nearest for ``LEVEL`` and ``CHANGE``
        (halves away from zero). On a SUM metric, ``holders`` people each carry the whole
        rounded total ("each AE", :attr:`Scope.ROLE`); the result is that total × ``holders``.

        Args:
            holders: How many people each carry the target in full (1 for a shared target).
            calendar: A fiscal calendar whose periods the rate follows.

        Raises:
            IncompleteGoalError: if the target does not resolve, or a rate has no timeframe.
            InvalidInputError: if ``holders`` is not a whole number of at least 1.

        >>> from smartgoals import metrics
        >>> demos = Goal(metric=metrics.get("demos_booked"), direction=Direction.INCREASE,
        ...              target=Target.at_least(40, per="month"), timeframe=Timeframe.year(2027))
        >>> demos.target_total(), demos.target_total(holders=5)
        (Decimal('480'), Decimal('2400'))
        >>> weekly = attrs.evolve(demos, target=Target.at_least(20, per="week"),
        ...                       timeframe=Timeframe.quarter(2027, 3))
        >>> weekly.target_total()
        Decimal('263')
        >>> run_rate = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
        ...                 target=Target.change("0.10", per="month"), baseline=100_000,
        ...                 timeframe=Timeframe.year(2027))
        >>> run_rate.target_value, run_rate.target_total()
        (Decimal('110000.00'), Decimal('1265000.00'))
        """
        if not isinstance(holders, int) or isinstance(holders, bool) or holders < 1:
            raise InvalidInputError(
                f"holders must be a whole number of people, at least 1, got {holders!r}",
                name="holders",
                value=holders,
            )
        target = self.target
        value = self.target_value
        summed = self.metric is None or self.metric.aggregation is Aggregation.SUM
        if target is None or not summed:
            return value
        if target.per is None:
            return value * holders
        exact = sum((part for _, part in self.period_targets(calendar=calendar)), Fraction(0))
        quantum = self.metric.quantum if self.metric is not None else Decimal("0.01")
        return _round_total(exact, quantum, target.kind) * holders

    def period_targets(
        self, *, calendar: FiscalCalendar | None = None
    ) -> list[tuple[Timeframe, Fraction]]:
        """The exact, unrounded target of each period of a rate goal.

        One entry per period of :meth:`cadence_periods`:

        * a rate on a SUM metric: the rate, prorated by days in a period cut at the
          timeframe's edge (``20 × 4/7`` for four days of a week);
        * a per-period ``CHANGE`` on a SUM metric (a run rate): the period's milestone on
          the path from the baseline to the target, ``baseline + (target − baseline) ×
          k/n`` for period ``k`` of ``n`` (shares weighted by days), prorated like a rate;
        * an AVERAGE metric: the rate itself in every period (rates are not divided).

        Planning rounds these once to the metric's quantum so that they add up to
        :meth:`target_total`; tracking adds them up to date.

        Raises:
            IncompleteGoalError: if the target does not resolve or there is no timeframe.
            InvalidInputError: if the target is not a rate.

        >>> from smartgoals import metrics
        >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
        ...             target=Target.change("0.10", per="quarter"), baseline=100_000,
        ...             timeframe=Timeframe.year(2027))
        >>> [str(v) for _, v in goal.period_targets()]
        ['102500', '105000', '107500', '110000']
        """
        periods = self.cadence_periods(calendar=calendar)
        target = self.target
        assert target is not None
        value = Fraction(self.target_value)
        if self.metric is not None and self.metric.aggregation is not Aggregation.SUM:
            return [(period, value) for period, _ in periods]
        if target.kind is not TargetKind.CHANGE:
            return [(period, value * share) for period, share in periods]
        assert self.baseline is not None  # target_value resolved, so the baseline is set
        start = Fraction(self.baseline)
        weight = sum((share for _, share in periods), Fraction(0))
        out: list[tuple[Timeframe, Fraction]] = []
        reached = Fraction(0)
        for period, share in periods:
            reached += share
            out.append((period, share * (start + (value - start) * reached / weight)))
        return out

    @property
    def missing(self) -> tuple[str, ...]:
        """The parts a complete goal needs that this one lacks.

        A complete goal has a metric, a direction, a target and a timeframe; a
        ``CHANGE`` target also needs a baseline to resolve to an absolute value.

        >>> from smartgoals import metrics
        >>> Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
        ...      target=Target.change("0.2")).missing
        ('timeframe', 'baseline')
        """
        absent = [name for name in _REQUIRED if getattr(self, name) is None]
        if (
            self.target is not None
            and self.target.kind is TargetKind.CHANGE
            and self.baseline is None
        ):
            absent.append("baseline")
        return tuple(absent)

    @property
    def is_complete(self) -> bool:
        """Whether :attr:`missing` is empty.

        >>> Goal().is_complete
        False
        """
        return not self.missing

    @property
    def target_value(self) -> Decimal:
        """The absolute value the goal aims for.

        ``LEVEL``, ``AT_MOST`` and ``AT_LEAST`` targets give their value; a ``CHANGE``
        gives ``baseline × (1 + value)`` when relative, ``baseline + value`` otherwise.

        Raises:
            IncompleteGoalError: if there is no target, or a change has no baseline.

        >>> Goal(target=Target.change("-0.05"), baseline=200).target_value
        Decimal('190.00')
        >>> Goal(target=Target.change("0.1")).target_value
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.IncompleteGoalError: cannot resolve the target value: the goal has no baseline; set them first
        """
        target = self.target
        if target is None:
            raise IncompleteGoalError(["target"], action="resolve the target value")
        if target.kind is not TargetKind.CHANGE:
            return target.value
        if self.baseline is None:
            raise IncompleteGoalError(["baseline"], action="resolve the target value")
        if target.relative:
            return self.baseline * (1 + target.value)
        return self.baseline + target.value

    def __repr__(self) -> str:
        """The fields that are set, each in its short form, in a line a REPL can show.

        Empty fields are left out, the statement is cut at 80 characters, the metric is
        its key, the target its short form (``str(Target)``) and the timeframe its dates.

        >>> from smartgoals import metrics
        >>> Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
        ...      target=Target.change("0.10", per="month"), baseline=100_000)
        Goal(metric='revenue', direction='increase', target='+10% a month', baseline='100000', type='annual')
        """
        parts: list[str] = []
        for field in attrs.fields(Goal):
            value = getattr(self, field.name)
            if value is None:
                continue
            if isinstance(value, enum.Enum):
                shown: object = value.value
            elif isinstance(value, Metric):
                shown = value.key
            elif isinstance(value, Owner):
                shown = f"{value.name} ({value.scope.value})"
            elif isinstance(value, Decimal):
                shown = f"{value:f}"
            elif isinstance(value, str) and len(value) > 80:
                shown = value[:79] + "…"
            else:
                shown = str(value)
            parts.append(f"{field.name}={shown!r}")
        return f"Goal({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks: the fields, what is missing, no external assets.

        >>> page = Goal(statement="Sell <more>")._repr_html_()
        >>> "Sell &lt;more&gt;" in page, "missing: metric, direction, target, timeframe" in page
        (True, True)
        """
        return render_goal(self)

    def require(self, *fields: str, action: str = "use the goal") -> None:
        """Raise if any of ``fields`` is missing (``None``), naming all of them.

        Args:
            fields: Goal field names; ``"target_value"`` checks that the target resolves.
            action: What the caller wanted to do, for the message.

        Raises:
            IncompleteGoalError: naming every missing field.

        >>> Goal().require("target", "timeframe", action="split the goal by period")
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.IncompleteGoalError: cannot split the goal by period: the goal has no target, timeframe; set them first
        """
        absent: list[str] = []
        for name in fields:
            if name == "target_value":
                if self.target is None:
                    absent.append("target")
                elif self.target.kind is TargetKind.CHANGE and self.baseline is None:
                    absent.append("baseline")
            elif getattr(self, name) is None:
                absent.append(name)
        if absent:
            raise IncompleteGoalError(dict.fromkeys(absent), action=action)


def _round_total(exact: Fraction, quantum: Decimal, kind: TargetKind) -> Decimal:
    """Round ``exact`` once to a multiple of ``quantum``, by the target's kind."""
    steps = exact / Fraction(quantum)
    if kind is TargetKind.AT_LEAST:
        whole = math.ceil(steps)
    elif kind is TargetKind.AT_MOST:
        whole = math.floor(steps)
    else:
        whole = math.floor(abs(steps) + Fraction(1, 2)) * (1 if steps >= 0 else -1)
    return (Decimal(whole) * quantum).quantize(quantum)


def _bound(value: Decimal | None, infinite: str) -> str:
    return infinite if value is None else format_amount(value)


def _range_text(metric: Metric) -> str:
    """``"win rate (0 to 1); write a ratio as a fraction, ..."`` for error messages."""
    bounds = f"{_bound(metric.minimum, '-inf')} to {_bound(metric.maximum, 'inf')}"
    hint = "; write a ratio as a fraction, e.g. 0.25 for 25%" if metric.unit is Unit.RATIO else ""
    return f"{metric.name} ({bounds}){hint}"
