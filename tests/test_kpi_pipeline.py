"""Win and close rates, deal size, sales cycle, conversion, funnel and coverage."""

from __future__ import annotations

import math
import statistics
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartgoals.exceptions import InvalidInputError, UndefinedMetricError
from smartgoals.kpi import catalog
from smartgoals.kpi.pipeline import (
    FunnelRates,
    FunnelStep,
    average_deal_size,
    close_rate,
    conversion_rate,
    funnel_rates,
    pipeline_coverage,
    sales_cycle_length,
    win_rate,
)

counts = st.integers(min_value=0, max_value=10**6)


def test_win_rate_excludes_open_deals_by_default() -> None:
    # HubSpot: win rate = closed-won ÷ (closed-won + closed-lost); 20 won, 60 lost = 25%.
    assert win_rate(20, 60, open_deals=40) == 0.25
    assert win_rate(20, 60, open_deals=20, include_open=True) == 0.2


def test_win_rate_by_amount() -> None:
    assert win_rate(Decimal("150000"), Decimal("350000")) == Decimal("0.3")


def test_win_rate_without_decided_deals_is_undefined() -> None:
    assert math.isnan(win_rate(0, 0, open_deals=10))
    assert win_rate(0, 0, open_deals=10, include_open=True) == 0.0
    with pytest.raises(UndefinedMetricError, match="win_rate is undefined"):
        win_rate(0, 0, strict=True)


def test_close_rate_and_conversion_examples() -> None:
    # HubSpot: close rate = deals won ÷ opportunities; 15 of 100.
    assert close_rate(15, 100) == 0.15
    assert conversion_rate(Decimal(30), 120) == Decimal("0.25")


def test_close_rate_rejects_more_won_than_created() -> None:
    with pytest.raises(InvalidInputError, match=r"won must not exceed created \(10\)") as info:
        close_rate(11, 10)
    assert (info.value.name, info.value.value) == ("won", 11)


def test_average_deal_size() -> None:
    assert average_deal_size([10_000, 20_000, 30_000]) == 20000.0
    assert average_deal_size(iter([Decimal("0.10"), Decimal("0.20")])) == Decimal("0.15")
    assert math.isnan(average_deal_size([]))
    with pytest.raises(UndefinedMetricError, match="no won deals"):
        average_deal_size([], strict=True)
    with pytest.raises(InvalidInputError, match=r"amounts\[1\] must be zero or more"):
        average_deal_size([1, -1])


def test_sales_cycle_mean_and_median() -> None:
    deals = [
        (date(2027, 1, 1), date(2027, 1, 11)),  # 10 days
        (date(2027, 1, 1), date(2027, 1, 21)),  # 20 days
        (date(2027, 1, 1), date(2027, 4, 1)),  # 90 days: a stalled deal
    ]
    assert sales_cycle_length(deals) == 40.0
    assert sales_cycle_length(deals, statistic="median") == 20.0


def test_sales_cycle_states_which_deals_count_with_both_sources() -> None:
    # Won deals only (10 and 30 days) or won and lost (also a loss after 80 days):
    # the caller's choice, documented with the sources of each.
    won = [(date(2027, 1, 1), date(2027, 1, 11)), (date(2027, 1, 1), date(2027, 1, 31))]
    lost = [(date(2027, 1, 1), date(2027, 3, 22))]
    assert sales_cycle_length(won) == 20.0
    assert sales_cycle_length(won + lost) == 40.0
    doc = " ".join((sales_cycle_length.__doc__ or "").split())
    for fragment in ("won deals only", "won and lost deals", "HubSpot", "Salesforce", "Daymark"):
        assert fragment in doc
    entry = next(e for e in catalog() if e.name == "sales_cycle_length")
    assert "won deals only" in entry.source
    assert "won and lost" in entry.source


def test_sales_cycle_with_datetimes_and_strings() -> None:
    assert sales_cycle_length([(datetime(2027, 1, 1, 0), datetime(2027, 1, 2, 12))]) == 1.5
    assert sales_cycle_length([("2027-01-01", "2027-01-31")]) == 30.0
    assert sales_cycle_length([("2027-01-01T00:00", "2027-01-01T06:00")]) == 0.25


def test_sales_cycle_rejects_deals_closed_before_created() -> None:
    with pytest.raises(InvalidInputError, match="closed before it was created") as info:
        sales_cycle_length(
            [(date(2027, 1, 1), date(2027, 1, 2)), (date(2027, 2, 1), date(2027, 1, 1))]
        )
    assert info.value.name == "deals[1]"


