"""Assign a goal to owners or segments: weights, capacity, ramp, proration, over-assignment.

:func:`assign` gives every owner (an :class:`~smartgoals.goals.Owner`) or segment (a
name such as ``"enterprise"``) its part of a goal. A part is in proportion to the owner's
weight (a share, a headcount, or a :class:`Capacity`) times its *availability*: the share
of the goal's timeframe the owner is there and ramped up (:func:`availability`, with a
:class:`Ramp` for new hires). The parts always add up to the whole, so when a new hire
carries less, the others carry the difference.

**Over-assignment** is visible: with ``over_assignment=0.1`` the owners' targets add up to
110% of the goal, and each :class:`OwnerShare` shows its ``base`` (its part of the goal)
and its ``over_assignment`` (the extra) separately. The over-assigned whole is allocated
in one go, so each owner's target is the floor or ceiling of its exact share of the whole
(three equal reps over 1,000,000 at 12.5% carry 375,000.00 each). The extra is rounded to
the quantum away from zero, never silently dropped: 10% over 25 new customers is 2.5,
assigned as 3 (28 in all), and :attr:`Assignment.over_assignment_rounding` shows the 0.5.
**Stretch** targets are separate goals of type ``STRETCH`` (:attr:`OwnerShare.stretch`);
they never change the target.

How metrics split:

* SUM metrics are divided exactly; a rate ("100 demos a week for the team") is divided as
  its total over the timeframe (:meth:`~smartgoals.goals.Goal.target_total`).
* LEVEL metrics (stocks such as ARR) share out the *increase*: ARR from 1.0M to 1.4M gives
  the owners 0.4M between them. With ``books=`` each owner's own book is its baseline and
  its target is its book plus its share; without books an owner's goal is the level it adds,
  from 0. A new hire never inherits a share of the existing book.
* AVERAGE metrics (win rate, deal size) are not divided: every owner carries the goal's
  target, and over-assignment and stretch do not apply to them.

**Role goals** ("20 demos a week per AE", an owner with
:attr:`~smartgoals.goals.Scope.ROLE`, or ``each=True``) are not divided: each holder
carries the goal in full. A holder there all the time keeps the goal's target, rate and
all; a holder who starts late or ramps up gets the total of the rate over the periods,
each prorated by the holder's own availability, rounded once. The team's total is the sum.

**Capacity** stays with the assignment: a :class:`Capacity` given as a weight (or in
``capacity=``) becomes :attr:`OwnerShare.capacity`, lowered by the owner's availability
just as the target is, and :meth:`~smartgoals.planning.plan.Plan.check` compares it with
the target.

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

import math
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Final, TypeAlias

import attrs

from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
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
        base: The owner's part of the goal itself (its book included, for a LEVEL metric
            assigned with books; its total over the timeframe, for a role goal), ``None``
            for AVERAGE metrics.
        over_assignment: What the owner carries on top of ``base`` because of
            over-assignment (``None`` for AVERAGE metrics).
        stretch: The owner's stretch goal (type ``STRETCH``), if a stretch was asked for.
        capacity: What the owner can carry over the goal's timeframe, lowered by its
            availability (start date and ramp), when a :class:`Capacity` was given.

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
    capacity: Decimal | None = None


@attrs.frozen
class Assignment(Mapping["Owner | str", Goal]):
    """A goal assigned to owners or segments: an ordered, read-only mapping to their goals.

    Args:
        parent: The goal that was assigned.
        shares: One :class:`OwnerShare` per owner or segment, in the order given.
        over_assignment: The over-assignment rate (0.1 for 10%).
        stretch: The stretch rate, if any.
        quantum: The step the parts were rounded to (``None`` for AVERAGE metrics).
        over_assignment_rounding: How much rounding the over-assigned total to the
            quantum added: 0.5 when 10% over 25 new customers (2.5) becomes 3.
        each: Whether every owner carries the goal in full (a role goal) instead of a
            share of it.

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
    over_assignment_rounding: Decimal = attrs.field(default=Decimal(0), kw_only=True)
    each: bool = attrs.field(default=False, kw_only=True)

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
        return sum((_total(s.goal) for s in self.shares), Decimal(0))

    @property
    def capacity(self) -> Decimal | None:
        """The owners' capacities added up, or ``None`` unless every owner has one.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> goal = Goal(metric=metrics.get("revenue"), target=Target.level(2_400_000),
        ...             timeframe=Timeframe.year(2027), currency="EUR")
        >>> team = assign(goal, {"east": Capacity(3, 250_000, "0.86"),
        ...                      "west": Capacity(3, 250_000, "0.86")})
        >>> team.capacity, team.total - team.capacity
        (Decimal('1290000.00'), Decimal('1110000.00'))
        """
        values = [s.capacity for s in self.shares]
        if not values or any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal(0))

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


