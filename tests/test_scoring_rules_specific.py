from __future__ import annotations

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target
from smartgoals.scoring import Context, Criterion, RuleSet, Severity
from smartgoals.scoring.rules import specific
from smartgoals.timeframes import Timeframe

RULES = RuleSet(specific.RULES)


def findings(goal: Goal, lang: str = "en") -> dict[str, tuple[Severity, str, str]]:
    card = RULES.score(goal, lang=lang)
    return {f.code: (f.severity, f.message, f.suggestion) for f in card.findings}


def test_sell_more_this_quarter_names_no_metric() -> None:
    found = findings(Goal(statement="Sell more this quarter"))
    assert found["S001"][0] is Severity.ERROR
    assert "more of what" in found["S001"][1]
    assert found["S001"][2].startswith("Name the metric")


def test_a_goal_with_a_metric_passes_s001() -> None:
    assert "S001" not in findings(Goal(metric=metrics.get("revenue")))


def test_vague_verb_without_object_is_an_error() -> None:
    found = findings(Goal(statement="Improve our numbers"))
    assert found["S002"][0] is Severity.ERROR
    assert (
        found["S002"][1]
        == "“Improve our numbers” promises to improve something without naming what."
    )


def test_vague_verb_in_dutch() -> None:
    found = findings(Goal(statement="Verbeter onze cijfers"), lang="nl")
    assert (
        found["S002"][1]
        == "“Verbeter onze cijfers” belooft iets te verbeter zonder te zeggen wat."
    )


def test_vague_verb_with_a_concrete_object_passes() -> None:
    assert "S002" not in findings(Goal(statement="Improve the win rate"))


def test_vague_verb_is_not_checked_once_the_metric_is_known() -> None:
    goal = Goal(statement="Improve our numbers", metric=metrics.get("revenue"))
    assert "S002" not in findings(goal)


def test_no_strategy_is_a_warning_with_the_articles_advice() -> None:
    found = findings(Goal(metric=metrics.get("revenue"), target=Target.change("0.1")))
    assert found["S003"][0] is Severity.WARNING
    assert "consultative selling" in found["S003"][2]


def test_a_strategy_satisfies_s003() -> None:
    goal = Goal(metric=metrics.get("revenue"), strategy="by using consultative selling")
    assert "S003" not in findings(goal)


def test_activity_goals_need_no_strategy() -> None:
    assert "S003" not in findings(Goal(metric=metrics.get("calls")))
    assert "S003" not in findings(Goal(type=GoalType.ACTIVITY))


def test_the_articles_example_10_sets_several_goals() -> None:
    statement = (
        "Verhoog het winstpercentage met 8% tegen het einde van het jaar en het aantal uren "
        "besteed aan mentorschap van verkopers met 15% in zes maanden."
    )
    found = findings(Goal(statement=statement))
    assert found["S004"][0] is Severity.WARNING
    assert found["S004"][1].startswith("The statement sets 2 goals at once")
    assert found["S004"][2].startswith("Split it")


def test_several_goals_in_english() -> None:
    found = findings(Goal(statement="Increase revenue by 10% and reduce churn to 2% in 2027"))
    assert "S004" in found


def test_one_goal_with_a_date_range_is_one_goal() -> None:
    for statement in (
        "Grow revenue by 10% between 1 January and 30 June 2027",
        "Increase demos from 40 to 55 in Q3 and Q4",
        "Increase revenue by 10% in 2027 through email and phone",
    ):
        assert "S004" not in findings(Goal(statement=statement)), statement


def test_no_owner_is_info_after_doran() -> None:
    found = findings(Goal(metric=metrics.get("revenue")))
    assert found["S005"][0] is Severity.INFO
    assert "S005" not in findings(Goal(owner=Owner("EMEA team", Scope.TEAM)))


def test_a_specific_goal_meets_the_criterion() -> None:
    goal = Goal(
        statement="The EMEA team increases revenue by 10% in 2027",
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.change("0.1"),
        timeframe=Timeframe.year(2027),
        owner=Owner("EMEA team", Scope.TEAM),
        strategy="consultative selling",
    )
    card = RULES.score(goal, context=Context())
    assert card.findings == ()
    assert card.criteria[Criterion.SPECIFIC].score == 1.0


def test_every_specific_rule_has_docs_and_both_languages() -> None:
    for rule in specific.RULES:
        assert rule.criterion is Criterion.SPECIFIC
        assert rule.code.startswith("S")
        assert rule.docs.what
        assert rule.docs.why
        assert rule.docs.example
        assert rule.docs.better
        assert set(rule.messages) >= {"en", "nl"}
        assert set(rule.suggestions) >= {"en", "nl"}
