"""Formatting of tracked numbers for text and HTML output."""

from __future__ import annotations

import html
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from smartgoals.metrics import Metric, Unit
from smartgoals.tracking._status import ProgressStatus

_CENT: Final = Decimal("0.01")
_TENTH: Final = Decimal("0.1")

#: Status colours (text on a light background), chosen to read in light and dark themes.
STATUS_COLOURS: Final = {
    ProgressStatus.NOT_STARTED: "#57606a",
    ProgressStatus.ON_TRACK: "#1a7f37",
    ProgressStatus.ACHIEVED: "#1a7f37",
    ProgressStatus.EXCEEDED: "#0969da",
    ProgressStatus.BEHIND: "#9a6700",
    ProgressStatus.AT_RISK: "#cf222e",
    ProgressStatus.MISSED: "#cf222e",
}


def _grouped(value: Decimal, places: Decimal | None) -> str:
    if not value.is_finite():
        return "∞" if value > 0 else "-∞"
    if places is not None:
        value = value.quantize(places, rounding=ROUND_HALF_EVEN)
    text = f"{value:,f}"
    return "0" if text in ("-0", "-0.00") else text


def amount(value: Decimal | None, metric: Metric | None, currency: str | None) -> str:
    """A value in the metric's unit: ``1,200,000.00 USD``, ``12.5%``, ``31 days``."""
    if value is None:
        return "n/a"
    unit = metric.unit if metric is not None else None
    if unit is Unit.RATIO:
        return percent(value)
    if unit is Unit.CURRENCY:
        text = _grouped(value, _CENT)
        return f"{text} {currency}" if currency else text
    places = None if value == value.to_integral_value() else _CENT
    text = _grouped(value.normalize() if places is None else value, places)
    if unit in (Unit.DAYS, Unit.HOURS):
        return f"{text} {unit.value}"
    return text


def signed(value: Decimal | None, metric: Metric | None, currency: str | None) -> str:
    """Like :func:`amount`, with a ``+`` on positive values."""
    text = amount(value, metric, currency)
    return f"+{text}" if value is not None and value > 0 else text


def percent(value: Decimal | None) -> str:
    """A ratio as a percentage with one decimal: ``101.4%``."""
    if value is None:
        return "n/a"
    return f"{_grouped(value * 100, _TENTH)}%"


def escape(text: str) -> str:
    """Escape text for HTML."""
    return html.escape(text, quote=True)


def status_badge(status: ProgressStatus) -> str:
    """An inline HTML badge for a status, with its colour and no external assets."""
    colour = STATUS_COLOURS[status]
    return (
        f'<span style="color:{colour};border:1px solid {colour};border-radius:3px;'
        f'padding:0 4px;white-space:nowrap">{escape(status.label)}</span>'
    )