@pytest.mark.parametrize(
    ("deal", "message"),
    [
        ((date(2027, 1, 1),), "must be a .created, closed. pair"),
        ("2027-01-01", "must be a .created, closed. pair"),
        ((date(2027, 1, 1), datetime(2027, 1, 2)), "mixes a date and a datetime"),
        (("2027-13-01", "2027-01-02"), "must be an ISO date"),
        ((1, 2), "must be a date, datetime or ISO string"),
    ],
)
def test_sales_cycle_rejects_bad_pairs(deal: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        sales_cycle_length([deal])  # type: ignore[list-item]


def test_sales_cycle_empty_and_bad_statistic() -> None:
    assert math.isnan(sales_cycle_length([]))
    with pytest.raises(UndefinedMetricError):
        sales_cycle_length([], strict=True)
    with pytest.raises(InvalidInputError, match="statistic must be one of"):
        sales_cycle_length([], statistic="mode")  # type: ignore[arg-type]


def test_funnel_rates_example() -> None:
    result = funnel_rates({"leads": 1000, "mql": 400, "sql": 100, "won": 20})
    assert result == FunnelRates(
        steps=(
            FunnelStep("leads", "mql", 0.4),
            FunnelStep("mql", "sql", 0.25),
            FunnelStep("sql", "won", 0.2),
        ),
        end_to_end=0.02,
    )
    assert result.rate("mql", "sql") == 0.25
    with pytest.raises(KeyError):
        result.rate("leads", "won")


def test_funnel_rates_from_pairs_and_empty_stage() -> None:
    result = funnel_rates([("leads", Fraction(10)), ("mql", 0), ("won", 0)])
    assert result.steps[0].rate == 0
    assert math.isnan(result.steps[1].rate)
    with pytest.raises(UndefinedMetricError, match="stage 'mql' is empty"):
        funnel_rates([("leads", 10), ("mql", 0), ("won", 0)], strict=True)


def test_funnel_rejects_growing_stages_and_single_stage() -> None:
    with pytest.raises(InvalidInputError, match="must not exceed the count of the stage before"):
        funnel_rates({"mql": 40, "sql": 45})
    with pytest.raises(InvalidInputError, match="at least two stages"):
        funnel_rates({"leads": 10})


def test_pipeline_coverage() -> None:
    # Three times the remaining quota is the usual coverage rule of thumb.
    assert pipeline_coverage(Decimal(900_000), 300_000) == Decimal(3)
    assert pipeline_coverage(10, 0) == math.inf
    assert math.isnan(pipeline_coverage(0, 0))
    with pytest.raises(InvalidInputError, match="remaining_quota must be zero or more"):
        pipeline_coverage(10, -5)


@given(counts, counts, counts)
def test_win_rate_is_a_fraction_of_one_and_open_deals_only_lower_it(
    won: int, lost: int, pending: int
) -> None:
    assume(won + lost > 0)
    closed = win_rate(Fraction(won), lost)
    with_open = win_rate(Fraction(won), lost, open_deals=pending, include_open=True)
    assert isinstance(closed, Fraction)
    assert isinstance(with_open, Fraction)
    assert 0 <= with_open <= closed <= 1


@given(
    st.lists(
        st.tuples(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 400)),
        min_size=1,
        max_size=30,
    )
)
def test_sales_cycle_matches_statistics(deals: list[tuple[date, int]]) -> None:
    pairs = [(created, created + timedelta(days=days)) for created, days in deals]
    lengths = [days for _, days in deals]
    assert sales_cycle_length(pairs) == pytest.approx(statistics.mean(lengths))
    assert sales_cycle_length(pairs, statistic="median") == statistics.median(lengths)


@given(st.lists(counts, min_size=2, max_size=8))
def test_funnel_end_to_end_is_the_product_of_steps(raw: list[int]) -> None:
    ordered = sorted(raw, reverse=True)
    assume(ordered[-2] > 0)
    result = funnel_rates([(f"s{i}", Fraction(c)) for i, c in enumerate(ordered)])
    product = Fraction(1)
    for step in result.steps:
        assert isinstance(step.rate, Fraction)
        assert 0 <= step.rate <= 1
        product *= step.rate
    assert result.end_to_end == product


def test_funnel_rates_rejects_stages_that_are_not_pairs() -> None:
    with pytest.raises(InvalidInputError, match=r"\(stage, count\) pair, got 'mql'"):
        funnel_rates(["mql", "sql"])  # type: ignore[list-item]


def test_win_rate_with_open_deals_and_none_given() -> None:
    # include_open without open deals is the closed-deal rate: 20 ÷ 80.
    assert win_rate(Decimal(20), 60, include_open=True) == Decimal("0.25")
    # A single won deal and nothing else is a 100% win rate.
    assert win_rate(Decimal(1), 0) == Decimal(1)


