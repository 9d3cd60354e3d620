"""Set, check, plan and track SMART sales goals.

The main types and functions are available from the top-level package:

>>> import smartgoals
>>> from datetime import date
>>> goal = smartgoals.parse_goal("Increase revenue by 10% in 2027", today=date(2026, 11, 27))
>>> goal.metric.key, str(goal.target), goal.timeframe.last_day
('revenue', '+10%', datetime.date(2027, 12, 31))
>>> smartgoals.score(goal).verdict
<Verdict.PARTIALLY_SMART: 'partially_smart'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from smartgoals.exceptions import (
    CalendarError,
    CurrencyMismatchError,
    IncompleteGoalError,
    InvalidInputError,
    MissingRateError,
    ParseError,
    RegistrationError,
    RuleError,
    SmartGoalsError,
    UndefinedMetricError,
    ValidationError,
)

if TYPE_CHECKING:
    from smartgoals import kpi, metrics
    from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
    from smartgoals.language import describe, detect_language, explain, parse_goal, parse_goals
    from smartgoals.metrics import Aggregation, Metric, MetricKind, Polarity, Unit
    from smartgoals.money import Converted, FxRates
    from smartgoals.planning import (
        Capacity,
        Funnel,
        Plan,
        Ramp,
        Seasonality,
        activity_targets,
        allocate,
        assign,
        split_by_period,
    )
    from smartgoals.scoring import (
        Context,
        Criterion,
        CriterionStatus,
        Finding,
        Rule,
        RuleSet,
        Scorecard,
        Severity,
        Verdict,
        rule,
        score,
    )
    from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity, Timeframe
    from smartgoals.tracking import (
        CheckIn,
        PeriodProgress,
        Progress,
        ProgressStatus,
        Thresholds,
        checkin_dates,
        grade,
        track,
        track_plan,
    )

#: The version, written only here: the build (``[tool.hatch.version]``) and
#: ``smartgoals --version`` read it.
__version__ = "0.1.0.dev0"

#: Where each lazily loaded name lives. A module loads on first use of one of its names
#: (PEP 562), so ``import smartgoals`` costs little more than attrs and dateutil.
_LAZY: Final = {
    **dict.fromkeys(("kpi", "metrics"), ""),
    **dict.fromkeys(
        ("Direction", "Goal", "GoalType", "Owner", "Scope", "Target", "TargetKind"),
        "smartgoals.goals",
    ),
    **dict.fromkeys(
        ("describe", "detect_language", "explain", "parse_goal", "parse_goals"),
        "smartgoals.language",
    ),
    **dict.fromkeys(
        ("Aggregation", "Metric", "MetricKind", "Polarity", "Unit"), "smartgoals.metrics"
    ),
    **dict.fromkeys(
        (
            "Capacity",
            "Funnel",
            "FxRates",
            "Plan",
            "Ramp",
            "Seasonality",
            "activity_targets",
            "allocate",
            "assign",
            "split_by_period",
        ),
        "smartgoals.planning",
    ),
    **dict.fromkeys(
        (
            "Context",
            "Criterion",
            "CriterionStatus",
            "Finding",
            "Rule",
            "RuleSet",
            "Scorecard",
            "Severity",
            "Verdict",
            "rule",
            "score",
        ),
        "smartgoals.scoring",
    ),
    **dict.fromkeys(
        ("CALENDAR_YEAR", "FiscalCalendar", "Granularity", "Timeframe"), "smartgoals.timeframes"
    ),
    **dict.fromkeys(("Converted", "FxRates"), "smartgoals.money"),
    **dict.fromkeys(
        (
            "CheckIn",
            "PeriodProgress",
            "Progress",
            "ProgressStatus",
            "Thresholds",
            "checkin_dates",
            "grade",
            "track",
            "track_plan",
        ),
        "smartgoals.tracking",
    ),
}


def __getattr__(name: str) -> Any:
    """Load a public name's module on first use and keep the name (PEP 562)."""
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'smartgoals' has no attribute {name!r}")
    if where:
        value = getattr(importlib.import_module(where), name)
    else:
        value = importlib.import_module(f"smartgoals.{name}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "CALENDAR_YEAR",
    "Aggregation",
    "CalendarError",
    "Capacity",
    "CheckIn",
    "Context",
    "Converted",
    "Criterion",
    "CriterionStatus",
    "CurrencyMismatchError",
    "Direction",
    "Finding",
    "FiscalCalendar",
    "Funnel",
    "FxRates",
    "Goal",
    "GoalType",
    "Granularity",
    "IncompleteGoalError",
    "InvalidInputError",
    "Metric",
    "MetricKind",
    "MissingRateError",
    "Owner",
    "ParseError",
    "PeriodProgress",
    "Plan",
    "Polarity",
    "Progress",
    "ProgressStatus",
    "Ramp",
    "RegistrationError",
    "Rule",
    "RuleError",
    "RuleSet",
    "Scope",
    "Scorecard",
    "Seasonality",
    "Severity",
    "SmartGoalsError",
    "Target",
    "TargetKind",
    "Thresholds",
    "Timeframe",
    "UndefinedMetricError",
    "Unit",
    "ValidationError",
    "Verdict",
    "activity_targets",
    "allocate",
    "assign",
    "checkin_dates",
    "describe",
    "detect_language",
    "explain",
    "grade",
    "kpi",
    "metrics",
    "parse_goal",
    "parse_goals",
    "rule",
    "score",
    "split_by_period",
    "track",
    "track_plan",
]
