"""KPIs over DataFrames of raw records, on any engine narwhals supports.

Install the ``frames`` extra (``pip install smartgoals[frames]``): it brings
`narwhals <https://narwhals-dev.github.io/narwhals/>`_ only; bring your own engine
(pandas, polars, pyarrow, DuckDB, PySpark, Dask, ...). Every function takes a native
DataFrame or LazyFrame and returns the same kind, lazily where the input is lazy, computed
by the engine itself with the definitions of :mod:`smartgoals.kpi`.

``import smartgoals`` never imports this package, narwhals or any engine.
"""

from __future__ import annotations

from smartgoals.frames._columns import (
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
from smartgoals.frames.deals import (
    average_deal_size,
    check_deals,
    close_rate,
    pipeline_coverage,
    sales_cycle_length,
    win_rate,
)

__all__ = [
    "CustomerColumns",
    "DataProblem",
    "DataReport",
    "DealColumns",
    "Invalid",
    "PlanColumns",
    "RecordColumns",
    "SpendColumns",
    "SubscriptionColumns",
    "average_deal_size",
    "check_deals",
    "close_rate",
    "pipeline_coverage",
    "sales_cycle_length",
    "win_rate",
]
