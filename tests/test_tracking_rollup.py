from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.planning import Plan, Seasonality, assign, split_by_period
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import (
    CheckIn,
    Progress,
    ProgressNode,
    ProgressStatus,
    TrackingMode,
    rollup,
    track,
    track_plan,
    ytd_attainment,
)

D = Decimal
Q2 = Timeframe.quarter(2027, 2)
MAY_15 = date(2027, 5, 15)


def rep(quota: object, booked: object, *, as_of: date = MAY_15, tf: Timeframe = Q2) -> Progress:
    goal = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(quota),
        timeframe=tf,
        currency="EUR",
    )
    on = max(tf.start, min(as_of, tf.last_day))
    return track(goal, [CheckIn(on, booked)], as_of=as_of)


def test_sum_adds_and_attainment_is_never_a_mean_of_percentages() -> None:
    ana, ben = rep(100_000, 60_000), rep(300_000, 140_000)
    team = rollup({"Ana": ana, "Ben": ben}, name="team").progress
    assert team.actual == 200_000
    assert team.target == 400_000
    assert team.expected == ana.expected + ben.expected
    assert team.attainment == D("0.5")  # not (0.6 + 0.467) / 2
    assert team.pace == D(200_000) / team.expected
    assert team.projected == (ana.projected or 0) + (ben.projected or 0)
    assert team.gap == team.projected - 400_000 if team.projected is not None else False
    assert team.status is ProgressStatus.ON_TRACK
    assert team.timeframe == Q2
    assert team.days_elapsed == 45
    assert team.required_rate is not None
    assert team.required_rate.per_day == D(200_000) / 46
    assert team.goal.statement == "team"
    assert team.goal.currency == "EUR"


def test_weakest_child_status() -> None:
    reps = {"Ana": rep(100_000, 60_000), "Ben": rep(300_000, 140_000)}
    assert reps["Ben"].status is ProgressStatus.BEHIND
    assert rollup(reps, status="weakest").progress.status is ProgressStatus.BEHIND
    assert rollup(reps).progress.status is ProgressStatus.ON_TRACK


def test_weakest_maps_final_children_while_the_parent_runs() -> None:
    year = Timeframe.year(2027)
    months = year.split("month")
    as_of = date(2027, 2, 10)
    jan = rep(100, 50, as_of=as_of, tf=months[0])  # missed
    feb = rep(100, 40, as_of=as_of, tf=months[1])
    mar = rep(100, 0, as_of=as_of, tf=months[2])
    assert jan.status is ProgressStatus.MISSED
    assert mar.status is ProgressStatus.NOT_STARTED
    weakest = rollup({"jan": jan, "feb": feb, "mar": mar}, status="weakest").progress
    assert weakest.status is ProgressStatus.AT_RISK


def test_ytd_attainment_over_started_periods() -> None:
    months = Timeframe.year(2027).split("month")
    as_of = date(2027, 2, 10)
    jan = rep(100, 120, as_of=as_of, tf=months[0])
    feb = rep(300, 30, as_of=as_of, tf=months[1])
    mar = rep(100, 0, as_of=as_of, tf=months[2])
    assert ytd_attainment([jan, feb, mar]) == D(150) / D(400)
    node = rollup({"jan": jan, "feb": feb, "mar": mar})
    assert node.ytd_attainment == D(150) / D(400)
    assert node.progress.attainment == D(150) / D(500)
    assert ytd_attainment([mar]) is None


def _win_rate(value: str, deals: int | None = None, baseline: str | None = None) -> Progress:
    goal = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.at_least("0.25"),
        baseline=baseline,
        timeframe=Q2,
    )
    return track(goal, [CheckIn(MAY_15, value, denominator=deals)], as_of=MAY_15)


def test_rates_pool_their_counts_ana_and_ben() -> None:
    # Ana won 1 of 2 deals, Ben 10 of 100: the team won 11 of 102, not a mean of 30%.
    children = {"Ana": _win_rate("0.5", 2), "Ben": _win_rate("0.1", 100)}
    team = rollup(children, name="team").progress
    assert team.actual == D(11) / D(102)
    assert team.actual.quantize(D("0.001")) == D("0.108")
    assert team.denominator == 102
    assert team.target == D("0.25")
    assert team.attainment == D(11) / (D("0.25") * 102)  # Σ won ÷ Σ target wins
    assert team.mode is TrackingMode.LATEST
    assert team.status is ProgressStatus.AT_RISK
    assert team.required_rate is None


def test_explicit_weights_are_the_counts() -> None:
    children = {"Ana": _win_rate("0.40"), "Ben": _win_rate("0.20")}
    weighted = rollup(children, weights={"Ana": 1, "Ben": 3}).progress
    assert weighted.actual == D("0.25")
    assert weighted.denominator == 4
    assert rollup(children, weights=[3, 1]).progress.actual == D("0.35")


