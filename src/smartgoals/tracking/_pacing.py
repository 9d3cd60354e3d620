"""Pacing: which fraction of a target is expected by a given day."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Container, Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Final, TypeAlias

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError
from smartgoals.planning.periods import PeriodSplit
from smartgoals.timeframes import Timeframe

__all__ = ["Pacing", "PacingBasis"]

_ZERO: Final = Fraction(0)
_ONE: Final = Fraction(1)


class PacingBasis(enum.Enum):
    """How time is counted inside a period.

    >>> PacingBasis("workdays")
    <PacingBasis.WORKDAYS: 'workdays'>
    """

    CALENDAR_DAYS = "calendar_days"
    WORKDAYS = "workdays"


def _fraction(value: object, name: str) -> Fraction:
    result = value if isinstance(value, Fraction) else Fraction(to_decimal(value, name=name))
    if result < 0:
        raise InvalidInputError(
            f"{name} must not be negative, got {value!r}; a period with nothing expected "
            "has weight 0",
            name=name,
            value=value,
        )
    return result


def _pairs(periods: object) -> tuple[tuple[Timeframe, Fraction], ...]:
    raw: list[tuple[object, object]]
    if isinstance(periods, PeriodSplit):
        raw = [(p.timeframe, p.weight) for p in periods.periods]
    elif isinstance(periods, Mapping):
        raw = list(periods.items())
    elif isinstance(periods, Iterable) and not isinstance(periods, (str, bytes)):
        raw = []
        for item in periods:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise InvalidInputError(
                    f"each period must be a (Timeframe, weight) pair, got {item!r}",
                    name="periods",
                    value=item,
                )
            raw.append((item[0], item[1]))
    else:
        raise InvalidInputError(
            "weighted pacing needs (Timeframe, weight) pairs, a mapping from Timeframe to "
            f"weight, or a PeriodSplit from split_by_period(), got {type(periods).__name__}",
            name="periods",
            value=periods,
        )
    result: list[tuple[Timeframe, Fraction]] = []
    for index, (timeframe, weight) in enumerate(raw):
        if not isinstance(timeframe, Timeframe):
            raise InvalidInputError(
                f"period {index} must be a Timeframe, got {type(timeframe).__name__}",
                name="periods",
                value=timeframe,
            )
        result.append((timeframe, _fraction(weight, f"weight of period {index}")))
    if not result:
        raise InvalidInputError(
            "weighted pacing needs at least one period", name="periods", value=periods
        )
    for (before, _), (after, _) in itertools.pairwise(result):
        if before.end != after.start:
            raise InvalidInputError(
                f"periods must follow each other without gaps or overlaps: {before} is "
                f"followed by {after}",
                name="periods",
                value=(before, after),
            )
    total = sum(w for _, w in result)
    if total == 0:
        raise InvalidInputError(
            "the weights of the periods add up to 0; give at least one period a positive weight",
            name="periods",
            value=periods,
        )
    # Stored as shares of 1, so pacings that differ only in scale compare equal.
    return tuple((timeframe, weight / total) for timeframe, weight in result)


def _periods(value: object) -> tuple[tuple[Timeframe, Fraction], ...]:
    if isinstance(value, tuple) and not value:
        return ()
    return _pairs(value)


def _weekend(value: Iterable[int]) -> tuple[int, ...]:
    days = tuple(sorted(set(value)))
    if any(not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in days):
        raise InvalidInputError(
            f"weekend days must be 0 (Monday) to 6 (Sunday), got {value!r}",
            name="weekend",
            value=value,
        )
    if len(days) == 7:
        raise InvalidInputError(
            "the weekend covers all seven days; leave at least one working weekday",
            name="weekend",
            value=value,
        )
    return days


@attrs.frozen
class Pacing:
    """How much of a target is expected by a given day.

    Three ways, as sales tools pace quotas:

    * :meth:`linear`: in proportion to the calendar days elapsed (the default);
    * :meth:`workdays`: in proportion to the working days elapsed, skipping weekends
      and ``holidays``;
    * :meth:`weighted`: along a plan's own period weights (seasonality): each period
      contributes its share of the total, spread inside the period by calendar days or
      by working days.

    A day counts as elapsed once it is over: measured *through* 30 April, the whole of
    30 April has elapsed. Whatever the way, the fraction is 0 before the start and
    exactly 1 through the last day, so the expected value at the end is the target.

    Args:
        basis: How time is counted inside a period.
        periods: For weighted pacing, consecutive ``(Timeframe, weight)`` pairs that
            cover the goal's timeframe (stored as shares summing to 1); empty for
            linear and working-day pacing.
        holidays: Dates that are not working days (any container; the ``holidays``
            package's objects work as they are).
        weekend: Weekday numbers of the weekend (0 is Monday).

    Raises:
        InvalidInputError: for negative weights, weights that add up to 0, periods
            with gaps or overlaps, or a weekend of seven days.

    >>> from datetime import date
    >>> from smartgoals.timeframes import Timeframe
    >>> year = Timeframe.year(2027)
    >>> Pacing.linear().fraction(year, date(2027, 4, 30))
    Fraction(24, 73)
    >>> Pacing.workdays().fraction(Timeframe.month(2027, 6), date(2027, 6, 4))
    Fraction(2, 11)
    """

    basis: PacingBasis = PacingBasis.CALENDAR_DAYS
    periods: tuple[tuple[Timeframe, Fraction], ...] = attrs.field(default=(), converter=_periods)
    holidays: Container[date] = attrs.field(default=(), eq=False, repr=False)
    weekend: tuple[int, ...] = attrs.field(default=(5, 6), converter=_weekend)

    @classmethod
    def linear(cls) -> Pacing:
        """Pace by calendar days: ``target × days elapsed ÷ days in the timeframe``.

        >>> Pacing.linear().basis
        <PacingBasis.CALENDAR_DAYS: 'calendar_days'>
        """
        return cls()

    @classmethod
    def workdays(cls, holidays: Container[date] = (), weekend: Iterable[int] = (5, 6)) -> Pacing:
        """Pace by working days: weekends and holidays add nothing to what is expected.

        A timeframe (or weighted period) without any working day falls back to calendar
        days, so the expected value still reaches the target at its end.

        Args:
            holidays: Dates that are not working days.
            weekend: Weekday numbers of the weekend (0 is Monday).

        Returns:
            The pacing.

        >>> from datetime import date
        >>> Pacing.workdays(holidays={date(2027, 12, 24)}).basis.value
        'workdays'
        """
        return cls(PacingBasis.WORKDAYS, (), holidays, tuple(weekend))

    @classmethod
    def weighted(
        cls,
        periods: PeriodSplit | Mapping[Timeframe, object] | Iterable[tuple[Timeframe, object]],
        *,
        basis: PacingBasis | str = PacingBasis.CALENDAR_DAYS,
        holidays: Container[date] = (),
        weekend: Iterable[int] = (5, 6),
    ) -> Pacing:
        """Pace along a plan's period weights (seasonality).

        Args:
            periods: The plan's periods: a
                :class:`~smartgoals.planning.PeriodSplit` from
                :func:`~smartgoals.planning.split_by_period` (paced along its weights),
                or consecutive ``(Timeframe, weight)`` pairs or a ``{Timeframe: weight}``
                mapping. Weights are relative: ``3, 3, 4`` and ``0.3, 0.3, 0.4`` pace the
                same, and per-period targets work as weights too.
            basis: How time is counted inside each period.
            holidays: For ``WORKDAYS``: dates that are not working days.
            weekend: For ``WORKDAYS``: weekday numbers of the weekend.

        Returns:
            The pacing.

        Raises:
            InvalidInputError: for negative weights, an all-zero total, or periods with
                gaps or overlaps.

        >>> from datetime import date
        >>> from smartgoals.timeframes import Timeframe
        >>> q1 = Timeframe.quarter(2027, 1)
        >>> months = [(m, w) for m, w in zip(q1.split("month"), (1, 1, 2))]
        >>> Pacing.weighted(months).fraction(q1, date(2027, 2, 28))
        Fraction(1, 2)
        """
        try:
            how = PacingBasis(basis.value if isinstance(basis, PacingBasis) else basis)
        except ValueError:
            raise InvalidInputError(
                f"unknown pacing basis {basis!r}; use 'calendar_days' or 'workdays'",
                name="basis",
                value=basis,
            ) from None
        return cls(how, _pairs(periods), holidays, tuple(weekend))

    def _inner(self, period: Timeframe, through: date) -> Fraction:
        """The fraction of ``period`` elapsed by the end of ``through``, by this basis."""
        if through < period.start:
            return _ZERO
        if through >= period.last_day:
            return _ONE
        elapsed = Timeframe(period.start, through + timedelta(days=1))
        if self.basis is PacingBasis.WORKDAYS:
            total = period.workdays(self.holidays, self.weekend)
            if total:
                return Fraction(elapsed.workdays(self.holidays, self.weekend), total)
        return Fraction(elapsed.days, period.days)

    def fraction(self, timeframe: Timeframe, through: date) -> Fraction:
        """The fraction of the target expected by the end of day ``through``.

        Args:
            timeframe: The goal's timeframe.
            through: The last day to count as elapsed (inclusive).

        Returns:
            An exact fraction from 0 (nothing yet) to 1 (the whole target).

        Raises:
            InvalidInputError: if weighted periods do not cover ``timeframe`` exactly.

        >>> from datetime import date
        >>> from smartgoals.timeframes import Timeframe
        >>> Pacing.linear().fraction(Timeframe.month(2027, 4), date(2027, 4, 15))
        Fraction(1, 2)
        """
        if not self.periods:
            return self._inner(timeframe, through)
        first, last = self.periods[0][0], self.periods[-1][0]
        if first.start != timeframe.start or last.end != timeframe.end:
            raise InvalidInputError(
                f"the weighted periods cover {first.start} to {last.last_day}, but the goal "
                f"runs {timeframe}; split the goal's own timeframe",
                name="periods",
                value=(first, last),
            )
        total = sum(w for _, w in self.periods)
        done = sum(w * self._inner(p, through) for p, w in self.periods)
        return Fraction(done) / total


def _scale(amount: Decimal, share: Fraction) -> Decimal:
    """``amount × share`` in Decimal arithmetic (exact when the share is 0 or 1)."""
    if share == 1:
        return amount
    return amount * share.numerator / share.denominator


PacingLike: TypeAlias = (
    "Pacing | str | PeriodSplit | Mapping[Timeframe, object] | Iterable[tuple[Timeframe, object]]"
)


def _as_pacing(
    pacing: object, *, holidays: Container[date] | None, weekend: Iterable[int] | None
) -> Pacing:
    """Turn the ``pacing`` argument of ``track()`` into a :class:`Pacing`."""
    extras = {k: v for k, v in (("holidays", holidays), ("weekend", weekend)) if v is not None}
    if isinstance(pacing, Pacing):
        if extras:
            raise InvalidInputError(
                "give holidays= and weekend= to Pacing.workdays() or Pacing.weighted(), "
                "not next to a Pacing",
                name="holidays" if "holidays" in extras else "weekend",
                value=next(iter(extras.values())),
            )
        return pacing
    if isinstance(pacing, str):
        if pacing == "linear":
            if extras:
                raise InvalidInputError(
                    "holidays= and weekend= only change working-day pacing; use pacing='workdays'",
                    name="pacing",
                    value=pacing,
                )
            return Pacing.linear()
        if pacing == "workdays":
            return Pacing.workdays(
                holidays if holidays is not None else (),
                weekend if weekend is not None else (5, 6),
            )
        raise InvalidInputError(
            f"unknown pacing {pacing!r}; use 'linear', 'workdays', a Pacing, or the "
            "plan's (Timeframe, weight) periods",
            name="pacing",
            value=pacing,
        )
    basis = PacingBasis.WORKDAYS if extras else PacingBasis.CALENDAR_DAYS
    return Pacing.weighted(
        pacing,  # type: ignore[arg-type]
        basis=basis,
        holidays=holidays if holidays is not None else (),
        weekend=weekend if weekend is not None else (5, 6),
    )
