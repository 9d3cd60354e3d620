from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smartgoals.frames.subscriptions as subscriptions_module
from smartgoals import kpi
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError
from smartgoals.frames import (
    MOVEMENTS,
    check_subscriptions,
    convert_currency,
    customer_churn_rate,
    gross_revenue_retention,
    mrr_movements,
    net_revenue_retention,
    new_customers,
    revenue_churn_rate,
)
from smartgoals.frames._periods import period_label
from smartgoals.frames.subscriptions import BILLING_INTERVALS
from smartgoals.money import FxRates
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


# -- currencies -----------------------------------------------------------------------------


def _two_currencies() -> dict[str, list[Any]]:
    """Customer a pays 100 then 120 EUR; b 100 then 50 USD; c is new in February, 80 USD."""
    return {
        "customer": ["a", "b", "a", "b", "c"],
        "date": [date(2027, 1, d) for d in (5, 9)] + [date(2027, 2, d) for d in (5, 9, 20)],
        "mrr": [100.0, 100.0, 120.0, 50.0, 80.0],
        "currency": ["EUR", "USD", "EUR", "usd ", "USD"],
    }


#: USD→EUR 0.92 in January, 0.95 from February.
USD_EUR = FxRates(
    [("USD", "EUR", "0.92", date(2027, 1, 1)), ("USD", "EUR", "0.95", date(2027, 2, 1))]
)
CURRENCY = {"currency": "currency"}


@pytest.mark.parametrize("engine", engine_params())
def test_kpis_adding_mrr_refuse_two_currencies_naming_both(engine: str) -> None:
    native = to_engine(engine, _two_currencies())
    calls = [mrr_movements, revenue_churn_rate, net_revenue_retention, gross_revenue_retention]
    for call in calls:
        with pytest.raises(CurrencyMismatchError) as info:
            call(native, columns=CURRENCY)
        assert str(info.value) == (
            "the subscriptions table holds amounts in USD (3 rows) and EUR (2 rows) in "
            "column 'currency', which do not add up as they are; convert them to one "
            "currency first with convert_currency(subscriptions, fx, to='USD', "
            "columns={'amount': 'mrr'}) from smartgoals.frames"
        ), call.__name__
        assert (info.value.currency, info.value.expected) == ("EUR", "USD")
    # Whether a customer pays does not depend on the currency: counts read the table as is.
    assert rows(customer_churn_rate(native, columns=CURRENCY)) == [
        ("FY2027 M01", None),
        ("FY2027 M02", 0.0),
    ]
    assert rows(new_customers(native, columns=CURRENCY)) == [("FY2027 M01", 2), ("FY2027 M02", 1)]


@pytest.mark.parametrize("engine", engine_params())
def test_mrr_converted_to_one_currency_gives_the_converted_retention(engine: str) -> None:
    native = to_engine(engine, _two_currencies())
    euros = convert_currency(native, USD_EUR, to="EUR", columns={"amount": "mrr"})
    # b: 100 USD × 0.92 = 92 EUR in January, 50 × 0.95 = 47.50 in February; c: 76.
    # February starts at 100 + 92 = 192; a expands by 20, b contracts by 44.50.
    got = rows(mrr_movements(euros, columns=CURRENCY))
    assert got[1][6:] == (192.0, 76.0, 0.0, 20.0, 44.5, 0.0, 243.5)
    assert rows(net_revenue_retention(euros, columns=CURRENCY))[1] == (
        "FY2027 M02",
        (192.0 + 20.0 - 44.5) / 192.0,
    )
    assert rows(gross_revenue_retention(euros, columns=CURRENCY))[1] == (
        "FY2027 M02",
        (192.0 - 44.5) / 192.0,
    )
    assert rows(revenue_churn_rate(euros, columns=CURRENCY))[1] == ("FY2027 M02", 44.5 / 192.0)


def test_one_currency_or_no_currency_column_adds_up_as_before() -> None:
    table = _two_currencies()
    euros = pl.DataFrame({**table, "currency": ["EUR", None, "eur", "EUR", " EUR"]})
    # Unmapped, the column is any other column, and amounts add up as they are.
    plain = net_revenue_retention(pl.DataFrame(table)).rows()
    assert net_revenue_retention(euros, columns=CURRENCY).rows() == plain
    assert plain[1] == ("FY2027 M02", (200.0 + 20.0 - 50.0) / 200.0)
    with pytest.raises(InvalidInputError, match="the subscriptions table has no column 'ccy'"):
        check_subscriptions(euros, columns={"currency": "ccy"})