def test_rates_without_denominators_do_not_roll_up_into_a_mean() -> None:
    children = {"Ana": _win_rate("0.40", 10), "Ben": _win_rate("0.20")}
    with pytest.raises(InvalidInputError, match=r"Ben gave no denominator.*denominator=40"):
        rollup(children)


def test_pooled_rates_glide_from_the_pooled_baseline() -> None:
    children = {
        "Ana": _win_rate("0.30", 10, baseline="0.20"),
        "Ben": _win_rate("0.15", 30, baseline="0.10"),
    }
    team = rollup(children).progress
    assert team.mode is TrackingMode.GLIDE
    start = (D("0.20") * 10 + D("0.10") * 30) / 40  # 0.125
    assert team.actual == (D(3) + D("4.5")) / 40
    assert team.progress == (team.actual - start) / (D("0.25") - start)
    assert team.expected == (children["Ana"].expected * 10 + children["Ben"].expected * 30) / 40


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 500)), min_size=1, max_size=6))
def test_rollup_of_rates_is_the_rate_of_the_pooled_counts(counts: list[tuple[int, int]]) -> None:
    pairs = [(min(won, deals), deals) for won, deals in counts]
    children = {
        f"r{i}": _win_rate(str(D(won) / D(deals)), deals) for i, (won, deals) in enumerate(pairs)
    }
    pooled = D(sum(w for w, _ in pairs)) / D(sum(d for _, d in pairs))
    team = rollup(children).progress
    # Exact up to the 28 digits a Decimal rate carries.
    assert abs(team.actual - pooled) <= D("1e-25")
    assert team.denominator == sum(d for _, d in pairs)


def test_level_adds_across_owners() -> None:
    def mrr(baseline: int, now: int) -> Progress:
        goal = Goal(
            metric=metrics.get("mrr"),
            direction=Direction.INCREASE,
            baseline=baseline,
            target=Target.level(baseline + 10_000),
            timeframe=Q2,
        )
        return track(goal, [CheckIn(MAY_15, now)], as_of=MAY_15)

    team = rollup({"a": mrr(50_000, 55_000), "b": mrr(30_000, 31_000)}).progress
    assert team.actual == 86_000
    assert team.target == 100_000
    assert team.progress == D(6_000) / D(20_000)


def test_level_chains_across_periods() -> None:
    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        baseline=100_000,
        target=Target.level(140_000),
        timeframe=Timeframe.year(2027),
    )
    split = split_by_period(mrr, "quarter")
    as_of = date(2027, 5, 15)
    children = {
        label: track(goal, [CheckIn(date(2027, 5, 1), 113_000)], as_of=as_of)
        for label, goal in split.items()
    }
    year = rollup(children).progress
    assert year.actual == 113_000  # where the current quarter stands
    assert year.target == 140_000  # the last milestone
    assert year.progress == D(13_000) / D(40_000)
    q2 = children["FY2027 Q2"]
    assert year.expected == q2.expected
    assert year.expected_progress == (q2.expected - 100_000) / D(40_000)


def test_rollup_errors() -> None:
    ana = rep(100, 50)
    with pytest.raises(InvalidInputError, match="at least one child"):
        rollup({})
    with pytest.raises(InvalidInputError, match="share one as_of date"):
        rollup({"a": ana, "b": rep(100, 50, as_of=date(2027, 5, 16))})
    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        target=Target.at_most("0.02"),
        timeframe=Q2,
    )
    with pytest.raises(InvalidInputError, match="share one metric"):
        rollup({"a": ana, "b": track(churn, [CheckIn(MAY_15, "0.01")], as_of=MAY_15)})
    with pytest.raises(InvalidInputError, match="weights do not apply"):
        rollup({"a": ana}, weights=[1])
    with pytest.raises(InvalidInputError, match="unknown roll-up status"):
        rollup({"a": ana}, status="median")
    with pytest.raises(InvalidInputError, match="Progress or a ProgressNode"):
        rollup([ana])  # type: ignore[list-item]


def test_nested_rollups_and_table() -> None:
    emea = rollup({"Ana": rep(100_000, 60_000), "Ben": rep(300_000, 140_000)}, name="EMEA")
    apac = rollup({"Chen": rep(200_000, 90_000)}, name="APAC")
    world = rollup([emea, apac], name="world")
    assert world.progress.actual == 290_000
    assert [(depth, node.name) for depth, node in world.rows()] == [
        (0, "world"),
        (1, "EMEA"),
        (2, "Ana"),
        (2, "Ben"),
        (1, "APAC"),
        (2, "Chen"),
    ]
    lines = str(world).splitlines()
    assert lines[0].split() == [
        "node",
        "status",
        "actual",
        "target",
        "attainment",
        "expected",
        "pace",
        "projected",
        "gap",
    ]
    assert lines[3].startswith("    Ana ")
    assert "290,000.00 EUR" in lines[1]
    html = world._repr_html_()
    assert html.count("<tr>") == 7
    assert "#1a7f37" in html
    doc = world.to_dict()
    assert json.loads(json.dumps(doc)) == doc
    assert doc["children"][0]["children"][1]["name"] == "Ben"


