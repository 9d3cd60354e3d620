"""Charts of progress, plans and funnels, drawn with matplotlib.

Install the ``plot`` extra (``pip install "smartgoals[plot]"``): it brings matplotlib,
which is imported when a function here is called, never by ``import smartgoals`` or
``import smartgoals.plot``.

* :func:`plot_progress`: a burn-up chart of a goal: the actual value over time, the
  expected pacing, the target and the projection to the end;
* :func:`plot_plan`: a plan's targets as stacked bars, one bar per period and one
  segment per owner;
* :func:`plot_funnel`: the activity targets behind an outcome, stage by stage;
* :func:`plot_forecast`: a forecast as a waterfall from closed to commit to best case,
  against the target.

Every function draws on ``ax`` when you pass one (an Axes of your own figure, for
subplots or for ``plt.show()`` in a script) and otherwise on a new figure of its own, and
returns the :class:`~matplotlib.figure.Figure`. A figure of its own is released from
pyplot before it is returned, so a notebook shows it once (as the cell's result) and a
long session does not collect open figures; save it with ``fig.savefig("chart.png")``.

>>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
>>> from smartgoals.planning import Funnel, activity_targets
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027), currency="USD")
>>> fig = plot_funnel(activity_targets(goal, Funnel(average_deal_size=20_000, close_rate="0.25")))
>>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
['opportunities', 'deals won']
"""

from __future__ import annotations

import importlib
import itertools
import textwrap
from collections.abc import Container, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from smartgoals import metrics as _metrics
from smartgoals._html import STATUS_COLOURS, target_text
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal
from smartgoals.metrics import Aggregation, Metric, Unit
from smartgoals.planning.funnel import FunnelTargets
from smartgoals.planning.owners import Assignment
from smartgoals.planning.periods import PeriodSplit
from smartgoals.planning.plan import Plan, PlanNode
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import CheckIn, Forecast, Progress, TrackingMode, track

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from smartgoals.tracking._pacing import PacingLike

__all__ = ["plot_forecast", "plot_funnel", "plot_plan", "plot_progress"]

#: The most points drawn along the pacing curve; enough for a smooth line over a year.
_SAMPLES: Final = 200
_FIGSIZE: Final = (7.0, 4.0)
#: Characters per title line; long goal statements wrap instead of running off the figure.
_TITLE_WIDTH: Final = 70
_INK: Final = "#24292f"
_GREY: Final = "#6e7781"
_BLUE: Final = "#0969da"
_GREEN: Final = "#1a7f37"
#: Colours of the owners in stacked bars (colour-blind friendly, Okabe and Ito).
_PALETTE: Final = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)


def _matplotlib() -> Any:
    """Import matplotlib, or say how to install it."""
    try:
        return importlib.import_module("matplotlib")
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "smartgoals.plot draws with matplotlib, which is not installed; "
            'install it with: pip install "smartgoals[plot]"',
            name="matplotlib",
        ) from exc


def _figure_and_axes(ax: Axes | None) -> tuple[Figure, Axes]:
    """The figure to draw on: ``ax``'s, or a new one released from pyplot."""
    _matplotlib()
    if ax is not None:
        return _root_figure(ax), ax
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=_FIGSIZE, layout="constrained")
    # Released so that a notebook shows the returned figure once and pyplot keeps no
    # reference to it; savefig and notebook display still work.
    plt.close(figure)
    return figure, axes


