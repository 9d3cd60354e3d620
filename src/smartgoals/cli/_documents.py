"""Goal and context documents for the command line: a statement or a goal table, and evidence.

``plan`` and ``track`` read a goal from a JSON or TOML document (:func:`goal_from`);
``check --context`` reads the evidence the scoring rules use (:func:`context_from`). Bad
fields raise :class:`~smartgoals.exceptions.InvalidInputError` naming the file and field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from smartgoals.cli._io import parse_date, plain
from smartgoals.exceptions import InvalidInputError, ValidationError
from smartgoals.goals import Goal
from smartgoals.language import parse_goal
from smartgoals.scoring import Context

if TYPE_CHECKING:
    from smartgoals.timeframes import FiscalCalendar

__all__ = ["context_from", "goal_from"]


def goal_from(
    data: Mapping[str, Any],
    *,
    where: str,
    lang: str | None = None,
    calendar: FiscalCalendar | None = None,
) -> Goal:
    """Read the goal of a document: ``goal = "statement"``, a ``goal`` table, or the whole document.

    A statement is parsed (relative phrases against the document's ``today``, default
    today); a table is a goal document as :func:`smartgoals.serialize.from_dict` reads it.

    Raises:
        InvalidInputError: naming ``where`` and every bad field.
        ParseError: if a statement cannot be read.

    >>> goal_from({"goal": "Grow revenue by 10% in 2027"}, where="spec").target.value
    Decimal('0.10')
    """
    if "goal" not in data:
        return _structured(data, where)
    spec = data["goal"]
    today = parse_date(data["today"], name=f"{where}: today") if "today" in data else None
    if isinstance(spec, str):
        return parse_goal(spec, lang=lang, today=today, calendar=calendar)
    if isinstance(spec, Mapping):
        return _structured(spec, f"{where}: goal")
    raise InvalidInputError(
        f"{where}: goal must be a statement (a string) or a goal table, got {spec!r}",
        name="goal",
        value=spec,
    )


def _structured(data: Mapping[str, Any], where: str) -> Goal:
    from smartgoals.serialize import from_dict  # cattrs loads only for a goal table

    try:
        return from_dict(plain(data))
    except ValidationError as exc:
        problems = "; ".join(f"{path}: {message}" for path, message in exc.errors)
        raise InvalidInputError(
            f"{where}: not a valid goal: {problems}", value=dict(data)
        ) from None


_CONTEXT_KEYS: Final = (
    "as_of",
    "history",
    "capacity",
    "channels",
    "activity_goals",
    "check_in",
    "extras",
)


def context_from(
    data: Mapping[str, Any],
    *,
    where: str,
    lang: str | None = None,
    calendar: FiscalCalendar | None = None,
) -> Context:
    """Build a scoring :class:`~smartgoals.scoring.Context` from a JSON or TOML document.

    ``history`` maps a metric key to ``[[period start, value], ...]`` or to a table
    ``{period start = value}``; ``activity_goals`` holds statements or goal tables.

    Raises:
        InvalidInputError: for an unknown key or a bad value, naming ``where``.

    >>> ctx = context_from({"as_of": "2027-01-15", "channels": ["email"],
    ...                     "history": {"revenue": {"2025-01-01": 600000,
    ...                                             "2026-01-01": 700000}}}, where="ctx")
    >>> ctx.as_of, sorted(ctx.channels), ctx.history["revenue"][1]
    (datetime.date(2027, 1, 15), ['email'], (datetime.date(2026, 1, 1), Decimal('700000')))
    """
    unknown = sorted(set(data) - set(_CONTEXT_KEYS))
    if unknown:
        raise InvalidInputError(
            f"{where}: unknown key(s) {', '.join(unknown)}; a context has "
            f"{', '.join(_CONTEXT_KEYS)}",
            name="context",
            value=unknown,
        )
    kwargs: dict[str, Any] = {}
    if data.get("as_of") is not None:
        kwargs["as_of"] = parse_date(data["as_of"], name=f"{where}: as_of")
    if "history" in data:
        kwargs["history"] = {
            str(key): _series(series, f"{where}: history.{key}")
            for key, series in _table(data["history"], f"{where}: history").items()
        }
    if "capacity" in data:
        kwargs["capacity"] = dict(_table(data["capacity"], f"{where}: capacity"))
    if "channels" in data:
        kwargs["channels"] = _strings(data["channels"], f"{where}: channels")
    if "activity_goals" in data:
        items = data["activity_goals"]
        if not isinstance(items, list):
            raise InvalidInputError(
                f"{where}: activity_goals must be a list of statements or goal tables",
                name="activity_goals",
                value=items,
            )
        kwargs["activity_goals"] = [
            goal_from(
                {"goal": item, **({"today": data["as_of"]} if "as_of" in data else {})},
                where=f"{where}: activity_goals[{i}]",
                lang=lang,
                calendar=calendar,
            )
            for i, item in enumerate(items)
        ]
    if "check_in" in data:
        kwargs["check_in"] = data["check_in"]
    if "extras" in data:
        kwargs["extras"] = dict(_table(data["extras"], f"{where}: extras"))
    try:
        return Context(**kwargs)
    except InvalidInputError as exc:
        raise InvalidInputError(f"{where}: {exc}", name=exc.name, value=exc.value) from None


def _table(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{where} must be a table, got {value!r}", value=value)
    return value


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInputError(f"{where} must be a list of names, got {value!r}", value=value)
    return list(value)


def _series(value: object, where: str) -> list[tuple[date, object]]:
    pairs: Iterable[object]
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, list):
        pairs = value
    else:
        raise InvalidInputError(
            f"{where} must be a list of [period start, value] pairs or a table of "
            f"period start = value, got {value!r}",
            value=value,
        )
    points = []
    for pair in pairs:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise InvalidInputError(
                f"{where}: expected a [period start, value] pair, got {pair!r}", value=pair
            )
        points.append((parse_date(pair[0], name=f"{where} period start"), pair[1]))
    return points
