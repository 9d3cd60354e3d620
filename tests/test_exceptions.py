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


@pytest.mark.parametrize(
    "error",
    [
        ex.InvalidInputError("rate must be in [0, 1], got 5", name="rate", value=5),
        ex.IncompleteGoalError(["target"], action="split the goal"),
        ex.UndefinedMetricError("win_rate", "no deals were won or lost"),
        ex.ParseError("no number in 'sell more'", position=3),
        ex.CurrencyMismatchError("t/a is in USD", currency="USD", expected="EUR", where="t/a"),
        ex.MissingRateError("no rate", base="USD", quote="EUR", on=Timeframe.year(2027).start),
    ],
)
def test_a_reworded_error_keeps_its_type_and_attributes(error: ex.SmartGoalsError) -> None:
    new = error.reworded(f"plan node 'emea': {error}")
    assert type(new) is type(error)
    assert str(new) == f"plan node 'emea': {error}"
    assert new.args == (f"plan node 'emea': {error}",)
    assert vars(new) == vars(error)
    assert new is not error
    assert str(error) != str(new)  # the original keeps its words
