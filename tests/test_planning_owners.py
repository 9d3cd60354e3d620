from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.planning.owners import (
    Assignment,
    Capacity,
    OwnerShare,
    Ramp,
    assign,
    availability,
)
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)
Q1 = Timeframe.quarter(2027, 1)
ANN = Owner("Ann", Scope.INDIVIDUAL)
BOB = Owner("Bob", Scope.INDIVIDUAL)
CY = Owner("Cy", Scope.INDIVIDUAL)
TEAM = Owner("EMEA", Scope.TEAM)
REVENUE = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.level(900_000),
    timeframe=YEAR,
    currency="EUR",
    owner=TEAM,
)


def test_capacity_of_ramped_and_ramping_reps() -> None:
    ramped = Capacity(7, 150_000, "0.85")
    ramping = Capacity(3, 150_000, "0.40")
    assert ramped.total + ramping.total == Decimal("1072500")
    assert Capacity(4, 100).total == 400


def test_capacity_validation() -> None:
    with pytest.raises(InvalidInputError, match="whole number of people"):
        Capacity(-1, 100)
    with pytest.raises(InvalidInputError, match="whole number of people"):
        Capacity(1.5, 100)
    with pytest.raises(InvalidInputError, match="quota must be zero or more"):
        Capacity(1, -100)
    with pytest.raises(InvalidInputError, match="expected_attainment must be zero or more"):
        Capacity(1, 100, "-0.1")


def test_capacity_as_weights() -> None:
    goal = attrs.evolve(REVENUE, target=Target.level(1_072_500))
    split = assign(
        goal, {"ramped": Capacity(7, 150_000, "0.85"), "ramping": Capacity(3, 150_000, "0.40")}
    )
    assert split["ramped"].target_value == Decimal("892500.00")
    assert split["ramping"].target_value == Decimal("180000.00")


def test_segments_by_weight_enterprise_carries_more() -> None:
    split = assign(REVENUE, {"enterprise": 2, "smb": 1})
    assert split["enterprise"].target_value == Decimal("600000.00")
    assert split["smb"].target_value == Decimal("300000.00")
    # Segments keep the goal's owner and type.
    assert split["smb"].owner == TEAM
    assert split["smb"].type is GoalType.TEAM
    assert split.total == REVENUE.target_value


def test_owners_become_the_children_owners_with_their_layer() -> None:
    split = assign(REVENUE, {ANN: 1, BOB: 1, Owner("APAC", Scope.TEAM): 1})
    assert split[ANN].owner == ANN
    assert split[ANN].type is GoalType.INDIVIDUAL
    assert split[Owner("APAC", Scope.TEAM)].type is GoalType.TEAM
    assert split[ANN].timeframe == YEAR
    assert split[ANN].currency == "EUR"
    assert split[ANN].statement is None


def test_over_assignment_is_exact_and_visible() -> None:
    split = assign(REVENUE, {ANN: 2, BOB: 1}, over_assignment="0.1")
    assert split.total == Decimal("990000.00")
    assert split.over_assignment == Decimal("0.1")
    ann = split.shares[0]
    assert (ann.base, ann.over_assignment, ann.goal.target_value) == (
        Decimal("600000.00"),
        Decimal("60000.00"),
        Decimal("660000.00"),
    )


def test_stretch_is_a_separate_goal() -> None:
    split = assign(REVENUE, {ANN: 1, BOB: 2}, stretch="0.2")
    assert split[ANN].target_value == Decimal("300000.00")
    stretch = split.stretch_goals[ANN]
    assert stretch.type is GoalType.STRETCH
    assert stretch.target_value == Decimal("360000.00")
    assert stretch.owner == ANN
    assert split.stretch == Decimal("0.2")
    assert split.total == Decimal("900000.00")


def test_change_targets_split_their_absolute_value_as_levels() -> None:
    goal = attrs.evolve(REVENUE, target=Target.change("0.10"), baseline=1_000_000)
    split = assign(goal, {ANN: 1, BOB: 1})
    assert {g.target for g in split.values()} == {Target.level(Decimal("550000.00"))}


def test_average_metrics_are_carried_not_divided() -> None:
    win_rate = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.at_least("0.3"),
        baseline="0.25",
        timeframe=YEAR,
    )
    split = assign(win_rate, {ANN: 3, BOB: 1})
    assert {g.target for g in split.values()} == {Target.at_least("0.3")}
    assert split.total is None
    assert split.shares[0].base is None
    assert split.shares[0].weight == Fraction(3, 4)
    with pytest.raises(InvalidInputError, match="does not add up over owners"):
        assign(win_rate, {ANN: 1}, over_assignment="0.1")
    with pytest.raises(InvalidInputError, match="does not add up over owners"):
        assign(win_rate, {ANN: 1}, stretch="0.1")


