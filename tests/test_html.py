from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import _html, metrics
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.metrics import Unit
from smartgoals.planning import Funnel, Plan, activity_targets, assign, split_by_period
from smartgoals.planning._html import render_plan
from smartgoals.timeframes import Timeframe

D = Decimal
YEAR = Timeframe.year(2027)
GREEN, AMBER, RED, GREY = "#1a7f37", "#9a6700", "#cf222e", "#6e7781"
SCRIPT = '<script>alert("x")</script>'


def revenue_goal(**changes: object) -> Goal:
    fields: dict[str, object] = {
        "statement": "Increase revenue by 10% in 2027",
        "metric": metrics.get("revenue"),
        "direction": Direction.INCREASE,
        "target": Target.change("0.10"),
        "baseline": 1_000_000,
        "timeframe": YEAR,
        "currency": "EUR",
        "owner": Owner("Sam", Scope.INDIVIDUAL),
        "strategy": "by using consultative selling",
    }
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


def cells(page: str) -> list[list[str]]:
    """The table's rows as lists of cell texts, tags removed and entities decoded."""
    rows = re.findall(r"<tr>(.*?)</tr>", page)
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell))
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
        ]
        for row in rows
    ]


def assert_self_contained(page: str) -> None:
    for forbidden in ("<script", "<style", "<link", "<img", "src=", "href=", "url(", "http"):
        assert forbidden not in page.lower()


# -- goals ------------------------------------------------------------------------------


def test_goal_shows_every_field_with_its_value() -> None:
    page = _html.render_goal(revenue_goal())
    assert cells(page) == [
        ["field", "value"],
        ["metric", "revenue (revenue, currency)"],
        ["direction", "increase"],
        ["target", "+10% → 1,100,000.00 EUR"],
        ["baseline", "1,000,000.00 EUR"],
        ["timeframe", "2027-01-01 – 2027-12-31"],
        ["currency", "EUR"],
        ["owner", "Sam (individual)"],
        ["type", "individual"],
        ["strategy", "by using consultative selling"],
    ]
    assert "<em>Increase revenue by 10% in 2027</em>" in page
    assert f"color:{GREEN};border:1px solid {GREEN}" in page
    assert ">complete</span>" in page
    assert RED not in page
    assert_self_contained(page)


def test_incomplete_goal_marks_missing_fields_in_red_and_absent_options_in_grey() -> None:
    page = _html.render_goal(Goal(statement="Sell more"))
    rows = {row[0]: row[1] for row in cells(page)[1:]}
    assert [k for k, v in rows.items() if v == "missing"] == [
        "metric",
        "direction",
        "target",
        "timeframe",
    ]
    assert [k for k, v in rows.items() if v == "–"] == [
        "baseline",
        "currency",
        "owner",
        "strategy",
    ]
    assert page.count(f'<span style="color:{RED}">missing</span>') == 4
    assert page.count(f'<span style="color:{GREY}">–</span>') == 4
    assert "missing: metric, direction, target, timeframe" in page
    assert f"color:{RED};border:1px solid {RED}" in page


def test_a_change_without_baseline_shows_the_baseline_missing() -> None:
    page = _html.render_goal(revenue_goal(baseline=None))
    rows = {row[0]: row[1] for row in cells(page)[1:]}
    assert rows["target"] == "+10%"
    assert rows["baseline"] == "missing"
    assert "missing: baseline" in page


def test_goal_without_statement_is_titled_by_its_type() -> None:
    page = _html.render_goal(revenue_goal(statement=None))
    assert "<strong>Individual goal</strong>" in page


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        (
            Goal(metric=metrics.get("customer_churn_rate"), target=Target.at_most("0.02")),
            "≤ 2%",
        ),
        (Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.325")), "≥ 32.5%"),
        (
            Goal(metric=metrics.get("arr"), target=Target.level(2_400_000), currency="USD"),
            "= 2,400,000.00 USD",
        ),
        (Goal(metric=metrics.get("demos_booked"), target=Target.level(55), baseline=40), "= 55"),
        (
            Goal(
                metric=metrics.get("sales_cycle_length"), target=Target.change(-5, relative=False)
            ),
            "-5 days",
        ),
        (Goal(metric=metrics.get("cac"), target=Target.change("-0.05")), "-5%"),
    ],
)
def test_targets_read_in_the_metric_unit(goal: Goal, expected: str) -> None:
    assert _html.target_text(goal) == expected
    assert ["target", expected] in cells(_html.render_goal(goal))


def test_user_text_is_escaped_everywhere_in_a_goal() -> None:
    goal = revenue_goal(
        statement=SCRIPT,
        owner=Owner('Sam "<b>" & Co', Scope.TEAM),
        strategy="by <img src=x onerror=alert(1)>",
    )
    page = _html.render_goal(goal)
    assert "<script" not in page
    assert "<b>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Sam &quot;&lt;b&gt;&quot; &amp; Co (team)" in page
    rows = {row[0]: row[1] for row in cells(page)[1:]}
    assert rows["strategy"] == "by <img src=x onerror=alert(1)>"


