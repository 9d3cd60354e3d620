"""``smartgoals.excel``: check-ins read from a workbook, plans written as one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals import Goal, Owner, Target, Timeframe, metrics
from smartgoals.cli._io import load_document
from smartgoals.cli.plan import plan_from_spec, plan_rows
from smartgoals.excel import read_checkins, write_plan
from smartgoals.exceptions import InvalidInputError
from smartgoals.planning import Plan, assign, split_by_period

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).parent / "data" / "cli"

#: The headers of the sheet "Plan", in order.
PLAN_COLUMNS = (
    "Node",
    "ID",
    "Relation",
    "Owner",
    "Start",
    "Last day",
    "Metric",
    "Kind",
    "Target",
    "Unit",
    "Rate",
    "Per",
    "Share of parent",
    "Weight",
    "Parts add up to",
    "Over-assignment",
    "Stretch",
    "Capacity",
)


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """Write ``sheets`` (name to rows) to ``path`` as a workbook."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def bad(tmp_path: Path, rows: Sequence[Sequence[object]], **kwargs: Any) -> str:
    """The message reading a one-sheet workbook ``checkins.xlsx`` of ``rows`` raises."""
    path = workbook(tmp_path / "checkins.xlsx", {"Q1": rows})
    with pytest.raises(InvalidInputError) as info:
        read_checkins(path, **kwargs)
    return str(info.value).replace(str(tmp_path) + "/", "")


def cells(path: Path, sheet: str = "Plan") -> list[dict[str, Any]]:
    """The rows of a written sheet as header to cell."""
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows())
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def exact(value: object) -> Decimal:
    """A number cell as the Decimal it shows (the writer keeps 15 significant digits)."""
    assert isinstance(value, int | float), value
    return Decimal(str(value))


# -- reading check-ins ----------------------------------------------------------------------


def test_date_and_number_cells_are_read_as_they_are(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "checkins.xlsx",
        {
            "Q1": [
                ("Date", "Value", "Confidence", "Note"),
                (date(2027, 1, 31), 90000, 0.8, None),
                (datetime(2027, 2, 28, 17, 30), 95000.5, None, "late entry"),
                (date(2027, 3, 31), 0.1 + 0.2, 1, 42),
            ]
        },
    )
    got = read_checkins(path)
    assert [c.date for c in got] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]
    # 0.1 + 0.2 is 0.30000000000000004 as a float; Excel shows 0.3 and so it is read.
    assert [c.value for c in got] == [Decimal(90000), Decimal("95000.5"), Decimal("0.3")]
    assert [c.confidence for c in got] == [Decimal("0.8"), None, Decimal(1)]
    assert [c.note for c in got] == [None, "late entry", "42"]


def test_text_cells_are_read_as_the_csv_reads_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "checkins.xlsx",
        {
            "Q1": [
                ("value", "date", "denominator"),  # any order and case
                ("1.250,50", "2027-01-31", "100"),
                ("2,5%", " 2027-02-28 ", ""),
            ]
        },
    )
    got = read_checkins(path, decimal=",")
    assert [(c.date, c.value, c.denominator) for c in got] == [
        (date(2027, 1, 31), Decimal("1250.50"), Decimal(100)),
        (date(2027, 2, 28), Decimal("0.025"), None),
    ]


def test_the_header_may_follow_blank_rows_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "checkins.xlsx",
        {
            "Q1": [
                (),
                (None, "  "),
                ("date", "value"),
                (date(2027, 1, 31), 10),
                (None, None),
                (date(2027, 2, 28), 20),
            ]
        },
    )
    assert [c.value for c in read_checkins(path)] == [Decimal(10), Decimal(20)]


def test_a_header_alone_gives_no_check_ins(tmp_path: Path) -> None:
    path = workbook(tmp_path / "checkins.xlsx", {"Q1": [("date", "value")]})
    assert read_checkins(path) == []


def test_the_first_sheet_is_read_unless_a_sheet_is_named(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "checkins.xlsx",
        {
            "Q1": [("date", "value"), (date(2027, 1, 31), 1)],
            "Q2": [("date", "value"), (date(2027, 4, 30), 2)],
        },
    )
    assert [c.value for c in read_checkins(path)] == [Decimal(1)]
    assert [c.value for c in read_checkins(path, sheet="Q2")] == [Decimal(2)]
    # Excel's sheet names do not depend on case.
    assert [c.value for c in read_checkins(path, sheet="q2")] == [Decimal(2)]


@given(
    values=st.lists(
        st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False), max_size=5
    )
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_number_cells_round_trip_exactly(tmp_path: Path, values: list[Decimal]) -> None:
    # Up to 11 digits before the point and 2 after: within Excel's 15 significant digits.
    rows: list[tuple[object, ...]] = [("date", "value")]
    rows += [(date(2027, 1, 1 + i), float(v)) for i, v in enumerate(values)]
    path = workbook(tmp_path / "round.xlsx", {"Q1": rows})
    assert [c.value for c in read_checkins(path)] == values


