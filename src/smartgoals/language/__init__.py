"""Goal statements in English and Dutch: read text into Goals, write Goals as text.

People write goals as sentences — "Verhoog de maandelijkse omzet met 10% in een jaar",
"Reduce churn to below 2% by the end of Q3" — and :func:`parse_goal` turns such a
sentence into a :class:`~smartgoals.goals.Goal`. :func:`explain` also says which words
gave which field, so an application can highlight them, and gathers the evidence the
SMART rules use (language, number of goals, placeholders, vague verbs, channels).
:func:`describe` writes a Goal back as a sentence the parser reads again.

The parser never invents: parts that are not in the text stay ``None``. Relative
phrases ("in six months", "by the end of the year") resolve against ``today``. Rates are
read as rates: "20 demos a week" is ``Target.at_least(20, per="week")``, "each AE" an
owner of :attr:`~smartgoals.goals.Scope.ROLE`, "close 40% of the prospects" a close rate
of 0.40, "year over year" a :attr:`~smartgoals.goals.Goal.baseline_period`.

>>> from datetime import date
>>> goal = parse_goal("Verhoog de maandelijkse omzet met 10% in een jaar", today=date(2026, 5, 1))
>>> goal.metric.key, goal.direction.name, str(goal.target), str(goal.timeframe)
('revenue', 'INCREASE', '+10% a month', '2026-05-01 – 2027-04-30')
>>> describe(goal)
'Increase monthly revenue by 10% between 1 May 2026 and 30 April 2027.'
"""

from __future__ import annotations

from datetime import date, datetime

from smartgoals.exceptions import InvalidInputError, ParseError
from smartgoals.goals import Goal
from smartgoals.language._parser import LANGUAGES, check_text, parse_statement
from smartgoals.language._parser import detect_language as _detect
from smartgoals.language._render import describe
from smartgoals.language._result import ParsedGoal, ParsedStatement, Span
from smartgoals.metrics import MetricCatalog
from smartgoals.timeframes import FiscalCalendar

__all__ = [
    "ParsedGoal",
    "ParsedStatement",
    "Span",
    "describe",
    "detect_language",
    "explain",
    "parse_goal",
    "parse_goals",
]


def _check_options(lang: str | None, today: date | None, calendar: FiscalCalendar | None) -> date:
    if lang is not None and lang not in LANGUAGES:
        raise InvalidInputError(
            f"lang must be 'en', 'nl' or None (detect), got {lang!r}", name="lang", value=lang
        )
    if calendar is not None and not isinstance(calendar, FiscalCalendar):
        raise InvalidInputError(
            f"calendar must be a FiscalCalendar or None, got {type(calendar).__name__}",
            name="calendar",
            value=calendar,
        )
    if today is None:
        return date.today()
    if isinstance(today, datetime):
        return today.date()
    if not isinstance(today, date):
        raise InvalidInputError(
            f"today must be a date, got {type(today).__name__} ({today!r})",
            name="today",
            value=today,
        )
    return today


def detect_language(text: str) -> str:
    """Tell whether a statement is English (``"en"``) or Dutch (``"nl"``).

    The language whose common words (articles, prepositions, goal verbs, metric names)
    occur more often wins; a tie, or no known word at all, is English.

    Args:
        text: The statement.

    Returns:
        ``"en"`` or ``"nl"``.

    Raises:
        InvalidInputError: if ``text`` is not a str.

    >>> detect_language("Verlaag het personeelsverloop met 8% in een jaar")
    'nl'
    >>> detect_language("Reduce employee turnover by 8% in a year")
    'en'
    """
    if not isinstance(text, str):
        raise InvalidInputError(
            f"text must be a str, got {type(text).__name__}", name="text", value=text
        )
    return _detect(text)


def explain(
    text: str,
    *,
    lang: str | None = None,
    today: date | None = None,
    calendar: FiscalCalendar | None = None,
    catalog: MetricCatalog | None = None,
) -> ParsedStatement:
    """Read a statement into goals, with the span of text behind every field.

    The language: without ``lang`` it is detected with :func:`detect_language`. With
    ``lang`` the statement is read in that language unless it is *clearly* written in the
    other one: its common words of the other language (the words
    :func:`detect_language` counts) outnumber those of ``lang`` by at least two, and
    more than twice. "Increase revenue by 10% in 2027" with ``lang="nl"`` is read as
    English (three English words, no Dutch one); "Grow demos" stays Dutch. The
    language the statement was read in is :attr:`ParsedStatement.lang`.

    Args:
        text: One statement of at most 10,000 characters; it may hold several goals.
        lang: ``"en"`` or ``"nl"``, a hint for reading (see above); ``None`` detects
            the language.
        today: The date relative phrases resolve against (default: today).
        calendar: The fiscal calendar for quarters, halves, years and "FY" labels; by
            default calendar quarters and years.
        catalog: The metric catalog to look names up in (default: the process-wide one).

    Returns:
        The goals with their spans, and the statement's evidence.

    Raises:
        ParseError: if the text is empty, longer than 10,000 characters, names a date
            that does not exist, a deadline that is not after ``today``, a period past
            9999-12-31 or outside the calendar's fiscal years, a number of more than 60
            digits, or parts that cannot make one goal (a churn target of 120%, a fall
            of 200%): the reader raises no other error on any text. Its ``position`` is
            the offset of the words it could not read.
        InvalidInputError: if an argument has the wrong type.

    >>> from datetime import date
    >>> s = explain("Reduce churn to below 2% by the end of Q3 through better onboarding",
    ...             today=date(2027, 1, 15))
    >>> g = s.goals[0]
    >>> str(g.goal.target), g.spans["target"].text, g.spans["timeframe"].text
    ('≤ 0.02', 'to below 2%', 'by the end of Q3')
    >>> g.goal.strategy
    'through better onboarding'
    >>> explain("Increase revenue by 10% in 2027", lang="nl").lang
    'en'
    """
    checked = check_text(text)
    day = _check_options(lang, today, calendar)
    if catalog is not None and not isinstance(catalog, MetricCatalog):
        raise InvalidInputError(
            f"catalog must be a MetricCatalog or None, got {type(catalog).__name__}",
            name="catalog",
            value=catalog,
        )
    return parse_statement(checked, lang=lang, today=day, calendar=calendar, catalog=catalog)


