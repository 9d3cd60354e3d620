"""Entry points read from the metadata folders match ``importlib.metadata``'s, or defer to it.

Each case builds distributions in temporary directories, puts them on :data:`sys.path`
and compares :func:`smartgoals._entry_points.entry_points` with
``importlib.metadata.entry_points`` (names, values, groups, distribution names, order),
and checks whether the fast reading answered (``_scan`` is not None) or deferred.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any, Protocol

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from smartgoals import _entry_points
from smartgoals._entry_points import EntryPoint, _scan, entry_points
from smartgoals.exceptions import RegistrationError

Key = tuple[str, str, str, str | None]


class _Point(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def group(self) -> str: ...
    @property
    def dist(self) -> Any: ...


def keys(points: Iterable[_Point]) -> list[Key]:
    """What an entry point list says: name, value, group and distribution name, in order."""
    return [
        (ep.name, ep.value, ep.group, None if ep.dist is None else ep.dist.name) for ep in points
    ]


def outcome(read: Callable[[], Iterable[_Point]]) -> tuple[str, object]:
    """The keys ``read`` gives, or the type of the error it raises."""
    try:
        return ("ok", keys(read()))
    except Exception as exc:
        return ("error", type(exc))


def standard_outcome(group: str) -> tuple[str, object]:
    return outcome(lambda: importlib.metadata.entry_points(group=group))


def our_outcome(group: str) -> tuple[str, object]:
    return outcome(lambda: entry_points(group=group))


def standard(group: str) -> list[Key]:
    return keys(importlib.metadata.entry_points(group=group))


def dist(
    root: Path,
    folder: str,
    entry_points_txt: str | bytes | None,
    metadata: str | None = None,
    *,
    metadata_file: str = "METADATA",
) -> Path:
    """A metadata folder ``root/folder`` with its ``entry_points.txt`` and metadata."""
    path = root / folder
    path.mkdir(parents=True)
    if isinstance(entry_points_txt, bytes):
        (path / "entry_points.txt").write_bytes(entry_points_txt)
    elif entry_points_txt is not None:
        (path / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")
    if metadata is not None:
        (path / metadata_file).write_text(metadata, encoding="utf-8")
    return path


def meta(name: str) -> str:
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n\nA description.\n"


@pytest.fixture
def path(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set :data:`sys.path` to the given directories only."""

    def set_path(*roots: Path | str) -> None:
        monkeypatch.setattr(sys, "path", [str(root) for root in roots])

    return set_path


def _standard_find_distributions(*args: Any, **kwargs: Any) -> Any:
    """The standard ``PathFinder.find_distributions``, word for word."""
    return importlib.metadata.MetadataPathFinder.find_distributions(*args, **kwargs)


_standard_find_distributions.__module__ = "_frozen_importlib_external"