# -- bad workbooks --------------------------------------------------------------------------


def test_no_such_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = workbook(tmp_path / "checkins.xlsx", {"Q1": [("date", "value")], "Q3": []})
    with pytest.raises(InvalidInputError) as info:
        read_checkins(path, sheet="Q2")
    assert str(info.value) == f"{path}: no sheet 'Q2'; the workbook has 'Q1', 'Q3'"
    assert (info.value.name, info.value.value) == ("sheet", "Q2")


def test_an_empty_sheet(tmp_path: Path) -> None:
    assert bad(tmp_path, []) == (
        "checkins.xlsx, sheet 'Q1': empty; the first row must be a header such as date | value"
    )


def test_data_without_a_header_names_the_first_cell(tmp_path: Path) -> None:
    message = bad(tmp_path, [(date(2027, 1, 31), 1200), (date(2027, 2, 28), 900)])
    assert message == (
        "checkins.xlsx, sheet 'Q1', cell A1: no header row: the header row must name the "
        "columns date and value (and may add confidence, note, denominator, currency), each "
        "once; got "
        "2027-01-31 | 1200"
    )


def test_text_data_without_a_header_is_no_header_either(tmp_path: Path) -> None:
    message = bad(tmp_path, [(None, "2027-01-31", "1200")])
    assert message.startswith("checkins.xlsx, sheet 'Q1', cell B1: no header row: ")
    assert message.endswith("got 2027-01-31 | 1200")


def test_an_unknown_or_repeated_or_missing_column(tmp_path: Path) -> None:
    assert bad(tmp_path, [("date", "value", 2027)]).startswith(
        "checkins.xlsx, sheet 'Q1', cell C1: '2027' is not a check-in column; "
    )
    assert bad(tmp_path, [("date", "value", "amount")]).startswith(
        "checkins.xlsx, sheet 'Q1', cell C1: 'amount' is not a check-in column; "
    )
    assert bad(tmp_path, [("date", "value", "Value")]).startswith(
        "checkins.xlsx, sheet 'Q1', cell C1: the column value again; "
    )
    assert bad(tmp_path, [("date", "note")]).startswith(
        "checkins.xlsx, sheet 'Q1', row 1: no column value; "
    )


def test_text_where_a_number_belongs_names_the_cell(tmp_path: Path) -> None:
    rows = [
        ("date", "value"),
        (date(2027, 1, 31), 1),
        (date(2027, 2, 28), 2),
        (date(2027, 3, 31), "n/a"),
    ]
    assert bad(tmp_path, rows) == (
        "checkins.xlsx, sheet 'Q1', cell B4: value must be a number such as 1500, 1250.50, "
        "0.05 or 2.5%, got 'n/a'"
    )


def test_an_ambiguous_number_as_text_says_how_to_choose(tmp_path: Path) -> None:
    message = bad(tmp_path, [("date", "value"), (date(2027, 1, 31), "1.250")])
    assert message.startswith("checkins.xlsx, sheet 'Q1', cell B2: value '1.250' is ambiguous")
    assert "(--decimal . or --decimal ,)" in message


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            (46418, 1),
            "cell A2: date holds the number 46418, not a date; format the cell as a date or "
            "write the date as text such as 2027-06-30",
        ),
        (
            ("31/01/2027", 1),
            "cell A2: date must be a date written as YYYY-MM-DD, such as 2027-06-30; got "
            "'31/01/2027'",
        ),
        (
            (date(2027, 1, 31), date(2027, 1, 31)),
            "cell B2: value holds the date 2027-01-31, not a number; format the cell as a number",
        ),
        ((date(2027, 1, 31), True), "cell B2: value holds TRUE/FALSE, not a number"),
        (
            (date(2027, 1, 31), None, "slipped"),
            "cell B2: value is empty; every check-in needs a date and a value",
        ),
        (
            (None, 5),
            "cell A2: date is empty; every check-in needs a date and a value",
        ),
    ],
)
def test_a_bad_cell_is_named(tmp_path: Path, row: tuple[object, ...], expected: str) -> None:
    assert bad(tmp_path, [("date", "value", "note"), row]) == (
        f"checkins.xlsx, sheet 'Q1', {expected}"
    )


def test_the_check_ins_own_checks_name_the_cell(tmp_path: Path) -> None:
    message = bad(tmp_path, [("date", "value", "confidence"), (date(2027, 1, 31), 5, 7)])
    assert message.startswith(
        "checkins.xlsx, sheet 'Q1', cell C2: confidence must be a fraction from 0 to 1, got "
    )
    message = bad(tmp_path, [("date", "value", "denominator"), (date(2027, 1, 31), 0.5, 0)])
    assert message.startswith("checkins.xlsx, sheet 'Q1', cell C2: a check-in's denominator")


