from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals import kpi
from smartgoals.exceptions import InvalidInputError
from smartgoals.frames import (
    MOVEMENTS,
    check_subscriptions,
    customer_churn_rate,
    gross_revenue_retention,
    mrr_movements,
    net_revenue_retention,
    new_customers,
    revenue_churn_rate,
)
from smartgoals.frames._periods import period_label
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity
from test_frames_engines import engine_params, engines, rows, same, to_engine

SETTINGS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CALENDARS = [CALENDAR_YEAR, FiscalCalendar(start_month=4), FiscalCalendar(2, weeks="4-4-5")]


@st.composite
def subscription_tables(draw: st.DrawFn) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {"customer": [], "plan": [], "date": [], "mrr": []}
    for customer in range(draw(st.integers(0, 6))):
        for month in range(1, 13):
            for _ in range(draw(st.sampled_from([0, 1, 1, 2]))):
                table["customer"].append(f"c{customer}")
                table["plan"].append(draw(st.sampled_from(["basic", "pro"])))
                table["date"].append(date(2027, month, draw(st.integers(1, 28))))
                table["mrr"].append(float(draw(st.sampled_from([0, 10, 20, 50, 100]))))
    return table


def _reference(
    table: dict[str, list[Any]], period: str, calendar: FiscalCalendar
) -> dict[tuple[str, str], dict[str, float]]:
    """MRR movements in plain Python, period by period, for each plan."""
    g = Granularity(period)
    bounds = [
        calendar.period_of(d, g) for d in table["date"]
    ]  # the periods that have data decide the range
    if not bounds:
        return {}
    first, last = min(b.start for b in bounds), max(b.start for b in bounds)
    from smartgoals.timeframes import Timeframe

    span = calendar.periods(Timeframe(first, max(b.end for b in bounds)), g)
    span = [p for p in span if first <= p.start <= last]
    paid: dict[tuple[str, str], dict[int, float]] = defaultdict(lambda: defaultdict(float))
    index = {p.start: i for i, p in enumerate(span)}
    for customer, plan, day, mrr in zip(
        table["customer"], table["plan"], table["date"], table["mrr"], strict=True
    ):
        paid[(customer, plan)][index[calendar.period_of(day, g).start]] += mrr
    out: dict[tuple[str, str], dict[str, float]] = {}
    for (_, plan), amounts in paid.items():
        active = {k: v for k, v in amounts.items() if v > 0}
        if not active:
            continue
        first_key = min(active)
        for k in range(first_key, len(span)):
            prev, cur = active.get(k - 1, 0.0), active.get(k, 0.0)
            if prev == 0 and cur == 0:
                continue
            row = out.setdefault((plan, calendar.label(span[k])), dict.fromkeys(MOVEMENTS, 0.0))
            row["customers_start"] += prev > 0
            row["customers_end"] += cur > 0
            row["mrr_start"] += prev
            row["mrr_end"] += cur
            if prev == 0:
                kind = "new" if k == first_key else "reactivated"
                row[f"customers_{kind}"] += 1
                row["mrr_new" if k == first_key else "mrr_reactivation"] += cur
            elif cur == 0:
                row["customers_churned"] += 1
                row["mrr_churned"] += prev
            elif cur > prev:
                row["mrr_expansion"] += cur - prev
            else:
                row["mrr_contraction"] += prev - cur
    return out


def _nan(value: Any) -> Any:
    return None if value != value else float(value)


@SETTINGS
@given(
    table=subscription_tables(),
    period=st.sampled_from(["month", "quarter"]),
    calendar=st.sampled_from(CALENDARS),
)
def test_engines_agree_with_the_scalar_kpis_period_by_period(
    table: dict[str, list[Any]], period: str, calendar: FiscalCalendar
) -> None:
    reference = _reference(table, period, calendar)
    keys = sorted(reference)
    expected_movements = [(*k, *(reference[k][m] for m in MOVEMENTS)) for k in keys]
    r = {k: reference[k] for k in keys}

    def scalar(function: Any, *names: str, **options: Any) -> list[tuple[Any, ...]]:
        return [(*k, _nan(function(*(r[k][n] for n in names), **options))) for k in keys]

    expected = {
        "churn_start": scalar(kpi.customer_churn_rate, "customers_churned", "customers_start"),
        "churn_new": [
            (
                *k,
                _nan(
                    kpi.customer_churn_rate(
                        r[k]["customers_churned"],
                        r[k]["customers_start"],
                        new=r[k]["customers_new"] + r[k]["customers_reactivated"],
                        method="start_plus_new",
                    )
                ),
            )
            for k in keys
        ],
        "churn_average": [
            (
                *k,
                _nan(
                    kpi.customer_churn_rate(
                        r[k]["customers_churned"],
                        r[k]["customers_start"],
                        end=r[k]["customers_end"],
                        method="average",
                    )
                ),
            )
            for k in keys
        ],
        "gross": scalar(kpi.revenue_churn_rate, "mrr_churned", "mrr_contraction", "mrr_start"),
        "net": [
            (
                *k,
                _nan(
                    kpi.revenue_churn_rate(
                        r[k]["mrr_churned"],
                        r[k]["mrr_contraction"],
                        r[k]["mrr_start"],
                        expansion=r[k]["mrr_expansion"],
                        reactivation=r[k]["mrr_reactivation"],
                        net=True,
                    )
                ),
            )
            for k in keys
        ],
        "nrr": scalar(
            kpi.net_revenue_retention,
            "mrr_start",
            "mrr_expansion",
            "mrr_contraction",
            "mrr_churned",
        ),
        "grr": scalar(kpi.gross_revenue_retention, "mrr_start", "mrr_contraction", "mrr_churned"),
        "new": [(*k, r[k]["customers_new"]) for k in keys],
    }
    for name in engines():
        native = to_engine(name, table)
        options: dict[str, Any] = {"by": "plan", "period": period, "calendar": calendar}
        got = {"churn_start": customer_churn_rate(native, **options)}
        if name == "polars":  # every rate is computed from the same movements, so one engine
            got |= {
                "churn_new": customer_churn_rate(native, method="start_plus_new", **options),
                "churn_average": customer_churn_rate(native, method="average", **options),
                "gross": revenue_churn_rate(native, **options),
                "net": revenue_churn_rate(native, net=True, **options),
                "nrr": net_revenue_retention(native, **options),
                "grr": gross_revenue_retention(native, **options),
                "new": new_customers(native, **options),
            }
        for kpi_name, result in got.items():
            assert same(rows(result), expected[kpi_name]), (name, kpi_name)
        assert same(rows(mrr_movements(native, **options)), expected_movements), name


