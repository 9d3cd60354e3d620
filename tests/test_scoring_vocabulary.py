from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.scoring import vocabulary as v


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Generate 100 new customers using Instagram sales", ("instagram",)),
        ("100 nieuwe klanten via Instagram-verkoop", ("instagram",)),
        ("via sociale media en LinkedIn", ("social_media", "linkedin")),
        ("Cold calling and e-mail campaigns", ("phone", "email")),
        ("Meer leads via webinars, beurzen en resellers", ("webinars", "events", "partners")),
        ("Increase revenue by 10%", ()),
        ("Eventually we sell more", ()),
        (None, ()),
    ],
)
def test_channels_in(text: str | None, expected: tuple[str, ...]) -> None:
    assert v.channels_in(text) == expected


def test_every_channel_phrase_is_found_and_canonical() -> None:
    for key, (family, phrases) in v.CHANNELS.items():
        assert v.channel_family(key) == family
        for phrase in phrases:
            assert v.channels_in(f"We sell via {phrase} now") == (key,), phrase
            assert v.canonical_channel(phrase.upper()) == key


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Improve our numbers", True),
        ("Sell more this quarter", True),
        ("Let's do better!", True),
        ("Verbeter de resultaten", True),
        ("Meer verkopen dit jaar", True),
        ("Improve the win rate", False),
        ("Improve our numbers by 10%", False),
        ("Win 40 new customers", False),
        ("", False),
    ],
)
def test_vague_without_object(text: str, vague: bool) -> None:
    assert v.vague_without_object(text) is vague


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Increase revenue by TBD in Q3", ("tbd",)),
        ("Verhoog de omzet met n.t.b.", ("n.t.b.",)),
        ("Reach ? new customers", ("?",)),
        ("Grow by ?%", ("?",)),
        ("Revenue of €... in 2027", ("...",)),
        ("Nader te bepalen", ("nader te bepalen",)),
        ("Can we sell more?", ()),
        ("Increase revenue by 10% in 2027", ()),
    ],
)
def test_placeholders_in(text: str, expected: tuple[str, ...]) -> None:
    assert v.placeholders_in(text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Raise the win rate by 8% and mentoring hours by 15% in six months", 2),
        ("Increase revenue by 10%; cut churn to 2%", 2),
        ("Verhoog de omzet met 10% en de marge met 2%", 2),
        ("Increase revenue by 10% in 2027 and 2028", 1),
        ("Grow demos from 40 to 55 between 1 March and 30 June", 1),
        ("Increase revenue by 10% in 6 months and keep churn low", 1),
        ("Book demos in Q3 and Q4", 0),
        ("Call 30/06/2027 and 01/07/2027", 0),
    ],
)
def test_count_target_clauses(text: str, count: int) -> None:
    assert v.count_target_clauses(text) == count
    assert len(v.target_clauses(text)) == count


def test_target_clauses_keep_the_original_text() -> None:
    assert v.target_clauses("Raise Revenue by 8% and Churn to 2%") == (
        "Raise Revenue by 8%",
        "Churn to 2%",
    )


def test_check_ins() -> None:
    assert v.mentions_check_in("reviewed every month")
    assert v.mentions_check_in("met wekelijkse check-ins")
    assert not v.mentions_check_in("Increase monthly revenue")
    assert not v.mentions_check_in(None)


def test_vague_verb_in() -> None:
    assert v.vague_verb_in("We must sell more") == "sell more"
    assert v.vague_verb_in("Win 40 deals") is None


@given(st.text(max_size=200))
def test_matchers_accept_any_text(text: str) -> None:
    assert isinstance(v.channels_in(text), tuple)
    assert isinstance(v.vague_without_object(text), bool)
    assert isinstance(v.placeholders_in(text), tuple)
    assert len(v.target_clauses(text)) == v.count_target_clauses(text)
    assert all(clause in text for clause in v.target_clauses(text))
    assert isinstance(v.mentions_check_in(text), bool)
