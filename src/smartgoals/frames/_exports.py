"""Reading a CRM export through a :class:`~smartgoals.frames.presets.Preset`.

An export becomes a deals table in three steps, all narwhals expressions that every
engine runs: the preset's own rules find bad rows in the export's terms (a stage it does
not know, a checkbox that is neither true nor false, a date written another way); the
bad rows raise or are left out as ``invalid=`` says; and the outcome, the close date and
the days are derived. The columns keep the export's names, so the deals table's own
rules (a repeated id, a close before the creation) name them too.

Dates are read from text by slicing out the day (in steps of their own columns, see
:func:`_staged_days`) and reading it as ``%Y-%m-%d``, the one format every engine parses
alike. A column the reader already typed (DuckDB, pyarrow and
Spark read ``2027-01-04 09:12`` as a timestamp) is cut to its day.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import narwhals as nw

from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import (
    Check,
    DataReport,
    DealColumns,
    Frame,
    Invalid,
    enforce,
    inspect,
)
from smartgoals.frames.presets import Preset

__all__: list[str] = []

_TABLE: Final = "deals"
_TRUE: Final = ("true", "1", "yes")
_FALSE: Final = ("false", "0", "no")
#: A day as ``%Y-%m-%d`` with a month and day in range.
_DAY: Final = r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"
_WRITTEN: Final = {
    "iso": r"^\d{4}-\d{2}-\d{2}(?:[T ].*)?$",
    "mdy": r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:[T ,].*)?$",
    "dmy": r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:[T ,].*)?$",
}
_EXAMPLE: Final = {"iso": "2027-02-10", "mdy": "2/10/2027", "dmy": "10/2/2027"}
#: Names of UTC: a timestamp already in UTC only drops its zone (DuckDB cannot convert).
_UTC: Final = frozenset({"UTC", "Etc/UTC", "utc", "Z", "+00:00"})
_DATE_ROLES: Final = ("created", "closed", "won_time", "lost_time", "expected")


def _text(name: str) -> nw.Expr:
    """The column as trimmed text, null where it is blank (pyarrow reads blanks as "")."""
    stripped = nw.col(name).str.strip_chars()
    return nw.when(stripped != "").then(stripped)


def _staged_days(frame: Frame, preset: Preset) -> Frame:
    """Add ``__<role>_text`` and ``__<role>_day`` (``YYYY-MM-DD`` or null) per text date.

    In steps of their own, so that each step reads the last one's columns: written as
    one expression, the trimmed text would be repeated a dozen times, and Spark's
    optimizer spends seconds on such a tree.
    """
    schema = frame.collect_schema()
    roles = [
        role
        for role in _DATE_ROLES
        if (column := preset.column(role)) is not None
        and column in schema
        and schema[column] == nw.String
    ]
    if not roles:
        return frame
    frame = frame.with_columns(_text(preset.columns[r]).alias(f"__{r}_text") for r in roles)
    order = preset.dates
    if order != "iso":
        first = {}
        for role in roles:
            text = nw.col(f"__{role}_text")
            short = text.str.contains(r"^\d[/.-]")
            first[role] = nw.when(short).then(nw.concat_str([nw.lit("0"), text])).otherwise(text)
        frame = frame.with_columns(e.alias(f"__{r}_first") for r, e in first.items())
        padded = {}
        for role in roles:
            head = nw.col(f"__{role}_first")
            short = head.str.contains(r"^\d\d[/.-]\d(?:[/.-]|$)")
            longer = nw.concat_str([head.str.slice(0, 3), nw.lit("0"), head.str.slice(3)])
            padded[role] = nw.when(short).then(longer).otherwise(head)
        frame = frame.with_columns(e.alias(f"__{r}_padded") for r, e in padded.items())
    days = {}
    for role in roles:
        text = nw.col(f"__{role}_text")
        iso = text.str.slice(0, 10)
        written = text.str.contains(_WRITTEN["iso"])
        day = iso
        if order != "iso":
            padded_text = nw.col(f"__{role}_padded")
            month, date = padded_text.str.slice(0, 2), padded_text.str.slice(3, 2)
            if order == "dmy":
                month, date = date, month
            parts = [padded_text.str.slice(6, 4), nw.lit("-"), month, nw.lit("-"), date]
            day = nw.when(text.str.contains(r"^\d{4}-")).then(iso)
            day = day.otherwise(nw.concat_str(parts))
            written = written | text.str.contains(_WRITTEN[order])
        days[role] = nw.when(written).then(day)
    frame = frame.with_columns(e.alias(f"__{r}_day") for r, e in days.items())
    valid = {r: nw.col(f"__{r}_day") for r in roles}
    return frame.with_columns(
        nw.when(e.str.contains(_DAY)).then(e).alias(f"__{r}_day") for r, e in valid.items()
    )


def _pandas_like(frame: Frame) -> bool:
    kind = frame.implementation
    return kind.is_pandas_like() or kind.is_dask()


def _day(frame: Frame, role: str, preset: Preset) -> nw.Expr:
    """The role's column as days: Date (a midnight datetime on pandas and Dask).

    Text is read from the ``__<role>_day`` column of :func:`_staged_days`.
    """
    name = preset.columns[role]
    dtype = frame.collect_schema()[name]
    col = nw.col(name)
    if dtype == nw.Date:
        return col
    if isinstance(dtype, nw.Datetime):
        if dtype.time_zone is not None and dtype.time_zone not in _UTC:
            col = col.dt.convert_time_zone("UTC")
        if dtype.time_zone is not None:
            col = col.dt.replace_time_zone(None)
        return col.dt.truncate("1d") if _pandas_like(frame) else col.dt.date()
    iso = nw.col(f"__{role}_day")
    return iso.str.to_datetime("%Y-%m-%d") if _pandas_like(frame) else iso.str.to_date("%Y-%m-%d")


def _is_text(frame: Frame, name: str) -> bool:
    return frame.collect_schema()[name] == nw.String


def _flag(frame: Frame, name: str) -> tuple[nw.Expr, nw.Expr | None]:
    """A checkbox column: true where checked, and where it is neither (None: never)."""
    dtype = frame.collect_schema()[name]
    col = nw.col(name)
    if dtype == nw.Boolean:
        return col, None
    if dtype.is_numeric():
        return col == 1, ~col.is_in([0, 1]) & ~col.is_null()
    text = _text(name).str.to_lowercase()
    return text.is_in(_TRUE), ~text.is_in([*_TRUE, *_FALSE]) & ~text.is_null()


def _blank(frame: Frame, name: str) -> nw.Expr:
    """Null or blank text."""
    return _text(name).is_null() if _is_text(frame, name) else nw.col(name).is_null()


def _one_of(expr: nw.Expr, values: Sequence[str]) -> nw.Expr:
    """``expr`` is one of ``values`` (pyarrow refuses an empty set: false then)."""
    return expr.is_in(values) if values else expr.is_null() & ~expr.is_null()


def _staged(preset: Preset, name: str) -> tuple[nw.Expr, nw.Expr]:
    """The outcome of a stage column, and where a stage is not known (``other="invalid"``)."""
    stage = _text(name).str.to_lowercase()
    groups = {
        outcome: [s.casefold() for s, o in preset.stages.items() if o == outcome]
        for outcome in ("won", "lost", "open")
    }
    known = [s for group in groups.values() for s in group]
    unknown = ~_one_of(stage, known) & ~stage.is_null()
    opened = _one_of(stage, groups["open"])
    if preset.other == "open":
        opened = opened | unknown
    outcome = (
        nw.when(_one_of(stage, groups["won"]))
        .then(nw.lit("won"))
        .otherwise(
            nw.when(_one_of(stage, groups["lost"]))
            .then(nw.lit("lost"))
            .otherwise(nw.when(opened).then(nw.lit("open")))
        )
    )
    return outcome, unknown


def _require(frame: Frame, preset: Preset, roles: Sequence[str]) -> None:
    names = frame.collect_schema().names()
    for role in roles:
        column = preset.column(role)
        if column is not None and column not in names:
            raise InvalidInputError(
                f"the {preset.name} export has no column {column!r} ({role}); its columns "
                f"are {', '.join(map(repr, names))}; rename it, or map the role to yours "
                f"with preset.with_columns({role}=...)",
                name=column,
                value=names,
            )


def _translate(frame: Frame, preset: Preset, by: Sequence[str]) -> list[str]:
    """``by`` with role names (``"owner"``) as the export's columns, checked."""
    names = frame.collect_schema().names()
    result = []
    for name in by:
        column = preset.column(name) if name not in names else None
        result.append(column or name)
    for name in result:
        if name not in names:
            raise InvalidInputError(
                f"the {preset.name} export has no column {name!r} to group by; its columns "
                f"are {', '.join(map(repr, names))}",
                name=name,
                value=names,
            )
    return result


