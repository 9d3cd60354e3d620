from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import _channels, metrics
from smartgoals.scoring import vocabulary
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


def _phrase_tokens_by_list() -> dict[str, set[str]]:
    lists: dict[str, set[str]] = {}
    for name, phrases in v._LISTS.items():
        lists[name] = {token for phrase in phrases for token in v._tokens(phrase)}
    return lists


def _overlap(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether the two phrases can share a token in some text."""
    n = len(second)
    return any(first[-k:] == second[:k] for k in range(1, min(len(first), n) + 1)) or any(
        first[i : i + n] == second for i in range(len(first) - n + 1)
    )


def test_phrases_of_two_lists_never_overlap() -> None:
    # One scan finds every list only because the lists cannot hide one another's phrases.
    phrases = {
        name: {v._tokens(phrase) for phrase in phrases} for name, phrases in v._LISTS.items()
    }
    for name, tokens in phrases.items():
        for other, other_tokens in phrases.items():
            if other != name:
                both = {(a, b) for a in tokens for b in other_tokens if _overlap(a, b)}
                assert not both, (name, other, both)


def test_no_compound_of_one_list_is_a_phrase_token_of_another() -> None:
    lists = _phrase_tokens_by_list()
    for name, phrases in v._LISTS.items():
        heads = {p for p in phrases if len(v._tokens(p)) == 1}
        for other, tokens in lists.items():
            if other != name:
                hit = {t for t in tokens for h in heads if t.startswith(h + "-")}
                assert not hit, (name, other, hit)


def test_no_phrase_holds_a_word_of_a_negation() -> None:
    # The scan reads the words of negations as whole tokens beside the lists: a phrase
    # holding one would hide it, or be cut short by it.
    held = {t for tokens in _phrase_tokens_by_list().values() for t in tokens}
    assert not held & _channels.NEGATION_WORDS
    assert {"not", "geen", "plaats", "without"} <= _channels.NEGATION_WORDS


def test_no_phrase_starts_with_a_digit() -> None:
    for phrases in v._LISTS.values():
        assert not [p for p in phrases if v._tokens(p)[0][0].isdigit()]


@pytest.mark.parametrize(
    ("text", "channels", "check_in", "clauses"),
    [
        ("Meer omzet via instagram-campagnes, review-meeting elke maand", ("instagram",), True, 0),
        ("Win 10 deals via e-mail-acties and 5 via telefoon", ("phone",), False, 2),
        ("Win 10 deals via cold, email and 5 via check-in-calls", ("email",), False, 2),
        ("Win 12 deals in jan and 3 in 2027 and 4 months and 20 %", (), False, 3),
        ("Win 2027 deals and 5 more; 6 fewer", (), False, 2),
    ],
)
def test_reading_compounds_numbers_and_clauses(
    text: str, channels: tuple[str, ...], check_in: bool, clauses: int
) -> None:
    assert v.channels_in(text) == channels
    assert v.mentions_check_in(text) is check_in
    assert v.count_target_clauses(text) == clauses


_WORDS = st.sampled_from(
    [
        *(p for phrases in v._LISTS.values() for p in phrases),
        *("instagram-x", "review-x", "and-x", "jan", "months", "2027", "10", "%", "1/2", "x"),
    ]
)


@given(st.lists(_WORDS, max_size=12), st.sampled_from([" ", "  ", "\n", " \t"]))
def test_reading_does_not_depend_on_spacing(words: list[str], space: str) -> None:
    text, spaced = " ".join(words), space.join(words)
    assert v.channels_in(spaced) == v.channels_in(text)
    assert v.vague_verb_in(spaced) == v.vague_verb_in(text)
    assert v.vague_without_object(spaced) == v.vague_without_object(text)
    assert v.placeholders_in(spaced) == v.placeholders_in(text)
    assert v.count_target_clauses(spaced) == v.count_target_clauses(text)
    assert v.mentions_check_in(spaced) == v.mentions_check_in(text)


def test_target_clauses_survive_text_that_case_folding_splits() -> None:
    # "İ" case-folds to "i" plus a combining dot, which adds a token.
    assert v.target_clauses("İ-a 5 and 6") == ("i\u0307-a 5", "6")
    assert v.count_target_clauses("İ-a 5 and 6") == 2


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("revenue", "de omzet"),
        ("win_rate", "het winstpercentage"),
        ("customer_churn_rate", "het klantverloop"),
        ("customers", "het aantal klanten"),
        ("nrr", "het netto omzetbehoud"),
        ("demos_booked", "de geboekte demo's"),
        ("sales_cycle_length", "de lengte van de verkoopcyclus"),
        ("arpa", "de gemiddelde omzet per klant"),
    ],
)
def test_dutch_metric_names_take_their_article(key: str, expected: str) -> None:
    assert vocabulary.with_article(metrics.get(key).label("nl"), "nl") == expected
    assert vocabulary.with_article(metrics.get(key).label("en")) == metrics.get(key).label("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("through email and phone, not through Instagram", ("email", "phone")),
        ("without cold calling, through LinkedIn", ("linkedin",)),
        ("via e-mail in plaats van Instagram of TikTok", ("email",)),
        ("zonder beurzen, maar via webinars", ("webinars",)),
        ("not only email but also phone", ("email", "phone")),
        ("Instagram ads, not cold calls, and more Instagram posts", ("instagram",)),
        ("by phone, no later than June", ("phone",)),
    ],
)
def test_negation_removes_a_channel(text: str, expected: tuple[str, ...]) -> None:
    assert vocabulary.affirmed_channels(text) == expected


_NEGATION_TEXT = st.lists(
    st.sampled_from(
        [
            *sorted(_channels.NEGATION_WORDS),
            *("Not", "NIET", "knot", "nothing", "no-code", "in", "van", "email", "1,200"),
            *("€1,200", "1,5x", "straße", "20%"),
        ]
    ),
    max_size=6,
).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", ",", ", ", " ,", ".", "-", ":", "(", "?"]),
        min_size=len(words),
        max_size=len(words),
    ).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps, strict=True)))
)


@given(_NEGATION_TEXT)
def test_a_reading_may_negate_exactly_when_its_tokens_may(text: str) -> None:
    assert v._read(text).may_negate is _channels.may_negate(v._tokens(text))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["via", "email,not", "instagram"], True),
        (["via", "email,", "phone"], False),
        ([",geen"], True),
        (["nothing", "knot"], False),
        ([], False),
    ],
)
def test_may_negate_reads_words_and_their_parts_at_commas(
    words: list[str], expected: bool
) -> None:
    assert _channels.may_negate(words) is expected
