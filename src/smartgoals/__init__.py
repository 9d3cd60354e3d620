"""Set, check, plan and track SMART sales goals.

The main types and functions are available from the top-level package:

>>> import smartgoals
>>> from datetime import date
>>> goal = smartgoals.Goal(
...     metric=smartgoals.metrics.get("revenue"),
...     direction=smartgoals.Direction.INCREASE,
...     target=smartgoals.Target.level(1_200_000),
...     timeframe=smartgoals.Timeframe(date(2027, 1, 1), date(2028, 1, 1)),
...     currency="USD",
... )
>>> goal.target_value
Decimal('1200000')
"""

from __future__ import annotations

from smartgoals import kpi, metrics
from smartgoals.exceptions import (
    CalendarError,
    IncompleteGoalError,
    InvalidInputError,
    ParseError,
    RegistrationError,
    RuleError,
    SmartGoalsError,
    UndefinedMetricError,
    ValidationError,
)
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.metrics import Aggregation, Metric, MetricKind, Polarity, Unit
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity, Timeframe

__all__ = [
    "CALENDAR_YEAR",
    "Aggregation",
    "CalendarError",
    "Direction",
    "FiscalCalendar",
    "Goal",
    "GoalType",
    "Granularity",
    "IncompleteGoalError",
    "InvalidInputError",
    "Metric",
    "MetricKind",
    "Owner",
    "ParseError",
    "Polarity",
    "RegistrationError",
    "RuleError",
    "Scope",
    "SmartGoalsError",
    "Target",
    "TargetKind",
    "Timeframe",
    "UndefinedMetricError",
    "Unit",
    "ValidationError",
    "kpi",
    "metrics",
]
