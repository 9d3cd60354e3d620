from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings

import smartgoals.scoring as scoring
from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal, Target
from smartgoals.scoring import Context, Criterion, CriterionStatus, RuleSet, Verdict, score
from smartgoals.scoring.rules import RULES
from smartgoals.timeframes import Timeframe
from strategies import goals


def test_public_names() -> None:
    for name in (
        "Criterion",
        "Severity",
        "Finding",
        "CriterionStatus",
        "Verdict",
        "Scorecard",
        "Context",
        "Rule",
        "rule",
        "RuleSet",
        "score",
        "available_rules",
    ):
        assert name in scoring.__all__
    assert scoring.__all__ == sorted(scoring.__all__, key=lambda n: (not n.isupper(), n))


def test_score_sell_more_this_quarter() -> None:
    card = score(Goal(statement="Sell more this quarter"))
    assert card.verdict is Verdict.NOT_SMART
    assert card.status(Criterion.SPECIFIC) is CriterionStatus.NOT_MET
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.UNKNOWN


def test_score_in_dutch() -> None:
    card = score(Goal(statement="Verkoop meer dit kwartaal"), lang="nl")
    assert card.lang == "nl"
    assert all(f.lang == "nl" for f in card.findings)
    assert card.findings[0].message.startswith("Het doel heeft geen doelwaarde")


def test_score_with_rules_given_as_a_list_or_set() -> None:
    goal = Goal(metric=metrics.get("revenue"), target=Target.change("0.1"))
    assert score(goal, rules=RULES[:1]).codes() == ()
    assert score(goal, rules=RuleSet(RULES, select=["M002"])).codes() == ("M002",)


def test_score_takes_a_goal_or_text_and_a_known_language() -> None:
    with pytest.raises(InvalidInputError, match="score\\(\\) takes a Goal or a goal statement"):
        score(["Sell more"])  # type: ignore[arg-type]
    assert score("Sell more").goal.statement == "Sell more"
    with pytest.raises(InvalidInputError, match="lang must be 'en' or 'nl'"):
        score(Goal(), lang="de")
    with pytest.raises(InvalidInputError, match="context must be a Context"):
        score(Goal(), context={"as_of": date(2027, 1, 1)})  # type: ignore[arg-type]


def test_available_rules_lists_code_criterion_summary_origin() -> None:
    infos = {i.code: i for i in scoring.available_rules()}
    assert infos["A001"].criterion is Criterion.ACHIEVABLE
    assert infos["A001"].summary == "Required growth far above history"
    assert infos["A001"].origin == "smartgoals"
    assert infos["T005"].off_by_default


def test_the_articles_examples_end_to_end() -> None:
    history = {"revenue": [(date(2025, 1, 1), 600_000), (date(2026, 1, 1), 700_000)]}
    five_million = Goal(
        statement="Reach $5 million revenue this year",
        metric=metrics.get("revenue"),
        target=Target.level(5_000_000),
        baseline=700_000,
        timeframe=Timeframe.year(2027),
        currency="USD",
    )
    card = score(five_million, context=Context(history=history, as_of=date(2027, 1, 5)))
    assert card.status(Criterion.ACHIEVABLE) is CriterionStatus.NOT_MET
    assert "A001" in card.codes()


@settings(max_examples=40, deadline=None)
@given(goals())
def test_score_never_fails_for_a_valid_goal(goal: Goal) -> None:
    card = score(goal, strict=True)
    assert card.goal is goal
    assert set(card.criteria) == set(Criterion)
