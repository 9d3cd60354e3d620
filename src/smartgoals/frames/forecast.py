"""Forecast a goal from a deals table, on any engine: will we make the number?

The same forecast as :func:`smartgoals.tracking.forecast`, over a DataFrame or
LazyFrame: the engine filters and sums the deals (per group with ``by=``), and only
the sums come back, from which the :class:`~smartgoals.tracking.Forecast` is built. On a
Spark cluster nothing but those few rows (and the ids of slipped deals) reaches the
driver.

The deals table has the columns of :class:`~smartgoals.frames.DealColumns` (``id``,
``owner``, ``created``, ``closed``, ``outcome``, ``amount``), where ``closed`` is an
open deal's expected close date, and, as the method needs them, the columns of
:class:`ForecastColumns`: ``stage``, ``probability``, ``category`` and
``highest_stage``. A CRM export is read with ``preset=`` as by the deal KPIs; the
forecast columns of each built-in preset are in :data:`PRESET_COLUMNS` (Salesforce's
``Probability`` is a percentage, read as such).

Sums are the engine's Float64 sums, rounded to the metric's quantum (the cent, or one
deal), and the weighted pipeline to a hundredth of that.

>>> import polars as pl
>>> from datetime import date
>>> from smartgoals import metrics
>>> from smartgoals.goals import Direction, Goal, Target
>>> from smartgoals.timeframes import Timeframe
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.at_least(100_000), timeframe=Timeframe.quarter(2027, 3))
>>> deals = pl.DataFrame({
...     "id": [1, 2, 3], "owner": ["ann", "bob", "ann"],
...     "created": [date(2027, 5, 2), date(2027, 6, 1), date(2027, 6, 9)],
...     "closed": [date(2027, 7, 20), date(2027, 9, 10), date(2027, 9, 25)],
...     "outcome": ["won", "open", "open"], "amount": [40_000.0, 30_000.0, 50_000.0],
...     "stage": [None, "Proposal", "Demo"]})
>>> f = forecast(goal, deals, as_of=date(2027, 8, 15),
...              stage_probabilities={"Demo": 0.2, "Proposal": 0.6})
>>> f.closed, f.weighted_pipeline, f.most_likely, f.status.value
(Decimal('40000.00'), Decimal('28000.0000'), Decimal('68000.0000'), 'at_risk')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

import attrs
import narwhals as nw

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.frames._columns import Check, Frame, Invalid, enforce, invalid_mode, is_datetime
from smartgoals.frames._tables import aggregate, group_by, open_frame
from smartgoals.frames.deals import Columns, PresetArg, _prepare
from smartgoals.frames.presets import get_preset
from smartgoals.goals import Goal
from smartgoals.timeframes import FiscalCalendar
from smartgoals.tracking import (
    DEFAULT_CATEGORY_PROBABILITIES,
    Forecast,
    ForecastCategory,
    ForecastMethod,
    ForecastTotals,
    StageWinRate,
    Thresholds,
    forecast_from_totals,
    stage_win_rates,
)
from smartgoals.tracking._forecast import (
    _CATEGORY_NAMES,
    DEFAULT_MIN_SAMPLE,
    CategoryProbabilities,
)
from smartgoals.tracking._status import DEFAULT_THRESHOLDS

__all__ = ["PRESET_COLUMNS", "ForecastColumns", "forecast"]

_TABLE: Final = "deals"
_NONE: Final = "(none)"


@attrs.frozen
class ForecastColumns:
    """The columns a forecast reads besides the deals table's own.

    Each is read only when the method needs it (``category`` whenever the table has
    it, for commit and best case).

    Attributes:
        stage: The pipeline stage (stage probabilities, learnt win rates).
        probability: The CRM's probability of each deal (stages without a table).
        category: The forecast category (commit, best case, pipeline, omitted).
        highest_stage: The furthest stage a deal reached (learnt win rates).
        probability_scale: What a probability of 1 is written as: 1, or 100 when the
            column holds percentages (Salesforce).

    >>> ForecastColumns(probability="Probability", probability_scale=100).probability_scale
    100
    """

    stage: str = "stage"
    probability: str = "probability"
    category: str = "category"
    highest_stage: str = "highest_stage"
    probability_scale: int = 1


#: The forecast columns of each built-in preset's export, by preset name.
PRESET_COLUMNS: Final[Mapping[str, ForecastColumns]] = MappingProxyType(
    {
        "hubspot": ForecastColumns(
            stage="Deal Stage",
            probability="Deal probability",
            category="Forecast category",
            highest_stage="Highest stage",
        ),
        "salesforce": ForecastColumns(
            stage="StageName",
            probability="Probability",
            category="ForecastCategoryName",
            highest_stage="Highest_Stage__c",
            probability_scale=100,
        ),
        "salesforce-report": ForecastColumns(
            stage="Stage",
            probability="Probability (%)",
            category="Forecast Category",
            highest_stage="Highest Stage",
            probability_scale=100,
        ),
        "pipedrive": ForecastColumns(
            stage="Deal - Stage",
            probability="Deal - Probability",
            category="Deal - Forecast category",
            highest_stage="Deal - Highest stage",
            probability_scale=100,
        ),
    }
)


def _text(name: str) -> nw.Expr:
    """The column as trimmed lower-case text, null where blank."""
    stripped = nw.col(name).cast(nw.String).str.strip_chars().str.to_lowercase()
    return nw.when(stripped != "").then(stripped)


def _category(name: str) -> nw.Expr:
    """The category column as a :class:`ForecastCategory` value, or null when unknown."""
    text = (
        _text(name).str.replace_all("_", " ", literal=True).str.replace_all("-", " ", literal=True)
    )
    return _mapped(text, {k: c.value for k, c in _CATEGORY_NAMES.items()}, nw.String)


def _mapped(text: nw.Expr, table: Mapping[str, str] | Mapping[str, float], dtype: Any) -> nw.Expr:
    """``table[text]`` as an expression; null for a value not in the table."""
    expr: Any = nw.lit(None, dtype=dtype)
    for key, value in table.items():
        expr = nw.when(text == key).then(nw.lit(value, dtype=dtype)).otherwise(expr)
    result: nw.Expr = expr
    return result


def _day(frame: Frame, column: str, day: date) -> nw.Expr:
    """A literal day comparable with ``column`` (a datetime where it holds datetimes)."""
    if is_datetime(frame, column):
        return nw.lit(datetime(day.year, day.month, day.day))
    return nw.lit(day)


def _method(value: ForecastMethod | str) -> ForecastMethod:
    if isinstance(value, ForecastMethod):
        return value
    try:
        return ForecastMethod(value)
    except ValueError:
        raise InvalidInputError(
            f"unknown forecast method {value!r}; use stages, win_rates or categories",
            name="method",
            value=value,
        ) from None


def _forecast_columns(
    given: ForecastColumns | Mapping[str, object] | None, preset: PresetArg
) -> ForecastColumns:
    if isinstance(given, ForecastColumns):
        return given
    base = ForecastColumns()
    if preset is not None:
        base = PRESET_COLUMNS.get(get_preset(preset).name, base)
    if given is None:
        return base
    roles = [f.name for f in attrs.fields(ForecastColumns)]
    unknown = sorted(str(k) for k in given if k not in roles)
    if unknown:
        raise InvalidInputError(
            f"forecast_columns names unknown roles {unknown}; the roles are {', '.join(roles)}",
            name="forecast_columns",
            value=dict(given),
        )
    return attrs.evolve(base, **dict(given))  # type: ignore[arg-type]


def forecast(
    goal: Goal,
    deals: Any,
    *,
    as_of: date,
    method: ForecastMethod | str = ForecastMethod.STAGES,
    by: Sequence[str] | str = (),
    stage_probabilities: Mapping[str, object] | None = None,
    stage_order: Sequence[str] | None = None,
    category_probabilities: CategoryProbabilities | None = None,
    min_sample: int = DEFAULT_MIN_SAMPLE,
    quotas: Mapping[str, object] | None = None,
    required_coverage: object = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    calendar: FiscalCalendar | None = None,
    columns: Columns = None,
    forecast_columns: ForecastColumns | Mapping[str, object] | None = None,
    preset: PresetArg = None,
    invalid: Invalid = "raise",
) -> Forecast:
    """Forecast a goal from a deals table, summed by the engine (see the module).

    Which deals count, the three methods and the status are those of
    :func:`smartgoals.tracking.forecast`.

    Args:
        goal: A goal on revenue-like money or a count (each deal counts 1).
        deals: A native DataFrame or LazyFrame of deals.
        as_of: The day of the pipeline.
        method: ``"stages"``, ``"win_rates"`` or ``"categories"``.
        by: Columns whose values make the :attr:`Forecast.lines` (several are joined
            with " / "); a null value is ``"(none)"``.
        stage_probabilities: ``stages``: the probability of each stage; without it the
            ``probability`` column.
        stage_order: ``win_rates``: the open stages, first to last.
        category_probabilities: ``categories``: the probability of each category.
        min_sample: ``win_rates``: the fewest closed deals a stage's rate is learnt from.
        quotas: The target of each line by name.
        required_coverage: Judge by coverage against this multiple (the "3× rule").
        thresholds: The limits of the statuses.
        calendar: The fiscal calendar of a rate goal's periods.
        columns: The deals table's columns (:class:`~smartgoals.frames.DealColumns`).
        forecast_columns: The forecast's columns (:class:`ForecastColumns` or a
            mapping of role to name); with a preset, :data:`PRESET_COLUMNS` by default.
        preset: A CRM export's preset instead of ``columns``.
        invalid: ``"raise"``, ``"skip"`` or ``"trust"`` for bad rows.

    Returns:
        The :class:`~smartgoals.tracking.Forecast`.

    Raises:
        InvalidInputError: for a missing column, bad rows (one error naming every
            column and its row count: probabilities outside 0 to 1, unknown categories
            on open deals, close dates before create dates, ...), and what
            :func:`smartgoals.tracking.forecast` refuses.
        CurrencyMismatchError: when ``columns`` names a currency column and the deals
            are in more than one currency, or in another than the goal's; convert them
            first with :func:`~smartgoals.frames.convert_currency`.
    """
    counting = _counting(goal)
    how = _method(method)
    mode = invalid_mode(invalid)
    fc = _forecast_columns(forecast_columns, preset)
    names = group_by(by)
    schema = open_frame(deals, _TABLE).collect_schema().names()
    wanted = _wanted(how, fc, stage_probabilities)
    missing = [n for n in wanted if n not in schema]
    if missing:
        raise InvalidInputError(
            f"the {how.value} method reads the column {missing[0]!r}, which the deals table "
            f"does not have; its columns are {', '.join(map(repr, schema))}; name yours with "
            "forecast_columns={...}",
            name=missing[0],
            value=schema,
        )
    # The forecast's columns are read from copies: a preset turns its stage column into
    # the outcome, and the stage itself is still needed.
    roles = [f.name for f in attrs.fields(ForecastColumns) if f.name != "probability_scale"]
    copies = {f"__{role}": getattr(fc, role) for role in roles if getattr(fc, role) in schema}
    native = open_frame(deals, _TABLE)
    if copies:
        native = native.with_columns(*(nw.col(c).alias(k) for k, c in copies.items()))
    frame, c, _ = _prepare(
        native,
        [*names, *copies],
        columns,
        mode,
        amount=not counting,
        preset=preset,
        currency=goal.currency,
    )
    has_category = "__category" in copies
    timeframe = goal.timeframe
    assert timeframe is not None
    outcome, closed = nw.col(c.outcome), nw.col(c.closed)
    start, end = _day(frame, c.closed, timeframe.start), _day(frame, c.closed, timeframe.end)
    inside = (closed >= start) & (closed < end)
    category = _category("__category") if has_category else nw.lit(None, dtype=nw.String)
    is_open = outcome == c.open
    omitted = category == ForecastCategory.OMITTED.value
    open_in = is_open & inside & ~omitted.fill_null(value=False)
    before = closed < _day(frame, c.closed, as_of)
    slipped = open_in & before
    pipe = open_in & ~before
    win_rates: tuple[StageWinRate, ...] = ()
    if how is ForecastMethod.WIN_RATES:
        win_rates = _learn(frame, c.outcome, c.won, c.lost, fc, stage_order, min_sample)
    if names:
        # Null keys become "(none)" before grouping: pandas drops a null group.
        frame = frame.with_columns(*(nw.col(n).cast(nw.String).fill_null(_NONE) for n in names))
    weight, rules = _weight(how, fc, stage_probabilities, category_probabilities, win_rates)
    checks = [
        *_column_checks(frame, fc, is_open, has_category, how, stage_probabilities),
        *[Check(col, problem, pipe & bad) for col, problem, bad in rules],
    ]
    frame = enforce(frame, _TABLE, checks, mode)
    value = nw.lit(1.0) if counting else nw.col(c.amount).cast(nw.Float64)
    won_in = (outcome == c.won) & inside

    def amount_if(flag: nw.Expr) -> nw.Expr:
        return nw.when(flag.fill_null(value=False)).then(value).otherwise(nw.lit(0.0))

    def count_if(flag: nw.Expr) -> nw.Expr:
        return flag.fill_null(value=False).cast(nw.Int64)

    commit = pipe & (category == ForecastCategory.COMMIT.value)
    best = pipe & (category == ForecastCategory.BEST_CASE.value)
    weighted = nw.when(pipe.fill_null(value=False)).then(value * weight).otherwise(nw.lit(0.0))
    rows = frame.with_columns(
        amount_if(won_in).alias("__closed"),
        count_if(won_in).alias("__won"),
        amount_if(commit).alias("__commit"),
        amount_if(best).alias("__best"),
        amount_if(pipe).alias("__pipeline"),
        weighted.cast(nw.Float64).alias("__weighted"),
        count_if(pipe).alias("__open"),
        amount_if(slipped).alias("__slipped"),
        count_if(slipped).alias("__slipped_n"),
    )
    sums = ["__closed", "__won", "__commit", "__best", "__pipeline", "__weighted", "__open"]
    sums += ["__slipped", "__slipped_n"]
    grouped = aggregate(rows, names, [nw.col(n).sum().alias(n) for n in sums])
    collected = grouped.lazy().collect().rows(named=True)
    quantum = goal.metric.quantum if goal.metric is not None else Decimal("0.01")
    totals = {_name(row, names): _totals(row, quantum) for row in collected}
    slipped_ids = [
        str(i) for (i,) in rows.filter(slipped.fill_null(value=False)).select(c.id).lazy()
        .collect().rows()
    ]  # fmt: skip
    return forecast_from_totals(
        goal,
        totals if names else sum(totals.values(), ForecastTotals()),
        as_of=as_of,
        method=how,
        by=" / ".join(names) if names else None,
        quotas=quotas,
        required_coverage=required_coverage,
        thresholds=thresholds,
        calendar=calendar,
        slipped=sorted(slipped_ids),
        win_rates=win_rates,
    )


def _counting(goal: Goal) -> bool:
    # The goal is checked by forecast_from_totals as well; here, before any query.
    from smartgoals.tracking._forecast import _counting as counting

    return counting(goal)


def _wanted(how: ForecastMethod, fc: ForecastColumns, stage_probabilities: object) -> list[str]:
    if how is ForecastMethod.STAGES:
        return [fc.stage] if stage_probabilities is not None else [fc.probability]
    if how is ForecastMethod.WIN_RATES:
        return [fc.stage, fc.highest_stage]
    return [fc.category]


def _name(row: Mapping[str, Any], names: Sequence[str]) -> str:
    if not names:
        return ""
    return " / ".join(_NONE if row[n] is None else str(row[n]) for n in names)


def _number(value: object, places: Decimal) -> Decimal:
    if value is None:
        return Decimal(0)
    return to_decimal(value).quantize(places)


def _totals(row: Mapping[str, Any], quantum: Decimal) -> ForecastTotals:
    fine = quantum * Decimal("0.01")
    return ForecastTotals(
        closed=_number(row["__closed"], quantum),
        commit=_number(row["__commit"], quantum),
        best_case=_number(row["__best"], quantum),
        pipeline=_number(row["__pipeline"], quantum),
        weighted=_number(row["__weighted"], fine),
        won_deals=int(row["__won"] or 0),
        open_deals=int(row["__open"] or 0),
        slipped=_number(row["__slipped"], quantum),
        slipped_deals=int(row["__slipped_n"] or 0),
    )


def _probabilities(values: Mapping[str, object], name: str) -> dict[str, float]:
    table = {str(k).strip().casefold(): to_decimal(v, name=name) for k, v in values.items()}
    bad = sorted(k for k, v in table.items() if not 0 <= v <= 1)
    if bad:
        raise InvalidInputError(
            f"{name} must be probabilities from 0 to 1; not for {bad}; write 0.4 for 40%",
            name=name,
            value=bad,
        )
    return {k: float(v) for k, v in table.items()}


_Problem = tuple[str, str, nw.Expr]


def _weight(
    how: ForecastMethod,
    fc: ForecastColumns,
    stage_probabilities: Mapping[str, object] | None,
    category_probabilities: CategoryProbabilities | None,
    win_rates: tuple[StageWinRate, ...],
) -> tuple[nw.Expr, list[_Problem]]:
    """The probability of each deal, and the rules an open deal in the pipeline must meet."""
    if how is ForecastMethod.CATEGORIES:
        table = {c.value: float(p) for c, p in DEFAULT_CATEGORY_PROBABILITIES.items()}
        given = {
            ForecastCategory.parse(k).value: v for k, v in (category_probabilities or {}).items()
        }
        table.update(_probabilities(given, "category_probabilities"))
        weight = _mapped(_category("__category"), table, nw.Float64)
        return weight, [(fc.category, "is null on an open deal due in the timeframe",
                         nw.col("__category").is_null())]  # fmt: skip
    if how is ForecastMethod.WIN_RATES:
        rates = {
            r.stage.casefold(): float(r.weight)
            for r in win_rates
            if r.enough and r.weight is not None
        }
        thin = [r for r in win_rates if not r.enough]
        stage = _text("__stage")
        problems: list[_Problem] = [
            (fc.stage, "is not in stage_order on an open deal due in the timeframe",
             ~stage.is_in([r.stage.casefold() for r in win_rates]) | stage.is_null()),
        ]  # fmt: skip
        for r in thin:
            problems.append(
                (
                    fc.stage,
                    f"is {r.stage!r}, whose win rate is learnt from {r.closed} closed deals, "
                    f"fewer than min_sample={r.min_sample}; lower min_sample, or weigh by stages",
                    stage == r.stage.casefold(),
                )
            )
        return _mapped(stage, rates, nw.Float64), problems
    if stage_probabilities is None:
        scale = fc.probability_scale
        weight = nw.col("__probability").cast(nw.Float64) / scale
        return weight, [(fc.probability, "is null on an open deal due in the timeframe",
                         nw.col("__probability").is_null())]  # fmt: skip
    table = _probabilities(stage_probabilities, "stage_probabilities")
    stage = _text("__stage")
    problem = (
        fc.stage,
        f"is a stage without a probability on an open deal due in the timeframe "
        f"(stage_probabilities has {', '.join(map(str, stage_probabilities))})",
        ~stage.is_in(list(table)) | stage.is_null(),
    )
    return _mapped(stage, table, nw.Float64), [problem]


def _column_checks(
    frame: Frame,
    fc: ForecastColumns,
    is_open: nw.Expr,
    has_category: bool,
    how: ForecastMethod,
    stage_probabilities: object,
) -> list[Check]:
    """The rules of the forecast's own columns, on every row that has them."""
    checks = []
    if how is ForecastMethod.STAGES and stage_probabilities is None:
        p = nw.col("__probability").cast(nw.Float64) / fc.probability_scale
        scale = "0 to 1" if fc.probability_scale == 1 else f"0 to {fc.probability_scale}"
        checks.append(Check(fc.probability, f"is outside {scale}", (p < 0) | (p > 1)))
    if has_category:
        known = _category("__category").is_null() & ~_text("__category").is_null()
        checks.append(
            Check(
                fc.category,
                "is not a forecast category (commit, best case, pipeline, omitted) on an "
                "open deal",
                is_open & known,
            )
        )
    return checks