def _checks(frame: Frame, preset: Preset, *, amount: bool) -> list[Check]:
    """The preset's rules, in the export's terms: what must hold before deriving.

    A deal without an amount is worth nothing, as in the CRMs' own pipeline totals, but
    a won deal without one is a bad row: its value is unknown, not zero.
    """
    c = preset.columns
    checks: list[Check] = []
    stage = c.get("stage")
    if stage is not None:
        checks.append(Check(stage, "is null", _blank(frame, stage)))
        if preset.other == "invalid":
            known = ", ".join(map(repr, preset.stages))
            checks.append(
                Check(
                    stage,
                    f"is not a stage the {preset.name} preset knows ({known}); map it with "
                    "preset.with_stages(won=[...], lost=[...], open=[...])",
                    _staged(preset, stage)[1],
                )
            )
    else:
        won, closed = c["is_won"], c["is_closed"]
        for name in (won, closed):
            checks.append(Check(name, "is null", _blank(frame, name)))
            neither = _flag(frame, name)[1]
            if neither is not None:
                checks.append(Check(name, "is not true or false", neither))
        is_won, is_closed = _flag(frame, won)[0], _flag(frame, closed)[0]
        checks.append(Check(won, f"is true where {closed!r} is false", is_won & ~is_closed))
    for role in _DATE_ROLES:
        column = c.get(role)
        if column is None or f"__{role}_text" not in frame.collect_schema():
            continue
        example = _EXAMPLE[preset.dates]
        written = f"is not a date as the {preset.name} preset reads them (like {example!r})"
        unread = ~nw.col(f"__{role}_text").is_null() & nw.col(f"__{role}_day").is_null()
        checks.append(Check(column, written, unread))
    outcome = _outcome(frame, preset)
    if amount and "amount" in c:
        blank = _blank(frame, c["amount"]) & (outcome == "won")
        checks.append(Check(c["amount"], "is null on a won deal", blank))
    if "won_time" in c:
        for role, value in (("won_time", "won"), ("lost_time", "lost")):
            name = c[role]
            missing = _blank(frame, name) & (outcome == value)
            checks.append(Check(name, f"is null on a {value} deal", missing))
    return checks


