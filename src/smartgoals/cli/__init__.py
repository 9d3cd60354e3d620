"""The ``smartgoals`` command line: read the arguments and run the command they name.

Commands (``smartgoals COMMAND --help`` for each), one module each:

* ``check TEXT…`` scores goal statements against SMART (``-`` reads one per line from
  standard input): :mod:`smartgoals.cli.check`;
* ``parse TEXT…`` shows the fields read from a statement and the words they came from:
  :mod:`smartgoals.cli.parse`;
* ``rules [CODE]`` lists the scoring rules, or shows one rule's documentation:
  :mod:`smartgoals.cli.rules`;
* ``metrics`` lists the metric catalog: :mod:`smartgoals.cli.metrics`;
* ``plan FILE`` splits a goal by period, assigns it to owners and derives activity
  targets, from a TOML or JSON spec: :mod:`smartgoals.cli.plan`;
* ``track GOAL_FILE CHECKINS`` says where a goal stands, from check-ins in a CSV file or
  an Excel workbook: :mod:`smartgoals.cli.track`;
* ``kpi NAME --ARG VALUE…`` computes one KPI of :func:`smartgoals.kpi.catalog`:
  :mod:`smartgoals.cli.kpi`.

This module only reads the arguments: a command's module, and the parts of the library
it needs, load when that command runs, so ``smartgoals kpi`` never loads the statement
reader and ``smartgoals --version`` loads nothing but this.

Settings come from ``[tool.smartgoals]`` in the nearest ``pyproject.toml`` (``select``,
``ignore``, ``lang``, ``fiscal-year-start``, ``fiscal-year-naming``); flags override them.
``lang`` is the language of the answer: each statement is read in its own language.

Exit codes: 0 on success (for ``check``: every goal is SMART), 1 when ``check`` finds a
goal that is not SMART, 2 for usage and input errors (one message on standard error),
among them a rule code or prefix in ``select`` or ``ignore`` that no installed rule has.

>>> main(["metrics", "--lang", "nl"])  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
key ...
revenue currency sum omzet
...
0
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from smartgoals import __version__
from smartgoals.cli._numbers import DECIMAL_MARKS
from smartgoals.cli._options import common_options, format_option, fx_option, rule_options
from smartgoals.cli._output import PROG, error
from smartgoals.exceptions import SmartGoalsError

__all__ = ["main"]

# -- the parser ----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Set, check, plan and track SMART sales goals.",
        epilog="Exit codes: 0 success (check: every goal SMART), 1 check found a goal "
        "that is not SMART, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = common_options()

    def add(name: str, help: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=help, description=help[0].upper() + help[1:] + ".", parents=[*parents]
        )

    check = add("check", "score goal statements against SMART", common, rule_options())
    check.epilog = (
        "Exit codes: 0 every goal is SMART, 1 a goal is not SMART, 2 usage or input error."
    )
    check.add_argument("text", nargs="+", metavar="TEXT", help="a goal statement, or - for stdin")
    check.add_argument(
        "--context", metavar="FILE", help="JSON or TOML evidence: as_of, history, channels, ..."
    )
    check.add_argument(
        "--as-of", metavar="DATE", help="the day to judge on and to read 'in a year' from"
    )
    format_option(check, "text", "json")

    parse = add("parse", "show the fields read from a statement", common)
    parse.add_argument("text", nargs="+", metavar="TEXT", help="a goal statement, or - for stdin")
    parse.add_argument("--as-of", metavar="DATE", help="the day to read 'in a year' from")
    format_option(parse, "text", "json")

    rules = add("rules", "list the scoring rules or show one", common)
    rules.add_argument("code", nargs="?", metavar="CODE", help="a rule code such as T001")
    format_option(rules, "text", "json")

    listing = add("metrics", "list the metric catalog", common)
    format_option(listing, "text", "json")

    plan = add("plan", "split, assign and drive a goal from a spec file", common)
    plan.add_argument("file", metavar="FILE", help="a TOML or JSON plan spec")
    format_option(plan, "table", "csv", "json", "xlsx")
    plan.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (needed by --format xlsx, which "
        "writes an Excel workbook: the 'excel' extra)",
    )
    fx_option(plan)

    track = add("track", "track a goal from check-ins", common)
    track.add_argument("goal", metavar="GOAL_FILE", help="a TOML or JSON goal document")
    track.add_argument(
        "checkins",
        metavar="CHECKINS",
        help="a CSV file, date,value[,confidence,note,denominator,currency] separated by ',' "
        "or ';', or an Excel workbook (.xlsx, the 'excel' extra) with those columns",
    )
    track.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of an .xlsx workbook to read (default: the first)",
    )
    track.add_argument("--as-of", metavar="DATE", help="the last day to count (default: today)")
    track.add_argument(
        "--cumulative", action="store_true", help="values are running totals (sum metrics)"
    )
    track.add_argument(
        "--pacing",
        choices=("linear", "workdays"),
        default="linear",
        help="expected progress by calendar days or working days (default: linear)",
    )
    track.add_argument(
        "--decimal",
        choices=DECIMAL_MARKS,
        default=None,
        help="decimal mark of values written as text: '.' or ',' (default: ',' in a "
        "';'-separated file; otherwise '.', and ambiguous values such as 1.250 are refused)",
    )
    fx_option(track)
    format_option(track, "text", "json")

    from smartgoals.cli.forecast import add_parser as add_forecast  # argparse only

    add_forecast(commands, common)

    kpi = commands.add_parser(
        "kpi",
        help="compute a KPI (smartgoals kpi lists them)",
        description="Compute one KPI function. 'smartgoals kpi' lists them; "
        "'smartgoals kpi NAME --help' shows a function's arguments.",
    )
    kpi.add_argument("name", nargs="?", metavar="NAME", help="a function of smartgoals.kpi")
    return parser


def _run(args: argparse.Namespace) -> int:
    """Run the command ``args.command`` names; its module loads only now."""
    module = importlib.import_module(f"smartgoals.cli.{args.command}")
    code: int = module.run(args)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Library errors (bad input) and unreadable files print one message on standard error
    and give exit code 2; anything else is a bug and is raised.

    Args:
        argv: The arguments, without the program name.

    Returns:
        0, 1 (``check`` found a goal that is not SMART) or 2 (usage or input error).

    >>> main(["metrics"])  # doctest: +ELLIPSIS
    key ...
    0
    >>> main(["rules", "T001", "--format", "json"])  # doctest: +ELLIPSIS
    {
      "code": "T001",
    ...
    0
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments[:1] == ["kpi"]:
            # A KPI's options come from its signature: its own parser reads them.
            args = argparse.Namespace(
                command="kpi",
                name=arguments[1] if len(arguments) > 1 else None,
                arguments=arguments[2:],
            )
        else:
            args = _parser().parse_args(arguments)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return _run(args)
    except SmartGoalsError as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`smartgoals rules | head`): stop quietly, as cat does.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"cannot read {where}{exc.strerror or exc}")
        return 2
