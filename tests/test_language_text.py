"""Tests for smartgoals.language._text: normalisation and tokens."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smartgoals.language._text import NUM, SYM, WORD, normalise, tokenize


@given(st.text())
def test_normalise_keeps_the_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(st.text())
def test_tokens_are_in_order_inside_the_text(text: str) -> None:
    tokens = tokenize(normalise(text))
    previous = 0
    for token in tokens:
        assert previous <= token.start < token.end <= len(text)
        previous = token.end


def test_folding() -> None:
    assert normalise("Demo’s\u200f –\u00a0X\tY") == "demo's  - x y"
    assert normalise("İstanbul") == "İstanbul"


def test_token_kinds() -> None:
    tokens = tokenize(normalise("Geboekte demo's: 1.500,50 € (Q3)"))
    assert [(t.kind, t.text) for t in tokens] == [
        (WORD, "geboekte"),
        (WORD, "demos"),
        (SYM, ":"),
        (NUM, "1.500,50"),
        (SYM, "€"),
        (SYM, "("),
        (WORD, "q"),
        (NUM, "3"),
        (SYM, ")"),
    ]


def test_unicode_digits_are_not_numbers() -> None:
    assert all(t.kind != NUM for t in tokenize(normalise("٣٤ leads")))
