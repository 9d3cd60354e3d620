"""The options the commands share: settings, rule selection, output format and rates.

Only :mod:`argparse` is needed to build them, so reading the arguments loads nothing of
the library.
"""

from __future__ import annotations

import argparse
from typing import Final

__all__ = ["LANGS", "common_options", "format_option", "fx_option", "rule_options"]

#: The languages of statements and messages.
LANGS: Final = ("en", "nl")


def _codes(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def common_options() -> argparse.ArgumentParser:
    """The settings every command but ``kpi`` takes: ``--lang``, ``--fiscal-year-start``, ``--isolated``.

    >>> common_options().parse_args(["--lang", "nl"]).lang
    'nl'
    """
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("settings")
    group.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the answer (default: [tool.smartgoals] lang, else the language "
        "of each statement); statements are always read in their own language",
    )
    group.add_argument(
        "--fiscal-year-start",
        metavar="MONTH[-DAY]",
        help="first month (and day) of the fiscal year, e.g. 4 or 04-06",
    )
    group.add_argument(
        "--isolated",
        action="store_true",
        help="ignore [tool.smartgoals] in pyproject.toml files",
    )
    return common


def rule_options() -> argparse.ArgumentParser:
    """The rule selection of ``check``: ``--select``, ``--ignore`` and their ``--extend-`` forms.

    >>> rule_options().parse_args(["--select", "s, t001"]).select
    ['S', 'T001']
    """
    rules = argparse.ArgumentParser(add_help=False)
    group = rules.add_argument_group("rule selection (codes or prefixes, comma-separated)")
    group.add_argument("--select", type=_codes, metavar="CODES", help="rules to run")
    group.add_argument("--ignore", type=_codes, metavar="CODES", help="rules not to run")
    group.add_argument(
        "--extend-select", type=_codes, metavar="CODES", help="rules to run besides --select"
    )
    group.add_argument(
        "--extend-ignore", type=_codes, metavar="CODES", help="rules not to run besides --ignore"
    )
    return rules


def format_option(parser: argparse.ArgumentParser, *choices: str) -> None:
    """Add ``--format`` with ``choices`` to ``parser``; the first choice is the default.

    >>> parser = argparse.ArgumentParser()
    >>> format_option(parser, "text", "json")
    >>> parser.parse_args([]).format
    'text'
    """
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def fx_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--fx FILE``, the exchange rates of a CSV file, to ``parser``.

    The file is read (by :meth:`FxRates.from_csv <smartgoals.money.FxRates.from_csv>`)
    only when the command runs.

    >>> parser = argparse.ArgumentParser()
    >>> fx_option(parser)
    >>> parser.parse_args(["--fx", "rates.csv"]).fx, parser.parse_args([]).fx
    ('rates.csv', None)
    """
    parser.add_argument(
        "--fx",
        metavar="FILE",
        help="exchange rates for amounts in another currency: a CSV file with the columns "
        "date,from,to,rate (each rate applies from its date until the pair's next)",
    )
