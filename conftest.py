"""Pytest configuration for the tests and the docstring examples under ``src``.

``pip install -e ".[test]"`` brings none of the optional extras: the docstring examples
of modules that need one (charts need matplotlib, DataFrames need narwhals) are not
collected there; with the extra installed they run.
"""

from __future__ import annotations

import importlib.util
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
}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Ignore modules whose doctests need an optional dependency that is missing."""
    for module, dependencies in _OPTIONAL.items():
        target = config.rootpath / module
        if collection_path == target or target in collection_path.parents:
            missing = any(importlib.util.find_spec(name) is None for name in dependencies)
            return missing or None
    return None
