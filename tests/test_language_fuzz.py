"""Fuzzing the statement reader: any text gives goals or one ParseError, nothing else.

The statements come from a grammar of sales goals as people write them, in English and
Dutch (verbs, metrics, amounts in both number formats, cadences, owners, timeframes,
comparison periods, strategies), then mutated: tokens dropped, repeated and swapped,
random characters and huge numbers put in. Each is read with a random ``today`` between
``date.min`` and ``date.max``, a random ``lang`` hint and a random fiscal calendar.

The example count is modest in CI; set ``SMARTGOALS_FUZZ_EXAMPLES`` (e.g. 20000) for a
long run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smartgoals.exceptions import ParseError
from smartgoals.language import ParsedStatement, detect_language, explain, parse_goal, parse_goals
from smartgoals.scoring import Context, score
from smartgoals.timeframes import FiscalCalendar, Timeframe
from strategies import fiscal_calendars

EXAMPLES = int(os.environ.get("SMARTGOALS_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- the grammar -----------------------------------------------------------------------

_VERBS = {
    "en": [
        "Increase",
        "Grow",
        "Raise",
        "Boost",
        "Reduce",
        "Cut",
        "Lower",
        "Keep",
        "Maintain",
        "Reach",
        "Achieve",
        "Close",
        "Book",
        "Generate",
        "Sell",
        "Improve",
        "Hit",
    ],
    "nl": [
        "Verhoog",
        "Verlaag",
        "Verminder",
        "Behoud",
        "Bereik",
        "Sluit",
        "Genereer",
        "Boek",
        "Verbeter",
        "Laten we",
        "Breng",
    ],
}
_METRICS = {
    "en": [
        "revenue",
        "monthly revenue",
        "churn",
        "customer churn rate",
        "MRR",
        "ARR",
        "leads",
        "qualified leads",
        "demos",
        "booked demos",
        "win rate",
        "deal size",
        "sales cycle",
        "CAC",
        "LTV",
        "new customers",
        "calls",
        "emails",
        "webinars",
        "employee turnover",
        "revenue per customer",
        "quota attainment",
        "costs",
        "the number of QBRs",
        "MQLs to SQLs",
        "of the prospects",
    ],
    "nl": [
        "omzet",
        "de maandelijkse omzet",
        "klantverloop",
        "leads",
        "demo's",
        "winstpercentage",
        "personeelsverloop",
        "maandomzet",
        "jaarinkomen",
        "nieuwe klanten",
        "klantbezoeken",
        "het aantal klantbezoeken",
        "omzet per klant",
        "de verkoopcyclus",
        "acquisitiekosten",
    ],
}
_AMOUNTS = [
    "10%",
    "200%",
    "-5%",
    "€1.250,50",
    "$2.4M",
    "1,500.50",
    "1.500,50",
    "6x",
    "40",
    "twenty-five",
    "een miljoen",
    "a dozen",
    "5 procentpunt",
    "50 bps",
    "0,125",
    "€5k",
    "EUR 100.000",
    "2.5 percent",
    "10 %",
    "3 days",
    "12 uur",
    "half",
    "anderhalf",
    "€ 1",
    "1e9",
    "1.000.000.000.000",
    "0.0001%",
]
_MARKERS = {
    "en": [
        "by",
        "to",
        "to below",
        "to at least",
        "to at most",
        "at",
        "from {a} to",
        "above",
        "under",
        "of at least",
    ],
    "nl": [
        "met",
        "naar",
        "tot maximaal",
        "tot minstens",
        "van {a} naar",
        "tot onder de",
        "op",
        "boven",
    ],
}
_CADENCES = [
    "a week",
    "per month",
    "per maand",
    "elke week",
    "monthly",
    "wekelijks",
    "each quarter",
    "per workday",
    "a day",
    "per halfjaar",
    "annually",
    "iedere maand",
]
_OWNERS = [
    "each AE",
    "per rep",
    "Team Benelux",
    "Lisa",
    "our inside sales team",
    "elke accountmanager",
    "Owner: Sam.",
    "Eigenaar: team Noord.",
    "the EMEA team",
    "every SDR",
    "Jan de Vries",
]
_TIMEFRAMES = [
    "in Q3 2027",
    "FY27",
    "by 30 June 2027",
    "in een jaar",
    "in six months",
    "by the end of Q3",
    "H1 2027",
    "between 1 January and 30 June 2027",
    "2027-06-30",
    "this quarter",
    "volgend jaar",
    "in 2027",
    "FY2027 Q3",
    "Q3 FY27",
    "tegen het einde van het jaar",
    "by year-end",
    "in a year",
    "voor 1 juli 2027",
    "van 1 maart tot 30 juni 2027",
    "H2 FY2026",
    "FY2027 W53",
    "FY2027 M05",
    "by 29 February",
    "in the next 3 weeks",
    "binnen 1000 dagen",
    "by the end of the year",
    "eind 2027",
    "this fiscal year",
    "next quarter",
    "dit kwartaal",
    "in juni",
    "by December 31st, 2027",
    "30-06-2027",
    "in the third quarter of 2027",
    "by 9999-12-31",
    "in 9998",
    "Q4 9998",
]
_COMPARISONS = [
    "compared to Q2 2026",
    "year over year",
    "t.o.v. vorig jaar",
    "vs last quarter",
    "versus 2026",
    "compared with the same period last year",
    "QoQ",
    "ten opzichte van H1 2026",
    "vs FY26",
]
_STRATEGIES = [
    "by using consultative selling",
    "through better onboarding",
    "via LinkedIn",
    "door webinars te geven",
    "by calling every lead",
]
_JOINS = [" and ", ", ", ". ", " en ", "; ", "\n", " & ", " as well as "]
_NOISE = [
    "??",
    "XX%",
    "$X",
    "1.",
    "#",
    "(",
    ")",
    "-",
    "...",
    "'",
    '"',
    "€",
    "%",
    "x",
    "İ",
    "\u200b",
    "日本",
    "ß",
    "\u00a0",
    "–",
    "×",
]


def _lang_words(lang: str, table: dict[str, list[str]]) -> st.SearchStrategy[str]:
    return st.sampled_from(table[lang])


@st.composite
def _goal_clause(draw: st.DrawFn, lang: str) -> str:
    parts = [draw(_lang_words(lang, _VERBS))]
    if draw(st.booleans()):
        parts.append(draw(_lang_words(lang, _METRICS)))
    if draw(st.integers(0, 4)):
        amount = draw(st.sampled_from(_AMOUNTS) | _numbers())
        marker = draw(st.none() | _lang_words(lang, _MARKERS))
        if marker is not None:
            parts.append(marker.format(a=draw(st.sampled_from(_AMOUNTS) | _numbers())))
        parts.append(amount)
    optional = [_CADENCES, _COMPARISONS, _TIMEFRAMES, _OWNERS, _STRATEGIES]
    for words in optional:
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(words)))
    if draw(st.integers(0, 5)) == 0:
        parts = draw(st.permutations(parts))
    return " ".join(parts)


def _numbers() -> st.SearchStrategy[str]:
    """Amounts written in either language's format, signs and currencies included."""
    whole = st.integers(0, 10**15).map(str)
    grouped = st.integers(1000, 10**12).map(lambda n: f"{n:,}")
    dutch = grouped.map(lambda s: s.replace(",", "."))
    decimal_part = st.tuples(whole, st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}")
    comma_part = st.tuples(dutch, st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]:02d}")
    unit = st.sampled_from(["", "%", " percent", "k", "M", " million", " miljoen", "x", " bps"])
    sign = st.sampled_from(["", "€", "$", "-", "+", "EUR "])
    return st.tuples(sign, whole | grouped | dutch | decimal_part | comma_part, unit).map("".join)


