"""Text handling for the parser: same-length normalisation, tokens and spans.

Normalisation never changes the length of the text, so a token's offsets are offsets
into the text the caller gave, and every span can be highlighted there.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, NamedTuple

__all__: list[str] = []

#: The longest statement the parser reads.
MAX_LENGTH: Final = 10_000


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        table[code] = " "
    table[ord("\n")] = "\n"
    # Bidi marks, zero-width characters and line/paragraph separators.
    for code in [
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        0xFEFF,
        0x00AD,
        0x061C,
    ]:
        table[code] = " "
    table[0x2028] = table[0x2029] = "\n"
    for char in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        table[ord(char)] = " "
    for char in "’‘`´ʼ′":
        table[ord(char)] = "'"
    for char in "‐‑‒–—―−":
        table[ord(char)] = "-"
    table[ord("×")] = "x"
    return table


_TABLE: Final = _build_table()


def normalise(text: str) -> str:
    r"""Lower-case ``text`` and fold look-alike characters, keeping its length.

    Characters whose lower case form is longer (``İ``) are kept as they are.

    >>> normalise("Verhoog\u00a0de OMZET – 10 %")
    'verhoog de omzet - 10 %'
    """
    folded = text.translate(_TABLE)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


class Token(NamedTuple):
    """A word, number or symbol and where it is in the text."""

    kind: str
    text: str
    start: int
    end: int


# Each alternative is a single run, and repeated groups start with a mandatory
# separator, so matching is linear in the length of the text.
_TOKEN: Final = re.compile(
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<sym>[^\w\s]|\n)"
)

#: Token kinds.
NUM: Final = "num"
WORD: Final = "word"
SYM: Final = "sym"


def tokenize(normalised: str) -> list[Token]:
    """Split normalised text into tokens; apostrophes inside words are dropped.

    >>> [t.text for t in tokenize(normalise("Geboekte demo's: 1.500,5 €"))]
    ['geboekte', 'demos', ':', '1.500,5', '€']
    """
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(normalised):
        kind = match.lastgroup or SYM
        text = match.group()
        start, end = match.span()
        if kind == WORD and not text.isalpha():
            text = text.replace("'", "")
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        append(Token(kind, text, start, end))
    return tokens
