"""Entry points of one group, read without importing :mod:`importlib.metadata`.

:func:`entry_points` gives what ``importlib.metadata.entry_points(group=...)`` gives: the
same names, values and distributions, in the same order. It reads the
``entry_points.txt`` of each ``*.dist-info`` and ``*.egg-info`` folder in the directories
of :data:`sys.path`, as the standard discovery does (CPython 3.11 to 3.13): the path in
order, each directory's folders in listing order, a distribution found twice kept where
it is first found (by its folder's name up to the first ``-``, normalized as
``importlib.metadata`` does). :mod:`importlib.metadata` costs tens of milliseconds to
import (email, zipfile, csv, pathlib); this module needs :mod:`os` and :mod:`re`, which
every process has loaded, so ``smartgoals check`` starts faster.

Wherever it cannot promise the same answer, it asks :mod:`importlib.metadata` instead: a
distribution finder in :data:`sys.meta_path` other than the standard path finder (the
``importlib_metadata`` backport, once imported, puts its own in its place), a
:data:`sys.path` entry that is a file (a zip) or an ``.egg``, a folder name whose
distribution name must be read from its metadata, an ``entry_points.txt`` it cannot read
or parse. (:data:`sys.path_hooks` play no part in finding distributions: the standard
finder lists the directories itself.)

>>> [ep.value for ep in entry_points(group="smartgoals.rules") if ep.name == "time_bound"]
['smartgoals.scoring.rules.time_bound:RULES']
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, Final, Protocol

import attrs

from smartgoals.exceptions import RegistrationError

__all__ = ["Distribution", "EntryPoint", "entry_points"]

#: ``importlib.metadata.EntryPoint.pattern``: ``module``, ``module:attr.chain [extras]``.
_VALUE: Final = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"
_INFO_SUFFIXES: Final = (".dist-info", ".egg-info")
#: The errors ``importlib.metadata.PathDistribution.read_text`` takes for a missing file.
_ABSENT: Final = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)
#: A header line as the email parser reads one (``email.feedparser.headerRE``).
_HEADER: Final = r"[\041-\071\073-\176]*:"
#: Where the standard ``PathFinder.find_distributions`` is defined.
_STANDARD_FINDER_MODULES: Final = frozenset(
    {"_frozen_importlib_external", "importlib._bootstrap_external"}
)


class Distribution(Protocol):
    """What an entry point knows of the distribution that declares it: its name.

    ``importlib.metadata.Distribution`` is one.

    >>> {ep.dist.name for ep in entry_points(group="smartgoals.rules") if ep.name == "specific"}
    {'smartgoals'}
    """

    @property
    def name(self) -> str:
        """The distribution's ``Name`` as its metadata spells it."""


@attrs.frozen
class EntryPoint:
    """One entry point: ``name = value`` in a group, declared by a distribution.

    Equal, like ``importlib.metadata.EntryPoint``, when name, value and group are.

    Args:
        name: The entry point's name.
        value: ``module``, ``module:attr`` or ``module:attr.chain``, then any ``[extras]``.
        group: The group, such as ``"smartgoals.rules"``.
        dist: The distribution that declares it (None when unknown).

    >>> ep = EntryPoint("acme", "acme.rules:RULES.main [fast]", "smartgoals.rules")
    >>> ep.module, ep.attr, ep.extras
    ('acme.rules', 'RULES.main', ['fast'])
    >>> EntryPoint("path", "os:path.join", "demo").load().__name__
    'join'
    """

    name: str
    value: str
    group: str
    dist: Distribution | None = attrs.field(default=None, eq=False, repr=False)

    def _match(self) -> re.Match[str]:
        match = re.match(_VALUE, self.value)
        if match is None:
            raise RegistrationError(
                f"entry point {self.name!r} in group {self.group!r} has the value "
                f"{self.value!r}, which names no module: write 'package.module' or "
                "'package.module:object'",
                key=self.name,
            )
        return match

    @property
    def module(self) -> str:
        """The module to import."""
        return self._match().group("module")

    @property
    def attr(self) -> str | None:
        """The attribute (dotted for a chain) to take from the module, if any."""
        return self._match().group("attr")

    @property
    def extras(self) -> list[str]:
        """The extras in square brackets after the value, if any."""
        return re.findall(r"\w+", self._match().group("extras") or "")

    def load(self) -> Any:
        """Import the module and return it, or the attribute (chain) the value names.

        Raises:
            RegistrationError: if the value names no module.
            ImportError: if the module cannot be imported.
            AttributeError: if the module lacks the attribute.
        """
        match = self._match()
        loaded: Any = importlib.import_module(match.group("module"))
        for part in filter(None, (match.group("attr") or "").split(".")):
            loaded = getattr(loaded, part)
        return loaded


