"""``smartgoals check``: score goal statements against SMART, as text or JSON.

Each statement is read in its own language and scored by the rules that
``[tool.smartgoals]`` and the flags select; the exit code says whether every goal is SMART.
"""

from __future__ import annotations

import argparse
import textwrap
from datetime import date
from typing import Any, Final

import attrs

from smartgoals.cli._documents import context_from
from smartgoals.cli._io import load_document, parse_date, statements
from smartgoals.cli._output import WIDTH, dump_json, error, write
from smartgoals.cli._settings import Settings, from_args
from smartgoals.cli.parse import goal_summary
from smartgoals.exceptions import InvalidInputError, SmartGoalsError
from smartgoals.goals import Goal
from smartgoals.language import describe, explain
from smartgoals.scoring import Context, RuleSet, Scorecard, Verdict, default_rules

__all__ = ["run"]

_SUMMARY: Final = {
    "en": ("{n} goal checked", "{n} goals checked"),
    "nl": ("{n} doel gecontroleerd", "{n} doelen gecontroleerd"),
}


def _check_selection(args: argparse.Namespace, settings: Settings, rules: RuleSet) -> None:
    """Refuse a code or prefix in select or ignore that no installed rule has (exit 2)."""
    codes = [rule.code for rule in rules]
    flags = {
        "select": [*(args.select or ()), *(args.extend_select or ())],
        "ignore": [*(args.ignore or ()), *(args.extend_ignore or ())],
    }
    for name, chosen in (("select", settings.select or ()), ("ignore", settings.ignore)):
        for prefix in chosen:
            if prefix == "ALL" or any(code.startswith(prefix) for code in codes):
                continue
            known = sorted({code.rstrip("0123456789") for code in codes})
            where = (
                f"--{name}"
                if prefix in flags[name]
                else f"[tool.smartgoals] {name}"
                + (f" in {settings.source}" if settings.source is not None else "")
            )
            raise InvalidInputError(
                f"unknown rule code or prefix {prefix!r} in {where}; known prefixes: "
                f"{', '.join(known)} (smartgoals rules lists every code)",
                name=name,
                value=prefix,
            )


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals check TEXT…``: 0 when every goal is SMART, 1 when not, 2 on bad input.

    >>> args = argparse.Namespace(
    ...     text=["Increase revenue by 10% in 2027"], isolated=True, lang="en",
    ...     fiscal_year_start=None, select=None, ignore=None, extend_select=None,
    ...     extend_ignore=None, context=None, as_of="2026-11-27", format="text")
    >>> run(args)  # doctest: +ELLIPSIS
    SMART scorecard: partially SMART (83/100)
    ...
    1 goal checked: 1 partially SMART.
    1
    """
    settings = from_args(args)
    _check_selection(args, settings, default_rules())
    rules: RuleSet = default_rules().configure(select=settings.select, ignore=settings.ignore)
    calendar = settings.calendar
    context = None
    if args.context is not None:
        context = context_from(
            load_document(args.context), where=args.context, lang=settings.lang, calendar=calendar
        )
    today: date | None = None if args.as_of is None else parse_date(args.as_of, name="--as-of")
    if today is not None:
        # The flag wins over the file's as_of, as flags win over settings.
        context = attrs.evolve(context or Context(), as_of=today)
    elif context is not None:
        today = context.as_of
    results: list[tuple[int, str, str, Goal, Scorecard]] = []
    errors: list[tuple[int, str, str]] = []
    for number, statement in enumerate(statements(args.text), start=1):
        try:
            # Read in the statement's own language; settings.lang is the answer's.
            parsed = explain(statement, lang=None, today=today, calendar=calendar)
        except SmartGoalsError as exc:
            errors.append((number, statement, str(exc)))
            continue
        lang = settings.lang or parsed.lang
        # The parser's evidence (spans, channels, placeholders) goes with each goal.
        read = attrs.evolve(context or Context(), statement=parsed)
        for item in parsed.goals:
            card = rules.score(item.goal, context=read, lang=lang)
            results.append((number, statement, parsed.lang, item.goal, card))
    all_smart = not errors and all(r[4].verdict is Verdict.SMART for r in results)
    if args.format == "json":
        write(dump_json(_check_document(results, errors, all_smart)))
    else:
        _check_text(results, settings.lang)
    for number, statement, message in errors:
        error(f"statement {number} ({_short(statement)}): {message}")
    if errors:
        return 2
    return 0 if all_smart else 1


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _check_document(
    results: list[tuple[int, str, str, Goal, Scorecard]],
    errors: list[tuple[int, str, str]],
    all_smart: bool,
) -> dict[str, Any]:
    from smartgoals.serialize import to_dict  # cattrs loads only for JSON output

    counts = {v.value: sum(1 for r in results if r[4].verdict is v) for v in Verdict}
    return {
        "version": 1,
        "smart": all_smart,
        "counts": counts,
        "goals": [
            {
                "input": number,
                "statement": statement,
                "lang": lang,
                "goal": to_dict(goal),
                **goal_summary(goal, card.lang),
                "scorecard": card.to_dict(),
            }
            for number, statement, lang, goal, card in results
        ],
        "errors": [
            {"input": number, "statement": statement, "message": message}
            for number, statement, message in errors
        ],
    }


def _check_text(results: list[tuple[int, str, str, Goal, Scorecard]], lang: str | None) -> None:
    per_input: dict[int, int] = {}
    for number, *_ in results:
        per_input[number] = per_input.get(number, 0) + 1
    seen: dict[int, int] = {}
    for index, (number, _statement, _lang, goal, card) in enumerate(results):
        if index:
            write()
        seen[number] = seen.get(number, 0) + 1
        if per_input[number] > 1:
            head = f"[{seen[number]}/{per_input[number]}] {describe(goal, card.lang)}"
            write(textwrap.fill(head, WIDTH, subsequent_indent="  "))
        write(str(card))
    if not results:
        return
    langs = {card.lang for *_, card in results}
    summary_lang = lang or (langs.pop() if len(langs) == 1 else "en")
    one, many = _SUMMARY[summary_lang]
    counts = [
        f"{sum(1 for r in results if r[4].verdict is v)} {v.label(summary_lang)}"
        for v in Verdict
        if any(r[4].verdict is v for r in results)
    ]
    head = (one if len(results) == 1 else many).format(n=len(results))
    write()
    write(textwrap.fill(f"{head}: {', '.join(counts)}.", WIDTH))
