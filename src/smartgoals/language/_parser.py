"""The statement parser: tokens to items, items to clauses, clauses to goals.

1. :func:`_scan` walks the tokens once and, at each position, takes the longest phrase
   any reader recognises (a timeframe, an amount, a metric name, a verb, a marker such as
   "by" or "onder de", an owner, a strategy opener, a cadence such as "per week", a
   comparison period such as "vs Q2 2026", the words a count names: "4 webinars").
   Every reader looks at a bounded number of tokens, so scanning is linear in the length
   of the text; one dictionary lookup per token tells which readers can start there.
2. :func:`_assemble` cuts the items into sentences and, inside a sentence, into clauses
   where a conjunction is followed by another metric. Each clause that names a metric
   starts a goal; clauses without one add to the goal before them.
3. Each goal takes its fields from its own items; parts it lacks carry over from the
   other goals of the same sentence: the verb from the goal before ("increase revenue by
   10% and leads by 20%"), the amount and the cadence from the goal after ("increase
   calls and emails by 10% a month"), timeframe, owner, strategy and comparison period
   from the goal after, else before. A share of a population ("close 40% of the
   prospects") becomes a rate metric, and a count of something no metric names an
   ad-hoc metric.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final, NamedTuple

from smartgoals.exceptions import InvalidInputError, ParseError, SmartGoalsError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.language import _lexicon as lex
from smartgoals.language._lexicon import Marker, OwnerWord, Verb
from smartgoals.language._numbers import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    SOFT_ONE,
    WORD_NUMBERS,
    Amount,
    Kind,
    read_amount,
)
from smartgoals.language._owners import (
    is_team_word,
    label_owner,
    label_stop,
    read_name,
    read_team,
)
from smartgoals.language._result import ParsedGoal, ParsedStatement, Span
from smartgoals.language._text import (
    MAX_LENGTH,
    NUM,
    SYM,
    WORD,
    PhraseTable,
    Token,
    normalise,
    tokenize,
)
from smartgoals.language._timeframes import (
    ARTICLE_GATES,
    COMPARISON_SECONDS,
    COMPARISON_STARTERS,
    COMPOUND_PREFIXES,
    MONTHS,
    RECURRING_SECONDS,
    RECURRING_STARTERS,
    TIME_STARTERS,
    Cadence,
    Comparison,
    Context,
    earlier,
    read_comparison,
    read_date,
    read_recurring,
    read_time,
)
from smartgoals.metrics import (
    ADHOC_ORIGIN,
    Aggregation,
    Metric,
    MetricCatalog,
    MetricKind,
    Polarity,
    Unit,
    adhoc,
    default_catalog,
)
from smartgoals.timeframes import FiscalCalendar, Granularity

__all__: list[str] = []

LANGUAGES: Final = ("en", "nl")

# Item kinds.
_VERB, _PARTICLE, _METRIC, _AMOUNT, _MARKER = "verb", "particle", "metric", "amount", "marker"
_TIME, _RECURRING, _STRATEGY, _OWNER, _LAYER = (
    "time",
    "recurring",
    "strategy",
    "owner",
    "layer",
)
_CONJ, _END, _DATE, _LABEL = "conj", "end", "date", "label"
_EACH = "each"
_NOUN, _COMPARE, _CURRENCY = "noun", "compare", "currency"
# Kinds tested together, as sets built once.
_NAMING: Final = frozenset({_METRIC, _NOUN})
_STRATEGY_ENDS: Final = frozenset({_TIME, _END, _LABEL, _LAYER, _RECURRING, _COMPARE})
_VERB_OR_CONJ: Final = frozenset({_VERB, _CONJ})


class _Item(NamedTuple):
    kind: str
    first: int
    stop: int
    value: Any


_Trie = dict[str, Any]
_TERMINAL: Final = ""
_SKIPPABLE: Final = frozenset({"(", ")", "-", "/", "'", '"'})


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(normalise(phrase)) if t.kind != SYM)


def _build_lexicon(lang: str) -> dict[tuple[str, ...], tuple[str, Any]]:
    table: dict[tuple[str, ...], tuple[str, Any]] = {}
    for words, verb in lex.VERBS[lang].items():
        table[words] = (_VERB, (verb, words))
    if lang == "nl":
        for word, verb in lex.PARTICLES.items():
            table[(word,)] = (_PARTICLE, verb)
    for words, marker in lex.MARKERS[lang].items():
        table[words] = (_MARKER, marker)
    for words in lex.EACH[lang]:
        table[words] = (_EACH, None)
    for words, owner in lex.OWNERS[lang].items():
        table[words] = (_OWNER, owner)
    for words in lex.STRATEGY[lang]:
        table[words] = (_STRATEGY, None)
    for words in lex.CONJUNCTIONS[lang]:
        table[words] = (_CONJ, None)
    for words in lex.STRETCH:
        table[words] = (_LAYER, GoalType.STRETCH)
    for words, layer in lex.LAYER_LABELS.items():
        table[words] = (_LAYER, layer)
    return table


_LEXICON: Final = {lang: PhraseTable(_build_lexicon(lang)) for lang in LANGUAGES}
_PLACEHOLDERS: Final = PhraseTable(dict.fromkeys(lex.PLACEHOLDERS, True))
_PLACEHOLDER_OPENERS: Final = _PLACEHOLDERS.firsts | {"?"}
_CHANNELS: Final = PhraseTable(lex.CHANNELS)

_TRIES: dict[tuple[str, int, tuple[int, ...]], tuple[_Trie, tuple[object, ...]]] = {}
_TRIES_LOCK: Final = threading.Lock()


def _metric_trie(catalog: MetricCatalog, lang: str) -> _Trie:
    other = "nl" if lang == "en" else "en"
    # The catalog's version grows with every registration: it tells whether a cached
    # trie is still current.
    key = (lang, id(catalog), (catalog.version,))
    cached = _TRIES.get(key)
    if cached is not None:
        return cached[0]
    phrases: dict[tuple[str, ...], Metric] = {}
    for code in (other, lang):  # the statement's own language wins
        for phrase, metric in catalog.phrases(code):
            words = _phrase_key(phrase)
            if words:
                phrases[words] = metric
    trie: _Trie = {}
    for words, metric in sorted(phrases.items(), key=lambda item: item[0]):
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node[_TERMINAL] = metric
    with _TRIES_LOCK:
        if len(_TRIES) > 32:
            _TRIES.clear()
        _TRIES[key] = (trie, (catalog,))  # holding the catalog keeps its id unique
    return trie


def _read_metric(tokens: Sequence[Token], i: int, trie: _Trie) -> tuple[Metric, int] | None:
    node = trie.get(tokens[i].text)
    if node is None:
        return None
    found: tuple[Metric, int] | None = None
    j = i + 1
    n = len(tokens)
    while True:
        if _TERMINAL in node:
            found = (node[_TERMINAL], j)
        skipped = 0
        while j < n and tokens[j].kind == SYM and tokens[j].text in _SKIPPABLE and skipped < 2:
            j += 1
            skipped += 1
        if j >= n:
            return found
        child = node.get(tokens[j].text)
        if child is None:
            return found
        node = child
        j += 1


def _words(tokens: Sequence[Token]) -> list[str]:
    return [t.text for t in tokens if t.kind == WORD]


def _lexicon_words(lang: str) -> frozenset[str]:
    """The words of the language's phrases: verbs, markers, owners, strategy, time words."""
    phrases = [
        *lex.VERBS[lang],
        *lex.MARKERS[lang],
        *lex.OWNERS[lang],
        *lex.STRATEGY[lang],
        *lex.CONJUNCTIONS[lang],
    ]
    return frozenset({word for phrase in phrases for word in phrase} | TIME_STARTERS[lang])