@pytest.fixture(autouse=True)
def standard_discovery(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start each test from the standard discovery, whatever the tests before imported.

    The importlib_metadata backport, which some libraries import, deletes the standard
    finder's method and adds a finder of its own: both are undone for the test.
    """
    if getattr(PathFinder, "find_distributions", None) is None:
        standard = staticmethod(_standard_find_distributions)
        monkeypatch.setattr(PathFinder, "find_distributions", standard, raising=False)
    finders = [f for f in sys.meta_path if f is PathFinder or not _finds_distributions(f)]
    monkeypatch.setattr(sys, "meta_path", finders)


def _finds_distributions(finder: object) -> bool:
    return getattr(finder, "find_distributions", None) is not None


@pytest.fixture
def fresh_modules() -> Iterator[None]:
    """Forget the package ``ep_pkg`` that a test imports from its temporary directory."""
    yield
    for name in [m for m in sys.modules if m == "ep_pkg" or m.startswith("ep_pkg.")]:
        del sys.modules[name]


# -- the real environment -------------------------------------------------------------------


@pytest.mark.parametrize(
    "group", ["smartgoals.rules", "smartgoals.metrics", "console_scripts", "pytest11"]
)
def test_the_installed_groups_match_importlib_metadata(group: str) -> None:
    found = _scan(group)
    assert found is not None  # the fast reading answers in this environment
    assert keys(found) == standard(group)


def test_every_installed_group_matches_importlib_metadata() -> None:
    groups = sorted(importlib.metadata.entry_points().groups)
    assert len(groups) >= 3
    mismatched = [g for g in groups if keys(_scan(g) or ()) != standard(g)]
    assert mismatched == []


def test_smartgoals_declares_its_rules_and_its_command() -> None:
    rules = [(n, v, d) for n, v, _, d in keys(entry_points(group="smartgoals.rules"))]
    assert [r for r in rules if r[2] == "smartgoals"] == [
        (name, f"smartgoals.scoring.rules.{name}:RULES", "smartgoals")
        for name in ("achievable", "measurable", "realistic", "specific", "time_bound")
    ]
    scripts = keys(entry_points(group="console_scripts"))
    assert ("smartgoals", "smartgoals.cli:main", "console_scripts", "smartgoals") in scripts


def test_a_fresh_process_reads_the_folders_and_never_imports_importlib_metadata() -> None:
    probe = (
        "import sys\n"
        "from smartgoals._entry_points import _scan\n"
        "from smartgoals.metrics import default_catalog\n"
        "default_catalog().get('revenue')\n"
        "rules = _scan('smartgoals.rules')\n"
        "print(sorted({ep.dist.name for ep in rules or ()} & {'smartgoals'}),\n"
        "      sorted(m for m in sys.modules if m.startswith('importlib.metadata')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "['smartgoals'] []"


# -- discovery: order and duplicates --------------------------------------------------------


def test_a_distribution_found_twice_is_kept_where_first_found(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    dist(
        first,
        "Acme.Rules-2.0.dist-info",
        "[smartgoals.rules]\nnew = acme.new:RULES\n",
        meta("Acme.Rules"),
    )
    dist(
        second,
        "acme_rules-1.0.dist-info",
        "[smartgoals.rules]\nold = acme.old:RULES\n",
        meta("acme_rules"),
    )
    dist(second, "other-1.0.dist-info", "[smartgoals.rules]\nx = other:RULES\n", meta("other"))
    path(first, second)
    expected = [
        ("new", "acme.new:RULES", "smartgoals.rules", "Acme.Rules"),
        ("x", "other:RULES", "smartgoals.rules", "other"),
    ]
    assert standard("smartgoals.rules") == expected
    assert keys(_scan("smartgoals.rules") or ()) == expected


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("foo_bar-1.0.dist-info", "Foo.Bar-2.0.dist-info"),
        ("foo__bar-1.0.dist-info", "FOO._bar-2.0.egg-info"),
        ("zope.interface-5.dist-info", "Zope_Interface-6.dist-info"),
    ],
)
def test_names_are_the_same_distribution_after_normalizing(
    tmp_path: Path, path: Callable[..., None], one: str, two: str
) -> None:
    dist(tmp_path / "a", one, "[g]\none = m:one\n", meta("one"))
    dist(tmp_path / "b", two, "[g]\ntwo = m:two\n", meta("two"))
    path(tmp_path / "a", tmp_path / "b")
    assert standard("g") == [("one", "m:one", "g", "one")]
    assert keys(_scan("g") or ()) == standard("g")


def test_two_folders_of_one_distribution_in_one_directory_keep_the_first_listed(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    dist(tmp_path, "acme-1.0.dist-info", "[g]\na = acme:one\n", meta("acme"))
    dist(tmp_path, "ACME-2.0.dist-info", "[g]\na = acme:two\n", meta("ACME"))
    dist(tmp_path, "zeta-1.0.dist-info", "[g]\nz = zeta:z\n", meta("zeta"))
    path(tmp_path)
    first = next(c for c in os.listdir(tmp_path) if c.lower().startswith("acme"))
    value = "acme:one" if first.startswith("acme") else "acme:two"
    found = keys(_scan("g") or ())
    assert found == standard("g")
    assert [k[1] for k in found if k[0] == "a"] == [value]
    assert len(found) == 2


def test_a_distribution_without_entry_points_still_hides_a_later_copy(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    dist(tmp_path / "a", "acme-2.0.dist-info", None, meta("acme"))
    dist(tmp_path / "b", "acme-1.0.dist-info", "[g]\nold = acme:old\n", meta("acme"))
    path(tmp_path / "a", tmp_path / "b")
    assert standard("g") == []
    assert _scan("g") == ()


def test_an_egg_info_file_has_no_entry_points_and_counts_as_found(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "acme-1.0-py3.11.egg-info").write_text(meta("acme"), encoding="utf-8")
    dist(tmp_path / "b", "acme-2.0.dist-info", "[g]\nx = acme:x\n", meta("acme"))
    path(tmp_path / "a", tmp_path / "b")
    assert standard("g") == []
    assert _scan("g") == ()


def test_an_egg_info_folder_names_its_distribution_in_pkg_info(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    dist(
        tmp_path,
        "Old_Style.egg-info",
        "[g]\nx = old:x\n",
        meta("Old-Style"),
        metadata_file="PKG-INFO",
    )
    path(tmp_path)
    assert standard("g") == [("x", "old:x", "g", "Old-Style")]
    assert keys(_scan("g") or ()) == standard("g")


def test_missing_and_relative_entries_of_sys_path(
    tmp_path: Path, path: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    dist(tmp_path, "here-1.0.dist-info", "[g]\nh = here:h\n", meta("here"))
    monkeypatch.chdir(tmp_path)
    path(tmp_path / "missing", "", tmp_path / "missing.zip")
    assert standard("g") == [("h", "here:h", "g", "here")]
    assert keys(_scan("g") or ()) == standard("g")


# -- the file format ------------------------------------------------------------------------

ODD_FILE = """\
# a comment before any section
stray = before:sections

[console_scripts]
tool = acme.cli:main

  [ g ]
spaced = acme:spaced
[g]
   # indented comment
plain=acme:plain
chain = acme.mod : a.b.c
extras = acme.mod:obj [fast, slow]
two = acme:a = b
= nameless
[[g]]
doubled = acme:doubled
[]
empty = acme:empty
"""


def test_the_file_is_read_as_importlib_metadata_reads_it(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    dist(tmp_path, "acme-1.0.dist-info", ODD_FILE, meta("acme"))
    path(tmp_path)
    expected = [
        ("plain", "acme:plain", "g", "acme"),
        ("chain", "acme.mod : a.b.c", "g", "acme"),
        ("extras", "acme.mod:obj [fast, slow]", "g", "acme"),
        ("two", "acme:a = b", "g", "acme"),
        ("", "nameless", "g", "acme"),
        ("doubled", "acme:doubled", "g", "acme"),
    ]
    assert standard("g") == expected
    for group in ("g", " g ", "", "console_scripts"):
        assert keys(_scan(group) or ()) == standard(group)


@pytest.mark.parametrize(
    "metadata",
    [
        "Metadata-Version: 2.1\nname:\tAcme-Tools  \nName: second\n",
        "Metadata-Version: 2.1\nName: folded\n  onto two lines\n",
        "From someone\nName: after-unix-from\n",
        "Metadata-Version: 2.1\nVersion: 1\n\nName: in-the-body\n",
        "\ufeffName: after-a-bom\n",
        "Metadata-Version: 2.1\r\nName: crlf\r\n\r\n",
        ": no key\nName: after-a-bad-line\n",
        " Name: indented-first\n",
        "Summary: x\n  folded summary\nName: after-a-fold\n",
        "",
    ],
)
def test_the_distribution_name_is_the_one_importlib_metadata_reads(
    tmp_path: Path, path: Callable[..., None], metadata: str
) -> None:
    dist(tmp_path, "acme-1.0.dist-info", "[g]\nx = acme:x\n", metadata)
    (tmp_path / "acme-1.0.dist-info" / "PKG-INFO").write_text(
        meta("from-pkg-info"), encoding="utf-8"
    )
    path(tmp_path)
    assert keys(_scan("g") or ()) == standard("g")


def test_a_plain_name_header_is_read_without_the_email_parser() -> None:
    assert (
        _entry_points._header("Metadata-Version: 2.1\nNAME:  Acme \nName: b\n", "name") == "Acme "
    )
    assert _entry_points._header("Name: a\n b\n", "name") is None  # folded
    assert _entry_points._header("Version: 1\n\nName: a\n", "name") is None  # in the body


# -- when it defers to importlib.metadata ---------------------------------------------------


def test_a_line_without_equals_fails_as_in_importlib_metadata(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    dist(tmp_path, "acme-1.0.dist-info", "[other]\nno equals sign\n", meta("acme"))
    path(tmp_path)
    assert _scan("g") is None
    assert our_outcome("g") == standard_outcome("g") == ("error", TypeError)


def test_a_file_that_is_not_utf8_fails_as_in_importlib_metadata(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    dist(tmp_path, "acme-1.0.dist-info", b"[g]\nx = caf\xe9:x\n", meta("acme"))
    path(tmp_path)
    assert _scan("g") is None
    assert our_outcome("g") == standard_outcome("g") == ("error", UnicodeDecodeError)


def test_an_entry_points_folder_counts_as_no_file(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    folder = dist(tmp_path, "acme-1.0.dist-info", None, meta("acme"))
    (folder / "entry_points.txt").mkdir()
    path(tmp_path)
    assert _scan("g") == ()
    assert standard("g") == []


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[g]\nz = zipped:z\n")
        zipped.writestr("zipped-1.0.dist-info/METADATA", meta("zipped"))
    path(archive)
    assert _scan("g") is None
    assert keys(entry_points(group="g")) == [("z", "zipped:z", "g", "zipped")] == standard("g")


def test_an_egg_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, path: Callable[..., None]
) -> None:
    egg = tmp_path / "acme-1.0-py3.11.egg"
    dist(egg, "EGG-INFO", "[g]\ne = acme:e\n", meta("acme"), metadata_file="PKG-INFO")
    path(egg)
    assert _scan("g") is None
    assert keys(entry_points(group="g")) == [("e", "acme:e", "g", "acme")] == standard("g")


@pytest.mark.parametrize("folder", ["Acme-1.0.DIST-INFO", "-1.0.dist-info", ".dist-info"])
def test_a_folder_named_unusually_is_left_to_importlib_metadata(
    tmp_path: Path, path: Callable[..., None], folder: str
) -> None:
    dist(tmp_path, folder, "[g]\nx = acme:x\n", meta("acme"))
    path(tmp_path)
    assert _scan("g") is None
    assert keys(entry_points(group="g")) == [("x", "acme:x", "g", "acme")] == standard("g")


class _ExtraFinder:
    """A distribution finder that knows one more distribution, outside sys.path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def find_distributions(self, context: object = None) -> list[importlib.metadata.Distribution]:
        return [importlib.metadata.Distribution.at(self.folder)]


def test_another_distribution_finder_is_left_to_importlib_metadata(
    tmp_path: Path, path: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden = dist(tmp_path / "hidden", "extra-1.0.dist-info", "[g]\nx = extra:x\n", meta("extra"))
    dist(tmp_path / "site", "acme-1.0.dist-info", "[g]\na = acme:a\n", meta("acme"))
    path(tmp_path / "site")
    monkeypatch.setattr(sys, "meta_path", [_ExtraFinder(hidden), *sys.meta_path])
    assert _scan("g") is None
    expected = [("x", "extra:x", "g", "extra"), ("a", "acme:a", "g", "acme")]
    assert keys(entry_points(group="g")) == expected == standard("g")


def test_the_importlib_metadata_backport_is_left_to_importlib_metadata(
    tmp_path: Path, path: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Backport:  # what importlib_metadata installs: the same discovery, its own code
        find_distributions = staticmethod(importlib.metadata.MetadataPathFinder.find_distributions)

    dist(tmp_path, "acme-1.0.dist-info", "[g]\na = acme:a\n", meta("acme"))
    path(tmp_path)
    monkeypatch.delattr(PathFinder, "find_distributions")
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Backport()])
    assert _scan("g") is None
    assert keys(entry_points(group="g")) == [("a", "acme:a", "g", "acme")] == standard("g")


def test_path_hooks_take_no_part_in_finding_distributions(
    tmp_path: Path, path: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(entry: str) -> object:
        raise ImportError(entry)

    dist(tmp_path, "acme-1.0.dist-info", "[g]\na = acme:a\n", meta("acme"))
    path(tmp_path)
    monkeypatch.setattr(sys, "path_hooks", [refuse, *sys.path_hooks])
    assert keys(_scan("g") or ()) == [("a", "acme:a", "g", "acme")] == standard("g")


# -- loading --------------------------------------------------------------------------------


@pytest.mark.usefixtures("fresh_modules")
def test_load_imports_the_module_and_follows_the_attribute_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "ep_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "mod.py").write_text(
        "class A:\n    class B:\n        VALUE = 42\nPLAIN = 7\n", encoding="utf-8"
    )
    dist(
        tmp_path,
        "ep_pkg-1.0.dist-info",
        "[g]\nchain = ep_pkg.mod:A.B.VALUE\nplain = ep_pkg.mod : PLAIN [extra]\n"
        "module = ep_pkg.mod\n",
        meta("ep-pkg"),
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    ours = {ep.name: ep for ep in entry_points(group="g")}
    theirs = {ep.name: ep for ep in importlib.metadata.entry_points(group="g")}
    assert ours["chain"].load() == theirs["chain"].load() == 42
    assert ours["plain"].load() == theirs["plain"].load() == 7
    assert ours["plain"].extras == theirs["plain"].extras == ["extra"]
    assert (ours["plain"].module, ours["plain"].attr) == ("ep_pkg.mod", "PLAIN")
    assert ours["module"].load() is theirs["module"].load() is sys.modules["ep_pkg.mod"]
    assert ours["module"].attr is theirs["module"].attr is None


def test_load_raises_what_importlib_metadata_raises_for_a_missing_module_or_name() -> None:
    missing = EntryPoint("x", "no_such_module_for_smartgoals:RULES", "g")
    standard_missing = importlib.metadata.EntryPoint("x", missing.value, "g")
    with pytest.raises(ModuleNotFoundError, match="no_such_module_for_smartgoals"):
        missing.load()
    with pytest.raises(ModuleNotFoundError, match="no_such_module_for_smartgoals"):
        standard_missing.load()
    with pytest.raises(AttributeError, match="no_such_name"):
        EntryPoint("x", "os:no_such_name", "g").load()


def test_a_value_that_names_no_module_is_a_registration_error() -> None:
    with pytest.raises(RegistrationError, match=r"'not a value!'.*'package.module:object'"):
        EntryPoint("bad", "not a value!", "smartgoals.rules").load()


def test_entry_points_compare_like_importlib_metadata_ones() -> None:
    one = EntryPoint("a", "m:a", "g", dist=None)
    assert one == EntryPoint("a", "m:a", "g", dist=importlib.metadata.Distribution.at("x"))
    assert one != EntryPoint("a", "m:b", "g")
    assert len({one, EntryPoint("a", "m:a", "g")}) == 1


# -- properties -----------------------------------------------------------------------------

NAME_CHARS = "abcAB_-.0"
GROUPS = ("g", "G", "other", " g ")

folder_names = st.builds(
    lambda stem, suffix: stem + suffix,
    st.text(NAME_CHARS, min_size=1, max_size=6).filter(lambda s: s not in {".", ".."}),
    st.sampled_from(
        [".dist-info", ".egg-info", "-1.0.dist-info", "-2.egg-info", ".DIST-INFO", ""]
    ),
)
section_lines = st.sampled_from([*(f"[{g}]" for g in GROUPS), "", "# note", "[]", "  [g]  "])
pair_lines = st.builds(
    lambda n, v: f"{n} = {v}",
    st.text("abxy_ -", max_size=4),
    st.sampled_from(["m", "m:o", "m.n:a.b", "m:o [e]", "", "m = n"]),
)
any_lines = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
#: Mostly well-formed files, now and then a line of anything (which may break the file).
entry_lines = st.one_of(section_lines, pair_lines, section_lines, pair_lines, any_lines)
distributions = st.lists(
    st.tuples(
        st.integers(0, 1),  # which directory
        folder_names,
        st.one_of(st.none(), st.lists(entry_lines, max_size=6).map("\n".join)),
        st.sampled_from(["Acme", "b.c-d", None]),
    ),
    max_size=6,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(distributions)
def test_the_entry_points_are_importlib_metadatas_whatever_is_installed(
    installed: list[tuple[int, str, str | None, str | None]],
) -> None:
    base = Path(tempfile.mkdtemp())
    saved = sys.path
    try:
        roots = [base / "one", base / "two"]
        for root in roots:
            root.mkdir()
        for where, folder, text, name in installed:
            target = roots[where] / folder
            if target.exists():
                continue
            dist(roots[where], folder, text, None if name is None else meta(name))
        sys.path = [str(root) for root in roots]
        for group in GROUPS:
            found = _scan(group)
            expected = standard_outcome(group)
            assert our_outcome(group) == expected
            event("read from the folders" if found is not None else "left to importlib.metadata")
            if found is not None:
                assert ("ok", keys(found)) == expected
    finally:
        sys.path = saved
        shutil.rmtree(base)


header_lines = st.one_of(
    st.sampled_from(
        [
            *("Name: acme", "name:\tAcme-Tools ", "NAME:", "Version: 1", "  folded", ""),
            *(
                "From a b",
                ": no key",
                "Bad Key: x",
                "\ufeffName: bom",
                "Name: a\rb",
                "Name:x\x0by",
            ),
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)


@given(st.lists(header_lines, max_size=6).map("\n".join))
def test_a_plain_header_reads_as_the_email_parser_reads_it(text: str) -> None:
    import email

    plain = _entry_points._header(text, "name")
    event("plain" if plain is not None else "left to the email parser")
    if plain is not None:
        assert plain == email.message_from_string(text)["Name"]
