"""Fuzzing the document reader: any text or bytes give a Goal or one ValidationError.

The example count is modest in CI; set ``SMARTGOALS_FUZZ_EXAMPLES`` (e.g. 200000) for a
long run.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smartgoals.exceptions import ValidationError
from smartgoals.serialize import MAX_DEPTH, from_dict, from_json, to_json
from strategies import goals

EXAMPLES = int(os.environ.get("SMARTGOALS_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _problems(exc: ValidationError) -> None:
    assert exc.errors  # one error that names where each problem is
    for path, message in exc.errors:
        assert path.startswith("$")
        assert message


def _read(raw: str | bytes) -> None:
    try:
        from_json(raw)
    except ValidationError as exc:
        _problems(exc)


@FUZZ
@given(st.binary(max_size=300))
@example(b'{"metric": "revenue\xff"}')
@example(b"\xff\xfe{}")
def test_any_bytes_give_a_goal_or_a_validation_error(raw: bytes) -> None:
    _read(raw)


@FUZZ
@given(st.text(max_size=300))
@example("[" * 100_000 + "]" * 100_000)
@example('{"baseline": ' + "1" * 4301 + "}")
@example('{"baseline": 1e99999999999999999999}')
@example('{"target": {"kind": "level", "value": "1e99999999999999999999"}}')
@example('{"target": {"kind": "level", "value": -1e-999}}')
@example('{"metric": {"adhoc": true, "name": "", "unit": "nope"}}')
def test_any_text_gives_a_goal_or_a_validation_error(text: str) -> None:
    _read(text)


_MUTATIONS = st.sampled_from(["drop", "dup", "swap", "insert", "truncate"])


@FUZZ
@given(
    goals(), st.lists(st.tuples(_MUTATIONS, st.integers(0, 10_000), st.characters()), max_size=6)
)
def test_mutated_documents_give_a_goal_or_a_validation_error(
    goal: object, edits: list[tuple[str, int, str]]
) -> None:
    text = to_json(goal, indent=None)
    for kind, where, char in edits:
        i = where % (len(text) + 1)
        if kind == "drop":
            text = text[:i] + text[i + 1 :]
        elif kind == "dup":
            text = text[:i] + text[i : i + 8] + text[i:]
        elif kind == "swap" and i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif kind == "insert":
            text = text[:i] + char + text[i:]
        else:
            text = text[:i]
    _read(text)


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=20,
    )
)
def test_any_json_value_gives_a_goal_or_one_validation_error(data: object) -> None:
    try:
        from_dict(data)
    except ValidationError as exc:
        _problems(exc)
    _read(json.dumps(data))


def test_nesting_is_refused_past_the_documented_depth() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(ValidationError, match=f"nested {MAX_DEPTH + 1} levels deep"):
        from_json(deep)
    # Brackets inside strings do not count as nesting.
    text = '{"statement": "' + "[" * 500 + '"}'
    assert from_json(text).statement == "[" * 500


def test_numbers_past_the_documented_size_are_refused_with_their_size() -> None:
    with pytest.raises(ValidationError, match="a number of 4,301 characters"):
        from_json('{"baseline": ' + "1" * 4301 + "}")
    with pytest.raises(ValidationError, match="out of range: documents hold numbers from 1e-100"):
        from_json('{"baseline": 1e99999999999999999999}')
    with pytest.raises(ValidationError, match=r"\$\.baseline: number '1e500' is out of range"):
        from_json('{"baseline": "1e500"}')


def test_bytes_that_are_not_utf8_name_the_line() -> None:
    with pytest.raises(ValidationError, match="not UTF-8 text at line 2"):
        from_json(b'{\n"metric": "revenue\xff"}')
