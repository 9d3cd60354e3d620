"""The statement parser: tokens to items, items to clauses, clauses to goals.

1. :func:`_scan` walks the tokens once and, at each position, takes the longest phrase
   any reader recognises (a timeframe, an amount, a metric name, a verb, a marker such as
   "by" or "onder de", an owner, a strategy opener). Every reader looks at a bounded
   number of tokens, so scanning is linear in the length of the text.
2. :func:`_assemble` cuts the items into sentences and, inside a sentence, into clauses
   where a conjunction is followed by another metric. Each clause that names a metric
   starts a goal; clauses without one add to the goal before them.
3. Each goal takes its fields from its own items; parts it lacks carry over from the
   other goals of the same sentence: the verb from the goal before ("increase revenue by
   10% and leads by 20%"), the amount from the goal after ("increase calls and emails by
   10%"), timeframe, owner and strategy from the goal after, else before.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final, NamedTuple

from smartgoals.exceptions import InvalidInputError, ParseError
from smartgoals.goals import Direction, Goal, GoalType, Owner, Scope, Target, TargetKind
from smartgoals.language import _lexicon as lex
from smartgoals.language._lexicon import Marker, Verb
from smartgoals.language._numbers import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    SOFT_ONE,
    WORD_NUMBERS,
    Amount,
    Kind,
    read_amount,
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
    MONTHS,
    RECURRING_STARTERS,
    TIME_STARTERS,
    Context,
    read_date,
    read_recurring,
    read_time,
)
from smartgoals.metrics import Metric, MetricCatalog, Polarity, default_catalog
from smartgoals.timeframes import FiscalCalendar

__all__: list[str] = []

LANGUAGES: Final = ("en", "nl")

# Item kinds.
_VERB, _PARTICLE, _METRIC, _AMOUNT, _MARKER = "verb", "particle", "metric", "amount", "marker"
_TIME, _RECURRING, _STRATEGY, _OWNER, _STRETCH = (
    "time",
    "recurring",
    "strategy",
    "owner",
    "stretch",
)
_CONJ, _END, _DATE, _LABEL = "conj", "end", "date", "label"


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
    for words, scope in lex.OWNERS[lang].items():
        table[words] = (_OWNER, scope)
    for words in lex.STRATEGY[lang]:
        table[words] = (_STRATEGY, None)
    for words in lex.CONJUNCTIONS[lang]:
        table[words] = (_CONJ, None)
    for words in lex.STRETCH:
        table[words] = (_STRETCH, None)
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


def detect_language(text: str, tokens: Sequence[Token] | None = None) -> str:
    """Tell whether a statement is English or Dutch by its common words."""
    if tokens is None:
        tokens = tokenize(normalise(text[:MAX_LENGTH]))
    en, nl = lex.LANGUAGE_HINTS["en"], lex.LANGUAGE_HINTS["nl"]
    words = [t.text for t in tokens if t.kind == WORD]
    english = sum(map(en.__contains__, words))
    dutch = sum(map(nl.__contains__, words))
    return "nl" if dutch > english else "en"


_AMOUNT_STARTERS: Final = frozenset(
    {*CURRENCY_SYMBOLS, *CURRENCY_CODES, *WORD_NUMBERS, *SOFT_ONE, "+", "-", "half"}
)
#: Words any reader of :func:`_scan` but the metric names can start with, per language.
_OPENERS: Final = {
    lang: frozenset(
        {
            *TIME_STARTERS[lang],
            *MONTHS,
            *_AMOUNT_STARTERS,
            *RECURRING_STARTERS,
            *lex.OWNER_LABELS[lang],
            *_LEXICON[lang].firsts,
            "by",
        }
    )
    for lang in LANGUAGES
}


def _scan(tokens: Sequence[Token], lang: str, ctx: Context, trie: _Trie) -> list[_Item]:
    items: list[_Item] = []
    lexicon = _LEXICON[lang]
    firsts = lexicon.firsts
    time_starters = TIME_STARTERS[lang]
    labels = lex.OWNER_LABELS[lang]
    openers = _OPENERS[lang]
    n = len(tokens)
    i = 0
    line_start = True
    while i < n:
        token = tokens[i]
        text = token.text
        if token.kind == SYM and text in lex.SENTENCE_ENDS:
            items.append(_Item(_END, i, i + 1, None))
            line_start = line_start or text == "\n"
            i += 1
            continue
        # "1." or "2)" opening a line of a list is not an amount
        if (
            token.kind == NUM
            and (line_start or (i > 0 and tokens[i - 1].text == "#"))
            and i + 1 < n
            and tokens[i + 1].text in (".", ")")
            and len(text) <= 3
        ):
            i += 2
            continue
        line_start = False
        if token.kind != NUM and text not in openers and text not in trie:
            i += 1  # nothing can start here
            continue
        best: _Item | None = None
        if text in time_starters:
            found_time = read_time(tokens, i, lang, ctx)
            if found_time is not None:
                best = _Item(_TIME, i, found_time.stop, found_time)
        if token.kind == NUM or text in MONTHS:
            found_date = read_date(tokens, i, ctx)
            if found_date is not None and (best is None or found_date[1] > best.stop):
                best = _Item(_DATE, i, found_date[1], found_date[0])
        if token.kind == NUM or text in _AMOUNT_STARTERS:
            amount = read_amount(tokens, i)
            if amount is not None and (best is None or amount.stop > best.stop):
                best = _Item(_AMOUNT, i, amount.stop, amount)
        stop = read_recurring(tokens, i) if text in RECURRING_STARTERS else None
        if stop is not None and (best is None or stop > best.stop):
            best = _Item(_RECURRING, i, stop, None)
        if (
            lang == "en"
            and text == "by"
            and i + 1 < n
            and tokens[i + 1].text.endswith("ing")
            and len(tokens[i + 1].text) > 4
            and (best is None or best.stop <= i + 2)
        ):
            best = _Item(_STRATEGY, i, i + 1, None)
        if text in labels and i + 1 < n and tokens[i + 1].text == ":":
            end = i + 2
            while end < n and not (
                tokens[end].kind == SYM and tokens[end].text in lex.SENTENCE_ENDS
            ):
                end += 1
            if end > i + 2:
                best = _Item(_LABEL, i, end, (i + 2, end))
        if text in firsts:
            entry = lexicon.longest(tokens, i)
            if entry is not None and (best is None or entry[1] > best.stop):
                best = _Item(entry[0][0], i, entry[1], entry[0][1])
        if text in trie and token.kind == WORD:
            metric = _read_metric(tokens, i, trie)
            if metric is not None and (best is None or metric[1] > best.stop):
                best = _Item(_METRIC, i, metric[1], metric[0])
        if best is None:
            i += 1
        else:
            items.append(best)
            i = best.stop
    return items


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
            if nxt.kind in (_TIME, _END, _LABEL, _STRETCH):
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
            # A new goal starts when another metric follows, maybe after a verb.
            m = k + 1
            while m < len(items) and m <= k + 3 and items[m].kind in (_VERB, _CONJ):
                m += 1
            if current.has_metric and m < len(items) and items[m].kind == _METRIC:
                clauses.append(_Fields(sentence))
            continue
        current.items.append(item)
        current.has_metric = current.has_metric or item.kind == _METRIC
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
        for item in self.items:
            first.setdefault(item.kind, item)
            if item.kind == _VERB:
                verbs.append(item)
        self.metric = first.get(_METRIC)
        self.time = first.get(_TIME)
        self.owner = first.get(_OWNER) or first.get(_LABEL)
        self.strategy = first.get(_STRATEGY)
        self.period = first.get(_RECURRING)
        self.verbs = verbs
        self.verb: _Item | None = min(verbs, key=lambda v: _VERB_RANK[v.value[0]], default=None)
        self.particle = first.get(_PARTICLE)
        self.target: tuple[_Item, _Item | None] | None = None
        self.baseline: tuple[_Item, _Item | None] | None = None
        self._pick_amounts(tokens)

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
        # level_after[k]: a LEVEL, AT_MOST or AT_LEAST amount comes after amount k
        level_after = [False] * len(kinds)
        seen = False
        for index in range(len(kinds) - 1, -1, -1):
            level_after[index] = seen
            seen = seen or kinds[index] in (Marker.LEVEL, Marker.AT_MOST, Marker.AT_LEAST)
        for index, (item, marker) in enumerate(marked):
            kind = kinds[index]
            if kind is Marker.BASELINE and self.baseline is None:
                self.baseline = (item, marker)
            elif kind is Marker.FROM and marker is not None:
                word = tokens[marker.first].text
                later_level = level_after[index]
                if (later_level or word != "van") and self.baseline is None:
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
    # The verb carries forward, the amount backward; timeframe, owner and strategy come
    # from the nearest goal after, else the nearest before.
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
    for name in ("time", "owner", "strategy"):
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


def _direction(draft: _Draft, kind: TargetKind | None, value: Decimal | None) -> Direction | None:
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
    metric = draft.metric.value if draft.metric is not None else None
    if metric is not None and metric.polarity is Polarity.LOWER_IS_BETTER:
        return Direction.DECREASE
    return Direction.INCREASE


def _owner(item: _Item, text: str, tokens: Sequence[Token]) -> Owner:
    if item.kind == _OWNER:
        name = text[tokens[item.first].start : tokens[item.stop - 1].end]
        scope: Scope = item.value
        return Owner(name, scope)
    first, stop = item.value
    name = text[tokens[first].start : tokens[stop - 1].end].strip()
    words = {t.text for t in tokens[first:stop]}
    if words & {"team", "afdeling", "department", "squad", "salesteam", "verkoopteam"}:
        scope = Scope.TEAM
    elif words & {"company", "bedrijf", "organisation", "organization", "organisatie"}:
        scope = Scope.COMPANY
    else:
        scope = Scope.INDIVIDUAL
    return Owner(name, scope)


def _build(draft: _Draft, text: str, tokens: Sequence[Token], stretch: _Item | None) -> _Built:
    # Each field's tokens, first to stop; the spans are made once the goal is built.
    marks: dict[str, tuple[int, int]] = {}

    def mark(name: str, item: _Item | None, first: int | None = None) -> None:
        if item is not None:
            marks[name] = (item.first if first is None else first, item.stop)

    metric: Metric | None = draft.metric.value if draft.metric is not None else None
    mark("metric", draft.metric)
    target: Target | None = None
    kind: TargetKind | None = None
    value: Decimal | None = None
    currency: str | None = None
    verb = draft.verb_class
    preset = _preset(draft)
    if draft.target is not None:
        item, marker = draft.target
        amount: Amount = item.value
        if marker is not None and marker.value in _TARGET_MARKERS:
            kind = marker.value.target_kind
        elif amount.kind is Kind.MULTIPLE or verb in (Verb.INCREASE, Verb.DECREASE, Verb.NEUTRAL):
            kind = TargetKind.CHANGE
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
        item, marker = draft.baseline
        baseline = item.value.value
        mark("baseline", item, marker.first if marker is not None else None)
        if currency is None and item.value.currency is not None:
            currency = item.value.currency
            mark("currency", item)
    direction = _direction(draft, kind, value)
    if kind is not None and value is not None:
        if kind is TargetKind.CHANGE:
            if direction is Direction.INCREASE:
                value = abs(value)
            elif direction is Direction.DECREASE:
                value = -abs(value)
            target = Target.change(value, relative=relative)
        else:
            target = Target(kind, value)
    if direction is not None:
        mark("direction", draft.verb)
        if draft.particle is not None and draft.verb is not None:
            first, stop = sorted((draft.verb, draft.particle), key=lambda i: i.first)
            marks["direction"] = (first.first, stop.stop)
    timeframe = draft.time.value.timeframe if draft.time is not None else None
    mark("timeframe", draft.time)
    owner = _owner(draft.owner, text, tokens) if draft.owner is not None else None
    mark("owner", draft.owner)
    strategy = None
    if draft.strategy is not None:
        mark("strategy", draft.strategy)
        strategy = text[tokens[draft.strategy.first].start : tokens[draft.strategy.stop - 1].end]
    mark("period", draft.period)
    extra: dict[str, Any] = {}
    if stretch is not None:
        extra["type"] = GoalType.STRETCH
        mark("type", stretch)
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
            **extra,
        )
    except InvalidInputError as exc:
        where = marks.get("target") or marks.get("metric")
        raise ParseError(
            f"cannot read {text[:80]!r} as a goal: {exc}",
            text=text,
            position=tokens[where[0]].start if where is not None else None,
        ) from None
    spans = {name: _span(text, tokens, first, stop) for name, (first, stop) in marks.items()}
    vague = (
        [] if target is not None else [_span(text, tokens, v.first, v.stop) for v in draft.verbs]
    )
    return _Built(goal, spans, vague)


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
    tokens = tokenize(normalise(text))
    language = lang or detect_language(text, tokens)
    ctx = Context(today, calendar, text)
    trie = _metric_trie(catalog or default_catalog(), language)
    items = _split_strategies(tokens, _scan(tokens, language, ctx, trie))
    stretch = next((item for item in items if item.kind == _STRETCH), None)
    drafts = [_Draft(group, tokens) for group in _clauses(items)]
    _carry(drafts)
    built = [_build(draft, text, tokens, stretch) for draft in drafts]
    return ParsedStatement(
        text=text,
        lang=language,
        goals=tuple(ParsedGoal(b.goal, b.spans) for b in built),
        placeholders=tuple(_placeholders(text, tokens)),
        vague_verbs=tuple(span for b in built for span in b.vague),
        channels={k: tuple(v) for k, v in _channels(text, tokens).items()},
    )
