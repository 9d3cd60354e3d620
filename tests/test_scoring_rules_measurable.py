from __future__ import annotations

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, Target
from smartgoals.scoring import RuleSet, Severity
from smartgoals.scoring.rules import measurable

RULES = RuleSet(measurable.RULES)


def findings(goal: Goal, lang: str = "en") -> dict[str, tuple[Severity, str, str]]:
    card = RULES.score(goal, lang=lang)
    return {f.code: (f.severity, f.message, f.suggestion) for f in card.findings}


def test_no_number_is_an_error() -> None:
    found = findings(Goal(statement="Increase revenue", metric=metrics.get("revenue")))
    assert found["M001"][0] is Severity.ERROR
    assert "M001" not in findings(Goal(target=Target.level(10)))


def test_relative_change_without_baseline_warns_to_record_it() -> None:
    goal = Goal(metric=metrics.get("revenue"), target=Target.change("0.10"))
    found = findings(goal)
    assert found["M002"][0] is Severity.WARNING
    assert found["M002"][1] == (
        "The goal changes revenue by +10% but does not record the baseline it starts from."
    )
    assert found["M002"][2].startswith("Record the baseline")
    assert "M002" not in findings(
        Goal(metric=metrics.get("revenue"), target=Target.change("0.10"), baseline=1000)
    )


def test_relative_change_without_baseline_in_dutch_without_metric() -> None:
    found = findings(Goal(target=Target.change("0.10")), lang="nl")
    assert found["M002"][1] == (
        "Het doel verandert de maatstaf met +10%, maar legt de beginwaarde niet vast."
    )


def test_absolute_change_needs_no_baseline_warning() -> None:
    goal = Goal(metric=metrics.get("leads"), target=Target.change(50, relative=False))
    assert "M002" not in findings(goal)


def test_placeholders_are_errors() -> None:
    for statement, shown in (
        ("Increase revenue by tbd in 2027", "“tbd”"),
        ("Verhoog de omzet met n.t.b. in 2027", "“n.t.b.”"),
        ("Increase revenue by ?% in 2027", "“?”"),
    ):
        found = findings(Goal(statement=statement))
        assert found["M003"][0] is Severity.ERROR, statement
        assert shown in found["M003"][1], statement


def test_a_question_mark_ending_a_sentence_is_no_placeholder() -> None:
    assert "M003" not in findings(Goal(statement="Can we sell 10% more?"))


def test_percent_change_of_a_rate_is_ambiguous() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.change("0.05"), baseline="0.2")
    found = findings(goal)
    assert found["M004"][0] is Severity.WARNING
    assert found["M004"][1] == (
        "A change of +5% in win rate is ambiguous: +5% of the current rate, or 5 percentage points?"
    )


def test_a_target_rate_is_not_ambiguous() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.level("0.25"), baseline="0.2")
    assert "M004" not in findings(goal)
    assert "M004" not in findings(
        Goal(metric=metrics.get("revenue"), target=Target.change("0.05"))
    )


def test_money_without_currency_warns() -> None:
    assert findings(Goal(metric=metrics.get("arr"), target=Target.level(2_400_000)))["M005"][
        0
    ] is (Severity.WARNING)
    with_currency = Goal(metric=metrics.get("arr"), target=Target.level(2_400_000), currency="USD")
    assert "M005" not in findings(with_currency)
    assert "M005" not in findings(Goal(metric=metrics.get("arr"), target=Target.change("0.1")))
    assert "M005" not in findings(Goal(metric=metrics.get("leads"), target=Target.level(100)))


def test_zero_change_warns_unless_maintaining() -> None:
    goal = Goal(
        metric=metrics.get("revenue"), direction=Direction.INCREASE, target=Target.change(0)
    )
    assert (
        findings(goal)["M006"][1] == "The goal wants to increase revenue but its change is zero."
    )
    assert findings(goal, lang="nl")["M006"][1] == (
        "Het doel wil omzet verhogen, maar de verandering is nul."
    )
    maintain = Goal(
        metric=metrics.get("revenue"), direction=Direction.MAINTAIN, target=Target.change(0)
    )
    assert "M006" not in findings(maintain)


def test_finding_values_are_kept() -> None:
    goal = Goal(metric=metrics.get("win_rate"), target=Target.change("0.05"))
    finding = next(f for f in RULES.score(goal).findings if f.code == "M004")
    assert finding.values["points"] == "5"
    assert finding.field == "target"
    assert finding.to_dict()["values"] == {"metric": "win_rate", "change": "+5%", "points": "5"}
