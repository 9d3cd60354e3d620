"""Edge cases of plans: worked values at the boundaries that the other plan tests leave out."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal, Target
from smartgoals.planning import Plan, split_by_period
from smartgoals.planning.plan import PlanNode
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)


def revenue(amount: object | None) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        target=None if amount is None else Target.level(amount),
        timeframe=YEAR,
        currency="EUR",
    )


def test_a_part_without_a_target_has_no_share_and_the_next_part_still_has_one() -> None:
    plan = Plan.from_goal(revenue(1000), id="t").attach(
        "t", {"a": revenue(None), "b": revenue(400)}
    )
    assert plan.shares() == {"t/b": Fraction(2, 5)}


RATE = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"), timeframe=YEAR)
HIGH = attrs.evolve(RATE, target=Target.at_least("0.5"))


def test_a_partial_roll_up_leaves_out_every_node_above_rates_that_do_not_combine() -> None:
    # top -> p1 -> x (revenue) and top -> mid -> rate -> a, b (different win rates, no
    # weights): rate, mid and top are left out, however far up; p1 and x, visited after
    # mid, still roll up.
    plan = (
        Plan.from_goal(revenue(1000), id="top")
        .attach("top", {"p1": revenue(400)})
        .attach("top/p1", {"x": revenue(400)})
        .attach("top", {"mid": RATE})
        .attach("top/mid", {"rate": RATE})
        .attach("top/mid/rate", {"a": RATE, "b": HIGH})
    )
    assert plan.rollup(partial=True) == {
        "top/p1": Decimal(400),
        "top/p1/x": Decimal(400),
        "top/mid/rate/a": Decimal("0.25"),
        "top/mid/rate/b": Decimal("0.5"),
    }


def test_the_unweighted_message_names_two_parts_by_their_ids_in_either_language() -> None:
    # Parts whose ids do not start with the parent's keep their whole id in the example.
    odd = Plan(
        PlanNode("w", RATE, [PlanNode("x", RATE), PlanNode("y", HIGH), PlanNode("z", HIGH)])
    )
    with pytest.raises(InvalidInputError) as raised:
        odd.rollup()
    assert str(raised.value) == (
        "the parts of w have different win rate targets (x 0.25, y 0.5, z 0.5) and no "
        "weights, so they do not roll up: a rate is pooled counts, not a mean of rates; give "
        "each part its weight, such as its expected deals (attach(..., weights={'x': ..., "
        "'y': ...}) or assign())"
    )
    (issue,) = odd.check(lang="nl")
    assert issue.message.startswith(
        "de delen van w hebben verschillende doelen voor winstpercentage (x 0.25, y 0.5, z 0.5)"
    )


@pytest.mark.parametrize(
    ("weights", "message", "name", "value"),
    [
        (
            [1],
            "weights= goes with a mapping from label to goal (splits and assignments carry "
            "their own weights), got dict and list",
            "weights",
            [1],
        ),
        (
            {"a": "abc", "b": 1},
            "weight of a must be a number, got 'abc'; write it like '1500' or '0.05'",
            "weight of a",
            "abc",
        ),
        ({"a": -1, "b": 1}, "the weight of a is -1; weights must be zero or more", "weights", -1),
        (
            {"a": 0, "b": 0},
            "every weight is zero ({'a': 0, 'b': 0}); give at least one part a weight above zero",
            "weights",
            {"a": 0, "b": 0},
        ),
        (
            {"a": 1},
            "weights must name each part once: missing ['b'], unknown []; give a weight for "
            "each of ['a', 'b']",
            "weights",
            {"a": 1},
        ),
    ],
)
def test_weights_that_do_not_fit_are_refused_with_the_value(
    weights: object, message: str, name: str, value: object
) -> None:
    plan = Plan.from_goal(RATE, id="w")
    with pytest.raises(InvalidInputError) as raised:
        plan.attach("w", {"a": RATE, "b": RATE}, weights=weights)  # type: ignore[arg-type]
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_weights_with_a_split_name_both_types() -> None:
    plan = Plan.from_goal(revenue(1000), id="y")
    quarters = split_by_period(revenue(1000), "quarter")
    with pytest.raises(InvalidInputError) as raised:
        plan.attach("y", quarters, weights={"FY2027 Q1": 1})
    assert str(raised.value) == (
        "weights= goes with a mapping from label to goal (splits and assignments carry their "
        "own weights), got PeriodSplit and dict"
    )
    assert raised.value.value == {"FY2027 Q1": 1}
