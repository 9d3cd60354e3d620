"""``smartgoals plan``: split, assign and drive a goal from a spec file, in the ``--lang`` language.

A TOML or JSON spec names the goal and how to split it by period, assign it to owners
(or give its parts by hand, each in its own currency) and derive activity targets; the
plan is written as a table, CSV, JSON or an Excel workbook, with its check. ``--fx FILE``
gives the exchange rates that add parts in another currency into their parent's.
"""

from __future__ import annotations

import argparse
import csv
import io
import textwrap
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.cli._documents import goal_from
from smartgoals.cli._io import (
    WORKBOOK_SUFFIXES,
    extra_missing,
    load_document,
    on_command_line,
    parse_date,
    read_rates,
)
from smartgoals.cli._output import WIDTH, dump_json, table, write
from smartgoals.cli._settings import from_args
from smartgoals.exceptions import (
    IncompleteGoalError,
    InvalidInputError,
    SmartGoalsError,
)
from smartgoals.goals import Goal, Owner, Scope, Target, TargetKind
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

if TYPE_CHECKING:
    from smartgoals.money import FxRates

__all__ = ["plan_from_spec", "plan_rows", "run"]

Write = Callable[[str], None]

_SPEC_KEYS: Final = ("goal", "today", "id", "split", "assign", "parts", "funnel", "capacity")
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
    "each",
    "books",
    "capacity",
)
_FUNNEL_KEYS: Final = ("close_rate", "win_rate", "decided", "average_deal_size", "stages")
_CAPACITY_KEYS: Final = ("reps", "quota", "expected_attainment")
_RAMP_KEYS: Final = ("factors", "cutoff")
_PART_KEYS: Final = ("target", "currency")


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


def _capacity(name: str, value: object, where: str) -> Capacity | object:
    """A capacity: an amount, or a table of reps, quota and expected_attainment."""
    if isinstance(value, Mapping):
        return _share(name, value, where)
    return value


def _capacities(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            f"{where} must be a table of name = capacity (an amount, or a table of reps, "
            f"quota and expected_attainment), got {value!r}",
            value=value,
        )
    return {str(k): _capacity(str(k), v, where) for k, v in value.items()}