def test_level_metrics_share_out_the_increase_not_the_book() -> None:
    arr = Goal(
        metric=metrics.get("arr"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        baseline=900_000,
        timeframe=YEAR,
        currency="USD",
    )
    split = assign(arr, {"a": 2, "b": 1}, over_assignment="0.1")
    a = split.shares[0]
    # Without books an owner's goal is the ARR it adds, from 0: 2/3 of 300,000 + 10%.
    assert a.goal.baseline == Decimal("0.00")
    assert a.base == Decimal("200000.00")
    assert a.over_assignment == Decimal("20000.00")
    assert a.goal.target_value == Decimal("220000.00")
    assert sum(g.target_value for g in split.values()) == Decimal("330000.00")
    booked = assign(
        arr, {"a": 2, "b": 1}, over_assignment="0.1", books={"a": 600_000, "b": 300_000}
    )
    assert [(g.baseline, g.target_value) for g in booked.values()] == [
        (Decimal("600000.00"), Decimal("820000.00")),
        (Decimal("300000.00"), Decimal("410000.00")),
    ]


def test_new_hires_are_prorated_and_the_others_carry_the_difference() -> None:
    split = assign(REVENUE, {ANN: 1, BOB: 1}, start_dates={BOB: date(2027, 7, 1)})
    bob = split.shares[1]
    assert bob.availability == Fraction(184, 365)
    assert bob.weight == Fraction(184, 549)
    assert sum(g.target_value for g in split.values()) == REVENUE.target_value
    assert split[BOB].target_value < split[ANN].target_value


def test_ramp_applies_only_to_members_with_a_start_date() -> None:
    ramp = Ramp([0, "0.5"])
    split = assign(REVENUE, {ANN: 1, BOB: 1}, ramp=ramp, start_dates={BOB: date(2027, 1, 1)})
    assert split.shares[0].availability == 1
    # January 0, February half, then full: (0 × 31 + 14 + 334 - 28) / 365.
    assert split.shares[1].availability == Fraction(28 * Fraction(1, 2) + 306, 365)


def test_workdays_proration() -> None:
    q2 = Timeframe.quarter(2027, 2)
    # 65 working days in Q2 2027; from 1 June on: 22.
    assert availability(date(2027, 6, 1), q2, proration="workdays") == Fraction(22, 65)
    assert availability(
        date(2027, 6, 1), q2, proration="workdays", holidays={date(2027, 6, 2)}
    ) == Fraction(21, 64)
    with pytest.raises(InvalidInputError, match="unknown proration 'hours'"):
        availability(date(2027, 6, 1), q2, proration="hours")
    weekend = Timeframe(date(2027, 1, 2), date(2027, 1, 4))
    with pytest.raises(InvalidInputError, match="no working days"):
        availability(None, weekend, proration="workdays")


def test_availability_edges() -> None:
    assert availability(None, YEAR) == 1
    assert availability(date(2026, 5, 1), YEAR) == 1
    assert availability(date(2027, 1, 1), YEAR) == 1
    assert availability(date(2028, 1, 1), YEAR) == 0
    assert availability(date(2027, 12, 31), YEAR) == Fraction(1, 365)
    # Someone who started long ago is fully ramped.
    assert availability(date(2025, 1, 1), YEAR, ramp=Ramp([0, "0.5"])) == 1


def test_first_month_rules() -> None:
    quarter = Timeframe.quarter(2027, 1)
    start = date(2027, 1, 16)
    prorate = Ramp(["0.5"], cutoff="prorate")
    month_end = Ramp(["0.5"], cutoff="month_end")
    day_15 = Ramp(["0.5"], cutoff=15)
    day_20 = Ramp(["0.5"], cutoff=20)
    # Prorate: 16 days of January at one half, February and March in full.
    assert availability(start, quarter, ramp=prorate) == Fraction(8 + 59, 90)
    # Month end: all of January counts as tenure month 1.
    assert availability(start, quarter, ramp=month_end) == Fraction(Fraction(31, 2) + 59, 90)
    # Day 15: a start on the 16th misses January; February is tenure month 1.
    assert availability(start, quarter, ramp=day_15) == Fraction(14 + 31, 90)
    # Day 20: the 16th is before the cut-off, so January is tenure month 1 in full.
    assert availability(start, quarter, ramp=day_20) == availability(
        start, quarter, ramp=month_end
    )


def test_ramp_validation() -> None:
    assert Ramp([0, "0.25", "0.5", "0.75", "1.0"]).factor(3) == Decimal("0.5")
    with pytest.raises(InvalidInputError, match="never goes down"):
        Ramp(["0.5", "0.25"])
    with pytest.raises(InvalidInputError, match=r"write 25% as 0\.25"):
        Ramp([25])
    with pytest.raises(InvalidInputError, match="at least one factor"):
        Ramp([])
    with pytest.raises(InvalidInputError, match="sequence of fractions"):
        Ramp("0.5")
    with pytest.raises(InvalidInputError, match="unknown first-month rule 'midmonth'"):
        Ramp([1], cutoff="midmonth")
    with pytest.raises(InvalidInputError, match="unknown first-month rule 32"):
        Ramp([1], cutoff=32)
    with pytest.raises(InvalidInputError, match="tenure month must be 1 or more"):
        Ramp([1]).factor(0)


def test_assign_validation() -> None:
    with pytest.raises(IncompleteGoalError) as info:
        assign(Goal(), {"a": 1})
    assert info.value.missing == ("metric", "target", "timeframe")
    with pytest.raises(InvalidInputError, match="non-empty mapping"):
        assign(REVENUE, {})
    with pytest.raises(InvalidInputError, match="an Owner or a segment name"):
        assign(REVENUE, {3: 1})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="Cy, who are not in shares"):
        assign(REVENUE, {ANN: 1}, start_dates={CY: date(2027, 3, 1)})
    with pytest.raises(InvalidInputError, match="shares must be zero or positive"):
        assign(REVENUE, {ANN: -1, BOB: 2})
    with pytest.raises(InvalidInputError, match="every share is zero"):
        assign(REVENUE, {ANN: 0, BOB: 0})
    with pytest.raises(InvalidInputError, match="stretch must be zero or more"):
        assign(REVENUE, {ANN: 1}, stretch="-0.1")
    with pytest.raises(InvalidInputError, match="over_assignment must be above -1"):
        assign(REVENUE, {ANN: 1}, over_assignment=-1)
    with pytest.raises(InvalidInputError, match="not a multiple of the quantum"):
        assign(
            attrs.evolve(REVENUE, target=Target.level("1000.005")),
            {ANN: 1},
            over_assignment="0.15",
        )


