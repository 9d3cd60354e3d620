"""``smartgoals parse``: show the fields read from a statement and the words they came from.

A rate shows with its cadence and its total over the timeframe, and an owner with whom
the target holds for (``AE (each holder of the role)``).
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterator
from typing import Any, Final

from smartgoals import _channels
from smartgoals._numbers import format_amount
from smartgoals.cli._io import parse_date, statements
from smartgoals.cli._output import WIDTH, dump_json, write
from smartgoals.cli._settings import from_args
from smartgoals.exceptions import SmartGoalsError
from smartgoals.goals import Goal, Scope
from smartgoals.language import describe, explain
from smartgoals.language._result import ParsedStatement, Span
from smartgoals.scoring._scorecard import owner_text, target_text

__all__ = ["goal_summary", "parse_document", "parse_text", "run"]

_FIELDS: Final = (
    "direction",
    "metric",
    "target",
    "total",
    "baseline",
    "currency",
    "timeframe",
    "period",
    "owner",
    "type",
    "strategy",
)


def _total(goal: Goal) -> str | None:
    """A rate's total over the timeframe, or None (no rate, or it does not resolve)."""
    if not goal.is_rate:
        return None
    try:
        return format_amount(goal.target_total())
    except SmartGoalsError:  # a run rate without a baseline, or no timeframe
        return None


_TOTAL_TEXT: Final = {
    "en": ("{total} over the timeframe", "{total} over the timeframe, for each holder"),
    "nl": ("{total} over de hele termijn", "{total} over de hele termijn, voor ieder"),
}


def goal_summary(goal: Goal, lang: str) -> dict[str, Any]:
    """The rate and the owner's scope of a goal, for the JSON of ``parse`` and ``check``.

    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Owner, Scope, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> goal = Goal(metric=metrics.get("demos_booked"), target=Target.at_least(20, per="week"),
    ...             timeframe=Timeframe.quarter(2027, 3), owner=Owner("AE", Scope.ROLE))
    >>> summary = goal_summary(goal, "en")
    >>> summary["target"], summary["owner"]
    ({'text': '≥ 20 a week', 'per': 'week', 'total': '263'}, {'name': 'AE', 'scope': 'role', 'text': 'AE (each holder of the role)'})
    """
    target, owner = goal.target, goal.owner
    return {
        "target": None
        if target is None
        else {
            "text": target_text(target, lang),
            "per": None if target.per is None else target.per.value,
            "total": _total(goal),
        },
        "owner": None
        if owner is None
        else {"name": owner.name, "scope": owner.scope.value, "text": owner_text(owner, lang)},
    }


_CADENCE: Final = {
    "en": {
        "year": "a year",
        "half": "a half-year",
        "quarter": "a quarter",
        "month": "a month",
        "week": "a week",
        "day": "a day",
    },
    "nl": {
        "year": "per jaar",
        "half": "per halfjaar",
        "quarter": "per kwartaal",
        "month": "per maand",
        "week": "per week",
        "day": "per dag",
    },
}


def _field_value(goal: Goal, field: str, lang: str) -> str | None:
    if field == "period":
        # The cadence the words set (Target.per), or none: "reviewed every month" is a
        # check-in interval, not a cadence.
        per = goal.target.per if goal.target is not None else None
        return None if per is None else _CADENCE[lang].get(per.value, per.value)
    if field == "total":
        total = _total(goal)
        if total is None:
            return None
        role = goal.owner is not None and goal.owner.scope is Scope.ROLE
        shown = total.translate(str.maketrans(".,", ",.")) if lang == "nl" else total
        return _TOTAL_TEXT[lang][role].format(total=shown)
    value = getattr(goal, field)
    if value is None:
        return None
    if field == "metric":
        label = value.label(lang)
        return value.key if label == value.key.replace("_", " ") else f"{value.key} ({label})"
    if field in ("direction", "type"):
        return str(value.value)
    if field == "target":
        return target_text(value, lang)
    if field == "owner":
        return owner_text(value, lang)
    return str(value)


