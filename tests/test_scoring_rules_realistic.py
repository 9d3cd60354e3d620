from __future__ import annotations

from datetime import date

import attrs
import pytest

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, GoalType, Target
from smartgoals.scoring import Context, Criterion, CriterionStatus, RuleSet, Severity, score
from smartgoals.scoring.rules import realistic
from smartgoals.timeframes import Timeframe

RULES = RuleSet(realistic.RULES)
TWENTY_PERCENT = {
    "revenue": [
        (date(2024, 1, 1), 1_000_000),
        (date(2025, 1, 1), 1_200_000),
        (date(2026, 1, 1), 1_440_000),
    ]
}
CALLS = Goal(
    metric=metrics.get("calls"), target=Target.level(2400), timeframe=Timeframe.year(2027)
)


def instagram_goal(**kwargs: object) -> Goal:
    return Goal(
        statement="Generate 100 new customers using Instagram sales",
        metric=metrics.get("new_customers"),
        target=Target.level(100),
        timeframe=Timeframe.year(2027),
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_articles_instagram_goal_without_social_media_is_an_error() -> None:
    card = RULES.score(instagram_goal(), context=Context(channels=["email", "phone"]))
    finding = next(f for f in card.findings if f.code == "R001")
    assert finding.severity is Severity.ERROR
    assert finding.values["channel"] == "instagram"
    assert card.status(Criterion.REALISTIC) is CriterionStatus.NOT_MET


def test_channel_in_dutch_statement_and_message() -> None:
    goal = Goal(statement="100 nieuwe klanten via Instagram-verkoop", metric=metrics.get("leads"))
    card = RULES.score(goal, context=Context(channels=["telefoon"]), lang="nl")
    finding = next(f for f in card.findings if f.code == "R001")
    assert finding.message == (
        "Het doel steunt op Instagram, dat niet bij de gebruikte kanalen hoort (telefoon)."
    )


def test_a_channel_in_use_or_its_family_passes() -> None:
    for channels in (["instagram"], ["social media"], ["Instagram", "email"]):
        card = RULES.score(instagram_goal(), context=Context(channels=channels))
        assert "R001" not in card.codes(), channels
    strategy_goal = Goal(metric=metrics.get("leads"), strategy="through social media")
    assert "R001" not in RULES.score(strategy_goal, context=Context(channels=["linkedin"])).codes()


def test_channel_in_the_strategy_is_recognised() -> None:
    goal = Goal(metric=metrics.get("leads"), strategy="webinars and trade shows")
    card = RULES.score(goal, context=Context(channels=["webinars"]))
    assert [f.values["channel"] for f in card.findings if f.code == "R001"] == ["events"]


def test_no_channel_evidence_keeps_realistic_unknown() -> None:
    card = RULES.score(instagram_goal())
    assert card.status(Criterion.REALISTIC) is CriterionStatus.UNKNOWN
    assert "the sales channels in use (Context.channels)" in card.unknown[Criterion.REALISTIC]


def test_outcome_goal_without_activity_goal_is_info() -> None:
    revenue = Goal(metric=metrics.get("revenue"), timeframe=Timeframe.year(2027))
    card = RULES.score(revenue, context=Context(activity_goals=[]))
    finding = next(f for f in card.findings if f.code == "R002")
    assert finding.severity is Severity.INFO
    backed = RULES.score(revenue, context=Context(activity_goals=[CALLS]))
    assert "R002" not in backed.codes()
    assert backed.status(Criterion.REALISTIC) is CriterionStatus.MET


def test_an_activity_goal_in_another_year_does_not_back_the_goal() -> None:
    revenue = Goal(metric=metrics.get("revenue"), timeframe=Timeframe.year(2028))
    assert "R002" in RULES.score(revenue, context=Context(activity_goals=[CALLS])).codes()


def test_activity_goals_themselves_pass_r002() -> None:
    assert "R002" not in RULES.score(CALLS, context=Context(activity_goals=[])).codes()


def test_direction_against_polarity_is_an_error() -> None:
    goal = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.INCREASE,
        target=Target.change("0.05"),
    )
    finding = next(f for f in RULES.score(goal).findings if f.code == "R003")
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "The goal wants to increase customer churn rate, but for customer churn rate lower is "
        "better."
    )
    assert finding.suggestion.startswith("Reverse the direction, e.g. 'decrease customer churn")


