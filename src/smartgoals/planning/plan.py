"""Plans: a tree of goals from the annual goal down to teams, people, periods and activities.

A :class:`Plan` holds :class:`PlanNode` objects; each node has an ``id`` (a path such as
``"2027/EMEA/Ann"``), a goal, and children. A child is related to its parent as:

* ``PART``: a share of it (a period, a segment, a team, a person). Parts are what
  :meth:`Plan.rollup` aggregates and :meth:`Plan.check` compares with the parent.
* ``DRIVER``: an activity goal that feeds it (from
  :func:`~smartgoals.planning.funnel.activity_targets`); a different metric on purpose.
* ``STRETCH``: a stretch goal beside it; never added to anything.

Plans are immutable: :meth:`Plan.attach` and :meth:`Plan.lock` return new plans. They are
frozen ``attrs`` classes made of goals, tuples, enums and numbers, so the library's
serializer turns them into documents and back.

>>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
>>> from smartgoals.planning.periods import split_by_period
>>> annual = Goal(metric=metrics.get("calls"), direction=Direction.INCREASE,
...               target=Target.level(1200), timeframe=Timeframe.year(2027))
>>> plan = Plan.from_goal(annual, id="2027").attach("2027", split_by_period(annual, "quarter"))
>>> [node.id for node in plan.root.children]
['2027/FY2027 Q1', '2027/FY2027 Q2', '2027/FY2027 Q3', '2027/FY2027 Q4']
>>> plan.rollup()["2027"], plan.check()
(Decimal('1200'), ())
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Final, TypeAlias

import attrs

from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError, MissingRateError
from smartgoals.goals import Goal, Owner, Target, TargetKind
from smartgoals.metrics import Aggregation
from smartgoals.money import FxRates
from smartgoals.planning._html import render_plan
from smartgoals.planning.allocation import (
    _quantum,
    _round_to_quantum,
    allocate,
    as_fraction,
    default_quantum,
)
from smartgoals.planning.funnel import FunnelTargets
from smartgoals.planning.owners import Assignment, Capacity
from smartgoals.planning.periods import PeriodSplit
from smartgoals.timeframes import Timeframe

__all__ = ["IssueKind", "Plan", "PlanIssue", "PlanNode", "Relation"]


class Relation(enum.Enum):
    """How a plan node relates to its parent.

    >>> Relation("driver")
    <Relation.DRIVER: 'driver'>
    """

    PART = "part"
    DRIVER = "driver"
    STRETCH = "stretch"


class IssueKind(enum.Enum):
    """What :meth:`Plan.check` found at a node.

    >>> IssueKind.OVER_ASSIGNED.value
    'over_assigned'
    """

    OVER_ASSIGNED = "over_assigned"
    UNDER_ASSIGNED = "under_assigned"
    PERIOD_GAP = "period_gap"
    PERIOD_OVERLAP = "period_overlap"
    OUTSIDE_PERIOD = "outside_period"
    METRIC_MISMATCH = "metric_mismatch"
    UNIT_MISMATCH = "unit_mismatch"
    CURRENCY_MISMATCH = "currency_mismatch"
    INCOMPLETE = "incomplete"
    OVER_CAPACITY = "over_capacity"
    UNWEIGHTED = "unweighted"


#: A node over-assigned on purpose: the node, its target, its parts' total, the rounding.
_Planned: TypeAlias = "tuple[PlanNode, Decimal, Decimal, Fraction]"


def _children(value: Iterable[PlanNode]) -> tuple[PlanNode, ...]:
    return tuple(value)


@attrs.frozen
class PlanNode:
    """One goal in a plan and the goals below it.

    Args:
        id: The node's id, unique in its plan (by convention the path from the root).
        goal: The node's goal.
        children: The nodes below it.
        relation: How the node relates to its parent (``PART`` for the root).
        weight: The node's exact share of its parent's *weights* when it came from a split
            or an assignment (weight × availability, normalised); tracking paces along
            these weights. Its share of the parent's *target* is :meth:`Plan.shares`.
        locked: Whether :meth:`Plan.lock` fixed its value; rebalancing leaves it alone.
        capacity: What the node's owner can carry over its timeframe (from a
            :class:`~smartgoals.planning.owners.Capacity`, lowered by start date and ramp).
        over_assignment: The over-assignment rate its parts were given on purpose (0.1
            for 10%), so that :meth:`Plan.check` reports it once, as intended.
        each: Whether every part carries the node's goal in full (a role goal assigned
            to its holders) instead of a share of it.

    >>> PlanNode("2027", Goal()).relation
    <Relation.PART: 'part'>
    """

    id: str
    goal: Goal
    children: tuple[PlanNode, ...] = attrs.field(default=(), converter=_children)
    relation: Relation = Relation.PART
    weight: Fraction | None = None
    locked: bool = False
    capacity: Decimal | None = None
    over_assignment: Decimal | None = None
    each: bool = False

    @property
    def parts(self) -> tuple[PlanNode, ...]:
        """The children that are shares of this node (relation ``PART``).

        >>> PlanNode("a", Goal(), [PlanNode("a/x", Goal(), relation=Relation.STRETCH)]).parts
        ()
        """
        return tuple(c for c in self.children if c.relation is Relation.PART)

    def walk(self) -> Iterator[PlanNode]:
        """This node and every node below it, depth first, parents before children.

        >>> [n.id for n in PlanNode("a", Goal(), [PlanNode("a/b", Goal())]).walk()]
        ['a', 'a/b']
        """
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@attrs.frozen
class PlanIssue:
    """A problem :meth:`Plan.check` found: where, what, and the numbers behind it.

    Args:
        node: The id of the node the issue is about.
        kind: What is wrong.
        message: A sentence saying what is wrong, with the values.
        expected: The target: the parent's value for over- and under-assignment, the
            node's target for ``OVER_CAPACITY``.
        actual: What the children add up to; the capacity for ``OVER_CAPACITY``.
        timeframes: The gaps, overlaps or stray periods, for period issues.
        intended: For ``OVER_ASSIGNED``: the over-assignment was asked for (it is
            reported once, for every node given it, with the amounts added up).
        nodes: The nodes an intended over-assignment was found at.
        rounding: What rounding the intended over-assignment to the quantum added.

    >>> PlanIssue("2027", IssueKind.UNDER_ASSIGNED, "short by 10").kind.value
    'under_assigned'
    """

    node: str
    kind: IssueKind
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    timeframes: tuple[Timeframe, ...] = ()
    intended: bool = False
    nodes: tuple[str, ...] = ()
    rounding: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        """``actual - expected``: above zero when over-assigned.

        >>> PlanIssue("a", IssueKind.OVER_ASSIGNED, "", Decimal(100), Decimal(110)).difference
        Decimal('10')
        """
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected


def _check_ids(root: PlanNode) -> None:
    seen: set[str] = set()
    for node in root.walk():
        if not isinstance(node.id, str) or not node.id:
            raise InvalidInputError(
                f"plan node ids must be non-empty strings, got {node.id!r}",
                name="id",
                value=node.id,
            )
        if node.id in seen:
            raise InvalidInputError(
                f"two plan nodes have the id {node.id!r}; give every node its own id",
                name="id",
                value=node.id,
            )
        seen.add(node.id)


def _value(goal: Goal) -> Decimal | None:
    """The goal's value in a plan: a rate's total over the timeframe, else its target value."""
    if goal.target is None or (goal.target.kind is TargetKind.CHANGE and goal.baseline is None):
        return None
    if goal.is_rate:
        if goal.timeframe is None:
            return None
        return goal.target_total()
    return goal.target_value


def _to_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _by_owner(node: PlanNode, parts: tuple[PlanNode, ...]) -> bool:
    """Whether the parts share the parent's timeframe (owners, segments) or split it (periods)."""
    return all(p.goal.timeframe == node.goal.timeframe for p in parts)


