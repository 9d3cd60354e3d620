"""The layers of ``smartgoals``: every module has a place, and imports only point down.

The table :data:`PLACES` puts every module under ``src/smartgoals`` in a layer (see
``docs/architecture.rst``); a package's entry places all of its modules. The imports are
read from the source with :mod:`ast`: imports at module level and inside functions both
run, so both count; imports under ``if TYPE_CHECKING:`` never run and are ignored, and so
are the names the lazy packages load by name on first use (PEP 562).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final, NamedTuple

import pytest

import smartgoals

SRC: Final = Path(smartgoals.__file__).parent
ROOT: Final = "smartgoals"

#: The layers, bottom first. A module may import from its own layer and the layers below.
LAYERS: Final = ("foundation", "values", "goals", "features", "adapters")

#: Layers whose parts (the packages and modules directly under ``smartgoals``) do not
#: import each other, apart from :data:`ALLOWED`: the features stand side by side, and
#: ``kpi`` needs no Goal.
INDEPENDENT: Final = frozenset({"goals", "features"})

#: Where every module lives. A key places that module and, for a package, every module in
#: it ("smartgoals.scoring" places ``smartgoals.scoring._run`` too); the root package
#: (the lazy front door) places only itself.
PLACES: Final = {
    # Errors, exact numbers and the channel phrase table: no smartgoals types.
    "smartgoals.exceptions": "foundation",
    "smartgoals._numbers": "foundation",
    "smartgoals._limits": "foundation",
    "smartgoals._channels": "foundation",
    "smartgoals._entry_points": "foundation",
    # Values that know nothing of goals, and their notebook display.
    "smartgoals.timeframes": "values",
    "smartgoals.metrics": "values",
    "smartgoals._html": "values",
    "smartgoals.money": "values",
    # The goal model, and KPI functions that need no Goal.
    "smartgoals.goals": "goals",
    "smartgoals.kpi": "goals",
    # The features: read and write, score, plan, track.
    "smartgoals.language": "features",
    "smartgoals.scoring": "features",
    "smartgoals.planning": "features",
    "smartgoals.tracking": "features",
    # What connects the library to the world: formats, data frames, charts, the shell.
    "smartgoals.serialize": "adapters",
    "smartgoals.frames": "adapters",
    "smartgoals.plot": "adapters",
    "smartgoals.excel": "adapters",
    "smartgoals.cli": "adapters",  # the package: its entry, one module per command, input/output
    "smartgoals.__main__": "adapters",
    ROOT: "adapters",
}

#: Imports between parts of an independent layer that the design allows.
ALLOWED: Final = {
    ("smartgoals.tracking", "smartgoals.planning"): "weighted pacing follows the plan",
    ("smartgoals.scoring", "smartgoals.language"): "a statement is read into a Goal",
}

#: Imports that break the layering today, each with why it stays for now. Empty: keep it so.
KNOWN: Final[dict[tuple[str, str], str]] = {}


class Import(NamedTuple):
    """One runtime import of a smartgoals module by another."""

    importer: str
    line: int
    imported: str
    name: str  # as written: "smartgoals.goals" or "smartgoals.goals.Goal"


def module_names() -> dict[str, Path]:
    """Every module under ``src/smartgoals`` by its dotted name."""
    names = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


MODULES: Final = module_names()


def place(module: str) -> str | None:
    """The :data:`PLACES` key that places ``module``: itself, else its nearest package."""
    if module in PLACES:
        return module
    parts = module.split(".")
    for end in range(len(parts) - 1, 1, -1):
        key = ".".join(parts[:end])
        if key in PLACES:
            return key
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` that runs, leaving out ``if TYPE_CHECKING:`` bodies."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def _resolve(module: str, level: int, importer: str) -> str:
    """The absolute name of ``from <level dots><module> import ...`` in ``importer``."""
    if not level:
        return module
    package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
    base = package.rsplit(".", level - 1)[0] if level > 1 else package
    return f"{base}.{module}" if module else base


def _known(name: str) -> str | None:
    """The smartgoals module ``name`` is or lies in (``smartgoals.goals.Goal`` → goals)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_in(source: str, module: str) -> list[Import]:
    """The runtime imports of smartgoals modules in ``source``, read as ``module``."""
    tree = ast.parse(source)
    found = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            written = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, module)
            written = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in written:
            target = _known(name) if name.split(".")[0] == ROOT else None
            if target is not None and target != module:
                found.append(Import(module, node.lineno, target, name))
    return sorted(found, key=lambda i: (i.line, i.name))