@given(st.text(min_size=1))
def test_any_statement_is_shown_verbatim_and_never_adds_markup(text: str) -> None:
    plain = _html.render_goal(Goal(statement="x"))
    page = _html.render_goal(Goal(statement=text))
    assert f"<em>{html.escape(text, quote=True)}</em>" in page
    # The statement adds no tag: the markup is the same whatever the text.
    assert page.count("<") == plain.count("<")
    assert page.count(">") == plain.count(">")


def test_goal_repr_html_is_the_goal_display() -> None:
    goal = revenue_goal()
    assert goal._repr_html_() == _html.render_goal(goal)


# -- building blocks --------------------------------------------------------------------


def test_table_escapes_text_but_not_html_and_aligns_numbers_right() -> None:
    page = _html.table(
        ["name", "amount"],
        [["<i>x</i>", "1,200"], [_html.coloured("ok", GREEN), "3"]],
        numeric={1},
        footer="<2 more>",
    )
    assert cells(page) == [["name", "amount"], ["<i>x</i>", "1,200"], ["ok", "3"], ["<2 more>"]]
    assert "&lt;i&gt;x&lt;/i&gt;" in page
    assert f'<span style="color:{GREEN}">ok</span>' in page
    assert page.count("text-align:right") == 3
    assert '<td colspan="2"' in page
    assert_self_contained(page)


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match="a row has 1 cells for 2 columns"):
        _html.table(["a", "b"], [["only one"]])


def test_badge_escapes_its_text_and_colour() -> None:
    tag = _html.badge("<at risk>", 'red" onclick="x')
    assert "&lt;at risk&gt;" in tag
    assert 'onclick="' not in tag


@pytest.mark.parametrize(
    ("value", "unit", "currency", "expected"),
    [
        (D("1234567.891"), Unit.CURRENCY, "USD", "1,234,567.89 USD"),
        (D("0.125"), Unit.CURRENCY, None, "0.12"),
        (D("0.02"), Unit.RATIO, None, "2%"),
        (D("0.0125"), Unit.RATIO, None, "1.2%"),
        (D("1.2"), Unit.RATIO, None, "120%"),
        (D("45"), Unit.DAYS, None, "45 days"),
        (D("12.5"), Unit.HOURS, None, "12.50 hours"),
        (D("1200"), Unit.COUNT, None, "1,200"),
        (D("1.2E+3"), None, None, "1,200"),
        (None, Unit.COUNT, None, "n/a"),
        (D("Infinity"), Unit.CURRENCY, "EUR", "∞"),
    ],
)
def test_amounts_read_in_their_unit(
    value: Decimal | None, unit: Unit | None, currency: str | None, expected: str
) -> None:
    assert _html.amount(value, unit, currency) == expected


def test_status_colours_cover_every_progress_status() -> None:
    from smartgoals.tracking import ProgressStatus

    assert set(_html.STATUS_COLOURS) == {s.value for s in ProgressStatus}
    assert _html.STATUS_COLOURS["at_risk"] == RED
    assert _html.STATUS_COLOURS["behind"] == AMBER
    assert _html.STATUS_COLOURS["on_track"] == GREEN


# -- plans ------------------------------------------------------------------------------


def calls(target: int = 1200, **changes: object) -> Goal:
    fields: dict[str, object] = {
        "metric": metrics.get("calls"),
        "direction": Direction.INCREASE,
        "target": Target.level(target),
        "timeframe": YEAR,
    }
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


def test_plan_shows_one_row_per_node_with_rollup_and_check() -> None:
    year = calls()
    plan = Plan.from_goal(year, id="2027").attach("2027", split_by_period(year, "quarter"))
    page = render_plan(plan)
    rows = cells(page)
    assert rows[0] == [
        "node",
        "relation",
        "metric",
        "target",
        "share of parent",
        "parts add up to",
        "owner",
        "timeframe",
        "check",
    ]
    assert rows[1] == [
        "2027",
        "root",
        "calls",
        "1,200",
        "",
        "1,200",
        "",
        "2027-01-01 – 2027-12-31",
        "adds up",
    ]
    assert rows[2] == [
        "FY2027 Q1",
        "part",
        "calls",
        "300",
        "25.0%",
        "",
        "",
        "2027-01-01 – 2027-03-31",
        "",
    ]
    assert len(rows) == 6
    assert "(5 nodes)" in page
    assert page.count(f"color:{GREEN};border:1px solid {GREEN}") == 2  # the root and the title
    assert "padding-left:1.0em" in page  # the quarters are indented below the root
    assert "<ul>" not in page
    assert_self_contained(page)


