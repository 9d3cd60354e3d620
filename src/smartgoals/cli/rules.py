"""``smartgoals rules``: list the scoring rules, or show one rule's documentation.

The list names each rule's code, criterion, summary and origin (built in or a plugin);
one rule shows its messages and its "why it matters, example, write instead" sections.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import Final

from smartgoals.cli._output import WIDTH, dump_json, error, table, write
from smartgoals.cli._settings import from_args
from smartgoals.exceptions import InvalidInputError
from smartgoals.scoring import available_rules, default_rules

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals rules [CODE]``: the table of rules, or one rule's documentation.

    >>> run(argparse.Namespace(code="T001", isolated=True, lang="en", fiscal_year_start=None,
    ...                        format="text"))  # doctest: +ELLIPSIS
    T001: ...
    0
    """
    settings = from_args(args)
    lang = settings.lang or "en"
    if args.code is None:
        infos = available_rules()
        if args.format == "json":
            write(
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
            write(line)
        if any(i.off_by_default for i in infos):
            write()
            write("* off by default: runs only when --select names its code")
        errors = default_rules().load_errors
        for problem in errors:
            error(str(problem))
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
        write(
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
    write(f"{rule.code}: {_summary(rule, lang)}")
    write()
    write(f"  {words['criterion']:<10} {rule.criterion.label(lang)}")
    write(f"  {words['severity']:<10} {rule.severity.label(lang)}")
    write(f"  {words['origin']:<10} {rule.origin}")
    write(f"  {words['default']:<10} {words['off' if rule.off_by_default else 'on']}")
    if rule.evidence:
        write(f"  {words['needs']:<10} {', '.join(rule.evidence)} {words['context']}")
    for title, body in (
        (words["message"], messages.get(lang) or messages.get("en", "")),
        (words["suggestion"], suggestions.get(lang) or suggestions.get("en", "")),
        ("What it checks", docs.what),
        ("Why it matters", docs.why),
        ("Example", docs.example),
        ("Write instead", docs.better),
    ):
        if body:
            write()
            write(title)
            for line in textwrap.wrap(body, WIDTH, initial_indent="  ", subsequent_indent="  "):
                write(line)
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
