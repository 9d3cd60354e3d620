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
    # EUR, so the team's rollup is empty (each rep's is its own target); the targets stay
    # and the check names both reps.
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
        ("t/a", Decimal("600"), "USD", Decimal("600")),
        ("t/b", Decimal("600"), "USD", Decimal("600")),
    ]
    assert [(i.kind.value, i.node) for i in plan.check()] == [
        ("currency_mismatch", "t/a"),
        ("currency_mismatch", "t/b"),
    ]


# -- parts in two currencies, --fx ---------------------------------------------------------

FX_DATA = Path(__file__).parent / "data"
FX_PLAN = FX_DATA / "fx_plan.toml"
RATES = str(FX_DATA / "fx_rates.csv")


def csv_rows(capsys: pytest.CaptureFixture[str], spec: Path, *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, spec, "--format", "csv", *argv)
    assert code == 0, err
    return {r["id"]: r for r in csv.DictReader(io.StringIO(out))}


def test_parts_in_two_currencies_without_fx_leave_the_sums_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = csv_rows(capsys, FX_PLAN)
    assert [
        (r["value"], r["currency"], r["rollup"], r["share_of_parent"]) for r in rows.values()
    ] == [
        ("1100", "EUR", "", ""),
        ("500", "EUR", "500", "5/11"),
        ("600", "USD", "600", ""),  # USD 600 is no share of EUR 1,100
    ]
    code, out, err = run(capsys, FX_PLAN)
    assert (code, err) == (0, "")
    assert out.splitlines()[-3:] == [
        "Check: 1 issue:",
        "  currency-mismatch at emea/ben: emea/ben is in USD but its parent emea in EUR;",
        "    give exchange rates (--fx FILE) to convert USD to EUR",
    ]


def test_fx_adds_a_usd_part_into_its_eur_parent_at_the_parents_first_day_rate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Ben's USD 600 at the 1 January rate 0.92 is EUR 552.00 (0.95 from 1 July is not
    # used): the parts come to EUR 1,052.00 of the team's 1,100.
    rows = csv_rows(capsys, FX_PLAN, "--fx", RATES)
    assert [(r["id"], r["rollup"]) for r in rows.values()] == [
        ("emea", "1052.00"),
        ("emea/ann", "500"),
        ("emea/ben", "600"),
    ]
    data = as_json(capsys, FX_PLAN, "--fx", RATES)
    assert data["nodes"][0]["rollup"] == "1052.00"
    assert [(i["kind"], i["node"], i["expected"], i["actual"]) for i in data["issues"]] == [
        ("under_assigned", "emea", "1100", "1052.00")
    ]
    code, out, err = run(capsys, FX_PLAN, "--fx", RATES)
    assert (code, err) == (0, "")
    assert "currency-mismatch" not in out
    assert "  under-assigned at emea: the parts of emea come to 1052 against a target of" in out


def test_a_plan_that_starts_in_july_takes_the_july_rate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # From 1 July USD 600 at 0.95 is EUR 570.00: with Ann's 500, exactly the team's 1,070.
    text = FX_PLAN.read_text(encoding="utf-8")
    text = text.replace("start = 2027-01-01", "start = 2027-07-01").replace("1100", "1070")
    spec = write(tmp_path, text)
    rows = csv_rows(capsys, spec, "--fx", RATES)
    assert (rows["emea"]["rollup"], rows["emea/ben"]["rollup"]) == ("1070.00", "600")
    code, out, _ = run(capsys, spec, "--fx", RATES)
    assert (code, out.splitlines()[-1]) == (0, "Check: every level adds up.")


def test_parts_without_a_rate_for_their_day_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rates = tmp_path / "fx_late.csv"
    rates.write_text("date,from,to,rate\n2027-07-01,USD,EUR,0.95\n", encoding="utf-8")
    code, out, err = run(capsys, FX_PLAN, "--fx", str(rates))
    assert (code, out) == (2, "")
    assert err == (
        f"smartgoals: error: {FX_PLAN}: no exchange rate from USD to EUR on 2027-01-01: the "
        "first USD→EUR rate applies from 2027-07-01; add a rate dated 2027-01-01 or earlier\n"
    )


def test_a_bad_rates_file_exits_2_naming_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rates = tmp_path / "fx_bad.csv"
    rates.write_text("date,from,to,rate\n2027-01-01,USD,EURO,0.92\n", encoding="utf-8")
    code, out, err = run(capsys, FX_PLAN, "--fx", str(rates))
    assert (code, out) == (2, "")
    assert err == (
        "smartgoals: error: fx_bad.csv, line 2: a currency must be an ISO 4217 code such as "
        "'EUR' or 'USD', got 'EURO'\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            '[split]\nby = "quarter"\n',
            "[parts] gives the goal's parts by hand, so it cannot be combined with [split] or "
            "[assign]; keep one of them",
        ),
        (
            "[funnel]\nclose_rate = 0.25\naverage_deal_size = 100\n",
            "[funnel] shares the activities out by the parts' targets, but emea/ben is in "
            "another currency than the goal (EUR); leave out [funnel] or give the parts the "
            "goal's currency",
        ),
    ],
)
def test_parts_refuse_what_they_cannot_be_combined_with(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: str, message: str
) -> None:
    spec = write(tmp_path, FX_PLAN.read_text(encoding="utf-8") + extra)
    code, out, err = run(capsys, spec, "--fx", RATES)
    assert (code, out, err) == (2, "", f"smartgoals: error: {spec}: {message}\n")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (
            'ben = { target = 600, currency = "dollar" }',
            "parts.ben: currency must be an ISO 4217 code such as 'EUR' or 'USD', got 'dollar'",
        ),
        ('ben = { currency = "USD" }', "parts.ben needs a target"),
        (
            'ben = { target = 600, owner = "Ben" }',
            "parts.ben: unknown key(s) owner; expected target, currency",
        ),
    ],
)
def test_a_bad_part_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, parts: str, message: str
) -> None:
    text = FX_PLAN.read_text(encoding="utf-8").split("[parts]")[0]
    spec = write(tmp_path, f"{text}[parts]\n{parts}\n")
    code, out, err = run(capsys, spec)
    assert (code, out, err) == (2, "", f"smartgoals: error: {spec}: {message}\n")


def test_parts_in_the_goals_currency_take_a_funnel(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # EUR 500 and 600 at EUR 100 a deal and a close rate of 0.25: 11 deals, 44
    # opportunities, divided 5 : 6.
    text = FX_PLAN.read_text(encoding="utf-8").replace(', currency = "USD"', "")
    spec = write(tmp_path, text + "[funnel]\nclose_rate = 0.25\naverage_deal_size = 100\n")
    rows = csv_rows(capsys, spec)
    drivers = {i: r["value"] for i, r in rows.items() if r["relation"] == "driver"}
    assert drivers == {
        "emea/deals_won": "11",
        "emea/opportunities": "44",
        "emea/ann/deals_won": "5",
        "emea/ann/opportunities": "20",
        "emea/ben/deals_won": "6",
        "emea/ben/opportunities": "24",
    }