def _in_currency(node: PlanNode, part: PlanNode, value: Decimal, fx: FxRates | None) -> Decimal:
    """``part``'s ``value`` in ``node``'s currency, at the rate in force when ``node`` starts."""
    have, want = part.goal.currency, node.goal.currency
    if have is None or want is None or have == want:
        return value
    if fx is None:
        codes = {"currency": have, "parent_currency": want}
        message = _say("en", "currency_mismatch", part=part.id, node=node.id, **codes)
        raise CurrencyMismatchError(
            message + _say("en", "convert", **codes),
            currency=have,
            expected=want,
            where=part.id,
        )
    if node.goal.timeframe is None:
        raise InvalidInputError(
            f"{node.id} has no timeframe, so no day to take the {have}→{want} rate of for "
            f"{part.id}; give {node.id} a timeframe",
            name="timeframe",
            value=node.id,
        )
    return fx.convert(value, have, to=want, on=node.goal.timeframe.start).amount


def _unweighted(
    node: PlanNode, parts: tuple[PlanNode, ...], values: list[Decimal], lang: str
) -> str:
    """Why the parts' differing rates do not combine without weights, and what to give."""
    labels = [p.id[len(node.id) + 1 :] if p.id.startswith(node.id + "/") else p.id for p in parts]
    example = ", ".join(f"{label!r}: ..." for label in labels[:2])
    return _say(
        lang,
        "unweighted",
        node=node.id,
        metric=node.goal.metric.label(lang) if node.goal.metric else "",
        values=", ".join(f"{p.id} {format_amount(v)}" for p, v in zip(parts, values, strict=True)),
        example="{" + example + "}",
    )


def _aggregate(node: PlanNode, parts: tuple[PlanNode, ...], values: list[Decimal]) -> Decimal:
    """Combine the parts' values by the node's metric's aggregation.

    Raises:
        InvalidInputError: if parts that share the node's timeframe have different
            rates of an AVERAGE metric and no weights (a mean of rates is not a rate).
    """
    metric = node.goal.metric
    aggregation = Aggregation.SUM if metric is None else metric.aggregation
    if aggregation is Aggregation.SUM:
        return sum(values, Decimal(0))
    by_owner = _by_owner(node, parts)
    if aggregation is Aggregation.LEVEL:
        if by_owner:
            start = node.goal.baseline
            bases = [p.goal.baseline for p in parts]
            if start is not None and all(b is not None for b in bases):
                # Owners share the increase: the level is the start plus what each adds.
                added = sum((v - (b or 0) for v, b in zip(values, bases, strict=True)), Decimal(0))
                return start + added
            return sum(values, Decimal(0))
        # The stock at the end of the node is the milestone of its last period.
        ends = [p.goal.timeframe.end if p.goal.timeframe else date.min for p in parts]
        last = max(range(len(parts)), key=ends.__getitem__)
        return values[last]
    if all(p.weight is not None for p in parts):
        weights = [p.weight or Fraction(0) for p in parts]
    elif by_owner:
        if len(set(values)) > 1:
            # A rate rolls up as pooled counts; an unweighted mean of rates is not one.
            raise InvalidInputError(
                _unweighted(node, parts, values, "en"), name="weight", value=node.id
            )
        weights = [Fraction(1)] * len(parts)
    else:
        weights = [Fraction(p.goal.timeframe.days if p.goal.timeframe else 0) for p in parts]
    total = sum(weights, Fraction(0))
    if total == 0:
        weights, total = [Fraction(1)] * len(parts), Fraction(len(parts))
    mean = sum((w * Fraction(v) for w, v in zip(weights, values, strict=True)), Fraction(0))
    return _to_decimal(mean / total)


