"""Timeframes in goal statements: durations, deadlines, named periods, recurring periods.

Relative phrases anchor on ``today``: "in six months" is the six months starting today,
"by 30 June 2027" runs from today to 30 June 2027 inclusive, "by the end of Q3" to the
end of the next third quarter that has not ended yet, and "by December 2027" ("tot
december 2027", "uiterlijk Q4 2027") to the end of that month or quarter. Named periods
("Q3 2027", "H1 2027", "in 2027", "FY2027", "this quarter") are the whole period, and a
range of them ("from March to June 2027", "van Q2 t/m Q3 2027") runs to the end of the
last. A fiscal calendar, when given, decides what quarters, halves, years and "FY" labels
mean, in every form ("Q1 FY27", "Q1 of FY2027", "het eerste kwartaal van boekjaar 2027").

Recurring periods ("per month", "maandelijks", "50 dials/day") say how often the target
holds, not when the goal ends; :func:`read_recurring` finds them so that they are not
taken for one, and refuses those no period holds ("per werkdag", "every two weeks").
Comparison periods ("compared to Q2 2026", "year over year", "t.o.v. vorig jaar") say
when the baseline was measured; :func:`read_comparison` reads them.
"""

from __future__ import annotations

import calendar as _gregorian_calendar
import enum
import functools
import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final, NamedTuple

from smartgoals.exceptions import CalendarError, InvalidInputError, ParseError
from smartgoals.language._lexicon import CHECK_IN_WORDS
from smartgoals.language._numbers import read_number
from smartgoals.language._text import NUM, WORD, PhraseTable, Token
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

__all__: list[str] = []


class TimeKind(enum.Enum):
    """How a timeframe was written."""

    DURATION = "duration"
    DEADLINE = "deadline"
    PERIOD = "period"


class TimeMatch(NamedTuple):
    """A timeframe read from tokens ``first`` to ``stop`` (exclusive)."""

    timeframe: Timeframe
    kind: TimeKind
    first: int
    stop: int


class Context(NamedTuple):
    """What relative phrases resolve against."""

    today: date
    calendar: FiscalCalendar | None
    text: str


def _words(text: str) -> dict[tuple[str, ...], bool]:
    return {tuple(p.split()): True for p in text.split(",") if p.strip()}


def _phrases(text: str) -> PhraseTable[bool]:
    return PhraseTable(_words(text))


MONTHS: Final = {
    **{
        name: number
        for number, names in enumerate(
            [
                "january jan januari",
                "february feb februari",
                "march mar maart mrt",
                "april apr",
                "may mei",
                "june jun juni",
                "july jul juli",
                "august aug augustus",
                "september sep sept",
                "october oct oktober okt",
                "november nov",
                "december dec",
            ],
            start=1,
        )
        for name in names.split()
    }
}
MONTH_NAMES: Final = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}

_LENGTH_MONTHS: Final = {
    "month": 1,
    "months": 1,
    "maand": 1,
    "maanden": 1,
    "quarter": 3,
    "quarters": 3,
    "kwartaal": 3,
    "kwartalen": 3,
    "year": 12,
    "years": 12,
    "yr": 12,
    "yrs": 12,
    "jaar": 12,
    "jaren": 12,
    "halfjaar": 6,
}
_LENGTH_DAYS: Final = {
    "day": 1,
    "days": 1,
    "dag": 1,
    "dagen": 1,
    "week": 7,
    "weeks": 7,
    "weken": 7,
}

_GRANULARITY: Final = {
    "year": Granularity.YEAR,
    "jaar": Granularity.YEAR,
    "quarter": Granularity.QUARTER,
    "kwartaal": Granularity.QUARTER,
    "month": Granularity.MONTH,
    "maand": Granularity.MONTH,
    "week": Granularity.WEEK,
    "halfjaar": Granularity.HALF,
    "boekjaar": Granularity.YEAR,
}
_FISCAL_UNITS: Final = PhraseTable(
    {("fiscal", "year"): Granularity.YEAR, ("boekjaar",): Granularity.YEAR}
)

_CURRENT: Final = _phrases(
    "this, the current, current, dit, deze, het huidige, de huidige, huidige, het lopende, "
    "de lopende, lopende, lopend"
)
_NEXT: Final = _phrases(
    "next, the next, the coming, volgend, volgende, het volgende, de volgende, komend, "
    "komende, het komende, de komende"
)
_THE: Final = frozenset({"the", "het", "de"})

_DURATION: Final = {
    "en": _phrases(
        "in, within, over, in the next, within the next, over the next, during the next, "
        "the next, for the next, in the coming, over the coming, within the coming, "
        "the coming, in just"
    ),
    "nl": _phrases(
        "in, binnen, over, in de komende, binnen de komende, de komende, gedurende de komende, "
        "in de volgende, de volgende, binnen nu en, in de aankomende, de aankomende"
    ),
}
#: Deadline words before a date: True if the date is included.
_BY_DATE: Final[dict[str, PhraseTable[bool]]] = {
    "en": PhraseTable(
        {
            **_words("by, until, till, no later than, on or before, not later than, through"),
            **dict.fromkeys(_words("before, prior to, ahead of"), False),
        }
    ),
    "nl": PhraseTable(
        {
            **_words(
                "uiterlijk, tegen, op of voor, tot en met, t / m, niet later dan, ten laatste, "
                "uiterlijk op, tot"
            ),
            **dict.fromkeys(_words("voor, vóór"), False),
        }
    ),
}
_BY_END: Final = {
    "en": _phrases("by, before, until, till, at, no later than, not later than, ahead of"),
    "nl": _phrases("tegen, voor, vóór, aan, op, bij, uiterlijk, per, tot"),
}
_END_OF: Final = {
    "en": _phrases("the end of, end of, the close of, close of, the end of the, end of the"),
    "nl": _phrases("het einde van, het eind van, einde van, eind van, einde, eind, eind van het"),
}
_YEAR_END: Final[PhraseTable[Granularity]] = PhraseTable(
    {
        ("year", "-", "end"): Granularity.YEAR,
        ("year", "end"): Granularity.YEAR,
        ("yearend",): Granularity.YEAR,
        ("the", "year", "-", "end"): Granularity.YEAR,
        ("eoy",): Granularity.YEAR,
        ("end", "-", "of", "-", "year"): Granularity.YEAR,
        ("quarter", "-", "end"): Granularity.QUARTER,
        ("quarter", "end"): Granularity.QUARTER,
        ("eoq",): Granularity.QUARTER,
        ("month", "-", "end"): Granularity.MONTH,
        ("month", "end"): Granularity.MONTH,
        ("eom",): Granularity.MONTH,
        ("jaareinde",): Granularity.YEAR,
        ("het", "jaareinde"): Granularity.YEAR,
        ("jaareind",): Granularity.YEAR,
        ("kwartaaleinde",): Granularity.QUARTER,
        ("het", "kwartaaleinde"): Granularity.QUARTER,
        ("maandeinde",): Granularity.MONTH,
    }
)
#: Deadline words before a named period ("by December 2027", "tot Q3"): the goal runs
#: from today to the end of the period. Dutch "voor" is not one: "voor Q3" is as often
#: "for Q3" as "before Q3", and is read as the period ("vóór Q3" is before it).
_BY_PERIOD_PHRASES: Final = {
    "en": "by, until, till, through, thru, no later than, not later than, on or before, up to",
    "nl": "uiterlijk, uiterlijk in, tegen, tot, tot en met, t / m, ten laatste, "
    "niet later dan, tot het einde van",
}
_BY_PERIOD: Final = {lang: _phrases(text) for lang, text in _BY_PERIOD_PHRASES.items()}
#: Bare period words: "by quarter" and "per maand" group, they set no deadline.
_UNIT_WORDS: Final = frozenset({"year", "quarter", "month", "week", "jaar", "kwartaal", "maand"})
_BEFORE_PERIOD: Final = {"en": _phrases("before, prior to"), "nl": _phrases("vóór")}
_IN_PERIOD: Final = {
    "en": _phrases("in, during, for, throughout, in the course of, within"),
    "nl": _phrases("in, gedurende, tijdens, in de loop van, binnen"),
}
_BETWEEN: Final[dict[str, PhraseTable[PhraseTable[bool]]]] = {
    "en": PhraseTable(
        {
            ("between",): _phrases("and"),
            ("from",): _phrases("to, until, till, through, -"),
        }
    ),
    "nl": PhraseTable(
        {
            ("tussen",): _phrases("en"),
            ("van",): _phrases("tot, t / m, -, tot en met"),
            ("vanaf",): _phrases("tot, tot en met, t / m, -"),
        }
    ),
}
_ORDINALS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
}
_DAY_SUFFIXES: Final = frozenset({"st", "nd", "rd", "th", "e", "ste", "de"})