def _total(goal: Goal) -> Decimal:
    """What a goal adds up to over its timeframe: a rate's total, else its target value."""
    return goal.target_total() if goal.is_rate else goal.target_value


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


def _capacity(key: object, value: object) -> Fraction:
    if isinstance(value, Capacity):
        return Fraction(value.total)
    amount = as_fraction(value, name=f"capacity of {key}")
    if amount < 0:
        raise InvalidInputError(
            f"capacity of {key} is {value}, but a capacity must be zero or more",
            name="capacity",
            value=value,
        )
    return amount


def _rounded_away(value: Fraction, step: Decimal) -> Fraction:
    """``value`` rounded away from zero to a multiple of ``step``: 2.5 → 3 for counts."""
    quanta = value / Fraction(step)
    whole = math.ceil(abs(quanta)) * (1 if quanta >= 0 else -1)
    return whole * Fraction(step)


def _as_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _round_total(exact: Fraction, step: Decimal, kind: TargetKind) -> Decimal:
    """Round a total once by the target's kind: up for AT_LEAST, down for AT_MOST, else nearest."""
    quanta = exact / Fraction(step)
    if kind is TargetKind.AT_LEAST:
        whole = math.ceil(quanta)
    elif kind is TargetKind.AT_MOST:
        whole = math.floor(quanta)
    else:
        whole = math.floor(abs(quanta) + Fraction(1, 2)) * (1 if quanta >= 0 else -1)
    return (Decimal(whole) * step).quantize(step)