@attrs.frozen
class Plan:
    """A tree of goals: annual → team → individual → activity, with periods anywhere.

    Args:
        root: The top node, usually the annual goal.

    Raises:
        InvalidInputError: if two nodes share an id.

    >>> from smartgoals import Goal
    >>> Plan(PlanNode("x", Goal(), [PlanNode("x", Goal())]))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: two plan nodes have the id 'x'; give every node its own id
    """

    root: PlanNode

    def __attrs_post_init__(self) -> None:
        _check_ids(self.root)

    @classmethod
    def from_goal(cls, goal: Goal, *, id: str = "plan") -> Plan:
        """A plan with ``goal`` as its only node.

        Args:
            goal: The top goal.
            id: The root's id.

        Returns:
            The new plan.

        >>> from smartgoals import Goal
        >>> Plan.from_goal(Goal(), id="2027").root.id
        '2027'
        """
        return cls(PlanNode(id, goal))

    def nodes(self) -> Iterator[PlanNode]:
        """Every node, depth first, parents before children.

        >>> from smartgoals import Goal
        >>> [n.id for n in Plan.from_goal(Goal()).nodes()]
        ['plan']
        """
        return self.root.walk()

    def node(self, id: str) -> PlanNode:
        """The node with id ``id``.

        Args:
            id: A node id.

        Returns:
            The node.

        Raises:
            KeyError: if no node has that id.

        >>> from smartgoals import Goal
        >>> Plan.from_goal(Goal()).node("plan").id
        'plan'
        """
        for node in self.nodes():
            if node.id == id:
                return node
        raise KeyError(f"no plan node has the id {id!r}")

    def parent(self, id: str) -> PlanNode | None:
        """The parent of node ``id``, or ``None`` for the root.

        Raises:
            KeyError: if no node has that id.

        >>> from smartgoals import Goal
        >>> Plan.from_goal(Goal()).parent("plan") is None
        True
        """
        path = self._path(id)
        return path[-2] if len(path) > 1 else None

    def _path(self, id: str) -> list[PlanNode]:
        """The nodes from the root down to node ``id``."""
        stack: list[tuple[PlanNode, list[PlanNode]]] = [(self.root, [self.root])]
        while stack:
            node, path = stack.pop()
            if node.id == id:
                return path
            stack.extend((c, [*path, c]) for c in node.children)
        raise KeyError(f"no plan node has the id {id!r}")

    def _replace(self, path: list[PlanNode], new: PlanNode) -> Plan:
        """A plan with ``path[-1]`` replaced by ``new``, rebuilding its ancestors."""
        for depth in range(len(path) - 2, -1, -1):
            parent, old = path[depth], path[depth + 1]
            children = tuple(new if c is old else c for c in parent.children)
            new = attrs.evolve(parent, children=children)
        return Plan(new)

    def attach(
        self,
        parent: str,
        children: PeriodSplit | Assignment | FunnelTargets | Mapping[str, Goal],
        *,
        relation: Relation | None = None,
        weights: Mapping[str, object] | None = None,
    ) -> Plan:
        """A new plan with ``children`` added below node ``parent``.

        Child ids are ``"<parent>/<label>"``: the period label, the owner's name or
        segment, or the activity's metric key. Periods and owners become ``PART`` nodes
        with their weights; an assignment's stretch goals become ``STRETCH`` nodes below
        each owner; funnel targets become ``DRIVER`` nodes.

        Args:
            parent: The id of the node to attach to.
            children: A :class:`~smartgoals.planning.periods.PeriodSplit`, an
                :class:`~smartgoals.planning.owners.Assignment`, a
                :class:`~smartgoals.planning.funnel.FunnelTargets`, or a mapping from
                label to goal.
            relation: Override the relation of the new nodes.
            weights: For a mapping of goals: each label's weight (zero or more, not all
                zero), kept as the part's share of the weights (:attr:`PlanNode.weight`).
                Rates such as the win rate roll up by them: give each part what its
                rate is a share of, such as its expected deals. Splits and assignments
                carry their own weights.

        Returns:
            The new plan.

        Raises:
            KeyError: if there is no node ``parent``.
            InvalidInputError: if a new id is already taken, or ``weights`` is given for
                children that are not a mapping of goals, misses or adds a label, or
                holds a negative weight or only zeros.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> plan = Plan.from_goal(Goal(metric=metrics.get("calls"), target=Target.level(10),
        ...                            timeframe=Timeframe.year(2027)), id="y")
        >>> plan = plan.attach("y", {"a": Goal(metric=metrics.get("calls"),
        ...                                    target=Target.level(4),
        ...                                    timeframe=Timeframe.year(2027))})
        >>> [(i.kind.value, i.difference) for i in plan.check()]
        [('under_assigned', Decimal('-6'))]
        """
        path = self._path(parent)
        nodes = _nodes(parent, children, relation)
        if weights is not None:
            nodes = _weighted(nodes, children, weights)
        new = [*path[-1].children, *nodes]
        node = attrs.evolve(path[-1], children=tuple(new))
        if isinstance(children, Assignment):
            node = attrs.evolve(
                node,
                over_assignment=children.over_assignment or node.over_assignment,
                each=children.each or node.each,
            )
        return self._replace(path, node)

    def _repr_html_(self) -> str:
        """A compact HTML table for notebooks: one row per node, the check's findings in colour.

        >>> from smartgoals import Goal
        >>> "adds up" in Plan.from_goal(Goal(), id="2027")._repr_html_()
        True
        """
        return render_plan(self)

    def rollup(self, *, fx: FxRates | None = None, partial: bool = False) -> dict[str, Decimal]:
        """Each node's value aggregated from its parts, bottom up.

        A node without parts has its own target value. A node with parts gets them
        combined by its metric's aggregation: SUM adds; LEVEL adds across owners and
        takes the last period's milestone across periods; AVERAGE (a rate such as the win
        rate) takes the mean weighted by the parts' weights, which pools the counts
        behind the rates; periods without weights count by their days. Owners with
        *different* rates and no weights are an error, never an unweighted mean (Ana's 1
        of 2 and Ben's 10 of 100 are 11 of 102, not the mean of 50% and 10%); owners with
        the same rate roll up to it. Drivers and stretch goals are left out. Nodes whose
        target does not resolve and that have no parts are missing from the result.

        Each value is in its node's currency. A part in another currency is converted
        with ``fx`` at the rate in force on the **first day of the parent's timeframe**
        (a plan is set in advance, at the rates known when it starts, so adding later
        rates never moves it), rounded once to the parent currency's minor unit; see
        :class:`~smartgoals.money.FxRates`. Without ``fx`` such a part is an error,
        never added as if the currencies were one.

        Args:
            fx: Exchange rates for parts in another currency than their parent.
            partial: Leave out a node whose parts do not combine (another currency
                without ``fx``, differing rates without weights), and the nodes above
                it, instead of raising: for tables that show the roll-up next to
                :meth:`check`, which says why. A missing rate still raises.

        Returns:
            A dict from node id to value.

        Raises:
            CurrencyMismatchError: if a part is in another currency than its parent and
                no ``fx`` is given; the message names both nodes and currencies.
            MissingRateError: if ``fx`` has no rate for a pair on the day it is needed.
            InvalidInputError: if such a parent has no timeframe to take the rate's day of,
                or if owners' rates differ and have no weights (the message names the
                node and the rates; :meth:`check` reports it as ``UNWEIGHTED``).

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> year = Goal(metric=metrics.get("calls"), target=Target.level(10),
        ...             timeframe=Timeframe.year(2027))
        >>> part = Goal(metric=metrics.get("calls"), target=Target.level(4),
        ...             timeframe=Timeframe.year(2027))
        >>> Plan.from_goal(year, id="y").attach("y", {"a": part, "b": part}).rollup()
        {'y': Decimal('8'), 'y/a': Decimal('4'), 'y/b': Decimal('4')}

        Two reps selling in US dollars under a team that plans in euros:

        >>> from smartgoals.money import FxRates
        >>> team = Goal(metric=metrics.get("revenue"), target=Target.level(1100),
        ...             timeframe=Timeframe.year(2027), currency="EUR")
        >>> rep = Goal(metric=metrics.get("revenue"), target=Target.level(600),
        ...            timeframe=Timeframe.year(2027), currency="USD")
        >>> plan = Plan.from_goal(team, id="t").attach("t", {"a": rep, "b": rep})
        >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])
        >>> plan.rollup(fx=fx)["t"]
        Decimal('1104.00')
        >>> plan.rollup()
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.CurrencyMismatchError: t/a is in USD but its parent t in EUR; give exchange rates (fx=) to convert USD to EUR

        Win rates roll up by the deals behind them, given as weights:

        >>> rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"),
        ...             timeframe=Timeframe.year(2027))
        >>> reps = {"ana": attrs.evolve(rate, target=Target.at_least("0.5")),
        ...         "ben": attrs.evolve(rate, target=Target.at_least("0.1"))}
        >>> Plan.from_goal(rate, id="w").attach("w", reps, weights={"ana": 2, "ben": 100}
        ...     ).rollup()["w"]
        Decimal('0.1078431372549019607843137255')
        >>> Plan.from_goal(rate, id="w").attach("w", reps).rollup()
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.InvalidInputError: the parts of w have different win rate targets (w/ana 0.5, w/ben 0.1) and no weights, so they do not roll up: a rate is pooled counts, not a mean of rates; give each part its weight, such as its expected deals (attach(..., weights={'ana': ..., 'ben': ...}) or assign())
        >>> Plan.from_goal(rate, id="w").attach("w", reps).rollup(partial=True)
        {'w/ana': Decimal('0.5'), 'w/ben': Decimal('0.1')}
        """
        result: dict[str, Decimal] = {}
        failed: set[str] = set()
        # Iterative post-order: children are finished before their parent.
        order = list(self.nodes())
        for node in reversed(order):
            if any(p.id in failed for p in node.parts):
                failed.add(node.id)
                continue
            parts = [p for p in node.parts if p.id in result]
            if parts and len(parts) == len(node.parts):
                try:
                    values = [_in_currency(node, p, result[p.id], fx) for p in parts]
                    result[node.id] = _aggregate(node, tuple(parts), values)
                except MissingRateError:
                    raise
                except InvalidInputError:
                    if not partial:
                        raise
                    failed.add(node.id)
            else:
                own = _value(node.goal)
                if own is not None:
                    result[node.id] = own
        return {node.id: result[node.id] for node in order if node.id in result}

    def shares(self, *, fx: FxRates | None = None) -> dict[str, Fraction]:
        """Each part's share of its parent's target: the part's value ÷ the parent's value.

        This is what a plan's "share of parent" column shows, not the weight a part was
        split or assigned by (:attr:`PlanNode.weight`, which leaves out over-assignment
        and counts availability). Parts of a LEVEL goal assigned to owners give their
        share of the parent's increase. Parts of AVERAGE goals, milestones of LEVEL goals
        over periods, drivers and stretch goals have no share, nor do parts of a parent
        whose target is zero or does not resolve.

        A part in another currency than its parent is converted with ``fx`` as in
        :meth:`rollup` (at the rate in force on the parent's first day); without ``fx``
        it has no share, since it would divide amounts in two currencies.

        Args:
            fx: Exchange rates for parts in another currency than their parent.

        Returns:
            A dict from node id to exact share.

        Raises:
            MissingRateError: if ``fx`` has no rate for a pair on the day it is needed.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> from smartgoals.planning.owners import assign
        >>> year = Goal(metric=metrics.get("calls"), target=Target.level(1000),
        ...             timeframe=Timeframe.year(2027))
        >>> plan = Plan.from_goal(year, id="y").attach(
        ...     "y", assign(year, {"a": 1, "b": 1}, over_assignment="0.2"))
        >>> plan.shares()
        {'y/a': Fraction(3, 5), 'y/b': Fraction(3, 5)}
        """
        result: dict[str, Fraction] = {}
        for node in self.nodes():
            metric, parent = node.goal.metric, _value(node.goal)
            parts = node.parts
            if not parts or metric is None or parent is None:
                continue
            start = Decimal(0)
            if metric.aggregation is Aggregation.LEVEL:
                if not _by_owner(node, parts):
                    continue
                start = node.goal.baseline or Decimal(0)
            elif metric.aggregation is not Aggregation.SUM:
                continue
            whole = parent - start
            if not whole:
                continue
            for part in parts:
                value = _value(part.goal)
                if value is None:
                    continue
                have, want = part.goal.currency, node.goal.currency
                if fx is None and have is not None and want is not None and have != want:
                    continue
                added = _in_currency(node, part, value, fx)
                if start and part.goal.baseline is not None:
                    # A part's own book is not part of what it adds to the parent.
                    added -= _in_currency(node, part, part.goal.baseline, fx)
                result[part.id] = Fraction(added) / Fraction(whole)
        return result

    def check(
        self,
        *,
        capacity: Mapping[str, object] | None = None,
        lang: str = "en",
        fx: FxRates | None = None,
    ) -> tuple[PlanIssue, ...]:
        """Find what does not add up: per node, against its direct parts and its capacity.

        Reports over- and under-assignment (the parts' aggregate against the node's
        target, by the metric's aggregation), periods that leave gaps, overlap or lie
        outside the node's timeframe, parts on another metric or unit, parts in another
        currency, and parts whose target does not resolve. The parts of a role goal
        (:attr:`PlanNode.each`) are not added up, whatever the metric: each holder may
        carry the node's target (a count, a level, a rate) or less, and a holder given
        more is reported as ``OVER_ASSIGNED``.

        *Intended* over-assignment (an :class:`~smartgoals.planning.owners.Assignment`
        made with ``over_assignment=``) is reported once, as one ``OVER_ASSIGNED`` issue
        with ``intended=True`` at the node above all the nodes it was given to, with the
        amounts added up and the rounding shown; so it stays in view without repeating.

        **Capacity.** A node's capacity is the one given here, else the one it kept from
        its assignment (:attr:`PlanNode.capacity`), else the sum of its parts' capacities
        when every part has one. A node whose target is above its capacity is reported
        as ``OVER_CAPACITY`` with the target (``expected``), the capacity (``actual``)
        and the gap. A gap is reported at the highest node that has one: an owner above
        its capacity is reported when its team as a whole can carry the team's target.
        A role goal's load is what its holders carry together.

        **Currencies.** Without ``fx``, a part in another currency than its node is a
        ``CURRENCY_MISMATCH`` issue with the message :meth:`rollup` raises, and the
        node's parts are not added up. With ``fx``, the parts are converted as
        :meth:`rollup` converts them (at the rate in force on the node's first day) and
        the converted amounts are compared with the node's target. A part without a
        currency under a node with one (or the other way round) is always an issue.

        Args:
            capacity: Capacities by node id: a :class:`~smartgoals.planning.owners.Capacity`
                or an amount over the node's timeframe.
            lang: The language of the messages, ``"en"`` or ``"nl"``.
            fx: Exchange rates for parts in another currency than their node.

        Returns:
            The issues, in plan order, capacity gaps last; empty when everything adds up.

        Raises:
            InvalidInputError: for a capacity of a node that is not in the plan, a
                negative capacity, or an unknown language.
            MissingRateError: if ``fx`` has no rate for a pair on the day it is needed.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> year = Goal(metric=metrics.get("revenue"), target=Target.level(100),
        ...             timeframe=Timeframe.year(2027), currency="EUR")
        >>> part = Goal(metric=metrics.get("revenue"), target=Target.level(100),
        ...             timeframe=Timeframe.year(2027), currency="USD")
        >>> plan = Plan.from_goal(year).attach("plan", {"a": part})
        >>> print(plan.check()[0].message)
        plan/a is in USD but its parent plan in EUR; give exchange rates (fx=) to convert USD to EUR
        >>> from smartgoals.money import FxRates
        >>> print(plan.check(fx=FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))]))[0].message)
        the parts of plan come to 92 against a target of 100: under-assigned by 8 (-8%)
        >>> [i.message for i in Plan.from_goal(year).check(capacity={"plan": 80})]
        ['the target of plan is 100 but its capacity is 80: a gap of 20']
        """
        if lang not in _LANGS:
            raise InvalidInputError(
                f"unknown language {lang!r}; use 'en' or 'nl'", name="lang", value=lang
            )
        known = {node.id for node in self.nodes()}
        given: dict[str, Decimal] = {}
        for node_id, value in (capacity or {}).items():
            if node_id not in known:
                raise InvalidInputError(
                    f"capacity given for {node_id!r}, which is not a node of the plan; "
                    f"use a node id such as {self.root.id!r}",
                    name="capacity",
                    value=node_id,
                )
            given[node_id] = _capacity_amount(node_id, value)
        issues: list[PlanIssue | None] = []
        # Nodes given the same rate at the same depth (the quarters of a year) report together.
        intended: dict[tuple[Decimal, int], list[_Planned]] = {}
        levels = _depths(self.root)
        for node in self.nodes():
            parts = node.parts
            if not parts:
                continue
            found, planned = _check_node(node, parts, lang, fx)
            issues.extend(found)
            if planned is not None:
                group = (node.over_assignment or Decimal(0), levels[node.id])
                if group not in intended:
                    issues.append(None)  # where the first node of the group stands
                intended.setdefault(group, []).append((node, *planned))
        merged = iter([self._intended(key[0], found, lang) for key, found in intended.items()])
        ordered = [issue if issue is not None else next(merged) for issue in issues]
        return (*ordered, *_capacity_issues(self, given, lang, fx))

    def _intended(
        self,
        rate: Decimal,
        found: list[_Planned],
        lang: str,
    ) -> PlanIssue:
        """One issue for every node given over-assignment ``rate`` on purpose."""
        ids = [node.id for node, *_ in found]
        expected = sum((e for _, e, _, _ in found), Decimal(0))
        actual = sum((a for _, _, a, _ in found), Decimal(0))
        rounding = _to_decimal(sum((r for *_, r in found), Fraction(0)))
        top = ids[0] if len(ids) == 1 else _common_ancestor(self, ids)
        where = _say(
            lang, "where_one" if len(ids) == 1 else "where_many", node=top, count=len(ids)
        )
        message = _say(
            lang,
            "intended",
            where=where,
            rate=f"{format_amount(rate * 100)}%",
            actual=format_amount(actual),
            expected=format_amount(expected),
            difference=format_amount(actual - expected),
            share=_percent(actual - expected, expected),
            rounding=_say(lang, "rounding", rounding=format_amount(rounding)) if rounding else "",
        )
        return PlanIssue(
            top,
            IssueKind.OVER_ASSIGNED,
            message,
            expected,
            actual,
            intended=True,
            nodes=tuple(ids),
            rounding=rounding,
        )

    def lock(self, node: str, value: object, *, quantum: object = None) -> Plan:
        """A new plan with node ``node`` fixed at ``value`` and its siblings rebalanced.

        The locked node's target gets the new value and ``locked=True``. Its unlocked
        sibling parts share what is left of the parts' current total, in proportion to
        their weights (or their current values), so the parts add up to what they added
        up to before: a parent that was exactly split stays exact, and an over-assigned
        one keeps its over-assignment. Below every changed node the parts are rescaled
        the same way and keep their rate of over- or under-assignment (rounded half up to
        the quantum); locked nodes are left as they are. Driver and stretch goals are not
        recomputed.

        Args:
            node: The id of the node to lock.
            value: Its new target value, a multiple of the quantum.
            quantum: The step; by default that of the metric.

        Returns:
            The new plan.

        Raises:
            KeyError: if there is no such node.
            InvalidInputError: if the metric does not add up (AVERAGE metrics, LEVEL
                milestones over periods), locked siblings leave a negative remainder, or
                every sibling is locked and the parts would not add up.

        >>> from smartgoals import Goal, Target, Timeframe, metrics
        >>> from smartgoals.planning.owners import assign
        >>> year = Goal(metric=metrics.get("calls"), target=Target.level(900),
        ...             timeframe=Timeframe.year(2027))
        >>> plan = Plan.from_goal(year, id="y").attach("y", assign(year, dict.fromkeys("abc", 1)))
        >>> locked = plan.lock("y/a", 500)
        >>> [locked.node(f"y/{k}").goal.target_value for k in "abc"]
        [Decimal('500'), Decimal('200'), Decimal('200')]
        """
        path = self._path(node)
        target = path[-1]
        step = self._step(target, quantum)
        new_value = _on_quantum(to_decimal(value, name="value"), step)
        locked = _retarget(target, new_value, step, lock=True)
        if len(path) == 1:
            return Plan(locked)
        parent = path[-2]
        _require_additive(parent)
        siblings = [locked if c is target else c for c in parent.children]
        # The parts keep their total, so an over-assignment stays as it was.
        rebalanced = _rebalance(parent, _parts_total(parent), siblings, step)
        return self._replace(path[:-1], attrs.evolve(parent, children=tuple(rebalanced)))

    def _step(self, node: PlanNode, quantum: object) -> Decimal:
        if quantum is not None:
            return _quantum(quantum)
        if node.goal.metric is None:
            raise InvalidInputError(
                f"node {node.id!r} has no metric; pass quantum= to lock it",
                name="quantum",
                value=None,
            )
        return default_quantum(node.goal.metric)