@st.composite
def sales_goals(draw: st.DrawFn) -> str:
    """One to three goals in English or Dutch, joined as people join them."""
    lang = draw(st.sampled_from(["en", "nl"]))
    clauses = draw(st.lists(_goal_clause(lang), min_size=1, max_size=3))
    text = clauses[0]
    for clause in clauses[1:]:
        text += draw(st.sampled_from(_JOINS)) + clause
    return text


_EDITS = st.sampled_from(["drop", "dup", "swap", "insert", "noise", "huge", "truncate", "date"])


@st.composite
def mutated_goals(draw: st.DrawFn) -> str:
    """A statement of the grammar with tokens dropped, repeated, swapped or put in."""
    tokens = draw(sales_goals()).split(" ")
    for edit in draw(st.lists(_EDITS, max_size=5)):
        i = draw(st.integers(0, len(tokens)))
        if edit == "drop" and i < len(tokens):
            del tokens[i]
        elif edit == "dup":
            tokens[i:i] = tokens[i : i + draw(st.integers(1, 3))] * draw(st.integers(1, 50))
        elif edit == "swap" and i + 1 < len(tokens):
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif edit == "insert":
            tokens.insert(i, draw(st.text(max_size=12)))
        elif edit == "noise":
            tokens.insert(i, draw(st.sampled_from(_NOISE)))
        elif edit == "huge":
            digits = draw(st.sampled_from([20, 61, 100, 4301, 5000]))
            glue = draw(st.sampled_from(["", "FY2027H", "FY", "Q", "2027-6-", "€", "1,", "H1 FY"]))
            tokens.insert(i, glue + "9" * digits)
        elif edit == "truncate":
            tokens = tokens[:i]
        elif edit == "date":
            day = draw(st.dates())
            tokens.insert(i, draw(st.sampled_from([day.isoformat(), f"{day:%d %B %Y}"])))
    text = " ".join(tokens)
    return text[:10_000] if text.strip() else "Increase revenue"