def test_over_assignment_is_amber_and_under_assignment_red() -> None:
    year = calls(owner=Owner("Sales", Scope.TEAM))
    reps: dict[Owner | str, object] = {"Ann": 1, "Bo": 1}
    over = render_plan(
        Plan.from_goal(year, id="y").attach("y", assign(year, reps, over_assignment="0.1"))
    )
    assert (
        f'color:{AMBER};border:1px solid {AMBER};border-radius:3px;padding:0 4px;white-space:nowrap">over assigned'
        in over
    )
    assert [
        "y",
        "root",
        "calls",
        "1,200",
        "",
        "1,320",
        "Sales",
        "2027-01-01 – 2027-12-31",
        "over assigned",
    ] in cells(over)
    assert "over-assigned by 120 (10%)" in over
    assert ">1 issue</span>" in over
    short = render_plan(Plan.from_goal(year, id="y").attach("y", {"Ann": calls(500)}))
    assert (
        f'color:{RED};border:1px solid {RED};border-radius:3px;padding:0 4px;white-space:nowrap">under assigned'
        in short
    )
    assert "under-assigned by 700" in short


def test_stretch_and_driver_nodes_show_their_relation() -> None:
    revenue = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        timeframe=YEAR,
        currency="USD",
    )
    plan = Plan.from_goal(revenue, id="y").attach("y", assign(revenue, {"Ann": 1}, stretch="0.2"))
    plan = plan.attach(
        "y", activity_targets(revenue, Funnel(close_rate="0.25", average_deal_size=20_000))
    )
    rows = {row[0]: row for row in cells(render_plan(plan))[1:]}
    assert rows["stretch"][1:4] == ["stretch", "revenue", "1,440,000.00 USD"]
    assert rows["deals_won"][1:4] == ["driver", "deals won", "≥ 60"]
    assert rows["opportunities"][3] == "≥ 240"
    assert rows["y"][5] == "1,200,000.00 USD"  # the parts add up to the target


def test_plan_node_ids_and_messages_are_escaped() -> None:
    year = calls(statement=SCRIPT)
    plan = Plan.from_goal(year, id="<y>").attach("<y>", {"<b>Ann</b>": calls(100)})
    page = render_plan(plan)
    assert "<script" not in page
    assert "<b>" not in page
    assert "<y>" not in page
    assert "Plan: &lt;script&gt;" in page
    row = ["<b>Ann</b>", "part", "calls", "100", "8.3%", "", "", "2027-01-01 – 2027-12-31", ""]
    assert row in cells(page)
    assert "the parts of &lt;y&gt; come to 100" in page


def test_a_long_plan_shows_its_first_rows_and_counts_the_rest() -> None:
    year = calls(5200)
    plan = Plan.from_goal(year, id="y").attach("y", split_by_period(year, "week"))
    nodes = len(list(plan.nodes()))
    page = render_plan(plan, max_rows=10)
    rows = cells(page)
    assert len(rows) == 1 + 10 + 1
    assert rows[-1] == [f"… and {nodes - 10} more nodes"]
    assert f"({nodes} nodes)" in page
    assert len(cells(render_plan(plan))) == 1 + min(nodes, 60) + (1 if nodes > 60 else 0)


def test_incomplete_parts_show_their_target_missing() -> None:
    plan = Plan.from_goal(calls(), id="y").attach("y", {"a": Goal(timeframe=YEAR)})
    page = render_plan(plan)
    row = ["a", "part", "", "missing", "", "", "", "2027-01-01 – 2027-12-31", "incomplete"]
    assert row in cells(page)


def test_plan_repr_html_is_the_plan_display() -> None:
    plan = Plan.from_goal(calls(), id="y")
    assert plan._repr_html_() == render_plan(plan)


def test_timeframe_shows_its_inclusive_last_day() -> None:
    goal = revenue_goal(timeframe=Timeframe(date(2027, 2, 1), date(2027, 3, 1)))
    assert ["timeframe", "2027-02-01 – 2027-02-28"] in cells(_html.render_goal(goal))


def test_a_plan_that_mixes_currencies_still_renders_and_says_so() -> None:
    def revenue(amount: int, currency: str) -> Goal:
        return Goal(
            metric=metrics.get("revenue"),
            direction=Direction.INCREASE,
            target=Target.level(amount),
            timeframe=YEAR,
            currency=currency,
        )

    plan = Plan.from_goal(revenue(1200, "EUR"), id="t").attach(
        "t", {"a": revenue(600, "USD"), "b": revenue(600, "USD")}
    )
    page = render_plan(plan)
    rows = cells(page)
    assert rows[1][5] == ""  # no sum across two currencies
    assert "in USD but its parent t in EUR" in page
