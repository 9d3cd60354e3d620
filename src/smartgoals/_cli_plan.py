"""``smartgoals plan``: plan specs and their output."""

from __future__ import annotations

import argparse
import csv
import io
import textwrap
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

from smartgoals._cli_io import (
    WIDTH,
    Settings,
    dump_json,
    goal_from,
    load_document,
    parse_date,
    table,
)
from smartgoals.exceptions import InvalidInputError, SmartGoalsError
from smartgoals.goals import Goal, Owner, Scope, TargetKind
from smartgoals.language import describe
from smartgoals.planning import (
    Capacity,
    Funnel,
    Plan,
    PlanNode,
    Ramp,
    Relation,
    Seasonality,
    activity_targets,
    assign,
    split_by_period,
)
from smartgoals.serialize import to_dict
from smartgoals.timeframes import FiscalCalendar

__all__ = ["plan_from_spec", "plan_rows", "run_plan"]

Write = Callable[[str], None]

_SPEC_KEYS: Final = ("goal", "today", "id", "split", "assign", "funnel")
_SPLIT_KEYS: Final = ("by", "weights", "holidays", "quantum")
_ASSIGN_KEYS: Final = (
    "shares",
    "scope",
    "over_assignment",
    "stretch",
    "start_dates",
    "ramp",
    "proration",
    "holidays",
    "quantum",
)
_FUNNEL_KEYS: Final = ("win_rate", "average_deal_size", "stages")
_CAPACITY_KEYS: Final = ("reps", "quota", "expected_attainment")
_RAMP_KEYS: Final = ("factors", "cutoff")


def _section(spec: Mapping[str, Any], key: str, known: tuple[str, ...], where: str) -> Any:
    value = spec.get(key)
    if value is None:
        return None
    return _checked(value, known, f"{where}: [{key}]")


def _checked(value: object, known: tuple[str, ...], where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{where} must be a table, got {value!r}", value=value)
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise InvalidInputError(
            f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(known)}",
            value=unknown,
        )
    return value


def _dates(value: object, where: str) -> list[date]:
    if not isinstance(value, list):
        raise InvalidInputError(f"{where} must be a list of dates, got {value!r}", value=value)
    return [parse_date(v, name=where) for v in value]


def _weights(value: object, where: str) -> str | Seasonality | dict[Any, object]:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return Seasonality(value, normalize=True)
    if isinstance(value, Mapping):
        return dict(value)
    raise InvalidInputError(
        f"{where}: weights must be 'equal', 'days', 'workdays', a list of shares (one per "
        f"period) or a table of period label = weight; got {value!r}",
        value=value,
    )


def _share(name: str, value: object, where: str) -> object:
    if isinstance(value, Mapping):
        fields = _checked(value, _CAPACITY_KEYS, f"{where}: shares.{name}")
        if "reps" not in fields or "quota" not in fields:
            raise InvalidInputError(
                f"{where}: shares.{name} needs reps and quota (and may give "
                "expected_attainment) to be a capacity",
                value=dict(fields),
            )
        return Capacity(fields["reps"], fields["quota"], fields.get("expected_attainment", 1))
    return value


def _stages(value: object, where: str) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, list):
        return [tuple(pair) if isinstance(pair, list) else pair for pair in value]
    raise InvalidInputError(
        f"{where}: stages must be a table (stage = rate, in funnel order) or a list of "
        f"[stage, rate] pairs; got {value!r}",
        value=value,
    )


