from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

import pytest

pytest.importorskip("narwhals")
pytest.importorskip("polars")

import narwhals as nw
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals import kpi
from smartgoals.exceptions import InvalidInputError
from smartgoals.frames import (
    average_deal_size,
    check_deals,
    close_rate,
    pipeline_coverage,
    sales_cycle_length,
    win_rate,
)
from smartgoals.frames._columns import duplicate_check, enforce
from smartgoals.frames._periods import period_label
from smartgoals.timeframes import CALENDAR_YEAR, FiscalCalendar, Granularity
from test_frames_engines import engine_params, engines, rows, same, to_engine

CALENDARS = [CALENDAR_YEAR, FiscalCalendar(start_month=4), FiscalCalendar(2, weeks="4-4-5")]
PERIODS: list[str | None] = [None, "month", "quarter", "week", "year"]
OWNERS = ["ann", "bob", "cy"]
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def deal_tables(draw: st.DrawFn) -> dict[str, list[Any]]:
    n = draw(st.integers(0, 25))
    table: dict[str, list[Any]] = {
        "id": [],
        "owner": [],
        "created": [],
        "closed": [],
        "outcome": [],
        "amount": [],
    }
    for i in range(n):
        created = date(2026, 11, 1) + timedelta(days=draw(st.integers(0, 240)))
        outcome = draw(st.sampled_from(["won", "lost", "open"]))
        has_close = outcome != "open" or draw(st.booleans())
        closed = created + timedelta(days=draw(st.integers(0, 150))) if has_close else None
        table["id"].append(i)
        table["owner"].append(draw(st.sampled_from(OWNERS)))
        table["created"].append(created)
        table["closed"].append(closed)
        table["outcome"].append(outcome)
        table["amount"].append(float(draw(st.integers(0, 50_000))))
    return table