def _outcome(frame: Frame, preset: Preset) -> nw.Expr:
    """``"won"``, ``"lost"`` or ``"open"`` (null for a bad row) from the preset's source."""
    c = preset.columns
    if "stage" in c:
        return _staged(preset, c["stage"])[0]
    won, closed = _flag(frame, c["is_won"])[0], _flag(frame, c["is_closed"])[0]
    return (
        nw.when(won)
        .then(nw.lit("won"))
        .otherwise(nw.when(closed).then(nw.lit("lost")).otherwise(nw.lit("open")))
    )


def _names(preset: Preset) -> tuple[str, str]:
    """The names of the derived outcome and close-date columns."""
    c = preset.columns
    outcome = c.get("stage", "outcome")
    closed = c["closed"] if "closed" in c else f"{c['won_time']} or {c['lost_time']}"
    return outcome, closed


def _needed(*, amount: bool) -> list[str]:
    """The roles whose columns a KPI reads (the optional ``expected`` is not needed)."""
    roles = ["id", "created", "stage", "is_won", "is_closed", "closed", "won_time", "lost_time"]
    return [*roles, *(["amount"] if amount else [])]


def read_export(
    frame: Frame,
    preset: Preset,
    *,
    by: Sequence[str],
    amount: bool,
    invalid: Invalid,
) -> tuple[Frame, DealColumns, list[str]]:
    """The export as a deals table: its checked, derived columns and their roles.

    Returns the table (the id, owner, amount and ``by`` columns under the export's
    names, the created and close dates as days, the outcome as ``won``/``lost``/
    ``open``), the :class:`DealColumns` naming them, and ``by`` as columns.
    """
    _require(frame, preset, _needed(amount=amount))
    names = _translate(frame, preset, by)
    frame = _staged_days(frame, preset)
    frame = enforce(frame, _TABLE, _checks(frame, preset, amount=amount), invalid)
    return _derive(frame, preset, names)


