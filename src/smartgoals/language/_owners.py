"""Owners in goal statements: teams, people by name, roles and labelled owner lines.

The word tables (:data:`~smartgoals.language._lexicon.OWNERS`) give the fixed phrases
("each AE", "per rep", "het team", "ik"). This module reads the owners that are names:

* a team: "Team Benelux", "het verkoopteam Benelux", "Sarah's team", "our inside sales
  team", "het team van Sarah", "het SDR-team", "Verkoopteam" (:func:`read_team`);
* a person as the subject of a verb: "Lisa closes …", "Jan belt …", also after a modal
  verb: "John will send …", "Jan moet … versturen" (:func:`read_name`);
* a labelled line, "Owner: Sam" or "(eigenaar: Sam)" (:func:`label_owner`), as
  :func:`~smartgoals.language.describe` writes it, with the scope in brackets when the
  name alone would not say it: "Owner: Benelux (team)".

Every reader looks at a bounded number of tokens, and none of them takes punctuation
into a name.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import Final

from smartgoals.goals import Owner, Scope
from smartgoals.language import _lexicon as lex
from smartgoals.language._text import SYM, WORD, Token, normalise, tokenize

__all__: list[str] = []

#: The most words a team's or person's name may have, before or after "team".
_MAX_NAME_WORDS: Final = 3
_ROLE_LEADS: Final = frozenset(lead for leads in lex.ROLE_LEADS.values() for lead in leads)
_SCOPES: Final = {
    word: scope for words in lex.SCOPE_WORDS.values() for scope, word in words.items()
}


def is_team_word(word: str) -> bool:
    """Whether ``word`` names a team: "team", "squad", or a compound such as "salesteam".

    >>> is_team_word("verkoopteam"), is_team_word("team"), is_team_word("steam")
    (True, True, False)
    """
    return word in lex.TEAM_WORDS or (len(word) > 6 and word.endswith("team"))


def _capitalised(text: str, token: Token) -> bool:
    return token.kind == WORD and text[token.start].isupper()


def _proper(text: str, token: Token, blocked: Container[str]) -> bool:
    """A capitalised word that is no known word: part of a name."""
    return (
        _capitalised(text, token)
        and token.text not in blocked
        and token.text not in lex.NOT_NAMES
        and not is_team_word(token.text)
    )


def read_team(
    tokens: Sequence[Token], i: int, text: str, blocked: Container[str], verbs: Container[str]
) -> tuple[int, int] | None:
    """Read a team owner at token ``i``; return where it stops and where its name starts.

    The name leaves out a leading article or possessive ("our inside sales team" is
    "inside sales team") unless the team word is all there is ("het team").

    Args:
        tokens: The statement's tokens.
        i: Where to start.
        text: The statement as written (capitals tell names).
        blocked: Words that are never part of a name after the team word (the
            lexicon's words).
        verbs: Verbs, which end the words before the team word.

    >>> from smartgoals.language._text import normalise, tokenize
    >>> text = "Het verkoopteam Benelux verhoogt de omzet"
    >>> read_team(tokenize(normalise(text)), 0, text, set(), {"verhoogt"})
    (3, 1)
    """
    n = len(tokens)
    j = i
    determiner = tokens[j].text in lex.DETERMINERS
    if determiner:
        j += 1
    k = j
    while k < n and k - j < _MAX_NAME_WORDS + 2 and not is_team_word(tokens[k].text):
        token = tokens[k]
        if _joining(tokens, k):
            k += 1  # "SDR-team"
            continue
        if token.kind != WORD or token.text in lex.FUNCTION_WORDS or token.text in verbs:
            return None
        k += 1
    if k >= n or not is_team_word(tokens[k].text):
        return None
    if not determiner and k > j and not _capitalised(text, tokens[j]):
        return None  # "grow sales team" names no team; "Sarah's team", "EMEA team" do
    stop = k + 1
    if (
        k == j
        and stop + 1 < n
        and tokens[stop].text in _OF_WORDS
        and _proper(text, tokens[stop + 1], blocked)
    ):
        stop += 1  # "het team van Sarah"
    first_name = stop
    while (
        stop < n and stop - first_name < _MAX_NAME_WORDS and _proper(text, tokens[stop], blocked)
    ):
        stop += 1
    if first_name > k + 1 and stop == first_name:
        stop = k + 1  # "het team van de maand": no name after "van"
    if (
        not determiner
        and k == j
        and stop == k + 1
        and (tokens[k].text in lex.TEAM_WORDS or not _capitalised(text, tokens[k]))
    ):
        return None  # a bare "team"; a compound opening the statement names one: "Verkoopteam"
    name_first = j if (k > j or stop > k + 1 or not determiner) else i
    return stop, name_first


#: Words between a team word and its name: "het team van Sarah", "the team of Sarah".
_OF_WORDS: Final = frozenset({"van", "of"})


def _joining(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is a hyphen joining the words either side: "SDR-team"."""
    token = tokens[k]
    return (
        token.text == "-"
        and 0 < k < len(tokens) - 1
        and tokens[k - 1].end == token.start
        and tokens[k + 1].start == token.end
        and tokens[k - 1].kind == WORD
        and tokens[k + 1].kind == WORD
    )


def read_name(
    tokens: Sequence[Token],
    i: int,
    text: str,
    blocked: Container[str],
    verbs: Container[str],
    auxiliaries: Sequence[tuple[str, ...]] = (),
) -> int | None:
    """Read a person's name as the subject of a verb ("Lisa closes"); return its stop.

    A name is one to three capitalised words that are no known word, followed by a verb:
    sentence-initial verbs ("Increase", "Verhoog") are known words, so never a name. A
    modal verb of ``auxiliaries`` may come first ("John will send", "Lisa is going to
    close"); then one of ``verbs`` must follow in the same sentence ("Jan moet wekelijks
    5 offertes versturen").

    >>> from smartgoals.language._text import normalise, tokenize
    >>> text = "Lisa Jansen closes 10 deals"
    >>> read_name(tokenize(normalise(text)), 0, text, set(), {"closes"})
    2
    >>> text = "John will send 200 emails"
    >>> read_name(tokenize(normalise(text)), 0, text, set(), {"send"}, [("will",)])
    1
    """
    n = len(tokens)
    j = i
    while j < n and j - i < _MAX_NAME_WORDS and _proper(text, tokens[j], blocked):
        j += 1
    if j == i or j >= n:
        return None
    verb = tokens[j].text
    if verb in verbs and verb not in _NOT_SUBJECT_VERBS:
        return j
    for auxiliary in auxiliaries:
        if verb == auxiliary[0] and _verb_after(tokens, j, auxiliary, verbs):
            return j
    return None


#: How many tokens after a modal verb its verb may come: "moet wekelijks 5 offertes versturen".
_VERB_REACH: Final = 8


def _verb_after(
    tokens: Sequence[Token], j: int, auxiliary: tuple[str, ...], verbs: Container[str]
) -> bool:
    """Whether ``auxiliary`` is written at token ``j`` and a verb follows in its sentence."""
    stop = j + len(auxiliary)
    if tuple(t.text for t in tokens[j:stop]) != auxiliary:
        return False
    for token in tokens[stop : stop + _VERB_REACH]:
        if token.kind == SYM and token.text in lex.SENTENCE_ENDS:
            return False
        if token.text in verbs and token.text not in _NOT_SUBJECT_VERBS:
            return True
    return False


#: Comparatives that are in the verb table but follow no subject ("Revenue more …").
_NOT_SUBJECT_VERBS: Final = frozenset(
    {"more", "less", "fewer", "higher", "up", "down", "meer", "minder", "hoger", "lager"}
)


def label_stop(tokens: Sequence[Token], first: int) -> int:
    """Where a labelled owner that starts at token ``first`` ends.

    It runs to the end of the sentence, or to a closing bracket it did not open:
    "(eigenaar: Sam)" names "Sam".
    """
    n = len(tokens)
    depth = 0
    end = first
    while end < n:
        token = tokens[end]
        if token.kind == SYM:
            if token.text in lex.SENTENCE_ENDS:
                break
            if token.text in "([":
                depth += 1
            elif token.text in ")]":
                if depth == 0:
                    break
                depth -= 1
        end += 1
    return end


#: A scope in brackets at the end of an owner line: "Benelux (team)".
_SCOPE_NOTE: Final = re.compile(r"\(\s*([^\W\d_]+)\s*\)\W*$")
#: What is trimmed from both ends of a name: spaces, brackets, quotes and punctuation.
_NAME_EDGES: Final = " \t\n\u00a0()[]{}<>'\"‘’“”.,;:!?-–—"


def label_owner(line: str) -> Owner | None:
    """The owner an owner line names: the words after "Owner:" or "Eigenaar:".

    * A scope in brackets at the end is the scope, and the words before it the name:
      "Benelux (team)", "Sam (persoon)".
    * "each AE", "elke accountmanager": a role, named by its noun (``"AE"``).
    * A name with a team word ("EMEA team") is a team, one with a company word
      ("Acme company") the company; any other name is a person.

    Brackets, quotes and punctuation around the name are not part of it. Returns
    ``None`` when nothing else is left.

    >>> label_owner("each AE"), label_owner(" Benelux (team).")
    (Owner(name='AE', scope=<Scope.ROLE: 'role'>), Owner(name='Benelux', scope=<Scope.TEAM: 'team'>))
    >>> label_owner("Sam)"), label_owner("( )")
    (Owner(name='Sam', scope=<Scope.INDIVIDUAL: 'individual'>), None)
    """
    scope: Scope | None = None
    note = _SCOPE_NOTE.search(line)
    if note is not None and note[1].lower() in _SCOPES:
        scope = _SCOPES[note[1].lower()]
        line = line[: note.start()]
    name = line.strip().strip(_NAME_EDGES).strip()
    if not name:
        return None
    if scope is not None:
        return Owner(name, scope)
    tokens = [t for t in tokenize(normalise(name)) if t.kind != SYM]
    words = [t.text for t in tokens]
    if len(words) > 1 and words[0] in _ROLE_LEADS:
        rest = name[tokens[1].start :].strip()
        return Owner(lex.ROLE_NOUNS.get(tuple(words[1:]), rest), Scope.ROLE)
    if any(is_team_word(word) for word in words):
        return Owner(name, Scope.TEAM)
    if any(word in lex.COMPANY_WORDS for word in words):
        return Owner(name, Scope.COMPANY)
    return Owner(name, Scope.INDIVIDUAL)


def canonical_owner(owner: Owner, lang: str) -> str:
    """The words :func:`label_owner` reads back as ``owner``, in ``lang``.

    A role is written with its lead ("each AE", "elke AE"); a name that would read as
    another scope gets its scope in brackets ("Benelux (team)").

    >>> canonical_owner(Owner("AE", Scope.ROLE), "nl"), canonical_owner(Owner("Benelux", Scope.TEAM), "en")
    ('elke AE', 'Benelux (team)')
    >>> canonical_owner(Owner("Sam", Scope.INDIVIDUAL), "en")
    'Sam'
    """
    name = " ".join(owner.name.split())
    natural = f"{lex.ROLE_LABEL_LEAD[lang]} {name}" if owner.scope is Scope.ROLE else name
    if label_owner(natural) == Owner(name, owner.scope):
        return natural
    return f"{name} ({lex.SCOPE_WORDS[lang][owner.scope]})"
