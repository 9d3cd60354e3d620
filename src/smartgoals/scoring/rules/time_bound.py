"""Time-bound (T): a finish line that lies ahead, not too far, with check-ins on the way.

>>> from datetime import date
>>> from smartgoals.goals import Goal
>>> from smartgoals.timeframes import Timeframe
>>> from smartgoals.scoring import Context
>>> goal = Goal(timeframe=Timeframe.year(2026))
>>> [f.message for f in deadline_passed.check(goal, Context(as_of=date(2027, 3, 1)))]
['The deadline 2026-12-31 has passed (judged on 2027-03-01).']
"""

from __future__ import annotations

from datetime import date
from typing import Final

from smartgoals.goals import Goal
from smartgoals.scoring import vocabulary
from smartgoals.scoring._define import rule
from smartgoals.scoring._model import Context, Criterion, Hit, Severity

__all__ = [
    "MAX_HORIZON_MONTHS",
    "RULES",
    "deadline_passed",
    "no_check_in",
    "no_timeframe",
    "not_period_aligned",
    "too_long",
]

#: Goals longer than this many months get a warning (three years).
MAX_HORIZON_MONTHS: Final = 36
#: Goals longer than this many days (a quarter) should say when progress is reviewed.
_QUARTER_DAYS: Final = 92


def _longer_than(start: date, end: date, months: int) -> bool:
    # end > start + months, where the day is clamped at month ends (as Timeframe.starting).
    spanned = (end.year - start.year) * 12 + end.month - start.month
    return spanned > months or (spanned == months and end.day > start.day)


