"""Tests for smartgoals.language._lexicon: the word tables are well formed."""

from __future__ import annotations

import pytest

from smartgoals.language import _lexicon as lex
from smartgoals.language import explain
from smartgoals.language._text import normalise, tokenize
from smartgoals.scoring import vocabulary


def _tokenized(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(normalise(" ".join(words))))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_phrases_are_written_as_the_tokenizer_reads_them(lang: str) -> None:
    tables: list[object] = [
        lex.VERBS[lang],
        lex.MARKERS[lang],
        lex.OWNERS[lang],
        lex.STRATEGY[lang],
        lex.CONJUNCTIONS[lang],
    ]
    for table in tables:
        for words in table:  # type: ignore[attr-defined]
            assert _tokenized(words) == words


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_phrase_means_two_things(lang: str) -> None:
    seen: dict[tuple[str, ...], str] = {}
    for name in ("VERBS", "MARKERS", "OWNERS"):
        for words in getattr(lex, name)[lang]:
            assert words not in seen, (words, seen.get(words), name)
            seen[words] = name
    for words in lex.STRATEGY[lang]:
        assert words not in seen, words


def test_verbs_named_in_the_issue_are_known() -> None:
    en = "increase grow raise boost improve double triple reach achieve generate close book reduce cut lower decrease shorten keep maintain"
    nl = "verhoog verhogen verbeter verdubbel bereik behaal genereer verlaag verlagen verminder verkort beperk houd handhaaf"
    for word in en.split():
        assert (word,) in lex.VERBS["en"], word
    for word in nl.split():
        assert (word,) in lex.VERBS["nl"], word
    for phrase in ("bring down",):
        assert tuple(phrase.split()) in lex.VERBS["en"]
    for phrase in ("laat groeien", "breng terug"):
        assert tuple(phrase.split()) in lex.VERBS["nl"]


def test_presets() -> None:
    assert str(lex.preset_change(("double",))) == "1"
    assert str(lex.preset_change(("verdrievoudig",))) == "2"
    assert lex.preset_change(("increase",)) is None


def test_channels_have_stable_names() -> None:
    assert lex.CHANNELS[("instagram",)] == "instagram"
    assert lex.CHANNELS[("sociale", "media")] == "social_media"
    assert lex.CHANNELS[("e", "mail")] == "email"
    assert {"phone", "events", "partners", "webinars", "linkedin"} <= set(lex.CHANNELS.values())


def test_marker_target_kinds() -> None:
    assert lex.Marker.FROM.target_kind is None
    assert lex.Marker.AT_MOST.target_kind is not None


def test_the_parser_reads_every_scoring_channel_phrase_under_its_key() -> None:
    # Scoring compares the channels read from a statement with the channels a context
    # lists as in use (keys of the same table), so the two must agree.
    for key, (_family, phrases) in vocabulary.CHANNELS.items():
        for phrase in phrases:
            text = f"Win 100 new customers via {phrase} in 2027"
            assert list(explain(text).channels) == [key], phrase
    assert set(lex.CHANNELS.values()) <= set(vocabulary.CHANNELS)
