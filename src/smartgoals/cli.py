"""The ``smartgoals`` command line: check, parse, plan, track and compute from a shell.

Commands (``smartgoals COMMAND --help`` for each):

* ``check TEXT…`` scores goal statements against SMART (``-`` reads one per line from
  standard input);
* ``parse TEXT…`` shows the fields read from a statement and the words they came from;
* ``rules [CODE]`` lists the scoring rules, or shows one rule's documentation;
* ``metrics`` lists the metric catalog;
* ``plan FILE`` splits a goal by period, assigns it to owners and derives activity
  targets, from a TOML or JSON spec;
* ``track GOAL_FILE CHECKINS`` says where a goal stands, from check-ins in a CSV file or
  an Excel workbook;
* ``kpi NAME --ARG VALUE…`` computes one KPI of :func:`smartgoals.kpi.catalog`.

Settings come from ``[tool.smartgoals]`` in the nearest ``pyproject.toml`` (``select``,
``ignore``, ``lang``, ``fiscal-year-start``, ``fiscal-year-naming``); flags override them.
``lang`` is the language of the answer: each statement is read in its own language.

Exit codes: 0 on success (for ``check``: every goal is SMART), 1 when ``check`` finds a
goal that is not SMART, 2 for usage and input errors (one message on standard error),
among them a rule code or prefix in ``select`` or ``ignore`` that no installed rule has.

>>> main(["metrics", "--lang", "nl"])  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
key ...
revenue currency sum omzet
...
0
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from importlib import metadata
from typing import Any, Final

import attrs

from smartgoals import metrics
from smartgoals._cli_io import (
    DECIMAL_MARKS,
    LANGS,
    WIDTH,
    Settings,
    context_from,
    dump_json,
    find_settings,
    load_document,
    override,
    parse_date,
    table,
)
from smartgoals._cli_parse import goal_summary, parse_document, parse_text
from smartgoals.exceptions import InvalidInputError, SmartGoalsError
from smartgoals.goals import Goal
from smartgoals.language import describe, explain
from smartgoals.scoring import (
    Context,
    RuleSet,
    Scorecard,
    Verdict,
    available_rules,
    default_rules,
)
from smartgoals.serialize import to_dict

__all__ = ["main"]

_PROG: Final = "smartgoals"


def _version() -> str:
    try:
        return metadata.version("smartgoals")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _write(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _error(message: str) -> None:
    sys.stderr.write(f"{_PROG}: error: {message}\n")


# -- shared options ------------------------------------------------------------------


def _codes(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def _settings(args: argparse.Namespace) -> Settings:
    base = Settings() if args.isolated else find_settings()
    return override(
        base,
        select=getattr(args, "select", None),
        extend_select=getattr(args, "extend_select", None) or (),
        ignore=getattr(args, "ignore", None),
        extend_ignore=getattr(args, "extend_ignore", None) or (),
        lang=args.lang,
        fiscal_year_start=args.fiscal_year_start,
    )


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("settings")
    group.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the answer (default: [tool.smartgoals] lang, else the language "
        "of each statement); statements are always read in their own language",
    )
    group.add_argument(
        "--fiscal-year-start",
        metavar="MONTH[-DAY]",
        help="first month (and day) of the fiscal year, e.g. 4 or 04-06",
    )
    group.add_argument(
        "--isolated",
        action="store_true",
        help="ignore [tool.smartgoals] in pyproject.toml files",
    )
    return common


def _rule_options() -> argparse.ArgumentParser:
    rules = argparse.ArgumentParser(add_help=False)
    group = rules.add_argument_group("rule selection (codes or prefixes, comma-separated)")
    group.add_argument("--select", type=_codes, metavar="CODES", help="rules to run")
    group.add_argument("--ignore", type=_codes, metavar="CODES", help="rules not to run")
    group.add_argument(
        "--extend-select", type=_codes, metavar="CODES", help="rules to run besides --select"
    )
    group.add_argument(
        "--extend-ignore", type=_codes, metavar="CODES", help="rules not to run besides --ignore"
    )
    return rules


def _format_option(parser: argparse.ArgumentParser, *choices: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def _statements(texts: Sequence[str]) -> list[str]:
    """The statements: each argument, or for ``-`` each non-blank line of standard input."""
    result: list[str] = []
    for text in texts:
        if text == "-":
            lines = _stdin_lines()
            result.extend(
                line.strip()
                for line in lines
                if line.strip() and not line.lstrip().startswith("#")
            )
        else:
            result.append(text)
    if not result:
        raise InvalidInputError("no goal statement given (standard input was empty)")
    return result


def _stdin_lines() -> list[str]:
    """Standard input as UTF-8 lines, whatever the locale; other bytes name their line."""
    # A text stream without bytes underneath (tests, embedding) is read as the text it is.
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "replace")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            f"standard input, line {line}: not UTF-8 text ({exc.reason}); save it as UTF-8"
        ) from None
    return decoded.splitlines()


def _today(args: argparse.Namespace) -> date | None:
    return None if args.as_of is None else parse_date(args.as_of, name="--as-of")


# -- check ---------------------------------------------------------------------------

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


def _cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    _check_selection(args, settings, default_rules())
    rules: RuleSet = default_rules().configure(select=settings.select, ignore=settings.ignore)
    calendar = settings.calendar
    context = None
    if args.context is not None:
        context = context_from(
            load_document(args.context), where=args.context, lang=settings.lang, calendar=calendar
        )
    today = _today(args)
    if today is not None:
        # The flag wins over the file's as_of, as flags win over settings.
        context = attrs.evolve(context or Context(), as_of=today)
    elif context is not None:
        today = context.as_of
    results: list[tuple[int, str, str, Goal, Scorecard]] = []
    errors: list[tuple[int, str, str]] = []
    for number, statement in enumerate(_statements(args.text), start=1):
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
        _write(dump_json(_check_document(results, errors, all_smart)))
    else:
        _check_text(results, settings.lang)
    for number, statement, message in errors:
        _error(f"statement {number} ({_short(statement)}): {message}")
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
            _write()
        seen[number] = seen.get(number, 0) + 1
        if per_input[number] > 1:
            head = f"[{seen[number]}/{per_input[number]}] {describe(goal, card.lang)}"
            _write(textwrap.fill(head, WIDTH, subsequent_indent="  "))
        _write(str(card))
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
    _write()
    _write(textwrap.fill(f"{head}: {', '.join(counts)}.", WIDTH))


# -- parse ---------------------------------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    settings = _settings(args)
    documents = []
    for index, statement in enumerate(_statements(args.text)):
        # Read in the statement's own language; settings.lang is the answer's.
        parsed = explain(statement, lang=None, today=_today(args), calendar=settings.calendar)
        lang = settings.lang or parsed.lang
        if args.format == "json":
            documents.append(parse_document(parsed, lang))
            continue
        if index:
            _write()
        for line in parse_text(parsed, lang):
            _write(line)
    if args.format == "json":
        _write(dump_json(documents))
    return 0


# -- rules ---------------------------------------------------------------------------


def _cmd_rules(args: argparse.Namespace) -> int:
    settings = _settings(args)
    lang = settings.lang or "en"
    if args.code is None:
        infos = available_rules()
        if args.format == "json":
            _write(
                dump_json(
                    [
                        {
                            "code": i.code,
                            "criterion": i.criterion.value,
                            "summary": i.summary,
                            "origin": i.origin,
                            "severity": i.severity.value,
                            "off_by_default": i.off_by_default,
                        }
                        for i in infos
                    ]
                )
            )
            return 0
        rows = [
            (
                i.code,
                i.criterion.label(lang),
                _summary(default_rules().get(i.code), lang) + (" *" if i.off_by_default else ""),
                i.origin,
            )
            for i in infos
        ]
        for line in table(("code", "criterion", "summary", "origin"), rows, shrink=2):
            _write(line)
        if any(i.off_by_default for i in infos):
            _write()
            _write("* off by default: runs only when --select names its code")
        errors = default_rules().load_errors
        for problem in errors:
            _error(str(problem))
        return 0
    code = args.code.strip().upper()
    rules = default_rules()
    if code not in rules:
        import difflib

        close = difflib.get_close_matches(code, [r.code for r in rules], n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise InvalidInputError(
            f"unknown rule {args.code!r}{hint} (smartgoals rules lists them)",
            name="code",
            value=args.code,
        )
    rule = rules.get(code)
    docs = rule.docs
    messages = dict(getattr(rule, "messages", {}))
    suggestions = dict(getattr(rule, "suggestions", {}))
    if args.format == "json":
        _write(
            dump_json(
                {
                    "code": rule.code,
                    "criterion": rule.criterion.value,
                    "summary": _summary(rule, lang),
                    "origin": rule.origin,
                    "severity": rule.severity.value,
                    "off_by_default": rule.off_by_default,
                    "evidence": list(rule.evidence),
                    "lang": lang,
                    "message": messages.get(lang) or messages.get("en"),
                    "suggestion": suggestions.get(lang) or suggestions.get("en"),
                    "messages": messages,
                    "suggestions": suggestions,
                    "docs": {
                        "what": docs.what,
                        "why": docs.why,
                        "example": docs.example,
                        "better": docs.better,
                    },
                }
            )
        )
        return 0
    words = _RULE_WORDS[lang]
    _write(f"{rule.code}: {_summary(rule, lang)}")
    _write()
    _write(f"  {words['criterion']:<10} {rule.criterion.label(lang)}")
    _write(f"  {words['severity']:<10} {rule.severity.label(lang)}")
    _write(f"  {words['origin']:<10} {rule.origin}")
    _write(f"  {words['default']:<10} {words['off' if rule.off_by_default else 'on']}")
    if rule.evidence:
        _write(f"  {words['needs']:<10} {', '.join(rule.evidence)} {words['context']}")
    for title, body in (
        (words["message"], messages.get(lang) or messages.get("en", "")),
        (words["suggestion"], suggestions.get(lang) or suggestions.get("en", "")),
        ("What it checks", docs.what),
        ("Why it matters", docs.why),
        ("Example", docs.example),
        ("Write instead", docs.better),
    ):
        if body:
            _write()
            _write(title)
            for line in textwrap.wrap(body, WIDTH, initial_indent="  ", subsequent_indent="  "):
                _write(line)
    return 0


def _summary(rule: object, lang: str) -> str:
    """A rule's summary in ``lang`` when the rule has one (rules made with ``rule()`` do)."""
    summary_in = getattr(rule, "summary_in", None)
    return str(summary_in(lang)) if callable(summary_in) else str(getattr(rule, "summary", ""))


