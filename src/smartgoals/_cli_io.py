"""Input and settings for the command line: documents, dates, ``[tool.smartgoals]``, output.

Everything here turns what a user typed or wrote in a file into library values, and
raises :class:`~smartgoals.exceptions.InvalidInputError` (or another library error) with
a message that names the file, the line or the field, so the command line can print
one line and exit 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from smartgoals._limits import MAX_EXPONENT, MAX_NUMBER_LENGTH, out_of_range
from smartgoals.exceptions import InvalidInputError, ValidationError
from smartgoals.goals import Goal
from smartgoals.language import parse_goal
from smartgoals.scoring import Context
from smartgoals.serialize import from_dict
from smartgoals.timeframes import FiscalCalendar

if TYPE_CHECKING:
    from smartgoals.tracking import CheckIn

__all__ = [
    "CHECKIN_COLUMNS",
    "DECIMAL_MARKS",
    "LANGS",
    "WIDTH",
    "WORKBOOK_SUFFIXES",
    "Settings",
    "checkin_from",
    "context_from",
    "dump_json",
    "extra_missing",
    "find_settings",
    "goal_from",
    "load_document",
    "parse_date",
    "plain",
    "read_checkins",
    "read_number",
    "table",
]

#: Text output is kept within this many columns.
WIDTH: Final = 80

#: The languages of statements and messages.
LANGS: Final = ("en", "nl")

_SETTING_KEYS: Final = ("select", "ignore", "lang", "fiscal-year-start", "fiscal-year-naming")

#: The decimal marks ``--decimal`` accepts: a point (``1,250.50``) or a comma (``1.250,50``).
DECIMAL_MARKS: Final = (".", ",")

#: The suffixes of the Excel workbooks :mod:`smartgoals.excel` reads and writes.
WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".xltx", ".xltm")

_INFINITY: Final = frozenset({"inf", "+inf", "infinity", "+infinity"})


def _grouped(text: str, mark: str) -> Decimal | None:
    """``text`` read with ``mark`` as the decimal mark and the other as thousands separator.

    None when ``text`` is not a number in that convention: thousands groups must hold
    three digits each after a first group of one to three that does not start with 0.
    """
    group = "," if mark == "." else "."
    pattern = (
        rf"(?P<sign>[+-]?)(?P<whole>\d+|[1-9]\d{{0,2}}(?:{re.escape(group)}\d{{3}})+)?"
        rf"(?:{re.escape(mark)}(?P<part>\d+))?"
    )
    match = re.fullmatch(pattern, text)
    if match is None or (match["whole"] is None and match["part"] is None):
        return None
    whole = (match["whole"] or "0").replace(group, "")
    part = match["part"]
    return Decimal(f"{match['sign']}{whole}" + (f".{part}" if part is not None else ""))


def read_number(text: str, *, decimal: str | None = None, name: str = "value") -> Decimal:
    """Read a number as people write it in a shell or a spreadsheet export, exactly.

    ``"2.5%"`` is a percentage: 0.025. ``decimal`` says which mark separates the
    decimals; the other one may group thousands:

    * ``","`` (Dutch and most European spreadsheets): ``"1.250,50"`` is 1250.50 and
      ``"1.250"`` is 1250;
    * ``"."``: ``"1,250.50"`` is 1250.50 and ``"1.250"`` is 1.25;
    * None (the default): a point is the decimal mark, but a number that means something
      else with a decimal comma is refused, never guessed. ``"1250.50"``, ``"1.5"``,
      ``"0.250"`` and ``"1,250.50"`` are read; ``"1.250"`` and ``"1,250"`` (1.25 or 1250?)
      and ``"1,5"`` (a decimal comma) are errors that say how to choose.

    ``"inf"`` and ``"Infinity"`` read as infinity, for the arguments that accept it. A
    number longer than 100 characters or beyond ``1e±100`` is refused: converting a
    million-digit number would take seconds, and no sales figure needs one.

    Args:
        text: The number as written.
        decimal: ``"."``, ``","`` or None.
        name: What the number is, for the error message (``"--won"``, ``"value"``).

    Returns:
        The exact Decimal.

    Raises:
        InvalidInputError: for text that is not a number, or is ambiguous under the
            default mode, naming ``name``, the text and the way to say what it means.

    >>> read_number("2.5%"), read_number("1.250,50", decimal=","), read_number("1250.50")
    (Decimal('0.025'), Decimal('1250.50'), Decimal('1250.50'))
    >>> read_number("1.250")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: value '1.250' is ambiguous: 1.25 with a decimal point, 1250 with a decimal comma; write 1.25 or 1250 without a thousands separator, or give the decimal mark (--decimal . or --decimal ,)
    """
    if decimal not in (None, *DECIMAL_MARKS):
        raise InvalidInputError(
            f"the decimal mark must be '.' or ',', got {decimal!r}", name="decimal", value=decimal
        )
    raw = text.strip()
    if len(raw) > MAX_NUMBER_LENGTH:
        raise InvalidInputError(
            f"{name} of {len(raw):,} characters is too long ({raw[:20]}…): numbers of at most "
            f"{MAX_NUMBER_LENGTH} characters are read",
            name=name,
            value=raw[:40],
        )
    body = raw.removesuffix("%").rstrip()
    percent = body != raw
    if body.lower() in _INFINITY and not percent:
        return Decimal("Infinity")
    if decimal is not None:
        value = _grouped(body, decimal)
    else:
        point, comma = _grouped(body, "."), _grouped(body, ",")
        if point is not None and comma is not None and point != comma:
            raise InvalidInputError(
                f"{name} {text!r} is ambiguous: {_plain_number(point)} with a decimal point, "
                f"{_plain_number(comma)} with a decimal comma; write "
                f"{_plain_number(point)} or {_plain_number(comma)} "
                "without a thousands separator, or give the decimal mark "
                "(--decimal . or --decimal ,)",
                name=name,
                value=text,
            )
        if point is None and comma is not None:
            raise InvalidInputError(
                f"{name} {text!r} is written with a decimal comma (or points between "
                "thousands); give --decimal , (or separate the CSV fields with ;) to read "
                "it so, or write it with a decimal point",
                name=name,
                value=text,
            )
        value = point
    if value is None:
        mode = "" if decimal is None else f" (the decimal mark is {decimal!r})"
        raise InvalidInputError(
            f"{name} must be a number such as 1500, 1250.50, 0.05 or 2.5%{mode}, got {text!r}",
            name=name,
            value=text,
        )
    if out_of_range(value):
        raise InvalidInputError(
            f"{name} {text!r} is out of range: numbers from 1e-{MAX_EXPONENT} to "
            f"1e{MAX_EXPONENT} are read",
            name=name,
            value=text,
        )
    return value.scaleb(-2) if percent else value


def _plain_number(value: Decimal) -> str:
    """``1.250`` as ``1.25``, ``1250`` as ``1250``: the value without trailing zeros."""
    return format(value.normalize(), "f")


def parse_date(text: object, *, name: str = "date") -> date:
    """Read an ISO 8601 date (``2027-06-30``), from the command line or a document.

    >>> parse_date("2027-06-30")
    datetime.date(2027, 6, 30)
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if isinstance(text, str):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise InvalidInputError(
        f"{name} must be a date written as YYYY-MM-DD, such as 2027-06-30; got {text!r}",
        name=name,
        value=text,
    )


