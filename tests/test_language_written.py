"""Statements as sales managers write them: short Dutch, roles inside teams, shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartgoals import kpi, metrics
from smartgoals.exceptions import ParseError
from smartgoals.goals import Owner, Scope, TargetKind
from smartgoals.language import describe, detect_language, parse_goal
from smartgoals.scoring import Context, Verdict, score

TODAY = date(2027, 1, 15)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Few common words, or as many English as Dutch ones ("churn", "per"): the words
        # of each language's phrases ("hoogstens", "wekelijks", "stuurt") decide.
        ("Piet stuurt dagelijks 100 e-mails in maart 2027", "nl"),
        ("Verstuur wekelijks 25 offertes in Q1 2027 (eigenaar: Sam)", "nl"),
        ("Ten minste 12 afspraken per week in Q2 2027", "nl"),
        ("Hoogstens 2% churn per maand in 2027", "nl"),
        ("Accountmanagers boeken ieder 8 demo's per week in 2027", "nl"),
        ("Book 20 demos a week", "en"),
        ("Close 4 deals per month in 2027", "en"),
        ("Increase revenue by 10% in 2027", "en"),
    ],
)
def test_short_statements_are_read_in_their_own_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert parse_goal(text, today=TODAY).statement == text


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # Read as English, "Ten" was the number 10 and "hoogstens" was not read at all.
        ("Ten minste 12 afspraken per week in Q2 2027", TargetKind.AT_LEAST, Decimal(12)),
        ("Hoogstens 2% churn per maand in 2027", TargetKind.AT_MOST, Decimal("0.02")),
    ],
)
def test_dutch_comparisons_at_the_start_are_read(
    text: str, kind: TargetKind, value: Decimal
) -> None:
    target = parse_goal(text, today=TODAY).target
    assert target is not None
    assert (target.kind, target.value) == (kind, value)


def test_the_owner_named_in_a_short_dutch_statement_is_read() -> None:
    assert parse_goal("Piet stuurt dagelijks 100 e-mails in maart 2027", today=TODAY).owner == (
        Owner("Piet", Scope.INDIVIDUAL)
    )
    labelled = parse_goal("Verstuur wekelijks 25 offertes in Q1 2027 (eigenaar: Sam)", today=TODAY)
    assert labelled.owner == Owner("Sam", Scope.INDIVIDUAL)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Sarah's team books 20 demos per AE per week in 2027", "AE"),
        ("Team Benelux: each AE books 20 demos a week in 2027", "AE"),
        ("Team Benelux boekt 20 demo's per accountmanager per week in 2027", "accountmanager"),
        ("Sarah's team closes 20 deals per rep per month in 2027", "rep"),
    ],
)
def test_a_role_inside_a_team_makes_the_target_each_holders(text: str, role: str) -> None:
    # A team's shared target would be divided among its members; "per AE" is not.
    goal = parse_goal(text, today=TODAY)
    assert goal.owner is not None
    assert (goal.owner.scope, goal.owner.name) == (Scope.ROLE, role)
    assert goal.target is not None
    assert goal.target.value == 20


def test_a_team_without_a_role_keeps_its_shared_target() -> None:
    goal = parse_goal("Team Benelux haalt €400k omzet per kwartaal in 2027", today=TODAY)
    assert goal.owner == Owner("Team Benelux", Scope.TEAM)


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("Close 30 percent of qualified opportunities in 2027", "close_rate", "0.30"),
        ("Sluit 30 procent van de gekwalificeerde kansen in 2027", "close_rate", "0.30"),
        ("Close 40% of new inbound leads in 2027", "close_rate", "0.40"),
        ("Book a demo with 25 percent of inbound leads in 2027", "conversion_rate", "0.25"),
        ("Close 40% of prospects who attend a demo in Q2 2027", "close_rate", "0.40"),
    ],
)
def test_a_share_of_a_described_population_is_a_rate(text: str, metric: str, value: str) -> None:
    # "of qualified opportunities": before, the words between "of" and the count hid the
    # population, and the share became a count of 0.3 opportunities.
    goal = parse_goal(text, today=TODAY)
    assert goal.metric is not None
    assert goal.metric.key == metric
    assert goal.target is not None
    assert goal.target.value == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "Increase the number of demos to 40 percent more than last year",
        "Verhoog het aantal demo's naar 40 procent in 2027",
    ],
)
def test_a_percentage_written_as_a_word_on_a_count_is_a_measurable_error(text: str) -> None:
    card = score(text, context=Context(as_of=TODAY))
    assert "M007" in [f.code for f in card.findings]
    assert card.verdict is not Verdict.SMART


@pytest.mark.parametrize(
    "text",
    [
        "Increase monthly revenue from €100k to €150k in 2027",
        "Verhoog de maandomzet van €100k naar €150k in 2027",
    ],
)
def test_a_monthly_value_from_one_amount_to_another_is_a_run_rate(text: str) -> None:
    # Before: €150k in every month from January on, 1,800,000 over the year. The month's
    # value moves from €100k to €150k, as "from €100k by 50%" already read: 1,525,000.
    goal = parse_goal(text, today=TODAY)
    assert goal.target is not None
    assert (goal.target.kind, goal.target.value, goal.target.relative) == (
        TargetKind.CHANGE,
        Decimal(50_000),
        False,
    )
    assert goal.baseline == 100_000
    by_half = parse_goal("Increase monthly revenue from €100k by 50% in 2027", today=TODAY)
    assert goal.target_total() == by_half.target_total() == Decimal("1525000.00")


def test_a_level_in_every_period_with_a_baseline_reads_back_as_a_level() -> None:
    flat = parse_goal("Increase demos booked to 55 a month, from a baseline of 40 in Q3 2027")
    assert flat.target is not None
    assert (flat.target.kind, flat.target.value, flat.baseline) == (
        TargetKind.LEVEL,
        Decimal(55),
        Decimal(40),
    )
    assert (
        describe(flat) == "Increase demos booked to 55 a month, from a baseline of 40 in Q3 2027."
    )
    assert flat.target_total() == 165


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hold 1 QBR per client per quarter in 2027", "per client"),
        ("Get 3 referrals from every new customer in 2027", "from every new customer"),
        ("Houd 1 QBR per klant per kwartaal in 2027", "per klant"),
    ],
)
def test_a_count_for_each_customer_is_refused_asking_for_the_total(text: str, words: str) -> None:
    # Read as it stands, "1 QBR per client" was one QBR in all, scored SMART.
    with pytest.raises(ParseError, match="give the total") as caught:
        parse_goal(text, today=TODAY)
    assert f"cannot read {words!r} in a goal" in str(caught.value)
    assert caught.value.position == text.index(words)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("CAC under $1,200 per customer in 2027", "cac"),
        ("Revenue per customer of €500 in 2027", "arpa"),
        ("Book 20 demos per account manager per week in 2027", "demos_booked"),
        ("Book 40 demos a month with new customers in 2027", "demos_booked"),
        ("Win 10 new customers per month in 2027", "new_customers"),
    ],
)
def test_amounts_per_customer_and_roles_named_like_customers_still_read(
    text: str, metric: str
) -> None:
    goal = parse_goal(text, today=TODAY)
    assert goal.metric is not None
    assert goal.metric.key == metric


@pytest.mark.parametrize(
    "text",
    [
        "Retain 95% of our customers in 2027",
        "Behoud 95% van onze klanten in 2027",
        "Increase customer retention to 95% in 2027",
        "Verhoog de klantretentie naar 95% in 2027",
    ],
)
def test_keeping_a_share_of_the_customers_is_the_retention_rate(text: str) -> None:
    # Before: a conversion rate (no catalog metric held retention).
    goal = parse_goal(text, today=TODAY)
    assert goal.metric is not None
    assert goal.metric.key == "customer_retention_rate"
    assert goal.target is not None
    assert goal.target.value == Decimal("0.95")


def test_the_retention_metric_is_the_kpi_of_the_same_name() -> None:
    entry = next(e for e in kpi.catalog() if e.name == "retention_rate")
    retention = metrics.get("customer_retention_rate")
    assert entry.metric == retention.key
    # 1 − churn: 10 of 200 customers left, so 95% stayed.
    assert retention.in_range(Decimal(str(kpi.retention_rate(10, 200))))
    assert kpi.retention_rate(10, 200) == 1 - kpi.customer_churn_rate(10, 200)