def test_assignment_is_a_read_only_ordered_mapping() -> None:
    split = assign(REVENUE, {BOB: 1, ANN: 1})
    assert isinstance(split, Assignment)
    assert list(split) == [BOB, ANN]
    assert len(split) == 2
    assert isinstance(split.shares[0], OwnerShare)
    assert split.quantum == Decimal("0.01")
    with pytest.raises(KeyError):
        split[CY]


@settings(deadline=None)
@given(
    st.integers(0, 10**9),
    st.lists(st.integers(0, 100), min_size=1, max_size=12).filter(any),
    st.sampled_from(["0", "0.1", "0.15", "0.2", "0.25", "-0.05"]),
    st.none() | st.sampled_from(["0.1", "0.2", "0.5"]),
)
def test_children_sum_to_parent_times_one_plus_over_assignment(
    whole_units: int, weights: list[int], over: str, stretch: str | None
) -> None:
    goal = attrs.evolve(REVENUE, target=Target.level(whole_units))
    keys = [f"rep {i}" for i in range(len(weights))]
    split = assign(
        goal, dict(zip(keys, weights, strict=True)), over_assignment=over, stretch=stretch
    )
    expected = Decimal(whole_units) * (1 + Decimal(over))
    assert sum(g.target_value for g in split.values()) == expected
    assert sum(s.base or 0 for s in split.shares) == whole_units
    assert sum(s.over_assignment or 0 for s in split.shares) == Decimal(whole_units) * Decimal(
        over
    )
    for share in split.shares:
        assert share.goal.target.kind is TargetKind.LEVEL  # type: ignore[union-attr]
        if stretch is not None:
            assert share.stretch is not None
            raised = share.goal.target_value * (1 + Decimal(stretch))
            assert abs(share.stretch.target_value - raised) <= Decimal("0.005")
            assert share.stretch.type is GoalType.STRETCH
        else:
            assert share.stretch is None
    assert sum(s.weight for s in split.shares) == 1


ramps = st.lists(st.decimals(0, 1, places=2), min_size=1, max_size=8).map(
    lambda xs: Ramp(sorted(xs), cutoff="prorate")
)


