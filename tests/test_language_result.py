"""Tests for smartgoals.language._result: spans and the parsed statement."""

from __future__ import annotations

import attrs
import pytest

from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal
from smartgoals.language import ParsedGoal, ParsedStatement, Span


def test_span_checks_its_bounds() -> None:
    assert Span.of("Grow revenue", 5, 12) == Span(5, 12, "revenue")
    with pytest.raises(InvalidInputError, match="start <= end"):
        Span(5, 2, "")
    with pytest.raises(InvalidInputError):
        Span(-1, 2, "ab")


def test_results_are_frozen_and_read_only() -> None:
    parsed = ParsedGoal(Goal(), {"metric": Span(0, 1, "x")})
    with pytest.raises(TypeError):
        parsed.spans["target"] = Span(0, 1, "x")  # type: ignore[index]
    statement = ParsedStatement("x", "en", [parsed], channels={"email": (Span(0, 1, "x"),)})
    assert statement.goals == (parsed,)
    assert statement.channels["email"] == (Span(0, 1, "x"),)
    assert statement.goal_count == 1
    assert not statement.is_vague
    assert not statement.has_placeholder
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        statement.lang = "nl"  # type: ignore[misc]
