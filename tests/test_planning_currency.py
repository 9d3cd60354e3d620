"""Plans in two currencies: roll-ups and checks convert with rates, or refuse without."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from smartgoals import metrics
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError, MissingRateError
from smartgoals.goals import Goal, Owner, Scope, Target
from smartgoals.money import FxRates
from smartgoals.planning import Plan
from smartgoals.planning.plan import IssueKind, PlanIssue, PlanNode
from smartgoals.timeframes import Timeframe

D = Decimal
YEAR = Timeframe.year(2027)
FX = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])


def revenue(amount: object, currency: str | None, timeframe: Timeframe | None = YEAR) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        target=Target.level(amount),
        timeframe=timeframe,
        currency=currency,
    )


def team(parent: object = 1200, *children: tuple[str, object, str | None]) -> Plan:
    """A EUR team with the given reps (name, target, currency) below it."""
    reps = children or (("a", 600, "USD"), ("b", 600, "USD"))
    plan = Plan.from_goal(revenue(parent, "EUR"), id="t")
    return plan.attach("t", {name: revenue(amount, code) for name, amount, code in reps})


MIXED = "t/a is in USD but its parent t in EUR; give exchange rates (fx=) to convert USD to EUR"


# --- roll-ups ------------------------------------------------------------------------------


def test_two_usd_600_children_no_longer_roll_up_into_eur_1200() -> None:
    # Before rates existed, this plan rolled up to EUR 1,200: two currencies added as one.
    with pytest.raises(CurrencyMismatchError) as caught:
        team().rollup()
    assert str(caught.value) == MIXED
    assert (caught.value.currency, caught.value.expected, caught.value.where) == (
        "USD",
        "EUR",
        "t/a",
    )


def test_with_rates_the_usd_children_convert_to_eur_552_each() -> None:
    assert team().rollup(fx=FX) == {"t": D("1104.00"), "t/a": D("600"), "t/b": D("600")}


def test_the_rate_is_the_one_in_force_on_the_parents_first_day() -> None:
    fx = FxRates(
        [
            ("USD", "EUR", "0.90", date(2026, 12, 1)),
            ("USD", "EUR", "0.95", date(2027, 1, 1)),
            ("USD", "EUR", "0.99", date(2027, 12, 31)),
        ]
    )
    assert team().rollup(fx=fx)["t"] == D("1140.00")


def test_a_missing_rate_names_the_pair_and_the_parents_first_day() -> None:
    fx = FxRates([("USD", "EUR", "0.92", date(2027, 2, 1))])
    with pytest.raises(MissingRateError, match="from USD to EUR on 2027-01-01"):
        team().rollup(fx=fx)


def test_a_parent_without_timeframe_has_no_day_for_the_rate() -> None:
    plan = Plan.from_goal(revenue(1200, "EUR", None), id="t").attach(
        "t", {"a": revenue(600, "USD")}
    )
    with pytest.raises(InvalidInputError) as caught:
        plan.rollup(fx=FX)
    assert str(caught.value) == (
        "t has no timeframe, so no day to take the USD→EUR rate of for t/a; give t a timeframe"
    )
    assert (caught.value.name, caught.value.value) == ("timeframe", "t")


def test_parts_in_the_parents_currency_are_not_converted_and_need_no_rates() -> None:
    plan = team(1200, ("a", 600, "EUR"), ("b", "600.005", "EUR"))
    assert plan.rollup()["t"] == D("1200.005")
    assert plan.rollup(fx=FxRates([]))["t"] == D("1200.005")


def test_a_part_or_parent_without_currency_is_added_as_it_is() -> None:
    # Not two currencies: Plan.check reports the missing currency instead.
    assert team(1200, ("a", 600, None), ("b", 600, "EUR")).rollup()["t"] == 1200
    no_currency = Plan.from_goal(revenue(1200, None), id="t")
    no_currency = no_currency.attach("t", {"a": revenue(600, "USD"), "b": revenue(600, "USD")})
    assert no_currency.rollup(fx=FX)["t"] == 1200


def test_each_level_converts_once_into_its_own_parents_currency() -> None:
    plan = team(1200, ("us", 1200, "USD"))
    plan = plan.attach("t/us", {"a": revenue(600, "USD"), "b": revenue("600.01", "USD")})
    assert plan.rollup(fx=FX) == {
        "t": D("1104.01"),  # 1200.01 × 0.92 = 1104.0092
        "t/us": D("1200.01"),
        "t/us/a": D("600"),
        "t/us/b": D("600.01"),
    }


# --- Plan.check ----------------------------------------------------------------------------


def test_check_without_rates_reports_the_roll_up_error_and_compares_nothing() -> None:
    issues = team().check()
    assert [(i.node, i.kind, i.message) for i in issues] == [
        ("t/a", IssueKind.CURRENCY_MISMATCH, MIXED),
        ("t/b", IssueKind.CURRENCY_MISMATCH, MIXED.replace("t/a", "t/b")),
    ]


def test_check_speaks_dutch_about_currencies_too() -> None:
    assert team().check(lang="nl")[0].message == (
        "t/a is in USD maar het bovenliggende t in EUR; geef wisselkoersen (fx=) om USD "
        "naar EUR om te rekenen"
    )


def test_check_with_rates_compares_the_converted_amounts() -> None:
    assert team(1104).check(fx=FX) == ()
    assert team(1200).check(fx=FX) == (
        PlanIssue(
            "t",
            IssueKind.UNDER_ASSIGNED,
            "the parts of t come to 1104 against a target of 1200: under-assigned by 96 (-8%)",
            D("1200"),
            D("1104.00"),
        ),
    )


def test_check_with_rates_still_reports_a_part_without_currency() -> None:
    issues = team(1200, ("a", 600, None), ("b", 600, "USD")).check(fx=FX)
    assert [(i.node, i.kind, i.message) for i in issues] == [
        ("t/a", IssueKind.CURRENCY_MISMATCH, "t/a is in no currency but its parent t in EUR"),
    ]


def test_check_with_rates_missing_a_pair_raises() -> None:
    with pytest.raises(MissingRateError, match="add a USD→EUR rate"):
        team().check(fx=FxRates([("GBP", "EUR", "1.17", date(2027, 1, 1))]))


def role_plan(holder: object) -> Plan:
    """A EUR role goal of 1,000 carried in full by one holder selling in USD."""
    part = PlanNode("r/ann", revenue(holder, "USD"))
    return Plan(PlanNode("r", revenue(1000, "EUR"), [part], each=True))


def test_a_role_holder_in_another_currency_is_compared_converted() -> None:
    # USD 1,087 × 0.92 = EUR 1,000.04: over; USD 1,086 = EUR 999.12: within the role goal.
    assert [(i.node, i.kind, i.actual) for i in role_plan(1087).check(fx=FX)] == [
        ("r/ann", IssueKind.OVER_ASSIGNED, D("1000.04")),
    ]
    assert role_plan(1086).check(fx=FX) == ()


def test_a_role_in_two_currencies_without_rates_is_reported_not_raised() -> None:
    assert [i.kind for i in role_plan(1086).check()] == [IssueKind.CURRENCY_MISMATCH]


def test_capacities_in_another_currency_add_up_converted() -> None:
    capacity = {"t/a": 600, "t/b": 600}
    # The reps can carry USD 1,200 = EUR 1,104.00 of the team's EUR 1,104.
    assert team(1104).check(fx=FX, capacity=capacity) == ()
    gap = team(1200).check(fx=FX, capacity=capacity)[-1]
    assert (gap.node, gap.kind, gap.expected, gap.actual) == (
        "t",
        IssueKind.OVER_CAPACITY,
        D("1200"),
        D("1104.00"),
    )
    assert gap.message == "the target of t is 1200 but its capacity is 1104: a gap of 96"


def test_capacities_in_two_currencies_without_rates_do_not_add_up() -> None:
    # Added as one they would make 1,200 against a target of 1,300: a gap that is not known.
    kinds = [i.kind for i in team(1300).check(capacity={"t/a": 600, "t/b": 600})]
    assert kinds == [IssueKind.CURRENCY_MISMATCH, IssueKind.CURRENCY_MISMATCH]


def test_a_subtree_in_two_currencies_leaves_the_other_capacities_summed() -> None:
    plan = Plan.from_goal(revenue(1600, "EUR"), id="t")
    plan = plan.attach("t", {"eu": revenue(1000, "EUR"), "us": revenue(600, "EUR")})
    plan = plan.attach("t/eu", {"a": revenue(500, "EUR"), "b": revenue(500, "EUR")})
    plan = plan.attach("t/us", {"c": revenue(600, "USD")})
    found = plan.check(capacity={"t/eu/a": 400, "t/eu/b": 400, "t/us/c": 600})
    assert [(i.node, i.kind, i.actual) for i in found] == [
        ("t/us/c", IssueKind.CURRENCY_MISMATCH, None),
        ("t/eu", IssueKind.OVER_CAPACITY, D("800")),
    ]


# --- shares --------------------------------------------------------------------------------


def test_shares_of_parts_in_another_currency_are_converted_or_left_out() -> None:
    # USD 600 at 0.92 is EUR 552, 46% of the EUR 1,200 parent; without rates, no share.
    assert team().shares() == {}
    assert team().shares(fx=FX) == {"t/a": Fraction(23, 50), "t/b": Fraction(23, 50)}
    # ARR from EUR 1,000 to 1,460 by owner: each owner's USD 500 book and USD 750 target
    # are EUR 460 and 690, so each adds EUR 230 of the 460 increase.
    ann, bob = Owner("Ann", Scope.INDIVIDUAL), Owner("Bob", Scope.INDIVIDUAL)

    def arr(book: int, target: int, currency: str, owner: Owner | None = None) -> Goal:
        return Goal(
            metric=metrics.get("arr"),
            target=Target.level(target),
            baseline=book,
            timeframe=YEAR,
            currency=currency,
            owner=owner,
        )

    books = Plan.from_goal(arr(1000, 1460, "EUR"), id="a").attach(
        "a", {"Ann": arr(500, 750, "USD", ann), "Bob": arr(500, 750, "USD", bob)}
    )
    assert books.shares(fx=FX) == {"a/Ann": Fraction(1, 2), "a/Bob": Fraction(1, 2)}


def test_a_part_in_another_currency_loses_only_its_own_share_without_rates() -> None:
    plan = team(1200, ("a", 600, "USD"), ("b", 600, "EUR"))
    assert plan.shares() == {"t/b": Fraction(1, 2)}


def test_a_role_s_load_in_another_currency_is_converted_for_the_capacity_check() -> None:
    # Two holders each carry USD 1,000 = EUR 920 of a EUR role goal: a load of EUR 1,840
    # against capacities of USD 700 + 800 = EUR 1,380.
    holders = [PlanNode("r/ann", revenue(1000, "USD")), PlanNode("r/bob", revenue(1000, "USD"))]
    plan = Plan(PlanNode("r", revenue(1000, "EUR"), holders, each=True))
    (gap,) = plan.check(fx=FX, capacity={"r/ann": 700, "r/bob": 800})
    assert (gap.node, gap.kind, gap.expected, gap.actual) == (
        "r",
        IssueKind.OVER_CAPACITY,
        D("1840.00"),
        D("1380.00"),
    )
    assert gap.message == "the target of r is 1840 but its capacity is 1380: a gap of 460"


def test_the_capacity_check_needs_no_rate_it_does_not_use() -> None:
    # The parent has no target, so nothing is converted to compare with its capacity: no
    # USD→EUR rate is needed (a roll-up of t would need one).
    bare = Goal(metric=metrics.get("revenue"), timeframe=YEAR, currency="EUR")
    plan = Plan.from_goal(bare, id="t").attach("t", {"a": revenue(600, "USD")})
    assert plan.check(fx=FxRates([]), capacity={"t": 700}) == ()
    with pytest.raises(MissingRateError):
        plan.rollup(fx=FxRates([]))
