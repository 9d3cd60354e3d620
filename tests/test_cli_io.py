"""Reading numbers and check-ins for the command line: percentages, decimal commas, ``;``."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.cli import main
from smartgoals.cli._io import read_checkins
from smartgoals.cli._numbers import read_number
from smartgoals.exceptions import InvalidInputError

DATA = Path(__file__).parent / "data" / "cli"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# -- read_number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("2.5%", None, "0.025"),
        ("2,5%", ",", "0.025"),
        (" 12 % ", None, "0.12"),
        ("1.250,50", ",", "1250.50"),
        ("1.250", ",", "1250"),
        ("1250,5", ",", "1250.5"),
        ("1.250", ".", "1.25"),
        ("1,250.50", ".", "1250.50"),
        ("1250.50", None, "1250.50"),
        ("1.5", None, "1.5"),
        ("0.250", None, "0.25"),
        ("1,250.50", None, "1250.50"),
        ("1,250,000", None, "1250000"),
        ("-3", None, "-3"),
        ("90000", None, "90000"),
    ],
)
def test_numbers_as_people_write_them(text: str, decimal: str | None, expected: str) -> None:
    assert read_number(text, decimal=decimal) == Decimal(expected)


def test_ambiguous_value_is_an_error_naming_it_and_the_way_out() -> None:
    # "1.250" is 1.25 with a decimal point and 1250 with a decimal comma: never guessed.
    for text in ("1.250", "1,250"):
        with pytest.raises(InvalidInputError) as info:
            read_number(text, name="value")
        message = str(info.value)
        assert f"'{text}' is ambiguous" in message
        assert "1.25" in message
        assert "1250" in message
        assert "--decimal" in message
        assert info.value.value == text


def test_decimal_comma_without_the_mode_is_an_error() -> None:
    with pytest.raises(InvalidInputError, match=r"'1,5' is written with a decimal comma"):
        read_number("1,5")
    with pytest.raises(InvalidInputError, match=r"--won must be a number.*'many'"):
        read_number("many", name="--won")
    with pytest.raises(InvalidInputError, match=r"the decimal mark is ','"):
        read_number("0.5", decimal=",")
    with pytest.raises(InvalidInputError, match="decimal mark must be"):
        read_number("1", decimal=";")


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.sampled_from([".", ","]),
    st.booleans(),
)
def test_grouped_text_reads_back_exactly(value: Decimal, mark: str, percent: bool) -> None:
    group = "," if mark == "." else "."
    text = f"{abs(value):,.2f}".replace(",", "_").replace(".", mark).replace("_", group)
    text = ("-" if value < 0 else "") + text + ("%" if percent else "")
    expected = value.scaleb(-2) if percent else value
    assert read_number(text, decimal=mark) == expected


# -- read_checkins ------------------------------------------------------------------------


def test_dutch_export_with_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text(
        "date;value;confidence;note\n"
        "2027-01-31;1.250,50;80%;\n"
        "2027-02-28;90.000;0,7;twee deals geschoven\n",
        encoding="utf-8",
    )
    got = read_checkins(checkins)
    assert [c.value for c in got] == [Decimal("1250.50"), Decimal("90000")]
    assert [c.confidence for c in got] == [Decimal("0.80"), Decimal("0.7")]
    assert got[1].note == "twee deals geschoven"


def test_a_semicolon_separated_file_takes_dutch_dates(tmp_path: Path) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text("date;value\n31-1-2027;1.250,50\n28-02-2027;900\n2027-03-31;10\n")
    assert [c.date for c in read_checkins(checkins)] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A comma-separated file writes dates as ISO 8601 only: 1-2-2027 could be 2 January.
        ("date,value\n1-2-2027,10\n", "date must be a date written as YYYY-MM-DD, such"),
        # No such day: refused, naming both forms a ';' file may use.
        ("date;value\n31-2-2027;10\n", "YYYY-MM-DD or D-M-YYYY, such as 2027-06-30 or 30-6"),
        ("date;value\n31/1/2027;10\n", "got '31/1/2027'"),
    ],
)
def test_a_date_neither_form_reads_is_refused_with_its_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text(text)
    with pytest.raises(InvalidInputError, match=r"checkins\.csv, line 2: ") as info:
        read_checkins(checkins)
    assert expected in str(info.value)
    assert info.value.name == "date"


def test_decimal_mode_of_a_comma_separated_file(tmp_path: Path) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text('date,value\n2027-01-31,"1.250,50"\n2027-02-28,"2,5%"\n')
    assert [c.value for c in read_checkins(checkins, decimal=",")] == [
        Decimal("1250.50"),
        Decimal("0.025"),
    ]
    plain = tmp_path / "plain.csv"
    plain.write_text("date,value\n2027-01-31,1.250\n")
    assert read_checkins(plain, decimal=".")[0].value == Decimal("1.25")


def test_a_denominator_column_carries_the_count_a_rate_is_measured_over(tmp_path: Path) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text("date,value,denominator\n2027-05-14,0.5,2\n2027-05-21,0.1,\n")
    got = read_checkins(checkins)
    assert [c.denominator for c in got] == [Decimal(2), None]
    bad = tmp_path / "bad.csv"
    bad.write_text("date,value,denominator\n2027-05-14,0.5,0\n")
    with pytest.raises(InvalidInputError, match=r"bad\.csv, line 2: .*denominator"):
        read_checkins(bad)


def test_ambiguous_check_in_names_the_line(tmp_path: Path) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text("date,value\n2027-01-31,90000\n2027-02-28,1.250\n")
    with pytest.raises(InvalidInputError) as info:
        read_checkins(checkins)
    message = str(info.value)
    assert "checkins.csv, line 3" in message
    assert "'1.250' is ambiguous" in message


def test_track_reads_percentages_and_semicolon_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text(
        "date;value;confidence\n2027-01-31;90.000;80%\n2027-02-28;95.000,00;0,75\n"
    )
    code = main(
        ["track", str(DATA / "goal.toml"), str(checkins), "--as-of", "2027-02-28",
         "--format", "json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    assert Decimal(doc["actual"]) == Decimal("185000")
    assert Decimal(doc["confidence"]) == Decimal("0.75")


def test_track_refuses_an_ambiguous_value_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text("date,value\n2027-01-31,90.000\n")
    code = main(["track", str(DATA / "goal.toml"), str(checkins)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "checkins.csv, line 2" in err
    assert "'90.000' is ambiguous" in err
