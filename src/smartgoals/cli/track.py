"""``smartgoals track``: say where a goal stands, from a goal file and check-ins, as text or JSON."""

from __future__ import annotations

import argparse
import textwrap
from datetime import date
from pathlib import Path

from smartgoals.cli._documents import goal_from
from smartgoals.cli._io import (
    WORKBOOK_SUFFIXES,
    extra_missing,
    load_document,
    on_command_line,
    parse_date,
    read_checkins,
    read_rates,
)
from smartgoals.cli._output import WIDTH, dump_json, write
from smartgoals.cli._settings import from_args
from smartgoals.exceptions import CurrencyMismatchError, InvalidInputError
from smartgoals.tracking import CheckIn, track

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals track GOAL_FILE CHECKINS``: check-ins from CSV or an Excel workbook.

    The goal file holds a statement or a goal table, rate goals included (a target
    table with ``per``, or "20 demos a week" in a statement). Text output is in the
    ``--lang`` language (``[tool.smartgoals] lang``), English by default; it names
    the check-ins that were not counted and why. A check-in in another currency than
    the goal (the ``currency`` column) is converted with the rates of ``--fx FILE`` at
    the rate in force on its date; without them it stops with a message that names the
    check-in and both currencies.
    """
    settings = from_args(args)
    goal = goal_from(
        load_document(args.goal), where=args.goal, lang=settings.lang, calendar=settings.calendar
    )
    checkins = _checkins(args)
    fx = read_rates(getattr(args, "fx", None))
    as_of = date.today() if args.as_of is None else parse_date(args.as_of, name="--as-of")
    try:
        progress = track(
            goal,
            checkins,
            as_of=as_of,
            pacing=args.pacing,
            cumulative=args.cumulative,
            calendar=settings.calendar,
            fx=fx,
        )
    except CurrencyMismatchError as exc:
        raise exc.reworded(f"{args.checkins}: {on_command_line(exc)}") from None
    if args.format == "json":
        write(dump_json(progress.to_dict()))
        return 0
    for line in progress.text(settings.lang or "en").splitlines():
        # A long goal label would push the headline past the width: wrap it, indented.
        for part in textwrap.wrap(line, WIDTH, subsequent_indent="    ") or [""]:
            write(part)
    return 0


def _checkins(args: argparse.Namespace) -> list[CheckIn]:
    """The check-ins of a CSV file or, by its suffix, an Excel workbook (``--sheet``)."""
    path = Path(args.checkins)
    sheet: str | None = getattr(args, "sheet", None)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from smartgoals.excel import read_checkins as read_workbook

        try:
            return read_workbook(path, sheet=sheet, decimal=args.decimal)
        except ModuleNotFoundError as exc:
            raise extra_missing(exc) from None
    if path.suffix.lower() == ".xls":
        raise InvalidInputError(
            f"{path}: an old Excel .xls workbook; save it as an Excel workbook (.xlsx) or as CSV",
            name="checkins",
            value=str(path),
        )
    if sheet is not None:
        raise InvalidInputError(
            f"--sheet {sheet} picks a sheet of an Excel workbook (.xlsx), but {path} is "
            "read as CSV; leave out --sheet or give the workbook",
            name="sheet",
            value=sheet,
        )
    return read_checkins(path, decimal=args.decimal)
