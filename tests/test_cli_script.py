"""The installed ``smartgoals`` console script and ``python -m smartgoals``, run as processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "cli"
SCRIPT = Path(sys.executable).with_name("smartgoals")
ARTICLE = "Verhoog de maandelijkse omzet met 10% in een jaar"
SMART = (
    "Increase revenue from $700,000 to $770,000 by 31 December 2027 by using "
    "consultative selling, reviewed monthly"
)


def smartgoals(
    *argv: str, cwd: Path, stdin: str | None = None, module: bool = False
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "smartgoals"] if module else [str(SCRIPT)]
    return subprocess.run(
        [*command, *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("smartgoals: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.is_file(), f"no console script at {SCRIPT}; install the package (pip install .)"


def test_readme_command_scores_the_articles_goal(tmp_path: Path) -> None:
    result = smartgoals("check", ARTICLE, cwd=tmp_path)
    # The article's goal names no baseline, owner or approach: partially SMART, so exit 1.
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("SMART-scorekaart: gedeeltelijk SMART (83/100)")
    assert "M002" in result.stdout
    assert result.stderr == ""
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_exit_0_when_every_goal_is_smart(tmp_path: Path) -> None:
    result = smartgoals("check", SMART, "--context", str(DATA / "context.toml"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 goal checked: 1 SMART." in result.stdout


def test_module_entry_point_and_version(tmp_path: Path) -> None:
    result = smartgoals("--version", cwd=tmp_path, module=True)
    assert result.returncode == 0
    assert result.stdout.startswith("smartgoals ")
    script = smartgoals("--version", cwd=tmp_path)
    assert script.stdout == result.stdout


def test_check_reads_stdin_and_writes_json(tmp_path: Path) -> None:
    result = smartgoals(
        "check",
        "-",
        "--as-of",
        "2027-01-10",
        "--format",
        "json",
        cwd=tmp_path,
        stdin=f"{ARTICLE}\nSell more\n",
    )
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert [g["lang"] for g in doc["goals"]] == ["nl", "en"]
    assert [g["scorecard"]["verdict"] for g in doc["goals"]] == ["partially_smart", "not_smart"]


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = smartgoals("check", "Sell more", "--context", "nowhere.toml", cwd=tmp_path)
    assert_clean_error(result, "nowhere.toml")
    assert result.stdout == ""


def test_settings_discovered_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.smartgoals]\nselect = ["T"]\nlang = "nl"\n', encoding="utf-8"
    )
    work = tmp_path / "goals"
    work.mkdir()
    result = smartgoals("check", "Sell more", "--format", "json", cwd=work)
    card = json.loads(result.stdout)["goals"][0]["scorecard"]
    assert card["lang"] == "nl"
    assert {f["code"][0] for f in card["findings"]} == {"T"}


def test_plan_from_toml(tmp_path: Path) -> None:
    result = smartgoals("plan", str(DATA / "plan.toml"), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    nodes = json.loads(result.stdout)["nodes"]
    quarters = [n for n in nodes if n["depth"] == 1 and n["relation"] == "part"]
    assert [q["value"] for q in quarters] == ["300000.00"] * 4


def test_track_with_a_bad_line(tmp_path: Path) -> None:
    result = smartgoals(
        "track", str(DATA / "goal.toml"), str(DATA / "checkins-bad.csv"), cwd=tmp_path
    )
    assert_clean_error(result, "checkins-bad.csv, line 4", "2027-03-32")


def test_kpi_with_a_sequence_argument(tmp_path: Path) -> None:
    result = smartgoals(
        "kpi", "average_deal_size", "--amounts", "1200", "--amounts", "800", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "average_deal_size: 1000"
    unknown = smartgoals("kpi", "churn", cwd=tmp_path)
    assert_clean_error(unknown, "unknown KPI 'churn'")


@pytest.mark.parametrize("argv", [["check"], ["plan"], ["frobnicate"]])
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    result = smartgoals(*argv, cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("locale", ["C.UTF-8", "C", "POSIX"])
def test_standard_input_that_is_not_utf8_is_refused_with_its_line(
    tmp_path: Path, locale: str
) -> None:
    done = subprocess.run(
        [str(SCRIPT), "check", "-"],
        cwd=tmp_path,
        input=b"Increase revenue by 10% in 2027\n\xff\xfe revenue\n",
        capture_output=True,
        env={**os.environ, "LANG": locale, "LC_ALL": locale, "PYTHONIOENCODING": ""},
        timeout=120,
        check=False,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert err.strip() == (
        "smartgoals: error: standard input, line 2: not UTF-8 text (invalid start byte); "
        "save it as UTF-8"
    )