#: Words of one language's phrases that the other's do not hold ("hoogstens", "wekelijks";
#: "comparison", "weekly"): what tells a short statement's language when its common words
#: are too few to (:func:`_hint_counts` ties).
_OWN_WORDS: Final = {
    "en": _lexicon_words("en") - _lexicon_words("nl"),
    "nl": _lexicon_words("nl") - _lexicon_words("en"),
}


def _hint_counts(words: list[str]) -> tuple[int, int]:
    """How many of ``words`` are common words of English and of Dutch.

    A tie (a short statement) is broken by the words of each language's phrases.
    """
    en, nl = lex.LANGUAGE_HINTS["en"], lex.LANGUAGE_HINTS["nl"]
    english, dutch = sum(map(en.__contains__, words)), sum(map(nl.__contains__, words))
    if english == dutch:
        own_en, own_nl = _OWN_WORDS["en"], _OWN_WORDS["nl"]
        english += sum(map(own_en.__contains__, words))
        dutch += sum(map(own_nl.__contains__, words))
    return english, dutch


def detect_language(text: str, tokens: Sequence[Token] | None = None) -> str:
    """Tell whether a statement is English or Dutch by its common words."""
    if tokens is None:
        tokens = tokenize(normalise(text[:MAX_LENGTH]))
    english, dutch = _hint_counts(_words(tokens))
    return "nl" if dutch > english else "en"


#: How many more common words of the other language make a statement clearly in it.
CLEAR_MARGIN: Final = 2


def reading_language(words: list[str], hint: str | None) -> str:
    """The language to read a statement in, given the caller's hint.

    Without a hint the language is detected. With one, the statement is read in the other
    language only when it is clearly written in it: the other language's common words
    outnumber the hinted language's by at least :data:`CLEAR_MARGIN` and more than twice.
    """
    english, dutch = _hint_counts(words)
    if hint is None:
        return "nl" if dutch > english else "en"
    own, other = (english, dutch) if hint == "en" else (dutch, english)
    if other - own >= CLEAR_MARGIN and other > 2 * own:
        return "nl" if hint == "en" else "en"
    return hint


_AMOUNT_STARTERS: Final = frozenset(
    {*CURRENCY_SYMBOLS, *CURRENCY_CODES, *WORD_NUMBERS, *SOFT_ONE, "+", "-", "half"}
)
_NUMBER_OF: Final = frozenset(words[0] for words in lex.NUMBER_OF)
#: Words any reader of :func:`_scan` but the metric names can start with, per language.
_OPENERS: Final = {
    lang: frozenset(
        {
            *TIME_STARTERS[lang],
            *MONTHS,
            *_AMOUNT_STARTERS,
            *RECURRING_STARTERS,
            *COMPARISON_STARTERS,
            *lex.OWNER_LABELS[lang],
            *lex.DETERMINERS,
            *_NUMBER_OF,
            *_LEXICON[lang].firsts,
            "by",
        }
    )
    for lang in LANGUAGES
}
#: Words that are never part of a name: what any reader but the metric names starts with.
_NOT_NAMES: Final = {lang: _OPENERS[lang] - MONTHS.keys() for lang in LANGUAGES}

# The readers a word can start, as bits: one dictionary lookup per token tells them all.
_TIME_BIT, _DATE_BIT, _AMOUNT_BIT, _CADENCE_BIT = 1, 2, 4, 8
_COMPARE_BIT, _LABEL_BIT, _LEXICON_BIT, _COUNTED_BIT = 16, 32, 64, 128


def _reader_bits(lang: str) -> dict[str, int]:
    sets = [
        (_TIME_BIT, TIME_STARTERS[lang]),
        (_DATE_BIT, MONTHS.keys()),
        (_AMOUNT_BIT, _AMOUNT_STARTERS),
        (_CADENCE_BIT, RECURRING_STARTERS),
        (_COMPARE_BIT, COMPARISON_STARTERS),
        (_LABEL_BIT, lex.OWNER_LABELS[lang]),
        (_LEXICON_BIT, _LEXICON[lang].firsts),
        (_COUNTED_BIT, _NUMBER_OF),
    ]
    bits = dict.fromkeys(_OPENERS[lang], 0)
    for bit, words in sets:
        for word in words:
            bits[word] |= bit
    return bits


#: For each word any reader but the metric names starts with, the readers it starts.
_READERS: Final = {lang: _reader_bits(lang) for lang in LANGUAGES}
#: A number starts a date or an amount.
_NUMBER_BITS: Final = _DATE_BIT | _AMOUNT_BIT

_VERB_WORDS: Final = {lang: frozenset(words[0] for words in lex.VERBS[lang]) for lang in LANGUAGES}
#: Words after a person's name that make it a subject: a verb, or a modal ("John will …").
_SUBJECT_NEXT: Final = {
    lang: _VERB_WORDS[lang] | {words[0] for words in lex.AUXILIARIES[lang]} for lang in LANGUAGES
}
_COMPOUND_STARTS: Final = tuple(COMPOUND_PREFIXES)
#: How far before its team word a team's name may start ("our inside sales team").
_TEAM_REACH: Final = 4


class _Blocked:
    """Words that cannot be part of a name: the lexicon's words and the metric names."""

    __slots__ = ("trie", "words")

    def __init__(self, words: frozenset[str], trie: _Trie) -> None:
        self.words = words
        self.trie = trie

    def __contains__(self, word: object) -> bool:
        return word in self.words or word in self.trie


class _Noun(NamedTuple):
    """Words naming what an amount counts, where no catalog metric does."""

    first: int
    unit: Unit


#: English verbs of the verb table that are also plural nouns: after a noun they name what
#: is counted ("20 customer visits", "5 site visits"), no action.
_PLURAL_NOUN_VERBS: Final = frozenset({"visits", "runs", "signs", "books", "holds"})


def _noun_run(tokens: Sequence[Token], j: int, openers: frozenset[str], trie: _Trie) -> int | None:
    """Where a run of up to three plain words from ``j`` stops ("executive roundtables").

    A hyphen joining two words keeps the run going ("LinkedIn-posts"), and so does a verb
    that is a plural noun after a noun ("customer visits").
    """
    n = len(tokens)
    k = j
    words = 0
    while k < n and words < 3:
        token = tokens[k]
        word = token.text
        if k > j and word == "-" and _hyphen_joins(tokens, k):
            k += 1
            continue
        if token.kind != WORD or word in lex.FUNCTION_WORDS:
            break
        if word in openers and not (
            k > j
            and word in _PLURAL_NOUN_VERBS
            and (k + 1 >= n or tokens[k + 1].kind != NUM)
            and tokens[k - 1].kind == WORD
        ):
            break
        if word in trie and _read_metric(tokens, k, trie) is not None:
            break
        k += 1
        words += 1
    return k if k > j else None


def _hyphen_joins(tokens: Sequence[Token], k: int) -> bool:
    """Whether the hyphen at token ``k`` joins two words written without spaces."""
    return (
        k + 1 < len(tokens)
        and tokens[k + 1].kind == WORD
        and tokens[k - 1].end == tokens[k].start
        and tokens[k].end == tokens[k + 1].start
    )


