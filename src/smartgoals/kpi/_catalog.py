"""The catalog of KPI functions: name, formula, source, metric key and theme of each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs

from smartgoals.kpi import acquisition, finance, growth, people, pipeline, retention, value

__all__ = ["THEMES", "KpiEntry", "catalog"]

#: The themes, in the order the reference documents them.
THEMES: Final = (
    "retention",
    "value",
    "acquisition",
    "pipeline",
    "growth",
    "finance",
    "people",
)


@attrs.frozen
class KpiEntry:
    """One KPI function with what it computes and where its definition comes from.

    Attributes:
        name: The function's name in :mod:`smartgoals.kpi`.
        function: The function itself; :func:`inspect.signature` describes its arguments.
        formula: The formula in plain text.
        source: Who defines it this way.
        metric: The key of the metric-catalog entry it computes, or None.
        theme: The module it lives in (``"retention"``, ``"value"``, ...).

    >>> entry = next(e for e in catalog() if e.name == "win_rate")
    >>> entry.metric, entry.theme, entry.function(3, 1)
    ('win_rate', 'pipeline', 0.75)
    """

    name: str
    function: Callable[..., object] = attrs.field(repr=False)
    formula: str
    source: str
    metric: str | None
    theme: str = attrs.field(validator=attrs.validators.in_(THEMES))


def _entry(
    function: Callable[..., object], formula: str, source: str, metric: str | None
) -> KpiEntry:
    theme = function.__module__.rsplit(".", 1)[-1]
    return KpiEntry(function.__name__, function, formula, source, metric, theme)


_CATALOG: Final = (
    _entry(
        retention.customer_churn_rate,
        "start: (churned − new_and_churned) ÷ start; start_plus_new: churned ÷ (start + new); "
        "average: churned ÷ ((start + end) ÷ 2)",
        "ChartMogul (B2B), Recurly, Baremetrics (start); Stripe (start_plus_new)",
        "customer_churn_rate",
    ),
    _entry(
        retention.retention_rate,
        "1 − customer churn rate",
        "as customer_churn_rate",
        "customer_retention_rate",
    ),
    _entry(
        retention.revenue_churn_rate,
        "gross: (churned + contraction) ÷ start MRR; "
        "net: (churned + contraction − expansion − reactivation) ÷ start MRR",
        "ChartMogul, Baremetrics",
        "revenue_churn_rate",
    ),
    _entry(
        retention.net_revenue_retention,
        "(start + expansion − contraction − churned) ÷ start",
        "ChartMogul, Stripe (net dollar retention)",
        "nrr",
    ),
    _entry(
        retention.gross_revenue_retention,
        "(start − contraction − churned) ÷ start",
        "ChartMogul, KeyBanc SaaS survey",
        None,
    ),
    _entry(
        retention.cohort_retention,
        "NRR = Σ now ÷ Σ base; GRR = Σ min(now, base) ÷ Σ base; "
        "logo retention = customers still paying ÷ customers in base",
        "ChartMogul cohort analysis",
        None,
    ),
    _entry(value.arpa, "revenue ÷ customers", "ChartMogul, Baremetrics", "arpa"),
    _entry(
        value.ltv,
        "ARPA × gross margin ÷ churn rate",
        "ChartMogul, Baremetrics",
        "ltv",
    ),
    _entry(
        value.clv,
        "m · r ÷ (1 + d − r) (infinite horizon); Σ m · rᵗ ÷ (1 + d)ᵗ (finite horizon)",
        "Gupta & Lehmann (2003), Customers as Assets",
        # A negative margin gives a negative CLV, below the ltv metric's minimum of 0.
        None,
    ),
    _entry(
        acquisition.cac,
        "sales and marketing cost ÷ new customers",
        "HubSpot, ChartMogul",
        "cac",
    ),
    _entry(
        acquisition.cac_breakdown,
        "included cost lines ÷ new customers, with the lines listed",
        "HubSpot, ChartMogul",
        "cac",
    ),
    _entry(acquisition.ltv_to_cac, "LTV ÷ CAC", "David Skok (For Entrepreneurs)", None),
    _entry(
        acquisition.cac_payback_months,
        "CAC ÷ (monthly ARPA × gross margin)",
        "David Skok (For Entrepreneurs), ChartMogul",
        None,
    ),
    _entry(
        pipeline.win_rate,
        "won ÷ (won + lost); with include_open: won ÷ (won + lost + open)",
        "HubSpot, Salesforce",
        "win_rate",
    ),
    _entry(pipeline.close_rate, "won ÷ created", "HubSpot", "close_rate"),
    _entry(
        pipeline.average_deal_size,
        "Σ won amounts ÷ number of won deals",
        "HubSpot, Salesforce",
        "average_deal_size",
    ),
    _entry(
        pipeline.sales_cycle_length,
        "mean (or median) of closed − created, in days, over won deals or won and lost",
        "HubSpot, Salesforce (won deals only); Daymark, PortfolioIQ (won and lost)",
        "sales_cycle_length",
    ),
    _entry(pipeline.conversion_rate, "converted ÷ total", "HubSpot", None),
    _entry(
        pipeline.funnel_rates,
        "stage k+1 ÷ stage k for each step; last stage ÷ first stage end to end",
        "HubSpot",
        None,
    ),
    _entry(
        pipeline.pipeline_coverage,
        "open pipeline ÷ remaining quota",
        "Salesforce, Clari",
        None,
    ),
    _entry(
        growth.growth_rate,
        "(current − previous) ÷ previous",
        "standard period-over-period growth",
        None,
    ),
    _entry(
        growth.cagr,
        "(end ÷ start)^(1 ÷ years) − 1; years = days ÷ 365.25 with dates",
        "Investopedia, CFA Institute",
        None,
    ),
    _entry(
        growth.required_growth,
        "(target ÷ baseline)^(1 ÷ periods) − 1",
        "CAGR over goal periods",
        None,
    ),
    _entry(
        finance.contribution_margin_ratio,
        "(sales − variable costs) ÷ sales",
        "managerial accounting (cost-volume-profit)",
        None,
    ),
    _entry(
        finance.break_even_sales,
        "fixed costs ÷ contribution margin ratio",
        "managerial accounting (cost-volume-profit)",
        None,
    ),
    _entry(
        finance.break_even_units,
        "fixed costs ÷ (price − variable cost per unit)",
        "managerial accounting (cost-volume-profit)",
        None,
    ),
    _entry(
        people.employee_turnover_rate,
        "separations ÷ average headcount; average = (start + end) ÷ 2",
        "SHRM",
        "employee_turnover",
    ),
    _entry(people.quota_attainment, "actual ÷ quota", "common sales practice", "quota_attainment"),
    _entry(
        people.team_attainment,
        "Σ actual ÷ Σ quota",
        "common sales practice (quota-weighted)",
        "quota_attainment",
    ),
    _entry(
        people.share_at_quota,
        "people with attainment ≥ threshold ÷ people",
        "common sales practice (Bridge Group, Xactly)",
        None,
    ),
)


def catalog() -> tuple[KpiEntry, ...]:
    """Return every KPI function with its formula, source, metric key and theme.

    Entries come theme by theme, in the order of the KPI reference. A metric key may appear
    on more than one entry when functions compute the metric in different ways (``cac``
    and ``cac_breakdown``). Every value an entry's function returns for valid inputs lies
    in its metric's range (:meth:`smartgoals.metrics.Metric.in_range`), NaN (undefined)
    aside; a function that can leave that range (``clv``, negative for a negative margin)
    names no metric.

    Returns:
        A tuple of :class:`KpiEntry`.

    >>> [e.name for e in catalog() if e.metric == "quota_attainment"]
    ['quota_attainment', 'team_attainment']
    >>> len({e.theme for e in catalog()})
    7
    """
    return _CATALOG