def _holder(key: object, value: object) -> None:
    """Check a weight given for a holder of a role: 1 (or a Capacity), never a share."""
    if isinstance(value, Capacity):
        return
    if as_fraction(value, name=f"share of {key}") not in (0, 1):
        raise InvalidInputError(
            f"the goal holds for each holder of a role, so {key} carries it in full and "
            f"a weight of {value} does not divide it; give 1 (or a Capacity) for every "
            "holder, 0 for one who is left out, or pass each=False to divide the goal",
            name="shares",
            value=value,
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
    books: Mapping[Owner | str, object] | None = None,
    capacity: Mapping[Owner | str, object] | None = None,
    each: bool | None = None,
) -> Assignment:
    """Give every owner or segment its part of ``goal``.

    See the module docs for how SUM, LEVEL and AVERAGE metrics, over-assignment, books,
    capacity and role goals are assigned.

    Args:
        goal: A goal with a metric, a target that resolves and a timeframe.
        shares: A weight per owner (:class:`~smartgoals.goals.Owner`) or segment (a
            name): a number (enterprise rep 2, SMB rep 1) or a :class:`Capacity`.
            Owners become the children's owners, with type ``INDIVIDUAL`` or ``TEAM``
            by scope; segments keep the goal's owner and type. For a role goal every
            weight is 1 (or a Capacity): each holder carries the goal in full.
        over_assignment: Extra to assign on top of the goal, as a rate (0.1 gives
            owners 110% of the goal in total). The over-assigned total is rounded to the
            quantum away from zero (27.5 new customers → 28), shown in
            :attr:`Assignment.over_assignment_rounding`, and allocated together with the
            goal.
        ramp: The ramp applied to members with a start date.
        start_dates: First days of members who join during the timeframe (new hires).
        proration: ``"calendar"`` or ``"workdays"``: how mid-period starts are prorated.
        stretch: A stretch rate (0.2 for 20% above target): adds a separate
            ``STRETCH`` goal per owner, never changing the target. Each stretch target is
            the owner's target raised by the rate (for a LEVEL metric, its increase is
            raised), rounded half up to the quantum; a ``CHANGE`` is resolved against the
            baseline first and stays a change, to the raised value. Role holders of a
            LEVEL goal get one too.
        holidays: Non-working days, for ``proration="workdays"``.
        weekend: Weekend days, for ``proration="workdays"`` (Monday is 0).
        quantum: The step for divided targets; by default
            :func:`~smartgoals.planning.allocation.default_quantum` of the metric.
        books: For a LEVEL metric (ARR, customers): each owner's own book at the start,
            which becomes its baseline; owners left out start from 0 (a new hire). The
            books add up to the goal's baseline.
        capacity: What each owner can carry (a :class:`Capacity` or an amount), kept
            with its share for :meth:`~smartgoals.planning.plan.Plan.check` without
            being used as a weight. A :class:`Capacity` given in ``shares`` is kept too.
        each: Give every owner the goal in full, prorated only by its availability
            (``True``), or divide it (``False``). By default ``True`` when the goal's
            owner is a role (:attr:`~smartgoals.goals.Scope.ROLE`, "each AE").

    Returns:
        An :class:`Assignment` mapping each owner or segment to its goal.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, a resolvable target or a
            timeframe, or books are given for a goal without a baseline.
        InvalidInputError: for negative or all-zero shares, start dates, books or
            capacities for unknown owners, books that do not add up to the baseline, an
            over-assignment or stretch on an AVERAGE metric, an over-assignment of a
            role goal, a weight other than 1 for a role holder, or amounts that are not
            multiples of the quantum.

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> goal = Goal(metric=metrics.get("revenue"), target=Target.level(1_072_500),
    ...             timeframe=Timeframe.year(2027), currency="USD")
    >>> split = assign(goal, {"ramped": Capacity(7, 150_000, "0.85"),
    ...                       "ramping": Capacity(3, 150_000, "0.40")})
    >>> split["ramped"].target_value, split["ramping"].target_value
    (Decimal('892500.00'), Decimal('180000.00'))
    >>> customers = Goal(metric=metrics.get("new_customers"), target=Target.level(25),
    ...                  timeframe=Timeframe.year(2027))
    >>> counts = assign(customers, {"a": 1, "b": 1}, over_assignment="0.1")
    >>> counts.total, counts.over_assignment_rounding
    (Decimal('28'), Decimal('0.5'))
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
    for name, given in (("start_dates", starts), ("books", books), ("capacity", capacity)):
        unknown = [k for k in given or {} if k not in shares]
        if unknown:
            raise InvalidInputError(
                f"{name} given for {', '.join(map(str, unknown))}, who are not in shares",
                name=name,
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
    if each is None:
        each = goal.owner is not None and goal.owner.scope is Scope.ROLE
    keys = list(shares)

    def available(key: Owner | str, frame: Timeframe) -> Fraction:
        return availability(
            starts.get(key),
            frame,
            ramp=ramp if key in starts else None,
            proration=proration,
            holidays=holidays,
            weekend=weekend,
        )

    presence = [available(k, timeframe) for k in keys]
    if each:
        for key in keys:
            _holder(key, shares[key])
        weights = [
            a if isinstance(shares[k], Capacity) or as_fraction(shares[k]) else Fraction(0)
            for k, a in zip(keys, presence, strict=True)
        ]
    else:
        weights = [_weight(k, shares[k]) * a for k, a in zip(keys, presence, strict=True)]
    total_weight = sum(weights, Fraction(0))
    if total_weight == 0:
        raise InvalidInputError(
            "every share is zero (or every member is unavailable); give at least one "
            "owner a weight above zero",
            name="shares",
            value=shares,
        )
    normalised = [w / total_weight for w in weights]
    step = default_quantum(metric) if quantum is None else _quantum(quantum)
    capacities = _capacities(keys, shares, capacity or {}, presence, step)

    if (over or stretch_rate is not None) and metric.aggregation is Aggregation.AVERAGE:
        raise InvalidInputError(
            f"{metric.name} is an average, which does not add up over owners, so "
            "over-assignment and stretch do not apply; set a stretch goal for it directly",
            name="over_assignment" if over else "stretch",
            value=over_assignment if over else stretch,
        )
    if each and over:
        raise InvalidInputError(
            f"over-assignment divides a shared total, but {goal.target} holds for each "
            "holder of the role in full; raise the rate instead, or pass each=False",
            name="over_assignment",
            value=over_assignment,
        )
    if metric.aggregation is Aggregation.AVERAGE or (
        each and metric.aggregation is Aggregation.LEVEL
    ):
        # Nothing is divided: every holder carries the goal's target from its baseline.
        children = tuple(
            OwnerShare(
                k,
                _child(goal, k, target, goal.baseline),
                n,
                a,
                None,
                None,
                _stretch(goal, k, target, goal.baseline, stretch_rate, step),
                c,
            )
            for k, n, a, c in zip(keys, normalised, presence, capacities, strict=True)
        )
        return Assignment(goal, children, Decimal(0), _rate_decimal(stretch_rate), None, each=each)
    if each:
        return _assign_each(
            goal, keys, weights, presence, capacities, available, step, stretch_rate
        )
    return _assign_shares(
        goal, keys, weights, presence, capacities, over, step, stretch_rate, books
    )


def _capacities(
    keys: Sequence[Owner | str],
    shares: Mapping[Owner | str, object],
    given: Mapping[Owner | str, object],
    presence: Sequence[Fraction],
    step: Decimal,
) -> list[Decimal | None]:
    """Each owner's capacity for the goal, lowered by its availability (start date, ramp)."""
    result: list[Decimal | None] = []
    for key, present in zip(keys, presence, strict=True):
        if key in given:
            full: Fraction | None = _capacity(key, given[key])
        elif isinstance(shares[key], Capacity):
            full = _capacity(key, shares[key])
        else:
            full = None
        result.append(None if full is None else _round_to_quantum(full * present, step))
    return result


