"""Employee turnover, quota attainment, team attainment and share at quota."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi.people import (
    employee_turnover_rate,
    quota_attainment,
    share_at_quota,
    team_attainment,
)


def test_turnover_shrm_examples() -> None:
    # SHRM: separations ÷ average number of employees. Employers Council: 13 separations,
    # 200 employees on average -> 6.5%.
    assert employee_turnover_rate(Decimal(13), average_headcount=200) == Decimal("0.065")
    # Bizfluent: 30 at the start, 40 at the end, 5 separations -> 5 / 35 ≈ 14%.
    assert employee_turnover_rate(5, start=30, end=40) == pytest.approx(0.142857, abs=1e-6)


def test_turnover_can_exceed_one() -> None:
    assert employee_turnover_rate(30, average_headcount=20) == 1.5


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"start": 10}, {"end": 10}, {"average_headcount": 10, "start": 10, "end": 12}],
)
def test_turnover_needs_average_or_both_ends(kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidInputError, match="give either average_headcount or both"):
        employee_turnover_rate(1, **kwargs)  # type: ignore[arg-type]


def test_turnover_edges() -> None:
    assert math.isnan(employee_turnover_rate(0, average_headcount=0))
    with pytest.raises(UndefinedMetricError, match="average headcount is zero"):
        employee_turnover_rate(0, start=0, end=0, strict=True)
    with pytest.raises(InvalidInputError, match="separations must be zero or more"):
        employee_turnover_rate(-1, average_headcount=10)


def test_quota_attainment() -> None:
    assert quota_attainment(Decimal(90_000), 100_000) == Decimal("0.9")
    assert quota_attainment(-5, 100) == -0.05  # clawbacks
    assert math.isnan(quota_attainment(10, 0))
    with pytest.raises(InvalidInputError, match="quota must be zero or more"):
        quota_attainment(10, -1)


def test_team_attainment_is_not_the_mean_of_percentages() -> None:
    # Ann sells 150 of 100 (150%), Bob 10 of 20 (50%): the team sold 160 of 120 (133%),
    # not the 100% that averaging the percentages would claim.
    result = team_attainment({"ann": Fraction(150), "bob": 10}, {"ann": 100, "bob": 20})
    assert result == Fraction(4, 3)


def test_team_attainment_rejects_mismatched_members() -> None:
    with pytest.raises(InvalidInputError, match="same length, got 2 and 1"):
        team_attainment([1, 2], [3])
    with pytest.raises(InvalidInputError, match=r"only in actuals: \['cy'\]"):
        team_attainment({"ann": 1, "cy": 2}, {"ann": 3})
    with pytest.raises(InvalidInputError, match="both be mappings or both be sequences"):
        team_attainment({"ann": 1}, [3])
    with pytest.raises(InvalidInputError, match=r"quotas\[1\] must be zero or more"):
        team_attainment([1, 2], [3, -1])
    assert math.isnan(team_attainment([], []))


def test_share_at_quota() -> None:
    assert share_at_quota([1.2, 0.9, 1.0, 0.4]) == 0.5
    assert share_at_quota([Decimal("1.2"), Decimal("0.9")], threshold=Decimal("0.9")) == Decimal(1)
    assert math.isnan(share_at_quota([]))
    with pytest.raises(UndefinedMetricError):
        share_at_quota([], strict=True)
    with pytest.raises(InvalidInputError, match="threshold must be greater than zero"):
        share_at_quota([1], threshold=0)


members = st.lists(
    st.tuples(
        st.fractions(min_value=0, max_value=10**6, max_denominator=100),
        st.fractions(min_value=Fraction(1, 100), max_value=10**6, max_denominator=100),
    ),
    min_size=1,
    max_size=20,
)


@given(members)
def test_team_attainment_is_the_quota_weighted_mean(rows: list[tuple[Fraction, Fraction]]) -> None:
    actuals = [a for a, _ in rows]
    quotas = [q for _, q in rows]
    individual = [quota_attainment(a, q) for a, q in rows]
    assert all(isinstance(i, Fraction) for i in individual)
    weighted = sum((q * Fraction(i) for q, i in zip(quotas, individual, strict=True)), Fraction(0))
    assert team_attainment(actuals, quotas) == weighted / sum(quotas)


@given(st.lists(st.fractions(min_value=0, max_value=3, max_denominator=100), max_size=30))
def test_share_at_quota_is_a_fraction_that_falls_with_the_threshold(
    attainments: list[Fraction],
) -> None:
    assume(attainments)
    lenient = share_at_quota(attainments, Fraction(1, 2))
    strict_bar = share_at_quota(attainments, Fraction(3, 2))
    assert isinstance(lenient, Fraction)
    assert isinstance(strict_bar, Fraction)
    assert 0 <= strict_bar <= lenient <= 1


@pytest.mark.parametrize(
    "kwargs",
    [{"average_headcount": 10, "start": 10}, {"average_headcount": 10, "end": 12}],
)
def test_turnover_rejects_an_average_with_one_end(kwargs: dict[str, int]) -> None:
    # One end headcount beside the average is a mistake, not something to ignore.
    with pytest.raises(InvalidInputError) as info:
        employee_turnover_rate(1, **kwargs)  # type: ignore[arg-type]
    assert str(info.value) == "give either average_headcount or both start and end headcounts"
    assert (info.value.name, info.value.value) == ("average_headcount", 10)


def test_team_attainment_mismatches_name_the_quotas() -> None:
    with pytest.raises(InvalidInputError) as info:
        team_attainment({"ann": 1, "bob": 2}, {"ann": 3, "cy": 4})
    assert str(info.value) == (
        "actuals and quotas must name the same people; only in actuals: ['bob'], "
        "only in quotas: ['cy']"
    )
    assert (info.value.name, info.value.value) == ("quotas", {"ann": 3, "cy": 4})
    with pytest.raises(InvalidInputError) as info:
        team_attainment([1], {"ann": 3})
    assert str(info.value) == "actuals and quotas must both be mappings or both be sequences"
    assert (info.value.name, info.value.value) == ("quotas", {"ann": 3})
    with pytest.raises(InvalidInputError) as info:
        team_attainment([1, 2], [3])
    assert (info.value.name, info.value.value) == ("quotas", [3])


def test_attainment_boundaries() -> None:
    # Exactly at quota is 100% and counts as at quota; one cent below does not.
    assert quota_attainment(Decimal(100_000), 100_000) == Decimal(1)
    assert share_at_quota([Decimal(1), Decimal("0.99")]) == Decimal("0.5")
    assert share_at_quota([Fraction(1, 2)], threshold=Fraction(1, 2)) == 1
    assert team_attainment([Decimal(0), 0], [100, 100]) == Decimal(0)
    # A quota of zero beside a real one only adds the member's sales.
    assert team_attainment([Decimal(50), 25], [100, 0]) == Decimal("0.75")


def test_turnover_boundaries() -> None:
    assert employee_turnover_rate(Decimal(0), average_headcount=50) == Decimal(0)
    # Start 0 and end 10 average to 5: 5 leavers turn the average over once.
    assert employee_turnover_rate(Decimal(5), start=0, end=10) == Decimal(1)
