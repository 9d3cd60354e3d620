"""Text handling for the parser: same-length normalisation, tokens and spans.

Normalisation never changes the length of the text, so a token's offsets are offsets
into the text the caller gave, and every span can be highlighted there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Final, Generic, NamedTuple, TypeVar

__all__: list[str] = []

_V = TypeVar("_V")

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
# The characters the table changes: most statements hold none, and searching for them
# is cheaper than translating.
_FOLDED: Final = re.compile(
    "[" + "".join(re.escape(chr(code)) for code, to in _TABLE.items() if chr(code) != to) + "]"
)


def normalise(text: str) -> str:
    r"""Lower-case ``text`` and fold look-alike characters, keeping its length.

    Characters whose lower case form is longer (``İ``) are kept as they are.

    >>> normalise("Verhoog\u00a0de OMZET – 10 %")
    'verhoog de omzet - 10 %'
    """
    folded = text.translate(_TABLE) if _FOLDED.search(text) else text
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
# separator, so matching is linear in the length of the text. The alternatives start
# with different characters, so their order only matters for speed: words are the most
# common; possessive quantifiers spare the engine backtracking it would not use.
_TOKEN: Final = re.compile(
    r"(?P<word>[^\W\d_]++(?:'[^\W\d_]++)*+)"
    r"|(?P<num>[0-9]++(?:[.,][0-9]++)*+)"
    r"|(?P<sym>[^\w\s]|\n)"
)

_new_tuple: Final = tuple.__new__

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
    new = _new_tuple
    if normalised.isascii() and "'" not in normalised:
        # The common case: no word to join and nothing to compose.
        for match in _TOKEN.finditer(normalised):
            start, end = match.span()
            # tuple.__new__ builds the same Token without NamedTuple's Python-level __new__.
            tokens.append(new(Token, (match.lastgroup or SYM, normalised[start:end], start, end)))
        return tokens
    plain = normalised.isascii()
    for match in _TOKEN.finditer(normalised):
        kind = match.lastgroup or SYM
        text = match.group()
        if kind == WORD and "'" in text:
            text = text.replace("'", "")
        if not plain and not text.isascii():
            text = unicodedata.normalize("NFC", text)
        tokens.append(new(Token, (kind, text, *match.span())))
    return tokens


#: The key of a phrase's value in a trie node; no token is empty, so it cannot clash.
_VALUE: Final = ""


class PhraseTable(Generic[_V]):
    """Phrases of tokens, each with a value, found by the longest match at a position.

    The phrases are stored as a trie of token texts, so a lookup walks one dictionary
    per token instead of trying every length.

    >>> table = PhraseTable({("in",): 1, ("in", "the", "next"): 2})
    >>> table.longest(tokenize("in the next year"), 0)
    (2, 3)
    >>> table.longest(tokenize("in the year"), 0), table.longest(tokenize("by"), 0)
    ((1, 1), None)
    """

    __slots__ = ("_root", "firsts")

    def __init__(self, phrases: Mapping[tuple[str, ...], _V]) -> None:
        root: dict[str, Any] = {}
        for words, value in phrases.items():
            node = root
            for word in words:
                node = node.setdefault(word, {})
            node[_VALUE] = value
        self._root = root
        #: The words a phrase of the table starts with.
        self.firsts: frozenset[str] = frozenset(root)

    def seconds(self) -> dict[str, frozenset[str] | None]:
        """For each first word, the words its phrases go on with (``None``: it is one).

        A scanner checks the next token against these before it calls :meth:`longest`.

        >>> PhraseTable({("in", "each", "week"): 1, ("weekly",): 2}).seconds()
        {'in': frozenset({'each'}), 'weekly': None}
        """
        return {
            first: None if _VALUE in node else frozenset(node)
            for first, node in self._root.items()
        }

    def longest(self, tokens: Sequence[Token], i: int) -> tuple[_V, int] | None:
        """The value of the longest phrase starting at token ``i``, and where it stops."""
        n = len(tokens)
        if i >= n:
            return None
        node = self._root.get(tokens[i].text)
        found: tuple[_V, int] | None = None
        j = i + 1
        while node is not None:
            if _VALUE in node:
                found = (node[_VALUE], j)
            if j >= n:
                break
            node = node.get(tokens[j].text)
            j += 1
        return found
