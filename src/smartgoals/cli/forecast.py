"""``smartgoals forecast``: a goal file and a deals CSV to a forecast, as text, CSV or JSON.

The deals file is a CSV with a header. Without ``--preset`` its columns are the fields of
:class:`~smartgoals.tracking.Deal` (``id,amount,created,close,status`` and any of
``stage,owner,team,probability,category,highest_stage``); with ``--preset hubspot``
(``salesforce``, ``salesforce-report``, ``pipedrive``) it is the CRM's own export, read
as :mod:`smartgoals.frames.presets` describes (this needs the ``frames`` extra).

The goal file may hold a ``[forecast]`` table with the method's settings::

    goal = "Close €300,000 in new business in Q3 2027"

    [forecast]
    method = "stages"
    stage_probabilities = { Discovery = 0.1, Demo = 0.3, Proposal = 0.6 }

Exit codes: 0 when the forecast is on track, achieved or exceeded; 1 when it is behind,
at risk or missed; 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from smartgoals.cli._settings import Settings
    from smartgoals.frames.forecast import ForecastColumns
    from smartgoals.frames.presets import Preset
    from smartgoals.tracking import Deal, Forecast

__all__ = ["add_parser", "run", "run_forecast"]

Write = Callable[[str], None]

_METHODS: Final = ("stages", "win_rates", "categories")
_FORMATS: Final = ("text", "csv", "json")
#: The settings a goal file's ``[forecast]`` table may hold.
_SETTINGS: Final = (
    "method",
    "stage_probabilities",
    "stage_order",
    "category_probabilities",
    "min_sample",
    "required_coverage",
    "quotas",
)
#: The statuses that exit 0.
_GOOD: Final = frozenset({"on_track", "achieved", "exceeded"})


def add_parser(commands: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the ``forecast`` command to the sub-commands ``commands``.

    Args:
        commands: What ``ArgumentParser.add_subparsers()`` returned.
        common: The parent parser of the shared settings (``--lang``,
            ``--fiscal-year-start``, ``--isolated``).

    Returns:
        The command's parser (set its ``func`` default to the command's runner).

    >>> parser = argparse.ArgumentParser(prog="smartgoals")
    >>> forecast = add_parser(parser.add_subparsers(), argparse.ArgumentParser(add_help=False))
    >>> args = parser.parse_args(["forecast", "goal.toml", "deals.csv", "--as-of", "2027-08-15",
    ...                           "--by", "owner", "--stage", "Demo=0.3"])
    >>> args.by, args.stage, args.format
    ('owner', ['Demo=0.3'], 'text')
    """
    help = "forecast a goal from its deals: will we make the number?"
    parser: argparse.ArgumentParser = commands.add_parser(
        "forecast",
        help=help,
        description="Forecast a goal from its closed deals and open pipeline: closed, "
        "commit, best case, most likely, coverage and a status.",
        epilog="Exit codes: 0 on track, achieved or exceeded; 1 behind, at risk or missed; "
        "2 usage or input error.",
        parents=[common],
    )
    parser.add_argument("goal", metavar="GOAL_FILE", help="a TOML or JSON goal document")
    parser.add_argument(
        "deals",
        metavar="DEALS",
        help="a CSV file of deals: id,amount,created,close,status[,stage,owner,team,"
        "probability,category,highest_stage], or a CRM export with --preset",
    )
    parser.add_argument("--as-of", metavar="DATE", help="the day of the pipeline (default: today)")
    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="read a CRM export: hubspot, salesforce, salesforce-report or pipedrive "
        "(the 'frames' extra)",
    )
    parser.add_argument("--by", choices=("owner", "team"), help="a line per owner or team")
    parser.add_argument(
        "--method",
        choices=_METHODS,
        help="how to weight the pipeline (default: the goal file's [forecast] method, else "
        "stages)",
    )
    parser.add_argument(
        "--stage",
        action="append",
        metavar="STAGE=P",
        help="the probability of a stage, e.g. --stage Demo=0.3 (repeat for each stage)",
    )
    parser.add_argument(
        "--stage-order",
        metavar="STAGES",
        help="win_rates: the open stages first to last, comma-separated",
    )
    parser.add_argument(
        "--min-sample",
        type=int,
        metavar="N",
        help="win_rates: the fewest closed deals a stage's rate is learnt from (default 20)",
    )
    parser.add_argument(
        "--required-coverage",
        metavar="X",
        help="judge by coverage against X (3 for the 3× rule) instead of the most likely outcome",
    )
    parser.add_argument(
        "--decimal",
        choices=(".", ","),
        default=None,
        help="decimal mark of amounts (default: ',' in a ';'-separated file, else '.')",
    )
    parser.add_argument(
        "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    return parser


def run_forecast(args: argparse.Namespace, settings: Settings, write: Write) -> int:
    """Run ``smartgoals forecast GOAL_FILE DEALS``.

    Returns:
        0 when the status is on track, achieved or exceeded, else 1.

    Raises:
        InvalidInputError: for a bad goal file, deals file or option (exit 2).
    """
    from smartgoals.cli._documents import goal_from
    from smartgoals.cli._io import load_document, parse_date
    from smartgoals.cli._output import WIDTH, dump_json
    from smartgoals.tracking import forecast

    document = dict(load_document(args.goal))
    options = _options(document.pop("forecast", {}), args, where=args.goal)
    goal = goal_from(document, where=args.goal, lang=settings.lang, calendar=settings.calendar)
    deals = read_deals(Path(args.deals), preset=args.preset, decimal=args.decimal)
    as_of = date.today() if args.as_of is None else parse_date(args.as_of, name="--as-of")
    result = forecast(goal, deals, as_of=as_of, by=args.by, calendar=settings.calendar, **options)
    if args.format == "json":
        write(dump_json(result.to_dict()))
    elif args.format == "csv":
        write(forecast_csv(result).rstrip("\n"))
    else:
        heading, _, rest = str(result).partition("\n")
        # A long goal label would push the heading past the width: wrap it, indented.
        for part in textwrap.wrap(heading, WIDTH, subsequent_indent="    "):
            write(part)
        for line in rest.splitlines():
            write(line)
    return 0 if result.status.value in _GOOD else 1


def _options(table: object, args: argparse.Namespace, *, where: str) -> dict[str, Any]:
    """The forecast's settings: the goal file's ``[forecast]`` table, then the options."""
    from smartgoals.cli._numbers import read_number
    from smartgoals.exceptions import InvalidInputError

    if not isinstance(table, Mapping):
        raise InvalidInputError(
            f"{where}: forecast must be a table of settings, got {table!r}",
            name="forecast",
            value=table,
        )
    unknown = sorted(str(k) for k in table if k not in _SETTINGS)
    if unknown:
        raise InvalidInputError(
            f"{where}: [forecast] has unknown settings {unknown}; the settings are "
            f"{', '.join(_SETTINGS)}",
            name="forecast",
            value=unknown,
        )
    options: dict[str, Any] = dict(table)
    if args.method is not None:
        options["method"] = args.method
    if args.stage:
        stages: dict[str, object] = dict(options.get("stage_probabilities") or {})
        for item in args.stage:
            name, sep, value = item.rpartition("=")
            if not sep or not name.strip():
                raise InvalidInputError(
                    f"--stage takes STAGE=PROBABILITY, such as Demo=0.3; got {item!r}",
                    name="--stage",
                    value=item,
                )
            stages[name.strip()] = read_number(value, name=f"--stage {name.strip()}")
        options["stage_probabilities"] = stages
    if args.stage_order is not None:
        options["stage_order"] = [s.strip() for s in args.stage_order.split(",") if s.strip()]
    if args.min_sample is not None:
        options["min_sample"] = args.min_sample
    if args.required_coverage is not None:
        options["required_coverage"] = read_number(
            args.required_coverage, name="--required-coverage"
        )
    return options


#: The CSV columns of a forecast: the whole, then one row per line.
CSV_COLUMNS: Final = (
    "group",
    "target",
    "closed",
    "commit",
    "best_case",
    "most_likely",
    "pipeline",
    "weighted_pipeline",
    "coverage",
    "won_deals",
    "open_deals",
    "slipped",
    "slipped_deals",
    "status",
)


def forecast_csv(result: Forecast) -> str:
    """The forecast as CSV: a ``total`` row, then a row per owner or team.

    >>> from datetime import date
    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> from smartgoals.tracking import Deal, forecast
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.at_least(100), timeframe=Timeframe.quarter(2027, 1))
    >>> deals = [Deal("1", 60, date(2027, 1, 2), date(2027, 2, 1), "won", owner="ann")]
    >>> print(forecast_csv(forecast(goal, deals, as_of=date(2027, 2, 15), by="owner")), end="")
    group,target,closed,commit,best_case,most_likely,pipeline,weighted_pipeline,coverage,won_deals,open_deals,slipped,slipped_deals,status
    total,100,60,60,60,60,0,0,0,1,0,0,0,at_risk
    ann,,60,60,60,60,0,0,,1,0,0,0,
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    whole = result.to_dict()
    writer.writerow(
        [
            "total",
            *(whole[k] for k in ("target", "closed", "commit", "best_case", "most_likely")),
            whole["pipeline"],
            whole["weighted_pipeline"],
            whole["coverage"],
            whole["won_deals"],
            whole["open_deals"],
            whole["slipped"]["amount"],
            len(whole["slipped"]["deals"]),
            whole["status"],
        ]
    )
    for line in result.lines:
        doc = line.to_dict()
        writer.writerow(
            [
                doc["name"],
                *("" if doc[k] is None else doc[k] for k in CSV_COLUMNS[1:-1]),
                doc["status"] or "",
            ]
        )
    return out.getvalue()


def read_deals(path: Path, *, preset: str | None = None, decimal: str | None = None) -> list[Deal]:
    """Read deals from a CSV file: :class:`~smartgoals.tracking.Deal`'s fields, or an export.

    Fields are separated by ``,``, or by ``;`` when the header holds one (then amounts
    have decimal commas unless ``decimal="."``). Every row is checked before an error
    is raised, which names each column at fault with its count of rows and the first
    line.

    Raises:
        InvalidInputError: for a file that is not UTF-8 CSV, a missing or unknown
            column, or bad rows.
    """
    from smartgoals.cli._numbers import read_number
    from smartgoals.exceptions import InvalidInputError
    from smartgoals.tracking import deals_from

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            f"{path}, line {line}: not UTF-8 text ({exc.reason}); save the file as UTF-8",
            value=str(path),
        ) from None
    delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
    mark = decimal if decimal is not None or delimiter == "," else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        records = [dict(row) for row in reader]
    except csv.Error as exc:
        raise InvalidInputError(f"{path}: not valid CSV: {exc}", value=str(path)) from None
    header = reader.fieldnames or []
    if not header:
        raise InvalidInputError(
            f"{path}: empty; the first line must be a header such as "
            "id,amount,created,close,status",
            value=str(path),
        )
    ragged = [i + 2 for i, r in enumerate(records) if None in r or None in r.values()]
    if ragged:
        raise InvalidInputError(
            f"{path}, line {ragged[0]}: {len(ragged)} rows have another number of fields "
            f"than the header's {len(header)}",
            value=ragged,
        )
    if preset is not None:
        records = _from_export(records, header, preset, path)
    else:
        records = _own(records, header, path)

    def number(value: object, name: str) -> object:
        if isinstance(value, str) and value.strip():
            try:
                return read_number(value, decimal=mark, name=name)
            except InvalidInputError:
                return value  # deals_from counts it as not a number
        return value

    for record in records:
        for name in ("amount", "probability"):
            if name in record:
                record[name] = number(record[name], name)
    try:
        return deals_from(records, first_row=2)
    except InvalidInputError as exc:
        raise InvalidInputError(
            f"{path}: {exc} (rows are lines of the file)", name=exc.name, value=exc.value
        ) from None


def _own(records: list[dict[str, Any]], header: Sequence[str], path: Path) -> list[dict[str, Any]]:
    """Records of our own columns (names read ignoring case and spaces)."""
    from smartgoals.exceptions import InvalidInputError
    from smartgoals.tracking._forecast import DEAL_COLUMNS

    names = {h: h.strip().lower().replace(" ", "_") for h in header}
    unknown = [h for h, n in names.items() if n not in DEAL_COLUMNS]
    missing = [
        c for c in ("id", "amount", "created", "close", "status") if c not in names.values()
    ]
    if unknown or missing:
        raise InvalidInputError(
            f"{path}, line 1: the columns are id, amount, created, close, status and any of "
            f"stage, owner, team, probability, category, highest_stage (or give --preset for "
            f"a CRM export); "
            + "; ".join(
                part
                for part in (
                    f"unknown: {', '.join(unknown)}" if unknown else "",
                    f"missing: {', '.join(missing)}" if missing else "",
                )
                if part
            ),
            name="columns",
            value=header,
        )
    return [{names[k]: v for k, v in r.items()} for r in records]


def _from_export(
    records: list[dict[str, Any]], header: Sequence[str], preset_name: str, path: Path
) -> list[dict[str, Any]]:
    """Records of a CRM export, read through its preset and its forecast columns."""
    from smartgoals.cli._io import extra_missing
    from smartgoals.exceptions import InvalidInputError

    try:
        from smartgoals.frames.forecast import PRESET_COLUMNS, ForecastColumns
        from smartgoals.frames.presets import get_preset
    except ModuleNotFoundError as exc:
        raise extra_missing(
            ModuleNotFoundError(
                f"--preset reads exports with smartgoals.frames ({exc.name} is missing); "
                'install it with: pip install "smartgoals[frames]"',
                name=exc.name,
            )
        ) from None
    preset = get_preset(preset_name)
    fc = PRESET_COLUMNS.get(preset.name, ForecastColumns())
    c = preset.columns
    needed = [c[r] for r in ("id", "created", "amount") if r in c]
    needed += [c[r] for r in ("stage", "is_won", "is_closed", "closed") if r in c]
    missing = [n for n in needed if n not in header]
    if missing:
        raise InvalidInputError(
            f"{path}, line 1: a {preset.name} export has the columns {', '.join(needed)}; "
            f"missing: {', '.join(missing)}",
            name="columns",
            value=header,
        )
    return [_export_record(r, preset, fc) for r in records]


def _export_record(
    record: Mapping[str, str], preset: Preset, fc: ForecastColumns
) -> dict[str, Any]:
    c = preset.columns

    def cell(column: str | None) -> str:
        return (record.get(column) or "").strip() if column else ""

    status = _outcome(record, preset)
    if "closed" in c:
        close = cell(c["closed"])
    elif status == "won":
        close = cell(c.get("won_time"))
    elif status == "lost":
        close = cell(c.get("lost_time"))
    else:
        close = cell(c.get("expected"))
    out: dict[str, Any] = {
        "id": cell(c["id"]),
        "amount": cell(c.get("amount")) or ("0" if status != "won" else ""),
        "created": _day(cell(c["created"]), preset.dates),
        "close": _day(close, preset.dates),
        "status": status,
        "owner": cell(c.get("owner")),
    }
    stage = cell(fc.stage) or (cell(c.get("stage")) if "stage" in c else "")
    out["stage"] = stage
    out["highest_stage"] = cell(fc.highest_stage)
    probability = cell(fc.probability)
    if probability and fc.probability_scale != 1:
        probability = _scaled(probability, fc.probability_scale)
    out["probability"] = probability
    out["category"] = cell(fc.category) if status == "open" else ""
    return out


def _scaled(text: str, scale: int) -> str:
    """A percentage written as a number (``60``) as a fraction (``0.6``), kept as text."""
    from decimal import Decimal, InvalidOperation

    try:
        return format(Decimal(text.rstrip("%").strip()) / scale, "f")
    except InvalidOperation:
        return text


def _outcome(record: Mapping[str, str], preset: Preset) -> str:
    c = preset.columns
    if "stage" in c:
        found = preset.outcome_of((record.get(c["stage"]) or "").strip())
        return found or f"unknown stage {record.get(c['stage'])!r}"
    won = (record.get(c["is_won"]) or "").strip().lower() in ("true", "1", "yes")
    closed = (record.get(c["is_closed"]) or "").strip().lower() in ("true", "1", "yes")
    return ("won" if won else "lost") if closed else "open"


_ISO: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SLASHED: Final = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _day(text: str, order: str) -> str:
    """The day of an export's date as ISO text (what :func:`deals_from` reads)."""
    if order == "iso":
        found = _ISO.match(text)
        return "-".join(found.groups()) if found else text
    found = _SLASHED.match(text)
    if not found:
        return text
    first, second, year = found.groups()
    month, day = (first, second) if order == "mdy" else (second, first)
    return f"{year}-{int(month):02d}-{int(day):02d}"


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals forecast`` with the parsed ``args`` (its settings read from them)."""
    from smartgoals.cli._output import write
    from smartgoals.cli._settings import from_args

    return run_forecast(args, from_args(args), write)