_RULE_WORDS: Final = {
    "en": {
        "criterion": "criterion",
        "severity": "severity",
        "origin": "origin",
        "default": "default",
        "on": "on",
        "off": "off (select it by its code)",
        "needs": "needs",
        "context": "(in --context)",
        "message": "Message",
        "suggestion": "Suggestion",
    },
    "nl": {
        "criterion": "criterium",
        "severity": "ernst",
        "origin": "herkomst",
        "default": "standaard",
        "on": "aan",
        "off": "uit (selecteer de regel met zijn code)",
        "needs": "nodig",
        "context": "(in --context)",
        "message": "Melding",
        "suggestion": "Suggestie",
    },
}


# -- metrics -------------------------------------------------------------------------


def _cmd_metrics(args: argparse.Namespace) -> int:
    settings = _settings(args)
    lang = settings.lang or "en"
    everything = metrics.all()
    if args.format == "json":
        _write(
            dump_json(
                [
                    {
                        "key": m.key,
                        "name": m.label(lang),
                        "names": dict(m.names),
                        "unit": m.unit.value,
                        "aggregation": m.aggregation.value,
                        "polarity": m.polarity.value,
                        "kind": m.kind.value,
                        "minimum": m.minimum,
                        "maximum": m.maximum,
                        "description": m.description,
                        "origin": m.origin,
                    }
                    for m in everything
                ]
            )
        )
        return 0
    rows = [(m.key, m.unit.value, m.aggregation.value, m.label(lang)) for m in everything]
    for line in table(("key", "unit", "aggregation", "name"), rows, shrink=3):
        _write(line)
    return 0


