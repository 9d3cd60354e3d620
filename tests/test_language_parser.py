"""Tests for smartgoals.language._parser: scanning, clauses, carry-over and evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartgoals import metrics
from smartgoals.exceptions import ParseError
from smartgoals.goals import Direction, GoalType, Target
from smartgoals.language import detect_language, explain, parse_goal, parse_goals
from smartgoals.metrics import Aggregation, Metric, MetricCatalog, Polarity, Unit
from smartgoals.timeframes import Timeframe


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


# -- only ParseErrors, on any input ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Reduce revenue by 200%", "by 200%", "-2.00"),
        ("Cut costs 6x", "6x", "-5"),
        ("Verlaag de omzet met 200%", "met 200%", "-2.00"),
    ],
)
def test_a_change_the_goal_refuses_is_a_parse_error_that_quotes_its_words(
    text: str, words: str, value: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_goal(text, today=date(2026, 1, 1))
    assert str(caught.value) == (
        f"cannot read {words!r} in a goal: a relative change of {value} is below -100%; "
        "a metric cannot fall by more than all of it"
    )
    assert caught.value.position == text.index(words)
    assert caught.value.text == text


@pytest.mark.parametrize(
    ("text", "today", "words", "message"),
    [
        ("Revenue +10% 2027-6-9999999999", date(2026, 1, 1), "2027-6", "9999999999 is not"),
        ("Revenue +10% by 2027-6-9999999999", date(2026, 1, 1), "2027-6", "9999999999 is not"),
        ("Revenue +10% in a year", date(9999, 1, 1), "in a year", "would end after 9999-12-31"),
        ("Omzet +10% in een jaar", date(9999, 1, 1), "in een jaar", "would end after 9999-12-"),
        ("Revenue +10% next year", date(9998, 6, 1), "next year", "got 9999"),
        ("Revenue +10% compared to Q3", date.max, "compared to", "got 9999"),
        ("Revenue +10% FY2027H" + "1" * 4301, date(2026, 1, 1), "FY2027H", "H11111111…"),
    ],
)
def test_a_date_past_what_a_date_holds_is_a_parse_error(
    text: str, today: date, words: str, message: str
) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse_goal(text, today=today)
    assert caught.value.text == text
    assert caught.value.position == text.index(words)


@pytest.mark.parametrize(
    ("too_long", "digits", "first", "longest", "value"),
    [
        # a magnitude adds nine zeros to sixty digits as written
        ("Increase revenue to 1" + "0" * 59 + " billion", 69, "1",
         "Increase revenue to 1" + "0" * 50 + " billion", Decimal(10**59)),
        # 59 digits as written, 61 once "%" moves the point two places
        ("Increase win rate to 0." + "0" * 57 + "1%", 61, "0.",
         "Increase win rate to 0." + "0" * 55 + "1%", Decimal("1E-58")),
    ],
)  # fmt: skip
def test_an_amount_longer_than_sixty_digits_written_out_is_a_parse_error(
    too_long: str, digits: int, first: str, longest: str, value: Decimal
) -> None:
    with pytest.raises(
        ParseError, match=f"has {digits} digits written out; write at most 60"
    ) as caught:
        parse_goal(too_long)
    assert caught.value.position == too_long.index(first)
    # sixty digits written out are read
    assert parse_goal(longest).target == Target.level(value)


def test_a_label_at_the_start_says_the_goal_s_layer() -> None:
    team = parse_goal("Team goal: Increase revenue by 10% in 2027.")
    assert team.type is GoalType.TEAM
    assert team.owner is None
    assert parse_goal("Teamdoel: Verhoog de omzet met 10% in 2027.").type is GoalType.TEAM
    assert parse_goal("Activity goal: Grow revenue by 10%").type is GoalType.ACTIVITY
    # without the colon the words do not label the goal
    assert parse_goal("Our annual goal is to grow leads by 10%").type is GoalType.ACTIVITY


def test_a_currency_after_in_is_the_goal_s_currency() -> None:
    goal = parse_goal("Increase revenue by 10% in EUR in 2027", today=date(2026, 1, 1))
    assert (goal.currency, str(goal.target)) == ("EUR", "+10%")
    assert goal.timeframe == Timeframe.year(2027)
    with pytest.raises(ParseError, match="currency EUR given for leads"):
        parse_goal("Increase leads by 10% in EUR")


def test_a_currency_code_before_a_negative_amount_is_read() -> None:
    goal = parse_goal("Breng van USD 318.426,77 naar USD -338.137,58", lang="nl")
    assert goal.baseline == Decimal("318426.77")
    assert goal.target == Target.level(Decimal("-338137.58"))
    assert goal.currency == "USD"
