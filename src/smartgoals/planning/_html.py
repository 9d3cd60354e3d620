"""The notebook display of a :class:`~smartgoals.planning.plan.Plan`.

One row per node, indented by depth: its relation to the parent, target, its share of the
parent's target (:meth:`~smartgoals.planning.plan.Plan.shares`), what its parts add up to,
owner, timeframe, and what :meth:`~smartgoals.planning.plan.Plan.check` found
there, in colour. The issues' messages follow the table. Long plans show their first
rows and say how many more there are, as pandas does.

>>> from smartgoals import Goal, Target, Timeframe, metrics
>>> from smartgoals.planning import Plan, split_by_period
>>> year = Goal(metric=metrics.get("calls"), target=Target.level(1200), timeframe=Timeframe.year(2027))
>>> page = render_plan(Plan.from_goal(year, id="2027").attach("2027", split_by_period(year, "quarter")))
>>> page.count("<tr>"), "adds up" in page
(6, True)
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Final

from smartgoals._html import COLOURS, Html, amount, badge, coloured, escape, indented, table
from smartgoals._html import target_text as _target_text
from smartgoals.goals import Goal, TargetKind

if TYPE_CHECKING:
    from smartgoals.planning.plan import Plan, PlanIssue, PlanNode

__all__ = ["MAX_ROWS", "render_plan"]

#: The most node rows a display shows; the rest are counted in a last row.
MAX_ROWS: Final = 60

_HEADER: Final = (
    "node",
    "relation",
    "metric",
    "target",
    "share of parent",
    "parts add up to",
    "owner",
    "timeframe",
)
_CHECK: Final = "check"
_ISSUE_COLOURS: Final = {"over_assigned": COLOURS["warning"]}


def _short(node: PlanNode, parent: PlanNode | None) -> str:
    """The node's id without its parent's id: ``FY2027 Q1`` for ``2027/FY2027 Q1``."""
    if parent is not None and node.id.startswith(parent.id + "/"):
        return node.id[len(parent.id) + 1 :]
    return node.id


def _rows(plan: Plan) -> list[tuple[int, PlanNode, PlanNode | None]]:
    """Every node with its depth and parent, depth first, parents before children."""
    rows: list[tuple[int, PlanNode, PlanNode | None]] = []
    stack: list[tuple[int, PlanNode, PlanNode | None]] = [(0, plan.root, None)]
    while stack:
        depth, node, parent = stack.pop()
        rows.append((depth, node, parent))
        stack.extend((depth + 1, child, node) for child in reversed(node.children))
    return rows


def _target(goal: Goal) -> str:
    """The target as an amount for levels (most nodes of a plan), else as the goal shows it."""
    if goal.target is not None and goal.target.kind is TargetKind.LEVEL:
        return amount(goal.target.value, goal.metric.unit if goal.metric else None, goal.currency)
    return _target_text(goal, resolve=True)


def _check_cell(node: PlanNode, issues: list[PlanIssue]) -> str:
    if issues:
        return Html(
            " ".join(
                badge(
                    issue.kind.value.replace("_", " "),
                    _ISSUE_COLOURS.get(issue.kind.value, COLOURS["bad"]),
                )
                for issue in issues
            )
        )
    if node.parts:
        return badge("adds up", COLOURS["good"])
    return ""


def render_plan(plan: Plan, *, max_rows: int = MAX_ROWS) -> Html:
    """A plan as an HTML table with the check's findings in colour.

    Args:
        plan: The plan.
        max_rows: The most node rows to show.

    Returns:
        The HTML (escaped, inline styles only).

    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> from smartgoals.planning import Plan
    >>> year = Goal(metric=metrics.get("calls"), target=Target.level(10), timeframe=Timeframe.year(2027))
    >>> part = Goal(metric=metrics.get("calls"), target=Target.level(4), timeframe=Timeframe.year(2027))
    >>> page = render_plan(Plan.from_goal(year, id="y").attach("y", {"<a>": part}))
    >>> "under assigned" in page, "&lt;a&gt;" in page, "<a>" in page
    (True, True, False)
    """
    issues = plan.check()
    by_node: defaultdict[str, list[PlanIssue]] = defaultdict(list)
    for issue in issues:
        by_node[issue.node].append(issue)
    # Parts that do not combine (two currencies, rates without weights) have no roll-up:
    # the check column says why.
    rolled = plan.rollup(partial=True)
    shares = plan.shares()
    rows: list[list[str]] = []
    everything = _rows(plan)
    for depth, node, parent in everything[:max_rows]:
        goal = node.goal
        unit = goal.metric.unit if goal.metric is not None else None
        target = _target(goal) or coloured("missing", COLOURS["bad"])
        total = (
            amount(rolled[node.id], unit, goal.currency)
            if node.parts and node.id in rolled
            else ""
        )
        rows.append(
            [
                indented(_short(node, parent), depth),
                "root" if parent is None else node.relation.value,
                "" if goal.metric is None else goal.metric.name,
                target,
                f"{float(shares[node.id]):.1%}" if node.id in shares else "",
                total,
                "" if goal.owner is None else goal.owner.name,
                "" if goal.timeframe is None else str(goal.timeframe),
                _check_cell(node, by_node.get(node.id, [])),
            ]
        )
    hidden = len(everything) - len(rows)
    footer = f"… and {hidden} more node{'s' if hidden != 1 else ''}" if hidden > 0 else None
    root = plan.root.goal
    title = root.statement or (root.metric.name if root.metric is not None else plan.root.id)
    summary = (
        badge(f"{len(issues)} issue{'s' if len(issues) != 1 else ''}", COLOURS["bad"])
        if issues
        else badge("adds up", COLOURS["good"])
    )
    messages = "".join(f"<li>{escape(issue.message)}</li>" for issue in issues)
    return Html(
        f'<div class="smartgoals-plan"><div style="margin-bottom:4px"><strong>Plan: '
        f"{escape(title)}</strong> ({len(everything)} nodes) {summary}</div>"
        f"{table([*_HEADER, _CHECK], rows, numeric={3, 4, 5}, footer=footer)}"
        f"{f'<ul>{messages}</ul>' if messages else ''}</div>"
    )