def load_document(path: str | Path) -> dict[str, Any]:
    """Read a JSON or TOML file (by its suffix; other suffixes are tried as JSON, then TOML).

    Numbers with a fraction are read as Decimals, so ``0.1`` stays exactly 0.1.

    Raises:
        InvalidInputError: if the file is not valid JSON or TOML, or is not a table.
        OSError: if the file cannot be read.
    """
    file = Path(path)
    raw = file.read_bytes()
    suffix = file.suffix.lower()
    data: object
    if suffix == ".toml":
        data = _toml(raw, file)
    elif suffix == ".json":
        data = _json(raw, file)
    else:
        try:
            data = _json(raw, file)
        except InvalidInputError:
            data = _toml(raw, file)
    if not isinstance(data, dict):
        raise InvalidInputError(
            f"{file}: expected a table (a JSON object), got {type(data).__name__}",
            name="path",
            value=str(file),
        )
    return data


def _json(raw: bytes, file: Path) -> object:
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{file}: not UTF-8 text ({exc.reason})", value=str(file)
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{file}, line {exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})",
            value=str(file),
        ) from None


def _toml(raw: bytes, file: Path) -> object:
    try:
        return tomllib.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{file}: not UTF-8 text ({exc.reason})", value=str(file)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(f"{file}: not valid TOML: {exc}", value=str(file)) from None


