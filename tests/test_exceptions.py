from __future__ import annotations

import pytest
from hypothesis import given

from smartgoals import exceptions as ex
from smartgoals.timeframes import Timeframe
from strategies import timeframes


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (ex.InvalidInputError, ValueError),
        (ex.IncompleteGoalError, ValueError),
        (ex.UndefinedMetricError, ArithmeticError),
        (ex.CalendarError, ValueError),
        (ex.ParseError, ValueError),
        (ex.RegistrationError, ValueError),
        (ex.RuleError, RuntimeError),
        (ex.ValidationError, ValueError),
    ],
)
def test_every_leaf_is_a_smartgoals_error_and_a_builtin(
    cls: type[Exception], builtin: type
) -> None:
    assert issubclass(cls, ex.SmartGoalsError)
    assert issubclass(cls, builtin)


def test_incomplete_goal_error_names_missing_fields() -> None:
    err = ex.IncompleteGoalError(("target",), action="track the goal")
    assert err.missing == ("target",)
    assert str(err) == "cannot track the goal: the goal has no target; set them first"


def test_validation_error_lists_every_problem() -> None:
    err = ex.ValidationError([("$.a", "bad"), ("$.b[0]", "worse")])
    assert err.errors == (("$.a", "bad"), ("$.b[0]", "worse"))
    assert str(err).splitlines() == [
        "invalid document (2 problems):",
        "  $.a: bad",
        "  $.b[0]: worse",
    ]


@given(timeframes())
def test_strategy_timeframes_are_valid(tf: Timeframe) -> None:
    assert tf.end > tf.start
