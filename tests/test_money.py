"""Exchange rates by date and exact conversion (smartgoals.money)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartgoals.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    MissingRateError,
    ParseError,
)
from smartgoals.money import (
    DEFAULT_MINOR_UNIT,
    MINOR_UNITS,
    Converted,
    FxRate,
    FxRates,
    currency_code,
    minor_unit,
)

D = Decimal
JAN = date(2027, 1, 1)
JUL = date(2027, 7, 1)
USD_EUR = FxRates([("USD", "EUR", "0.92", JAN), ("USD", "EUR", "0.95", JUL)])


# --- minor units -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "places"),
    [("JPY", 0), ("KRW", 0), ("EUR", 2), ("usd", 2), ("KWD", 3), ("BHD", 3), ("OMR", 3)],
)
def test_minor_units_follow_iso_4217(currency: str, places: int) -> None:
    assert minor_unit(currency) == places


def test_an_unlisted_currency_has_the_documented_default_of_two_decimals() -> None:
    assert "SEK" not in MINOR_UNITS
    assert minor_unit("SEK") == DEFAULT_MINOR_UNIT == 2


@pytest.mark.parametrize("code", ["euro", "EU", "", 978, None, "E1R"])
def test_a_currency_code_is_three_letters(code: object) -> None:
    with pytest.raises(InvalidInputError, match="ISO 4217"):
        currency_code(code)


def test_currency_codes_are_upper_cased_and_stripped() -> None:
    assert currency_code(" gbp ") == "GBP"


# --- conversion: worked examples ---------------------------------------------------------


def test_usd_600_at_0_92_is_eur_552_00_with_the_rate_and_its_date() -> None:
    money = USD_EUR.convert(600, "USD", to="EUR", on=date(2027, 3, 31))
    assert money == Converted(
        amount=D("552.00"),
        currency="EUR",
        original=D("600"),
        original_currency="USD",
        rate=Fraction(23, 25),
        rate_date=JAN,
        on=date(2027, 3, 31),
    )
    assert str(money.amount) == "552.00"  # the minor unit's two decimals are kept
    assert str(money) == "EUR 552.00 (USD 600 at 0.92, the rate from 2027-01-01)"


def test_a_rate_change_mid_year_is_picked_by_date() -> None:
    june = USD_EUR.convert(1000, "USD", to="EUR", on=date(2027, 6, 30))
    july = USD_EUR.convert(1000, "USD", to="EUR", on=JUL)
    december = USD_EUR.convert(1000, "USD", to="EUR", on=date(2027, 12, 31))
    assert (june.amount, june.rate_date) == (D("920.00"), JAN)
    assert (july.amount, july.rate_date) == (D("950.00"), JUL)
    assert (december.amount, december.rate_date) == (D("950.00"), JUL)


def test_yen_are_rounded_to_whole_yen() -> None:
    fx = FxRates([("USD", "JPY", "157.3", JAN)])
    # 12.34 × 157.3 = 1941.082
    assert fx.convert("12.34", "USD", to="JPY", on=JAN).amount == D("1941")
    assert str(fx.convert("12.34", "USD", to="JPY", on=JAN).amount) == "1941"
    # 0.01 × 157.3 = 1.573 yen; 0.03 × 157.3 = 4.719
    assert fx.convert("0.03", "USD", to="JPY", on=JAN).amount == D("5")


def test_dinars_are_rounded_to_three_decimals_through_the_exact_inverse() -> None:
    fx = FxRates([("KWD", "EUR", "2.9871", JAN)])
    # 1000 ÷ 2.9871 = 334.77285...
    money = fx.convert("1000.00", "EUR", to="KWD", on=JAN)
    assert str(money.amount) == "334.773"
    assert money.rate == Fraction(10000, 29871)
    assert str(money) == "KWD 334.773 (EUR 1000 at 1/2.9871, the rate from 2027-01-01)"


def test_half_a_minor_unit_rounds_away_from_zero_once() -> None:
    fx = FxRates([("USD", "EUR", "0.5", JAN)])
    assert fx.convert("0.01", "USD", to="EUR", on=JAN).amount == D("0.01")
    assert fx.convert("-0.01", "USD", to="EUR", on=JAN).amount == D("-0.01")
    assert fx.convert("0.03", "USD", to="EUR", on=JAN).amount == D("0.02")
    # Just under half goes down: 0.0099 × 0.5 = 0.00495.
    assert fx.convert("0.0099", "USD", to="EUR", on=JAN).amount == D("0.00")


def test_an_amount_already_in_the_currency_comes_back_unchanged() -> None:
    money = USD_EUR.convert("10.005", "EUR", to="eur", on=JAN)
    assert (money.amount, money.rate, money.rate_date) == (D("10.005"), Fraction(1), None)
    assert str(money) == "EUR 10.005"
    # No rate is needed, not even before the first one.
    assert FxRates([]).convert(5, "JPY", to="JPY", on=date(1990, 1, 1)).amount == 5


def test_a_float_amount_goes_through_its_text() -> None:
    assert USD_EUR.convert(0.1, "USD", to="EUR", on=JAN).original == D("0.1")


@pytest.mark.parametrize("amount", ["ten", float("nan"), True])
def test_an_amount_must_be_a_finite_number(amount: object) -> None:
    with pytest.raises(InvalidInputError, match="amount"):
        USD_EUR.convert(amount, "USD", to="EUR", on=JAN)


def test_the_day_must_be_a_date() -> None:
    with pytest.raises(InvalidInputError, match="2027-13-01"):
        USD_EUR.convert(1, "USD", to="EUR", on="2027-13-01")  # type: ignore[arg-type]


# --- looking rates up ---------------------------------------------------------------------


def test_a_missing_pair_names_both_currencies_and_the_date() -> None:
    with pytest.raises(MissingRateError) as caught:
        USD_EUR.convert(100, "GBP", to="EUR", on=date(2027, 3, 31))
    assert (caught.value.base, caught.value.quote, caught.value.on) == (
        "GBP",
        "EUR",
        date(2027, 3, 31),
    )
    assert str(caught.value) == (
        "no exchange rate from GBP to EUR on 2027-03-31: the rates given are for "
        "EUR→USD, USD→EUR; add a GBP→EUR rate (rates are not crossed through a third "
        "currency)"
    )
    assert isinstance(caught.value, InvalidInputError)


def test_no_rates_at_all_says_so() -> None:
    with pytest.raises(MissingRateError, match="the rates given are for no pair at all"):
        FxRates([]).rate_on("USD", "EUR", JAN)


def test_a_day_before_the_first_rate_names_the_first_rate_date() -> None:
    with pytest.raises(MissingRateError) as caught:
        USD_EUR.rate_on("USD", "EUR", date(2026, 12, 31))
    assert str(caught.value) == (
        "no exchange rate from USD to EUR on 2026-12-31: the first USD→EUR rate applies "
        "from 2027-01-01; add a rate dated 2026-12-31 or earlier"
    )


def test_a_rate_applies_from_its_own_day() -> None:
    assert USD_EUR.rate_on("usd", "eur", JAN).rate == Fraction("0.92")
    assert USD_EUR.rate_on("USD", "EUR", date(2027, 6, 30)).start == JAN
    assert USD_EUR.rate_on("USD", "EUR", JUL).start == JUL


def test_the_other_direction_is_the_exact_inverse() -> None:
    back = USD_EUR.rate_on("EUR", "USD", date(2027, 8, 1))
    assert (back.rate, back.start, back.derived) == (Fraction(20, 19), JUL, True)
    assert str(back) == "EUR→USD 1/0.95 from 2027-07-01"
    assert USD_EUR.rate_on("USD", "EUR", JUL).derived is False


def test_a_direction_given_is_used_rather_than_an_inverse() -> None:
    fx = FxRates([("USD", "EUR", "0.92", JAN), ("EUR", "USD", "1.1", JUL)])
    assert fx.rate_on("EUR", "USD", JUL).rate == Fraction("1.1")
    # The given direction alone counts: before its first rate there is none.
    with pytest.raises(MissingRateError, match="the first EUR→USD rate applies from 2027-07-01"):
        fx.rate_on("EUR", "USD", JAN)


def test_rates_are_not_crossed_through_a_third_currency() -> None:
    fx = FxRates([("USD", "EUR", "0.92", JAN), ("EUR", "GBP", "0.85", JAN)])
    with pytest.raises(MissingRateError, match="add a USD→GBP rate"):
        fx.convert(100, "USD", to="GBP", on=JAN)


def test_rows_tile_each_pair_in_time_for_tables_to_join() -> None:
    rows = [(r.base, r.quote, r.rate, r.start, r.end, r.derived) for r in USD_EUR.rows()]
    assert rows == [
        ("EUR", "USD", Fraction(25, 23), JAN, JUL, True),
        ("EUR", "USD", Fraction(20, 19), JUL, None, True),
        ("USD", "EUR", Fraction(23, 25), JAN, JUL, False),
        ("USD", "EUR", Fraction(19, 20), JUL, None, False),
    ]


def test_a_rate_without_a_finite_inverse_either_shows_as_a_fraction() -> None:
    assert str(FxRate("USD", "EUR", Fraction(1, 3), JAN)) == "USD→EUR 1/3 from 2027-01-01"
    assert str(FxRate("USD", "EUR", Fraction(2, 3), JAN)) == "USD→EUR 1/1.5 from 2027-01-01"
    assert str(FxRate("USD", "EUR", Fraction(7, 3), JAN)) == "USD→EUR 7/3 from 2027-01-01"


# --- building rates ------------------------------------------------------------------------


def test_rates_from_a_mapping_equal_rates_from_a_list() -> None:
    given: dict[tuple[str, str, date | str], Decimal | str] = {
        ("USD", "EUR", JUL): "0.95",
        ("usd", "eur", "2027-01-01"): D("0.92"),
    }
    mapping = FxRates(given)
    assert mapping == USD_EUR
    assert mapping.rates == (
        FxRate("USD", "EUR", "0.92", JAN),
        FxRate("USD", "EUR", "0.95", JUL),
    )


def test_fx_rate_values_are_accepted_as_they_are() -> None:
    rate = FxRate("USD", "EUR", "0.92", JAN)
    assert FxRates([rate]).rates == (rate,)


@pytest.mark.parametrize("rate", [0, "-0.5", "abc", float("inf")])
def test_a_rate_must_be_a_number_above_zero(rate: object) -> None:
    with pytest.raises(InvalidInputError, match="rate"):
        FxRates([("USD", "EUR", rate, JAN)])  # type: ignore[list-item]


@pytest.mark.parametrize("day", ["1 January 2027", 20270101, None])
def test_a_rate_date_must_be_a_date(day: object) -> None:
    with pytest.raises(InvalidInputError, match=r"a rate's date must be a datetime\.date"):
        FxRates([("USD", "EUR", "0.92", day)])  # type: ignore[list-item]


def test_a_datetime_is_not_a_rate_date() -> None:
    from datetime import datetime

    with pytest.raises(InvalidInputError, match="a rate's date"):
        FxRate("USD", "EUR", 1, datetime(2027, 1, 1))


def test_two_rates_of_a_pair_from_one_day_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        FxRates([("USD", "EUR", "0.92", JAN), ("USD", "EUR", "0.93", JAN)])
    assert str(caught.value) == (
        "two USD→EUR rates apply from 2027-01-01: 0.92 and 0.93; keep one"
    )


def test_a_rate_from_a_currency_to_itself_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="a rate from EUR to itself"):
        FxRates([("EUR", "EUR", 1, JAN)])


@pytest.mark.parametrize(
    ("rates", "message"),
    [
        ("USD,EUR,0.92,2027-01-01", "got str"),
        (42, "got int"),
        ([("USD", "EUR", "0.92")], "must be an FxRate or a"),
        ({("USD", "EUR"): "0.92"}, r"\(from, to, date\) keys"),
    ],
)
def test_rates_of_another_shape_are_refused(rates: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        FxRates(rates)  # type: ignore[arg-type]


def test_currency_mismatch_error_carries_its_values() -> None:
    err = CurrencyMismatchError("mixed", currency="USD", expected="EUR", where="t/a")
    assert (err.currency, err.expected, err.where, err.name, err.value) == (
        "USD",
        "EUR",
        "t/a",
        "currency",
        "USD",
    )


# --- reading a CSV -------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "rates.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_comma_separated_file_reads_like_the_list(tmp_path: Path) -> None:
    path = write(
        tmp_path, "date,from,to,rate\n2027-01-01,USD,EUR,0.92\n\n2027-07-01,usd,eur,0.95\n"
    )
    assert FxRates.from_csv(path) == USD_EUR
    assert FxRates.from_csv(str(path)) == USD_EUR


def test_a_dutch_spreadsheet_file_has_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    text = "\ufeffDatum;Van;Naar;Koers\n"  # a header in Dutch is not the header asked for
    with pytest.raises(ParseError, match="line 1: expected the columns date, from, to, rate"):
        FxRates.from_csv(write(tmp_path, text))
    text = "\ufeffDate;From;To;Rate\n1-1-2027;USD;EUR;0,92\n01-07-2027;USD;EUR;0,95\n"
    text += "2027-01-01;EUR;IDR;17.345,5\n"
    fx = FxRates.from_csv(write(tmp_path, text))
    assert fx.rate_on("USD", "EUR", JUL).rate == Fraction("0.95")
    assert fx.rate_on("USD", "EUR", JAN).rate == Fraction("0.92")
    assert fx.rate_on("EUR", "IDR", JAN).rate == Fraction("17345.5")


def test_columns_may_come_in_any_order(tmp_path: Path) -> None:
    path = write(tmp_path, "rate,to,from,date\n0.92,EUR,USD,2027-01-01\n0.95,EUR,USD,2027-07-01\n")
    assert FxRates.from_csv(path) == USD_EUR


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "date;from;to;rate\n2027-01-01;USD;EUR;0,92\n2027-07-01;USD;EUR;0.95\n",
            "rates.csv, line 3: rate '0.95' has a point in a ';'-separated file, whose "
            "decimal mark is a comma: write 0,95 (a point may group thousands only before a "
            "decimal comma, as in 17.345,5)",
        ),
        (
            "date;from;to;rate\n2027-01-01;EUR;IDR;17.345\n",
            "rates.csv, line 2: rate '17.345' has a point in a ';'-separated file",
        ),
        (
            "date,from,to,rate\n2027-07-01,USD,EUR,0,95\n",
            "rates.csv, line 2: 5 values where the header has 4 columns (date, from, to, "
            "rate); a comma-separated file writes rates with a decimal point, such as 0.95",
        ),
        (
            "date;from;to;rate\n2027-07-01;USD;EUR\n",
            "rates.csv, line 2: 3 values where the header has 4 columns (date, from, to, rate)",
        ),
        (
            "date,from,to,rate\n1-7-2027,USD,EUR,0.95\n",
            "rates.csv, line 2: date '1-7-2027' is not a date; write it like 2027-07-01",
        ),
        (
            "date;from;to;rate\n31-2-2027;USD;EUR;0,95\n",
            "rates.csv, line 2: date '31-2-2027' is not a date; write it like 2027-07-01 or "
            "1-7-2027",
        ),
        (
            "date,from,to,rate\n2027-07-01,US,EUR,0.95\n",
            "rates.csv, line 2: a currency must be an ISO 4217 code such as 'EUR' or 'USD', "
            "got 'US'",
        ),
        (
            "date,from,to,rate\n2027-07-01,USD,EUR,-1\n",
            "rates.csv, line 2: an exchange rate must be above 0",
        ),
        (
            "date,from,to\n2027-07-01,USD,EUR\n",
            "rates.csv, line 1: expected the columns date, from, to, rate (in any order), "
            "got date, from, to",
        ),
        ("", "rates.csv, line 1: expected the header date,from,to,rate, got an empty line"),
    ],
)
def test_a_bad_file_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        FxRates.from_csv(write(tmp_path, text))
    assert str(caught.value).startswith(message)


def test_a_bad_line_keeps_its_text(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as caught:
        FxRates.from_csv(write(tmp_path, "date,from,to,rate\n2027-07-01,USD,EUR,x\n"))
    assert caught.value.text == "2027-07-01,USD,EUR,x"


def test_a_file_that_is_not_utf8_or_not_there(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_bytes("date;from;to;rate\n2027-01-01;USD;EUR;0,92 \u20ac\n".encode("cp1252"))
    with pytest.raises(ParseError, match=r"rates\.csv is not UTF-8 text; save it as CSV UTF-8"):
        FxRates.from_csv(path)
    with pytest.raises(ParseError, match=r"cannot read the rates file missing\.csv"):
        FxRates.from_csv(tmp_path / "missing.csv")


def test_duplicate_rates_in_a_file_are_refused(tmp_path: Path) -> None:
    text = "date,from,to,rate\n2027-01-01,USD,EUR,0.92\n2027-01-01,USD,EUR,0.92\n"
    with pytest.raises(InvalidInputError, match="two USD→EUR rates apply from 2027-01-01"):
        FxRates.from_csv(write(tmp_path, text))


# --- properties ----------------------------------------------------------------------------

CURRENCIES = ["EUR", "USD", "JPY", "KWD", "GBP", "BHD"]
rates = st.decimals(min_value=D("0.001"), max_value=D("1000"), places=4).filter(lambda r: r > 0)


def amounts(currency: str) -> st.SearchStrategy[Decimal]:
    places = minor_unit(currency)
    return st.integers(-(10**12), 10**12).map(lambda n: D(n).scaleb(-places))


def quantum(currency: str) -> Decimal:
    return D(1).scaleb(-minor_unit(currency))


@given(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES), rates, st.data())
def test_there_and_back_with_the_exact_inverse_is_within_one_minor_unit(
    a: str, b: str, rate: Decimal, data: st.DataObject
) -> None:
    assume(a != b)
    # The way back can only be within one of A's minor units when B's minor unit is worth
    # no more than A's (else rounding in B alone loses more than that).
    assume(rate * quantum(a) >= quantum(b))
    fx = FxRates([(a, b, rate, JAN)])
    amount = data.draw(amounts(a))
    there = fx.convert(amount, a, to=b, on=JAN)
    back = fx.convert(there.amount, b, to=a, on=JAN)
    assert abs(back.amount - amount) <= quantum(a)
    assert back.amount.as_tuple().exponent == -minor_unit(a)


@given(
    st.sampled_from(CURRENCIES),
    st.sampled_from(CURRENCIES),
    rates,
    st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=12),
)
def test_converting_a_sum_is_the_sum_of_conversions_within_n_minor_units(
    a: str, b: str, rate: Decimal, cents: list[int]
) -> None:
    assume(a != b)
    fx = FxRates([(a, b, rate, JAN)])
    parts = [D(n).scaleb(-minor_unit(a)) for n in cents]
    whole = fx.convert(sum(parts, D(0)), a, to=b, on=JAN).amount
    summed = sum((fx.convert(p, a, to=b, on=JAN).amount for p in parts), D(0))
    assert abs(whole - summed) <= len(parts) * quantum(b)


@given(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES), rates, st.data())
def test_a_conversion_is_the_exact_product_rounded_once(
    a: str, b: str, rate: Decimal, data: st.DataObject
) -> None:
    assume(a != b)
    amount = data.draw(amounts(a))
    converted = FxRates([(a, b, rate, JAN)]).convert(amount, a, to=b, on=JAN).amount
    exact = Fraction(amount) * Fraction(rate)
    assert abs(Fraction(converted) - exact) <= Fraction(quantum(b)) / 2
    assert converted.as_tuple().exponent == -minor_unit(b)