def _root_figure(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn on (the whole figure when ``ax`` is in a subfigure)."""
    from matplotlib.figure import Figure

    figure: object = ax.figure
    while not isinstance(figure, Figure):
        if figure is None:
            raise InvalidInputError(
                "ax must belong to a figure; make it with plt.subplots() or fig.add_subplot()",
                name="ax",
                value=ax,
            )
        figure = getattr(figure, "figure", None)
    return figure


def _dates(days: Iterable[date]) -> Any:
    """Dates for the x axis: matplotlib converts ``datetime.date``; its stubs do not say so."""
    return list(days)


def _plain(text: str) -> str:
    """User text for a title or label: a ``$`` must not start mathtext ("$300k to $400k")."""
    return text.replace("$", r"\$")


def _title(text: str) -> str:
    """A title wrapped to the width of a chart, with user text kept plain."""
    return _plain("\n".join(textwrap.wrap(text, _TITLE_WIDTH)) or text)


def _number(value: Decimal) -> float:
    return float(value)


def _compact(value: float) -> str:
    """``1.2M``, ``302.5k``, ``480``: short numbers for labels on bars."""
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            text = f"{value / limit:.2f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _value_axis(ax: Axes, metric: Metric | None, currency: str | None) -> None:
    """Label the value axis with the metric and its unit, and format its ticks."""
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    if metric is None:
        ax.set_ylabel("value")
        return
    unit = metric.unit
    if unit is Unit.RATIO:
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        ax.set_ylabel(f"{metric.name} (%)")
        return
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: _compact(value)))
    if unit is Unit.CURRENCY:
        ax.set_ylabel(f"{metric.name} ({currency})" if currency else metric.name)
    elif unit in (Unit.DAYS, Unit.HOURS):
        ax.set_ylabel(f"{metric.name} ({unit.value})")
    else:
        ax.set_ylabel(metric.name)


def _style(ax: Axes) -> None:
    ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# -- progress --------------------------------------------------------------------------


def _sample_days(timeframe: Timeframe, also: Iterable[date]) -> list[date]:
    """Days to evaluate the pacing through: spread over the timeframe, plus ``also``."""
    days = timeframe.days
    step = max(1, -(-days // _SAMPLES))
    picked = {timeframe.start + timedelta(days=k) for k in range(step - 1, days, step)}
    picked.add(timeframe.last_day)
    picked.update(d for d in also if timeframe.start <= d <= timeframe.last_day)
    return sorted(picked)


def plot_progress(
    progress_or_goal: Progress | Goal,
    checkins: Iterable[CheckIn] = (),
    *,
    as_of: date | None = None,
    pacing: PacingLike = "linear",
    cumulative: bool = False,
    holidays: Container[date] | None = None,
    weekend: Iterable[int] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a burn-up chart: actual, expected pacing, target and projection.

    The x axis is the goal's timeframe; a value "through day d" is drawn at the end of
    that day, so the lines start at the timeframe's start and end at its (exclusive) end.

    * **actual**: the value the check-ins give through each check-in date, computed by
      :func:`~smartgoals.tracking.track` (summed for ``SUM`` metrics, the latest value
      for ``LEVEL`` metrics), from the start value up to ``as_of``;
    * **expected**: where the goal should be under the pacing, from the start value
      (0, or the baseline of a ``LEVEL`` metric) to the target;
    * **target**: a horizontal line;
    * **projection**: the run-rate so far carried to the end along the pacing, ending
      at :attr:`Progress.projected <smartgoals.tracking.Progress.projected>`; a rate on
      a glide path (:attr:`~smartgoals.tracking.TrackingMode.GLIDE`) is not
      extrapolated and holds at its latest value.

    Rates and thresholds (:attr:`~smartgoals.tracking.TrackingMode.LATEST`: win rate,
    churn below 2%) are not paced: their chart shows the check-in values against the
    target line only. The title gives the status as of ``as_of``; the actual line is
    drawn in the status's colour.

    Args:
        progress_or_goal: A :class:`~smartgoals.tracking.Progress` from ``track``, or a
            goal to track now.
        checkins: The check-ins, for the actual line. With a Progress, pass the same
            check-ins it was tracked with (a Progress keeps their count, not their
            values); without them the actual is the Progress's single point.
        as_of: The last day counted (a goal only; a Progress has its own); today by
            default, as in ``track``.
        pacing: The pacing, as for ``track``; with a Progress, the one it was tracked with.
        cumulative: For ``SUM`` metrics: the check-ins are running totals.
        holidays: Non-working days for working-day pacing, as for ``track``.
        weekend: The weekend's weekday numbers, as for ``track``.
        ax: The Axes to draw on; a new figure by default.

    Returns:
        The figure drawn on.

    Raises:
        ModuleNotFoundError: if matplotlib is not installed.
        IncompleteGoalError: if the goal cannot be tracked (no metric, target or
            timeframe).
        InvalidInputError: for ``as_of`` next to a Progress, or anything ``track``
            rejects.

    >>> from datetime import date
    >>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
    >>> from smartgoals.tracking import CheckIn
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027), currency="USD")
    >>> checkins = [CheckIn(date(2027, 3, 31), 280_000), CheckIn(date(2027, 6, 30), 320_000)]
    >>> fig = plot_progress(goal, checkins, as_of=date(2027, 6, 30))
    >>> ax = fig.axes[0]
    >>> ax.get_title(), ax.get_ylabel()
    ('revenue – on track as of 2027-06-30', 'revenue (USD)')
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['expected', 'target', 'actual', 'projection']
    """
    checkins = list(checkins)
    options: dict[str, Any] = {
        "pacing": pacing,
        "cumulative": cumulative,
        "holidays": holidays,
        "weekend": weekend,
    }
    if isinstance(progress_or_goal, Progress):
        if as_of is not None:
            raise InvalidInputError(
                "as_of comes from the Progress; pass a goal to track it on another day",
                name="as_of",
                value=as_of,
            )
        progress = progress_or_goal
    elif isinstance(progress_or_goal, Goal):
        progress = track(progress_or_goal, checkins, as_of=as_of, **options)
    else:
        raise InvalidInputError(
            "plot_progress takes a Progress from track() or a Goal, got "
            f"{type(progress_or_goal).__name__}",
            name="progress_or_goal",
            value=progress_or_goal,
        )
    figure, axes = _figure_and_axes(ax)
    _draw_progress(axes, progress, checkins, options)
    return figure


def _draw_progress(
    ax: Axes, progress: Progress, checkins: list[CheckIn], options: dict[str, Any]
) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    goal, timeframe = progress.goal, progress.timeframe
    assert goal.metric is not None
    end_of_day = timedelta(days=1)
    through = (
        min(progress.as_of, timeframe.last_day) if progress.as_of >= timeframe.start else None
    )
    status_colour = STATUS_COLOURS[progress.status.value]
    paced = progress.mode is not TrackingMode.LATEST
    # Paced goals start from 0 (sums and caps) or the baseline (levels); rates have no start.
    start: Decimal | None = None
    expected: dict[date, Decimal] = {}
    if paced:
        start = (
            Decimal(0)
            if progress.mode is TrackingMode.CAP or goal.metric.aggregation is Aggregation.SUM
            else goal.baseline
        )
        assert start is not None
        days = _sample_days(timeframe, [through] if through else [])
        expected = {d: track(goal, [], as_of=d, **options).expected for d in days}
        ax.plot(
            _dates([timeframe.start, *(d + end_of_day for d in days)]),
            [_number(start), *(_number(expected[d]) for d in days)],
            color=_GREY,
            linestyle="--",
            linewidth=1.2,
            label="expected",
        )
    ax.axhline(_number(progress.target), color=_INK, linestyle=":", linewidth=1.2, label="target")
    if through is not None:
        _draw_actual(ax, progress, checkins, options, through, start, status_colour)
        if start is not None and through < timeframe.last_day and expected[through] != start:
            later = [d for d in expected if d >= through]
            if progress.mode is TrackingMode.GLIDE and progress.projected is not None:
                # A rate is not extrapolated: it holds at its latest value.
                values = [_number(progress.projected)] * len(later)
            else:
                # The run-rate so far, carried along the pacing: it ends at progress.projected.
                rate = (progress.actual - start) / (expected[through] - start)
                values = [_number(start + (expected[d] - start) * rate) for d in later]
            ax.plot(
                _dates(d + end_of_day for d in later),
                values,
                color=status_colour,
                linestyle="--",
                linewidth=1.2,
                alpha=0.7,
                label="projection",
            )
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.set_xlim(timeframe.start, timeframe.end)  # type: ignore[arg-type]
    ax.set_xlabel("date")
    _value_axis(ax, goal.metric, goal.currency)
    ax.set_title(
        _title(f"{progress.label} – {progress.status.label} as of {progress.as_of.isoformat()}")
    )
    ax.legend(loc="best", frameon=False)
    _style(ax)


def _draw_actual(
    ax: Axes,
    progress: Progress,
    checkins: list[CheckIn],
    options: dict[str, Any],
    through: date,
    start: Decimal | None,
    colour: str,
) -> None:
    """The actual line: the start value, the value through each check-in date, the as-of value."""
    goal, timeframe = progress.goal, progress.timeframe
    # Sums and levels are "through day d" (drawn at the end of d); rates are values on d.
    shift = timedelta(days=1) if start is not None else timedelta(0)
    counted = sorted({c.date for c in checkins if timeframe.start <= c.date <= through})
    xs: list[date] = []
    ys: list[float] = []
    if start is not None:
        xs.append(timeframe.start)
        ys.append(_number(start))
    for day in counted:
        xs.append(day + shift)
        ys.append(_number(track(goal, checkins, as_of=day, **options).actual))
    if not counted or counted[-1] < through:
        xs.append(through + shift)
        ys.append(_number(progress.actual))
    ax.plot(_dates(xs), ys, color=colour, marker="o", markersize=3.5, linewidth=2, label="actual")


# -- plan ------------------------------------------------------------------------------


def _short(node: PlanNode, parent: PlanNode) -> str:
    if node.id.startswith(parent.id + "/"):
        return node.id[len(parent.id) + 1 :]
    return node.id


def _plan_from(source: Plan | PeriodSplit | Assignment) -> Plan:
    if isinstance(source, Plan):
        return source
    if isinstance(source, (PeriodSplit, Assignment)):
        return Plan.from_goal(source.parent).attach("plan", source)
    raise InvalidInputError(
        "plot_plan takes a Plan, a PeriodSplit from split_by_period or an Assignment "
        f"from assign, got {type(source).__name__}",
        name="plan_or_split",
        value=source,
    )


def _leaf_value(node: PlanNode) -> Decimal:
    goal = node.goal
    if goal.target is None or "baseline" in goal.missing:
        raise InvalidInputError(
            f"plan node {node.id!r} has no target value to draw (missing: "
            f"{', '.join(goal.missing)}); give it a target",
            name="plan_or_split",
            value=node.id,
        )
    return goal.target_value


def _cells(
    plan: Plan,
) -> tuple[list[tuple[Timeframe, str]], list[str], dict[tuple[Timeframe, str], Decimal]]:
    """The plan's leaves as (period, owner) cells: periods in date order, owners in plan order.

    A part with its parent's timeframe is an owner or segment; a part with a shorter
    timeframe is a period. Stretch and driver nodes are not parts and are left out.
    """
    root = plan.root
    whole = root.goal.timeframe
    if whole is None:
        raise InvalidInputError(
            f"the plan's root {root.id!r} has no timeframe to draw along",
            name="plan_or_split",
            value=root.id,
        )
    periods: dict[Timeframe, str] = {}
    owners: list[str] = []
    values: dict[tuple[Timeframe, str], Decimal] = {}
    # A plan made from a split or an assignment has the default id; name its bar by dates.
    stack: list[tuple[PlanNode, Timeframe, str, tuple[str, ...]]] = [
        (root, whole, str(whole) if root.id == "plan" else root.id, ())
    ]
    while stack:
        node, frame, period, owner_path = stack.pop()
        parts = node.parts
        if not parts:
            owner = " / ".join(owner_path)
            periods.setdefault(frame, period)
            if owner not in owners:
                owners.append(owner)
            values[frame, owner] = values.get((frame, owner), Decimal(0)) + _leaf_value(node)
            continue
        for part in reversed(parts):
            part_frame = part.goal.timeframe or frame
            label = _short(part, node)
            if part_frame == frame:
                stack.append((part, frame, period, (*owner_path, label)))
            else:
                stack.append((part, part_frame, label, owner_path))
    ordered = sorted(periods.items(), key=lambda item: (item[0].start, item[0].end))
    for (first, _), (second, _) in itertools.pairwise(ordered):
        if second.start < first.end:
            raise InvalidInputError(
                f"the plan's periods {first} and {second} overlap; plot a plan whose "
                "leaves are periods of one kind (all quarters or all months)",
                name="plan_or_split",
                value=(first, second),
            )
    return ordered, owners, values


def plot_plan(plan_or_split: Plan | PeriodSplit | Assignment, *, ax: Axes | None = None) -> Figure:
    """Draw a plan's targets as bars: one per period, one segment per owner.

    The bars show the targets of the plan's leaves (its smallest parts). Parts with
    their parent's timeframe are owners or segments (from ``assign``), parts with a
    shorter one are periods (from ``split_by_period``), in either order and at any
    depth: annual → reps → quarters and annual → quarters → reps draw the same chart.
    Owners below teams are named ``team / rep``. A plan without periods draws one bar
    for its whole timeframe; one without owners, one segment per bar.

    Owner targets of a ``SUM`` or ``LEVEL`` metric add up, so the segments are stacked
    and each bar is labelled with its total (over-assignment shows as a total above the
    goal). An ``AVERAGE`` metric (win rate, deal size) does not add up: its owners' bars
    stand side by side. Stretch and driver goals are left out.

    Args:
        plan_or_split: A :class:`~smartgoals.planning.plan.Plan`, or a
            :class:`~smartgoals.planning.periods.PeriodSplit` or
            :class:`~smartgoals.planning.owners.Assignment` to draw as a plan of one level.
        ax: The Axes to draw on; a new figure by default.

    Returns:
        The figure drawn on.

    Raises:
        ModuleNotFoundError: if matplotlib is not installed.
        InvalidInputError: for another kind of argument, a root without a timeframe, a
            leaf without a target value, or leaves whose periods overlap.

    >>> from smartgoals import Goal, Owner, Scope, Target, Timeframe, metrics
    >>> from smartgoals.planning import Plan, assign, split_by_period
    >>> year = Goal(metric=metrics.get("demos_booked"), target=Target.level(480),
    ...             timeframe=Timeframe.year(2027))
    >>> team = assign(year, {Owner("Ann", Scope.INDIVIDUAL): 1, Owner("Bo", Scope.INDIVIDUAL): 1})
    >>> plan = Plan.from_goal(year, id="2027").attach("2027", team)
    >>> for rep in ("Ann", "Bo"):
    ...     plan = plan.attach(f"2027/{rep}", split_by_period(plan.node(f"2027/{rep}").goal, "quarter"))
    >>> ax = plot_plan(plan).axes[0]
    >>> len(ax.patches), [t.get_text() for t in ax.get_legend().get_texts()]
    (8, ['Ann', 'Bo'])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['FY2027 Q1', 'FY2027 Q2', 'FY2027 Q3', 'FY2027 Q4']
    """
    plan = _plan_from(plan_or_split)
    periods, owners, values = _cells(plan)
    figure, axes = _figure_and_axes(ax)
    goal = plan.root.goal
    metric = goal.metric
    stacked = metric is None or metric.aggregation is not Aggregation.AVERAGE
    positions = list(range(len(periods)))
    named = owners != [""]
    width = 0.7 if stacked else 0.8 / len(owners)
    bottoms = [0.0] * len(periods)
    for index, owner in enumerate(owners):
        heights = [_number(values.get((frame, owner), Decimal(0))) for frame, _ in periods]
        colour = _PALETTE[index % len(_PALETTE)]
        if stacked:
            axes.bar(
                positions, heights, width, bottom=bottoms, color=colour, label=_plain(owner) or "_"
            )
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        else:
            offset = (index - (len(owners) - 1) / 2) * width
            axes.bar(
                [p + offset for p in positions],
                heights,
                width,
                color=colour,
                label=_plain(owner) or "_",
            )
    if stacked:
        tops = axes.containers[-1]
        axes.bar_label(tops, labels=[_compact(b) for b in bottoms], padding=2, fontsize=8)  # type: ignore[arg-type]
    axes.set_xticks(positions, [_plain(label) for _, label in periods])
    axes.margins(y=0.1)
    if len(periods) > 6:
        axes.tick_params(axis="x", labelrotation=45)
    axes.set_xlabel("period")
    _value_axis(axes, metric, goal.currency)
    axes.set_title(_title(f"Plan: {_goal_label(goal, plan.root.id)}"))
    if named:
        axes.legend(title="owner", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _style(axes)
    return figure


def _goal_label(goal: Goal, fallback: str) -> str:
    if goal.statement:
        return goal.statement
    if goal.metric is None:
        return fallback
    text = f"{goal.metric.name} {target_text(goal, resolve=True)}".strip()
    return f"{text} ({goal.owner})" if goal.owner else text


# -- funnel ----------------------------------------------------------------------------


def _stage_name(key: str) -> str:
    try:
        return _metrics.get(key).name
    except InvalidInputError:
        return key


def plot_funnel(targets: FunnelTargets, *, ax: Axes | None = None) -> Figure:
    """Draw the activity targets behind an outcome goal, widest stage at the top.

    One horizontal bar per stage of :func:`~smartgoals.planning.funnel.activity_targets`,
    from the earliest (calls, MQLs) at the top down to the deals won at the bottom, each
    labelled with its count and the rate at which it converts into the stage below it.

    Args:
        targets: The :class:`~smartgoals.planning.funnel.FunnelTargets`.
        ax: The Axes to draw on; a new figure by default.

    Returns:
        The figure drawn on.

    Raises:
        ModuleNotFoundError: if matplotlib is not installed.
        InvalidInputError: if ``targets`` is not a FunnelTargets.

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> from smartgoals.planning import Funnel, activity_targets
    >>> goal = Goal(metric=metrics.get("new_customers"), target=Target.level(25),
    ...             timeframe=Timeframe.year(2027))
    >>> targets = activity_targets(goal, Funnel(close_rate="0.3", stages={"meetings": "0.4"}))
    >>> ax = plot_funnel(targets).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['meetings', 'opportunities', 'deals won'], 3)
    >>> [t.get_text() for t in ax.texts]
    ['210 (40% convert)', '84 (30% won)', '25']
    """
    if not isinstance(targets, FunnelTargets):
        raise InvalidInputError(
            f"plot_funnel takes the FunnelTargets from activity_targets, got "
            f"{type(targets).__name__}",
            name="targets",
            value=targets,
        )
    figure, axes = _figure_and_axes(ax)
    stages = list(reversed(targets.goals))
    rates = dict(targets.funnel.stages)
    counts = [_number(goal.target_value) for _, goal in stages]
    positions = list(range(len(stages)))
    colours = [_GREEN if key == "deals_won" else _BLUE for key, _ in stages]
    axes.barh(positions, counts, 0.7, color=colours)
    for position, (key, _), count in zip(positions, stages, counts, strict=True):
        if key == "deals_won":
            note = ""
        elif key == "opportunities":
            note = f" ({_percent(targets.funnel.close_rate)} won)"
        else:
            note = f" ({_percent(rates[key])} convert)"
        axes.annotate(
            f"{count:,.0f}{note}",
            (count, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color=_INK,
        )
    axes.set_yticks(positions, [_stage_name(key) for key, _ in stages])
    axes.invert_yaxis()
    axes.set_xlim(0, max(counts) * 1.35)
    axes.set_xlabel("target count")
    parent = targets.parent
    axes.set_title(_title(f"Funnel: {_goal_label(parent, 'outcome')}"))
    _style(axes)
    axes.grid(False)
    return figure


def _percent(rate: Decimal) -> str:
    text = f"{rate * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


# -- forecast --------------------------------------------------------------------------

_LIGHT_BLUE: Final = "#54aeff"
_ZERO: Final = Decimal(0)


def plot_forecast(forecast: Forecast, *, ax: Axes | None = None) -> Figure:
    """Draw a forecast as a waterfall: closed, then commit, then best case, against the target.

    The first bar rises from 0 to what has closed; the commit bar adds the open commit
    deals on top of it, and the best-case bar the open best-case deals on top of that,
    each labelled with the running total. A dashed line marks the target, a dotted line
    the most likely outcome, in the colour of the forecast's status.

    Args:
        forecast: The :class:`~smartgoals.tracking.Forecast`.
        ax: The Axes to draw on; a new figure by default.

    Returns:
        The figure drawn on.

    Raises:
        ModuleNotFoundError: if matplotlib is not installed.
        InvalidInputError: if ``forecast`` is not a Forecast.

    >>> from smartgoals import Goal, Target, Direction, Timeframe, metrics
    >>> from smartgoals.tracking import Deal, forecast
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.at_least(100_000), timeframe=Timeframe.quarter(2027, 3),
    ...             currency="EUR")
    >>> deals = [Deal("A", 40_000, date(2027, 5, 2), date(2027, 7, 20), "won"),
    ...          Deal("B", 30_000, date(2027, 6, 1), date(2027, 9, 10), "open",
    ...               category="commit", probability="0.8"),
    ...          Deal("C", 50_000, date(2027, 6, 9), date(2027, 9, 25), "open",
    ...               category="best case", probability="0.3")]
    >>> ax = plot_forecast(forecast(goal, deals, as_of=date(2027, 8, 15))).axes[0]
    >>> [(float(p.get_y()), float(p.get_height())) for p in ax.patches]
    [(0.0, 40000.0), (40000.0, 30000.0), (70000.0, 50000.0)]
    >>> [t.get_text() for t in ax.texts]
    ['40k', '70k', '120k']
    """
    if not isinstance(forecast, Forecast):
        raise InvalidInputError(
            f"plot_forecast takes a Forecast from smartgoals.tracking.forecast, got "
            f"{type(forecast).__name__}",
            name="forecast",
            value=forecast,
        )
    figure, axes = _figure_and_axes(ax)
    steps = [
        ("closed", _ZERO, forecast.closed, _GREEN),
        ("+ commit", forecast.closed, forecast.commit, _BLUE),
        ("+ best case", forecast.commit, forecast.best_case, _LIGHT_BLUE),
    ]
    positions = list(range(len(steps)))
    for position, (_, low, high, colour) in zip(positions, steps, strict=True):
        axes.bar(position, _number(high - low), 0.6, bottom=_number(low), color=colour, zorder=2)
        axes.annotate(
            _compact(_number(high)),
            (position, _number(high)),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            color=_INK,
        )
    status_colour = STATUS_COLOURS[forecast.status.value]
    axes.axhline(
        _number(forecast.target), color=_INK, linestyle="--", linewidth=1.2, label="target"
    )
    axes.axhline(
        _number(forecast.most_likely),
        color=status_colour,
        linestyle=":",
        linewidth=2,
        label="most likely",
    )
    axes.set_xticks(positions, [name for name, *_ in steps])
    top = max(forecast.best_case, forecast.target, forecast.most_likely)
    axes.set_ylim(0, _number(top) * 1.15 or 1.0)
    goal = forecast.goal
    _value_axis(axes, goal.metric, goal.currency)
    axes.set_title(
        _title(
            f"{_goal_label(goal, 'forecast')}: {forecast.status.label} "
            f"(as of {forecast.as_of.isoformat()})"
        ),
        color=status_colour,
    )
    axes.legend(loc="upper left", frameon=False, fontsize=9)
    _style(axes)
    return figure
