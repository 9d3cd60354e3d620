#!/usr/bin/env bash
# Mutation testing of one package against its own tests and doctests, with mutmut 3.
#
#   bash scripts/mutation.sh kpi          # or: planning
#   ONLY=growth.py bash scripts/mutation.sh kpi   # one module of the package
#
# Needs the dev extra (pip install -e ".[test,dev]"). The run happens in a scratch copy
# of the checkout, so the working tree is never touched; it prints mutmut's results and
# a score that leaves out the equivalent mutants listed in mutation/equivalent-<pkg>.txt
# (one "mutant-name  reason" per line). Takes tens of minutes on two cores.
set -euo pipefail
pkg="${1:?name a package: kpi or planning}"
root="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-python3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
work="$scratch/smartgoals"
mkdir -p "$work"
# Tracked and new (not ignored) files as they are in the working tree; deleted ones skipped.
git -C "$root" ls-files -z --cached --others --exclude-standard -- src tests conftest.py pyproject.toml \
  | (cd "$root" && xargs -0 tar --ignore-failed-read -cf - --) | tar -xf - -C "$work"
# mutmut reads [tool.mutmut] from pyproject.toml first: give it this package's settings.
tests=$(cd "$work" && ls tests/test_"$pkg"*.py | sed 's/^/    "/; s/$/",/')
cat >> "$work/pyproject.toml" <<TOML

[tool.mutmut]
source_paths = ["src"]
only_mutate = ["src/smartgoals/$pkg/${ONLY:-*}"]
# mutmut runs pytest in mutants/, without the root conftest.py that clears the caches.
also_copy = ["conftest.py"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-o", "addopts=--doctest-modules --import-mode=importlib"]
pytest_add_cli_args_test_selection = [
$tests
    "src/smartgoals/$pkg",
]
TOML
cd "$work"
export SMARTGOALS_CLEAR_CACHES=1  # conftest.py empties the package's caches between tests
"$py" -m mutmut run --max-children "${JOBS:-2}" >/dev/null 2>&1 || true
"$py" -m mutmut results --all true > "$scratch/results.txt" 2>/dev/null || "$py" -m mutmut results > "$scratch/results.txt"
cp "$scratch/results.txt" "$root/mutation/results-$pkg.txt"
"$py" "$root/scripts/mutation_score.py" "$scratch/results.txt" "$root/mutation/equivalent-$pkg.txt"
