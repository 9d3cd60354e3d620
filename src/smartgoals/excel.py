"""Excel workbooks: check-ins read from a sheet, and a plan written as a workbook.

Install the ``excel`` extra (``pip install "smartgoals[excel]"``): it brings openpyxl,
which is imported when a function here is called, never by ``import smartgoals`` or
``import smartgoals.excel``. Without it the functions raise :class:`ModuleNotFoundError`
with the command that installs it.

* :func:`read_checkins` reads check-ins from a sheet laid out like the CSV file that
  ``smartgoals track`` reads: a header row naming ``date`` and ``value`` (and, if wanted,
  ``confidence``, ``note`` and ``denominator``), then one check-in per row.
* :func:`write_plan` writes a :class:`~smartgoals.planning.Plan` as a workbook: a sheet
  "Plan" with one row per node (the rows of ``smartgoals plan --format csv``), amounts as
  numbers with their currency's number format, rates and shares as percentages, counts
  as whole numbers; and a sheet "Check" with what :meth:`Plan.check
  <smartgoals.planning.Plan.check>` found.

>>> import tempfile
>>> from pathlib import Path
>>> from smartgoals import Goal, Target, Timeframe, metrics
>>> from smartgoals.planning import Plan, split_by_period
>>> year = Goal(metric=metrics.get("revenue"), target=Target.level(1200000),
...             timeframe=Timeframe.year(2027), currency="EUR")
>>> plan = Plan.from_goal(year, id="2027").attach("2027", split_by_period(year, "quarter"))
>>> from openpyxl import load_workbook
>>> with tempfile.TemporaryDirectory() as folder:
...     write_plan(plan, Path(folder, "plan.xlsx"))
...     sheet = load_workbook(Path(folder, "plan.xlsx"))["Plan"]
...     sheet["A3"].value, sheet["I3"].value, sheet["I3"].number_format
('FY2027 Q1', 300000, '#,##0.00 "EUR"')
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from smartgoals.exceptions import InvalidInputError, SmartGoalsError

if TYPE_CHECKING:
    from smartgoals.goals import Goal
    from smartgoals.money import FxRates
    from smartgoals.planning import Plan, PlanIssue, PlanNode
    from smartgoals.tracking import CheckIn

__all__ = ["read_checkins", "write_plan"]


#: Excel keeps 15 significant digits: a number cell is read as Excel shows it.
_DIGITS: Final = 15

_PERCENT: Final = "0.0%"
_DATE: Final = "yyyy-mm-dd"

#: The headers of the sheet "Plan", by language, in column order.
_PLAN_HEADERS: Final = {
    "en": (
        "Node",
        "ID",
        "Relation",
        "Owner",
        "Start",
        "Last day",
        "Metric",
        "Kind",
        "Target",
        "Unit",
        "Rate",
        "Per",
        "Share of parent",
        "Weight",
        "Parts add up to",
        "Over-assignment",
        "Stretch",
        "Capacity",
    ),
    "nl": (
        "Knoop",
        "ID",
        "Relatie",
        "Eigenaar",
        "Begin",
        "Laatste dag",
        "Metriek",
        "Soort",
        "Doel",
        "Eenheid",
        "Tempo",
        "Per",
        "Aandeel",
        "Gewicht",
        "Delen samen",
        "Overtoewijzing",
        "Stretch",
        "Capaciteit",
    ),
}

#: The headers of the sheet "Check", by language, in column order.
_CHECK_HEADERS: Final = {
    "en": (
        "Kind",
        "Node",
        "Message",
        "Expected",
        "Actual",
        "Difference",
        "Intended",
        "Nodes",
        "Rounding",
    ),
    "nl": (
        "Soort",
        "Knoop",
        "Melding",
        "Verwacht",
        "Werkelijk",
        "Verschil",
        "Bedoeld",
        "Knopen",
        "Afronding",
    ),
}

_FINE: Final = {"en": "Every level adds up.", "nl": "Elk niveau klopt."}

#: The widest a column is made, in characters; longer text runs on.
_WIDEST: Final = 60


def _openpyxl() -> Any:
    """Import openpyxl, or say how to install it."""
    try:
        return importlib.import_module("openpyxl")
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "smartgoals.excel reads and writes workbooks with openpyxl, which is not "
            'installed; install it with: pip install "smartgoals[excel]"',
            name="openpyxl",
        ) from exc


def _opened(openpyxl: Any, handle: Any, file: Path) -> Any:
    import zipfile
    from xml.etree.ElementTree import ParseError

    with warnings.catch_warnings():
        # openpyxl warns of parts it does not keep (data validation, slicers, ...); the
        # cells' values are read all the same.
        warnings.simplefilter("ignore", UserWarning)
        try:
            return openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, ParseError) as exc:
            reason = str(exc).strip("\"'")
            raise InvalidInputError(
                f"{file}: not an Excel workbook (.xlsx): {reason}; save it from the "
                "spreadsheet as an Excel workbook (.xlsx; an old .xls file too) or as CSV",
                name="path",
                value=str(file),
            ) from None


# -- check-ins ----------------------------------------------------------------------------


def read_checkins(
    path: str | os.PathLike[str], sheet: str | None = None, decimal: str | None = None
) -> list[CheckIn]:
    """Read check-ins from a sheet of an Excel workbook, as ``smartgoals track`` does.

    The first non-blank row is the header: it names the columns ``date`` and ``value``
    and may add ``confidence``, ``note``, ``denominator`` and ``currency`` (in any order
    and case, each once), as the header of a check-in CSV file does. Each later row is
    one check-in; blank rows are skipped.

    * A date is a date cell, or text written as ``2027-06-30`` (a date cell's time of
      day is dropped).
    * A number is a number cell, read as Excel shows it (to 15 significant digits, so
      a computed 0.1 + 0.2 is 0.3; a cell formatted as 25% holds 0.25), or text read as
      the CSV is: ``"2.5%"`` is 0.025, and ``decimal`` gives the decimal mark of text
      such as ``"1.250,50"`` (see :func:`smartgoals.cli._numbers.read_number`).
    * A currency is an ISO 4217 code such as ``USD``; an empty cell means the goal's
      currency.
    * A formula is read by the value the spreadsheet last calculated and saved.

    Args:
        path: The ``.xlsx`` workbook.
        sheet: The sheet's name (matched without regard to case, as Excel does);
            None reads the first sheet.
        decimal: The decimal mark of numbers written as text: ``"."``, ``","`` or None
            (a point, refusing ambiguous text such as ``"1.250"``).

    Returns:
        The check-ins, in the order of the rows.

    Raises:
        ModuleNotFoundError: if openpyxl is not installed (the ``excel`` extra).
        InvalidInputError: naming the file, the sheet and the cell (or row): the file
            is not a workbook, there is no such sheet, the sheet is empty, the header
            is missing or names an unknown column, or a cell holds text where a number
            or a date belongs, a number where a date belongs, nothing where a date or
            a value is needed, or a currency that is not a three-letter code.
        OSError: if the file cannot be read.

    >>> import tempfile
    >>> from openpyxl import Workbook
    >>> book = Workbook()
    >>> book.active.title = "Q1"
    >>> for row in [("Date", "Value", "Confidence"), (date(2027, 1, 31), 90000, 0.8),
    ...             ("2027-02-28", "1.250,50", "70%")]:
    ...     book.active.append(row)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     book.save(Path(folder, "checkins.xlsx"))
    ...     checkins = read_checkins(Path(folder, "checkins.xlsx"), decimal=",")
    >>> [(str(c.date), c.value, c.confidence) for c in checkins]
    [('2027-01-31', Decimal('90000'), Decimal('0.8')), ('2027-02-28', Decimal('1250.50'), Decimal('0.70'))]
    """
    if decimal not in (None, ".", ","):
        raise InvalidInputError(
            f"the decimal mark must be '.' or ',', got {decimal!r}", name="decimal", value=decimal
        )
    openpyxl = _openpyxl()
    file = Path(path)
    with file.open("rb") as handle:
        workbook = _opened(openpyxl, handle, file)
        try:
            worksheet = _worksheet(workbook, file, sheet)
            # The size a workbook states can be wrong; read the rows that are there.
            worksheet.reset_dimensions()
            where = f"{file}, sheet {worksheet.title!r}"
            return _checkins(worksheet.iter_rows(values_only=True), where, decimal)
        finally:
            workbook.close()


def _worksheet(workbook: Any, file: Path, sheet: str | None) -> Any:
    sheets = list(workbook.worksheets)
    if not sheets:
        raise InvalidInputError(
            f"{file}: the workbook has no sheet of cells", name="sheet", value=sheet
        )
    if sheet is None:
        return sheets[0]
    for candidate in sheets:
        if candidate.title == sheet:
            return candidate
    for candidate in sheets:
        if candidate.title.casefold() == sheet.casefold():
            return candidate
    names = ", ".join(repr(s.title) for s in sheets)
    raise InvalidInputError(
        f"{file}: no sheet {sheet!r}; the workbook has {names}", name="sheet", value=sheet
    )


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _cell(column: int, row: int) -> str:
    """The cell's reference: ``B4`` for the second column of row 4."""
    letters = ""
    number = column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def _shown(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime) and cell.time() == datetime.min.time():
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def _header(
    row: Sequence[object], number: int, where: str, columns: Sequence[str], rule: str
) -> list[str | None]:
    """The column names of a header row (None for a column without one)."""
    names: list[str | None] = []
    cells = list(row)
    got = " | ".join(_shown(c) for c in cells).strip(" |")
    rule = f"the header row must name {rule}; got {got}"
    if not any(isinstance(c, str) and c.strip().lower() in columns for c in cells):
        first = next(index for index, cell in enumerate(cells) if not _blank(cell))
        raise InvalidInputError(
            f"{where}, cell {_cell(first, number)}: no header row: {rule}",
            name="header",
            value=cells,
        )
    for index, cell in enumerate(cells):
        if _blank(cell):
            names.append(None)
            continue
        name = cell.strip().lower() if isinstance(cell, str) else None
        if name not in columns:
            raise InvalidInputError(
                f"{where}, cell {_cell(index, number)}: {_shown(cell)!r} is not a check-in "
                f"column; {rule}",
                name="header",
                value=cell,
            )
        if name in names:
            raise InvalidInputError(
                f"{where}, cell {_cell(index, number)}: the column {name} again; {rule}",
                name="header",
                value=cell,
            )
        names.append(name)
    missing = [c for c in ("date", "value") if c not in names]
    if missing:
        raise InvalidInputError(
            f"{where}, row {number}: no column {' or '.join(missing)}; {rule}",
            name="header",
            value=cells,
        )
    return names