def parse_goals(
    text: str,
    *,
    lang: str | None = None,
    today: date | None = None,
    calendar: FiscalCalendar | None = None,
    catalog: MetricCatalog | None = None,
) -> list[Goal]:
    """Read a statement that may hold several goals.

    A new goal starts where a conjunction ("and", "en", a comma) or a new sentence is
    followed by another metric. Parts written once carry over to the goals of the same
    sentence that lack them: the verb to the goals after it, the amount to the goals
    before it ("increase calls and emails by 10%"), and the timeframe, owner and
    strategy to the goals after it, else before it.

    Args:
        text: The statement.
        lang: ``"en"`` or ``"nl"`` as a hint for reading, or ``None`` to detect; a
            statement clearly in the other language is read in its own (as
            :func:`explain`).
        today: The date relative phrases resolve against (default: today).
        calendar: The fiscal calendar for fiscal phrases.
        catalog: The metric catalog (default: the process-wide one).

    Returns:
        The goals in the order they were written (at least one).

    Raises:
        ParseError: as :func:`explain`.
        InvalidInputError: if an argument has the wrong type.

    >>> from datetime import date
    >>> goals = parse_goals("Increase revenue by 10% and leads by 20% in 2027")
    >>> [(g.metric.key, str(g.target), str(g.timeframe)) for g in goals]
    [('revenue', '+10%', '2027-01-01 – 2027-12-31'), ('leads', '+20%', '2027-01-01 – 2027-12-31')]
    """
    parsed = explain(text, lang=lang, today=today, calendar=calendar, catalog=catalog)
    return [p.goal for p in parsed.goals]


def parse_goal(
    text: str,
    *,
    lang: str | None = None,
    today: date | None = None,
    calendar: FiscalCalendar | None = None,
    catalog: MetricCatalog | None = None,
) -> Goal:
    """Read a statement of one goal into a :class:`~smartgoals.goals.Goal`.

    ``lang`` is a hint: a statement clearly written in the other language is read in its
    own. Clearly means that its common words of the other language (those
    :func:`detect_language` counts) outnumber those of ``lang`` by at least two and more
    than twice, so "Increase revenue by 10% in 2027" with ``lang="nl"`` is read as
    English, while a short or mixed statement ("Grow demos") is read in ``lang``.

    Args:
        text: The statement, kept in :attr:`Goal.statement`.
        lang: ``"en"`` or ``"nl"`` as a hint for reading (see above), or ``None`` to
            detect the language.
        today: The date relative phrases resolve against (default: today).
        calendar: The fiscal calendar for fiscal phrases ("FY2027", "FY27 Q3", "Q3" of
            a fiscal year).
        catalog: The metric catalog (default: the process-wide one).

    Returns:
        The goal; parts the text does not state are ``None``.

    Raises:
        ParseError: as :func:`explain`, and when the statement holds more than one goal
            (use :func:`parse_goals`).
        InvalidInputError: if an argument has the wrong type.

    >>> from datetime import date
    >>> g = parse_goal("Reach $2.4M ARR by 30 June 2027", today=date(2027, 1, 1))
    >>> g.metric.key, str(g.target), g.currency, g.timeframe.last_day
    ('arr', '= 2400000', 'USD', datetime.date(2027, 6, 30))
    >>> parse_goal("Laten we dit kwartaal meer geld verdienen").target is None
    True
    >>> g = parse_goal("Each AE books 20 demos a week in Q3 2027")
    >>> str(g.target), g.owner, g.owner.scope.name
    ('≥ 20 a week', Owner(name='AE', scope=<Scope.ROLE: 'role'>), 'ROLE')
    >>> str(parse_goal("Increase revenue by 10% in 2027", lang="nl").target)
    '+10%'
    """
    parsed = explain(text, lang=lang, today=today, calendar=calendar, catalog=catalog)
    if len(parsed.goals) != 1:
        raise ParseError(
            f"the statement holds {len(parsed.goals)} goals; use parse_goals() to read them all",
            text=text,
        )
    return parsed.goals[0].goal
