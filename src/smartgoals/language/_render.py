"""Writing a Goal as a sentence in English or Dutch.

The sentence uses only forms the parser reads back to the same goal, field by field
(metric, direction, target, cadence, baseline, currency, comparison period, timeframe,
owner and layer): "Increase revenue by 10% in 2027.", "Verlaag klantverloop tot maximaal
2% tussen 1 maart 2027 en 30 juni 2027.", "Increase demos booked to at least 20 a week in
Q3 2027. Owner: each AE.", "Team goal: Increase revenue by 10% in EUR in 2027.".
Amounts are written in the language's number format; a fraction of exactly three digits
after a whole part below 1000 gets a trailing zero ("1.1250") so it cannot be read as
thousands.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from smartgoals._numbers import format_amount
from smartgoals.exceptions import CalendarError, InvalidInputError
from smartgoals.goals import Direction, Goal, GoalType, Target, TargetKind
from smartgoals.language import _lexicon as lex
from smartgoals.language._numbers import MAX_DIGITS, shift, written_digits
from smartgoals.language._owners import canonical_owner
from smartgoals.language._text import normalise, tokenize
from smartgoals.language._timeframes import MONTH_NAMES
from smartgoals.metrics import Metric, Unit
from smartgoals.timeframes import FiscalCalendar, Granularity, Timeframe

__all__ = ["describe"]

_VERBS: Final = {
    "en": {
        Direction.INCREASE: "Increase",
        Direction.DECREASE: "Reduce",
        Direction.MAINTAIN: "Keep",
        None: "Change",
    },
    "nl": {
        Direction.INCREASE: "Verhoog",
        Direction.DECREASE: "Verlaag",
        Direction.MAINTAIN: "Houd",
        None: "Verander",
    },
}
_BRING: Final = {"en": "Bring", "nl": "Breng"}
_MARKERS: Final = {
    "en": {
        TargetKind.CHANGE: "by",
        TargetKind.LEVEL: "to",
        TargetKind.AT_MOST: "to at most",
        TargetKind.AT_LEAST: "to at least",
    },
    "nl": {
        TargetKind.CHANGE: "met",
        TargetKind.LEVEL: "naar",
        TargetKind.AT_MOST: "tot maximaal",
        TargetKind.AT_LEAST: "tot minstens",
    },
}
_KEEP_MARKERS: Final = {
    "en": {TargetKind.LEVEL: "at", TargetKind.AT_MOST: "at most", TargetKind.AT_LEAST: "at least"},
    "nl": {
        TargetKind.LEVEL: "op",
        TargetKind.AT_MOST: "maximaal",
        TargetKind.AT_LEAST: "minstens",
    },
}
_WORDS: Final = {
    "en": {
        "from": "from",
        "to": "to",
        "baseline": "from a baseline of",
        "points": "percentage points",
        "days": "days",
        "hours": "hours",
        "between": "between",
        "and": "and",
        "in": "in",
        "owner": "Owner",
        "through": "through",
        "compared": "compared to",
        "period": "the period",
        "period_from": "from",
        "period_to": "to",
        "number_of": "the number of",
    },
    "nl": {
        "from": "van",
        "to": "naar",
        "baseline": "vanaf een uitgangswaarde van",
        "points": "procentpunt",
        "days": "dagen",
        "hours": "uur",
        "between": "tussen",
        "and": "en",
        "in": "in",
        "owner": "Eigenaar",
        "through": "via",
        "compared": "ten opzichte van",
        "period": "de periode",
        "period_from": "van",
        "period_to": "tot en met",
        "number_of": "het aantal",
    },
}
#: The label of a goal's layer: "Team goal: Increase revenue by 10%".
_LAYERS: Final = {
    "en": {
        GoalType.ANNUAL: "Annual goal",
        GoalType.TEAM: "Team goal",
        GoalType.INDIVIDUAL: "Individual goal",
        GoalType.ACTIVITY: "Activity goal",
        GoalType.STRETCH: "Stretch goal",
    },
    "nl": {
        GoalType.ANNUAL: "Jaardoel",
        GoalType.TEAM: "Teamdoel",
        GoalType.INDIVIDUAL: "Individueel doel",
        GoalType.ACTIVITY: "Activiteitsdoel",
        GoalType.STRETCH: "Stretchdoel",
    },
}
#: A cadence after an amount: "to at least 20 a week", "tot minstens 20 per week".
_CADENCES: Final = {
    "en": {
        Granularity.DAY: "a day",
        Granularity.WEEK: "a week",
        Granularity.MONTH: "a month",
        Granularity.QUARTER: "a quarter",
        Granularity.HALF: "a half-year",
        Granularity.YEAR: "a year",
    },
    "nl": {
        Granularity.DAY: "per dag",
        Granularity.WEEK: "per week",
        Granularity.MONTH: "per maand",
        Granularity.QUARTER: "per kwartaal",
        Granularity.HALF: "per halfjaar",
        Granularity.YEAR: "per jaar",
    },
}
#: A cadence before the metric of a run-rate change: "Increase monthly revenue by 10%".
_CADENCE_ADJECTIVES: Final = {
    "en": {
        Granularity.DAY: "daily",
        Granularity.WEEK: "weekly",
        Granularity.MONTH: "monthly",
        Granularity.QUARTER: "quarterly",
        Granularity.HALF: "half-yearly",
        Granularity.YEAR: "yearly",
    },
    "nl": {
        Granularity.DAY: "dagelijkse",
        Granularity.WEEK: "wekelijkse",
        Granularity.MONTH: "maandelijkse",
        Granularity.QUARTER: "driemaandelijkse",
        Granularity.HALF: "halfjaarlijkse",
        Granularity.YEAR: "jaarlijkse",
    },
}


def format_number(value: Decimal, lang: str) -> str:
    """Write a number in the language's format, readable back without ambiguity.

    >>> format_number(Decimal("1500000.5"), "en"), format_number(Decimal("1500000.5"), "nl")
    ('1,500,000.5', '1.500.000,5')
    >>> format_number(Decimal("1.125"), "en"), format_number(Decimal("0.125"), "nl")
    ('1.1250', '0,125')
    """
    if written_digits(value) > MAX_DIGITS:
        raise InvalidInputError(
            f"cannot describe the number {value:.6E}: written out it has "
            f"{written_digits(value)} digits, and a statement holds numbers of at most "
            f"{MAX_DIGITS}",
            name="value",
            value=value,
        )
    text = format_amount(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    group, point = (",", ".") if lang == "en" else (".", ",")
    if len(fraction) == 3 and len(whole) <= 3 and whole != "0":
        fraction += "0"
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[k : k + 3] for k in range(head, len(whole), 3)]
    grouped = group.join(parts)
    return sign + grouped + (point + fraction if fraction else "")


def _percent(value: Decimal, lang: str) -> str:
    return f"{format_number(shift(value, 2), lang)}%"


def _amount(value: Decimal, metric: Metric | None, currency: str | None, lang: str) -> str:
    """A level or baseline in the metric's unit."""
    unit = metric.unit if metric is not None else None
    if unit is Unit.RATIO:
        return _percent(value, lang)
    number = format_number(value, lang)
    if currency is not None:
        return f"{currency} {number}"
    if unit is Unit.DAYS:
        return f"{number} {_WORDS[lang]['days']}"
    if unit is Unit.HOURS:
        return f"{number} {_WORDS[lang]['hours']}"
    return number