def _records(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    columns = list(table.values())
    return [{name: column[i] for name, column in table.items()} for i in range(len(columns[0]))]


def _label(day: date, period: str | None, calendar: FiscalCalendar) -> str | None:
    return None if period is None else period_label(day, Granularity(period), calendar)


def _reference(
    table: dict[str, list[Any]],
    by: Sequence[str],
    period: str | None,
    calendar: FiscalCalendar,
    pick: Callable[[dict[str, Any]], date | None],
    value: Callable[[list[dict[str, Any]]], Any],
) -> list[tuple[Any, ...]]:
    """Group the deals in plain Python and apply a scalar KPI to each group."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    records = _records(table)
    for record in records:
        day = pick(record)
        if day is None:
            continue
        label = _label(day, period, calendar)
        key = (*(record[b] for b in by), *(() if label is None else (label,)))
        groups[key].append(record)
    if not by and period is None and not groups:
        groups[()] = []
    result = []
    for key in sorted(groups):
        got = value(groups[key])
        result.append((*key, None if got != got else float(got)))
    return result


def _decided(record: dict[str, Any]) -> date | None:
    return record["closed"] if record["outcome"] in ("won", "lost") else None


def _win(deals: list[dict[str, Any]]) -> Any:
    won = sum(d["outcome"] == "won" for d in deals)
    return kpi.win_rate(won, sum(d["outcome"] == "lost" for d in deals))


def _close(deals: list[dict[str, Any]]) -> Any:
    return kpi.close_rate(sum(d["outcome"] == "won" for d in deals), len(deals))


def _size(deals: list[dict[str, Any]]) -> Any:
    return kpi.average_deal_size([d["amount"] for d in deals if d["outcome"] == "won"])


def _cycle(deals: list[dict[str, Any]]) -> Any:
    return kpi.sales_cycle_length([(d["created"], d["closed"]) for d in deals])


def _cycle_median(deals: list[dict[str, Any]]) -> Any:
    pairs = [(d["created"], d["closed"]) for d in deals]
    return kpi.sales_cycle_length(pairs, statistic="median")


def _refused(engine: str, options: dict[str, Any], *, grouped: bool) -> bool:
    """Whether the call is the one an engine refuses: a grouped median on pyarrow."""
    return engine == "pyarrow" and options.get("statistic") == "median" and grouped


CASES: list[tuple[Callable[..., Any], dict[str, Any], Any, Any]] = [
    (win_rate, {}, _decided, _win),
    (close_rate, {}, lambda r: r["created"], _close),
    (average_deal_size, {}, _decided, _size),
    (sales_cycle_length, {}, _decided, _cycle),
    (sales_cycle_length, {"statistic": "median"}, _decided, _cycle_median),
]


@SETTINGS
@given(
    table=deal_tables(),
    by=st.sampled_from([(), ("owner",)]),
    period=st.sampled_from(PERIODS),
    calendar=st.sampled_from(CALENDARS),
)
def test_engines_agree_with_the_scalar_kpis_group_by_group(
    table: dict[str, list[Any]],
    by: tuple[str, ...],
    period: str | None,
    calendar: FiscalCalendar,
) -> None:
    natives = {name: to_engine(name, table) for name in engines()}
    for function, options, pick, scalar in CASES:
        expected = _reference(table, by, period, calendar, pick, scalar)
        for name, native in natives.items():
            call = partial(function, native, by=list(by), period=period, calendar=calendar)
            if _refused(name, options, grouped=bool(by or period)):
                continue
            got = rows(call(**options))
            assert same(got, expected), (function.__name__, name, got, expected)


@SETTINGS
@given(table=deal_tables(), period=st.sampled_from(PERIODS), quota=st.integers(0, 60_000))
def test_pipeline_coverage_agrees_with_the_scalar_kpi(
    table: dict[str, list[Any]], period: str | None, quota: int
) -> None:
    records = _records(table)
    groups: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in records:
        if r["outcome"] == "lost" or (period is not None and r["closed"] is None):
            continue
        label = _label(r["closed"], period, CALENDAR_YEAR) if period else None
        key = (r["owner"], *(() if label is None else (label,)))
        groups[key][0 if r["outcome"] == "open" else 1] += r["amount"]
    expected = []
    for key in sorted(groups):
        pipe, won = groups[key]
        value = kpi.pipeline_coverage(pipe, max(quota - won, 0))
        expected.append((*key, None if value != value else value))
    for name in engines():
        native = to_engine(name, table)
        got = rows(pipeline_coverage(native, quota, by="owner", period=period))
        assert same(got, expected), (name, got, expected)


def _one_deal(**changes: Any) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {
        "id": [1, 2, 3],
        "owner": ["ann", "ann", "bob"],
        "created": [date(2027, 1, 5), date(2027, 1, 9), date(2027, 2, 1)],
        "closed": [date(2027, 2, 5), date(2027, 3, 1), None],
        "outcome": ["won", "lost", "open"],
        "amount": [1000.0, 500.0, 2000.0],
    }
    table.update(changes)
    return table


@pytest.mark.parametrize("engine", engine_params())
def test_lazy_input_gives_lazy_output_and_eager_gives_eager(engine: str) -> None:
    native = to_engine(engine, _one_deal())
    result = win_rate(native, by="owner", period="month")
    assert type(nw.from_native(result)) is type(nw.from_native(native))
    assert type(result) is type(native)
    assert rows(result) == [("ann", "FY2027 M02", 1.0), ("ann", "FY2027 M03", 0.0)]


@pytest.mark.parametrize("engine", engine_params())
@pytest.mark.parametrize(
    ("changes", "column", "count"),
    [
        ({"id": [1, 1, 3]}, "id", 2),
        ({"created": [None, date(2027, 1, 9), date(2027, 2, 1)]}, "created", 1),
        ({"closed": [date(2027, 1, 1), date(2027, 3, 1), None]}, "closed", 1),
        ({"closed": [None, date(2027, 3, 1), None]}, "closed", 1),
        ({"outcome": ["won", "Won", "open"]}, "outcome", 1),
        ({"amount": [-1.0, 500.0, -3.0]}, "amount", 2),
        ({"amount": [None, 500.0, 2000.0]}, "amount", 1),
    ],
)
def test_bad_rows_raise_naming_the_column_and_count(
    engine: str, changes: dict[str, list[Any]], column: str, count: int
) -> None:
    native = to_engine(engine, _one_deal(**changes))
    with pytest.raises(InvalidInputError, match=rf"column '{column}': {count} rows?") as info:
        average_deal_size(native)
    assert info.value.name == column
    report = check_deals(native)
    assert [(p.column, p.rows) for p in report.problems] == [(column, count)]


@pytest.mark.parametrize("engine", engine_params())
@pytest.mark.parametrize(
    ("ids", "repeated"),
    [
        ([7, -(10**12), 10**12], 0),  # far apart: counted exactly, not in a bitmap
        ([10**12, 5, 10**12], 2),
        ([-5, 7, -5], 2),  # negative ids in a bitmap
        ([None, 2, 3], 0),  # one null repeats nothing
        ([None, None, 3], 2),  # two nulls repeat each other
    ],
)
def test_repeated_ids_are_found_however_the_ids_spread(
    engine: str, ids: list[int | None], repeated: int
) -> None:
    native = to_engine(engine, _one_deal(id=ids))
    report = check_deals(native)
    found = {p.column: p.rows for p in report.problems if p.problem.startswith("repeats")}
    assert found == ({"id": repeated} if repeated else {})
    if report.ok:
        assert rows(win_rate(native)) == [(0.5,)]
    else:
        with pytest.raises(InvalidInputError) as info:
            win_rate(native)
        assert info.value.value == check_deals(native, amount=False)


@pytest.mark.parametrize("engine", engine_params())
@pytest.mark.parametrize(
    ("ids", "repeated"),
    [
        ([None, 2, 3], 0),
        ([None, None, 3], 2),  # nulls repeat each other, with no rule against nulls
        ([3, 2**21 + 3, 5], 0),  # alike in their low bits, yet distinct
        ([2**21 + 3, 5, 2**21 + 3], 2),
    ],
)
def test_a_uniqueness_rule_alone_is_enforced_exactly(
    engine: str, ids: list[int | None], repeated: int
) -> None:
    frame = nw.from_native(to_engine(engine, _one_deal(id=ids)))
    checks = [duplicate_check("id")]
    if not repeated:
        assert enforce(frame, "deals", checks, "raise") is frame
        return
    with pytest.raises(InvalidInputError, match=f"column 'id': {repeated} rows"):
        enforce(frame, "deals", checks, "raise")


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"outcome": ["won", None, "open"]},
        {"outcome": ["won", "Lost", "open"], "id": [1, 1, 3]},
        {"closed": [date(2027, 2, 5), None, None]},
        {"created": [date(2027, 1, 5), date(2027, 3, 9), date(2027, 2, 1)]},
    ],
)
def test_duckdb_gives_the_same_with_and_without_holding_the_group_by(
    monkeypatch: pytest.MonkeyPatch, changes: dict[str, list[Any]]
) -> None:
    """The audited DuckDB path and the plain checks agree on results and on errors."""
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    import smartgoals.frames.deals as module

    native = to_engine("duckdb", _one_deal(**changes))
    calls = [
        partial(function, native, by="owner", period="month", **options)
        for function, options, _ in CHECKED
    ]

    def outcomes() -> list[Any]:
        found: list[Any] = []
        for call in calls:
            try:
                found.append(rows(call()))
            except InvalidInputError as error:
                found.append(error.value)
        return found

    held = outcomes()
    monkeypatch.setattr(module, "can_hold", lambda frame: False)
    assert outcomes() == held
    assert all(isinstance(r, list) for r in held) is (not changes)


@pytest.mark.parametrize("engine", engine_params())
def test_skip_leaves_out_exactly_the_rows_check_counts(engine: str) -> None:
    table = _one_deal(
        id=[1, 2, 3, 4],
        owner=["ann"] * 4,
        created=[date(2027, 1, 5)] * 4,
        closed=[date(2027, 2, 5), date(2027, 1, 1), date(2027, 2, 9), date(2027, 2, 10)],
        outcome=["won", "won", "lost", "won"],
        amount=[1000.0, 500.0, 2000.0, -5.0],
    )
    native = to_engine(engine, table)
    report = check_deals(native)
    assert (report.rows, report.invalid_rows) == (4, 2)
    assert rows(win_rate(native, invalid="skip")) == [(2 / 3,)]
    assert rows(average_deal_size(native, invalid="skip")) == [(1000.0,)]


def test_missing_column_is_named_with_the_columns_there() -> None:
    table = _one_deal()
    del table["closed"]
    with pytest.raises(InvalidInputError, match="no column 'closed'") as info:
        win_rate(pl.DataFrame(table))
    assert info.value.name == "closed"


def test_text_dates_are_refused_with_the_column_and_type() -> None:
    table = _one_deal(created=["2027-01-05", "2027-01-09", "2027-02-01"])
    with pytest.raises(InvalidInputError, match=r"column 'created'.*dates"):
        win_rate(pl.DataFrame(table))


def test_column_names_and_outcome_values_map_by_role() -> None:
    frame = pl.DataFrame(_one_deal()).rename({"owner": "rep", "closed": "close_date"})
    frame = frame.with_columns(pl.col("outcome").replace({"won": "Closed Won"}))
    columns = {"owner": "rep", "closed": "close_date", "won": "Closed Won"}
    assert win_rate(frame, by="rep", columns=columns).rows() == [("ann", 0.5)]
    with pytest.raises(InvalidInputError, match="unknown roles 'rep'"):
        win_rate(frame, columns={"rep": "owner"})


def test_datetimes_count_fractional_days() -> None:
    table = _one_deal(
        created=[datetime(2027, 1, 5, 12), datetime(2027, 1, 9), datetime(2027, 2, 1)],
        closed=[datetime(2027, 1, 6), datetime(2027, 1, 10, 6), None],
    )
    for name in engines():
        got = rows(sales_cycle_length(to_engine(name, table)))
        assert got == [(pytest.approx(0.875),)], name


def test_empty_table_gives_one_undefined_row_without_groups() -> None:
    empty = pl.DataFrame(_one_deal()).clear()
    assert win_rate(empty).rows() == [(None,)]
    assert win_rate(empty, by="owner").rows() == []


def test_open_deals_without_close_date_count_as_pipeline_only_without_period() -> None:
    frame = pl.DataFrame(_one_deal())
    assert pipeline_coverage(frame, 1000, by="owner").rows() == [("ann", None), ("bob", 2.0)]
    assert pipeline_coverage(frame, 1000, by="owner", period="month").rows() == [
        ("ann", "FY2027 M02", None)
    ]


def test_pipeline_coverage_takes_a_quota_table_and_keeps_its_groups() -> None:
    frame = pl.DataFrame(_one_deal(closed=[date(2027, 2, 5), date(2027, 3, 1), date(2027, 3, 9)]))
    quota = pl.DataFrame(
        {"owner": ["bob", "cy"], "period": ["FY2027 Q1"] * 2, "quota": [500.0, 1.0]}
    )
    got = pipeline_coverage(frame, quota, by="owner", period="quarter").rows()
    assert got == [("ann", "FY2027 Q1", None), ("bob", "FY2027 Q1", 4.0), ("cy", "FY2027 Q1", 0.0)]
    with pytest.raises(InvalidInputError, match="zero or more"):
        pipeline_coverage(frame, -1)


def test_won_deals_exceeding_quota_leave_infinite_coverage() -> None:
    frame = pl.DataFrame(_one_deal(owner=["ann"] * 3))
    assert pipeline_coverage(frame, 800).rows() == [(float("inf"),)]
    assert pipeline_coverage(frame, 800, subtract_won=False).rows() == [(2.5,)]


def test_won_only_cycle_and_unknown_statistic() -> None:
    frame = pl.DataFrame(_one_deal())
    assert sales_cycle_length(frame, won_only=True).rows() == [(31.0,)]
    with pytest.raises(InvalidInputError, match="statistic"):
        sales_cycle_length(frame, statistic="mode")  # type: ignore[arg-type]


def test_unknown_period_and_invalid_mode_are_refused() -> None:
    frame = pl.DataFrame(_one_deal())
    with pytest.raises(InvalidInputError, match="period must be"):
        win_rate(frame, period="fortnight")
    with pytest.raises(InvalidInputError, match="invalid must be"):
        win_rate(frame, invalid="ignore")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="DataFrame or LazyFrame"):
        win_rate([1, 2])  # type: ignore[type-var]


def test_day_and_half_labels_match_the_calendar() -> None:
    frame = pl.DataFrame(_one_deal())
    assert [r[0] for r in win_rate(frame, period="day").rows()] == ["2027-02-05", "2027-03-01"]
    april = FiscalCalendar(start_month=4)
    assert win_rate(frame, period="half", calendar=april).rows() == [("FY2027 H2", 0.5)]
    uk = FiscalCalendar(start_month=4, start_day=6, naming="start")
    assert [r[0] for r in win_rate(frame, period="week", calendar=uk).rows()] == [
        period_label(date(2027, 2, 5), Granularity.WEEK, uk),
        period_label(date(2027, 3, 1), Granularity.WEEK, uk),
    ]


@st.composite
def flawed_deal_tables(draw: st.DrawFn) -> dict[str, list[Any]]:
    """Deal tables where some rows may break a rule, or ids spread far (a sparse range)."""
    table = draw(deal_tables())
    n = len(table["id"])
    flaws = ["repeat", "null id", "far id", "early", "outcome", "no outcome", "no close"]
    flaws += ["no created", "negative", "no amount"]
    for i in range(n):
        flaw = draw(st.sampled_from(["none"] * 6 + flaws))
        if flaw == "repeat" and n > 1:
            table["id"][i] = draw(st.integers(0, n - 1))
        elif flaw == "null id":
            table["id"][i] = None
        elif flaw == "far id":
            table["id"][i] = draw(st.sampled_from([-(10**12), 10**12, n + 2**20]))
        elif flaw == "early" and table["closed"][i] is not None:
            table["closed"][i] = table["created"][i] - timedelta(days=1)
        elif flaw == "outcome":
            table["outcome"][i] = "Won"
        elif flaw == "no outcome":
            table["outcome"][i] = None
        elif flaw == "no close":
            table["closed"][i] = None
        elif flaw == "no created":
            table["created"][i] = None
        elif flaw == "negative":
            table["amount"][i] = -1.0
        elif flaw == "no amount":
            table["amount"][i] = None
    return table


#: Each KPI with the ``amount`` its checks take; the decided-deal KPIs on DuckDB check
#: the outcome in their own group-by, the others in the checks' query.
CHECKED: list[tuple[Callable[..., Any], dict[str, Any], bool]] = [
    (win_rate, {}, False),
    (close_rate, {}, False),
    (average_deal_size, {}, True),
    (sales_cycle_length, {}, False),
    (sales_cycle_length, {"statistic": "median"}, False),
    (sales_cycle_length, {"won_only": True}, False),
]


@SETTINGS
@given(table=flawed_deal_tables(), period=st.sampled_from([None, "month"]))
def test_the_default_raises_exactly_when_check_deals_finds_bad_rows(
    table: dict[str, list[Any]], period: str | None
) -> None:
    for name in engines():
        native = to_engine(name, table)
        for function, options, amount in CHECKED:
            if _refused(name, options, grouped=True):
                continue
            call = partial(function, native, by="owner", period=period, **options)
            report = check_deals(native, amount=amount)
            if report.ok:
                assert same(rows(call()), rows(call(invalid="skip"))), (function, name)
                continue
            with pytest.raises(InvalidInputError) as info:
                call()
            assert info.value.value == report, (function.__name__, options, name)


@SETTINGS
@given(table=deal_tables(), period=st.sampled_from(PERIODS))
def test_trust_gives_the_checked_results_on_a_clean_table(
    table: dict[str, list[Any]], period: str | None
) -> None:
    for name in engines():
        native = to_engine(name, table)
        for function, options, _, _ in CASES:
            if _refused(name, options, grouped=True):
                continue
            checked = rows(function(native, by="owner", period=period, **options))
            trusted = function(native, by="owner", period=period, invalid="trust", **options)
            assert same(rows(trusted), checked), (function.__name__, name)


@pytest.mark.parametrize("engine", engine_params())
def test_trust_runs_no_checks(engine: str) -> None:
    native = to_engine(engine, _one_deal(id=[1, 1, 3]))
    with pytest.raises(InvalidInputError, match="repeats the id"):
        win_rate(native)
    assert rows(win_rate(native, invalid="trust")) == [(0.5,)]


def test_a_grouped_median_on_pyarrow_is_refused_naming_the_alternatives() -> None:
    pytest.importorskip("pyarrow")
    table = to_engine("pyarrow", _one_deal())
    grouped: list[dict[str, Any]] = [{"by": "owner"}, {"period": "month"}]
    for options in grouped:
        with pytest.raises(InvalidInputError, match="pyarrow") as info:
            sales_cycle_length(table, statistic="median", **options)
        assert "statistic='mean'" in str(info.value)
        assert "polars.from_arrow(table)" in str(info.value)
        assert info.value.name == "statistic"
    # The whole table's median is exact on pyarrow, and the mean works per group.
    assert rows(sales_cycle_length(table, statistic="median")) == [(41.0,)]
    assert rows(sales_cycle_length(table, by="owner")) == [("ann", 41.0)]


def test_a_date_against_a_datetime_counts_fractional_days() -> None:
    table = _one_deal(closed=[datetime(2027, 1, 6, 6), datetime(2027, 1, 10, 12), None])
    for name in engines():
        got = rows(sales_cycle_length(to_engine(name, table)))
        assert got == [(pytest.approx(1.375),)], name
        assert check_deals(to_engine(name, table)).ok, name
