"""Tests for smartgoals.language._parser: scanning, clauses, carry-over and evidence."""

from __future__ import annotations

from datetime import date

import pytest

from smartgoals import metrics
from smartgoals.exceptions import ParseError
from smartgoals.goals import Direction, Target
from smartgoals.language import detect_language, explain, parse_goal, parse_goals
from smartgoals.metrics import Aggregation, Metric, MetricCatalog, Polarity, Unit


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Verhoog de omzet met 10% in een jaar", "nl"),
        ("Increase revenue by 10% in a year", "en"),
        ("Laten we dit kwartaal meer geld verdienen", "nl"),
        ("Sell more", "en"),
        ("🚀", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "placeholders"),
    [
        ("Increase revenue by TBD", ["TBD"]),
        ("Verhoog de omzet met n.t.b. procent", ["n.t.b."]),
        ("Increase revenue by ?% in xx", ["?", "xx"]),
        ("Increase revenue to $X by XXX", ["X", "XXX"]),
        ("Can we grow revenue?", []),
        ("Increase revenue by 10% in 2027", []),
        ("Grow leads to be determined", ["to be determined"]),
    ],
)
def test_placeholders(text: str, placeholders: list[str]) -> None:
    assert [p.text for p in explain(text).placeholders] == placeholders


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Generate 100 new customers via Instagram", ["instagram"]),
        ("Meer leads via sociale media en telefonisch contact", ["phone", "social_media"]),
        (
            "Book demos through webinars, trade shows and partners",
            ["events", "partners", "webinars"],
        ),
        ("Send 200 e-mails and newsletters", ["email"]),
        ("Increase revenue by 10%", []),
    ],
)
def test_channels(text: str, channels: list[str]) -> None:
    assert list(explain(text).channels) == channels


def test_channel_spans_point_into_the_text() -> None:
    text = "Grow leads via LinkedIn and LinkedIn ads"
    spans = explain(text).channels
    assert [s.text for s in spans["linkedin"]] == ["LinkedIn", "LinkedIn"]
    assert [s.text for s in spans["paid_ads"]] == ["ads"]


def test_vague_verbs_are_reported_only_without_an_amount() -> None:
    assert [v.text for v in explain("Improve customer retention").vague_verbs] == ["Improve"]
    assert [v.text for v in explain("Sell more items").vague_verbs] == ["Sell", "more"]
    assert explain("Sell 40 items").vague_verbs == ()
    assert explain("Revenue 2027").vague_verbs == ()


def test_a_list_number_is_not_an_amount() -> None:
    goal = parse_goal("1. Grow revenue")
    assert goal.target is None
    assert parse_goal("#2. Grow revenue").target is None


def test_a_second_metric_without_a_conjunction_stays_in_the_goal() -> None:
    goals = parse_goals("Increase revenue from new customers by 10%")
    assert len(goals) == 1
    assert goals[0].metric == metrics.get("revenue")


def test_comma_lists_of_metrics_are_several_goals() -> None:
    goals = parse_goals("Increase revenue by 10%, leads by 20% and demos by 5% in 2027")
    assert [g.metric.key for g in goals if g.metric] == ["revenue", "leads", "demos_booked"]
    assert [g.target for g in goals] == [
        Target.change("0.10"),
        Target.change("0.20"),
        Target.change("0.05"),
    ]


def test_a_dutch_verb_at_the_end_applies_to_its_clause() -> None:
    goals = parse_goals(
        "In zes maanden het klantverloop terugbrengen tot onder de 1% en de CAC met 5% verlagen",
        today=date(2026, 1, 1),
    )
    assert [g.direction for g in goals] == [Direction.DECREASE, Direction.DECREASE]
    assert goals[1].target == Target.change("-0.05")
    assert goals[0].timeframe == goals[1].timeframe


def test_separable_dutch_verbs() -> None:
    goal = parse_goal("Breng de churn terug naar 2%")
    assert goal.direction is Direction.DECREASE
    assert parse_goal("Breng de churn naar 2%").direction is None


def test_reach_takes_the_direction_from_the_metric_or_the_baseline() -> None:
    assert parse_goal("Reach a churn rate of 2%").direction is Direction.DECREASE
    assert parse_goal("Achieve 55 demos").direction is Direction.INCREASE
    assert parse_goal("Achieve 30 demos, from 40").direction is Direction.DECREASE


def test_a_custom_catalog() -> None:
    meetings = Metric(
        "site_visits",
        "site visits",
        Unit.COUNT,
        Polarity.HIGHER_IS_BETTER,
        Aggregation.SUM,
        names={"nl": "bedrijfsbezoeken"},
    )
    catalog = MetricCatalog([meetings])
    assert parse_goal("Verhoog de bedrijfsbezoeken met 10%", catalog=catalog).metric == meetings
    assert parse_goal("Increase revenue by 10%", catalog=catalog).metric is None


def test_long_adversarial_text_is_read() -> None:
    with pytest.raises(ParseError, match="digits"):
        parse_goals(("1" * 50 + ",") * 190)
    assert parse_goals("by " * 3000)[0].target is None
    assert parse_goals("((((" * 2500)[0].metric is None
    assert len(parse_goals("revenue and " * 800)) == 800
