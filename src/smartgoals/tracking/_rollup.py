"""Roll-ups: a plan's progress from its children's progress, and the per-node table.

Children in another currency than their parent are converted with exchange rates at the
rate in force on the **first day of the parent's timeframe**, the rule
:meth:`Plan.rollup <smartgoals.planning.Plan.rollup>` follows, so a plan and its
tracking add up to the same numbers; without rates they are refused, never added as if
the currencies were one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import (
    CurrencyMismatchError,
    IncompleteGoalError,
    InvalidInputError,
    MissingRateError,
)
from smartgoals.goals import Direction, Goal, Target, TargetKind
from smartgoals.metrics import Aggregation, Metric
from smartgoals.money import FxRates, currency_code
from smartgoals.planning.plan import Plan, PlanNode, Relation
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import _format
from smartgoals.tracking._checkins import CheckIn
from smartgoals.tracking._pacing import Pacing, PacingLike
from smartgoals.tracking._progress import (
    Progress,
    RequiredRate,
    TrackingMode,
    _final_status,
    _oriented,
    _ratio,
    _through,
    is_run_rate,
    track,
)
from smartgoals.tracking._status import DEFAULT_THRESHOLDS, ProgressStatus, Thresholds

__all__ = ["ProgressNode", "RollupStatus", "rollup", "track_plan", "ytd_attainment"]

_T = TypeVar("_T")

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)


class RollupStatus(enum.Enum):
    """How a roll-up's status is chosen.

    * ``AGGREGATE``: from the rolled-up numbers, with the same thresholds as a goal.
    * ``WEAKEST``: the worst status among the children that have started, as OKR tools
      do (while the parent runs, a child's MISSED reads as AT_RISK and ACHIEVED or
      EXCEEDED as ON_TRACK).

    >>> RollupStatus("weakest")
    <RollupStatus.WEAKEST: 'weakest'>
    """

    AGGREGATE = "aggregate"
    WEAKEST = "weakest"


def _children(value: Iterable[ProgressNode]) -> tuple[ProgressNode, ...]:
    return tuple(value)


@attrs.frozen
class ProgressNode:
    """A node of a progress tree: a name, its progress, and the nodes it rolls up.

    Leaves wrap the :class:`~smartgoals.tracking.Progress` of one goal; inner nodes are
    made by :func:`rollup`. ``str()`` and ``_repr_html_()`` give a table with one row
    per node, indented by depth.

    Attributes:
        name: The node's name ("EMEA", "Sam", "FY2027 M04").
        progress: The node's progress.
        children: The nodes below this one: the parts rolled up into it, and (from
            :func:`track_plan`) its drivers and stretch goals, shown but not added.
        relation: ``"part"``, or ``"driver"``/``"stretch"`` for a plan's activity and
            stretch goals.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Direction, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import CheckIn, track
    >>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
    ...             target=Target.level(100), timeframe=Timeframe.month(2027, 4))
    >>> def leads(n):
    ...     return track(goal, [CheckIn(date(2027, 4, 15), n)], as_of=date(2027, 4, 15))
    >>> team = rollup({"Ana": leads(40), "Ben": leads(60)}, name="team")
    >>> print(team)
    node   status    actual  target  attainment  expected    pace  projected  gap
    team   on track     100     200       50.0%       100  100.0%        200    0
      Ana  at risk       40     100       40.0%        50   80.0%         80  -20
      Ben  on track      60     100       60.0%        50  120.0%        120  +20
    """

    name: str
    progress: Progress
    children: tuple[ProgressNode, ...] = attrs.field(default=(), converter=_children)
    relation: str = "part"
    # The parts' progress in this node's currency, as the roll-up added them.
    _parts_converted: tuple[Progress, ...] | None = attrs.field(
        default=None, kw_only=True, repr=False, eq=False, alias="_parts_converted"
    )

    def rows(self) -> list[tuple[int, ProgressNode]]:
        """Every node depth-first, with its depth (0 for this one).

        Returns:
            ``(depth, node)`` pairs, this node first.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn, track
        >>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
        ...             target=Target.level(100), timeframe=Timeframe.month(2027, 4))
        >>> def leads(n):
        ...     return track(goal, [CheckIn(date(2027, 4, 15), n)], as_of=date(2027, 4, 15))
        >>> [(depth, node.name) for depth, node in rollup({"Ana": leads(4)}).rows()]
        [(0, 'total'), (1, 'Ana')]
        """
        found = [(0, self)]
        for child in self.children:
            found.extend((depth + 1, node) for depth, node in child.rows())
        return found

    @property
    def ytd_attainment(self) -> Decimal | None:
        """Σ actual ÷ Σ target over the children that have started (see :func:`ytd_attainment`).

        A leaf gives its own attainment-to-date the same way. Parts in another currency
        count as the roll-up converted them, in this node's currency.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn, track
        >>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
        ...             target=Target.level(100), timeframe=Timeframe.month(2027, 4))
        >>> def leads(n):
        ...     return track(goal, [CheckIn(date(2027, 4, 15), n)], as_of=date(2027, 4, 15))
        >>> rollup({"Ana": leads(40), "Ben": leads(80)}).ytd_attainment
        Decimal('0.6')
        """
        if self._parts_converted is not None:
            return ytd_attainment(self._parts_converted)
        parts = [child.progress for child in self.children if child.relation == "part"]
        return ytd_attainment(parts or [self.progress])

    def _cells(self, depth: int, lang: str = "en") -> list[str]:
        p = self.progress
        metric, currency = p.goal.metric, p.goal.currency
        suffix = "" if self.relation == "part" else f" ({self.relation})"
        return [
            "  " * depth + self.name + suffix,
            p.status.text(lang),
            _format.amount(p.actual, metric, currency, lang),
            _format.amount(p.target, metric, currency, lang),
            _format.percent(p.attainment, lang),
            _format.amount(p.expected, metric, currency, lang),
            _format.percent(p.pace, lang),
            _format.amount(p.projected, metric, currency, lang),
            _format.signed(p.gap, metric, currency, lang),
        ]

    def __str__(self) -> str:
        """A text table: node, status, actual, target, attainment, expected, pace, projected, gap."""
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The table of :meth:`__str__` in English (``"en"``) or Dutch (``"nl"``).

        Args:
            lang: The language code.

        Returns:
            The table, one line per node.

        Raises:
            InvalidInputError: for a language other than ``"en"`` and ``"nl"``.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn, track
        >>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
        ...             target=Target.level(100), timeframe=Timeframe.month(2027, 4))
        >>> def leads(n):
        ...     return track(goal, [CheckIn(date(2027, 4, 15), n)], as_of=date(2027, 4, 15))
        >>> print(rollup({"Ana": leads(40), "Ben": leads(60)}, name="team").text("nl"))
        knooppunt  status     werkelijk  doel  realisatie  verwacht   tempo  prognose  verschil
        team       op schema        100   200       50,0%       100  100,0%       200         0
          Ana      in gevaar         40   100       40,0%        50   80,0%        80       -20
          Ben      op schema         60   100       60,0%        50  120,0%       120       +20
        """
        lang = _format.check_lang(lang)
        headers = _HEADERS[lang]
        table = [list(headers)] + [node._cells(depth, lang) for depth, node in self.rows()]
        widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
        lines = []
        for row in table:
            cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
            cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
            lines.append("  ".join(cells).rstrip())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The tree as plain JSON types: name, progress (see ``Progress.to_dict``), children.

        Returns:
            A nested dict.

        >>> from datetime import date
        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Goal, Direction, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> from smartgoals.tracking import CheckIn, track
        >>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
        ...             target=Target.level(100), timeframe=Timeframe.month(2027, 4))
        >>> def leads(n):
        ...     return track(goal, [CheckIn(date(2027, 4, 15), n)], as_of=date(2027, 4, 15))
        >>> doc = rollup({"Ana": leads(40)}).to_dict()
        >>> doc["name"], doc["progress"]["actual"], doc["children"][0]["name"]
        ('total', '40', 'Ana')
        """
        return {
            "name": self.name,
            "progress": self.progress.to_dict(),
            "ytd_attainment": None if self.ytd_attainment is None else f"{self.ytd_attainment:f}",
            "children": [child.to_dict() for child in self.children],
        }

    def _repr_html_(self) -> str:
        """An HTML table with one row per node and the statuses in colour."""
        esc = _format.escape
        head = "".join(f'<th style="padding:0 6px">{esc(h)}</th>' for h in _HEADERS["en"])
        rows = []
        for depth, node in self.rows():
            cells = node._cells(0)
            name = f'<td style="padding:0 6px 0 {6 + 14 * depth}px">{esc(cells[0])}</td>'
            status = f'<td style="padding:0 6px">{_format.status_badge(node.progress.status)}</td>'
            rest = "".join(
                f'<td style="padding:0 6px;text-align:right">{esc(c)}</td>' for c in cells[2:]
            )
            rows.append(f"<tr>{name}{status}{rest}</tr>")
        return f'<table style="border-collapse:collapse"><tr>{head}</tr>{"".join(rows)}</table>'


_HEADERS: Final = {
    "en": (
        "node",
        "status",
        "actual",
        "target",
        "attainment",
        "expected",
        "pace",
        "projected",
        "gap",
    ),
    "nl": (
        "knooppunt",
        "status",
        "werkelijk",
        "doel",
        "realisatie",
        "verwacht",
        "tempo",
        "prognose",
        "verschil",
    ),
}


def ytd_attainment(
    progresses: Iterable[Progress], *, fx: FxRates | None = None, currency: str | None = None
) -> Decimal | None:
    """Year-to-date attainment: Σ actual ÷ Σ target over the periods that have started.

    Never the mean of the percentages: a big month weighs as much as its target. A
    period counts once its first day is on or before ``as_of``, with its whole target
    (the usual "quota through the current period"). For lower-is-better goals it is
    Σ target ÷ Σ actual, so above 1 is better, like :attr:`Progress.attainment`.

    Amounts in another currency than ``currency`` (default: the first one's) are
    converted with ``fx`` as :func:`rollup` converts them: at the rate in force on the
    first day of the earliest timeframe, rounded once to the currency's minor unit.

    Args:
        progresses: The progress of each period (or owner) of one metric.
        fx: Exchange rates for progress in another currency than ``currency``.
        currency: The currency to add up in (default: the first progress's).

    Returns:
        The ratio, or ``None`` if nothing has started or the denominator is 0.

    Raises:
        CurrencyMismatchError: if the progresses are in different currencies and no
            ``fx`` is given; the message names both currencies.
        MissingRateError: if ``fx`` has no rate for a pair on the day it is needed.
        InvalidInputError: if some have a currency and others none.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Direction, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import CheckIn, track
    >>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
    ...             target=Target.level(100), timeframe=Timeframe.month(2027, 4))
    >>> def leads(n):
    ...     return track(goal, [CheckIn(date(2027, 4, 15), n)], as_of=date(2027, 4, 15))
    >>> ytd_attainment([leads(40), leads(80)])
    Decimal('0.6')
    >>> ytd_attainment([]) is None
    True

    Amounts in two currencies (USD 600 at 0.92 is EUR 552.00):

    >>> from smartgoals.money import FxRates
    >>> def sold(amount, currency):
    ...     goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...                 target=Target.level(1000), timeframe=Timeframe.month(2027, 4),
    ...                 currency=currency)
    ...     return track(goal, [CheckIn(date(2027, 4, 15), amount)], as_of=date(2027, 4, 15))
    >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])
    >>> ytd_attainment([sold(400, "EUR"), sold(600, "USD")], fx=fx)
    Decimal('0.4958333333333333333333333333')
    """
    given = list(progresses)
    if given:
        names = [f"progress {i + 1}" for i in range(len(given))]
        on = min(p.timeframe.start for p in given)
        want = _parent_currency(names, given, currency)
        given = _in_currency(
            names, given, want, fx, on, names[0] if currency is None else "the total"
        )
    started = [p for p in given if p.as_of >= p.timeframe.start]
    if not started:
        return None
    actual = sum((p.actual for p in started), _ZERO)
    target = sum((p.target for p in started), _ZERO)
    return _ratio(target, actual) if started[0].lower_is_better else _ratio(actual, target)


def _weights(
    names: Sequence[str], weights: object, progresses: Sequence[Progress], metric: Metric
) -> list[Decimal]:
    if weights is None:
        missing = [n for n, p in zip(names, progresses, strict=True) if p.denominator is None]
        if missing:
            raise InvalidInputError(
                f"{metric.name} is a rate, and a roll-up pools its counts (Σ numerator ÷ "
                f"Σ denominator), never a mean of the rates; {', '.join(missing)} "
                "gave no denominator. Give each check-in the count its rate is measured "
                "over, e.g. CheckIn(date, '0.25', denominator=40) for 10 of 40 deals, or "
                "pass weights= with each child's count",
                name="weights",
                value=missing,
            )
        return [p.denominator for p in progresses if p.denominator is not None]
    if isinstance(weights, Mapping):
        unknown = sorted(set(weights) - set(names))
        if unknown:
            raise InvalidInputError(
                f"weights name unknown children {unknown}; the children are {list(names)}",
                name="weights",
                value=weights,
            )
        raw = [weights.get(name, 0) for name in names]
    elif isinstance(weights, Sequence) and not isinstance(weights, str):
        if len(weights) != len(names):
            raise InvalidInputError(
                f"got {len(weights)} weights for {len(names)} children; give one each",
                name="weights",
                value=weights,
            )
        raw = list(weights)
    else:
        raise InvalidInputError(
            f"weights must be a mapping by child name or a sequence, got {type(weights).__name__}",
            name="weights",
            value=weights,
        )
    result = [to_decimal(w, name="weight") for w in raw]
    if any(w < 0 for w in result) or sum(result) == 0:
        raise InvalidInputError(
            f"weights must be non-negative and not all 0, got {raw}", name="weights", value=raw
        )
    return result


def _nodes(children: object) -> list[ProgressNode]:
    if isinstance(children, Mapping):
        items: Iterable[object] = (
            value if isinstance(value, ProgressNode) else ProgressNode(str(key), value)
            for key, value in children.items()
        )
    elif isinstance(children, Iterable) and not isinstance(children, str):
        items = children
    else:
        raise InvalidInputError(
            "rollup() needs a mapping of names to Progress (or ProgressNode), or "
            f"ProgressNodes, got {type(children).__name__}",
            name="children",
            value=children,
        )
    nodes = []
    for item in items:
        if not isinstance(item, ProgressNode) or not isinstance(item.progress, Progress):
            raise InvalidInputError(
                f"each child must be a Progress or a ProgressNode, got {type(item).__name__}",
                name="children",
                value=item,
            )
        nodes.append(item)
    if not nodes:
        raise InvalidInputError("rollup() needs at least one child", name="children", value=())
    return nodes


def _same(nodes: list[ProgressNode], what: str, values: list[object]) -> None:
    if len(set(values)) > 1:
        listed = ", ".join(f"{n.name}: {v}" for n, v in zip(nodes, values, strict=True))
        raise InvalidInputError(
            f"children to roll up must share one {what}, got {listed}", name="children"
        )


def _parent_currency(
    names: Sequence[str], progresses: Sequence[Progress], currency: str | None
) -> str | None:
    """The currency to roll up in: ``currency``, else the first child's (checked)."""
    codes = [p.goal.currency for p in progresses]
    want = currency_code(currency) if currency is not None else codes[0]
    missing = [n for n, code in zip(names, codes, strict=True) if (code is None) != (want is None)]
    if missing:
        listed = ", ".join(f"{n}: {c or 'no currency'}" for n, c in zip(names, codes, strict=True))
        raise InvalidInputError(
            f"children to roll up must all have a currency or all have none, got {listed}; "
            "set each goal's currency",
            name="currency",
            value=codes,
        )
    return want


