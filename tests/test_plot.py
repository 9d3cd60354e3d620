from __future__ import annotations

import io
import itertools
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import IncompleteGoalError, InvalidInputError
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.planning import (
    Funnel,
    Plan,
    Seasonality,
    activity_targets,
    assign,
    split_by_period,
)
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import CheckIn, ProgressStatus, track

D = Decimal
Q2 = Timeframe.quarter(2027, 2)
YEAR = Timeframe.year(2027)
MAY_14 = date(2027, 5, 14)


@pytest.fixture
def mpl() -> Iterator[Any]:
    """matplotlib on the headless Agg backend; no figure may be left open in pyplot."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    yield matplotlib
    assert plt.get_fignums() == before
    plt.close("all")


def quota(statement: str | None = "Sam: 300k in Q2") -> Goal:
    return Goal(
        statement=statement,
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(300_000),
        timeframe=Q2,
        currency="USD",
        owner=Owner("Sam", Scope.INDIVIDUAL),
    )


CHECKINS = [CheckIn(date(2027, 4, 30), 85_000), CheckIn(date(2027, 5, 14), 40_000)]


def png(figure: Any, dpi: int = 50) -> Any:
    """Render ``figure`` to PNG bytes and read the pixels back."""
    from matplotlib.image import imread

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return imread(io.BytesIO(data), format="png")


def pixels_of(image: Any, colour: str) -> int:
    """How many pixels have ``colour`` (#rrggbb), within a small tolerance for anti-aliasing."""
    import numpy as np

    rgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(image[..., :3] - rgb).max(axis=-1) < 0.02).sum())


def legend(ax: Any) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def lines(ax: Any) -> dict[str, Any]:
    return {line.get_label(): line for line in ax.get_lines()}