def _plan() -> tuple[Plan, Goal]:
    annual = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        timeframe=Timeframe.year(2027),
        currency="USD",
    )
    owners = assign(annual, {Owner("Ana", Scope.INDIVIDUAL): 1, Owner("Ben", Scope.INDIVIDUAL): 2})
    return Plan.from_goal(annual, id="2027").attach("2027", owners), annual


def test_track_plan_rolls_up_the_owners() -> None:
    plan, _ = _plan()
    ids = [node.id for node in plan.nodes()]
    assert ids == ["2027", "2027/Ana", "2027/Ben"]
    as_of = date(2027, 4, 30)
    tree = track_plan(
        plan,
        {"2027/Ana": [CheckIn(as_of, 150_000)], "2027/Ben": [CheckIn(as_of, 250_000)]},
        as_of=as_of,
    )
    assert tree.name == "2027"
    assert [c.name for c in tree.children] == ["Ana", "Ben"]
    root = tree.progress
    assert root.actual == 400_000
    assert root.target == 1_200_000
    assert root.expected.quantize(D("0.01")) == D("394520.55")
    assert root.status is ProgressStatus.ON_TRACK
    assert tree.children[1].progress.status is ProgressStatus.BEHIND  # 250k of 800k: pace 0.95
    weakest = track_plan(
        plan,
        {"2027/Ana": [CheckIn(as_of, 150_000)], "2027/Ben": [CheckIn(as_of, 250_000)]},
        as_of=as_of,
        status="weakest",
    )
    assert weakest.progress.status is ProgressStatus.BEHIND


def test_track_plan_paces_a_node_along_its_seasonal_split() -> None:
    annual = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        timeframe=Timeframe.year(2027),
    )
    shares = [6, 6, 8, 8, 8, 9, 7, 6, 9, 10, 11, 12]
    split = split_by_period(annual, "month", weights=Seasonality(shares, normalize=True))
    plan = Plan.from_goal(annual, id="2027").attach("2027", split)
    as_of = date(2027, 4, 30)
    tree = track_plan(plan, {"2027": [CheckIn(as_of, 400_000)]}, as_of=as_of)
    assert tree.progress.expected == 336_000  # 28% by the plan's seasonality
    assert tree.children == ()  # the months have no check-ins of their own
    linear = track_plan(plan, {"2027": [CheckIn(as_of, 400_000)]}, as_of=as_of, pacing="linear")
    assert linear.progress.expected.quantize(D("0.01")) == D("394520.55")
    by_month = track_plan(
        plan,
        {f"2027/FY2027 M0{m}": [CheckIn(date(2027, m, 28), 100_000)] for m in range(1, 5)},
        as_of=as_of,
    )
    assert by_month.progress.actual == 400_000
    assert by_month.progress.expected == 336_000  # the months carry the seasonality


def test_track_plan_errors_name_the_node() -> None:
    plan, _ = _plan()
    with pytest.raises(InvalidInputError, match="not nodes of the plan"):
        track_plan(plan, {"2027/Cleo": []}, as_of=date(2027, 4, 30))
    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        target=Target.level(200),
        timeframe=Timeframe.year(2027),
    )
    with pytest.raises(IncompleteGoalError, match="plan node 'm'"):
        track_plan(Plan.from_goal(mrr, id="m"), {}, as_of=date(2027, 4, 30))
    with pytest.raises(InvalidInputError, match="plan node '2027/Ana'"):
        track_plan(plan, {"2027/Ana": [CheckIn(date(2027, 1, 5), -5)]}, as_of=date(2027, 4, 30))


@given(st.lists(st.tuples(st.integers(1, 10**6), st.integers(0, 10**6)), min_size=1, max_size=6))
def test_summed_rollup_matches_the_sums(pairs: list[tuple[int, int]]) -> None:
    children = {f"r{i}": rep(quota, booked) for i, (quota, booked) in enumerate(pairs)}
    parent = rollup(children).progress
    assert parent.actual == sum(b for _, b in pairs)
    assert parent.target == sum(q for q, _ in pairs)
    assert parent.attainment == D(parent.actual) / D(parent.target)
    assert parent.expected == sum((c.expected for c in children.values()), D(0))


@given(st.lists(st.integers(0, 10**6), min_size=2, max_size=5), st.integers(0, 4))
def test_weakest_is_never_better_than_any_started_child(booked: list[int], i: int) -> None:
    children = {f"r{k}": rep(500_000, b) for k, b in enumerate(booked)}
    weakest = rollup(children, status="weakest").progress.status
    assert all(weakest.rank <= c.status.rank for c in children.values())
    assert isinstance(rollup(children), ProgressNode)
