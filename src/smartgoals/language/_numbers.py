"""Amounts in goal statements: digits in both locales, number words, magnitudes, money.

Digit groups follow one rule in both languages, so a statement reads the same whatever
its language: with both ``.`` and ``,`` the last one is the decimal mark (1,500.50 and
1.500,50); a mark that repeats groups thousands (1.000.000); a single mark followed by
exactly three digits groups thousands unless the whole part is 0 (700,000 and 700.000
are seven hundred thousand, 0,125 is a fraction); any other single mark is the decimal
mark (10,5 and 2.4).

Thousands may also be grouped by spaces (1 250 000), read as one number where no other
reading is possible: two or more groups of three digits, a currency next to the number
(€250 000, 5 000 euro), or a group that opens with 0 (250 000). A single group after a
number of one to three digits with none of these ("3 150 calls") is refused. A Dutch
"ton" right after a number below 100 is 100,000 ("2 ton" is 200,000).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, NamedTuple

from smartgoals.exceptions import ParseError
from smartgoals.language._text import NUM, SYM, WORD, PhraseTable, Token

__all__: list[str] = []

#: The most digits a number of a statement may have: as written, and as its value is
#: written out once a magnitude ("billion") or a unit ("%") has been applied. describe()
#: writes no longer number, so whatever it writes is read back.
MAX_DIGITS: Final = 60


def written_digits(value: Decimal) -> int:
    """How many digits ``value`` has when written out without an exponent.

    >>> written_digits(Decimal("1.5E+6")), written_digits(Decimal("0.0012")), written_digits(Decimal(7))
    (7, 5, 1)
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover - only finite values come here
        return len(digits)
    if exponent >= 0:
        return len(digits) + exponent
    return max(len(digits), 1 - exponent)


