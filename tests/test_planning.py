from __future__ import annotations

import ast
from pathlib import Path

import smartgoals.planning as planning

FORBIDDEN = ("scoring", "language", "tracking", "kpi", "serialize", "cli", "frames", "plot")


def test_public_api_is_sorted_and_importable() -> None:
    assert planning.__all__ == sorted(planning.__all__)
    for name in planning.__all__:
        assert getattr(planning, name).__module__.startswith("smartgoals.planning.")


def test_planning_imports_only_lower_layers() -> None:
    package = Path(planning.__file__).parent
    for source in sorted(package.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                for other in FORBIDDEN:
                    assert not name.startswith(f"smartgoals.{other}"), (source.name, name)
