"""Input of the command line: dates, JSON and TOML files, statements and check-ins.

Everything here turns what a user typed or wrote in a file into library values, and
raises :class:`~smartgoals.exceptions.InvalidInputError` (or another library error) with
a message that names the file, the line or the field, so the command line can print
one line and exit 2.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from smartgoals.cli._numbers import read_number
from smartgoals.exceptions import InvalidInputError

if TYPE_CHECKING:
    from smartgoals.money import FxRates
    from smartgoals.tracking import CheckIn

__all__ = [
    "CHECKIN_COLUMNS",
    "CHECKIN_HEADER_RULE",
    "WORKBOOK_SUFFIXES",
    "checkin_from",
    "extra_missing",
    "load_document",
    "on_command_line",
    "parse_date",
    "plain",
    "read_checkins",
    "read_rates",
    "statements",
]

#: The suffixes of the Excel workbooks :mod:`smartgoals.excel` reads and writes.
WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".xltx", ".xltm")


def parse_date(text: object, *, name: str = "date", day_first: bool = False) -> date:
    """Read an ISO 8601 date (``2027-06-30``), from the command line or a document.

    With ``day_first``, day-month-year (``30-6-2027``, as Dutch spreadsheets save CSV)
    is read too; the ``;``-separated check-in files ask for it.

    >>> parse_date("2027-06-30"), parse_date("30-6-2027", day_first=True)
    (datetime.date(2027, 6, 30), datetime.date(2027, 6, 30))
    >>> parse_date("30-6-2027")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: date must be a date written as YYYY-MM-DD, such as 2027-06-30; got '30-6-2027'
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if isinstance(text, str):
        stripped = text.strip()
        if day_first:
            from smartgoals.timeframes import _day_month_year  # only check-in files need it

            day = _day_month_year(stripped)
            if day is not None:
                return day
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            pass
    written = (
        "YYYY-MM-DD or D-M-YYYY, such as 2027-06-30 or 30-6-2027"
        if day_first
        else "YYYY-MM-DD, such as 2027-06-30"
    )
    raise InvalidInputError(
        f"{name} must be a date written as {written}; got {text!r}", name=name, value=text
    )


def statements(texts: Sequence[str]) -> list[str]:
    """The statements: each argument, or for ``-`` each non-blank line of standard input.

    Lines that start with ``#`` are comments.

    Raises:
        InvalidInputError: if no statement is left, or standard input is not UTF-8.

    >>> statements(["Grow revenue by 10% in 2027"])
    ['Grow revenue by 10% in 2027']
    """
    result: list[str] = []
    for text in texts:
        if text == "-":
            result.extend(
                line.strip()
                for line in _stdin_lines()
                if line.strip() and not line.lstrip().startswith("#")
            )
        else:
            result.append(text)
    if not result:
        raise InvalidInputError("no goal statement given (standard input was empty)")
    return result


def _stdin_lines() -> list[str]:
    """Standard input as UTF-8 lines, whatever the locale; other bytes name their line."""
    # A text stream without bytes underneath (tests, embedding) is read as the text it is.
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "replace")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            f"standard input, line {line}: not UTF-8 text ({exc.reason}); save it as UTF-8"
        ) from None
    return decoded.splitlines()


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


# -- check-ins ---------------------------------------------------------------------------


def extra_missing(exc: ModuleNotFoundError) -> InvalidInputError:
    """A missing optional dependency as an input error, so the command exits 2 with its message.

    >>> print(extra_missing(ModuleNotFoundError('install it with: pip install "smartgoals[excel]"')))
    install it with: pip install "smartgoals[excel]"
    """
    return InvalidInputError(str(exc), name=exc.name, value=exc.name)


#: The columns of a check-in file (CSV or workbook); date and value are required.
CHECKIN_COLUMNS: Final = ("date", "value", "confidence", "note", "denominator", "currency")

#: What a check-in file's header must hold, for the messages that say so.
CHECKIN_HEADER_RULE: Final = (
    "the columns date and value (and may add confidence, note, denominator, currency), each once"
)


#: The fields a check-in's own checks name, by the column they come from.
_FIELD_COLUMNS: Final = {"check-in value": "value"}


