"""Exceptions raised by :mod:`smartgoals`.

Every exception derives from :class:`SmartGoalsError`, so ``except SmartGoalsError``
catches anything the library raises on purpose. Each leaf also derives from the
matching builtin (``ValueError``, ``ArithmeticError``, ...), so code that already
catches those keeps working. Exceptions carry the values that caused them as
attributes, not only in their message.

>>> from smartgoals.exceptions import InvalidInputError, SmartGoalsError
>>> try:
...     raise InvalidInputError("churned must not be negative", name="churned", value=-1)
... except ValueError as exc:
...     (isinstance(exc, SmartGoalsError), exc.name, exc.value)
(True, 'churned', -1)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Self

__all__ = [
    "CalendarError",
    "CurrencyMismatchError",
    "IncompleteGoalError",
    "InvalidInputError",
    "MissingRateError",
    "ParseError",
    "RegistrationError",
    "RuleError",
    "SmartGoalsError",
    "UndefinedMetricError",
    "ValidationError",
]


class SmartGoalsError(Exception):
    """Root of every exception raised by :mod:`smartgoals`.

    >>> issubclass(InvalidInputError, SmartGoalsError)
    True
    """

    def reworded(self, message: str) -> Self:
        """The same error, of the same type and with the same attributes, saying ``message``.

        For a caller that adds where the error happened ("plan node 'emea': ...")
        without losing what it is: a :class:`CurrencyMismatchError` stays one, with its
        currencies.

        Args:
            message: The new message, usually the old one with a place in front.

        Returns:
            A new exception; this one is left as it is.

        >>> err = InvalidInputError("rate must be in [0, 1], got 5", name="rate", value=5)
        >>> new = err.reworded(f"settings.toml: {err}")
        >>> type(new).__name__, new.name, new.value, str(new)
        ('InvalidInputError', 'rate', 5, 'settings.toml: rate must be in [0, 1], got 5')
        """
        new = type(self).__new__(type(self), message)
        new.__dict__.update(self.__dict__)
        return new


class InvalidInputError(SmartGoalsError, ValueError):
    """An argument has a value the library cannot accept.

    Attributes:
        name: The name of the offending argument or field, when known.
        value: The offending value, when known.

    >>> err = InvalidInputError("rate must be in [0, 1], got 5", name="rate", value=5)
    >>> (err.name, err.value, str(err))
    ('rate', 5, 'rate must be in [0, 1], got 5')
    """

    def __init__(self, message: str, *, name: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.name = name
        self.value = value


class IncompleteGoalError(SmartGoalsError, ValueError):
    """A goal lacks the parts an operation needs.

    Attributes:
        missing: The names of the missing :class:`~smartgoals.Goal` fields.

    >>> err = IncompleteGoalError(["target", "timeframe"], action="split the goal by period")
    >>> err.missing
    ('target', 'timeframe')
    >>> print(err)
    cannot split the goal by period: the goal has no target, timeframe; set them first
    """

    def __init__(self, missing: Iterable[str], *, action: str = "use the goal") -> None:
        self.missing: tuple[str, ...] = tuple(missing)
        self.action = action
        super().__init__(
            f"cannot {action}: the goal has no {', '.join(self.missing)}; set them first"
        )


class UndefinedMetricError(SmartGoalsError, ArithmeticError):
    """A metric has no defined value for its inputs (0/0, empty data).

    Raised instead of returning NaN when a function is called with ``strict=True``.

    Attributes:
        metric: The name of the metric that could not be computed.
        reason: Why it is undefined.

    >>> err = UndefinedMetricError("win_rate", "no deals were won or lost")
    >>> print(err)
    win_rate is undefined: no deals were won or lost
    """

    def __init__(self, metric: str, reason: str) -> None:
        self.metric = metric
        self.reason = reason
        super().__init__(f"{metric} is undefined: {reason}")


class CalendarError(SmartGoalsError, ValueError):
    """A calendar, period or timeframe is invalid.

    Attributes:
        value: The offending value, when known.

    >>> CalendarError("quarter must be 1-4, got 5", value=5).value
    5
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.value = value