def _require_additive(node: PlanNode) -> None:
    metric = node.goal.metric
    if metric is None or metric.aggregation is Aggregation.AVERAGE:
        name = "its metric" if metric is None else metric.name
        raise InvalidInputError(
            f"cannot rebalance the parts of {node.id!r}: {name} does not add up; "
            "set each part's target directly",
            name="node",
            value=node.id,
        )
    if metric.aggregation is Aggregation.LEVEL and not _by_owner(node, node.parts):
        raise InvalidInputError(
            f"cannot rebalance the parts of {node.id!r}: they are milestones of "
            f"{metric.name} over periods, not shares; split the goal by period again",
            name="node",
            value=node.id,
        )


def _retarget(node: PlanNode, value: Decimal, step: Decimal, *, lock: bool) -> PlanNode:
    """``node`` with target ``value`` and its parts rescaled to add up to it."""
    goal = node.goal
    if goal.target is None:
        raise InvalidInputError(
            f"node {node.id!r} has no target to change", name="node", value=node.id
        )
    kind = TargetKind.LEVEL if goal.target.kind is TargetKind.CHANGE else goal.target.kind
    new_goal = attrs.evolve(goal, target=Target(kind, value))
    children = node.children
    if node.parts:
        _require_additive(node)
        old_value, parts_total = _value(goal), _parts_total(node)
        # The parts keep their rate of over- or under-assignment against the node.
        if old_value and parts_total != old_value:
            share = Fraction(value) * Fraction(parts_total) / Fraction(old_value)
            parts_total = _round_to_quantum(share, step)
        else:
            parts_total = value
        children = tuple(_rebalance(node, parts_total, list(children), step))
    return attrs.evolve(node, goal=new_goal, children=children, locked=node.locked or lock)