def _stretch(
    goal: Goal,
    key: Owner | str,
    target: Target,
    baseline: Decimal | None,
    rate: Fraction | None,
    step: Decimal,
) -> Goal | None:
    """The owner's stretch goal: its target raised by ``rate``, half up.

    A LEVEL metric's increase from ``baseline`` is raised; any other target is raised
    from zero. A ``CHANGE`` target is resolved against ``baseline`` first, and the
    stretch is the change to the raised value, cadence and all.
    """
    if rate is None:
        return None
    level = goal.metric is not None and goal.metric.aggregation is Aggregation.LEVEL
    offset = baseline if level and baseline is not None else Decimal(0)
    value = target.value
    if target.kind is TargetKind.CHANGE:
        assert baseline is not None  # the goal's target resolved, so its baseline is set
        value = baseline * (1 + target.value) if target.relative else baseline + target.value
    raised = _round_to_quantum(Fraction(value - offset) * (1 + rate), step) + offset
    if target.kind is TargetKind.CHANGE:
        assert baseline is not None
        stretched = Target.change(raised - baseline, relative=False, per=target.per)
    else:
        stretched = attrs.evolve(target, value=raised)
    return Goal(
        metric=goal.metric,
        direction=goal.direction,
        target=stretched,
        baseline=baseline,
        timeframe=goal.timeframe,
        currency=goal.currency,
        owner=key if isinstance(key, Owner) else goal.owner,
        type=GoalType.STRETCH,
        strategy=goal.strategy,
    )


def _rate_decimal(rate: Fraction | None) -> Decimal | None:
    return None if rate is None else _as_decimal(rate)