@rule(
    "T001",
    Criterion.TIME_BOUND,
    summary={"en": "Goal has no deadline", "nl": "Doel heeft geen deadline"},
    message={
        "en": "The goal has no timeframe: there is no finish line.",
        "nl": "Het doel heeft geen termijn: er is geen eindstreep.",
    },
    suggestion={
        "en": "Add a deadline, e.g. 'by 30 June 2027' or 'in Q3 2027'.",
        "nl": "Voeg een deadline toe, bijv. 'voor 30 juni 2027' of 'in Q3 2027'.",
    },
    field="timeframe",
)
def no_timeframe(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal has a timeframe.

    Why it matters:
        The article's Time-bound step: without a finish line you risk toiling for years
        without change or growth. Quarterly and annual goals are the easiest to set.

    Example:
        Increase revenue by 10%.

    Use instead:
        Increase revenue by 10% by 31 December 2027.
    """
    if goal.timeframe is None:
        return (Hit(),)
    return ()


@rule(
    "T002",
    Criterion.TIME_BOUND,
    summary={"en": "Deadline has passed", "nl": "Deadline is verstreken"},
    message={
        "en": "The deadline {deadline} has passed (judged on {as_of}).",
        "nl": "De deadline {deadline} is verstreken (beoordeeld op {as_of}).",
    },
    suggestion={
        "en": "Set a deadline after {as_of}, e.g. the end of the current quarter.",
        "nl": "Kies een deadline na {as_of}, bijv. het einde van het huidige kwartaal.",
    },
    field="timeframe",
    evidence=["as_of"],
)
def deadline_passed(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal's last day is not before the context's ``as_of`` date.

    Why it matters:
        A goal whose deadline is behind you cannot steer anything; it was probably copied
        from last period.

    Example:
        Increase revenue by 10% in 2026 (judged in March 2027).

    Use instead:
        Increase revenue by 10% in 2027.
    """
    timeframe, as_of = goal.timeframe, context.as_of
    # end is exclusive: the last day is before as_of exactly when end <= as_of.
    if timeframe is not None and as_of is not None and timeframe.end <= as_of:
        return (Hit({"deadline": timeframe.last_day, "as_of": as_of}),)
    return ()


@rule(
    "T003",
    Criterion.TIME_BOUND,
    summary={"en": "Horizon over three years", "nl": "Termijn langer dan drie jaar"},
    message={
        "en": "The goal runs {months} months, more than three years: too far to steer by.",
        "nl": "Het doel loopt {months} maanden, meer dan drie jaar: te ver weg om op te sturen.",
    },
    suggestion={
        "en": "Break it into yearly goals with their own targets.",
        "nl": "Deel het op in jaardoelen met eigen doelwaarden.",
    },
    severity=Severity.WARNING,
    field="timeframe",
)
def too_long(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal ends within three years of its start.

    Why it matters:
        Sales goals are set in layers (annual, team, individual, activity); a horizon of
        several years is a vision, and nobody feels its deadline.

    Example:
        Double revenue between 2027 and 2031.

    Use instead:
        Increase revenue by 20% in 2027 (one step towards doubling it by 2031).
    """
    timeframe = goal.timeframe
    if timeframe is not None and _longer_than(timeframe.start, timeframe.end, MAX_HORIZON_MONTHS):
        months = (timeframe.end.year - timeframe.start.year) * 12 + (
            timeframe.end.month - timeframe.start.month
        )
        return (Hit({"months": months, "timeframe": timeframe}),)
    return ()


@rule(
    "T004",
    Criterion.TIME_BOUND,
    summary={"en": "Long goal without check-ins", "nl": "Lang doel zonder voortgangsmomenten"},
    message={
        "en": "The goal runs {days} days but does not say when progress will be checked.",
        "nl": "Het doel loopt {days} dagen, maar zegt niet wanneer de voortgang wordt bekeken.",
    },
    suggestion={
        "en": "Add a check-in interval, e.g. 'reviewed every month'.",
        "nl": "Voeg een vast moment voor de voortgang toe, bijv. 'elke maand besproken'.",
    },
    severity=Severity.INFO,
    field="timeframe",
)
def no_check_in(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that a goal longer than a quarter says how often progress is reviewed.

    A check-in counts when the context gives ``check_in`` or the statement or strategy
    mentions one ("reviewed every month", "voortgang elke maand besproken").

    Why it matters:
        The article's step 5: include the intervals at which you collect data on
        progress; goals checked only at the deadline are missed without warning.

    Example:
        Increase revenue by 10% in 2027.

    Use instead:
        Increase revenue by 10% in 2027, reviewed every month.
    """
    timeframe = goal.timeframe
    if timeframe is None or timeframe.days <= _QUARTER_DAYS or context.check_in is not None:
        return ()
    if vocabulary.mentions_check_in(goal.statement) or vocabulary.mentions_check_in(goal.strategy):
        return ()
    return (Hit({"days": timeframe.days}),)


@rule(
    "T005",
    Criterion.TIME_BOUND,
    summary={
        "en": "Timeframe not aligned with months",
        "nl": "Termijn valt niet samen met maanden",
    },
    message={
        "en": "The timeframe {timeframe} does not start and end on month boundaries.",
        "nl": "De termijn {timeframe} begint en eindigt niet op een maandgrens.",
    },
    suggestion={
        "en": "Align the goal with a month, quarter or (fiscal) year.",
        "nl": "Laat het doel samenvallen met een maand, kwartaal of (boek)jaar.",
    },
    severity=Severity.INFO,
    field="timeframe",
    off_by_default=True,
)
def not_period_aligned(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the timeframe starts on the 1st and ends at a month's end.

    Off by default: many organisations use week-based or fiscal calendars where this
    does not hold. Select it with ``select=["T005"]``.

    Why it matters:
        The article: quarterly and annual goals are the easiest to set because they match
        fiscal start and end dates; reports and dashboards are cut the same way.

    Example:
        Book 120 demos between 14 March and 9 July 2027.

    Use instead:
        Book 120 demos in Q2 2027.
    """
    timeframe = goal.timeframe
    if timeframe is not None and (timeframe.start.day != 1 or timeframe.end.day != 1):
        return (Hit({"timeframe": timeframe}),)
    return ()


#: The Time-bound rules, registered through the ``smartgoals.rules`` entry point group.
RULES = (no_timeframe, deadline_passed, too_long, no_check_in, not_period_aligned)
