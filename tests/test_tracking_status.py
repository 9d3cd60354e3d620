from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError
from smartgoals.tracking import ProgressStatus, ThresholdMeasure, Thresholds

D = Decimal
HALF = D("0.5")


@pytest.mark.parametrize(
    ("pace", "status"),
    [
        ("1.2", ProgressStatus.ON_TRACK),
        ("0.99", ProgressStatus.ON_TRACK),
        ("0.989", ProgressStatus.BEHIND),
        ("0.81", ProgressStatus.BEHIND),
        ("0.809", ProgressStatus.AT_RISK),
        ("0", ProgressStatus.AT_RISK),
    ],
)
def test_ratio_preset(pace: str, status: ProgressStatus) -> None:
    assert Thresholds.ratio().status(pace=D(pace), expected_progress=HALF, progress=None) is status


@pytest.mark.parametrize(
    ("progress", "status"),
    [
        ("0.6", ProgressStatus.ON_TRACK),
        ("0.336", ProgressStatus.ON_TRACK),  # 16.4 points behind
        ("0.335", ProgressStatus.BEHIND),  # 16.5 points
        ("0.171", ProgressStatus.BEHIND),  # 32.9 points
        ("0.17", ProgressStatus.AT_RISK),  # 33 points
    ],
)
def test_gap_preset(progress: str, status: ProgressStatus) -> None:
    assert (
        Thresholds.gap().status(pace=None, expected_progress=HALF, progress=D(progress)) is status
    )


def test_custom_thresholds() -> None:
    strict = Thresholds.ratio("1", "0.95")
    assert strict.status(pace=D("0.97"), expected_progress=HALF, progress=None) is (
        ProgressStatus.BEHIND
    )
    loose = Thresholds.gap(25, 50)
    assert loose.status(pace=None, expected_progress=HALF, progress=D("0.3")) is (
        ProgressStatus.ON_TRACK
    )
    assert Thresholds(ThresholdMeasure.RATIO, "0.9", "0.5", "0.8").high_confidence == D("0.8")


def test_undefined_numbers_count_as_on_track() -> None:
    assert Thresholds.ratio().status(pace=None, expected_progress=HALF, progress=None) is (
        ProgressStatus.ON_TRACK
    )
    assert Thresholds.gap().status(pace=None, expected_progress=HALF, progress=None) is (
        ProgressStatus.ON_TRACK
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Thresholds.ratio("0.8", "0.9"), "on_track >= behind >= 0"),
        (lambda: Thresholds.ratio("0.8", "-0.1"), "on_track >= behind >= 0"),
        (lambda: Thresholds.gap(40, 30), "0 <= on_track <= behind"),
        (lambda: Thresholds.ratio(high_confidence=2), "high_confidence"),
        (lambda: Thresholds("ratio", 1, 0), "ThresholdMeasure"),  # type: ignore[arg-type]
        (lambda: Thresholds.ratio("x"), "threshold must be a number"),
    ],
)
def test_invalid_thresholds(make: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        make()  # type: ignore[operator]


def test_status_labels_ranks_and_finality() -> None:
    assert ProgressStatus.NOT_STARTED.label == "not started"
    in_flight = [ProgressStatus.AT_RISK, ProgressStatus.BEHIND, ProgressStatus.ON_TRACK]
    final = [ProgressStatus.MISSED, ProgressStatus.ACHIEVED, ProgressStatus.EXCEEDED]
    assert [s.rank for s in in_flight] == [1, 2, 3]
    assert [s.rank for s in final] == [1, 2, 3]
    assert all(s.is_final for s in final)
    assert not any(s.is_final for s in [*in_flight, ProgressStatus.NOT_STARTED])


paces = st.decimals(min_value=0, max_value=3, places=3)


@given(paces, paces, st.sampled_from([Thresholds.ratio(), Thresholds.ratio("0.9", "0.5")]))
def test_ratio_status_is_monotone_in_pace(a: Decimal, b: Decimal, thresholds: Thresholds) -> None:
    low, high = sorted((a, b))
    s_low = thresholds.status(pace=low, expected_progress=HALF, progress=None)
    s_high = thresholds.status(pace=high, expected_progress=HALF, progress=None)
    assert s_low.rank <= s_high.rank


@given(paces, paces, st.decimals(min_value=0, max_value=1, places=3))
def test_gap_status_is_monotone_in_progress(a: Decimal, b: Decimal, expected: Decimal) -> None:
    low, high = sorted((a, b))
    t = Thresholds.gap()
    s_low = t.status(pace=None, expected_progress=expected, progress=low)
    s_high = t.status(pace=None, expected_progress=expected, progress=high)
    assert s_low.rank <= s_high.rank
