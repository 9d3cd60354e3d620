"""``smartgoals kpi``: compute one KPI, with options built from the function's signature.

Each parameter of a :func:`smartgoals.kpi.catalog` function becomes an option
``--name`` (underscores written as dashes; the underscore spelling works too):

* a number: ``--won 30`` (read as decimal text, so the result is an exact Decimal);
  ``--churn-rate 2.5%`` is 0.025; ``--decimal ,`` reads decimal commas (``1.250,50``),
  and without it an ambiguous number such as ``1.250`` is an error
  (see :func:`smartgoals.cli._numbers.read_number`);
* a flag (``bool``): ``--strict``;
* a choice (``Literal``): ``--method start_plus_new``;
* a sequence: repeat the option (``--amounts 1200 --amounts 800``) or give a JSON list
  (``--amounts '[1200, 800]'``);
* a mapping: repeat ``KEY=VALUE`` (``--costs sales=60000 --costs marketing=40000``) or
  give a JSON object;
* a sequence of pairs (the deals of ``sales_cycle_length``): ``--deals 2027-01-04,2027-02-15``.

``--from-file EXPORT.csv`` computes a deal KPI from a deals table instead (see
:func:`run_from_file`): ``smartgoals kpi win_rate --from-file export.csv --preset hubspot
--by owner --by quarter``. Only then are narwhals and a DataFrame engine imported. The KPIs
that add amounts take ``--fx RATES.csv --currency EUR`` to convert an export in several
currencies into one (only then are :mod:`smartgoals.money` and the conversion imported).
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import json
import re
import sys
import textwrap
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from smartgoals._limits import MAX_DEPTH, json_depth
from smartgoals._numbers import format_amount
from smartgoals.cli._numbers import DECIMAL_MARKS, read_number
from smartgoals.cli._options import fx_option
from smartgoals.cli._output import WIDTH, dump_json, table, write
from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi import KpiEntry, catalog

if TYPE_CHECKING:
    from smartgoals.frames import DealColumns
    from smartgoals.frames.presets import Preset
    from smartgoals.money import FxRates

__all__ = ["build_parser", "call", "run", "run_from_file", "run_kpi"]

#: The most decimal places ``--places`` shows (JSON output is always exact).
MAX_PLACES: Final = 12

Write = Callable[[str], None]

_COLLECTIONS: Final = (Mapping, Sequence, Iterable)


def _args_help(doc: str | None) -> dict[str, str]:
    """The ``Args:`` section of a Google-style docstring, as name → one-line text."""
    result: dict[str, str] = {}
    if not doc:
        return result
    lines = inspect.cleandoc(doc).splitlines()
    inside = False
    name = None
    for line in lines:
        if line.strip() in ("Args:", "Arguments:"):
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break
        match = re.match(r"^    (\*{0,2}\w+)(?: \(.*?\))?: (.*)$", line)
        if match:
            name = match.group(1)
            result[name] = match.group(2).strip()
        elif name and line.strip():
            result[name] += " " + line.strip()
    return {key: _plain_text(text) for key, text in result.items()}


def _plain_text(text: str) -> str:
    """Docstring markup as plain text: ``code`` and :role:`target` lose their marks."""
    text = re.sub(r":[a-z]+:`~?([^`]*)`", r"\1", text)
    return text.replace("``", "")


def _members(hint: object) -> tuple[object, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(typing.get_args(hint))
    return (hint,)


def _is_collection(hint: object) -> bool:
    origin = typing.get_origin(hint)
    return isinstance(origin, type) and issubclass(origin, _COLLECTIONS)


def _is_mapping(hint: object) -> bool:
    origin = typing.get_origin(hint)
    return isinstance(origin, type) and issubclass(origin, Mapping)


@attrs.frozen
class _Kind:
    """How one parameter is read from the command line."""

    name: str
    shape: str  # "flag", "choice", "int", "text", "number", "collection"
    choices: tuple[str, ...] = ()
    pairs: bool = False  # elements are pairs written "a,b" (sales_cycle_length's deals)
    scalar: bool = False  # a collection that may also be one number (cac's costs)
    numbers: bool = False  # a collection of numbers (or of names → numbers)


def _kind(name: str, hint: object) -> _Kind:
    members = [m for m in _members(hint) if m is not type(None)]
    if members == [bool]:
        return _Kind(name, "flag")
    if len(members) == 1 and typing.get_origin(members[0]) is Literal:
        return _Kind(name, "choice", tuple(str(c) for c in typing.get_args(members[0])))
    if members == [int]:
        return _Kind(name, "int")
    collections = [m for m in members if _is_collection(m)]
    if collections:
        element = typing.get_args(collections[-1])
        inner = element[-1] if element else None
        mapping = any(_is_mapping(m) for m in collections)
        pairs = inner is not None and not mapping and _is_collection(inner)
        numbers = not pairs and Decimal in _members(inner)
        return _Kind(name, "collection", pairs=pairs, scalar=Decimal in members, numbers=numbers)
    if Decimal in members:
        return _Kind(name, "number")
    return _Kind(name, "text")


def _json_leaves(value: object) -> object:
    """JSON numbers become Decimals, so results stay exact Decimals."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, list):
        return [_json_leaves(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_leaves(v) for k, v in value.items()}
    return value


def _item(text: str, kind: _Kind) -> list[tuple[str, object]]:
    """One occurrence of a collection option as ``("pair", (k, v))`` or ``("item", v)`` parts."""
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        flag = f"--{kind.name.replace('_', '-')}"
        depth = json_depth(stripped)
        if depth > MAX_DEPTH:
            raise InvalidInputError(
                f"{flag}: JSON nested {depth} levels deep; at most {MAX_DEPTH} are read",
                name=kind.name,
                value=stripped[:40],
            )
        try:
            value = _json_leaves(
                json.loads(stripped, parse_float=_json_number, parse_int=_json_number)
            )
        except json.JSONDecodeError as exc:
            raise InvalidInputError(
                f"{flag}: not valid JSON ({exc.msg}): {text[:200]}",
                name=kind.name,
                value=text[:200],
            ) from None
        except InvalidInputError as exc:
            raise InvalidInputError(f"{flag}: {exc}", name=kind.name, value=exc.value) from None
        if isinstance(value, dict):
            return [("pair", item) for item in value.items()]
        assert isinstance(value, list)
        return [("item", tuple(v) if isinstance(v, list) else v) for v in value]
    if kind.pairs:
        return [("item", tuple(part.strip() for part in stripped.split(",")))]
    key, equals, rest = stripped.partition("=")
    if equals and key.strip() and not _looks_numeric(key):
        return [("pair", (key.strip(), rest.strip()))]
    return [("item", stripped)]


def _json_number(text: str) -> Decimal:
    """A number inside a JSON argument, within the bounds of :func:`read_number`."""
    return read_number(text, decimal=".", name="number")


def _places(text: str) -> int:
    """``--places``: a whole number of decimal places from 0 to 12."""
    try:
        places = int(text)
    except ValueError:
        places = -1
    if not 0 <= places <= MAX_PLACES:
        raise argparse.ArgumentTypeError(
            f"must be a whole number from 0 to {MAX_PLACES}, got {text!r}"
        )
    return places


def _looks_numeric(text: str) -> bool:
    try:
        Decimal(text.strip())
    except ArithmeticError:
        return False
    return True


def _collect(values: list[str], kind: _Kind) -> object:
    parts = [part for text in values for part in _item(text, kind)]
    shapes = {shape for shape, _ in parts}
    flag = f"--{kind.name.replace('_', '-')}"
    if shapes == {"pair"}:
        result: dict[object, object] = {}
        for _, pair in parts:
            key, value = typing.cast("tuple[object, object]", pair)
            if key in result:
                raise InvalidInputError(
                    f"{flag}: {key!r} is given twice", name=kind.name, value=key
                )
            result[key] = value
        return result
    if len(shapes) > 1:
        raise InvalidInputError(
            f"{flag}: give either KEY=VALUE pairs or plain values, not both",
            name=kind.name,
            value=values,
        )
    items = [value for _, value in parts]
    if kind.scalar and len(items) == 1 and not values[0].lstrip().startswith("["):
        return items[0]
    return items


def _numbers(value: object, kind: _Kind, decimal: str | None) -> object:
    """Read the number texts of an option (a value, or the values of a collection)."""
    flag = f"--{kind.name.replace('_', '-')}"
    if isinstance(value, str):
        return read_number(value, decimal=decimal, name=flag)
    if isinstance(value, Mapping):
        return {key: _numbers(item, kind, decimal) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers(item, kind, decimal) for item in value]
    return value


def build_parser(entry: KpiEntry) -> tuple[argparse.ArgumentParser, dict[str, _Kind]]:
    """The option parser for one KPI function, from its signature and docstring.

    >>> entry = next(e for e in catalog() if e.name == "win_rate")
    >>> parser, kinds = build_parser(entry)
    >>> vars(parser.parse_args(["--won", "30", "--lost", "70"]))["won"]
    '30'
    """
    function = entry.function
    hints = typing.get_type_hints(function)
    helps = _args_help(function.__doc__)
    summary = _plain_text((inspect.getdoc(function) or "").split("\n\n")[0].replace("\n", " "))
    parser = argparse.ArgumentParser(
        prog=f"smartgoals kpi {entry.name}",
        description="\n".join(
            [
                textwrap.fill(summary, WIDTH),
                "",
                textwrap.fill(f"formula: {entry.formula}", WIDTH, subsequent_indent="  "),
                textwrap.fill(f"source:  {entry.source}", WIDTH, subsequent_indent="  "),
            ]
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.fill(
            "Sequences: repeat the option or give a JSON list. Mappings: repeat KEY=VALUE "
            "or give a JSON object.",
            WIDTH,
        ),
    )
    kinds: dict[str, _Kind] = {}
    for name, parameter in inspect.signature(function).parameters.items():
        kind = _kind(name, hints.get(name, str))
        kinds[name] = kind
        flags = [f"--{name.replace('_', '-')}"]
        if "_" in name:
            flags.append(f"--{name}")
        required = parameter.default is inspect.Parameter.empty
        text = helps.get(name, "")
        # argparse formats help with %; a docstring's "100%" must stay literal.
        options: dict[str, Any] = {"dest": name, "help": text.replace("%", "%%") or None}
        if kind.shape == "flag":
            if parameter.default is True:
                options["action"] = argparse.BooleanOptionalAction
                options["default"] = True
            else:
                options["action"] = "store_true"
        else:
            options["required"] = required
            if not required:
                options["default"] = None
            if kind.shape == "choice":
                options["choices"] = kind.choices
            elif kind.shape == "int":
                options["type"] = int
                options["metavar"] = "N"
            elif kind.shape == "collection":
                options["action"] = "append"
                options["metavar"] = "VALUE"
            else:
                options["metavar"] = "DATE" if "date" in name else "NUMBER"
        parser.add_argument(*flags, **options)
    numbers = parser.add_argument_group("numbers")
    numbers.add_argument(
        "--decimal",
        dest="_decimal",
        choices=DECIMAL_MARKS,
        default=None,
        help="the decimal mark of the numbers: '.' (1,250.50) or ',' (1.250,50); without "
        "it a point is the decimal mark and an ambiguous number such as 1.250 is an "
        "error. Percentages such as 2.5%% are read as 0.025.",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format",
        dest="_format",
        choices=("text", "json"),
        default="text",
        help="(default: text)",
    )
    output.add_argument(
        "--places",
        dest="_places",
        type=_places,
        default=4,
        metavar="N",
        help=f"decimal places in text output, 0 to {MAX_PLACES} (default: 4; JSON is exact)",
    )
    return parser, kinds


def call(entry: KpiEntry, namespace: argparse.Namespace, kinds: Mapping[str, _Kind]) -> object:
    """Call the KPI function with the parsed options.

    >>> entry = next(e for e in catalog() if e.name == "average_deal_size")
    >>> parser, kinds = build_parser(entry)
    >>> call(entry, parser.parse_args(["--amounts", "[1200, 800]"]), kinds)
    Decimal('1000')
    """
    positional: list[object] = []
    keywords: dict[str, object] = {}
    decimal = getattr(namespace, "_decimal", None)
    parameters = inspect.signature(entry.function).parameters
    for name, parameter in parameters.items():
        value = getattr(namespace, name)
        kind = kinds[name]
        if value is None:
            continue
        if kind.shape == "collection":
            value = _collect(value, kind)
            if kind.numbers:
                value = _numbers(value, kind, decimal)
        elif kind.shape == "number":
            value = _numbers(value, kind, decimal)
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            keywords[name] = value
        else:
            positional.append(value)
    return entry.function(*positional, **keywords)


# -- output ------------------------------------------------------------------------------


def _fields(value: object) -> tuple[Any, ...]:
    return tuple(attrs.fields(typing.cast(Any, type(value))))


def _exact(value: object) -> object:
    """The result as JSON data: numbers as exact text, attrs results as objects."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, Fraction | float | int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if attrs.has(type(value)):
        return {f.name: _exact(getattr(value, f.name)) for f in _fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _exact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_exact(v) for v in value]
    return str(value)


def _shown(value: object, places: int) -> str:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return {"Infinity": "inf", "-Infinity": "-inf"}.get(str(value), "NaN (undefined)")
        step = Decimal(1).scaleb(-places)
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)  # a finite Decimal has an integer exponent
        return format_amount(value.quantize(step) if exponent < -places else value)
    if isinstance(value, float):
        if value != value:
            return "NaN (undefined)"
        return format_amount(Decimal(str(round(value, places))))
    return str(value)


def _result_lines(value: object, places: int, indent: str = "  ") -> list[str]:
    if attrs.has(type(value)):
        lines = []
        for field in _fields(value):
            inner = getattr(value, field.name)
            if attrs.has(type(inner)) or isinstance(inner, list | tuple):
                lines.append(f"{indent}{field.name}:")
                lines.extend(_result_lines(inner, places, indent + "  "))
            else:
                lines.append(f"{indent}{field.name}: {_shown(inner, places)}")
        return lines
    if isinstance(value, list | tuple):
        lines = []
        for item in value:
            if attrs.has(type(item)):
                cells = [_shown(getattr(item, f.name), places) for f in _fields(item)]
                lines.append(indent + "  ".join(cells))
            elif isinstance(item, tuple):
                lines.append(indent + ": ".join(_shown(c, places) for c in item))
            else:
                lines.append(indent + _shown(item, places))
        return lines
    return [indent + _shown(value, places)]


def _listing(write: Write) -> None:
    rows = [(e.name, e.theme, e.formula) for e in catalog()]
    for line in table(("name", "theme", "formula"), rows, shrink=2):
        write(line)
    write("")
    write("smartgoals kpi NAME --help shows a function's arguments.")


def run_kpi(name: str | None, arguments: Sequence[str], write: Write) -> int:
    """Run ``smartgoals kpi NAME --ARG VALUE…`` (or list the KPIs without a name)."""
    if name is None or name in ("-h", "--help", "--list"):
        _listing(write)
        return 0
    entries = {e.name: e for e in catalog()}
    key = name.replace("-", "_")
    if key not in entries:
        close = difflib.get_close_matches(key, list(entries), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise InvalidInputError(
            f"unknown KPI {name!r}{hint} (smartgoals kpi lists them)", name="name", value=name
        )
    entry = entries[key]
    if any(a == "--from-file" or a.startswith("--from-file=") for a in arguments):
        return run_from_file(entry.name, arguments, write)
    parser, kinds = build_parser(entry)
    try:
        namespace = parser.parse_args(list(arguments))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    result = call(entry, namespace, kinds)
    if namespace._format == "json":
        write(
            dump_json(
                {
                    "kpi": entry.name,
                    "value": _exact(result),
                    "formula": entry.formula,
                    "source": entry.source,
                    "metric": entry.metric,
                }
            )
        )
        return 0
    lines = _result_lines(result, namespace._places, indent="")
    if len(lines) == 1:
        write(f"{entry.name}: {lines[0]}")
    else:
        write(f"{entry.name}:")
        for line in lines:
            write("  " + line)
    for label, text in (("formula", entry.formula), ("source", entry.source)):
        for line in textwrap.wrap(
            f"{label}: {text}", WIDTH, initial_indent="  ", subsequent_indent="    "
        ):
            write(line)
    sys.stdout.flush()
    return 0


# -- --from-file: a KPI over a deals export ------------------------------------------------

#: The KPIs ``--from-file`` computes, by name (functions of :mod:`smartgoals.frames`).
FILE_KPIS: Final = (
    "win_rate",
    "close_rate",
    "average_deal_size",
    "sales_cycle_length",
    "pipeline_coverage",
)
#: The ones among them that add amounts: they read the currency and take ``--fx``.
MONEY_KPIS: Final = ("average_deal_size", "pipeline_coverage")
_PERIODS: Final = ("week", "month", "quarter", "half", "year")


def _file_parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"smartgoals kpi {name} --from-file",
        description=f"Compute {name} from a deals table (CSV), per group and period.",
    )
    parser.add_argument("--from-file", dest="path", required=True, metavar="FILE")
    parser.add_argument(
        "--preset",
        default=None,
        metavar="NAME",
        help="the CRM that wrote the file: hubspot, salesforce, salesforce-report, "
        "pipedrive (default: columns id, owner, created, closed, outcome, amount)",
    )
    parser.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="GROUP",
        help="owner, a column of the file, or a period (week, month, quarter, half, year); "
        "repeat it: --by owner --by quarter",
    )
    parser.add_argument("--invalid", choices=("raise", "skip"), default="raise")
    if name == "pipeline_coverage":
        parser.add_argument(
            "--quota", required=True, metavar="NUMBER", help="in the amounts' currency"
        )
    if name in MONEY_KPIS:
        fx_option(parser)
        parser.add_argument(
            "--currency",
            metavar="CODE",
            help="convert the amounts into this currency (an ISO 4217 code such as EUR) "
            "with the rates of --fx, each at the rate of its deal's close date",
        )
        parser.add_argument(
            "--fx-on",
            metavar="DATE",
            help="convert a deal without a close date (an open deal) at the rates of this "
            "day, such as the day of the export (YYYY-MM-DD); without it such a deal in "
            "another currency is refused",
        )
    if name == "sales_cycle_length":
        parser.add_argument("--statistic", choices=("mean", "median"), default="mean")
        parser.add_argument("--won-only", action="store_true")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--places", type=_places, default=4, metavar="N")
    return parser


def _delimiter(path: str) -> str:
    """The file's field separator: the commonest of , ; and tab in its first line."""
    with open(path, encoding="utf-8-sig") as handle:
        first = handle.readline()
    return max((",", ";", "\t"), key=first.count)


def _read_table(path: str) -> Any:
    """The CSV as a DataFrame of the lightest engine installed: polars, else pandas."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("narwhals") is None:
        raise InvalidInputError(
            "--from-file needs the frames extra: pip install 'smartgoals[frames]' polars",
            name="--from-file",
            value=path,
        )
    separator = _delimiter(path)
    engine = next((m for m in ("polars", "pandas") if importlib.util.find_spec(m)), None)
    if engine is None:
        raise InvalidInputError(
            "--from-file reads CSV with polars or pandas; install one: "
            "pip install 'smartgoals[frames]' polars",
            name="--from-file",
            value=path,
        )
    module: Any = importlib.import_module(engine)
    try:
        if engine == "polars":
            return module.read_csv(path, separator=separator, infer_schema_length=None)
        return module.read_csv(path, sep=separator)
    except OSError:
        raise
    except Exception as exc:  # the engines' parse errors share no base class but Exception
        raise InvalidInputError(
            f"{path}: cannot read it as CSV: {(str(exc).splitlines() or [''])[0]}",
            name="--from-file",
            value=path,
        ) from None


def _cell(value: object, places: int) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return _shown(value, places)
    return str(value)


@attrs.frozen
class _Amounts:
    """A deals table read from an export, its amounts in one currency (or in an unknown one).

    ``table`` is the native table, ``columns`` its :class:`~smartgoals.frames.DealColumns`,
    ``by`` the group columns; ``currency`` is the amounts' one currency (None when the
    export has no currency column or leaves it blank) and ``converted`` the currencies
    converted from, with their deal counts.
    """

    table: Any
    columns: DealColumns
    by: list[str]
    currency: str | None
    converted: dict[str, int]


def _currencies(frame: Any, column: str) -> dict[str, int]:
    """The currency codes of a column (trimmed, upper-cased, nulls left out) and their rows."""
    import narwhals as nw

    code = nw.col(column).cast(nw.String).str.strip_chars().str.to_uppercase()
    counted = (
        frame.select(code.alias("__currency"))
        .filter(~nw.col("__currency").is_null() & (nw.col("__currency") != ""))
        .group_by("__currency")
        .agg(nw.len().alias("__rows"))
    )
    return {str(c): int(n) for c, n in sorted(counted.lazy().collect().rows())}


def _listed(counts: Mapping[str, int]) -> str:
    """``EUR (4 deals) and USD (4 deals)``."""
    parts = [f"{code} ({n} deal{'' if n == 1 else 's'})" for code, n in counts.items()]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _conversion(options: argparse.Namespace) -> tuple[FxRates | None, str | None]:
    """The rates of ``--fx`` and the currency of ``--currency``, which needs them."""
    if options.currency is not None and options.fx is None:
        raise InvalidInputError(
            f"--currency {options.currency} needs --fx FILE: the exchange rates to convert "
            "the amounts with (a CSV file with the columns date,from,to,rate)",
            name="--currency",
            value=options.currency,
        )
    from smartgoals.cli._io import read_rates

    target = None
    if options.currency is not None:
        from smartgoals.money import currency_code

        try:
            target = currency_code(options.currency)
        except InvalidInputError as exc:
            raise InvalidInputError(
                f"--currency: {exc}", name="--currency", value=options.currency
            ) from None
    return read_rates(options.fx), target


def _in_one_currency(
    native: Any,
    preset: Preset,
    by: list[str],
    options: argparse.Namespace,
    fx: FxRates | None,
    target: str | None,
) -> _Amounts:
    """The export as a deals table whose amounts add up: converted by ``fx`` into ``target``.

    Each amount in another currency is converted at the rate in force on its deal's close
    date (:func:`~smartgoals.frames.convert_currency`). A deal worth nothing (an open
    deal without an amount, often without a close date too) needs no rate.
    """
    import narwhals as nw

    from smartgoals.cli._io import on_command_line, parse_date
    from smartgoals.exceptions import MissingRateError
    from smartgoals.frames import convert_currency
    from smartgoals.frames._exports import read_export
    from smartgoals.frames._tables import like, open_frame

    frame, columns, names = read_export(
        open_frame(native, "deals"), preset, by=by, amount=True, invalid=options.invalid
    )
    found = _currencies(frame, columns.currency) if columns.currency is not None else {}
    if fx is None or target is None:
        if len(found) > 1:
            fix = (
                "give --currency CODE to say which currency --fx converts them to"
                if fx is not None
                else "give --fx FILE --currency CODE to convert them to one currency "
                "(FILE: exchange rates, a CSV file with the columns date,from,to,rate)"
            )
            raise InvalidInputError(
                f"{options.path} holds amounts in {_listed(found)} (column "
                f"{columns.currency!r}), which do not add up as they are; {fix}",
                name="--currency",
                value=sorted(found),
            )
        return _Amounts(like(frame, native), columns, names, next(iter(found), None), {})
    if columns.currency is None:
        wanted = preset.column("currency")
        where = f" (the {preset.name} preset reads it from {wanted!r})" if wanted else ""
        raise InvalidInputError(
            f"--currency {target}: {options.path} has no currency column{where}, so the "
            "currency of its amounts is unknown; leave out --fx and --currency for an "
            "export in one currency",
            name="--currency",
            value=target,
        )
    amount = nw.col(columns.amount)
    # Zero is zero in every currency: it needs no rate, so no close date to find one.
    masked = frame.with_columns(nw.when(amount != 0).then(amount).alias(columns.amount))
    added = {
        "original": "__fx_original",
        "original_currency": "__fx_original_currency",
        "rate": "__fx_rate",
        "rate_date": "__fx_rate_date",
    }
    roles = {"amount": columns.amount, "currency": columns.currency, "date": columns.closed}
    fx_on = getattr(options, "fx_on", None)
    on = None if fx_on is None else parse_date(fx_on, name="--fx-on")
    try:
        converted = convert_currency(
            like(masked, native), fx, to=target, columns={**roles, **added}, on=on
        )
    except MissingRateError as exc:
        where = f"{options.path}, with the rates of {options.fx}"
        raise exc.reworded(f"{where}: {on_command_line(exc)}") from None
    except InvalidInputError as exc:
        where = f"{options.path}, converting to {target}"
        raise exc.reworded(f"{where}: {on_command_line(exc)}") from None
    table = open_frame(converted, "deals")
    table = table.with_columns(amount.fill_null(0.0)).drop(*added.values())
    others = {code: n for code, n in found.items() if code != target}
    return _Amounts(like(table, native), columns, names, target, others)


def run_from_file(name: str, arguments: Sequence[str], write: Write) -> int:
    """Run ``smartgoals kpi NAME --from-file FILE [--preset P] [--by G]…``: a table out.

    Bad files (a column the preset needs is missing, an outcome or date it cannot read)
    raise :class:`~smartgoals.exceptions.InvalidInputError`, which the command line
    prints as one line with exit code 2. The KPIs that add amounts (:data:`MONEY_KPIS`)
    refuse an export in several currencies unless ``--fx FILE --currency CODE`` converts
    them (a missing rate raises :class:`~smartgoals.exceptions.MissingRateError`, which
    names the pair and the date).
    """
    if name not in FILE_KPIS:
        raise InvalidInputError(
            f"--from-file computes {', '.join(FILE_KPIS)}; not {name}",
            name="--from-file",
            value=name,
        )
    parser = _file_parser(name)
    try:
        options = parser.parse_args(list(arguments))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    import smartgoals.frames as frames
    from smartgoals.frames.presets import Preset, get_preset

    preset = (
        get_preset(options.preset)
        if options.preset is not None
        else Preset(
            "deals",
            {
                "id": "id",
                "owner": "owner",
                "created": "created",
                "closed": "closed",
                "amount": "amount",
                "stage": "outcome",
                "currency": "currency",
            },
            stages={"won": "won", "lost": "lost", "open": "open"},
        )
    )
    periods = [g for g in options.by if g.lower() in _PERIODS]
    if len(periods) > 1:
        raise InvalidInputError(
            f"--by takes one period, got {', '.join(periods)}", name="--by", value=periods
        )
    by = [g for g in options.by if g.lower() not in _PERIODS]
    keywords: dict[str, Any] = {
        "by": by,
        "period": periods[0].lower() if periods else None,
        "preset": preset,
        "invalid": options.invalid,
    }
    positional: list[Any] = []
    if name == "pipeline_coverage":
        positional.append(float(read_number(options.quota, name="--quota")))
    if name == "sales_cycle_length":
        keywords["statistic"] = options.statistic
        keywords["won_only"] = options.won_only
    function = getattr(frames, name)
    rates = _conversion(options) if name in MONEY_KPIS else None
    deals = _read_table(options.path)
    amounts = None
    if rates is not None:
        amounts = _in_one_currency(deals, preset, by, options, *rates)
        deals = amounts.table
        keywords.update(by=amounts.by, preset=None, columns=amounts.columns)
    result = function(deals, *positional, **keywords)
    import narwhals as nw

    native = nw.from_native(result)
    collected = native.collect() if isinstance(native, nw.LazyFrame) else native
    headers = list(collected.columns)
    records = collected.rows()
    if options.format == "json":
        write(
            dump_json(
                {
                    "kpi": name,
                    "preset": preset.name,
                    **({"currency": amounts.currency} if amounts is not None else {}),
                    "rows": [
                        {
                            h: (None if isinstance(v, float) and v != v else v)
                            for h, v in zip(headers, r, strict=True)
                        }
                        for r in records
                    ],
                }
            )
        )
        return 0
    cells = [[_cell(v, options.places) for v in r] for r in records]
    for line in table(headers, cells, shrink=0, right=[len(headers) - 1]):
        write(line)
    if amounts is not None and amounts.converted:
        write(
            f"amounts in {amounts.currency}; {_listed(amounts.converted)} converted with the "
            f"rates of {options.fx} on each deal's close date"
        )
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals kpi NAME --ARG VALUE…``: ``args.name`` and its own ``args.arguments``.

    >>> run(argparse.Namespace(name="win_rate", arguments=["--won", "30", "--lost", "70"]))
    ... # doctest: +ELLIPSIS
    win_rate: 0.3
    ...
    0
    """
    return run_kpi(args.name, args.arguments, write)
