"""``smartgoals track`` run in-process: rate goals, the output language, ignored check-ins."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from smartgoals.cli import main

DATA = Path(__file__).parent / "data" / "cli"

DEMOS = """\
statement = "At least 20 demos a week in Q3 2027"
metric = "demos_booked"
direction = "increase"
target = { kind = "at_least", value = 20, per = "week" }
timeframe = { start = 2027-07-01, end = 2027-10-01 }
"""

# Thursday 1 July to Sunday 4 July (4 days of a week), the week of 5 July, then three
# days of the week of 12 July: 59 demos in all.
DEMO_CHECKINS = "date,value\n2027-07-04,20\n2027-07-11,27\n2027-07-14,12\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No pyproject.toml of the checkout (or above it) may leak settings into a test.
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_rate_goal_from_a_goal_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    goal = write(tmp_path, "demos.toml", DEMOS)
    checkins = write(tmp_path, "demos.csv", DEMO_CHECKINS)
    code, out, err = run(capsys, "track", goal, checkins, "--as-of", "2027-07-14")
    assert code == 0, err
    lines = out.splitlines()
    assert " ".join(" ".join(lines[:2]).split()) == (
        "At least 20 demos a week in Q3 2027, 2027-07-01 – 2027-09-30, as of 2027-07-14: on track"
    )
    # 20 × 4/7 + 20 + 20 × 3/7 = 40 expected; the total is 20 × 92/7 = 262.86 → 263.
    assert "  actual     59 of 263 (attainment 22.4%)" in lines
    assert "  expected   40 (pace 147.5%)" in lines
    assert "  this week  12 of 20 (2027-07-12 – 2027-07-18)" in lines
    # 204 still to book over the 78 days (11 1/7 weeks) left.
    assert "  required   18.31 a week (2.62/day)" in lines
    code, out, _ = run(
        capsys, "track", goal, checkins, "--as-of", "2027-07-14", "--format", "json"
    )
    doc = json.loads(out)
    assert (doc["actual"], doc["target"], doc["expected"]) == ("59", "263", "40")
    assert doc["current_period"] == {
        "start": "2027-07-12",
        "end": "2027-07-19",
        "per": "week",
        "actual": "12",
        "target": "20",
        "expected": f"{Decimal(60) / 7:f}",
    }
    assert doc["required_rate"]["per"] == "week"
    assert doc["required_rate"]["basis"] == "calendar_days"
    assert Decimal(doc["required_rate"]["amount"]) == Decimal(204) * 7 / 78


def test_a_rate_goal_from_a_statement(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    goal = write(tmp_path, "demos.toml", 'goal = "Book at least 20 demos a week in Q3 2027"\n')
    checkins = write(tmp_path, "demos.csv", DEMO_CHECKINS)
    code, out, err = run(
        capsys, "track", goal, checkins, "--as-of", "2027-07-14", "--format", "json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["target"], doc["expected"]) == ("263", "40")
    assert doc["current_period"]["target"] == "20"


def test_a_run_rate_goal_compares_the_latest_month_with_its_milestone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    goal = write(
        tmp_path,
        "run-rate.toml",
        'metric = "revenue"\ndirection = "increase"\nbaseline = 100000\ncurrency = "EUR"\n'
        'target = { kind = "change", value = "0.10", relative = true, per = "month" }\n'
        "timeframe = { start = 2027-01-01, end = 2028-01-01 }\n",
    )
    checkins = write(tmp_path, "months.csv", "date,value\n2027-03-31,102500\n2027-04-30,103000\n")
    code, out, err = run(
        capsys, "track", goal, checkins, "--as-of", "2027-05-15", "--format", "json"
    )
    assert code == 0, err
    doc = json.loads(out)
    # April's milestone on the path from €100,000 to €110,000 a month is 103,333.33.
    assert doc["actual"] == "103000"
    assert doc["target"] == "110000.00"
    assert Decimal(doc["expected"]).quantize(Decimal("0.01")) == Decimal("103333.33")
    assert doc["status"] == "behind"  # 3,000 of the 3,333.33 expected increase: pace 90%


def test_track_writes_dutch_with_lang_nl(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["track", str(DATA / "goal.toml"), str(DATA / "checkins.csv"), "--as-of", "2027-04-30"]
    code, out, err = run(capsys, *argv, "--lang", "nl")
    assert code == 0, err
    lines = out.splitlines()
    assert "stand op 2027-04-30: op schema" in " ".join(out.split())
    assert "  werkelijk  400.000,00 USD van 1.200.000,00 USD (realisatie 33,3%)" in lines
    assert "  verwacht   394.520,55 USD (tempo 101,4%)" in lines
    assert "  nodig      3.265,31 USD/dag, 22.857,14 USD/week, 99.385,71 USD/maand" in lines
    assert "  dagen      120 verstreken, 245 resterend" in lines
    assert "  vertrouwen 70,0%" in lines
    assert "actual" not in out
    assert "on track" not in out


def test_track_takes_the_language_from_pyproject(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.smartgoals]\nlang = "nl"\n')
    argv = ["track", str(DATA / "goal.toml"), str(DATA / "checkins.csv"), "--as-of", "2027-02-10"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    # 90,000 counted against 1,200,000 × 41/365 = 134,794.52 expected.
    assert "stand op 2027-02-10: in gevaar" in " ".join(out.split())
    assert "  genegeerd  2027-02-28 (95.000,00 USD): na de peildatum 2027-02-10" in out
    code, out, _ = run(capsys, *argv, "--lang", "en")
    assert "as of 2027-02-10: at risk" in " ".join(out.split())


def test_track_names_the_checkins_it_ignored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checkins = write(tmp_path, "last-year.csv", "date,value\n2026-12-31,400000\n")
    code, out, err = run(
        capsys, "track", str(DATA / "goal.toml"), checkins, "--as-of", "2027-04-30"
    )
    assert code == 0, err
    assert "as of 2027-04-30: at risk" in " ".join(out.split())
    assert "  ignored    2026-12-31 (400,000.00 USD): before the start on 2027-01-01" in out
    assert "  actual     0.00 USD of 1,200,000.00 USD" in out
    code, out, _ = run(
        capsys, "track", str(DATA / "goal.toml"), checkins, "--as-of", "2027-04-30", "--lang", "nl"
    )
    assert "  genegeerd  2026-12-31 (400.000,00 USD): vóór de start op 2027-01-01" in out
    code, out, _ = run(
        capsys,
        "track",
        str(DATA / "goal.toml"),
        checkins,
        "--as-of",
        "2027-04-30",
        "--format",
        "json",
    )
    doc = json.loads(out)
    assert doc["ignored"] == [
        {"date": "2026-12-31", "value": "400000", "reason": "before the timeframe"}
    ]
    assert doc["checkins"] == 0


def test_working_day_pacing_gives_the_rate_per_working_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["track", str(DATA / "goal.toml"), str(DATA / "checkins.csv"), "--as-of", "2027-04-30"]
    code, out, err = run(capsys, *argv, "--pacing", "workdays")
    assert code == 0, err
    # 800,000 still to book over the 175 working days from 1 May, not 245 calendar days.
    assert "  required   4,571.43 USD/working day, 22,857.14 USD/week" in out
    code, out, _ = run(capsys, *argv, "--pacing", "workdays", "--format", "json")
    rate = json.loads(out)["required_rate"]
    assert rate["basis"] == "workdays"
    assert Decimal(rate["per_day"]) == Decimal(800_000) / 175


def test_decimal_option_reads_a_comma_separated_file_with_decimal_commas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goal = tmp_path / "goal.toml"
    goal.write_text('goal = "Increase revenue to €1.000.000 in 2027"\n', encoding="utf-8")
    checkins = tmp_path / "checkins.csv"
    checkins.write_text('date,value\n2027-03-31,"250.000,50"\n', encoding="utf-8")
    assert (
        main(["track", str(goal), str(checkins), "--as-of", "2027-03-31", "--decimal", ","]) == 0
    )
    out = capsys.readouterr().out
    assert "250,000.50" in out
    assert main(["track", str(goal), str(checkins), "--as-of", "2027-03-31"]) == 2
    assert "line 2" in capsys.readouterr().err


# -- check-ins in another currency, --fx --------------------------------------------------

FX_DATA = Path(__file__).parent / "data"
EUR_GOAL = str(FX_DATA / "fx_goal_eur.toml")
USD_CHECKINS = str(FX_DATA / "fx_checkins.csv")
RATES = str(FX_DATA / "fx_rates.csv")


def test_fx_converts_each_check_in_at_the_rate_of_its_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # USD 10,000 on 31 March at 0.92 (9,200.00), EUR 5,000 on 30 June (no currency: the
    # goal's), USD 10,000 on 30 September at 0.95 (9,500.00).
    argv = ("track", EUR_GOAL, USD_CHECKINS, "--as-of", "2027-09-30", "--fx", RATES)
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    lines = out.splitlines()
    assert "  actual     23,700.00 EUR of 100,000.00 EUR (attainment 23.7%)" in lines
    # Each conversion is listed with its rate; the EUR check-in is not.
    assert lines[-2:] == [
        "  converted  2027-03-31: 10,000.00 USD → 9,200.00 EUR at 0.92 from 2027-01-01",
        "             2027-09-30: 10,000.00 USD → 9,500.00 EUR at 0.95 from 2027-07-01",
    ]
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["actual"], data["currency"], data["checkins"]) == ("23700.00", "EUR", 3)
    assert [(c["date"], c["amount"], c["rate"]) for c in data["converted"]] == [
        ("2027-03-31", "9200.00", "0.92"),
        ("2027-09-30", "9500.00", "0.95"),
    ]


def test_without_fx_a_check_in_in_another_currency_exits_2_naming_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "track", EUR_GOAL, USD_CHECKINS, "--as-of", "2027-09-30")
    assert (code, out) == (2, "")
    assert err == (
        f"smartgoals: error: {USD_CHECKINS}: the check-in of 2027-03-31 is in USD but the "
        "goal in EUR; give exchange rates (--fx FILE) to convert USD to EUR\n"
    )


def test_a_check_in_before_the_first_rate_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rates = write(tmp_path, "fx_late.csv", "date,from,to,rate\n2027-07-01,USD,EUR,0.95\n")
    argv = ("track", EUR_GOAL, USD_CHECKINS, "--as-of", "2027-09-30", "--fx", rates)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err == (
        "smartgoals: error: no exchange rate from USD to EUR on 2027-03-31: the first USD→EUR "
        "rate applies from 2027-07-01; add a rate dated 2027-03-31 or earlier\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "date,from,to,rate\n2027-01-01,USD,EUR,0,92\n",
            "fx_bad.csv, line 2: 5 values where the header has 4 columns (date, from, to, "
            "rate); a comma-separated file writes rates with a decimal point, such as 0.95",
        ),
        (
            "date,from,to,rate\n2027-01-01,USD,EUR,0.92\n2027-13-01,USD,EUR,0.95\n",
            "fx_bad.csv, line 3: date '2027-13-01' is not a date; write it like 2027-07-01",
        ),
        (
            "day,from,to,rate\n",
            "fx_bad.csv, line 1: expected the columns date, from, to, rate (in any order), "
            "got day, from, to, rate",
        ),
    ],
)
def test_a_bad_rates_file_exits_2_naming_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    rates = write(tmp_path, "fx_bad.csv", text)
    code, out, err = run(capsys, "track", EUR_GOAL, USD_CHECKINS, "--fx", rates)
    assert (code, out, err) == (2, "", f"smartgoals: error: {message}\n")


def test_a_rates_file_that_gives_one_pair_twice_on_a_day_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rates = write(
        tmp_path,
        "fx_twice.csv",
        "date,from,to,rate\n2027-01-01,USD,EUR,0.92\n2027-01-01,USD,EUR,0.93\n",
    )
    code, _, err = run(capsys, "track", EUR_GOAL, USD_CHECKINS, "--fx", rates)
    assert code == 2
    assert err == (
        f"smartgoals: error: {rates}: two USD→EUR rates apply from 2027-01-01: 0.92 and 0.93; "
        "keep one\n"
    )


def test_a_missing_rates_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "track", EUR_GOAL, USD_CHECKINS, "--fx", "nowhere.csv")
    assert (code, err) == (
        2,
        "smartgoals: error: cannot read the rates file nowhere.csv: No such file or directory\n",
    )


@pytest.mark.parametrize("cell", ["dollar", "US", "840"])
def test_a_bad_currency_in_a_check_in_file_exits_2_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: str
) -> None:
    checkins = write(
        tmp_path, "c.csv", f"date,value,currency\n2027-03-31,10,EUR\n2027-04-30,5,{cell}\n"
    )
    code, out, err = run(capsys, "track", EUR_GOAL, checkins, "--fx", RATES)
    assert (code, out) == (2, "")
    assert err == (
        f"smartgoals: error: {checkins}, line 3: a currency must be an ISO 4217 code such as "
        f"'EUR' or 'USD', got '{cell}'\n"
    )


def test_a_semicolon_separated_check_in_file_with_a_currency_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 1.250,50 USD on 31 March at 0.92 is EUR 1,150.46.
    checkins = write(tmp_path, "c.csv", "date;value;currency\n2027-03-31;1.250,50;USD\n")
    argv = ("track", EUR_GOAL, checkins, "--as-of", "2027-03-31", "--fx", RATES)
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["actual"] == "1150.46"


def test_the_checkin_header_lists_the_currency_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checkins = write(tmp_path, "c.csv", "date,value,fx\n2027-03-31,10,USD\n")
    code, _, err = run(capsys, "track", EUR_GOAL, checkins)
    assert code == 2
    assert err == (
        f"smartgoals: error: {checkins}, line 1: the header must name the columns date and "
        "value (and may add confidence, note, denominator, currency), each once; got "
        "date,value,fx\n"
    )