def plan_from_spec(
    spec: Mapping[str, Any],
    *,
    where: str,
    lang: str | None = None,
    calendar: FiscalCalendar | None = None,
) -> Plan:
    """Build the plan a spec describes: the goal, split by period, assigned, with drivers.

    Periods come first, then each period is assigned to the owners (so a new hire's ramp
    lowers the early periods); the funnel then gives the whole goal and every goal at
    the lowest level (each owner's period) its activity targets.

    Raises:
        InvalidInputError: for an unknown key or a bad value, naming the section.
        SmartGoalsError: whatever the planning functions raise for the goal.

    >>> plan = plan_from_spec({"goal": {"metric": "calls", "target": {"kind": "level",
    ...                        "value": "1200"}, "timeframe": {"start": "2027-01-01",
    ...                        "end": "2028-01-01"}}, "split": {"by": "quarter"}}, where="spec")
    >>> [n.id for n in plan.root.children][:2]
    ['plan/FY2027 Q1', 'plan/FY2027 Q2']
    """
    unknown = sorted(set(spec) - set(_SPEC_KEYS))
    if unknown:
        raise InvalidInputError(
            f"{where}: unknown key(s) {', '.join(unknown)}; a plan spec has "
            f"{', '.join(_SPEC_KEYS)}",
            value=unknown,
        )
    if "goal" not in spec:
        raise InvalidInputError(
            f'{where}: no goal; write goal = "a statement" or a [goal] table', name="goal"
        )
    goal = goal_from(spec, where=where, lang=lang, calendar=calendar)
    root = str(spec.get("id", "plan"))
    plan = Plan.from_goal(goal, id=root)
    level = [root]  # the nodes at the lowest level so far
    split = _section(spec, "split", _SPLIT_KEYS, where)
    if split is not None:
        periods = split_by_period(
            goal,
            str(split.get("by", "month")),
            weights=_weights(split.get("weights", "equal"), where),
            holidays=_dates(split.get("holidays", []), f"{where}: split.holidays"),
            calendar=calendar,
            quantum=split.get("quantum"),
        )
        plan = plan.attach(root, periods)
        level = [f"{root}/{p.label}" for p in periods.periods]
    owners = _section(spec, "assign", _ASSIGN_KEYS, where)
    if owners is not None:
        plan, level = _assign(plan, level, owners, where)
    funnel = _section(spec, "funnel", _FUNNEL_KEYS, where)
    if funnel is not None:
        if "win_rate" not in funnel:
            raise InvalidInputError(f"{where}: [funnel] needs win_rate", name="win_rate")
        rates = Funnel(
            funnel["win_rate"],
            _stages(funnel.get("stages", {}), where),
            average_deal_size=funnel.get("average_deal_size"),
        )
        for node_id in dict.fromkeys([root, *level]):
            plan = plan.attach(node_id, activity_targets(plan.node(node_id).goal, rates))
    return plan


def _assign(
    plan: Plan, level: list[str], spec: Mapping[str, Any], where: str
) -> tuple[Plan, list[str]]:
    shares = spec.get("shares")
    if not isinstance(shares, Mapping) or not shares:
        raise InvalidInputError(
            f"{where}: [assign] needs shares, a table of owner = weight or capacity",
            name="shares",
            value=shares,
        )
    scope = str(spec.get("scope", "segment"))
    scopes = {"segment": None, "individual": Scope.INDIVIDUAL, "team": Scope.TEAM}
    if scope not in scopes:
        raise InvalidInputError(
            f"{where}: assign.scope must be 'segment', 'individual' or 'team', got {scope!r}",
            name="scope",
            value=scope,
        )
    chosen = scopes[scope]

    def key(name: str) -> Owner | str:
        return name if chosen is None else Owner(name, chosen)

    weights = {key(str(n)): _share(str(n), v, where) for n, v in shares.items()}
    start_dates = None
    if "start_dates" in spec:
        table_ = spec["start_dates"]
        if not isinstance(table_, Mapping):
            raise InvalidInputError(f"{where}: assign.start_dates must be a table", value=table_)
        start_dates = {
            key(str(n)): parse_date(d, name=f"{where}: assign.start_dates.{n}")
            for n, d in table_.items()
        }
    ramp = None
    if "ramp" in spec:
        fields = _checked(spec["ramp"], _RAMP_KEYS, f"{where}: [assign.ramp]")
        ramp = Ramp(fields.get("factors", []), cutoff=fields.get("cutoff", "prorate"))
    below: list[str] = []
    for node_id in level:
        parent = plan.node(node_id)
        assignment = assign(
            parent.goal,
            weights,
            over_assignment=spec.get("over_assignment", 0),
            ramp=ramp,
            start_dates=start_dates,
            proration=str(spec.get("proration", "calendar")),
            stretch=spec.get("stretch"),
            holidays=_dates(spec.get("holidays", []), f"{where}: assign.holidays"),
            quantum=spec.get("quantum"),
        )
        plan = plan.attach(node_id, assignment)
        below.extend(f"{node_id}/{_name(share.key)}" for share in assignment.shares)
    return plan, below


def _name(key: Owner | str) -> str:
    return key.name if isinstance(key, Owner) else key


# -- plan output -------------------------------------------------------------------------

_ROW_FIELDS: Final = (
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
    "rollup",
)


