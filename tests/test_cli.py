"""The command line, run in-process through ``main()``: fast checks of every command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smartgoals
from smartgoals import metrics
from smartgoals.cli import main
from smartgoals.cli._output import WIDTH, table
from smartgoals.kpi import catalog, win_rate
from smartgoals.scoring import available_rules

DATA = Path(__file__).parent / "data" / "cli"
SMART = (
    "Increase revenue from $700,000 to $770,000 by 31 December 2027 by using "
    "consultative selling, reviewed monthly"
)
ARTICLE = "Verhoog de maandelijkse omzet met 10% in een jaar"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No pyproject.toml of the checkout (or above it) may leak settings into a test.
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("smartgoals: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def assert_fits(text: str) -> None:
    too_wide = [line for line in text.splitlines() if len(line) > WIDTH]
    assert not too_wide, too_wide


# -- check --------------------------------------------------------------------------------


def test_check_smart_goal_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", SMART, "--context", str(DATA / "context.toml"))
    assert code == 0, err
    assert out.startswith("SMART scorecard: SMART (100/100)")
    assert out.rstrip().endswith("1 goal checked: 1 SMART.")
    assert_fits(out)


def test_check_vague_goal_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "Sell more", "--as-of", "2027-01-10")
    assert code == 1
    assert "not SMART" in out.splitlines()[0]
    assert "M001" in out


def test_check_article_goal_reads_dutch_and_answers_in_dutch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", ARTICLE, "--as-of", "2026-05-01")
    assert code == 1
    assert out.startswith("SMART-scorekaart: gedeeltelijk SMART (83/100)")
    assert "1 doel gecontroleerd: 1 gedeeltelijk SMART." in out
    assert_fits(out)


def test_check_any_goal_not_smart_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", SMART, "Sell more", "--context", str(DATA / "context.toml")
    )
    assert code == 1
    assert "2 goals checked: 1 SMART, 1 not SMART." in out


def test_check_json_parses_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "check",
        SMART,
        "Sell more",
        "--context",
        str(DATA / "context.toml"),
        "--format",
        "json",
    )
    assert code == 1
    doc = json.loads(out)
    assert list(doc) == ["version", "smart", "counts", "goals", "errors"]
    assert doc["version"] == 1
    assert doc["smart"] is False
    assert doc["counts"] == {"smart": 1, "partially_smart": 0, "not_smart": 1}
    first, second = doc["goals"]
    assert list(first) == ["input", "statement", "lang", "goal", "target", "owner", "scorecard"]
    assert (first["input"], first["lang"], first["goal"]["metric"]) == (1, "en", "revenue")
    assert first["goal"]["target"] == {"kind": "level", "value": "770000", "relative": False}
    assert first["scorecard"]["verdict"] == "smart"
    assert first["scorecard"]["criteria"]["achievable"]["status"] == "met"
    assert second["scorecard"]["verdict"] == "not_smart"
    assert "M001" in [f["code"] for f in second["scorecard"]["findings"]]
    assert doc["errors"] == []


def test_check_json_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("check", SMART, "--context", str(DATA / "context.toml"), "--format", "json")
    _, first, _ = run(capsys, *argv)
    _, second, _ = run(capsys, *argv)
    assert first == second


def test_check_context_json_and_toml_agree(capsys: pytest.CaptureFixture[str]) -> None:
    _, from_toml, _ = run(
        capsys, "check", SMART, "--context", str(DATA / "context.toml"), "--format", "json"
    )
    _, from_json, _ = run(
        capsys, "check", SMART, "--context", str(DATA / "context.json"), "--format", "json"
    )
    assert from_toml == from_json


def test_check_without_context_leaves_achievable_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "check", SMART, "--as-of", "2027-01-10", "--format", "json")
    criteria = json.loads(out)["goals"][0]["scorecard"]["criteria"]
    assert criteria["achievable"]["status"] == "unknown"
    assert criteria["achievable"]["evidence_needed"]


def test_check_reads_statements_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = f"{SMART}\n\n# a comment line\nSell more\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    code, out, _ = run(
        capsys, "check", "-", "--context", str(DATA / "context.toml"), "--format", "json"
    )
    doc = json.loads(out)
    assert code == 1
    assert [g["statement"] for g in doc["goals"]] == [SMART, "Sell more"]
    assert [g["input"] for g in doc["goals"]] == [1, 2]


def test_check_empty_stdin_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n"))
    code, _, err = run(capsys, "check", "-")
    assert code == 2
    assert_one_error(err, "no goal statement")


def test_check_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "Sell more", "--select", "T,M001", "--format", "json")
    codes = {f["code"] for f in json.loads(out)["goals"][0]["scorecard"]["findings"]}
    assert codes
    assert all(c.startswith("T") or c == "M001" for c in codes)
    _, out, _ = run(capsys, "check", "Sell more", "--ignore", "S,m001", "--format", "json")
    codes = {f["code"] for f in json.loads(out)["goals"][0]["scorecard"]["findings"]}
    assert codes
    assert not any(c.startswith("S") or c == "M001" for c in codes)


def test_check_extend_select_turns_on_an_off_by_default_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    statement = "Increase revenue by 10% between 15 January 2027 and 14 July 2027"
    argv = ("check", statement, "--as-of", "2027-01-10", "--format", "json")
    _, plain, _ = run(capsys, *argv)
    _, extended, _ = run(capsys, *argv, "--extend-select", "T005")

    def codes(out: str) -> set[str]:
        return {f["code"] for f in json.loads(out)["goals"][0]["scorecard"]["findings"]}

    assert "T005" not in codes(plain)
    assert "T005" in codes(extended)
    assert codes(plain) <= codes(extended)


def test_check_bad_prefix_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "Sell more", "--select", "S-1")
    assert code == 2
    assert_one_error(err, "S-1")


def test_check_multi_goal_statement_scores_each_goal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "check",
        "Increase revenue by 10% and leads by 20% in 2027",
        "--as-of",
        "2027-01-01",
    )
    assert code == 1
    assert "[1/2] " in out
    assert "[2/2] " in out
    assert "2 goals checked" in out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["check", "Sell more", "--as-of", "2027-13-01"], ["--as-of", "2027-13-01"]),
        (["check", "Sell more", "--context", "missing.toml"], ["cannot read", "missing.toml"]),
        (["track", "missing.toml", "missing.csv"], ["cannot read", "missing.toml"]),
        (["plan", "missing.toml"], ["cannot read", "missing.toml"]),
    ],
)
def test_bad_input_prints_one_message_and_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragments: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert_one_error(err, *fragments)


def test_statement_that_cannot_be_read_exits_2_after_the_others(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "check", "Sell more", "Increase revenue by 10% by 1 March 2020", "--as-of",
        "2027-01-10",
    )  # fmt: skip
    assert code == 2
    assert "1 goal checked" in out
    assert_one_error(err, "statement 2")


def test_bad_context_key_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    context = tmp_path / "ctx.toml"
    context.write_text('as_of = 2027-01-10\nchanels = ["email"]\n')
    code, _, err = run(capsys, "check", "Sell more", "--context", str(context))
    assert code == 2
    assert_one_error(err, "ctx.toml", "chanels")


def test_malformed_context_file_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    context = tmp_path / "ctx.json"
    context.write_text('{\n  "as_of": "2027-01-10",\n  "channels": [\n}\n')
    code, _, err = run(capsys, "check", "Sell more", "--context", str(context))
    assert code == 2
    assert_one_error(err, "ctx.json, line 4", "not valid JSON")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["check", "x", "--format", "xml"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out == f"smartgoals {smartgoals.__version__}\n"
    assert smartgoals.__version__ == "0.1.0.dev0"


def _loaded_by(*argv: str) -> list[str]:
    """The smartgoals, cattrs and importlib.metadata modules a fresh ``main(argv)`` loads."""
    script = (
        "import contextlib, io, sys\n"
        "from smartgoals.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(argv)!r})\n"
        "print(*sorted(m for m in sys.modules "
        "if m.startswith(('smartgoals', 'cattrs', 'importlib.metadata'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_version_loads_only_the_argument_reader() -> None:
    assert _loaded_by("--version") == [
        "smartgoals",
        "smartgoals._limits",
        "smartgoals.cli",
        "smartgoals.cli._numbers",
        "smartgoals.cli._options",
        "smartgoals.cli._output",
        "smartgoals.cli.forecast",  # its parser: argparse only
        "smartgoals.exceptions",
    ]


def test_kpi_loads_the_kpi_functions_and_the_number_reader_only() -> None:
    loaded = _loaded_by("kpi", "win_rate", "--won", "30", "--lost", "70")
    assert {"smartgoals.cli.kpi", "smartgoals.kpi", "smartgoals.cli._numbers"} <= set(loaded)
    heavy = ("language", "scoring", "planning", "tracking", "goals", "serialize", "metrics")
    assert [m for m in loaded if m.split(".")[1:2] and m.split(".")[1] in heavy] == []
    assert [m for m in loaded if m.startswith(("cattrs", "importlib.metadata"))] == []


def test_check_as_text_loads_no_planning_tracking_or_cattrs() -> None:
    loaded = _loaded_by("check", "--isolated", "Increase revenue by 10% in 2027")
    assert {"smartgoals.cli.check", "smartgoals.language", "smartgoals.scoring"} <= set(loaded)
    assert [
        m
        for m in loaded
        if m.startswith(("cattrs", "smartgoals.planning", "smartgoals.tracking"))
        or m == "smartgoals.serialize"
    ] == []


# -- settings from pyproject.toml ----------------------------------------------------------


def write_project(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_settings_from_the_nearest_pyproject_with_a_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, '[tool.smartgoals]\nignore = ["S"]\nlang = "nl"\n')
    # A nearer pyproject.toml without [tool.smartgoals] is passed over, as ruff does.
    write_project(tmp_path / "sub", '[project]\nname = "other"\n')
    deep = tmp_path / "sub" / "deeper"
    deep.mkdir()
    monkeypatch.chdir(deep)
    _, out, _ = run(capsys, "check", "Sell more", "--format", "json")
    card = json.loads(out)["goals"][0]["scorecard"]
    assert card["lang"] == "nl"
    assert not [f for f in card["findings"] if f["code"].startswith("S")]
    # Flags win over the file; --isolated ignores it.
    _, out, _ = run(capsys, "check", "Sell more", "--lang", "en", "--format", "json")
    assert json.loads(out)["goals"][0]["scorecard"]["lang"] == "en"
    _, out, _ = run(capsys, "check", "Sell more", "--ignore", "T", "--format", "json")
    codes = [f["code"] for f in json.loads(out)["goals"][0]["scorecard"]["findings"]]
    assert any(c.startswith("S") for c in codes)
    assert not any(c.startswith("T") for c in codes)
    _, out, _ = run(capsys, "check", "Sell more", "--isolated", "--format", "json")
    card = json.loads(out)["goals"][0]["scorecard"]
    assert card["lang"] == "en"
    assert any(f["code"].startswith("S") for f in card["findings"])


def test_fiscal_year_start_setting_labels_the_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_project(tmp_path, "[tool.smartgoals]\nfiscal-year-start = 4\n")
    spec = tmp_path / "plan.toml"
    spec.write_text(
        'goal = { metric = "calls", target = { kind = "level", value = 1200 }, '
        'timeframe = { start = 2026-04-01, end = 2027-04-01 } }\n[split]\nby = "quarter"\n'
    )
    _, out, _ = run(capsys, "plan", str(spec), "--format", "json")
    labels = [n["label"] for n in json.loads(out)["nodes"] if n["depth"] == 1]
    assert labels == ["FY2027 Q1", "FY2027 Q2", "FY2027 Q3", "FY2027 Q4"]
    _, out, _ = run(capsys, "plan", str(spec), "--isolated", "--format", "json")
    labels = [n["label"] for n in json.loads(out)["nodes"] if n["depth"] == 1]
    assert labels == ["FY2026 Q2", "FY2026 Q3", "FY2026 Q4", "FY2027 Q1"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("[tool.smartgoals]\nselct = ['S']\n", "selct"),
        ("[tool.smartgoals]\nlang = 'fr'\n", "'fr'"),
        ("[tool.smartgoals]\nfiscal-year-start = 13\n", "13"),
        ("[tool.smartgoals\n", "not valid TOML"),
    ],
)
def test_bad_settings_exit_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str, fragment: str
) -> None:
    write_project(tmp_path, body)
    code, _, err = run(capsys, "check", "Sell more")
    assert code == 2
    assert_one_error(err, "pyproject.toml", fragment)


# -- parse ----------------------------------------------------------------------------------


def test_parse_shows_fields_and_spans(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", ARTICLE, "--as-of", "2026-05-01")
    assert code == 0
    assert "language: nl" in out
    assert '← "met 10%" (30–37)' in out
    assert "2026-05-01 – 2027-04-30" in out
    assert_fits(out)


def test_parse_json_spans_point_into_the_statement(capsys: pytest.CaptureFixture[str]) -> None:
    statement = "Reduce churn to below 2% by the end of Q3 through better onboarding"
    _, out, _ = run(capsys, "parse", statement, "--as-of", "2027-01-15", "--format", "json")
    (doc,) = json.loads(out)
    spans = doc["goals"][0]["spans"]
    assert set(spans) >= {"metric", "target", "timeframe", "strategy"}
    for span in spans.values():
        assert statement[span["start"] : span["end"]] == span["text"]
    assert doc["goals"][0]["goal"]["target"]["kind"] == "at_most"


# -- rules and metrics --------------------------------------------------------------------


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for info in available_rules():
        assert f"{info.code} " in out
    assert out.splitlines()[0].split() == ["code", "criterion", "summary", "origin"]
    assert_fits(out)
    _, out, _ = run(capsys, "rules", "--format", "json")
    listed = json.loads(out)
    assert [r["code"] for r in listed] == [i.code for i in available_rules()]
    assert set(listed[0]) == {
        "code",
        "criterion",
        "summary",
        "origin",
        "severity",
        "off_by_default",
    }


def test_rules_shows_one_rules_docs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "t001")
    assert code == 0
    assert out.startswith("T001: Goal has no deadline")
    assert "Write instead" in out
    assert "by 31 December 2027" in out
    assert_fits(out)


def test_unknown_rule_suggests_close_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "T01")
    assert code == 2
    assert_one_error(err, "'T01'", "did you mean")


def test_metrics_json_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "metrics", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [m["key"] for m in listed] == [m.key for m in metrics.all()]
    revenue = next(m for m in listed if m["key"] == "revenue")
    assert (revenue["unit"], revenue["aggregation"], revenue["names"]["nl"]) == (
        "currency",
        "sum",
        "omzet",
    )
    _, out, _ = run(capsys, "metrics")
    assert_fits(out)


# -- plan -----------------------------------------------------------------------------------


def plan_json(capsys: pytest.CaptureFixture[str], spec: Path) -> dict[str, Any]:
    code, out, err = run(capsys, "plan", str(spec), "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_plan_splits_by_quarter_assigns_and_derives_activities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = plan_json(capsys, DATA / "plan.toml")
    nodes = doc["nodes"]
    by_id = {n["id"]: n for n in nodes}
    children: dict[str, list[dict[str, Any]]] = {}
    for node in nodes:
        children.setdefault(node["parent"], []).append(node)
    quarters = [n for n in children["2027"] if n["relation"] == "part"]
    assert [q["label"] for q in quarters] == [f"FY2027 Q{i}" for i in range(1, 5)]
    assert sum(Decimal(q["value"]) for q in quarters) == Decimal(1_200_000)
    for quarter in quarters:
        owners = [n for n in children[quarter["id"]] if n["relation"] == "part"]
        assert [o["label"] for o in owners] == ["ann", "bob", "carol"]
        assert sum(Decimal(o["value"]) for o in owners) == Decimal(quarter["value"])
        for owner in owners:
            below = {n["label"]: n for n in children[owner["id"]]}
            assert below["stretch"]["relation"] == "stretch"
            assert Decimal(below["stretch"]["value"]) > Decimal(owner["value"])
            assert below["deals_won"]["relation"] == "driver"
            assert {"opportunities", "sql", "mql"} <= set(below)
    # carol joins on 1 March and ramps up: her Q1 share is the smallest, then it grows.
    carol = [Decimal(by_id[f"2027/FY2027 Q{i}/carol"]["value"]) for i in range(1, 5)]
    assert carol == sorted(carol)
    assert carol[0] < Decimal(by_id["2027/FY2027 Q1/bob"]["value"])
    # The whole goal's drivers: 1,200,000 / 25,000 = 48 deals, / 0.25 win rate = 192 ...
    root_drivers = {n["label"]: n["value"] for n in children["2027"] if n["relation"] == "driver"}
    assert root_drivers == {
        "deals_won": "48",
        "opportunities": "192",
        "sql": "384",
        "mql": "1280",
    }
    assert by_id["2027"]["rollup"] == "1200000.00"
    assert doc["issues"] == []


def test_plan_csv_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", str(DATA / "plan.toml"), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "id",
        "parent",
        "depth",
        "label",
        "relation",
        "metric",
        "kind",
        "value",
        "currency",
        "start",
        "end",
        "owner",
        "type",
        "weight",
        "share_of_parent",
        "rollup",
        "capacity",
    ]
    ann = next(r for r in rows if r["id"] == "2027/FY2027 Q2/ann")
    assert (ann["owner"], ann["type"], ann["start"], ann["end"]) == (
        "ann",
        "individual",
        "2027-04-01",
        "2027-07-01",
    )
    code, out, _ = run(capsys, "plan", str(DATA / "plan.toml"))
    assert code == 0
    assert out.startswith("Plan: ")
    assert "Check: every level adds up." in out
    assert_fits(out)


def test_plan_json_spec_and_statement_goal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = tmp_path / "plan.json"
    spec.write_text(
        json.dumps(
            {
                "goal": "Make 1200 calls in 2027",
                "today": "2026-12-01",
                "split": {"by": "month"},
                "assign": {"shares": {"north": 1, "south": 2}},
            }
        )
    )
    doc = plan_json(capsys, spec)
    months = [n for n in doc["nodes"] if n["depth"] == 1]
    assert len(months) == 12
    assert {n["value"] for n in months} == {"100"}
    # Each month's 100 calls go 1:2 to north and south: 33.3 and 66.7, rounded to 33 and 67.
    values = {(n["parent"], n["label"]): n["value"] for n in doc["nodes"] if n["depth"] == 2}
    for month in months:
        assert values[month["id"], "north"] == "33"
        assert values[month["id"], "south"] == "67"


def test_plan_reports_over_assignment(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = tmp_path / "plan.toml"
    spec.write_text(
        'goal = { metric = "calls", target = { kind = "level", value = 1000 }, '
        "timeframe = { start = 2027-01-01, end = 2028-01-01 } }\n"
        "[assign]\nover_assignment = 0.1\nshares = { a = 1, b = 1 }\n"
    )
    doc = plan_json(capsys, spec)
    assert [(i["kind"], i["expected"], i["actual"]) for i in doc["issues"]] == [
        ("over_assigned", "1000", "1100")
    ]
    _, out, _ = run(capsys, "plan", str(spec))
    assert "Check: 1 issue:" in out


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('goal = "Make 1200 calls in 2027"\n[splt]\nby = "month"\n', "splt"),
        ('goal = "Make 1200 calls in 2027"\n[split]\nby = "fortnight"\n', "fortnight"),
        ('[split]\nby = "month"\n', "no goal"),
        ('goal = { metric = "revenu" }\n', "revenu"),
        ('goal = "Make 1200 calls in 2027"\n[assign]\nshares = { a = -1 }\n', "a"),
        ('goal = "Make 1200 calls in 2027"\n[funnel]\nstages = { sql = 0.5 }\n', "win_rate"),
    ],
)
def test_bad_plan_spec_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str, fragment: str
) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text("today = 2026-12-01\n" + body)
    code, out, err = run(capsys, "plan", str(spec))
    assert code == 2
    assert out == ""
    assert_one_error(err, fragment)


# -- track ----------------------------------------------------------------------------------


def test_track_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["track", str(DATA / "goal.toml"), str(DATA / "checkins.csv"), "--as-of", "2027-04-30"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "as of 2027-04-30: on track" in " ".join(out.split())
    assert "  actual     400,000.00 USD of 1,200,000.00 USD" in out
    assert_fits(out)
    code, out, _ = run(capsys, *argv, "--format", "json")
    doc = json.loads(out)
    assert (doc["actual"], doc["target"], doc["status"], doc["checkins"]) == (
        "400000",
        "1200000",
        "on_track",
        4,
    )
    assert doc["confidence"] == "0.7"


def test_track_as_of_counts_only_earlier_checkins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "track",
        str(DATA / "goal.toml"),
        str(DATA / "checkins.csv"),
        "--as-of",
        "2027-02-28",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["actual"] == "185000"


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("date,value\n2027-01-31,90000\n2027-02-28,abc\n", ["line 3", "'abc'"]),
        ("date,value\n2027-01-31,90000\n\n2027-03-32,1\n", ["line 4", "2027-03-32"]),
        ("date,value\n2027-01-31,90000,extra\n", ["line 2", "expected 2 fields"]),
        ("day,value\n2027-01-31,90000\n", ["line 1", "header"]),
        ("date,value,confidence\n2027-01-31,90000,7\n", ["line 2", "confidence"]),
        ("", ["empty"]),
    ],
)
def test_track_bad_csv_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, fragments: list[str]
) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_text(text)
    code, out, err = run(capsys, "track", str(DATA / "goal.toml"), str(checkins))
    assert code == 2
    assert out == ""
    assert_one_error(err, "checkins.csv", *fragments)


def test_track_csv_that_is_not_utf8_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checkins = tmp_path / "checkins.csv"
    checkins.write_bytes("date,value,note\n2027-01-31,1,caf\u00e9\n".encode("latin-1"))
    code, _, err = run(capsys, "track", str(DATA / "goal.toml"), str(checkins))
    assert code == 2
    assert_one_error(err, "checkins.csv, line 2", "not UTF-8")


def test_track_incomplete_goal_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    goal = tmp_path / "goal.json"
    goal.write_text('{"metric": "revenue"}')
    code, _, err = run(capsys, "track", str(goal), str(DATA / "checkins.csv"))
    assert code == 2
    assert_one_error(err, "target")


# -- kpi ------------------------------------------------------------------------------------


def kpi_value(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, "kpi", *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)["value"]


def test_kpi_scalar_function(capsys: pytest.CaptureFixture[str]) -> None:
    assert kpi_value(capsys, "win_rate", "--won", "30", "--lost", "70") == "0.3"
    assert kpi_value(capsys, "win-rate", "--won=3", "--lost=1") == "0.75"
    code, out, _ = run(capsys, "kpi", "win_rate", "--won", "1", "--lost", "2")
    assert code == 0
    assert out.splitlines()[0] == "win_rate: 0.3333"
    assert "formula: won ÷ (won + lost)" in out


def test_kpi_options_from_keyword_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    value = kpi_value(
        capsys,
        "customer_churn_rate",
        "--churned",
        "5",
        "--start",
        "100",
        "--new",
        "25",
        "--method",
        "start_plus_new",
    )
    assert value == "0.04"
    assert (
        kpi_value(
            capsys, "win_rate", "--won", "2", "--lost", "1", "--open-deals", "1", "--include-open"
        )
        == "0.5"
    )


def test_kpi_sequence_by_repeated_flag_or_json(capsys: pytest.CaptureFixture[str]) -> None:
    repeated = kpi_value(
        capsys, "average_deal_size", "--amounts", "1200", "--amounts", "800", "--amounts", "1000"
    )
    as_json = kpi_value(capsys, "average_deal_size", "--amounts", "[1200, 800, 1000]")
    assert repeated == as_json == "1000"


def test_kpi_mapping_and_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        kpi_value(
            capsys,
            "cac",
            "--costs",
            "sales=60000",
            "--costs",
            "marketing=40000",
            "--new-customers",
            "40",
        )
        == "2500"
    )
    assert kpi_value(capsys, "cac", "--costs", "1000", "--new-customers", "4") == "250"
    rates = kpi_value(
        capsys, "funnel_rates", "--stage-counts", '{"leads": 1000, "mql": 300, "sql": 120}'
    )
    assert rates["end_to_end"] == "0.12"
    assert [s["rate"] for s in rates["steps"]] == ["0.3", "0.4"]
    days = kpi_value(
        capsys,
        "sales_cycle_length",
        "--deals",
        "2027-01-04,2027-02-15",
        "--deals",
        "2027-01-10,2027-03-01",
    )
    assert days == "46.0"
    assert kpi_value(
        capsys, "team_attainment", "--actuals", "a=90", "--actuals", "b=120", "--quotas",
        "a=100", "--quotas", "b=100",
    ) == "1.05"  # fmt: skip


def test_kpi_undefined_and_infinite_results(capsys: pytest.CaptureFixture[str]) -> None:
    assert kpi_value(capsys, "customer_churn_rate", "--churned", "0", "--start", "0") == "NaN"
    assert kpi_value(capsys, "ltv", "--arpa", "100", "--churn-rate", "0") == "Infinity"
    code, _, err = run(capsys, "kpi", "win_rate", "--won", "0", "--lost", "0", "--strict")
    assert code == 2
    assert_one_error(err, "undefined")


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["win_rat"], ["unknown KPI", "did you mean win_rate"]),
        (["win_rate", "--won", "x", "--lost", "1"], ["won", "'x'"]),
        (["customer_churn_rate", "--churned", "5", "--start", "4"], ["churned"]),
        (["cagr", "--start", "1", "--end", "2", "--start-date", "2027-02-30",
          "--end-date", "2028-01-01"], ["2027-02-30"]),
        (["cac", "--costs", "sales=1", "--costs", "2", "--new-customers", "1"], ["--costs"]),
        (["average_deal_size", "--amounts", "[1, 2"], ["not valid JSON"]),
    ],
)  # fmt: skip
def test_kpi_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragments: list[str]
) -> None:
    code, out, err = run(capsys, "kpi", *argv)
    assert code == 2
    assert out == ""
    assert_one_error(err, *fragments)


def test_kpi_missing_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "kpi", "win_rate", "--won", "1")
    assert code == 2
    assert "--lost" in err


@pytest.mark.parametrize("name", [e.name for e in catalog()])
def test_every_kpi_has_options_from_its_signature(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    import inspect

    entry = next(e for e in catalog() if e.name == name)
    code, out, _ = run(capsys, "kpi", name, "--help")
    assert code == 0
    for parameter in inspect.signature(entry.function).parameters:
        assert f"--{parameter.replace('_', '-')}" in out
    assert entry.formula.split()[0] in out


def test_kpi_without_a_name_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "kpi")
    assert code == 0
    for entry in catalog():
        assert entry.name in out
    assert_fits(out)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(won=st.integers(0, 10**9), lost=st.integers(0, 10**9))
def test_kpi_matches_the_function(capsys: pytest.CaptureFixture[str], won: int, lost: int) -> None:
    value = kpi_value(capsys, "win_rate", "--won", str(won), "--lost", str(lost))
    expected = win_rate(str(won), str(lost))
    assert isinstance(expected, Decimal)
    assert Decimal(value).compare_total(expected) == 0 or (expected.is_nan() and value == "NaN")


# -- properties -------------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=80))
def test_check_never_crashes_on_any_text(capsys: pytest.CaptureFixture[str], text: str) -> None:
    code = main(["check", "--isolated", "--as-of", "2027-01-10", "--format", "json", "--", text])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("smartgoals: error: ")
    else:
        doc = json.loads(out)
        assert doc["smart"] is (code == 0)


@given(
    rows=st.lists(
        st.tuples(st.text(max_size=10), st.text(max_size=120), st.text(max_size=12)),
        max_size=8,
    )
)
def test_tables_fit_the_width(rows: list[tuple[str, str, str]]) -> None:
    lines = table(("a", "b", "c"), rows, shrink=1)
    assert all(len(line) <= WIDTH for line in lines)
    assert len(lines) >= len(rows) + 1


# -- rule selection, the language of the answer, rates (issues 15 and 17) ---------------------


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (("--select", "Q"), "'Q' in --select"),
        (("--ignore", "ZZ9"), "'ZZ9' in --ignore"),
        (("--extend-select", "S009"), "'S009' in --select"),
    ],
)
def test_an_unknown_rule_code_or_prefix_exits_2(
    capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], fragment: str
) -> None:
    # Before: --select Q scored with no rules at all and exited 1.
    code, out, err = run(capsys, "check", "Sell more", *flags)
    assert code == 2
    assert out == ""
    assert_one_error(err, fragment, "known prefixes: ")
    # The built-in prefixes, and any a plugin installed here adds (the example's ACME).
    listed = err.split("known prefixes: ", 1)[1].split(" (", 1)[0].split(", ")
    assert {"A", "M", "R", "S", "T"} <= set(listed)
    assert listed == sorted(listed)


def test_an_unknown_code_in_the_settings_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_project(tmp_path, '[tool.smartgoals]\nselect = ["S", "Q1"]\n')
    code, _, err = run(capsys, "check", "Sell more")
    assert code == 2
    assert_one_error(err, "'Q1' in [tool.smartgoals] select", str(path))
    # Known codes and prefixes, an off-by-default rule and ALL are fine.
    write_project(tmp_path, '[tool.smartgoals]\nselect = ["ALL", "T005", "A00"]\n')
    assert run(capsys, "check", "Sell more")[0] == 1


def test_lang_sets_the_answer_and_each_statement_is_read_in_its_own_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Before: --lang nl read this as Dutch and answered "Breng omzet naar 0,1".
    code, out, _ = run(
        capsys, "check", "Increase revenue by 10% in 2027", "--lang", "nl", "--format", "json"
    )
    assert code == 1
    item = json.loads(out)["goals"][0]
    assert item["lang"] == "en"
    assert item["scorecard"]["lang"] == "nl"
    assert item["target"] == {"text": "+10%", "per": None, "total": None}
    m002 = next(f for f in item["scorecard"]["findings"] if f["code"] == "M002")
    assert m002["message"] == (
        "Het doel verhoogt de omzet met 10%, maar legt de beginwaarde niet vast."
    )
    _, text, _ = run(capsys, "parse", "Increase revenue by 10% in 2027", "--lang", "nl")
    assert "language: en" in text
    assert "Breng" not in text


def test_rules_shows_a_rule_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "T001", "--lang", "nl")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "T001: Doel heeft geen deadline"
    assert "Melding" in lines
    assert "  Het doel heeft geen termijn: er is geen eindstreep." in lines
    assert "Suggestie" in lines
    assert "  Voeg een deadline toe, bijv. 'voor 30 juni 2027' of 'in Q3 2027'." in lines
    _, listing, _ = run(capsys, "rules", "--lang", "nl")
    assert "Doel heeft geen deadline" in listing
    _, data, _ = run(capsys, "rules", "M007", "--lang", "nl", "--format", "json")
    doc = json.loads(data)
    assert doc["summary"] == "Percentage van een aantal of een bedrag"
    assert doc["message"].endswith("{percent} van wat?")


def test_parse_shows_the_rate_and_the_owners_scope() -> None:
    from smartgoals.cli.parse import parse_document, parse_text
    from smartgoals.goals import Direction, Goal, Owner, Scope, Target
    from smartgoals.language import ParsedGoal, ParsedStatement
    from smartgoals.timeframes import Timeframe

    text = "Each AE books 20 demos a week in Q3 2027"
    goal = Goal(
        statement=text,
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        owner=Owner("AE", Scope.ROLE),
    )
    parsed = ParsedStatement(text, "en", [ParsedGoal(goal, {})])
    lines = list(parse_text(parsed, "en"))
    assert "  target     ≥ 20 a week" in lines
    assert "  total      263 over the timeframe, for each holder" in lines
    assert "  owner      AE (each holder of the role)" in lines
    dutch = list(parse_text(parsed, "nl"))
    assert "  target     ≥ 20 per week" in dutch
    assert "  owner      AE (iedereen met deze rol)" in dutch
    doc = parse_document(parsed, "en")["goals"][0]
    assert doc["target"] == {"text": "≥ 20 a week", "per": "week", "total": "263"}
    assert doc["owner"] == {"name": "AE", "scope": "role", "text": "AE (each holder of the role)"}


def test_parse_marks_channels_the_statement_rules_out(capsys: pytest.CaptureFixture[str]) -> None:
    statement = "Win 100 new customers in 2027 through email and phone, not through Instagram"
    _, out, _ = run(capsys, "parse", statement)
    assert "channels: email, instagram (ruled out), phone" in out
    _, data, _ = run(capsys, "parse", statement, "--format", "json")
    assert json.loads(data)[0]["ruled_out_channels"] == ["instagram"]
    # Email and phone are in use; Instagram is ruled out, so R001 does not flag it.
    _, data, _ = run(
        capsys, "check", statement, "--context", str(DATA / "context.toml"), "--format", "json"
    )
    card = json.loads(data)["goals"][0]["scorecard"]
    assert card["criteria"]["realistic"]["status"] != "not_met"
    assert "R001" not in [f["code"] for f in card["findings"]]


def test_parse_shows_the_cadence_its_words_set(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Verhoog de maandelijkse omzet met 10% in een jaar"
    assert main(["parse", text, "--as-of", "2026-05-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    period = next(line for line in lines if line.strip().startswith("period"))
    assert "per maand" in period
    assert '"maandelijkse" (11–23)' in period
    target = next(line for line in lines if line.strip().startswith("target"))
    assert "+10% per maand" in target
