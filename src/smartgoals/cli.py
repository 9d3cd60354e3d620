"""The ``smartgoals`` command line.

Run ``smartgoals --help`` for the commands. Exit codes: 0 on success, 2 for usage or
input errors.

>>> main(["metrics", "--lang", "nl"])  # doctest: +ELLIPSIS
key ...
revenue                currency  sum          omzet
...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from smartgoals import metrics

__all__ = ["main"]


def _cmd_metrics(args: argparse.Namespace) -> int:
    rows = [
        (m.key, m.unit.value, m.aggregation.value, m.label(args.lang)) for m in metrics.all()
    ]
    headers = ("key", "unit", "aggregation", "name")
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smartgoals", description="Set, check, plan and track SMART sales goals."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    listing = commands.add_parser("metrics", help="list the metric catalog")
    listing.add_argument("--lang", choices=("en", "nl"), default="en", help="name language")
    listing.set_defaults(func=_cmd_metrics)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    >>> main(["metrics"])  # doctest: +ELLIPSIS
    key ...
    0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    code: int = args.func(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