def _walk(
    node: PlanNode, parent: str | None, depth: int
) -> Iterator[tuple[PlanNode, str | None, int]]:
    yield node, parent, depth
    for child in node.children:
        yield from _walk(child, node.id, depth + 1)


def _resolved(goal: Goal) -> Decimal | None:
    try:
        return goal.target_value
    except SmartGoalsError:
        return None


def plan_rows(plan: Plan) -> list[dict[str, Any]]:
    """One row per plan node, parents before children, with the fields of ``plan --format csv``.

    >>> from smartgoals.goals import Goal
    >>> plan_rows(Plan.from_goal(Goal()))[0]["id"]
    'plan'
    """
    rollup = plan.rollup()
    rows = []
    for node, parent, depth in _walk(plan.root, None, 0):
        goal = node.goal
        label = (
            node.id[len(parent) + 1 :] if parent and node.id.startswith(parent + "/") else node.id
        )
        rows.append(
            {
                "id": node.id,
                "parent": parent,
                "depth": depth,
                "label": label,
                "relation": node.relation.value,
                "metric": goal.metric.key if goal.metric else None,
                "kind": goal.target.kind.value if goal.target else None,
                "value": _resolved(goal),
                "currency": goal.currency,
                "start": goal.timeframe.start if goal.timeframe else None,
                "end": goal.timeframe.end if goal.timeframe else None,
                "owner": goal.owner.name if goal.owner else None,
                "type": goal.type.value,
                "weight": None if node.weight is None else str(node.weight),
                "rollup": rollup.get(node.id),
            }
        )
    return rows


def _amount(value: Decimal, currency: str | None) -> str:
    text = f"{value:,f}"
    return f"{text} {currency}" if currency else text


def _target_text(goal: Goal) -> str:
    target = goal.target
    if target is None:
        return "–"
    value = _resolved(goal)
    if value is None:
        return str(target)
    prefix = {TargetKind.AT_MOST: "<= ", TargetKind.AT_LEAST: ">= "}.get(target.kind, "")
    return prefix + _amount(value, goal.currency)


def _plan_text(plan: Plan, write: Write) -> None:
    goal = plan.root.goal
    lang = "en"
    for line in textwrap.wrap(f"Plan: {describe(goal, lang)}", WIDTH, subsequent_indent="  "):
        write(line)
    write("")
    rows = []
    for node, _parent, depth in _walk(plan.root, None, 0):
        label = node.id if depth == 0 else node.id.rsplit("/", 1)[-1]
        share = "" if node.weight is None else f"{float(node.weight):.1%}"
        rows.append(
            (
                "  " * depth + label,
                "" if node.relation is Relation.PART else node.relation.value,
                node.goal.metric.key if node.goal.metric else "–",
                _target_text(node.goal),
                share,
            )
        )
    for line in table(
        ("node", "role", "metric", "target", "share"), rows, shrink=0, right=(3, 4), wrap=False
    ):
        write(line)
    issues = plan.check()
    write("")
    if not issues:
        write("Check: every level adds up.")
        return
    write(f"Check: {len(issues)} issue{'s' if len(issues) != 1 else ''}:")
    for issue in issues:
        for line in textwrap.wrap(
            f"{issue.kind.value} at {issue.node}: {issue.message}",
            WIDTH,
            initial_indent="  ",
            subsequent_indent="    ",
        ):
            write(line)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def run_plan(args: argparse.Namespace, settings: Settings, write: Write) -> int:
    """Run ``smartgoals plan FILE``."""
    spec = load_document(args.file)
    plan = plan_from_spec(spec, where=args.file, lang=settings.lang, calendar=settings.calendar)
    if args.format == "table":
        _plan_text(plan, write)
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_ROW_FIELDS)
        for row in plan_rows(plan):
            writer.writerow([_csv_cell(row[f]) for f in _ROW_FIELDS])
        write(buffer.getvalue().rstrip("\n"))
    else:
        write(
            dump_json(
                {
                    "version": 1,
                    "goal": to_dict(plan.root.goal),
                    "nodes": plan_rows(plan),
                    "issues": [
                        {
                            "node": i.node,
                            "kind": i.kind.value,
                            "message": i.message,
                            "expected": i.expected,
                            "actual": i.actual,
                        }
                        for i in plan.check()
                    ],
                }
            )
        )
    return 0