def plain(value: object) -> object:
    """Turn TOML dates into ISO strings, recursively, as :mod:`smartgoals.serialize` reads them.

    >>> plain({"timeframe": {"start": date(2027, 1, 1)}, "tags": [date(2027, 2, 1)]})
    {'timeframe': {'start': '2027-01-01'}, 'tags': ['2027-02-01']}
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def dump_json(data: object) -> str:
    """Write ``data`` as indented JSON; Decimals become strings, dates ISO strings.

    Key order is the order the command built, which is fixed and documented.

    >>> print(dump_json({"value": Decimal("0.10"), "day": date(2027, 1, 1)}))
    {
      "value": "0.10",
      "day": "2027-01-01"
    }
    """
    return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# -- goals and contexts ----------------------------------------------------------------


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


# -- settings --------------------------------------------------------------------------


@attrs.frozen
class Settings:
    """The settings of ``[tool.smartgoals]``, after command-line flags override them.

    >>> Settings().calendar is None
    True
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    fiscal_year_start: tuple[int, int] | None = None
    fiscal_year_naming: str = "end"
    source: Path | None = None

    @property
    def calendar(self) -> FiscalCalendar | None:
        """The fiscal calendar, or None for calendar years.

        >>> Settings(fiscal_year_start=(4, 1)).calendar.start_month
        4
        """
        if self.fiscal_year_start is None:
            return None
        month, day = self.fiscal_year_start
        return FiscalCalendar(month, day, naming=self.fiscal_year_naming)


def fiscal_start(value: object, *, where: str) -> tuple[int, int]:
    """Read a fiscal year start: a month (``4``) or month and day (``"04-06"``).

    >>> fiscal_start(4, where="x"), fiscal_start("04-06", where="x")
    ((4, 1), (4, 6))
    """
    if isinstance(value, int) and not isinstance(value, bool):
        month, day = value, 1
    elif isinstance(value, str) and value.strip().replace("-", "").isdigit():
        parts = value.strip().split("-")
        if len(parts) == 1:
            month, day = int(parts[0]), 1
        elif len(parts) == 2:
            month, day = int(parts[0]), int(parts[1])
        else:
            month = day = 0
    else:
        month = day = 0
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise InvalidInputError(
            f"{where}: fiscal year start must be a month 1-12 (4 for April) or "
            f"month-day such as '04-06'; got {value!r}",
            name="fiscal-year-start",
            value=value,
        )
    return month, day


