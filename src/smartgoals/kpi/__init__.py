"""Sales and SaaS KPIs as pure functions: churn, retention, LTV, CAC, win rate, growth and more.

The functions need no :class:`~smartgoals.Goal`; they take numbers and return numbers,
one module per theme (:mod:`~smartgoals.kpi.retention`, :mod:`~smartgoals.kpi.value`,
:mod:`~smartgoals.kpi.acquisition`, :mod:`~smartgoals.kpi.pipeline`,
:mod:`~smartgoals.kpi.growth`, :mod:`~smartgoals.kpi.finance`,
:mod:`~smartgoals.kpi.people`), all re-exported here. :func:`catalog` lists them with their
formula, source and the metric key they compute.

Number rules, shared by every function (like the :mod:`statistics` module):

* **Result type.** Any ``Decimal`` (or ``str``, read as decimal text) argument gives a
  ``Decimal``; otherwise any ``Fraction`` without a ``float`` gives a ``Fraction``;
  otherwise (ints and floats) a ``float``. Arithmetic is exact and rounded once; a float
  goes through ``str``, so no float ever enters Decimal arithmetic.
* **Invalid input** raises :class:`~smartgoals.exceptions.InvalidInputError` naming the
  argument and its value: bools, NaN, infinities, negative counts, churned above the
  customers that could churn, start + new − churned ≠ end, a rate argument outside
  [0, 1] (``5`` meant as 5%), a deal closed before it was created.
* **Ranges.** Every value a function returns for valid inputs lies in the range of the
  metric its :func:`catalog` entry names (employee turnover may exceed 1; net revenue
  churn and quota attainment may be negative).
* **Undefined results** (0 ÷ 0, empty data) are NaN: ``float("nan")``, or
  ``Decimal("NaN")`` for Decimal inputs; a Fraction cannot be NaN, so Fraction inputs give
  ``float("nan")``. Every function takes ``strict=True`` to raise
  :class:`~smartgoals.exceptions.UndefinedMetricError` instead.
* **Infinite results** (LTV at zero churn, a payback that never comes) are
  ``float("inf")`` or ``Decimal("Infinity")``, by the same rule.

>>> from decimal import Decimal
>>> from smartgoals.kpi import customer_churn_rate, ltv
>>> customer_churn_rate(Decimal(5), 100), customer_churn_rate(5, 100)
(Decimal('0.05'), 0.05)
>>> ltv(100, 0)
inf
>>> customer_churn_rate(0, 0), customer_churn_rate(Decimal(0), 0)
(nan, Decimal('NaN'))
"""

from __future__ import annotations

from smartgoals.kpi._catalog import THEMES, KpiEntry, catalog
from smartgoals.kpi._numeric import Number, NumberLike
from smartgoals.kpi.acquisition import (
    CacBreakdown,
    Costs,
    cac,
    cac_breakdown,
    cac_payback_months,
    ltv_to_cac,
)
from smartgoals.kpi.finance import break_even_sales, break_even_units, contribution_margin_ratio
from smartgoals.kpi.growth import DAYS_PER_YEAR, cagr, growth_rate, required_growth
from smartgoals.kpi.people import (
    employee_turnover_rate,
    quota_attainment,
    share_at_quota,
    team_attainment,
)
from smartgoals.kpi.pipeline import (
    CycleStatistic,
    FunnelRates,
    FunnelStep,
    average_deal_size,
    close_rate,
    conversion_rate,
    funnel_rates,
    pipeline_coverage,
    sales_cycle_length,
    win_rate,
)
from smartgoals.kpi.retention import (
    ChurnMethod,
    CohortRetention,
    cohort_retention,
    customer_churn_rate,
    gross_revenue_retention,
    net_revenue_retention,
    retention_rate,
    revenue_churn_rate,
)
from smartgoals.kpi.value import FirstPayment, arpa, clv, ltv

__all__ = [
    "DAYS_PER_YEAR",
    "THEMES",
    "CacBreakdown",
    "ChurnMethod",
    "CohortRetention",
    "Costs",
    "CycleStatistic",
    "FirstPayment",
    "FunnelRates",
    "FunnelStep",
    "KpiEntry",
    "Number",
    "NumberLike",
    "arpa",
    "average_deal_size",
    "break_even_sales",
    "break_even_units",
    "cac",
    "cac_breakdown",
    "cac_payback_months",
    "cagr",
    "catalog",
    "close_rate",
    "clv",
    "cohort_retention",
    "contribution_margin_ratio",
    "conversion_rate",
    "customer_churn_rate",
    "employee_turnover_rate",
    "funnel_rates",
    "gross_revenue_retention",
    "growth_rate",
    "ltv",
    "ltv_to_cac",
    "net_revenue_retention",
    "pipeline_coverage",
    "quota_attainment",
    "required_growth",
    "retention_rate",
    "revenue_churn_rate",
    "sales_cycle_length",
    "share_at_quota",
    "team_attainment",
    "win_rate",
]
