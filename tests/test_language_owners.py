"""Tests for smartgoals.language._owners: teams, people by name, roles and owner lines."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals.goals import GoalType, Owner, Scope
from smartgoals.language import explain, parse_goal
from smartgoals.language._owners import canonical_owner, label_owner
from strategies import owners

TODAY = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("text", "owner", "span"),
    [
        # teams
        (
            "Team Benelux increases revenue by 10% in 2027",
            Owner("Team Benelux", Scope.TEAM),
            "Team Benelux",
        ),
        (
            "Het verkoopteam Benelux verhoogt de omzet met 10% in 2027",
            Owner("verkoopteam Benelux", Scope.TEAM),
            "Het verkoopteam Benelux",
        ),
        ("Sarah's team books 40 demos a month", Owner("Sarah's team", Scope.TEAM), "Sarah's team"),
        (
            "Our inside sales team books 30 demos a week in Q3 2027",
            Owner("inside sales team", Scope.TEAM),
            "Our inside sales team",
        ),
        (
            "The EMEA team grows revenue by 5% in 2027",
            Owner("EMEA team", Scope.TEAM),
            "The EMEA team",
        ),
        ("Het team verhoogt de omzet met 10% in 2027", Owner("Het team", Scope.TEAM), "Het team"),
        ("The reps book 20 demos a week", Owner("The reps", Scope.TEAM), "The reps"),
        # people named as the subject of a verb
        ("Lisa closes 10 deals in Q3 2027", Owner("Lisa", Scope.INDIVIDUAL), "Lisa"),
        ("Jan belt 50 prospects per week in 2027", Owner("Jan", Scope.INDIVIDUAL), "Jan"),
        (
            "Lisa Jansen books 8 demos a week",
            Owner("Lisa Jansen", Scope.INDIVIDUAL),
            "Lisa Jansen",
        ),
        ("In Q3 2027, Priya closes 12 deals", Owner("Priya", Scope.INDIVIDUAL), "Priya"),
        ("Ik verhoog de omzet met 10% in 2027", Owner("Ik", Scope.INDIVIDUAL), "Ik"),
        # roles: the target holds for each holder
        ("Each AE books 20 demos a week in Q3 2027", Owner("AE", Scope.ROLE), "Each AE"),
        ("50 calls per rep per week", Owner("rep", Scope.ROLE), "per rep"),
        (
            "Every account manager holds 2 QBRs per quarter",
            Owner("account manager", Scope.ROLE),
            "Every account manager",
        ),
        (
            "Elke accountmanager voert 8 klantbezoeken per maand uit",
            Owner("accountmanager", Scope.ROLE),
            "Elke accountmanager",
        ),
        (
            "Per vertegenwoordiger 50 telefoontjes per week",
            Owner("vertegenwoordiger", Scope.ROLE),
            "Per vertegenwoordiger",
        ),
        (
            "Verkopers sluiten 40% van de prospects die onze presentatie bijwonen",
            Owner("verkoper", Scope.ROLE),
            "Verkopers",
        ),
        ("Reps book 20 demos a week in 2027", Owner("rep", Scope.ROLE), "Reps"),
        (
            "Iedere verkoper boekt 10 demo's per week",
            Owner("verkoper", Scope.ROLE),
            "Iedere verkoper",
        ),
        # labelled lines; brackets and punctuation are never part of a name
        (
            "Verhoog de omzet met 10% in 2027 (eigenaar: Sam)",
            Owner("Sam", Scope.INDIVIDUAL),
            "eigenaar: Sam",
        ),
        (
            "Grow revenue by 5% [owner: Team Nordics]",
            Owner("Team Nordics", Scope.TEAM),
            "owner: Team Nordics",
        ),
        ("Grow revenue by 5% in 2027. Owner: Sam!", Owner("Sam", Scope.INDIVIDUAL), "Owner: Sam"),
        ("Grow revenue by 5% in 2027. Owner: each AE.", Owner("AE", Scope.ROLE), "Owner: each AE"),
        (
            "Grow revenue by 5% in 2027. Owner: Benelux (team).",
            Owner("Benelux", Scope.TEAM),
            "Owner: Benelux (team)",
        ),
        (
            "Verhoog de omzet met 5%. Eigenaar: Acme (bedrijf).",
            Owner("Acme", Scope.COMPANY),
            "Eigenaar: Acme (bedrijf)",
        ),
    ],
)
def test_owners(text: str, owner: Owner, span: str) -> None:
    parsed = explain(text, today=TODAY).goals[0]
    assert parsed.goal.owner == owner
    assert parsed.spans["owner"].text == span


@pytest.mark.parametrize(
    "text",
    [
        # sentence-initial verbs are known words, not names
        "Increase revenue by 10% in 2027",
        "Verhoog de omzet met 10% in 2027",
        "Close 40 deals in 2027",
        "Book 40 demos a month",
        "Organize 4 webinars in Q3 2027",
        # pronouns and metric names are not people
        "We verhogen de omzet met 10% in 2027",
        "Everyone books 20 demos a week",
        "Revenue grows by 10% in 2027",
        # a team word needs a name, an article or a possessive
        "Grow sales team revenue by 10% in 2027",
        # a bare plural role names an owner only as the subject
        "Increase mentoring hours for reps by 10% in 2027",
        # an empty owner line names no one
        "Grow revenue by 5% (owner: )",
    ],
)
def test_no_owner(text: str) -> None:
    assert parse_goal(text, today=TODAY).owner is None


def test_a_role_goal_is_an_individual_layer_goal() -> None:
    goal = parse_goal("Each rep closes 20 new customers in H1 2027", today=TODAY)
    assert goal.owner == Owner("rep", Scope.ROLE)
    assert goal.type is GoalType.INDIVIDUAL


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("each AE", Owner("AE", Scope.ROLE)),
        ("every sales rep", Owner("sales rep", Scope.ROLE)),
        ("elke ae", Owner("AE", Scope.ROLE)),
        ("each closer", Owner("closer", Scope.ROLE)),
        ("EMEA team", Owner("EMEA team", Scope.TEAM)),
        ("the company", Owner("the company", Scope.COMPANY)),
        ("Sam", Owner("Sam", Scope.INDIVIDUAL)),
        ("Sam)", Owner("Sam", Scope.INDIVIDUAL)),
        ("  'Sam'  ", Owner("Sam", Scope.INDIVIDUAL)),
        ("each (individual)", Owner("each", Scope.INDIVIDUAL)),
        ("Benelux (team)", Owner("Benelux", Scope.TEAM)),
        ("Noord (rol)", Owner("Noord", Scope.ROLE)),
        ("()", None),
        ("𝟎 (company)", Owner("𝟎", Scope.COMPANY)),
        ("“Sam”, ", Owner("Sam", Scope.INDIVIDUAL)),
    ],
)
def test_label_owner(line: str, owner: Owner | None) -> None:
    assert label_owner(line) == owner


@pytest.mark.parametrize(
    ("owner", "en", "nl"),
    [
        (Owner("AE", Scope.ROLE), "each AE", "elke AE"),
        (Owner("EMEA team", Scope.TEAM), "EMEA team", "EMEA team"),
        (Owner("Benelux", Scope.TEAM), "Benelux (team)", "Benelux (team)"),
        (Owner("Sam", Scope.INDIVIDUAL), "Sam", "Sam"),
        (Owner("Acme", Scope.COMPANY), "Acme (company)", "Acme (bedrijf)"),
        (Owner("ae", Scope.ROLE), "ae (role)", "ae (rol)"),
        (Owner("Sales team", Scope.INDIVIDUAL), "Sales team (individual)", "Sales team (persoon)"),
    ],
)
def test_canonical_owner_writes_the_scope_only_when_the_name_hides_it(
    owner: Owner, en: str, nl: str
) -> None:
    assert (canonical_owner(owner, "en"), canonical_owner(owner, "nl")) == (en, nl)


@given(owners(), st.sampled_from(["en", "nl"]))
def test_an_owner_line_reads_back_as_its_owner(owner: Owner, lang: str) -> None:
    name = " ".join(owner.name.split())  # runs of spaces are written as one
    assert label_owner(canonical_owner(owner, lang)) == Owner(name, owner.scope)