def _derive(
    frame: Frame, preset: Preset, names: list[str]
) -> tuple[Frame, DealColumns, list[str]]:
    c = preset.columns
    schema = frame.collect_schema()
    outcome_name, closed_name = _names(preset)
    outcome = _outcome(frame, preset)
    if "closed" in c:
        closed = _day(frame, "closed", preset)
    else:
        expected = c.get("expected")
        open_date = (
            _day(frame, "expected", preset)
            if expected is not None and expected in schema
            else None
        )
        lost_then = nw.when(outcome == "lost").then(_day(frame, "lost_time", preset))
        lost = lost_then if open_date is None else lost_then.otherwise(open_date)
        won = nw.when(outcome == "won").then(_day(frame, "won_time", preset))
        closed = won.otherwise(lost)
    kept = [c[r] for r in ("id", "owner") if r in c and c[r] in schema]
    # The currency is optional: an export without its column has no currency role.
    currency = c.get("currency")
    if currency is not None and currency not in schema:
        currency = None
    values: list[nw.Expr] = []
    if "amount" in c and c["amount"] in schema:
        value = nw.col(c["amount"]).cast(nw.Float64)
        unknown = value.is_null() & (outcome != "won")
        values.append(nw.when(unknown).then(nw.lit(0.0)).otherwise(value).alias(c["amount"]))
        kept.append(c["amount"])
    derived_names = (c["created"], outcome_name, closed_name)
    extra = [n for n in names if n not in kept and n != currency and n not in derived_names]
    codes: list[nw.Expr] = []
    if currency is not None:
        # A blank cell is no currency (pyarrow reads blanks as "").
        code = _text(currency) if _is_text(frame, currency) else nw.col(currency)
        codes.append(code.alias(currency))
    derived = frame.select(
        *[nw.col(n) for n in [*kept[: len(kept) - len(values)], *extra]],
        *values,
        *codes,
        _day(frame, "created", preset).alias(c["created"]),
        closed.alias(closed_name),
        outcome.alias(outcome_name),
    )
    columns = DealColumns(
        id=c["id"],
        owner=c.get("owner", "owner"),
        created=c["created"],
        closed=closed_name,
        outcome=outcome_name,
        amount=c.get("amount", "amount"),
        currency=currency,
    )
    return derived, columns, names


def check_export(
    frame: Frame, preset: Preset, *, amount: bool
) -> tuple[DataReport, Frame, DealColumns]:
    """The preset's report on the export, and its good rows as a deals table."""
    _require(frame, preset, _needed(amount=amount))
    frame = _staged_days(frame, preset)
    checks = _checks(frame, preset, amount=amount)
    report = inspect(frame, _TABLE, checks)
    kept = enforce(frame, _TABLE, checks, "skip")
    derived, columns, _ = _derive(kept, preset, [])
    return report, derived, columns
