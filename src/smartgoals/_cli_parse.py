"""``smartgoals parse``: the fields read from a statement and the words they came from."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any, Final

from smartgoals._cli_io import WIDTH
from smartgoals.goals import Goal
from smartgoals.language import describe
from smartgoals.language._result import ParsedStatement, Span
from smartgoals.serialize import to_dict

__all__ = ["parse_document", "parse_text"]

_FIELDS: Final = (
    "direction",
    "metric",
    "target",
    "baseline",
    "currency",
    "timeframe",
    "period",
    "owner",
    "type",
    "strategy",
)


def _field_value(goal: Goal, field: str, lang: str) -> str | None:
    if field == "period":
        return None
    value = getattr(goal, field)
    if value is None:
        return None
    if field == "metric":
        label = value.label(lang)
        return value.key if label == value.key.replace("_", " ") else f"{value.key} ({label})"
    if field in ("direction", "type"):
        return str(value.value)
    return str(value)


def _span_json(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def parse_document(parsed: ParsedStatement, lang: str) -> dict[str, Any]:
    """The JSON document of ``smartgoals parse`` for one statement."""
    return {
        "statement": parsed.text,
        "lang": parsed.lang,
        "goals": [
            {
                "description": describe(item.goal, lang),
                "goal": to_dict(item.goal),
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
    }


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
        ("channels", ", ".join(parsed.channels)),
    ]
    notes = [(name, value) for name, value in extras if value]
    if notes:
        yield ""
    for name, value in notes:
        yield from textwrap.wrap(f"{name}: {value}", WIDTH, subsequent_indent="  ")