def _field(column: str, cell: object) -> object:
    """A cell's content as :func:`~smartgoals.cli._io.checkin_from` reads it."""
    if cell is None or isinstance(cell, str):
        return cell
    if column == "currency":
        return _shown(cell)  # a number or a date is not a code: the check-in says so
    if column == "note":
        return _shown(cell) if not isinstance(cell, float) else format(cell, f".{_DIGITS}g")
    if column == "date":
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        kind = "TRUE/FALSE" if isinstance(cell, bool) else f"the number {_shown(cell)}"
        raise InvalidInputError(
            f"date holds {kind}, not a date; format the cell as a date or write the date "
            "as text such as 2027-06-30",
            name=column,
            value=cell,
        )
    if isinstance(cell, bool):
        raise InvalidInputError(
            f"{column} holds TRUE/FALSE, not a number", name=column, value=cell
        )
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(format(cell, f".{_DIGITS}g"))
    if isinstance(cell, date):
        raise InvalidInputError(
            f"{column} holds the date {_shown(cell)}, not a number; format the cell as a number",
            name=column,
            value=cell,
        )
    raise InvalidInputError(
        f"{column} holds {_shown(cell)!r}, not a number", name=column, value=cell
    )


def _checkins(rows: Iterable[Sequence[object]], where: str, decimal: str | None) -> list[CheckIn]:
    from smartgoals.cli._io import CHECKIN_COLUMNS, CHECKIN_HEADER_RULE, checkin_from

    names: list[str | None] | None = None
    header = 0
    checkins = []
    for number, row in enumerate(rows, start=1):
        if all(_blank(cell) for cell in row):
            continue
        if names is None:
            names = _header(row, number, where, CHECKIN_COLUMNS, CHECKIN_HEADER_RULE)
            header = number
            continue
        fields: dict[str, object] = {}
        at: str | None = None
        try:
            for index, cell in enumerate(row):
                at = _cell(index, number)
                name = names[index] if index < len(names) else None
                if name is None:
                    if not _blank(cell):
                        raise InvalidInputError(
                            f"{_shown(cell)!r} stands in a column without a name; name the "
                            f"column in row {header} or clear the cell",
                            value=cell,
                        )
                    continue
                fields[name] = _field(name, cell)
            at = None
            checkins.append(checkin_from(fields, decimal=decimal))
        except InvalidInputError as exc:
            if at is None and exc.name is not None and exc.name in names:
                at = _cell(names.index(exc.name), number)
            place = f"cell {at}" if at is not None else f"row {number}"
            raise InvalidInputError(
                f"{where}, {place}: {exc}", name=exc.name, value=exc.value
            ) from None
    if names is None:
        raise InvalidInputError(
            f"{where}: empty; the first row must be a header such as date | value",
            name="sheet",
        )
    return checkins