class Cadence(NamedTuple):
    """A recurring period read from the text: "per month", "weekly", "maandelijkse".

    ``granularity`` is ``None`` for a cadence the model has no period for ("per
    workday"). ``adjective`` tells a word that qualifies the next noun ("monthly
    revenue") from a phrase that stands on its own ("per month").
    """

    granularity: Granularity | None
    adjective: bool


_UNIT_GRANULARITY: Final[dict[tuple[str, ...], Granularity | None]] = {
    ("day",): Granularity.DAY,
    ("dag",): Granularity.DAY,
    ("week",): Granularity.WEEK,
    ("month",): Granularity.MONTH,
    ("maand",): Granularity.MONTH,
    ("quarter",): Granularity.QUARTER,
    ("kwartaal",): Granularity.QUARTER,
    ("half", "-", "year"): Granularity.HALF,
    ("half", "year"): Granularity.HALF,
    ("halfjaar",): Granularity.HALF,
    ("year",): Granularity.YEAR,
    ("jaar",): Granularity.YEAR,
    # A working week is a week: the target holds for each of them.
    ("workweek",): Granularity.WEEK,
    ("work", "week"): Granularity.WEEK,
    ("working", "week"): Granularity.WEEK,
    ("werkweek",): Granularity.WEEK,
    ("three", "months"): Granularity.QUARTER,
    ("3", "months"): Granularity.QUARTER,
    ("drie", "maanden"): Granularity.QUARTER,
    ("3", "maanden"): Granularity.QUARTER,
    ("six", "months"): Granularity.HALF,
    ("6", "months"): Granularity.HALF,
    ("zes", "maanden"): Granularity.HALF,
    ("6", "maanden"): Granularity.HALF,
}
_WORKING_DAY: Final = (
    "a rate per working day cannot be planned yet; write it per week, such as '50 a week', "
    "or per calendar day, such as '10 a day'"
)
_TWO_WEEKS: Final = (
    "a rate per two weeks cannot be planned yet; write it per week (half the number), "
    "such as '5 a week', or per month"
)
_TWO_DAYS: Final = (
    "a rate per two days cannot be planned yet; write it per day (half the number), "
    "such as '5 a day', or per week"
)
_TWO_MONTHS: Final = (
    "a rate per two months cannot be planned yet; write it per month (half the number), "
    "such as '5 a month', or per quarter"
)
#: Cadences no Granularity holds, after a lead word ("per", "every", "elke"): each is
#: refused with how to write it, never read as a total.
_UNPLANNED_UNITS: Final[dict[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [
            ("werkdag",),
            ("workday",),
            ("working", "day"),
            ("work", "day"),
            ("business", "day"),
            ("werkbare", "dag"),
        ],
        _WORKING_DAY,
    ),
    **dict.fromkeys(
        [
            ("two", "weeks"),
            ("2", "weeks"),
            ("other", "week"),
            ("second", "week"),
            ("fortnight",),
            ("twee", "weken"),
            ("2", "weken"),
            ("tweede", "week"),
        ],
        _TWO_WEEKS,
    ),
    **dict.fromkeys(
        [("two", "days"), ("2", "days"), ("other", "day"), ("twee", "dagen"), ("2", "dagen")],
        _TWO_DAYS,
    ),
    **dict.fromkeys(
        [
            ("two", "months"),
            ("2", "months"),
            ("other", "month"),
            ("twee", "maanden"),
            ("2", "maanden"),
        ],
        _TWO_MONTHS,
    ),
}
#: Words of their own that name an unplanned cadence: "biweekly", "om de week".
_UNPLANNED_WORDS: Final[dict[tuple[str, ...], str]] = {
    **dict.fromkeys(
        [
            ("biweekly",),
            ("bi", "-", "weekly"),
            ("fortnightly",),
            ("tweewekelijks",),
            ("tweewekelijkse",),
            ("twee", "-", "wekelijks"),
            ("twee", "-", "wekelijkse"),
            ("om", "de", "week"),
            ("om", "de", "twee", "weken"),
            ("om", "de", "2", "weken"),
            ("a", "fortnight"),
        ],
        _TWO_WEEKS,
    ),
    **dict.fromkeys(
        [("om", "de", "dag"), ("om", "de", "twee", "dagen"), ("om", "de", "2", "dagen")],
        _TWO_DAYS,
    ),
    **dict.fromkeys(
        [
            ("bimonthly",),
            ("bi", "-", "monthly"),
            ("tweemaandelijks",),
            ("tweemaandelijkse",),
            ("om", "de", "maand"),
            ("om", "de", "twee", "maanden"),
            ("om", "de", "2", "maanden"),
        ],
        _TWO_MONTHS,
    ),
}
#: Abbreviated units after "/" or "p/": "50 dials/day", "20 demos p/w", "$500k/q".
_SHORT_UNITS: Final[dict[str, Granularity]] = {
    **dict.fromkeys(["day", "d", "dag"], Granularity.DAY),
    **dict.fromkeys(["week", "wk", "w", "wks"], Granularity.WEEK),
    **dict.fromkeys(["month", "mo", "mth", "mnth", "m", "maand", "mnd"], Granularity.MONTH),
    **dict.fromkeys(["quarter", "qtr", "q", "kwartaal", "kw"], Granularity.QUARTER),
    **dict.fromkeys(["year", "yr", "y", "jaar", "jr"], Granularity.YEAR),
}
#: Abbreviated units after "per": "per wk", "per qtr" (no single letters: "per m²").
_PER_SHORT: Final[dict[str, Granularity]] = {
    unit: granularity for unit, granularity in _SHORT_UNITS.items() if len(unit) > 1
}
#: Slashed pairs that are no cadence: "t/m" (up to and including), "q/q", "y/y", "m/m".
_NOT_SLASHED: Final = frozenset({("t", "m"), ("q", "q"), ("y", "y"), ("m", "m"), ("w", "w")})
_ADJECTIVES: Final[dict[tuple[str, ...], Granularity]] = {
    **dict.fromkeys(
        [("daily",), ("dagelijks",), ("dagelijkse",)],
        Granularity.DAY,
    ),
    **dict.fromkeys(
        [("weekly",), ("wekelijks",), ("wekelijkse",)],
        Granularity.WEEK,
    ),
    **dict.fromkeys(
        [("monthly",), ("maandelijks",), ("maandelijkse",)],
        Granularity.MONTH,
    ),
    **dict.fromkeys(
        [("quarterly",), ("driemaandelijks",), ("driemaandelijkse",)],
        Granularity.QUARTER,
    ),
    **dict.fromkeys(
        [
            ("half", "-", "yearly"),
            ("half", "yearly"),
            ("halfjaarlijks",),
            ("halfjaarlijkse",),
            ("semi", "-", "annual"),
            ("semiannual",),
        ],
        Granularity.HALF,
    ),
    **dict.fromkeys(
        [("yearly",), ("annual",), ("annually",), ("jaarlijks",), ("jaarlijkse",)],
        Granularity.YEAR,
    ),
}
_RECURRING_LEADS: Final = [
    tuple(p.split())
    for p in [
        "per",
        "each",
        "every",
        "a",
        "an",
        "each and every",
        "elke",
        "iedere",
        "ieder",
        "elk",
    ]
]
#: Recurring periods: "per month", "a week", "elke maand", "in each quarter", "weekly".
#: A cadence without a granularity is one no period holds ("per werkdag"):
#: :func:`read_recurring` refuses it.
RECURRING: Final[PhraseTable[Cadence]] = PhraseTable(
    {
        **{
            lead + unit: Cadence(granularity, adjective=False)
            for lead in _RECURRING_LEADS
            for unit, granularity in _UNIT_GRANULARITY.items()
        },
        **{words: Cadence(g, adjective=True) for words, g in _ADJECTIVES.items()},
        **{
            lead + unit: Cadence(None, adjective=False)
            for lead in _RECURRING_LEADS
            for unit, reason in _UNPLANNED_UNITS.items()
            # "a second week" is no cadence; "a working day" is
            if reason is _WORKING_DAY or lead not in (("a",), ("an",))
        },
        **{words: Cadence(None, adjective=False) for words in _UNPLANNED_WORDS},
        **{("per", unit): Cadence(g, adjective=False) for unit, g in _PER_SHORT.items()},
        **{
            (*lead, unit): Cadence(g, adjective=False)
            for lead in [("/",), ("p", "/")]
            for unit, g in _SHORT_UNITS.items()
        },
    }
)
#: Words a recurring period can start with.
RECURRING_STARTERS: Final = RECURRING.firsts
#: Dutch compounds of a cadence and a metric name: "maandomzet", "jaarinkomen".
COMPOUND_PREFIXES: Final[dict[str, Granularity]] = {
    "halfjaar": Granularity.HALF,
    "kwartaal": Granularity.QUARTER,
    "maand": Granularity.MONTH,
    "week": Granularity.WEEK,
    "jaar": Granularity.YEAR,
    "dag": Granularity.DAY,
}


