"""Realistic (R): fits the current situation, sales plan and the way the metric works.

The article's example: an organisation that has never sold through social media, whose
customers avoid Instagram, should not set a goal of 100 new customers through Instagram.

>>> from smartgoals import metrics
>>> from smartgoals.goals import Goal, Target
>>> from smartgoals.scoring import Context
>>> goal = Goal(metric=metrics.get("new_customers"), target=Target.level(100),
...             strategy="through Instagram sales")
>>> [f.message for f in channel_not_in_use.check(goal, Context(channels=["email", "phone"]))]
['The goal relies on Instagram, which is not among the channels in use (email, phone).']
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

from smartgoals import _channels
from smartgoals.goals import Direction, Goal, GoalType
from smartgoals.metrics import MetricKind, Polarity
from smartgoals.scoring import vocabulary
from smartgoals.scoring._define import rule
from smartgoals.scoring._model import Context, Criterion, Hit, Phrase, Severity, Undecided
from smartgoals.scoring.rules._trend import (
    as_rate,
    direction_of,
    growth_limit,
    trend,
)

__all__ = [
    "PACE_TOLERANCE",
    "RULES",
    "against_polarity",
    "channel_not_in_use",
    "horizon_too_short",
    "no_activity_goal",
]

# Enum members read for every goal scored, kept as module constants: reading a
# member off its enum class is a slow attribute lookup (tens of nanoseconds each).
_ACTIVITY_METRIC: Final = MetricKind.ACTIVITY
_ACTIVITY_GOAL: Final = GoalType.ACTIVITY
_MAINTAIN: Final = Direction.MAINTAIN
_LOWER_IS_BETTER: Final = Polarity.LOWER_IS_BETTER
_INCREASE: Final = Direction.INCREASE
_DECREASE: Final = Direction.DECREASE
_STRETCH: Final = GoalType.STRETCH

#: How much longer than the goal allows the historical pace may need before
#: :func:`horizon_too_short` warns (1.5: the change would take 18 months on a 12-month goal).
PACE_TOLERANCE: Final = 1.5
#: Below this yearly change a flat or shrinking history does not make a goal too fast.
_FLAT_ALLOWANCE: Final = math.log1p(0.05)
_NONE: Final = Phrase("none", "geen")


def _in_use(channel: str, in_use: frozenset[str]) -> bool:
    if channel in in_use or vocabulary.channel_family(channel) in in_use:
        return True
    # A family ("social media") is in use when any of its channels is.
    return any(vocabulary.channel_family(c) == channel for c in in_use)


@rule(
    "R001",
    Criterion.REALISTIC,
    summary={
        "en": "Relies on a channel not in use",
        "nl": "Steunt op een kanaal dat niet gebruikt wordt",
    },
    message={
        "en": "The goal relies on {channel_name}, which is not among the channels in use "
        "({in_use_names}).",
        "nl": "Het doel steunt op {channel_name}, dat niet bij de gebruikte kanalen hoort "
        "({in_use_names}).",
    },
    suggestion={
        "en": "Base the goal on a channel you already use, or first set up {channel_name} with "
        "its own goal.",
        "nl": "Baseer het doel op een kanaal dat al gebruikt wordt, of zet eerst "
        "{channel_name} op met een eigen doel.",
    },
    field="strategy",
    evidence=["channels"],
)
def channel_not_in_use(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the channels a goal names (in its strategy or statement) are in use.

    Channels are recognised with :func:`smartgoals.scoring.vocabulary.channels_in`:
    social networks, email, phone, events, partners, webinars and more, in English and
    Dutch. A channel counts as in use when the context lists it or its family
    ("social_media" covers Instagram). A channel the goal rules out ("through email and
    phone, not through Instagram"; "zonder Instagram", "in plaats van beurzen") is not
    relied on: a negation ("not", "without", "instead of", "niet", "zonder", "in plaats
    van", ...) removes the channels after it, to the end of its clause
    (:func:`~smartgoals.scoring.vocabulary.affirmed_channels`).

    Why it matters:
        A goal that depends on a channel the organisation has never used (and its
        customers avoid) is a goal about building the channel first.

    Example:
        Generate 100 new customers through Instagram sales (channels in use: email,
        phone).

    Use instead:
        Generate 100 new customers through email campaigns and phone follow-ups.
    """
    in_use = context.channels
    assert in_use is not None
    parsed = context.statement
    if parsed is not None:
        # The parser's channels, less those every mention of which is ruled out.
        ruled_out = _channels.negated_ranges(parsed.text)
        in_statement: tuple[str, ...] = tuple(
            key
            for key, spans in parsed.channels.items()
            if not all(_channels.in_ranges(span.start, ruled_out) for span in spans)
        )
    else:
        in_statement = vocabulary.affirmed_channels(goal.statement)
    text = parsed.text if parsed is not None else goal.statement or ""
    strategy = goal.strategy
    # A strategy read from the statement is judged there, with the negations around it.
    in_strategy = (
        vocabulary.affirmed_channels(strategy) if strategy and strategy not in text else ()
    )
    found: tuple[Hit, ...] = ()
    for channel in dict.fromkeys((*in_strategy, *in_statement)):
        if not _in_use(channel, in_use):
            names = [_channel_phrase(c) for c in sorted(in_use)]
            values = {
                "channel": channel,
                "in_use": ", ".join(sorted(in_use)) if in_use else _NONE,
                "channel_name": _channel_phrase(channel),
                "in_use_names": Phrase(
                    ", ".join(p.en for p in names), ", ".join(p.text("nl") for p in names)
                )
                if names
                else _NONE,
            }
            found += (Hit(values),)
    return found