def _in_currency(
    names: Sequence[str],
    progresses: Sequence[Progress],
    want: str | None,
    fx: FxRates | None,
    on: date,
    parent: str,
) -> list[Progress]:
    """Each progress in ``want``, converted with ``fx`` at the rate in force on ``on``.

    ``parent`` names what they are added into, for the error without rates.
    """
    result = []
    for name, progress in zip(names, progresses, strict=True):
        have = progress.goal.currency
        if have is None or want is None or have == want:
            result.append(progress)
            continue
        if fx is None:
            raise CurrencyMismatchError(
                f"{name} is in {have} but {parent} in {want}; give exchange rates (fx=) to "
                f"convert {have} to {want}",
                currency=have,
                expected=want,
                where=name,
            )
        result.append(_converted(progress, want, fx, on))
    return result


def _converted(progress: Progress, want: str, fx: FxRates, on: date) -> Progress:
    """``progress`` with its amounts in ``want``: each converted once, at one rate.

    Actual, target, expected, projected, gap and the goal's target and baseline are
    converted, each rounded to ``want``'s minor unit; ratios stay as they are and the
    required rate is left out (the roll-up computes its own).
    """
    have = progress.goal.currency
    assert have is not None

    def money(value: Decimal) -> Decimal:
        return fx.convert(value, have, to=want, on=on).amount

    def maybe(value: Decimal | None) -> Decimal | None:
        return None if value is None else money(value)

    goal = progress.goal
    target = goal.target
    if target is not None and not target.relative:
        target = attrs.evolve(target, value=money(target.value))
    return attrs.evolve(
        progress,
        goal=attrs.evolve(goal, currency=want, target=target, baseline=maybe(goal.baseline)),
        target=money(progress.target),
        actual=money(progress.actual),
        expected=money(progress.expected),
        projected=maybe(progress.projected),
        gap=maybe(progress.gap),
        required_rate=None,
    )


