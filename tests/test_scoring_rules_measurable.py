from __future__ import annotations

from datetime import date

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, Target
from smartgoals.scoring import Context, CriterionStatus, RuleSet, Severity, score
from smartgoals.scoring.rules import measurable
from smartgoals.scoring.rules.measurable import written_as_percent

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
        "The goal increases revenue by 10% but does not record the baseline it starts from."
    )
    assert found["M002"][2].startswith("Record the baseline")
    assert "M002" not in findings(
        Goal(metric=metrics.get("revenue"), target=Target.change("0.10"), baseline=1000)
    )


def test_relative_change_without_baseline_in_dutch_without_metric() -> None:
    found = findings(Goal(target=Target.change("0.10")), lang="nl")
    assert found["M002"][1] == (
        "Het doel verhoogt de maatstaf met 10%, maar legt de beginwaarde niet vast."
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
        "Het doel wil de omzet verhogen, maar de verandering is nul."
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


# -- a percentage of a count or an amount (M007, issue 15) ------------------------------------


def test_a_percentage_money_level_is_an_error_never_met() -> None:
    # "Increase revenue to 10% in 2027" reads as a money level of 0.1.
    goal = Goal(
        statement="Increase revenue to 10% in 2027",
        metric=metrics.get("revenue"),
        target=Target.level("0.1"),
        currency="EUR",
    )
    card = RULES.score(goal)
    assert card.status("M") is CriterionStatus.NOT_MET
    severity, message, suggestion = findings(goal)["M007"]
    assert severity is Severity.ERROR
    assert message == (
        "The target 10% is a percentage, but revenue is an amount of money, not a rate: "
        "10% of what?"
    )
    assert suggestion.startswith("Say what the percentage is of")
    assert findings(goal, "nl")["M007"][1] == (
        "De doelwaarde 10% is een percentage, maar de omzet is een geldbedrag, geen "
        "percentage: 10% van wat?"
    )


def test_a_percentage_of_demos_asks_of_what_and_names_a_rate() -> None:
    goal = Goal(
        statement="Book 40% demos in 2027",
        metric=metrics.get("demos_booked"),
        target=Target.level("0.4"),
    )
    severity, message, suggestion = findings(goal)["M007"]
    assert severity is Severity.ERROR
    assert message.endswith("40% of what?")
    assert "'close rate of 40%'" in suggestion


def test_a_percentage_read_from_text_is_found_by_its_span() -> None:
    for text in ("Increase revenue to 10% in 2027", "Book 40% demos in 2027"):
        card = score(text, context=Context(as_of=date(2027, 1, 1)))
        assert "M007" in card.codes(), text
        assert card.status("M") is CriterionStatus.NOT_MET


def test_no_percentage_no_error() -> None:
    counted = Goal(
        statement="Book 40 demos", metric=metrics.get("demos_booked"), target=Target.level(40)
    )
    rate = Goal(
        statement="Reach a close rate of 40%",
        metric=metrics.get("close_rate"),
        target=Target.level("0.4"),
    )
    # A statement with another percentage than the target's does not count.
    other = Goal(
        statement="Book 40 demos, 10% more",
        metric=metrics.get("demos_booked"),
        target=Target.level(40),
    )
    for goal in (counted, rate, other):
        assert "M007" not in findings(goal)
    assert not written_as_percent(counted, Context())


# -- ad-hoc metrics (M008, issue 15) ------------------------------------------------------------


def test_an_adhoc_metric_gets_advice_on_registering_it() -> None:
    goal = Goal(metric=metrics.adhoc("webinars"), target=Target.at_least(4))
    severity, message, suggestion = findings(goal)["M008"]
    assert severity is Severity.INFO
    assert message.startswith("“webinars” is not in the metric catalog")
    assert "smartgoals.metrics.register(Metric('webinars', ...))" in suggestion
    assert "'smartgoals.metrics' entry point" in suggestion
    dutch = findings(Goal(metric=metrics.adhoc("klantbezoeken", lang="nl")), "nl")["M008"]
    assert dutch[1].startswith("“klantbezoeken” staat niet in de catalogus van maatstaven")
    assert "Registreer de maatstaf" in dutch[2]
    assert "M008" not in findings(Goal(metric=metrics.get("demos_booked")))
    # Advice only: Measurable stays met.
    assert RULES.score(goal).status("M") is CriterionStatus.MET


# -- a ratio above 1 (M009, issue 17) -----------------------------------------------------------


def test_five_on_employee_turnover_asks_whether_5_percent_was_meant() -> None:
    goal = Goal(metric=metrics.get("employee_turnover"), target=Target.at_most(5))
    severity, message, suggestion = findings(goal)["M009"]
    assert severity is Severity.WARNING
    assert message == (
        "A target of 5 for employee turnover rate means 500%; a value above 1 is often a "
        "percentage written as a number."
    )
    assert suggestion == (
        "Did you mean 5%? Write it as 0.05 (or '5%'); keep 5 only if you mean 500%."
    )
    assert RULES.score(goal).status("M") is CriterionStatus.PARTIAL


def test_a_ratio_above_1_written_as_a_percentage_or_at_most_1_is_fine() -> None:
    nrr = Goal(
        statement="Reach NRR of 110% in 2027",
        metric=metrics.get("nrr"),
        target=Target.level("1.1"),
    )
    small = Goal(metric=metrics.get("employee_turnover"), target=Target.at_most("0.05"))
    attainment = Goal(metric=metrics.get("quota_attainment"), target=Target.at_least("1.2"))
    assert "M009" not in findings(nrr)
    assert "M009" not in findings(small)
    assert "M009" in findings(attainment)


# -- M004 follows the goal's direction (issue 17) ---------------------------------------------


def test_percent_change_of_a_rate_suggests_in_the_goals_direction() -> None:
    down = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.change("-0.05"),
    )
    assert findings(down)["M004"][2] == "State the target rate instead, e.g. 'from 25% to 20%'."
    assert findings(down, "nl")["M004"][2] == (
        "Noem liever het doelpercentage, bijv. 'van 25% naar 20%'."
    )
    up = Goal(metric=metrics.get("win_rate"), target=Target.change("0.05"))
    assert findings(up)["M004"][2] == "State the target rate instead, e.g. 'from 20% to 25%'."
    known = Goal(metric=metrics.get("win_rate"), target=Target.change("0.05"), baseline="0.2")
    assert findings(known)["M004"][2] == (
        "State the target rate instead: 'from 20% to 21%' (+5% of the rate) or "
        "'from 20% to 25%' (5 points)."
    )
