"""Track goals: check-ins, pacing, progress, status, OKR grades and plan roll-ups.

>>> from datetime import date
>>> from smartgoals import metrics
>>> from smartgoals.goals import Goal, Direction, Target
>>> from smartgoals.timeframes import Timeframe
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.level(1_200_000), timeframe=Timeframe.year(2027), currency="USD")
>>> progress = track(goal, [CheckIn(date(2027, 4, 30), 400_000)], as_of=date(2027, 4, 30))
>>> print(progress)
revenue, 2027-01-01 – 2027-12-31, as of 2027-04-30: on track
  actual     400,000.00 USD of 1,200,000.00 USD (attainment 33.3%)
  expected   394,520.55 USD (pace 101.4%)
  projected  1,216,666.67 USD (gap +16,666.67 USD)
  required   3,265.31 USD/day, 22,857.14 USD/week, 99,385.71 USD/month
  days       120 elapsed, 245 remaining
"""

from __future__ import annotations

from smartgoals.tracking._checkins import CheckIn, checkin_dates
from smartgoals.tracking._forecast import (
    DEFAULT_CATEGORY_PROBABILITIES,
    Deal,
    DealStatus,
    Forecast,
    ForecastCategory,
    ForecastLine,
    ForecastMethod,
    ForecastTotals,
    StageWinRate,
    deals_from,
    forecast,
    forecast_from_totals,
    stage_win_rates,
)
from smartgoals.tracking._grading import Expectation, Grade, GradeBand, grade
from smartgoals.tracking._pacing import Pacing, PacingBasis
from smartgoals.tracking._progress import (
    PeriodProgress,
    Progress,
    RequiredRate,
    TrackingMode,
    track,
)
from smartgoals.tracking._rollup import (
    ProgressNode,
    RollupStatus,
    rollup,
    track_plan,
    ytd_attainment,
)
from smartgoals.tracking._status import ProgressStatus, ThresholdMeasure, Thresholds

__all__ = [
    "DEFAULT_CATEGORY_PROBABILITIES",
    "CheckIn",
    "Deal",
    "DealStatus",
    "Expectation",
    "Forecast",
    "ForecastCategory",
    "ForecastLine",
    "ForecastMethod",
    "ForecastTotals",
    "Grade",
    "GradeBand",
    "Pacing",
    "PacingBasis",
    "PeriodProgress",
    "Progress",
    "ProgressNode",
    "ProgressStatus",
    "RequiredRate",
    "RollupStatus",
    "StageWinRate",
    "ThresholdMeasure",
    "Thresholds",
    "TrackingMode",
    "checkin_dates",
    "deals_from",
    "forecast",
    "forecast_from_totals",
    "grade",
    "rollup",
    "stage_win_rates",
    "track",
    "track_plan",
    "ytd_attainment",
]