def _assign_shares(
    goal: Goal,
    keys: list[Owner | str],
    weights: list[Fraction],
    presence: list[Fraction],
    capacities: list[Decimal | None],
    over: Fraction,
    step: Decimal,
    stretch_rate: Fraction | None,
    books: Mapping[Owner | str, object] | None,
) -> Assignment:
    """Divide a SUM goal, or a LEVEL goal's increase, over the owners by weight."""
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    kind = TargetKind.LEVEL if target.kind is TargetKind.CHANGE else target.kind
    baselines: list[Decimal | None] = [None] * len(keys)
    if metric.aggregation is Aggregation.LEVEL and (goal.baseline is not None or books):
        if goal.baseline is None:
            raise IncompleteGoalError(
                ["baseline"], action=f"share out the increase of {metric.name} over books"
            )
        baselines = list(_books(goal, keys, books, step))
        amount = Fraction(goal.target_value - goal.baseline)
    else:
        amount = Fraction(goal.target_value)
    if goal.is_rate:
        amount = Fraction(goal.target_total())
    exact_extra = amount * over
    extra = _rounded_away(exact_extra, step)
    # Allocated together: each target is the floor or ceiling of its share of the whole.
    whole = allocate(amount + extra, weights, quantum=step)
    base = allocate(amount, weights, quantum=step)
    total_weight = sum(weights, Fraction(0))
    children = []
    for i, key in enumerate(keys):
        start_level = baselines[i]
        offset: Decimal = start_level if start_level is not None else Decimal(0)
        own = Target(kind, whole[i] + offset)
        children.append(
            OwnerShare(
                key,
                _child(goal, key, own, baselines[i]),
                weights[i] / total_weight,
                presence[i],
                base[i] + offset,
                whole[i] - base[i],
                _stretch(goal, key, own, baselines[i], stretch_rate, step),
                capacities[i],
            )
        )
    return Assignment(
        goal,
        tuple(children),
        _as_decimal(over),
        _rate_decimal(stretch_rate),
        step,
        over_assignment_rounding=_as_decimal(extra - exact_extra),
    )


def _books(
    goal: Goal, keys: list[Owner | str], books: Mapping[Owner | str, object] | None, step: Decimal
) -> list[Decimal | None]:
    """Each owner's own book as its baseline; without books every owner starts from 0."""
    assert goal.baseline is not None
    if not books:
        if goal.target_value < goal.baseline:
            raise InvalidInputError(
                f"the goal lowers {goal.metric.name if goal.metric else 'the level'} from "
                f"{format_amount(goal.baseline)} to {format_amount(goal.target_value)}; "
                "give each owner's book (books=) so that each part can fall from it",
                name="books",
                value=None,
            )
        return [Decimal(0).quantize(step)] * len(keys)
    values = [
        allocate(to_decimal(books[k], name=f"book of {k}"), [1], quantum=step)[0]
        if k in books
        else Decimal(0).quantize(step)
        for k in keys
    ]
    if sum(values, Decimal(0)) != goal.baseline:
        raise InvalidInputError(
            f"the books add up to {format_amount(sum(values, Decimal(0)))}, but the goal "
            f"starts from {format_amount(goal.baseline)}; give every owner's book (owners "
            "left out start from 0)",
            name="books",
            value=dict(books),
        )
    return list(values)


def _assign_each(
    goal: Goal,
    keys: list[Owner | str],
    weights: list[Fraction],
    presence: list[Fraction],
    capacities: list[Decimal | None],
    available: Callable[[Owner | str, Timeframe], Fraction],
    step: Decimal,
    stretch_rate: Fraction | None,
) -> Assignment:
    """Give each holder of a role the whole goal, prorated by its own availability."""
    target = goal.target
    assert target is not None
    assert goal.timeframe is not None
    kind = TargetKind.LEVEL if target.kind is TargetKind.CHANGE else target.kind
    periods = (
        goal.period_targets() if goal.is_rate else [(goal.timeframe, Fraction(goal.target_value))]
    )
    full = _round_total(sum((t for _, t in periods), Fraction(0)), step, kind)
    exact: list[Fraction] = []
    owned: list[tuple[Target, Decimal | None, Decimal]] = []
    for key, weight, present in zip(keys, weights, presence, strict=True):
        if weight and present == 1:
            # Fully there: the holder carries the goal as it is, rate and all.
            exact.append(Fraction(full))
            owned.append((target, goal.baseline, full))
            continue
        share = (
            sum((t * available(key, frame) for frame, t in periods), Fraction(0))
            if weight
            else Fraction(0)
        )
        amount = _round_total(share, step, kind)
        exact.append(share)
        owned.append((Target(kind, amount), None, amount))
    total_exact = sum(exact, Fraction(0))
    children = []
    for i, key in enumerate(keys):
        own, baseline, amount = owned[i]
        children.append(
            OwnerShare(
                key,
                _child(goal, key, own, baseline),
                exact[i] / total_exact if total_exact else Fraction(0),
                presence[i],
                amount,
                Decimal(0).quantize(step),
                _stretch(goal, key, own, baseline, stretch_rate, step),
                capacities[i],
            )
        )
    return Assignment(
        goal, tuple(children), Decimal(0), _rate_decimal(stretch_rate), step, each=True
    )
