"""Forecasts from the pipeline: worked examples per method, properties, bad input, output."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import (
    Deal,
    DealStatus,
    ForecastCategory,
    ForecastMethod,
    ForecastTotals,
    ProgressStatus,
    StageWinRate,
    Thresholds,
    deals_from,
    forecast,
    forecast_from_totals,
    stage_win_rates,
)

Q3: Timeframe = Timeframe.quarter(2027, 3)
REVENUE: Goal = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.at_least(100_000),
    timeframe=Q3,
    currency="EUR",
)
AS_OF = date(2027, 8, 15)
D = Decimal


def open_deal(id: str, amount: object, close: date, **kw: object) -> Deal:
    return Deal(id, amount, date(2027, 5, 1), close, "open", **kw)


def won_deal(id: str, amount: object, close: date, **kw: object) -> Deal:
    return Deal(id, amount, date(2027, 5, 1), close, "won", **kw)


def lost_deal(id: str, amount: object, close: date, **kw: object) -> Deal:
    return Deal(id, amount, date(2027, 5, 1), close, "lost", **kw)


# -- worked examples, one per method --------------------------------------------------

STAGE_DEALS = [
    won_deal("A", 40_000, date(2027, 7, 20)),
    won_deal("Z", 10_000, date(2027, 6, 30)),  # won last quarter: not this goal's
    open_deal("B", 30_000, date(2027, 9, 10), stage="Proposal"),
    open_deal("C", 50_000, date(2027, 9, 25), stage="Demo"),
    open_deal("D", 20_000, date(2027, 8, 1), stage="Demo"),  # slipped
    open_deal("E", 70_000, date(2027, 10, 3), stage="Proposal"),  # next quarter
    lost_deal("F", 25_000, date(2027, 7, 5)),
]


def test_stage_probabilities_by_hand() -> None:
    f = forecast(
        REVENUE,
        STAGE_DEALS,
        as_of=AS_OF,
        stage_probabilities={"Demo": "0.2", "Proposal": "0.6"},
    )
    # closed: A only; pipeline B + C (D slipped, E next quarter); 0.6 × 30k + 0.2 × 50k.
    assert f.method is ForecastMethod.STAGES
    assert (f.closed, f.pipeline, f.weighted_pipeline) == (D(40_000), D(80_000), D(28_000))
    assert f.most_likely == D(68_000)
    assert f.commit == f.best_case == D(40_000)  # no categories: neither commit nor best case
    assert f.coverage == D(80_000) / D(60_000)
    assert f.needed_coverage == D(80_000) / D(28_000)
    assert f.slipped == ("D",)
    assert (f.totals.slipped, f.totals.slipped_deals) == (D(20_000), 1)
    assert (f.totals.won_deals, f.totals.open_deals) == (1, 2)
    assert f.gaps == {
        "closed": D(-60_000),
        "commit": D(-60_000),
        "best_case": D(-60_000),
        "most_likely": D(-32_000),
    }
    assert f.status is ProgressStatus.AT_RISK  # 68% < 81%
    assert f.reason == "most likely 68.0% of the target; coverage 1.3×, needs 2.9×"


def test_stage_probabilities_match_stages_ignoring_case() -> None:
    f = forecast(
        REVENUE, STAGE_DEALS, as_of=AS_OF, stage_probabilities={"demo ": "0.2", "PROPOSAL": 1}
    )
    assert f.weighted_pipeline == D(40_000)


def test_stages_without_a_table_use_each_deals_own_probability() -> None:
    deals = [
        won_deal("A", 70_000, date(2027, 7, 20)),
        open_deal("B", 40_000, date(2027, 9, 1), probability="0.75"),
    ]
    f = forecast(REVENUE, deals, as_of=AS_OF)
    assert f.most_likely == D(100_000)
    assert f.status is ProgressStatus.ON_TRACK
    assert f.reason == "most likely 100.0% of the target; coverage 1.3×, needs 1.3×"


WIN_RATE_STAGES = ["Discovery", "Demo", "Proposal"]


def _history() -> list[Deal]:
    """12 closed deals: 4 lost at Discovery; 1 won, 3 lost at Demo; 3 won, 1 lost at Proposal."""
    spec = (
        [("Discovery", "lost")] * 4
        + [("Demo", "won")] + [("Demo", "lost")] * 3
        + [("Proposal", "won")] * 3 + [("Proposal", "lost")]
    )  # fmt: skip
    deals = []
    for i, (stage, outcome) in enumerate(spec):
        maker = won_deal if outcome == "won" else lost_deal
        # Closed in the first half of 2027: they teach, but are not this quarter's.
        deals.append(maker(f"H{i}", 1_000, date(2027, 6, 1), highest_stage=stage))
    return deals


def test_learnt_win_rates_by_hand() -> None:
    deals = [
        *_history(),
        open_deal("O1", 10_000, date(2027, 9, 1), stage="Demo"),
        open_deal("O2", 20_000, date(2027, 9, 2), stage="Proposal"),
        open_deal("O3", 30_000, date(2027, 9, 3), stage="Discovery"),
    ]
    f = forecast(
        REVENUE,
        deals,
        as_of=AS_OF,
        method="win_rates",
        stage_order=WIN_RATE_STAGES,
        min_sample=4,
    )
    rates = {r.stage: (r.won, r.closed, r.rate) for r in f.win_rates}
    # Reached Proposal: 4 (3 won); reached Demo: 8 (4 won); every one reached Discovery.
    assert rates == {
        "Discovery": (4, 12, Fraction(1, 3)),
        "Demo": (4, 8, Fraction(1, 2)),
        "Proposal": (3, 4, Fraction(3, 4)),
    }
    # 0.5 × 10k + 0.75 × 20k + 0.3333 × 30k (the rate rounded to a hundredth of a percent)
    assert f.weighted_pipeline == D("29999.0000")
    assert f.closed == 0
    assert f.most_likely == D("29999.0000")


def test_learnt_win_rates_refuse_a_stage_below_the_floor() -> None:
    deals = [*_history(), open_deal("O2", 20_000, date(2027, 9, 2), stage="Proposal")]
    with pytest.raises(InvalidInputError, match=r"stage 'Proposal' .* from 4 closed deals, "):
        forecast(
            REVENUE,
            deals,
            as_of=AS_OF,
            method="win_rates",
            stage_order=WIN_RATE_STAGES,
            min_sample=5,
        )


def test_learnt_win_rates_refuse_closed_deals_without_a_highest_stage() -> None:
    deals = [*_history(), lost_deal("X", 5, date(2027, 7, 1))]
    with pytest.raises(InvalidInputError, match=r"1 of 13 closed deals have none .*: X\)"):
        forecast(REVENUE, deals, as_of=AS_OF, method="win_rates", stage_order=WIN_RATE_STAGES)


def test_learnt_win_rates_need_the_stage_order() -> None:
    with pytest.raises(InvalidInputError, match="needs stage_order"):
        forecast(REVENUE, _history(), as_of=AS_OF, method="win_rates")


def test_stage_win_rates_count_later_stages_as_having_passed_earlier_ones() -> None:
    rates = stage_win_rates({"b": (2, 0), "a": (0, 2)}, stage_order=["a", "b", "c"])
    assert [(r.stage, r.won, r.closed) for r in rates] == [("a", 2, 4), ("b", 2, 2), ("c", 0, 0)]
    assert rates[2].rate is None
    assert rates[2].weight is None
    assert not rates[2].enough
    with pytest.raises(InvalidInputError, match=r"stages \['z'\] that stage_order"):
        stage_win_rates({"z": (1, 0)}, stage_order=["a"])


#: Categories by name and by value, side by side.
MIXED: dict[ForecastCategory | str, object] = {"commit": 1, ForecastCategory.BEST_CASE: 0}


def test_forecast_categories_by_hand() -> None:
    deals = [
        won_deal("W", 60, date(2027, 7, 2)),
        open_deal("C", 50, date(2027, 9, 1), category="Commit"),
        open_deal("B", 40, date(2027, 9, 1), category="Best Case"),
        open_deal("P", 10, date(2027, 9, 1), category="pipeline"),
        open_deal("O", 100, date(2027, 9, 1), category="Omitted"),
    ]
    small = attrs.evolve(REVENUE, target=Target.at_least(100))
    f = forecast(small, deals, as_of=AS_OF, method="categories")
    assert (f.closed, f.commit, f.best_case) == (D(60), D(110), D(150))
    # 0.9 × 50 + 0.5 × 40 + 0.2 × 10; the omitted deal is neither pipeline nor weighted.
    assert (f.weighted_pipeline, f.most_likely, f.pipeline) == (D(67), D(127), D(100))
    assert f.status is ProgressStatus.ON_TRACK
    mine = forecast(
        small,
        deals,
        as_of=AS_OF,
        method=ForecastMethod.CATEGORIES,
        category_probabilities=MIXED,
    )
    assert mine.weighted_pipeline == D(52)  # 50 + 0 + 0.2 × 10


def test_categories_method_needs_a_category_on_every_open_deal() -> None:
    deals = [open_deal("A", 5, date(2027, 9, 1)), open_deal("B", 5, date(2027, 9, 2))]
    with pytest.raises(InvalidInputError, match=r"no forecast category: 2 open deals \(A, B\)"):
        forecast(REVENUE, deals, as_of=AS_OF, method="categories")


# -- goals of other kinds -----------------------------------------------------------


def test_a_count_goal_counts_deals_not_amounts() -> None:
    goal = Goal(
        metric=metrics.get("new_customers"),
        direction=Direction.INCREASE,
        target=Target.at_least(4),
        timeframe=Q3,
    )
    deals = [
        won_deal("A", 90_000, date(2027, 7, 2)),
        open_deal("B", 5, date(2027, 9, 1), probability="0.5"),
        open_deal("C", 7, date(2027, 9, 1), probability="0.25"),
    ]
    f = forecast(goal, deals, as_of=AS_OF)
    assert (f.closed, f.pipeline, f.most_likely) == (D(1), D(2), D("1.75"))
    assert f.coverage == D(2) / D(3)
    assert f.status is ProgressStatus.AT_RISK  # even both open deals leave it at 3 of 4


def test_a_rate_goal_forecasts_its_total_over_the_timeframe() -> None:
    goal = Goal(
        metric=metrics.get("deals_won"),
        direction=Direction.INCREASE,
        target=Target.at_least(2, per="week"),
        timeframe=Q3,
    )
    f = forecast(goal, [won_deal("A", 1, date(2027, 7, 2))], as_of=AS_OF)
    assert f.target == D(27)  # 2 × 92/7 = 26.3, rounded up
    assert f.closed == 1


def test_a_role_goal_carries_the_target_for_each_owner() -> None:
    goal = attrs.evolve(REVENUE, owner=Owner("account executives", Scope.ROLE))
    deals = [
        won_deal("A", 100_000, date(2027, 7, 2), owner="ann"),
        won_deal("B", 20_000, date(2027, 7, 3), owner="bob"),
        open_deal("C", 100_000, date(2027, 9, 1), owner="bob", probability="0.5"),
    ]
    f = forecast(goal, deals, as_of=AS_OF, by="owner")
    assert f.target == D(200_000)
    ann, bob = f.lines
    assert (ann.name, ann.target, ann.status) == ("ann", D(100_000), ProgressStatus.ON_TRACK)
    assert (bob.target, bob.most_likely, bob.status) == (
        D(100_000),
        D(70_000),
        ProgressStatus.AT_RISK,
    )


def test_quotas_give_lines_their_own_status() -> None:
    deals = [
        won_deal("A", 50_000, date(2027, 7, 2), owner="ann"),
        open_deal("B", 50_000, date(2027, 9, 1), owner="bob", probability="0.1"),
    ]
    f = forecast(REVENUE, deals, as_of=AS_OF, by="owner", quotas={"ann": 50_000})
    ann, bob = f.lines
    assert ann.status is ProgressStatus.ON_TRACK
    assert ann.reason == "closed 100.0% of the target"
    assert (bob.target, bob.status, bob.coverage) == (None, None, None)


def test_when_the_target_is_reached_coverage_follows_the_kpi_conventions() -> None:
    reached = [won_deal("A", 100_000, date(2027, 7, 2))]
    f = forecast(REVENUE, reached, as_of=AS_OF)
    assert f.coverage.is_nan()  # no pipeline and nothing left to close
    assert f.status is ProgressStatus.ON_TRACK
    more = [*reached, open_deal("B", 1, date(2027, 9, 1), probability=1)]
    g = forecast(REVENUE, more, as_of=AS_OF)
    assert g.coverage == D("Infinity")
    assert g.to_dict()["coverage"] == "Infinity"


def test_after_the_timeframe_the_status_is_final() -> None:
    deals = [won_deal("A", 100_000, date(2027, 7, 2))]
    assert forecast(REVENUE, deals, as_of=date(2027, 9, 30)).status is ProgressStatus.ACHIEVED
    more = [*deals, won_deal("B", 1, date(2027, 9, 30))]
    assert forecast(REVENUE, more, as_of=date(2027, 10, 1)).status is ProgressStatus.EXCEEDED
    assert forecast(REVENUE, [], as_of=date(2027, 10, 1)).status is ProgressStatus.MISSED


def test_required_coverage_judges_by_the_three_times_rule() -> None:
    totals = ForecastTotals(closed=D(40), pipeline=D(96), weighted=D(60))
    goal = attrs.evolve(REVENUE, target=Target.at_least(100))
    f = forecast_from_totals(goal, totals, as_of=AS_OF, required_coverage=3)
    assert (f.coverage, f.needed_coverage) == (D("1.6"), D(3))
    assert f.status is ProgressStatus.AT_RISK  # 1.6 ÷ 3 = 53%
    assert f.reason == "coverage 1.6×, needs 3.0×"
    # Judged by the most likely outcome instead, the same numbers are on track.
    assert forecast_from_totals(goal, totals, as_of=AS_OF).status is ProgressStatus.ON_TRACK


def test_gap_thresholds_judge_points_short_of_the_target() -> None:
    deals = [
        won_deal("A", 20_000, date(2027, 7, 2)),
        open_deal("B", 80_000, date(2027, 9, 1), probability="0.75"),
    ]
    # Most likely 80%: 20 points short (between 16.5 and 33), and below the ratio's 81%.
    gap = forecast(REVENUE, deals, as_of=AS_OF, thresholds=Thresholds.gap())
    assert gap.status is ProgressStatus.BEHIND
    assert forecast(REVENUE, deals, as_of=AS_OF).status is ProgressStatus.AT_RISK


def test_goals_a_forecast_cannot_serve_are_refused() -> None:
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
        timeframe=Q3,
    )
    with pytest.raises(InvalidInputError, match="customer churn rate is a average metric"):
        forecast(churn, [], as_of=AS_OF)
    with pytest.raises(IncompleteGoalError):
        forecast(Goal(metric=metrics.get("revenue")), [], as_of=AS_OF)
    cap = attrs.evolve(REVENUE, target=Target.at_most(5))
    with pytest.raises(InvalidInputError, match="AT_MOST"):
        forecast(cap, [], as_of=AS_OF)


# -- bad input --------------------------------------------------------------------


def test_deals_from_names_every_column_and_its_row_count() -> None:
    base = {"amount": "10", "created": "2027-07-01", "close": "2027-08-01", "status": "open"}
    rows = [
        {**base, "id": "1", "probability": "1.2"},
        {**base, "id": "2", "probability": "-0.1", "category": "maybe"},
        {**base, "id": "3", "category": "probable"},
        {**base, "id": "4", "close": "2027-06-01"},
        {**base, "id": "5"},
    ]
    with pytest.raises(InvalidInputError) as err:
        deals_from(rows, first_row=2)
    assert str(err.value) == (
        "deals: 4 of 5 rows are invalid: column 'probability': 2 rows outside 0 to 1 "
        "(first at row 2: '1.2'); column 'category': 2 rows with an unknown category (use "
        "commit, best_case, pipeline or omitted) (first at row 3: 'maybe'); column 'close': "
        "1 row before 'created' (first at row 5: '2027-06-01')"
    )
    assert err.value.name == "probability"


def test_deals_from_reads_good_rows() -> None:
    (deal,) = deals_from(
        [
            {
                "id": "7",
                "amount": "1250.50",
                "created": "2027-07-01",
                "close": "2027-08-01T10:00:00",
                "status": "OPEN",
                "owner": "ann",
                "probability": "0.4",
                "category": "best case",
                "stage": "",
            }
        ]
    )
    assert deal == Deal(
        "7",
        D("1250.50"),
        date(2027, 7, 1),
        date(2027, 8, 1),
        DealStatus.OPEN,
        owner="ann",
        probability=D("0.4"),
        category=ForecastCategory.BEST_CASE,
    )


def test_deals_from_refuses_unknown_columns_and_missing_values() -> None:
    with pytest.raises(InvalidInputError, match=r"unknown columns \['rep'\]"):
        deals_from([{"id": "1", "rep": "ann"}])
    with pytest.raises(InvalidInputError, match="column 'amount': 1 row without a value"):
        deals_from([{"id": "1", "created": "2027-01-01", "close": "2027-01-02", "status": "won"}])


def test_stage_probabilities_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"not for \['Demo'\] \(20\); write 0.4 for 40%"):
        forecast(REVENUE, STAGE_DEALS, as_of=AS_OF, stage_probabilities={"Demo": 20})


def test_an_open_deal_whose_stage_has_no_probability_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"\('Proposal'.*: 1 open deal \(B\)"):
        forecast(REVENUE, STAGE_DEALS, as_of=AS_OF, stage_probabilities={"Demo": "0.2"})


def test_deal_values_are_checked() -> None:
    with pytest.raises(InvalidInputError, match=r"probability 1\.5; a probability is from 0"):
        open_deal("A", 1, date(2027, 9, 1), probability="1.5")
    with pytest.raises(InvalidInputError, match="negative amount"):
        open_deal("A", -1, date(2027, 9, 1))
    with pytest.raises(InvalidInputError, match="unknown forecast category 'likely'"):
        open_deal("A", 1, date(2027, 9, 1), category="likely")
    with pytest.raises(InvalidInputError, match="status must be 'won', 'lost' or 'open'"):
        Deal("A", 1, date(2027, 5, 1), date(2027, 9, 1), "pending")


def test_duplicate_ids_and_other_values_are_refused() -> None:
    twice = [won_deal("A", 1, date(2027, 7, 2)), won_deal("A", 2, date(2027, 7, 3))]
    with pytest.raises(InvalidInputError, match=r"1 repeat: \['A'\]"):
        forecast(REVENUE, twice, as_of=AS_OF)
    with pytest.raises(InvalidInputError, match="deals must be Deal values"):
        forecast(REVENUE, [{"id": "A"}], as_of=AS_OF)  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="unknown forecast method 'magic'"):
        forecast(REVENUE, [], as_of=AS_OF, method="magic")
    with pytest.raises(InvalidInputError, match=r"as_of must be a datetime\.date"):
        forecast(REVENUE, [], as_of="2027-08-15")  # type: ignore[arg-type]


# -- surfaces -----------------------------------------------------------------------


def test_str_shows_scenarios_gaps_pipeline_slipped_and_lines() -> None:
    deals = [
        won_deal("A", 40_000, date(2027, 7, 20), owner="ann"),
        open_deal(
            "B", 30_000, date(2027, 9, 10), owner="bob", category="commit", probability="0.6"
        ),
        open_deal("D", 20_000, date(2027, 8, 1), owner="ann", probability="0.2"),
    ]
    text = str(forecast(REVENUE, deals, as_of=AS_OF, by="owner"))
    assert text == (
        "revenue, 2027-07-01 – 2027-09-30, as of 2027-08-15: at risk (most likely 58.0% of "
        "the target; coverage 0.5×, needs 1.7×)\n"
        "  target       100,000.00 EUR\n"
        "  closed        40,000.00 EUR  gap -60,000.00 EUR\n"
        "  commit        70,000.00 EUR  gap -30,000.00 EUR\n"
        "  best case     70,000.00 EUR  gap -30,000.00 EUR\n"
        "  most likely   58,000.00 EUR  gap -42,000.00 EUR\n"
        "  pipeline     30,000.00 EUR in 1 deal, weighted 18,000.00 EUR by stages\n"
        "  coverage     0.5× the 60,000.00 EUR still to close\n"
        "  slipped      1 deal, 20,000.00 EUR, open past their close date, not counted: D\n"
        "\n"
        "  owner     closed     commit  best case  most likely   pipeline  coverage  status\n"
        "  ann    40,000.00  40,000.00  40,000.00    40,000.00       0.00       n/a\n"
        "  bob         0.00  30,000.00  30,000.00    18,000.00  30,000.00       n/a"
    )


def test_to_dict_is_json_ready() -> None:
    f = forecast(REVENUE, STAGE_DEALS, as_of=AS_OF, stage_probabilities={"Demo": 0, "Proposal": 1})
    doc = json.loads(json.dumps(f.to_dict()))
    assert doc["closed"] == "40000"
    assert doc["most_likely"] == "70000"
    assert doc["gaps"]["most_likely"] == "-30000"
    assert doc["slipped"] == {"deals": ["D"], "amount": "20000"}
    assert (doc["status"], doc["method"], doc["as_of"]) == ("at_risk", "stages", "2027-08-15")


def test_repr_html_escapes_and_colours_the_status() -> None:
    goal = attrs.evolve(REVENUE, statement="<b>Q3</b> revenue")
    html = forecast(goal, STAGE_DEALS, as_of=AS_OF, stage_probabilities={"Demo": 0, "Proposal": 1})
    text = html._repr_html_()
    assert "&lt;b&gt;Q3&lt;/b&gt; revenue" in text
    assert "#cf222e" in text  # at risk
    assert "1 slipped: D" in text


# -- properties -------------------------------------------------------------------

_DAYS = st.integers(min_value=0, max_value=200).map(lambda n: date(2027, 6, 1) + timedelta(n))


@st.composite
def deals(draw: st.DrawFn, id: str) -> Deal:
    created = draw(st.dates(date(2027, 1, 1), date(2027, 6, 1)))
    close = draw(_DAYS)
    return Deal(
        id,
        draw(st.integers(0, 10_000_000)) / D(100),
        created,
        close,
        draw(st.sampled_from(list(DealStatus))),
        owner=draw(st.sampled_from(["ann", "bob", "cy", None])),
        team=draw(st.sampled_from(["east", "west", None])),
        probability=draw(st.integers(0, 100)) / D(100),
        category=draw(st.sampled_from(list(ForecastCategory))),
    )


@st.composite
def books(draw: st.DrawFn) -> list[Deal]:
    n = draw(st.integers(0, 12))
    return [draw(deals(str(i))) for i in range(n)]


_AS_OF = st.dates(date(2027, 6, 15), date(2027, 10, 15))


@settings(max_examples=150, deadline=None)
@given(books(), _AS_OF, st.sampled_from(["stages", "categories"]))
def test_scenarios_are_ordered(book: list[Deal], as_of: date, method: str) -> None:
    f = forecast(REVENUE, book, as_of=as_of, method=method)
    assert f.closed <= f.commit <= f.best_case <= f.closed + f.pipeline
    assert f.closed <= f.most_likely <= f.closed + f.pipeline
    assert f.weighted_pipeline <= f.pipeline


@settings(max_examples=100, deadline=None)
@given(books(), _AS_OF, st.sampled_from(["owner", "team"]))
def test_lines_add_up_to_the_pooled_deals(book: list[Deal], as_of: date, by: str) -> None:
    pooled = forecast(REVENUE, book, as_of=as_of)
    split = forecast(REVENUE, book, as_of=as_of, by=by)  # type: ignore[arg-type]
    assert sum((line.totals for line in split.lines), ForecastTotals()) == pooled.totals
    assert split.totals == pooled.totals
    assert sum((line.most_likely for line in split.lines), D(0)) == pooled.most_likely
    assert split.status is pooled.status


@settings(max_examples=100, deadline=None)
@given(
    books(),
    _AS_OF,
    st.sampled_from(list(DealStatus)),
    st.one_of(
        st.dates(date(2027, 1, 1), date(2027, 6, 30)),
        st.dates(date(2027, 10, 1), date(2028, 3, 1)),
    ),
    st.sampled_from(["stages", "categories"]),
)
def test_a_deal_outside_the_timeframe_changes_nothing(
    book: list[Deal], as_of: date, status: DealStatus, close: date, method: str
) -> None:
    outside = Deal(
        "outside",
        D("12345.67"),
        min(close, date(2027, 1, 1)),
        close,
        status,
        probability="0.5",
        category="commit",
    )
    before = forecast(REVENUE, book, as_of=as_of, method=method)
    after = forecast(REVENUE, [*book, outside], as_of=as_of, method=method)
    # As plain data, since a NaN coverage (nothing left, no pipeline) equals no NaN.
    assert after.to_dict() == before.to_dict()
    assert after.totals == before.totals


def test_stage_win_rate_weight_is_the_rate_to_a_hundredth_of_a_percent() -> None:
    assert StageWinRate("x", 2, 3).weight == D("0.6667")
