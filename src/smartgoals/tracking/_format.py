"""Formatting of tracked numbers for text and HTML output, in English and Dutch."""

from __future__ import annotations

import html
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from smartgoals.exceptions import InvalidInputError
from smartgoals.metrics import Metric, Unit
from smartgoals.timeframes import Granularity
from smartgoals.tracking._status import ProgressStatus

_CENT: Final = Decimal("0.01")
_TENTH: Final = Decimal("0.1")

#: The languages tracking output is written in.
LANGS: Final = ("en", "nl")

#: Swaps the English thousands separator and decimal point for the Dutch ones.
_NL_NUMBER: Final = str.maketrans(".,", ",.")

#: The words of the tracking output, by language.
WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "as of": "as of",
        "actual": "actual",
        "of": "of",
        "attainment": "attainment",
        "expected": "expected",
        "pace": "pace",
        "projected": "projected",
        "gap": "gap",
        "required": "required",
        "days": "days",
        "elapsed": "elapsed",
        "remaining": "remaining",
        "confidence": "confidence",
        "conflict": "high confidence at a low pace: check the forecast",
        "ignored": "ignored",
        "converted": "converted",
        "rate of": "at {rate} from {day}",
        "more": "and {n} more",
        "day": "day",
        "working day": "working day",
        "week": "week",
        "month": "month",
        "days unit": "days",
        "hours unit": "hours",
        "before the timeframe": "before the start on {start}",
        "after the timeframe": "after the end on {end}",
        "after as_of": "after as of {as_of}",
    },
    "nl": {
        "as of": "stand op",
        "actual": "werkelijk",
        "of": "van",
        "attainment": "realisatie",
        "expected": "verwacht",
        "pace": "tempo",
        "projected": "prognose",
        "gap": "verschil",
        "required": "nodig",
        "days": "dagen",
        "elapsed": "verstreken",
        "remaining": "resterend",
        "confidence": "vertrouwen",
        "conflict": "hoog vertrouwen bij een laag tempo: controleer de prognose",
        "ignored": "genegeerd",
        "converted": "omgerekend",
        "rate of": "à {rate} per {day}",
        "more": "en nog {n}",
        "day": "dag",
        "working day": "werkdag",
        "week": "week",
        "month": "maand",
        "days unit": "dagen",
        "hours unit": "uur",
        "before the timeframe": "vóór de start op {start}",
        "after the timeframe": "na het einde op {end}",
        "after as_of": "na de peildatum {as_of}",
    },
}

#: A period's name, by language and cadence.
_PERIOD_NAMES: Final = {
    "en": {
        Granularity.YEAR: "year",
        Granularity.HALF: "half-year",
        Granularity.QUARTER: "quarter",
        Granularity.MONTH: "month",
        Granularity.WEEK: "week",
        Granularity.DAY: "day",
    },
    "nl": {
        Granularity.YEAR: "jaar",
        Granularity.HALF: "halfjaar",
        Granularity.QUARTER: "kwartaal",
        Granularity.MONTH: "maand",
        Granularity.WEEK: "week",
        Granularity.DAY: "dag",
    },
}

#: Dutch neuter nouns take "dit", the others "deze".
_NL_NEUTER: Final = frozenset({Granularity.YEAR, Granularity.HALF, Granularity.QUARTER})

#: How a rate reads after an amount: "18 a week", "18 per week".
_RATE_WORDS: Final = {
    "en": {
        Granularity.YEAR: "a year",
        Granularity.HALF: "a half-year",
        Granularity.QUARTER: "a quarter",
        Granularity.MONTH: "a month",
        Granularity.WEEK: "a week",
        Granularity.DAY: "a day",
    },
    "nl": {g: f"per {name}" for g, name in _PERIOD_NAMES["nl"].items()},
}


def check_lang(lang: object) -> str:
    """The language code, or an error naming the ones supported."""
    if lang not in LANGS:
        raise InvalidInputError(
            f"unknown language {lang!r} for tracking output; use 'en' or 'nl'",
            name="lang",
            value=lang,
        )
    return str(lang)


def word(key: str, lang: str) -> str:
    """A word of the output in ``lang``."""
    return WORDS[lang][key]


def status_word(status: ProgressStatus, lang: str) -> str:
    """The status in words: ``on track``, ``op schema``."""
    return status.text(lang)


def rate_words(per: Granularity, lang: str) -> str:
    """A cadence after an amount: ``a week``, ``per week``."""
    return _RATE_WORDS[lang][per]


def period_name(per: Granularity, lang: str, *, final: bool) -> str:
    """The current period: ``this week``, ``deze week``, ``final month``, ``dit kwartaal``."""
    name = _PERIOD_NAMES[lang][per]
    if lang == "nl":
        this = "dit" if per in _NL_NEUTER else "deze"
        return f"{'laatste' if final else this} {name}"
    return f"{'final' if final else 'this'} {name}"


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


def local(text: str, lang: str) -> str:
    """A number written in English (``1,250.50``) as ``lang`` writes it (``1.250,50``).

    >>> local("1,250.50", "nl"), local("1,250.50", "en")
    ('1.250,50', '1,250.50')
    """
    return text.translate(_NL_NUMBER) if lang == "nl" else text


def amount(
    value: Decimal | None, metric: Metric | None, currency: str | None, lang: str = "en"
) -> str:
    """A value in the metric's unit: ``1,200,000.00 USD``, ``12.5%``, ``31 days``.

    In Dutch the separators swap: ``1.200.000,00 USD``, ``12,5%``, ``31 dagen``.
    """
    if value is None:
        return "n/a"
    unit = metric.unit if metric is not None else None
    if unit is Unit.RATIO:
        return percent(value, lang)
    if unit is Unit.CURRENCY:
        text = local(_grouped(value, _CENT), lang)
        return f"{text} {currency}" if currency else text
    places = None if value == value.to_integral_value() else _CENT
    text = local(_grouped(value.normalize() if places is None else value, places), lang)
    if unit is Unit.DAYS:
        return f"{text} {WORDS[lang]['days unit']}"
    if unit is Unit.HOURS:
        return f"{text} {WORDS[lang]['hours unit']}"
    return text


def signed(
    value: Decimal | None, metric: Metric | None, currency: str | None, lang: str = "en"
) -> str:
    """Like :func:`amount`, with a ``+`` on positive values."""
    text = amount(value, metric, currency, lang)
    return f"+{text}" if value is not None and value > 0 else text


def percent(value: Decimal | None, lang: str = "en") -> str:
    """A ratio as a percentage with one decimal: ``101.4%`` (``101,4%`` in Dutch)."""
    if value is None:
        return "n/a"
    return f"{local(_grouped(value * 100, _TENTH), lang)}%"


def escape(text: str) -> str:
    """Escape text for HTML."""
    return html.escape(text, quote=True)


def status_badge(status: ProgressStatus, lang: str = "en") -> str:
    """An inline HTML badge for a status, with its colour and no external assets."""
    colour = STATUS_COLOURS[status]
    return (
        f'<span style="color:{colour};border:1px solid {colour};border-radius:3px;'
        f'padding:0 4px;white-space:nowrap">{escape(status_word(status, lang))}</span>'
    )
