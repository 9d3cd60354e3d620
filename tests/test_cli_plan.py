"""``smartgoals plan``: rates, incomplete goals, capacity, rounding and the output language."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smartgoals.cli import main
from smartgoals.cli._output import WIDTH

YEAR = "timeframe = { start = 2027-01-01, end = 2028-01-01 }\n"
ROLE_GOAL = (
    "[goal]\n"
    'metric = "demos_booked"\n'
    'direction = "increase"\n'
    'target = { kind = "at_least", value = 20, per = "week" }\n'
    "timeframe = { start = 2027-07-01, end = 2027-10-01 }\n"
    'owner = { name = "AE", scope = "role" }\n'
)
FIVE_AES = (
    "[assign]\n"
    'scope = "individual"\n'
    "shares = { ann = 1, bob = 1, cy = 1, dee = 1, eve = 1 }\n"
    "start_dates = { eve = 2027-08-01 }\n"
    "ramp = { factors = [0.5, 1] }\n"
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], spec: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["plan", str(spec), "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, body: str) -> Path:
    spec = tmp_path / "spec.toml"
    spec.write_text(body, encoding="utf-8")
    return spec


def as_json(capsys: pytest.CaptureFixture[str], spec: Path, *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, spec, "--format", "json", *argv)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_an_incomplete_goal_exits_2_and_names_what_is_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, write(tmp_path, 'goal = "Sell more"\n'))
    assert (code, out) == (2, "")
    assert "cannot plan the goal 'Sell more'" in err
    assert "the goal has no metric, target, timeframe" in err


def test_a_rate_goal_for_each_ae_gives_each_the_full_rate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = as_json(capsys, write(tmp_path, ROLE_GOAL + FIVE_AES))
    values = {n["label"]: n["value"] for n in doc["nodes"]}
    # 20 a week over Q3 (92 days) is 263 for every AE there all quarter; Eve starts on
    # 1 August at half speed for August, so she carries 130.
    assert values == {
        "plan": "263",
        "ann": "263",
        "bob": "263",
        "cy": "263",
        "dee": "263",
        "eve": "130",
    }
    assert doc["nodes"][0]["rollup"] == "1182"
    assert doc["issues"] == []
    _, out, _ = run(capsys, write(tmp_path, ROLE_GOAL + FIVE_AES))
    assert ">= 263 (20 a week)" in out


def test_a_split_rate_goal_carries_the_rate_per_period(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        '[goal]\nmetric = "demos_booked"\ndirection = "increase"\n'
        'target = { kind = "at_least", value = 40, per = "month" }\n'
        + YEAR
        + '[split]\nby = "quarter"\n',
    )
    doc = as_json(capsys, spec)
    assert [n["value"] for n in doc["nodes"]] == ["480", "120", "120", "120", "120"]


def test_a_count_over_assignment_rounds_up_and_shows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        'goal = { metric = "new_customers", target = { kind = "level", value = 25 }, '
        + YEAR.replace("\n", "")
        + " }\n"
        + "[assign]\nover_assignment = 0.1\nshares = { a = 1, b = 1, c = 1 }\n",
    )
    doc = as_json(capsys, spec)
    assert [n["value"] for n in doc["nodes"][1:]] == ["10", "9", "9"]
    (issue,) = doc["issues"]
    assert (issue["kind"], issue["intended"], issue["expected"], issue["actual"]) == (
        "over_assigned",
        True,
        "25",
        "28",
    )
    assert issue["rounding"] == "0.5"
    _, out, _ = run(capsys, spec)
    assert "Check: 1 issue:" in out
    assert "rounded up by 0.5" in " ".join(out.split())


def test_the_capacity_key_reports_the_gap_with_its_amounts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        'id = "2027"\n'
        'goal = { metric = "revenue", currency = "EUR", '
        'target = { kind = "level", value = 2400000 }, '
        + YEAR.replace("\n", "")
        + " }\n"
        + "[capacity]\n2027 = { reps = 6, quota = 250000, expected_attainment = 0.86 }\n",
    )
    (issue,) = as_json(capsys, spec)["issues"]
    assert (issue["kind"], issue["expected"], issue["actual"]) == (
        "over_capacity",
        "2400000",
        "1290000.00",
    )
    _, out, _ = run(capsys, spec)
    assert "a gap of 1110000" in " ".join(out.split())
    assert "every level adds up" not in out


def test_capacity_in_the_shares_follows_the_periods(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        'id = "2027"\n'
        'goal = { metric = "revenue", currency = "EUR", '
        'target = { kind = "level", value = 2400000 }, '
        + YEAR.replace("\n", "")
        + " }\n"
        + '[split]\nby = "quarter"\n'
        + "[assign]\nshares = { east = { reps = 3, quota = 250000, expected_attainment = 0.86 },"
        " west = { reps = 3, quota = 250000, expected_attainment = 0.86 } }\n",
    )
    doc = as_json(capsys, spec)
    east = [n for n in doc["nodes"] if n["label"] == "east"]
    assert [Decimal(n["capacity"]) for n in east] == [
        Decimal("159041.10"),  # 90 of 365 days of 645,000
        Decimal("160808.22"),
        Decimal("162575.34"),
        Decimal("162575.34"),
    ]
    (issue,) = doc["issues"]
    assert (issue["node"], issue["kind"], issue["actual"]) == (
        "2027",
        "over_capacity",
        "1290000.00",
    )


def test_activity_targets_are_rounded_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        'id = "y"\n'
        'goal = { metric = "new_customers", target = { kind = "level", value = 240 }, '
        + YEAR.replace("\n", "")
        + " }\n"
        + '[split]\nby = "month"\n'
        + "[funnel]\nclose_rate = 0.3\nstages = { sql = 0.25, leads = 0.2 }\n",
    )
    nodes = as_json(capsys, spec)["nodes"]
    leads = [n for n in nodes if n["label"] == "leads"]
    assert leads[-1]["parent"] == "y"
    assert leads[-1]["value"] == "16000"  # the year's own drivers come last
    months = [Decimal(n["value"]) for n in leads[:-1]]
    assert len(months) == 12
    assert sum(months) == 16_000  # month by month it would be 12 x 1,340 = 16,080
    assert set(months) == {Decimal(1333), Decimal(1334)}


def test_a_win_rate_alone_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = write(
        tmp_path,
        'goal = "Make 1200 calls in 2027"\ntoday = 2026-12-01\n[funnel]\nwin_rate = 0.25\n',
    )
    code, out, err = run(capsys, spec)
    assert (code, out) == (2, "")
    assert "[funnel]" in err
    assert "decided=" in err


def test_plan_speaks_dutch_with_lang_nl(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        'goal = { metric = "calls", target = { kind = "level", value = 1000 }, '
        + YEAR.replace("\n", "")
        + " }\n"
        + "[assign]\nover_assignment = 0.1\nshares = { a = 1, b = 1 }\n",
    )
    code, out, _ = run(capsys, spec, "--lang", "nl")
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split() == ["knoop", "rol", "metriek", "doel", "aandeel", "gewicht"]
    assert "Controle: 1 bevinding:" in out
    assert "te veel toegewezen bij plan: de delen van plan komen op 1100" in " ".join(out.split())
    assert all(len(line) <= WIDTH for line in lines)
    code, out, _ = run(capsys, spec)
    assert out.splitlines()[2].split() == [
        "node",
        "role",
        "metric",
        "target",
        "of",
        "parent",
        "weight",
    ]
    assert "of parent: the node's target as a share of its parent's target" in " ".join(
        out.split()
    )


def test_csv_has_the_share_of_the_parent_beside_the_weight(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        'goal = { metric = "calls", target = { kind = "level", value = 1000 }, '
        + YEAR.replace("\n", "")
        + " }\n"
        + "[assign]\nover_assignment = 0.2\nshares = { a = 3, b = 1 }\n",
    )
    code, out, _ = run(capsys, spec, "--format", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (rows["plan/a"]["weight"], rows["plan/a"]["share_of_parent"]) == ("3/4", "9/10")
    assert (rows["plan/b"]["value"], rows["plan/b"]["share_of_parent"]) == ("300", "3/10")


def test_rows_of_a_plan_mixing_currencies_leave_the_rollup_empty() -> None:
    # A EUR 1,100 team over two USD 600 reps, without rates: the roll-up cannot add USD to
    # EUR, so every row's rollup is empty; the targets stay and the check names both reps.
    from smartgoals import Goal, Target, Timeframe, metrics
    from smartgoals.cli.plan import plan_rows
    from smartgoals.planning import Plan

    team = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(1100),
        timeframe=Timeframe.year(2027),
        currency="EUR",
    )
    rep = Goal(
        metric=metrics.get("revenue"),
        target=Target.level(600),
        timeframe=Timeframe.year(2027),
        currency="USD",
    )
    plan = Plan.from_goal(team, id="t").attach("t", {"a": rep, "b": rep})
    rows = plan_rows(plan)
    assert [(r["id"], r["value"], r["currency"], r["rollup"]) for r in rows] == [
        ("t", Decimal("1100"), "EUR", None),
        ("t/a", Decimal("600"), "USD", None),
        ("t/b", Decimal("600"), "USD", None),
    ]
    assert [(i.kind.value, i.node) for i in plan.check()] == [
        ("currency_mismatch", "t/a"),
        ("currency_mismatch", "t/b"),
    ]
