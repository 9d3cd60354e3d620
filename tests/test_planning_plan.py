from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics, serialize
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target
from smartgoals.planning._html import render_plan
from smartgoals.planning.funnel import Funnel, activity_targets
from smartgoals.planning.owners import assign
from smartgoals.planning.periods import split_by_period
from smartgoals.planning.plan import IssueKind, Plan, PlanIssue, PlanNode, Relation
from smartgoals.timeframes import Timeframe

YEAR = Timeframe.year(2027)
EMEA = Owner("EMEA", Scope.TEAM)
US = Owner("US", Scope.TEAM)
ANNUAL = Goal(
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.level(1_200_000),
    timeframe=YEAR,
    currency="USD",
    owner=Owner("Acme", Scope.COMPANY),
)


def goal(value: object, timeframe: Timeframe = YEAR, **changes: Any) -> Goal:
    return attrs.evolve(ANNUAL, target=Target.level(value), timeframe=timeframe, **changes)


def layered_plan() -> Plan:
    """Annual -> two teams (10% over-assigned, with stretch) -> EMEA by quarter -> funnel."""
    teams = assign(ANNUAL, {EMEA: 2, US: 1}, over_assignment="0.1", stretch="0.2")
    plan = Plan.from_goal(ANNUAL, id="2027").attach("2027", teams)
    plan = plan.attach("2027/EMEA", split_by_period(teams[EMEA], "quarter"))
    funnel = Funnel(average_deal_size=20_000, close_rate="0.25", stages={"sql": "0.5"})
    return plan.attach("2027/EMEA", activity_targets(teams[EMEA], funnel))


def test_attach_builds_ids_relations_and_weights() -> None:
    plan = layered_plan()
    emea = plan.node("2027/EMEA")
    assert [c.id for c in emea.children] == [
        "2027/EMEA/stretch",
        "2027/EMEA/FY2027 Q1",
        "2027/EMEA/FY2027 Q2",
        "2027/EMEA/FY2027 Q3",
        "2027/EMEA/FY2027 Q4",
        "2027/EMEA/deals_won",
        "2027/EMEA/opportunities",
        "2027/EMEA/sql",
    ]
    assert [c.relation for c in emea.children] == [Relation.STRETCH] + [Relation.PART] * 4 + [
        Relation.DRIVER
    ] * 3
    assert emea.weight == Fraction(2, 3)
    assert plan.node("2027/EMEA/FY2027 Q2").weight == Fraction(1, 4)
    assert plan.node("2027/EMEA/stretch").goal.type is GoalType.STRETCH
    assert plan.node("2027/EMEA/sql").goal.target_value == 352
    assert plan.parent("2027/EMEA/sql") == emea
    assert plan.parent("2027") is None
    assert len(list(plan.nodes())) == 1 + 2 + 2 + 4 + 3


def test_rollup_adds_parts_and_leaves_out_drivers_and_stretch() -> None:
    rolled = layered_plan().rollup()
    assert rolled["2027/EMEA"] == Decimal("880000.00")
    assert rolled["2027/US"] == Decimal("440000.00")
    assert rolled["2027"] == Decimal("1320000.00")
    assert rolled["2027/EMEA/sql"] == 352
    assert rolled["2027/EMEA/stretch"] == Decimal("1056000.00")


def test_check_reports_visible_over_assignment_only() -> None:
    issues = layered_plan().check()
    assert len(issues) == 1
    issue = issues[0]
    assert issue.node == "2027"
    assert issue.kind is IssueKind.OVER_ASSIGNED
    assert (issue.expected, issue.actual, issue.difference) == (
        Decimal(1_200_000),
        Decimal("1320000.00"),
        Decimal("120000.00"),
    )
    assert issue.intended
    assert issue.message == (
        "the parts of 2027 come to 1320000 against a target of 1200000: over-assigned by "
        "120000 (10%), as intended (over-assignment of 10%)"
    )


def test_check_reports_under_assignment_and_uncovered_periods() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "q1": goal(300_000, Timeframe.quarter(2027, 1)),
            "q2": goal(300_000, Timeframe.quarter(2027, 2)),
            "q4": goal(300_000, Timeframe.quarter(2027, 4)),
        },
    )
    kinds = {i.kind: i for i in plan.check()}
    assert set(kinds) == {IssueKind.PERIOD_GAP, IssueKind.UNDER_ASSIGNED}
    assert kinds[IssueKind.PERIOD_GAP].timeframes == (Timeframe.quarter(2027, 3),)
    assert "92 days" in kinds[IssueKind.PERIOD_GAP].message
    assert kinds[IssueKind.UNDER_ASSIGNED].difference == -300_000


def test_check_reports_overlaps_and_periods_outside() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "h1": goal(600_000, Timeframe.half(2027, 1)),
            "q2": goal(0, Timeframe.quarter(2027, 2)),
            "h2": goal(600_000, Timeframe(date(2027, 7, 1), date(2028, 2, 1))),
        },
    )
    kinds = {i.kind: i for i in plan.check()}
    assert set(kinds) == {IssueKind.PERIOD_OVERLAP, IssueKind.OUTSIDE_PERIOD}
    assert kinds[IssueKind.PERIOD_OVERLAP].timeframes == (Timeframe.quarter(2027, 2),)
    assert kinds[IssueKind.OUTSIDE_PERIOD].timeframes == (
        Timeframe(date(2027, 7, 1), date(2028, 2, 1)),
    )


def test_check_reports_metric_unit_currency_and_incomplete_parts() -> None:
    calls = Goal(metric=metrics.get("calls"), target=Target.level(10), timeframe=YEAR)
    mrr = goal(10, metric=metrics.get("mrr"))
    euros = goal(600_000, currency="EUR")
    vague = Goal(metric=metrics.get("revenue"), timeframe=YEAR, currency="USD")
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y", {"calls": calls, "mrr": mrr, "eur": euros, "vague": vague}
    )
    found = [(i.node, i.kind) for i in plan.check()]
    assert found == [
        ("y/calls", IssueKind.UNIT_MISMATCH),
        ("y/calls", IssueKind.CURRENCY_MISMATCH),
        ("y/mrr", IssueKind.METRIC_MISMATCH),
        ("y/eur", IssueKind.CURRENCY_MISMATCH),
        ("y/vague", IssueKind.INCOMPLETE),
    ]


def test_rollup_averages_and_levels() -> None:
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    reps = {
        "a": attrs.evolve(win_rate, target=Target.at_least("0.2")),
        "b": attrs.evolve(win_rate, target=Target.at_least("0.4")),
    }
    # Rates roll up by their weights (the deals behind them): 0.2 × 3/4 + 0.4 × 1/4 = 0.25.
    plan = Plan.from_goal(win_rate, id="w").attach("w", reps, weights={"a": 3, "b": 1})
    assert plan.rollup()["w"] == Decimal("0.25")
    assert [(i.kind, i.expected, i.actual) for i in plan.check()] == [
        (IssueKind.UNDER_ASSIGNED, Decimal("0.3"), Decimal("0.25"))
    ]
    weighted = Plan.from_goal(win_rate, id="w").attach("w", assign(win_rate, {"a": 3, "b": 1}))
    assert weighted.rollup()["w"] == Decimal("0.3")

    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        target=Target.level(140_000),
        baseline=100_000,
        timeframe=YEAR,
    )
    by_quarter = Plan.from_goal(mrr, id="m").attach("m", split_by_period(mrr, "quarter"))
    assert by_quarter.rollup()["m"] == 140_000
    assert by_quarter.check() == ()
    by_team = Plan.from_goal(mrr, id="m").attach("m", assign(mrr, {"a": 1, "b": 1}))
    assert by_team.rollup()["m"] == 140_000
    assert by_team.check() == ()


