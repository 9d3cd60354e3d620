"""Reading rates: cadences, run rates, shares of a population, ad-hoc counts, comparisons.

Each table holds statements as sales managers write them, in English and Dutch, with the
goal the reader must make of them (issue 15: a rate read as a total makes every later
number exact and wrong).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartgoals import metrics
from smartgoals.goals import Direction, Owner, Scope, Target
from smartgoals.language import explain, parse_goal, parse_goals
from smartgoals.metrics import Aggregation, MetricKind, Unit
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

TODAY = date(2026, 3, 15)
WEEK, MONTH, QUARTER, YEAR = (
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.QUARTER,
    Granularity.YEAR,
)


@pytest.mark.parametrize(
    ("text", "key", "target", "cadence"),
    [
        (
            "Book 40 demos a month in 2027",
            "demos_booked",
            Target.at_least(40, per=MONTH),
            "a month",
        ),
        ("Make 50 calls per week in 2027", "calls", Target.at_least(50, per=WEEK), "per week"),
        (
            "Generate 300 MQLs per month in 2027",
            "mql",
            Target.at_least(300, per=MONTH),
            "per month",
        ),
        (
            "Send 200 emails every week in 2027",
            "emails",
            Target.at_least(200, per=WEEK),
            "every week",
        ),
        (
            "Book 12 meetings each month in 2027",
            "meetings",
            Target.at_least(12, per=MONTH),
            "each month",
        ),
        ("Make 20 calls a day in Q3 2027", "calls", Target.at_least(20, per="day"), "a day"),
        ("Book 5 demos weekly in 2027", "demos_booked", Target.at_least(5, per=WEEK), "weekly"),
        (
            "In 2027, close 10 deals in each quarter",
            "deals_won",
            Target.level(10, per=QUARTER),
            "each quarter",
        ),
        (
            "Boek 40 demo's per maand in 2027",
            "demos_booked",
            Target.at_least(40, per=MONTH),
            "per maand",
        ),
        (
            "Boek elke week 10 demo's in 2027",
            "demos_booked",
            Target.at_least(10, per=WEEK),
            "elke week",
        ),
        (
            "Genereer iedere maand 300 leads in 2027",
            "leads",
            Target.at_least(300, per=MONTH),
            "iedere maand",
        ),
        (
            "Haal wekelijks 5 nieuwe klanten binnen in 2027",
            "new_customers",
            Target.level(5, per=WEEK),
            "wekelijks",
        ),
        ("50 telefoontjes per dag in 2027", "calls", Target.at_least(50, per="day"), "per dag"),
        (
            "€400k omzet per kwartaal in 2027",
            "revenue",
            Target.level(400_000, per=QUARTER),
            "per kwartaal",
        ),
        (
            "Increase sales per quarter by 20% in 2027",
            "revenue",
            Target.change("0.20", per=QUARTER),
            "per quarter",
        ),
        (
            "Verhoog de verkoop per kwartaal met 20% in 2027",
            "revenue",
            Target.change("0.20", per=QUARTER),
            "per kwartaal",
        ),
        (
            "Increase quarterly sales by 20% in 2027",
            "revenue",
            Target.change("0.20", per=QUARTER),
            "quarterly",
        ),
        (
            "Increase annual income by 10% in 2027",
            "revenue",
            Target.change("0.10", per=YEAR),
            "annual",
        ),
        (
            "Reduce monthly churn to below 2% in 2027",
            "customer_churn_rate",
            Target.at_most("0.02", per=MONTH),
            "monthly",
        ),
    ],
)
def test_cadences_become_target_per(text: str, key: str, target: Target, cadence: str) -> None:
    parsed = explain(text, today=TODAY).goals[0]
    assert parsed.goal.metric is not None
    assert parsed.goal.metric.key == key
    assert parsed.goal.target == target
    assert parsed.spans["period"].text == cadence
    assert parsed.goal.timeframe is not None  # a cadence is never the timeframe


@pytest.mark.parametrize(
    ("word", "per"),
    [
        ("maandomzet", MONTH),
        ("kwartaalomzet", QUARTER),
        ("jaaromzet", YEAR),
        ("jaarinkomen", YEAR),
        ("weekomzet", WEEK),
    ],
)
def test_dutch_compounds_are_revenue_with_a_cadence(word: str, per: Granularity) -> None:
    parsed = explain(f"Verhoog de {word} met 10% in 2027", today=TODAY).goals[0]
    assert parsed.goal.metric == metrics.get("revenue")
    assert parsed.goal.target == Target.change("0.10", per=per)
    assert parsed.spans["metric"].text == parsed.spans["period"].text == word


def test_the_article_run_rate_reads_as_a_monthly_path() -> None:
    # "raise monthly revenue by 10% in a year": the month's value at the end is
    # €110,000, not a yearly total of €110,000 (€9,166.67 a month).
    goal = parse_goal("Increase monthly revenue from €100,000 by 10% in 2027", today=TODAY)
    assert goal.metric == metrics.get("revenue")
    assert goal.target == Target.change("0.10", per=MONTH)
    assert (goal.baseline, goal.currency) == (Decimal(100_000), "EUR")
    assert goal.timeframe == Timeframe.year(2027)
    assert goal.target_value == Decimal("110000.00")
    assert goal.target_total() == Decimal("1265000.00")
    dutch = parse_goal("Verhoog de maandelijkse omzet met 10% in een jaar", today=TODAY)
    assert dutch.target == Target.change("0.10", per=MONTH)
    assert dutch.timeframe == Timeframe.starting(TODAY, months=12)


def test_each_ae_books_20_demos_a_week() -> None:
    goal = parse_goal("Each AE books 20 demos a week in Q3 2027", today=TODAY)
    assert goal.metric == metrics.get("demos_booked")
    assert goal.target == Target.at_least(20, per=WEEK)
    assert goal.owner == Owner("AE", Scope.ROLE)
    assert goal.timeframe == Timeframe.quarter(2027, 3)
    assert goal.direction is Direction.INCREASE
    # 20 a week over the 92 days of Q3 2027, not 20 in the quarter
    assert goal.target_total() == Decimal(263)
    assert goal.target_total(holders=5) == Decimal(1315)


def test_per_rep_is_the_role_and_per_week_the_cadence() -> None:
    parsed = explain("50 calls per rep per week in Q3 2027", today=TODAY).goals[0]
    assert parsed.goal.owner == Owner("rep", Scope.ROLE)
    assert parsed.goal.target == Target.at_least(50, per=WEEK)
    assert (parsed.spans["owner"].text, parsed.spans["period"].text) == ("per rep", "per week")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Grow MRR by 10% per month in 2027", "mrr"),
        ("Increase monthly recurring revenue by 5% in 2027", "mrr"),
        ("Verhoog de maandelijks terugkerende omzet met 5% in 2027", "mrr"),
        ("Verhoog de MRR met 5% per maand in 2027", "mrr"),
        ("Increase ARR by 20% every quarter in 2027", "arr"),
        ("Grow pipeline to $2M per month in 2027", "pipeline"),
        ("Reach 500 customers per quarter in 2027", "customers"),
    ],
)
def test_no_cadence_on_a_level_at_a_point_in_time(text: str, key: str) -> None:
    # MRR, ARR, pipeline and customer count carry their own period: Goal would reject a
    # cadence on them, so the reader leaves Target.per unset.
    goal = parse_goal(text, today=TODAY)
    assert goal.metric is not None
    assert (goal.metric.key, goal.metric.aggregation) == (key, Aggregation.LEVEL)
    assert goal.target is not None
    assert goal.target.per is None


@pytest.mark.parametrize(
    ("text", "key", "target", "currency"),
    [
        ("CAC under $1,200 per customer in 2027", "cac", Target.at_most(1200), "USD"),
        ("Verlaag de CAC tot onder €1.200 per klant in 2027", "cac", Target.at_most(1200), "EUR"),
        ("Revenue per customer of €500 in 2027", "arpa", Target.level(500), "EUR"),
        ("Omzet per klant van €500 in 2027", "arpa", Target.level(500), "EUR"),
        ("Increase revenue per deal to $20,000 in 2027", "revenue", Target.level(20_000), "USD"),
    ],
)
def test_per_customer_is_a_unit_not_a_cadence(
    text: str, key: str, target: Target, currency: str
) -> None:
    parsed = explain(text, today=TODAY).goals[0]
    assert parsed.goal.metric is not None
    assert parsed.goal.metric.key == key
    assert parsed.goal.target == target
    assert parsed.goal.currency == currency
    assert "period" not in parsed.spans


@pytest.mark.parametrize(
    ("text", "goals"),
    [
        (
            "Book 40 demos and 20 meetings a month in 2027",
            [
                ("demos_booked", Target.at_least(40, per=MONTH)),
                ("meetings", Target.at_least(20, per=MONTH)),
            ],
        ),
        (
            "Increase calls and emails by 10% a month in 2027",
            [
                ("calls", Target.change("0.10", per=MONTH)),
                ("emails", Target.change("0.10", per=MONTH)),
            ],
        ),
        (
            # a cadence carries backward only, like the amount
            "Increase monthly revenue by 10% and leads by 20% in 2027",
            [("revenue", Target.change("0.10", per=MONTH)), ("leads", Target.change("0.20"))],
        ),
    ],
)
def test_a_cadence_is_shared_like_the_amount(text: str, goals: list[tuple[str, Target]]) -> None:
    read = parse_goals(text, today=TODAY)
    assert [(g.metric.key if g.metric else None, g.target) for g in read] == goals


@pytest.mark.parametrize(
    "text",
    [
        "Our annual goal: increase revenue by 10% in 2027",
        "Ons jaarlijkse doel: verhoog de omzet met 10% in 2027",
    ],
)
def test_a_cadence_adjective_qualifies_only_the_metric_or_amount_next_to_it(text: str) -> None:
    assert parse_goal(text, today=TODAY).target == Target.change("0.10")


# -- shares of a population ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "target", "span"),
    [
        (
            "Close 40% of the prospects who hear our sales presentation",
            "close_rate",
            Target.at_least("0.40"),
            "of the prospects",
        ),
        (
            "Verkopers sluiten 40% van de prospects die onze presentatie bijwonen",
            "close_rate",
            Target.at_least("0.40"),
            "van de prospects",
        ),
        (
            "Close at least 30% of our opportunities in 2027",
            "close_rate",
            Target.at_least("0.30"),
            "of our opportunities",
        ),
        ("Sluit 30% van de deals in 2027", "close_rate", Target.at_least("0.30"), "van de deals"),
        ("Close 25% of attendees in 2027", "close_rate", Target.at_least("0.25"), "of attendees"),
        (
            "Win 30% of opportunities in 2027",
            "win_rate",
            Target.at_least("0.30"),
            "of opportunities",
        ),
        (
            "Convert 25% of MQLs to SQLs in 2027",
            "mql_to_sql_rate",
            Target.at_least("0.25"),
            "of MQLs to SQLs",
        ),
        (
            "Converteer 25% van de MQL's naar SQL's in 2027",
            "mql_to_sql_rate",
            Target.at_least("0.25"),
            "van de MQL's naar SQL's",
        ),
        (
            "Convert 15% of leads to MQLs in 2027",
            "lead_to_mql_rate",
            Target.at_least("0.15"),
            "of leads to MQLs",
        ),
        ("Convert 10% of leads in 2027", "conversion_rate", Target.at_least("0.10"), "of leads"),
    ],
)
def test_a_share_of_a_population_is_a_rate_never_a_count(
    text: str, key: str, target: Target, span: str
) -> None:
    parsed = explain(text, today=TODAY).goals[0]
    metric = parsed.goal.metric
    assert metric is not None
    assert (metric.key, metric.unit, metric.aggregation) == (key, Unit.RATIO, Aggregation.AVERAGE)
    assert not metric.is_adhoc
    assert parsed.goal.target == target
    assert parsed.spans["metric"].text == span
    assert parsed.goal.direction is Direction.INCREASE


def test_a_conversion_between_stages_the_catalog_lacks_names_both() -> None:
    goal = parse_goal("Convert 20% of demos to deals in 2027", today=TODAY)
    assert goal.metric is not None
    assert goal.metric.key == "demos_booked_to_deals_won_rate"
    assert goal.metric.name == "demos booked to deals won conversion rate"
    assert goal.metric.label("nl") == "conversie van geboekte demo's naar gewonnen deals"
    assert (goal.metric.unit, goal.metric.aggregation) == (Unit.RATIO, Aggregation.AVERAGE)
    assert goal.metric.is_adhoc
    assert goal.target == Target.at_least("0.20")


@pytest.mark.parametrize(
    ("text", "key", "target"),
    [
        # the rate is named already: the population only says of whom
        ("Reduce churn to 2% of customers in 2027", "customer_churn_rate", Target.level("0.02")),
        # a change by a percentage is no share
        ("Increase calls by 10% of last year's number in 2027", "calls", Target.change("0.10")),
        # a count of people, no percentage
        ("Close 40 of the prospects in 2027", "prospects_contacted", Target.at_least(40)),
    ],
)
def test_what_is_not_a_share_of_a_population(text: str, key: str, target: Target) -> None:
    goal = parse_goal(text, today=TODAY)
    assert goal.metric is not None
    assert goal.metric.key == key
    assert goal.target == target


# -- ad-hoc activities --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name", "target"),
    [
        ("Organize 4 webinars in Q3 2027", "en", "webinars", Target.at_least(4)),
        ("2 QBRs per month in 2027", "en", "QBRs", Target.at_least(2, per=MONTH)),
        (
            "Host 3 executive roundtables per quarter in 2027",
            "en",
            "executive roundtables",
            Target.at_least(3, per=QUARTER),
        ),
        (
            "8 klantbezoeken per maand in 2027",
            "nl",
            "klantbezoeken",
            Target.at_least(8, per=MONTH),
        ),
        (
            "Organiseer 2 workshops per kwartaal in 2027",
            "nl",
            "workshops",
            Target.at_least(2, per=QUARTER),
        ),
        (
            "Increase the number of webinars by 10% in 2027",
            "en",
            "webinars",
            Target.change("0.10"),
        ),
        (
            "Verhoog het aantal klantbezoeken met 10% in 2027",
            "nl",
            "klantbezoeken",
            Target.change("0.10"),
        ),
    ],
)
def test_counts_of_unknown_activities_get_an_adhoc_metric(
    text: str, lang: str, name: str, target: Target
) -> None:
    parsed = explain(text, today=TODAY)
    goal = parsed.goals[0].goal
    assert parsed.lang == lang
    assert goal.metric is not None
    assert goal.metric.is_adhoc
    assert (goal.metric.name, goal.metric.label(lang)) == (name, name)
    assert (goal.metric.unit, goal.metric.kind) == (Unit.COUNT, MetricKind.ACTIVITY)
    assert goal.target == target
    assert parsed.goals[0].spans["metric"].text == name


def test_money_before_a_cadence_names_an_adhoc_amount() -> None:
    goal = parse_goal("€5k consulting per month in 2027", today=TODAY)
    assert goal.metric is not None
    assert (goal.metric.name, goal.metric.unit, goal.metric.is_adhoc) == (
        "consulting",
        Unit.CURRENCY,
        True,
    )
    assert goal.target == Target.level(5000, per=MONTH)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Sell more", None),
        ("Increase revenue by 10% in 2027", "revenue"),
        ("Grow revenue by 5 points in 2027", "revenue"),
        ("Book 4 new demos in 2027", "demos_booked"),
        ("Increase revenue by 10% in 2027 through 3 channels", "revenue"),
        ("Reach 100 within 3 months", None),
        ("Sell €5k consulting in 2027", None),
    ],
)
def test_unknown_words_are_a_metric_only_right_after_a_count(text: str, key: str | None) -> None:
    goal = parse_goal(text, today=TODAY)
    assert (goal.metric.key if goal.metric else None) == key


def test_an_adhoc_count_after_a_conjunction_is_a_goal_of_its_own() -> None:
    revenue, webinars = parse_goals(
        "Increase revenue by 10% and organize 4 webinars in 2027", today=TODAY
    )
    assert revenue.metric == metrics.get("revenue")
    assert webinars.metric is not None
    assert (webinars.metric.name, webinars.target) == ("webinars", Target.at_least(4))
    assert webinars.timeframe == revenue.timeframe == Timeframe.year(2027)


# -- comparison periods ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "timeframe", "baseline_period", "span"),
    [
        (
            "Increase revenue by 10% compared to Q2 2026 in Q2 2027",
            Timeframe.quarter(2027, 2),
            Timeframe.quarter(2026, 2),
            "compared to Q2 2026",
        ),
        (
            "Increase revenue by 10% vs. Q2 2026 in Q2 2027",
            Timeframe.quarter(2027, 2),
            Timeframe.quarter(2026, 2),
            "vs. Q2 2026",
        ),
        (
            "Increase revenue by 10% versus last year in 2027",
            Timeframe.year(2027),
            Timeframe.year(2026),
            "versus last year",
        ),
        (
            "Increase revenue by 10% year over year in Q3 2027",
            Timeframe.quarter(2027, 3),
            Timeframe.quarter(2026, 3),
            "year over year",
        ),
        (
            "Grow revenue 10% YoY in H1 2027",
            Timeframe.half(2027, 1),
            Timeframe.half(2026, 1),
            "YoY",
        ),
        (
            "Grow revenue by 5% quarter over quarter in Q3 2027",
            Timeframe.quarter(2027, 3),
            Timeframe.quarter(2027, 2),
            "quarter over quarter",
        ),
        (
            "Verhoog de omzet met 10% ten opzichte van Q2 2026 in Q2 2027",
            Timeframe.quarter(2027, 2),
            Timeframe.quarter(2026, 2),
            "ten opzichte van Q2 2026",
        ),
        (
            "Verhoog de omzet met 10% t.o.v. vorig jaar in 2027",
            Timeframe.year(2027),
            Timeframe.year(2026),
            "t.o.v. vorig jaar",
        ),
        (
            "Verhoog de omzet met 10% vergeleken met 2026 in 2027",
            Timeframe.year(2027),
            Timeframe.year(2026),
            "vergeleken met 2026",
        ),
        (
            "Verhoog de omzet in juni 2027 met 10% jaar op jaar",
            Timeframe.month(2027, 6),
            Timeframe.month(2026, 6),
            "jaar op jaar",
        ),
        (
            "Increase revenue by 10% compared to the period from 1 March 2026 to 30 June 2026 "
            "in 2027",
            Timeframe.year(2027),
            Timeframe(date(2026, 3, 1), date(2026, 7, 1)),
            "compared to the period from 1 March 2026 to 30 June 2026",
        ),
    ],
)
def test_comparison_periods_set_the_baseline_period(
    text: str, timeframe: Timeframe, baseline_period: Timeframe, span: str
) -> None:
    parsed = explain(text, today=TODAY).goals[0]
    assert parsed.goal.timeframe == timeframe
    assert parsed.goal.baseline_period == baseline_period
    assert parsed.spans["baseline_period"].text == span
    assert parsed.goal.target == Target.change(parsed.goal.target.value)  # type: ignore[union-attr]


def test_year_over_year_needs_a_timeframe_to_shift() -> None:
    parsed = explain("Increase revenue by 10% year over year", today=TODAY).goals[0]
    assert parsed.goal.baseline_period is None
    assert parsed.spans["baseline_period"].text == "year over year"


def test_year_over_year_follows_the_fiscal_calendar() -> None:
    retail = FiscalCalendar(start_month=2, weeks="4-4-5", week_end=5)
    goal = parse_goal("Increase revenue by 10% YoY in FY2027 Q2", calendar=retail, today=TODAY)
    assert goal.timeframe == retail.quarter(2027, 2)
    assert goal.baseline_period == retail.quarter(2026, 2)


def test_over_names_a_comparison_only_with_an_earlier_period() -> None:
    assert parse_goal("Grow revenue by 10% over 2027", today=TODAY).baseline_period is None
    over_the_next = parse_goal("Grow revenue by 10% over the next year", today=TODAY)
    assert over_the_next.timeframe == Timeframe.year(2027)
    assert over_the_next.baseline_period is None
    over_last = parse_goal("Grow revenue by 10% over last year in 2027", today=TODAY)
    assert over_last.baseline_period == Timeframe.year(2026)


# -- the language of the statement --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "lang"),
    [
        ("Increase revenue by 10% in 2027", "nl", "en"),
        ("Verhoog de omzet met 10% in 2027", "en", "nl"),
        ("Each AE books 20 demos a week in Q3 2027", "nl", "en"),
        # too few words to be sure: the hint stands
        ("Increase revenue", "nl", "en"),
        ("Grow demos", "nl", "nl"),
        ("2 QBRs per maand", "en", "en"),
        ("2 QBRs per maand", "nl", "nl"),
    ],
)
def test_a_hint_gives_way_to_a_statement_clearly_in_the_other_language(
    text: str, hint: str, lang: str
) -> None:
    assert explain(text, lang=hint, today=TODAY).lang == lang


def test_an_english_statement_with_a_dutch_hint_is_read_as_english() -> None:
    # "Increase revenue by 10% in 2027" with lang="nl" once became "Breng omzet naar 0,1".
    goal = parse_goal("Increase revenue by 10% in 2027", lang="nl", today=TODAY)
    assert goal.target == Target.change("0.10")
    assert goal.direction is Direction.INCREASE


@pytest.mark.parametrize(
    "text",
    [
        "Increase revenue from $1,200,000 by 15% in 2027, reviewed every month",
        "Increase revenue by 15% in 2027 with progress checked weekly",
        "Verhoog de omzet met 10% in 2027, elke maand besproken",
        "Verhoog de omzet met 10% in 2027, besproken elke maand",
    ],
)
def test_how_often_progress_is_checked_is_no_cadence(text: str) -> None:
    goal = parse_goal(text, today=TODAY)
    assert goal.target is not None
    assert goal.target.per is None


def test_dutch_van_before_a_change_names_the_baseline() -> None:
    goal = parse_goal(
        "Verhoog de maandelijkse omzet van €100.000 met 10% in 2027", today=date(2026, 12, 1)
    )
    assert goal.baseline == Decimal("100000")
    assert goal.currency == "EUR"
    assert goal.target == Target.change("0.10", per="month")
    assert goal.target_total() == Decimal("1265000.00")
    # "van" with no amount after it stays out of the numbers.
    team = parse_goal("Verhoog de omzet van het team met 10% in 2027", today=date(2026, 12, 1))
    assert team.baseline is None
    assert team.target == Target.change("0.10")
