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