def _counted(
    tokens: Sequence[Token], amount: Amount, openers: frozenset[str], trie: _Trie
) -> _Item | None:
    """The noun right after a count ("4 webinars"), or after money before a cadence."""
    if amount.kind is Kind.NUMBER and amount.currency is None:
        unit = Unit.COUNT
    elif amount.kind is Kind.MONEY:
        unit = Unit.CURRENCY
    else:
        return None
    stop = _noun_run(tokens, amount.stop, openers, trie)
    if stop is None:
        return None
    if unit is Unit.CURRENCY and read_recurring(tokens, stop) is None:
        return None  # "€5k consulting per month", but not every word after money
    return _Item(_NOUN, amount.stop, stop, _Noun(amount.stop, unit))


def _compound(tokens: Sequence[Token], i: int, trie: _Trie) -> list[_Item] | None:
    """A Dutch compound of a cadence and a metric name: "maandomzet", "jaarinkomen"."""
    word = tokens[i].text
    for prefix, granularity in COMPOUND_PREFIXES.items():
        if word.startswith(prefix):
            node = trie.get(word[len(prefix) :])
            if node is not None and _TERMINAL in node:
                return [
                    _Item(_METRIC, i, i + 1, node[_TERMINAL]),
                    _Item(_RECURRING, i, i + 1, Cadence(granularity, adjective=False)),
                ]
    return None


_OTHER_TEAM_WORDS: Final = lex.TEAM_WORDS - {"team"}


def _near_teams(tokens: Sequence[Token], folded: str, words: list[str]) -> list[bool] | None:
    """For each token, whether a team word follows within reach; None if there is none."""
    # Most statements name no team: every compound holds "team", the other words are
    # whole words ("m" first: a search for one character is the cheapest there is).
    if not ("m" in folded and "team" in folded) and _OTHER_TEAM_WORDS.isdisjoint(words):
        return None
    positions = [k for k, token in enumerate(tokens) if is_team_word(token.text)]
    if not positions:
        return None
    near = [False] * len(tokens)
    for k in positions:
        for j in range(max(0, k - _TEAM_REACH), k + 1):
            near[j] = True
    return near


#: What a reader can meet besides a ParseError: a value no date, period or number holds.
_READING_ERRORS: Final = (SmartGoalsError, ValueError, ArithmeticError)


def _unreadable(text: str, tokens: Sequence[Token], i: int, exc: Exception) -> ParseError:
    """The ParseError for the words at token ``i`` that a reader could not turn into a value."""
    start = tokens[i].start
    return ParseError(
        f"cannot read {_quote(text[start : start + 40])}: {exc}", text=text, position=start
    )


def _quote(words: str) -> str:
    """Words of the statement quoted for a message, cut after 40 characters."""
    return repr(words) if len(words) <= 40 else repr(words[:40] + "…")


def _scan(
    tokens: Sequence[Token],
    lang: str,
    ctx: Context,
    trie: _Trie,
    folded: str,
    words: list[str],
) -> list[_Item]:
    items: list[_Item] = []
    lexicon = _LEXICON[lang]
    readers = _READERS[lang]
    article_gates = ARTICLE_GATES[lang]
    openers = _OPENERS[lang]
    verbs = _VERB_WORDS[lang]
    subject_next = _SUBJECT_NEXT[lang]
    auxiliaries = lex.AUXILIARIES[lang]
    not_names = _NOT_NAMES[lang]
    near_team = _near_teams(tokens, folded, words)
    compounds = lang == "nl"  # "maandomzet": English writes the cadence apart
    text_as_written = ctx.text
    # A name opens with a capital: an ASCII text without one holds none. (str.islower
    # reads each character slowly; an ASCII capital is one that lower() changes.)
    capitals = not text_as_written.isascii() or text_as_written.lower() != text_as_written
    n = len(tokens)
    i = 0
    line_start = True
    try:
        while i < n:
            token = tokens[i]
            text = token.text
            kind = token.kind
            if kind == SYM and text in lex.SENTENCE_ENDS:
                items.append(_Item(_END, i, i + 1, None))
                line_start = line_start or text == "\n"
                i += 1
                continue
            # "1." or "2)" opening a line of a list is not an amount
            if (
                kind == NUM
                and (line_start or (i > 0 and tokens[i - 1].text == "#"))
                and i + 1 < n
                and tokens[i + 1].text in (".", ")")
                and len(text) <= 3
            ):
                i += 2
                continue
            line_start = False
            bits = _NUMBER_BITS if kind == NUM else readers.get(text, 0)
            in_trie = False
            if not bits:
                if kind != WORD:
                    i += 1  # a symbol nothing starts with
                    continue
                in_trie = text in trie
                if not in_trie:
                    if compounds and text.startswith(_COMPOUND_STARTS):
                        compound = _compound(tokens, i, trie)
                        if compound is not None:
                            items.extend(compound)
                            i += 1
                            continue
                    if near_team is None and not (
                        capitals and text_as_written[token.start].isupper()
                    ):
                        i += 1  # an unknown word that opens no name and no team
                        continue
            elif kind == WORD:
                in_trie = text in trie
            # A capitalised word may open a person's name ("Lisa closes"); any word a team's.
            name = (
                capitals
                and kind == WORD
                and text_as_written[token.start].isupper()
                and i + 1 < n
                and (
                    tokens[i + 1].text in subject_next
                    or (i + 2 < n and tokens[i + 2].text in subject_next)
                )
                and text not in not_names
            )
            team = near_team is not None and near_team[i]
            if not bits and not in_trie and not name and not team:
                i += 1  # nothing can start here
                continue
            best: _Item | None = None
            if bits & _TIME_BIT:
                gate = article_gates.get(text)
                if gate is None or (i + 1 < n and tokens[i + 1].text in gate):
                    found_time = read_time(tokens, i, lang, ctx)
                    if found_time is not None:
                        best = _Item(_TIME, i, found_time.stop, found_time)
            if bits & _DATE_BIT:
                found_date = read_date(tokens, i, ctx)
                if found_date is not None and (best is None or found_date[1] > best.stop):
                    best = _Item(_DATE, i, found_date[1], found_date[0])
            if bits & _AMOUNT_BIT:
                amount = read_amount(tokens, i, lang=lang)
                if amount is not None and (best is None or amount.stop > best.stop):
                    best = _Item(_AMOUNT, i, amount.stop, amount)
                elif (
                    amount is None
                    and text in CURRENCY_CODES
                    and i > 0
                    and tokens[i - 1].text == "in"
                ):
                    # "by 10% in EUR": the currency of a goal whose amounts name none
                    best = _Item(_CURRENCY, i, i + 1, text.upper())
            # Most words that start a cadence or a comparison need a certain next word
            # (the tables hold every word whose bit is set).
            if bits & _CADENCE_BIT:
                seconds = RECURRING_SECONDS[text]
                if seconds is None or (i + 1 < n and tokens[i + 1].text in seconds):
                    cadence = read_recurring(tokens, i)
                    if cadence is not None and (best is None or cadence[1] > best.stop):
                        best = _Item(_RECURRING, i, cadence[1], cadence[0])
            if bits & _COMPARE_BIT:
                seconds = COMPARISON_SECONDS[text]
                if seconds is None or (i + 1 < n and tokens[i + 1].text in seconds):
                    comparison = read_comparison(tokens, i, lang, ctx)
                    if comparison is not None and (best is None or comparison[1] > best.stop):
                        best = _Item(_COMPARE, i, comparison[1], comparison[0])
            if (
                text == "by"
                and lang == "en"
                and i + 1 < n
                and tokens[i + 1].text.endswith("ing")
                and len(tokens[i + 1].text) > 4
                and (best is None or best.stop <= i + 2)
            ):
                best = _Item(_STRATEGY, i, i + 1, None)
            if bits & _LABEL_BIT and i + 1 < n:
                # "owner: Sam"; or, set apart by a bracket, a dash or a comma, the label
                # right before a name: "(eigenaar Sam)", "– owner Sam"
                colon = tokens[i + 1].text == ":"
                if colon or (
                    i > 0
                    and tokens[i - 1].text in _LABEL_OPENERS
                    and tokens[i + 1].kind == WORD
                    and text_as_written[tokens[i + 1].start].isupper()
                ):
                    name_first = i + 2 if colon else i + 1
                    end = label_stop(tokens, name_first)
                    if end > name_first:
                        # the line as written: a name may hold characters no token does
                        line_end = tokens[end].start if end < n else len(text_as_written)
                        line = text_as_written[tokens[name_first - 1].end : line_end]
                        best = _Item(_LABEL, i, end, line)
            if bits & _LEXICON_BIT:
                entry = lexicon.longest(tokens, i)
                if (
                    entry is not None
                    and (best is None or entry[1] > best.stop)
                    and not (
                        entry[0][0] == _OWNER
                        and entry[0][1].subject_only
                        and not _at_start(tokens, i)
                    )
                    and not (
                        # "Team goal:" labels the goal; "the team goal is" does not
                        entry[0][0] == _LAYER
                        and entry[0][1] is not GoalType.STRETCH
                        and (entry[1] >= n or tokens[entry[1]].text != ":")
                    )
                ):
                    best = _Item(entry[0][0], i, entry[1], entry[0][1])
            if team:
                found_team = read_team(tokens, i, text_as_written, not_names, verbs)
                if found_team is not None and (best is None or found_team[0] > best.stop):
                    stop, name_first = found_team
                    written = text_as_written[tokens[name_first].start : tokens[stop - 1].end]
                    best = _Item(_OWNER, i, stop, OwnerWord(Scope.TEAM, written))
            if name:
                blocked = _Blocked(not_names, trie)
                name_stop = read_name(tokens, i, text_as_written, blocked, verbs, auxiliaries)
                if name_stop is not None and (best is None or name_stop > best.stop):
                    best = _Item(_OWNER, i, name_stop, OwnerWord(Scope.INDIVIDUAL))
            if in_trie:
                metric = _read_metric(tokens, i, trie)
                if metric is not None and (best is None or metric[1] > best.stop):
                    best = _Item(_METRIC, i, metric[1], metric[0])
            if bits & _COUNTED_BIT:
                counted = _number_of(tokens, i, openers, trie)
                if counted is not None and (best is None or counted.stop > best.stop):
                    best = counted
            if best is None:
                i += 1
                continue
            items.append(best)
            i = best.stop
            if (
                best.kind == _AMOUNT
                and i < n
                and tokens[i].kind == WORD
                and tokens[i].text not in openers
            ):
                noun = _counted(tokens, best.value, openers, trie)
                if noun is not None:
                    items.append(noun)
                    i = noun.stop
    except ParseError as exc:
        if exc.text is None:
            exc.text = ctx.text  # a reader of one number does not know the statement
        raise
    except _READING_ERRORS as exc:
        # A reader met a value no date, period or number can hold (a day past
        # 9999-12-31, a fiscal year the calendar does not have): the words cannot be read.
        raise _unreadable(ctx.text, tokens, i, exc) from None
    return items


