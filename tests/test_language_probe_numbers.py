"""Statements sales managers write: negated comparisons, Dutch magnitudes, spaced thousands.

Each case is a statement that read a wrong number or comparison and still scored as a
fine goal, with the reading it must have now, and the neighbours that must keep theirs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import ParseError
from smartgoals.goals import TargetKind
from smartgoals.language import parse_goal
from smartgoals.language._numbers import Kind, read_amount
from smartgoals.language._text import normalise, tokenize
from smartgoals.timeframes import Granularity

TODAY = date(2027, 1, 15)
AT_LEAST, AT_MOST = TargetKind.AT_LEAST, TargetKind.AT_MOST
LEVEL, CHANGE = TargetKind.LEVEL, TargetKind.CHANGE
WEEK, MONTH = Granularity.WEEK, Granularity.MONTH

Reading = tuple[TargetKind, Decimal, str | None, Granularity | None]


def _reading(statement: str) -> Reading:
    goal = parse_goal(statement, today=TODAY)
    assert goal.target is not None, statement
    return goal.target.kind, goal.target.value, goal.currency, goal.target.per


@pytest.mark.parametrize(
    ("statement", "kind", "value", "per"),
    [
        # "no"/"not" turn the comparison round: "fewer than" alone is at most.
        ("Book no fewer than 12 meetings a week in Q2 2027", AT_LEAST, "12", WEEK),
        ("Book not fewer than 12 meetings a week in Q2 2027", AT_LEAST, "12", WEEK),
        ("Book no less than 12 meetings a week in Q2 2027", AT_LEAST, "12", WEEK),
        ("Book not less than 12 meetings a week in Q2 2027", AT_LEAST, "12", WEEK),
        ("Keep churn not below 2% in 2027", AT_LEAST, "0.02", None),
        ("Keep the churn rate no lower than 2% per month in 2027", AT_LEAST, "0.02", MONTH),
        ("Boek niet minder dan 12 afspraken per week in Q2 2027", AT_LEAST, "12", WEEK),
        ("Houd de churn niet lager dan 2% per maand in 2027", AT_LEAST, "0.02", MONTH),
        ("Houd de churn niet onder de 2% per maand in 2027", AT_LEAST, "0.02", MONTH),
        # the mirror phrases stay at most, and the plain ones keep their reading
        ("Book no more than 12 meetings a week in Q2 2027", AT_MOST, "12", WEEK),
        ("Book not more than 12 meetings a week in Q2 2027", AT_MOST, "12", WEEK),
        ("Book fewer than 12 meetings a week in Q2 2027", AT_MOST, "12", WEEK),
        ("Keep churn to no more than 2% per month in 2027", AT_MOST, "0.02", MONTH),
        ("Keep churn not above 2% in 2027", AT_MOST, "0.02", None),
        ("Keep churn to no higher than 2% per month in 2027", AT_MOST, "0.02", MONTH),
        ("Keep churn below 2% per month in 2027", AT_MOST, "0.02", MONTH),
        ("Houd churn op niet meer dan 2% per maand in 2027", AT_MOST, "0.02", MONTH),
        ("Houd churn op niet hoger dan 2% per maand in 2027", AT_MOST, "0.02", MONTH),
        ("Houd de churn niet boven de 2% per maand in 2027", AT_MOST, "0.02", MONTH),
        ("Houd de churn minder dan 2% per maand in 2027", AT_MOST, "0.02", MONTH),
    ],
)
def test_negated_comparisons(
    statement: str, kind: TargetKind, value: str, per: Granularity | None
) -> None:
    assert _reading(statement) == (kind, Decimal(value), None, per)


@pytest.mark.parametrize(
    ("statement", "kind", "value", "currency"),
    [
        # a Dutch "ton" after a number is 100,000
        ("Verhoog de omzet met 2 ton in 2027", CHANGE, "200000", None),
        ("Verhoog de omzet met 1,5 ton in 2027", CHANGE, "150000", None),
        ("Verhoog de omzet met twee ton in 2027", CHANGE, "200000", None),
        ("Behaal een omzet van 3 ton in 2027", LEVEL, "300000", None),
        ("Behaal een ton omzet in 2027", LEVEL, "100000", None),
        ("Behaal een omzet van €7,5 ton in 2027", LEVEL, "750000", "EUR"),
        # "mil" is million, like the short forms that were read already
        ("Grow revenue to 2.5 mil in 2027", LEVEL, "2500000", None),
        ("Grow revenue to €2.5 mil in 2027", LEVEL, "2500000", "EUR"),
        ("Grow revenue to 2.5 mln in 2027", LEVEL, "2500000", None),
        ("Grow revenue to 2.5 mln. in 2027", LEVEL, "2500000", None),
        ("Grow revenue to 2.5 mio in 2027", LEVEL, "2500000", None),
        ("Grow revenue to 2.5 million in 2027", LEVEL, "2500000", None),
        ("Grow revenue to 2.5M in 2027", LEVEL, "2500000", None),
        ("Grow revenue to 500k in 2027", LEVEL, "500000", None),
        ("Grow revenue to 1 bn in 2027", LEVEL, "1000000000", None),
        ("Verhoog de omzet naar 2,5 miljoen euro in 2027", LEVEL, "2500000", "EUR"),
        # a "ton" that is no Dutch magnitude is read as written
        ("Verkoop 500 ton staal in 2027", LEVEL, "500", None),
        ("Sell 2 ton of steel in 2027", AT_LEAST, "2", None),
    ],
)
def test_magnitudes(statement: str, kind: TargetKind, value: str, currency: str | None) -> None:
    assert _reading(statement)[:3] == (kind, Decimal(value), currency)


def test_a_ton_of_calls_is_no_number() -> None:
    goal = parse_goal("Make a ton of calls in 2027", today=TODAY)
    assert goal.target is None


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("2 ton", None, "200000"),
        ("2 ton", "nl", "200000"),
        ("2 ton", "en", "2"),
        ("two ton", None, "2"),
        ("a ton", None, None),
        ("één ton", "nl", "100000"),
        ("99 ton", "nl", "9900000"),
        ("100 ton", "nl", "100"),
        ("2 ton of steel", None, "2"),
        ("2 tons", None, "2"),
    ],
)
def test_ton_only_right_after_a_number(text: str, lang: str | None, value: str | None) -> None:
    amount = read_amount(tokenize(normalise(text)), 0, lang=lang)
    assert (amount.value if amount is not None else None) == (
        Decimal(value) if value is not None else None
    )


@pytest.mark.parametrize(
    ("statement", "value", "currency"),
    [
        ("Reach 1 250 000 euro revenue in 2027", "1250000", "EUR"),
        ("Reach 1 250 000 euros revenue in 2027", "1250000", "EUR"),
        ("Reach €1 250 000 revenue in 2027", "1250000", "EUR"),
        ("Reach EUR 1 250 000 revenue in 2027", "1250000", "EUR"),
        ("Reach 1 250 000 revenue in 2027", "1250000", None),
        ("Reach 250 000 euro revenue in 2027", "250000", "EUR"),
        ("Reach 250 000 revenue in 2027", "250000", None),
        ("Reach 5 500 euros revenue in 2027", "5500", "EUR"),
        ("Reach 1 250 000,50 EUR revenue in 2027", "1250000.50", "EUR"),
        ("Reach 1\u00a0250\u00a0000 euro revenue in 2027", "1250000", "EUR"),
        ("Reach 1\u202f250\u202f000 euro revenue in 2027", "1250000", "EUR"),
        ("Verhoog de omzet naar 1 250 000 euro in 2027", "1250000", "EUR"),
        ("Reach 5000 euro revenue in 2027", "5000", "EUR"),
        ("Reach 5000 euros revenue in 2027", "5000", "EUR"),
    ],
)
def test_spaced_thousands(statement: str, value: str, currency: str | None) -> None:
    assert _reading(statement)[1:3] == (Decimal(value), currency)


@pytest.mark.parametrize(
    ("statement", "kind", "value"),
    [
        ("Book in 2027 100 demos", AT_LEAST, "100"),
        ("Make in Q3 2027 150 calls", AT_LEAST, "150"),
        ("Make 150 calls in Q3 2027", AT_LEAST, "150"),
        ("Book 100 demos in 2027", AT_LEAST, "100"),
    ],
)
def test_a_year_before_a_number_is_not_a_group(
    statement: str, kind: TargetKind, value: str
) -> None:
    assert _reading(statement)[:2] == (kind, Decimal(value))


@pytest.mark.parametrize(
    ("statement", "shown", "joined"),
    [
        ("Make 3 150 calls in Q3 2027", "3 150", "3150"),
        ("Reach 5 500 revenue in 2027", "5 500", "5500"),
    ],
)
def test_one_spaced_group_without_a_currency_is_refused(
    statement: str, shown: str, joined: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_goal(statement, today=TODAY)
    message = str(caught.value)
    assert repr(shown) in message
    assert joined in message
    assert caught.value.position == statement.index(shown)


@pytest.mark.parametrize(
    ("statement", "kind", "value", "per"),
    [
        ("Ten minste 12 afspraken per week in Q2 2027", AT_LEAST, "12", WEEK),
        ("Hoogstens 2% churn per maand", AT_MOST, "0.02", MONTH),
        ("Minimaal 20 demo's per week per verkoper in Q3 2027", AT_LEAST, "20", WEEK),
    ],
)
def test_dutch_comparisons_that_open_a_statement(
    statement: str, kind: TargetKind, value: str, per: Granularity
) -> None:
    assert _reading(statement) == (kind, Decimal(value), None, per)


@given(st.integers(min_value=1000, max_value=10**18), st.sampled_from(["€", "EUR "]))
def test_spaced_money_reads_back_as_written(number: int, currency: str) -> None:
    spaced = f"{number:,}".replace(",", " ")
    amount = read_amount(tokenize(normalise(currency + spaced)), 0)
    assert amount is not None
    assert (amount.value, amount.kind, amount.currency) == (Decimal(number), Kind.MONEY, "EUR")


@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1))
def test_a_ton_is_a_hundred_thousand(value: Decimal) -> None:
    written = f"{value:f}".replace(".", ",")
    amount = read_amount(tokenize(normalise(f"{written} ton")), 0, lang="nl")
    assert amount is not None
    assert amount.value == value * 100_000
