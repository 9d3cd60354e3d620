"""Score a mutmut results listing, leaving out the equivalent mutants listed in a file.

    python scripts/mutation_score.py RESULTS.txt EQUIVALENT.txt

RESULTS.txt is ``mutmut results --all true``: one ``name: status`` line per mutant.
EQUIVALENT.txt has one ``name  reason`` line per mutant that cannot change behaviour;
blank lines and lines starting with ``#`` are skipped.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path


def main(results: str, equivalent: str) -> int:
    """Print the score per module and overall; return 0."""
    skip = set()
    path = Path(equivalent)
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                skip.add(line.split()[0])
    per_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in Path(results).read_text("utf-8").splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name or name in skip:
            continue
        # "pkg.module.x_function__mutmut_3" and "pkg.module.xǁClassǁmethod__mutmut_1"
        module = name.rsplit(".", 1)[0]
        per_module[module][status.strip()] += 1
    total = Counter[str]()
    for module in sorted(per_module):
        counts = per_module[module]
        total.update(counts)
        print(f"{module:45} {_score(counts)}")
    print(f"{'all':45} {_score(total)}  ({len(skip)} equivalent mutants left out)")
    return 0


def _score(counts: Counter[str]) -> str:
    killed = counts["killed"] + counts["timeout"]
    counted = sum(counts.values()) - counts["skipped"] - counts["not checked"]
    share = 100 * killed / counted if counted else 100.0
    return f"{killed:5} of {counted:5} killed ({share:5.1f} %)  {dict(counts)}"


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