def _channel_phrase(key: str) -> Phrase:
    return Phrase(_channels.channel_name(key, "en"), _channels.channel_name(key, "nl"))


def _overlaps(goal: Goal, other: Goal) -> bool:
    if goal.timeframe is None or other.timeframe is None:
        return True
    return goal.timeframe.overlaps(other.timeframe)


@rule(
    "R002",
    Criterion.REALISTIC,
    summary={
        "en": "Outcome goal without activity goals",
        "nl": "Resultaatdoel zonder activiteitsdoelen",
    },
    message={
        "en": "No activity goal (calls, emails, demos) supports this {metric} goal, so reps "
        "have little under their own control.",
        "nl": "Geen activiteitsdoel (gesprekken, e-mails, demo's) ondersteunt dit doel voor "
        "{metric:the}, dus verkopers hebben weinig zelf in de hand.",
    },
    suggestion={
        "en": "Add an activity goal behind it, e.g. 'book 40 demos a month'.",
        "nl": "Zet er een activiteitsdoel achter, bijv. '40 demo's per maand boeken'.",
    },
    severity=Severity.INFO,
    field="metric",
    evidence=["activity_goals"],
)
def no_activity_goal(goal: Goal, context: Context) -> tuple[Hit | Undecided, ...]:
    """Checks that an outcome goal has activity goals beside it in the same period.

    Why it matters:
        The article: outcome goals can be derailed by departures, changing buyers or
        competitors; activity goals (emails sent, calls made) give reps control and keep
        them on schedule.

    Example:
        Increase revenue by 50% over last year, with no activity goals.

    Use instead:
        Increase revenue by 50%, backed by 60 calls and 15 demos per rep per week.
    """
    if goal.metric is None:
        return (Undecided(("metric",)),)
    if goal.metric.kind is _ACTIVITY_METRIC or goal.type is _ACTIVITY_GOAL:
        return ()
    for other in context.activity_goals or ():
        if (
            other.type is _ACTIVITY_GOAL
            or (other.metric and other.metric.kind is _ACTIVITY_METRIC)
        ) and _overlaps(goal, other):
            return ()  # supported
    return (Hit({"metric": goal.metric}),)


@rule(
    "R003",
    Criterion.REALISTIC,
    summary={
        "en": "Direction against the metric's polarity",
        "nl": "Richting tegen de goede kant van de maatstaf in",
    },
    message={
        "en": "The goal wants to {direction} {metric}, but for {metric} {better} is better.",
        "nl": "Het doel wil {metric:the} {direction}, maar voor {metric:the} is {better} beter.",
    },
    suggestion={
        "en": "Reverse the direction, e.g. '{fix} {metric}', or pick the metric you mean.",
        "nl": "Draai de richting om, bijv. '{metric:the} {fix}', of kies de bedoelde maatstaf.",
    },
    field="direction",
)
def against_polarity(goal: Goal, context: Context) -> tuple[Hit, ...]:
    """Checks that the goal moves the metric the way that is better for it.

    The direction is the goal's own, or the one its target implies.

    Why it matters:
        "Increase churn" or "lengthen the sales cycle" is almost always a slip; taken
        literally it rewards the wrong behaviour.

    Example:
        Increase customer churn by 5% in 2027.

    Use instead:
        Reduce customer churn by 5% in 2027.
    """
    metric = goal.metric
    direction = direction_of(goal)
    if metric is None or direction is None or direction is _MAINTAIN:
        return ()
    lower = metric.polarity is _LOWER_IS_BETTER
    if (direction is _INCREASE) == lower:
        return (
            Hit(
                {
                    "metric": metric,
                    "direction": direction,
                    "better": Phrase("lower", "lager") if lower else Phrase("higher", "hoger"),
                    "fix": _DECREASE if lower else _INCREASE,
                }
            ),
        )
    return ()