def _change(goal: Goal, target: Target, lang: str) -> str:
    value = target.value
    signed = goal.direction is None
    if goal.direction in (Direction.INCREASE, Direction.DECREASE):
        value = abs(value)
    if target.relative:
        text = _percent(value, lang)
    elif goal.metric is not None and goal.metric.unit is Unit.RATIO:
        text = f"{format_number(shift(value, 2), lang)} {_WORDS[lang]['points']}"
    else:
        text = _amount(value, goal.metric, goal.currency, lang)
    if signed and value >= 0:
        text = "+" + text
    return text


def _date(day: date, lang: str) -> str:
    return f"{day.day} {MONTH_NAMES[lang][day.month - 1]} {day.year}"


def _period_name(timeframe: Timeframe, lang: str, calendar: FiscalCalendar | None) -> str | None:
    """The name of a single period ("2027", "Q3 2027", "FY2027 H1"), if it is one."""
    if calendar is not None:
        try:
            return calendar.label(timeframe)
        except CalendarError:
            pass
    start, year = timeframe.start, timeframe.start.year
    if 1000 <= year <= 9998 and start.day == 1:
        if timeframe == Timeframe.year(year):
            return str(year)
        # With a calendar "H1 2027" and "Q3 2027" name its fiscal periods, which are not
        # these (else its label above would have named them).
        if calendar is None:
            for half in (1, 2):
                if timeframe == Timeframe.half(year, half):
                    return f"H{half} {year}"
            for quarter in range(1, 5):
                if timeframe == Timeframe.quarter(year, quarter):
                    return f"Q{quarter} {year}"
        if timeframe == Timeframe.month(year, start.month):
            return f"{MONTH_NAMES[lang][start.month - 1]} {year}"
    return None