def entry_points(*, group: str) -> tuple[EntryPoint, ...]:
    """The installed entry points of ``group``, as ``importlib.metadata`` finds them.

    Args:
        group: The entry point group.

    Returns:
        The entry points in discovery order (the distributions in :data:`sys.path` order).

    >>> console = entry_points(group="console_scripts")
    >>> [(ep.value, ep.dist.name) for ep in console if ep.name == "smartgoals"]
    [('smartgoals.cli:main', 'smartgoals')]
    """
    found = _scan(group)
    if found is not None:
        return found
    import importlib.metadata  # the slow, general way

    return tuple(
        EntryPoint(ep.name, ep.value, ep.group, ep.dist)
        for ep in importlib.metadata.entry_points(group=group)
    )


class _UnsureError(Exception):
    """The directories alone cannot promise ``importlib.metadata``'s answer."""


def _scan(group: str) -> tuple[EntryPoint, ...] | None:
    """The entry points of ``group`` read from the directories, or None when unsure."""
    if not _standard_finders():
        return None
    try:
        return tuple(
            ep
            for folder in _info_folders()
            for ep in _parse(_read_entry_points(folder), folder, group)
        )
    except _UnsureError:
        return None


def _standard_finders() -> bool:
    """Whether the standard path finder is the only finder of distributions."""
    from importlib.machinery import PathFinder

    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    # The importlib_metadata backport deletes the standard method and adds its own finder.
    function = getattr(getattr(PathFinder, "find_distributions", None), "__module__", None)
    return finders == [PathFinder] and function in _STANDARD_FINDER_MODULES


def _normalize(name: str) -> str:
    """``importlib.metadata.Prepared.normalize``: PEP 503, then dashes as underscores."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _info_folders() -> Iterator[str]:
    """The metadata folders of the distributions, the first of each name only."""
    seen: set[str] = set()
    for root in sys.path:
        if not isinstance(root, str) or os.path.basename(root).lower().endswith(".egg"):
            raise _UnsureError  # bytes or a path object, or an egg with EGG-INFO inside
        try:
            children = os.listdir(root or ".")
        except FileNotFoundError:
            continue  # neither a directory nor a zip: nothing there
        except (OSError, ValueError):
            raise _UnsureError from None  # a file (a zip?) or a directory it may not list
        for child in children:
            if not child.lower().endswith(_INFO_SUFFIXES):
                continue
            stem, suffix = os.path.splitext(child)
            key = _normalize(stem.partition("-")[0])
            if suffix not in _INFO_SUFFIXES or not key:
                raise _UnsureError  # importlib.metadata would read the name from the metadata
            if key not in seen:
                seen.add(key)
                yield os.path.join(root, child)


def _read(path: str) -> str | None:
    """The text of ``path`` as ``PathDistribution.read_text`` reads it, None if absent."""
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except _ABSENT:
        return None
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        raise _UnsureError from None


def _read_entry_points(folder: str) -> str:
    return _read(os.path.join(folder, "entry_points.txt")) or ""


def _parse(text: str, folder: str, group: str) -> Iterator[EntryPoint]:
    """The entry points of ``group`` in one ``entry_points.txt``, as ``Sectioned`` reads it."""
    dist: _PathDistribution | None = None
    section: str | None = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, equals, value = line.partition("=")
        if not equals:
            raise _UnsureError  # importlib.metadata fails on it: let it say how
        if section == group:
            dist = dist or _PathDistribution(folder)
            yield EntryPoint(name.strip(), value.strip(), section, dist)


class _PathDistribution:
    """A distribution in a metadata folder; its name is read on first use."""

    __slots__ = ("_folder", "_name")

    def __init__(self, folder: str) -> None:
        self._folder = folder
        self._name: str | None = None

    def __repr__(self) -> str:
        return f"_PathDistribution({self._folder!r})"

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = self._simple_name()
            if self._name is None:
                import importlib.metadata  # an unusual metadata file: let the parser read it

                self._name = importlib.metadata.Distribution.at(self._folder).name
        return self._name

    def _simple_name(self) -> str | None:
        """The ``Name`` header when the email parser would read it plainly, else None."""
        for filename in ("METADATA", "PKG-INFO"):
            try:
                text = _read(os.path.join(self._folder, filename))
            except _UnsureError:
                return None
            if text:
                return _header(text, "name")
        return None


def _header(text: str, key: str) -> str | None:
    """The first ``key`` header of an email-style text, or None when it is not plain.

    Plain: among the header lines before the first empty line, not folded onto a second
    line, and no line the email parser would treat specially before it.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line or line.startswith("From ") or "\r" in line:
            return None
        if line[0] in " \t":
            if index == 0:
                return None
            continue
        colon = line.find(":")
        if colon < 1 or not re.match(_HEADER, line):
            return None
        if line[:colon].lower() == key:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if following[:1] in (" ", "\t"):
                return None
            return line[colon + 1 :].lstrip(" \t")
    return None