def _on_quantum(value: Decimal, step: Decimal) -> Decimal:
    """``value`` written with the quantum's exponent; raise if it is not a multiple."""
    return allocate(value, [1], quantum=step)[0]


def _parts_total(node: PlanNode) -> Decimal:
    """What the node's parts add up to now."""
    values = [_value(p.goal) for p in node.parts]
    if any(v is None for v in values):
        raise InvalidInputError(
            f"a part of {node.id!r} has no target value, so the parts cannot be rebalanced",
            name="node",
            value=node.id,
        )
    return sum((v for v in values if v is not None), Decimal(0))


def _rebalance(
    parent: PlanNode, value: Decimal, children: list[PlanNode], step: Decimal
) -> list[PlanNode]:
    """Share ``value`` among the unlocked parts in ``children``; locked parts stay.

    Free parts are weighted by their plan weights when they all have one, else by their
    current values (equally if those are all zero).
    """
    parts = [c for c in children if c.relation is Relation.PART]
    fixed = [p for p in parts if p.locked]
    free = [p for p in parts if not p.locked]
    held = sum((_value(p.goal) or Decimal(0) for p in fixed), Decimal(0))
    left = value - held
    if not free:
        if left != 0:
            raise InvalidInputError(
                f"every part of {parent.id!r} is locked and they add up to "
                f"{format_amount(held)}, not {format_amount(value)}; unlock a part",
                name="value",
                value=value,
            )
        return children
    if left < 0:
        raise InvalidInputError(
            f"the locked parts of {parent.id!r} add up to {format_amount(held)}, more than "
            f"its target {format_amount(value)}; lower a locked value",
            name="value",
            value=value,
        )
    if all(p.weight is not None for p in free) and any(p.weight for p in free):
        weights: list[object] = [p.weight for p in free]
    else:
        current = [_value(p.goal) or Decimal(0) for p in free]
        weights = list(current) if any(current) else [1] * len(free)
    amounts = allocate(left, weights, quantum=step)  # type: ignore[arg-type]
    new = {p.id: _retarget(p, a, step, lock=False) for p, a in zip(free, amounts, strict=True)}
    return [new.get(c.id, c) for c in children]