def shift(value: Decimal, places: int) -> Decimal:
    """Multiply by ``10 ** places`` exactly (no rounding to the context precision).

    >>> shift(Decimal("1.5"), 6), shift(Decimal("12"), -2)
    (Decimal('1.5E+6'), Decimal('0.12'))
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover - only finite values come here
        return value
    return Decimal((sign, digits, exponent + places))


def parse_digits(text: str) -> Decimal:
    """Read a run of digits with ``.``/``,`` marks as a Decimal, by the rule above.

    Raises:
        ParseError: if a mark repeats but the groups are not of three digits, or the
            number has more than ``MAX_DIGITS`` digits.

    >>> [str(parse_digits(t)) for t in ["1,500.50", "1.500,50", "700,000", "700.000", "0,125", "10,5", "1.000.000"]]
    ['1500.50', '1500.50', '700000', '700000', '0.125', '10.5', '1000000']
    """
    # Counting digits is only needed when the text could hold too many.
    digit_count = sum(c.isdigit() for c in text) if len(text) > MAX_DIGITS else 0
    if digit_count > MAX_DIGITS:
        raise ParseError(
            f"the number {text[:20]}... has {digit_count} digits; write at most {MAX_DIGITS}",
            text=text,
        )
    dots, commas = text.count("."), text.count(",")
    if not dots and not commas:
        return Decimal(text)
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _, fraction = text.rpartition(decimal_mark)
        if decimal_mark in whole:
            raise ParseError(f"cannot read the number {text!r}: two decimal marks", text=text)
        _check_groups(whole, group_mark, text)
        return Decimal(whole.replace(group_mark, "") + "." + fraction)
    mark = "." if dots else ","
    parts = text.split(mark)
    if len(parts) > 2 or (len(parts[1]) == 3 and parts[0] != "0"):
        _check_groups(text, mark, text)
        return Decimal(text.replace(mark, ""))
    return Decimal(parts[0] + "." + parts[1])


def _check_groups(whole: str, mark: str, text: str) -> None:
    parts = whole.split(mark)
    if not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:]):
        raise ParseError(
            f"cannot read the number {text!r}: thousands are grouped by three digits "
            "(1,500,000 or 1.500.000)",
            text=text,
        )


_UNITS_EN: Final = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_TENS_EN: Final = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS_EN2: Final = {"eighty": 80, "ninety": 90, "twenty": 20}
_UNITS_NL: Final = [
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
]
_TENS_NL: Final = {
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
}


def _word_numbers() -> dict[str, Decimal]:
    words: dict[str, Decimal] = {}
    for value, word in enumerate(_UNITS_EN):
        words[word] = Decimal(value)
    for word, value in {**_TENS_EN, **_TENS_EN2}.items():
        words[word] = Decimal(value)
    for value, word in enumerate(_UNITS_NL):
        if word != "een":  # "een" is also the article; read it only where a number must be
            words[word] = Decimal(value)
    words["één"] = words["eén"] = Decimal(1)
    for word, value in _TENS_NL.items():
        words[word] = Decimal(value)
        for unit in range(1, 10):
            # Dutch writes 21 as "eenentwintig", with a diaeresis after an e: "tweeëntwintig".
            stem = _UNITS_NL[unit]
            joint = "ën" if stem.endswith("e") else "en"
            words[f"{stem}{joint}{word}"] = Decimal(value + unit)
    words["hundred"] = words["honderd"] = Decimal(100)
    words["dozen"] = words["dozijn"] = Decimal(12)
    words["anderhalf"] = words["anderhalve"] = Decimal("1.5")
    return words


#: Number words in both languages ("een", "a" and "an" are read separately).
WORD_NUMBERS: Final = _word_numbers()
#: Articles that count as "one" before a unit, a magnitude or "dozen".
SOFT_ONE: Final = frozenset({"a", "an", "een", "one", "één"})
#: English number words: a "ton" after one is a weight ("two ton"), never 100,000.
_ENGLISH_NUMBER_WORDS: Final = frozenset(
    {*_UNITS_EN, *_TENS_EN, *_TENS_EN2, "hundred", "dozen", "a", "an", "one", "half"}
)

MAGNITUDES: Final = {
    "thousand": 3,
    "duizend": 3,
    "k": 3,
    "million": 6,
    "millions": 6,
    "miljoen": 6,
    "miljoenen": 6,
    "mln": 6,
    "mil": 6,
    "mio": 6,
    "mm": 6,
    "billion": 9,
    "billions": 9,
    "miljard": 9,
    "miljarden": 9,
    "bn": 9,
    "mld": 9,
    "mrd": 9,
}
#: Single letters that are a magnitude only when written against the number ("2.4M").
_TIGHT_MAGNITUDES: Final = {"m": 6, "b": 9}
#: Dutch sales speech counts in "tonnen" of 100,000: "2 ton" is 200,000, "een ton" 100,000.
_TON: Final = "ton"
_TON_PLACES: Final = 5
#: A "ton" after this many or more is a weight ("500 ton staal"), read as written.
_TON_BELOW: Final = Decimal(100)

CURRENCY_SYMBOLS: Final = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS: Final = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
}
#: ISO 4217 codes the parser reads, before or after the number.
CURRENCY_CODES: Final = frozenset(
    [
        "usd",
        "eur",
        "gbp",
        "chf",
        "jpy",
        "cad",
        "aud",
        "nzd",
        "sek",
        "nok",
        "dkk",
        "pln",
        "czk",
        "inr",
        "cny",
        "zar",
        "brl",
        "mxn",
        "sgd",
        "hkd",
    ]
)


class Kind(enum.Enum):
    """What an amount counts."""

    NUMBER = "number"
    PERCENT = "percent"
    POINTS = "points"
    MONEY = "money"
    MULTIPLE = "multiple"


class Amount(NamedTuple):
    """A number read from the text, with what it counts and the tokens it spans."""

    value: Decimal
    kind: Kind
    currency: str | None
    first: int
    stop: int


_PERCENT: Final = {
    ("%",): 2,
    ("percent",): 2,
    ("procent",): 2,
    ("pct",): 2,
    ("per", "cent"): 2,
}
_POINTS: Final = {
    ("percentage", "point"): 2,
    ("percentage", "points"): 2,
    ("procentpunt",): 2,
    ("procentpunten",): 2,
    ("pp",): 2,
    ("%", "-", "punt"): 2,
    ("%", "-", "punten"): 2,
    ("basis", "points"): 4,
    ("bps",): 4,
    ("basispunten",): 4,
}
#: What a unit after the number makes of it: its kind and the places to shift by.
_SCALES: Final = PhraseTable(
    {
        **{words: (Kind.PERCENT, places) for words, places in _PERCENT.items()},
        **{words: (Kind.POINTS, places) for words, places in _POINTS.items()},
    }
)
#: Unit words that may follow an amount in the metric's own unit.
_UNIT_WORDS: Final = frozenset({"days", "day", "dagen", "dag", "hours", "hour", "uur", "uren"})


def _tight(tokens: Sequence[Token], i: int) -> bool:
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def read_number(
    tokens: Sequence[Token], i: int, *, soft: bool = False
) -> tuple[Decimal, int] | None:
    """Read a number (digits or words) at token ``i``; return it and the next index.

    With ``soft=True`` the articles "a", "an" and "een" count as one, as in "in een jaar".

    >>> from smartgoals.language._text import normalise, tokenize
    >>> read_number(tokenize(normalise("twenty-five leads")), 0)
    (Decimal('25'), 3)
    >>> read_number(tokenize(normalise("een jaar")), 0, soft=True)
    (Decimal('1'), 1)
    """
    n = len(tokens)
    if i >= n:
        return None
    token = tokens[i]
    if token.kind == NUM:
        return parse_digits(token.text), i + 1
    if token.kind != WORD:
        return None
    word = token.text
    if word in SOFT_ONE and (soft or word in ("one", "één")):
        nxt = tokens[i + 1].text if i + 1 < n else ""
        if nxt in ("dozen", "dozijn", "hundred", "honderd"):
            return WORD_NUMBERS[nxt], i + 2
        if nxt in ("half", "halve") and word != "one":
            return Decimal("0.5"), i + 2
        return Decimal(1), i + 1
    if word == "half" and soft:
        # "half a year", "een half jaar"
        if i + 1 < n and tokens[i + 1].text in ("a", "an"):
            return Decimal("0.5"), i + 2
        return Decimal("0.5"), i + 1
    value = WORD_NUMBERS.get(word)
    if value is None:
        return None
    j = i + 1
    if word in _TENS_EN or word in _TENS_EN2:
        # "twenty-five" or "twenty five"
        k = j + 1 if j < n and tokens[j].text == "-" else j
        if k < n and tokens[k].text in WORD_NUMBERS and WORD_NUMBERS[tokens[k].text] < 10:
            unit = WORD_NUMBERS[tokens[k].text]
            if unit > 0 and tokens[k].text in _UNITS_EN:
                return value + unit, k + 1
    if j < n and tokens[j].text in ("hundred", "honderd") and value < 10:
        return value * 100, j + 1
    return value, j


def _plain(value: Decimal) -> Decimal:
    """``value`` written out without an exponent: 2.4E+6 as 2400000."""
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        return Decimal(f"{value:f}")
    return value


def _checked(value: Decimal, tokens: Sequence[Token], i: int, stop: int) -> Decimal:
    """``value``, the amount read from ``tokens[i:stop]`` once a magnitude or scale shifted it.

    A number as written has at most :data:`MAX_DIGITS` digits (:func:`parse_digits`), so
    it has at most as many written out; only a shift can add more ("1" and 59 zeros
    "billion"), and only a shifted value is checked here.
    """
    _, digits, exponent = value.as_tuple()
    # Most amounts are short: the sum bounds the digits written out.
    if isinstance(exponent, int) and len(digits) + abs(exponent) > MAX_DIGITS:
        count = written_digits(value)
        if count > MAX_DIGITS:
            words = " ".join(t.text for t in tokens[i:stop])
            shown = words if len(words) <= 30 else words[:30] + "…"
            raise ParseError(
                f"the amount {shown!r} has {count} digits written out; write at most {MAX_DIGITS}",
                position=tokens[i].start,
            )
    return value


#: A group of three digits after a space, the last one with decimals if any ("000,50").
_GROUP: Final = re.compile(r"[0-9]{3}(?:[.,][0-9]{1,2})?")


def _currency_at(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` names a currency (a symbol, a code or a word)."""
    if k >= len(tokens):
        return False
    word = tokens[k].text
    return word in CURRENCY_SYMBOLS or word in CURRENCY_WORDS or word in CURRENCY_CODES


