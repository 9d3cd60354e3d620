"""Word tables for English and Dutch goal statements.

Every entry is a phrase of lower-case tokens (as :func:`~smartgoals.language._text.tokenize`
writes them: apostrophes dropped, hyphens and punctuation split off) mapped to what it
means. The parser looks phrases up by their token tuples, longest first, so the tables
are plain data: adding a word is adding a line.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final

from smartgoals import _channels
from smartgoals.goals import Scope, TargetKind
from smartgoals.language._text import SYM, normalise, tokenize

__all__: list[str] = []


class Verb(enum.Enum):
    """What a verb asks of the metric."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"
    #: reach, achieve, generate, close, book: a level to get to.
    REACH = "reach"
    #: change, bring, verander, breng: the direction comes from a sign or a particle.
    NEUTRAL = "neutral"
    #: sell, earn, verdienen, "more": wants change but names no measure.
    VAGUE = "vague"


#: Verbs with a built-in relative change ("double" is +100%).
_PRESET: Final = {
    "double": Decimal(1),
    "doubles": Decimal(1),
    "triple": Decimal(2),
    "triples": Decimal(2),
    "quadruple": Decimal(3),
    "halve": Decimal("-0.5"),
    "verdubbel": Decimal(1),
    "verdubbelen": Decimal(1),
    "verdubbelt": Decimal(1),
    "verdrievoudig": Decimal(2),
    "verdrievoudigen": Decimal(2),
    "verdrievoudigt": Decimal(2),
    "halveer": Decimal("-0.5"),
    "halveren": Decimal("-0.5"),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _table(kind: Verb, phrases: str) -> dict[tuple[str, ...], Verb]:
    return {_words(p.strip()): kind for p in phrases.split(",") if p.strip()}


VERBS: Final[dict[str, dict[tuple[str, ...], Verb]]] = {
    "en": {
        **_table(
            Verb.INCREASE,
            "increase, increases, increased, grow, grows, raise, raises, boost, boosts, "
            "improve, improves, lift, expand, double, doubles, triple, triples, quadruple, "
            "scale up, drive up, push up, more, higher, up",
        ),
        **_table(
            Verb.DECREASE,
            "reduce, reduces, reduced, cut, cuts, lower, lowers, decrease, decreases, "
            "shorten, shortens, bring down, drive down, get down, push down, minimise, "
            "minimize, halve, trim, slash, less, fewer, down",
        ),
        **_table(Verb.MAINTAIN, "keep, keeps, maintain, maintains, hold, sustain, stay"),
        **_table(
            Verb.REACH,
            "reach, reaches, achieve, achieves, hit, attain, generate, generates, close, "
            "closes, book, books, win, land, sign, acquire, sell",
        ),
        **_table(Verb.NEUTRAL, "change, bring"),
        **_table(
            Verb.VAGUE, "earn, make money, make more money, do better, work on, try, focus on"
        ),
    },
    "nl": {
        **_table(
            Verb.INCREASE,
            "verhoog, verhogen, verhoogt, vergroot, vergroten, laat groeien, laten groeien, "
            "groei, groeien, verbeter, verbeteren, verbetert, verdubbel, verdubbelen, "
            "verdubbelt, verdrievoudig, verdrievoudigen, verdrievoudigt, boost, boosten, "
            "stimuleer, stimuleren, meer, hoger, omhoog",
        ),
        **_table(
            Verb.DECREASE,
            "verlaag, verlagen, verlaagt, verminder, verminderen, vermindert, verkort, "
            "verkorten, breng terug, terugbrengen, terug te brengen, breng omlaag, "
            "omlaag brengen, beperk, beperken, beperkt, reduceer, reduceren, halveer, "
            "halveren, dring terug, terugdringen, minder, lager, omlaag",
        ),
        **_table(
            Verb.MAINTAIN,
            "houd, houden, hou, handhaaf, handhaven, behoud, behouden, blijf, blijven",
        ),
        **_table(
            Verb.REACH,
            "bereik, bereiken, behaal, behalen, genereer, genereren, sluit, sluiten, boek, "
            "boeken, realiseer, realiseren, haal, halen, win, winnen, werf, werven",
        ),
        **_table(Verb.NEUTRAL, "verander, veranderen, breng, brengen"),
        **_table(Verb.VAGUE, "verdienen, verdien, werken aan, proberen, streven"),
    },
}

#: Dutch particles of separable verbs: "breng de churn terug naar 2%".
PARTICLES: Final = {"terug": Verb.DECREASE, "omlaag": Verb.DECREASE, "omhoog": Verb.INCREASE}


def preset_change(words: tuple[str, ...]) -> Decimal | None:
    """The relative change a verb carries by itself ("double" is +100%)."""
    return _PRESET.get(words[0]) if len(words) == 1 else None


class Marker(enum.Enum):
    """What the words before an amount say it is."""

    CHANGE = "change"
    LEVEL = "level"
    AT_MOST = "at_most"
    AT_LEAST = "at_least"
    FROM = "from"
    BASELINE = "baseline"

    @property
    def target_kind(self) -> TargetKind | None:
        """The target form this marker gives, if it gives one."""
        return _TARGET_KIND.get(self)


_TARGET_KIND: Final = {
    Marker.CHANGE: TargetKind.CHANGE,
    Marker.LEVEL: TargetKind.LEVEL,
    Marker.AT_MOST: TargetKind.AT_MOST,
    Marker.AT_LEAST: TargetKind.AT_LEAST,
}


def _markers(kind: Marker, phrases: str) -> dict[tuple[str, ...], Marker]:
    return {_words(p.strip()): kind for p in phrases.split(",") if p.strip()}


MARKERS: Final[dict[str, dict[tuple[str, ...], Marker]]] = {
    "en": {
        **_markers(Marker.CHANGE, "by, by another, by a further"),
        **_markers(Marker.LEVEL, "to, to a level of, at, up to, down to"),
        **_markers(
            Marker.AT_MOST,
            "below, under, less than, fewer than, at most, no more than, not more than, "
            "a maximum of, maximum, max, to below, to under, to less than, to at most, "
            "to no more than, to a maximum of, at or below, lower than",
        ),
        **_markers(
            Marker.AT_LEAST,
            "above, over, more than, at least, no less than, not less than, a minimum of, "
            "minimum, min, to above, to over, to more than, to at least, to a minimum of, "
            "at or above, higher than",
        ),
        **_markers(Marker.FROM, "from"),
        **_markers(
            Marker.BASELINE,
            "baseline, baseline of, a baseline of, from a baseline of, from a base of, "
            "starting from, currently, today at",
        ),
    },
    "nl": {
        **_markers(Marker.CHANGE, "met, met nog"),
        **_markers(Marker.LEVEL, "tot, naar, op, tot een niveau van, van een niveau van"),
        **_markers(
            Marker.AT_MOST,
            "onder, onder de, tot onder, tot onder de, beneden, beneden de, minder dan, "
            "maximaal, hoogstens, ten hoogste, hooguit, niet meer dan, tot maximaal, "
            "tot hoogstens, tot minder dan, lager dan, tot ten hoogste",
        ),
        **_markers(
            Marker.AT_LEAST,
            "boven, boven de, tot boven, tot boven de, meer dan, minstens, ten minste, "
            "tenminste, minimaal, tot minstens, tot minimaal, niet minder dan, hoger dan, "
            "tot ten minste, tot meer dan",
        ),
        **_markers(Marker.FROM, "van, vanaf"),
        **_markers(
            Marker.BASELINE,
            "uitgangswaarde, uitgangswaarde van, een uitgangswaarde van, "
            "vanaf een uitgangswaarde van, nulmeting, nulmeting van, startwaarde, "
            "startwaarde van, nu, momenteel, huidige waarde",
        ),
    },
}

#: Words that may stand between a marker and its amount.
ARTICLES: Final = frozenset({"the", "a", "an", "de", "het", "een"})


def _strategy(phrases: str) -> frozenset[tuple[str, ...]]:
    return frozenset(_words(p.strip()) for p in phrases.split(",") if p.strip())


#: Words that open a strategy clause. English "by" opens one before a gerund only.
STRATEGY: Final[dict[str, frozenset[tuple[str, ...]]]] = {
    "en": _strategy(
        "through, via, using, by using, with the help of, by means of, thanks to, leveraging"
    ),
    "nl": _strategy(
        "door, via, met behulp van, door middel van, dankzij, door te, met de hulp van, "
        "middels, aan de hand van"
    ),
}


def _owners(scope: Scope, phrases: str) -> dict[tuple[str, ...], Scope]:
    return {_words(p.strip()): scope for p in phrases.split(",") if p.strip()}


OWNERS: Final[dict[str, dict[tuple[str, ...], Scope]]] = {
    "en": {
        **_owners(
            Scope.INDIVIDUAL,
            "each rep, every rep, each sales rep, every sales rep, each salesperson, "
            "every salesperson, each seller, every seller, each account executive, "
            "every account executive, each ae, every ae, each representative, "
            "every representative, i, each of us, per rep",
        ),
        **_owners(
            Scope.TEAM,
            "the team, our team, my team, the sales team, our sales team, my sales team, "
            "the salespeople, our salespeople, the reps, our reps, the sales force",
        ),
        **_owners(Scope.COMPANY, "the company, our company, the business, the organisation"),
    },
    "nl": {
        **_owners(
            Scope.INDIVIDUAL,
            "elke vertegenwoordiger, iedere vertegenwoordiger, elke verkoper, iedere verkoper, "
            "elke accountmanager, iedere accountmanager, elke medewerker, iedere medewerker, "
            "elke rep, ik, per vertegenwoordiger, per verkoper",
        ),
        **_owners(
            Scope.TEAM,
            "het team, ons team, mijn team, het verkoopteam, ons verkoopteam, het salesteam, "
            "ons salesteam, de verkopers, onze verkopers, het verkooppersoneel, verkopers, "
            "de vertegenwoordigers",
        ),
        **_owners(Scope.COMPANY, "het bedrijf, ons bedrijf, de organisatie, onze organisatie"),
    },
}

#: Labelled owner lines, as :func:`~smartgoals.language.describe` writes them.
OWNER_LABELS: Final = {"en": ("owner",), "nl": ("eigenaar",)}

#: Words that open a new goal in the same sentence when a metric follows.
CONJUNCTIONS: Final = {
    "en": frozenset({("and",), ("as", "well", "as"), ("plus",), (",",), ("&",), (",", "and")}),
    "nl": frozenset({("en",), ("evenals",), ("alsook",), ("plus",), (",",), ("&",), (",", "en")}),
}

#: Tokens that end a sentence.
SENTENCE_ENDS: Final = frozenset({".", "!", "?", ";", "\n"})

STRETCH: Final = frozenset(
    {("stretch",), ("stretchdoel",), ("stretchdoelen",), ("stretch", "doel"), ("stretchgoal",)}
)

#: Placeholders that stand where a value should be.
PLACEHOLDERS: Final = frozenset(
    {
        ("tbd",),
        ("tbc",),
        ("ntb",),
        ("nnb",),
        ("t", ".", "b", ".", "d"),
        ("t", ".", "b", ".", "c"),
        ("n", ".", "t", ".", "b"),
        ("n", ".", "n", ".", "b"),
        ("t", ".", "b", ".", "d", "."),
        ("t", ".", "b", ".", "c", "."),
        ("n", ".", "t", ".", "b", "."),
        ("n", ".", "n", ".", "b", "."),
        ("to", "be", "determined"),
        ("to", "be", "decided"),
        ("to", "be", "confirmed"),
        ("nader", "te", "bepalen"),
        ("nog", "te", "bepalen"),
        ("…",),
        (".", ".", "."),
    }
)


def _channel_words(phrase: str) -> tuple[str, ...]:
    """A channel phrase as the parser reads it: its tokens without hyphens."""
    return tuple(
        t.text for t in tokenize(normalise(phrase)) if not (t.kind == SYM and t.text == "-")
    )


# More words for channels than scoring looks for, by the shared keys of
# smartgoals._channels (a statement is read in context, so "calls" or "mail" is safe here).
_MORE_CHANNELS: Final = {
    "social_media": "social",
    "email": "e mails, mail, mails, newsletters, nieuwsbrieven, verkoopmails",
    "phone": "telefoongesprekken, calls, bellen, koude acquisitie",
    "partners": "partnership, partnerships",
    "referrals": "aanbevelingen",
    "website": "websites, landingspagina",
    "paid_ads": "ads, advertising, adverteren",
    "chat": "whatsapp",
}

#: Channel words mentioned in a statement, keyed by the channel keys of
#: :data:`smartgoals.scoring.vocabulary.CHANNELS` (which scoring compares them with).
CHANNELS: Final[dict[tuple[str, ...], str]] = {
    _channel_words(phrase): key
    for key, phrases in [
        *((key, phrases) for key, (_family, phrases) in _channels.CHANNELS.items()),
        *(
            (key, tuple(p.strip() for p in more.split(",")))
            for key, more in _MORE_CHANNELS.items()
        ),
    ]
    for phrase in phrases
}

#: Function words that tell the languages apart.
LANGUAGE_HINTS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        {
            "above",
            "achieve",
            "and",
            "before",
            "below",
            "between",
            "book",
            "booked",
            "boost",
            "by",
            "churn",
            "close",
            "customer",
            "customers",
            "cut",
            "days",
            "decrease",
            "each",
            "end",
            "every",
            "from",
            "generate",
            "generated",
            "grow",
            "hours",
            "i",
            "improve",
            "increase",
            "keep",
            "least",
            "lower",
            "maintain",
            "mentoring",
            "month",
            "months",
            "most",
            "next",
            "number",
            "of",
            "our",
            "percent",
            "quarter",
            "raise",
            "rate",
            "reach",
            "reduce",
            "revenue",
            "salespeople",
            "shorten",
            "spent",
            "the",
            "this",
            "through",
            "to",
            "until",
            "using",
            "we",
            "weeks",
            "will",
            "with",
            "within",
            "year",
            "years",
        }
    ),
    "nl": frozenset(
        {
            "aantal",
            "behaal",
            "bereik",
            "binnen",
            "boven",
            "breng",
            "dagen",
            "de",
            "dit",
            "door",
            "drie",
            "een",
            "eind",
            "einde",
            "elke",
            "en",
            "geboekte",
            "gegenereerde",
            "gekwalificeerde",
            "genereer",
            "handhaaf",
            "het",
            "houd",
            "iedere",
            "ik",
            "jaar",
            "jaarinkomen",
            "jaren",
            "klanten",
            "klantverloop",
            "kunt",
            "kwartaal",
            "laten",
            "maand",
            "maanden",
            "maximaal",
            "meer",
            "met",
            "minstens",
            "naar",
            "omzet",
            "onder",
            "ons",
            "onze",
            "procent",
            "tegen",
            "tijd",
            "tot",
            "tussen",
            "u",
            "uitgangswaarde",
            "uw",
            "van",
            "vanaf",
            "verander",
            "verbeter",
            "verdienen",
            "verhogen",
            "verhoog",
            "verkopen",
            "verkort",
            "verkorten",
            "verlaag",
            "verlagen",
            "verminder",
            "verzonden",
            "volgend",
            "voor",
            "we",
            "weken",
            "wij",
            "winstpercentage",
            "zal",
            "zes",
            "zijn",
        }
    ),
}