def checkin_from(
    fields: Mapping[str, object], *, decimal: str | None = None, day_first: bool = False
) -> CheckIn:
    """Build one check-in from the fields of a row: a CSV line or a workbook row.

    Text is read as the CSV reader reads it: a date by :func:`parse_date` (with
    ``day_first``, ``31-1-2027`` too), a number by
    :func:`~smartgoals.cli._numbers.read_number` with ``decimal``. A value that is already a date or a Decimal (a
    workbook's date or number cell) is taken as it is. Empty text or None leaves
    ``confidence``, ``note``, ``denominator`` and ``currency`` out (a check-in without a
    currency is in its goal's); ``date`` and ``value`` are required. A currency is an ISO
    4217 code such as ``USD``, in any case.

    Args:
        fields: Column name (``date``, ``value``, ``confidence``, ``note``,
            ``denominator``, ``currency``) to cell.
        decimal: The decimal mark of numbers written as text, as :func:`~smartgoals.cli._numbers.read_number`.
        day_first: Read a date written as text day-month-year too (``31-1-2027``).

    Returns:
        The check-in.

    Raises:
        InvalidInputError: for a missing, bad or ambiguous field; its ``name`` is the
            column the field came from, so a caller can say where it stands.

    >>> checkin = checkin_from({"date": "2027-01-31", "value": "2.5%", "note": ""})
    >>> checkin.date, checkin.value, checkin.note
    (datetime.date(2027, 1, 31), Decimal('0.025'), None)
    >>> checkin_from({"date": "2027-01-31", "value": "600", "currency": "usd"}).currency
    'USD'
    >>> checkin_from({"date": "2027-01-31", "value": "600", "currency": "dollar"})
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: a currency must be an ISO 4217 code such as 'EUR' or 'USD', got 'dollar'
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
    currency = fields.get("currency")
    if isinstance(currency, str):
        currency = currency.strip() or None
    try:
        return CheckIn(
            parse_date(fields["date"], name="date", day_first=day_first),
            number("value"),
            confidence=number("confidence"),
            note=(note.strip() or None) if isinstance(note, str) else None,
            denominator=number("denominator"),
            currency=currency,
        )
    except InvalidInputError as exc:
        name = _FIELD_COLUMNS.get(exc.name or "", exc.name)
        raise InvalidInputError(str(exc), name=name, value=exc.value) from None


def read_checkins(path: str | Path, *, decimal: str | None = None) -> list[CheckIn]:
    """Read check-ins from a CSV file with a header such as ``date,value`` (see below).

    ``denominator`` is the count a rate was measured over (100 deals for a win rate of
    0.1), so that rates roll up over pooled counts; an empty cell leaves it out.
    ``currency`` is the ISO 4217 code of an amount in another currency than the goal's
    (converted with the rates of ``--fx``); an empty cell means the goal's currency.

    Values and confidences are read by :func:`~smartgoals.cli._numbers.read_number`: ``"2.5%"`` is 0.025. Fields
    are separated by ``,``, or by ``;`` when the header line holds a ``;`` (as Dutch
    spreadsheets export CSV); a ``;``-separated file has decimal commas
    (``1.250,50``) unless ``decimal="."`` says otherwise, and its dates may be written
    day-month-year (``31-1-2027``) as well as ISO 8601 (``2027-01-31``). Blank lines
    are skipped. A bad row raises an error that names the file and the line.

    Args:
        path: The CSV file.
        decimal: The decimal mark, ``"."`` or ``","``; None reads decimal commas in a
            ``;``-separated file and otherwise refuses ambiguous values such as
            ``"1.250"``.

    Raises:
        InvalidInputError: for a missing or unknown column, a row with the wrong number
            of fields, a bad or ambiguous date, value or confidence, or a currency that is
            not a three-letter code (with the line number).
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
                    f"{file}, line 1: the header must name {CHECKIN_HEADER_RULE}; got "
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
                    checkins.append(checkin_from(record, decimal=mark, day_first=delimiter == ";"))
                except InvalidInputError as exc:
                    raise InvalidInputError(
                        f"{file}, line {line}: {exc}", name=exc.name, value=exc.value
                    ) from None
        except csv.Error as exc:
            raise InvalidInputError(
                f"{file}, line {reader.line_num}: not valid CSV: {exc}", value=str(file)
            ) from None

    return checkins


# -- exchange rates ----------------------------------------------------------------------


def read_rates(path: str | Path | None) -> FxRates | None:
    r"""The exchange rates of ``--fx FILE`` (None without the option).

    The file is read by :meth:`FxRates.from_csv <smartgoals.money.FxRates.from_csv>`:
    a header ``date,from,to,rate`` and one rate per line.

    Args:
        path: The CSV file, or None.

    Returns:
        The rates, or None.

    Raises:
        ParseError: for a file that cannot be read or a bad line, naming the file and
            the line.
        InvalidInputError: for two rates of one pair from the same day, naming the file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "rates.csv").write_text("date,from,to,rate\n2027-01-01,USD,EUR,0.92\n")
    >>> [str(rate) for rate in read_rates(folder / "rates.csv").rates]
    ['USD→EUR 0.92 from 2027-01-01']
    >>> read_rates(None) is None
    True
    """
    if path is None:
        return None
    from smartgoals.money import FxRates  # only when rates are given

    try:
        return FxRates.from_csv(path)
    except InvalidInputError as exc:
        raise InvalidInputError(f"{path}: {exc}", name=exc.name, value=exc.value) from None


def on_command_line(message: Exception | str) -> str:
    """A library message as the command line says it: rates come from ``--fx FILE``.

    The day of the rates for rows without a date (``on=``) is ``--fx-on DATE``.

    >>> on_command_line(ValueError("give exchange rates (fx=) to convert USD to EUR"))
    'give exchange rates (--fx FILE) to convert USD to EUR'
    """
    return str(message).replace("(fx=)", "(--fx FILE)").replace("give on= ", "give --fx-on DATE ")
