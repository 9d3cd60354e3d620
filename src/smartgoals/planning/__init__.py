"""Planning: break targets down exactly over periods, segments and owners.

The layers of the article (annual → team → individual → activity, plus stretch goals)
map onto these functions:

* :func:`allocate` divides an amount into multiples of a quantum that add up exactly;
* :func:`split_by_period` splits a goal into quarters, months or weeks (÷4, ÷12, or by
  working days or a :class:`Seasonality`), by the metric's aggregation;
* :func:`assign` gives owners or segments their part, with weights or :class:`Capacity`,
  :class:`Ramp` for new hires, proration, over-assignment and stretch;
* :func:`activity_targets` derives the activity goals behind an outcome through a
  :class:`Funnel`;
* :class:`Plan` holds the tree, rolls it up, checks it and rebalances it.

>>> from smartgoals.planning import allocate
>>> allocate("1000000.00", [1] * 12, quantum="0.01")[-1]
Decimal('83333.33')
"""

from __future__ import annotations

from smartgoals.planning.allocation import allocate, as_fraction, default_quantum
from smartgoals.planning.funnel import Funnel, FunnelTargets, activity_targets
from smartgoals.planning.owners import (
    Assignment,
    Capacity,
    OwnerShare,
    Ramp,
    assign,
    availability,
)
from smartgoals.planning.periods import Period, PeriodSplit, Seasonality, split_by_period
from smartgoals.planning.plan import IssueKind, Plan, PlanIssue, PlanNode, Relation

__all__ = [
    "Assignment",
    "Capacity",
    "Funnel",
    "FunnelTargets",
    "IssueKind",
    "OwnerShare",
    "Period",
    "PeriodSplit",
    "Plan",
    "PlanIssue",
    "PlanNode",
    "Ramp",
    "Relation",
    "Seasonality",
    "activity_targets",
    "allocate",
    "as_fraction",
    "assign",
    "availability",
    "default_quantum",
    "split_by_period",
]