@SETTINGS
@given(table=subscription_tables(), data=st.data())
def test_a_mapped_currency_refuses_mrr_only_for_a_mix_and_never_changes_counts(
    table: dict[str, list[Any]], data: st.DataObject
) -> None:
    codes = data.draw(
        st.lists(
            st.sampled_from(["EUR", " eur", "USD", None]),
            min_size=len(table["mrr"]),
            max_size=len(table["mrr"]),
        )
    )
    frame = pl.DataFrame(
        {**table, "currency": codes}, schema_overrides={"currency": pl.String, "date": pl.Date}
    )
    plain = frame.drop("currency")
    for count in (customer_churn_rate, new_customers):
        assert count(frame, columns=CURRENCY).rows() == count(plain).rows()
    found = {c.strip().upper() for c in codes if c is not None}
    if len(found) > 1:
        with pytest.raises(CurrencyMismatchError, match=r"(EUR|USD) \(\d+ rows?\) and (EUR|USD)"):
            mrr_movements(frame, columns=CURRENCY)
    else:
        assert mrr_movements(frame, columns=CURRENCY).rows() == mrr_movements(plain).rows()


# -- billing intervals ----------------------------------------------------------------------


def _yearly_example() -> dict[str, list[Any]]:
    """An annual invoice of 1,200 in January 2027 and a monthly customer through January 2028."""
    months = [date(2027, m, 5) for m in range(1, 13)] + [date(2028, 1, 5)]
    return {
        "customer": ["annual", *(["monthly"] * len(months))],
        "date": [date(2027, 1, 20), *months],
        "mrr": [1200.0, *([50.0] * len(months))],
        "billing": ["year", *(["Monthly "] * len(months))],
    }


@pytest.mark.parametrize("engine", engine_params())
def test_an_annual_invoice_is_100_mrr_for_twelve_months(engine: str) -> None:
    native = to_engine(engine, _yearly_example())
    got = rows(mrr_movements(native, interval="billing"))
    assert len(got) == 13
    assert all(row[-1] == 150.0 for row in got[:12])  # 100 a month from the invoice + 50
    assert got[0][MOVEMENTS.index("mrr_new") + 1] == 150.0
    assert all(row[MOVEMENTS.index("mrr_churned") + 1] == 0.0 for row in got[1:12])
    # The thirteenth month has no annual share left: the 100 churns there, not in month 2.
    assert got[12][0] == "FY2028 M01"
    assert got[12][MOVEMENTS.index("mrr_churned") + 1] == 100.0
    assert got[12][-1] == 50.0
    rates = rows(revenue_churn_rate(native, interval="billing"))
    assert [r[1] for r in rates[1:12]] == [0.0] * 11
    assert rates[12][1] == pytest.approx(100 / 150)


@pytest.mark.parametrize("engine", engine_params())
def test_without_an_interval_column_every_row_is_monthly(engine: str) -> None:
    # As before: the annual invoice is 1,200 MRR in January that churns in February.
    got = rows(mrr_movements(to_engine(engine, _yearly_example())))
    assert got[0][-1] == 1250.0
    assert got[1][MOVEMENTS.index("mrr_churned") + 1] == 1200.0


@pytest.mark.parametrize("engine", engine_params())
def test_quarterly_and_weekly_invoices_are_normalised(engine: str) -> None:
    # 300 a quarter is 100 a month for three months; 25 a week is 25 × 52 ÷ 12 a month,
    # in a month of four invoices (February) and of five (March) alike.
    weeks = [date(2027, 2, 1) + timedelta(days=7 * k) for k in range(9)]
    table: dict[str, list[Any]] = {
        "customer": ["q", *(["w"] * len(weeks)), "end"],
        "date": [date(2027, 2, 10), *weeks, date(2027, 5, 1)],
        "mrr": [300.0, *([25.0] * len(weeks)), 0.0],
        "billing": ["quarterly", *(["week"] * len(weeks)), "month"],
    }
    got = rows(mrr_movements(to_engine(engine, table), interval="billing"))
    weekly = 25 * 52 / 12
    assert [r[0] for r in got] == ["FY2027 M02", "FY2027 M03", "FY2027 M04", "FY2027 M05"]
    assert [r[-1] for r in got] == pytest.approx([100 + weekly, 100 + weekly, 100, 0])
    assert got[3][MOVEMENTS.index("mrr_churned") + 1] == pytest.approx(100)