#: What sets an owner label written without a colon apart: "(eigenaar Sam)", "– owner Sam".
_LABEL_OPENERS: Final = frozenset({"(", "[", "-", ",", ";"})


def _at_start(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` opens a sentence (or a labelled part: "Stretch goal: …")."""
    return i == 0 or tokens[i - 1].text in lex.SENTENCE_ENDS or tokens[i - 1].text in ":(-"


def _number_of(
    tokens: Sequence[Token], i: int, openers: frozenset[str], trie: _Trie
) -> _Item | None:
    """A counted noun after "the number of" or "het aantal" ("klantbezoeken")."""
    j = i + 1
    if tokens[i].text == "number":
        if j >= len(tokens) or tokens[j].text != "of":
            return None
        j += 1
    stop = _noun_run(tokens, j, openers, trie)
    if stop is None:
        return None
    return _Item(_NOUN, i, stop, _Noun(j, Unit.COUNT))


class _Fields:
    """The parts of one goal being assembled, with the items they came from."""

    def __init__(self, sentence: int) -> None:
        self.sentence = sentence
        self.items: list[_Item] = []
        self.has_metric = False


def _split_strategies(tokens: Sequence[Token], items: list[_Item]) -> list[_Item]:
    """Turn each strategy opener into a strategy item up to where the clause goes on."""
    out: list[_Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        if item.kind != _STRATEGY:
            out.append(item)
            k += 1
            continue
        # "door het team" names an owner, not a strategy
        if k + 1 < len(items) and items[k + 1].kind == _OWNER and items[k + 1].first == item.stop:
            k += 1
            continue
        m = k + 1
        while m < len(items):
            nxt = items[m]
            if nxt.kind in _STRATEGY_ENDS:
                break
            if (
                nxt.kind == _MARKER
                and m + 1 < len(items)
                and items[m + 1].kind == _AMOUNT
                and items[m + 1].first == nxt.stop
                and nxt.value is not Marker.FROM
            ):
                break
            m += 1
        stop = items[m].first if m < len(items) else len(tokens)
        while stop > item.stop and tokens[stop - 1].kind == SYM and tokens[stop - 1].text in ",:-":
            stop -= 1
        if stop > item.stop:
            out.append(_Item(_STRATEGY, item.first, stop, None))
        k = m
    return out


def _clauses(items: list[_Item]) -> list[_Fields]:
    clauses: list[_Fields] = [_Fields(0)]
    sentence = 0
    for k, item in enumerate(items):
        current = clauses[-1]
        if item.kind == _END:
            sentence += 1
            clauses.append(_Fields(sentence))
            continue
        if item.kind == _CONJ:
            # A new goal starts when another metric follows, maybe after a verb, or a
            # count of something new ("and organize 4 webinars").
            m = k + 1
            while m < len(items) and m <= k + 3 and items[m].kind in _VERB_OR_CONJ:
                m += 1
            if current.has_metric and m < len(items) and _names_metric(items, m):
                clauses.append(_Fields(sentence))
            continue
        current.items.append(item)
        current.has_metric = current.has_metric or item.kind in _NAMING
    groups: list[_Fields] = []
    pending: list[_Item] = []
    for clause in clauses:
        if clause.has_metric:
            clause.items[:0] = pending
            pending = []
            groups.append(clause)
        elif groups:
            groups[-1].items.extend(clause.items)
        else:
            pending.extend(clause.items)
    if not groups:
        lone = _Fields(0)
        lone.items = pending
        groups.append(lone)
    return groups


def _names_metric(items: list[_Item], m: int) -> bool:
    """Whether item ``m`` names what a goal measures: "leads", or "20 meetings"."""
    item = items[m]
    if item.kind in _NAMING:
        return True
    return (
        item.kind == _AMOUNT
        and m + 1 < len(items)
        and items[m + 1].kind in _NAMING
        and items[m + 1].first == item.stop
    )


_VERB_RANK: Final = {
    Verb.INCREASE: 0,
    Verb.DECREASE: 0,
    Verb.MAINTAIN: 0,
    Verb.NEUTRAL: 1,
    Verb.REACH: 2,
    Verb.VAGUE: 3,
}
_TARGET_MARKERS: Final = (Marker.CHANGE, Marker.LEVEL, Marker.AT_MOST, Marker.AT_LEAST)


class _Draft:
    """The raw parts of one goal, before shared parts carry over."""

    def __init__(self, fields: _Fields, tokens: Sequence[Token]) -> None:
        self.sentence = fields.sentence
        self.items = fields.items
        first: dict[str, _Item] = {}  # the first item of each kind
        verbs: list[_Item] = []
        role: _Item | None = None
        team: _Item | None = None
        group: _Item | None = None
        for item in self.items:
            first.setdefault(item.kind, item)
            if item.kind == _VERB:
                verbs.append(item)
            elif item.kind == _OWNER:
                word: OwnerWord = item.value
                if role is None and word.scope is Scope.ROLE:
                    role = item
                elif word.scope is Scope.TEAM:
                    team = team or item
                    if group is None and word.role is not None:
                        group = item
        if role is not None:
            # "Sarah's team books 20 demos per AE a week": the target holds for each AE,
            # not for the team as a whole; the role decides what the number means.
            first[_OWNER] = role
        # The team a member role belongs to ("each member of Sarah's team"), and the
        # group of role holders a target for each of them names ("the reps … each").
        self.team = team
        self.group = group
        self.each = _EACH in first
        self.metric = first.get(_METRIC)
        self.noun = first.get(_NOUN)
        self.time = first.get(_TIME)
        self.owner = first.get(_OWNER) or first.get(_LABEL)
        self.strategy = first.get(_STRATEGY)
        self.compare = first.get(_COMPARE)
        self.currency = first.get(_CURRENCY)
        self.period = self._cadence(tokens) if _RECURRING in first else None
        self.verbs = verbs
        self.verb: _Item | None = min(verbs, key=lambda v: _VERB_RANK[v.value[0]], default=None)
        self.particle = first.get(_PARTICLE)
        self.target: tuple[_Item, _Item | None] | None = None
        self.baseline: tuple[_Item, _Item | None] | None = None
        self._pick_amounts(tokens)

    def _cadence(self, tokens: Sequence[Token]) -> _Item | None:
        """The first cadence that belongs to the goal.

        A phrase ("per month", "elke week") does, unless it says how often progress is
        checked ("reviewed every month", "elke maand besproken"); an adjective ("monthly", "wekelijks") only right
        before the metric or an amount ("monthly revenue", "wekelijks 5 klanten") or right
        after them ("10% annually"), so "our annual goal" sets none.
        """
        items = self.items
        for k, item in enumerate(items):
            if item.kind != _RECURRING:
                continue
            cadence: Cadence = item.value
            if (item.first > 0 and tokens[item.first - 1].text in lex.CHECK_IN_WORDS) or (
                item.stop < len(tokens) and tokens[item.stop].text in lex.CHECK_IN_WORDS
            ):
                continue  # "reviewed every month", "elke maand besproken"
            if not cadence.adjective:
                return item
            after = items[k + 1] if k + 1 < len(items) else None
            before = items[k - 1] if k > 0 else None
            if (
                after is not None and after.kind in (_METRIC, _AMOUNT) and after.first == item.stop
            ) or (
                before is not None
                and before.kind in (_AMOUNT, _METRIC)
                and before.stop == item.first
            ):
                return item
        return None

    def _pick_amounts(self, tokens: Sequence[Token]) -> None:
        marked: list[tuple[_Item, _Item | None]] = []
        items = self.items
        for k, item in enumerate(items):
            if item.kind != _AMOUNT:
                continue
            marker = items[k - 1] if k > 0 and items[k - 1].kind == _MARKER else None
            if marker is not None and not all(
                t.text in lex.ARTICLES for t in tokens[marker.stop : item.first]
            ):
                marker = None
            if marker is not None and item.first < marker.stop:  # pragma: no cover
                marker = None
            marked.append((item, marker))
        kinds = [m.value if m is not None else None for _, m in marked]
        # target_after[k]: an amount marked as a target ("naar", "met", "tot maximaal")
        # comes after amount k, so a "van" before it names the baseline
        target_after = [False] * len(kinds)
        seen = False
        for index in range(len(kinds) - 1, -1, -1):
            target_after[index] = seen
            seen = seen or kinds[index] in _TARGET_MARKERS
        for index, (item, marker) in enumerate(marked):
            kind = kinds[index]
            if kind is Marker.BASELINE and self.baseline is None:
                self.baseline = (item, marker)
            elif kind is Marker.FROM and marker is not None:
                word = tokens[marker.first].text
                later_target = target_after[index]
                if (later_target or word != "van") and self.baseline is None:
                    self.baseline = (item, marker)
                elif word == "van":
                    kinds[index] = None
        for index, (item, marker) in enumerate(marked):
            if kinds[index] in _TARGET_MARKERS:
                self.target = (item, marker)
                return
        for index, (item, _) in enumerate(marked):
            if kinds[index] is None:
                self.target = (item, None)
                return

    @property
    def verb_class(self) -> Verb | None:
        if self.verb is None:
            return None
        verb: Verb = self.verb.value[0]
        if verb is Verb.NEUTRAL and self.particle is not None:
            particle: Verb = self.particle.value
            return particle
        return verb


def _carry(drafts: list[_Draft]) -> None:
    by_sentence: dict[int, list[_Draft]] = {}
    for draft in drafts:
        by_sentence.setdefault(draft.sentence, []).append(draft)
    for group in by_sentence.values():
        if len(group) > 1:
            _carry_within(group)


def _carry_within(group: list[_Draft]) -> None:
    # The verb carries forward, the amount and the cadence backward; timeframe, owner,
    # strategy and comparison period come from the nearest goal after, else before.
    verb: tuple[_Item | None, _Item | None] | None = None
    for draft in group:
        if draft.verb is None and verb is not None:
            draft.verb, draft.particle = verb
        elif draft.verb is not None:
            verb = (draft.verb, draft.particle)
    target = None
    for draft in reversed(group):
        if draft.target is None and target is not None and _preset(draft) is None:
            draft.target = target
        elif draft.target is not None:
            target = draft.target
    # A cadence carries backward, as the amount: "40 demos and 20 meetings a month".
    period = None
    for draft in reversed(group):
        if draft.period is None:
            draft.period = period
        else:
            period = draft.period
    for name in ("time", "owner", "strategy", "compare"):
        if all(getattr(draft, name) is None for draft in group):
            continue  # nothing to share
        after: list[_Item | None] = [None] * len(group)
        seen: _Item | None = None
        for k in range(len(group) - 1, -1, -1):
            after[k] = seen
            seen = getattr(group[k], name) or seen
        before: _Item | None = None
        for k, draft in enumerate(group):
            own = getattr(draft, name)
            if own is None:
                setattr(draft, name, after[k] or before)
            else:
                before = own


def _preset(draft: _Draft) -> Decimal | None:
    return lex.preset_change(draft.verb.value[1]) if draft.verb is not None else None


class _Built(NamedTuple):
    goal: Goal
    spans: dict[str, Span]
    vague: list[Span]


def _span(text: str, tokens: Sequence[Token], first: int, stop: int) -> Span:
    start, end = tokens[first].start, tokens[stop - 1].end
    return Span(start, end, text[start:end])


def _target_value(amount: Amount, kind: TargetKind) -> tuple[Decimal, bool]:
    """The target's value and whether a change is relative."""
    if amount.kind is Kind.MULTIPLE:
        return amount.value - 1, True
    if kind is TargetKind.CHANGE:
        return amount.value, amount.kind is Kind.PERCENT
    return amount.value, False


def _direction(
    draft: _Draft, kind: TargetKind | None, value: Decimal | None, metric: Metric | None
) -> Direction | None:
    verb = draft.verb_class
    if verb is Verb.INCREASE:
        return Direction.INCREASE
    if verb is Verb.DECREASE:
        return Direction.DECREASE
    if verb is Verb.MAINTAIN:
        return Direction.MAINTAIN
    if verb is not Verb.REACH:
        return None
    baseline = draft.baseline[0].value.value if draft.baseline is not None else None
    if (
        kind is not None
        and kind is not TargetKind.CHANGE
        and baseline is not None
        and value is not None
    ):
        return Direction.INCREASE if value >= baseline else Direction.DECREASE
    if metric is not None and metric.polarity is Polarity.LOWER_IS_BETTER:
        return Direction.DECREASE
    return Direction.INCREASE


def _owner(
    draft: _Draft, item: _Item, text: str, tokens: Sequence[Token], lang: str
) -> Owner | None:
    """The owner ``item`` names in ``draft``.

    A target given to each member makes a role of a team: "the reps book 8 demos each"
    is owned by each rep, "Sarah's team books 8 demos each" (or "per person", "each
    member of Sarah's team") by each "member of Sarah's team".
    """
    if item.kind == _OWNER:
        word: OwnerWord = item.value
        if word.scope is Scope.TEAM and draft.each:
            if draft.group is not None and draft.group.value.role is not None:
                return Owner(draft.group.value.role, Scope.ROLE)
            return Owner(lex.MEMBER_OF[lang].format(_team_words(item, text, tokens)), Scope.ROLE)
        if word.scope is Scope.ROLE and word.name in lex.MEMBER_ROLES and draft.team is not None:
            return Owner(
                lex.MEMBER_OF[lang].format(_team_words(draft.team, text, tokens)), Scope.ROLE
            )
        name = word.name or text[tokens[item.first].start : tokens[item.stop - 1].end]
        return Owner(name, word.scope)
    line: str = item.value
    return label_owner(line)


def _team_words(item: _Item, text: str, tokens: Sequence[Token]) -> str:
    """A team's words as written, a leading article in lower case: "the sales team"."""
    words = text[tokens[item.first].start : tokens[item.stop - 1].end]
    if tokens[item.first].text in lex.DETERMINERS:
        words = words[0].lower() + words[1:]
    return words


#: Conversion rates in the catalog by the stages they convert between.
_STAGE_RATES: Final = {
    ("leads", "mql"): "lead_to_mql_rate",
    ("mql", "sql"): "mql_to_sql_rate",
    ("sql", "opportunities"): "sql_to_opportunity_rate",
    ("opportunities", "deals_won"): "win_rate",
}


def _catalog_metric(catalog: MetricCatalog, key: str) -> Metric | None:
    for source in (catalog, default_catalog()):
        if key in source:
            return source.get(key)
    return None


def _stage_rate(source: Metric, target: Metric, catalog: MetricCatalog) -> Metric:
    """The rate at which ``source`` converts to ``target`` ("MQLs to SQLs")."""
    known = _STAGE_RATES.get((source.key, target.key))
    metric = _catalog_metric(catalog, known) if known is not None else None
    if metric is not None:
        return metric
    return Metric(
        f"{source.key}_to_{target.key}_rate"[:64],
        f"{source.label('en')} to {target.label('en')} conversion rate",
        Unit.RATIO,
        Polarity.HIGHER_IS_BETTER,
        Aggregation.AVERAGE,
        names={"nl": f"conversie van {source.label('nl')} naar {target.label('nl')}"},
        origin=ADHOC_ORIGIN,
    )


def _population(
    draft: _Draft, tokens: Sequence[Token], catalog: MetricCatalog
) -> tuple[Metric, int, int] | None:
    """A share of a population, "close 40% of the prospects": the rate and its words.

    The amount is a percentage not marked as a change, followed by "of"/"van" and a count
    (a count metric, or any noun after a closing verb). The rate is the close rate, the
    win rate, or a conversion rate: between the stages when it names them ("convert 25%
    of MQLs to SQLs"), else the catalog's ``conversion_rate``.
    """
    if draft.target is None:
        return None
    item, marker = draft.target
    amount: Amount = item.value
    if amount.kind is not Kind.PERCENT or (marker is not None and marker.value is Marker.CHANGE):
        return None
    n = len(tokens)
    j = amount.stop
    if j >= n or tokens[j].text not in lex.OF_WORDS:
        return None
    j += 1
    while j < n and j - amount.stop <= 2 and tokens[j].text in lex.POPULATION_ARTICLES:
        j += 1
    by_start = {i.first: i for i in draft.items if i.kind in _NAMING}
    population = by_start.get(j)
    for k in (j + 1, j + 2):
        # One or two words may describe the population first: "of qualified
        # opportunities", "van de gekwalificeerde kansen", "of new inbound leads".
        if population is not None or k >= n or tokens[k - 1].kind != WORD:
            break
        population = by_start.get(k)
    if draft.metric is not None and draft.metric is not population:
        return None  # "reduce churn to 2% of customers": the rate is named already
    verb = draft.verb.value[1][0] if draft.verb is not None else ""
    key = lex.POPULATION_VERBS.get(verb, "conversion_rate")
    counted = population is not None and (
        population.kind == _NOUN or population.value.unit is Unit.COUNT
    )
    if not counted and (key == "conversion_rate" or j >= n or tokens[j].kind != WORD):
        return None
    stop = population.stop if population is not None else j + 1
    if key == "conversion_rate" and population is not None and population.kind == _METRIC:
        into = by_start.get(population.stop + 1)
        if (
            population.stop < n
            and tokens[population.stop].text in lex.INTO_WORDS
            and into is not None
            and into.kind == _METRIC
        ):
            return _stage_rate(population.value, into.value, catalog), amount.stop, into.stop
    metric = _catalog_metric(catalog, key)
    return (metric, amount.stop, stop) if metric is not None else None


def _adhoc(noun: _Item, text: str, tokens: Sequence[Token], lang: str) -> Metric | None:
    value: _Noun = noun.value
    phrase = text[tokens[value.first].start : tokens[noun.stop - 1].end]
    kind = MetricKind.ACTIVITY if value.unit is Unit.COUNT else MetricKind.OUTCOME
    try:
        return adhoc(phrase, lang=lang, unit=value.unit, kind=kind)
    except InvalidInputError:
        return None  # words with no letter the key can keep ("日本"): leave the metric out


def _build(
    draft: _Draft,
    text: str,
    tokens: Sequence[Token],
    layer: _Item | None,
    *,
    lang: str,
    catalog: MetricCatalog,
    calendar: FiscalCalendar | None,
) -> _Built:
    # Each field's tokens, first to stop; the spans are made once the goal is built.
    marks: dict[str, tuple[int, int]] = {}

    def mark(name: str, item: _Item | None, first: int | None = None) -> None:
        if item is not None:
            marks[name] = (item.first if first is None else first, item.stop)

    metric: Metric | None = draft.metric.value if draft.metric is not None else None
    mark("metric", draft.metric)
    if metric is None and draft.noun is not None:
        metric = _adhoc(draft.noun, text, tokens, lang)
        if metric is not None:
            noun: _Noun = draft.noun.value
            marks["metric"] = (noun.first, draft.noun.stop)
    if metric is not None and metric.unit is Unit.COUNT and draft.target is not None:
        _refuse_per_entity(draft, text, tokens, lang)
    population = None
    if draft.target is not None:
        percent: Amount = draft.target[0].value
        if (
            percent.kind is Kind.PERCENT
            and percent.stop < len(tokens)
            and tokens[percent.stop].text in lex.OF_WORDS
        ):
            population = _population(draft, tokens, catalog)
    if population is not None:
        metric, words_first, words_stop = population
        marks["metric"] = (words_first, words_stop)
    target: Target | None = None
    kind: TargetKind | None = None
    value: Decimal | None = None
    currency: str | None = None
    verb = draft.verb_class
    preset = _preset(draft)
    amount: Amount | None = None
    marker: _Item | None = None
    if draft.target is not None:
        item, marker = draft.target
        amount = item.value
        assert amount is not None
        if marker is not None and marker.value in _TARGET_MARKERS:
            kind = marker.value.target_kind
        elif amount.kind is Kind.MULTIPLE or verb in (Verb.INCREASE, Verb.DECREASE, Verb.NEUTRAL):
            kind = TargetKind.CHANGE
        elif population is not None or (
            amount.kind is Kind.NUMBER
            and amount.currency is None
            and metric is not None
            and metric.kind is MetricKind.ACTIVITY
            and draft.baseline is None
        ):
            # "books 20 demos a week", "close 40% of the prospects": a floor to reach
            kind = TargetKind.AT_LEAST
        else:
            kind = TargetKind.LEVEL
        assert kind is not None
        if amount.kind is Kind.MULTIPLE:
            kind = TargetKind.CHANGE
        value, relative = _target_value(amount, kind)
        if amount.currency is not None:
            currency = amount.currency
            mark("currency", item)
        mark("target", item, marker.first if marker is not None else None)
    elif preset is not None:
        kind, value, relative = TargetKind.CHANGE, preset, True
        mark("target", draft.verb)
    baseline: Decimal | None = None
    if draft.baseline is not None:
        item, base_marker = draft.baseline
        baseline = item.value.value
        mark("baseline", item, base_marker.first if base_marker is not None else None)
        if currency is None and item.value.currency is not None:
            currency = item.value.currency
            mark("currency", item)
    if currency is None and draft.currency is not None:
        currency = draft.currency.value
        mark("currency", draft.currency)
    direction = _direction(draft, kind, value, metric)
    per = _per(draft, metric) if draft.period is not None else None
    if (
        per is not None
        and kind is TargetKind.LEVEL
        and baseline is not None
        and value is not None
        and verb in (Verb.INCREASE, Verb.DECREASE)
        and draft.baseline is not None
        and draft.baseline[1] is not None
        and draft.baseline[1].value is Marker.FROM
    ):
        # "Increase monthly revenue from €100k to €150k in 2027": the month's value moves
        # from the baseline to the target, a run rate (as "from €100k by 50%" reads), not
        # €150k in every month from January on. ("… to €150k a month, from a baseline of
        # €100k" keeps the level: the baseline is where the rate stands, not a start.)
        kind, value, relative = TargetKind.CHANGE, value - baseline, False
    if kind is not None and value is not None:
        if kind is TargetKind.CHANGE:
            if direction is Direction.INCREASE:
                value = abs(value)
            elif direction is Direction.DECREASE:
                value = -abs(value)
        try:
            target = Target(kind, value, relative=relative, per=per)
        except InvalidInputError as exc:
            raise _unfit(exc, text, tokens, marks) from None
    if direction is not None:
        mark("direction", draft.verb)
        if draft.particle is not None and draft.verb is not None:
            first, stop = sorted((draft.verb, draft.particle), key=lambda i: i.first)
            marks["direction"] = (first.first, stop.stop)
    timeframe = draft.time.value.timeframe if draft.time is not None else None
    mark("timeframe", draft.time)
    owner = None
    if draft.owner is not None:
        mark("owner", draft.owner)
        try:
            owner = _owner(draft, draft.owner, text, tokens, lang)
        except InvalidInputError as exc:
            raise _unfit(exc, text, tokens, marks) from None
        if owner is None:
            del marks["owner"]
    strategy = None
    if draft.strategy is not None:
        mark("strategy", draft.strategy)
        strategy = text[tokens[draft.strategy.first].start : tokens[draft.strategy.stop - 1].end]
    mark("period", draft.period)
    baseline_period = None
    if draft.compare is not None:
        comparison: Comparison = draft.compare.value
        baseline_period = comparison.period
        if baseline_period is None and timeframe is not None:
            baseline_period = earlier(timeframe, comparison.months, calendar)
        mark("baseline_period", draft.compare)
    extra: dict[str, Any] = {}
    if layer is not None:
        extra["type"] = layer.value
        mark("type", layer)
    try:
        goal = Goal(
            statement=text,
            metric=metric,
            direction=direction,
            target=target,
            baseline=baseline,
            timeframe=timeframe,
            currency=currency,
            owner=owner,
            strategy=strategy,
            baseline_period=baseline_period,
            **extra,
        )
    except InvalidInputError as exc:
        raise _unfit(exc, text, tokens, marks) from None
    spans = {name: _span(text, tokens, first, stop) for name, (first, stop) in marks.items()}
    vague = (
        [] if target is not None else [_span(text, tokens, v.first, v.stop) for v in draft.verbs]
    )
    return _Built(goal, spans, vague)


#: The words to quote when the Goal refuses a field: the field's own, else these.
_FIELD_WORDS: Final = {
    "value": ("target",),
    "relative": ("target",),
    "target": ("target", "baseline"),
    "baseline": ("baseline", "target"),
    "direction": ("direction", "target"),
    "per": ("period", "metric"),
    "currency": ("currency", "metric"),
    "name": ("owner",),
    "scope": ("owner",),
}


#: Who a count may be stated for, one at a time: "1 QBR per client", "3 referrals from
#: every new customer". The library cannot know how many there are.
_ENTITIES: Final = frozenset(
    {
        *("customer", "customers", "client", "clients", "account", "accounts"),
        *("prospect", "prospects", "klant", "klanten", "relatie", "relaties"),
    }
)
#: The words before such an entity ("per", "from every", "van elke") ...
_ENTITY_LEADS: Final = PhraseTable(
    dict.fromkeys(
        [
            ("per",),
            *((a, b) for a in ("for", "from", "with", "at") for b in ("each", "every")),
            *((a, b) for a in ("van", "voor", "bij", "met") for b in ("elke", "iedere", "ieder")),
        ],
        True,
    )
)
#: ... and the words that may describe it first ("per new customer", "elke nieuwe klant").
_ENTITY_ADJECTIVES: Final = frozenset(
    {"new", "existing", "active", "key", "nieuwe", "bestaande", "actieve", "grote"}
)


def _refuse_per_entity(draft: _Draft, text: str, tokens: Sequence[Token], lang: str) -> None:
    """Refuse a count stated per customer ("1 QBR per client per quarter").

    Such a target is a total only once the number of customers is known, which a
    statement does not say; read as it stands it would be one QBR in all. The words after
    the amount and after the metric's name are looked at.

    Raises:
        ParseError: naming the words and how to write the goal instead.
    """
    assert draft.target is not None
    starts = {draft.target[0].stop}
    for item in (draft.metric, draft.noun):
        if item is not None:
            starts.add(item.stop)
    n = len(tokens)
    # "per account manager" is a role, not a customer: its words are an owner's.
    owned = {
        k for item in draft.items if item.kind == _OWNER for k in range(item.first, item.stop)
    }
    for start in sorted(starts):
        if start in owned:
            continue
        lead = _ENTITY_LEADS.longest(tokens, start) if start < n else None
        if lead is None:
            continue
        k = lead[1]
        while k < n and tokens[k].text in _ENTITY_ADJECTIVES:
            k += 1
        if k < n and tokens[k].text in _ENTITIES and k not in owned:
            words = text[tokens[start].start : tokens[k].end]
            example = (
                "'40 QBR's per kwartaal' voor 40 klanten"
                if lang == "nl"
                else "'40 QBRs a quarter' for 40 clients"
            )
            raise ParseError(
                f"cannot read {_quote(words)} in a goal: a count for each customer adds up "
                f"only once the number of customers is known; give the total, such as {example}",
                text=text,
                position=tokens[start].start,
            )


def _unfit(
    exc: InvalidInputError,
    text: str,
    tokens: Sequence[Token],
    marks: dict[str, tuple[int, int]],
) -> ParseError:
    """The ParseError for a goal whose parts the Goal refuses, quoting the words behind it."""
    names = (*_FIELD_WORDS.get(exc.name or "", ()), "target", "metric")
    where = next((marks[name] for name in names if name in marks), None)
    if where is None:
        return ParseError(f"cannot read {_quote(text)} as a goal: {exc}", text=text)
    span = _span(text, tokens, *where)
    return ParseError(
        f"cannot read {_quote(span.text)} in a goal: {exc}", text=text, position=span.start
    )


def _per(draft: _Draft, metric: Metric | None) -> Granularity | None:
    """The cadence of the target; none on a level at a point in time (MRR, customers)."""
    if draft.period is None:
        return None
    if metric is not None and metric.aggregation is Aggregation.LEVEL:
        return None
    cadence: Cadence = draft.period.value
    return cadence.granularity


def _placeholders(text: str, tokens: Sequence[Token]) -> list[Span]:
    found: list[Span] = []
    taken = 0  # tokens before this one belong to a placeholder already found
    for i, token in enumerate(tokens):
        word = token.text
        if i < taken or (word not in _PLACEHOLDER_OPENERS and word[0] not in "xny"):
            continue
        stop = None
        if word in _PLACEHOLDERS.firsts:
            placeholder = _PLACEHOLDERS.longest(tokens, i)
            stop = placeholder[1] if placeholder is not None else None
        if stop is None and word[0] in "xny" and _letter_placeholder(tokens, i):
            stop = i + 1
        if word == "?" and stop is None:
            stop = _question_mark(tokens, i)
        if stop is not None:
            found.append(_span(text, tokens, i, stop))
            taken = stop
    return found


def _letter_placeholder(tokens: Sequence[Token], i: int) -> bool:
    """A run of x's ("xx"), or a lone x against "%" or a currency sign ("X%", "$X")."""
    word = tokens[i]
    if len(word.text) >= 2 and set(word.text) == {"x"}:
        return True
    if word.text not in ("x", "n", "y"):
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1] if i > 0 else None
    return (after is not None and after.text == "%" and after.start == word.end) or (
        before is not None and before.text in CURRENCY_SYMBOLS and before.end == word.start
    )


def _question_mark(tokens: Sequence[Token], i: int) -> int | None:
    """A "?" standing for a value, not ending a question ("by ?%", "? leads")."""
    n = len(tokens)
    token = tokens[i]
    previous = tokens[i - 1] if i > 0 else None
    question = previous is not None and previous.kind == WORD and previous.end == token.start
    following = tokens[i + 1] if i + 1 < n else None
    if question and (following is None or following.text not in ("%", "?")):
        return None
    stop = i + 1
    while stop < n and tokens[stop].text == "?" and tokens[stop].start == tokens[stop - 1].end:
        stop += 1
    return stop


def _channels(text: str, tokens: Sequence[Token]) -> dict[str, list[Span]]:
    found: dict[str, list[Span]] = {}
    if _CHANNELS.firsts.isdisjoint([t.text for t in tokens]):
        return found
    words = [t for t in tokens if not (t.kind == SYM and t.text == "-")]
    n = len(words)
    i = 0
    while i < n:
        channel = _CHANNELS.longest(words, i) if words[i].text in _CHANNELS.firsts else None
        if channel is None:
            i += 1
            continue
        key, stop = channel
        found.setdefault(key, []).append(_span(text, words, i, stop))
        i = stop
    return found


def check_text(text: object) -> str:
    """Check that ``text`` is a statement the parser can read, and return it."""
    if not isinstance(text, str):
        raise InvalidInputError(
            f"a goal statement must be a str, got {type(text).__name__}",
            name="text",
            value=text,
        )
    if len(text) > MAX_LENGTH:
        raise ParseError(
            f"the statement has {len(text):,} characters; the parser reads at most "
            f"{MAX_LENGTH:,}: split it into separate goals",
            text=text[:200],
        )
    if not text.strip():
        raise ParseError(
            "the statement is empty; write a goal such as 'Increase revenue by 10% in 2027'",
            text=text,
        )
    return text


def parse_statement(
    text: str,
    *,
    lang: str | None,
    today: date,
    calendar: FiscalCalendar | None,
    catalog: MetricCatalog | None,
) -> ParsedStatement:
    """Read ``text`` into goals and evidence (arguments already checked)."""
    folded = normalise(text)
    tokens = tokenize(folded)
    words = _words(tokens)
    language = reading_language(words, lang)
    ctx = Context(today, calendar, text)
    used = catalog or default_catalog()
    trie = _metric_trie(used, language)
    items = _split_strategies(tokens, _scan(tokens, language, ctx, trie, folded, words))
    layer = next((item for item in items if item.kind == _LAYER), None)
    drafts = [_Draft(group, tokens) for group in _clauses(items)]
    _carry(drafts)
    built = [
        _build(draft, text, tokens, layer, lang=language, catalog=used, calendar=calendar)
        for draft in drafts
    ]
    return ParsedStatement(
        text=text,
        lang=language,
        goals=tuple(ParsedGoal(b.goal, b.spans) for b in built),
        placeholders=tuple(_placeholders(text, tokens)),
        vague_verbs=tuple(span for b in built for span in b.vague),
        channels={k: tuple(v) for k, v in _channels(text, tokens).items()},
    )
