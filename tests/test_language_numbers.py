"""Tests for smartgoals.language._numbers: digits, number words, magnitudes, money."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import ParseError
from smartgoals.language._numbers import Kind, parse_digits, read_amount, read_number, shift
from smartgoals.language._render import format_number
from smartgoals.language._text import normalise, tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500.50", "1500.50"),
        ("1.500,50", "1500.50"),
        ("700,000", "700000"),
        ("700.000", "700000"),
        ("1,000,000", "1000000"),
        ("1.000.000", "1000000"),
        ("10,5", "10.5"),
        ("2.4", "2.4"),
        ("0,125", "0.125"),
        ("0.125", "0.125"),
        ("12", "12"),
    ],
)
def test_both_locales(text: str, value: str) -> None:
    assert parse_digits(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,50,000", "1.000,000,5", "12345,678.9", "1" * 61])
def test_malformed_numbers(text: str) -> None:
    with pytest.raises(ParseError):
        parse_digits(text)


def _amount(text: str) -> tuple[Decimal, Kind, str | None]:
    found = read_amount(tokenize(normalise(text)), 0)
    assert found is not None
    return found.value, found.kind, found.currency


@pytest.mark.parametrize(
    ("text", "value", "kind", "currency"),
    [
        ("10%", "0.10", Kind.PERCENT, None),
        ("10 percent", "0.10", Kind.PERCENT, None),
        ("10 procent", "0.10", Kind.PERCENT, None),
        ("12,5 %", "0.125", Kind.PERCENT, None),
        ("5 percentage points", "0.05", Kind.POINTS, None),
        ("2 procentpunt", "0.02", Kind.POINTS, None),
        ("$2.4M", "2400000", Kind.MONEY, "USD"),
        ("$ 1 miljoen", "1000000", Kind.MONEY, "USD"),
        ("€1,5 mln", "1500000", Kind.MONEY, "EUR"),
        ("1.500,50 EUR", "1500.50", Kind.MONEY, "EUR"),
        ("USD 700,000", "700000", Kind.MONEY, "USD"),
        ("£3bn", "3000000000", Kind.MONEY, "GBP"),
        ("500k", "500000", Kind.NUMBER, None),
        ("2 billion euro", "2000000000", Kind.MONEY, "EUR"),
        ("anderhalf miljoen euro", "1500000", Kind.MONEY, "EUR"),
        ("een miljoen", "1000000", Kind.NUMBER, None),
        ("a dozen", "12", Kind.NUMBER, None),
        ("twenty-five", "25", Kind.NUMBER, None),
        ("vijfentwintig", "25", Kind.NUMBER, None),
        ("tweeëntwintig", "22", Kind.NUMBER, None),
        ("one hundred", "100", Kind.NUMBER, None),
        ("3x", "3", Kind.MULTIPLE, None),
        ("-5%", "-0.05", Kind.PERCENT, None),
        ("8 days", "8", Kind.NUMBER, None),
    ],
)
def test_amounts(text: str, value: str, kind: Kind, currency: str | None) -> None:
    assert _amount(text) == (Decimal(value), kind, currency)


def test_articles_are_numbers_only_where_a_number_must_be() -> None:
    tokens = tokenize(normalise("een jaar"))
    assert read_number(tokens, 0) is None
    assert read_number(tokens, 0, soft=True) == (Decimal(1), 1)
    assert read_amount(tokenize(normalise("a year")), 0) is None


def test_a_single_m_is_a_magnitude_only_against_the_number() -> None:
    assert _amount("2m")[0] == Decimal(2_000_000)
    assert _amount("2 m")[0] == Decimal(2)


@given(st.integers(-(10**40), 10**40), st.integers(-30, 30))
def test_shift_is_exact(digits: int, places: int) -> None:
    value = Decimal(digits)
    with localcontext() as context:
        context.prec = 200
        assert shift(value, places) == value * Decimal(10) ** places


@given(
    st.decimals(min_value=0, max_value=10**15, places=4, allow_nan=False),
    st.sampled_from(["en", "nl"]),
)
def test_written_numbers_read_back(value: Decimal, lang: str) -> None:
    assert parse_digits(format_number(value, lang)) == value
