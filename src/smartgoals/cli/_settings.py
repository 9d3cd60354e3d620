"""Settings of the command line: ``[tool.smartgoals]`` in ``pyproject.toml``, then the flags.

:func:`find_settings` finds the nearest table, as ruff does; :func:`override` applies the
command-line flags over it (flags win, ``--extend-…`` adds); :func:`from_args` does both
for a command's parsed arguments.
"""

from __future__ import annotations

import argparse
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from smartgoals.cli._options import LANGS
from smartgoals.exceptions import InvalidInputError

if TYPE_CHECKING:
    from smartgoals.timeframes import FiscalCalendar

__all__ = [
    "Settings",
    "find_settings",
    "fiscal_start",
    "from_args",
    "override",
    "settings_from",
]

_SETTING_KEYS: Final = ("select", "ignore", "lang", "fiscal-year-start", "fiscal-year-naming")


@attrs.frozen
class Settings:
    """The settings of ``[tool.smartgoals]``, after command-line flags override them.

    >>> Settings().calendar is None
    True
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    fiscal_year_start: tuple[int, int] | None = None
    fiscal_year_naming: str = "end"
    source: Path | None = None

    @property
    def calendar(self) -> FiscalCalendar | None:
        """The fiscal calendar, or None for calendar years.

        >>> Settings(fiscal_year_start=(4, 1)).calendar.start_month
        4
        """
        if self.fiscal_year_start is None:
            return None
        from smartgoals.timeframes import FiscalCalendar  # only when a fiscal year is set

        month, day = self.fiscal_year_start
        return FiscalCalendar(month, day, naming=self.fiscal_year_naming)


#: A month, or month-day: one or two digits each ("4", "04-06").
_FISCAL_START: Final = re.compile(r"(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?")


def fiscal_start(value: object, *, where: str) -> tuple[int, int]:
    """Read a fiscal year start: a month (``4``) or month and day (``"04-06"``).

    >>> fiscal_start(4, where="x"), fiscal_start("04-06", where="x")
    ((4, 1), (4, 6))
    """
    if isinstance(value, int) and not isinstance(value, bool):
        month, day = value, 1
    elif isinstance(value, str) and (found := _FISCAL_START.fullmatch(value.strip())):
        month, day = int(found["month"]), int(found["day"] or 1)
    else:
        month = day = 0
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise InvalidInputError(
            f"{where}: fiscal year start must be a month 1-12 (4 for April) or "
            f"month-day such as '04-06'; got {value!r}",
            name="fiscal-year-start",
            value=value,
        )
    return month, day


def _codes(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInputError(
            f"{where}: {key} must be a list of rule codes or prefixes such as "
            f'["S", "T001"], got {value!r}',
            name=key,
            value=value,
        )
    return tuple(v.strip().upper() for v in value if v.strip())


def settings_from(table: Mapping[str, Any], source: Path | None) -> Settings:
    """Check and read a ``[tool.smartgoals]`` table.

    Keys may be written with ``-`` or ``_`` (``fiscal-year-start``, ``fiscal_year_start``).

    Raises:
        InvalidInputError: for an unknown key or a bad value, naming the file.

    >>> settings_from({"select": ["S", "T"], "lang": "nl", "fiscal_year_start": 4}, None)
    Settings(select=('S', 'T'), ignore=(), lang='nl', fiscal_year_start=(4, 1), fiscal_year_naming='end', source=None)
    """
    where = f"{source} [tool.smartgoals]" if source else "[tool.smartgoals]"
    values = {str(k).replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(set(values) - set(_SETTING_KEYS))
    if unknown:
        raise InvalidInputError(
            f"{where}: unknown setting(s) {', '.join(unknown)}; known settings are "
            f"{', '.join(_SETTING_KEYS)}",
            name="tool.smartgoals",
            value=unknown,
        )
    lang = values.get("lang")
    if lang is not None and lang not in LANGS:
        raise InvalidInputError(
            f"{where}: lang must be 'en' or 'nl', got {lang!r}", name="lang", value=lang
        )
    naming = values.get("fiscal-year-naming", "end")
    if naming not in ("end", "start"):
        raise InvalidInputError(
            f"{where}: fiscal-year-naming must be 'end' (FY named by the year it ends) or "
            f"'start', got {naming!r}",
            name="fiscal-year-naming",
            value=naming,
        )
    start = values.get("fiscal-year-start")
    return Settings(
        select=_codes(values["select"], "select", where) if "select" in values else None,
        ignore=_codes(values.get("ignore", []), "ignore", where),
        lang=lang,
        fiscal_year_start=None if start is None else fiscal_start(start, where=where),
        fiscal_year_naming=naming,
        source=source,
    )


def find_settings(start: str | os.PathLike[str] | None = None) -> Settings:
    """Find the nearest ``pyproject.toml`` with a ``[tool.smartgoals]`` table, as ruff does.

    The search walks up from ``start`` (default: the current directory); files without
    the table are passed over. Without any, the defaults apply.

    Raises:
        InvalidInputError: if a ``pyproject.toml`` on the way is not valid TOML, or the
            table has a bad value.
    """
    here = Path.cwd() if start is None else Path(start)
    for folder in (here, *here.resolve().parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"{candidate}: not UTF-8 text ({exc.reason})", value=str(candidate)
            ) from None
        except tomllib.TOMLDecodeError as exc:
            raise InvalidInputError(
                f"{candidate}: not valid TOML: {exc}", value=str(candidate)
            ) from None
        table = data.get("tool", {}).get("smartgoals")
        if table is None:
            continue
        if not isinstance(table, dict):
            raise InvalidInputError(
                f"{candidate}: [tool.smartgoals] must be a table", value=str(candidate)
            )
        return settings_from(table, candidate)
    return Settings()


def override(
    settings: Settings,
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] | None = None,
    extend_ignore: Sequence[str] = (),
    lang: str | None = None,
    fiscal_year_start: str | None = None,
) -> Settings:
    """Apply command-line flags over the file's settings (flags win, ``extend-`` adds).

    >>> override(Settings(select=("S",)), extend_select=["T"]).select
    ('S', 'T')
    """
    chosen = settings.select if select is None else tuple(select)
    if extend_select:
        # "ALL" selects what runs by default; a full code also turns on an off-by-default rule.
        chosen = (*(chosen if chosen is not None else ("ALL",)), *extend_select)
    return attrs.evolve(
        settings,
        select=chosen,
        ignore=(*(settings.ignore if ignore is None else tuple(ignore)), *extend_ignore),
        lang=lang if lang is not None else settings.lang,
        fiscal_year_start=settings.fiscal_year_start
        if fiscal_year_start is None
        else fiscal_start(fiscal_year_start, where="--fiscal-year-start"),
    )


def from_args(args: argparse.Namespace) -> Settings:
    """The settings for a command: ``[tool.smartgoals]`` (unless ``--isolated``), then its flags.

    >>> args = argparse.Namespace(isolated=True, lang="nl", fiscal_year_start="4")
    >>> from_args(args).lang, from_args(args).fiscal_year_start
    ('nl', (4, 1))
    """
    base = Settings() if args.isolated else find_settings()
    return override(
        base,
        select=getattr(args, "select", None),
        extend_select=getattr(args, "extend_select", None) or (),
        ignore=getattr(args, "ignore", None),
        extend_ignore=getattr(args, "extend_ignore", None) or (),
        lang=args.lang,
        fiscal_year_start=args.fiscal_year_start,
    )
