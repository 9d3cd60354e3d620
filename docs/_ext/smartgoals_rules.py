"""Sphinx extension: a rules reference generated from the rules' own metadata.

Usage in a page::

    .. smartgoals-rules::
       :origin: smartgoals

One section per criterion and one entry per rule (code, summary, severity, field,
evidence, what it does, why it matters, an example, what to write instead, and the
English and Dutch message and suggestion templates), with the label ``rule-<CODE>`` so
other pages can write :ref:`rule-S001`. Rules are read from the installed
``smartgoals.rules`` entry points, like ``smartgoals.scoring.available_rules()``; a page
that would list no rule is a build warning (and an error under ``-W``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from smartgoals.scoring import Criterion, RuleSet

_ESCAPES = str.maketrans({"\\": "\\\\", "*": "\\*", "`": "\\`", "|": "\\|", "_": "\\_"})


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _heading(text: str, char: str) -> list[str]:
    return [text, char * len(text), ""]


def _rule_lines(rule: Any) -> list[str]:
    docs = rule.docs
    lines = [f".. _rule-{rule.code}:", ""]
    lines += _heading(f"{rule.code} — {rule.summary}", "~")
    evidence = ", ".join(f"``{e}``" for e in rule.evidence) or "none (judged from the goal)"
    field = getattr(rule, "field", None)
    lines += [
        f":Criterion: {rule.criterion.label()} ({rule.criterion.label('nl')})",
        f":Severity: {rule.severity.value}",
        f":Goal field: ``{field}``" if field else ":Goal field: —",
        f":Evidence: {evidence}",
        f":Origin: {rule.origin}",
    ]
    if rule.off_by_default:
        lines.append(f":Selection: off by default; turn it on with ``select=['{rule.code}']``")
    lines.append("")
    lines += ["**What it does.** " + docs.what, ""]
    if docs.why:
        lines += ["**Why it matters.** " + docs.why, ""]
    if docs.example:
        lines += ["**Example**", "", "    " + _escape(docs.example), ""]
    if docs.better:
        lines += ["**Use instead**", "", "    " + _escape(docs.better), ""]
    messages = getattr(rule, "messages", {})
    suggestions = getattr(rule, "suggestions", {})
    if messages:
        lines += [".. list-table::", "   :widths: 12 44 44", "   :header-rows: 1", ""]
        lines += ["   * - ", "     - Message", "     - Suggestion"]
        for key in sorted(messages, key=lambda k: (":" in k, k)):
            lines += [
                f"   * - ``{key}``",
                f"     - {_escape(messages[key])}",
                f"     - {_escape(suggestions.get(key, ''))}"
                if suggestions.get(key)
                else "     -",
            ]
        lines.append("")
    return lines


class RulesDirective(SphinxDirective):
    """``.. smartgoals-rules::`` lists every installed rule of one origin."""

    has_content = False
    option_spec = {"origin": directives.unchanged}  # noqa: RUF012 (docutils' API)

    def run(self) -> list[nodes.Node]:
        origin = self.options.get("origin", "smartgoals")
        rules = [r for r in RuleSet.from_entry_points() if r.origin == origin]
        if not rules:
            logger = self.state.document.reporter
            return [
                logger.warning(
                    f"smartgoals-rules: no rules from {origin!r} are installed "
                    "(is the package installed with its smartgoals.rules entry points?)",
                    line=self.lineno,
                )
            ]
        lines: list[str] = []
        for criterion in Criterion:
            chosen = [r for r in rules if r.criterion is criterion]
            if not chosen:
                continue
            lines += _heading(f"{criterion.label()} ({criterion.letter})", "-")
            for rule in sorted(chosen, key=lambda r: r.code):
                lines += _rule_lines(rule)
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(
            self.state, StringList(lines, source="<smartgoals-rules>"), container
        )
        return list(container.children)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``smartgoals-rules`` directive."""
    app.add_directive("smartgoals-rules", RulesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
