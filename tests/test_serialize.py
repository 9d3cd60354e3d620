from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given

from smartgoals import metrics
from smartgoals.exceptions import ValidationError
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.serialize import from_dict, from_json, to_dict, to_json
from smartgoals.timeframes import Timeframe
from strategies import goals


def test_goal_document_uses_plain_json_types() -> None:
    goal = Goal(
        statement="Grow revenue 10% in 2027",
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.change("0.10"),
        baseline="700000.00",
        timeframe=Timeframe(date(2027, 1, 1), date(2028, 1, 1)),
        currency="USD",
        owner=Owner("Sales", Scope.TEAM),
    )
    doc = to_dict(goal)
    assert doc == {
        "statement": "Grow revenue 10% in 2027",
        "metric": "revenue",
        "direction": "increase",
        "target": {"kind": "change", "value": "0.10", "relative": True},
        "baseline": "700000.00",
        "timeframe": {"start": "2027-01-01", "end": "2028-01-01"},
        "currency": "USD",
        "owner": {"name": "Sales", "scope": "team"},
        "type": "team",
        "strategy": None,
        "baseline_period": None,
    }
    assert json.loads(to_json(goal)) == doc


def test_documents_written_before_rates_still_load() -> None:
    old = {
        "metric": "demos_booked",
        "direction": "increase",
        "target": {"kind": "at_least", "value": "20", "relative": False},
        "timeframe": {"start": "2027-07-01", "end": "2027-10-01"},
        "owner": {"name": "Sales", "scope": "team"},
    }
    goal = from_dict(old)
    assert goal.target is not None
    assert goal.target.per is None
    assert goal.baseline_period is None


def test_rate_fields_round_trip_and_show_in_the_document() -> None:
    goal = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        owner=Owner("AE", Scope.ROLE),
        baseline=12,
        baseline_period=Timeframe.quarter(2027, 2),
    )
    doc = to_dict(goal)
    assert doc["target"] == {"kind": "at_least", "value": "20", "relative": False, "per": "week"}
    assert doc["owner"] == {"name": "AE", "scope": "role"}
    assert doc["baseline_period"] == {"start": "2027-04-01", "end": "2027-07-01"}
    assert from_json(to_json(goal)) == goal


def test_adhoc_metrics_round_trip_without_a_catalog_entry() -> None:
    goal = Goal(
        metric=metrics.adhoc("klantbezoeken", lang="nl"),
        direction=Direction.INCREASE,
        target=Target.at_least(8, per="month"),
    )
    doc = to_dict(goal)
    assert doc["metric"]["adhoc"] is True
    assert doc["metric"]["key"] == "klantbezoeken"
    back = from_dict(doc)
    assert back == goal
    assert back.metric is not None
    assert back.metric.is_adhoc
    assert back.metric.label("nl") == "klantbezoeken"


def test_an_unknown_cadence_is_a_validation_error_at_its_path() -> None:
    with pytest.raises(
        ValidationError, match=r"\$\.target\.per: 'fortnight' is not a valid Granularity"
    ):
        from_dict({"target": {"kind": "level", "value": "1", "per": "fortnight"}})


@given(goals())
def test_dict_round_trip(goal: Goal) -> None:
    assert from_dict(to_dict(goal)) == goal


@given(goals(complete=True))
def test_json_round_trip_keeps_decimal_digits(goal: Goal) -> None:
    back = from_json(to_json(goal))
    assert back == goal
    assert str(back.baseline) == str(goal.baseline)


def test_json_numbers_are_read_exactly() -> None:
    goal = from_json('{"metric": "win_rate", "target": {"kind": "at_least", "value": 0.1}}')
    assert goal.target is not None
    assert goal.target.value == Decimal("0.1")


def test_bad_document_lists_every_problem_with_its_path() -> None:
    doc = {
        "metric": "revenu",
        "direction": "up",
        "target": {"kind": "change", "value": "ten"},
        "timeframe": {"start": "2027-02-30", "end": "2027-12-31"},
        "extra": 1,
    }
    with pytest.raises(ValidationError) as info:
        from_dict(doc)
    paths = [path for path, _ in info.value.errors]
    assert paths == ["$.metric", "$.direction", "$.target.value", "$.timeframe.start", "$"]
    messages = dict(info.value.errors)
    assert "did you mean 'revenue'" in messages["$.metric"]
    assert "'increase'" in messages["$.direction"]
    assert "unknown field(s) extra" in messages["$"]


def test_cross_field_error_points_at_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        from_dict({"metric": "leads", "currency": "EUR"})
    assert info.value.errors[0][0] == "$.currency"


def test_not_a_mapping_and_bad_json_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="expected an object"):
        from_dict(["revenue"])
    with pytest.raises(ValidationError, match="not valid JSON"):
        from_json("{")


def test_other_types_round_trip() -> None:
    tf = Timeframe(date(2027, 4, 1), date(2027, 7, 1))
    assert from_dict(to_dict(tf), Timeframe) == tf
    assert from_json(to_json(Target.at_most("0.02")), Target) == Target.at_most("0.02")


def test_fractions_travel_as_exact_strings() -> None:
    from fractions import Fraction

    assert to_dict(Fraction(2, 3)) == "2/3"
    assert from_dict("2/3", Fraction) == Fraction(2, 3)
    assert from_dict(5, Fraction) == Fraction(5)
    with pytest.raises(ValidationError, match="exact fraction"):
        from_dict("two thirds", Fraction)
