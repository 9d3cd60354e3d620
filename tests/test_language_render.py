"""Tests for smartgoals.language._render: describe() and number formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target
from smartgoals.language import describe, parse_goal
from smartgoals.language._render import format_number
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe
from strategies import fiscal_calendars, goals


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


@pytest.mark.parametrize(
    ("goal", "en", "nl"),
    [
        (
            _goal(
                metric=metrics.get("demos_booked"),
                target=Target.at_least(20, per="week"),
                timeframe=Timeframe.quarter(2027, 3),
                owner=Owner("AE", Scope.ROLE),
            ),
            "Increase demos booked to at least 20 a week in Q3 2027. Owner: each AE.",
            "Verhoog geboekte demo's tot minstens 20 per week in Q3 2027. Eigenaar: elke AE.",
        ),
        (
            _goal(target=Target.change("0.10", per="month"), baseline=100_000, currency="EUR"),
            "Increase monthly revenue by 10%, from a baseline of EUR 100,000 in 2027.",
            "Verhoog maandelijkse omzet met 10%, vanaf een uitgangswaarde van EUR 100.000 in 2027.",
        ),
        (
            _goal(
                target=Target.change("0.10"),
                timeframe=Timeframe.quarter(2027, 2),
                baseline_period=Timeframe.quarter(2026, 2),
            ),
            "Increase revenue by 10% compared to Q2 2026 in Q2 2027.",
            "Verhoog omzet met 10% ten opzichte van Q2 2026 in Q2 2027.",
        ),
        (
            _goal(
                target=Target.change("0.10"),
                baseline_period=Timeframe(date(2026, 3, 1), date(2026, 7, 1)),
            ),
            "Increase revenue by 10% compared to the period from 1 March 2026 to 30 June 2026 "
            "in 2027.",
            "Verhoog omzet met 10% ten opzichte van de periode van 1 maart 2026 tot en met "
            "30 juni 2026 in 2027.",
        ),
        (
            _goal(
                metric=metrics.adhoc("QBRs"),
                target=Target.at_least(2, per="quarter"),
                owner=Owner("Benelux", Scope.TEAM),
            ),
            "Increase the number of QBRs to at least 2 a quarter in 2027. Owner: Benelux (team).",
            "Verhoog het aantal QBRs tot minstens 2 per kwartaal in 2027. "
            "Eigenaar: Benelux (team).",
        ),
        (
            _goal(metric=metrics.adhoc("webinars"), target=Target.change("0.5", per="half")),
            "Increase the number of webinars by 50% a half-year in 2027.",
            "Verhoog het aantal webinars met 50% per halfjaar in 2027.",
        ),
        (
            _goal(
                metric=metrics.get("close_rate"),
                direction=Direction.MAINTAIN,
                target=Target.at_least("0.4", per="month"),
            ),
            "Keep close rate at least 40% a month in 2027.",
            "Houd sluitingspercentage minstens 40% per maand in 2027.",
        ),
    ],
)
def test_rates_owners_and_comparisons_are_written(goal: Goal, en: str, nl: str) -> None:
    assert describe(goal) == en
    assert describe(goal, "nl") == nl
    for lang, text in (("en", en), ("nl", nl)):
        back = parse_goal(text, lang=lang, today=date(2026, 1, 1))
        assert (back.metric, back.target, back.owner) == (goal.metric, goal.target, goal.owner)
        assert back.baseline_period == goal.baseline_period


@pytest.mark.parametrize(
    ("per", "en", "nl"),
    [
        (Granularity.DAY, "daily", "dagelijkse"),
        (Granularity.WEEK, "weekly", "wekelijkse"),
        (Granularity.MONTH, "monthly", "maandelijkse"),
        (Granularity.QUARTER, "quarterly", "driemaandelijkse"),
        (Granularity.HALF, "half-yearly", "halfjaarlijkse"),
        (Granularity.YEAR, "yearly", "jaarlijkse"),
    ],
)
def test_a_run_rate_names_its_cadence_before_the_metric(
    per: Granularity, en: str, nl: str
) -> None:
    goal = _goal(target=Target.change("0.10", per=per))
    assert describe(goal) == f"Increase {en} revenue by 10% in 2027."
    assert describe(goal, "nl") == f"Verhoog {nl} omzet met 10% in 2027."
    assert (
        parse_goal(describe(goal)).target == parse_goal(describe(goal, "nl")).target == goal.target
    )


def test_a_fiscal_comparison_period_is_written_as_its_label() -> None:
    april = FiscalCalendar(start_month=4)
    goal = _goal(timeframe=april.quarter(2027, 3), baseline_period=april.quarter(2026, 3))
    text = describe(goal, calendar=april)
    assert text == "Increase revenue by 10% compared to FY2026 Q3 in FY2027 Q3."
    assert parse_goal(text, calendar=april).baseline_period == april.quarter(2026, 3)


@settings(max_examples=300, deadline=None)
@given(goals(), st.sampled_from(["en", "nl"]))
def test_describe_then_parse_keeps_the_rate_owner_scope_and_comparison(
    goal: Goal, lang: str
) -> None:
    # A free-text strategy may hold sentence ends and metric names, which the reader
    # rightly takes for more goals: the property is about the parts the model names.
    goal = attrs.evolve(goal, strategy=None)
    text = describe(goal, lang)
    back = parse_goal(text, lang=lang, today=date(1980, 1, 1))
    assert (back.target.per if back.target else None) == (
        goal.target.per if goal.target else None
    ), text
    if goal.owner is None:
        assert back.owner is None, text
    else:
        # runs of spaces in a name are written as one
        assert back.owner == Owner(" ".join(goal.owner.name.split()), goal.owner.scope), text
    assert back.baseline_period == goal.baseline_period, text


def _read_back(goal: Goal, lang: str, calendar: FiscalCalendar | None) -> tuple[str, Goal]:
    text = describe(goal, lang, calendar=calendar)
    return text, parse_goal(text, lang=lang, today=date(1980, 1, 1), calendar=calendar)


@settings(max_examples=300, deadline=None)
@given(goals(), st.sampled_from(["en", "nl"]), st.none() | fiscal_calendars())
def test_a_described_goal_reads_back_equal_in_every_field_but_the_statement(
    goal: Goal, lang: str, calendar: FiscalCalendar | None
) -> None:
    # A free-text strategy may hold sentence ends and metric names, which the reader
    # rightly takes for more goals: the property is about the parts the model names.
    goal = attrs.evolve(goal, strategy=None, statement=None)
    if goal.owner is not None:
        # A name's runs of white space are written as one space.
        goal = attrs.evolve(goal, owner=Owner(" ".join(goal.owner.name.split()), goal.owner.scope))
    text, back = _read_back(goal, lang, calendar)
    assert attrs.evolve(back, statement=None) == goal, text


def test_a_calendar_half_is_written_by_its_days_under_a_fiscal_calendar() -> None:
    february = FiscalCalendar(start_month=2)
    goal = _goal(timeframe=Timeframe.half(2027, 1))
    text = describe(goal, calendar=february)
    # "in H1 2027" would read back as the fiscal half, 2026-02-01 – 2026-07-31
    assert text == "Increase revenue by 10% between 1 January 2027 and 30 June 2027."
    assert parse_goal(text, calendar=february, today=date(2026, 1, 1)).timeframe == (
        Timeframe.half(2027, 1)
    )
    assert describe(goal) == "Increase revenue by 10% in H1 2027."


def test_a_layer_the_metric_and_owner_do_not_imply_opens_the_sentence() -> None:
    goal = _goal(type=GoalType.TEAM)
    assert describe(goal) == "Team goal: Increase revenue by 10% in 2027."
    assert describe(goal, "nl") == "Teamdoel: Verhoog omzet met 10% in 2027."
    assert parse_goal(describe(goal, "nl")).type is GoalType.TEAM
    # a team owner implies it
    team = _goal(owner=Owner("Benelux", Scope.TEAM), type=GoalType.TEAM)
    assert describe(team) == "Increase revenue by 10% in 2027. Owner: Benelux (team)."


def test_a_currency_no_amount_names_follows_the_target() -> None:
    goal = _goal(currency="EUR")
    assert describe(goal) == "Increase revenue by 10% in EUR in 2027."
    assert describe(goal, "nl") == "Verhoog omzet met 10% in EUR in 2027."
    assert parse_goal(describe(goal, "nl")).currency == "EUR"


def test_a_number_longer_than_a_statement_holds_is_not_described() -> None:
    goal = _goal(target=Target.level(Decimal("1E+60")))
    with pytest.raises(InvalidInputError, match="it has 61 digits") as caught:
        describe(goal)
    assert caught.value.value == Decimal("1E+60")
    sixty = _goal(target=Target.level(Decimal("1E+59")))
    assert parse_goal(describe(sixty)).target == sixty.target
