"""Benchmarks for reading time against statement length: it must grow linearly.

Each family repeats one token ("1 ", "H1 ", "and leads ", ...) up to 1,250, 2,500, 5,000
and 10,000 characters (the parser's limit), read with and without a fiscal calendar;
each (family, size) is one benchmark, grouped by family. Linear means that doubling the
length at most about doubles the time: t(10,000) ÷ t(5,000) ≤ 2.3. The time is the
process's CPU time, so that other work on the machine does not blur the ratios.

Run five times and print the ratios from the medians::

    for run in 1 2 3 4 5; do
        python -m pytest benchmarks/test_bench_reading_scale.py --benchmark-only \\
            --benchmark-json=/tmp/scale-$run.json -q
    done
    python benchmarks/test_bench_reading_scale.py /tmp/scale-*.json
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smartgoals.exceptions import ParseError
from smartgoals.language import explain
from smartgoals.timeframes import FiscalCalendar

TODAY = date(2026, 3, 15)
FAMILIES = ["1 ", ". ", "€ 1 ", "and leads ", "by ", "H1 ", "Q3 "]
SIZES = [1_250, 2_500, 5_000, 10_000]
#: A February fiscal start, so that quarters and halves are not the calendar's.
CALENDAR = FiscalCalendar(start_month=2)


def _text(family: str, size: int) -> str:
    return (family * (size // len(family) + 1))[:size]


# CPU time of the reading: other processes on a shared machine do not count in it.
@pytest.mark.benchmark(timer=time.process_time, min_rounds=7)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("calendar", [False, True], ids=["plain", "fiscal"])
@pytest.mark.parametrize("family", FAMILIES, ids=[repr(f) for f in FAMILIES])
def test_reading_time_grows_linearly(
    benchmark: BenchmarkFixture, family: str, calendar: bool, size: int
) -> None:
    text = _text(family, size)
    assert len(text) == size
    used = CALENDAR if calendar else None
    benchmark.group = f"{family!r} {'fiscal' if calendar else 'plain'}"
    benchmark.extra_info.update(family=family, calendar=calendar, size=size)

    def read() -> None:
        with contextlib.suppress(ParseError):
            explain(text, today=TODAY, calendar=used)

    benchmark(read)


def ratios(paths: list[Path]) -> list[tuple[str, dict[int, float], float]]:
    """Per family, the median over the runs of each size's median time (ms), and the ratio.

    Args:
        paths: ``--benchmark-json`` files of runs of this module.

    Returns:
        ``(family, {size: ms}, t(10,000) ÷ t(5,000))`` in the order of the runs.
    """
    times: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path in paths:
        for bench in json.loads(path.read_text(encoding="utf-8"))["benchmarks"]:
            info = bench["extra_info"]
            if "family" not in info:
                continue
            name = f"{info['family']!r} {'fiscal' if info['calendar'] else 'plain'}"
            times[name][info["size"]].append(bench["stats"]["median"] * 1000)
    table = []
    for name, by_size in times.items():
        medians = {size: statistics.median(runs) for size, runs in sorted(by_size.items())}
        table.append((name, medians, medians[10_000] / medians[5_000]))
    return table


if __name__ == "__main__":
    rows = ratios([Path(arg) for arg in sys.argv[1:]])
    print(f"{'family':22}" + "".join(f"{size:>10,}" for size in SIZES) + "   10k/5k")
    for name, medians, ratio in rows:
        cells = "".join(f"{medians.get(size, float('nan')):10.2f}" for size in SIZES)
        print(f"{name:22}{cells}   {ratio:6.2f}")
