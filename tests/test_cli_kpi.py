"""``smartgoals kpi``: percentages and decimal commas in the options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartgoals.cli import main


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def value(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, "kpi", *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)["value"]


def test_percentages_in_options(capsys: pytest.CaptureFixture[str]) -> None:
    # ARPA 100 a month at 2.5% monthly churn and 80% margin: 100 × 0.8 ÷ 0.025 = 3200.
    got = value(capsys, "ltv", "--arpa", "100", "--churn-rate", "2.5%", "--gross-margin", "80%")
    assert got == "3200"


def test_decimal_commas_under_decimal_comma(capsys: pytest.CaptureFixture[str]) -> None:
    got = value(capsys, "arpa", "--revenue", "1.250,50", "--customers", "10", "--decimal", ",")
    assert got == "125.05"
    sizes = value(
        capsys, "average_deal_size", "--amounts", "1.250,50", "--amounts", "749,50",
        "--decimal", ",",
    )  # fmt: skip
    assert sizes == "1000"
    cac = value(
        capsys, "cac", "--costs", "sales=1.500,00", "--costs", "ads=500", "--new-customers",
        "4", "--decimal", ",",
    )  # fmt: skip
    assert cac == "500"


def test_decimal_point_mode_reads_thousands_commas(capsys: pytest.CaptureFixture[str]) -> None:
    assert value(capsys, "arpa", "--revenue", "1,250.50", "--customers", "10") == "125.05"
    assert value(capsys, "arpa", "--revenue", "1.250", "--customers", "1", "--decimal", ".") == (
        "1.25"
    )


def test_ambiguous_option_is_an_error_that_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "kpi", "arpa", "--revenue", "1.250", "--customers", "10")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "--revenue '1.250' is ambiguous" in lines[0]
    assert "--decimal" in lines[0]


def test_names_are_not_read_as_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    # include names cost lines; only the amounts are numbers.
    got = value(
        capsys, "cac", "--costs", "sales=3.000", "--costs", "ads=1.000", "--new-customers",
        "4", "--include", "sales", "--decimal", ",",
    )  # fmt: skip
    assert got == "750"


def test_decimal_option_is_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "kpi", "win_rate", "--help")
    assert code == 0
    assert "--decimal {.,,}" in out
    assert "2.5%" in out