def _span_json(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def parse_document(parsed: ParsedStatement, lang: str) -> dict[str, Any]:
    """The JSON document of ``smartgoals parse`` for one statement."""
    from smartgoals.serialize import to_dict  # cattrs loads only for JSON output

    return {
        "statement": parsed.text,
        "lang": parsed.lang,
        "goals": [
            {
                "description": describe(item.goal, lang),
                "goal": to_dict(item.goal),
                **goal_summary(item.goal, lang),
                "spans": {
                    field: _span_json(item.spans[field])
                    for field in _FIELDS
                    if field in item.spans
                },
            }
            for item in parsed.goals
        ],
        "placeholders": [_span_json(s) for s in parsed.placeholders],
        "vague_verbs": [_span_json(s) for s in parsed.vague_verbs],
        "channels": {
            name: [_span_json(s) for s in spans] for name, spans in parsed.channels.items()
        },
        "ruled_out_channels": _ruled_out(parsed),
    }


def _ruled_out(parsed: ParsedStatement) -> list[str]:
    """The channels every mention of which a negation rules out ("not through Instagram")."""
    ranges = _channels.negated_ranges(parsed.text)
    return [
        name
        for name, spans in parsed.channels.items()
        if ranges and all(_channels.in_ranges(span.start, ranges) for span in spans)
    ]


def _channel_list(parsed: ParsedStatement) -> str:
    ruled_out = _ruled_out(parsed)
    return ", ".join(
        f"{name} (ruled out)" if name in ruled_out else name for name in parsed.channels
    )


def parse_text(parsed: ParsedStatement, lang: str) -> Iterator[str]:
    """The lines of ``smartgoals parse`` for one statement, within :data:`WIDTH` columns."""
    yield from textwrap.wrap(parsed.text, WIDTH)
    yield f"language: {parsed.lang}"
    for number, item in enumerate(parsed.goals, start=1):
        yield ""
        yield from textwrap.wrap(
            f"goal {number} of {len(parsed.goals)}: {describe(item.goal, lang)}",
            WIDTH,
            subsequent_indent="  ",
        )
        for field in _FIELDS:
            value = _field_value(item.goal, field, lang)
            span = item.spans.get(field)
            if value is None and span is None:
                continue
            shown = value if value is not None else "–"
            line = f"  {field:<10} {shown}"
            if span is not None:
                source = f'← "{span.text}" ({span.start}–{span.end})'
                joined = f"{line:<45} {source}" if len(line) < 45 else f"{line}  {source}"
                if len(joined) <= WIDTH:
                    yield joined
                    continue
                yield from textwrap.wrap(line, WIDTH, subsequent_indent=" " * 13)
                yield from textwrap.wrap(
                    source, WIDTH, initial_indent=" " * 13, subsequent_indent=" " * 16
                )
                continue
            yield from textwrap.wrap(line, WIDTH, subsequent_indent=" " * 13)
    extras = [
        ("placeholders", ", ".join(f'"{s.text}"' for s in parsed.placeholders)),
        ("vague verbs", ", ".join(f'"{s.text}"' for s in parsed.vague_verbs)),
        ("channels", _channel_list(parsed)),
    ]
    notes = [(name, value) for name, value in extras if value]
    if notes:
        yield ""
    for name, value in notes:
        yield from textwrap.wrap(f"{name}: {value}", WIDTH, subsequent_indent="  ")


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals parse TEXT…``: each statement's fields, as text or JSON.

    >>> run(argparse.Namespace(text=["Grow revenue by 10% in 2027"], isolated=True,
    ...                        lang="en", fiscal_year_start=None, as_of="2026-11-27",
    ...                        format="text"))  # doctest: +ELLIPSIS
    Grow revenue by 10% in 2027
    language: en
    ...
    0
    """
    settings = from_args(args)
    today = None if args.as_of is None else parse_date(args.as_of, name="--as-of")
    documents = []
    for index, statement in enumerate(statements(args.text)):
        # Read in the statement's own language; settings.lang is the answer's.
        parsed = explain(statement, lang=None, today=today, calendar=settings.calendar)
        lang = settings.lang or parsed.lang
        if args.format == "json":
            documents.append(parse_document(parsed, lang))
            continue
        if index:
            write()
        for line in parse_text(parsed, lang):
            write(line)
    if args.format == "json":
        write(dump_json(documents))
    return 0