def _label(key: Owner | str) -> str:
    return key.name if isinstance(key, Owner) else key


def _nodes(
    parent: str,
    children: PeriodSplit | Assignment | FunnelTargets | Mapping[str, Goal],
    relation: Relation | None,
) -> list[PlanNode]:
    if isinstance(children, PeriodSplit):
        return [
            PlanNode(f"{parent}/{p.label}", p.goal, (), relation or Relation.PART, p.weight)
            for p in children.periods
        ]
    if isinstance(children, Assignment):
        nodes = []
        for share in children.shares:
            node_id = f"{parent}/{_label(share.key)}"
            below: tuple[PlanNode, ...] = ()
            if share.stretch is not None:
                below = (PlanNode(f"{node_id}/stretch", share.stretch, (), Relation.STRETCH),)
            nodes.append(
                PlanNode(
                    node_id,
                    share.goal,
                    below,
                    relation or Relation.PART,
                    share.weight,
                    capacity=share.capacity,
                )
            )
        return nodes
    if isinstance(children, FunnelTargets):
        return [
            PlanNode(f"{parent}/{key}", goal, (), relation or Relation.DRIVER)
            for key, goal in children.items()
        ]
    if isinstance(children, Mapping):
        return [
            PlanNode(f"{parent}/{label}", goal, (), relation or Relation.PART)
            for label, goal in children.items()
        ]
    raise InvalidInputError(
        "children must be a PeriodSplit, an Assignment, FunnelTargets or a mapping from "
        f"label to Goal, got {type(children).__name__}",
        name="children",
        value=children,
    )


def _weighted(
    nodes: list[PlanNode], children: object, weights: Mapping[str, object]
) -> list[PlanNode]:
    """``nodes`` (made from a mapping of goals) with ``weights`` as their shares."""
    split = isinstance(children, PeriodSplit | Assignment | FunnelTargets)
    if split or not isinstance(children, Mapping) or not isinstance(weights, Mapping):
        raise InvalidInputError(
            "weights= goes with a mapping from label to goal (splits and assignments "
            f"carry their own weights), got {type(children).__name__} and "
            f"{type(weights).__name__}",
            name="weights",
            value=weights,
        )
    labels = list(children)
    missing = [label for label in labels if label not in weights]
    extra = [label for label in weights if label not in children]
    if missing or extra:
        raise InvalidInputError(
            f"weights must name each part once: missing {missing}, unknown {extra}; give "
            f"a weight for each of {labels}",
            name="weights",
            value=weights,
        )
    given = []
    for label in labels:
        weight = as_fraction(weights[label], name=f"weight of {label}")
        if weight < 0:
            raise InvalidInputError(
                f"the weight of {label} is {weights[label]}; weights must be zero or more",
                name="weights",
                value=weights[label],
            )
        given.append(weight)
    total = sum(given, Fraction(0))
    if total == 0:
        raise InvalidInputError(
            f"every weight is zero ({weights}); give at least one part a weight above zero",
            name="weights",
            value=weights,
        )
    return [attrs.evolve(n, weight=w / total) for n, w in zip(nodes, given, strict=True)]


_LANGS: Final = ("en", "nl")