def _timeframe(timeframe: Timeframe, lang: str, calendar: FiscalCalendar | None) -> str:
    words = _WORDS[lang]
    name = _period_name(timeframe, lang, calendar)
    if name is not None:
        return f"{words['in']} {name}"
    return (
        f"{words['between']} {_date(timeframe.start, lang)} {words['and']} "
        f"{_date(timeframe.last_day, lang)}"
    )


def _compared(timeframe: Timeframe, lang: str, calendar: FiscalCalendar | None) -> str:
    """The baseline's period: "compared to Q2 2026", "ten opzichte van 2026"."""
    words = _WORDS[lang]
    name = _period_name(timeframe, lang, calendar)
    if name is None:
        name = (
            f"{words['period']} {words['period_from']} {_date(timeframe.start, lang)} "
            f"{words['period_to']} {_date(timeframe.last_day, lang)}"
        )
    return f"{words['compared']} {name}"


def _metric_words(goal: Goal, lang: str, adjective: str | None) -> str:
    """The metric as the sentence names it, with the cadence of a run rate before it."""
    metric = goal.metric
    assert metric is not None
    label = metric.label(lang)
    if metric.is_adhoc and metric.unit is Unit.COUNT:
        # The reader takes words it does not know for a metric after "the number of".
        return f"{_WORDS[lang]['number_of']} {label}"
    return label if adjective is None else f"{adjective} {label}"


def _opens_strategy(strategy: str) -> bool:
    words = [t.text for t in tokenize(normalise(strategy))]
    if len(words) > 1 and words[0] == "by" and words[1].endswith("ing"):
        return True
    return any(tuple(words[: len(k)]) == k for code in lex.STRATEGY for k in lex.STRATEGY[code])


