"""Word tables for English and Dutch goal statements.

Every entry is a phrase of lower-case tokens (as :func:`~smartgoals.language._text.tokenize`
writes them: apostrophes dropped, hyphens and punctuation split off) mapped to what it
means. The parser looks phrases up by their token tuples, longest first, so the tables
are plain data: adding a word is adding a line.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final, NamedTuple

from smartgoals import _channels
from smartgoals.goals import GoalType, Scope, TargetKind
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
        **_table(
            Verb.MAINTAIN, "keep, keeps, maintain, maintains, hold, sustain, stay, retain, retains"
        ),
        **_table(
            Verb.REACH,
            "reach, reaches, achieve, achieves, hit, hits, attain, attains, generate, "
            "generates, close, closes, book, books, win, wins, land, lands, sign, signs, "
            "acquire, acquires, sell, sells, make, makes, host, hosts, organize, organizes, "
            "organise, organises, run, runs, holds, conduct, conducts, deliver, "
            "delivers, send, sends, schedule, schedules, complete, completes, visit, visits, "
            "convert, converts, set up, sets up",
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
            "groei, groeien, groeit, verbeter, verbeteren, verbetert, verdubbel, verdubbelen, "
            "verdubbelt, verdrievoudig, verdrievoudigen, verdrievoudigt, boost, boosten, "
            "stimuleer, stimuleren, meer, hoger, omhoog",
        ),
        **_table(
            Verb.DECREASE,
            "verlaag, verlagen, verlaagt, verminder, verminderen, vermindert, verkort, "
            "verkorten, reduceert, halveert, breng terug, terugbrengen, terug te brengen, breng omlaag, "
            "omlaag brengen, beperk, beperken, beperkt, reduceer, reduceren, halveer, "
            "halveren, dring terug, terugdringen, minder, lager, omlaag",
        ),
        **_table(
            Verb.MAINTAIN,
            "houd, houden, hou, handhaaf, handhaaft, handhaven, behoud, behoudt, behouden, "
            "blijf, blijft, blijven",
        ),
        **_table(
            Verb.REACH,
            "bereik, bereikt, bereiken, behaal, behaalt, behalen, genereer, genereert, "
            "genereren, sluit, sluiten, boek, boekt, boeken, realiseer, realiseert, "
            "realiseren, haal, haalt, halen, win, wint, winnen, werf, werft, werven, bel, "
            "belt, bellen, organiseer, organiseert, organiseren, plant, plannen, "
            "verstuur, verstuurt, versturen, stuur, stuurt, bezoek, bezoekt, voer, voert, "
            "geef, geeft, houdt, converteer, converteert, converteren",
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
            "to no more than, to a maximum of, at or below, lower than, no higher than, "
            "not higher than, not above, not over, to not more than",
        ),
        **_markers(
            Marker.AT_LEAST,
            "above, over, more than, at least, no less than, not less than, a minimum of, "
            "minimum, min, to above, to over, to more than, to at least, to a minimum of, "
            "at or above, higher than, no fewer than, not fewer than, no lower than, "
            "not lower than, not below, not under, to no fewer than, to not fewer than, "
            "to no less than, to not less than",
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
            "tot hoogstens, tot minder dan, lager dan, tot ten hoogste, niet hoger dan, "
            "niet boven, niet boven de, tot niet meer dan",
        ),
        **_markers(
            Marker.AT_LEAST,
            "boven, boven de, tot boven, tot boven de, meer dan, minstens, ten minste, "
            "tenminste, minimaal, tot minstens, tot minimaal, niet minder dan, hoger dan, "
            "tot ten minste, tot meer dan, niet lager dan, niet onder, niet onder de, "
            "tot niet minder dan",
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


class OwnerWord(NamedTuple):
    """What an owner phrase of the lexicon means.

    ``name`` is the owner's name when the phrase is not written as one: the role noun of
    "each AE" (``"AE"``). ``subject_only`` phrases (a bare plural: "Verkopers sluiten …")
    name an owner only at the start of a sentence. ``role`` is the role noun a group of
    role holders is named by ("the reps" are reps, ``"rep"``): when the statement gives
    the target to each of them ("the reps book 20 demos each"), the role is the owner.
    """

    scope: Scope
    name: str | None = None
    subject_only: bool = False
    role: str | None = None


def _owners(scope: Scope, phrases: str) -> dict[tuple[str, ...], OwnerWord]:
    return {_words(p.strip()): OwnerWord(scope) for p in phrases.split(",") if p.strip()}


#: Role nouns by their canonical name: the singular, acronyms in capitals.
_ROLES: Final = {
    "en": {
        "rep": "rep, reps",
        "sales rep": "sales rep, sales reps",
        "salesperson": "salesperson, salespeople",
        "seller": "seller, sellers",
        "AE": "ae, aes",
        "account executive": "account executive, account executives",
        "account manager": "account manager, account managers",
        "SDR": "sdr, sdrs",
        "BDR": "bdr, bdrs",
        "representative": "representative, representatives",
        "sales manager": "sales manager, sales managers",
    },
    "nl": {
        "vertegenwoordiger": "vertegenwoordiger, vertegenwoordigers",
        "verkoper": "verkoper, verkopers",
        "accountmanager": "accountmanager, accountmanagers",
        "account manager": "account manager, account managers",
        "medewerker": "medewerker, medewerkers",
        "rep": "rep, reps",
        "AE": "ae, aes",
        "SDR": "sdr, sdrs",
        "BDR": "bdr, bdrs",
        "binnendienstmedewerker": "binnendienstmedewerker, binnendienstmedewerkers",
        "buitendienstmedewerker": "buitendienstmedewerker, buitendienstmedewerkers",
    },
}
#: Role nouns that name no job, only one member of the group: "per person", "each member
#: of Sarah's team", "elk teamlid". With a team in the statement the role is a member of
#: that team (:data:`MEMBER_OF`).
_MEMBERS: Final = {
    "en": {"person": "person", "member": "member", "team member": "team member", "FTE": "fte"},
    "nl": {"persoon": "persoon", "lid": "lid", "teamlid": "teamlid", "FTE": "fte"},
}
#: The canonical names of the roles in :data:`_MEMBERS`.
MEMBER_ROLES: Final = frozenset(name for names in _MEMBERS.values() for name in names)
#: How a member of a named team is written as a role: "member of Sarah's team".
MEMBER_OF: Final = {"en": "member of {}", "nl": "lid van {}"}
#: Words before a role noun that make the target hold for each holder of the role.
ROLE_LEADS: Final = {
    "en": ("each", "every", "per", "each and every"),
    "nl": ("elke", "iedere", "ieder", "elk", "per"),
}
#: Words before a plural role noun that make it every holder of the role, as a bare
#: plural does at the start of a sentence ("All AEs book 8 demos", "Alle verkopers …").
ALL_LEADS: Final = {"en": ("all",), "nl": ("alle",)}
#: Words before a plural role noun that name the holders as a group, a team ("the reps",
#: "onze accountmanagers"), unless the target is given to each of them (:data:`EACH`).
GROUP_LEADS: Final = {"en": ("the", "our"), "nl": ("de", "onze")}
#: Words that give a target to each member of the group that owns it: "the reps book 8
#: demos each", "de accountmanagers doen elk 6 bezoeken", "8 demos apiece".
EACH: Final = {
    "en": frozenset({("each",), ("apiece",), ("each", "of")}),
    "nl": frozenset({("elk",), ("ieder",), ("elk", "apart"), ("ieder", "apart")}),
}


def _role_nouns(lang: str) -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    singular: dict[tuple[str, ...], str] = {}
    plural: dict[tuple[str, ...], str] = {}
    for name, forms in _ROLES[lang].items():
        one, many = (_words(f.strip()) for f in forms.split(","))
        singular[one] = name
        plural[many] = name
    return singular, plural


def _member_nouns(lang: str) -> dict[tuple[str, ...], str]:
    return {_words(words): name for name, words in _MEMBERS[lang].items()}


#: Role nouns in both languages, singular and plural, to their canonical names.
ROLE_NOUNS: Final = {
    words: name
    for lang in ("en", "nl")
    for table in (*_role_nouns(lang), _member_nouns(lang))
    for words, name in table.items()
}


def _roles(lang: str) -> dict[tuple[str, ...], OwnerWord]:
    singular, plural = _role_nouns(lang)
    table = {
        _words(lead) + words: OwnerWord(Scope.ROLE, name)
        for lead in ROLE_LEADS[lang]
        for words, name in (*singular.items(), *_member_nouns(lang).items())
    }
    # "Verkopers sluiten 40% …", "Reps book 20 demos a week": a bare plural subject, or
    # every holder: "Alle accountmanagers boeken …", "All AEs book …".
    for lead in ("", *ALL_LEADS[lang]):
        table.update(
            {
                _words(lead) + words: OwnerWord(Scope.ROLE, name, subject_only=True)
                for words, name in plural.items()
            }
        )
    # "the reps", "de accountmanagers": the holders as a team.
    for lead in GROUP_LEADS[lang]:
        table.update(
            {
                _words(lead) + words: OwnerWord(Scope.TEAM, role=name)
                for words, name in plural.items()
            }
        )
    return table


OWNERS: Final[dict[str, dict[tuple[str, ...], OwnerWord]]] = {
    "en": {
        **_roles("en"),
        **_owners(Scope.INDIVIDUAL, "i"),
        **_owners(
            Scope.TEAM,
            "the sales force, our sales force, the sales department, our sales department",
        ),
        **_owners(Scope.COMPANY, "the company, our company, the business, the organisation"),
    },
    "nl": {
        **_roles("nl"),
        **_owners(Scope.INDIVIDUAL, "ik"),
        **_owners(
            Scope.TEAM,
            "het verkooppersoneel, de verkoopafdeling, onze verkoopafdeling",
        ),
        **_owners(Scope.COMPANY, "het bedrijf, ons bedrijf, de organisatie, onze organisatie"),
    },
}

#: Words that name a team ("team", "squad"); compounds ending in "team" count too.
TEAM_WORDS: Final = frozenset({"team", "squad", "afdeling", "department", "ploeg"})
#: Words that name the company in an owner's name.
COMPANY_WORDS: Final = frozenset(
    {"company", "bedrijf", "organisation", "organization", "organisatie", "business"}
)
#: Words before a team's name that are not part of it: "our inside sales team".
DETERMINERS: Final = frozenset(
    {"the", "our", "my", "their", "de", "het", "ons", "onze", "mijn", "hun"}
)
#: Words that never start a person's name: pronouns and other subjects.
NOT_NAMES: Final = frozenset(
    {
        "we",
        "wij",
        "you",
        "u",
        "jij",
        "je",
        "they",
        "zij",
        "ze",
        "he",
        "she",
        "hij",
        "it",
        "this",
        "that",
        "dit",
        "dat",
        "deze",
        "everyone",
        "everybody",
        "iedereen",
        "nobody",
        "niemand",
        "someone",
        "iemand",
        "let",
        "lets",
        "laten",
        "laat",
        "marketing",
        "sales",
        "management",
        "who",
        "wie",
    }
)
#: Words that end a run of words naming something counted ("4 webinars for partners").
FUNCTION_WORDS: Final = frozenset(
    {
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
        "by",
        "from",
        "per",
        "a",
        "an",
        "the",
        "and",
        "or",
        "that",
        "which",
        "who",
        "each",
        "every",
        "all",
        "our",
        "their",
        "this",
        "these",
        "those",
        "is",
        "are",
        "van",
        "voor",
        "naar",
        "op",
        "aan",
        "met",
        "bij",
        "door",
        "de",
        "het",
        "een",
        "en",
        "die",
        "dat",
        "elke",
        "iedere",
        "alle",
        "ons",
        "onze",
        "hun",
        "dit",
        "deze",
        "zijn",
        "om",
        "te",
        "tot",
        "uit",
    }
)
#: How an owner's scope is written after a labelled name, "Owner: Benelux (team)".
SCOPE_WORDS: Final = {
    "en": {
        Scope.COMPANY: "company",
        Scope.TEAM: "team",
        Scope.INDIVIDUAL: "individual",
        Scope.ROLE: "role",
    },
    "nl": {
        Scope.COMPANY: "bedrijf",
        Scope.TEAM: "team",
        Scope.INDIVIDUAL: "persoon",
        Scope.ROLE: "rol",
    },
}
#: The words a role is written with in an owner line, "Owner: each AE".
ROLE_LABEL_LEAD: Final = {"en": "each", "nl": "elke"}

#: Words after which a cadence is how often progress is checked, not how often the target
#: holds: "reviewed every month", "besproken elke week", "check-ins every week".
CHECK_IN_WORDS: Final = frozenset(
    {
        "reviewed",
        "review",
        "reviews",
        "checked",
        "check",
        "ins",
        "tracked",
        "monitored",
        "measured",
        "reported",
        "evaluated",
        "discussed",
        "besproken",
        "bespreken",
        "geëvalueerd",
        "evalueren",
        "gecontroleerd",
        "controleren",
        "bijgehouden",
        "bijhouden",
        "gemeten",
        "gerapporteerd",
        "rapporteren",
    }
)

#: Verbs of a share of a population, "close 40% of the prospects", by the rate they name.
POPULATION_VERBS: Final = {
    **dict.fromkeys(
        ["close", "closes", "sluit", "sluiten", "sign", "signs"],
        "close_rate",
    ),
    **dict.fromkeys(["win", "wins", "wint", "winnen"], "win_rate"),
    **dict.fromkeys(
        ["retain", "retains", "behoud", "behoudt", "behouden"], "customer_retention_rate"
    ),
    **dict.fromkeys(
        ["convert", "converts", "converteer", "converteert", "converteren"],
        "conversion_rate",
    ),
}
#: Words between a percentage and its population: "40% of", "40% van".
OF_WORDS: Final = frozenset({"of", "van"})
#: Words before the stage a population converts to: "MQLs to SQLs", "naar SQL's".
INTO_WORDS: Final = frozenset({"to", "into", "naar", "in", "tot"})
#: Words after "of" that name no population: "40% of the", "van onze".
POPULATION_ARTICLES: Final = frozenset(
    {"the", "our", "all", "de", "het", "onze", "ons", "alle", "their", "hun", "my", "mijn"}
)
#: Words that introduce a counted thing: "the number of webinars", "het aantal QBR's".
NUMBER_OF: Final = frozenset({("number", "of"), ("aantal",)})


#: Labelled owner lines, as :func:`~smartgoals.language.describe` writes them.
OWNER_LABELS: Final = {
    "en": ("owner", "responsible", "accountable"),
    "nl": ("eigenaar", "verantwoordelijke", "verantwoordelijk"),
}
#: Modal and auxiliary verbs between a person's name and the verb: "John will send …",
#: "Lisa is going to close …", "Jan moet wekelijks 5 offertes versturen".
AUXILIARIES: Final = {
    "en": tuple(
        _strategy(
            "will, shall, must, should, is going to, is to, has to, needs to, wants to, "
            "aims to, plans to, is expected to, will also, must also"
        )
    ),
    "nl": tuple(_strategy("moet, wil, zal, gaat, dient, kan, moet ook, gaat ook")),
}

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
#: The other layers a goal is labelled with at the start of a sentence ("Team goal: …").
LAYER_LABELS: Final = {
    ("annual", "goal"): GoalType.ANNUAL,
    ("jaardoel",): GoalType.ANNUAL,
    ("team", "goal"): GoalType.TEAM,
    ("teamdoel",): GoalType.TEAM,
    ("individual", "goal"): GoalType.INDIVIDUAL,
    ("individueel", "doel"): GoalType.INDIVIDUAL,
    ("activity", "goal"): GoalType.ACTIVITY,
    ("activiteitsdoel",): GoalType.ACTIVITY,
}

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
            "books",
            "calls",
            "rep",
            "reps",
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
            "accountmanager",
            "afspraken",
            "behaal",
            "belt",
            "boekt",
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
            "hoogstens",
            "houd",
            "iedere",
            "ik",
            "jaar",
            "jaarinkomen",
            "jaren",
            "klanten",
            "klantverloop",
            "kunt",
            "klantbezoeken",
            "kwartaal",
            "laten",
            "maand",
            "maandelijkse",
            "maanden",
            "maximaal",
            "meer",
            "met",
            "minimaal",
            "minste",
            "minstens",
            "naar",
            "omzet",
            "onder",
            "ons",
            "onze",
            "procent",
            "tegen",
            "telefoontjes",
            "tijd",
            "tot",
            "tussen",
            "u",
            "uitgangswaarde",
            "uw",
            "van",
            "verkoper",
            "verkopers",
            "vertegenwoordiger",
            "vertegenwoordigers",
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