#: The messages of :meth:`Plan.check`, by key and language.
_TEXT: Final[dict[str, dict[str, str]]] = {
    "unit_mismatch": {
        "en": "{part} is measured in {unit} but its parent {node} in {parent_unit}; parts "
        "must share the unit",
        "nl": "{part} wordt gemeten in {unit} maar het bovenliggende {node} in "
        "{parent_unit}; delen moeten dezelfde eenheid hebben",
    },
    "metric_mismatch": {
        "en": "{part} is about {metric} but its parent {node} about {parent_metric}; attach "
        "it as a driver if it feeds the parent",
        "nl": "{part} gaat over {metric} maar het bovenliggende {node} over {parent_metric}; "
        "koppel het als driver als het daaraan bijdraagt",
    },
    "currency_mismatch": {
        "en": "{part} is in {currency} but its parent {node} in {parent_currency}",
        "nl": "{part} is in {currency} maar het bovenliggende {node} in {parent_currency}",
    },
    "convert": {
        "en": "; give exchange rates (fx=) to convert {currency} to {parent_currency}",
        "nl": "; geef wisselkoersen (fx=) om {currency} naar {parent_currency} om te rekenen",
    },
    "no_currency": {"en": "no currency", "nl": "geen valuta"},
    "incomplete": {
        "en": "{part} has no target value (missing: {missing}), so it cannot be added up",
        "nl": "{part} heeft geen doelwaarde (ontbreekt: {missing}), dus het telt niet mee",
    },
    "over_assigned": {
        "en": "the parts of {node} come to {actual} against a target of {expected}: "
        "over-assigned by {difference}{share}",
        "nl": "de delen van {node} komen op {actual} tegen een doel van {expected}: "
        "{difference} te veel toegewezen{share}",
    },
    "under_assigned": {
        "en": "the parts of {node} come to {actual} against a target of {expected}: "
        "under-assigned by {difference}{share}",
        "nl": "de delen van {node} komen op {actual} tegen een doel van {expected}: "
        "{difference} te weinig toegewezen{share}",
    },
    "intended": {
        "en": "{where} come to {actual} against a target of {expected}: over-assigned by "
        "{difference}{share}, as intended (over-assignment of {rate}{rounding})",
        "nl": "{where} komen op {actual} tegen een doel van {expected}: {difference} extra "
        "toegewezen{share}, zoals bedoeld (overtoewijzing van {rate}{rounding})",
    },
    "where_one": {"en": "the parts of {node}", "nl": "de delen van {node}"},
    "where_many": {
        "en": "the parts of {count} nodes below {node}",
        "nl": "de delen van {count} knopen onder {node}",
    },
    "rounding": {
        "en": ", the extra rounded up by {rounding} to the quantum",
        "nl": ", de extra toewijzing met {rounding} naar boven afgerond",
    },
    "role_over": {
        "en": "{part} carries {actual}, more than the {expected} each holder of {node} "
        "carries in full: over-assigned by {difference}",
        "nl": "{part} draagt {actual}, meer dan de {expected} die elke houder van {node} "
        "volledig draagt: {difference} te veel toegewezen",
    },
    "role_below": {
        "en": "{part} is held to {actual}, stricter than the {expected} each holder of "
        "{node} carries in full: over-assigned by {difference}",
        "nl": "{part} moet {actual} halen, strenger dan de {expected} die elke houder van "
        "{node} volledig draagt: {difference} te veel toegewezen",
    },
    "over_capacity": {
        "en": "the target of {node} is {expected} but its capacity is {actual}: a gap of {gap}",
        "nl": "het doel van {node} is {expected} maar de capaciteit is {actual}: een "
        "tekort van {gap}",
    },
    "outside_period": {
        "en": "parts of {node} run outside its timeframe {whole}: {frames}",
        "nl": "delen van {node} vallen buiten de periode {whole}: {frames}",
    },
    "period_gap": {
        "en": "the periods of {node} leave {days} of {whole} uncovered: {frames}",
        "nl": "de perioden van {node} laten {days} van {whole} open: {frames}",
    },
    "day": {"en": "day", "nl": "dag"},
    "days": {"en": "days", "nl": "dagen"},
    "period_overlap": {
        "en": "periods of {node} overlap: {frames}",
        "nl": "perioden van {node} overlappen: {frames}",
    },
    "unweighted": {
        "en": "the parts of {node} have different {metric} targets ({values}) and no "
        "weights, so they do not roll up: a rate is pooled counts, not a mean of rates; give "
        "each part its weight, such as its expected deals (attach(..., weights={example}) "
        "or assign())",
        "nl": "de delen van {node} hebben verschillende doelen voor {metric} ({values}) en "
        "geen gewichten, dus ze tellen niet op: een ratio is een verhouding van aantallen, "
        "geen gemiddelde van ratio's; geef elk deel zijn gewicht, zoals het verwachte aantal "
        "deals (attach(..., weights={example}) of assign())",
    },
}


def _percent(difference: Decimal, expected: Decimal) -> str:
    """`` (10%)``: the difference as a share of the target, or nothing for a zero target."""
    return f" ({format_amount(round(difference / expected * 100, 2))}%)" if expected else ""


def _say(lang: str, key: str, **values: object) -> str:
    return _TEXT[key][lang].format(**values)


def _capacity_amount(node_id: str, value: object) -> Decimal:
    if isinstance(value, Capacity):
        return value.total
    amount = to_decimal(value, name=f"capacity of {node_id}")
    if amount < 0:
        raise InvalidInputError(
            f"capacity of {node_id} is {format_amount(amount)}; a capacity is zero or more",
            name="capacity",
            value=value,
        )
    return amount


def _depths(root: PlanNode) -> dict[str, int]:
    """Each node's depth below the root (0 for the root)."""
    result = {root.id: 0}
    for node in root.walk():
        for child in node.children:
            result[child.id] = result[node.id] + 1
    return result


def _common_ancestor(plan: Plan, ids: list[str]) -> str:
    """The id of the lowest node above (or at) every node in ``ids``."""
    paths = [[n.id for n in plan._path(i)] for i in ids]
    common = plan.root.id
    for level in zip(*paths, strict=False):
        if len(set(level)) != 1:
            break
        common = level[0]
    return common


def _capacity_issues(
    plan: Plan, given: Mapping[str, Decimal], lang: str, fx: FxRates | None
) -> list[PlanIssue]:
    """Capacity gaps, each at the highest node that has one."""
    order = list(plan.nodes())
    capacity: dict[str, Decimal] = {}
    for node in reversed(order):
        if node.id in given:
            capacity[node.id] = given[node.id]
        elif node.capacity is not None:
            capacity[node.id] = node.capacity
        elif (
            node.parts
            and node.goal.metric is not None
            and node.goal.metric.aggregation is Aggregation.SUM
            and all(p.id in capacity for p in node.parts)
        ):
            try:
                amounts = [_in_currency(node, p, capacity[p.id], fx) for p in node.parts]
            except CurrencyMismatchError:
                continue  # reported as a currency mismatch: capacities in two currencies
            capacity[node.id] = sum(amounts, Decimal(0))
    # Parts that do not combine (two currencies, rates without weights) are reported on
    # their own; the load of the nodes above them is not known.
    rolled = plan.rollup(fx=fx, partial=True) if any(n.each for n in order) else {}
    issues: list[PlanIssue] = []
    stack: list[tuple[PlanNode, bool]] = [(plan.root, False)]
    while stack:
        node, covered = stack.pop()
        load = rolled.get(node.id) if node.each else _value(node.goal)
        gap = not covered and node.id in capacity and load is not None and load > capacity[node.id]
        if gap and load is not None:
            issues.append(
                PlanIssue(
                    node.id,
                    IssueKind.OVER_CAPACITY,
                    _say(
                        lang,
                        "over_capacity",
                        node=node.id,
                        expected=format_amount(load),
                        actual=format_amount(capacity[node.id]),
                        gap=format_amount(load - capacity[node.id]),
                    ),
                    load,
                    capacity[node.id],
                )
            )
        stack.extend((child, covered or gap) for child in reversed(node.parts))
    return issues