IMPORTS: Final = {
    module: imports_in(path.read_text(encoding="utf-8"), module)
    for module, path in MODULES.items()
}

ALL_IMPORTS: Final = [found for imports in IMPORTS.values() for found in imports]


def layering_problems(imports: Iterable[Import]) -> list[str]:
    """Every import of ``imports`` that points up, or across an independent layer."""
    problems = []
    for found in imports:
        here, there = place(found.importer), place(found.imported)
        if here is None or there is None or (here, there) in KNOWN:
            continue  # a module without a place is reported by its own test
        where = f"{found.importer} (line {found.line}) imports {found.name}"
        if LAYERS.index(PLACES[there]) > LAYERS.index(PLACES[here]):
            problems.append(
                f"{where}: layer {PLACES[there]!r} is above {PLACES[here]!r}; move the "
                "shared code down, import it inside TYPE_CHECKING, or take it as an argument"
            )
        elif (
            here != there
            and PLACES[here] == PLACES[there]
            and PLACES[here] in INDEPENDENT
            and (here, there) not in ALLOWED
        ):
            problems.append(
                f"{where}: {here} and {there} stand side by side in layer "
                f"{PLACES[here]!r} and do not import each other"
            )
    return problems


def import_cycles(imports: Iterable[Import]) -> list[list[str]]:
    """The import circles in ``imports``, each as a path back to where it starts."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        graph.setdefault(found.importer, set()).add(found.imported)
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            if not any(set(cycle) == set(seen) for seen in cycles):
                cycles.append(cycle)
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return cycles


def test_every_module_has_a_place_in_the_layers() -> None:
    unplaced = [m for m in MODULES if place(m) is None]
    assert not unplaced, (
        f"modules without a layer: {unplaced}; add each (or its package) to PLACES in "
        "tests/test_layers.py and to the table in docs/architecture.rst"
    )


def test_every_place_names_a_module_that_exists() -> None:
    stale = [key for key in PLACES if key not in MODULES]
    assert not stale, f"PLACES names modules that no longer exist: {stale}; remove them"
    assert set(PLACES.values()) <= set(LAYERS)


def test_the_architecture_page_names_every_place() -> None:
    page = (Path(__file__).parents[1] / "docs" / "architecture.rst").read_text(encoding="utf-8")
    missing = [key for key in PLACES if f"``{key.removeprefix(ROOT + '.')}``" not in page]
    assert not missing, f"docs/architecture.rst does not say what these hold: {missing}"


def test_imports_only_point_down_and_features_stand_side_by_side() -> None:
    problems = layering_problems(ALL_IMPORTS)
    assert not problems, "\n".join(problems)


def test_there_are_no_runtime_import_circles() -> None:
    cycles = import_cycles(ALL_IMPORTS)
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_the_known_exceptions_are_still_needed() -> None:
    used = {(place(i.importer), place(i.imported)) for i in ALL_IMPORTS}
    assert not [pair for pair in KNOWN if pair not in used]
    assert not [pair for pair in ALLOWED if pair not in used]


def _loaded_after(code: str) -> dict[str, object]:
    """What a fresh interpreter has loaded after running ``code`` (which sets ``extra``)."""
    probe = (
        f"extra = None\n{code}\nimport json, sys\n"
        "mods = sorted(m for m in sys.modules if m.startswith(('smartgoals', 'importlib.metadata')))\n"
        "print(json.dumps({'modules': mods, 'extra': extra}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_scoring_run_loads_only_what_it_needs() -> None:
    # The package is lazy: importing it loads none of its rooms.
    assert _loaded_after("import smartgoals.scoring")["modules"] == [
        "smartgoals",
        "smartgoals.exceptions",
        "smartgoals.scoring",
    ]
    # Scoring a Goal reads no statement text: no parser, no compiled word lists; the
    # entry points are read when the rules are first needed, not at import.
    imported = _loaded_after(
        "from smartgoals.scoring import score, vocabulary\n"
        "import sys\n"
        "extra = [sorted(m for m in sys.modules if m.startswith('importlib.metadata'))]\n"
        "from smartgoals.goals import Goal\n"
        "score(Goal())\n"
        "extra.append(vocabulary._reader.cache_info().currsize)"
    )
    modules = imported["modules"]
    assert isinstance(modules, list)
    assert imported["extra"] == [[], 0]
    assert "importlib.metadata" not in modules
    assert not [m for m in modules if m.startswith("smartgoals.language")]
    assert {"smartgoals.scoring._define", "smartgoals.scoring._run"} <= set(modules)


# -- the checker itself ---------------------------------------------------------------------


def test_the_checker_reads_function_imports_and_skips_type_checking_blocks() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import attrs\n"
        "from smartgoals.goals import Goal\n"
        "if TYPE_CHECKING:\n"
        "    from smartgoals.plot import chart\n"
        "else:\n"
        "    import smartgoals.metrics\n"
        "def f():\n"
        "    from . import _model\n"
        "    from .rules import specific\n"
        "    from .. import metrics, tracking\n"
    )
    found = imports_in(source, "smartgoals.scoring._run")
    assert [(i.line, i.imported, i.name) for i in found] == [
        (3, "smartgoals.goals", "smartgoals.goals.Goal"),
        (7, "smartgoals.metrics", "smartgoals.metrics"),
        (9, "smartgoals.scoring._model", "smartgoals.scoring._model"),
        (10, "smartgoals.scoring.rules.specific", "smartgoals.scoring.rules.specific"),
        (11, "smartgoals.metrics", "smartgoals.metrics"),
        (11, "smartgoals.tracking", "smartgoals.tracking"),
    ]
    # Read as the package's __init__, "." is the package itself.
    (own,) = imports_in("from . import vocabulary\n", "smartgoals.scoring")
    assert own.imported == "smartgoals.scoring.vocabulary"


def test_the_checker_finds_upward_and_sideways_imports_and_circles() -> None:
    up = Import("smartgoals.goals", 40, "smartgoals.scoring._run", "smartgoals.scoring._run")
    side = Import("smartgoals.planning.funnel", 7, "smartgoals.tracking", "smartgoals.tracking")
    allowed = Import(
        "smartgoals.tracking._pacing", 9, "smartgoals.planning", "smartgoals.planning"
    )
    down = Import("smartgoals.scoring._run", 30, "smartgoals.goals", "smartgoals.goals")
    problems = layering_problems([up, side, allowed, down])
    assert [p.split(":")[0] for p in problems] == [
        "smartgoals.goals (line 40) imports smartgoals.scoring._run",
        "smartgoals.planning.funnel (line 7) imports smartgoals.tracking",
    ]
    assert "layer 'features' is above 'goals'" in problems[0]
    assert import_cycles([up, down, allowed]) == [
        ["smartgoals.goals", "smartgoals.scoring._run", "smartgoals.goals"]
    ]
    assert import_cycles([down, allowed]) == []


@pytest.mark.parametrize(
    ("module", "key", "name"),
    [
        ("smartgoals.scoring._select", "smartgoals.scoring", "features"),
        ("smartgoals.scoring.rules.achievable", "smartgoals.scoring", "features"),
        ("smartgoals.cli._io", "smartgoals.cli", "adapters"),
        ("smartgoals", ROOT, "adapters"),
        ("smartgoals._channels", "smartgoals._channels", "foundation"),
    ],
)
def test_a_module_takes_the_place_of_its_nearest_package(module: str, key: str, name: str) -> None:
    assert place(module) == key
    assert PLACES[key] == name


def test_the_command_line_package_is_placed_at_the_top() -> None:
    assert place("smartgoals.cli.check") == "smartgoals.cli"
    assert place("smartgoals.cli") == "smartgoals.cli"
    assert place("smartgoals.clinic") is None  # a prefix of the name, not a package of it
    assert place("smartgoals.newmodule") is None