@pytest.mark.parametrize("engine", engine_params())
def test_an_annual_invoice_by_quarter(engine: str) -> None:
    table = _yearly_example()
    got = rows(mrr_movements(to_engine(engine, table), period="quarter", interval="billing"))
    # Each quarter sums its months, as for monthly rows: 3 × 100 + 3 × 50.
    assert [r[-1] for r in got[:4]] == [450.0] * 4


@pytest.mark.parametrize("engine", engine_params())
def test_unknown_intervals_are_an_error_with_the_row_count(engine: str) -> None:
    table = _yearly_example()
    table["billing"][1] = "fortnightly"
    table["billing"][2] = "biannual"
    native = to_engine(engine, table)
    with pytest.raises(InvalidInputError, match="column 'billing': 2 rows where it is not a"):
        mrr_movements(native, interval="billing")
    report = check_subscriptions(native, interval="billing")
    assert [(p.column, p.rows) for p in report.problems] == [("billing", 2)]


def test_interval_values_are_documented_and_missing_columns_named() -> None:
    frame = pl.DataFrame(_yearly_example())
    with pytest.raises(InvalidInputError, match="plan"):
        mrr_movements(frame, interval="plan")
    with pytest.raises(InvalidInputError, match="period must be month, quarter, half or year"):
        mrr_movements(frame, period="week", interval="billing")
    doc = " ".join((subscriptions_module.__doc__ or "").split())
    for name in ("month", "monthly", "quarter", "quarterly", "year", "yearly", "annual", "week"):
        assert name in BILLING_INTERVALS
        assert f"``{name}``" in doc
    skipped = mrr_movements(
        frame.with_columns(pl.Series("billing", ["year", "every other day", *["month"] * 12])),
        interval="billing",
        invalid="skip",
    )
    assert skipped.row(0, named=True)["mrr_end"] == 100.0  # the unknown row is left out


@SETTINGS
@given(table=subscription_tables(), calendar=st.sampled_from(CALENDARS))
def test_a_monthly_interval_column_changes_nothing(
    table: dict[str, list[Any]], calendar: FiscalCalendar
) -> None:
    frame = pl.DataFrame(table, schema_overrides={"date": pl.Date, "mrr": pl.Float64})
    monthly = frame.with_columns(pl.lit("month").alias("billing"))
    for period in ("month", "quarter"):
        options: dict[str, Any] = {"by": "plan", "period": period, "calendar": calendar}
        assert same(
            mrr_movements(monthly, interval="billing", **options).rows(),
            mrr_movements(frame, **options).rows(),
        )


@SETTINGS
@given(
    invoices=st.lists(
        st.tuples(
            st.integers(1, 24),
            st.sampled_from(["month", "quarter", "year"]),
            st.sampled_from([120.0, 600.0, 1200.0]),
        ),
        min_size=1,
        max_size=8,
    ),
    calendar=st.sampled_from(CALENDARS),
    period=st.sampled_from(["month", "quarter", "year"]),
)
def test_spreading_keeps_every_invoice_amount(
    invoices: list[tuple[int, str, float]], calendar: FiscalCalendar, period: str
) -> None:
    # A zero row two years after the last invoice keeps every share inside the table.
    table: dict[str, list[Any]] = {"customer": [], "date": [], "mrr": [], "billing": []}
    for number, (month, interval, amount) in enumerate(invoices):
        table["customer"].append(f"c{number}")
        table["date"].append(date(2027 + (month - 1) // 12, (month - 1) % 12 + 1, 15))
        table["mrr"].append(amount)
        table["billing"].append(interval)
    table["customer"].append("later")
    table["date"].append(date(2030, 6, 15))
    table["mrr"].append(0.0)
    table["billing"].append("month")
    result = mrr_movements(
        pl.DataFrame(table), interval="billing", period=period, calendar=calendar
    )
    assert sum(result["mrr_end"]) == pytest.approx(sum(amount for _, _, amount in invoices))
