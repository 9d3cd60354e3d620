"""Sales channels by key: the family of each and the English and Dutch phrases naming it.

One table for the statement parser (:mod:`smartgoals.language`) and the scoring rules
(:mod:`smartgoals.scoring.vocabulary`), so that a channel read from a statement and a
channel a context lists as in use compare by the same key. Also here: the name of each
channel in messages, and where a statement rules channels out ("not through Instagram").

>>> CHANNELS["instagram"][0]
'social_media'
>>> channel_name("phone", "nl"), channel_name("social_media")
('telefoon', 'social media')
>>> text = "Win 100 customers through email and phone, not through Instagram"
>>> [text[start:end] for start, end in negated_ranges(text)]
['Instagram']
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Final

__all__ = [
    "CHANNELS",
    "CHANNEL_NAMES",
    "NEGATIONS",
    "NEGATION_WORDS",
    "channel_name",
    "in_ranges",
    "may_negate",
    "negated_ranges",
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


#: Channel key → its name in messages, in English and Dutch.
CHANNEL_NAMES: Final[Mapping[str, tuple[str, str]]] = {
    "social_media": ("social media", "sociale media"),
    "instagram": ("Instagram", "Instagram"),
    "facebook": ("Facebook", "Facebook"),
    "linkedin": ("LinkedIn", "LinkedIn"),
    "twitter": ("X (Twitter)", "X (Twitter)"),
    "tiktok": ("TikTok", "TikTok"),
    "youtube": ("YouTube", "YouTube"),
    "email": ("email", "e-mail"),
    "phone": ("phone", "telefoon"),
    "events": ("events", "evenementen"),
    "webinars": ("webinars", "webinars"),
    "partners": ("partners", "partners"),
    "referrals": ("referrals", "doorverwijzingen"),
    "website": ("website", "website"),
    "paid_ads": ("paid ads", "online advertenties"),
    "field_sales": ("field sales", "buitendienst"),
    "retail": ("retail", "winkels"),
    "marketplaces": ("marketplaces", "marktplaatsen"),
    "chat": ("chat", "chat"),
}


def channel_name(key: str, lang: str = "en") -> str:
    """The name of a channel key in messages; an unknown key with spaces for ``_``.

    Args:
        key: A channel key such as ``"email"``.
        lang: ``"en"`` or ``"nl"``.

    Returns:
        The name.

    >>> channel_name("email", "nl"), channel_name("door_drops")
    ('e-mail', 'door drops')
    """
    names = CHANNEL_NAMES.get(key)
    if names is None:
        return key.replace("_", " ")
    return names[1] if lang == "nl" else names[0]


#: Words that rule out what follows them ("not through Instagram", "zonder beurzen").
NEGATIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": ("not", "without", "instead of", "rather than", "no", "never", "except", "excluding"),
    "nl": ("niet", "zonder", "in plaats van", "geen", "nooit", "behalve"),
}
# "not only", "no later than", "niet alleen", "niet minder dan" do not rule anything out.
_NOT_NEGATING: Final = (
    "only", "just", "later", "earlier", "less", "more", "fewer", "sooner",
    "alleen", "enkel", "slechts", "later", "eerder", "minder", "meer",
)  # fmt: skip
_NEGATION_RE: Final = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        r"\s+".join(map(re.escape, cue.split()))
        for cue in sorted({c for cues in NEGATIONS.values() for c in cues}, key=len, reverse=True)
    )
    + r")(?![\w-])(?!\s+(?:"
    + "|".join(_NOT_NEGATING)
    + r")(?![\w-]))",
    re.IGNORECASE,
)
#: A word each negation holds ("plaats" for "in plaats van"): a text with none of them
#: has no negation, and is passed over without the regular expression.
NEGATION_WORDS: Final = frozenset(
    next((w for w in cue.split() if w != "in"), cue) for cues in NEGATIONS.values() for cue in cues
)
_SCOPE_TOKEN_RE: Final = re.compile(r"\w+(?:[-.'’]\w+)*|[^\w\s]")
#: What ends the reach of a negation: punctuation that closes a clause ...
_SCOPE_PUNCTUATION: Final = frozenset(",;:.!?()–—")
#: ... a word of contrast ("not Instagram but email") ...
_CONTRAST: Final = frozenset(
    ["but", "yet", "however", "though", "instead", "maar", "echter", "wel"]
)
#: ... and a preposition that introduces another means, once something was ruled out
#: ("in plaats van Instagram via e-mail"); right after the negation it belongs to it
#: ("not through Instagram").
_MEANS: Final = frozenset(
    ["through", "via", "using", "with", "by", "over", "from", "door", "met", "uit", "middels"]
)


def may_negate(words: Collection[str]) -> bool:
    """Tell whether a text's case-folded words may hold a negation; if not, it holds none.

    A quick test before the search for negations, which most statements do not need.

    Args:
        words: The text's words, case-folded and split at white space (or its tokens);
            a word with commas counts as its parts ("email,not").

    Returns:
        Whether a word (or part) is one of :data:`NEGATION_WORDS`.

    >>> may_negate(["via", "email,not", "instagram"]), may_negate(["via", "email,", "phone"])
    (True, False)
    """
    if not NEGATION_WORDS.isdisjoint(words):
        return True
    # Every word's parts at commas (a word without one is its own part), in one pass.
    joined = ",".join(words)
    return joined.count(",") >= len(words) and not NEGATION_WORDS.isdisjoint(joined.split(","))


def negated_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """The character ranges of ``text`` that a negation rules out, English and Dutch.

    A negation of :data:`NEGATIONS` reaches from the word after it to the end of its
    clause: punctuation, a word of contrast ("but", "maar"), or a preposition that
    introduces another means after something was ruled out. "Not only" and "no later
    than" are not negations.

    Args:
        text: A goal statement or strategy.

    Returns:
        ``(start, end)`` offsets, in order.

    >>> text = "Meer klanten in plaats van Instagram via e-mail en telefoon"
    >>> [text[a:b] for a, b in negated_ranges(text)]
    ['Instagram']
    >>> negated_ranges("Not only email but phone too")
    ()
    """
    if not text or not may_negate(text.casefold().split()):
        return ()
    ranges: list[tuple[int, int]] = []
    for cue in _NEGATION_RE.finditer(text):
        start = end = cue.end()
        leading = True
        for token in _SCOPE_TOKEN_RE.finditer(text, cue.end()):
            word = token.group().casefold()
            if (
                word in _SCOPE_PUNCTUATION
                or word in _CONTRAST
                or (word in _MEANS and not leading)
                or _NEGATION_RE.match(text, token.start())
            ):
                break
            if leading and word not in _MEANS:
                leading = False
                start = token.start()
            end = token.end()
        if not leading:
            if ranges and ranges[-1][1] >= start:
                start = ranges.pop()[0]
            ranges.append((start, end))
    return tuple(ranges)


def in_ranges(offset: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    """Tell whether ``offset`` lies inside one of ``ranges`` (from :func:`negated_ranges`).

    >>> in_ranges(5, ((3, 9),)), in_ranges(9, ((3, 9),))
    (True, False)
    """
    return any(start <= offset < end for start, end in ranges)
