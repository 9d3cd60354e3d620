"""Pytest configuration for the tests and the docstring examples under ``src``.

``pip install -e ".[test]"`` brings none of the optional extras: the docstring examples
of modules that need one (charts need matplotlib, DataFrames need narwhals) are not
collected there; with the extra installed they run.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

# Import the package before pytest imports any of its modules by path: with
# --import-mode=importlib a module collected first would otherwise be executed a
# second time as a separate copy, and its classes would not match the package's.
import smartgoals  # noqa: F401

#: Modules (or packages) whose doctests need optional dependencies, with those dependencies.
_OPTIONAL = {
    Path("src", "smartgoals", "plot.py"): ("matplotlib",),
    # The frames examples build their tables with polars.
    Path("src", "smartgoals", "frames"): ("narwhals", "polars"),
    Path("src", "smartgoals", "excel.py"): ("openpyxl",),
}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Ignore modules whose doctests need an optional dependency that is missing."""
    for module, dependencies in _OPTIONAL.items():
        target = config.rootpath / module
        if collection_path == target or target in collection_path.parents:
            missing = any(importlib.util.find_spec(name) is None for name in dependencies)
            return missing or None
    return None


@pytest.fixture(autouse=os.environ.get("SMARTGOALS_CLEAR_CACHES") == "1")
def _clear_caches() -> None:
    """Empty the package's ``functools`` caches before each test (mutation runs only).

    A cache filled in the process that forks the mutants would answer for the original
    code and hide a mutant; ``scripts/mutation.sh`` sets ``SMARTGOALS_CLEAR_CACHES=1``.
    """
    for name, module in list(sys.modules.items()):
        if name.startswith("smartgoals") and module is not None:
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()