def _spaced(tokens: Sequence[Token], first: int, currency: bool) -> tuple[Decimal, int] | None:
    """A number whose thousands are grouped by spaces ("1 250 000"), and the next index.

    The digits at ``first`` (one to three) and the groups of three digits after them, each
    one space further, are one number when nothing else can be meant: two or more groups,
    a currency before (``currency``) or after them, or a group opening with 0. ``None``
    where no group follows, or where the group runs on into a unit ("2 100%", "2 100k").

    Raises:
        ParseError: for a single group with none of these ("3 150 calls" may be 3150
            calls or 3 of something and 150 calls).

    >>> from smartgoals.language._text import normalise, tokenize
    >>> _spaced(tokenize(normalise("1 250 000 deals")), 0, False)
    (Decimal('1250000'), 3)
    >>> _spaced(tokenize(normalise("250 000 revenue")), 0, False)
    (Decimal('250000'), 2)
    >>> _spaced(tokenize(normalise("12 deals")), 0, False) is None
    True
    """
    head = tokens[first].text
    if len(head) > 3 or not head.isdigit():
        return None
    n = len(tokens)
    groups: list[str] = []
    k = first + 1
    while (
        k < n
        and tokens[k].kind == NUM
        and tokens[k].start == tokens[k - 1].end + 1
        and _GROUP.fullmatch(tokens[k].text)
    ):
        groups.append(tokens[k].text)
        k += 1
        if len(groups[-1]) > 3:  # decimals end the number
            break
    if not groups:
        return None
    if len(groups) == 1 and not (currency or _currency_at(tokens, k) or groups[0][0] == "0"):
        if k < n and tokens[k].start == tokens[k - 1].end:
            return None  # "2 100%", "2 100k": the group belongs to what it is written against
        shown = f"{head} {groups[0]}"
        raise ParseError(
            f"cannot tell whether {shown!r} is one number or two: write {head}{groups[0]} "
            f"or {head},{groups[0]} for one number, or put a word between two numbers",
            position=tokens[first].start,
        )
    return parse_digits(head + "".join(groups)), k