def _check_node(
    node: PlanNode, parts: tuple[PlanNode, ...], lang: str, fx: FxRates | None
) -> tuple[list[PlanIssue], tuple[Decimal, Decimal, Fraction] | None]:
    """The node's issues, and (target, parts' total, rounding) when over-assigned on purpose."""
    issues: list[PlanIssue] = []
    goal = node.goal
    comparable = True
    for part in parts:
        child = part.goal
        if goal.metric is not None and child.metric is not None:
            if child.metric.unit is not goal.metric.unit:
                issues.append(
                    PlanIssue(
                        part.id,
                        IssueKind.UNIT_MISMATCH,
                        _say(
                            lang,
                            "unit_mismatch",
                            part=part.id,
                            unit=child.metric.unit.value,
                            node=node.id,
                            parent_unit=goal.metric.unit.value,
                        ),
                    )
                )
                comparable = False
            elif child.metric.key != goal.metric.key:
                issues.append(
                    PlanIssue(
                        part.id,
                        IssueKind.METRIC_MISMATCH,
                        _say(
                            lang,
                            "metric_mismatch",
                            part=part.id,
                            metric=child.metric.label(lang),
                            node=node.id,
                            parent_metric=goal.metric.label(lang),
                        ),
                    )
                )
                comparable = False
        both = child.currency is not None and goal.currency is not None
        if child.currency != goal.currency and not (both and fx is not None):
            nothing = _say(lang, "no_currency")
            codes = {
                "currency": child.currency or nothing,
                "parent_currency": goal.currency or nothing,
            }
            message = _say(lang, "currency_mismatch", part=part.id, node=node.id, **codes)
            issues.append(
                PlanIssue(
                    part.id,
                    IssueKind.CURRENCY_MISMATCH,
                    message + (_say(lang, "convert", **codes) if both else ""),
                )
            )
            comparable = False
        if _value(child) is None:
            issues.append(
                PlanIssue(
                    part.id,
                    IssueKind.INCOMPLETE,
                    _say(
                        lang,
                        "incomplete",
                        part=part.id,
                        missing=", ".join(child.missing) or "target",
                    ),
                )
            )
            comparable = False
    if goal.timeframe is not None and not _by_owner(node, parts):
        issues.extend(_check_periods(node, goal.timeframe, parts, lang))
    expected = _value(goal)
    if not comparable or expected is None:
        return issues, None
    if node.each:
        # Each part carries the goal in full (a count, a level from the node's baseline, a
        # rate): a part may carry less (a late start), not more. Adding up the parts would
        # count the goal once per holder. Where lower is better (an at-most target, a
        # decrease), asking more is asking for a lower value.
        lower = goal.lower_is_better
        for part in parts:
            value = _value(part.goal)
            if value is not None:
                value = _in_currency(node, part, value, fx)
            if value is not None and (value < expected if lower else value > expected):
                issues.append(
                    PlanIssue(
                        part.id,
                        IssueKind.OVER_ASSIGNED,
                        _say(
                            lang,
                            "role_below" if lower else "role_over",
                            part=part.id,
                            actual=format_amount(value),
                            expected=format_amount(expected),
                            node=node.id,
                            difference=format_amount(abs(value - expected)),
                        ),
                        expected,
                        value,
                    )
                )
        return issues, None
    values = [_value(p.goal) for p in parts]
    converted = [
        _in_currency(node, p, v, fx) for p, v in zip(parts, values, strict=True) if v is not None
    ]
    try:
        actual = _aggregate(node, parts, converted)
    except InvalidInputError:
        issues.append(
            PlanIssue(node.id, IssueKind.UNWEIGHTED, _unweighted(node, parts, converted, lang))
        )
        return issues, None
    if actual == expected:
        return issues, None
    planned = _planned(node, expected, actual)
    if planned is not None:
        return issues, (expected, actual, planned)
    kind = IssueKind.OVER_ASSIGNED if actual > expected else IssueKind.UNDER_ASSIGNED
    difference = actual - expected
    share = _percent(difference, expected)
    issues.append(
        PlanIssue(
            node.id,
            kind,
            _say(
                lang,
                kind.value,
                node=node.id,
                actual=format_amount(actual),
                expected=format_amount(expected),
                difference=format_amount(abs(difference)),
                share=share,
            ),
            expected,
            actual,
        )
    )
    return issues, None


def _planned(node: PlanNode, expected: Decimal, actual: Decimal) -> Fraction | None:
    """The rounding, when the parts exceed the node by the over-assignment it was given."""
    rate, metric = node.over_assignment, node.goal.metric
    if not rate or metric is None:
        return None
    start = Decimal(0)
    if metric.aggregation is Aggregation.LEVEL and node.goal.baseline is not None:
        start = node.goal.baseline  # a level's owners share out the increase
    exact = Fraction(expected - start) * Fraction(rate)
    extra = Fraction(actual - expected)
    # The extra is rounded away from zero to the quantum (see assign): within one quantum.
    rounding = extra - exact
    if exact * extra > 0 and 0 <= rounding * (1 if exact > 0 else -1) < Fraction(metric.quantum):
        return rounding if exact > 0 else -rounding
    return None


def _check_periods(
    node: PlanNode, whole: Timeframe, parts: tuple[PlanNode, ...], lang: str
) -> list[PlanIssue]:
    issues: list[PlanIssue] = []
    frames = sorted(p.goal.timeframe for p in parts if p.goal.timeframe is not None)
    outside = tuple(f for f in frames if f.start < whole.start or f.end > whole.end)
    if outside:
        issues.append(
            PlanIssue(
                node.id,
                IssueKind.OUTSIDE_PERIOD,
                _say(
                    lang,
                    "outside_period",
                    node=node.id,
                    whole=whole,
                    frames=", ".join(map(str, outside)),
                ),
                timeframes=outside,
            )
        )
    gaps: list[Timeframe] = []
    overlaps: list[Timeframe] = []
    cursor = whole.start
    for frame in frames:
        if cursor < frame.start and cursor < whole.end:
            gaps.append(Timeframe(cursor, min(frame.start, whole.end)))
        elif frame.start < cursor:
            overlaps.append(Timeframe(frame.start, min(cursor, frame.end)))
        cursor = max(cursor, frame.end)
    if cursor < whole.end:
        gaps.append(Timeframe(cursor, whole.end))
    if gaps:
        days = sum(g.days for g in gaps)
        issues.append(
            PlanIssue(
                node.id,
                IssueKind.PERIOD_GAP,
                _say(
                    lang,
                    "period_gap",
                    node=node.id,
                    days=f"{days} {_say(lang, 'day' if days == 1 else 'days')}",
                    whole=whole,
                    frames=", ".join(map(str, gaps)),
                ),
                timeframes=tuple(gaps),
            )
        )
    if overlaps:
        issues.append(
            PlanIssue(
                node.id,
                IssueKind.PERIOD_OVERLAP,
                _say(lang, "period_overlap", node=node.id, frames=", ".join(map(str, overlaps))),
                timeframes=tuple(overlaps),
            )
        )
    return issues
