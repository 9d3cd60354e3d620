"""Shared Hypothesis strategies: one per model type; every new field is added here."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.metrics import Aggregation, Metric, Unit
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

__all__ = ["dates", "fiscal_calendars", "goals", "metrics_", "owners", "timeframes"]


def dates(min_year: int = 1990, max_year: int = 2100) -> st.SearchStrategy[date]:
    """Dates in a range of years wide enough for fiscal-year edge cases."""
    return st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31))


@st.composite
def timeframes(draw: st.DrawFn, max_days: int = 3 * 366) -> Timeframe:
    """Half-open timeframes of 1 to ``max_days`` days."""
    start = draw(dates())
    length = draw(st.integers(min_value=1, max_value=max_days))
    return Timeframe(start, start + timedelta(days=length))


def metrics_() -> st.SearchStrategy[Metric]:
    """Metrics from the default catalog."""
    return st.sampled_from(metrics.all())


def owners() -> st.SearchStrategy[Owner]:
    """Owners with printable names at every scope."""
    names = st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=20)
    return st.builds(Owner, names.filter(str.strip), st.sampled_from(Scope))


def _amounts(low: Decimal, high: Decimal) -> st.SearchStrategy[Decimal]:
    return st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def goals(draw: st.DrawFn, *, complete: bool = False, rates: bool = True) -> Goal:
    """Valid goals; with ``complete=True`` every part a plan needs is present.

    With ``rates=True`` (the default) some targets hold per period (``Target.per``);
    ``rates=False`` draws only targets over the whole timeframe.

    Targets, baselines and directions are drawn so that they agree with each other
    and with the metric's range, which is what the Goal class enforces.
    """
    metric = draw(metrics_())
    low = metric.minimum if metric.minimum is not None else Decimal(-(10**9))
    high = metric.maximum if metric.maximum is not None else Decimal(10**9)
    kind = draw(st.sampled_from(TargetKind))
    # A level at a point in time (MRR, customers) carries its own period: no cadence.
    per = (
        draw(st.none() | st.sampled_from(Granularity))
        if rates and metric.aggregation is not Aggregation.LEVEL
        else None
    )
    has_baseline = complete or draw(st.booleans())
    # Keep room above the baseline so that a +200% change stays in range.
    baseline = draw(_amounts(low, high / 3 if high > 0 else high)) if has_baseline else None
    if kind is TargetKind.CHANGE:
        relative = draw(st.booleans())
        if relative:
            value = draw(_amounts(Decimal(-1), Decimal(2)))
        else:
            base = baseline if baseline is not None else Decimal(0)
            value = draw(_amounts(low - base, high - base))
        target = Target.change(value, relative=relative, per=per)
        if value > 0:
            direction = Direction.INCREASE
        elif value < 0:
            direction = Direction.DECREASE
        else:
            direction = Direction.MAINTAIN
    else:
        value = draw(_amounts(low, high))
        target = Target(kind, value, per=per)
        if baseline is None or value == baseline:
            direction = draw(st.sampled_from(Direction))
        elif kind is TargetKind.AT_MOST:
            direction = Direction.DECREASE if value < baseline else Direction.MAINTAIN
        elif kind is TargetKind.AT_LEAST:
            direction = Direction.INCREASE if value > baseline else Direction.MAINTAIN
        else:
            direction = Direction.INCREASE if value > baseline else Direction.DECREASE
    return Goal(
        statement=draw(st.none() | st.text(max_size=80)),
        metric=metric if complete or draw(st.booleans()) else None,
        direction=direction if complete or draw(st.booleans()) else None,
        target=target if complete or draw(st.booleans()) else None,
        baseline=baseline,
        timeframe=draw(timeframes()) if complete else draw(st.none() | timeframes()),
        currency=draw(st.sampled_from(["EUR", "USD", "GBP"]))
        if metric.unit is Unit.CURRENCY and draw(st.booleans())
        else None,
        owner=draw(st.none() | owners()),
        type=draw(st.sampled_from(GoalType)),
        strategy=draw(st.none() | st.text(min_size=1, max_size=40)),
        baseline_period=draw(st.none() | timeframes()) if baseline is not None else None,
    )


@st.composite
def fiscal_calendars(draw: st.DrawFn) -> FiscalCalendar:
    """Fiscal calendars of every kind: any start month and day (29-31 included), both
    namings, month-based and 4-4-5/4-5-4/5-4-4 week-based with any week end and rule."""
    start_month = draw(st.integers(min_value=1, max_value=12))
    start_day = draw(st.integers(min_value=1, max_value=31))
    naming = draw(st.sampled_from(["end", "start"]))
    weeks = draw(st.sampled_from([None, "4-4-5", "4-5-4", "5-4-4"]))
    if weeks is None:
        return FiscalCalendar(start_month, start_day, naming=naming)
    return FiscalCalendar(
        start_month,
        start_day,
        naming=naming,
        weeks=weeks,
        week_end=draw(st.integers(min_value=0, max_value=6)),
        week_rule=draw(st.sampled_from(["nearest", "last"])),
    )
