"""``smartgoals metrics``: list the metric catalog, as a table or JSON.

The table shows each metric's key, unit, aggregation and name in the answer's language.
"""

from __future__ import annotations

import argparse

from smartgoals import metrics
from smartgoals.cli._output import dump_json, table, write
from smartgoals.cli._settings import from_args

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run ``smartgoals metrics``: the metric catalog, as a table or JSON.

    >>> run(argparse.Namespace(isolated=True, lang="nl", fiscal_year_start=None,
    ...                        format="text"))  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    key ...
    revenue currency sum omzet
    ...
    0
    """
    settings = from_args(args)
    lang = settings.lang or "en"
    everything = metrics.all()
    if args.format == "json":
        write(
            dump_json(
                [
                    {
                        "key": m.key,
                        "name": m.label(lang),
                        "names": dict(m.names),
                        "unit": m.unit.value,
                        "aggregation": m.aggregation.value,
                        "polarity": m.polarity.value,
                        "kind": m.kind.value,
                        "minimum": m.minimum,
                        "maximum": m.maximum,
                        "description": m.description,
                        "origin": m.origin,
                    }
                    for m in everything
                ]
            )
        )
        return 0
    rows = [(m.key, m.unit.value, m.aggregation.value, m.label(lang)) for m in everything]
    for line in table(("key", "unit", "aggregation", "name"), rows, shrink=3):
        write(line)
    return 0
