"""Assign a goal to owners or segments: weights, capacity, ramp, proration, over-assignment.

:func:`assign` gives every owner (an :class:`~smartgoals.goals.Owner`) or segment (a
name such as ``"enterprise"``) its part of a goal. A part is in proportion to the owner's
weight (a share, a headcount, or a :class:`Capacity`) times its *availability*: the share
of the goal's timeframe the owner is there and ramped up (:func:`availability`, with a
:class:`Ramp` for new hires). The parts always add up to the whole, so when a new hire
carries less, the others carry the difference.

**Over-assignment** is visible: with ``over_assignment=0.1`` the owners' targets add up to
110% of the goal, exactly, and each :class:`OwnerShare` shows its ``base`` (its part of the
goal) and its ``over_assignment`` (the extra) separately. **Stretch** targets are separate
goals of type ``STRETCH`` (:attr:`OwnerShare.stretch`); they never change the target.

How metrics split: SUM metrics are divided exactly. LEVEL metrics (stocks such as ARR)
add up across owners, so they are divided too; with a baseline, the baseline and the
change are each divided, and an owner's target is its baseline plus its change. AVERAGE
metrics (win rate, deal size) are not divided: every owner carries the goal's target, and
over-assignment and stretch do not apply to them.

>>> from smartgoals import Goal, Target, Direction, Owner, Scope, Timeframe, metrics
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.level(900_000), timeframe=Timeframe.year(2027), currency="EUR")
>>> team = assign(goal, {Owner("Ann", Scope.INDIVIDUAL): 2, Owner("Bob", Scope.INDIVIDUAL): 1},
...               over_assignment="0.1")
>>> [(str(k), g.target_value) for k, g in team.items()]
[('Ann', Decimal('660000.00')), ('Bob', Decimal('330000.00'))]
>>> [(s.base, s.over_assignment) for s in team.shares]
[(Decimal('600000.00'), Decimal('60000.00')), (Decimal('300000.00'), Decimal('30000.00'))]
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Final, TypeAlias

import attrs

from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.metrics import Aggregation
from smartgoals.planning.allocation import (
    _quantum,
    _round_to_quantum,
    allocate,
    as_fraction,
    default_quantum,
)
from smartgoals.timeframes import Timeframe

__all__ = ["Assignment", "Capacity", "OwnerShare", "Ramp", "assign", "availability"]

#: An owner of a part: a person or team, or a segment given by name.
Assignee: TypeAlias = "Owner | str"

_BASES: Final = ("calendar", "workdays")
_CUTOFF_RULES: Final = ("prorate", "month_end")


def _non_negative(name: str) -> Callable[[object, attrs.Attribute[Decimal], Decimal], None]:
    def check(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
        if value < 0:
            raise InvalidInputError(
                f"{name} must be zero or more, got {format_amount(value)}", name=name, value=value
            )

    return check


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInputError(
            f"reps must be a whole number of people, zero or more, got {value!r}",
            name="reps",
            value=value,
        )
    return value


def _quota(value: object) -> Decimal:
    return to_decimal(value, name="quota")


def _attainment(value: object) -> Decimal:
    return to_decimal(value, name="expected_attainment")


@attrs.frozen
class Capacity:
    """What a group of reps can be expected to sell: reps × quota × expected attainment.

    Use it as a weight in :func:`assign` to split a goal by capacity, or add up
    :attr:`total` over groups to see what the team can carry.

    Args:
        reps: The number of reps in the group.
        quota: The quota of one fully ramped rep.
        expected_attainment: The share of quota a rep is expected to reach (0.85 for
            85%); 1 by default. Values above 1 are allowed.

    Raises:
        InvalidInputError: for a negative or non-integer rep count, or a negative quota
            or attainment.

    >>> ramped = Capacity(7, 150_000, "0.85")
    >>> ramping = Capacity(3, 150_000, "0.40")
    >>> ramped.total, ramped.total + ramping.total
    (Decimal('892500.00'), Decimal('1072500.00'))
    """

    reps: int = attrs.field(converter=_count)
    quota: Decimal = attrs.field(
        converter=_quota,
        validator=_non_negative("quota"),
    )
    expected_attainment: Decimal = attrs.field(
        default=Decimal(1),
        converter=_attainment,
        validator=_non_negative("expected_attainment"),
    )

    @property
    def total(self) -> Decimal:
        """The group's capacity: reps × quota × expected attainment.

        >>> Capacity(2, 100, "0.5").total
        Decimal('100.0')
        """
        return self.reps * self.quota * self.expected_attainment


def _factors(values: object) -> tuple[Decimal, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidInputError(
            f"ramp factors must be a sequence of fractions such as [0, 0.5, 1], got {values!r}",
            name="factors",
            value=values,
        )
    factors = tuple(to_decimal(v, name="ramp factor") for v in values)
    if not factors:
        raise InvalidInputError(
            "a ramp needs at least one factor, e.g. Ramp([0.25, 0.5, 0.75, 1])",
            name="factors",
            value=values,
        )
    for month, factor in enumerate(factors, start=1):
        if not 0 <= factor <= 1:
            raise InvalidInputError(
                f"ramp factor for tenure month {month} is {format_amount(factor)}; factors "
                "are fractions of full productivity from 0 to 1 (write 25% as 0.25)",
                name="factors",
                value=values,
            )
    for month, (before, after) in enumerate(pairwise(factors), start=2):
        if after < before:
            raise InvalidInputError(
                f"ramp factor for tenure month {month} ({format_amount(after)}) is below the "
                f"month before ({format_amount(before)}); a ramp never goes down",
                name="factors",
                value=values,
            )
    return factors


def _cutoff(value: object) -> str | int:
    if value in _CUTOFF_RULES:
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 31:
        return value
    raise InvalidInputError(
        f"unknown first-month rule {value!r}; use 'prorate', 'month_end' or a day of the "
        "month from 1 to 31",
        name="cutoff",
        value=value,
    )


@attrs.frozen
class Ramp:
    """How productive a new hire is in each month of tenure.

    ``Ramp([0, 0.25, 0.5, 0.75, 1.0])`` means nothing in the first month, a quarter in
    the second and full productivity from the fifth; after the last factor a rep counts as
    fully ramped (1). Tenure months are calendar months. The first-month rule says what
    the month a rep starts in counts for:

    * ``"prorate"`` (the default): it is tenure month 1, prorated by the days from the
      start date;
    * ``"month_end"``: it is tenure month 1 in full, whatever the start day (the cut-off is
      the last day of the month);
    * a day such as ``15``: a start on or before that day makes the whole month tenure
      month 1; a later start does not count the month at all, and tenure month 1 is the
      next month.

    Args:
        factors: Productivity per tenure month, fractions from 0 to 1, never decreasing.
        cutoff: The first-month rule.

    Raises:
        InvalidInputError: for factors outside 0–1, decreasing factors, no factors, or an
            unknown rule.

    >>> ramp = Ramp([0, "0.25", "0.5", "0.75", 1])
    >>> ramp.factor(2), ramp.factor(12)
    (Decimal('0.25'), Decimal('1'))
    """

    factors: tuple[Decimal, ...] = attrs.field(converter=_factors)
    cutoff: str | int = attrs.field(default="prorate", converter=_cutoff)

    def factor(self, tenure_month: int) -> Decimal:
        """The productivity in tenure month ``tenure_month`` (1 is the first month).

        Args:
            tenure_month: 1 or more.

        Returns:
            The factor; 1 after the last listed month.

        Raises:
            InvalidInputError: if ``tenure_month`` is below 1.

        >>> Ramp([0, "0.5"]).factor(1), Ramp([0, "0.5"]).factor(3)
        (Decimal('0'), Decimal('1'))
        """
        if not isinstance(tenure_month, int) or tenure_month < 1:
            raise InvalidInputError(
                f"tenure month must be 1 or more, got {tenure_month!r}",
                name="tenure_month",
                value=tenure_month,
            )
        if tenure_month > len(self.factors):
            return Decimal(1)
        return self.factors[tenure_month - 1]


def _measure(
    basis: str, holidays: Container[date], weekend: tuple[int, ...]
) -> Callable[[Timeframe], int]:
    if basis == "calendar":
        return lambda tf: tf.days
    if basis == "workdays":
        return lambda tf: tf.workdays(holidays, weekend)
    raise InvalidInputError(
        f"unknown proration {basis!r}; use 'calendar' (days) or 'workdays' (working days)",
        name="proration",
        value=basis,
    )


def availability(
    start: date | None,
    timeframe: Timeframe,
    *,
    ramp: Ramp | None = None,
    proration: str = "calendar",
    holidays: Container[date] = (),
    weekend: Iterable[int] = (5, 6),
) -> Fraction:
    """The share of ``timeframe`` a member is there and productive, from 0 to 1.

    Without a ramp this is the proration for a start during the timeframe: the days from
    ``start`` over all days (``proration="calendar"``), or the same in working days
    (``"workdays"``). With a :class:`Ramp`, each day also counts for the ramp factor of
    its tenure month. A member present the whole timeframe (no start date, or a start on
    or before its first day, fully ramped) gets 1, and the value never decreases as the
    start date moves earlier.

    Args:
        start: The member's first day, or ``None`` for someone already there.
        timeframe: The goal's timeframe.
        ramp: The ramp for new hires, if any.
        proration: ``"calendar"`` or ``"workdays"``.
        holidays: Non-working days for ``"workdays"``.
        weekend: Weekend days for ``"workdays"`` (Monday is 0).

    Returns:
        An exact Fraction from 0 to 1.

    Raises:
        InvalidInputError: for an unknown proration, or a timeframe with no working days.

    >>> q1 = Timeframe.quarter(2027, 1)
    >>> availability(date(2027, 2, 1), q1)
    Fraction(59, 90)
    >>> availability(date(2027, 1, 1), q1, ramp=Ramp([0, "0.5"]))  # 0×31 + ½×28 + 1×31 days
    Fraction(1, 2)
    """
    measure = _measure(proration, holidays, tuple(weekend))
    total = measure(timeframe)
    if total == 0:
        raise InvalidInputError(
            f"{timeframe} has no working days to prorate over; use proration='calendar'",
            name="proration",
            value=proration,
        )
    if start is None or (start <= timeframe.start and ramp is None):
        return Fraction(1)
    if start >= timeframe.end:
        return Fraction(0)
    if ramp is None:
        return Fraction(measure(Timeframe(start, timeframe.end)), total)
    weighted = Fraction(0)
    for month in timeframe.split("month"):
        offset = (month.start.year - start.year) * 12 + month.start.month - start.month
        if offset < 0:
            continue
        active: Timeframe | None = month
        if ramp.cutoff == "prorate":
            tenure = offset + 1
            if offset == 0:
                active = month.intersection(Timeframe(start, timeframe.end))
        elif ramp.cutoff == "month_end" or start.day <= int(ramp.cutoff):
            tenure = offset + 1
        else:
            tenure = offset
        if tenure < 1 or active is None:
            continue
        weighted += measure(active) * Fraction(ramp.factor(tenure))
    return weighted / total


@attrs.frozen
class OwnerShare:
    """One owner's or segment's part of an :class:`Assignment`.

    Args:
        key: The owner, or the segment's name.
        goal: The owner's goal; its target includes any over-assignment.
        weight: The owner's exact share of the divided amount (weight × availability,
            normalised); the weights sum to 1.
        availability: The owner's :func:`availability` over the goal's timeframe.
        base: The owner's part of the goal itself (``None`` for AVERAGE metrics).
        over_assignment: What the owner carries on top of ``base`` because of
            over-assignment (``None`` for AVERAGE metrics).
        stretch: The owner's stretch goal (type ``STRETCH``), if a stretch was asked for.

    >>> from smartgoals import Goal
    >>> OwnerShare("smb", Goal(), Fraction(1, 3), Fraction(1), None, None, None).weight
    Fraction(1, 3)
    """

    key: Owner | str
    goal: Goal
    weight: Fraction
    availability: Fraction
    base: Decimal | None
    over_assignment: Decimal | None
    stretch: Goal | None = None


@attrs.frozen
class Assignment(Mapping["Owner | str", Goal]):
    """A goal assigned to owners or segments: an ordered, read-only mapping to their goals.

    Args:
        parent: The goal that was assigned.
        shares: One :class:`OwnerShare` per owner or segment, in the order given.
        over_assignment: The over-assignment rate (0.1 for 10%).
        stretch: The stretch rate, if any.
        quantum: The step the parts were rounded to (``None`` for AVERAGE metrics).

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("new_customers"), target=Target.level(30),
    ...             timeframe=Timeframe.year(2027))
    >>> split = assign(goal, {"enterprise": 1, "smb": 2}, stretch="0.2")
    >>> split["smb"].target_value, split.stretch_goals["smb"].target_value, split.total
    (Decimal('20'), Decimal('24'), Decimal('30'))
    """

    parent: Goal
    shares: tuple[OwnerShare, ...]
    over_assignment: Decimal = Decimal(0)
    stretch: Decimal | None = None
    quantum: Decimal | None = None

    def __getitem__(self, key: Owner | str) -> Goal:
        for share in self.shares:
            if share.key == key:
                return share.goal
        raise KeyError(key)

    def __iter__(self) -> Iterator[Owner | str]:
        return (s.key for s in self.shares)

    def __len__(self) -> int:
        return len(self.shares)

    @property
    def total(self) -> Decimal | None:
        """The sum of the owners' targets (``None`` for AVERAGE metrics, which do not add).

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> goal = Goal(metric=metrics.get("calls"), target=Target.level(100),
        ...             timeframe=Timeframe.year(2027))
        >>> assign(goal, {"a": 1, "b": 1}, over_assignment="0.2").total
        Decimal('120')
        """
        if self.quantum is None:
            return None
        return sum((s.goal.target_value for s in self.shares), Decimal(0))

    @property
    def stretch_goals(self) -> dict[Owner | str, Goal]:
        """Each owner's stretch goal, if a stretch was asked for.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> goal = Goal(metric=metrics.get("calls"), target=Target.level(100),
        ...             timeframe=Timeframe.year(2027))
        >>> assign(goal, {"a": 1}).stretch_goals
        {}
        """
        return {s.key: s.stretch for s in self.shares if s.stretch is not None}


def _weight(key: object, value: object) -> Fraction:
    if isinstance(value, Capacity):
        return Fraction(value.total)
    fraction = as_fraction(value, name=f"share of {key}")
    if fraction < 0:
        raise InvalidInputError(
            f"share of {key} is {value}, but shares must be zero or positive",
            name="shares",
            value=value,
        )
    return fraction


def _rate(value: object, name: str) -> Fraction:
    rate = as_fraction(value, name=name)
    if rate <= -1:
        raise InvalidInputError(
            f"{name} must be above -1 (a fraction such as 0.1 for 10%), got {value}",
            name=name,
            value=value,
        )
    return rate


def _child(goal: Goal, key: Owner | str, target: Target, baseline: Decimal | None) -> Goal:
    owner, kind = goal.owner, goal.type
    if isinstance(key, Owner):
        owner = key
        kind = {Scope.INDIVIDUAL: GoalType.INDIVIDUAL, Scope.TEAM: GoalType.TEAM}.get(
            key.scope, goal.type
        )
    return Goal(
        metric=goal.metric,
        direction=goal.direction,
        target=target,
        baseline=baseline,
        timeframe=goal.timeframe,
        currency=goal.currency,
        owner=owner,
        type=kind,
        strategy=goal.strategy,
    )


def assign(
    goal: Goal,
    shares: Mapping[Owner | str, object],
    *,
    over_assignment: object = 0,
    ramp: Ramp | None = None,
    start_dates: Mapping[Owner | str, date] | None = None,
    proration: str = "calendar",
    stretch: object = None,
    holidays: Container[date] = (),
    weekend: Iterable[int] = (5, 6),
    quantum: object = None,
) -> Assignment:
    """Give every owner or segment its part of ``goal``.

    Args:
        goal: A goal with a metric, a target that resolves and a timeframe.
        shares: A weight per owner (:class:`~smartgoals.goals.Owner`) or segment (a
            name): a number (enterprise rep 2, SMB rep 1) or a :class:`Capacity`.
            Owners become the children's owners, with type ``INDIVIDUAL`` or ``TEAM``
            by scope; segments keep the goal's owner and type.
        over_assignment: Extra to assign on top of the goal, as a rate (0.1 gives
            owners 110% of the goal in total, exactly).
        ramp: The ramp applied to members with a start date.
        start_dates: First days of members who join during the timeframe (new hires).
        proration: ``"calendar"`` or ``"workdays"``: how mid-period starts are prorated.
        stretch: A stretch rate (0.2 for 20% above target): adds a separate
            ``STRETCH`` goal per owner, never changing the target. Each stretch target is
            the owner's target raised by the rate (for a LEVEL metric with a baseline,
            its change is raised), rounded half up to the quantum.
        holidays: Non-working days, for ``proration="workdays"``.
        weekend: Weekend days, for ``proration="workdays"`` (Monday is 0).
        quantum: The step for divided targets; by default
            :func:`~smartgoals.planning.allocation.default_quantum` of the metric.

    Returns:
        An :class:`Assignment` mapping each owner or segment to its goal.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, a resolvable target or a
            timeframe.
        InvalidInputError: for negative or all-zero shares, start dates for unknown
            owners, an over-assignment or stretch on an AVERAGE metric, or amounts that
            are not multiples of the quantum.

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("revenue"), target=Target.level(1_072_500),
    ...             timeframe=Timeframe.year(2027), currency="USD")
    >>> split = assign(goal, {"ramped": Capacity(7, 150_000, "0.85"),
    ...                       "ramping": Capacity(3, 150_000, "0.40")})
    >>> split["ramped"].target_value, split["ramping"].target_value
    (Decimal('892500.00'), Decimal('180000.00'))
    """
    goal.require("metric", "target_value", "timeframe", action="assign the goal")
    metric, target, timeframe = goal.metric, goal.target, goal.timeframe
    assert metric is not None
    assert target is not None
    assert timeframe is not None
    if not isinstance(shares, Mapping) or not shares:
        raise InvalidInputError(
            "shares must be a non-empty mapping from owner or segment to weight",
            name="shares",
            value=shares,
        )
    for key in shares:
        if not isinstance(key, (Owner, str)):
            raise InvalidInputError(
                f"an assignee must be an Owner or a segment name, got {key!r}",
                name="shares",
                value=key,
            )
    starts = dict(start_dates or {})
    unknown = [k for k in starts if k not in shares]
    if unknown:
        raise InvalidInputError(
            f"start dates given for {', '.join(map(str, unknown))}, who are not in shares",
            name="start_dates",
            value=unknown,
        )
    over = _rate(over_assignment, "over_assignment")
    stretch_rate = None if stretch is None else _rate(stretch, "stretch")
    if stretch_rate is not None and stretch_rate < 0:
        raise InvalidInputError(
            f"stretch must be zero or more (0.2 for 20% above target), got {stretch}",
            name="stretch",
            value=stretch,
        )
    keys = list(shares)
    available = [
        availability(
            starts.get(k),
            timeframe,
            ramp=ramp if k in starts else None,
            proration=proration,
            holidays=holidays,
            weekend=weekend,
        )
        for k in keys
    ]
    weights = [_weight(k, shares[k]) * a for k, a in zip(keys, available, strict=True)]
    total_weight = sum(weights, Fraction(0))
    if total_weight == 0:
        raise InvalidInputError(
            "every share is zero (or every member is unavailable); give at least one "
            "owner a weight above zero",
            name="shares",
            value=shares,
        )
    normalised = [w / total_weight for w in weights]

    if metric.aggregation is Aggregation.AVERAGE:
        if over or stretch_rate is not None:
            raise InvalidInputError(
                f"{metric.name} is an average, which does not add up over owners, so "
                "over-assignment and stretch do not apply; set a stretch goal for it directly",
                name="over_assignment" if over else "stretch",
                value=over_assignment if over else stretch,
            )
        children = tuple(
            OwnerShare(k, _child(goal, k, target, goal.baseline), n, a, None, None)
            for k, n, a in zip(keys, normalised, available, strict=True)
        )
        return Assignment(goal, children, Decimal(0), None, None)

    step = default_quantum(metric) if quantum is None else _quantum(quantum)
    kind = TargetKind.LEVEL if target.kind is TargetKind.CHANGE else target.kind
    if metric.aggregation is Aggregation.LEVEL and goal.baseline is not None:
        baselines: Sequence[Decimal | None] = allocate(goal.baseline, weights, quantum=step)
        amount = Fraction(goal.target_value - goal.baseline)
    else:
        baselines = [None] * len(keys)
        amount = Fraction(goal.target_value)
    base = allocate(amount, weights, quantum=step)
    extra = allocate(amount * over, weights, quantum=step)
    children_list = []
    for i, key in enumerate(keys):
        start_level = baselines[i]
        offset = start_level if start_level is not None else Decimal(0)
        own = base[i] + extra[i] + offset
        stretch_goal = None
        if stretch_rate is not None:
            # Each owner's stretch is its own target raised by the rate, to the nearest quantum.
            raised = _round_to_quantum(Fraction(own - offset) * (1 + stretch_rate), step) + offset
            stretch_goal = Goal(
                metric=goal.metric,
                direction=goal.direction,
                target=Target(kind, raised),
                baseline=start_level,
                timeframe=goal.timeframe,
                currency=goal.currency,
                owner=key if isinstance(key, Owner) else goal.owner,
                type=GoalType.STRETCH,
                strategy=goal.strategy,
            )
        children_list.append(
            OwnerShare(
                key,
                _child(goal, key, Target(kind, own), start_level),
                normalised[i],
                available[i],
                base[i] + offset,
                extra[i],
                stretch_goal,
            )
        )
    return Assignment(
        goal,
        tuple(children_list),
        Decimal(over.numerator) / Decimal(over.denominator),
        None
        if stretch_rate is None
        else Decimal(stretch_rate.numerator) / Decimal(stretch_rate.denominator),
        step,
    )
