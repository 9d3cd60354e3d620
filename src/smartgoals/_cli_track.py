"""``smartgoals track``: a goal file and check-ins to progress, as text or JSON."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable
from datetime import date

from smartgoals._cli_io import (
    WIDTH,
    Settings,
    dump_json,
    goal_from,
    load_document,
    parse_date,
    read_checkins,
)
from smartgoals.tracking import track

__all__ = ["run_track"]

Write = Callable[[str], None]


def run_track(args: argparse.Namespace, settings: Settings, write: Write) -> int:
    """Run ``smartgoals track GOAL_FILE CHECKINS.csv``.

    The goal file holds a statement or a goal table, rate goals included (a target
    table with ``per``, or "20 demos a week" in a statement). Text output is in the
    ``--lang`` language (``[tool.smartgoals] lang``), English by default; it names
    the check-ins that were not counted and why.
    """
    goal = goal_from(
        load_document(args.goal), where=args.goal, lang=settings.lang, calendar=settings.calendar
    )
    checkins = read_checkins(args.checkins, decimal=args.decimal)
    as_of = date.today() if args.as_of is None else parse_date(args.as_of, name="--as-of")
    progress = track(
        goal,
        checkins,
        as_of=as_of,
        pacing=args.pacing,
        cumulative=args.cumulative,
        calendar=settings.calendar,
    )
    if args.format == "json":
        write(dump_json(progress.to_dict()))
        return 0
    for line in progress.text(settings.lang or "en").splitlines():
        # A long goal label would push the headline past the width: wrap it, indented.
        for part in textwrap.wrap(line, WIDTH, subsequent_indent="    ") or [""]:
            write(part)
    return 0
