"""Money in more than one currency: exchange rates by date, and exact conversion.

A plan or a goal is in one currency; the teams, people and check-ins under it may be in
others. :class:`FxRates` holds the exchange rates the caller gives, or reads them from a
CSV file the caller supplies (the library never fetches rates), each with the day it
applies from. A rate applies from its day until the next rate of the same pair.

:meth:`FxRates.convert` converts an amount exactly (rates are kept as exact fractions) and
rounds **once**, half away from zero, to the minor unit of the currency it converts to
(ISO 4217: 0 decimals for JPY, 3 for KWD, BHD and OMR, 2 for most; see
:data:`MINOR_UNITS`). The result, a :class:`Converted`, says which rate it used and from
which day that rate applied.

>>> from datetime import date
>>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])
>>> print(fx.convert(600, "USD", to="EUR", on=date(2027, 3, 31)))
EUR 552.00 (USD 600 at 0.92, the rate from 2027-01-01)

When only one direction of a pair is given, the other is its exact inverse (``1/0.92``,
kept as the fraction 25/23, not a rounded decimal). Rates are never crossed through a
third currency: USD→EUR and EUR→GBP do not make a USD→GBP rate; give that pair too.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Final, TypeAlias

import attrs

from smartgoals._numbers import format_amount, to_decimal
from smartgoals.exceptions import (
    InvalidInputError,
    MissingRateError,
    ParseError,
)
from smartgoals.timeframes import _day_month_year

__all__ = [
    "DEFAULT_MINOR_UNIT",
    "MINOR_UNITS",
    "Converted",
    "FxRate",
    "FxRates",
    "currency_code",
    "minor_unit",
]

#: The decimals of a currency's minor unit when :data:`MINOR_UNITS` does not list it.
DEFAULT_MINOR_UNIT: Final = 2

#: ISO 4217 currencies whose minor unit is not two decimals: the number of decimals.
MINOR_UNITS: Final[Mapping[str, int]] = {
    code: places
    for places, codes in (
        (0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"),
        (3, "BHD IQD JOD KWD LYD OMR TND"),
        (4, "CLF UYW"),
    )
    for code in codes.split()
}

_CODE: Final = re.compile(r"^[A-Z]{3}$")
_GROUPED: Final = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
_COLUMNS: Final = ("date", "from", "to", "rate")

#: What a rate may be given as.
_RateLike: TypeAlias = "int | float | Decimal | Fraction | str"


def currency_code(value: object) -> str:
    """``value`` as an ISO 4217 currency code: three letters, upper-cased.

    Args:
        value: A code such as ``"eur"``.

    Returns:
        The code, such as ``"EUR"``.

    Raises:
        InvalidInputError: if ``value`` is not a string of three letters.

    >>> currency_code(" usd ")
    'USD'
    >>> currency_code("euro")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: a currency must be an ISO 4217 code such as 'EUR' or 'USD', got 'euro'
    """
    code = value.strip().upper() if isinstance(value, str) else ""
    if not _CODE.match(code):
        raise InvalidInputError(
            f"a currency must be an ISO 4217 code such as 'EUR' or 'USD', got {value!r}",
            name="currency",
            value=value,
        )
    return code


def _rate(value: object) -> Fraction:
    exact = value if isinstance(value, Fraction) else Fraction(to_decimal(value, name="rate"))
    if exact <= 0:
        raise InvalidInputError(
            f"an exchange rate must be above 0, got {value!r}; write what one unit of the "
            "first currency is worth in the second, such as 0.92 for USD to EUR",
            name="rate",
            value=value,
        )
    return exact


def _day(value: object) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInputError(
        f"a rate's date must be a datetime.date or an ISO date such as '2027-01-01', "
        f"got {value!r}",
        name="date",
        value=value,
    )


def minor_unit(currency: str) -> int:
    """The decimals of ``currency``'s minor unit (ISO 4217), :data:`DEFAULT_MINOR_UNIT` if unlisted.

    Args:
        currency: An ISO 4217 code.

    Returns:
        The number of decimals amounts in that currency are rounded to.

    Raises:
        InvalidInputError: if ``currency`` is not a three-letter code.

    >>> minor_unit("JPY"), minor_unit("eur"), minor_unit("KWD")
    (0, 2, 3)
    """
    return MINOR_UNITS.get(currency_code(currency), DEFAULT_MINOR_UNIT)


def _round(amount: Fraction, currency: str) -> Decimal:
    """``amount`` rounded half away from zero to ``currency``'s minor unit, exactly."""
    places = minor_unit(currency)
    scaled = abs(amount) * 10**places
    whole = int(scaled + Fraction(1, 2))  # int() floors a non-negative fraction
    sign = "-" if amount < 0 else ""
    return Decimal(f"{sign}{whole}e-{places}")