def num(day: date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


# -- plot_progress ----------------------------------------------------------------------


def test_burn_up_has_actual_expected_target_and_projection(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    figure = plot_progress(quota(), CHECKINS, as_of=MAY_14)
    ax: Any = figure.axes[0]
    assert ax.get_title() == "Sam: 300k in Q2 – behind as of 2027-05-14"
    assert ax.get_xlabel() == "date"
    assert ax.get_ylabel() == "revenue (USD)"
    assert legend(ax) == ["expected", "target", "actual", "projection"]
    drawn = lines(ax)
    assert len(drawn) == 4
    # actual: from 0 at the start, through each check-in at the end of its day.
    actual = drawn["actual"]
    assert list(actual.get_ydata()) == [0.0, 85_000.0, 125_000.0]
    assert list(actual.get_xdata()) == [Q2.start, date(2027, 5, 1), date(2027, 5, 15)]
    # expected: from 0 at the start to the target at the (exclusive) end.
    expected = drawn["expected"]
    assert expected.get_xdata()[0] == Q2.start
    assert expected.get_xdata()[-1] == Q2.end
    assert (expected.get_ydata()[0], expected.get_ydata()[-1]) == (0.0, 300_000.0)
    assert list(drawn["target"].get_ydata()) == [300_000.0, 300_000.0]
    # projection: from the actual on as_of to Progress.projected at the end.
    progress = track(quota(), CHECKINS, as_of=MAY_14)
    projection = drawn["projection"]
    assert projection.get_ydata()[0] == pytest.approx(125_000.0)
    assert projection.get_ydata()[-1] == pytest.approx(float(progress.projected or 0))
    assert projection.get_xdata()[-1] == Q2.end
    assert ax.get_xlim() == (num(Q2.start), num(Q2.end))


def test_burn_up_is_drawn_in_the_status_colour(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    behind = plot_progress(quota(), CHECKINS, as_of=MAY_14)
    assert lines(behind.axes[0])["actual"].get_color() == "#9a6700"
    image = png(behind)
    assert image.shape[:2] == (200, 350)  # 7 x 4 inches at 50 dpi
    assert pixels_of(image, "#9a6700") > 50
    ahead = [CheckIn(date(2027, 4, 30), 200_000)]
    on_track = plot_progress(quota(), ahead, as_of=date(2027, 4, 30))
    assert lines(on_track.axes[0])["actual"].get_color() == "#1a7f37"
    assert pixels_of(png(on_track), "#1a7f37") > 50
    assert pixels_of(png(on_track), "#9a6700") == 0


def test_a_progress_and_its_checkins_draw_the_same_chart_as_the_goal(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    progress = track(quota(), CHECKINS, as_of=MAY_14)
    from_goal = lines(plot_progress(quota(), CHECKINS, as_of=MAY_14).axes[0])
    from_progress = lines(plot_progress(progress, CHECKINS).axes[0])
    assert from_goal.keys() == from_progress.keys()
    for label, line in from_goal.items():
        assert list(line.get_ydata()) == list(from_progress[label].get_ydata())


def test_a_progress_without_checkins_draws_the_actual_from_start_to_as_of(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    progress = track(quota(), CHECKINS, as_of=MAY_14)
    actual = lines(plot_progress(progress).axes[0])["actual"]
    assert list(actual.get_ydata()) == [0.0, 125_000.0]


def test_seasonal_pacing_bends_the_expected_line(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    months = split_by_period(quota(), "month", weights=Seasonality(["0.3", "0.3", "0.4"]))
    drawn = lines(plot_progress(quota(), CHECKINS, as_of=MAY_14, pacing=months).axes[0])
    xs, ys = list(drawn["expected"].get_xdata()), list(drawn["expected"].get_ydata())
    assert ys[xs.index(date(2027, 5, 1))] == pytest.approx(90_000)
    assert ys[xs.index(date(2027, 6, 1))] == pytest.approx(180_000)
    assert ys[-1] == pytest.approx(300_000)
    progress = track(quota(), CHECKINS, as_of=MAY_14, pacing=months)
    assert drawn["projection"].get_ydata()[-1] == pytest.approx(float(progress.projected or 0))


def test_a_rate_on_a_glide_path_is_projected_flat_at_its_latest_value(mpl: Any) -> None:
    from smartgoals.plot import plot_progress
    from smartgoals.tracking import TrackingMode

    win_rate = Goal(
        metric=metrics.get("win_rate"),
        direction=Direction.INCREASE,
        target=Target.level("0.30"),
        baseline="0.20",
        timeframe=YEAR,
    )
    checkins = [CheckIn(date(2027, 3, 31), "0.22"), CheckIn(date(2027, 6, 30), "0.24")]
    progress = track(win_rate, checkins, as_of=date(2027, 7, 1))
    assert progress.mode is TrackingMode.GLIDE
    projection = lines(plot_progress(progress, checkins).axes[0])["projection"]
    assert list(projection.get_ydata()) == pytest.approx([0.24] * len(projection.get_ydata()))
    assert progress.projected == Decimal("0.24")


def test_level_metric_starts_at_the_baseline(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    mrr = Goal(
        metric=metrics.get("mrr"),
        direction=Direction.INCREASE,
        baseline=100_000,
        target=Target.level(140_000),
        timeframe=YEAR,
        currency="EUR",
    )
    checkins = [CheckIn(date(2027, 3, 31), 108_000), CheckIn(date(2027, 6, 30), 115_000)]
    ax: Any = plot_progress(mrr, checkins, as_of=date(2027, 6, 30)).axes[0]
    drawn = lines(ax)
    assert list(drawn["actual"].get_ydata()) == [100_000.0, 108_000.0, 115_000.0]
    assert drawn["expected"].get_ydata()[0] == 100_000.0
    assert ax.get_ylabel() == "monthly recurring revenue (EUR)"


def test_cumulative_checkins_are_running_totals(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    totals = [CheckIn(date(2027, 4, 30), 85_000), CheckIn(date(2027, 5, 14), 125_000)]
    actual = lines(plot_progress(quota(), totals, as_of=MAY_14, cumulative=True).axes[0])["actual"]
    assert list(actual.get_ydata()) == [0.0, 85_000.0, 125_000.0]


def test_a_rate_goal_shows_values_against_the_target_without_pacing(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    churn = Goal(
        metric=metrics.get("customer_churn_rate"),
        direction=Direction.DECREASE,
        target=Target.at_most("0.02"),
        timeframe=YEAR,
    )
    checkins = [CheckIn(date(2027, 1, 31), "0.04"), CheckIn(date(2027, 2, 28), "0.025")]
    ax: Any = plot_progress(churn, checkins, as_of=date(2027, 3, 15)).axes[0]
    assert legend(ax) == ["target", "actual"]
    actual = lines(ax)["actual"]
    assert list(actual.get_xdata()) == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 15)]
    assert list(actual.get_ydata()) == [0.04, 0.025, 0.025]
    assert ax.get_ylabel() == "customer churn rate (%)"
    label = ax.yaxis.get_major_formatter()(0.02, 0)
    assert label.endswith("%")
    assert float(label.rstrip("%")) == 2


def test_before_the_start_there_is_no_actual_and_after_the_end_no_projection(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    before: Any = plot_progress(quota(), [], as_of=date(2027, 3, 1)).axes[0]
    assert legend(before) == ["expected", "target"]
    assert before.get_title().endswith("not started as of 2027-03-01")
    late = [CheckIn(date(2027, 6, 30), 310_000)]
    after: Any = plot_progress(quota(), late, as_of=date(2027, 7, 15)).axes[0]
    assert legend(after) == ["expected", "target", "actual"]
    assert list(lines(after)["actual"].get_xdata())[-1] == Q2.end
    assert track(quota(), late, as_of=date(2027, 7, 15)).status is ProgressStatus.EXCEEDED


def test_draws_on_a_given_axes_and_returns_its_figure(mpl: Any) -> None:
    import matplotlib.pyplot as plt

    from smartgoals.plot import plot_funnel, plot_plan, plot_progress

    figure, (left, middle, right) = plt.subplots(1, 3, figsize=(12, 4))
    try:
        assert plot_progress(quota(), CHECKINS, as_of=MAY_14, ax=left) is figure
        assert plot_plan(split_by_period(quota(), "month"), ax=middle) is figure
        assert (
            plot_funnel(
                activity_targets(quota(), Funnel(close_rate="0.5", average_deal_size=10_000)),
                ax=right,
            )
            is figure
        )
        assert [len(ax.get_lines()) for ax in (left, middle, right)] == [4, 0, 0]
        assert [len(ax.patches) for ax in (left, middle, right)] == [0, 3, 2]
        # Tick labels of the other axes are left alone.
        assert middle.get_xticklabels()[0].get_visible()
    finally:
        plt.close(figure)


def test_dollar_signs_in_a_statement_stay_text(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    figure = plot_progress(quota("Grow from $250k to $300k"), CHECKINS, as_of=MAY_14)
    title = figure.axes[0].get_title()
    assert title.startswith(r"Grow from \$250k to \$300k")
    png(figure)  # mathtext would fail or eat the text between the dollars


def test_long_statements_wrap_in_the_title(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    statement = "The sales team will increase revenue from 1,200,000 by 15% in 2027 by consultative selling"
    title = plot_progress(quota(statement), CHECKINS, as_of=MAY_14).axes[0].get_title()
    assert title.replace("\n", " ") == f"{statement} – behind as of 2027-05-14"
    assert all(len(line) <= 70 for line in title.split("\n"))
    assert title.count("\n") == 1


def test_plot_progress_rejects_what_it_cannot_draw(mpl: Any) -> None:
    from smartgoals.plot import plot_progress

    progress = track(quota(), CHECKINS, as_of=MAY_14)
    with pytest.raises(InvalidInputError, match="as_of comes from the Progress"):
        plot_progress(progress, as_of=MAY_14)
    with pytest.raises(InvalidInputError, match="takes a Progress from track"):
        plot_progress("Sell more")  # type: ignore[arg-type]
    with pytest.raises(IncompleteGoalError, match="timeframe"):
        plot_progress(Goal(metric=metrics.get("calls"), target=Target.level(10)))


# -- plot_plan --------------------------------------------------------------------------


def calls(target: int = 1200) -> Goal:
    return Goal(
        metric=metrics.get("calls"),
        direction=Direction.INCREASE,
        target=Target.level(target),
        timeframe=YEAR,
    )


REPS: dict[Owner | str, object] = {
    Owner("Ann", Scope.INDIVIDUAL): 2,
    Owner("Bo", Scope.INDIVIDUAL): 1,
}


def reps_then_quarters(goal: Goal) -> Plan:
    team = assign(goal, REPS)
    plan = Plan.from_goal(goal, id="2027").attach("2027", team)
    for rep in ("Ann", "Bo"):
        plan = plan.attach(
            f"2027/{rep}", split_by_period(plan.node(f"2027/{rep}").goal, "quarter")
        )
    return plan


def quarters_then_reps(goal: Goal) -> Plan:
    split = split_by_period(goal, "quarter")
    plan = Plan.from_goal(goal, id="2027").attach("2027", split)
    for label in split:
        node = f"2027/{label}"
        plan = plan.attach(node, assign(plan.node(node).goal, REPS))
    return plan


def heights(ax: Any) -> list[float]:
    return [patch.get_height() for patch in ax.patches]


def test_plan_draws_stacked_bars_of_period_by_owner(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    figure = plot_plan(reps_then_quarters(calls()))
    ax: Any = figure.axes[0]
    assert len(ax.patches) == 8
    assert legend(ax) == ["Ann", "Bo"]
    assert ax.get_legend().get_title().get_text() == "owner"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "FY2027 Q1",
        "FY2027 Q2",
        "FY2027 Q3",
        "FY2027 Q4",
    ]
    assert heights(ax) == [200.0] * 4 + [100.0] * 4
    # Bo's segments sit on top of Ann's.
    assert [patch.get_y() for patch in ax.patches[4:]] == [200.0] * 4
    assert [t.get_text() for t in ax.texts] == ["300"] * 4
    assert ax.get_title() == "Plan: calls = 1,200"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("period", "calls")
    image = png(figure)
    assert pixels_of(image, "#0072B2") > 500  # Ann's colour
    assert pixels_of(image, "#E69F00") > 200  # Bo's colour


def test_plan_in_either_order_draws_the_same_bars(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    first: Any = plot_plan(reps_then_quarters(calls(1201))).axes[0]
    second: Any = plot_plan(quarters_then_reps(calls(1201))).axes[0]
    assert legend(first) == legend(second)
    assert [t.get_text() for t in first.get_xticklabels()] == [
        t.get_text() for t in second.get_xticklabels()
    ]
    assert sum(heights(first)) == sum(heights(second)) == 1201.0


def test_over_assignment_shows_in_the_totals(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    team = assign(calls(), REPS, over_assignment="0.1")
    ax: Any = plot_plan(Plan.from_goal(calls(), id="2027").attach("2027", team)).axes[0]
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2027"]
    assert [t.get_text() for t in ax.texts] == ["1.32k"]


def test_a_split_draws_one_bar_per_period_without_a_legend(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    ax: Any = plot_plan(split_by_period(calls(), "month")).axes[0]
    assert len(ax.patches) == 12
    assert heights(ax) == [100.0] * 12
    assert ax.get_legend() is None
    assert ax.get_xticklabels()[0].get_rotation() == 45


def test_an_assignment_draws_one_bar_for_the_whole_timeframe(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    ax: Any = plot_plan(assign(calls(), REPS)).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2027-01-01 – 2027-12-31"]
    assert heights(ax) == [800.0, 400.0]


def test_an_average_metric_draws_bars_side_by_side(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    win_rate = Goal(metric=metrics.get("win_rate"), target=Target.at_least("0.3"), timeframe=YEAR)
    ax: Any = plot_plan(assign(win_rate, REPS)).axes[0]
    assert heights(ax) == [0.3, 0.3]
    assert [patch.get_y() for patch in ax.patches] == [0.0, 0.0]
    assert ax.patches[0].get_x() < ax.patches[1].get_x()
    assert len(ax.texts) == 0
    assert ax.get_ylabel() == "win rate (%)"


def test_owner_names_under_teams_carry_the_team(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    teams = assign(calls(), {Owner("EMEA", Scope.TEAM): 1, Owner("US", Scope.TEAM): 1})
    plan = Plan.from_goal(calls(), id="2027").attach("2027", teams)
    plan = plan.attach("2027/EMEA", assign(plan.node("2027/EMEA").goal, {"Ann": 1, "Bo": 1}))
    assert legend(plot_plan(plan).axes[0]) == ["EMEA / Ann", "EMEA / Bo", "US"]


def test_plot_plan_rejects_what_it_cannot_draw(mpl: Any) -> None:
    from smartgoals.plot import plot_plan

    with pytest.raises(InvalidInputError, match="takes a Plan"):
        plot_plan({"a": calls()})  # type: ignore[arg-type]
    quarter = Goal(metric=metrics.get("calls"), target=Target.level(300), timeframe=Q2)
    month = Goal(
        metric=metrics.get("calls"), target=Target.level(100), timeframe=Timeframe.month(2027, 4)
    )
    mixed = Plan.from_goal(calls(), id="y").attach("y", {"q2": quarter, "april": month})
    with pytest.raises(InvalidInputError, match="overlap"):
        plot_plan(mixed)
    blank = Plan.from_goal(calls(), id="y").attach("y", {"a": Goal(timeframe=Q2)})
    with pytest.raises(InvalidInputError, match="no target value"):
        plot_plan(blank)
    with pytest.raises(InvalidInputError, match="no timeframe"):
        plot_plan(Plan.from_goal(Goal(target=Target.level(1))))


@settings(max_examples=15, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**7),
    weights=st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=4).filter(any),
)
def test_stacked_bars_add_up_to_the_plan(total: int, weights: list[int]) -> None:
    pytest.importorskip("matplotlib").use("Agg", force=True)
    from smartgoals.plot import plot_plan

    goal = calls(total)
    owners: dict[Owner | str, object] = {f"rep {i}": w for i, w in enumerate(weights)}
    quarters = split_by_period(goal, "quarter")
    plan = Plan.from_goal(goal, id="y").attach("y", quarters)
    for node in list(plan.node("y").children):
        plan = plan.attach(node.id, assign(node.goal, owners))
    ax: Any = plot_plan(plan).axes[0]
    assert len(ax.patches) == 4 * len(weights)
    bars = heights(ax)
    # Patches go owner by owner; bar i stacks every owner's part of quarter i.
    per_quarter = [sum(bars[i::4]) for i in range(4)]
    assert per_quarter == [float(g.target_value) for g in quarters.values()]
    assert sum(bars) == total


# -- plot_funnel ------------------------------------------------------------------------


def test_funnel_has_one_bar_per_stage_widest_at_the_top(mpl: Any) -> None:
    from smartgoals.plot import plot_funnel

    revenue = Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.level(1_200_000),
        timeframe=YEAR,
        currency="USD",
    )
    funnel = Funnel(
        average_deal_size=20_000, close_rate="0.25", stages={"sql": "0.5", "mql": "0.3"}
    )
    figure = plot_funnel(activity_targets(revenue, funnel))
    ax: Any = figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "marketing qualified leads",
        "sales qualified leads",
        "opportunities",
        "deals won",
    ]
    assert [patch.get_width() for patch in ax.patches] == [1600.0, 480.0, 240.0, 60.0]
    assert [t.get_text() for t in ax.texts] == [
        "1,600 (30% convert)",
        "480 (50% convert)",
        "240 (25% won)",
        "60",
    ]
    assert ax.yaxis_inverted()
    assert ax.get_title() == "Funnel: revenue = 1,200,000.00 USD"
    assert ax.get_xlabel() == "target count"
    image = png(figure)
    assert pixels_of(image, "#1a7f37") > 50  # deals won
    assert pixels_of(image, "#0969da") > 500  # the stages above


def test_plot_funnel_rejects_other_values(mpl: Any) -> None:
    from smartgoals.plot import plot_funnel

    with pytest.raises(InvalidInputError, match="FunnelTargets"):
        plot_funnel({"calls": calls()})  # type: ignore[arg-type]


# -- without matplotlib -----------------------------------------------------------------


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_importing_smartgoals_and_plot_does_not_import_matplotlib() -> None:
    done = run(
        "import sys, smartgoals, smartgoals.plot\n"
        "print(sorted(name for name, module in sys.modules.items()\n"
        "             if name.split('.')[0] == 'matplotlib' and module is not None))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_matplotlib_plotting_says_how_to_install_it() -> None:
    done = run(
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "from smartgoals.plot import plot_plan\n"
        "from smartgoals.planning import assign\n"
        "from smartgoals import Goal, Target, Timeframe, metrics\n"
        "goal = Goal(metric=metrics.get('calls'), target=Target.level(10), timeframe=Timeframe.year(2027))\n"
        "try:\n"
        "    plot_plan(assign(goal, {'a': 1}))\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(exc.name, '|', exc)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "matplotlib | smartgoals.plot draws with matplotlib, which is not installed; "
        'install it with: pip install "smartgoals[plot]"'
    )


def test_sample_days_cover_the_timeframe_and_include_as_of() -> None:
    from smartgoals.plot import _sample_days

    days = _sample_days(YEAR, [date(2027, 5, 14)])
    assert days[-1] == YEAR.last_day
    assert date(2027, 5, 14) in days
    assert len(days) <= 202
    assert max(b - a for a, b in itertools.pairwise(days)) <= timedelta(days=2)
    assert _sample_days(Q2, []) == [Q2.start + timedelta(days=k) for k in range(Q2.days)]


# -- plot_forecast ------------------------------------------------------------------------


def _forecast_of(won: int, commit: int, best: int, as_of: date = MAY_14) -> Any:
    from smartgoals.tracking import Deal, forecast

    created = date(2027, 3, 1)
    deals = [
        Deal("won", won, created, date(2027, 4, 20), "won"),
        Deal("commit", commit, created, date(2027, 6, 10), "open", category="commit"),
        Deal("best", best, created, date(2027, 6, 20), "open", category="best case"),
    ]
    goal = quota()
    stages = {"commit": "0.9", "best_case": "0.5"}
    return forecast(goal, deals, as_of=as_of, method="categories", category_probabilities=stages)


def test_forecast_waterfall_steps_from_closed_to_commit_to_best_case(mpl: Any) -> None:
    from smartgoals.plot import plot_forecast

    f = _forecast_of(120_000, 90_000, 60_000)
    ax: Any = plot_forecast(f).axes[0]
    bars = [(float(p.get_y()), float(p.get_height())) for p in ax.patches]
    assert bars == [(0.0, 120_000.0), (120_000.0, 90_000.0), (210_000.0, 60_000.0)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["closed", "+ commit", "+ best case"]
    assert [t.get_text() for t in ax.texts] == ["120k", "210k", "270k"]
    target, likely = (line.get_ydata()[0] for line in ax.get_lines())
    # most likely = 120k + 0.9 × 90k + 0.5 × 60k = 231k, short of the 300k target
    assert (target, likely) == (300_000.0, 231_000.0)
    assert legend(ax) == ["target", "most likely"]
    assert ax.get_ylim()[1] == pytest.approx(345_000.0)  # the target × 1.15
    assert ax.get_title().startswith("Sam: 300k in Q2: at risk")


def test_forecast_waterfall_is_drawn_in_the_status_colour(mpl: Any) -> None:
    from smartgoals.plot import plot_forecast

    at_risk = png(plot_forecast(_forecast_of(120_000, 90_000, 60_000)))
    on_track = png(plot_forecast(_forecast_of(200_000, 100_000, 60_000)))
    red, green = "#cf222e", "#1a7f37"
    # The dotted most-likely line and the title take the status colour; the closed bar
    # is green in both.
    assert pixels_of(at_risk, red) > 20
    assert pixels_of(on_track, red) == 0
    assert pixels_of(on_track, green) > pixels_of(at_risk, green)


def test_forecast_waterfall_draws_on_a_given_axes_and_refuses_other_values(mpl: Any) -> None:
    import matplotlib.pyplot as plt

    from smartgoals.plot import plot_forecast

    figure, (left, right) = plt.subplots(1, 2)
    try:
        assert plot_forecast(_forecast_of(1, 2, 3), ax=right) is figure
        assert len(right.patches) == 3
        assert len(left.patches) == 0
    finally:
        plt.close(figure)
    with pytest.raises(InvalidInputError, match="takes a Forecast"):
        plot_forecast(track(quota(), CHECKINS, as_of=MAY_14))  # type: ignore[arg-type]
