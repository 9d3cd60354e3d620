"""English and Dutch word lists that scoring rules look for in goal statements.

Sales channels (for "relies on a channel not in use"), vague verbs and vague objects
("Improve our numbers"), placeholders ("tbd", "n.t.b.", "?"), conjunctions that join
several goals, and check-in phrases. Every matcher is a linear regular expression over
case-folded text; each text is read once, in a single walk over its tokens, for all of
them. The module imports nothing from :mod:`smartgoals`, so a statement parser can reuse
it.

>>> channels_in("Win 100 new customers with Instagram-verkoop")
('instagram',)
>>> channel_family("instagram")
'social_media'
>>> vague_without_object("Improve our numbers"), vague_without_object("Improve win rate")
(True, False)
>>> placeholders_in("Verhoog de omzet met n.t.b. in Q3")
('n.t.b.',)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Final, TypeAlias

import attrs

__all__ = [
    "CHANNELS",
    "CHECK_IN_PHRASES",
    "CONJUNCTIONS",
    "PLACEHOLDERS",
    "VAGUE_OBJECTS",
    "VAGUE_VERBS",
    "canonical_channel",
    "channel_family",
    "channels_in",
    "count_target_clauses",
    "mentions_check_in",
    "placeholders_in",
    "target_clauses",
    "vague_verb_in",
    "vague_without_object",
]

#: Channel key → (family, phrases in English and Dutch). A family key such as
#: ``"social_media"`` is itself a channel: "social media" in a statement means the family.
CHANNELS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "social_media": (
        "social_media",
        ("social media", "social selling", "sociale media", "social-mediaverkoop", "socials"),
    ),
    "instagram": ("social_media", ("instagram", "insta", "instagram-verkoop")),
    "facebook": ("social_media", ("facebook", "meta ads")),
    "linkedin": ("social_media", ("linkedin", "linked in", "sales navigator")),
    "twitter": ("social_media", ("twitter", "x.com")),
    "tiktok": ("social_media", ("tiktok", "tik tok")),
    "youtube": ("social_media", ("youtube",)),
    "email": (
        "email",
        (
            "email",
            "e-mail",
            "emails",
            "e-mails",
            "mailing",
            "mailings",
            "newsletter",
            "nieuwsbrief",
            "e-mailcampagne",
            "e-mailcampagnes",
            "email campaign",
            "email campaigns",
            "cold email",
            "cold emails",
        ),
    ),
    "phone": (
        "phone",
        (
            "phone",
            "telephone",
            "cold calling",
            "cold call",
            "cold calls",
            "telemarketing",
            "telefoon",
            "telefonisch",
            "telefonische",
            "koud bellen",
        ),
    ),
    "events": (
        "events",
        (
            "event",
            "events",
            "trade show",
            "trade shows",
            "trade fair",
            "trade fairs",
            "conference",
            "conferences",
            "evenement",
            "evenementen",
            "beurs",
            "beurzen",
            "vakbeurs",
            "vakbeurzen",
            "congres",
            "congressen",
        ),
    ),
    "webinars": ("webinars", ("webinar", "webinars", "webinar series", "webinarreeks")),
    "partners": (
        "partners",
        (
            "partner",
            "partners",
            "channel partner",
            "channel partners",
            "reseller",
            "resellers",
            "affiliate",
            "affiliates",
            "wederverkoper",
            "wederverkopers",
            "partnerkanaal",
            "distributeur",
            "distributeurs",
        ),
    ),
    "referrals": (
        "referrals",
        ("referral", "referrals", "word of mouth", "doorverwijzing", "doorverwijzingen"),
    ),
    "website": (
        "website",
        ("website", "web shop", "webshop", "online store", "landing page", "seo", "inbound"),
    ),
    "paid_ads": (
        "paid_ads",
        (
            "google ads",
            "adwords",
            "paid search",
            "paid ads",
            "online ads",
            "ppc",
            "advertenties",
            "online adverteren",
        ),
    ),
    "field_sales": (
        "field_sales",
        ("field sales", "door to door", "door-to-door", "buitendienst", "huis-aan-huis"),
    ),
    "retail": ("retail", ("retail", "store", "stores", "winkel", "winkels", "filiaal")),
    "marketplaces": ("marketplaces", ("marketplace", "marketplaces", "amazon", "bol.com")),
    "chat": ("chat", ("whatsapp", "live chat", "chatbot")),
}

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


def _tokens(text: str) -> tuple[str, ...]:
    """The tokens of ``text``, case-folded."""
    # No token holds whitespace, so each word can be tokenised on its own; a word of
    # letters and digits only (most of them) is one token, without the regex.
    tokens: list[str] = []
    for word in text.casefold().replace("’", "'").split():
        if word.isalnum():
            tokens.append(word)
        else:
            tokens += _TOKEN_RE.findall(word)
    return tuple(tokens)


#: A phrase found in a text: ``(first token, end token, value)``.
_Match: TypeAlias = tuple[int, int, str]


class _Lexicon:
    """Several phrase lists, all found in one walk over a text's tokens.

    Within each list, phrases are found longest first, left to right, without overlaps;
    the lists do not interfere with one another. A compound such as
    "instagram-campagne" counts for its first part when that part is a one-word phrase.
    """

    def __init__(self, lists: Sequence[Mapping[str, str]]) -> None:
        self.by_tokens: list[dict[tuple[str, ...], str]] = []
        # First token → {list number: length of the longest phrase starting with it}.
        self.starts: dict[str, dict[int, int]] = {}
        # One-word phrase → [(list number, value)], for compounds that start with it.
        self.heads: dict[str, list[tuple[int, str]]] = {}
        for number, phrases in enumerate(lists):
            by_tokens = {_tokens(phrase): value for phrase, value in phrases.items()}
            self.by_tokens.append(by_tokens)
            for tokens, value in by_tokens.items():
                longest = self.starts.setdefault(tokens[0], {})
                longest[number] = max(longest.get(number, 0), len(tokens))
                if len(tokens) == 1:
                    self.heads.setdefault(tokens[0], []).append((number, value))

    def find(self, tokens: tuple[str, ...]) -> list[list[_Match]]:
        """The phrases of each list found in ``tokens``, in order."""
        found: list[list[_Match]] = [[] for _ in self.by_tokens]
        done = [0] * len(found)
        n = len(tokens)
        starts, heads, by_tokens = self.starts, self.heads, self.by_tokens
        for i, token in enumerate(tokens):
            lists = starts.get(token)
            if lists is not None:
                for number, longest in lists.items():
                    if i < done[number]:
                        continue
                    phrases = by_tokens[number]
                    for end in range(min(i + longest, n), i, -1):
                        value = phrases.get(tokens[i:end])
                        if value is not None:
                            found[number].append((i, end, value))
                            done[number] = end
                            break
            if "-" in token:
                for number, value in heads.get(token.split("-", 1)[0], ()):
                    if i >= done[number] and (lists is None or number not in lists):
                        found[number].append((i, i + 1, value))
                        done[number] = i + 1
        return found


_CHANNEL_BY_PHRASE: Final = {
    phrase: key for key, (_family, phrases) in CHANNELS.items() for phrase in phrases
}
_CHANNEL_KEYS: Final = {key.replace("_", " "): key for key in CHANNELS}
# The phrase lists read from every text, in the order _Lexicon.find returns them.
_LEXICON: Final = _Lexicon(
    [
        _CHANNEL_BY_PHRASE,
        {verb: verb for lang in ("en", "nl") for verb in VAGUE_VERBS[lang]},
        {p: p for p in PLACEHOLDERS if p[0].isalpha()},
        {c: c for lang in ("en", "nl") for c in (*CONJUNCTIONS[lang], ";")},
        {p: p for lang in ("en", "nl") for p in CHECK_IN_PHRASES[lang]},
    ]
)
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


def _is_target_number(tokens: tuple[str, ...], index: int) -> bool:
    token = tokens[index]
    if "/" in token or "-" in token or not token[0].isdigit():
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    before = tokens[index - 1] if index else ""
    if len(token) == 4 and token[:2] in ("19", "20") and following != "%":
        return False
    return not (
        following in _MONTH_WORDS or before in _MONTH_WORDS or following in _TIME_UNIT_WORDS
    )


#: A run of tokens: ``(first token, end token)``.
_Span: TypeAlias = tuple[int, int]


def _target_bounds(tokens: tuple[str, ...], conjunctions: list[_Match]) -> tuple[_Span, ...]:
    numbers = [
        i for i, t in enumerate(tokens) if t[0] in "0123456789" and _is_target_number(tokens, i)
    ]
    if not numbers:
        return ()
    bounds = [0, *(x for i, j, _c in conjunctions for x in (i, j)), len(tokens)]
    return tuple(
        (first, end)
        for first, end in zip(bounds[::2], bounds[1::2], strict=True)
        if any(first <= k < end for k in numbers)
    )


@attrs.frozen
class _Reading:
    """Everything the rules look for in one text."""

    channels: tuple[str, ...]
    vague_verb: str | None
    vague_without_object: bool
    placeholders: tuple[str, ...]
    target_bounds: tuple[_Span, ...]
    check_in: bool


@functools.lru_cache(maxsize=8)
def _read(text: str) -> _Reading:
    """Read ``text`` once, in a single walk over its tokens, for every matcher below.

    Kept for the last few texts: while one goal is scored, several rules ask about its
    statement and its strategy.
    """
    tokens = _tokens(text)
    channels, verbs, placeholders, conjunctions, check_ins = _LEXICON.find(tokens)
    vague_verb = verbs[0][2] if verbs else None
    vague = verbs != [] and all(
        t in _VAGUE_OBJECT_WORDS or not (t[0].isalnum() or t in "%$€£")
        for t in tokens[verbs[0][1] :]
    )
    found = [p for _i, _j, p in placeholders]
    if "?" in text or "..." in text:
        found += [m.group() for m in _PLACEHOLDER_SYMBOL_RE.finditer(text)]
    return _Reading(
        channels=tuple(dict.fromkeys(value for _i, _j, value in channels)),
        vague_verb=vague_verb,
        vague_without_object=vague,
        placeholders=tuple(found),
        target_bounds=_target_bounds(tokens, conjunctions),
        check_in=check_ins != [],
    )


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


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
    return len(_read(text).target_bounds) if text else 0


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
    pairs = _read(text).target_bounds
    if not pairs:
        return ()
    # Spans only when there is something to quote: finditer is slower than findall.
    spans = [m.span() for m in _TOKEN_RE.finditer(text)]
    return tuple(text[spans[first][0] : spans[end - 1][1]].strip() for first, end in pairs)


def mentions_check_in(text: str | None) -> bool:
    """Tell whether a text says when progress will be reviewed.

    "Monthly revenue" is not a check-in; "reviewed every month" is.

    >>> mentions_check_in("Increase monthly revenue by 10%")
    False
    >>> mentions_check_in("Verhoog de omzet met 10%, voortgang elke maand besproken")
    True
    """
    return _read(text).check_in if text else False
