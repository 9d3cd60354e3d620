"""Turn goals and the other values of the library into plain data and back.

Documents use only JSON types: Decimals are strings (``"1100000.00"``, exactly as
stored), fractions are strings (``"2/3"``), dates are ISO 8601 strings, enums are their values and metrics are their
catalog keys. :func:`from_dict` and :func:`from_json` check the whole document and
raise one :class:`~smartgoals.exceptions.ValidationError` that lists every bad field
with its path, such as ``$.target.value``.

>>> from smartgoals import Goal, Target, Direction, metrics
>>> goal = Goal(metric=metrics.get("leads"), direction=Direction.INCREASE,
...             target=Target.change("0.20"), baseline=150)
>>> doc = to_dict(goal)
>>> doc["metric"], doc["target"], doc["baseline"]
('leads', {'kind': 'change', 'value': '0.20', 'relative': True}, '150')
>>> from_dict(doc) == goal
True
"""

from __future__ import annotations

import decimal
import enum
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeVar, overload

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_unstructure_fn, override

from smartgoals import metrics
from smartgoals._limits import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_NUMBER_LENGTH,
    json_depth,
    out_of_range,
)
from smartgoals._numbers import to_decimal
from smartgoals.exceptions import (
    InvalidInputError,
    SmartGoalsError,
    ValidationError,
)
from smartgoals.goals import Goal, Target
from smartgoals.metrics import Metric

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_NUMBER_LENGTH",
    "converter",
    "from_dict",
    "from_json",
    "to_dict",
    "to_json",
]

T = TypeVar("T")


class _RefusedError(ValueError):
    """A document is outside what the reader accepts (depth, number size)."""


def _bounded(value: Decimal, text: object) -> Decimal:
    if out_of_range(value):
        raise InvalidInputError(
            f"number {str(text)[:40]!r} is out of range: documents hold numbers from "
            f"1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT}",
            value=str(text)[:40],
        )
    return value


def _decimal_from(value: object, _: type) -> Decimal:
    if isinstance(value, str) and len(value.strip()) > MAX_NUMBER_LENGTH:
        raise InvalidInputError(
            f"number of {len(value.strip()):,} characters is too long: documents hold "
            f"numbers of at most {MAX_NUMBER_LENGTH} characters",
            value=value[:40],
        )
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 400:
        raise InvalidInputError(
            f"number of about {value.bit_length() * 3 // 10:,} digits is too long: documents "
            f"hold numbers of at most {MAX_NUMBER_LENGTH} characters",
            value=None,
        )
    return _bounded(to_decimal(value), value)


def _date_from(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise InvalidInputError(f"expected an ISO 8601 date string, got {value!r}", value=value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"expected an ISO 8601 date such as '2027-06-30', got {value!r}", value=value
        ) from None


def _fraction_from(value: object, _: type) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if not isinstance(value, str):
        raise InvalidInputError(
            f"expected an exact fraction string such as '2/3', got {value!r}", value=value
        )
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise InvalidInputError(
            f"expected an exact fraction such as '2/3', got {value!r}", value=value
        ) from None


def _metric_to(metric: Metric) -> object:
    if not metric.is_adhoc:
        return metric.key
    # An ad-hoc metric is in no catalog: write what it is, so the document reads back.
    return {
        "key": metric.key,
        "name": metric.name,
        "unit": metric.unit.value,
        "kind": metric.kind.value,
        "names": dict(metric.names),
        "adhoc": True,
    }


_ADHOC_FIELDS: Final = frozenset({"key", "name", "unit", "kind", "names", "adhoc"})


def _metric_from(value: object, _: type) -> Metric:
    if isinstance(value, dict) and value.get("adhoc") is True:
        extra = sorted(set(value) - _ADHOC_FIELDS)
        if extra:
            raise InvalidInputError(
                f"unknown field(s) {', '.join(map(str, extra))} in an ad-hoc metric; "
                f"expected {', '.join(sorted(_ADHOC_FIELDS))}",
                value=value,
            )
        names = value.get("names") or {}
        lang = next((code for code in names if code != "en"), "en")
        return metrics.adhoc(
            str(value.get("name", "")),
            lang=lang if isinstance(lang, str) else "en",
            unit=_enum_from(value.get("unit", "count"), metrics.Unit),  # type: ignore[arg-type]
            kind=_enum_from(value.get("kind", "activity"), metrics.MetricKind),  # type: ignore[arg-type]
        )
    if not isinstance(value, str):
        raise InvalidInputError(
            f"expected a metric key string (or an ad-hoc metric object), got {value!r}",
            value=value,
        )
    return metrics.get(value)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, lambda d: f"{d:f}")
    conv.register_structure_hook(Decimal, _decimal_from)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _date_from)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(Fraction, _fraction_from)
    conv.register_unstructure_hook(Metric, _metric_to)
    conv.register_structure_hook(Metric, _metric_from)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_from
    )
    # A target over the whole timeframe writes no "per", as documents did before rates.
    conv.register_unstructure_hook(
        Target, make_dict_unstructure_fn(Target, conv, per=override(omit_if_default=True))
    )
    return conv