def test_lock_keeps_the_override_and_rebalances_the_siblings() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1, "west": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", split_by_period(teams["south"], "quarter"))
    locked = plan.lock("y/north", 600_000)
    assert locked.node("y/north").locked
    assert locked.node("y/north").goal.target_value == 600_000
    assert locked.node("y/south").goal.target_value == Decimal("300000.00")
    assert locked.node("y/west").goal.target_value == Decimal("300000.00")
    # The parts below a changed node follow it.
    assert [c.goal.target_value for c in locked.node("y/south").children] == [
        Decimal("75000.00")
    ] * 4
    assert locked.check() == ()
    # A second lock leaves the first alone.
    twice = locked.lock("y/west", 500_000)
    assert twice.node("y/north").goal.target_value == 600_000
    assert twice.node("y/south").goal.target_value == Decimal("100000.00")
    assert [c.goal.target_value for c in twice.node("y/south").children] == [
        Decimal("25000.00")
    ] * 4
    assert twice.check() == ()


def test_lock_respects_locked_descendants_and_the_root() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", split_by_period(teams["south"], "quarter"))
    plan = plan.lock("y/south/FY2027 Q1", 300_000)
    grown = plan.lock("y", 1_500_000)
    assert grown.node("y").goal.target_value == 1_500_000
    assert grown.node("y/south/FY2027 Q1").goal.target_value == 300_000
    assert grown.check() == ()
    assert grown.rollup()["y"] == 1_500_000


def test_lock_errors() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    with pytest.raises(InvalidInputError, match="more than its target"):
        plan.lock("y/north", 1_300_000)
    with pytest.raises(InvalidInputError, match="not a multiple of the quantum"):
        plan.lock("y/north", "10.001")
    both = plan.lock("y/north", 200_000)
    with pytest.raises(InvalidInputError, match="every part of 'y' is locked"):
        both.lock("y/south", 100_000)
    with pytest.raises(KeyError, match="no plan node has the id 'y/east'"):
        plan.lock("y/east", 1)
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    rates = Plan.from_goal(win_rate, id="w").attach("w", assign(win_rate, {"a": 1, "b": 1}))
    with pytest.raises(InvalidInputError, match="does not add up"):
        rates.lock("w/a", "0.5")
    mrr = Goal(metric=metrics.get("mrr"), target=Target.level(200), baseline=100, timeframe=YEAR)
    path = Plan.from_goal(mrr, id="m").attach("m", split_by_period(mrr, "quarter"))
    with pytest.raises(InvalidInputError, match="milestones"):
        path.lock("m/FY2027 Q1", 150)


def test_ids_must_be_unique_and_children_known() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", {"a": goal(1)})
    with pytest.raises(InvalidInputError, match="two plan nodes have the id 'y/a'"):
        plan.attach("y", {"a": goal(1)})
    with pytest.raises(InvalidInputError, match="non-empty strings"):
        Plan(PlanNode("", ANNUAL))
    with pytest.raises(InvalidInputError, match="children must be"):
        plan.attach("y", [goal(1)])  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        plan.node("nope")


def test_plan_issue_difference() -> None:
    assert PlanIssue("a", IssueKind.PERIOD_GAP, "gap").difference is None


def test_plans_round_trip_through_the_serializer() -> None:
    plan = layered_plan().lock("2027/EMEA/FY2027 Q1", 250_000)
    document = json.loads(serialize.to_json(plan))
    assert document["root"]["children"][0]["weight"] == "2/3"
    assert document["root"]["children"][0]["relation"] == "part"
    assert serialize.from_dict(document, Plan) == plan
    assert serialize.from_json(serialize.to_json(plan), Plan) == plan


@st.composite
def org_shapes(draw: st.DrawFn) -> tuple[int, list[list[int]]]:
    total = draw(st.integers(0, 10**9))
    teams = draw(
        st.lists(
            st.lists(st.integers(0, 5), min_size=1, max_size=5).filter(any), min_size=1, max_size=4
        )
    )
    return total, teams


@settings(deadline=None, max_examples=30)
@given(org_shapes(), st.sampled_from(["quarter", "month"]))
def test_an_exactly_split_plan_checks_clean_and_rolls_up_to_its_target(
    shape: tuple[int, list[list[int]]], granularity: str
) -> None:
    total, teams = shape
    annual = goal(total)
    team_split = assign(annual, {f"t{i}": sum(reps) for i, reps in enumerate(teams)})
    plan = Plan.from_goal(annual, id="y").attach("y", team_split)
    for i, reps in enumerate(teams):
        team_goal = team_split[f"t{i}"]
        if not sum(reps):
            continue
        rep_split = assign(team_goal, {f"r{j}": w for j, w in enumerate(reps)})
        plan = plan.attach(f"y/t{i}", rep_split)
        for j in range(len(reps)):
            plan = plan.attach(f"y/t{i}/r{j}", split_by_period(rep_split[f"r{j}"], granularity))
    assert plan.check() == ()
    rolled = plan.rollup()
    assert rolled["y"] == total
    for node in plan.nodes():
        assert rolled[node.id] == node.goal.target_value


def test_lock_keeps_over_assignment_at_every_level() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1}, over_assignment="0.1")
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", assign(teams["south"], {"a": 1, "b": 1}, over_assignment="0.1"))
    locked = plan.lock("y/north", 700_000)
    assert str(locked.node("y/north").goal.target_value) == "700000.00"
    south = locked.node("y/south")
    assert south.goal.target_value == Decimal("620000.00")
    assert [c.goal.target_value for c in south.parts] == [Decimal("341000.00")] * 2
    issues = {(i.node, i.kind): i.difference for i in locked.check()}
    assert issues == {
        ("y", IssueKind.OVER_ASSIGNED): Decimal("120000.00"),
        ("y/south", IssueKind.OVER_ASSIGNED): Decimal("62000.00"),
    }


# -- the notebook display ---------------------------------------------------------------------