_PERIOD_STARTERS: Final = frozenset(
    {
        *_THE,
        "q",
        "h",
        "fy",
        "boekjaar",
        "fiscal",
        *_ORDINALS,
        *MONTHS,
        *_CURRENT.firsts,
        *_NEXT.firsts,
    }
)
#: The words that may follow a deadline's first word ("by", "tot"): the rest of a longer
#: deadline phrase ("no later than", "tot en met") or a period's first word. A word after
#: "by" that is none of these (nor a number) opens no deadline, and is passed over cheaply.
_BY_PERIOD_NEXT: Final = {
    lang: frozenset(word for phrase in _words(text) for word in phrase[1:]) | _PERIOD_STARTERS
    for lang, text in _BY_PERIOD_PHRASES.items()
}


def _tight(tokens: Sequence[Token], j: int) -> bool:
    return 0 < j < len(tokens) and tokens[j - 1].end == tokens[j].start


def _year(tokens: Sequence[Token], j: int) -> int | None:
    if j < len(tokens) and tokens[j].kind == NUM and len(tokens[j].text) == 4:
        if not tokens[j].text.isdigit():
            return None
        value = int(tokens[j].text)
        return value if 1000 <= value <= 9998 else None
    return None


def _small(tokens: Sequence[Token], j: int, low: int, high: int) -> int | None:
    if j >= len(tokens) or tokens[j].kind != NUM:
        return None
    text = tokens[j].text
    if text.isdigit() and len(text) <= 2 and low <= int(text) <= high:
        return int(text)
    return None


def _date_part(text: str, ctx: Context, token: Token) -> int:
    """A day, month or year of a date written in digits, as an int.

    Raises:
        ParseError: for more than four digits (leading zeros aside): no part of a date
            has them, and ``int()`` of a long run of digits is slow.
    """
    if len(text.lstrip("0")) > 4:
        shown = text if len(text) <= 12 else text[:12] + "…"
        raise ParseError(
            f"{shown} is not the day, month or year of a date; write e.g. 2027-06-30",
            text=ctx.text,
            position=token.start,
        )
    return int(text)


def _make_date(year: int, month: int, day: int, ctx: Context, token: Token) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        raise ParseError(
            f"{day} {MONTH_NAMES['en'][month - 1]} {year} is not a date; "
            f"{MONTH_NAMES['en'][month - 1]} {year} has no day {day}",
            text=ctx.text,
            position=token.start,
        ) from None