# -- plans --------------------------------------------------------------------------------


def write_plan(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    capacity: Mapping[str, object] | None = None,
    fx: FxRates | None = None,
) -> None:
    """Write a plan as an Excel workbook: the sheets "Plan" and "Check".

    "Plan" has one row per node, parents before children (the rows of ``smartgoals plan
    --format csv``), the node's name indented by its depth, with the columns (in
    English; Dutch with ``lang="nl"``):

    * Node, ID, Relation (``part``, ``driver`` or ``stretch``), Owner, Start and Last
      day (date cells), Metric, Kind (``level``, ``at_least``, ...);
    * Target: the node's target, for a rate its total over the timeframe; Unit: the
      currency, else the metric's unit; Rate and Per: a rate's target for one period
      and the period;
    * Share of parent: the target as a share of the parent's target
      (:meth:`Plan.shares <smartgoals.planning.Plan.shares>`); Weight: the share of the
      weights it was split or assigned by; Parts add up to (:meth:`Plan.rollup
      <smartgoals.planning.Plan.rollup>`);
    * Over-assignment: the rate the node's parts were over-assigned by on purpose;
      Stretch: the node's stretch target; Capacity: what its owner can carry.

    Amounts are number cells: money with its currency's number format
    (``#,##0.00 "EUR"``; no decimals for JPY, three for KWD), counts as whole numbers,
    rates and shares as percentages (``0.0%``). "Check" has one row per finding of
    :meth:`Plan.check <smartgoals.planning.Plan.check>` (kind, node, message in ``lang``,
    expected, actual, difference, intended, nodes, rounding), or says that every level
    adds up.

    Args:
        plan: The plan.
        path: The ``.xlsx`` file to write (replaced if it exists).
        lang: The language of the headers and the check's messages: ``"en"`` or ``"nl"``.
        capacity: Capacities for the check, as :meth:`Plan.check
            <smartgoals.planning.Plan.check>` takes them.
        fx: Exchange rates for parts in another currency than their parent: the roll-up,
            the shares and the check convert them at the rate in force on the parent's
            first day. Without them such a parent's roll-up and the parts' shares are
            empty, and the check names the currencies.

    Raises:
        ModuleNotFoundError: if openpyxl is not installed (the ``excel`` extra).
        MissingRateError: if ``fx`` has no rate for a pair on the day it is needed.
        InvalidInputError: for a language other than ``"en"`` or ``"nl"``, or a bad
            capacity.
        OSError: if the file cannot be written.

    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> from smartgoals import Goal, Target, Timeframe, metrics
    >>> from smartgoals.planning import Plan, assign
    >>> year = Goal(metric=metrics.get("deals_won"), target=Target.level(100),
    ...             timeframe=Timeframe.year(2027))
    >>> plan = Plan.from_goal(year, id="2027").attach(
    ...     "2027", assign(year, {"ann": 1, "bob": 1}, over_assignment="0.1"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_plan(plan, Path(folder, "plan.xlsx"), lang="nl")
    ...     book = load_workbook(Path(folder, "plan.xlsx"))
    >>> sheet = book["Plan"]
    >>> [cell.value for cell in sheet[1]][:3], sheet["I3"].value, sheet["M3"].number_format
    (['Knoop', 'ID', 'Relatie'], 55, '0.0%')
    >>> sheet["P2"].value, book["Check"]["A2"].value
    (0.1, 'over_assigned')
    """
    if lang not in _PLAN_HEADERS:
        raise InvalidInputError(
            f"lang must be 'en' or 'nl', got {lang!r}", name="lang", value=lang
        )
    openpyxl = _openpyxl()
    issues = plan.check(capacity=capacity, lang=lang, fx=fx)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    _table(openpyxl, sheet, _PLAN_HEADERS[lang], _plan_rows(plan, fx))
    check = workbook.create_sheet("Check")
    rows = [_issue_row(plan, issue) for issue in issues]
    _table(openpyxl, check, _CHECK_HEADERS[lang], rows)
    if not issues:
        check.cell(row=2, column=3, value=_FINE[lang])
    workbook.save(Path(path))