def _pooled(values: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    """Σ value × weight ÷ Σ weight: the rate of the pooled counts."""
    total = sum(weights, _ZERO)
    return sum((v * w for v, w in zip(values, weights, strict=True)), _ZERO) / total


def _total(values: Sequence[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), _ZERO)


def _summed(metric: Metric) -> bool:
    """Whether the metric's values over periods add up (``SUM`` aggregation)."""
    return metric.aggregation is Aggregation.SUM


def _path_numbers(
    mode: TrackingMode,
    actual: Decimal,
    target: Decimal,
    expected: Decimal,
    start: Decimal | None,
    lower: bool,
    projected: Decimal | None,
) -> tuple[
    Decimal | None, Decimal | None, Decimal, Decimal | None, Decimal | None, Decimal | None
]:
    """attainment, progress, expected progress, pace, projected, gap of added-up children."""
    attainment = _ratio(target, actual) if lower else _ratio(actual, target)
    if mode is TrackingMode.GLIDE and start is not None and target != start:
        way = target - start
        progress: Decimal | None = max((actual - start) / way, _ZERO)
        pace = _ratio(expected, actual) if lower else _ratio(actual, expected)
        expected_progress = (expected - start) / way
        return (
            attainment,
            progress,
            expected_progress,
            pace,
            actual,
            _oriented(actual, target, lower),
        )
    if mode is not TrackingMode.PATH or start is None:
        pace = _ratio(expected, actual) if mode is TrackingMode.CAP else attainment
        if projected is None and mode in (TrackingMode.LATEST, TrackingMode.GLIDE):
            projected = actual
        progress = attainment if mode is TrackingMode.CAP else None
        return attainment, progress, _ONE, pace, projected, _oriented(projected, target, lower)
    way = target - start
    raw = _ratio(actual - start, way)
    progress = None if raw is None else max(raw, _ZERO)
    expected_progress = _ratio(expected - start, way) or _ZERO
    pace = None if progress is None else _ratio(progress, expected_progress)
    if projected is None and expected_progress:
        projected = start + (actual - start) / expected_progress
    return (
        attainment,
        progress,
        expected_progress,
        pace,
        projected,
        _oriented(projected, target, lower),
    )


def _status(status: RollupStatus | str) -> RollupStatus:
    try:
        return RollupStatus(status.value if isinstance(status, RollupStatus) else status)
    except ValueError:
        raise InvalidInputError(
            f"unknown roll-up status {status!r}; use 'aggregate' or 'weakest'",
            name="status",
            value=status,
        ) from None


def _weakest(statuses: list[ProgressStatus], running: bool) -> ProgressStatus:
    started: list[ProgressStatus] = [s for s in statuses if s is not ProgressStatus.NOT_STARTED]
    if not started:
        return ProgressStatus.NOT_STARTED
    if running:
        as_running = {
            ProgressStatus.MISSED: ProgressStatus.AT_RISK,
            ProgressStatus.ACHIEVED: ProgressStatus.ON_TRACK,
            ProgressStatus.EXCEEDED: ProgressStatus.ON_TRACK,
        }
        started = [as_running.get(s, s) for s in started]
    return min(started, key=lambda s: s.rank)


def rollup(
    children: Mapping[str, Progress | ProgressNode] | Iterable[ProgressNode],
    *,
    name: str = "total",
    weights: Mapping[str, object] | Sequence[object] | None = None,
    status: RollupStatus | str = RollupStatus.AGGREGATE,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    fx: FxRates | None = None,
    currency: str | None = None,
) -> ProgressNode:
    """Roll the progress of a plan's children (owners, segments or periods) into their parent.

    The children combine as :meth:`smartgoals.planning.Plan.rollup` combines their
    targets:

    * ``SUM`` metrics add: actual, target, expected and projected are sums, so the
      attainment is Σ actual ÷ Σ target and the pace Σ actual ÷ Σ expected (never a
      mean of percentages).
    * ``LEVEL`` metrics add across owners (a team's MRR is its reps' MRR); across
      periods, the parent stands where its current period stands, on the path from the
      first period's baseline to the last period's milestone.
    * ``AVERAGE`` metrics (rates) pool their counts: the parent's rate is
      Σ numerator ÷ Σ denominator, where each child's numerator is its rate × its
      denominator (:attr:`Progress.denominator`, from the check-ins'
      :attr:`CheckIn.denominator <smartgoals.tracking.CheckIn.denominator>`). Ana who
      won 1 of 2 deals and Ben who won 10 of 100 make a team win rate of 11/102, not
      the 30% mean of 50% and 10%. The target, expected value and baseline pool the
      same way, so the attainment is Σ actual ÷ Σ target in counts. ``weights``
      gives the counts instead; without either a rate does not roll up (the error
      says what to give), never into an unweighted mean.

    The parent's timeframe spans the children's; its days, required rate and status
    are its own. Confidence is the lowest child's; the check-ins the children ignored
    are listed on the parent too.

    The parent is in ``currency`` (default: the first child's). A child in another
    currency has its amounts (actual, target, expected, projected, gap, baseline)
    converted with ``fx`` at the rate in force on the **first day of the parent's
    timeframe**, each rounded once to the parent currency's minor unit, as
    :meth:`Plan.rollup <smartgoals.planning.Plan.rollup>` converts a plan's parts; the
    children are shown in their own currency. Without ``fx`` such a child is an error.

    Args:
        children: Names mapped to each child's Progress (or already rolled-up
            ProgressNode), or ProgressNodes.
        name: The parent's name.
        weights: For ``AVERAGE`` metrics: each child's count (the denominator of its
            rate), by name or in order, instead of the check-ins' denominators.
        status: ``"aggregate"`` (from the rolled-up numbers) or ``"weakest"`` (the
            worst child, as OKR tools do).
        thresholds: The thresholds for the aggregate status and the confidence flag.
        fx: Exchange rates for children in another currency than the parent.
        currency: The parent's currency, an ISO 4217 code (default: the first child's).

    Returns:
        A :class:`ProgressNode` whose children are the given nodes.

    Raises:
        InvalidInputError: if there are no children, they differ in metric, ``as_of``
            or which way is better, some have a currency and others none, or the
            weights are invalid.
        CurrencyMismatchError: if a child is in another currency than the parent and no
            ``fx`` is given; the message names the child and both currencies.
        MissingRateError: if ``fx`` has no rate for a pair on the parent's first day.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Direction, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import CheckIn, track
    >>> def rep(quota, booked):
    ...     goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...                 target=Target.level(quota), timeframe=Timeframe.quarter(2027, 2))
    ...     return track(goal, [CheckIn(date(2027, 5, 15), booked)], as_of=date(2027, 5, 15))
    >>> reps = {"Ana": rep(100_000, 60_000), "Ben": rep(300_000, 140_000)}
    >>> team = rollup(reps, name="team")
    >>> team.progress.attainment, team.progress.status.value
    (Decimal('0.5'), 'on_track')
    >>> rollup(reps, status="weakest").progress.status.value
    'behind'

    A win rate pools the deals:

    >>> def won(rate, deals):
    ...     goal = Goal(metric=metrics.get("win_rate"), direction=Direction.INCREASE,
    ...                 target=Target.at_least("0.25"), timeframe=Timeframe.quarter(2027, 2))
    ...     checkin = CheckIn(date(2027, 5, 15), rate, denominator=deals)
    ...     return track(goal, [checkin], as_of=date(2027, 5, 15))
    >>> team = rollup({"Ana": won("0.5", 2), "Ben": won("0.1", 100)}).progress
    >>> team.actual.quantize(Decimal("0.001")), team.denominator, team.status.value
    (Decimal('0.108'), Decimal('102'), 'at_risk')

    A rep selling in US dollars in a team that counts in euros:

    >>> from smartgoals.money import FxRates
    >>> def sold(amount, currency):
    ...     goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...                 target=Target.level(1000), timeframe=Timeframe.quarter(2027, 2),
    ...                 currency=currency)
    ...     return track(goal, [CheckIn(date(2027, 5, 15), amount)], as_of=date(2027, 5, 15))
    >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])
    >>> team = rollup({"Ana": sold(400, "EUR"), "Ben": sold(600, "USD")}, fx=fx).progress
    >>> team.actual, team.target, team.goal.currency
    (Decimal('952.00'), Decimal('1920.00'), 'EUR')
    >>> rollup({"Ana": sold(400, "EUR"), "Ben": sold(600, "USD")})
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.CurrencyMismatchError: Ben is in USD but the roll-up total in EUR; give exchange rates (fx=) to convert USD to EUR
    """
    how = _status(status)
    nodes = _nodes(children)
    names = [n.name for n in nodes]
    progresses = [n.progress for n in nodes]
    _same(nodes, "metric", [p.goal.metric.key if p.goal.metric else None for p in progresses])
    want = _parent_currency(names, progresses, currency)
    on = min(p.timeframe.start for p in progresses)
    converted = _in_currency(names, progresses, want, fx, on, f"the roll-up {name}")
    return _combine(nodes, converted, name, weights, how, thresholds, want)


def _combine(
    nodes: list[ProgressNode],
    progresses: list[Progress],
    name: str,
    weights: Mapping[str, object] | Sequence[object] | None,
    how: RollupStatus,
    thresholds: Thresholds,
    currency: str | None,
) -> ProgressNode:
    """:func:`rollup` of ``nodes`` whose progress, in one currency, is ``progresses``."""
    first = progresses[0]
    _same(nodes, "metric", [p.goal.metric.key if p.goal.metric else None for p in progresses])
    _same(nodes, "currency", [p.goal.currency for p in progresses])
    _same(nodes, "as_of date", [p.as_of for p in progresses])
    _same(nodes, "sense of better (higher or lower)", [p.lower_is_better for p in progresses])
    metric = first.goal.metric
    assert metric is not None
    lower = first.lower_is_better
    as_of = first.as_of
    timeframe = Timeframe(
        min(p.timeframe.start for p in progresses), max(p.timeframe.end for p in progresses)
    )
    modes = {p.mode for p in progresses}
    mode = TrackingMode.PATH if TrackingMode.PATH in modes else first.mode
    by_owner = len({p.timeframe for p in progresses}) == 1
    additive = metric.aggregation is Aggregation.SUM or (
        metric.aggregation is Aggregation.LEVEL and by_owner
    )
    if weights is not None and additive:
        raise InvalidInputError(
            f"the children's {metric.name} add up, so weights do not apply",
            name="weights",
            value=weights,
        )
    chained = metric.aggregation is Aggregation.LEVEL and not by_owner
    denominator: Decimal | None = None
    if additive:
        actual = sum((p.actual for p in progresses), _ZERO)
        target = sum((p.target for p in progresses), _ZERO)
        expected = sum((p.expected for p in progresses), _ZERO)
        run_rates = any(is_run_rate(p.goal) for p in progresses)
        start = (
            _ZERO
            if _summed(metric) and not run_rates
            else _total([p.goal.baseline for p in progresses])
        )
        projected = _total([p.projected for p in progresses])
        numbers = _path_numbers(mode, actual, target, expected, start, lower, projected)
    elif chained:
        ordered = sorted(progresses, key=lambda p: p.timeframe.start)
        current = [p for p in ordered if p.timeframe.start <= as_of] or ordered[:1]
        actual, expected = current[-1].actual, current[-1].expected
        target = ordered[-1].target
        start = ordered[0].goal.baseline
        numbers = _path_numbers(mode, actual, target, expected, start, lower, None)
    else:
        # A rate pools its counts: Σ (rate × denominator) ÷ Σ denominator.
        w = _weights([n.name for n in nodes], weights, progresses, metric)
        denominator = sum(w, _ZERO)
        actual = _pooled([p.actual for p in progresses], w)
        target = _pooled([p.target for p in progresses], w)
        expected = _pooled([p.expected for p in progresses], w)
        baselines = [p.goal.baseline for p in progresses]
        start = (
            _pooled([b for b in baselines if b is not None], w)
            if all(b is not None for b in baselines)
            else None
        )
        mode = TrackingMode.GLIDE if TrackingMode.GLIDE in modes else TrackingMode.LATEST
        numbers = _path_numbers(mode, actual, target, expected, start, lower, None)
    attainment, progress, expected_progress, pace, projected, gap = numbers
    summed = _summed(metric)
    through = _through(timeframe, as_of)
    days_elapsed = 0 if through is None else (through - timeframe.start).days + 1
    days_remaining = timeframe.days - days_elapsed
    running = through is not None and through < timeframe.last_day
    if how is RollupStatus.WEAKEST:
        result_status = _weakest([p.status for p in progresses], running)
    elif through is None:
        result_status = ProgressStatus.NOT_STARTED
    elif not running:
        result_status = _final_status(actual, target, lower)
    else:
        path = mode is TrackingMode.PATH
        result_status = thresholds.status(
            pace=pace,
            expected_progress=expected_progress if path else _ONE,
            progress=progress if path else pace,
        )
    required = None
    if mode is not TrackingMode.LATEST and days_remaining > 0 and (additive or chained):
        remaining = target - actual
        required = RequiredRate((max(remaining, _ZERO) if summed else remaining) / days_remaining)
    confidences = [p.confidence for p in progresses if p.confidence is not None]
    confidence = min(confidences) if confidences else None
    kinds = {p.goal.target.kind for p in progresses if p.goal.target is not None}
    kind = kinds.pop() if len(kinds) == 1 else TargetKind.LEVEL
    if kind is TargetKind.CHANGE:
        kind = TargetKind.LEVEL
    directions = {p.goal.direction for p in progresses}
    direction = (
        directions.pop()
        if len(directions) == 1
        else (Direction.DECREASE if lower else Direction.INCREASE)
    )
    goal = Goal(
        statement=name,
        metric=metric,
        direction=direction,
        target=Target(kind, target),
        timeframe=timeframe,
        currency=currency,
    )
    parent = Progress(
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
        required_rate=required,
        days_elapsed=days_elapsed,
        days_remaining=days_remaining,
        status=result_status,
        met=actual <= target if lower else actual >= target,
        confidence=confidence,
        confidence_conflict=confidence is not None
        and confidence >= thresholds.high_confidence
        and result_status in (ProgressStatus.BEHIND, ProgressStatus.AT_RISK),
        checkins=sum(p.checkins for p in progresses),
        ignored=tuple(item for p in progresses for item in p.ignored),
        denominator=denominator,
    )
    moved = any(c is not n.progress for c, n in zip(progresses, nodes, strict=True))
    parts = tuple(c for c, n in zip(progresses, nodes, strict=True) if n.relation == "part")
    return ProgressNode(name, parent, tuple(nodes), _parts_converted=parts if moved else None)


def _period_pacing(node: PlanNode) -> Pacing | None:
    """Weighted pacing along a node's period parts, if they tile it and carry weights."""
    parts = sorted(
        node.parts, key=lambda p: p.goal.timeframe.start if p.goal.timeframe else date.min
    )
    if not parts or any(p.weight is None or p.goal.timeframe is None for p in parts):
        return None
    timeframe = node.goal.timeframe
    if timeframe is None or any(p.goal.timeframe == timeframe for p in parts):
        return None
    try:
        periods: list[tuple[Timeframe, object]] = [
            (p.goal.timeframe, p.weight) for p in parts if p.goal.timeframe is not None
        ]
        pacing = Pacing.weighted(periods)
        pacing.fraction(timeframe, timeframe.start)
    except InvalidInputError:
        return None
    return pacing


def _tracked(node: PlanNode, action: str, run: Callable[[], _T]) -> _T:
    try:
        return run()
    except IncompleteGoalError as exc:
        raise IncompleteGoalError(exc.missing, action=f"{action} (plan node {node.id!r})") from exc
    except InvalidInputError as exc:
        # Currency errors stay what they are, with the node in front.
        raise exc.reworded(f"plan node {node.id!r}: {exc}") from exc


def _parts_in_currency(
    node: PlanNode, parts: list[PlanNode], tracked: list[ProgressNode], fx: FxRates | None
) -> list[Progress]:
    """The parts' progress in ``node``'s currency, as :meth:`Plan.rollup` converts them.

    A part in another currency is converted at the rate in force on the first day of
    ``node``'s timeframe; a part without a currency under a node with one (or the
    other way round) is refused, since its amounts cannot be told apart.
    """
    want = node.goal.currency
    progresses = [child.progress for child in tracked]
    if want is None:
        return progresses
    odd = [p.id for p, t in zip(parts, progresses, strict=True) if t.goal.currency is None]
    if odd:
        raise InvalidInputError(
            f"{', '.join(odd)} {'has' if len(odd) == 1 else 'have'} no currency but "
            f"{'its' if len(odd) == 1 else 'their'} parent {node.id} is in {want}; set "
            f"the currency of {', '.join(odd)}",
            name="currency",
            value=odd,
        )
    timeframe = node.goal.timeframe
    on = timeframe.start if timeframe else min(p.timeframe.start for p in progresses)
    names = [p.id for p in parts]
    try:
        return _in_currency(names, progresses, want, fx, on, f"its parent {node.id}")
    except MissingRateError as exc:
        raise exc.reworded(f"plan node {node.id!r}: {exc}") from None


def track_plan(
    plan: Plan,
    checkins: Mapping[str, Iterable[CheckIn]],
    *,
    as_of: date | None = None,
    pacing: PacingLike = "plan",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    status: RollupStatus | str = RollupStatus.AGGREGATE,
    cumulative: bool = False,
    holidays: Container[date] | None = None,
    weekend: Iterable[int] | None = None,
    fx: FxRates | None = None,
) -> ProgressNode:
    """Track a whole :class:`~smartgoals.planning.Plan`: every node's progress, rolled up.

    Check-ins are given per node id. A node that has check-ins of its own, or no parts,
    is tracked with :func:`~smartgoals.tracking.track`; with ``pacing="plan"`` (the
    default) a node split into weighted periods paces along those weights (its
    seasonality), other nodes pace linearly. A node without check-ins of its own is
    rolled up from its parts with :func:`rollup` (for ``AVERAGE`` metrics pooled by
    the check-ins' denominators, else by the parts' plan weights when they all have
    one). Drivers and stretch goals are
    tracked and shown below their node but never added into it. Parts of a node that
    is tracked from its own check-ins are shown only where their subtree has check-ins.

    Args:
        plan: The plan.
        checkins: Check-ins by node id (nodes without an entry have none).
        as_of: The last day to count, inclusive; today by default (the same for every
            node).
        pacing: ``"plan"``, or any pacing :func:`~smartgoals.tracking.track` accepts,
            used for every tracked node.
        thresholds: The status thresholds.
        status: How inner nodes get their status (``"aggregate"`` or ``"weakest"``).
        cumulative: For ``SUM`` metrics: the check-ins are running totals.
        holidays: Dates that are not working days, for working-day pacing.
        weekend: Weekday numbers of the weekend, for working-day pacing.
        fx: Exchange rates for check-ins in another currency than their node's goal
            (converted at their own date, see :func:`~smartgoals.tracking.track`), and
            for parts in another currency than their parent (converted at the rate in
            force on the first day of the parent's timeframe, as :meth:`Plan.rollup
            <smartgoals.planning.Plan.rollup>` converts their targets, so the tracked
            targets add up to the plan's roll-up).

    Returns:
        The root's :class:`ProgressNode`, whose table has a row per node.

    Raises:
        InvalidInputError: for check-ins under an id the plan does not have, a part
            without a currency under a parent with one, or any error of
            :func:`~smartgoals.tracking.track`, naming the node.
        CurrencyMismatchError: for a check-in or a part in another currency than its
            goal or parent and no ``fx``; the message names the nodes and currencies.
        MissingRateError: if ``fx`` has no rate for a pair on the day it is needed.
        IncompleteGoalError: if a tracked node's goal lacks what tracking needs.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Direction, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.planning import Plan, split_by_period
    >>> from smartgoals.tracking import CheckIn
    >>> year = Goal(metric=metrics.get("calls"), direction=Direction.INCREASE,
    ...             target=Target.level(1200), timeframe=Timeframe.year(2027))
    >>> plan = Plan.from_goal(year, id="2027").attach("2027", split_by_period(year, "quarter"))
    >>> done = {"2027/FY2027 Q1": [CheckIn(date(2027, 3, 31), 310)],
    ...         "2027/FY2027 Q2": [CheckIn(date(2027, 5, 31), 190), CheckIn(date(2027, 6, 30), 90)]}
    >>> print(track_plan(plan, done, as_of=date(2027, 6, 30)))
    node         status       actual  target  attainment  expected    pace  projected  gap
    2027         behind          590   1,200       49.2%       600   98.3%      1,180  -20
      FY2027 Q1  exceeded        310     300      103.3%       300  103.3%        310  +10
      FY2027 Q2  missed          280     300       93.3%       300   93.3%        280  -20
      FY2027 Q3  not started       0     300        0.0%         0     n/a        n/a  n/a
      FY2027 Q4  not started       0     300        0.0%         0     n/a        n/a  n/a

    A team in euros with a rep in US dollars adds the rep's numbers at the rate of the
    team's first day, as the plan's own roll-up does:

    >>> from smartgoals.money import FxRates
    >>> def revenue(amount, currency):
    ...     return Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...                 target=Target.level(amount), timeframe=Timeframe.year(2027),
    ...                 currency=currency)
    >>> team = Plan.from_goal(revenue(1100, "EUR"), id="t").attach(
    ...     "t", {"ann": revenue(500, "EUR"), "ben": revenue(600, "USD")})
    >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1)),
    ...               ("USD", "EUR", "0.95", date(2027, 7, 1))])
    >>> sold = {"t/ann": [CheckIn(date(2027, 9, 30), 400)],
    ...         "t/ben": [CheckIn(date(2027, 9, 30), 600)]}
    >>> tracked = track_plan(team, sold, as_of=date(2027, 9, 30), fx=fx)
    >>> tracked.progress.actual, tracked.progress.target, team.rollup(fx=fx)["t"]
    (Decimal('952.00'), Decimal('1052.00'), Decimal('1052.00'))
    >>> track_plan(team, sold, as_of=date(2027, 9, 30))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.CurrencyMismatchError: t/ben is in USD but its parent t in EUR; give exchange rates (fx=) to convert USD to EUR
    """
    known = {node.id for node in plan.nodes()}
    unknown = sorted(set(checkins) - known)
    if unknown:
        raise InvalidInputError(
            f"check-ins given for {unknown}, which are not nodes of the plan; node ids look "
            f"like {plan.root.id!r}",
            name="checkins",
            value=unknown,
        )
    day = date.today() if as_of is None else as_of
    with_data = {node.id for node in plan.nodes() if any(n.id in checkins for n in node.walk())}

    def visit(node: PlanNode, parent: PlanNode | None) -> ProgressNode:
        prefix = f"{parent.id}/" if parent is not None else ""
        name = node.id[len(prefix) :] if prefix and node.id.startswith(prefix) else node.id
        relation = "part" if parent is None else node.relation.value
        own = node.id in checkins
        shown = [c for c in node.children if not own or c.id in with_data]
        children = [visit(c, node) for c in shown]
        parts = [
            child for child, c in zip(children, shown, strict=True) if c.relation is Relation.PART
        ]
        if own or not node.parts:
            node_pacing: object = pacing
            if isinstance(pacing, str) and pacing == "plan":
                node_pacing = _period_pacing(node) or "linear"
            progress = _tracked(
                node,
                "track the goal",
                lambda: track(
                    node.goal,
                    checkins.get(node.id, ()),
                    as_of=day,
                    pacing=node_pacing,  # type: ignore[arg-type]
                    thresholds=thresholds,
                    cumulative=cumulative,
                    holidays=holidays,
                    weekend=weekend,
                    fx=fx,
                ),
            )
        else:
            metric = node.goal.metric
            weights = None
            part_nodes = node.parts
            if (
                metric is not None
                and metric.aggregation is Aggregation.AVERAGE
                and any(child.progress.denominator is None for child in parts)
                and all(p.weight is not None for p in part_nodes)
            ):
                # Without the counts, the plan's weights stand for each part's share.
                weights = [p.weight for p in part_nodes]
            converted = _parts_in_currency(node, list(part_nodes), parts, fx)
            how = _status(status)
            rolled = _tracked(
                node,
                "roll up the parts",
                lambda: _combine(
                    parts, converted, name, weights, how, thresholds, node.goal.currency
                ),
            )
            progress = attrs.evolve(rolled.progress, goal=node.goal)
            moved = rolled._parts_converted
            return ProgressNode(name, progress, tuple(children), relation, _parts_converted=moved)
        return ProgressNode(name, progress, tuple(children), relation)

    return visit(plan.root, None)