def _problems(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Flatten a cattrs error tree into ``(path, message)`` pairs, in document order."""
    out: list[tuple[str, str]] = []
    _walk(exc, path, out)
    return out


def _walk(exc: BaseException, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            _walk(inner, f"{path}.{note.name}", out)
        for own in without:
            # Raised by the class itself after its fields were read: point at the field.
            name = getattr(own, "name", None)
            _walk(own, f"{path}.{name}" if isinstance(name, str) and name else path, out)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for item, index_note in with_index:
            _walk(item, f"{path}[{index_note.index!r}]", out)
        for item in without:
            _walk(item, path, out)
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            _walk(member, path, out)
    else:
        out.append((path, _message(exc)))


def _message(exc: BaseException) -> str:
    if isinstance(exc, SmartGoalsError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, (AttributeError, TypeError)):
        return f"expected an object with named fields or a value of the right type ({exc})"
    return str(exc)


def _enum_from(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in cls)
        raise InvalidInputError(
            f"{value!r} is not a valid {cls.__name__}; expected one of {choices}", value=value
        ) from None


#: The cattrs converter behind :func:`to_dict` and :func:`from_dict`. Other modules
#: register hooks for their own types on it.
converter: Final = _make_converter()


def to_dict(value: object) -> Any:
    """Unstructure ``value`` into JSON-compatible Python data.

    >>> from smartgoals import Timeframe
    >>> to_dict(Timeframe(date(2027, 1, 1), date(2027, 4, 1)))
    {'start': '2027-01-01', 'end': '2027-04-01'}
    """
    return converter.unstructure(value)


@overload
def from_dict(data: object) -> Goal: ...
@overload
def from_dict(data: object, cls: type[T]) -> T: ...
def from_dict(data: object, cls: type[Any] = Goal) -> Any:
    """Structure ``data`` into an instance of ``cls`` (a :class:`~smartgoals.Goal` by default).

    Raises:
        ValidationError: listing every bad field with its path.

    >>> from_dict({"metric": "win_rate", "target": {"kind": "at_least", "value": "1.5"},
    ...            "baseline": "abc", "colour": "red"})
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.ValidationError: invalid document (2 problems):
      $.baseline: value must be a number, got 'abc'; write it like '1500' or '0.05'
      $: unknown field(s) colour
    """
    try:
        return converter.structure(data, cls)
    except (
        ExceptionGroup,
        SmartGoalsError,
        AttributeError,
        TypeError,
        KeyError,
        ValueError,
    ) as exc:
        raise ValidationError(_problems(exc, "$")) from None


def to_json(value: object, *, indent: int | None = 2) -> str:
    """Serialise ``value`` as a JSON document (keys in field order).

    >>> from smartgoals import Target
    >>> print(to_json(Target.at_most("0.02"), indent=None))
    {"kind": "at_most", "value": "0.02", "relative": false}
    """
    return json.dumps(to_dict(value), indent=indent, ensure_ascii=False)


@overload
def from_json(text: str | bytes) -> Goal: ...
@overload
def from_json(text: str | bytes, cls: type[T]) -> T: ...
def from_json(text: str | bytes, cls: type[Any] = Goal) -> Any:
    """Read a JSON document into an instance of ``cls`` (a Goal by default).

    The reader refuses, with a :class:`~smartgoals.exceptions.ValidationError`, bytes
    that are not UTF-8, nesting deeper than :data:`MAX_DEPTH` levels, and numbers longer
    than :data:`MAX_NUMBER_LENGTH` characters or beyond ``1e±``:data:`MAX_EXPONENT`, so
    no document can exhaust the interpreter.

    Raises:
        ValidationError: for malformed JSON or any bad field, each with its path.

    >>> from_json('{"metric": "revenue", "currency": "eur"}').currency
    'EUR'
    >>> from_json('{"metric": ')
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.ValidationError: invalid document (1 problem):
      $: not valid JSON: Expecting value at line 1 column 12
    """
    if isinstance(text, (bytes, bytearray)):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ValidationError(
                [("$", f"not UTF-8 text at line {line} (byte {exc.start}); save it as UTF-8")]
            ) from None
    if not isinstance(text, str):
        raise ValidationError([("$", f"expected JSON text, got {type(text).__name__}")])
    depth = json_depth(text)
    if depth > MAX_DEPTH:
        raise ValidationError(
            [("$", f"nested {depth} levels deep; documents nest at most {MAX_DEPTH} levels")]
        )
    try:
        data = json.loads(text, parse_float=_number, parse_int=_number)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except _RefusedError as exc:
        raise ValidationError([("$", str(exc))]) from None
    return from_dict(data, cls)


def _number(text: str) -> Decimal | int:
    """A JSON number, refused when it is longer or larger than documents may hold."""
    if len(text) > MAX_NUMBER_LENGTH:
        raise _RefusedError(
            f"a number of {len(text):,} characters ({text[:20]}…) is too long: documents "
            f"hold numbers of at most {MAX_NUMBER_LENGTH} characters"
        )
    try:
        value = Decimal(text)
    except decimal.InvalidOperation:
        value = Decimal("Infinity")  # an exponent beyond what Decimal holds
    if not value.is_finite() or out_of_range(value):
        raise _RefusedError(
            f"number {text!r} is out of range: documents hold numbers from "
            f"1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT}"
        )
    return int(text) if text.lstrip("-").isdigit() else value
