"""Currency conversion over DataFrames, and KPIs that refuse to add up mixed currencies.

Every engine the other frame tests use (polars eager and lazy, pandas, DuckDB, pyarrow,
Dask, real Spark with ids ``[spark]``) and sqlframe's Spark API on DuckDB give the same
worked values, which are those of :meth:`FxRates.convert` in Decimal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import narwhals as nw
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError, MissingRateError
from smartgoals.frames import (
    ConversionColumns,
    DealColumns,
    average_deal_size,
    cac,
    convert_currency,
    forecast,
    pipeline_coverage,
    quota_attainment,
)
from smartgoals.goals import Direction, Goal, Target
from smartgoals.money import FxRates
from smartgoals.timeframes import Timeframe
from test_frames_engines import engine_params, rows, to_engine

#: USD→EUR 0.92 from New Year, 0.95 from July; EUR→GBP given (GBP→EUR is its inverse);
#: CHF→EUR 0.5 (for halves); USD→JPY 157.3; KWD→USD 3.2566 (USD→KWD is its inverse).
FX = FxRates(
    [
        ("USD", "EUR", "0.92", date(2027, 1, 1)),
        ("USD", "EUR", "0.95", date(2027, 7, 1)),
        ("EUR", "GBP", "0.85", date(2027, 1, 1)),
        ("CHF", "EUR", "0.5", date(2027, 1, 1)),
        ("USD", "JPY", "157.3", date(2027, 1, 1)),
        ("KWD", "USD", "3.2566", date(2027, 1, 1)),
    ]
)
NEW_YEAR = date(2027, 1, 1)
JULY = date(2027, 7, 1)


def _sqlframe(table: dict[str, list[Any]]) -> Any:
    duckdb = pytest.importorskip("duckdb")
    session_module = pytest.importorskip("sqlframe.duckdb")
    session = session_module.DuckDBSession(conn=duckdb.connect())
    values = list(zip(*table.values(), strict=True))
    return session.createDataFrame(values, schema=list(table))


def _native(engine: str, table: dict[str, list[Any]]) -> Any:
    return _sqlframe(table) if engine == "sqlframe" else to_engine(engine, table)


ENGINES = [*engine_params(slow=True), "sqlframe"]


def _day(value: Any) -> Any:
    """A date as a date and null as None, whatever the engine gives (pandas: a Timestamp, NA)."""
    if type(value).__name__ == "NAType":
        return None
    return value.date() if isinstance(value, datetime) else value


def _converted(native: Any) -> list[tuple[Any, ...]]:
    """Amount, currency, original amount, original currency, rate and rate date, in id order."""
    frame = nw.from_native(native)
    picked = frame.select(
        "id", "amount", "currency", "original_amount", "original_currency", "fx_rate",
        "fx_rate_date",
    )  # fmt: skip
    return [tuple(_day(v) for v in row[1:]) for row in sorted(rows(picked.to_native()))]


def _table(
    ids: list[int], amounts: list[Any], currencies: list[Any], days: list[Any]
) -> dict[str, list[Any]]:
    return {"id": ids, "amount": amounts, "currency": currencies, "date": days}


#: One row per case: amount, currency and date, and what EUR it becomes at which rate.
EUR_CASES: list[tuple[Any, Any, date, Any, float | None, date | None]] = [
    (600.0, "USD", date(2027, 3, 31), 552.00, 0.92, NEW_YEAR),  # 600 × 0.92
    (600.0, "USD", date(2027, 6, 30), 552.00, 0.92, NEW_YEAR),  # the day before the change
    (600.0, "USD", JULY, 570.00, 0.95, JULY),  # the new rate from its first day
    (1000.0, "EUR", date(2027, 3, 1), 1000.0, 1.0, None),  # already in EUR: kept, rate 1
    (
        85_000.0,
        "GBP",
        date(2027, 2, 1),
        100_000.00,
        float(1 / Fraction("0.85")),
        NEW_YEAR,
    ),  # exact inverse
    (2.01, "CHF", date(2027, 2, 1), 1.01, 0.5, NEW_YEAR),  # 1.005: a float product 1.00499…
    (-2.01, "CHF", date(2027, 2, 1), -1.01, 0.5, NEW_YEAR),  # half away from zero, below it
    (0.25, "CHF", date(2027, 2, 1), 0.13, 0.5, NEW_YEAR),  # 0.125: half-even would give 0.12
    (2.0098, "CHF", date(2027, 2, 1), 1.00, 0.5, NEW_YEAR),  # 1.0049: not 1.005, then 1.01
    (None, "USD", date(2027, 3, 1), None, None, None),  # a null amount stays null
    (10.0, " usd", date(2027, 3, 1), 9.20, 0.92, NEW_YEAR),  # codes are read loosely
]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_converts_each_row_at_its_dates_rate_rounded_once(engine: str) -> None:
    ids = list(range(len(EUR_CASES)))
    table = _table(
        ids, [c[0] for c in EUR_CASES], [c[1] for c in EUR_CASES], [c[2] for c in EUR_CASES]
    )
    native = _native(engine, table)
    got = convert_currency(native, FX, to="EUR")
    assert type(got) is type(native)  # lazy stays lazy, eager stays eager, same engine
    expected = [
        (want, "EUR", amount, currency.strip().upper(), rate, day)
        for amount, currency, _, want, rate, day in EUR_CASES
    ]
    assert _converted(got) == expected


def test_worked_values_are_those_of_fx_convert_in_decimal() -> None:
    for amount, currency, day, want, _, _ in EUR_CASES:
        if amount is None:
            continue
        exact = FX.convert(str(amount), currency, to="EUR", on=day).amount
        assert float(exact) == want, (amount, currency, exact)


@pytest.mark.parametrize("engine", ENGINES)
def test_yen_rounds_to_whole_yen_and_dinar_to_three_decimals(engine: str) -> None:
    days = [date(2027, 2, 1)] * 4
    table = _table([1, 2, 3, 4], [12.34, 5.0, 0.01, 7.0], ["USD"] * 4, days)
    yen = _converted(convert_currency(_native(engine, table), FX, to="JPY"))
    # 1941.082 → 1941; 786.5 → 787 (half-even would give 786); 0.01 × 157.3 = 1.573 → 2
    assert [r[0] for r in yen] == [1941.0, 787.0, 2.0, 1101.0]
    kwd = _table([1, 2], [1000.0, 2.5], ["USD", "KWD"], days[:2])
    dinar = _converted(convert_currency(_native(engine, kwd), FX, to="KWD"))
    # 1000 ÷ 3.2566 = 307.0687… at the exact inverse rate
    assert dinar == [
        (307.069, "KWD", 1000.0, "USD", float(1 / Fraction("3.2566")), NEW_YEAR),
        dinar[1],
    ]
    assert dinar[1] == (2.5, "KWD", 2.5, "KWD", 1.0, None)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_missing_pair_raises_at_the_call_naming_the_pair_and_the_first_date(
    engine: str,
) -> None:
    table = _table(
        [1, 2, 3],
        [100.0, 50.0, 70.0],
        ["SEK", "SEK", "EUR"],
        [date(2027, 3, 9), date(2027, 2, 3), date(2027, 1, 1)],
    )
    with pytest.raises(MissingRateError) as info:
        convert_currency(_native(engine, table), FX, to="EUR")
    assert (info.value.base, info.value.quote, info.value.on) == ("SEK", "EUR", date(2027, 2, 3))
    message = str(info.value)
    assert message.startswith(
        "2 rows in SEK cannot be converted to EUR (column 'amount', the first dated "
        "2027-02-03): no exchange rate from SEK to EUR on 2027-02-03"
    )
    assert "add a SEK→EUR rate" in message


@pytest.mark.parametrize("engine", ENGINES)
def test_a_date_before_the_first_rate_raises(engine: str) -> None:
    table = _table([1, 2], [600.0, 600.0], ["USD", "USD"], [date(2026, 12, 31), JULY])
    with pytest.raises(MissingRateError, match="first USD→EUR rate applies from 2027-01-01"):
        convert_currency(_native(engine, table), FX, to="EUR")


@pytest.mark.parametrize("engine", ENGINES)
def test_rows_without_a_date_convert_at_the_rates_of_on(engine: str) -> None:
    # Open deals: no close date yet. They take the rate of the snapshot day; a dated row
    # keeps its own day's rate, and a row in the target currency needs none.
    table = _table(
        [1, 2, 3], [600.0, 600.0, 100.0], ["USD", "USD", "EUR"], [date(2027, 3, 31), None, None]
    )
    got = convert_currency(_native(engine, table), FX, to="EUR", on=date(2027, 8, 15))
    assert _converted(got) == [
        (552.0, "EUR", 600.0, "USD", 0.92, NEW_YEAR),
        (570.0, "EUR", 600.0, "USD", 0.95, JULY),
        (100.0, "EUR", 100.0, "EUR", 1.0, None),
    ]
    open_ = nw.from_native(got).lazy().select("id", nw.col("date").is_null().alias("open"))
    assert [bool(v) for v in open_.collect().sort("id")["open"].to_list()] == [
        False,
        True,  # its date is still unknown
        True,
    ]


def test_without_on_a_row_without_a_date_is_refused_saying_how_to_give_it() -> None:
    table = pl.DataFrame(_table([1], [600.0], ["USD"], [None]), schema_overrides={"date": pl.Date})
    with pytest.raises(InvalidInputError) as info:
        convert_currency(table, FX, to="EUR")
    assert str(info.value) == (
        "column 'date' is null on 1 row in USD; an amount in USD needs its date to find the "
        "USD→EUR rate (give on= to convert rows without a date at the rates of that day, such "
        "as the day of a pipeline's snapshot)"
    )
    with pytest.raises(MissingRateError, match="first USD→EUR rate applies from 2027-01-01"):
        convert_currency(table, FX, to="EUR", on=date(2026, 12, 31))
    converted = convert_currency(table, FX, to="EUR", on=datetime(2027, 7, 1, 9, 30))
    assert converted["amount"].to_list() == [570.0]


def test_every_problem_is_named_in_one_error_the_first_raised() -> None:
    table = pl.DataFrame(
        _table(
            [1, 2, 3, 4],
            [1.0, 2.0, 3.0, 4.0],
            [None, "euro", "SEK", "USD"],
            [date(2027, 1, 5), date(2027, 1, 5), date(2027, 1, 5), None],
        )
    )
    with pytest.raises(InvalidInputError) as info:
        convert_currency(table, FX, to="EUR")
    assert str(info.value) == (
        "column 'currency' is null on 1 row with an amount; give each amount its currency; "
        "also 'EURO' as a currency, SEK→EUR on 2027-01-05, USD without a date"
    )


def test_null_amounts_need_no_rate_and_rows_in_the_target_need_no_date() -> None:
    table = pl.DataFrame(
        _table([1, 2], [None, 5.0], ["SEK", "EUR"], [date(2020, 1, 1), None]),
        schema_overrides={"amount": pl.Float64},
    )
    got = convert_currency(table, FX, to="EUR")
    assert got.select("amount", "fx_rate").rows() == [(None, None), (5.0, 1.0)]


def test_datetimes_take_the_rate_of_their_day() -> None:
    table = pl.DataFrame(
        _table(
            [1, 2],
            [600.0, 600.0],
            ["USD", "USD"],
            [datetime(2027, 6, 30, 23, 59), datetime(2027, 7, 1, 0, 1)],
        )
    )
    assert convert_currency(table, FX, to="EUR")["amount"].to_list() == [552.0, 570.0]


def test_renamed_columns_and_integer_amounts() -> None:
    table = pl.DataFrame({"value": [600, 1000], "ccy": ["USD", "EUR"], "closed": [JULY] * 2})
    roles = {"amount": "value", "currency": "ccy", "date": "closed", "rate": "eur_rate"}
    got = convert_currency(table, FX, to="eur", columns=roles)
    assert got.columns == [
        "value", "ccy", "closed", "original_amount", "original_currency", "eur_rate",
        "fx_rate_date",
    ]  # fmt: skip
    assert got.select("value", "ccy", "eur_rate").rows() == [
        (570.0, "EUR", 0.95),
        (1000.0, "EUR", 1.0),
    ]
    same = convert_currency(table, FX, to="EUR", columns=ConversionColumns(**roles))
    assert same.equals(got)


def test_many_rates_of_one_pair_pick_the_one_in_force() -> None:
    # Monthly rates 0.900, 0.901, ... 0.923 over two years: more than a plain when-chain.
    monthly = FxRates(
        [("USD", "EUR", f"0.{900 + k}", date(2026 + k // 12, k % 12 + 1, 1)) for k in range(24)]
    )
    days = [date(2026, 1, 1), date(2026, 6, 30), date(2027, 3, 15), date(2027, 12, 31)]
    table = pl.DataFrame(_table([1, 2, 3, 4], [1000.0] * 4, ["USD"] * 4, days))
    got = convert_currency(table, monthly, to="EUR")
    assert got.select("amount", "fx_rate_date").rows() == [
        (900.0, date(2026, 1, 1)),
        (905.0, date(2026, 6, 1)),
        (914.0, date(2027, 3, 1)),
        (923.0, date(2027, 12, 1)),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fx": {"USD": 0.92}}, "fx must be FxRates, got dict"),
        ({"to": "euro"}, "a currency must be an ISO 4217 code such as 'EUR' or 'USD', got 'euro'"),
        ({"columns": {"date": "day"}}, "the amounts table has no column 'day'"),
        ({"columns": {"rate": "currency"}}, "columns names 'currency' for two roles"),
        ({"columns": {"rate": "id"}}, "the table already has the column 'id'"),
        ({"on": "2027-07-01"}, "on must be a date, such as date"),
    ],
)
def test_bad_arguments_are_refused_naming_them(kwargs: dict[str, Any], message: str) -> None:
    table = pl.DataFrame(_table([1], [1.0], ["USD"], [JULY]))
    arguments: dict[str, Any] = {"fx": FX, "to": "EUR", **kwargs}
    with pytest.raises(InvalidInputError, match=message.replace("(", r"\(")):
        convert_currency(table, **arguments)


def test_text_amounts_are_refused() -> None:
    table = pl.DataFrame(_table([1], ["1.0"], ["USD"], [JULY]))
    with pytest.raises(InvalidInputError, match="column 'amount' must hold numbers, got String"):
        convert_currency(table, FX, to="EUR")


ROUNDING = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _agrees_with_decimal(fx: FxRates, cents: list[int], to: str) -> None:
    amounts = [float(Decimal(c).scaleb(-2)) for c in cents]
    n = len(cents)
    table = pl.DataFrame(_table(list(range(n)), amounts, ["USD"] * n, [JULY] * n))
    got = convert_currency(table, fx, to=to)["amount"].to_list()
    expected = [float(fx.convert(str(a), "USD", to=to, on=JULY).amount) for a in amounts]
    assert got == expected


@ROUNDING
@given(
    cents=st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=20),
    rate=st.integers(1, 100_000),
    to=st.sampled_from(["EUR", "JPY", "KWD"]),
)
def test_floats_round_as_decimal_does_at_rates_of_four_decimals(
    cents: list[int], rate: int, to: str
) -> None:
    # Up to 10 million in cents at 0.0001 to 10: below 100 million converted.
    written = str(Decimal(rate).scaleb(-4))
    _agrees_with_decimal(FxRates([("USD", to, written, NEW_YEAR)]), cents, to)


@ROUNDING
@given(
    cents=st.lists(st.integers(-(10**8), 10**8), min_size=1, max_size=20),
    rate=st.integers(10_000, 100_000),
    to=st.sampled_from(["EUR", "JPY", "KWD"]),
)
def test_floats_round_as_decimal_does_at_inverses_of_rates_of_four_decimals(
    cents: list[int], rate: int, to: str
) -> None:
    # Up to 1 million in cents at 1/1 to 1/10: below a million converted.
    written = str(Decimal(rate).scaleb(-4))
    _agrees_with_decimal(FxRates([(to, "USD", written, NEW_YEAR)]), cents, to)


def test_halves_that_floats_miss_are_found() -> None:
    # 0.5 × 2.01, 4.02, ..., 20.01: exact halves of a cent, most of them just below in
    # Float64; and 157.3 × 5, 15 and 25: 786.5, 2359.5 and 3932.5 yen.
    cents = list(range(201, 2002, 200))
    _agrees_with_decimal(FxRates([("USD", "EUR", "0.5", NEW_YEAR)]), cents, "EUR")
    _agrees_with_decimal(FxRates([("USD", "JPY", "157.3", NEW_YEAR)]), [500, 1500, 2500], "JPY")


def _deals(currencies: list[str]) -> dict[str, list[Any]]:
    n = len(currencies)
    return {
        "id": list(range(1, n + 1)),
        "owner": ["ann"] * n,
        "created": [date(2027, 1, 4)] * n,
        "closed": [date(2027, 3, 1)] * n,
        "outcome": ["won"] * n,
        "amount": [600.0, *([1000.0] * (n - 1))],
        "currency": currencies,
    }


MAPPED = DealColumns(currency="currency")


@pytest.mark.parametrize("engine", ENGINES)
def test_deal_kpis_refuse_a_mix_naming_both_currencies_then_work_once_converted(
    engine: str,
) -> None:
    native = _native(engine, _deals(["USD", "EUR", "EUR"]))
    calls: list[Callable[[Any], Any]] = [
        lambda t: average_deal_size(t, columns=MAPPED),
        lambda t: pipeline_coverage(t, 10_000, columns=MAPPED),
    ]
    for call in calls:
        with pytest.raises(CurrencyMismatchError) as info:
            call(native)
        assert str(info.value) == (
            "the deals table holds amounts in EUR (2 rows) and USD (1 row) in column "
            "'currency', which do not add up as they are; convert them to one currency "
            "first with convert_currency(deals, fx, to='EUR', columns={'date': 'closed'}) "
            "from smartgoals.frames"
        )
        assert (info.value.currency, info.value.expected) == ("USD", "EUR")
    converted = convert_currency(native, FX, to="EUR", columns={"date": "closed"})
    # (552 + 1000 + 1000) ÷ 3
    assert rows(average_deal_size(converted, columns=MAPPED)) == [(2552.0 / 3,)]


def test_without_a_currency_column_the_kpis_add_up_as_before() -> None:
    deals = pl.DataFrame(_deals(["USD", "EUR"]))
    assert average_deal_size(deals).rows() == [(800.0,)]


@pytest.mark.parametrize("engine", ENGINES)
def test_quota_attainment_refuses_mixed_actuals_and_a_plan_in_another_currency(
    engine: str,
) -> None:
    actuals: dict[str, list[Any]] = {
        "date": [date(2027, 1, 9)] * 2,
        "amount": [60.0, 30.0],
        "currency": ["EUR", "USD"],
    }
    with pytest.raises(CurrencyMismatchError, match="in EUR \\(1 row\\) and USD \\(1 row\\)"):
        quota_attainment(
            _native(engine, actuals),
            _native(engine, {"quota": [100.0]}),
            columns={"currency": "currency"},
        )
    euros: dict[str, list[Any]] = {
        "date": [date(2027, 1, 9)],
        "amount": [60.0],
        "currency": ["EUR"],
    }
    plan: dict[str, list[Any]] = {"quota": [100.0], "currency": ["USD"]}
    with pytest.raises(CurrencyMismatchError) as info:
        quota_attainment(
            _native(engine, euros),
            _native(engine, plan),
            columns={"currency": "currency"},
            plan_columns={"currency": "currency"},
        )
    assert str(info.value).startswith(
        "the plan table holds amounts in USD (column 'currency'), the actuals in EUR"
    )
    plan["currency"] = ["eur"]
    got = quota_attainment(
        _native(engine, euros),
        _native(engine, plan),
        columns={"currency": "currency"},
        plan_columns={"currency": "currency"},
    )
    assert rows(got) == [(0.6,)]


def test_cac_refuses_spend_in_two_currencies() -> None:
    spend = pl.DataFrame(
        {
            "date": [date(2027, 1, 5)] * 2,
            "channel": ["ads"] * 2,
            "amount": [3000.0, 1000.0],
            "currency": ["GBP", "EUR"],
        }
    )
    customers = pl.DataFrame({"customer": ["a"], "date": [date(2027, 1, 9)], "channel": ["ads"]})
    with pytest.raises(CurrencyMismatchError, match="EUR \\(1 row\\) and GBP \\(1 row\\)"):
        cac(spend, customers, spend_columns={"currency": "currency"})


GOAL = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.at_least(100_000),
    timeframe=Timeframe.quarter(2027, 1),
    currency="EUR",
)


def test_forecast_refuses_deals_in_another_currency_than_the_goal() -> None:
    goal = GOAL
    deals = pl.DataFrame({**_deals(["USD", "USD"]), "probability": [None, None]})
    with pytest.raises(CurrencyMismatchError) as info:
        forecast(goal, deals, as_of=date(2027, 2, 1), columns=MAPPED)
    assert str(info.value).startswith(
        "the deals table holds amounts in USD (column 'currency'), the goal in EUR"
    )
    converted = convert_currency(deals, FX, to="EUR", columns={"date": "closed"})
    result = forecast(goal, converted, as_of=date(2027, 3, 15), columns=MAPPED)
    assert result.closed == Decimal("1472.00")  # 600 × 0.92 + 1000 × 0.92
