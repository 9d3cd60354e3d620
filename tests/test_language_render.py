"""Tests for smartgoals.language._render: describe() and number formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target
from smartgoals.language import describe, parse_goal
from smartgoals.language._render import format_number
from smartgoals.timeframes import FiscalCalendar, Timeframe


def _goal(**fields: object) -> Goal:
    base: dict[str, object] = {
        "metric": metrics.get("revenue"),
        "direction": Direction.INCREASE,
        "target": Target.change("0.1"),
        "timeframe": Timeframe.year(2027),
    }
    base.update(fields)
    return Goal(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("goal", "en", "nl"),
    [
        (
            _goal(),
            "Increase revenue by 10% in 2027.",
            "Verhoog omzet met 10% in 2027.",
        ),
        (
            _goal(
                direction=Direction.DECREASE,
                target=Target.change("-500", relative=False),
                baseline=1500,
                currency="EUR",
                timeframe=Timeframe(date(2027, 3, 3), date(2027, 7, 1)),
            ),
            "Reduce revenue by EUR 500, from a baseline of EUR 1,500 between 3 March 2027 "
            "and 30 June 2027.",
            "Verlaag omzet met EUR 500, vanaf een uitgangswaarde van EUR 1.500 tussen "
            "3 maart 2027 en 30 juni 2027.",
        ),
        (
            _goal(
                metric=metrics.get("demos_booked"),
                target=Target.level(55),
                baseline=40,
                timeframe=Timeframe.quarter(2027, 3),
            ),
            "Increase demos booked from 40 to 55 in Q3 2027.",
            "Verhoog geboekte demo's van 40 naar 55 in Q3 2027.",
        ),
        (
            _goal(
                metric=metrics.get("win_rate"),
                direction=Direction.MAINTAIN,
                target=Target.at_least("0.3"),
                timeframe=Timeframe.half(2027, 1),
            ),
            "Keep win rate at least 30% in H1 2027.",
            "Houd winstpercentage minstens 30% in H1 2027.",
        ),
        (
            _goal(
                metric=metrics.get("win_rate"),
                target=Target.change("0.05", relative=False),
                timeframe=Timeframe.month(2027, 6),
            ),
            "Increase win rate by 5 percentage points in June 2027.",
            "Verhoog winstpercentage met 5 procentpunt in juni 2027.",
        ),
        (
            _goal(
                metric=metrics.get("sales_cycle_length"),
                direction=None,
                target=Target.change(-5, relative=False),
                timeframe=None,
            ),
            "Change sales cycle length by -5 days.",
            "Verander lengte van de verkoopcyclus met -5 dagen.",
        ),
    ],
)
def test_sentences(goal: Goal, en: str, nl: str) -> None:
    assert describe(goal) == en
    assert describe(goal, "nl") == nl


def test_owner_strategy_and_stretch_are_written() -> None:
    goal = _goal(
        owner=Owner("EMEA team", Scope.TEAM),
        strategy="consultative selling",
        type=GoalType.STRETCH,
    )
    text = describe(goal)
    assert text == (
        "Stretch goal: Increase revenue by 10% in 2027 through consultative selling. "
        "Owner: EMEA team."
    )
    back = parse_goal(text)
    assert back.owner == Owner("EMEA team", Scope.TEAM)
    assert back.strategy == "through consultative selling"
    assert back.type is GoalType.STRETCH
    nl = describe(_goal(strategy="door webinars te geven"), "nl")
    assert nl == "Verhoog omzet met 10% in 2027 door webinars te geven."


def test_a_fiscal_calendar_gives_labels() -> None:
    april = FiscalCalendar(start_month=4)
    goal = _goal(timeframe=april.quarter(2027, 3))
    text = describe(goal, calendar=april)
    assert text == "Increase revenue by 10% in FY2027 Q3."
    assert parse_goal(text, calendar=april).timeframe == april.quarter(2027, 3)


def test_a_goal_without_parts() -> None:
    assert describe(Goal()) == "Change."
    assert describe(Goal(metric=metrics.get("leads")), "nl") == "Verander leads."


def test_number_formats_are_unambiguous() -> None:
    assert format_number(Decimal("1.125"), "en") == "1.1250"
    assert format_number(Decimal("1234.125"), "nl") == "1.234,125"
    assert format_number(Decimal("-1500"), "en") == "-1,500"


def test_bad_arguments() -> None:
    with pytest.raises(InvalidInputError, match="lang"):
        describe(_goal(), "de")
    with pytest.raises(InvalidInputError, match="Goal"):
        describe("Increase revenue")  # type: ignore[arg-type]