@settings(deadline=None)
@given(
    st.dates(date(2026, 6, 1), date(2028, 2, 1)),
    st.integers(1, 400),
    st.sampled_from(["calendar", "workdays"]),
    st.none() | ramps,
    st.sampled_from(["prorate", "month_end", 1, 10, 15, 31]),
)
def test_proration_never_decreases_as_days_active_increase(
    start: date, earlier_by: int, basis: str, ramp: Ramp | None, cutoff: str | int
) -> None:
    if ramp is not None:
        ramp = attrs.evolve(ramp, cutoff=cutoff)
    later = availability(start, YEAR, ramp=ramp, proration=basis)
    earlier = availability(start - timedelta(days=earlier_by), YEAR, ramp=ramp, proration=basis)
    assert 0 <= later <= earlier <= 1


@given(st.dates(date(2020, 1, 1), date(2027, 1, 1)), st.sampled_from(["calendar", "workdays"]))
def test_present_the_whole_period_gets_the_full_share(start: date, basis: str) -> None:
    assert availability(start, YEAR, proration=basis) == 1
    assert availability(None, YEAR, ramp=Ramp(["0.5"]), proration=basis) == 1


# -- errors name the value and the fix; boundaries are accepted --------------------------------

_ARR_DOWN = Goal(
    metric=metrics.get("arr"),
    target=Target.level(800),
    baseline=1000,
    timeframe=YEAR,
    currency="EUR",
)
_WIN_RATE = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
_EACH_AE = Goal(
    metric=metrics.get("demos_booked"),
    target=Target.at_least(20, per="week"),
    timeframe=YEAR,
    owner=Owner("AE", Scope.ROLE),
)
_REPS = "reps must be a whole number of people, zero or more, got"
_FACTOR = "factors are fractions of full productivity from 0 to 1 (write 25% as 0.25)"
_RULE = "use 'prorate', 'month_end' or a day of the month from 1 to 31"
_NUMBER = "write it like '1500' or '0.05'"
_NO_SHARE = (
    "every share is zero (or every member is unavailable); give at least one owner a weight "
    "above zero"
)
_AVERAGE = (
    "win rate is an average, which does not add up over owners, so over-assignment and "
    "stretch do not apply; set a stretch goal for it directly"
)


