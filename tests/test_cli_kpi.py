"""``smartgoals kpi``: percentages and decimal commas in the options."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
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


CRM = Path(__file__).parent / "data" / "crm"


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("narwhals", "polars")),
    reason="--from-file needs the frames extra and polars",
)
class TestFromFile:
    def test_win_rate_by_owner_and_quarter_of_a_hubspot_export(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(CRM / "hubspot-deals.csv"),
            "--preset", "hubspot", "--by", "owner", "--by", "quarter",
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert out.splitlines() == [
            "Deal owner  period     win_rate",
            "Ann Lee     FY2027 Q1       0.5",
            "Ann Lee     FY2027 Q2         1",
            "Bob Stone   FY2027 Q1       0.5",
        ]

    def test_other_deal_kpis_and_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "kpi", "pipeline_coverage", "--from-file", str(CRM / "pipedrive-deals.csv"),
            "--preset", "pipedrive", "--by", "quarter", "--quota", "50000", "--format", "json",
        )  # fmt: skip
        assert code == 0
        assert json.loads(out)["rows"] == [
            {"period": "FY2027 Q1", "pipeline_coverage": 0.0},
            {"period": "FY2027 Q2", "pipeline_coverage": 10.0},
        ]
        code, out, _ = run(
            capsys, "kpi", "sales_cycle_length", "--from-file",
            str(CRM / "salesforce-report.csv"), "--preset", "salesforce-report",
            "--statistic", "median",
        )  # fmt: skip
        # Decided deals' cycles 30, 35, 41, 49, 78 and 33 days: the median is 38.
        assert (code, out.splitlines()[1].split()) == (0, ["38"])

    def test_a_file_without_the_presets_columns_exits_2_with_one_line(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(CRM / "hubspot-deals.csv"),
            "--preset", "pipedrive",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1
        assert "the pipedrive export has no column 'Deal - ID' (id)" in err

    def test_an_unknown_outcome_exits_2_naming_the_column(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = (CRM / "pipedrive-deals.csv").read_text(encoding="utf-8")
        path = tmp_path / "deals.csv"
        path.write_text(source.replace(",lost,", ",deleted,", 1), encoding="utf-8")
        code, out, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(path), "--preset", "pipedrive"
        )
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1
        assert "column 'Deal - Status': 1 row where it is not a stage the pipedrive" in err

    def test_a_plain_table_needs_no_preset_and_other_kpis_are_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "deals.csv"
        path.write_text(
            "id;owner;created;closed;outcome;amount\n"
            "1;ann;2027-01-04;2027-02-03;won;100\n"
            "2;ann;2027-01-05;2027-02-03;lost;50\n"
            "3;bob;2027-01-06;;open;70\n",
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "kpi", "close_rate", "--from-file", str(path), "--by", "owner")
        assert code == 0
        assert [line.split() for line in out.splitlines()] == [
            ["owner", "close_rate"],
            ["ann", "0.5"],
            ["bob", "0"],
        ]
        code, _, err = run(capsys, "kpi", "ltv", "--from-file", str(path))
        assert code == 2
        assert "--from-file computes win_rate, close_rate" in err


def test_kpi_without_from_file_imports_no_frame_engine() -> None:
    script = (
        "import sys; from smartgoals.cli import main; "
        "main(['kpi', 'win_rate', '--won', '3', '--lost', '1']); "
        "print(sorted(m for m in ('narwhals', 'polars', 'pandas') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("places", ["-3", "13", "two"])
def test_places_outside_the_documented_range_exit_2(
    places: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kpi", "win_rate", "--won", "30", "--lost", "70", "--places", places]) == 2
    assert "--places: must be a whole number from 0 to 12" in capsys.readouterr().err


def test_places_at_the_bounds_round_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "win_rate", "--won", "1", "--lost", "2", "--places", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "win_rate: 0"
    assert main(["kpi", "win_rate", "--won", "1", "--lost", "2", "--places", "12"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "win_rate: 0.333333333333"


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ("[" * 5000 + "]" * 5000, "--amounts: JSON nested 5000 levels deep; at most 64 are read"),
        ("[1e400, 2]", "--amounts: number must be a number"),
        ("[" + "9" * 4301 + "]", "number of 4,301 characters is too long"),
    ],
)
def test_json_arguments_of_any_depth_or_size_exit_2_with_one_line(
    amounts: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kpi", "average_deal_size", "--amounts", amounts]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert message in err[0]


@pytest.mark.parametrize("won", ["1" * 200, "1" + "0" * 101, "1e999999"])
def test_huge_numbers_are_refused_at_once(won: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "win_rate", "--won", won, "--lost", "70"]) == 2
    assert "--won" in capsys.readouterr().err
