"""Tests for smartgoals.language._lexicon: the word tables are well formed."""

from __future__ import annotations

import pytest

from smartgoals.goals import Scope
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


@pytest.mark.parametrize(
    ("lang", "phrase", "name"),
    [
        ("en", "each ae", "AE"),
        ("en", "per rep", "rep"),
        ("en", "every account manager", "account manager"),
        ("nl", "elke accountmanager", "accountmanager"),
        ("nl", "per vertegenwoordiger", "vertegenwoordiger"),
        ("nl", "verkopers", "verkoper"),
    ],
)
def test_roles_have_a_canonical_name(lang: str, phrase: str, name: str) -> None:
    word = lex.OWNERS[lang][tuple(phrase.split())]
    assert (word.scope, word.name) == (Scope.ROLE, name)
    # a bare plural names the role only as the subject of a sentence
    assert word.subject_only is (len(phrase.split()) == 1)


def test_every_role_entry_has_a_name_and_no_other_does() -> None:
    for table in lex.OWNERS.values():
        for words, word in table.items():
            assert (word.name is not None) is (word.scope is Scope.ROLE), words


def test_check_in_words_are_not_verbs() -> None:
    # "reviewed every month" sets no cadence; a verb there would take the goal's place
    for lang in ("en", "nl"):
        assert not {(w,) for w in lex.CHECK_IN_WORDS} & set(lex.VERBS[lang])