def _scaled(value: object, factor: Fraction) -> object:
    """A capacity for part of the goal's timeframe: the quota times the share of days."""
    scale = Decimal(factor.numerator) / Decimal(factor.denominator)
    if isinstance(value, Capacity):
        return Capacity(value.reps, value.quota * scale, value.expected_attainment)
    return to_decimal(value, name="capacity") * scale


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
    the lowest level (each owner's period) its activity targets. ``[parts]`` gives the
    goal's parts by hand instead of ``[split]`` and ``[assign]``: each a target in its
    own currency (default: the goal's), with the goal's metric, kind and timeframe.

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
    try:
        goal.require("metric", "target_value", "timeframe", action="plan the goal")
    except IncompleteGoalError as exc:
        statement = f" {goal.statement!r}" if goal.statement else ""
        raise IncompleteGoalError(
            exc.missing, action=f"plan the goal{statement} of {where}"
        ) from None
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
    if spec.get("parts") is not None:
        if split is not None or owners is not None:
            raise InvalidInputError(
                f"{where}: [parts] gives the goal's parts by hand, so it cannot be combined "
                "with [split] or [assign]; keep one of them",
                name="parts",
            )
        parts = _parts(goal, spec["parts"], where)
        plan = plan.attach(root, parts)
        level = [f"{root}/{name}" for name in parts]
    funnel = _section(spec, "funnel", _FUNNEL_KEYS, where)
    if funnel is not None:
        mixed = [n for n in level if plan.node(n).goal.currency != goal.currency]
        if mixed:
            raise InvalidInputError(
                f"{where}: [funnel] shares the activities out by the parts' targets, but "
                f"{', '.join(mixed)} {'is' if len(mixed) == 1 else 'are'} in another "
                f"currency than the goal ({goal.currency}); leave out [funnel] or give the "
                "parts the goal's currency",
                name="funnel",
                value=mixed,
            )
        plan = _drivers(plan, root, level, funnel, where)
    return plan


def _parts(goal: Goal, value: object, where: str) -> dict[str, Goal]:
    """The parts of ``[parts]``: name = target, or name = {target, currency}."""
    if not isinstance(value, Mapping) or not value:
        raise InvalidInputError(
            f"{where}: [parts] must be a table of name = target, or name = {{ target = ..., "
            f"currency = ... }}; got {value!r}",
            name="parts",
            value=value,
        )
    target = goal.target
    assert target is not None  # plan_from_spec requires a target value
    if target.relative:
        raise InvalidInputError(
            f"{where}: [parts] gives each part a target of its own, but the goal's target "
            f"is a change of {target.value:%} of a baseline; give the goal a target value",
            name="parts",
        )
    parts = {}
    for name, part in value.items():
        fields = part if isinstance(part, Mapping) else {"target": part}
        fields = _checked(fields, _PART_KEYS, f"{where}: parts.{name}")
        if "target" not in fields:
            raise InvalidInputError(f"{where}: parts.{name} needs a target", name="target")
        try:
            parts[str(name)] = attrs.evolve(
                goal,
                statement=None,
                target=attrs.evolve(target, value=to_decimal(fields["target"], name="target")),
                currency=fields.get("currency", goal.currency),
                baseline=None,
                baseline_period=None,
            )
        except InvalidInputError as exc:
            raise InvalidInputError(
                f"{where}: parts.{name}: {exc}", name=exc.name, value=exc.value
            ) from None
    return parts


def _drivers(plan: Plan, root: str, level: list[str], spec: Mapping[str, Any], where: str) -> Plan:
    """Activity targets for the goal and, rounded once at the goal's level, for its leaves."""
    if "close_rate" not in spec and "win_rate" not in spec:
        raise InvalidInputError(
            f"{where}: [funnel] needs close_rate (won ÷ opportunities created), or win_rate "
            "with decided",
            name="close_rate",
        )
    try:
        rates = Funnel(
            spec.get("close_rate"),
            _stages(spec.get("stages", {}), where),
            average_deal_size=spec.get("average_deal_size"),
            win_rate=spec.get("win_rate"),
            decided=spec.get("decided"),
        )
    except InvalidInputError as exc:
        raise InvalidInputError(
            f"{where}: [funnel] {exc}", name=exc.name, value=exc.value
        ) from None
    goal = plan.root.goal
    whole = activity_targets(goal, rates)
    plan = plan.attach(root, whole)
    leaves = [node_id for node_id in level if node_id != root]
    if not leaves:
        return plan
    parts = {node_id: plan.node(node_id).goal for node_id in leaves}
    if goal.is_rate or any(part.is_rate for part in parts.values()):
        # Each holder of a rate plans at its own rate.
        for node_id, part in parts.items():
            plan = plan.attach(node_id, activity_targets(part, rates))
        return plan
    total = sum((part.target_value for part in parts.values()), Decimal(0))
    if total != goal.target_value:
        # Over-assigned quotas: the activities follow the quotas' total, rounded once.
        whole = activity_targets(attrs.evolve(goal, target=Target.level(total)), rates)
    for node_id, targets in whole.divide(parts).items():
        plan = plan.attach(node_id, targets)
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

    def table_of(name: str) -> Mapping[str, Any]:
        value = spec.get(name, {})
        if not isinstance(value, Mapping):
            raise InvalidInputError(f"{where}: assign.{name} must be a table", value=value)
        return value

    weights = {key(str(n)): _share(str(n), v, where) for n, v in shares.items()}
    start_dates = {
        key(str(n)): parse_date(d, name=f"{where}: assign.start_dates.{n}")
        for n, d in table_of("start_dates").items()
    }
    books = {key(str(n)): v for n, v in table_of("books").items()}
    capacity = {
        key(n): v
        for n, v in _capacities(table_of("capacity"), f"{where}: assign.capacity").items()
    }
    each = spec.get("each")
    if each is not None and not isinstance(each, bool):
        raise InvalidInputError(f"{where}: assign.each must be true or false", value=each)
    ramp = None
    if "ramp" in spec:
        fields = _checked(spec["ramp"], _RAMP_KEYS, f"{where}: [assign.ramp]")
        ramp = Ramp(fields.get("factors", []), cutoff=fields.get("cutoff", "prorate"))
    whole = plan.root.goal.timeframe
    below: list[str] = []
    for node_id in level:
        parent = plan.node(node_id)
        frame = parent.goal.timeframe
        factor = Fraction(1)
        if whole is not None and frame is not None and frame != whole:
            # A capacity is for the whole goal: a period gets its share of the days.
            factor = Fraction(frame.days, whole.days)
        assignment = assign(
            parent.goal,
            {k: _scaled(v, factor) if isinstance(v, Capacity) else v for k, v in weights.items()},
            over_assignment=spec.get("over_assignment", 0),
            ramp=ramp,
            start_dates=start_dates or None,
            proration=str(spec.get("proration", "calendar")),
            stretch=spec.get("stretch"),
            holidays=_dates(spec.get("holidays", []), f"{where}: assign.holidays"),
            quantum=spec.get("quantum"),
            books=books or None,
            capacity={k: _scaled(v, factor) for k, v in capacity.items()} or None,
            each=each,
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
    "share_of_parent",
    "rollup",
    "capacity",
)

#: The words of the plan table, by language.
_WORDS: Final[dict[str, dict[str, Any]]] = {
    "en": {
        "header": ("node", "role", "metric", "target", "of parent", "weight"),
        "plan": "Plan",
        "fine": "Check: every level adds up.",
        "issues": ("Check: {n} issue:", "Check: {n} issues:"),
        "at": "{kind} at {node}: {message}",
        "note": "of parent: the node's target as a share of its parent's target; weight: "
        "its share of the weights it was split or assigned by.",
    },
    "nl": {
        "header": ("knoop", "rol", "metriek", "doel", "aandeel", "gewicht"),
        "plan": "Plan",
        "fine": "Controle: elk niveau klopt.",
        "issues": ("Controle: {n} bevinding:", "Controle: {n} bevindingen:"),
        "at": "{kind} bij {node}: {message}",
        "note": "aandeel: het doel van de knoop als deel van het doel erboven; gewicht: "
        "het aandeel in de gewichten waarmee verdeeld of toegewezen is.",
    },
}

_KINDS_NL: Final = {
    "over_assigned": "te veel toegewezen",
    "under_assigned": "te weinig toegewezen",
    "period_gap": "gat in de perioden",
    "period_overlap": "overlappende perioden",
    "outside_period": "buiten de periode",
    "metric_mismatch": "andere metriek",
    "unit_mismatch": "andere eenheid",
    "currency_mismatch": "andere valuta",
    "incomplete": "onvolledig",
    "over_capacity": "boven capaciteit",
}

_RELATIONS_NL: Final = {"driver": "activiteit", "stretch": "stretch"}


def _walk(
    node: PlanNode, parent: str | None, depth: int
) -> Iterator[tuple[PlanNode, str | None, int]]:
    yield node, parent, depth
    for child in node.children:
        yield from _walk(child, node.id, depth + 1)


def _resolved(goal: Goal) -> Decimal | None:
    try:
        return goal.target_total() if goal.is_rate else goal.target_value
    except SmartGoalsError:
        return None


def plan_rows(plan: Plan, *, fx: FxRates | None = None) -> list[dict[str, Any]]:
    """One row per plan node, parents before children, with the fields of ``plan --format csv``.

    ``value`` is the node's target (a rate's total over its timeframe), ``weight`` its
    share of the weights it was split or assigned by, ``share_of_parent`` its share of the
    parent's target (:meth:`~smartgoals.planning.Plan.shares`), ``capacity`` the
    capacity it kept from its assignment. ``rollup`` is the value aggregated from the
    parts (:meth:`~smartgoals.planning.Plan.rollup`), in the node's currency: parts in
    another currency are converted with ``fx`` at the rate in force on the first day of
    their parent's timeframe. Without ``fx`` it is empty in every row of a plan whose
    parts are in another currency than their parent: they do not add up (the plan's
    check names them). A part in another currency than its parent has no
    ``share_of_parent``.

    >>> from smartgoals.goals import Goal
    >>> plan_rows(Plan.from_goal(Goal()))[0]["id"]
    'plan'
    """
    # Parts that do not combine (another currency without rates, rates without weights)
    # leave their parent's roll-up empty: the check says why.
    rollup = plan.rollup(fx=fx, partial=True)
    shares = plan.shares(fx=fx)
    rows = []
    for node, parent, depth in _walk(plan.root, None, 0):
        goal = node.goal
        label = (
            node.id[len(parent) + 1 :] if parent and node.id.startswith(parent + "/") else node.id
        )
        share = shares.get(node.id)
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
                "share_of_parent": None if share is None else str(share),
                "rollup": rollup.get(node.id),
                "capacity": node.capacity,
            }
        )
    return rows


