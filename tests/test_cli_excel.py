"""The command line with Excel workbooks: ``track`` reads .xlsx, ``plan --format xlsx`` writes one."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from smartgoals.cli import main

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).parent / "data" / "cli"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No pyproject.toml of the checkout (or above it) may leak settings into a test.
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--isolated"])
    out, err = capsys.readouterr()
    return code, out, err


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> str:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return str(path)


#: tests/data/cli/checkins.csv as a spreadsheet holds it: date cells and number cells.
CHECKINS = [
    ("date", "value", "confidence", "note"),
    (date(2027, 1, 31), 90000, 0.8, None),
    (date(2027, 2, 28), 95000, 0.8, None),
    (date(2027, 3, 31), 110000, 0.7, "two deals slipped to April"),
    (date(2027, 4, 30), 105000, None, None),
]


# -- track --------------------------------------------------------------------------------


def test_a_workbook_tracks_as_the_same_csv_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    goal = str(DATA / "goal.toml")
    book = workbook(tmp_path / "checkins.xlsx", {"Check-ins": CHECKINS})
    args = ("--as-of", "2027-04-30", "--format", "json")
    from_csv = run(capsys, "track", goal, str(DATA / "checkins.csv"), *args)
    from_book = run(capsys, "track", goal, book, *args)
    assert from_book == from_csv
    assert from_book[0] == 0
    assert '"actual": "400000"' in from_book[1]


def test_sheet_picks_the_sheet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    goal = str(DATA / "goal.toml")
    book = workbook(
        tmp_path / "checkins.xlsx",
        {"Q1": CHECKINS, "Q2": [("Date", "Value"), ("2027-05-31", "1,250.50")]},
    )
    code, out, err = run(capsys, "track", goal, book, "--sheet", "Q2", "--as-of", "2027-05-31")
    assert code == 0, err
    assert "actual     1,250.50 USD of 1,200,000.00 USD" in out


def test_a_missing_sheet_exits_2_with_the_sheets_there_are(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = workbook(tmp_path / "checkins.xlsx", {"Q1": CHECKINS})
    code, out, err = run(capsys, "track", str(DATA / "goal.toml"), book, "--sheet", "Q2")
    assert (code, out) == (2, "")
    assert err == f"smartgoals: error: {book}: no sheet 'Q2'; the workbook has 'Q1'\n"


def test_text_in_a_number_cell_exits_2_naming_the_sheet_and_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [*CHECKINS[:3], (date(2027, 3, 31), "110k", 0.7, None)]
    book = workbook(tmp_path / "checkins.xlsx", {"Q1": rows})
    code, out, err = run(capsys, "track", str(DATA / "goal.toml"), book)
    assert (code, out) == (2, "")
    assert err == (
        f"smartgoals: error: {book}, sheet 'Q1', cell B4: value must be a number such as "
        "1500, 1250.50, 0.05 or 2.5%, got '110k'\n"
    )


def test_a_sheet_without_a_header_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = workbook(tmp_path / "checkins.xlsx", {"Q1": CHECKINS[1:]})
    code, _, err = run(capsys, "track", str(DATA / "goal.toml"), book)
    assert code == 2
    assert err.startswith(f"smartgoals: error: {book}, sheet 'Q1', cell A1: no header row: ")
    assert err.count("\n") == 1


def test_decimal_reads_decimal_commas_in_text_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = workbook(
        tmp_path / "checkins.xlsx", {"Q1": [("date", "value"), ("2027-01-31", "1.250")]}
    )
    goal = str(DATA / "goal.toml")
    code, _, err = run(capsys, "track", goal, book, "--as-of", "2027-01-31")
    assert code == 2
    assert "cell B2: value '1.250' is ambiguous" in err
    code, out, err = run(capsys, "track", goal, book, "--as-of", "2027-01-31", "--decimal", ",")
    assert code == 0, err
    assert "actual     1,250.00 USD" in out


def test_sheet_with_a_csv_file_and_an_xls_file_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    goal = str(DATA / "goal.toml")
    code, _, err = run(capsys, "track", goal, str(DATA / "checkins.csv"), "--sheet", "Q1")
    assert code == 2
    assert "--sheet Q1 picks a sheet of an Excel workbook (.xlsx), but " in err
    old = tmp_path / "checkins.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(capsys, "track", goal, str(old))
    assert code == 2
    assert err == (
        f"smartgoals: error: {old}: an old Excel .xls workbook; save it as an Excel "
        "workbook (.xlsx) or as CSV\n"
    )


def test_without_openpyxl_track_exits_2_naming_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = workbook(tmp_path / "checkins.xlsx", {"Q1": CHECKINS})
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, out, err = run(capsys, "track", str(DATA / "goal.toml"), book)
    assert (code, out) == (2, "")
    assert 'install it with: pip install "smartgoals[excel]"' in err


FX_DATA = Path(__file__).parent / "data"


def test_a_currency_column_converts_with_fx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # USD 10,000 on 31 March at 0.92 and on 30 September at 0.95; EUR 5,000 (an empty
    # currency cell: the goal's) on 30 June.
    rows = [
        ("Date", "Value", "Currency"),
        (date(2027, 3, 31), 10000, "USD"),
        (date(2027, 6, 30), 5000, None),
        (date(2027, 9, 30), 10000, "usd"),
    ]
    book = workbook(tmp_path / "checkins.xlsx", {"Q1": rows})
    goal, rates = str(FX_DATA / "fx_goal_eur.toml"), str(FX_DATA / "fx_rates.csv")
    argv = ("track", goal, book, "--as-of", "2027-09-30")
    code, out, err = run(capsys, *argv, "--fx", rates)
    assert code == 0, err
    assert "actual     23,700.00 EUR of 100,000.00 EUR" in out
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == (
        f"smartgoals: error: {book}: the check-in of 2027-03-31 is in USD but the goal in "
        "EUR; give exchange rates (--fx FILE) to convert USD to EUR\n"
    )


@pytest.mark.parametrize(("cell", "shown"), [("dollar", "dollar"), (840, "840")])
def test_a_bad_currency_cell_exits_2_naming_the_cell_and_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: object, shown: str
) -> None:
    rows = [("date", "value", "currency"), (date(2027, 3, 31), 10000, "USD")]
    book = workbook(tmp_path / "checkins.xlsx", {"Q1": [*rows, (date(2027, 4, 30), 5, cell)]})
    goal, rates = str(FX_DATA / "fx_goal_eur.toml"), str(FX_DATA / "fx_rates.csv")
    code, out, err = run(capsys, "track", goal, book, "--fx", rates)
    assert (code, out) == (2, "")
    assert err == (
        f"smartgoals: error: {book}, sheet 'Q1', cell C3: a currency must be an ISO 4217 code "
        f"such as 'EUR' or 'USD', got '{shown}'\n"
    )


def test_a_plan_in_two_currencies_is_written_with_and_without_rates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # EUR 1,100 for the team: Ann EUR 500, Ben USD 600. Without rates the team's roll-up
    # and Ben's share stay empty and the check names the currencies; with them Ben's USD
    # 600 at the 1 January rate 0.92 is EUR 552.00, so the parts come to 1,052.00.
    spec, rates = str(FX_DATA / "fx_plan.toml"), str(FX_DATA / "fx_rates.csv")
    code, out, err = run(capsys, "plan", spec, "--format", "xlsx", "-o", "bare.xlsx")
    assert (code, out, err) == (0, "", "")
    bare = openpyxl.load_workbook(tmp_path / "bare.xlsx")
    rows = list(bare["Plan"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[12], r[14]) for r in rows] == [
        ("emea", None, None),
        ("emea/ann", pytest.approx(5 / 11), 500),
        ("emea/ben", None, 600),
    ]
    assert (bare["Check"]["A2"].value, bare["Check"]["B2"].value) == (
        "currency_mismatch",
        "emea/ben",
    )
    code, out, err = run(capsys, "plan", spec, "--format", "xlsx", "-o", "fx.xlsx", "--fx", rates)
    assert (code, out, err) == (0, "", "")
    book = openpyxl.load_workbook(tmp_path / "fx.xlsx")
    rows = list(book["Plan"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[12], r[14]) for r in rows] == [
        ("emea", None, 1052),
        ("emea/ann", pytest.approx(5 / 11), 500),
        ("emea/ben", pytest.approx(552 / 1100), 600),
    ]
    assert book["Check"]["A2"].value == "under_assigned"
    assert book["Check"]["C2"].value == (
        "the parts of emea come to 1052 against a target of 1100: under-assigned by 48 (-4.36%)"
    )


# -- plan ---------------------------------------------------------------------------------


def test_plan_writes_a_workbook_with_the_csv_s_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = str(DATA / "plan.toml")
    code, out, err = run(capsys, "plan", spec, "--format", "xlsx", "-o", "plan.xlsx")
    assert (code, out, err) == (0, "", "")
    code, text, _ = run(capsys, "plan", spec, "--format", "csv")
    expected = list(csv.DictReader(io.StringIO(text)))
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames == ["Plan", "Check"]
    rows = list(book["Plan"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], Decimal(str(r[8]))) for r in rows] == [
        (e["id"], Decimal(e["value"])) for e in expected
    ]
    assert book["Check"]["C2"].value == "Every level adds up."


def test_plan_in_dutch_writes_dutch_headers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = str(DATA / "plan.toml")
    code, _, err = run(capsys, "plan", spec, "--format", "xlsx", "-o", "plan.xlsx", "--lang", "nl")
    assert code == 0, err
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Plan"]
    assert (sheet["A1"].value, sheet["I1"].value, sheet["M1"].value) == (
        "Knoop",
        "Doel",
        "Aandeel",
    )


def test_xlsx_without_output_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", str(DATA / "plan.toml"), "--format", "xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "smartgoals: error: --format xlsx writes a workbook, which is binary: give the file "
        "to write with -o, such as -o plan.xlsx\n"
    )


def test_output_writes_text_formats_to_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = str(DATA / "plan.toml")
    _, printed, _ = run(capsys, "plan", spec, "--format", "csv")
    code, out, err = run(capsys, "plan", spec, "--format", "csv", "-o", "plan.csv")
    assert (code, out, err) == (0, "", "")
    assert (tmp_path / "plan.csv").read_text(encoding="utf-8") == printed


def test_a_workbook_name_with_a_text_format_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "plan", str(DATA / "plan.toml"), "-o", "plan.xlsx")
    assert code == 2
    assert err == (
        "smartgoals: error: -o plan.xlsx names an Excel workbook, but --format table writes "
        "text; add --format xlsx to write a workbook\n"
    )
    assert not (tmp_path / "plan.xlsx").exists()


def test_an_unwritable_output_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.xlsx"
    code, _, err = run(
        capsys, "plan", str(DATA / "plan.toml"), "--format", "xlsx", "-o", str(target)
    )
    assert code == 2
    assert err == f"smartgoals: error: cannot write {target}: No such file or directory\n"


def test_without_openpyxl_plan_exits_2_naming_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, _, err = run(capsys, "plan", str(DATA / "plan.toml"), "--format", "xlsx", "-o", "p.xlsx")
    assert code == 2
    assert 'install it with: pip install "smartgoals[excel]"' in err
    assert not (tmp_path / "p.xlsx").exists()
