"""``smartgoals forecast``: the command's parser and runner, through a parser built here."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

import pytest

from smartgoals.cli._settings import Settings
from smartgoals.cli.forecast import add_parser, read_deals, run_forecast
from smartgoals.exceptions import InvalidInputError, SmartGoalsError
from smartgoals.tracking import ForecastCategory

GOAL = """
goal = "Close €100,000 in revenue in Q3 2027"

[forecast]
stage_probabilities = { Demo = 0.2, Proposal = 0.6 }
"""

DEALS = """id,amount,created,close,status,stage,owner,category
A,40000,2027-05-02,2027-07-20,won,,ann,
B,30000,2027-06-01,2027-09-10,open,Proposal,bob,commit
C,50000,2027-06-09,2027-09-25,open,Demo,ann,best case
D,20000,2027-06-09,2027-08-01,open,Demo,ann,
E,25000,2027-05-02,2027-07-05,lost,Demo,bob,
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smartgoals")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang")
    add_parser(parser.add_subparsers(dest="command"), common)
    return parser


def _run(tmp_path: Path, *options: str, goal: str = GOAL, deals: str = DEALS) -> tuple[int, str]:
    (tmp_path / "goal.toml").write_text(goal, encoding="utf-8")
    (tmp_path / "deals.csv").write_text(deals, encoding="utf-8")
    args = _parser().parse_args(
        [
            "forecast",
            str(tmp_path / "goal.toml"),
            str(tmp_path / "deals.csv"),
            "--as-of",
            "2027-08-15",
            *options,
        ]
    )
    lines: list[str] = []
    code = run_forecast(args, Settings(), lines.append)
    return code, "\n".join(lines)


def test_text_output_and_exit_1_when_at_risk(tmp_path: Path) -> None:
    code, text = _run(tmp_path)
    assert code == 1
    assert text.splitlines()[:2] == [
        "Close €100,000 in revenue in Q3 2027, 2027-07-01 – 2027-09-30, as of 2027-08-15:",
        "    at risk (most likely 68.0% of the target; coverage 1.3×, needs 2.9×)",
    ]
    assert "  most likely   68,000.00 EUR  gap -32,000.00 EUR" in text
    assert "not counted: D" in text


def test_exit_0_when_on_track_with_the_options_overriding_the_file(tmp_path: Path) -> None:
    code, text = _run(tmp_path, "--stage", "Demo=0.9", "--stage", "Proposal=1")
    # 40k + 30k + 0.9 × 50k = 115k
    assert code == 0
    assert "most likely  115,000.00 EUR" in text


def test_json_output(tmp_path: Path) -> None:
    code, text = _run(tmp_path, "--format", "json", "--by", "owner")
    doc = json.loads(text)
    assert code == 1
    assert (doc["closed"], doc["commit"], doc["best_case"], doc["most_likely"]) == (
        "40000",
        "70000",
        "120000",
        "68000.0",
    )
    assert [(line["name"], line["most_likely"]) for line in doc["lines"]] == [
        ("ann", "50000.0"),
        ("bob", "18000.0"),
    ]


def test_csv_output_has_a_total_and_a_row_per_owner(tmp_path: Path) -> None:
    _, text = _run(tmp_path, "--format", "csv", "--by", "owner")
    assert text.splitlines() == [
        "group,target,closed,commit,best_case,most_likely,pipeline,weighted_pipeline,coverage,"
        "won_deals,open_deals,slipped,slipped_deals,status",
        "total,100000,40000,70000,120000,68000.0,80000,28000.0,1.333333333333333333333333333,"
        "1,2,20000,1,at_risk",
        "ann,,40000,40000,90000,50000.0,50000,10000.0,,1,1,20000,1,",
        "bob,,0,30000,30000,18000.0,30000,18000.0,,0,1,0,0,",
    ]


def test_categories_method_from_the_command_line(tmp_path: Path) -> None:
    deals = DEALS.replace("D,20000,2027-06-09,2027-08-01,open,Demo,ann,", "")
    code, text = _run(tmp_path, "--method", "categories", "--format", "json", deals=deals)
    # 0.9 × 30k + 0.5 × 50k
    assert json.loads(text)["weighted_pipeline"] == "52000.0"
    assert code == 1