def _learn(
    frame: Frame,
    outcome_name: str,
    won: str,
    lost: str,
    fc: ForecastColumns,
    stage_order: Sequence[str] | None,
    min_sample: int,
) -> tuple[StageWinRate, ...]:
    """Win rates by stage from the closed deals, counted by the engine per highest stage."""
    if stage_order is None:
        raise InvalidInputError(
            "the win_rates method needs stage_order, the open stages first to last, to know "
            "which stages a closed deal passed",
            name="stage_order",
            value=None,
        )
    outcome = nw.col(outcome_name)
    closed = frame.filter(outcome.is_in([won, lost]))
    highest = _text("__highest_stage")
    counts = (
        closed.with_columns(
            highest.alias("__highest"),
            (outcome == won).cast(nw.Int64).alias("__w"),
            (outcome == lost).cast(nw.Int64).alias("__l"),
        )
        .group_by("__highest")
        .agg(nw.col("__w").sum(), nw.col("__l").sum())
        .lazy()
        .collect()
        .rows()
    )
    without = sum(int(w) + int(lost_) for h, w, lost_ in counts if h is None)
    total = sum(int(w) + int(lost_) for _, w, lost_ in counts)
    if without or not total:
        raise InvalidInputError(
            "the win_rates method learns from the highest stage each closed deal reached; "
            f"{without} of {total} closed deals have none in column {fc.highest_stage!r}; add "
            "it, or weigh by stages or categories",
            name=fc.highest_stage,
            value=without,
        )
    by_fold = {s.casefold(): s for s in stage_order}
    outcomes: dict[str, tuple[int, int]] = {}
    for h, w, lost_ in counts:
        stage = by_fold.get(h, h)
        before = outcomes.get(stage, (0, 0))
        outcomes[stage] = (before[0] + int(w), before[1] + int(lost_))
    return stage_win_rates(outcomes, stage_order=stage_order, min_sample=min_sample)