def test_direction_is_inferred_from_the_target() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.change("-0.1"))
    assert "R003" in RULES.score(goal).codes()
    fine = Goal(metric=metrics.get("cac"), target=Target.change("-0.05"))
    assert "R003" not in RULES.score(fine).codes()


def test_horizon_too_short_for_the_historical_pace_warns() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        target=Target.change("0.35"),
        baseline=1_440_000,
        timeframe=Timeframe.year(2027),
        currency="EUR",
    )
    card = RULES.score(goal, context=Context(history=TWENTY_PERCENT))
    finding = next(f for f in card.findings if f.code == "R004")
    assert finding.severity is Severity.WARNING
    assert finding.values["needed"] == 20
    assert finding.values["allowed"] == 12


def test_horizon_long_enough_passes() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        target=Target.change("0.35"),
        baseline=1_440_000,
        timeframe=Timeframe(date(2027, 1, 1), date(2028, 7, 1)),
    )
    assert "R004" not in RULES.score(goal, context=Context(history=TWENTY_PERCENT)).codes()


def test_flat_history_with_a_large_ask_warns() -> None:
    flat = {"leads": [(date(2025, 1, 1), 100), (date(2026, 1, 1), 100)]}
    goal = Goal(
        metric=metrics.get("leads"), target=Target.change("0.2"), timeframe=Timeframe.year(2027)
    )
    finding = next(f for f in RULES.score(goal, context=Context(history=flat)).findings)
    assert finding.code == "R004"
    assert finding.message.startswith("The history of leads shows no progress")


def test_a_stretch_goal_far_above_history_is_left_to_a001() -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        target=Target.change("3"),
        baseline=1_440_000,
        timeframe=Timeframe.year(2027),
        type=GoalType.STRETCH,
    )
    assert "R004" not in RULES.score(goal, context=Context(history=TWENTY_PERCENT)).codes()


# -- channels a goal rules out (R001, issue 17) ----------------------------------------------

EMAIL_AND_PHONE = Context(channels=["email", "phone"])


@pytest.mark.parametrize(
    "statement",
    [
        "Generate 100 new customers in 2027 through email and phone, not through Instagram",
        "Generate 100 new customers in 2027 through email and phone without Instagram",
        "Generate 100 new customers in 2027 through email instead of Instagram",
        "Genereer 100 nieuwe klanten in 2027 via e-mail en telefoon, niet via Instagram",
        "Genereer 100 nieuwe klanten in 2027 via e-mail en telefoon, zonder Instagram",
        "Genereer 100 nieuwe klanten in 2027 in plaats van via Instagram via e-mail",
    ],
)
def test_a_channel_the_goal_rules_out_is_not_relied_on(statement: str) -> None:
    goal = Goal(statement=statement, metric=metrics.get("new_customers"))
    assert "R001" not in RULES.score(goal, context=EMAIL_AND_PHONE).codes()
    # Read by the parser too, with its channel spans.
    card = score(statement, context=attrs.evolve(EMAIL_AND_PHONE, as_of=date(2027, 1, 1)))
    assert "R001" not in card.codes()
    assert card.status("R") is not CriterionStatus.NOT_MET


def test_a_negation_rules_out_only_what_follows_it_in_its_clause() -> None:
    goal = Goal(
        statement="Win 100 new customers through Instagram, not through email",
        metric=metrics.get("new_customers"),
    )
    assert [f.values["channel"] for f in RULES.score(goal, context=EMAIL_AND_PHONE).findings] == [
        "instagram"
    ]
    strategy = Goal(metric=metrics.get("leads"), strategy="not by phone but through webinars")
    card = RULES.score(strategy, context=EMAIL_AND_PHONE)
    assert [f.values["channel"] for f in card.findings if f.code == "R001"] == ["webinars"]


def test_channel_names_are_dutch_in_dutch_messages() -> None:
    goal = Goal(statement="Meer klanten via beurzen", metric=metrics.get("new_customers"))
    finding = next(
        f
        for f in RULES.score(goal, context=EMAIL_AND_PHONE, lang="nl").findings
        if f.code == "R001"
    )
    assert finding.message == (
        "Het doel steunt op evenementen, dat niet bij de gebruikte kanalen hoort "
        "(e-mail, telefoon)."
    )