def _todays() -> st.SearchStrategy[date]:
    edges = [date.min, date(1, 12, 31), date(9998, 12, 31), date(9999, 1, 1), date.max]
    return st.sampled_from(edges) | st.dates()


_CALENDARS: st.SearchStrategy[FiscalCalendar | None] = st.none() | fiscal_calendars()
_LANGS = st.sampled_from([None, "en", "nl"])


def _check(parsed: ParsedStatement, text: str) -> None:
    """What every reading promises: the statement kept, spans that point into it."""
    assert parsed.text == text
    assert parsed.lang in ("en", "nl")
    assert parsed.goals
    for item in parsed.goals:
        assert item.goal.statement == text
        for span in item.spans.values():
            assert text[span.start : span.end] == span.text
    for span in (*parsed.placeholders, *parsed.vague_verbs):
        assert text[span.start : span.end] == span.text


def _refusal(read: Any, *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """What ``read`` returns, or the message of the ParseError it raises instead."""
    try:
        return read(*args, **kwargs), None
    except ParseError as exc:
        return None, str(exc)


def _read_everything(
    text: str, today: date, lang: str | None, calendar: FiscalCalendar | None
) -> None:
    """Every reading function on ``text``: a result or a ParseError, never another error."""
    assert detect_language(text) in ("en", "nl")
    options = {"lang": lang, "today": today, "calendar": calendar}
    parsed, refused = _refusal(explain, text, **options)
    goals, goals_refused = _refusal(parse_goals, text, **options)
    goal, goal_refused = _refusal(parse_goal, text, **options)
    if refused is not None:
        # the other readers refuse the same statement the same way
        assert refused
        assert goals_refused == goal_refused == refused
        return
    _check(parsed, text)
    assert goals == [g.goal for g in parsed.goals]
    if len(goals) == 1:
        assert goal == goals[0]
    else:
        assert goal_refused is not None
        assert "parse_goals()" in goal_refused


# Every crash the outside fuzzing run found, and the ones this suite found since.
_CRASHES = [
    ("Reduce revenue by 200%", date(2026, 1, 1), None, None),
    ("Cut costs 6x", date(2026, 1, 1), None, None),
    ("Verlaag de omzet met 200%", date(2026, 1, 1), "nl", None),
    ("Increase revenue by 10% 2027-6-9999999999", date(2026, 1, 1), None, None),
    ("Increase revenue by 10% by 2027-6-9999999999", date(2026, 1, 1), None, None),
    ("Increase revenue by 10% FY2027H" + "1" * 4301, date(2026, 1, 1), None, None),
    ("Increase revenue by 10% 2027-" + "1" * 4301 + "-01", date(2026, 1, 1), None, None),
    ("Increase revenue by 10% in a year", date(9999, 1, 1), None, None),
    ("Verhoog de omzet met 10% in een jaar", date(9999, 1, 1), None, None),
    ("Increase revenue by 10% in Q3", date.max, None, FiscalCalendar(start_month=2)),
    ("Increase revenue by 10% compared to Q3", date.max, None, None),
    ("Increase revenue by 10% this quarter", date.max, None, FiscalCalendar(start_month=7)),
    ("Increase revenue by 10% next year", date(9998, 6, 1), None, None),
    ("Increase revenue by 10% in juni", date(9999, 7, 1), "nl", None),
    ("Increase revenue by 10% vs Q4 9998", date(2026, 1, 1), None, FiscalCalendar(4)),
    ("Increase revenue by 10% by 31 December 9999", date(2026, 1, 1), None, None),
    ("Increase revenue by 10% by year-end", date.min, None, FiscalCalendar(start_month=3)),
    ("Increase revenue to 1" + "0" * 59 + " billion", date(2026, 1, 1), None, None),
]


_Test = TypeVar("_Test", bound=Callable[..., None])


def _examples(
    cases: list[tuple[str, date, str | None, FiscalCalendar | None]],
) -> Callable[[_Test], _Test]:
    """Hypothesis ``@example`` for each case."""

    def add(test: _Test) -> _Test:
        for case in reversed(cases):
            test = example(*case)(test)
        return test

    return add


@FUZZ
@given(mutated_goals(), _todays(), _LANGS, _CALENDARS)
@_examples(_CRASHES)
def test_sales_goals_give_goals_or_a_parse_error(
    text: str, today: date, lang: str | None, calendar: FiscalCalendar | None
) -> None:
    _read_everything(text, today, lang, calendar)


@FUZZ
@given(st.text(min_size=1, max_size=200), _todays(), _LANGS, _CALENDARS)
@example("Q3 " * 3000, date.max, None, FiscalCalendar(start_month=12, naming="start"))
@example("1 " * 5000, date(2026, 1, 1), "nl", None)
@example("\u0130" * 50, date(2026, 1, 1), None, None)
def test_any_text_gives_goals_or_a_parse_error(
    text: str, today: date, lang: str | None, calendar: FiscalCalendar | None
) -> None:
    _read_everything(text, today, lang, calendar)


@settings(FUZZ, max_examples=max(EXAMPLES // 5, 20))
@given(mutated_goals(), _todays())
@example("Reduce revenue by 200%", date(2026, 1, 1))
@example("Verlaag de omzet met 200%", date(2026, 1, 1))
@example("Increase revenue by 10% in a year", date(9999, 1, 1))
def test_scoring_a_statement_gives_a_scorecard_or_a_parse_error(text: str, today: date) -> None:
    card, refused = _refusal(score, text, context=Context(as_of=today))
    if refused is None:
        assert card.goal.statement == text
        assert card.verdict is not None
    else:
        assert refused == _refusal(explain, text, today=today)[1]


_LABEL_PARTS = st.sampled_from(["FY", "fy", "FY ", "Q3 ", "H1 FY", "FY-", ""])


@FUZZ
@given(
    st.tuples(
        _LABEL_PARTS,
        st.sampled_from(["2027", "27", "9998", "0001", "1" * 4301, "", "20277"]),
        st.sampled_from(["", " Q3", "H", " M05", " W53", "-Q", " Q" + "1" * 4301, "Q0"]),
    ).map("".join)
    | st.text(max_size=40),
    fiscal_calendars(),
)
@example("FY2027H" + "1" * 4301, FiscalCalendar())
@example("Q" + "1" * 4301 + " FY2027", FiscalCalendar())
@example("FY9998", FiscalCalendar(start_month=4, naming="start"))
def test_any_label_gives_a_period_or_a_parse_error(text: str, calendar: FiscalCalendar) -> None:
    period, refused = _refusal(calendar.parse_label, text)
    if refused is None:
        assert isinstance(period, Timeframe)
        # a label names one fiscal period: the calendar writes it back as one
        assert calendar.parse_label(calendar.label(period)) == period
