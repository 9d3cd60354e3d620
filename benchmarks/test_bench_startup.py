"""Start-up: whole processes, each against the floor every ``smartgoals`` process pays.

The floor is ``python -c 'import attrs, dateutil.relativedelta, dateutil.rrule'``. The
targets, as ratios of medians taken in the same run:

* ``import smartgoals``: at most 1.5 × the floor;
* ``smartgoals --version`` and ``smartgoals kpi win_rate --won 30 --lost 70``: at most 2 ×;
* ``smartgoals check "<statement>"``: at most 3 ×.

Run with::

    python -m pytest benchmarks/test_bench_startup.py --benchmark-only \\
        --benchmark-group-by=group --benchmark-columns=min,median,max

and divide each median by the floor's. ``--benchmark-disable`` runs every command once
and checks that it exits as expected.

Measure with a bytecode cache, as installed packages have one: with
``PYTHONDONTWRITEBYTECODE`` set, no cache is written and every run compiles every module
(and with ``PYTHONPYCACHEPREFIX`` also set, the standard library's too). Run with it
unset, for example ``env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/pyc python
-m pytest …``, and let the warm-up rounds write the cache.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

PY = sys.executable
CLI = [PY, "-m", "smartgoals"]  # the console script's entry point, without its wrapper

COMMANDS = {
    "floor": ([PY, "-c", "import attrs, dateutil.relativedelta, dateutil.rrule"], 0),
    "import": ([PY, "-c", "import smartgoals"], 0),
    "version": ([*CLI, "--version"], 0),
    "kpi": ([*CLI, "kpi", "win_rate", "--won", "30", "--lost", "70"], 0),
    # Not SMART (no owner, no baseline): exits 1 by design.
    "check": ([*CLI, "check", "Increase revenue by 10% in 2027"], 1),
}


def _run(argv: list[str], expected: int) -> None:
    done = subprocess.run(argv, capture_output=True, check=False)
    assert done.returncode == expected, done.stderr.decode()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_startup(benchmark: BenchmarkFixture, name: str) -> None:
    argv, expected = COMMANDS[name]
    benchmark.group = "startup"
    benchmark.pedantic(_run, args=(argv, expected), rounds=15, warmup_rounds=2)
