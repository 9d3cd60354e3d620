"""English and Dutch word lists that scoring rules look for in goal statements.

Sales channels (for "relies on a channel not in use"), vague verbs and vague objects
("Improve our numbers"), placeholders ("tbd", "n.t.b.", "?"), conjunctions that join
several goals, and check-in phrases. Every matcher is a linear regular expression over
case-folded text; each text is read once, in a single scan over its tokens, for all of
them. The channel table is shared with the statement parser (:mod:`smartgoals.language`),
so both name a channel by the same key.

>>> channels_in("Win 100 new customers with Instagram-verkoop")
('instagram',)
>>> channel_family("instagram")
'social_media'
>>> vague_without_object("Improve our numbers"), vague_without_object("Improve win rate")
(True, False)
>>> placeholders_in("Verhoog de omzet met n.t.b. in Q3")
('n.t.b.',)
>>> affirmed_channels("Win 100 customers through email and phone, not through Instagram")
('email', 'phone')
>>> with_article("winstpercentage", "nl"), with_article("omzet", "nl")
('het winstpercentage', 'de omzet')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Final, NamedTuple, TypeAlias

from smartgoals import _channels

__all__ = [
    "CHANNELS",
    "CHECK_IN_PHRASES",
    "CONJUNCTIONS",
    "DUTCH_HET_WORDS",
    "PLACEHOLDERS",
    "VAGUE_OBJECTS",
    "VAGUE_VERBS",
    "affirmed_channels",
    "canonical_channel",
    "channel_family",
    "channels_in",
    "count_target_clauses",
    "mentions_check_in",
    "placeholders_in",
    "target_clauses",
    "vague_verb_in",
    "vague_without_object",
    "with_article",
]

#: Channel key → (family, phrases in English and Dutch). A family key such as
#: ``"social_media"`` is itself a channel: "social media" in a statement means the family.
#: The statement parser reads channels from the same table.
CHANNELS: Final = _channels.CHANNELS

#: Verbs (and verb phrases) that promise change without saying what or how much.
VAGUE_VERBS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": (
        "improve",
        "increase",
        "boost",
        "grow",
        "enhance",
        "optimise",
        "optimize",
        "maximise",
        "maximize",
        "strengthen",
        "drive",
        "push",
        "raise",
        "sell more",
        "do better",
        "work on",
        "focus on",
        "get better",
        "make more",
        "earn more",
    ),
    "nl": (
        "verbeteren",
        "verbeter",
        "verhogen",
        "verhoog",
        "vergroten",
        "vergroot",
        "optimaliseren",
        "optimaliseer",
        "versterken",
        "versterk",
        "stimuleren",
        "stimuleer",
        "groeien",
        "groei",
        "meer verkopen",
        "verkoop meer",
        "beter doen",
        "werken aan",
        "werk aan",
        "meer verdienen",
    ),
}

#: Nouns and fillers that do not name anything measurable ("our numbers", "things").
VAGUE_OBJECTS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": (
        "our",
        "the",
        "my",
        "your",
        "their",
        "a",
        "an",
        "it",
        "things",
        "stuff",
        "numbers",
        "figures",
        "results",
        "performance",
        "business",
        "more",
        "better",
        "much",
        "lot",
        "lots",
        "of",
        "overall",
        "general",
        "this",
        "next",
        "quarter",
        "year",
        "month",
        "week",
        "soon",
        "asap",
        "again",
        "we",
        "will",
        "should",
        "must",
        "let's",
        "lets",
        "us",
        "to",
        "in",
        "and",
    ),
    "nl": (
        "onze",
        "ons",
        "de",
        "het",
        "een",
        "mijn",
        "jouw",
        "uw",
        "hun",
        "cijfers",
        "getallen",
        "resultaten",
        "prestaties",
        "zaken",
        "dingen",
        "het bedrijf",
        "meer",
        "beter",
        "veel",
        "dit",
        "deze",
        "volgend",
        "volgende",
        "kwartaal",
        "jaar",
        "maand",
        "week",
        "snel",
        "weer",
        "we",
        "wij",
        "moeten",
        "gaan",
        "laten",
        "in",
        "en",
        "van",
    ),
}

#: Stand-ins for a number nobody has decided yet.
PLACEHOLDERS: Final = (
    "tbd",
    "t.b.d.",
    "tba",
    "t.b.a.",
    "to be determined",
    "to be decided",
    "n.t.b.",
    "ntb",
    "n.n.b.",
    "nnb",
    "nader te bepalen",
    "nog te bepalen",
    "xxx",
    "xx",
    "x%",
    "...",
    "???",
    "??",
    "?",
)

#: Words that join two goals in one statement.
CONJUNCTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": ("and", "as well as", "plus", "and also", "while also"),
    "nl": ("en", "evenals", "alsook", "en ook", "plus"),
}

#: Phrases that say when progress will be reviewed (the article's step 5).
CHECK_IN_PHRASES: Final[Mapping[str, tuple[str, ...]]] = {
    "en": (
        "check-in",
        "check-ins",
        "check in",
        "checked",
        "reviewed",
        "review",
        "reviews",
        "tracked",
        "monitored",
        "progress",
        "every week",
        "every month",
        "each week",
        "each month",
        "every two weeks",
        "biweekly",
        "fortnightly",
    ),
    "nl": (
        "voortgang",
        "evaluatie",
        "evalueren",
        "geëvalueerd",
        "bijhouden",
        "bijgehouden",
        "besproken",
        "bespreken",
        "gecontroleerd",
        "elke week",
        "elke maand",
        "iedere week",
        "iedere maand",
        "om de twee weken",
        "tweewekelijks",
    ),
}


_TOKEN_RE: Final = re.compile(
    # Words and numbers with inner hyphens, dots, commas, slashes and apostrophes
    # ("e-mail", "n.t.b", "let's", "1,200,000", "30/06/2027"), and a few symbols.
    r"\w+(?:[-.,'/]\w+)*|\.\.\.|\?+|[%;$€£]"
)


#: Characters the tokeniser drops after a word ("2027," "phone:" "(q3)") ...
_DROPPED_AFTER: Final = frozenset(',.:!)"')
#: ... and the one-character tokens it splits off one ("10%" "phone;" "why?").
_SYMBOL_AFTER: Final = frozenset("%;$€£?")


def _split(folded: str, commas: list[str] | None = None) -> list[str]:
    """The tokens of case-folded text (see :data:`_TOKEN_RE`).

    ``commas``, if given, receives the tokens of each word that holds a comma and a
    letter: among them every token that holds both ("email,not", "1,5x"; not "1,200").
    """
    # No token holds whitespace, so each word can be tokenised on its own; a word of
    # letters and digits only (most of them) is one token, and so is one such word
    # followed by a character the expression drops ("2027,"), without the regex.
    # (tokens.append, not a bound method kept in a local: CPython 3.11+ specialises
    # the method call on a list, which the local would defeat.)
    tokens: list[str] = []
    for word in folded.split():
        if word.isalnum():
            tokens.append(word)
            continue
        head = word[:-1]
        if head.isalnum():
            last = word[-1]
            if last in _DROPPED_AFTER:
                tokens.append(head)
                continue
            if last in _SYMBOL_AFTER:
                tokens += (head, last)
                continue
        found = _TOKEN_RE.findall(word)
        tokens += found
        # Only here can a token hold a comma: the words above are letters and digits.
        # A word without a letter ("€1,200,000") holds no word either: the text is
        # case-folded, so a word with a letter of a negation is not its own upper case.
        if commas is not None and "," in word and word.upper() != word:
            commas += found
    return tokens


def _casefold(text: str) -> str:
    folded = text.casefold()
    return folded.replace("’", "'") if "’" in folded else folded


def _fold(text: str) -> str:
    return " ".join(_casefold(text).split())


def _tokens(text: str) -> tuple[str, ...]:
    """The tokens of ``text``, case-folded."""
    return tuple(_split(_casefold(text)))


def _trie_pattern(ends: Mapping[str, str]) -> str:
    """A regular expression for each string of ``ends`` followed by its end, longest first.

    The strings share their prefixes (a trie), so the expression reads each character
    once and stays linear; where one string continues another, the longer is tried first.
    """
    trie: dict[str, dict[str, object]] = {}
    for string, end in ends.items():
        node = trie
        for char in string:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {end: {}}

    def pattern(node: dict[str, dict[str, object]]) -> str:
        branches = [
            re.escape(char) + pattern(child)  # type: ignore[arg-type]
            for char, child in sorted(node.items())
            if char
        ]
        if "" in node:
            branches.append(next(iter(node[""])))
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(trie)


#: What a phrase list finds: ``(list name, value)``.
_Found: TypeAlias = tuple[str, str]


def _phrase_tokens(lists: Mapping[str, Mapping[str, str]]) -> dict[tuple[str, ...], _Found]:
    """Every phrase of ``lists`` as its tokens, with its list and value."""
    return {
        _tokens(phrase): (name, value)
        for name, phrases in lists.items()
        for phrase, value in phrases.items()
    }


_CHANNEL_BY_PHRASE: Final = {
    phrase: key for key, (_family, phrases) in CHANNELS.items() for phrase in phrases
}
_CHANNEL_KEYS: Final = {key.replace("_", " "): key for key in CHANNELS}
# The phrase lists read from every text. Phrases of two lists never overlap in a text
# (none ends with the start of, or holds, a phrase of another list), no list's compounds
# start with another list's phrase, and no phrase starts with a digit (tests check all
# three), so the lists cannot hide one another's phrases or a number, and one
# left-to-right scan finds them all.
_LISTS: Final = {
    "channel": _CHANNEL_BY_PHRASE,
    "verb": {v: v for lang in ("en", "nl") for v in VAGUE_VERBS[lang]},
    "placeholder": {p: p for p in PLACEHOLDERS if p[0].isalpha()},
    "conjunction": {c: c for lang in ("en", "nl") for c in (*CONJUNCTIONS[lang], ";")},
    "check_in": {p: p for lang in ("en", "nl") for p in CHECK_IN_PHRASES[lang]},
}
_VAGUE_OBJECT_WORDS: Final = frozenset(
    token for lang in ("en", "nl") for phrase in VAGUE_OBJECTS[lang] for token in _tokens(phrase)
)
_PLACEHOLDER_SYMBOL_RE: Final = re.compile(r"(?:^|(?<=[\s$€£]))(?:\?{1,3}|\.\.\.)(?=[\s%]|$)")
_MONTH_WORDS: Final = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "januari",
        "februari",
        "maart",
        "mei",
        "juni",
        "juli",
        "augustus",
        "oktober",
        "mrt",
        "okt",
    ]
)
_TIME_UNIT_WORDS: Final = frozenset(
    [
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "quarter",
        "quarters",
        "year",
        "years",
        "dag",
        "dagen",
        "week",
        "weken",
        "maand",
        "maanden",
        "kwartaal",
        "kwartalen",
        "jaar",
        "jaren",
    ]
)


def _words_pattern(words: frozenset[str]) -> str:
    return _trie_pattern(dict.fromkeys(sorted(words), "(?![^ ])"))


def _number_pattern() -> str:
    """A token that is a target number: not a date, a year, a quarter or a duration.

    In the joined tokens: a token of digits and ``.``/``,`` (no ``/`` or ``-``), not
    after a month, not before a month or a time unit, and not a year (19xx or 20xx)
    unless "%" follows.
    """
    after_month = "".join(
        "(?<! (?:" + "|".join(sorted(w for w in _MONTH_WORDS if len(w) == n)) + ") )"
        for n in sorted({len(w) for w in _MONTH_WORDS})
    )
    year = r"(?:19|20)[^ ][^ ](?:$| (?!%(?![^ ])))"
    before = " " + _words_pattern(_MONTH_WORDS | _TIME_UNIT_WORDS)
    return f"(?=[0-9]){after_month}(?!{year})[0-9][^ /-]*(?![^ ])(?!{before})"


@functools.cache
def _reader() -> tuple[re.Pattern[str], dict[str, _Found], dict[str, _Found]]:
    """One regular expression over a text's joined tokens for every list and number.

    A match is a whole run of tokens (a space, then tokens up to a space or the end): a
    target number, else the longest phrase of any list, else a compound such as
    "instagram-campagne" whose first part is a one-word phrase, unless the compound
    itself is a phrase of that list, else a word of a negation
    (:data:`smartgoals._channels.NEGATION_WORDS`, found as ``"negation"``). Also
    returned: what each phrase is, and what each compound head (a space, the word and
    "-") is, by the text matched.

    Built on first use (a few milliseconds), not when the module is imported: scoring a
    goal without a statement never needs it.
    """
    by_tokens = _phrase_tokens(_LISTS)
    phrases = {" " + " ".join(tokens): what for tokens, what in by_tokens.items()}
    # The words of negations are read in the same scan, as whole tokens only (no
    # compounds: "no-code" holds none). No phrase of the lists holds one of them (a test
    # checks), so neither can hide the other.
    phrases |= {" " + word: ("negation", word) for word in sorted(_channels.NEGATION_WORDS)}
    heads = {
        " " + tokens[0] + "-": what
        for tokens, what in by_tokens.items()
        if len(tokens) == 1 and "-" not in tokens[0]
    }
    compounds = {
        tokens[0]
        for tokens, (name, _value) in by_tokens.items()
        if "-" in tokens[0] and by_tokens.get((tokens[0].split("-", 1)[0],), ("",))[0] == name
    }
    # One trie for phrases and heads, so each position is dispatched on its characters
    # once; a phrase ends at a space, a head at "-", so neither can hide the other.
    ends = dict.fromkeys((p[1:] for p in phrases), "(?![^ ])")
    for h in heads:
        rest = frozenset(c[len(h) - 1 :] for c in compounds if c.startswith(h[1:]))
        ends[h[1:]] = ("(?!" + _words_pattern(rest) + ")" if rest else "") + "[^ ]*"
    pattern = f" (?:{_trie_pattern(ends)}|{_number_pattern()})"
    return re.compile(pattern), phrases, heads


class _Reading(NamedTuple):
    """Everything the rules look for in one text."""

    channels: tuple[str, ...]
    vague_verb: str | None
    vague_without_object: bool
    placeholders: tuple[str, ...]
    target_clauses: tuple[int, ...]
    check_in: bool
    #: Whether the text may hold a negation (:func:`smartgoals._channels.may_negate` of
    #: its tokens); if not, it holds none.
    may_negate: bool


_DIGITS: Final = frozenset("0123456789")
_new_tuple: Final = tuple.__new__


@functools.lru_cache(maxsize=8)
def _read(text: str) -> _Reading:
    """Read ``text`` once for every matcher below.

    The text is tokenised, its tokens are joined by single spaces, and one regular
    expression finds the phrases of every list and the target numbers in them. Kept for
    the last few texts: while one goal is scored, several rules ask about its statement
    and its strategy.
    """
    commas: list[str] = []
    joined = " " + " ".join(_split(_casefold(text), commas))
    channels: list[str] = []
    placeholders: list[str] = []
    # The clauses (between conjunctions) that hold a target number, by their number.
    clause = 0
    clauses: list[int] = []
    verb = None
    vague = check_in = negation = False
    reader, phrases, heads = _reader()
    for index, found in enumerate(reader.findall(joined)):
        what = phrases.get(found)
        if what is None:
            if found[1] in _DIGITS:
                if not clauses or clauses[-1] != clause:
                    clauses.append(clause)
                continue
            what = heads[found.split("-", 1)[0] + "-"]
        kind, value = what
        if kind == "channel":
            channels.append(value)
        elif kind == "conjunction":
            clause += 1
        elif kind == "check_in":
            check_in = True
        elif kind == "placeholder":
            placeholders.append(value)
        elif kind == "negation":
            negation = True
        elif verb is None:
            verb = value
            # Where the verb ends is needed only here, so only here are matches objects.
            end = list(reader.finditer(joined))[index].end()
            vague = all(
                t in _VAGUE_OBJECT_WORDS or not (t[0].isalnum() or t in "%$€£")
                for t in joined[end:].split()
            )
    if "?" in text or "..." in text:
        placeholders += [m.group() for m in _PLACEHOLDER_SYMBOL_RE.finditer(text)]
    if commas and not negation:
        # The scan does not see a word that is a part of a token at commas ("email,not").
        # (A whole token among them it has seen: no phrase of the lists hides one.)
        negation = not _channels.NEGATION_WORDS.isdisjoint(",".join(commas).split(","))
    # tuple.__new__ rather than _Reading(...): the named tuple's own __new__ is a Python
    # function, and this runs once for every text scored.
    return _new_tuple(
        _Reading,
        (
            tuple(dict.fromkeys(channels)) if len(channels) > 1 else tuple(channels),
            verb,
            vague,
            tuple(placeholders),
            tuple(clauses),
            check_in,
            negation,
        ),
    )


def canonical_channel(name: str) -> str:
    """The channel key for a name a user gives (``"E-mail"`` → ``"email"``).

    Unknown names are kept, case-folded with spaces as ``_``, so a context can list
    channels this vocabulary does not know.

    Args:
        name: A channel name or phrase, English or Dutch.

    Returns:
        The channel key.

    >>> canonical_channel("E-mail"), canonical_channel("Sociale media"), canonical_channel("Fax")
    ('email', 'social_media', 'fax')
    """
    folded = _fold(name)
    spaced = folded.replace("_", " ")
    found = _CHANNEL_BY_PHRASE.get(folded) or _CHANNEL_KEYS.get(spaced)
    return found or spaced.replace(" ", "_")


def channel_family(key: str) -> str:
    """The family of a channel key (``"linkedin"`` → ``"social_media"``); itself if none.

    >>> channel_family("linkedin"), channel_family("email"), channel_family("fax")
    ('social_media', 'email', 'fax')
    """
    entry = CHANNELS.get(key)
    return key if entry is None else entry[0]


def channels_in(text: str | None) -> tuple[str, ...]:
    """The channel keys a text mentions, in order of first mention, without repeats.

    Args:
        text: A goal statement or strategy, English or Dutch.

    Returns:
        Channel keys.

    >>> channels_in("Generate 100 new customers using Instagram and LinkedIn ads")
    ('instagram', 'linkedin')
    >>> channels_in("Meer klanten via beurzen en e-mailcampagnes")
    ('events', 'email')
    >>> channels_in("Increase revenue by 10%")
    ()
    """
    return _read(text).channels if text else ()


def vague_verb_in(text: str | None) -> str | None:
    """The first vague verb in a text, case-folded, or ``None``.

    >>> vague_verb_in("Let's boost sales"), vague_verb_in("Verhoog de omzet"), vague_verb_in("Win 40 deals")
    ('boost', 'verhoog', None)
    """
    return _read(text).vague_verb if text else None


def vague_without_object(text: str | None) -> bool:
    """Tell whether a statement is a vague verb with nothing measurable after it.

    "Improve our numbers" and "Verbeter de resultaten" are; "Improve win rate" is not.
    Only the words after the first vague verb count; numbers are never vague.

    Args:
        text: A goal statement.

    Returns:
        Whether the statement names no object beyond filler words.

    >>> vague_without_object("Let's sell more this quarter!"), vague_without_object("Verbeter de cijfers")
    (True, True)
    >>> vague_without_object("Increase demos booked"), vague_without_object(None)
    (False, False)
    """
    return _read(text).vague_without_object if text else False


def placeholders_in(text: str | None) -> tuple[str, ...]:
    """The placeholders a text holds where a value belongs.

    Word placeholders ("tbd", "n.t.b.", "xx") come first, in order, then "?" and "..."
    standing where a value belongs: after a space or currency sign and before a space,
    "%" or the end (so "Can we sell more?" holds none).

    Args:
        text: A goal statement.

    Returns:
        The placeholders as listed in :data:`PLACEHOLDERS`.

    >>> placeholders_in("Increase revenue by ?% by TBD")
    ('tbd', '?')
    >>> placeholders_in("Can we sell more?"), placeholders_in("Reach xx new customers")
    ((), ('xx',))
    """
    return _read(text).placeholders if text else ()


def count_target_clauses(text: str | None) -> int:
    """How many clauses of a statement hold a target number (see :func:`target_clauses`).

    >>> count_target_clauses("Raise revenue by 10% and cut churn to 2%")
    2
    """
    return len(_read(text).target_clauses) if text else 0


def target_clauses(text: str | None) -> tuple[str, ...]:
    """The clauses of a statement that each hold a target number.

    The statement is cut at conjunctions ("and", "en", ";", ...); a clause counts when
    it holds a number that is not a date, a year, a quarter or a duration. Two or more
    such clauses mean the statement sets several goals.

    Args:
        text: A goal statement.

    Returns:
        The clauses with a target number, as written.

    >>> len(target_clauses("Verhoog het winstpercentage met 8% tegen het einde van het jaar "
    ...                    "en het aantal uren mentorschap met 15% in zes maanden."))
    2
    >>> target_clauses("Grow revenue by 10% between 1 January and 30 June 2027")
    ('Grow revenue by 10% between 1 January',)
    """
    if not text:
        return ()
    clauses = _read(text).target_clauses
    if not clauses:
        return ()
    tokens = _tokens(text)
    joined = " " + " ".join(tokens)
    bounds = [0]
    reader, phrases, heads = _reader()
    for m in reader.finditer(joined):
        found = m.group()
        what = phrases.get(found) or heads.get(found.split("-", 1)[0] + "-")
        if what is not None and what[0] == "conjunction":
            first = joined.count(" ", 0, m.start())
            bounds += (first, first + found.count(" "))
    bounds.append(len(tokens))
    pairs = [(bounds[2 * k], bounds[2 * k + 1]) for k in clauses]
    # Spans only when there is something to quote: finditer is slower than findall.
    source = text
    spans = [m.span() for m in _TOKEN_RE.finditer(source)]
    if len(spans) != len(tokens):
        # Case folding changed the tokens ("İ" folds to "i" and a combining dot): quote
        # the folded text, whose tokens are the ones counted.
        source = _casefold(text)
        spans = [m.span() for m in _TOKEN_RE.finditer(source)]
    return tuple(source[spans[first][0] : spans[end - 1][1]].strip() for first, end in pairs)


def mentions_check_in(text: str | None) -> bool:
    """Tell whether a text says when progress will be reviewed.

    "Monthly revenue" is not a check-in; "reviewed every month" is.

    >>> mentions_check_in("Increase monthly revenue by 10%")
    False
    >>> mentions_check_in("Verhoog de omzet met 10%, voortgang elke maand besproken")
    True
    """
    return _read(text).check_in if text else False


def affirmed_channels(text: str | None) -> tuple[str, ...]:
    """The channel keys a text relies on: those it mentions, less those it rules out.

    A channel every mention of which follows a negation ("not through Instagram",
    "zonder beurzen", "in plaats van Instagram"; see
    :func:`smartgoals._channels.negated_ranges`) is not relied on.

    Args:
        text: A goal statement or strategy, English or Dutch.

    Returns:
        Channel keys, in order of first mention.

    >>> affirmed_channels("Nieuwe klanten via e-mail, niet via Instagram of TikTok")
    ('email',)
    >>> affirmed_channels("Instagram ads, not cold calls, and more Instagram posts")
    ('instagram',)
    """
    if not text:
        return ()
    reading = _read(text)
    if not reading.may_negate:  # most texts hold no negation
        return reading.channels
    ranges = _channels.negated_ranges(text)
    if not ranges:
        return reading.channels
    # Blank what is ruled out (keeping offsets) and read the channels of the rest.
    kept = list(text)
    for start, end in ranges:
        kept[start:end] = " " * (end - start)
    return channels_in("".join(kept))


#: Dutch nouns that take "het" (a compound takes the article of its last part):
#: "het winstpercentage", "het klantverloop", "het aantal klanten".
DUTCH_HET_WORDS: Final = (
    "aantal",
    "bedrag",
    "behoud",
    "budget",
    "gemiddelde",
    "niveau",
    "percentage",
    "quotum",
    "resultaat",
    "tarief",
    "verloop",
    "volume",
    "rendement",
    "saldo",
    "totaal",
    "verkeer",
)
_HEAD_END_RE: Final = re.compile(r"\s+(?:van|per|uit|voor|in|op)\s+")


def with_article(name: str, lang: str = "en") -> str:
    """A metric's name with the definite article a sentence needs in ``lang``.

    Dutch puts "de" or "het" before a metric ("de omzet", "het winstpercentage", "het
    aantal klanten"); plurals take "de". The head noun is the last word before "van",
    "per" and similar (or the first word, "aantal klanten"), and a compound takes the
    article of its last part. English metric names read well bare and are returned as
    they are.

    Args:
        name: The metric's name in ``lang``.
        lang: ``"en"`` or ``"nl"``.

    Returns:
        The name, with an article in Dutch.

    >>> with_article("klantverloop", "nl"), with_article("aantal klanten", "nl")
    ('het klantverloop', 'het aantal klanten')
    >>> with_article("lengte van de verkoopcyclus", "nl"), with_article("revenue")
    ('de lengte van de verkoopcyclus', 'revenue')
    """
    if lang != "nl" or not name:
        return name
    words = _HEAD_END_RE.split(_casefold(name), maxsplit=1)[0].split()
    if not words:
        return name
    first = words[0]
    head = first if first in ("aantal", "totaal") else words[-1]
    article = "het" if head.endswith(DUTCH_HET_WORDS) else "de"
    return f"{article} {name}"