@SETTINGS
@given(table=subscription_tables())
def test_movements_add_up_from_start_to_end(table: dict[str, list[Any]]) -> None:
    for row in mrr_movements(to_engine("polars", table), by="plan").iter_rows(named=True):
        moved = (
            row["mrr_start"]
            + row["mrr_new"]
            + row["mrr_reactivation"]
            + row["mrr_expansion"]
            - row["mrr_contraction"]
            - row["mrr_churned"]
        )
        assert moved == pytest.approx(row["mrr_end"])
        customers = (
            row["customers_start"]
            + row["customers_new"]
            + row["customers_reactivated"]
            - row["customers_churned"]
        )
        assert customers == row["customers_end"]


def _example() -> dict[str, list[Any]]:
    return {
        "customer": ["a", "b", "a", "c", "a", "b"],
        "date": [
            *(date(2027, 1, 3), date(2027, 1, 9), date(2027, 2, 3), date(2027, 2, 9)),
            *(date(2027, 4, 1), date(2027, 4, 2)),
        ],
        "mrr": [100.0, 50.0, 120.0, 80.0, 60.0, 50.0],
    }


@pytest.mark.parametrize("engine", engine_params())
def test_worked_example_of_movements(engine: str) -> None:
    got = rows(mrr_movements(to_engine(engine, _example())))
    assert got == [
        ("FY2027 M01", 0, 2, 0, 0, 2, 0.0, 150.0, 0.0, 0.0, 0.0, 0.0, 150.0),
        ("FY2027 M02", 2, 1, 0, 1, 2, 150.0, 80.0, 0.0, 20.0, 0.0, 50.0, 200.0),
        ("FY2027 M03", 2, 0, 0, 2, 0, 200.0, 0.0, 0.0, 0.0, 0.0, 200.0, 0.0),
        ("FY2027 M04", 0, 0, 2, 0, 2, 0.0, 0.0, 110.0, 0.0, 0.0, 0.0, 110.0),
    ]


def test_bad_rows_raise_or_are_skipped_and_counted() -> None:
    table = _example()
    table["mrr"][0] = -5.0
    table["customer"][1] = None
    frame = pl.DataFrame(table)
    with pytest.raises(InvalidInputError, match="column 'customer': 1 row") as info:
        mrr_movements(frame)
    assert info.value.name == "customer"
    report = check_subscriptions(frame)
    assert [(p.column, p.rows) for p in report.problems] == [("customer", 1), ("mrr", 1)]
    assert report.invalid_rows == 2
    assert new_customers(frame, invalid="skip").rows()[0] == ("FY2027 M02", 2)


def test_period_none_and_unknown_method_are_refused() -> None:
    frame = pl.DataFrame(_example())
    with pytest.raises(InvalidInputError, match="period must be a granularity"):
        mrr_movements(frame, period=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="method"):
        customer_churn_rate(frame, method="end")  # type: ignore[arg-type]


def test_column_mapping_and_datetimes() -> None:
    from datetime import datetime

    table = _example()
    frame = pl.DataFrame(
        {
            "account": table["customer"],
            "invoiced": [datetime.combine(d, datetime.min.time()) for d in table["date"]],
            "amount": table["mrr"],
        }
    )
    columns = {"customer": "account", "date": "invoiced", "mrr": "amount"}
    assert (
        new_customers(frame, columns=columns).rows() == new_customers(pl.DataFrame(table)).rows()
    )
    assert period_label(date(2027, 4, 1), Granularity.MONTH, CALENDAR_YEAR) == "FY2027 M04"