def _codes(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInputError(
            f"{where}: {key} must be a list of rule codes or prefixes such as "
            f'["S", "T001"], got {value!r}',
            name=key,
            value=value,
        )
    return tuple(v.strip().upper() for v in value if v.strip())


def settings_from(table: Mapping[str, Any], source: Path | None) -> Settings:
    """Check and read a ``[tool.smartgoals]`` table.

    Keys may be written with ``-`` or ``_`` (``fiscal-year-start``, ``fiscal_year_start``).

    Raises:
        InvalidInputError: for an unknown key or a bad value, naming the file.

    >>> settings_from({"select": ["S", "T"], "lang": "nl", "fiscal_year_start": 4}, None)
    Settings(select=('S', 'T'), ignore=(), lang='nl', fiscal_year_start=(4, 1), fiscal_year_naming='end', source=None)
    """
    where = f"{source} [tool.smartgoals]" if source else "[tool.smartgoals]"
    values = {str(k).replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(set(values) - set(_SETTING_KEYS))
    if unknown:
        raise InvalidInputError(
            f"{where}: unknown setting(s) {', '.join(unknown)}; known settings are "
            f"{', '.join(_SETTING_KEYS)}",
            name="tool.smartgoals",
            value=unknown,
        )
    lang = values.get("lang")
    if lang is not None and lang not in LANGS:
        raise InvalidInputError(
            f"{where}: lang must be 'en' or 'nl', got {lang!r}", name="lang", value=lang
        )
    naming = values.get("fiscal-year-naming", "end")
    if naming not in ("end", "start"):
        raise InvalidInputError(
            f"{where}: fiscal-year-naming must be 'end' (FY named by the year it ends) or "
            f"'start', got {naming!r}",
            name="fiscal-year-naming",
            value=naming,
        )
    start = values.get("fiscal-year-start")
    return Settings(
        select=_codes(values["select"], "select", where) if "select" in values else None,
        ignore=_codes(values.get("ignore", []), "ignore", where),
        lang=lang,
        fiscal_year_start=None if start is None else fiscal_start(start, where=where),
        fiscal_year_naming=naming,
        source=source,
    )


def find_settings(start: str | os.PathLike[str] | None = None) -> Settings:
    """Find the nearest ``pyproject.toml`` with a ``[tool.smartgoals]`` table, as ruff does.

    The search walks up from ``start`` (default: the current directory); files without
    the table are passed over. Without any, the defaults apply.

    Raises:
        InvalidInputError: if a ``pyproject.toml`` on the way is not valid TOML, or the
            table has a bad value.
    """
    here = Path.cwd() if start is None else Path(start)
    for folder in (here, *here.resolve().parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"{candidate}: not UTF-8 text ({exc.reason})", value=str(candidate)
            ) from None
        except tomllib.TOMLDecodeError as exc:
            raise InvalidInputError(
                f"{candidate}: not valid TOML: {exc}", value=str(candidate)
            ) from None
        table = data.get("tool", {}).get("smartgoals")
        if table is None:
            continue
        if not isinstance(table, dict):
            raise InvalidInputError(
                f"{candidate}: [tool.smartgoals] must be a table", value=str(candidate)
            )
        return settings_from(table, candidate)
    return Settings()


def override(
    settings: Settings,
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] | None = None,
    extend_ignore: Sequence[str] = (),
    lang: str | None = None,
    fiscal_year_start: str | None = None,
) -> Settings:
    """Apply command-line flags over the file's settings (flags win, ``extend-`` adds).

    >>> override(Settings(select=("S",)), extend_select=["T"]).select
    ('S', 'T')
    """
    chosen = settings.select if select is None else tuple(select)
    if extend_select:
        # "ALL" selects what runs by default; a full code also turns on an off-by-default rule.
        chosen = (*(chosen if chosen is not None else ("ALL",)), *extend_select)
    return attrs.evolve(
        settings,
        select=chosen,
        ignore=(*(settings.ignore if ignore is None else tuple(ignore)), *extend_ignore),
        lang=lang if lang is not None else settings.lang,
        fiscal_year_start=settings.fiscal_year_start
        if fiscal_year_start is None
        else fiscal_start(fiscal_year_start, where="--fiscal-year-start"),
    )


# -- text tables -----------------------------------------------------------------------


def _fit(cell: str, width: int, right: bool) -> str:
    text = cell if len(cell) <= width else cell[: max(width - 1, 0)] + "…"
    return text.rjust(width) if right else text.ljust(width)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    shrink: int,
    right: Iterable[int] = (),
    wrap: bool = True,
) -> list[str]:
    """Lay out a table within :data:`WIDTH` columns; column ``shrink`` gives way.

    The column that gives way wraps onto continuation lines (or, with ``wrap=False``,
    is cut short with "…").

    >>> for line in table(("key", "value"), [("a", "1"), ("bb", "22")], shrink=0, right=[1]):
    ...     print(line)
    key  value
    a        1
    bb      22
    """
    import textwrap

    aligned = set(right)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    excess = sum(widths) + 2 * (len(widths) - 1) - WIDTH
    if excess > 0:
        widths[shrink] = max(widths[shrink] - excess, len(headers[shrink]), 12)
    lines = []
    for row in [headers, *rows]:
        cells = list(row)
        more: list[str] = []
        if wrap and len(cells[shrink]) > widths[shrink]:
            more = textwrap.wrap(cells[shrink], widths[shrink], break_on_hyphens=False)
            cells[shrink], more = more[0], more[1:]
        lines.append(
            "  ".join(
                _fit(c, w, i in aligned)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )
        for extra in more:
            blank = ["" for _ in cells]
            blank[shrink] = extra
            lines.append(
                "  ".join(_fit(c, w, False) for c, w in zip(blank, widths, strict=True)).rstrip()
            )
    return lines


# -- check-ins ---------------------------------------------------------------------------


def extra_missing(exc: ModuleNotFoundError) -> InvalidInputError:
    """A missing optional dependency as an input error, so the command exits 2 with its message.

    >>> print(extra_missing(ModuleNotFoundError('install it with: pip install "smartgoals[excel]"')))
    install it with: pip install "smartgoals[excel]"
    """
    return InvalidInputError(str(exc), name=exc.name, value=exc.name)


#: The columns of a check-in file (CSV or workbook); date and value are required.
CHECKIN_COLUMNS: Final = ("date", "value", "confidence", "note", "denominator")


#: The fields a check-in's own checks name, by the column they come from.
_FIELD_COLUMNS: Final = {"check-in value": "value"}


def checkin_from(fields: Mapping[str, object], *, decimal: str | None = None) -> CheckIn:
    """Build one check-in from the fields of a row: a CSV line or a workbook row.

    Text is read as the CSV reader reads it: a date by :func:`parse_date`, a number by
    :func:`read_number` with ``decimal``. A value that is already a date or a Decimal (a
    workbook's date or number cell) is taken as it is. Empty text or None leaves
    ``confidence``, ``note`` and ``denominator`` out; ``date`` and ``value`` are required.

    Args:
        fields: Column name (``date``, ``value``, ``confidence``, ``note``,
            ``denominator``) to cell.
        decimal: The decimal mark of numbers written as text, as :func:`read_number`.

    Returns:
        The check-in.

    Raises:
        InvalidInputError: for a missing, bad or ambiguous field; its ``name`` is the
            column the field came from, so a caller can say where it stands.

    >>> checkin = checkin_from({"date": "2027-01-31", "value": "2.5%", "note": ""})
    >>> checkin.date, checkin.value, checkin.note
    (datetime.date(2027, 1, 31), Decimal('0.025'), None)
    >>> checkin_from({"date": date(2027, 1, 31), "value": None})
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: value is empty; every check-in needs a date and a value
    """
    from smartgoals.tracking import CheckIn  # only the track command needs it

    def number(column: str) -> Decimal | None:
        cell = fields.get(column)
        if isinstance(cell, str):
            return read_number(cell, decimal=decimal, name=column) if cell.strip() else None
        if cell is None or isinstance(cell, Decimal):
            return cell
        raise InvalidInputError(
            f"{column} must be a number, got {cell!r}", name=column, value=cell
        )

    for column in ("date", "value"):
        cell = fields.get(column)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            raise InvalidInputError(
                f"{column} is empty; every check-in needs a date and a value", name=column
            )
    note = fields.get("note")
    try:
        return CheckIn(
            parse_date(fields["date"], name="date"),
            number("value"),
            confidence=number("confidence"),
            note=(note.strip() or None) if isinstance(note, str) else None,
            denominator=number("denominator"),
        )
    except InvalidInputError as exc:
        name = _FIELD_COLUMNS.get(exc.name or "", exc.name)
        raise InvalidInputError(str(exc), name=name, value=exc.value) from None


def read_checkins(path: str | Path, *, decimal: str | None = None) -> list[CheckIn]:
    """Read check-ins from a CSV file with a header ``date,value`` (and ``confidence``, ``note``, ``denominator``).

    ``denominator`` is the count a rate was measured over (100 deals for a win rate of
    0.1), so that rates roll up over pooled counts; an empty cell leaves it out.

    Values and confidences are read by :func:`read_number`: ``"2.5%"`` is 0.025. Fields
    are separated by ``,``, or by ``;`` when the header line holds a ``;`` (as Dutch
    spreadsheets export CSV); a ``;``-separated file has decimal commas
    (``1.250,50``) unless ``decimal="."`` says otherwise. Blank lines are skipped. A bad
    row raises an error that names the file and the line.

    Args:
        path: The CSV file.
        decimal: The decimal mark, ``"."`` or ``","``; None reads decimal commas in a
            ``;``-separated file and otherwise refuses ambiguous values such as
            ``"1.250"``.

    Raises:
        InvalidInputError: for a missing or unknown column, a row with the wrong number
            of fields, a bad or ambiguous date, value or confidence (with the line number).
        OSError: if the file cannot be read.
    """
    file = Path(path)
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            f"{file}, line {line}: not UTF-8 text ({exc.reason}); save the file as UTF-8",
            value=str(file),
        ) from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header_line else ","
    mark = decimal if decimal is not None or delimiter == "," else ","
    with io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                raise InvalidInputError(
                    f"{file}: empty; the first line must be a header such as date,value",
                    value=str(file),
                )
            names = [h.strip().lower() for h in header]
            missing = [c for c in ("date", "value") if c not in names]
            unknown = [n for n in names if n not in CHECKIN_COLUMNS]
            if missing or unknown or len(set(names)) != len(names):
                raise InvalidInputError(
                    f"{file}, line 1: the header must name the columns date and value (and "
                    f"may add confidence, note, denominator), each once; got "
                    f"{delimiter.join(header)}",
                    value=header,
                )
            checkins = []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                line = reader.line_num
                if len(row) != len(names):
                    raise InvalidInputError(
                        f"{file}, line {line}: expected {len(names)} fields "
                        f"({delimiter.join(names)}), got {len(row)}: {delimiter.join(row)}",
                        value=row,
                    )
                record = dict(zip(names, (cell.strip() for cell in row), strict=True))
                try:
                    checkins.append(checkin_from(record, decimal=mark))
                except InvalidInputError as exc:
                    raise InvalidInputError(
                        f"{file}, line {line}: {exc}", name=exc.name, value=exc.value
                    ) from None
        except csv.Error as exc:
            raise InvalidInputError(
                f"{file}, line {reader.line_num}: not valid CSV: {exc}", value=str(file)
            ) from None

    return checkins