def describe(goal: Goal, lang: str = "en", *, calendar: FiscalCalendar | None = None) -> str:
    """Write ``goal`` as a sentence in English or Dutch.

    :func:`~smartgoals.language.parse_goal` reads the sentence back to the same metric,
    direction, target, baseline and timeframe (pass the same ``calendar`` if one was
    used here), and to the same cadence, owner, scope and comparison period. Named
    periods are written as such ("in Q3 2027", "in FY2027 H1" with a calendar), other
    timeframes by their first and last day.

    * A rate's cadence follows its amount ("to at least 20 a week", "tot minstens 20
      per week"); a per-period change names it before the metric, as people write a run
      rate ("Increase monthly revenue by 10%", "Verhoog maandelijkse omzet met 10%").
    * The owner goes in a sentence of its own: "Owner: Sam.", a role as "Owner: each
      AE." / "Eigenaar: elke AE.", and the scope in brackets when the name alone would
      read as another ("Owner: Benelux (team).").
    * The comparison period follows the target: "compared to Q2 2026" / "ten opzichte
      van Q2 2026".
    * An ad-hoc metric is named after "the number of" / "het aantal", where the reader
      takes unknown words for what is counted.
    * A currency no amount names follows the target: "by 10% in EUR".
    * The goal's layer opens the sentence when the metric and the owner do not imply
      it: "Stretch goal: …", "Team goal: …" / "Teamdoel: …".
    * With a ``calendar``, "H1 2027" and "Q3 2027" are not written for calendar halves
      and quarters (the reader takes them for fiscal ones): such timeframes are written
      by their first and last day.

    The sentence reads back to a goal equal in every field but ``statement`` (runs of
    white space in an owner's name are written as one space).

    Args:
        goal: The goal; missing parts are left out of the sentence.
        lang: ``"en"`` or ``"nl"``.
        calendar: A fiscal calendar whose labels to use for fiscal periods.

    Returns:
        One or two sentences (the owner goes in a second one).

    Raises:
        InvalidInputError: for a language other than ``"en"`` or ``"nl"``, a ``goal``
            that is not a Goal, or a number that has more than 60 digits written out
            (a statement holds no longer one; store such a goal as a document).

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Goal, Direction, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> churn = Goal(metric=metrics.get("customer_churn_rate"), direction=Direction.DECREASE,
    ...              target=Target.at_most("0.015"), timeframe=Timeframe.quarter(2027, 3))
    >>> describe(churn)
    'Reduce customer churn rate to at most 1.5% in Q3 2027.'
    >>> describe(churn, "nl")
    'Verlaag klantverloop tot maximaal 1,5% in Q3 2027.'
    >>> from smartgoals.goals import Owner, Scope
    >>> demos = Goal(metric=metrics.get("demos_booked"), direction=Direction.INCREASE,
    ...              target=Target.at_least(20, per="week"), timeframe=Timeframe.quarter(2027, 3),
    ...              owner=Owner("AE", Scope.ROLE))
    >>> describe(demos, "nl")
    "Verhoog geboekte demo's tot minstens 20 per week in Q3 2027. Eigenaar: elke AE."
    """
    if lang not in _VERBS:
        raise InvalidInputError(
            f"lang must be 'en' or 'nl', got {lang!r}", name="lang", value=lang
        )
    if not isinstance(goal, Goal):
        raise InvalidInputError(
            f"describe() takes a Goal, got {type(goal).__name__}", name="goal", value=goal
        )
    words = _WORDS[lang]
    target = goal.target
    keep = goal.direction is Direction.MAINTAIN
    # A level in every period with a baseline ("55 a month, from a baseline of 40") is not
    # a move from the baseline: "from 40 to 55 a month" would read as a run rate.
    flat_rate = (
        target is not None
        and target.kind is TargetKind.LEVEL
        and target.per is not None
        and goal.baseline is not None
    )
    if goal.direction is None and target is not None and target.kind is not TargetKind.CHANGE:
        verb = _BRING[lang]
    else:
        verb = _VERBS[lang][goal.direction]
    parts = [verb]
    per = target.per if target is not None else None
    # A run rate reads as the metric's cadence ("monthly revenue"); any other rate as a
    # cadence after its amount ("at least 20 a week").
    adjective = (
        _CADENCE_ADJECTIVES[lang][per]
        if per is not None
        and target is not None
        and target.kind is TargetKind.CHANGE
        and goal.metric is not None
        and not goal.metric.is_adhoc
        else None
    )
    if goal.metric is not None:
        parts.append(_metric_words(goal, lang, adjective))
    baseline_said = False
    if target is not None:
        if target.kind is TargetKind.CHANGE:
            parts += [_MARKERS[lang][TargetKind.CHANGE], _change(goal, target, lang)]
        else:
            value = _amount(target.value, goal.metric, goal.currency, lang)
            if (
                target.kind is TargetKind.LEVEL
                and goal.baseline is not None
                and not keep
                and not flat_rate
            ):
                baseline = _amount(goal.baseline, goal.metric, goal.currency, lang)
                parts += [words["from"], baseline, words["to"], value]
                baseline_said = True
            else:
                markers = _KEEP_MARKERS if keep else _MARKERS
                parts += [markers[lang][target.kind], value]
        if per is not None and adjective is None:
            parts.append(_CADENCES[lang][per])
    if goal.baseline is not None and not baseline_said:
        parts[-1] += ","
        parts += [words["baseline"], _amount(goal.baseline, goal.metric, goal.currency, lang)]
    amounts_say_currency = goal.baseline is not None or (
        target is not None and not target.relative
    )
    if goal.currency is not None and not amounts_say_currency:
        parts.append(f"{words['in']} {goal.currency}")  # "by 10% in EUR"
    if goal.baseline_period is not None:
        parts.append(_compared(goal.baseline_period, lang, calendar))
    if goal.timeframe is not None:
        parts.append(_timeframe(goal.timeframe, lang, calendar))
    if goal.strategy:
        strategy = goal.strategy.strip()
        if not _opens_strategy(strategy):
            strategy = f"{words['through']} {strategy}"
        parts.append(strategy)
    sentence = " ".join(parts).rstrip(".") + "."
    # The layer is said when the metric and the owner do not already imply it.
    if goal.type is not Goal(metric=goal.metric, owner=goal.owner).type:
        sentence = f"{_LAYERS[lang][goal.type]}: {sentence}"
    if goal.owner is not None:
        sentence += f" {words['owner']}: {canonical_owner(goal.owner, lang)}."
    return sentence