def _terminates(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal expansion (its denominator is 2^a·5^b)."""
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    return rest == 1


def _rate_text(rate: Fraction) -> str:
    """A rate as written: ``0.92``; an inverse without a finite decimal as ``1/0.92``."""
    if _terminates(rate):
        return format_amount(Decimal(rate.numerator) / Decimal(rate.denominator))
    inverse = 1 / rate
    if _terminates(inverse):
        return f"1/{_rate_text(inverse)}"
    return f"{rate.numerator}/{rate.denominator}"


@attrs.frozen
class FxRate:
    """One exchange rate: one unit of ``base`` is worth ``rate`` units of ``quote``.

    Args:
        base: The currency converted from (the CSV's ``from``), an ISO 4217 code.
        quote: The currency converted to (the CSV's ``to``).
        rate: What one unit of ``base`` is worth in ``quote``, above 0; kept exact.
        start: The day the rate applies from.
        end: The day the next rate of the pair takes over (exclusive), as
            :meth:`FxRates.rows` gives it; ``None`` while the rate is the pair's latest.
        derived: Whether the rate is the exact inverse of a given rate of the other
            direction, rather than given itself.

    Raises:
        InvalidInputError: for a code that is not three letters, a rate that is not a
            number above 0, or a date that is not a date.

    >>> rate = FxRate("usd", "EUR", "0.92", date(2027, 1, 1))
    >>> rate.base, rate.rate, str(rate)
    ('USD', Fraction(23, 25), 'USD→EUR 0.92 from 2027-01-01')
    """

    base: str = attrs.field(converter=currency_code)
    quote: str = attrs.field(converter=currency_code)
    rate: Fraction = attrs.field(converter=_rate)
    start: date = attrs.field(converter=_day)
    end: date | None = attrs.field(default=None, kw_only=True)
    derived: bool = attrs.field(default=False, kw_only=True)

    def __str__(self) -> str:
        return f"{self.base}→{self.quote} {_rate_text(self.rate)} from {self.start.isoformat()}"


@attrs.frozen
class Converted:
    """An amount converted to another currency, with the rate and the day it applied from.

    Attributes:
        amount: The converted amount, rounded once to the minor unit of ``currency``
            (unchanged when no conversion was needed).
        currency: The currency converted to.
        original: The amount before conversion.
        original_currency: The currency converted from.
        rate: The exact rate used (1 when the currencies are the same).
        rate_date: The day the rate used applies from (``None`` when the currencies are
            the same).
        on: The day the conversion was asked for.

    >>> fx = FxRates([("USD", "JPY", "157.3", date(2027, 1, 1))])
    >>> money = fx.convert("12.34", "USD", to="JPY", on=date(2027, 2, 1))
    >>> money.amount, money.rate_date
    (Decimal('1941'), datetime.date(2027, 1, 1))
    """

    amount: Decimal
    currency: str
    original: Decimal
    original_currency: str
    rate: Fraction
    rate_date: date | None
    on: date

    def __str__(self) -> str:
        if self.rate_date is None:
            return f"{self.currency} {format_amount(self.amount)}"
        return (
            f"{self.currency} {self.amount:f} ({self.original_currency} "
            f"{format_amount(self.original)} at {_rate_text(self.rate)}, the rate from "
            f"{self.rate_date.isoformat()})"
        )


def _as_rate(item: object) -> FxRate:
    if isinstance(item, FxRate):
        return item
    if isinstance(item, tuple) and len(item) == 4:
        base, quote, rate, start = item
        return FxRate(base, quote, rate, start)
    raise InvalidInputError(
        f"each exchange rate must be an FxRate or a (from, to, rate, date) tuple, got {item!r}",
        name="rates",
        value=item,
    )


def _keyed(key: object, rate: object) -> object:
    if not (isinstance(key, tuple) and len(key) == 3):
        raise InvalidInputError(
            f"a mapping of exchange rates has (from, to, date) keys, got {key!r}",
            name="rates",
            value=key,
        )
    return (key[0], key[1], rate, key[2])


def _rates(
    value: Iterable[FxRate | tuple[str, str, _RateLike, date | str]]
    | Mapping[tuple[str, str, date | str], _RateLike],
) -> tuple[FxRate, ...]:
    if isinstance(value, Mapping):
        items = [_keyed(key, rate) for key, rate in value.items()]
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidInputError(
            "rates must be a list of (from, to, rate, date) tuples or a mapping from "
            f"(from, to, date) to rate, got {type(value).__name__}",
            name="rates",
            value=value,
        )
    else:
        items = list(value)
    return tuple(
        sorted((_as_rate(item) for item in items), key=lambda r: (r.base, r.quote, r.start))
    )


def _series(rates: tuple[FxRate, ...]) -> dict[tuple[str, str], tuple[FxRate, ...]]:
    """Each pair's rates in date order, each ending where the next begins; inverses added."""
    given: dict[tuple[str, str], list[FxRate]] = {}
    for rate in rates:
        if rate.base == rate.quote:
            raise InvalidInputError(
                f"a rate from {rate.base} to itself was given ({rate}); a currency needs no "
                "rate to itself, leave it out",
                name="rates",
                value=rate,
            )
        pair = given.setdefault((rate.base, rate.quote), [])
        if pair and pair[-1].start == rate.start:
            raise InvalidInputError(
                f"two {rate.base}→{rate.quote} rates apply from {rate.start.isoformat()}: "
                f"{_rate_text(pair[-1].rate)} and {_rate_text(rate.rate)}; keep one",
                name="rates",
                value=rate,
            )
        pair.append(rate)
    series = dict(given)
    for (base, quote), found in given.items():
        if (quote, base) not in given:
            # Only one direction was given: the other is its exact inverse.
            series[(quote, base)] = [
                FxRate(quote, base, 1 / r.rate, r.start, derived=True) for r in found
            ]
    return {
        pair: tuple(
            attrs.evolve(rate, end=after.start if after is not None else None)
            for rate, after in zip(found, [*found[1:], None], strict=True)
        )
        for pair, found in sorted(series.items())
    }


@attrs.frozen
class FxRates:
    """Exchange rates by currency pair, each applying from its day until the pair's next.

    Rates come from the caller (a list of ``(from, to, rate, date)`` tuples, of
    :class:`FxRate` values, or a mapping from ``(from, to, date)`` to rate) or from a CSV
    file (:meth:`from_csv`); nothing is fetched. A rate says what one unit of ``from``
    is worth in ``to``. When a pair is given in one direction only, the other direction
    is its exact inverse. Rates are not crossed through a third currency.

    Args:
        rates: The rates.

    Raises:
        InvalidInputError: for a bad code, rate or date, a rate from a currency to
            itself, or two rates of one pair from the same day.

    >>> fx = FxRates({("USD", "EUR", date(2027, 1, 1)): "0.92",
    ...               ("USD", "EUR", date(2027, 7, 1)): "0.95"})
    >>> [str(r) for r in fx.rows()]
    ['EUR→USD 1/0.92 from 2027-01-01', 'EUR→USD 1/0.95 from 2027-07-01', 'USD→EUR 0.92 from 2027-01-01', 'USD→EUR 0.95 from 2027-07-01']
    """

    rates: tuple[FxRate, ...] = attrs.field(converter=_rates)
    _series: dict[tuple[str, str], tuple[FxRate, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_series", _series(self.rates))

    @classmethod
    def from_csv(cls, path: str | Path) -> FxRates:
        r"""Read rates from a CSV file with the header ``date,from,to,rate``.

        The columns may come in any order. A file whose header is separated by ``;``
        (as Dutch and other European spreadsheets write CSV) has a decimal comma
        (``0,92``; a point may group thousands only before a decimal comma, as in
        ``17.345,5``, since ``1.085`` could mean either) and may write
        dates as day-month-year (``1-7-2027``); a ``,``-separated file has a decimal
        point. Dates are ISO 8601 (``2027-07-01``) in both. Blank lines are skipped.

        Args:
            path: The file.

        Returns:
            The rates.

        Raises:
            ParseError: for a file that cannot be read or is not UTF-8, a header without
                the four columns, or a line whose date, currency or rate is not valid;
                the message names the file and the line.
            InvalidInputError: for two rates of one pair from the same day.

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "rates.csv").write_text("date;from;to;rate\n1-7-2027;USD;EUR;0,95\n")
        >>> [str(r) for r in FxRates.from_csv(folder / "rates.csv").rates]
        ['USD→EUR 0.95 from 2027-07-01']
        >>> _ = (folder / "bad.csv").write_text("date,from,to,rate\n2027-07-01,USD,EUR,0,95\n")
        >>> FxRates.from_csv(folder / "bad.csv")
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.ParseError: bad.csv, line 2: 5 values where the header has 4 columns (date, from, to, rate); a comma-separated file writes rates with a decimal point, such as 0.95
        """
        name = Path(path).name
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ParseError(f"{name} is not UTF-8 text; save it as CSV UTF-8") from None
        except OSError as exc:
            raise ParseError(f"cannot read the rates file {name}: {exc.strerror}") from None
        lines = text.splitlines()
        if not lines or not lines[0].strip():
            raise ParseError(
                f"{name}, line 1: expected the header {','.join(_COLUMNS)}, got an empty line",
                text="",
            )
        delimiter = ";" if ";" in lines[0] else ","
        rows = iter(csv.reader(lines, delimiter=delimiter))
        header = [cell.strip().lower() for cell in next(rows)]
        if sorted(header) != sorted(_COLUMNS):
            raise ParseError(
                f"{name}, line 1: expected the columns {', '.join(_COLUMNS)} (in any order), "
                f"got {', '.join(header)}",
                text=lines[0],
            )
        place = {column: header.index(column) for column in _COLUMNS}
        rates = []
        for number, cells in enumerate(rows, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                hint = (
                    "; a comma-separated file writes rates with a decimal point, such as 0.95"
                    if delimiter == ","
                    else ""
                )
                raise ParseError(
                    f"{name}, line {number}: {len(cells)} values where the header has "
                    f"{len(header)} columns ({', '.join(header)}){hint}",
                    text=lines[number - 1],
                )
            try:
                rates.append(
                    FxRate(
                        cells[place["from"]],
                        cells[place["to"]],
                        _csv_number(cells[place["rate"]], delimiter),
                        _csv_date(cells[place["date"]], delimiter),
                    )
                )
            except InvalidInputError as exc:
                raise ParseError(f"{name}, line {number}: {exc}", text=lines[number - 1]) from None
        return cls(rates)

    def rows(self) -> list[FxRate]:
        """Every rate, derived inverses included, each with the day it stops applying.

        One row per pair and start day, ordered by pair and day; :attr:`FxRate.end` is
        the start of the pair's next rate (``None`` for the latest). The rows tile time
        per pair, so a table of amounts can be joined to them by currency and date.

        >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1))])
        >>> [(str(r), r.end, r.derived) for r in fx.rows()]
        [('EUR→USD 1/0.92 from 2027-01-01', None, True), ('USD→EUR 0.92 from 2027-01-01', None, False)]
        """
        return [rate for found in self._series.values() for rate in found]

    def rate_on(self, base: str, quote: str, on: date) -> FxRate:
        """The ``base``→``quote`` rate in force on day ``on``: the latest from that day or before.

        Args:
            base: The currency converted from.
            quote: The currency converted to.
            on: The day.

        Returns:
            The rate, with :attr:`FxRate.start` the day it applies from.

        Raises:
            MissingRateError: if no rate of the pair is given (in either direction), or
                the pair's first rate applies only after ``on``; the message names both
                currencies and the day.
            InvalidInputError: for a code that is not three letters or a day that is
                not a date.

        >>> fx = FxRates([("USD", "EUR", "0.92", date(2027, 1, 1)),
        ...               ("USD", "EUR", "0.95", date(2027, 7, 1))])
        >>> str(fx.rate_on("USD", "EUR", date(2027, 6, 30)))
        'USD→EUR 0.92 from 2027-01-01'
        >>> fx.rate_on("GBP", "EUR", date(2027, 6, 30))
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.MissingRateError: no exchange rate from GBP to EUR on 2027-06-30: the rates given are for EUR→USD, USD→EUR; add a GBP→EUR rate (rates are not crossed through a third currency)
        """
        base, quote, day = currency_code(base), currency_code(quote), _day(on)
        found = self._series.get((base, quote), ())
        if not found:
            given = ", ".join(f"{b}→{q}" for b, q in self._series) or "no pair at all"
            raise MissingRateError(
                f"no exchange rate from {base} to {quote} on {day.isoformat()}: the rates "
                f"given are for {given}; add a {base}→{quote} rate (rates are not crossed "
                "through a third currency)",
                base=base,
                quote=quote,
                on=day,
            )
        before = [rate for rate in found if rate.start <= day]
        if not before:
            raise MissingRateError(
                f"no exchange rate from {base} to {quote} on {day.isoformat()}: the first "
                f"{base}→{quote} rate applies from {found[0].start.isoformat()}; add a rate "
                f"dated {day.isoformat()} or earlier",
                base=base,
                quote=quote,
                on=day,
            )
        return before[-1]

    def convert(self, amount: object, currency: str, *, to: str, on: date) -> Converted:
        """Convert ``amount`` in ``currency`` to ``to`` at the rate in force on day ``on``.

        The product is exact and rounded once, half away from zero, to the minor unit of
        ``to`` (:func:`minor_unit`). An amount already in ``to`` comes back unchanged.

        Args:
            amount: The amount, as anything :func:`~smartgoals._numbers.to_decimal` accepts.
            currency: Its currency.
            to: The currency to convert to.
            on: The day whose rate applies.

        Returns:
            The :class:`Converted` amount, with the rate and the day it applies from.

        Raises:
            MissingRateError: if no rate converts ``currency`` to ``to`` on ``on``.
            InvalidInputError: for an amount that is not a finite number, a code that is
                not three letters, or a day that is not a date.

        >>> fx = FxRates([("KWD", "EUR", "2.9871", date(2027, 1, 1))])
        >>> fx.convert("1000.00", "EUR", to="KWD", on=date(2027, 5, 1)).amount
        Decimal('334.773')
        >>> fx.convert(100, "USD", to="EUR", on=date(2026, 12, 31))
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.MissingRateError: no exchange rate from USD to EUR on 2026-12-31: the rates given are for EUR→KWD, KWD→EUR; add a USD→EUR rate (rates are not crossed through a third currency)
        """
        value = to_decimal(amount, name="amount")
        base, quote, day = currency_code(currency), currency_code(to), _day(on)
        if base == quote:
            return Converted(value, quote, value, base, Fraction(1), None, day)
        rate = self.rate_on(base, quote, day)
        exact = Fraction(value) * rate.rate
        return Converted(_round(exact, quote), quote, value, base, rate.rate, rate.start, day)


def _csv_number(cell: str, delimiter: str) -> Decimal:
    text = cell.strip()
    if delimiter == ";":
        if "." in text and not _GROUPED.match(text):
            raise InvalidInputError(
                f"rate {text!r} has a point in a ';'-separated file, whose decimal mark is "
                f"a comma: write {text.replace('.', ',')} (a point may group thousands only "
                "before a decimal comma, as in 17.345,5)",
                name="rate",
                value=text,
            )
        text = text.replace(".", "").replace(",", ".")
    return to_decimal(text, name="rate")


def _csv_date(cell: str, delimiter: str) -> date:
    text = cell.strip()
    day = _day_month_year(text) if delimiter == ";" else None
    if day is not None:
        return day
    try:
        return date.fromisoformat(text)
    except ValueError:
        written = "2027-07-01 or 1-7-2027" if delimiter == ";" else "2027-07-01"
        raise InvalidInputError(
            f"date {text!r} is not a date; write it like {written}", name="date", value=text
        ) from None