@pytest.mark.parametrize(
    ("call", "message", "name", "value"),
    [
        (lambda: Capacity(-1, 100), f"{_REPS} -1", "reps", -1),
        (lambda: Capacity(1.5, 100), f"{_REPS} 1.5", "reps", 1.5),
        (lambda: Capacity(True, 100), f"{_REPS} True", "reps", True),
        (lambda: Capacity(1, -100), "quota must be zero or more, got -100", "quota", -100),
        (
            lambda: Capacity(1, 100, "-0.1"),
            "expected_attainment must be zero or more, got -0.1",
            "expected_attainment",
            Decimal("-0.1"),
        ),
        (lambda: Capacity(1, "x"), f"quota must be a number, got 'x'; {_NUMBER}", "quota", "x"),
        (
            lambda: Capacity(1, 1, "x"),
            f"expected_attainment must be a number, got 'x'; {_NUMBER}",
            "expected_attainment",
            "x",
        ),
        (
            lambda: Ramp("0.5"),
            "ramp factors must be a sequence of fractions such as [0, 0.5, 1], got '0.5'",
            "factors",
            "0.5",
        ),
        (
            lambda: Ramp([]),
            "a ramp needs at least one factor, e.g. Ramp([0.25, 0.5, 0.75, 1])",
            "factors",
            [],
        ),
        (
            lambda: Ramp([0, "1.5"]),
            f"ramp factor for tenure month 2 is 1.5; {_FACTOR}",
            "factors",
            [0, "1.5"],
        ),
        (
            lambda: Ramp(["-0.1"]),
            f"ramp factor for tenure month 1 is -0.1; {_FACTOR}",
            "factors",
            ["-0.1"],
        ),
        (
            lambda: Ramp([0, "0.5", "0.25"]),
            "ramp factor for tenure month 3 (0.25) is below the month before (0.5); a ramp "
            "never goes down",
            "factors",
            [0, "0.5", "0.25"],
        ),
        (
            lambda: Ramp(["x"]),
            f"ramp factor must be a number, got 'x'; {_NUMBER}",
            "ramp factor",
            "x",
        ),
        (
            lambda: Ramp([1], cutoff="weekly"),
            f"unknown first-month rule 'weekly'; {_RULE}",
            "cutoff",
            "weekly",
        ),
        (lambda: Ramp([1], cutoff=0), f"unknown first-month rule 0; {_RULE}", "cutoff", 0),
        (lambda: Ramp([1], cutoff=32), f"unknown first-month rule 32; {_RULE}", "cutoff", 32),
        (
            lambda: Ramp([1], cutoff=True),
            f"unknown first-month rule True; {_RULE}",
            "cutoff",
            True,
        ),
        (
            lambda: Ramp([1]).factor(0),
            "tenure month must be 1 or more, got 0",
            "tenure_month",
            0,
        ),
        (
            lambda: Ramp([1]).factor("1"),  # type: ignore[arg-type]
            "tenure month must be 1 or more, got '1'",
            "tenure_month",
            "1",
        ),
        (
            lambda: availability(date(2027, 2, 1), YEAR, proration="hours"),
            "unknown proration 'hours'; use 'calendar' (days) or 'workdays' (working days)",
            "proration",
            "hours",
        ),
        (
            lambda: availability(
                date(2027, 1, 2),
                Timeframe(date(2027, 1, 2), date(2027, 1, 4)),
                proration="workdays",
            ),
            "2027-01-02 – 2027-01-03 has no working days to prorate over; use "
            "proration='calendar'",
            "proration",
            "workdays",
        ),
        (
            lambda: assign(REVENUE, {}),
            "shares must be a non-empty mapping from owner or segment to weight",
            "shares",
            {},
        ),
        (
            lambda: assign(REVENUE, {1: 1}),  # type: ignore[dict-item]
            "an assignee must be an Owner or a segment name, got 1",
            "shares",
            1,
        ),
        (
            lambda: assign(
                REVENUE, {"a": 1}, start_dates={"b": date(2027, 1, 1), "c": date(2027, 1, 1)}
            ),
            "start_dates given for b, c, who are not in shares",
            "start_dates",
            ["b", "c"],
        ),
        (
            lambda: assign(_ARR_DOWN, {"a": 1}, books={"b": 1}),
            "books given for b, who are not in shares",
            "books",
            ["b"],
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, capacity={"b": 1}),
            "capacity given for b, who are not in shares",
            "capacity",
            ["b"],
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, over_assignment=-1),
            "over_assignment must be above -1 (a fraction such as 0.1 for 10%), got -1",
            "over_assignment",
            -1,
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, over_assignment="x"),
            f"over_assignment must be a number, got 'x'; {_NUMBER}",
            "over_assignment",
            "x",
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, stretch="-0.1"),
            "stretch must be zero or more (0.2 for 20% above target), got -0.1",
            "stretch",
            "-0.1",
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, stretch=-1),
            "stretch must be above -1 (a fraction such as 0.1 for 10%), got -1",
            "stretch",
            -1,
        ),
        (
            lambda: assign(REVENUE, {"a": 1, "b": -1}),
            "share of b is -1, but shares must be zero or positive",
            "shares",
            -1,
        ),
        (
            lambda: assign(REVENUE, {"a": "x"}),
            f"share of a must be a number, got 'x'; {_NUMBER}",
            "share of a",
            "x",
        ),
        (lambda: assign(REVENUE, {"a": 0}), _NO_SHARE, "shares", {"a": 0}),
        (
            lambda: assign(REVENUE, {"a": 1}, start_dates={"a": date(2028, 1, 1)}),
            _NO_SHARE,
            "shares",
            {"a": 1},
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, capacity={"a": -1}),
            "capacity of a is -1, but a capacity must be zero or more",
            "capacity",
            -1,
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, capacity={"a": "x"}),
            f"capacity of a must be a number, got 'x'; {_NUMBER}",
            "capacity of a",
            "x",
        ),
        (
            lambda: assign(_WIN_RATE, {"a": 1}, over_assignment="0.1"),
            _AVERAGE,
            "over_assignment",
            "0.1",
        ),
        (lambda: assign(_WIN_RATE, {"a": 1}, stretch="0.1"), _AVERAGE, "stretch", "0.1"),
        (
            lambda: assign(_EACH_AE, {"a": 1}, over_assignment="0.1"),
            "over-assignment divides a shared total, but ≥ 20 a week holds for each holder of "
            "the role in full; raise the rate instead, or pass each=False",
            "over_assignment",
            "0.1",
        ),
        (
            lambda: assign(_EACH_AE, {"a": 2}),
            "the goal holds for each holder of a role, so a carries it in full and a weight of "
            "2 does not divide it; give 1 (or a Capacity) for every holder, 0 for one who is "
            "left out, or pass each=False to divide the goal",
            "shares",
            2,
        ),
        (
            lambda: assign(_EACH_AE, {"a": "x"}),
            f"share of a must be a number, got 'x'; {_NUMBER}",
            "share of a",
            "x",
        ),
        (
            lambda: assign(_ARR_DOWN, {"a": 1}),
            "the goal lowers annual recurring revenue from 1000 to 800; give each owner's book "
            "(books=) so that each part can fall from it",
            "books",
            None,
        ),
        (
            lambda: assign(_ARR_DOWN, {"a": 1, "b": 1}, books={"a": 600}),
            "the books add up to 600, but the goal starts from 1000; give every owner's book "
            "(owners left out start from 0)",
            "books",
            {"a": 600},
        ),
        (
            lambda: assign(_ARR_DOWN, {"a": 1}, books={"a": "x"}),
            f"book of a must be a number, got 'x'; {_NUMBER}",
            "book of a",
            "x",
        ),
        (
            lambda: assign(REVENUE, {"a": 1}, quantum=0),
            "quantum must be above zero, got 0; use 1 for counts or 0.01 for money",
            "quantum",
            0,
        ),
    ],
)
def test_owner_errors_name_the_value_and_the_fix(
    call: Callable[[], object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_the_edges_of_every_range_are_accepted() -> None:
    assert Capacity(0, 0, 0).total == 0
    assert Ramp([0]).factors == (Decimal(0),)
    assert Ramp(["0.5", "0.5", 1]).factor(2) == Decimal("0.5")
    assert Ramp([1], cutoff=1).cutoff == 1
    assert Ramp([1], cutoff=31).cutoff == 31
    assert Ramp([1]).factor(1) == 1
    team = assign(REVENUE, {"a": 1, "b": 1}, over_assignment="-0.5", stretch=0)
    assert [g.target_value for g in team.values()] == [Decimal("225000.00")] * 2
    assert [g.target_value for g in team.stretch_goals.values()] == [Decimal("225000.00")] * 2
    # A level held where it is needs no books: every owner starts from 0 and adds nothing.
    flat = attrs.evolve(_ARR_DOWN, target=Target.level(1000))
    assert [g.target_value for g in assign(flat, {"a": 1, "b": 1}).values()] == [0, 0]


def test_a_ramp_counts_tenure_across_the_new_year() -> None:
    # Hired 1 December 2026: January is tenure month 2 (0.5), February 3 (0.75), March 4.
    ramp = Ramp([0, "0.5", "0.75"])
    q1 = Timeframe.quarter(2027, 1)
    assert availability(date(2026, 12, 1), q1, ramp=ramp) == Fraction(
        31 * 2 + 28 * 3 + 31 * 4, 360
    )
    # Hired 20 November 2026 with a cut-off on the 15th: December is month 1, January 2.
    late = Ramp([0, "0.5", "0.75"], cutoff=15)
    assert availability(date(2026, 11, 20), q1, ramp=late) == Fraction(
        31 * 2 + 28 * 3 + 31 * 4, 360
    )
    assert availability(date(2026, 11, 10), q1, ramp=late) == Fraction(
        31 * 3 + 28 * 4 + 31 * 4, 360
    )


def test_books_keep_their_cents() -> None:
    arr = attrs.evolve(_ARR_DOWN, target=Target.level("1100.00"))
    team = assign(arr, {"a": 1, "b": 1}, books={"a": "600.50", "b": "399.50"})
    assert [(g.baseline, g.target_value) for g in team.values()] == [
        (Decimal("600.50"), Decimal("650.50")),
        (Decimal("399.50"), Decimal("449.50")),
    ]


def test_stretch_and_capacity_round_half_away_from_zero_to_the_cent() -> None:
    # A loss budget of 1,000 split 1:2 with a 10% stretch: -366.663 → -366.66, -733.337 → -733.34.
    loss = Goal(
        metric=metrics.get("profit"), target=Target.level(-1000), timeframe=YEAR, currency="EUR"
    )
    team = assign(loss, {"a": 1, "b": 2}, stretch="0.1")
    assert [g.target_value for g in team.values()] == [Decimal("-333.33"), Decimal("-666.67")]
    assert [g.target_value for g in team.stretch_goals.values()] == [
        Decimal("-366.66"),
        Decimal("-733.34"),
    ]
    # Six tenths of a cent of capacity is a cent.
    assert assign(REVENUE, {"a": 1}, capacity={"a": "0.006"}).shares[0].capacity == Decimal("0.01")


def test_books_are_each_owner_s_base_and_its_stretch_starts_from_its_book() -> None:
    # ARR from 1.0M to 1.4M: the 400,000 increase splits 1:1 on top of books of 600,000
    # and 400,000. A 10% stretch raises each owner's increase of 200,000 to 220,000.
    arr = Goal(
        metric=metrics.get("arr"),
        direction=Direction.INCREASE,
        target=Target.level(1_400_000),
        baseline=1_000_000,
        timeframe=YEAR,
        currency="EUR",
        type=GoalType.TEAM,
        strategy="by upselling",
    )
    team = assign(arr, {"ann": 1, "bob": 1}, books={"ann": 600_000, "bob": 400_000}, stretch="0.1")
    assert team.parent is arr
    assert [(s.base, s.over_assignment) for s in team.shares] == [
        (Decimal("800000.00"), Decimal("0.00")),
        (Decimal("600000.00"), Decimal("0.00")),
    ]
    assert [(s.goal.target_value, s.goal.baseline) for s in team.shares] == [
        (Decimal("800000.00"), Decimal("600000.00")),
        (Decimal("600000.00"), Decimal("400000.00")),
    ]
    stretch = [s.stretch for s in team.shares]
    assert [(g.target_value, g.baseline) for g in stretch if g is not None] == [
        (Decimal("820000.00"), Decimal("600000.00")),
        (Decimal("620000.00"), Decimal("400000.00")),
    ]
    # A segment keeps the goal's direction, strategy and type; so does an owner whose
    # scope is neither a person nor a team.
    ann = team["ann"]
    assert (ann.direction, ann.strategy, ann.type) == (
        Direction.INCREASE,
        "by upselling",
        GoalType.TEAM,
    )
    europe = assign(arr, {Owner("Acme Europe", Scope.COMPANY): 1})
    assert europe.shares[0].goal.type is GoalType.TEAM
    assert europe.shares[0].goal.owner == Owner("Acme Europe", Scope.COMPANY)


def test_books_without_a_baseline_name_what_is_missing() -> None:
    arr = Goal(metric=metrics.get("arr"), target=Target.level(1_400_000), timeframe=YEAR)
    with pytest.raises(IncompleteGoalError) as raised:
        assign(arr, {"a": 1}, books={"a": 1})
    assert raised.value.missing == ("baseline",)
    assert str(raised.value) == (
        "cannot share out the increase of annual recurring revenue over books: the goal has "
        "no baseline; set them first"
    )


def test_a_capacity_of_zero_is_kept() -> None:
    team = assign(REVENUE, {"a": 1, "b": 1}, capacity={"a": 0, "b": 5})
    assert [s.capacity for s in team.shares] == [Decimal("0.00"), Decimal("5.00")]


def test_a_role_s_at_least_rate_is_rounded_up_for_each_holder() -> None:
    # 10 demos a week over Q3 (92 days) is 131 3/7, at least 132; Bob, from 1 August
    # (61 days), 87 1/7, at least 88. Rounding to the nearest would give 131 and 87.
    demos = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(10, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        owner=Owner("AE", Scope.ROLE),
    )
    each = assign(demos, {"ann": 1, "bob": 1}, start_dates={"bob": date(2027, 8, 1)})
    assert [(s.base, str(s.goal.target)) for s in each.shares] == [
        (Decimal(132), "≥ 10 a week"),
        (Decimal(88), "≥ 88"),
    ]


def test_a_huge_role_target_stays_exact_to_the_cent() -> None:
    # 10^17 + 1 cents: beyond a float's 53 bits.
    big = attrs.evolve(
        REVENUE, target=Target.level("1000000000000000.01"), owner=Owner("AE", Scope.ROLE)
    )
    assert [s.base for s in assign(big, {"a": 1}).shares] == [Decimal("1000000000000000.01")]


def test_a_role_s_change_keeps_its_stretch_a_change_from_the_baseline() -> None:
    # +50 calls on a baseline of 100 is 150; 10% more is 165, a change of +65. A relative
    # +50% reaches the same 150 and stretches the same way.
    calls = Goal(
        metric=metrics.get("calls"),
        direction=Direction.INCREASE,
        target=Target.change(50, relative=False),
        baseline=100,
        timeframe=YEAR,
        owner=Owner("AE", Scope.ROLE),
        strategy="by calling lapsed customers",
    )
    for target in (Target.change(50, relative=False), Target.change("0.5")):
        (share,) = assign(attrs.evolve(calls, target=target), {ANN: 1}, stretch="0.1").shares
        assert share.stretch is not None
        assert (str(share.stretch.target), share.stretch.baseline) == ("+65", Decimal(100))
        assert share.stretch.target_value == 165
    stretch = assign(calls, {ANN: 1}, stretch="0.1").shares[0].stretch
    assert stretch is not None
    assert (stretch.metric, stretch.direction, stretch.strategy, stretch.owner) == (
        metrics.get("calls"),
        Direction.INCREASE,
        "by calling lapsed customers",
        ANN,
    )
    money = assign(REVENUE, {ANN: 1}, stretch="0.1").shares[0].stretch
    assert money is not None
    assert (money.currency, money.target_value) == ("EUR", Decimal("990000.00"))


def test_an_incomplete_goal_or_an_unknown_owner_is_named() -> None:
    with pytest.raises(IncompleteGoalError) as raised:
        assign(Goal(), {"a": 1})
    assert str(raised.value) == (
        "cannot assign the goal: the goal has no metric, target, timeframe; set them first"
    )
    with pytest.raises(KeyError) as missing:
        assign(REVENUE, {"a": 1})["zed"]
    assert missing.value.args == ("zed",)


def test_a_new_hire_s_working_days_follow_the_weekend_and_holidays_given() -> None:
    # Q1 2027 with only Sunday off has 77 working days; a start on 15 February leaves 39
    # (45 days less 6 Sundays). With 1 March a holiday too: 38 of 76, a half.
    calls = Goal(metric=metrics.get("calls"), target=Target.level(900), timeframe=Q1)
    split = assign(
        calls,
        {"a": 1, "b": 1},
        start_dates={"b": date(2027, 2, 15)},
        proration="workdays",
        weekend=(6,),
    )
    assert [s.availability for s in split.shares] == [1, Fraction(39, 77)]
    assert [s.goal.target_value for s in split.shares] == [597, 303]
    holiday = assign(
        calls,
        {"a": 1, "b": 1},
        start_dates={"b": date(2027, 2, 15)},
        proration="workdays",
        weekend=(6,),
        holidays={date(2027, 3, 1)},
    )
    assert [s.availability for s in holiday.shares] == [1, Fraction(1, 2)]
    assert [s.goal.target_value for s in holiday.shares] == [600, 300]


def test_a_start_on_the_cutoff_day_counts_the_month() -> None:
    # Cut-off 15: a start on the 15th makes February tenure month 1 (factor 0), so March
    # counts at 0.5 and January not at all: 31 × 0.5 of 90 days. A day later, February
    # is not counted and March is tenure month 1, at 0.
    q1 = Timeframe.quarter(2027, 1)
    ramp = Ramp([0, "0.5"], cutoff=15)
    assert availability(date(2027, 2, 15), q1, ramp=ramp) == Fraction(31, 180)
    assert availability(date(2027, 2, 16), q1, ramp=ramp) == 0


def test_an_average_is_carried_by_each_owner_with_its_availability_and_capacity() -> None:
    win = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.at_least("0.25"),
        baseline="0.2",
        timeframe=YEAR,
    )
    split = assign(win, {ANN: 1, BOB: Capacity(2, 100)}, start_dates={BOB: date(2027, 7, 1)})
    assert (split.parent, split.over_assignment, split.quantum, split.total) == (
        win,
        Decimal(0),
        None,
        None,
    )
    assert [s.availability for s in split.shares] == [1, Fraction(184, 365)]
    # Bob's capacity of 200 for the half year he is there: 200 × 184/365, to 0.0001.
    assert [s.capacity for s in split.shares] == [None, Decimal("100.8219")]
    assert [(s.goal.owner, s.goal.baseline, str(s.goal.target)) for s in split.shares] == [
        (ANN, Decimal("0.2"), "≥ 0.25"),
        (BOB, Decimal("0.2"), "≥ 0.25"),
    ]


def test_a_role_level_goal_keeps_its_book_and_stretches_the_increase() -> None:
    # Each AE carries ARR from 1.0M to 1.4M; 10% more of the 400,000 increase is 1.44M.
    arr = Goal(
        metric=metrics.get("arr"),
        direction=Direction.INCREASE,
        target=Target.level(1_400_000),
        baseline=1_000_000,
        timeframe=YEAR,
        currency="EUR",
        owner=Owner("AE", Scope.ROLE),
    )
    each = assign(arr, {ANN: 1}, stretch="0.1")
    (share,) = each.shares
    assert (share.goal.owner, share.goal.baseline) == (ANN, Decimal(1_000_000))
    assert share.stretch is not None
    assert (share.stretch.owner, share.stretch.target_value, share.stretch.baseline) == (
        ANN,
        Decimal(1_440_000),
        Decimal(1_000_000),
    )
    assert (each.stretch, each.over_assignment, each.each) == (Decimal("0.1"), Decimal(0), True)