def test_share_boundaries() -> None:
    # Everything created was won; nothing converted.
    assert close_rate(Decimal(10), 10) == Decimal(1)
    assert conversion_rate(Decimal(0), 120) == Decimal(0)
    with pytest.raises(InvalidInputError) as info:
        conversion_rate(121, 120)
    assert str(info.value) == "converted must not exceed total (120), got 121"
    assert (info.value.name, info.value.value) == ("converted", 121)


def test_sales_cycle_pairs_an_iso_date_with_a_date() -> None:
    # Ten-character text is a date, so it pairs with a date (and not with a datetime).
    assert sales_cycle_length([("2027-01-01", date(2027, 1, 31))]) == 30.0
    # Longer text is a datetime, also in the ISO basic format.
    assert sales_cycle_length([("20270101T00", "20270101T12")]) == 0.5
    assert sales_cycle_length([("2027-01-01T00:00", datetime(2027, 1, 3))]) == 2.0


def test_sales_cycle_counts_microseconds() -> None:
    # 0.864 seconds is 1e-5 of a day.
    created = datetime(2027, 1, 1)
    assert sales_cycle_length([(created, created.replace(microsecond=864_000))]) == 1e-05
    # A deal closed the moment it was created has a cycle of zero days.
    assert sales_cycle_length([(created, created), (created, created)]) == 0.0


MIXED = (date(2027, 1, 1), datetime(2027, 1, 2))
BACKWARDS = (date(2027, 1, 2), date(2027, 1, 1))


@pytest.mark.parametrize(
    ("deal", "message", "value"),
    [
        (("2027-01-01", "2027-13-01"),
         "deals[0] must be an ISO date like '2027-03-31', got '2027-13-01'", "2027-13-01"),
        ((date(2027, 1, 1), 5),
         "deals[0] must be a date, datetime or ISO string, got int (5)", 5),
        (MIXED,
         "deals[0] mixes a date and a datetime; use two dates or two datetimes, got "
         "(datetime.date(2027, 1, 1), datetime.datetime(2027, 1, 2, 0, 0))", MIXED),
        (BACKWARDS,
         "deals[0] closed before it was created: (datetime.date(2027, 1, 2), "
         "datetime.date(2027, 1, 1)); closed must be on or after created", BACKWARDS),
        ((date(2027, 1, 2),),
         "deals[0] must be a (created, closed) pair, got (datetime.date(2027, 1, 2),)",
         (date(2027, 1, 2),)),
    ],
)  # fmt: skip
def test_sales_cycle_errors_name_the_deal_and_its_value(
    deal: object, message: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as info:
        sales_cycle_length([deal])  # type: ignore[list-item]
    assert str(info.value) == message
    assert (info.value.name, info.value.value) == ("deals[0]", value)


def test_funnel_rate_of_a_missing_step_names_it() -> None:
    result = funnel_rates({"leads": 100, "mql": 40})
    with pytest.raises(KeyError) as info:
        result.rate("leads", "won")
    assert info.value.args == (("leads", "won"),)


def test_funnel_errors_name_the_stages_and_values() -> None:
    pairs = [("leads", 10, 2), ("mql", 1)]
    with pytest.raises(InvalidInputError) as info:
        funnel_rates(pairs)  # type: ignore[arg-type]
    assert str(info.value) == (
        "each stage must be a (stage, count) pair, got ('leads', 10, 2); pass a mapping "
        "such as {'mql': 500, 'sql': 200} or a list of pairs"
    )
    assert (info.value.name, info.value.value) == ("stage_counts", pairs)
    with pytest.raises(InvalidInputError) as info:
        funnel_rates({"leads": 10})
    assert str(info.value) == "stage_counts must name at least two stages, got 1"
    assert (info.value.name, info.value.value) == ("stage_counts", {"leads": 10})
    with pytest.raises(InvalidInputError) as info:
        funnel_rates({"leads": 10, "mql": 20})
    assert str(info.value) == (
        "stage_counts['mql'] must not exceed the count of the stage before it, 'leads' (10), "
        "got 20"
    )
    assert (info.value.name, info.value.value) == ("stage_counts['mql']", 20)


def test_funnel_boundaries() -> None:
    # Every lead converts; an equal count is not "more than the stage before".
    result = funnel_rates({"leads": Decimal(10), "won": 10})
    assert result == FunnelRates(
        steps=(FunnelStep("leads", "won", Decimal(1)),), end_to_end=Decimal(1)
    )
    assert funnel_rates([("leads", Decimal(10)), ("won", 0)]).end_to_end == Decimal(0)


def test_pipeline_coverage_boundaries() -> None:
    assert pipeline_coverage(Decimal(0), 300_000) == Decimal(0)
    assert pipeline_coverage(Decimal(300_000), 300_000) == Decimal(1)
    infinite = pipeline_coverage(Decimal(10), 0)
    assert isinstance(infinite, Decimal)
    assert infinite == Decimal("Infinity")