# -- plan, track, kpi ------------------------------------------------------------------


def _cmd_plan(args: argparse.Namespace) -> int:
    from smartgoals._cli_plan import run_plan

    return run_plan(args, _settings(args), _write)


def _cmd_track(args: argparse.Namespace) -> int:
    from smartgoals._cli_track import run_track

    return run_track(args, _settings(args), _write)


def _cmd_kpi(args: argparse.Namespace) -> int:
    from smartgoals._cli_kpi import run_kpi

    return run_kpi(args.name, args.arguments, _write)


# -- the parser ----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Set, check, plan and track SMART sales goals.",
        epilog="Exit codes: 0 success (check: every goal SMART), 1 check found a goal "
        "that is not SMART, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common_options()

    def add(name: str, help: str, func: Callable[[argparse.Namespace], int], *parents: Any) -> Any:
        sub = commands.add_parser(
            name, help=help, description=help[0].upper() + help[1:] + ".", parents=[*parents]
        )
        sub.set_defaults(func=func)
        return sub

    check = add(
        "check", "score goal statements against SMART", _cmd_check, common, _rule_options()
    )
    check.epilog = (
        "Exit codes: 0 every goal is SMART, 1 a goal is not SMART, 2 usage or input error."
    )
    check.add_argument("text", nargs="+", metavar="TEXT", help="a goal statement, or - for stdin")
    check.add_argument(
        "--context", metavar="FILE", help="JSON or TOML evidence: as_of, history, channels, ..."
    )
    check.add_argument(
        "--as-of", metavar="DATE", help="the day to judge on and to read 'in a year' from"
    )
    _format_option(check, "text", "json")

    parse = add("parse", "show the fields read from a statement", _cmd_parse, common)
    parse.add_argument("text", nargs="+", metavar="TEXT", help="a goal statement, or - for stdin")
    parse.add_argument("--as-of", metavar="DATE", help="the day to read 'in a year' from")
    _format_option(parse, "text", "json")

    rules = add("rules", "list the scoring rules or show one", _cmd_rules, common)
    rules.add_argument("code", nargs="?", metavar="CODE", help="a rule code such as T001")
    _format_option(rules, "text", "json")

    listing = add("metrics", "list the metric catalog", _cmd_metrics, common)
    _format_option(listing, "text", "json")

    plan = add("plan", "split, assign and drive a goal from a spec file", _cmd_plan, common)
    plan.add_argument("file", metavar="FILE", help="a TOML or JSON plan spec")
    _format_option(plan, "table", "csv", "json", "xlsx")
    plan.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (needed by --format xlsx, which "
        "writes an Excel workbook: the 'excel' extra)",
    )

    track = add("track", "track a goal from check-ins", _cmd_track, common)
    track.add_argument("goal", metavar="GOAL_FILE", help="a TOML or JSON goal document")
    track.add_argument(
        "checkins",
        metavar="CHECKINS",
        help="a CSV file, date,value[,confidence,note,denominator] separated by ',' or ';', "
        "or an Excel workbook (.xlsx, the 'excel' extra) with those columns",
    )
    track.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of an .xlsx workbook to read (default: the first)",
    )
    track.add_argument("--as-of", metavar="DATE", help="the last day to count (default: today)")
    track.add_argument(
        "--cumulative", action="store_true", help="values are running totals (sum metrics)"
    )
    track.add_argument(
        "--pacing",
        choices=("linear", "workdays"),
        default="linear",
        help="expected progress by calendar days or working days (default: linear)",
    )
    track.add_argument(
        "--decimal",
        choices=DECIMAL_MARKS,
        default=None,
        help="decimal mark of values written as text: '.' or ',' (default: ',' in a "
        "';'-separated file; otherwise '.', and ambiguous values such as 1.250 are refused)",
    )
    _format_option(track, "text", "json")

    kpi = commands.add_parser(
        "kpi",
        help="compute a KPI (smartgoals kpi lists them)",
        description="Compute one KPI function. 'smartgoals kpi' lists them; "
        "'smartgoals kpi NAME --help' shows a function's arguments.",
    )
    kpi.add_argument("name", nargs="?", metavar="NAME", help="a function of smartgoals.kpi")
    kpi.set_defaults(func=_cmd_kpi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Library errors (bad input) and unreadable files print one message on standard error
    and give exit code 2; anything else is a bug and is raised.

    Args:
        argv: The arguments, without the program name.

    Returns:
        0, 1 (``check`` found a goal that is not SMART) or 2 (usage or input error).

    >>> main(["metrics"])  # doctest: +ELLIPSIS
    key ...
    0
    >>> main(["rules", "T001", "--format", "json"])  # doctest: +ELLIPSIS
    {
      "code": "T001",
    ...
    0
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    try:
        if arguments[:1] == ["kpi"]:
            # A KPI's options come from its signature: its own parser reads them.
            args = argparse.Namespace(func=_cmd_kpi, name=None, arguments=arguments[2:])
            args.name = arguments[1] if len(arguments) > 1 else None
        else:
            args = parser.parse_args(arguments)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        code: int = args.func(args)
    except SmartGoalsError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`smartgoals rules | head`): stop quietly, as cat does.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"cannot read {where}{exc.strerror or exc}")
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