def _is_ton(tokens: Sequence[Token], first: int, j: int, value: Decimal) -> bool:
    """Whether the "ton" at token ``j``, after the number read from ``first``, is 100,000.

    Only after digits or Dutch number words, below :data:`_TON_BELOW`, and not in "ton of"
    (a weight in English).
    """
    if tokens[first].text in _ENGLISH_NUMBER_WORDS or value >= _TON_BELOW:
        return False
    return not (j + 1 < len(tokens) and tokens[j + 1].text == "of")


def read_amount(tokens: Sequence[Token], i: int, *, lang: str | None = None) -> Amount | None:
    """Read an amount at token ``i``: sign, currency, number, magnitude, % or unit.

    ``lang`` is the statement's language where it is known: the Dutch "ton" (100,000) is
    not read in English.

    Raises:
        ParseError: if a number has more than :data:`MAX_DIGITS` digits, as written or
            once its magnitude is applied ("1" and 59 zeros "billion"), or if digits
            grouped by a space could be one number or two ("3 150").

    >>> from smartgoals.language._text import normalise, tokenize
    >>> read_amount(tokenize(normalise("$2.4M")), 0)
    Amount(value=Decimal('2400000'), kind=<Kind.MONEY: 'money'>, currency='USD', first=0, stop=3)
    >>> read_amount(tokenize(normalise("10 procentpunt")), 0).kind
    <Kind.POINTS: 'points'>
    >>> read_amount(tokenize(normalise("1,5 ton")), 0).value
    Decimal('150000')
    >>> read_amount(tokenize(normalise("1 250 000 euro")), 0).value
    Decimal('1250000')
    """
    n = len(tokens)
    j = i
    negative = False
    currency: str | None = None
    if j < n and tokens[j].text in ("+", "-") and j + 1 < n and _tight(tokens, j + 1):
        negative = tokens[j].text == "-"
        j += 1
    if j < n and tokens[j].text in CURRENCY_SYMBOLS:
        currency = CURRENCY_SYMBOLS[tokens[j].text]
        j += 1
    elif (
        j + 1 < n
        and tokens[j].text in CURRENCY_CODES
        # "EUR 100", "USD -338.137,58"
        and (
            tokens[j + 1].kind == NUM
            or (tokens[j + 1].text == "-" and j + 2 < n and tokens[j + 2].kind == NUM)
        )
    ):
        currency = tokens[j].text.upper()
        j += 1
    if not negative and j < n and tokens[j].text == "-" and j + 1 < n and _tight(tokens, j + 1):
        negative = True
        j += 1
    first = j
    number = read_number(tokens, j, soft=j > i)
    if number is None:
        # "een miljoen", "a million", "a dozen", "een ton": an article before a magnitude
        if j < n and tokens[j].text in SOFT_ONE and j + 1 < n:
            nxt = tokens[j + 1].text
            if (
                nxt in MAGNITUDES
                or nxt in ("dozen", "dozijn", "hundred", "honderd")
                or (nxt == _TON and tokens[j].text == "een")
            ):
                number = read_number(tokens, j, soft=True)
        if number is None:
            return None
    value, j = number
    if (
        j < n
        and tokens[j].kind == NUM
        and len(tokens[j].text) >= 3  # a group of three digits, one space after the number
        and tokens[first].kind == NUM
        and tokens[j].start == tokens[j - 1].end + 1
    ):
        spaced = _spaced(tokens, first, currency is not None)
        if spaced is not None:
            value, j = spaced
    if j < n and tokens[j].kind == WORD:
        word = tokens[j].text
        if word in MAGNITUDES:
            value = _checked(_plain(shift(value, MAGNITUDES[word])), tokens, i, j + 1)
            j += 1
        elif word == _TON and lang != "en" and _is_ton(tokens, first, j, value):
            value = _plain(shift(value, _TON_PLACES))
            j += 1
        elif word in _TIGHT_MAGNITUDES and _tight(tokens, j):
            value = _checked(_plain(shift(value, _TIGHT_MAGNITUDES[word])), tokens, i, j + 1)
            j += 1
        elif word == "x" and _tight(tokens, j):
            return Amount(value, Kind.MULTIPLE, None, i, j + 1)
    magnified = j > first + 1 and tokens[j - 1].kind == WORD  # a magnitude or "ton" read
    if negative:
        value = -value
    # "%" alone is a percentage, "% - punt" a point: the longest unit wins.
    scale = _SCALES.longest(tokens, j) if j < n and tokens[j].text in _SCALES.firsts else None
    if scale is not None:
        (kind, places), stop = scale
        shifted = shift(value, -places)
        # A number as written has no more digits than characters: "12.5%" needs no count.
        if magnified or tokens[j - 1].end - tokens[first].start + places > MAX_DIGITS:
            shifted = _checked(shifted, tokens, i, stop)
        return Amount(shifted, kind, None, i, stop)
    if j < n:
        word = tokens[j].text
        if currency is None and (
            word in CURRENCY_SYMBOLS or word in CURRENCY_WORDS or word in CURRENCY_CODES
        ):
            code = CURRENCY_SYMBOLS.get(word) or CURRENCY_WORDS.get(word) or word.upper()
            return Amount(value, Kind.MONEY, code, i, j + 1)
        if word in _UNIT_WORDS and currency is None:
            return Amount(value, Kind.NUMBER, None, i, j + 1)
    if currency is not None:
        return Amount(value, Kind.MONEY, currency, i, j)
    return Amount(value, Kind.NUMBER, None, i, j)


def is_symbol(token: Token, text: str) -> bool:
    """Whether ``token`` is the symbol ``text``.

    >>> is_symbol(Token("sym", "%", 0, 1), "%")
    True
    """
    return token.kind == SYM and token.text == text