class _Cells(HTMLParser):
    """A table's cells: their text by row, their colour, and the columns aligned right."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.right: set[int] = set()
        self.colours: list[list[str]] = []
        self.indents: list[str] = []
        self._cell: list[str] | None = None
        self._colour = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = dict(attrs).get("style") or ""
        if tag == "tr":
            self.rows.append([])
            self.colours.append([])
        elif tag in ("td", "th"):
            self._cell, self._colour = [], ""
            if "text-align:right" in style:
                self.right.add(len(self.rows[-1]))
        elif tag == "span" and self._cell is not None:
            if style.startswith("padding-left:"):
                self.indents.append(style.removeprefix("padding-left:"))
            elif style.startswith("color:"):
                self._colour = style.split(";")[0].removeprefix("color:")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join(self._cell))
            self.colours[-1].append(self._colour)
            self._cell = None


def _cells(page: str) -> _Cells:
    parser = _Cells()
    parser.feed(page)
    return parser


def _half_year_plan() -> Plan:
    """2027 in halves: H1 over-assigned 10% on purpose to Ann and Bob, H2 only 300,000 to Cy."""
    ann, bob = Owner("Ann", Scope.INDIVIDUAL), Owner("Bob", Scope.INDIVIDUAL)
    root = goal(1_000_000, statement="Sell <1M> in 2027")
    plan = Plan.from_goal(root, id="2027").attach("2027", split_by_period(root, "half"))
    h1 = plan.node("2027/FY2027 H1").goal
    plan = plan.attach("2027/FY2027 H1", assign(h1, {ann: 1, bob: 1}, over_assignment="0.1"))
    cy = goal(300_000, Timeframe.half(2027, 2), owner=Owner("Cy", Scope.INDIVIDUAL))
    return plan.attach("2027/FY2027 H2", {"cy": cy})


def test_the_display_shows_every_node_its_numbers_and_what_check_found() -> None:
    page = _half_year_plan()._repr_html_()
    cells = _cells(page)
    h1, h2 = "2027-01-01 – 2027-06-30", "2027-07-01 – 2027-12-31"
    assert cells.rows == [
        [
            "node",
            "relation",
            "metric",
            "target",
            "share of parent",
            "parts add up to",
            "owner",
            "timeframe",
            "check",
        ],
        ["2027", "root", "revenue", "1,000,000.00 USD", "", "850,000.00 USD", "Acme",
         "2027-01-01 – 2027-12-31", "adds up"],
        ["FY2027 H1", "part", "revenue", "500,000.00 USD", "50.0%", "550,000.00 USD", "Acme",
         h1, "over assigned"],
        ["Ann", "part", "revenue", "275,000.00 USD", "55.0%", "", "Ann", h1, ""],
        ["Bob", "part", "revenue", "275,000.00 USD", "55.0%", "", "Bob", h1, ""],
        ["FY2027 H2", "part", "revenue", "500,000.00 USD", "50.0%", "300,000.00 USD", "Acme",
         h2, "under assigned"],
        ["cy", "part", "revenue", "300,000.00 USD", "60.0%", "", "Cy", h2, ""],
    ]  # fmt: skip
    assert cells.right == {3, 4, 5}
    # Depth first, each level one em further in; intended over-assignment is a warning.
    assert cells.indents == ["0.0em", "1.0em", "2.0em", "2.0em", "1.0em", "2.0em"]
    assert [row[-1] for row in cells.colours[1:]] == [
        "#1a7f37", "#9a6700", "", "", "#cf222e", "",
    ]  # fmt: skip
    assert "<strong>Plan: Sell &lt;1M&gt; in 2027</strong> (6 nodes)" in page
    assert ">2 issues</span>" in page
    assert page.endswith(
        "<ul><li>the parts of 2027/FY2027 H1 come to 550000 against a target of 500000: "
        "over-assigned by 50000 (10%), as intended (over-assignment of 10%)</li>"
        "<li>the parts of 2027/FY2027 H2 come to 300000 against a target of 500000: "
        "under-assigned by 200000 (-40%)</li></ul></div>"
    )


def test_the_display_of_a_clean_plan_of_drivers_and_a_blank_goal() -> None:
    customers = Goal(metric=metrics.get("new_customers"), target=Target.level(25), timeframe=YEAR)
    plan = Plan.from_goal(customers, id="y").attach(
        "y", activity_targets(customers, Funnel(close_rate="0.3"))
    )
    page = plan._repr_html_()
    # Levels show as amounts, other targets as the goal writes them; drivers have no share.
    assert [row[:6] for row in _cells(page).rows[1:]] == [
        ["y", "root", "new customers", "25", "", ""],
        ["deals_won", "driver", "deals won", "≥ 25", "", ""],
        ["opportunities", "driver", "opportunities", "≥ 84", "", ""],
    ]
    assert "<strong>Plan: new customers</strong> (3 nodes)" in page
    assert ">adds up</span></div><table" in page
    assert "<ul>" not in page
    blank = _cells(Plan.from_goal(Goal(), id="draft")._repr_html_())
    assert blank.rows[1] == ["draft", "root", "", "missing", "", "", "", "", ""]
    assert blank.colours[1][3] == "#cf222e"
    assert "Plan: draft</strong>" in Plan.from_goal(Goal(), id="draft")._repr_html_()
    # A child whose id does not start with its parent's shows its whole id.
    odd = Plan(PlanNode("2027", goal(10), [PlanNode("20270", goal(10))]))
    assert [row[0] for row in _cells(odd._repr_html_()).rows[1:]] == ["2027", "20270"]


def test_a_long_plan_shows_its_first_rows_and_counts_the_rest() -> None:
    plan = Plan.from_goal(ANNUAL, id="2027").attach("2027", split_by_period(ANNUAL, "quarter"))
    assert [row[0] for row in _cells(render_plan(plan, max_rows=3)).rows[1:]] == [
        "2027",
        "FY2027 Q1",
        "FY2027 Q2",
        "… and 2 more nodes",
    ]
    assert _cells(render_plan(plan, max_rows=4)).rows[-1] == ["… and 1 more node"]
    assert _cells(render_plan(plan, max_rows=5)).rows[-1][0] == "FY2027 Q4"
    short = plan.attach("2027/FY2027 Q1", {"a": goal(1, Timeframe.quarter(2027, 1))})
    (issue,) = short.check()
    page = render_plan(short)
    assert ">1 issue</span>" in page
    assert f"<ul><li>{issue.message}</li></ul>" in page


# -- locking: exact rebalancing and its boundaries --------------------------------------------


def calls(value: object, timeframe: Timeframe = YEAR) -> Goal:
    return Goal(metric=metrics.get("calls"), target=Target.level(value), timeframe=timeframe)


def values_of(plan: Plan, node: str = "y") -> list[Decimal]:
    return [part.goal.target_value for part in plan.node(node).parts]


def test_lock_shares_the_rest_by_the_parts_weights_not_their_rounded_values() -> None:
    # 2 calls over three equal reps are 1, 1, 0; with a at 0, b and c share 2 by weight.
    plan = Plan.from_goal(calls(2), id="y").attach("y", assign(calls(2), dict.fromkeys("abc", 1)))
    assert values_of(plan) == [1, 1, 0]
    assert values_of(plan.lock("y/a", 0)) == [0, 1, 1]


def test_lock_shares_the_rest_by_current_values_when_weights_say_nothing() -> None:
    # Zero weights: b and c hold nothing, so they share what a gives up equally.
    zero = Plan.from_goal(calls(10), id="y").attach(
        "y", assign(calls(10), {"a": 1, "b": 0, "c": 0})
    )
    assert values_of(zero.lock("y/a", 4)) == [4, 3, 3]
    # No weights (attached by hand): the rest follows the current values 5 and 0.
    by_hand = Plan.from_goal(calls(10), id="y").attach(
        "y", {"a": calls(5), "b": calls(0), "c": calls(5)}
    )
    assert values_of(by_hand.lock("y/c", 2)) == [8, 0, 2]


def test_lock_boundaries_a_locked_zero_the_last_part_and_one_quantum() -> None:
    plan = Plan.from_goal(calls(10), id="y").attach(
        "y", assign(calls(10), dict.fromkeys("abc", 1))
    )
    # A part locked at zero still holds zero: b at 6 leaves exactly 4 for c.
    assert values_of(plan.lock("y/a", 0).lock("y/b", 6)) == [0, 6, 4]
    two = Plan.from_goal(calls(10), id="y").attach("y", assign(calls(10), dict.fromkeys("ab", 1)))
    assert values_of(two.lock("y/a", 10)) == [10, 0]
    # Locking the last free part at exactly the rest is accepted; one quantum off is not.
    both = two.lock("y/a", 4).lock("y/b", 6)
    assert values_of(both) == [4, 6]
    assert [n.locked for n in both.root.parts] == [True, True]
    with pytest.raises(InvalidInputError, match="add up to 9, not 10; unlock a part"):
        two.lock("y/a", 4).lock("y/b", 5)
    teams = Plan.from_goal(ANNUAL, id="y").attach("y", assign(ANNUAL, {"north": 1, "south": 1}))
    assert values_of(teams.lock("y/north", "1199999.50")) == [
        Decimal("1199999.50"),
        Decimal("0.50"),
    ]


def test_lock_writes_the_new_target_in_the_node_s_kind_and_quantum() -> None:
    grown = attrs.evolve(ANNUAL, target=Target.change("0.2"), baseline=1_000_000)
    assert Plan.from_goal(grown, id="y").lock("y", 1_500_000).root.goal.target == Target.level(
        1_500_000
    )
    floor = attrs.evolve(ANNUAL, target=Target.at_least(1000))
    plan = Plan.from_goal(floor, id="y").attach("y", assign(floor, {"a": 1, "b": 1}))
    assert [p.goal.target for p in plan.lock("y/a", 300).root.parts] == [
        Target.at_least(300),
        Target.at_least(700),
    ]
    teams = Plan.from_goal(ANNUAL, id="y").attach("y", assign(ANNUAL, {"north": 1, "south": 1}))
    assert str(teams.lock("y/north", 600_000, quantum=1).node("y/north").goal.target_value) == (
        "600000"
    )
    assert str(teams.lock("y/north", 600_000).node("y/north").goal.target_value) == "600000.00"
    # A node and parts at zero have no rate to keep: the new value is shared by weight.
    empty = Plan.from_goal(calls(0), id="y").attach("y", assign(calls(0), {"a": 1, "b": 1}))
    assert values_of(empty.lock("y", 10)) == [5, 5]
    # A zero target with parts above it has no rate either: the parts share the new value.
    zero = Plan.from_goal(calls(0), id="y").attach("y", {"a": calls(2), "b": calls(6)})
    assert values_of(zero.lock("y", 20)) == [5, 15]


def test_lock_reports_a_fully_locked_group_further_down() -> None:
    teams = assign(ANNUAL, {"north": 1, "south": 1})
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", teams)
    plan = plan.attach("y/south", split_by_period(teams["south"], "half"))
    plan = plan.lock("y/south/FY2027 H1", 300_000).lock("y/south/FY2027 H2", 300_000)
    with pytest.raises(
        InvalidInputError,
        match=r"^every part of 'y/south' is locked and they add up to 600000, not 700000",
    ):
        plan.lock("y/north", 500_000)
    parent = plan.parent("y/north")
    assert parent is not None
    assert parent.id == "y"


_TEAMS = Plan.from_goal(ANNUAL, id="y").attach("y", assign(ANNUAL, {"north": 1, "south": 1}))
_WIN_RATE = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
_MRR = Goal(metric=metrics.get("mrr"), target=Target.level(200), baseline=100, timeframe=YEAR)
_NO_METRIC = Plan(
    PlanNode("n", Goal(target=Target.level(10)), [PlanNode("n/a", Goal(target=Target.level(4)))])
)
_NO_TARGET = Plan.from_goal(ANNUAL, id="y").attach(
    "y", {"a": goal(1), "b": attrs.evolve(ANNUAL, target=None)}
)


@pytest.mark.parametrize(
    ("call", "message", "name", "value"),
    [
        (
            lambda: _TEAMS.lock("y/north", 1_300_000),
            "the locked parts of 'y' add up to 1300000, more than its target 1200000; "
            "lower a locked value",
            "value",
            Decimal("1200000.00"),
        ),
        (
            lambda: _TEAMS.lock("y/north", 200_000).lock("y/south", 100_000),
            "every part of 'y' is locked and they add up to 300000, not 1200000; unlock a part",
            "value",
            Decimal("1200000.00"),
        ),
        (
            lambda: (
                Plan.from_goal(_WIN_RATE, id="w")
                .attach("w", assign(_WIN_RATE, {"a": 1, "b": 1}))
                .lock("w/a", "0.5")
            ),
            "cannot rebalance the parts of 'w': win rate does not add up; "
            "set each part's target directly",
            "node",
            "w",
        ),
        (
            lambda: _NO_METRIC.lock("n/a", 5, quantum=1),
            "cannot rebalance the parts of 'n': its metric does not add up; "
            "set each part's target directly",
            "node",
            "n",
        ),
        (
            lambda: (
                Plan.from_goal(_MRR, id="m")
                .attach("m", split_by_period(_MRR, "quarter"))
                .lock("m/FY2027 Q1", 150)
            ),
            "cannot rebalance the parts of 'm': they are milestones of monthly recurring "
            "revenue over periods, not shares; split the goal by period again",
            "node",
            "m",
        ),
        (
            lambda: _NO_METRIC.lock("n/a", 5),
            "node 'n/a' has no metric; pass quantum= to lock it",
            "quantum",
            None,
        ),
        (
            lambda: _NO_TARGET.lock("y/a", 5),
            "a part of 'y' has no target value, so the parts cannot be rebalanced",
            "node",
            "y",
        ),
        (lambda: _NO_TARGET.lock("y/b", 5), "node 'y/b' has no target to change", "node", "y/b"),
        (
            lambda: _TEAMS.lock("y/north", 5, quantum=0),
            "quantum must be above zero, got 0; use 1 for counts or 0.01 for money",
            "quantum",
            0,
        ),
        (
            lambda: _TEAMS.lock("y/north", "ten"),
            "value must be a number, got 'ten'; write it like '1500' or '0.05'",
            "value",
            "ten",
        ),
        (
            lambda: _TEAMS.check(capacity={"y/north": -5}),
            "capacity of y/north is -5; a capacity is zero or more",
            "capacity",
            -5,
        ),
        (
            lambda: _TEAMS.check(capacity={"y/north": "lots"}),
            "capacity of y/north must be a number, got 'lots'; write it like '1500' or '0.05'",
            "capacity of y/north",
            "lots",
        ),
        (
            lambda: _TEAMS.check(capacity={"team": 1}),
            "capacity given for 'team', which is not a node of the plan; "
            "use a node id such as 'y'",
            "capacity",
            "team",
        ),
    ],
)
def test_plan_errors_name_the_node_and_the_values(
    call: Callable[[], object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_an_unknown_node_is_a_key_error_naming_it() -> None:
    lookups: list[Callable[[], object]] = [
        lambda: _TEAMS.node("y/east"),
        lambda: _TEAMS.parent("y/east"),
        lambda: _TEAMS.lock("y/east", 1),
    ]
    for call in lookups:
        with pytest.raises(KeyError) as raised:
            call()
        assert raised.value.args == ("no plan node has the id 'y/east'",)


def test_a_zero_capacity_is_a_gap_of_the_whole_target() -> None:
    issues = _TEAMS.check(capacity={"y/north": 0, "y/south": "0.5"})
    assert [(i.node, i.expected, i.actual, i.difference) for i in issues] == [
        ("y", Decimal("1200000.00"), Decimal("0.5"), Decimal("-1199999.50")),
    ]


def test_intended_over_assignment_is_reported_at_the_lowest_node_above_all_its_nodes() -> None:
    def over_assigned_halves(plan: Plan, node: str) -> Plan:
        plan = plan.attach(node, split_by_period(plan.node(node).goal, "half"))
        for half in [n.id for n in plan.node(node).parts]:
            plan = plan.attach(
                half, assign(plan.node(half).goal, {"a": 1, "b": 1}, over_assignment="0.1")
            )
        return plan

    (issue,) = over_assigned_halves(Plan.from_goal(ANNUAL, id="y"), "y").check()
    assert (issue.node, issue.nodes) == ("y", ("y/FY2027 H1", "y/FY2027 H2"))
    assert issue.message == (
        "the parts of 2 nodes below y come to 1320000 against a target of 1200000: "
        "over-assigned by 120000 (10%), as intended (over-assignment of 10%)"
    )
    team = Plan.from_goal(ANNUAL, id="y").attach("y", {"t": ANNUAL})
    (deeper,) = over_assigned_halves(team, "y/t").check()
    assert (deeper.node, deeper.expected, deeper.actual, deeper.rounding) == (
        "y/t",
        Decimal("1200000.00"),
        Decimal("1320000.00"),
        Decimal(0),
    )
    (dutch,) = over_assigned_halves(team, "y/t").check(lang="nl")
    assert dutch.message.startswith("de delen van 2 knopen onder y/t komen op 1320000")


def test_check_messages_name_the_parts_and_what_differs_in_english_and_dutch() -> None:
    calls_goal = Goal(metric=metrics.get("calls"), target=Target.level(10), timeframe=YEAR)
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "calls": calls_goal,
            "mrr": goal(10, metric=metrics.get("mrr")),
            "vague": Goal(metric=metrics.get("revenue"), timeframe=YEAR, currency="USD"),
        },
    )
    assert [i.message for i in plan.check()] == [
        "y/calls is measured in count but its parent y in currency; parts must share the unit",
        "y/calls is in no currency but its parent y in USD",
        "y/mrr is about monthly recurring revenue but its parent y about revenue; attach it as "
        "a driver if it feeds the parent",
        "y/vague has no target value (missing: direction, target), so it cannot be added up",
    ]
    assert [i.message for i in plan.check(lang="nl")] == [
        "y/calls wordt gemeten in count maar het bovenliggende y in currency; delen moeten "
        "dezelfde eenheid hebben",
        "y/calls is in geen valuta maar het bovenliggende y in USD",
        "y/mrr gaat over maandelijks terugkerende omzet maar het bovenliggende y over omzet; "
        "koppel het als driver als het daaraan bijdraagt",
        "y/vague heeft geen doelwaarde (ontbreekt: direction, target), dus het telt niet mee",
    ]


def test_period_messages_count_the_uncovered_days() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "h1": goal(600_000, Timeframe.half(2027, 1)),
            "q2": goal(0, Timeframe.quarter(2027, 2)),
            "h2": goal(600_000, Timeframe(date(2027, 7, 2), date(2028, 2, 1))),
        },
    )
    assert [(i.kind, i.message, i.timeframes) for i in plan.check()] == [
        (
            IssueKind.OUTSIDE_PERIOD,
            "parts of y run outside its timeframe 2027-01-01 – 2027-12-31: "
            "2027-07-02 – 2028-01-31",
            (Timeframe(date(2027, 7, 2), date(2028, 2, 1)),),
        ),
        (
            IssueKind.PERIOD_GAP,
            "the periods of y leave 1 day of 2027-01-01 – 2027-12-31 uncovered: 2027-07-01",
            (Timeframe(date(2027, 7, 1), date(2027, 7, 2)),),
        ),
        (
            IssueKind.PERIOD_OVERLAP,
            "periods of y overlap: 2027-04-01 – 2027-06-30",
            (Timeframe.quarter(2027, 2),),
        ),
    ]
    assert [i.message for i in plan.check(lang="nl")] == [
        "delen van y vallen buiten de periode 2027-01-01 – 2027-12-31: 2027-07-02 – 2028-01-31",
        "de perioden van y laten 1 dag van 2027-01-01 – 2027-12-31 open: 2027-07-01",
        "perioden van y overlappen: 2027-04-01 – 2027-06-30",
    ]
    assert {i.node for i in plan.check()} == {"y"}
    # Two gaps and two stray periods are listed together; a period after the end leaves no gap.
    holes = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "q1": goal(300_000, Timeframe.quarter(2027, 1)),
            "q3": goal(300_000, Timeframe.quarter(2027, 3)),
            "next": goal(1, Timeframe.quarter(2028, 1)),
            "last": goal(1, Timeframe.quarter(2026, 4)),
        },
    )
    assert [(i.kind, i.message) for i in holes.check()[:2]] == [
        (
            IssueKind.OUTSIDE_PERIOD,
            "parts of y run outside its timeframe 2027-01-01 – 2027-12-31: "
            "2026-10-01 – 2026-12-31, 2028-01-01 – 2028-03-31",
        ),
        (
            IssueKind.PERIOD_GAP,
            "the periods of y leave 183 days of 2027-01-01 – 2027-12-31 uncovered: "
            "2027-04-01 – 2027-06-30, 2027-10-01 – 2027-12-31",
        ),
    ]
    # The last day left open is a gap at the end; a zero target has no percentage.
    short = Plan.from_goal(ANNUAL, id="y").attach(
        "y", {"a": goal(1_200_000, Timeframe(date(2027, 1, 1), date(2027, 12, 31)))}
    )
    assert [i.timeframes for i in short.check()] == [(Timeframe.day(date(2027, 12, 31)),)]
    (over,) = Plan.from_goal(goal(0), id="y").attach("y", {"a": goal(5)}).check()
    assert over.message == "the parts of y come to 5 against a target of 0: over-assigned by 5"


def test_the_display_resolves_a_change_and_lists_every_issue_of_a_node() -> None:
    grown = attrs.evolve(ANNUAL, target=Target.change("0.2"), baseline=1_000_000)
    plan = Plan.from_goal(grown, id="y").attach("y", {"a": goal(300_000, Timeframe.half(2027, 1))})
    page = plan._repr_html_()
    cells = _cells(page)
    assert cells.rows[1][3] == "+20% → 1,200,000.00 USD"
    assert cells.rows[1][-1] == "period gap   under assigned"
    assert cells.colours[1][-1] == "#cf222e"
    assert (
        '<span style="color:#cf222e;border:1px solid #cf222e;border-radius:3px;padding:0 4px;'
        'white-space:nowrap">2 issues</span></div>'
    ) in page
    # A level without a metric is still an amount.
    assert _cells(_NO_METRIC._repr_html_()).rows[1:] == [
        ["n", "root", "", "10", "", "4", "", "", "under assigned"],
        ["a", "part", "", "4", "", "", "", "", ""],
    ]
    clean = (
        Plan.from_goal(ANNUAL, id="y").attach("y", split_by_period(ANNUAL, "half"))._repr_html_()
    )
    assert (
        '(3 nodes) <span style="color:#1a7f37;border:1px solid #1a7f37;border-radius:3px;'
        'padding:0 4px;white-space:nowrap">adds up</span></div>'
    ) in clean
    assert clean.endswith("</table></div>")


def test_shares_are_each_part_s_value_over_its_parent_s_target() -> None:
    # Parts with baselines of a SUM goal: the whole value counts, not the increase.
    revenue = Plan.from_goal(goal(1000), id="y").attach(
        "y",
        {
            "none": attrs.evolve(ANNUAL, target=None),
            "a": goal(500, baseline=100),
            "b": goal(250, baseline=100),
        },
    )
    assert revenue.shares() == {"y/a": Fraction(1, 2), "y/b": Fraction(1, 4)}
    # A level assigned to owners: each part's share of the increase from the node's start.
    arr = Goal(metric=metrics.get("arr"), target=Target.level(1400), baseline=1000, timeframe=YEAR)
    team = assign(arr, {"ann": 1, "bob": 3}, books={"ann": 600, "bob": 400})
    assert [g.target_value for g in team.values()] == [700, 700]
    booked = Plan.from_goal(arr, id="a").attach("a", team)
    assert booked.shares() == {"a/ann": Fraction(1, 4), "a/bob": Fraction(3, 4)}
    unbased = attrs.evolve(arr, baseline=None)
    fresh = Plan.from_goal(unbased, id="u").attach("u", assign(unbased, {"ann": 1, "bob": 3}))
    assert fresh.shares() == {"u/ann": Fraction(1, 4), "u/bob": Fraction(3, 4)}
    # Nodes without shares (milestones, averages, zero or missing targets, no metric) are
    # skipped, and the nodes after them still get theirs.
    mrr = Goal(metric=metrics.get("mrr"), target=Target.level(200), baseline=100, timeframe=YEAR)
    path = Plan.from_goal(mrr, id="m").attach("m", split_by_period(mrr, "half"))
    first = path.node("m/FY2027 H1").goal
    path = path.attach("m/FY2027 H1", assign(first, {"ann": 1, "bob": 1}))
    assert path.shares() == {"m/FY2027 H1/ann": Fraction(1, 2), "m/FY2027 H1/bob": Fraction(1, 2)}
    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    for top in (win_rate, calls(0), Goal(metric=metrics.get("calls"), timeframe=YEAR)):
        plan = Plan.from_goal(top, id="t").attach("t", {"p": top})
        plan = plan.attach("t", {"d": calls(10)}, relation=Relation.DRIVER)
        plan = plan.attach("t/d", {"x": calls(4), "y": calls(6)})
        assert plan.shares() == {"t/d/x": Fraction(2, 5), "t/d/y": Fraction(3, 5)}
    assert _NO_METRIC.shares() == {}


def customers(value: object) -> Goal:
    return Goal(metric=metrics.get("new_customers"), target=Target.level(value), timeframe=YEAR)


def test_intended_over_assignment_is_recognised_within_one_quantum_of_rounding() -> None:
    def found(plan: Plan) -> list[tuple[bool, object, object, object]]:
        return [(i.intended, i.expected, i.actual, i.rounding) for i in plan.check()]

    def team(goal: Goal, rate: str) -> Plan:
        return Plan.from_goal(goal, id="y").attach(
            "y", assign(goal, {"a": 1, "b": 1}, over_assignment=rate)
        )

    # 10% of 5 customers is 0.5, rounded up to 1; 10% less of 25 is 22.5, rounded to 22.
    assert found(team(customers(5), "0.1")) == [(True, 5, 6, Decimal("0.5"))]
    assert found(team(customers(25), "-0.1")) == [(True, 25, 22, Decimal("0.5"))]
    # One more customer than the rounding explains is not what was intended.
    extra = team(customers(20), "0.1").attach("y", {"c": customers(1)})
    (issue,) = extra.check()
    assert (issue.intended, issue.rounding) == (False, None)
    assert (
        issue.message
        == "the parts of y come to 23 against a target of 20: over-assigned by 3 (15%)"
    )
    # A zero target over-assigned by half a call: no rate explains it.
    zero = team(calls(0), "0.1").attach("y", {"extra": calls("0.5")})
    assert [(i.intended, i.message) for i in zero.check()] == [
        (False, "the parts of y come to 0.5 against a target of 0: over-assigned by 0.5")
    ]
    # A level's owners share the increase: 10% of 400 on top of 1,400 ARR.
    arr = Goal(metric=metrics.get("arr"), target=Target.level(1400), baseline=1000, timeframe=YEAR)
    (level,) = team(arr, "0.1").check()
    assert (level.intended, level.actual) == (True, Decimal("1440.00"))
    assert level.message == (
        "the parts of y come to 1440 against a target of 1400: over-assigned by 40 (2.86%), "
        "as intended (over-assignment of 10%)"
    )
    # A sum with a baseline: the whole target is over-assigned, not the increase.
    (revenue,) = team(goal(1_000_000, baseline=800_000), "0.1").check()
    assert (revenue.intended, revenue.actual) == (True, Decimal("1100000.00"))


def test_shares_of_the_target_in_messages_have_two_decimals() -> None:
    (issue,) = Plan.from_goal(calls(6), id="y").attach("y", {"a": calls(4)}).check()
    assert issue.message == (
        "the parts of y come to 4 against a target of 6: under-assigned by 2 (-33.33%)"
    )


def test_a_part_on_another_unit_or_metric_is_not_added_up() -> None:
    uncurrencied = attrs.evolve(ANNUAL, currency=None)
    units = Plan.from_goal(uncurrencied, id="y").attach("y", {"calls": calls(10)}).check()
    assert [(i.node, i.kind) for i in units] == [("y/calls", IssueKind.UNIT_MISMATCH)]
    other = Plan.from_goal(ANNUAL, id="y").attach(
        "y", {"mrr": goal(10, metric=metrics.get("mrr"))}
    )
    assert [(i.node, i.kind) for i in other.check()] == [("y/mrr", IssueKind.METRIC_MISMATCH)]
    # A part without a metric is compared by its value alone.
    bare = Goal(target=Target.level(1_200_000), timeframe=YEAR, currency="USD")
    assert Plan.from_goal(ANNUAL, id="y").attach("y", {"x": bare}).check() == ()


def test_a_role_level_goal_assigned_to_its_holders_checks_clean() -> None:
    arr = Goal(
        metric=metrics.get("arr"),
        target=Target.level(1400),
        baseline=1000,
        timeframe=YEAR,
        owner=Owner("AE", Scope.ROLE),
    )
    team = assign(arr, {"a": 1, "b": 1})
    assert [g.target for g in team.values()] == [Target.level(1400)] * 2
    # Each AE grows her own book from 1,000 to 1,400: nothing is over-assigned.
    assert Plan.from_goal(arr, id="y").attach("y", team).check() == ()


def win_rate(value: str, timeframe: Timeframe | None = YEAR) -> Goal:
    return Goal(metric=metrics.get("win_rate"), target=Target.at_least(value), timeframe=timeframe)


def arr(value: int, baseline: int | None = None, timeframe: Timeframe | None = YEAR) -> Goal:
    return Goal(
        metric=metrics.get("arr"),
        target=Target.level(value),
        baseline=baseline,
        timeframe=timeframe,
    )


def test_rollup_of_levels_takes_the_increase_the_sum_or_the_last_milestone() -> None:
    def rolled(top: Goal, parts: dict[str, Goal]) -> Decimal:
        return Plan.from_goal(top, id="y").attach("y", parts).rollup()["y"]

    # Owners with books add their increases to the start (1,000 + 200 + 400); without every
    # book, the levels add.
    assert rolled(arr(1400, 1000), {"a": arr(700, 500), "b": arr(900, 500)}) == 1600
    assert rolled(arr(1400, 1000), {"a": arr(700, 500), "b": arr(700)}) == 1400
    assert rolled(arr(1400), {"a": arr(600), "b": arr(800)}) == 1400
    # Periods: the milestone of the period that ends last, in whatever order they are listed.
    h1, h2 = Timeframe.half(2027, 1), Timeframe.half(2027, 2)
    assert rolled(arr(1400, 1000), {"h2": arr(1400, None, h2), "h1": arr(1200, None, h1)}) == 1400
    # A part without a timeframe ends before every period.
    q1 = Timeframe.quarter(2027, 1)
    assert rolled(arr(1400, 1000), {"a": arr(1100, None, q1), "b": arr(1500, None, None)}) == 1100
    # Without a metric the parts add up.
    assert _NO_METRIC.rollup() == {"n": Decimal(4), "n/a": Decimal(4)}


def test_rollup_of_averages_weighs_by_weight_then_days() -> None:
    def weighted(a: Fraction, b: Fraction) -> Decimal:
        parts = [
            PlanNode("w/a", win_rate("0.2"), weight=a),
            PlanNode("w/b", win_rate("0.4"), weight=b),
        ]
        return Plan(PlanNode("w", win_rate("0.3"), parts)).rollup()["w"]

    assert weighted(Fraction(3, 4), Fraction(1, 4)) == Decimal("0.25")
    assert weighted(Fraction(1), Fraction(0)) == Decimal("0.2")
    # Weights that are all zero count equally.
    assert weighted(Fraction(0), Fraction(0)) == Decimal("0.3")
    # Periods without weights count by their days: 181 and 184 of 365.
    h1, h2 = Timeframe.half(2027, 1), Timeframe.half(2027, 2)
    halves = Plan.from_goal(win_rate("0.3"), id="w").attach(
        "w", {"h1": win_rate("0.2", h1), "h2": win_rate("0.4", h2)}
    )
    assert halves.rollup()["w"] == Decimal("109.8") / 365
    stray = Plan.from_goal(win_rate("0.3"), id="w").attach(
        "w", {"h1": win_rate("0.2", h1), "x": win_rate("0.4", None)}
    )
    assert stray.rollup()["w"] == Decimal("0.2")


def test_rollup_resolves_a_change_with_a_baseline_only() -> None:
    grown = attrs.evolve(ANNUAL, target=Target.change("0.2"), baseline=1_000_000)
    assert Plan.from_goal(grown, id="y").rollup() == {"y": Decimal(1_200_000)}
    assert Plan.from_goal(attrs.evolve(grown, baseline=None), id="y").rollup() == {}


@pytest.mark.parametrize(
    ("call", "message", "name", "value"),
    [
        (
            lambda: Plan(PlanNode("", ANNUAL)),
            "plan node ids must be non-empty strings, got ''",
            "id",
            "",
        ),
        (
            lambda: Plan(PlanNode(5, ANNUAL)),  # type: ignore[arg-type]
            "plan node ids must be non-empty strings, got 5",
            "id",
            5,
        ),
        (
            lambda: Plan(PlanNode("x", ANNUAL, [PlanNode("x", ANNUAL)])),
            "two plan nodes have the id 'x'; give every node its own id",
            "id",
            "x",
        ),
        (
            lambda: Plan.from_goal(ANNUAL, id="y").attach("y", [ANNUAL]),  # type: ignore[arg-type]
            "children must be a PeriodSplit, an Assignment, FunnelTargets or a mapping from "
            "label to Goal, got list",
            "children",
            [ANNUAL],
        ),
        (
            lambda: Plan.from_goal(ANNUAL).check(lang="de"),
            "unknown language 'de'; use 'en' or 'nl'",
            "lang",
            "de",
        ),
    ],
)
def test_plan_structure_errors_name_the_value(
    call: Callable[[], object], message: str, name: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert (str(raised.value), raised.value.name, raised.value.value) == (message, name, value)


def test_a_role_s_load_is_what_its_holders_carry_together() -> None:
    demos = Goal(
        metric=metrics.get("demos_booked"),
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        owner=Owner("AE", Scope.ROLE),
    )
    plan = Plan.from_goal(demos, id="q").attach("q", assign(demos, {"a": 1, "b": 1}))
    # Two AEs at 263 demos each in the quarter: 526, against a capacity of 500.
    assert [(i.node, i.kind, i.expected, i.actual) for i in plan.check(capacity={"q": 500})] == [
        ("q", IssueKind.OVER_CAPACITY, Decimal(526), Decimal(500))
    ]
    # A capacity equal to the load is enough.
    assert plan.check(capacity={"q": 526}) == ()


def test_intended_over_assignment_at_two_depths_is_reported_at_each() -> None:
    team = Plan.from_goal(ANNUAL, id="y").attach("y", {"t": ANNUAL})
    team = team.attach("y/t", assign(ANNUAL, {"a": 1, "b": 1}, over_assignment="0.1"))
    part = team.node("y/t/a").goal
    team = team.attach("y/t/a", assign(part, {"x": 1, "z": 1}, over_assignment="0.1"))
    assert [(i.node, i.nodes, i.expected) for i in team.check()] == [
        ("y/t", ("y/t",), Decimal(1_200_000)),
        ("y/t/a", ("y/t/a",), Decimal("660000.00")),
    ]


def test_the_display_of_parts_in_two_currencies_adds_nothing_up() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach(
        "y", {"eur": goal(600_000, currency="EUR"), "usd": goal(600_000)}
    )
    rows = _cells(plan._repr_html_()).rows[1:]
    assert [(row[0], row[3], row[5]) for row in rows] == [
        ("y", "1,200,000.00 USD", ""),
        ("eur", "600,000.00 EUR", ""),
        ("usd", "600,000.00 USD", ""),
    ]
    assert rows[1][-1] == "currency mismatch"


def test_more_period_and_rounding_edges_of_check() -> None:
    # A period after a fully covered year is outside it, and leaves no gap.
    later = Plan.from_goal(ANNUAL, id="y").attach(
        "y", {"all": goal(1_200_000), "later": goal(1, Timeframe.quarter(2028, 2))}
    )
    assert [i.kind for i in later.check()] == [
        IssueKind.OUTSIDE_PERIOD,
        IssueKind.OVER_ASSIGNED,
    ]
    overlapping = Plan.from_goal(ANNUAL, id="y").attach(
        "y",
        {
            "h1": goal(1, Timeframe.half(2027, 1)),
            "q1": goal(1, Timeframe.quarter(2027, 1)),
            "h2": goal(1, Timeframe.half(2027, 2)),
            "q4": goal(1, Timeframe.quarter(2027, 4)),
        },
    )
    assert overlapping.check()[0].message == (
        "periods of y overlap: 2027-01-01 – 2027-03-31, 2027-10-01 – 2027-12-31"
    )

    # Half a cent below a zero target is not an over-assignment of 10% rounded.
    def profit(value: str) -> Goal:
        return Goal(
            metric=metrics.get("profit"),
            target=Target.level(value),
            timeframe=YEAR,
            currency="EUR",
        )

    zero = Plan.from_goal(profit("0"), id="y").attach(
        "y", assign(profit("0"), {"a": 1}, over_assignment="0.1")
    )
    (issue,) = zero.attach("y", {"x": profit("-0.005")}).check()
    assert (issue.kind, issue.intended) == (IssueKind.UNDER_ASSIGNED, False)


def test_attach_keeps_the_relation_asked_for() -> None:
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", {"d": calls(10)}, relation=Relation.DRIVER)
    assert plan.node("y/d").relation is Relation.DRIVER
    assert Plan.from_goal(ANNUAL, id="y").attach("y", {"p": goal(1)}).node("y/p").relation is (
        Relation.PART
    )


def test_rates_without_weights_do_not_average() -> None:
    # Ana won 1 of 2 deals, Ben 10 of 100: the team won 11 of 102, not the mean 0.30.
    rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"), timeframe=YEAR)
    reps = {
        "ana": attrs.evolve(rate, target=Target.at_least("0.5")),
        "ben": attrs.evolve(rate, target=Target.at_least("0.1")),
    }
    bare = Plan.from_goal(rate, id="w").attach("w", reps)
    with pytest.raises(InvalidInputError) as raised:
        bare.rollup()
    assert raised.value.name == "weight"
    assert raised.value.value == "w"
    message = str(raised.value)
    assert "w/ana 0.5, w/ben 0.1" in message
    assert "weights={'ana': ..., 'ben': ...}" in message
    # The check reports it instead of raising, in the language asked for.
    (issue,) = bare.check()
    assert issue.kind is IssueKind.UNWEIGHTED
    assert issue.node == "w"
    assert issue.message == message
    (nl,) = bare.check(lang="nl")
    assert nl.message.startswith("de delen van w hebben verschillende doelen voor ")
    assert "geen gewichten" in nl.message

    pooled = Plan.from_goal(rate, id="w").attach("w", reps, weights={"ana": 2, "ben": 100})
    assert pooled.node("w/ana").weight == Fraction(1, 51)
    assert pooled.rollup()["w"] == Decimal(11) / Decimal(102)
    (short,) = pooled.check()
    assert short.kind is IssueKind.UNDER_ASSIGNED
    assert short.actual == Decimal(11) / Decimal(102)

    # The same rate for every owner is that rate, whatever the weights would be.
    same = Plan.from_goal(rate, id="w").attach("w", {"ana": rate, "ben": rate})
    assert same.rollup()["w"] == Decimal("0.25")
    assert same.check() == ()


def test_a_node_above_rates_that_do_not_combine_is_left_out_of_partial_rollups() -> None:
    rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"), timeframe=YEAR)
    reps = {"a": rate, "b": attrs.evolve(rate, target=Target.at_least("0.5"))}
    plan = Plan.from_goal(rate, id="w").attach("w", {"team": rate}).attach("w/team", reps)
    assert plan.rollup(partial=True) == {
        "w/team/a": Decimal("0.25"),
        "w/team/b": Decimal("0.5"),
    }
    with pytest.raises(InvalidInputError, match="the parts of w/team have different"):
        plan.rollup()


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        ({"a": 1}, r"missing \['b'\], unknown \[\]"),
        ({"a": 1, "b": 1, "c": 1}, r"missing \[\], unknown \['c'\]"),
        ({"a": -1, "b": 1}, "the weight of a is -1; weights must be zero or more"),
        ({"a": 0, "b": 0}, "every weight is zero"),
    ],
)
def test_attach_refuses_weights_that_do_not_fit(weights: dict[str, int], words: str) -> None:
    rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"), timeframe=YEAR)
    plan = Plan.from_goal(rate, id="w")
    with pytest.raises(InvalidInputError, match=words) as raised:
        plan.attach("w", {"a": rate, "b": rate}, weights=weights)
    assert raised.value.name == "weights"


def test_attach_takes_weights_only_with_a_mapping_of_goals() -> None:
    plan = Plan.from_goal(ANNUAL, id="y")
    with pytest.raises(InvalidInputError, match="weights= goes with a mapping") as raised:
        plan.attach("y", split_by_period(ANNUAL, "quarter"), weights={"Q1": 1})
    assert raised.value.name == "weights"


def test_a_plan_with_rates_that_do_not_combine_still_renders() -> None:
    rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"), timeframe=YEAR)
    reps = {"a": rate, "b": attrs.evolve(rate, target=Target.at_least("0.5"))}
    plan = Plan.from_goal(ANNUAL, id="y").attach("y", {"rate": rate}).attach("y/rate", reps)
    page = render_plan(plan)
    assert "the parts of y/rate have different win rate targets" in page
    # The rest of the plan keeps its roll-up.
    assert plan.rollup(partial=True)["y/rate/b"] == Decimal("0.5")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 500)), min_size=1, max_size=6))
def test_a_plan_rolls_rates_up_as_the_rate_of_the_pooled_counts(
    counts: list[tuple[int, int]],
) -> None:
    # Each owner wins `won` of `decided` deals; weighted by the deals, the team's rate is
    # Σ won ÷ Σ decided, whatever the spread of the owners' rates.
    counts = [(min(won, decided), decided) for won, decided in counts]
    team = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.25"), timeframe=YEAR)
    reps = {
        f"r{i}": attrs.evolve(team, target=Target.at_least(Decimal(won) / Decimal(decided)))
        for i, (won, decided) in enumerate(counts)
    }
    weights = {f"r{i}": decided for i, (_, decided) in enumerate(counts)}
    plan = Plan.from_goal(team, id="t").attach("t", reps, weights=weights)
    pooled = Fraction(sum(w for w, _ in counts), sum(d for _, d in counts))
    assert abs(Fraction(plan.rollup()["t"]) - pooled) < Fraction(1, 10**20)
