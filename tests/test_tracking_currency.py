"""Check-ins in another currency than their goal: converted by date, or refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartgoals import metrics
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError, MissingRateError
from smartgoals.goals import Direction, Goal, Target
from smartgoals.money import FxRates
from smartgoals.planning import Plan
from smartgoals.serialize import from_dict, to_dict
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import CheckIn, track, track_plan

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
    with pytest.raises(InvalidInputError) as caught:
        track_plan(rep_plan(), {"t/ann": [usd(MAR_31, 10_000)]}, as_of=SEP_30)
    assert str(caught.value) == (
        "plan node 't/ann': the check-in of 2027-03-31 is in USD but the goal in EUR; give "
        "exchange rates (fx=) to convert USD to EUR"
    )