@rule(
    "R004",
    Criterion.REALISTIC,
    summary={
        "en": "Horizon too short for the change",
        "nl": "Termijn te kort voor de verandering",
    },
    message={
        "en": "At its historical pace of {history:+.0%} a year, {metric} needs about {needed} "
        "months for this change; the goal allows {allowed}.",
        "nl": "In het historische tempo van {history:+.0%} per jaar heeft {metric:the} ongeveer "
        "{needed} maanden nodig voor deze verandering; het doel geeft er {allowed}.",
        "en:flat": "The history of {metric} shows no progress in the goal's direction "
        "({history:+.0%} a year), yet the goal asks {required:+.0%} a year within {allowed} "
        "months.",
        "nl:flat": "De historie van {metric:the} laat geen vooruitgang in de richting van het "
        "doel zien ({history:+.0%} per jaar), maar het doel vraagt {required:+.0%} per jaar "
        "binnen {allowed} maanden.",
    },
    suggestion={
        "en": "Give the goal more time (about {needed} months), or lower the target.",
        "nl": "Geef het doel meer tijd (ongeveer {needed} maanden), of verlaag de doelwaarde.",
        "en:flat": "Say what will change the trend (a new channel, more reps), or aim lower.",
        "nl:flat": "Zeg wat de trend gaat keren (een nieuw kanaal, meer verkopers), of mik lager.",
    },
    severity=Severity.WARNING,
    field="timeframe",
    evidence=["history"],
)
def horizon_too_short(goal: Goal, context: Context) -> tuple[Hit | Undecided, ...]:
    """Checks that the goal's timeframe leaves time for the change at the historical pace.

    It warns when the historical pace would need more than :data:`PACE_TOLERANCE` times
    the goal's timeframe, or when the history does not move in the goal's direction and
    the goal asks more than +5% a year. Changes far above the history are Achievable's
    business (A001) and are not reported here again.

    Why it matters:
        A change that is realistic over eighteen months is not over twelve; the article
        asks goals to fit the current situation and plan.

    Example:
        Increase revenue by 35% in 2027, after growing 20% a year.

    Use instead:
        Increase revenue by 35% by 30 June 2028.
    """
    facts = trend(goal, context)
    hist, change = facts.rate, facts.change
    if hist is None or change is None or change.rate is None:
        missing = (
            "history" if hist is None else "timeframe" if goal.timeframe is None else "baseline"
        )
        return (Undecided((missing,)),)
    if change.ratio == 1:
        return ()
    sign = 1 if change.ratio > 1 else -1
    needed = sign * change.rate
    along = sign * hist
    if needed > growth_limit(along, stretch=goal.type is _STRETCH):
        return ()
    months_allowed = change.years * 12
    if along <= 0:
        if needed > _FLAT_ALLOWANCE:
            values = {
                "metric": goal.metric,
                "history": as_rate(hist),
                "required": as_rate(sign * needed),
                "allowed": Decimal(round(months_allowed)),
            }
            return (Hit(values, variant="flat"),)
        return ()
    months_needed = needed / along * months_allowed
    if months_needed > PACE_TOLERANCE * months_allowed:
        return (
            Hit(
                {
                    "metric": goal.metric,
                    "history": as_rate(hist),
                    "needed": Decimal(math.ceil(months_needed)),
                    "allowed": Decimal(round(months_allowed)),
                }
            ),
        )
    return ()


#: The Realistic rules, registered through the ``smartgoals.rules`` entry point group.
RULES = (channel_not_in_use, no_activity_goal, against_polarity, horizon_too_short)