class ParseError(SmartGoalsError, ValueError):
    """Text could not be read as a goal statement, label or document.

    Attributes:
        text: The text that could not be parsed.
        position: The character offset of the problem, when known.

    >>> err = ParseError("not a fiscal label", text="FY27Q9", position=4)
    >>> (err.text, err.position)
    ('FY27Q9', 4)
    """

    def __init__(
        self, message: str, *, text: str | None = None, position: int | None = None
    ) -> None:
        super().__init__(message)
        self.text = text
        self.position = position


class RegistrationError(SmartGoalsError, ValueError):
    """A metric, rule or plugin could not be registered.

    Attributes:
        key: The key or code that clashed or was invalid.
        origins: Where each conflicting registration came from.

    >>> err = RegistrationError("duplicate metric key 'revenue'", key="revenue",
    ...                         origins=("smartgoals", "acme-metrics"))
    >>> err.origins
    ('smartgoals', 'acme-metrics')
    """

    def __init__(
        self, message: str, *, key: str | None = None, origins: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.key = key
        self.origins = tuple(origins)


class RuleError(SmartGoalsError, RuntimeError):
    """A scoring rule or rule plugin failed to load or to run.

    Attributes:
        code: The rule code, when known.
        origin: The plugin (entry point or module) the rule came from.

    >>> err = RuleError("rule ACME001 raised KeyError", code="ACME001", origin="acme")
    >>> (err.code, err.origin)
    ('ACME001', 'acme')
    """

    def __init__(
        self, message: str, *, code: str | None = None, origin: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.origin = origin


class ValidationError(SmartGoalsError, ValueError):
    """A document does not describe a valid value; lists every problem with its path.

    Attributes:
        errors: ``(path, message)`` pairs, one per bad field, such as
            ``("$.target.value", "not a number: 'ten'")``.

    >>> err = ValidationError([("$.target.value", "not a number: 'ten'")])
    >>> print(err)
    invalid document (1 problem):
      $.target.value: not a number: 'ten'
    """

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: tuple[tuple[str, str], ...] = tuple(errors)
        n = len(self.errors)
        lines = [f"invalid document ({n} problem{'s' if n != 1 else ''}):"]
        lines += [f"  {path}: {message}" for path, message in self.errors]
        super().__init__("\n".join(lines))


class MissingRateError(InvalidInputError):
    """No exchange rate converts one currency to another on a given day.

    Attributes:
        base: The currency converted from.
        quote: The currency converted to.
        on: The day a rate was needed for.

    >>> import datetime
    >>> err = MissingRateError("no rate", base="USD", quote="EUR", on=datetime.date(2027, 1, 1))
    >>> (err.base, err.quote, err.on)
    ('USD', 'EUR', datetime.date(2027, 1, 1))
    """

    def __init__(self, message: str, *, base: str, quote: str, on: datetime.date) -> None:
        super().__init__(message, name="fx", value=(base, quote, on))
        self.base = base
        self.quote = quote
        self.on = on


class CurrencyMismatchError(InvalidInputError):
    """Amounts in two currencies meet where no exchange rates were given to convert them.

    Attributes:
        currency: The currency of the amount that does not fit.
        expected: The currency it would have to be converted to.
        where: What holds the amount: a plan node's id, or a check-in.

    >>> err = CurrencyMismatchError("mixed", currency="USD", expected="EUR", where="team/Ann")
    >>> (err.currency, err.expected, err.where)
    ('USD', 'EUR', 'team/Ann')
    """

    def __init__(self, message: str, *, currency: str, expected: str, where: str) -> None:
        super().__init__(message, name="currency", value=currency)
        self.currency = currency
        self.expected = expected
        self.where = where
