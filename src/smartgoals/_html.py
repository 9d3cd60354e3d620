"""HTML for notebooks: small escaped tables with status colours and no external assets.

Jupyter, VS Code and other notebook front ends show an object's ``_repr_html_()``. The
displays here are plain HTML with inline styles: no scripts, no stylesheets, no fonts, so
they render the same offline, in exported notebooks and in e-mailed HTML. Every piece of
user text (statements, owner names, strategies) is escaped; only :class:`Html` values,
made by the builders in this module, are inserted as they are.

This module sits in the bottom layer: it imports nothing from planning, scoring or
tracking, so :class:`~smartgoals.goals.Goal` and :class:`~smartgoals.planning.Plan` can
both use it.

>>> print(table(["field", "value"], [["statement", "<script>alert(1)</script>"]]))
<table class="smartgoals-table" style="border-collapse:collapse;font-size:90%"><thead><tr><th style="padding:2px 8px;text-align:left;border-bottom:1px solid #d0d7de">field</th><th style="padding:2px 8px;text-align:left;border-bottom:1px solid #d0d7de">value</th></tr></thead><tbody><tr><td style="padding:2px 8px;text-align:left">statement</td><td style="padding:2px 8px;text-align:left">&lt;script&gt;alert(1)&lt;/script&gt;</td></tr></tbody></table>
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Final

from smartgoals._numbers import format_amount
from smartgoals.metrics import Unit

if TYPE_CHECKING:
    from smartgoals.goals import Goal


__all__ = [
    "COLOURS",
    "STATUS_COLOURS",
    "Html",
    "amount",
    "badge",
    "coloured",
    "escape",
    "indented",
    "render_goal",
    "table",
    "target_text",
]

#: Colours by meaning; readable on light and dark notebook themes (GitHub's palette).
COLOURS: Final[Mapping[str, str]] = {
    "good": "#1a7f37",
    "warning": "#9a6700",
    "bad": "#cf222e",
    "info": "#0969da",
    "muted": "#6e7781",
}

#: Colours of the progress statuses, keyed by ``ProgressStatus.value`` (this module
#: does not import tracking).
STATUS_COLOURS: Final[Mapping[str, str]] = {
    "not_started": "#57606a",
    "on_track": COLOURS["good"],
    "achieved": COLOURS["good"],
    "exceeded": COLOURS["info"],
    "behind": COLOURS["warning"],
    "at_risk": COLOURS["bad"],
    "missed": COLOURS["bad"],
}

_CELL: Final = "padding:2px 8px"
_RULE: Final = ";border-bottom:1px solid #d0d7de"
_CENT: Final = Decimal("0.01")
_TENTH: Final = Decimal("0.1")


class Html(str):
    """A string of trusted HTML, inserted without escaping.

    Only the builders in this module make one; anything else passed to :func:`table`
    is escaped.

    >>> escape(Html("<b>x</b>")), escape("<b>x</b>")
    ('<b>x</b>', '&lt;b&gt;x&lt;/b&gt;')
    """

    __slots__ = ()


def escape(text: object) -> str:
    """Escape ``text`` for HTML, leaving :class:`Html` as it is.

    Args:
        text: Anything; it is turned into a string first.

    Returns:
        The escaped text, quotes included.

    >>> escape('Sam "the closer" <sam@example.com>')
    'Sam &quot;the closer&quot; &lt;sam@example.com&gt;'
    """
    if isinstance(text, Html):
        return str(text)
    from html import escape  # only when rendering: keeps `import smartgoals.goals` light

    return escape(str(text), quote=True)


def badge(text: str, colour: str) -> Html:
    """An inline label in ``colour``: coloured text in a thin rounded border.

    Args:
        text: The label, escaped.
        colour: A CSS colour, such as a value of :data:`COLOURS`.

    Returns:
        The badge's HTML.

    >>> badge("on track", COLOURS["good"])
    '<span style="color:#1a7f37;border:1px solid #1a7f37;border-radius:3px;padding:0 4px;white-space:nowrap">on track</span>'
    """
    return Html(
        f'<span style="color:{escape(colour)};border:1px solid {escape(colour)};'
        f'border-radius:3px;padding:0 4px;white-space:nowrap">{escape(text)}</span>'
    )


def coloured(text: str, colour: str) -> Html:
    """``text`` in ``colour``, escaped.

    >>> coloured("missing", COLOURS["bad"])
    '<span style="color:#cf222e">missing</span>'
    """
    return Html(f'<span style="color:{escape(colour)}">{escape(text)}</span>')


def indented(text: str, depth: int) -> Html:
    """``text`` indented by ``depth`` levels, for trees in a table's first column.

    >>> indented("Q1", 2)
    '<span style="padding-left:2.0em">Q1</span>'
    """
    return Html(f'<span style="padding-left:{1.0 * depth:.1f}em">{escape(text)}</span>')


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Collection[int] = (),
    footer: str | None = None,
) -> Html:
    """A compact table; cells are escaped unless they are :class:`Html`.

    Args:
        header: The column titles.
        rows: The cells of each row, as many as there are titles.
        numeric: Indexes of the columns to align right (numbers).
        footer: A note in a last row spanning every column (escaped).

    Returns:
        The table's HTML.

    Raises:
        ValueError: if a row has more or fewer cells than the header.

    >>> "text-align:right" in table(["metric", "target"], [["calls", "1,200"]], numeric={1})
    True
    """

    def cell(tag: str, column: int, value: str) -> str:
        align = "right" if column in numeric else "left"
        return f'<{tag} style="{_CELL};text-align:{align}{_RULE if tag == "th" else ""}">{escape(value)}</{tag}>'

    head = "".join(cell("th", i, title) for i, title in enumerate(header))
    body = []
    for row in rows:
        if len(row) != len(header):
            raise ValueError(
                f"a row has {len(row)} cells for {len(header)} columns: {list(row)!r}"
            )
        body.append(
            "<tr>" + "".join(cell("td", i, value) for i, value in enumerate(row)) + "</tr>"
        )
    if footer is not None:
        body.append(
            f'<tr><td colspan="{len(header)}" style="{_CELL};color:{COLOURS["muted"]}">'
            f"{escape(footer)}</td></tr>"
        )
    return Html(
        '<table class="smartgoals-table" style="border-collapse:collapse;font-size:90%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _grouped(value: Decimal, places: Decimal | None) -> str:
    if places is not None:
        value = value.quantize(places, rounding=ROUND_HALF_EVEN)
    text = f"{value:,f}"
    return "0" if text in ("-0", "-0.00") else text


def amount(value: Decimal | None, unit: Unit | None, currency: str | None = None) -> str:
    """A value in its unit, for reading: ``1,200,000.00 USD``, ``2%``, ``45 days``.

    Args:
        value: The value, or ``None`` (shown as ``n/a``).
        unit: The metric's unit (ratios are shown as percentages).
        currency: The ISO code to append to money.

    Returns:
        The text.

    >>> amount(Decimal("1200000"), Unit.CURRENCY, "USD"), amount(Decimal("0.025"), Unit.RATIO)
    ('1,200,000.00 USD', '2.5%')
    >>> amount(Decimal("45"), Unit.DAYS), amount(Decimal("1234.5"), Unit.COUNT)
    ('45 days', '1,234.50')
    """
    if value is None:
        return "n/a"
    if not value.is_finite():
        return "∞" if value > 0 else "-∞"
    if unit is Unit.RATIO:
        return f"{format_amount(_rounded_percent(value))}%"
    if unit is Unit.CURRENCY:
        text = _grouped(value, _CENT)
        return f"{text} {currency}" if currency else text
    whole = value == value.to_integral_value()
    text = _grouped(value.normalize() if whole else value, None if whole else _CENT)
    if unit in (Unit.DAYS, Unit.HOURS):
        return f"{text} {unit.value}"
    return text


def _rounded_percent(value: Decimal) -> Decimal:
    percent = value * 100
    if percent == percent.to_integral_value():
        return percent.to_integral_value()
    return percent.quantize(_TENTH, rounding=ROUND_HALF_EVEN)


_TARGET_SYMBOLS: Final = {"level": "=", "at_most": "≤", "at_least": "≥"}


def target_text(goal: Goal, *, resolve: bool = False) -> str:
    """A goal's target in the metric's unit: ``+10%``, ``≤ 2%``, ``= 2,400,000.00 USD``.

    A relative change is a percentage of the baseline whatever the unit; an absolute
    change or a level is shown in the unit.

    Args:
        goal: The goal (its target may be missing: the text is then ``""``).
        resolve: Append the value a change comes to from the baseline
            (``+10% → 1,100,000.00 EUR``), when there is a baseline.

    Returns:
        The text.

    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Target
    >>> churn = Goal(metric=metrics.get("customer_churn_rate"), target=Target.at_most("0.02"))
    >>> target_text(churn), target_text(Goal(target=Target.change("0.1")))
    ('≤ 2%', '+10%')
    >>> target_text(Goal(target=Target.change("0.1"), baseline=200), resolve=True)
    '+10% → 220'
    """
    target = goal.target
    if target is None:
        return ""
    unit = goal.metric.unit if goal.metric is not None else None
    kind = target.kind.value
    if kind == "change":
        sign = "+" if target.value >= 0 else "-"
        if target.relative:
            text = f"{sign}{format_amount(_rounded_percent(abs(target.value)))}%"
        else:
            text = f"{sign}{amount(abs(target.value), unit, goal.currency)}"
        if resolve and goal.baseline is not None:
            text += f" → {amount(goal.target_value, unit, goal.currency)}"
        return text
    return f"{_TARGET_SYMBOLS[kind]} {amount(target.value, unit, goal.currency)}"


def render_goal(goal: Goal) -> Html:
    """The notebook display of a goal: its statement, completeness and fields.

    Fields a complete goal needs (metric, direction, target, timeframe, and a baseline
    for a change) show ``missing`` in red when absent; optional fields show a grey dash.

    Args:
        goal: The goal.

    Returns:
        The HTML.

    >>> from smartgoals.goals import Goal
    >>> page = render_goal(Goal(statement="Sell more <b>now</b>"))
    >>> "Sell more &lt;b&gt;now&lt;/b&gt;" in page, "missing: metric, direction, target, timeframe" in page
    (True, True)
    """
    unit = goal.metric.unit if goal.metric is not None else None
    missing = goal.missing
    values: dict[str, str] = {
        "metric": ""
        if goal.metric is None
        else f"{goal.metric.name} ({goal.metric.key}, {goal.metric.unit.value})",
        "direction": "" if goal.direction is None else goal.direction.value,
        "target": target_text(goal, resolve=True),
        "baseline": "" if goal.baseline is None else amount(goal.baseline, unit, goal.currency),
        "timeframe": "" if goal.timeframe is None else str(goal.timeframe),
        "currency": goal.currency or "",
        "owner": "" if goal.owner is None else f"{goal.owner.name} ({goal.owner.scope.value})",
        "type": goal.type.value,
        "strategy": goal.strategy or "",
    }
    rows: list[list[str]] = []
    for name, text in values.items():
        if text:
            rows.append([name, text])
        elif name in missing:
            rows.append([name, coloured("missing", COLOURS["bad"])])
        else:
            rows.append([name, coloured("–", COLOURS["muted"])])
    state = (
        badge("complete", COLOURS["good"])
        if not missing
        else badge(f"missing: {', '.join(missing)}", COLOURS["bad"])
    )
    title = (
        f"<em>{escape(goal.statement)}</em>"
        if goal.statement
        else f"<strong>{escape(goal.type.value.capitalize())} goal</strong>"
    )
    return Html(
        f'<div class="smartgoals-goal"><div style="margin-bottom:4px">{title} {state}</div>'
        f"{table(['field', 'value'], rows)}</div>"
    )