#: A cell to write: its value, its number format (None for General), its indent.
_Cell: TypeAlias = tuple[object, str | None, int]


def _table(openpyxl: Any, sheet: Any, headers: Sequence[str], rows: list[list[_Cell]]) -> None:
    bold = openpyxl.styles.Font(bold=True)
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=header).font = bold
    for number, row in enumerate(rows, start=2):
        for column, (value, number_format, indent) in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=number, column=column, value=value)
            if number_format is not None:
                cell.number_format = number_format
            if indent:
                cell.alignment = openpyxl.styles.Alignment(indent=indent)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{_cell(len(headers) - 1, len(rows) + 1)}"
    for column, header in enumerate(headers):
        longest = max(
            [len(header), *(len(_shown(row[column][0])) + row[column][2] * 2 for row in rows)]
        )
        # Numbers show with separators and a currency code: leave them room.
        sheet.column_dimensions[_cell(column, 1)[:-1]].width = min(longest + 6, _WIDEST)


def _walk(plan: Plan) -> Iterator[tuple[PlanNode, PlanNode | None, int]]:
    """Every node with its parent and depth, parents before children."""
    stack: list[tuple[PlanNode, PlanNode | None, int]] = [(plan.root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        yield node, parent, depth
        stack.extend((child, node, depth + 1) for child in reversed(node.children))


def _resolved(goal: Goal) -> Decimal | None:
    """The node's target as ``plan --format csv`` gives it: a rate's total, else its value."""
    try:
        return goal.target_total() if goal.is_rate else goal.target_value
    except SmartGoalsError:
        return None


def _rate(goal: Goal) -> Decimal | None:
    """A rate's target for one period (the goal's value), or None if it does not resolve."""
    try:
        return goal.target_value
    except SmartGoalsError:
        return None


def _format(goal: Goal, value: Decimal | None = None) -> str | None:
    """The number format of an amount of ``goal``'s metric."""
    from smartgoals.metrics import Unit
    from smartgoals.money import minor_unit

    if goal.currency is not None:
        places = minor_unit(goal.currency)
        return f'#,##0{"." + "0" * places if places else ""} "{goal.currency}"'
    unit = goal.metric.unit if goal.metric is not None else None
    if unit is Unit.CURRENCY:
        return "#,##0.00"
    if unit is Unit.RATIO:
        return _PERCENT
    if unit is Unit.COUNT:
        return "#,##0" if value is None or value == value.to_integral_value() else "#,##0.00"
    if unit in (Unit.DAYS, Unit.HOURS):
        return "#,##0.0"
    return None


def _amount(goal: Goal, value: Decimal | None) -> _Cell:
    if value is None:
        return (None, None, 0)
    if not value.is_finite():
        return (str(value), None, 0)
    # A whole number is written as one, so that Excel keeps counts as integers.
    number: object = int(value) if value == value.to_integral_value() else value
    return (number, _format(goal, value), 0)


def _share(value: Fraction | Decimal | None) -> _Cell:
    return (None, None, 0) if value is None else (float(value), _PERCENT, 0)


def _text(value: object) -> _Cell:
    return (None if value is None else str(value), None, 0)


def _plan_rows(plan: Plan, fx: FxRates | None) -> list[list[_Cell]]:
    from smartgoals.planning import Relation

    shares = plan.shares(fx=fx)
    # Parts that do not combine (two currencies without rates, rates without weights)
    # leave their parent's roll-up empty; the "Check" sheet says why.
    rollup = plan.rollup(fx=fx, partial=True)
    rows = []
    for node, parent, depth in _walk(plan):
        goal = node.goal
        label = (
            node.id[len(parent.id) + 1 :]
            if parent is not None and node.id.startswith(parent.id + "/")
            else node.id
        )
        stretch = next((c for c in node.children if c.relation is Relation.STRETCH), None)
        frame = goal.timeframe
        per = goal.target.per if goal.target is not None else None
        rows.append(
            [
                (label, None, depth),
                _text(node.id),
                _text(node.relation.value),
                _text(goal.owner.name if goal.owner else None),
                (frame.start if frame else None, _DATE, 0),
                (frame.last_day if frame else None, _DATE, 0),
                _text(goal.metric.key if goal.metric else None),
                _text(goal.target.kind.value if goal.target else None),
                _amount(goal, _resolved(goal)),
                _text(goal.currency or (goal.metric.unit.value if goal.metric else None)),
                _amount(goal, _rate(goal)) if per is not None else (None, None, 0),
                _text(per.value if per is not None else None),
                _share(shares.get(node.id)),
                _share(node.weight),
                _amount(goal, rollup.get(node.id)),
                _share(node.over_assignment),
                _amount(stretch.goal, _resolved(stretch.goal)) if stretch else (None, None, 0),
                _amount(goal, node.capacity),
            ]
        )
    return rows


def _issue_row(plan: Plan, issue: PlanIssue) -> list[_Cell]:
    try:
        goal = plan.node(issue.node).goal
    except SmartGoalsError:
        goal = plan.root.goal
    return [
        _text(issue.kind.value),
        _text(issue.node),
        _text(issue.message),
        _amount(goal, issue.expected),
        _amount(goal, issue.actual),
        _amount(goal, issue.difference),
        (issue.intended, None, 0),
        _text(", ".join(issue.nodes) or None),
        _amount(goal, issue.rounding),
    ]
