from __future__ import annotations

from datetime import date

from smartgoals.goals import Goal
from smartgoals.scoring import Context, RuleSet, Severity
from smartgoals.scoring.rules import time_bound
from smartgoals.timeframes import Granularity, Timeframe

RULES = RuleSet(time_bound.RULES, select=["T", "T005"])


def codes(goal: Goal, context: Context | None = None) -> dict[str, Severity]:
    return {f.code: f.severity for f in RULES.score(goal, context=context).findings}


def test_no_timeframe_is_an_error_with_a_deadline_suggestion() -> None:
    card = RULES.score(Goal(statement="Increase revenue by 10%"))
    finding = next(f for f in card.findings if f.code == "T001")
    assert finding.severity is Severity.ERROR
    assert finding.suggestion == "Add a deadline, e.g. 'by 30 June 2027' or 'in Q3 2027'."


def test_deadline_before_as_of_is_an_error() -> None:
    goal = Goal(timeframe=Timeframe.year(2026))
    assert codes(goal, Context(as_of=date(2027, 1, 1)))["T002"] is Severity.ERROR
    assert "T002" not in codes(goal, Context(as_of=date(2026, 12, 31)))
    assert "T002" not in codes(goal)


def test_horizon_over_three_years_warns() -> None:
    three = Goal(timeframe=Timeframe(date(2027, 1, 1), date(2030, 1, 1)))
    longer = Goal(timeframe=Timeframe(date(2027, 1, 1), date(2030, 1, 2)))
    assert "T003" not in codes(three)
    assert codes(longer)["T003"] is Severity.WARNING


def test_long_goal_without_check_in_is_info() -> None:
    year = Goal(
        statement="Increase monthly revenue by 10% in 2027", timeframe=Timeframe.year(2027)
    )
    assert codes(year)["T004"] is Severity.INFO
    quarter = Goal(timeframe=Timeframe.quarter(2027, 2))
    assert "T004" not in codes(quarter)


def test_a_check_in_in_the_statement_strategy_or_context_counts() -> None:
    year = Timeframe.year(2027)
    assert "T004" not in codes(Goal(statement="Grow 10%, reviewed every month", timeframe=year))
    assert "T004" not in codes(Goal(strategy="voortgang elke maand besproken", timeframe=year))
    assert "T004" not in codes(Goal(timeframe=year), Context(check_in=Granularity.MONTH))


def test_period_alignment_is_off_by_default() -> None:
    goal = Goal(timeframe=Timeframe(date(2027, 3, 14), date(2027, 7, 10)))
    assert codes(goal)["T005"] is Severity.INFO
    assert "T005" not in RuleSet(time_bound.RULES).score(goal).codes()
    assert "T005" not in codes(Goal(timeframe=Timeframe.quarter(2027, 2)))


def test_messages_in_dutch() -> None:
    goal = Goal(timeframe=Timeframe.year(2026))
    card = RULES.score(goal, context=Context(as_of=date(2027, 3, 1)), lang="nl")
    finding = next(f for f in card.findings if f.code == "T002")
    assert finding.message == "De deadline 2026-12-31 is verstreken (beoordeeld op 2027-03-01)."
    assert finding.lang == "nl"
