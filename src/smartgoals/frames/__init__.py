"""KPIs over DataFrames of raw records, on any engine narwhals supports.

Install the ``frames`` extra (``pip install smartgoals[frames]``): it brings
`narwhals <https://narwhals-dev.github.io/narwhals/>`_ only; bring your own engine
(pandas, polars, pyarrow, DuckDB, PySpark, Dask, ...). Every function takes a native
DataFrame or LazyFrame and returns the same kind, lazily where the input is lazy, computed
by the engine itself with the definitions of :mod:`smartgoals.kpi`.

CRM exports (HubSpot, Salesforce, Pipedrive) are read as their products write them with
``preset=`` on the deal KPIs (:mod:`smartgoals.frames.presets`). Amounts in several
currencies are converted to one with :func:`convert_currency`
(:mod:`smartgoals.frames.currency`).

``import smartgoals`` never imports this package, narwhals or any engine.
"""

from __future__ import annotations

from smartgoals.frames._columns import (
    ConversionColumns,
    CustomerColumns,
    DataProblem,
    DataReport,
    DealColumns,
    Invalid,
    PlanColumns,
    RecordColumns,
    SpendColumns,
    SubscriptionColumns,
)
from smartgoals.frames.attainment import quota_attainment
from smartgoals.frames.checkins import checkins_from
from smartgoals.frames.currency import convert_currency
from smartgoals.frames.deals import (
    average_deal_size,
    check_deals,
    close_rate,
    pipeline_coverage,
    sales_cycle_length,
    win_rate,
)
from smartgoals.frames.forecast import PRESET_COLUMNS, ForecastColumns, forecast
from smartgoals.frames.presets import Preset
from smartgoals.frames.spend import cac
from smartgoals.frames.subscriptions import (
    MOVEMENTS,
    check_subscriptions,
    customer_churn_rate,
    gross_revenue_retention,
    mrr_movements,
    net_revenue_retention,
    new_customers,
    revenue_churn_rate,
)

__all__ = [
    "MOVEMENTS",
    "PRESET_COLUMNS",
    "ConversionColumns",
    "CustomerColumns",
    "DataProblem",
    "DataReport",
    "DealColumns",
    "ForecastColumns",
    "Invalid",
    "PlanColumns",
    "Preset",
    "RecordColumns",
    "SpendColumns",
    "SubscriptionColumns",
    "average_deal_size",
    "cac",
    "check_deals",
    "check_subscriptions",
    "checkins_from",
    "close_rate",
    "convert_currency",
    "customer_churn_rate",
    "forecast",
    "gross_revenue_retention",
    "mrr_movements",
    "net_revenue_retention",
    "new_customers",
    "pipeline_coverage",
    "quota_attainment",
    "revenue_churn_rate",
    "sales_cycle_length",
    "win_rate",
]