def test_a_value_under_no_column_name(tmp_path: Path) -> None:
    message = bad(tmp_path, [("date", "value"), (date(2027, 1, 31), 5, "extra")])
    assert message == (
        "checkins.xlsx, sheet 'Q1', cell C2: 'extra' stands in a column without a name; "
        "name the column in row 1 or clear the cell"
    )


def test_an_unknown_decimal_mark_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"the decimal mark must be '\.' or ',', got ';'"):
        read_checkins(tmp_path / "checkins.xlsx", decimal=";")


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "checkins.xlsx"
    path.write_text("date,value\n2027-01-31,5\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        read_checkins(path)
    assert str(info.value).startswith(f"{path}: not an Excel workbook (.xlsx): ")
    assert "save it from the spreadsheet as an Excel workbook" in str(info.value)


# -- without openpyxl -----------------------------------------------------------------------


def test_importing_the_module_does_not_import_openpyxl() -> None:
    probe = "import sys, smartgoals.excel; print('openpyxl' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_without_openpyxl_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    expected = 'install it with: pip install "smartgoals\\[excel\\]"'
    with pytest.raises(ModuleNotFoundError, match=expected) as info:
        read_checkins(tmp_path / "checkins.xlsx")
    assert info.value.name == "openpyxl"
    with pytest.raises(ModuleNotFoundError, match=expected):
        write_plan(Plan.from_goal(Goal()), tmp_path / "plan.xlsx")
    assert not (tmp_path / "plan.xlsx").exists()


# -- writing plans --------------------------------------------------------------------------


def spec_plan() -> Plan:
    return plan_from_spec(load_document(DATA / "plan.toml"), where="plan.toml")


def test_the_plan_sheet_has_the_rows_of_the_csv_output(tmp_path: Path) -> None:
    plan = spec_plan()
    write_plan(plan, tmp_path / "plan.xlsx")
    rows = cells(tmp_path / "plan.xlsx")
    expected = plan_rows(plan)
    assert [r["ID"].value for r in rows] == [e["id"] for e in expected]
    assert [r["Node"].value for r in rows] == [e["label"] for e in expected]
    assert [r["Relation"].value for r in rows] == [e["relation"] for e in expected]
    assert [exact(r["Target"].value) for r in rows] == [e["value"] for e in expected]
    # The node's name is indented by its depth.
    assert [r["Node"].alignment.indent for r in rows] == [e["depth"] for e in expected]


def test_money_counts_shares_and_dates_have_their_formats(tmp_path: Path) -> None:
    write_plan(spec_plan(), tmp_path / "plan.xlsx")
    rows = {r["ID"].value: r for r in cells(tmp_path / "plan.xlsx")}
    root, q1, ann = rows["2027"], rows["2027/FY2027 Q1"], rows["2027/FY2027 Q1/ann"]
    assert (root["Target"].value, root["Target"].number_format) == (1200000, '#,##0.00 "USD"')
    assert (root["Unit"].value, root["Start"].value, root["Last day"].value) == (
        "USD",
        datetime(2027, 1, 1),
        datetime(2027, 12, 31),
    )
    assert root["Start"].number_format == "yyyy-mm-dd"
    assert (q1["Share of parent"].value, q1["Share of parent"].number_format) == (0.25, "0.0%")
    assert ann["Target"].value == 194419.44
    # ann's stretch is 20% above her quota, beside it.
    assert (ann["Stretch"].value, ann["Stretch"].number_format) == (233303.33, '#,##0.00 "USD"')
    deals = rows["2027/FY2027 Q1/ann/deals_won"]
    assert (deals["Target"].value, deals["Target"].number_format) == (8, "#,##0")
    assert isinstance(deals["Target"].value, int)
    assert (deals["Relation"].value, deals["Unit"].value) == ("driver", "count")


def test_the_parts_of_every_node_add_up_to_its_target(tmp_path: Path) -> None:
    plan = spec_plan()
    write_plan(plan, tmp_path / "plan.xlsx")
    rows = cells(tmp_path / "plan.xlsx")
    targets = {r["ID"].value: exact(r["Target"].value) for r in rows}
    parents = 0
    for node in plan.nodes():
        parts = [targets[p.id] for p in node.parts]
        if parts:
            parents += 1
            assert sum(parts) == targets[node.id], node.id
    # The root over four quarters, and each quarter over three reps.
    assert parents == 5
    assert targets["2027"] == Decimal(1200000)


@given(
    total=st.integers(min_value=1, max_value=10**9).map(lambda c: Decimal(c).scaleb(-2)),
    weights=st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=6),
)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_written_shares_add_up_to_the_cent(
    tmp_path: Path, total: Decimal, weights: list[int]
) -> None:
    year = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(total),
        timeframe=Timeframe.year(2027),
        currency="EUR",
    )
    shares: dict[Owner | str, object] = {f"rep{i}": w for i, w in enumerate(weights)}
    plan = Plan.from_goal(year, id="y").attach("y", assign(year, shares))
    write_plan(plan, tmp_path / "shares.xlsx")
    rows = cells(tmp_path / "shares.xlsx")
    assert exact(rows[0]["Target"].value) == total
    assert sum(exact(r["Target"].value) for r in rows[1:]) == total


