"""Forecast a goal from its open pipeline: will we make the number?

:func:`track` projects by run rate: what closed so far, carried on to the end. A sales
forecast asks what the pipeline says instead. :func:`forecast` takes the deals of a CRM
(:class:`Deal`) and gives a :class:`Forecast`:

* ``closed``: won deals whose close date falls inside the goal's timeframe;
* ``commit`` and ``best_case``, cumulative as Salesforce Forecasts adds them up:
  commit = closed + open deals in the commit category; best case = commit + open deals
  in the best-case category; deals in ``pipeline`` and ``omitted`` are in neither;
* ``most_likely`` = closed + the weighted pipeline, Σ probability × amount over the open
  deals due inside the timeframe, with the probability from one of three methods
  (:class:`ForecastMethod`): stage probabilities, win rates by stage learnt from the
  closed deals, or forecast categories;
* ``coverage`` = open pipeline due inside the timeframe ÷ the target still to close,
  by :func:`smartgoals.kpi.pipeline_coverage` (infinite once the target is reached and
  pipeline remains, NaN when neither is left);
* a :class:`~smartgoals.tracking.ProgressStatus` with the reason in words.

Only deals whose (expected) close date falls inside the timeframe count. An open deal
due inside the timeframe whose close date has passed (before ``as_of``) has
**slipped**: it is reported, with its amount, and not counted, because nobody has said
when it will close now.

A goal on a count metric (new customers, deals won) counts deals instead of amounts.

>>> from datetime import date
>>> from smartgoals import metrics
>>> from smartgoals.goals import Direction, Goal, Target
>>> from smartgoals.timeframes import Timeframe
>>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
...             target=Target.at_least(100_000), timeframe=Timeframe.quarter(2027, 3),
...             currency="EUR")
>>> deals = [
...     Deal("A", 40_000, date(2027, 5, 2), date(2027, 7, 20), "won"),
...     Deal("B", 30_000, date(2027, 6, 1), date(2027, 9, 10), "open", stage="Proposal"),
...     Deal("C", 50_000, date(2027, 6, 9), date(2027, 9, 25), "open", stage="Demo"),
... ]
>>> f = forecast(goal, deals, as_of=date(2027, 8, 15),
...              stage_probabilities={"Demo": "0.2", "Proposal": "0.6"})
>>> f.closed, f.weighted_pipeline, f.most_likely, f.coverage
(Decimal('40000'), Decimal('28000.0'), Decimal('68000.0'), Decimal('1.333333333333333333333333333'))
>>> f.status.value, f.reason
('at_risk', 'most likely 68.0% of the target; coverage 1.3×, needs 2.9×')
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal, Scope, TargetKind
from smartgoals.kpi.pipeline import pipeline_coverage
from smartgoals.metrics import Aggregation, Unit
from smartgoals.timeframes import FiscalCalendar
from smartgoals.tracking import _format
from smartgoals.tracking._status import DEFAULT_THRESHOLDS, ProgressStatus, Thresholds

__all__ = [
    "DEFAULT_CATEGORY_PROBABILITIES",
    "Deal",
    "DealStatus",
    "Forecast",
    "ForecastCategory",
    "ForecastLine",
    "ForecastMethod",
    "ForecastTotals",
    "StageWinRate",
    "deals_from",
    "forecast",
    "forecast_from_totals",
    "stage_win_rates",
]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
#: Learnt win rates are used rounded to a hundredth of a percent, so that every weighted
#: amount is an exact Decimal and roll-ups add up to the cent.
WEIGHT_PLACES: Final = Decimal("0.0001")
#: The fewest closed deals a stage's win rate is learnt from, unless told otherwise.
DEFAULT_MIN_SAMPLE: Final = 20


class DealStatus(enum.Enum):
    """Where a deal stands: won, lost or still open.

    >>> DealStatus("won"), DealStatus.OPEN.value
    (<DealStatus.WON: 'won'>, 'open')
    """

    WON = "won"
    LOST = "lost"
    OPEN = "open"


class ForecastCategory(enum.Enum):
    """The forecast category of an open deal, as Salesforce Forecasts defines them.

    * ``COMMIT``: the rep is confident it closes in the period;
    * ``BEST_CASE``: it could close in the period if things go well;
    * ``PIPELINE``: an open deal with a lower chance in the period;
    * ``OMITTED``: left out of the forecast altogether.

    Commit and best case are cumulative in a :class:`Forecast` (best case includes
    commit). :meth:`parse` reads the names as CRMs write them.

    >>> ForecastCategory.parse("Best Case"), ForecastCategory.parse("omit")
    (<ForecastCategory.BEST_CASE: 'best_case'>, <ForecastCategory.OMITTED: 'omitted'>)
    """

    COMMIT = "commit"
    BEST_CASE = "best_case"
    PIPELINE = "pipeline"
    OMITTED = "omitted"

    @classmethod
    def parse(cls, value: object) -> ForecastCategory:
        """The category named by ``value``: ignoring case, spaces, ``-`` and ``_``.

        Salesforce's ``Omitted`` and HubSpot's ``Not forecasted`` and ``Omit`` are
        :attr:`OMITTED`.

        Args:
            value: A :class:`ForecastCategory` or its name.

        Returns:
            The category.

        Raises:
            InvalidInputError: for any other value.

        >>> ForecastCategory.parse("COMMIT")
        <ForecastCategory.COMMIT: 'commit'>
        >>> ForecastCategory.parse("maybe")
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.InvalidInputError: unknown forecast category 'maybe'; use commit, best_case, pipeline or omitted
        """
        if isinstance(value, ForecastCategory):
            return value
        if isinstance(value, str):
            key = value.strip().casefold().replace("-", " ").replace("_", " ")
            key = " ".join(key.split())
            found = _CATEGORY_NAMES.get(key)
            if found is not None:
                return found
        raise InvalidInputError(
            f"unknown forecast category {value!r}; use commit, best_case, pipeline or omitted",
            name="category",
            value=value,
        )


_CATEGORY_NAMES: Final = {
    "commit": ForecastCategory.COMMIT,
    "best case": ForecastCategory.BEST_CASE,
    "bestcase": ForecastCategory.BEST_CASE,
    "pipeline": ForecastCategory.PIPELINE,
    "omitted": ForecastCategory.OMITTED,
    "omit": ForecastCategory.OMITTED,
    "not forecasted": ForecastCategory.OMITTED,
}

#: The probabilities the ``categories`` method gives each category unless told otherwise:
#: a starting point (commit nearly sure, best case a coin toss); learn your own from how
#: past quarters' categories closed and pass them as ``category_probabilities``.
DEFAULT_CATEGORY_PROBABILITIES: Final[Mapping[ForecastCategory, Decimal]] = {
    ForecastCategory.COMMIT: Decimal("0.9"),
    ForecastCategory.BEST_CASE: Decimal("0.5"),
    ForecastCategory.PIPELINE: Decimal("0.2"),
    ForecastCategory.OMITTED: Decimal(0),
}


class ForecastMethod(enum.Enum):
    """How the open pipeline is weighted into ``most_likely``.

    * ``STAGES``: a probability per stage given by the user (``stage_probabilities``),
      or each deal's own ``probability`` (as the CRM holds it) when none is given;
    * ``WIN_RATES``: the win rate of each stage learnt from the closed deals: of the
      closed deals that reached the stage, the share won (needs each closed deal's
      highest stage and the stages in order; see :func:`stage_win_rates`);
    * ``CATEGORIES``: a probability per forecast category
      (:data:`DEFAULT_CATEGORY_PROBABILITIES` unless given).

    >>> ForecastMethod("win_rates")
    <ForecastMethod.WIN_RATES: 'win_rates'>
    """

    STAGES = "stages"
    WIN_RATES = "win_rates"
    CATEGORIES = "categories"


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InvalidInputError(
        f"a deal's dates must be dates or ISO text (2027-03-31), got {value!r}",
        name="date",
        value=value,
    )


def _status(value: object) -> DealStatus:
    if isinstance(value, DealStatus):
        return value
    if isinstance(value, str) and value.strip().lower() in ("won", "lost", "open"):
        return DealStatus(value.strip().lower())
    raise InvalidInputError(
        f"a deal's status must be 'won', 'lost' or 'open', got {value!r}",
        name="status",
        value=value,
    )


def _amount(value: object) -> Decimal:
    return to_decimal(value, name="amount")


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _probability(value: object) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_decimal(value, name="probability")


def _category(value: object) -> ForecastCategory | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return ForecastCategory.parse(value)


@attrs.frozen
class Deal:
    """One deal (opportunity) as a CRM holds it.

    Attributes:
        id: The deal's id.
        amount: Its value, zero or more, in the goal's currency.
        created: The day it was created.
        close: The day it was won or lost; for an open deal, its expected close date.
        status: ``won``, ``lost`` or ``open`` (:class:`DealStatus`, or its value).
        stage: The pipeline stage (for stage probabilities and learnt win rates).
        owner: The rep who owns it.
        team: The team of the owner (for roll-ups by team).
        probability: The CRM's probability that it closes, 0 to 1.
        category: Its :class:`ForecastCategory` (or the category's name).
        highest_stage: The furthest stage it reached (for learnt win rates).

    Raises:
        InvalidInputError: for an empty id, a negative amount, a close date before the
            create date, a probability outside 0 to 1, an unknown status or category.

    >>> Deal("D-1", "12500.00", date(2027, 1, 4), date(2027, 3, 1), "open",
    ...      category="Best Case").category
    <ForecastCategory.BEST_CASE: 'best_case'>
    >>> Deal("D-2", 100, date(2027, 3, 4), date(2027, 3, 1), "won")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: deal 'D-2' closes on 2027-03-01, before it was created on 2027-03-04; fix the close date or the create date
    """

    id: str = attrs.field(converter=str)
    amount: Decimal = attrs.field(converter=_amount)
    created: date = attrs.field(converter=_day)
    close: date = attrs.field(converter=_day)
    status: DealStatus = attrs.field(converter=_status)
    stage: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)
    owner: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)
    team: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)
    probability: Decimal | None = attrs.field(default=None, converter=_probability, kw_only=True)
    category: ForecastCategory | None = attrs.field(
        default=None, converter=_category, kw_only=True
    )
    highest_stage: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.id.strip():
            raise InvalidInputError("a deal needs an id, got an empty one", name="id", value="")
        if self.amount < 0:
            raise InvalidInputError(
                f"deal {self.id!r} has a negative amount {self.amount}; amounts are zero or more",
                name="amount",
                value=self.amount,
            )
        if self.close < self.created:
            raise InvalidInputError(
                f"deal {self.id!r} closes on {self.close}, before it was created on "
                f"{self.created}; fix the close date or the create date",
                name="close",
                value=self.close,
            )
        if self.probability is not None and not _ZERO <= self.probability <= _ONE:
            raise InvalidInputError(
                f"deal {self.id!r} has probability {self.probability}; a probability is "
                "from 0 to 1 (write 0.4 for 40%)",
                name="probability",
                value=self.probability,
            )


#: The columns :func:`deals_from` reads: :class:`Deal`'s fields.
DEAL_COLUMNS: Final = tuple(field.name for field in attrs.fields(Deal))
_REQUIRED: Final = ("id", "amount", "created", "close", "status")


def deals_from(records: Iterable[Mapping[str, object]], *, first_row: int = 1) -> list[Deal]:
    """Read deals from records (one mapping per deal, keyed by :class:`Deal`'s fields).

    Every record is checked before any error is raised, so one error names each column
    at fault and how many rows break it: a missing value, a negative amount, a bad date,
    a close date before the create date, a probability outside 0 to 1, an unknown status
    or category.

    Args:
        records: Mappings with the keys ``id``, ``amount``, ``created``, ``close``,
            ``status`` and any of ``stage``, ``owner``, ``team``, ``probability``,
            ``category``, ``highest_stage``. Dates as dates or ISO text, numbers as
            numbers or text; an empty text is no value.
        first_row: The number of the first record in messages (2 for the line after a
            CSV file's header).

    Returns:
        The deals, in order.

    Raises:
        InvalidInputError: for unknown keys, or rows that break the rules (one error
            for all of them).

    >>> rows = [{"id": "1", "amount": "500", "created": "2027-01-05", "close": "2027-02-01",
    ...          "status": "open", "probability": "1.5"},
    ...         {"id": "2", "amount": "900", "created": "2027-01-09", "close": "2027-01-02",
    ...          "status": "open", "probability": "2"}]
    >>> deals_from(rows)
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: deals: 2 of 2 rows are invalid: column 'probability': 2 rows outside 0 to 1 (first at row 1: '1.5'); column 'close': 1 row before 'created' (first at row 2: '2027-01-02')
    """
    problems: dict[tuple[str, str], list[tuple[int, object]]] = {}
    deals: list[Deal] = []
    bad_rows: set[int] = set()
    total = 0

    def note(column: str, problem: str, row: int, value: object) -> None:
        problems.setdefault((column, problem), []).append((row, value))
        bad_rows.add(row)

    for index, record in enumerate(records):
        row = first_row + index
        total += 1
        unknown = sorted(str(k) for k in record if k not in DEAL_COLUMNS)
        if unknown:
            raise InvalidInputError(
                f"deals: unknown columns {unknown}; the columns are {', '.join(DEAL_COLUMNS)}",
                name="columns",
                value=unknown,
            )
        before = len(bad_rows)
        fields = _fields(record, row, note)
        if len(bad_rows) == before:
            deals.append(Deal(**fields))
    if problems:
        parts = []
        for (column, problem), found in problems.items():
            count = len(found)
            row, value = found[0]
            noun = "row" if count == 1 else "rows"
            parts.append(
                f"column {column!r}: {count} {noun} {problem} (first at row {row}: "
                f"{repr(value) if isinstance(value, str) else value})"
            )
        raise InvalidInputError(
            f"deals: {len(bad_rows)} of {total} rows are invalid: {'; '.join(parts)}",
            name=next(iter(problems))[0],
            value=[(c, p, len(f)) for (c, p), f in problems.items()],
        )
    return deals


def _fields(record: Mapping[str, object], row: int, note: Any) -> dict[str, Any]:
    """A record's fields converted for :class:`Deal`; each problem is noted, not raised."""

    def empty(value: object) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    fields: dict[str, Any] = {}
    for column in _REQUIRED:
        if empty(record.get(column)):
            note(column, "without a value", row, record.get(column))
    converters: dict[str, tuple[Any, str]] = {
        "amount": (_amount, "that is not a number"),
        "created": (_day, "that is not a date"),
        "close": (_day, "that is not a date"),
        "status": (_status, "that is not won, lost or open"),
        "probability": (_probability, "that is not a number"),
        "category": (
            _category,
            "with an unknown category (use commit, best_case, pipeline or omitted)",
        ),
    }
    for column, value in record.items():
        if empty(value):
            continue
        if column in converters:
            convert, problem = converters[column]
            try:
                fields[column] = convert(value)
            except InvalidInputError:
                note(column, problem, row, value)
        else:
            fields[column] = value
    amount = fields.get("amount")
    if isinstance(amount, Decimal) and amount < 0:
        note("amount", "that is negative", row, record.get("amount"))
    probability = fields.get("probability")
    if isinstance(probability, Decimal) and not _ZERO <= probability <= _ONE:
        note("probability", "outside 0 to 1", row, record.get("probability"))
    created, close = fields.get("created"), fields.get("close")
    if isinstance(created, date) and isinstance(close, date) and close < created:
        note("close", "before 'created'", row, record.get("close"))
    return fields


@attrs.frozen
class StageWinRate:
    """The win rate of one stage, learnt from the closed deals that reached it.

    Attributes:
        stage: The stage.
        won: Closed deals that reached the stage and were won.
        closed: Closed (won or lost) deals that reached the stage: the sample size.
        min_sample: The fewest closed deals the rate is learnt from.

    >>> rate = StageWinRate("Demo", 12, 40, 20)
    >>> rate.rate, rate.weight, rate.enough
    (Fraction(3, 10), Decimal('0.3000'), True)
    """

    stage: str
    won: int
    closed: int
    min_sample: int = DEFAULT_MIN_SAMPLE

    @property
    def rate(self) -> Fraction | None:
        """Won ÷ closed, exact; ``None`` when no closed deal reached the stage.

        >>> StageWinRate("Demo", 0, 0).rate is None
        True
        """
        return None if self.closed == 0 else Fraction(self.won, self.closed)

    @property
    def enough(self) -> bool:
        """Whether the sample reaches the floor (:attr:`min_sample`, and at least one deal).

        >>> StageWinRate("Demo", 3, 7, 20).enough
        False
        """
        return self.closed >= max(self.min_sample, 1)

    @property
    def weight(self) -> Decimal | None:
        """The rate as used to weight deals: rounded to a hundredth of a percent.

        >>> StageWinRate("Demo", 1, 3).weight
        Decimal('0.3333')
        """
        rate = self.rate
        if rate is None:
            return None
        return (Decimal(rate.numerator) / Decimal(rate.denominator)).quantize(WEIGHT_PLACES)


def stage_win_rates(
    outcomes: Mapping[str, tuple[int, int]],
    *,
    stage_order: Sequence[str],
    min_sample: int = DEFAULT_MIN_SAMPLE,
) -> tuple[StageWinRate, ...]:
    """Learn the win rate of each stage from closed deals' highest stages.

    A closed deal that got as far as stage *k* reached every stage before it too. So the
    win rate of a stage is: of the closed deals whose highest stage is that stage or a
    later one, the share won. Salesforce's "historical win rate by stage" and HubSpot's
    "deal stage probability" learnt from history read it the same way.

    Args:
        outcomes: For each highest stage reached, ``(won, lost)``: how many closed deals
            got that far and no further, and were won or lost.
        stage_order: Every open stage of the pipeline, first to last.
        min_sample: The fewest closed deals a rate is learnt from; a stage below it
            has a rate that :func:`forecast` refuses to use.

    Returns:
        One :class:`StageWinRate` per stage, in order.

    Raises:
        InvalidInputError: for a stage in ``outcomes`` not in ``stage_order``, a stage
            listed twice, negative counts, or a negative ``min_sample``.

    >>> rates = stage_win_rates({"Demo": (0, 30), "Proposal": (5, 10), "Negotiation": (15, 5)},
    ...                         stage_order=["Demo", "Proposal", "Negotiation"])
    >>> [(r.stage, r.won, r.closed, str(r.weight)) for r in rates]
    [('Demo', 20, 65, '0.3077'), ('Proposal', 20, 35, '0.5714'), ('Negotiation', 15, 20, '0.7500')]
    """
    order = [str(s) for s in stage_order]
    if len(set(order)) != len(order):
        raise InvalidInputError(
            f"stage_order lists a stage twice: {order}", name="stage_order", value=order
        )
    if isinstance(min_sample, bool) or not isinstance(min_sample, int) or min_sample < 0:
        raise InvalidInputError(
            f"min_sample must be a whole number of deals, zero or more, got {min_sample!r}",
            name="min_sample",
            value=min_sample,
        )
    unknown = sorted(s for s in outcomes if s not in order)
    if unknown:
        raise InvalidInputError(
            f"closed deals reached stages {unknown} that stage_order does not list; the "
            f"stages in order are {order}",
            name="highest_stage",
            value=unknown,
        )
    for stage, (won, lost) in outcomes.items():
        if won < 0 or lost < 0:
            raise InvalidInputError(
                f"stage {stage!r} has negative counts ({won} won, {lost} lost)",
                name="outcomes",
                value=(won, lost),
            )
    rates = []
    won_from = closed_from = 0
    for stage in reversed(order):
        won, lost = outcomes.get(stage, (0, 0))
        won_from += won
        closed_from += won + lost
        rates.append(StageWinRate(stage, won_from, closed_from, min_sample))
    return tuple(reversed(rates))


@attrs.frozen
class ForecastTotals:
    """The sums a forecast is made of, for one group of deals; they add up exactly.

    For a count goal every amount is a number of deals.

    Attributes:
        closed: Won inside the timeframe.
        commit: Open deals in the commit category, due inside the timeframe.
        best_case: Open deals in the best-case category, due inside the timeframe.
        pipeline: Every open deal due inside the timeframe, from ``as_of`` on, except
            those omitted from the forecast.
        weighted: Σ probability × amount over the ``pipeline`` deals.
        won_deals: How many deals make up ``closed``.
        open_deals: How many deals make up ``pipeline``.
        slipped: Open deals due inside the timeframe whose close date passed before
            ``as_of``.
        slipped_deals: How many deals make up ``slipped``.

    >>> a = ForecastTotals(closed=Decimal(10), pipeline=Decimal(30), weighted=Decimal(9))
    >>> (a + a).closed, sum([a, a, a], ForecastTotals()).weighted
    (Decimal('20'), Decimal('27'))
    """

    closed: Decimal = _ZERO
    commit: Decimal = _ZERO
    best_case: Decimal = _ZERO
    pipeline: Decimal = _ZERO
    weighted: Decimal = _ZERO
    won_deals: int = 0
    open_deals: int = 0
    slipped: Decimal = _ZERO
    slipped_deals: int = 0

    def __add__(self, other: ForecastTotals) -> ForecastTotals:
        """The totals of both groups together."""
        if not isinstance(other, ForecastTotals):
            return NotImplemented
        return ForecastTotals(
            *(getattr(self, f.name) + getattr(other, f.name) for f in attrs.fields(ForecastTotals))
        )


def _scenarios(target: Decimal, totals: ForecastTotals) -> dict[str, Decimal]:
    closed = totals.closed
    commit = closed + totals.commit
    return {
        "closed": closed,
        "commit": commit,
        "best_case": commit + totals.best_case,
        "most_likely": closed + totals.weighted,
    }


def _coverage(pipeline: Decimal, remaining: Decimal) -> Decimal:
    """Open pipeline ÷ the target left, by :func:`smartgoals.kpi.pipeline_coverage`."""
    value = pipeline_coverage(pipeline, max(remaining, _ZERO))
    assert isinstance(value, Decimal)
    return value


def _needed(totals: ForecastTotals, required: Decimal | None) -> Decimal | None:
    """The coverage at which the pipeline, at its average weight, closes the gap."""
    if required is not None:
        return required
    if totals.weighted == 0:
        return None
    return totals.pipeline / totals.weighted


def _times(value: Decimal | None) -> str:
    if value is None:
        return "n/a"
    if value.is_nan():
        return "n/a"
    if value.is_infinite():
        return "∞"
    return f"{value.quantize(Decimal('0.1')):,f}×"


def _judge(
    target: Decimal,
    totals: ForecastTotals,
    *,
    as_of: date,
    last_day: date,
    thresholds: Thresholds,
    required: Decimal | None,
) -> tuple[ProgressStatus, str]:
    """The status of a forecast and why, in words."""
    numbers = _scenarios(target, totals)
    closed, likely = numbers["closed"], numbers["most_likely"]
    if as_of >= last_day:
        if closed == target:
            status = ProgressStatus.ACHIEVED
        else:
            status = ProgressStatus.EXCEEDED if closed > target else ProgressStatus.MISSED
        return status, f"closed {_share(closed, target)} of the target; the timeframe is over"
    if closed >= target:
        return ProgressStatus.ON_TRACK, f"closed {_share(closed, target)} of the target"
    coverage = _coverage(totals.pipeline, target - closed)
    needed = _needed(totals, required)
    needs = "nothing is weighted" if needed is None else f"needs {_times(needed)}"
    why = f"coverage {_times(coverage)}, {needs}"
    if required is not None:
        ratio = coverage / required if required > 0 else Decimal("Infinity")
        judged = why
    else:
        ratio = likely / target
        judged = f"most likely {_share(likely, target)} of the target; {why}"
    status = thresholds.status(pace=ratio, expected_progress=_ONE, progress=ratio)
    if closed + totals.pipeline < target:
        # Even if every open deal closed, the target would not be reached.
        status = ProgressStatus.AT_RISK
    return status, judged


def _share(value: Decimal, target: Decimal) -> str:
    if target == 0:
        return "all"
    return _format.percent(value / target)


@attrs.frozen
class ForecastLine:
    """One owner's or team's part of a :class:`Forecast`.

    Attributes:
        name: The owner or team (``"(none)"`` for deals without one).
        totals: Its :class:`ForecastTotals`.
        target: Its own target, when known (a quota, or the goal's target for each
            holder of a role); ``None`` otherwise.
        status: Its status by the same rule as the forecast's, when it has a target.
        reason: Why, in words (empty without a target).

    >>> line = ForecastLine("ann", ForecastTotals(closed=Decimal(5), weighted=Decimal(3)))
    >>> line.most_likely, line.target is None
    (Decimal('8'), True)
    """

    name: str
    totals: ForecastTotals
    target: Decimal | None = None
    status: ProgressStatus | None = None
    reason: str = ""

    @property
    def closed(self) -> Decimal:
        """Won inside the timeframe.

        >>> ForecastLine("x", ForecastTotals(closed=Decimal(5))).closed
        Decimal('5')
        """
        return self.totals.closed

    @property
    def commit(self) -> Decimal:
        """Closed + open commit deals.

        >>> ForecastLine("x", ForecastTotals(closed=Decimal(5), commit=Decimal(2))).commit
        Decimal('7')
        """
        return self.totals.closed + self.totals.commit

    @property
    def best_case(self) -> Decimal:
        """Commit + open best-case deals.

        >>> ForecastLine("x", ForecastTotals(commit=Decimal(2), best_case=Decimal(1))).best_case
        Decimal('3')
        """
        return self.commit + self.totals.best_case

    @property
    def most_likely(self) -> Decimal:
        """Closed + the weighted pipeline.

        >>> ForecastLine("x", ForecastTotals(closed=Decimal(5), weighted=Decimal(1))).most_likely
        Decimal('6')
        """
        return self.totals.closed + self.totals.weighted

    @property
    def coverage(self) -> Decimal | None:
        """Open pipeline ÷ the line's target still to close; ``None`` without a target.

        >>> ForecastLine("x", ForecastTotals(pipeline=Decimal(6)), Decimal(2)).coverage
        Decimal('3')
        """
        if self.target is None:
            return None
        return _coverage(self.totals.pipeline, self.target - self.totals.closed)

    def to_dict(self) -> dict[str, Any]:
        """The line as plain JSON types (Decimals as strings).

        >>> ForecastLine("ann", ForecastTotals(closed=Decimal(5))).to_dict()["closed"]
        '5'
        """
        t = self.totals
        return {
            "name": self.name,
            "target": _text(self.target),
            "closed": _text(self.closed),
            "commit": _text(self.commit),
            "best_case": _text(self.best_case),
            "most_likely": _text(self.most_likely),
            "pipeline": _text(t.pipeline),
            "weighted_pipeline": _text(t.weighted),
            "coverage": _text(self.coverage),
            "won_deals": t.won_deals,
            "open_deals": t.open_deals,
            "slipped": _text(t.slipped),
            "slipped_deals": t.slipped_deals,
            "status": None if self.status is None else self.status.value,
            "reason": self.reason,
        }


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value.is_nan():
        return "NaN"
    if value.is_infinite():
        return "Infinity" if value > 0 else "-Infinity"
    return f"{value:f}"


@attrs.frozen
class Forecast:
    """Where a goal will land by its pipeline, as of a day (see :func:`forecast`).

    Sign convention: a gap is *scenario − target*, negative when short.

    Attributes:
        goal: The goal forecast.
        as_of: The day of the pipeline.
        method: How the pipeline was weighted.
        target: The goal's total (:meth:`Goal.target_total
            <smartgoals.goals.Goal.target_total>`; times the owners for a role goal).
        totals: The sums behind every number.
        coverage: Open pipeline ÷ target still to close (infinite once reached with
            pipeline left, NaN with neither).
        needed_coverage: The coverage the status asks for: the ``required_coverage``
            given, else the pipeline ÷ its weighted value (the coverage at which the
            weighted pipeline exactly closes the gap); ``None`` when nothing is weighted.
        status: A :class:`~smartgoals.tracking.ProgressStatus`.
        reason: Why, in words: "most likely 92.0% of the target; coverage 1.6×, needs 3.0×".
        slipped: The ids of the open deals due inside the timeframe whose close date
            passed before ``as_of``.
        win_rates: The learnt win rates (``WIN_RATES`` method), with their samples.
        lines: The parts per owner or team, when asked for; they add up to the totals.
        by: What :attr:`lines` are per (``"owner"``, ``"team"``, a column), or ``None``.

    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.at_least(100), timeframe=Timeframe.quarter(2027, 1))
    >>> f = forecast_from_totals(goal, ForecastTotals(closed=Decimal(40), commit=Decimal(30),
    ...     best_case=Decimal(20), pipeline=Decimal(80), weighted=Decimal(45)),
    ...     as_of=date(2027, 2, 1))
    >>> f.closed, f.commit, f.best_case, f.most_likely, f.remaining
    (Decimal('40'), Decimal('70'), Decimal('90'), Decimal('85'), Decimal('60'))
    >>> f.gaps["best_case"], f.pipeline, f.weighted_pipeline, f.label
    (Decimal('-10'), Decimal('80'), Decimal('45'), 'revenue')
    """

    goal: Goal
    as_of: date
    method: ForecastMethod
    target: Decimal
    totals: ForecastTotals
    coverage: Decimal
    needed_coverage: Decimal | None
    status: ProgressStatus
    reason: str
    slipped: tuple[str, ...] = ()
    win_rates: tuple[StageWinRate, ...] = ()
    lines: tuple[ForecastLine, ...] = ()
    by: str | None = None

    @property
    def closed(self) -> Decimal:
        """Won inside the timeframe."""
        return self.totals.closed

    @property
    def commit(self) -> Decimal:
        """Closed + open commit deals due inside the timeframe."""
        return self.totals.closed + self.totals.commit

    @property
    def best_case(self) -> Decimal:
        """Commit + open best-case deals due inside the timeframe."""
        return self.commit + self.totals.best_case

    @property
    def most_likely(self) -> Decimal:
        """Closed + the weighted pipeline."""
        return self.totals.closed + self.totals.weighted

    @property
    def weighted_pipeline(self) -> Decimal:
        """Σ probability × amount over the open deals due inside the timeframe."""
        return self.totals.weighted

    @property
    def pipeline(self) -> Decimal:
        """The open deals due inside the timeframe, not omitted, not slipped."""
        return self.totals.pipeline

    @property
    def remaining(self) -> Decimal:
        """The target still to close (negative once passed)."""
        return self.target - self.totals.closed

    @property
    def gaps(self) -> dict[str, Decimal]:
        """Each scenario minus the target: closed, commit, best case, most likely.

        Negative is a shortfall, positive a cushion.
        """
        return {k: v - self.target for k, v in _scenarios(self.target, self.totals).items()}

    @property
    def label(self) -> str:
        """The goal's statement, else its metric's name."""
        if self.goal.statement:
            return self.goal.statement
        assert self.goal.metric is not None
        return self.goal.metric.name

    def _amount(self, value: Decimal | None) -> str:
        return _format.amount(value, self.goal.metric, self.goal.currency)

    def __str__(self) -> str:
        """Aligned lines in English: the status and why, each scenario and its gap.

        Then the pipeline, slipped deals, learnt win rates, and a table of the lines.
        """
        timeframe = self.goal.timeframe
        assert timeframe is not None
        gaps = self.gaps
        amounts = {k: self._amount(getattr(self, k)) for k in ("target", *_SCENARIO_NAMES)}
        width = max(len(a) for a in amounts.values())
        rows = [
            f"{self.label}, {timeframe}, as of {self.as_of.isoformat()}: "
            f"{self.status.label} ({self.reason})",
            f"  target       {amounts['target']:>{width}}",
        ]
        for key, name in _SCENARIO_NAMES.items():
            gap = _format.signed(gaps[key], self.goal.metric, self.goal.currency)
            rows.append(f"  {name:<12} {amounts[key]:>{width}}  gap {gap}")
        t = self.totals
        rows.append(
            f"  pipeline     {self._amount(t.pipeline)} in {_deals(t.open_deals)}, weighted "
            f"{self._amount(t.weighted)} by {self.method.value.replace('_', ' ')}"
        )
        rows.append(
            f"  coverage     {_times(self.coverage)} the "
            f"{self._amount(max(self.remaining, _ZERO))} still to close"
        )
        if t.slipped_deals:
            shown = ", ".join(self.slipped[:5])
            more = f" and {len(self.slipped) - 5} more" if len(self.slipped) > 5 else ""
            rows.append(
                f"  slipped      {_deals(t.slipped_deals)}, {self._amount(t.slipped)}, open past "
                f"their close date, not counted: {shown}{more}"
            )
        if self.win_rates:
            rates = ", ".join(
                f"{r.stage} {_format.percent(r.weight)} of {r.closed}" for r in self.win_rates
            )
            rows.append(f"  win rates    {rates} (closed deals)")
        if self.lines:
            rows.append("")
            rows.extend(_line_table(self))
        return "\n".join(rows)

    def to_dict(self) -> dict[str, Any]:
        """The numbers as plain JSON types: Decimals as strings, dates as ISO strings.

        >>> from smartgoals import metrics
        >>> from smartgoals.goals import Direction, Goal, Target
        >>> from smartgoals.timeframes import Timeframe
        >>> goal = Goal(metric=metrics.get("new_customers"), direction=Direction.INCREASE,
        ...             target=Target.at_least(4), timeframe=Timeframe.quarter(2027, 1))
        >>> deals = [Deal("1", 900, date(2027, 1, 2), date(2027, 2, 1), "won"),
        ...          Deal("2", 500, date(2027, 1, 3), date(2027, 3, 9), "open", probability="0.5")]
        >>> doc = forecast(goal, deals, as_of=date(2027, 2, 15)).to_dict()
        >>> doc["closed"], doc["most_likely"], doc["gaps"]["most_likely"], doc["status"]
        ('1', '1.5', '-2.5', 'at_risk')
        """
        timeframe = self.goal.timeframe
        assert timeframe is not None
        metric = self.goal.metric
        t = self.totals
        return {
            "label": self.label,
            "metric": None if metric is None else metric.key,
            "currency": self.goal.currency,
            "start": timeframe.start.isoformat(),
            "end": timeframe.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "method": self.method.value,
            "target": _text(self.target),
            "closed": _text(self.closed),
            "commit": _text(self.commit),
            "best_case": _text(self.best_case),
            "most_likely": _text(self.most_likely),
            "weighted_pipeline": _text(t.weighted),
            "pipeline": _text(t.pipeline),
            "coverage": _text(self.coverage),
            "needed_coverage": _text(self.needed_coverage),
            "gaps": {k: _text(v) for k, v in self.gaps.items()},
            "status": self.status.value,
            "reason": self.reason,
            "won_deals": t.won_deals,
            "open_deals": t.open_deals,
            "slipped": {"deals": list(self.slipped), "amount": _text(t.slipped)},
            "win_rates": [
                {
                    "stage": r.stage,
                    "won": r.won,
                    "closed": r.closed,
                    "rate": _text(r.weight),
                    "enough": r.enough,
                }
                for r in self.win_rates
            ],
            "by": self.by,
            "lines": [line.to_dict() for line in self.lines],
        }

    def _repr_html_(self) -> str:
        """A compact HTML card for notebooks, with the status in its colour."""
        esc = _format.escape
        gaps = self.gaps
        cells = [("target", self._amount(self.target))]
        for key, name in _SCENARIO_NAMES.items():
            cells.append((name, self._amount(getattr(self, key))))
        cells += [
            ("gap (most likely)", _format.signed(gaps["most_likely"], self.goal.metric, None)),
            ("pipeline", self._amount(self.pipeline)),
            ("coverage", _times(self.coverage)),
        ]
        head = "".join(f'<th style="padding:0 6px">{esc(k)}</th>' for k, _ in cells)
        body = "".join(
            f'<td style="padding:0 6px;text-align:right">{esc(v)}</td>' for _, v in cells
        )
        slipped = (
            f'<div style="color:#9a6700">{self.totals.slipped_deals} slipped: '
            f"{esc(', '.join(self.slipped))}</div>"
            if self.slipped
            else ""
        )
        return (
            f"<div><div><strong>{esc(self.label)}</strong>, as of {self.as_of.isoformat()}: "
            f"{_format.status_badge(self.status)} {esc(self.reason)}</div>"
            f'<table style="border-collapse:collapse"><tr>{head}</tr><tr>{body}</tr></table>'
            f"{slipped}</div>"
        )


_SCENARIO_NAMES: Final = {
    "closed": "closed",
    "commit": "commit",
    "best_case": "best case",
    "most_likely": "most likely",
}


def _deals(count: int) -> str:
    return f"{count} deal" if count == 1 else f"{count} deals"


def _line_table(f: Forecast) -> list[str]:
    """The lines as an aligned table (numbers without the currency)."""
    metric = f.goal.metric
    head = [f.by or "group", "closed", "commit", "best case", "most likely", "pipeline",
            "coverage", "status"]  # fmt: skip
    rows = [
        [
            line.name,
            *(
                _format.amount(v, metric, None)
                for v in (line.closed, line.commit, line.best_case, line.most_likely)
            ),
            _format.amount(line.totals.pipeline, metric, None),
            _times(line.coverage),
            "" if line.status is None else line.status.label,
        ]
        for line in f.lines
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def fit(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:-1], widths[1:-1], strict=True)]
        return "  " + "  ".join([first, *rest, cells[-1]]).rstrip()

    return [fit(head), *(fit(r) for r in rows)]


def _counting(goal: Goal) -> bool:
    """Whether the goal counts deals (a count metric) rather than adding their amounts."""
    goal.require("metric", "target_value", "timeframe", action="forecast the goal")
    metric, target = goal.metric, goal.target
    assert metric is not None
    assert target is not None
    if metric.aggregation is not Aggregation.SUM or metric.unit not in (
        Unit.CURRENCY,
        Unit.COUNT,
    ):
        raise InvalidInputError(
            f"a forecast adds up deals, so it needs a goal on a metric that sums money or "
            f"counts (revenue, new customers, deals won); {metric.name} is a "
            f"{metric.aggregation.value} metric in {metric.unit.value}",
            name="goal",
            value=metric.key,
        )
    if target.kind is TargetKind.AT_MOST:
        raise InvalidInputError(
            "a forecast measures how far deals take a goal up to its target; an AT_MOST "
            "target is a cap, which the pipeline does not forecast",
            name="goal",
            value=target.kind.value,
        )
    return metric.unit is Unit.COUNT


def _weights(values: Mapping[str, object] | None, name: str) -> dict[str, Decimal] | None:
    if values is None:
        return None
    weights = {str(k): to_decimal(v, name=f"{name}[{k!r}]") for k, v in values.items()}
    bad = sorted(k for k, v in weights.items() if not _ZERO <= v <= _ONE)
    if bad:
        raise InvalidInputError(
            f"{name} must be probabilities from 0 to 1; not for {bad} "
            f"({', '.join(str(weights[k]) for k in bad)}); write 0.4 for 40%",
            name=name,
            value={k: weights[k] for k in bad},
        )
    return weights


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


#: The probability of each forecast category, keyed by the category or its name.
CategoryProbabilities: TypeAlias = (
    Mapping[ForecastCategory, object]
    | Mapping[str, object]
    | Mapping[ForecastCategory | str, object]
)

#: Gives an open deal's probability, noting in the dict (problem → deal ids) what is missing.
_Weigh = Callable[[Deal, dict[str, list[str]]], Decimal]


def forecast(
    goal: Goal,
    deals: Iterable[Deal],
    *,
    as_of: date,
    method: ForecastMethod | str = ForecastMethod.STAGES,
    stage_probabilities: Mapping[str, object] | None = None,
    stage_order: Sequence[str] | None = None,
    category_probabilities: CategoryProbabilities | None = None,
    min_sample: int = DEFAULT_MIN_SAMPLE,
    by: Literal["owner", "team"] | None = None,
    quotas: Mapping[str, object] | None = None,
    required_coverage: object = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    calendar: FiscalCalendar | None = None,
) -> Forecast:
    """Forecast where a goal lands from its closed deals and open pipeline.

    Which deals count:

    * won deals whose close date falls inside the goal's timeframe are ``closed``
      (the deals are the pipeline as it stands on ``as_of``);
    * open deals whose expected close date falls inside the timeframe, on or after
      ``as_of``, are the pipeline; those in the ``omitted`` category are left out;
    * open deals due inside the timeframe whose close date passed before ``as_of``
      have **slipped**: reported in :attr:`Forecast.slipped`, never counted;
    * any other deal (due before or after the timeframe) changes nothing;
    * lost deals only teach the ``win_rates`` method.

    Status: after the timeframe's last day, achieved, exceeded or missed by what
    closed. Before, on track once closed reaches the target; otherwise ``thresholds``
    (by default ratio: ≥ 99% on track, ≥ 81% behind) judge most likely ÷ target, or,
    with ``required_coverage`` (the "3× rule"), coverage ÷ required coverage. A goal
    that even every open deal could not reach is at risk.

    Args:
        goal: A goal on a SUM metric in money (revenue) or a count (new customers,
            deals won: each deal counts 1); a rate (``Target.per``) forecasts its
            :meth:`~smartgoals.goals.Goal.target_total`.
        deals: The deals (:class:`Deal`; :func:`deals_from` reads records).
        as_of: The day the pipeline stands on.
        method: How to weight the pipeline (:class:`ForecastMethod` or its value).
        stage_probabilities: ``STAGES``: the probability of each stage; without it,
            each deal's own ``probability``.
        stage_order: ``WIN_RATES``: the open stages, first to last.
        category_probabilities: ``CATEGORIES``: the probability of each category
            (missing ones from :data:`DEFAULT_CATEGORY_PROBABILITIES`).
        min_sample: ``WIN_RATES``: the fewest closed deals a stage's rate is learnt from.
        by: Split into :attr:`Forecast.lines` per ``"owner"`` or ``"team"``.
        quotas: The target of each line by name; for a goal owned by a role ("each
            AE") each owner's target is the goal's own, and the forecast's target is
            that times the owners.
        required_coverage: Judge by coverage against this multiple (3 for the "3×
            rule") instead of by the most likely outcome.
        thresholds: The limits of the statuses.
        calendar: The fiscal calendar of a rate goal's periods.

    Returns:
        The :class:`Forecast`.

    Raises:
        IncompleteGoalError: if the goal lacks a metric, target or timeframe.
        InvalidInputError: for a goal that is not a sum of money or counts, an
            ``AT_MOST`` target, a deal that is not a :class:`Deal`, a duplicate deal id,
            probabilities outside 0 to 1, an open deal whose stage has no probability,
            no probability, no category; for ``WIN_RATES`` closed deals without a
            highest stage, no ``stage_order``, or a stage whose sample is below
            ``min_sample``.

    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.at_least(100), timeframe=Timeframe.quarter(2027, 1))
    >>> deals = [Deal("1", 60, date(2027, 1, 2), date(2027, 2, 1), "won", owner="ann"),
    ...          Deal("2", 50, date(2027, 1, 3), date(2027, 3, 9), "open", owner="bob",
    ...               category="commit"),
    ...          Deal("3", 40, date(2027, 1, 3), date(2027, 3, 20), "open", owner="bob",
    ...               category="best case")]
    >>> f = forecast(goal, deals, as_of=date(2027, 2, 15), method="categories", by="owner")
    >>> f.commit, f.best_case, f.most_likely, f.status.value
    (Decimal('110'), Decimal('150'), Decimal('125.0'), 'on_track')
    >>> [(line.name, line.most_likely) for line in f.lines]
    [('ann', Decimal('60')), ('bob', Decimal('65.0'))]
    """
    counting = _counting(goal)
    timeframe = goal.timeframe
    assert timeframe is not None
    if type(as_of) is not date:
        raise InvalidInputError(
            f"as_of must be a datetime.date, got {type(as_of).__name__} ({as_of!r})",
            name="as_of",
            value=as_of,
        )
    how = _method(method)
    items = list(deals)
    wrong = [d for d in items if not isinstance(d, Deal)]
    if wrong:
        raise InvalidInputError(
            f"deals must be Deal values; got {len(wrong)} of another type, first "
            f"{type(wrong[0]).__name__}; read records with deals_from()",
            name="deals",
            value=wrong[0],
        )
    ids = [d.id for d in items]
    if len(set(ids)) != len(ids):
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise InvalidInputError(
            f"deal ids must be unique; {len(twice)} repeat: {twice[:5]}",
            name="id",
            value=twice,
        )
    win_rates: tuple[StageWinRate, ...] = ()
    if how is ForecastMethod.WIN_RATES:
        win_rates = _learn(items, stage_order, min_sample)
    weigh = _weigher(
        how,
        stage_probabilities=_weights(stage_probabilities, "stage_probabilities"),
        category_probabilities=category_probabilities,
        win_rates=win_rates,
    )
    start, end = timeframe.start, timeframe.end
    lines: dict[str, ForecastTotals] = {}
    slipped: list[str] = []
    problems: dict[str, list[str]] = {}
    for deal in items:
        value = _ONE if counting else deal.amount
        if deal.status is DealStatus.WON:
            if start <= deal.close < end:
                part = ForecastTotals(closed=value, won_deals=1)
            else:
                continue
        elif deal.status is DealStatus.OPEN and start <= deal.close < min(as_of, end):
            if deal.category is ForecastCategory.OMITTED:
                continue
            slipped.append(deal.id)
            part = ForecastTotals(slipped=value, slipped_deals=1)
        elif deal.status is DealStatus.OPEN and start <= deal.close < end:
            if deal.category is ForecastCategory.OMITTED:
                continue
            weight = weigh(deal, problems)
            category = deal.category
            part = ForecastTotals(
                commit=value if category is ForecastCategory.COMMIT else _ZERO,
                best_case=value if category is ForecastCategory.BEST_CASE else _ZERO,
                pipeline=value,
                weighted=value * weight,
                open_deals=1,
            )
        else:
            continue
        key = _line_key(deal, by)
        lines[key] = lines.get(key, ForecastTotals()) + part
    if problems:
        raise InvalidInputError(
            "; ".join(
                f"{what}: {len(found)} open {'deal' if len(found) == 1 else 'deals'} "
                f"({', '.join(found[:5])}{' ...' if len(found) > 5 else ''})"
                for what, found in problems.items()
            ),
            name=how.value,
            value=problems,
        )
    return forecast_from_totals(
        goal,
        lines,
        as_of=as_of,
        method=how,
        by=by,
        quotas=quotas,
        required_coverage=required_coverage,
        thresholds=thresholds,
        calendar=calendar,
        slipped=tuple(slipped),
        win_rates=win_rates,
    )


_NONE: Final = "(none)"


def _line_key(deal: Deal, by: str | None) -> str:
    if by is None:
        return ""
    if by == "owner":
        return deal.owner or _NONE
    if by == "team":
        return deal.team or _NONE
    raise InvalidInputError(f"by must be 'owner', 'team' or None, got {by!r}", name="by", value=by)


def _learn(
    deals: list[Deal], stage_order: Sequence[str] | None, min_sample: int
) -> tuple[StageWinRate, ...]:
    if stage_order is None:
        raise InvalidInputError(
            "the win_rates method needs stage_order, the open stages first to last, to know "
            "which stages a closed deal passed",
            name="stage_order",
            value=None,
        )
    closed = [d for d in deals if d.status is not DealStatus.OPEN]
    without = [d.id for d in closed if d.highest_stage is None]
    if without or not closed:
        raise InvalidInputError(
            "the win_rates method learns from the highest stage each closed deal reached; "
            f"{len(without)} of {len(closed)} closed deals have none (highest_stage: "
            f"{', '.join(without[:5])}{' ...' if len(without) > 5 else ''}); add it, or "
            "weigh by stages or categories",
            name="highest_stage",
            value=without,
        )
    outcomes: dict[str, tuple[int, int]] = {}
    for d in closed:
        assert d.highest_stage is not None
        won, lost = outcomes.get(d.highest_stage, (0, 0))
        outcomes[d.highest_stage] = (
            (won + 1, lost) if d.status is DealStatus.WON else (won, lost + 1)
        )
    return stage_win_rates(outcomes, stage_order=stage_order, min_sample=min_sample)


def _weigher(
    how: ForecastMethod,
    *,
    stage_probabilities: dict[str, Decimal] | None,
    category_probabilities: CategoryProbabilities | None,
    win_rates: tuple[StageWinRate, ...],
) -> _Weigh:
    """A function giving an open deal's probability, noting what is missing."""
    if how is ForecastMethod.CATEGORIES:
        given = {ForecastCategory.parse(k): v for k, v in (category_probabilities or {}).items()}
        named = _weights({c.value: v for c, v in given.items()}, "category_probabilities")
        assert named is not None
        table = {**DEFAULT_CATEGORY_PROBABILITIES}
        table.update({ForecastCategory(k): v for k, v in named.items()})

        def by_category(deal: Deal, problems: dict[str, list[str]]) -> Decimal:
            if deal.category is None:
                problems.setdefault("no forecast category", []).append(deal.id)
                return _ZERO
            return table[deal.category]

        return by_category
    if how is ForecastMethod.WIN_RATES:
        rates = {r.stage: r for r in win_rates}

        def by_win_rate(deal: Deal, problems: dict[str, list[str]]) -> Decimal:
            rate = rates.get(deal.stage or "")
            if rate is None:
                problems.setdefault(f"a stage not in stage_order ({deal.stage!r})", []).append(
                    deal.id
                )
                return _ZERO
            if not rate.enough or rate.weight is None:
                problems.setdefault(
                    f"stage {rate.stage!r} has a win rate learnt from {rate.closed} closed "
                    f"deals, fewer than min_sample={rate.min_sample}; lower min_sample, or "
                    "weigh by stages",
                    [],
                ).append(deal.id)
                return _ZERO
            return rate.weight

        return by_win_rate
    if stage_probabilities is None:

        def by_own(deal: Deal, problems: dict[str, list[str]]) -> Decimal:
            if deal.probability is None:
                problems.setdefault(
                    "no probability (give the deal one, or pass stage_probabilities)", []
                ).append(deal.id)
                return _ZERO
            return deal.probability

        return by_own
    stages = {k.strip().casefold(): v for k, v in stage_probabilities.items()}

    def by_stage(deal: Deal, problems: dict[str, list[str]]) -> Decimal:
        weight = stages.get((deal.stage or "").strip().casefold())
        if weight is None:
            problems.setdefault(
                f"a stage without a probability ({deal.stage!r}; stage_probabilities has "
                f"{', '.join(stage_probabilities)})",
                [],
            ).append(deal.id)
            return _ZERO
        return weight

    return by_stage


def forecast_from_totals(
    goal: Goal,
    totals: Mapping[str, ForecastTotals] | ForecastTotals,
    *,
    as_of: date,
    method: ForecastMethod | str = ForecastMethod.STAGES,
    by: str | None = None,
    quotas: Mapping[str, object] | None = None,
    required_coverage: object = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    calendar: FiscalCalendar | None = None,
    slipped: Sequence[str] = (),
    win_rates: Sequence[StageWinRate] = (),
) -> Forecast:
    """Build a :class:`Forecast` from sums already made (by a database, a DataFrame).

    :func:`forecast` adds up :class:`Deal` values and calls this;
    :func:`smartgoals.frames.forecast` adds up a table's rows in its engine and calls it
    too, so both judge alike.

    Args:
        goal: The goal (as for :func:`forecast`).
        totals: One :class:`ForecastTotals`, or the totals of each line by name (with
            ``by``); the forecast's totals are their sum.
        as_of: The day of the pipeline.
        method: How the weighted amounts were weighted.
        by: What the lines are per; ``None`` for one group.
        quotas: The target of each line by name.
        required_coverage: Judge by coverage against this multiple.
        thresholds: The limits of the statuses.
        calendar: The fiscal calendar of a rate goal's periods.
        slipped: The ids of the slipped deals.
        win_rates: The learnt win rates, if any.

    Returns:
        The :class:`Forecast`.

    Raises:
        InvalidInputError: as :func:`forecast` for the goal; for a negative
            ``required_coverage`` or quota.

    >>> from smartgoals import metrics
    >>> from smartgoals.goals import Direction, Goal, Target
    >>> from smartgoals.timeframes import Timeframe
    >>> goal = Goal(metric=metrics.get("revenue"), direction=Direction.INCREASE,
    ...             target=Target.at_least(100), timeframe=Timeframe.quarter(2027, 1))
    >>> f = forecast_from_totals(goal, ForecastTotals(closed=Decimal(40), pipeline=Decimal(96),
    ...     weighted=Decimal(30)), as_of=date(2027, 2, 1), required_coverage=3)
    >>> f.coverage, f.status.value, f.reason
    (Decimal('1.6'), 'at_risk', 'coverage 1.6×, needs 3.0×')
    """
    _counting(goal)
    timeframe = goal.timeframe
    assert timeframe is not None
    how = _method(method)
    required = None if required_coverage is None else to_decimal(required_coverage)
    if required is not None and required < 0:
        raise InvalidInputError(
            f"required_coverage must be zero or more, got {required}",
            name="required_coverage",
            value=required,
        )
    named = {"": totals} if isinstance(totals, ForecastTotals) else dict(totals)
    role = goal.owner is not None and goal.owner.scope is Scope.ROLE
    each = goal.target_total(calendar=calendar)
    # Each owner of a role goal ("each AE") carries the whole target.
    holders = max(len(named), 1) if role and by == "owner" else 1
    target = each * holders
    targets = {k: to_decimal(v, name=f"quotas[{k!r}]") for k, v in (quotas or {}).items()}
    negative = sorted(k for k, v in targets.items() if v < 0)
    if negative:
        raise InvalidInputError(
            f"quotas must be zero or more; not for {negative}", name="quotas", value=negative
        )

    def judge(target: Decimal, totals: ForecastTotals) -> tuple[ProgressStatus, str]:
        return _judge(
            target,
            totals,
            as_of=as_of,
            last_day=timeframe.last_day,
            thresholds=thresholds,
            required=required,
        )

    lines = []
    if by is not None:
        for name in sorted(named):
            line_target = targets.get(name, each if role and by == "owner" else None)
            if line_target is None:
                lines.append(ForecastLine(name, named[name]))
                continue
            status, reason = judge(line_target, named[name])
            lines.append(ForecastLine(name, named[name], line_target, status, reason))
    pooled = sum(named.values(), ForecastTotals())
    status, reason = judge(target, pooled)
    return Forecast(
        goal=goal,
        as_of=as_of,
        method=how,
        target=target,
        totals=pooled,
        coverage=_coverage(pooled.pipeline, target - pooled.closed),
        needed_coverage=_needed(pooled, required),
        status=status,
        reason=reason,
        slipped=tuple(slipped),
        win_rates=tuple(win_rates),
        lines=tuple(lines),
        by=by,
    )