def _yearless(month: int, day: int, ctx: Context, token: Token) -> date:
    # The next such day on or after today; 29 February waits for a leap year.
    for year in range(ctx.today.year, ctx.today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= ctx.today:
            return candidate
    raise ParseError(
        f"{day} {MONTH_NAMES['en'][month - 1]} is not a date",
        text=ctx.text,
        position=token.start,
    )


def read_date(tokens: Sequence[Token], i: int, ctx: Context) -> tuple[date, int] | None:
    """Read a date: "30 June 2027", "June 30, 2027", "30 juni", "2027-06-30", "30-06-2027"."""
    n = len(tokens)
    if i >= n:
        return None
    first = tokens[i]
    # ISO 2027-06-30, or day-month-year 30-06-2027 / 30/06/2027
    if (
        first.kind == NUM
        and i + 4 < n
        and tokens[i + 1].text in ("-", "/")
        and all(_tight(tokens, k) for k in range(i + 1, i + 5))
    ):
        sep1, sep2 = tokens[i + 1].text, tokens[i + 3].text
        if sep1 == sep2 and sep1 in ("-", "/"):
            a, b, c = first.text, tokens[i + 2].text, tokens[i + 4].text
            if (a + b + c).isdigit():
                if len(a) == 4 and sep1 == "-":
                    number = _month_number(_date_part(b, ctx, first), ctx, first)
                    return _make_date(int(a), number, _date_part(c, ctx, first), ctx, first), i + 5
                if len(c) == 4 and len(a) <= 2:
                    number = _month_number(_date_part(b, ctx, first), ctx, first)
                    return _make_date(int(c), number, int(a), ctx, first), i + 5
    day = _small(tokens, i, 1, 99)
    if day is not None:
        j = i + 1
        if j < n and tokens[j].text in _DAY_SUFFIXES and _tight(tokens, j):
            j += 1
        if j < n and tokens[j].text == "of":
            j += 1
        month = MONTHS.get(tokens[j].text) if j < n else None
        if month is None:
            return None
        j += 1
        if j < n and tokens[j].text == ".":
            j += 1
        return _finish_date(tokens, j, month, day, ctx, first)
    month = MONTHS.get(first.text) if first.kind == WORD else None
    if month is not None:
        j = i + 1
        if j < n and tokens[j].text == ".":
            j += 1
        day = _small(tokens, j, 1, 99)
        if day is None:
            return None
        j += 1
        if j < n and tokens[j].text in _DAY_SUFFIXES and _tight(tokens, j):
            j += 1
        if j < n and tokens[j].text == "," and _year(tokens, j + 1) is not None:
            j += 1
        return _finish_date(tokens, j, month, day, ctx, first)
    return None


def _month_number(value: int, ctx: Context, token: Token) -> int:
    if not 1 <= value <= 12:
        raise ParseError(
            f"{token.text}... has no month {value}; months run from 1 to 12",
            text=ctx.text,
            position=token.start,
        )
    return value


def _finish_date(
    tokens: Sequence[Token], j: int, month: int, day: int, ctx: Context, first: Token
) -> tuple[date, int]:
    year = _year(tokens, j)
    if year is not None:
        return _make_date(year, month, day, ctx, first), j + 1
    if day > 31:
        raise ParseError(
            f"{day} {MONTH_NAMES['en'][month - 1]} is not a date",
            text=ctx.text,
            position=first.start,
        )
    return _yearless(month, day, ctx, first), j


def _gregorian(day: date, granularity: Granularity) -> Timeframe:
    if granularity is Granularity.YEAR:
        return Timeframe.year(day.year)
    if granularity is Granularity.HALF:
        return Timeframe.half(day.year, 1 if day.month <= 6 else 2)
    if granularity is Granularity.QUARTER:
        return Timeframe.quarter(day.year, (day.month - 1) // 3 + 1)
    if granularity is Granularity.MONTH:
        return Timeframe.month(day.year, day.month)
    iso = day.isocalendar()
    return Timeframe.iso_week(iso.year, iso.week)


def _period_of(
    day: date, granularity: Granularity, ctx: Context, fiscal: bool = False
) -> Timeframe:
    return _calendar_period(day, granularity, ctx.calendar, fiscal)


# A statement names the same few periods over and over ("Q3 … Q3"), and working one out
# with a fiscal calendar takes dozens of date computations: each is worked out once.
@functools.lru_cache(maxsize=512)
def _calendar_period(
    day: date, granularity: Granularity, calendar: FiscalCalendar | None, fiscal: bool
) -> Timeframe:
    own = calendar
    if calendar is None and fiscal:
        calendar = FiscalCalendar()
    if calendar is None or (granularity is Granularity.WEEK and own is None):
        return _gregorian(day, granularity)
    return calendar.period_of(day, granularity)


def _next_numbered(
    number: int, granularity: Granularity, year: int | None, ctx: Context
) -> Timeframe:
    """Quarter/half ``number`` of ``year``, or the next one that has not ended."""
    return _numbered(number, granularity, year, ctx.today, ctx.calendar)


@functools.lru_cache(maxsize=512)
def _numbered(
    number: int,
    granularity: Granularity,
    year: int | None,
    today: date,
    calendar: FiscalCalendar | None,
) -> Timeframe:
    if year is not None:
        if calendar is not None:
            return (
                calendar.quarter(year, number)
                if granularity is Granularity.QUARTER
                else calendar.half(year, number)
            )
        return (
            Timeframe.quarter(year, number)
            if granularity is Granularity.QUARTER
            else Timeframe.half(year, number)
        )
    base = calendar.fiscal_year(today) if calendar is not None else today.year
    for candidate in (base, base + 1):
        period = _numbered(number, granularity, candidate, today, calendar)
        if period.end > today:
            return period
    raise AssertionError("unreachable")  # pragma: no cover


def read_period(
    tokens: Sequence[Token], i: int, ctx: Context, *, bare: bool
) -> tuple[Timeframe, int] | None:
    """Read a named period. With ``bare=True`` a plain year or "the year" counts too."""
    n = len(tokens)
    if i >= n or (not bare and tokens[i].text not in _PERIOD_STARTERS):
        return None
    j = i
    if tokens[j].text in _THE and j + 1 < n:
        j += 1
    word = tokens[j].text
    # Q3 [2027], H1 [2027]
    if word in ("q", "h") and j + 1 < n:
        number = _small(tokens, j + 1, 1, 4 if word == "q" else 2)
        if number is not None:
            granularity = Granularity.QUARTER if word == "q" else Granularity.HALF
            k = j + 2
            # Q3 FY27, H1 FY2027, Q1 of FY2027, Q3 boekjaar 2027: a part of a fiscal year
            fiscal_year = _fiscal_year_at(tokens, k)
            if fiscal_year is not None:
                return _fiscal_label(tokens, fiscal_year, ctx, prefix=f"{word.upper()}{number} ")
            if k < n and tokens[k].text in ("of", "van", "-", "'"):
                k += 1 if _year(tokens, k + 1) is not None else 0
            year = _year(tokens, k)
            period = _next_numbered(number, granularity, year, ctx)
            return period, k + 1 if year is not None else k
    # third quarter [of 2027], tweede helft van 2027
    if (
        word in _ORDINALS
        and j + 1 < n
        and tokens[j + 1].text in ("quarter", "kwartaal", "half", "helft", "halfjaar")
    ):
        number = _ORDINALS[word]
        granularity = (
            Granularity.QUARTER
            if tokens[j + 1].text in ("quarter", "kwartaal")
            else Granularity.HALF
        )
        if granularity is Granularity.HALF and number > 2:
            return None
        k = j + 2
        # het derde kwartaal van boekjaar 2027, the first half of FY2027
        fiscal_year = _fiscal_year_at(tokens, k)
        if fiscal_year is not None:
            part = f"{'Q' if granularity is Granularity.QUARTER else 'H'}{number} "
            return _fiscal_label(tokens, fiscal_year, ctx, prefix=part)
        if k + 1 < n and tokens[k].text in ("of", "van"):
            if _year(tokens, k + 1) is not None:
                k += 1
            elif (
                tokens[k + 1].text in _THE and k + 2 < n and tokens[k + 2].text in ("year", "jaar")
            ):
                k += 3
                return _next_numbered(number, granularity, None, ctx), k
        year = _year(tokens, k)
        return _next_numbered(number, granularity, year, ctx), k + 1 if year is not None else k
    # FY2027 [Q3], FY27, FY 2027
    if word == "fy" and j + 1 < n and tokens[j + 1].kind == NUM:
        return _fiscal_label(tokens, j, ctx)
    # boekjaar 2027, fiscal year 2027
    fiscal_unit = _FISCAL_UNITS.longest(tokens, j) if word in _FISCAL_UNITS.firsts else None
    if fiscal_unit is not None and fiscal_unit[1] < n and tokens[fiscal_unit[1]].kind == NUM:
        return _fiscal_label(tokens, fiscal_unit[1] - 1, ctx)
    # June 2027, juni
    month = MONTHS.get(word)
    if month is not None and tokens[j].kind == WORD:
        year = _year(tokens, j + 1)
        if year is not None:
            return Timeframe.month(year, month), j + 2
        if (
            word
            in ("may", "mar", "jan", "jun", "jul", "aug", "dec", "sep", "oct", "nov", "feb", "apr")
            and not bare
        ):
            return None
        this_year = Timeframe.month(ctx.today.year, month)
        if this_year.end > ctx.today:
            return this_year, j + 1
        return Timeframe.month(ctx.today.year + 1, month), j + 1
    # this quarter, next year, dit kwartaal, volgend jaar
    for table, step in ((_CURRENT, 0), (_NEXT, 1)):
        found = table.longest(tokens, i)
        if found is not None:
            k = found[1]
            fiscal = _FISCAL_UNITS.longest(tokens, k)
            if fiscal is not None:
                granularity, stop = fiscal
            elif k < n and tokens[k].text in _GRANULARITY:
                granularity, stop = _GRANULARITY[tokens[k].text], k + 1
            else:
                continue
            period = _period_of(ctx.today, granularity, ctx, fiscal is not None)
            if step:
                period = _period_of(period.end, granularity, ctx, fiscal is not None)
            return period, stop
    year = _year(tokens, j)
    if year is not None and bare:
        # "in 2027" but not "in 2027 days"
        if j + 1 < n and (
            tokens[j + 1].text in _LENGTH_MONTHS or tokens[j + 1].text in _LENGTH_DAYS
        ):
            return None
        return Timeframe.year(year), j + 1
    if bare and j > i and word in _GRANULARITY:
        return _period_of(ctx.today, _GRANULARITY[word], ctx, word == "boekjaar"), j + 1
    if bare and word in ("year", "quarter", "month", "jaar", "kwartaal", "maand"):
        return _period_of(ctx.today, _GRANULARITY[word], ctx), j + 1
    return None


def _fiscal_year_at(tokens: Sequence[Token], k: int) -> int | None:
    """Where a fiscal year named after a part starts: "FY27", "of FY2027", "van boekjaar 2027".

    Returns the index of the token before the year ("fy", "boekjaar", the "year" of
    "fiscal year"), as :func:`_fiscal_label` takes it, or ``None``.
    """
    n = len(tokens)
    if k < n and tokens[k].text in ("of", "van"):
        k += 1
        if k < n and tokens[k].text in _THE:
            k += 1
    if k + 1 < n and tokens[k].text == "fy" and tokens[k + 1].kind == NUM:
        return k
    unit = _FISCAL_UNITS.longest(tokens, k) if k < n else None
    if unit is not None and unit[1] < n and tokens[unit[1]].kind == NUM:
        return unit[1] - 1
    return None


def _fiscal_label(
    tokens: Sequence[Token], j: int, ctx: Context, *, prefix: str = ""
) -> tuple[Timeframe, int]:
    """Read the fiscal label whose year is token ``j + 1`` (``j`` is "FY" or "boekjaar").

    ``prefix`` is a part read before the year ("Q3 " of "Q3 FY27").
    """
    n = len(tokens)
    calendar = ctx.calendar or FiscalCalendar()
    label = f"{prefix}FY{tokens[j + 1].text}"
    k = j + 2
    if not prefix:
        if k < n and tokens[k].text == "-":
            k += 1
        if k + 1 < n and tokens[k].text in ("q", "h", "m", "w") and tokens[k + 1].kind == NUM:
            label += f" {tokens[k].text.upper()}{tokens[k + 1].text}"
            k += 2
        elif k < n and tokens[k - 1].text == "-":
            k -= 1
    try:
        return calendar.parse_label(label), k
    except ParseError as exc:
        raise ParseError(str(exc), text=ctx.text, position=tokens[j].start) from None


def _after(timeframe_end: date, ctx: Context, token: Token, *what: object) -> Timeframe:
    # ``what`` names the deadline; it is only written out for the error.
    if timeframe_end <= ctx.today:
        described = " ".join(str(part) for part in what)
        raise ParseError(
            f"the deadline {described} is not after today ({ctx.today.isoformat()}); "
            "give a later date, or pass today= to parse an older statement",
            text=ctx.text,
            position=token.start,
        )
    return Timeframe(ctx.today, timeframe_end)


def _length(count: Decimal, unit: str, ctx: Context, token: Token) -> Timeframe | None:
    if count <= 0 or count > 1000:
        if count > 1000:
            raise ParseError(
                f"a timeframe of {count} {unit} is too long to be a goal's; give at most "
                "a few years",
                text=ctx.text,
                position=token.start,
            )
        return None
    if unit in _LENGTH_MONTHS:
        months = count * _LENGTH_MONTHS[unit]
        if months != months.to_integral_value():
            return None
        return Timeframe.starting(ctx.today, months=int(months))
    days = count * _LENGTH_DAYS[unit]
    if days != days.to_integral_value():
        return None
    return Timeframe.starting(ctx.today, days=int(days))


def read_time(tokens: Sequence[Token], i: int, lang: str, ctx: Context) -> TimeMatch | None:
    """Read a timeframe phrase starting at token ``i``, the longest that fits.

    Raises:
        ParseError: for dates that do not exist, deadlines not after ``today`` and
            fiscal labels the calendar cannot read.
    """
    try:
        return _read_time(tokens, i, lang, ctx)
    except ParseError:
        raise
    except (CalendarError, InvalidInputError, ValueError, OverflowError) as exc:
        raise ParseError(
            f"cannot use the timeframe at {ctx.text[tokens[i].start : tokens[i].start + 40]!r}: {exc}",
            text=ctx.text,
            position=tokens[i].start,
        ) from None


def _read_time(tokens: Sequence[Token], i: int, lang: str, ctx: Context) -> TimeMatch | None:
    token = tokens[i]
    word = token.text
    # Every phrase starts with one of these words; most tokens are not one of them.
    if word not in TIME_STARTERS[lang]:
        return None
    n = len(tokens)
    best: TimeMatch | None = None

    def offer(timeframe: Timeframe, kind: TimeKind, stop: int) -> None:
        nonlocal best
        if best is None or stop > best.stop:
            best = TimeMatch(timeframe, kind, i, stop)

    # in six months, binnen een jaar, in zes maanden tijd
    lead = _DURATION[lang].longest(tokens, i) if word in _DURATION[lang].firsts else None
    if lead is not None:
        j = lead[1]
        number = read_number(tokens, j, soft=True)
        if (
            number is not None
            and number[1] < n
            and (
                tokens[number[1]].text in _LENGTH_MONTHS or tokens[number[1]].text in _LENGTH_DAYS
            )
        ):
            count, k = number
            unit = tokens[k].text
            k += 1
            if k < n and tokens[k].text == "'":
                k += 1
            if k < n and tokens[k].text in ("time", "tijd"):
                k += 1
            timeframe = _length(count, unit, ctx, token)
            if timeframe is not None:
                offer(timeframe, TimeKind.DURATION, k)
    # by 30 June 2027, voor 1 juli 2027
    by = _BY_DATE[lang].longest(tokens, i) if word in _BY_DATE[lang].firsts else None
    if by is not None:
        inclusive, j = by
        found = read_date(tokens, j, ctx)
        if found is not None:
            day, k = found
            end = day + timedelta(days=1) if inclusive else day
            offer(_after(end, ctx, token, day), TimeKind.DEADLINE, k)
    # by the end of Q3, tegen het einde van het jaar, by year-end, eind 2027
    by_end = _BY_END[lang].longest(tokens, i) if word in _BY_END[lang].firsts else None
    starts = [by_end[1]] if by_end is not None else []
    starts.append(i)
    for j in starts:
        opener = tokens[j].text if j < n else ""
        year_end = _YEAR_END.longest(tokens, j) if opener in _YEAR_END.firsts else None
        if year_end is not None:
            granularity, k = year_end
            period = _period_of(ctx.today, granularity, ctx)
            offer(_after(period.end, ctx, token, "end of", period), TimeKind.DEADLINE, k)
        end_of = _END_OF[lang].longest(tokens, j) if opener in _END_OF[lang].firsts else None
        if end_of is not None:
            found_period = read_period(tokens, end_of[1], ctx, bare=True)
            if found_period is not None:
                period, k = found_period
                offer(_after(period.end, ctx, token, "end of", period), TimeKind.DEADLINE, k)
    # by December 2027, until Q3 2027, tot december 2027, uiterlijk Q4 2027
    by_period = None
    if word in _BY_PERIOD[lang].firsts and i + 1 < n:
        after = tokens[i + 1]
        if after.kind == NUM or after.text in _BY_PERIOD_NEXT[lang]:
            by_period = _BY_PERIOD[lang].longest(tokens, i)
    if by_period is not None:
        found_deadline = _period_deadline(tokens, by_period[1], ctx)
        if found_deadline is not None:
            period, k = found_deadline
            offer(_after(period.end, ctx, token, "end of", period), TimeKind.DEADLINE, k)
    before = (
        _BEFORE_PERIOD[lang].longest(tokens, i) if word in _BEFORE_PERIOD[lang].firsts else None
    )
    if before is not None:
        found_period = read_period(tokens, before[1], ctx, bare=True)
        if found_period is not None:
            period, k = found_period
            offer(_after(period.start, ctx, token, "start of", period), TimeKind.DEADLINE, k)
    # between 1 March 2027 and 30 June 2027
    between = _BETWEEN[lang].longest(tokens, i) if word in _BETWEEN[lang].firsts else None
    if between is not None:
        found = read_date(tokens, between[1], ctx)
        if found is not None:
            start, k = found
            joiner = between[0].longest(tokens, k)
            if joiner is not None:
                second = read_date(tokens, joiner[1], ctx)
                if second is not None:
                    end, stop = second
                    if end < start:
                        raise ParseError(
                            f"the period ends ({end.isoformat()}) before it starts "
                            f"({start.isoformat()})",
                            text=ctx.text,
                            position=token.start,
                        )
                    offer(Timeframe(start, end + timedelta(days=1)), TimeKind.PERIOD, stop)
        # from March to June 2027, van maart t/m juni 2027, from Q2 to Q3 2027
        found_range = _period_range(tokens, between[1], between[0], ctx)
        if found_range is not None:
            offer(found_range[0], TimeKind.PERIOD, found_range[1])
    # in 2027, in Q3 2027, H1 2027, FY2027, this quarter, dit kwartaal
    inside = _IN_PERIOD[lang].longest(tokens, i) if word in _IN_PERIOD[lang].firsts else None
    if inside is not None:
        found_period = read_period(tokens, inside[1], ctx, bare=True)
        if found_period is not None:
            offer(found_period[0], TimeKind.PERIOD, found_period[1])
    found_period = read_period(tokens, i, ctx, bare=False) if word in _PERIOD_STARTERS else None
    if found_period is not None:
        offer(found_period[0], TimeKind.PERIOD, found_period[1])
    return best


class _Part(NamedTuple):
    """One end of a range of periods: a month, quarter or half, with or without its year."""

    granularity: Granularity
    number: int
    year: int | None
    stop: int


def _range_part(tokens: Sequence[Token], j: int) -> _Part | None:
    n = len(tokens)
    if j < n and tokens[j].text in _THE:
        j += 1
    if j >= n:
        return None
    word = tokens[j].text
    month = MONTHS.get(word) if tokens[j].kind == WORD else None
    if month is not None:
        k = j + 2 if j + 1 < n and tokens[j + 1].text == "." else j + 1
        year = _year(tokens, k)
        return _Part(Granularity.MONTH, month, year, k + 1 if year is not None else k)
    if word in ("q", "h"):
        number = _small(tokens, j + 1, 1, 4 if word == "q" else 2)
        if number is None:
            return None
        year = _year(tokens, j + 2)
        granularity = Granularity.QUARTER if word == "q" else Granularity.HALF
        return _Part(granularity, number, year, j + 3 if year is not None else j + 2)
    return None


def _part_period(part: _Part, year: int, ctx: Context) -> Timeframe:
    if part.granularity is Granularity.MONTH:
        return Timeframe.month(year, part.number)
    return _next_numbered(part.number, part.granularity, year, ctx)


def _period_range(
    tokens: Sequence[Token], j: int, joiners: PhraseTable[bool], ctx: Context
) -> tuple[Timeframe, int] | None:
    """A range of months, quarters or halves, both ends included: "from March to June 2027".

    A first end without a year takes the last one's, or the year before when it comes
    later in the year ("from November to February 2028"). Without any year the range is
    the next one that has not ended.
    """
    first = _range_part(tokens, j)
    if first is None:
        return None
    joiner = joiners.longest(tokens, first.stop)
    if joiner is None:
        return None
    last = _range_part(tokens, joiner[1])
    if last is None or last.granularity is not first.granularity:
        return None
    if last.year is not None:
        last_year = last.year
    elif first.year is not None:
        last_year = first.year + (1 if last.number < first.number else 0)
    else:
        last_year = _next_numbered_year(last, ctx)
    first_year = first.year
    if first_year is None:
        first_year = last_year - (1 if first.number > last.number else 0)
    start = _part_period(first, first_year, ctx)
    end = _part_period(last, last_year, ctx)
    if end.end <= start.start:
        raise ParseError(
            f"the period ends ({end.end - timedelta(days=1)}) before it starts ({start.start})",
            text=ctx.text,
            position=tokens[j].start,
        )
    return Timeframe(start.start, end.end), last.stop


def _next_numbered_year(part: _Part, ctx: Context) -> int:
    """The year of the next such month, quarter or half that has not ended."""
    if part.granularity is Granularity.MONTH:
        year = ctx.today.year
        return year if Timeframe.month(year, part.number).end > ctx.today else year + 1
    period = _next_numbered(part.number, part.granularity, None, ctx)
    base = ctx.calendar.fiscal_year(ctx.today) if ctx.calendar is not None else ctx.today.year
    for year in (base, base + 1):
        if _next_numbered(part.number, part.granularity, year, ctx) == period:
            return year
    raise AssertionError("unreachable")  # pragma: no cover


def _period_deadline(
    tokens: Sequence[Token], j: int, ctx: Context
) -> tuple[Timeframe, int] | None:
    """The named period after a deadline word at token ``j``, and where it stops.

    A bare unit ("by quarter") names none. A year on its own ("by 2027") is one only when
    it has not ended and no word follows it that it could count ("by 2027 units" is a
    change): "by 2000" stays the amount it is.
    """
    n = len(tokens)
    if j >= n:
        return None
    k = j + 1 if tokens[j].text in _THE else j
    if k >= n or tokens[k].text in _UNIT_WORDS:
        return None
    if tokens[k].kind != NUM and tokens[k].text not in _PERIOD_STARTERS:
        return None  # most words after "by" name no period ("by 10%" is read elsewhere)
    found = read_period(tokens, j, ctx, bare=True)
    if found is None:
        return None
    period, stop = found
    if tokens[k].kind == NUM and (
        period.end <= ctx.today or (stop < n and tokens[stop].kind == WORD)
    ):
        return None
    return period, stop


def _starters(lang: str) -> frozenset[str]:
    tables: list[PhraseTable[Any]] = [
        _DURATION[lang],
        _BY_DATE[lang],
        _BY_PERIOD[lang],
        _BY_END[lang],
        _END_OF[lang],
        _YEAR_END,
        _BEFORE_PERIOD[lang],
        _BETWEEN[lang],
        _IN_PERIOD[lang],
    ]
    return frozenset({word for table in tables for word in table.firsts} | _PERIOD_STARTERS)


#: Words a timeframe phrase can start with (besides a number), per language.
TIME_STARTERS: Final = {lang: _starters(lang) for lang in ("en", "nl")}


def _article_gates(lang: str) -> dict[str, frozenset[str]]:
    """For "the", "de", "het": the words a timeframe can go on with after them.

    Articles are the most common words that may start a timeframe ("the end of Q3",
    "het derde kwartaal"); the scanner reads one only when such a word follows.
    """
    tables: list[PhraseTable[Any]] = [
        _DURATION[lang],
        _BY_DATE[lang],
        _BY_END[lang],
        _END_OF[lang],
        _YEAR_END,
        _BY_PERIOD[lang],
        _BEFORE_PERIOD[lang],
        _BETWEEN[lang],
        _IN_PERIOD[lang],
        _CURRENT,
        _NEXT,
    ]
    # read_period skips the article and reads a quarter, half, ordinal, fiscal year or month
    after_article = {"q", "h", "fy", *_FISCAL_UNITS.firsts, *_ORDINALS, *MONTHS}
    gates: dict[str, frozenset[str]] = {}
    for article in _THE:
        words = set(after_article)
        for table in tables:
            seconds = table.seconds().get(article, frozenset())
            assert seconds is not None, article  # no table holds an article on its own
            words |= seconds
        gates[article] = frozenset(words)
    return gates


#: The words after an article that may make it start a timeframe, per language.
ARTICLE_GATES: Final = {lang: _article_gates(lang) for lang in ("en", "nl")}


def read_recurring(tokens: Sequence[Token], i: int) -> tuple[Cadence, int] | None:
    """Read a recurring period ("per month", "maandelijkse") at token ``i``.

    >>> from smartgoals.language._text import normalise, tokenize
    >>> read_recurring(tokenize("20 demos in each quarter"), 3)
    (Cadence(granularity=<Granularity.QUARTER: 'quarter'>, adjective=False), 5)
    >>> read_recurring(tokenize("per klant"), 0) is None
    True
    >>> read_recurring(tokenize("50 dials/day"), 2)
    (Cadence(granularity=<Granularity.DAY: 'day'>, adjective=False), 4)

    A cadence no period holds is refused, unless it says how often progress is checked
    ("reviewed every other week"):

    >>> read_recurring(tokenize("50 calls per working day"), 2)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.ParseError: cannot read 'per working day': a rate per working day cannot be planned yet; write it per week, such as '50 a week', or per calendar day, such as '10 a day'

    Raises:
        ParseError: for a cadence no :class:`~smartgoals.timeframes.Granularity` holds
            ("per werkdag", "every two weeks", "tweewekelijks"), naming the words and
            how to write them.
    """
    found = RECURRING.longest(tokens, i)
    if found is None:
        return None
    cadence, stop = found
    if tokens[i].text in ("/", "p") and not _slash_cadence(tokens, i, stop):
        return None
    if cadence.granularity is None and not _checked(tokens, i, stop):
        words = tuple(token.text for token in tokens[i:stop])
        reason = _UNPLANNED_WORDS.get(words)
        if reason is None:
            lead = RECURRING_LEAD.longest(tokens, i)
            reason = _UNPLANNED_UNITS[words[lead[1] - i :]] if lead is not None else ""
        raise ParseError(f"cannot read {' '.join(words)!r}: {reason}", position=tokens[i].start)
    return cadence, stop


#: The words a cadence phrase opens with: "per", "every", "elke".
RECURRING_LEAD: Final = PhraseTable(dict.fromkeys(_RECURRING_LEADS, True))


def _slash_cadence(tokens: Sequence[Token], i: int, stop: int) -> bool:
    """Whether "/" (or "p/") at ``i`` opens a cadence ("dials/day", not "t/m" or "y/y").

    The unit is written against the slash, and "p/" is written as one.
    """
    slash = i if tokens[i].text == "/" else i + 1
    if not all(_tight(tokens, k) for k in range(slash + 1, stop)):
        return False
    if tokens[i].text == "p":
        return _tight(tokens, slash)
    return not (
        i > 0 and _tight(tokens, i) and (tokens[i - 1].text, tokens[i + 1].text) in _NOT_SLASHED
    )


def _checked(tokens: Sequence[Token], i: int, stop: int) -> bool:
    """Whether a cadence says how often progress is checked: "reviewed every other week"."""
    return (i > 0 and tokens[i - 1].text in CHECK_IN_WORDS) or (
        stop < len(tokens) and tokens[stop].text in CHECK_IN_WORDS
    )


class Comparison(NamedTuple):
    """A comparison period read from the text.

    Either ``period`` is the period named ("compared to Q2 2026"), or ``months`` says
    how far the goal's own timeframe lies after its baseline ("year over year" is 12,
    "quarter over quarter" 3).
    """

    period: Timeframe | None
    months: int


def _table(entries: dict[str, int]) -> PhraseTable[int]:
    return PhraseTable(
        {tuple(p.split()): months for text, months in entries.items() for p in text.split(", ")}
    )


#: Phrases that compare with the same timeframe some months earlier, on their own.
_OVER: Final = _table(
    {
        "year over year, year - over - year, yoy, y / y, jaar op jaar, jaar - op - jaar": 12,
        "quarter over quarter, quarter - over - quarter, qoq, q / q, kwartaal op kwartaal": 3,
        "month over month, month - over - month, maand op maand": 1,
    }
)
#: The earlier period after a comparison word: "last year", "vorig kwartaal".
_PREVIOUS: Final = _table(
    {
        "last year, the previous year, previous year, the prior year, prior year, "
        "the same period last year, same period last year, the same quarter last year, "
        "the same month last year, vorig jaar, vorige jaar, het vorige jaar, "
        "dezelfde periode vorig jaar, hetzelfde kwartaal vorig jaar, "
        "dezelfde maand vorig jaar, een jaar eerder, a year earlier": 12,
        "last quarter, the previous quarter, previous quarter, the prior quarter, "
        "vorig kwartaal, vorige kwartaal, het vorige kwartaal": 3,
        "last month, the previous month, previous month, vorige maand, de vorige maand": 1,
    }
)
#: Comparison words; True when any period may follow, False for the earlier period only
#: ("over last year", but "over 2027" is a timeframe).
_COMPARED: Final = PhraseTable(
    {
        **{
            tuple(p.split()): True
            for p in [
                "compared to",
                "compared with",
                "as compared to",
                "in comparison with",
                "in comparison to",
                "relative to",
                "vs",
                "vs .",
                "versus",
                "against",
                "ten opzichte van",
                "t . o . v .",
                "t . o . v",
                "tov",
                "vergeleken met",
                "vergeleken bij",
                "in vergelijking met",
            ]
        },
        ("over",): False,
        ("on",): False,
    }
)
_THE_PERIOD: Final = _phrases("the period, de periode, the same period in")
#: Words a comparison can start with.
COMPARISON_STARTERS: Final = _COMPARED.firsts | _OVER.firsts


def _merge_seconds(*tables: PhraseTable[Any]) -> dict[str, frozenset[str] | None]:
    merged: dict[str, frozenset[str] | None] = {}
    for table in tables:
        for first, seconds in table.seconds().items():
            known = merged.get(first, frozenset())
            merged[first] = None if known is None or seconds is None else known | seconds
    return merged


#: For each word a comparison starts with, the words that may follow it (None: any).
COMPARISON_SECONDS: Final = _merge_seconds(_COMPARED, _OVER)
#: For each word a recurring period starts with, the words that may follow it (None: any).
RECURRING_SECONDS: Final = RECURRING.seconds()


def read_comparison(
    tokens: Sequence[Token], i: int, lang: str, ctx: Context
) -> tuple[Comparison, int] | None:
    """Read a comparison period at token ``i``: "vs Q2 2026", "YoY", "t.o.v. vorig jaar".

    >>> from smartgoals.language._text import normalise, tokenize
    >>> ctx = Context(date(2026, 1, 1), None, "")
    >>> read_comparison(tokenize(normalise("compared to Q2 2026")), 0, "en", ctx)[0].period
    Timeframe(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 7, 1))
    >>> read_comparison(tokenize(normalise("t.o.v. vorig jaar")), 0, "nl", ctx)
    (Comparison(period=None, months=12), 8)
    """
    over = _OVER.longest(tokens, i) if tokens[i].text in _OVER.firsts else None
    if over is not None:
        return Comparison(None, over[0]), over[1]
    opener = _COMPARED.longest(tokens, i) if tokens[i].text in _COMPARED.firsts else None
    if opener is None:
        return None
    any_period, j = opener
    previous = _PREVIOUS.longest(tokens, j)
    if previous is not None:
        return Comparison(None, previous[0]), previous[1]
    if not any_period:
        return None
    the_period = _THE_PERIOD.longest(tokens, j)
    if the_period is not None:
        j = the_period[1]
    found = read_period(tokens, j, ctx, bare=True)
    if found is not None:
        return Comparison(found[0], 0), found[1]
    if j < len(tokens) and tokens[j].text in TIME_STARTERS[lang]:
        match = read_time(tokens, j, lang, ctx)
        if match is not None and match.kind is TimeKind.PERIOD:
            return Comparison(match.timeframe, 0), match.stop
    return None


def _months_earlier(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = _gregorian_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


_LABEL_YEAR: Final = re.compile(r"^FY(\d+)")


def earlier(
    timeframe: Timeframe, months: int, calendar: FiscalCalendar | None = None
) -> Timeframe | None:
    """The period ``months`` months before ``timeframe``: its comparison period.

    A fiscal period of ``calendar`` goes to the same fiscal period a year earlier (or to
    the quarter or month before); other timeframes move both ends back ``months``
    calendar months, a day past a shorter month's end clamped to it. ``None`` when the
    period would fall before the first year a date can hold.

    >>> print(earlier(Timeframe.quarter(2027, 3), 12))
    2026-07-01 – 2026-09-30
    >>> print(earlier(Timeframe.quarter(2027, 3), 3))
    2027-04-01 – 2027-06-30
    >>> april = FiscalCalendar(start_month=4)
    >>> earlier(april.quarter(2027, 2), 12) == april.quarter(2026, 2)
    True
    """
    try:
        if calendar is not None:
            shifted = _fiscal_earlier(timeframe, months, calendar)
            if shifted is not None:
                return shifted
        return Timeframe(
            _months_earlier(timeframe.start, months), _months_earlier(timeframe.end, months)
        )
    except (CalendarError, InvalidInputError, ParseError, ValueError, OverflowError):
        return None


def _fiscal_earlier(
    timeframe: Timeframe, months: int, calendar: FiscalCalendar
) -> Timeframe | None:
    try:
        label = calendar.label(timeframe)
    except CalendarError:
        return None
    if months == 12:
        year = _LABEL_YEAR.match(label)
        assert year is not None  # labels start with FY and the year
        return calendar.parse_label(f"FY{int(year[1]) - 1:04d}{label[year.end() :]}")
    kinds = {3: " Q", 1: " M"}
    if kinds.get(months, "?") in label:
        granularity = Granularity.QUARTER if months == 3 else Granularity.MONTH
        return calendar.period_of(timeframe.start - timedelta(days=1), granularity)
    return None