def test_bad_rows_are_one_error_naming_columns_counts_and_lines(tmp_path: Path) -> None:
    deals = (
        "id,amount,created,close,status,probability,category\n"
        "A,10,2027-07-01,2027-06-01,open,0.5,commit\n"
        "B,10,2027-07-01,2027-08-01,open,1.5,maybe\n"
        "C,10,2027-07-01,2027-08-01,open,7,commit\n"
    )
    with pytest.raises(InvalidInputError) as err:
        _run(tmp_path, goal='goal = "Close €100 in revenue in Q3 2027"', deals=deals)
    assert str(err.value) == (
        f"{tmp_path / 'deals.csv'}: deals: 3 of 3 rows are invalid: column 'close': 1 row "
        "before 'created' (first at row 2: '2027-06-01'); column 'category': 1 row with an "
        "unknown category (use commit, best_case, pipeline or omitted) (first at row 3: "
        "'maybe'); column 'probability': 2 rows outside 0 to 1 (first at row 3: 1.5) (rows "
        "are lines of the file)"
    )
    assert isinstance(err.value, SmartGoalsError)  # the command line exits 2 on it


def test_unknown_columns_and_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="unknown: rep"):
        _run(tmp_path, deals="id,amount,created,close,status,rep\n")
    with pytest.raises(InvalidInputError, match=r"unknown settings \['weights'\]"):
        _run(tmp_path, goal=GOAL + "weights = 1\n")
    with pytest.raises(InvalidInputError, match="--stage takes STAGE=PROBABILITY"):
        _run(tmp_path, "--stage", "Demo")


def test_a_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as exit:
        _parser().parse_args(["forecast", "goal.toml", "deals.csv", "--by", "region"])
    assert exit.value.code == 2


def test_semicolon_files_have_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text(
        "id;amount;created;close;status;probability\nA;1.250,50;2027-07-01;2027-08-01;open;0,4\n",
        encoding="utf-8",
    )
    (deal,) = read_deals(path)
    assert (str(deal.amount), str(deal.probability)) == ("1250.50", "0.4")


def test_a_hubspot_export_with_the_preset(tmp_path: Path) -> None:
    pytest.importorskip("narwhals")
    export = (
        "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Deal owner,"
        "Forecast category\n"
        "1,Acme,Closed Won,2027-05-04 09:12,2027-07-04 10:00,60000,Ann,Closed won\n"
        "2,Beta,Contract sent,2027-05-04 09:12,2027-09-01 10:00,50000,Bob,Commit\n"
        "3,Cy,Appointment scheduled,2027-05-04 09:12,2027-09-20 10:00,20000,Ann,Pipeline\n"
        "4,Dee,Closed Lost,2027-05-04 09:12,2027-07-10 10:00,9000,Bob,Closed lost\n"
    )
    path = tmp_path / "export.csv"
    path.write_text(export, encoding="utf-8")
    deals = read_deals(path, preset="hubspot")
    assert [(d.id, d.status.value, d.stage, str(d.close)) for d in deals] == [
        ("1", "won", "Closed Won", "2027-07-04"),
        ("2", "open", "Contract sent", "2027-09-01"),
        ("3", "open", "Appointment scheduled", "2027-09-20"),
        ("4", "lost", "Closed Lost", "2027-07-10"),
    ]
    assert [d.category for d in deals] == [
        None,
        ForecastCategory.COMMIT,
        ForecastCategory.PIPELINE,
        None,
    ]
    code, text = _run(
        tmp_path,
        "--preset",
        "hubspot",
        "--stage",
        "Contract sent=0.9",
        "--stage",
        "Appointment scheduled=0.2",
        "--format",
        "json",
        goal='goal = "Close €100,000 in revenue in Q3 2027"',
        deals=export,
    )
    doc = json.loads(text)
    assert (doc["closed"], doc["commit"], doc["most_likely"], code) == (
        "60000",
        "110000",
        "109000.0",
        0,
    )


def test_a_salesforce_export_reads_percent_probabilities_and_us_dates(tmp_path: Path) -> None:
    pytest.importorskip("narwhals")
    path = tmp_path / "report.csv"
    path.write_text(
        "Opportunity ID,Stage,Won,Closed,Created Date,Close Date,Amount,Opportunity Owner,"
        "Probability (%),Forecast Category\n"
        "006A,Negotiation,0,0,6/1/2027,9/15/2027,1000,Ann,75,Commit\n",
        encoding="utf-8",
    )
    (deal,) = read_deals(path, preset="salesforce-report")
    assert (deal.status.value, str(deal.close), deal.probability, deal.stage) == (
        "open",
        "2027-09-15",
        Decimal("0.75"),
        "Negotiation",
    )


def test_the_forecast_command_is_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from smartgoals.cli import main

    assert main(["forecast", "--help"]) == 0
    assert "GOAL_FILE" in capsys.readouterr().out
    assert main(["forecast", str(tmp_path / "none.toml"), str(tmp_path / "none.csv")]) == 2
    assert "none.toml" in capsys.readouterr().err
