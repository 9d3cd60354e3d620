"""Check-ins in another currency than their goal: converted by date, or refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError, MissingRateError
from smartgoals.goals import Direction, Goal, Target
from smartgoals.money import FxRates
from smartgoals.planning import Plan
from smartgoals.serialize import from_dict, to_dict
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import CheckIn, Progress, rollup, track, track_plan, ytd_attainment

D = Decimal
YEAR = Timeframe.year(2027)
FX = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1)), ("USD", "EUR", "0.95", date(2027, 7, 1))])
MAR_31 = date(2027, 3, 31)
SEP_30 = date(2027, 9, 30)


def revenue(currency: str | None = "EUR", target: object = 100_000) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(target),
        timeframe=YEAR,
        currency=currency,
    )


def usd(day: date, value: object) -> CheckIn:
    return CheckIn(day, value, currency="USD")


# --- the check-in's currency ---------------------------------------------------------------


def test_a_check_in_has_no_currency_unless_given() -> None:
    assert CheckIn(MAR_31, 5).currency is None
    assert CheckIn(MAR_31, 5, currency=" usd").currency == "USD"


@pytest.mark.parametrize("currency", ["dollar", "US", 840])
def test_a_check_in_currency_is_an_iso_code(currency: object) -> None:
    with pytest.raises(InvalidInputError, match="ISO 4217"):
        CheckIn(MAR_31, 5, currency=currency)


def test_a_check_in_currency_round_trips_and_older_documents_load() -> None:
    checkin = usd(MAR_31, "650.00")
    doc = to_dict(checkin)
    assert doc["currency"] == "USD"
    assert from_dict(doc, CheckIn) == checkin
    older = {"date": "2027-03-31", "value": "650.00"}  # written before check-in currencies
    assert from_dict(older, CheckIn) == CheckIn(MAR_31, "650.00")


# --- track ---------------------------------------------------------------------------------


def test_check_ins_convert_at_the_rate_of_their_own_date() -> None:
    # USD 10,000 on 31 March at 0.92 and on 30 September at 0.95.
    progress = track(revenue(), [usd(MAR_31, 10_000), usd(SEP_30, 10_000)], as_of=SEP_30, fx=FX)
    assert progress.actual == D("18700.00")
    assert progress.checkins == 2


def test_progress_lists_each_conversion_with_its_rate_and_day() -> None:
    checkins = [CheckIn(date(2027, 2, 28), 500), usd(MAR_31, 10_000), usd(SEP_30, 2_000)]
    progress = track(revenue(), checkins, as_of=SEP_30, fx=FX)
    assert [(m.on, m.original, m.amount, m.rate_date) for m in progress.converted] == [
        (MAR_31, D(10_000), D("9200.00"), date(2027, 1, 1)),
        (SEP_30, D(2_000), D("1900.00"), date(2027, 7, 1)),
    ]
    assert progress.actual == D(500) + sum(m.amount for m in progress.converted)
    assert progress.to_dict()["converted"][1] == {
        "date": "2027-09-30",
        "original": "2000",
        "original_currency": "USD",
        "amount": "1900.00",
        "currency": "EUR",
        "rate": "0.95",
        "rate_date": "2027-07-01",
    }
    lines = progress.text().splitlines()
    assert "  converted  2027-03-31: 10,000.00 USD → 9,200.00 EUR at 0.92 from 2027-01-01" in lines
    assert "             2027-09-30: 2.000,00 USD → 1.900,00 EUR à 0,95 per 2027-07-01" in (
        progress.text("nl").splitlines()
    )
    # In the goal's currency nothing is converted, and nothing is listed.
    plain = track(revenue(), checkins[:1], as_of=SEP_30, fx=FX)
    assert plain.converted == ()
    assert "converted" not in plain.text()
    assert plain.to_dict()["converted"] == []


def test_a_derived_inverse_rate_is_shown_as_one_over_the_given_rate() -> None:
    given = FxRates([("EUR", "USD", "1.1", date(2027, 1, 1))])
    progress = track(revenue(), [usd(MAR_31, 1_100)], as_of=MAR_31, fx=given)
    assert progress.actual == D("1000.00")
    assert progress.to_dict()["converted"][0]["rate"] == "1/1.1"


def test_check_ins_in_the_goals_currency_are_left_as_they_are() -> None:
    mixed = [CheckIn(MAR_31, "10000.005"), CheckIn(SEP_30, 1000, currency="EUR")]
    assert track(revenue(), mixed, as_of=SEP_30).actual == D("11000.005")
    assert track(revenue(), mixed, as_of=SEP_30, fx=FX).actual == D("11000.005")


def test_without_rates_a_check_in_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        track(revenue(), [CheckIn(MAR_31, 100), usd(SEP_30, 10_000)], as_of=SEP_30)
    assert str(caught.value) == (
        "the check-in of 2027-09-30 is in USD but the goal in EUR; give exchange rates (fx=) "
        "to convert USD to EUR"
    )
    assert (caught.value.currency, caught.value.expected, caught.value.where) == (
        "USD",
        "EUR",
        "check-in of 2027-09-30",
    )


def test_a_check_in_with_a_currency_on_a_goal_without_one_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        track(revenue(None), [usd(MAR_31, 10)], as_of=SEP_30, fx=FX)
    assert str(caught.value) == (
        "the check-in of 2027-03-31 is in USD but the goal has no currency; set the goal's "
        "currency (currency='USD' if its target is in USD)"
    )


def test_a_check_in_before_the_first_rate_names_its_date() -> None:
    late = FxRates([("USD", "EUR", "0.95", date(2027, 7, 1))])
    with pytest.raises(MissingRateError, match="from USD to EUR on 2027-03-31"):
        track(revenue(), [usd(MAR_31, 10)], as_of=SEP_30, fx=late)


def test_check_ins_that_do_not_count_are_not_converted() -> None:
    # Outside the timeframe and after as_of: no rate is needed for them.
    ignored = [usd(date(2026, 12, 31), 5), usd(SEP_30, 5)]
    progress = track(revenue(), [usd(MAR_31, 100), *ignored], as_of=MAR_31, fx=FX)
    assert progress.actual == D("92.00")
    assert [c for c, _ in progress.ignored] == ignored


def test_a_yen_goal_rounds_each_converted_check_in_to_whole_yen() -> None:
    fx = FxRates([("USD", "JPY", "157.3", date(2027, 1, 1))])
    goal = revenue("JPY", 10_000_000)
    # 12.34 × 157.3 = 1941.082 → 1941; 0.03 × 157.3 = 4.719 → 5.
    progress = track(goal, [usd(MAR_31, "12.34"), usd(SEP_30, "0.03")], as_of=SEP_30, fx=fx)
    assert progress.actual == D("1946")


def test_running_totals_convert_the_latest_at_its_own_date() -> None:
    running = [usd(MAR_31, 10_000), usd(SEP_30, 20_000)]
    progress = track(revenue(), running, as_of=SEP_30, fx=FX, cumulative=True)
    assert progress.actual == D("19000.00")


# --- track_plan ----------------------------------------------------------------------------


def rep_plan() -> Plan:
    return Plan.from_goal(revenue(target=200_000), id="t").attach(
        "t", {"ann": revenue(), "bob": revenue()}
    )


def test_track_plan_converts_each_nodes_check_ins() -> None:
    checkins = {"t/ann": [usd(MAR_31, 10_000)], "t/bob": [CheckIn(SEP_30, 5_000)]}
    tracked = track_plan(rep_plan(), checkins, as_of=SEP_30, fx=FX)
    actuals = {row.name: row.progress.actual for _, row in tracked.rows()}
    assert actuals == {"t": D("14200.00"), "ann": D("9200.00"), "bob": D("5000")}


def test_track_plan_without_rates_names_the_node_and_the_check_in() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        track_plan(rep_plan(), {"t/ann": [usd(MAR_31, 10_000)]}, as_of=SEP_30)
    assert str(caught.value) == (
        "plan node 't/ann': the check-in of 2027-03-31 is in USD but the goal in EUR; give "
        "exchange rates (fx=) to convert USD to EUR"
    )
    assert (caught.value.currency, caught.value.expected, caught.value.where) == (
        "USD",
        "EUR",
        "check-in of 2027-03-31",
    )


def test_track_plan_names_the_node_whose_check_in_has_no_rate() -> None:
    late = FxRates([("USD", "EUR", "0.95", date(2027, 7, 1))])
    with pytest.raises(MissingRateError) as caught:
        track_plan(rep_plan(), {"t/ann": [usd(MAR_31, 10_000)]}, as_of=SEP_30, fx=late)
    assert str(caught.value).startswith(
        "plan node 't/ann': no exchange rate from USD to EUR on 2027-03-31: "
    )
    assert caught.value.on == MAR_31


# --- a plan whose parts are in another currency than their parent ------------------------


def team_plan(start: date = YEAR.start) -> Plan:
    """A EUR 1,100 team: Ann sells EUR 500, Ben USD 600."""
    frame = Timeframe(start, YEAR.end)

    def goal(amount: int, currency: str) -> Goal:
        return Goal(
            metric=metrics.get("revenue"),
            direction=Direction.INCREASE,
            target=Target.level(amount),
            timeframe=frame,
            currency=currency,
        )

    return Plan.from_goal(goal(1100, "EUR"), id="t").attach(
        "t", {"ann": goal(500, "EUR"), "ben": goal(600, "USD")}
    )


SOLD = {
    "t/ann": [CheckIn(MAR_31, 200), CheckIn(SEP_30, 200)],
    "t/ben": [CheckIn(date(2027, 6, 30), 300), CheckIn(SEP_30, 300)],
}


def test_a_part_in_another_currency_adds_at_the_parents_first_day_rate() -> None:
    # Ben's USD 600 at the 1 January rate 0.92 is EUR 552.00, although 0.95 applies
    # from 1 July and the plan is tracked on 30 September.
    tracked = track_plan(team_plan(), SOLD, as_of=SEP_30, fx=FX)
    team, ann, ben = (node.progress for _, node in tracked.rows())
    assert (team.goal.currency, ann.goal.currency, ben.goal.currency) == ("EUR", "EUR", "USD")
    assert (ben.actual, ben.target) == (D("600"), D("600"))
    assert (team.actual, team.target) == (D("952.00"), D("1052.00"))
    # Ben's expected USD 448.767… and projected USD 802.197… convert to 412.87 and
    # 738.02 and add to Ann's unrounded EUR 373.972… and 534.798….
    assert team.expected == ann.expected + D("412.87")
    assert team.projected == (ann.projected or 0) + D("738.02")
    assert team.gap == team.projected - D("1052.00")
    assert team.attainment == D("952.00") / D("1052.00")
    assert team.required_rate is not None
    assert team.required_rate.per_day == D(100) / 92  # EUR 100 still to sell in 92 days


def test_tracking_and_the_plan_agree_on_the_parents_target() -> None:
    plan = team_plan()
    tracked = track_plan(plan, SOLD, as_of=SEP_30, fx=FX)
    targets = {f"t/{n.name}" if d else n.name: n.progress.target for d, n in tracked.rows()}
    assert targets == plan.rollup(fx=FX) == {"t": D("1052.00"), "t/ann": D(500), "t/ben": D(600)}


def test_a_parent_that_starts_in_july_takes_the_july_rate() -> None:
    # From 1 July: USD 600 at 0.95 is EUR 570.00, in the plan and in its tracking.
    plan = team_plan(date(2027, 7, 1))
    sold = {"t/ann": [CheckIn(SEP_30, 400)], "t/ben": [CheckIn(SEP_30, 600)]}
    tracked = track_plan(plan, sold, as_of=SEP_30, fx=FX).progress
    assert (tracked.actual, tracked.target) == (D("970.00"), D("1070.00"))
    assert plan.rollup(fx=FX)["t"] == D("1070.00")


def test_without_rates_a_part_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        track_plan(team_plan(), SOLD, as_of=SEP_30)
    assert str(caught.value) == (
        "t/ben is in USD but its parent t in EUR; give exchange rates (fx=) to convert USD to EUR"
    )
    assert (caught.value.currency, caught.value.expected, caught.value.where) == (
        "USD",
        "EUR",
        "t/ben",
    )
    # The plan's own roll-up refuses with the same words.
    with pytest.raises(CurrencyMismatchError) as planned:
        team_plan().rollup()
    assert str(planned.value) == str(caught.value)


def test_a_rate_that_starts_after_the_parent_is_missing() -> None:
    late = FxRates([("USD", "EUR", "0.95", date(2027, 7, 1))])
    with pytest.raises(MissingRateError) as caught:
        track_plan(team_plan(), {"t/ben": [CheckIn(SEP_30, 600)]}, as_of=SEP_30, fx=late)
    assert str(caught.value) == (
        "plan node 't': no exchange rate from USD to EUR on 2027-01-01: the first USD→EUR "
        "rate applies from 2027-07-01; add a rate dated 2027-01-01 or earlier"
    )
    assert (caught.value.base, caught.value.quote, caught.value.on) == (
        "USD",
        "EUR",
        date(2027, 1, 1),
    )


def test_a_part_without_a_currency_under_a_parent_with_one_is_refused() -> None:
    plan = team_plan()
    bare = Plan.from_goal(plan.root.goal, id="t").attach(
        "t", {"ann": plan.node("t/ann").goal, "cy": revenue(None, 600)}
    )
    with pytest.raises(InvalidInputError) as caught:
        track_plan(bare, {"t/cy": [CheckIn(SEP_30, 600)]}, as_of=SEP_30, fx=FX)
    assert str(caught.value) == (
        "t/cy has no currency but its parent t is in EUR; set the currency of t/cy"
    )


def test_check_ins_of_a_part_convert_at_their_date_and_the_part_at_the_parents() -> None:
    # Ben (USD) books EUR 460 on 30 September: USD 460 / 0.95 = 484.21; his USD 484.21
    # reach the EUR team at 0.92: 445.47.
    sold = {"t/ben": [CheckIn(SEP_30, 460, currency="EUR")]}
    tracked = track_plan(team_plan(), sold, as_of=SEP_30, fx=FX)
    _, ann, ben = (node.progress for _, node in tracked.rows())
    assert ben.actual == D("484.21")
    assert tracked.progress.actual == D("445.47")
    assert ann.actual == 0


def test_ytd_attainment_of_a_tracked_team_counts_each_part_in_the_teams_currency() -> None:
    tracked = track_plan(team_plan(), SOLD, as_of=SEP_30, fx=FX)
    assert tracked.ytd_attainment == D("952.00") / D("1052.00")
    assert tracked.to_dict()["ytd_attainment"] == f"{D('952.00') / D('1052.00'):f}"


# --- rollup and ytd_attainment -------------------------------------------------------------


def sold(amount: object, currency: str, target: object = 1000) -> Progress:
    return track(revenue(currency, target), [CheckIn(SEP_30, amount)], as_of=SEP_30)


def test_rollup_converts_to_the_first_childs_currency_by_default() -> None:
    team = rollup({"Ana": sold(400, "EUR"), "Ben": sold(600, "USD")}, fx=FX)
    assert team.progress.goal.currency == "EUR"
    assert (team.progress.actual, team.progress.target) == (D("952.00"), D("1920.00"))
    # The children keep their own currency.
    assert [c.progress.goal.currency for c in team.children] == ["EUR", "USD"]
    assert team.children[1].progress.actual == D("600")


def test_rollup_into_a_currency_named_by_the_caller() -> None:
    # EUR 400 at 1/0.92 (the exact inverse) is USD 434.78.
    team = rollup({"Ana": sold(400, "EUR"), "Ben": sold(600, "USD")}, fx=FX, currency="usd")
    assert team.progress.goal.currency == "USD"
    assert (team.progress.actual, team.progress.target) == (D("1034.78"), D("2086.96"))


def test_rollup_without_rates_names_the_child_and_both_currencies() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        rollup({"Ana": sold(400, "EUR"), "Ben": sold(600, "USD")}, name="team")
    assert str(caught.value) == (
        "Ben is in USD but the roll-up team in EUR; give exchange rates (fx=) to convert USD "
        "to EUR"
    )


def test_rollup_refuses_a_child_without_a_currency_among_children_with_one() -> None:
    with pytest.raises(InvalidInputError) as caught:
        rollup({"Ana": sold(400, "EUR"), "Cy": sold(600, None)}, fx=FX)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "children to roll up must all have a currency or all have none, got Ana: EUR, "
        "Cy: no currency; set each goal's currency"
    )


def test_children_in_one_currency_are_left_as_they_are_with_or_without_rates() -> None:
    children = {"Ana": sold("400.005", "EUR"), "Ben": sold("600.001", "EUR")}
    assert rollup(children, fx=FX) == rollup(children)
    assert rollup(children, fx=FX).progress.actual == D("1000.006")


def test_a_pooled_average_in_two_currencies_converts_each_childs_average() -> None:
    # Average deal size: Ana EUR 1,000 over 3 deals, Ben USD 2,000 (EUR 1,840.00) over 1.
    def deals(size: object, count: int, currency: str) -> Progress:
        goal = Goal(
            metric=metrics.get("average_deal_size"),
            direction=Direction.INCREASE,
            target=Target.at_least(1500),
            timeframe=YEAR,
            currency=currency,
        )
        return track(goal, [CheckIn(SEP_30, size, denominator=count)], as_of=SEP_30)

    team = rollup({"Ana": deals(1000, 3, "EUR"), "Ben": deals(2000, 1, "USD")}, fx=FX).progress
    assert team.actual == (3 * D(1000) + D("1840.00")) / 4
    assert team.target == (3 * D(1500) + D("1380.00")) / 4
    assert team.denominator == 4


def test_ytd_attainment_converts_or_refuses() -> None:
    both = [sold(400, "EUR"), sold(600, "USD")]
    assert ytd_attainment(both, fx=FX) == D("952.00") / D("1920.00")
    with pytest.raises(CurrencyMismatchError) as caught:
        ytd_attainment(both)
    assert str(caught.value) == (
        "progress 2 is in USD but progress 1 in EUR; give exchange rates (fx=) to convert "
        "USD to EUR"
    )


@given(
    ann=st.integers(0, 10**9),
    ben=st.integers(0, 10**9),
    rate=st.decimals(min_value="0.0001", max_value="1000", places=4),
)
@settings(max_examples=50, deadline=None)
def test_the_tracked_parent_target_is_the_plans_rollup(ann: int, ben: int, rate: D) -> None:
    fx = FxRates([("USD", "EUR", rate, date(2027, 1, 1))])

    def goal(amount: int, currency: str) -> Goal:
        return revenue(currency, amount)

    plan = Plan.from_goal(goal(ann + ben, "EUR"), id="t").attach(
        "t", {"ann": goal(ann, "EUR"), "ben": goal(ben, "USD")}
    )
    tracked = track_plan(plan, {}, as_of=SEP_30, fx=fx).progress
    assert tracked.target == plan.rollup(fx=fx)["t"]
    assert tracked.target == ann + fx.convert(ben, "USD", to="EUR", on=YEAR.start).amount
