"""English and Dutch word lists that scoring rules look for in goal statements.

Sales channels (for "relies on a channel not in use"), vague verbs and vague objects
("Improve our numbers"), placeholders ("tbd", "n.t.b.", "?"), conjunctions that join
several goals, and check-in phrases. Every matcher is a linear regular expression over
case-folded text. The module imports nothing from :mod:`smartgoals`, so a statement parser
can reuse it.

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

import re
from collections.abc import Mapping
from typing import Final

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


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p) for p in ordered)


def _word_regex(phrases: list[str]) -> re.Pattern[str]:
    # Phrases are whole words: not preceded or followed by a letter or digit.
    return re.compile(rf"(?<![\w]){_all(phrases)}(?![\w])")


def _all(phrases: list[str]) -> str:
    return f"(?:{_alternation(phrases)})"


_CHANNEL_BY_PHRASE: Final = {
    phrase: key for key, (_family, phrases) in CHANNELS.items() for phrase in phrases
}
_CHANNEL_RE: Final = _word_regex(list(_CHANNEL_BY_PHRASE))
_CHANNEL_KEYS: Final = {key.replace("_", " "): key for key in CHANNELS}


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
    return _CHANNEL_BY_PHRASE.get(folded) or _CHANNEL_KEYS.get(spaced) or spaced.replace(" ", "_")


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
    if not text:
        return ()
    found = dict.fromkeys(
        _CHANNEL_BY_PHRASE[m.group(0)] for m in _CHANNEL_RE.finditer(_fold(text))
    )
    return tuple(found)


_VAGUE_VERB_RE: Final = re.compile(
    rf"(?<![\w]){_all([*VAGUE_VERBS['en'], *VAGUE_VERBS['nl']])}(?![\w])"
)
_VAGUE_OBJECT_WORDS: Final = frozenset(
    word for lang in ("en", "nl") for phrase in VAGUE_OBJECTS[lang] for word in phrase.split()
)
_WORD_RE: Final = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?|\d+")


def vague_verb_in(text: str | None) -> str | None:
    """The first vague verb in a text, case-folded, or ``None``.

    >>> vague_verb_in("Let's boost sales"), vague_verb_in("Verhoog de omzet"), vague_verb_in("Win 40 deals")
    ('boost', 'verhoog', None)
    """
    if not text:
        return None
    match = _VAGUE_VERB_RE.search(_fold(text))
    return None if match is None else match.group(0)


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
    if not text:
        return False
    folded = _fold(text)
    match = _VAGUE_VERB_RE.search(folded)
    if match is None:
        return False
    rest = _WORD_RE.findall(folded[match.end() :])
    return all(word in _VAGUE_OBJECT_WORDS for word in rest)


_PLACEHOLDER_WORDS: Final = [p for p in PLACEHOLDERS if p[0].isalpha()]
_PLACEHOLDER_RE: Final = re.compile(
    # Words must stand alone; "?" and "..." only as a value: after a space, a currency
    # sign or the start, and before a space, "%" or the end (not "Can we sell more?").
    rf"(?<![\w.]){_all(_PLACEHOLDER_WORDS)}(?![\w])"
    r"|(?:(?<=\s)|(?<=^)|(?<=[$€£]))(?:\?{1,3}|\.\.\.)(?=\s|%|$)"
)


def placeholders_in(text: str | None) -> tuple[str, ...]:
    """The placeholders a text holds where a value belongs, in order.

    Args:
        text: A goal statement.

    Returns:
        The placeholders as written (case-folded).

    >>> placeholders_in("Increase revenue by ?% by TBD")
    ('?', 'tbd')
    >>> placeholders_in("Can we sell more?"), placeholders_in("Reach xx new customers")
    ((), ('xx',))
    """
    if not text:
        return ()
    return tuple(m.group(0) for m in _PLACEHOLDER_RE.finditer(_fold(text)))


_CONJUNCTION_RE: Final = re.compile(
    rf"(?<![\w]){_all([*CONJUNCTIONS['en'], *CONJUNCTIONS['nl']])}(?![\w])|;"
)
_MONTHS: Final = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december|januari|februari|maart|mei|juni|juli|"
    "augustus|oktober|mrt|okt"
)
_TIME_UNITS: Final = (
    "days?|weeks?|months?|quarters?|years?|dagen|dag|weken|week|maanden|maand|kwartalen|"
    "kwartaal|jaren|jaar"
)
# A number that is a target: not a year, a quarter label ("Q3"), a duration or part of a date.
_TARGET_NUMBER_RE: Final = re.compile(
    rf"(?<![\w.,/-])(?!(?:19|20)\d\d(?![\d%.,]))[$€£]?\d[\d.,]*"
    rf"(?!\s?(?:{_TIME_UNITS})\b)(?![\d/-])"
)
_DATE_DAY_RE: Final = re.compile(rf"(?:{_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b")


def target_clauses(text: str | None) -> tuple[str, ...]:
    """The clauses of a statement that each hold a target number.

    The statement is cut at conjunctions ("and", "en", ";", ...); a clause counts when
    it holds a number that is not a date, a year, a quarter or a duration. Two or more
    such clauses mean the statement sets several goals.

    Args:
        text: A goal statement.

    Returns:
        The clauses with a target number, stripped.

    >>> len(target_clauses("Verhoog het winstpercentage met 8% tegen het einde van het jaar "
    ...                    "en het aantal uren mentorschap met 15% in zes maanden."))
    2
    >>> target_clauses("Grow revenue by 10% between 1 January and 30 June 2027")
    ('Grow revenue by 10% between 1 January',)
    """
    if not text:
        return ()
    clauses = []
    for part in _CONJUNCTION_RE.split(text):
        cleaned = _DATE_DAY_RE.sub(" ", part.casefold())
        if _TARGET_NUMBER_RE.search(cleaned):
            clauses.append(part.strip())
    return tuple(clauses)


_CHECK_IN_RE: Final = re.compile(
    rf"(?<![\w]){_all([*CHECK_IN_PHRASES['en'], *CHECK_IN_PHRASES['nl']])}(?![\w])"
)


def mentions_check_in(text: str | None) -> bool:
    """Tell whether a text says when progress will be reviewed.

    "Monthly revenue" is not a check-in; "reviewed every month" is.

    >>> mentions_check_in("Increase monthly revenue by 10%")
    False
    >>> mentions_check_in("Verhoog de omzet met 10%, voortgang elke maand besproken")
    True
    """
    return bool(text) and _CHECK_IN_RE.search(_fold(text or "")) is not None