def test_over_assignment_and_the_check_sheet(tmp_path: Path) -> None:
    year = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(1000000),
        timeframe=Timeframe.year(2027),
        currency="EUR",
    )
    plan = Plan.from_goal(year, id="2027").attach(
        "2027", assign(year, {"ann": 1, "bob": 1}, over_assignment="0.1")
    )
    write_plan(plan, tmp_path / "plan.xlsx")
    rows = {r["ID"].value: r for r in cells(tmp_path / "plan.xlsx")}
    root = rows["2027"]
    assert (root["Over-assignment"].value, root["Over-assignment"].number_format) == (
        0.1,
        "0.0%",
    )
    # Each carries 55% of the target: 550,000 of 1,000,000.
    assert rows["2027/ann"]["Target"].value == 550000
    assert rows["2027/ann"]["Share of parent"].value == 0.55
    assert rows["2027/ann"]["Weight"].value == 0.5
    assert root["Parts add up to"].value == 1100000
    (finding,) = cells(tmp_path / "plan.xlsx", "Check")
    assert [finding[k].value for k in ("Kind", "Node", "Expected", "Actual", "Difference")] == [
        "over_assigned",
        "2027",
        1000000,
        1100000,
        100000,
    ]
    assert finding["Intended"].value is True
    assert finding["Expected"].number_format == '#,##0.00 "EUR"'
    assert "as intended (over-assignment of 10%" in finding["Message"].value


def test_a_plan_that_adds_up_says_so_on_the_check_sheet(tmp_path: Path) -> None:
    year = Goal(
        metric=metrics.get("calls"), target=Target.level(1200), timeframe=Timeframe.year(2027)
    )
    plan = Plan.from_goal(year, id="2027").attach("2027", split_by_period(year, "quarter"))
    write_plan(plan, tmp_path / "plan.xlsx", lang="nl")
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Check"]
    assert [c.value for c in sheet[1]][:3] == ["Soort", "Knoop", "Melding"]
    assert sheet["C2"].value == "Elk niveau klopt."
    assert sheet.max_row == 2


def test_a_rate_shows_its_total_and_its_rate(tmp_path: Path) -> None:
    demos = Goal(
        metric=metrics.get("demos_booked"),
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
    )
    write_plan(Plan.from_goal(demos, id="q3"), tmp_path / "plan.xlsx")
    (row,) = cells(tmp_path / "plan.xlsx")
    # 20 a week over the 92 days of Q3 is 262.86, 263 at least.
    assert [row[k].value for k in ("Target", "Rate", "Per", "Kind")] == [
        263,
        20,
        "week",
        "at_least",
    ]


@pytest.mark.parametrize(
    ("currency", "number_format"),
    [("JPY", '#,##0 "JPY"'), ("KWD", '#,##0.000 "KWD"'), ("EUR", '#,##0.00 "EUR"')],
)
def test_money_shows_its_currency_s_decimals(
    tmp_path: Path, currency: str, number_format: str
) -> None:
    goal = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(5000),
        timeframe=Timeframe.year(2027),
        currency=currency,
    )
    write_plan(Plan.from_goal(goal), tmp_path / "plan.xlsx")
    (row,) = cells(tmp_path / "plan.xlsx")
    assert (row["Target"].value, row["Target"].number_format) == (5000, number_format)


def test_a_rate_metric_is_a_percentage(tmp_path: Path) -> None:
    goal = Goal(
        metric=metrics.get("win_rate"),
        target=Target.at_least("0.25"),
        timeframe=Timeframe.year(2027),
    )
    write_plan(Plan.from_goal(goal), tmp_path / "plan.xlsx")
    (row,) = cells(tmp_path / "plan.xlsx")
    assert (row["Target"].value, row["Target"].number_format) == (0.25, "0.0%")


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="lang must be 'en' or 'nl', got 'de'"):
        write_plan(Plan.from_goal(Goal()), tmp_path / "plan.xlsx", lang="de")
    assert not (tmp_path / "plan.xlsx").exists()


def test_the_plan_columns_are_the_documented_ones(tmp_path: Path) -> None:
    write_plan(Plan.from_goal(Goal()), tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Plan"]
    assert [c.value for c in sheet[1]] == list(PLAN_COLUMNS)
    assert sheet.freeze_panes == "A2"