def _amount(value: Decimal, currency: str | None) -> str:
    text = f"{value:,f}"
    return f"{text} {currency}" if currency else text


def _target_text(goal: Goal, lang: str) -> str:
    target = goal.target
    if target is None:
        return "–"
    value = _resolved(goal)
    if value is None:
        return str(target)
    prefix = {TargetKind.AT_MOST: "<= ", TargetKind.AT_LEAST: ">= "}.get(target.kind, "")
    text = prefix + _amount(value, goal.currency)
    if target.per is not None and value != goal.target_value:
        rate = _amount(goal.target_value, None)
        per = target.per.value if lang == "en" else _PER_NL[target.per.value]
        text += f" ({rate} a {per})" if lang == "en" else f" ({rate} per {per})"
    return text


_PER_NL: Final = {
    "year": "jaar",
    "half": "halfjaar",
    "quarter": "kwartaal",
    "month": "maand",
    "week": "week",
    "day": "dag",
}


def _percent(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):.1%}"


def _plan_text(
    plan: Plan,
    write: Write,
    lang: str,
    capacity: Mapping[str, object] | None = None,
    fx: FxRates | None = None,
) -> None:
    words = _WORDS[lang]
    goal = plan.root.goal
    for line in textwrap.wrap(
        f"{words['plan']}: {describe(goal, lang)}", WIDTH, subsequent_indent="  "
    ):
        write(line)
    write("")
    shares = plan.shares(fx=fx)
    rows = []
    for node, _parent, depth in _walk(plan.root, None, 0):
        label = node.id if depth == 0 else node.id.rsplit("/", 1)[-1]
        relation = "" if node.relation is Relation.PART else node.relation.value
        rows.append(
            (
                "  " * depth + label,
                _RELATIONS_NL.get(relation, relation) if lang == "nl" else relation,
                node.goal.metric.key if node.goal.metric else "–",
                _target_text(node.goal, lang),
                _percent(shares.get(node.id)),
                _percent(node.weight),
            )
        )
    for line in table(words["header"], rows, shrink=0, right=(3, 4, 5), wrap=False):
        write(line)
    for line in textwrap.wrap(words["note"], WIDTH):
        write(line)
    issues = plan.check(capacity=capacity, lang=lang, fx=fx)
    write("")
    if not issues:
        write(words["fine"])
        return
    one, many = words["issues"]
    write((one if len(issues) == 1 else many).format(n=len(issues)))
    for issue in issues:
        kind = issue.kind.value
        shown = _KINDS_NL.get(kind, kind) if lang == "nl" else kind.replace("_", "-")
        for line in textwrap.wrap(
            words["at"].format(
                kind=shown, node=issue.node, message=on_command_line(issue.message)
            ),
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


def _check_capacity(spec: Mapping[str, Any], where: str) -> dict[str, object] | None:
    if "capacity" not in spec:
        return None
    return _capacities(spec["capacity"], f"{where}: [capacity]")


def _output(args: argparse.Namespace) -> Path | None:
    """The file of ``-o/--output`` (None for standard output), checked against ``--format``."""
    output: str | None = getattr(args, "output", None)
    if args.format == "xlsx" and output in (None, "-"):
        raise InvalidInputError(
            "--format xlsx writes a workbook, which is binary: give the file to write with "
            "-o, such as -o plan.xlsx",
            name="output",
            value=output,
        )
    if output in (None, "-"):
        return None
    path = Path(str(output))
    if path.suffix.lower() in WORKBOOK_SUFFIXES and args.format != "xlsx":
        raise InvalidInputError(
            f"-o {output} names an Excel workbook, but --format {args.format} writes text; "
            "add --format xlsx to write a workbook",
            name="output",
            value=output,
        )
    return path


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals plan FILE``: the plan in the ``--lang`` language (English by default).

    ``-o FILE`` writes the output to ``FILE`` instead of standard output; ``--format
    xlsx`` needs it and writes an Excel workbook (the ``excel`` extra). ``--fx FILE``
    gives the exchange rates for parts in another currency than their parent: the
    roll-up and the check convert them at the rate in force on the first day of the
    parent's timeframe.
    """
    settings = from_args(args)
    output = _output(args)
    spec = load_document(args.file)
    plan = plan_from_spec(spec, where=args.file, lang=settings.lang, calendar=settings.calendar)
    capacity = _check_capacity(spec, args.file)
    fx = read_rates(getattr(args, "fx", None))
    lang = settings.lang or "en"
    try:
        issues = plan.check(capacity=capacity, lang=lang, fx=fx)
    except InvalidInputError as exc:
        raise InvalidInputError(f"{args.file}: {exc}", name=exc.name, value=exc.value) from None
    if args.format == "xlsx":
        assert output is not None  # _output refuses xlsx without a file
        from smartgoals.excel import write_plan

        try:
            write_plan(plan, output, lang=lang, capacity=capacity, fx=fx)
        except ModuleNotFoundError as exc:
            raise extra_missing(exc) from None
        except OSError as exc:
            raise _unwritable(output, exc) from None
        return 0
    lines: list[str] = []
    emit = write if output is None else lines.append
    if args.format == "table":
        _plan_text(plan, emit, lang, capacity, fx)
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_ROW_FIELDS)
        for row in plan_rows(plan, fx=fx):
            writer.writerow([_csv_cell(row[f]) for f in _ROW_FIELDS])
        emit(buffer.getvalue().rstrip("\n"))
    else:
        emit(
            dump_json(
                {
                    "version": 1,
                    "lang": lang,
                    "goal": to_dict(plan.root.goal),
                    "nodes": plan_rows(plan, fx=fx),
                    "issues": [
                        {
                            "node": i.node,
                            "kind": i.kind.value,
                            "message": on_command_line(i.message),
                            "expected": i.expected,
                            "actual": i.actual,
                            "intended": i.intended,
                            "nodes": list(i.nodes),
                            "rounding": i.rounding,
                        }
                        for i in issues
                    ],
                }
            )
        )
    if output is not None:
        try:
            output.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        except OSError as exc:
            raise _unwritable(output, exc) from None
    return 0


def _unwritable(path: Path, exc: OSError) -> InvalidInputError:
    return InvalidInputError(
        f"cannot write {path}: {exc.strerror or exc}", name="output", value=str(path)
    )
