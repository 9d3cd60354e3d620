"""Owners and ad-hoc metric names in statements as sales managers write them.

Each case is a statement that was misread (an owner lost, or a per-person target read as
a team's) with the reading it must have, next to neighbours whose reading must not move.
"""

from __future__ import annotations

from datetime import date

import pytest

from smartgoals.goals import Owner, Scope
from smartgoals.language import parse_goal

TODAY = date(2027, 1, 15)
ROLE, TEAM, INDIVIDUAL = Scope.ROLE, Scope.TEAM, Scope.INDIVIDUAL


def _owner(text: str) -> Owner | None:
    return parse_goal(text, today=TODAY).owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a target for each holder of a role (was: no owner, or the team)
        (
            "Alle accountmanagers boeken elk 8 demo's per week in 2027",
            Owner("accountmanager", ROLE),
        ),
        ("Accountmanagers boeken ieder 8 demo's per week in 2027", Owner("accountmanager", ROLE)),
        ("All AEs book 8 demos each a week in 2027", Owner("AE", ROLE)),
        (
            "The sales team books 8 demos a week per person in 2027",
            Owner("member of the sales team", ROLE),
        ),
        (
            "Each member of Sarah's team books 8 demos a week in 2027",
            Owner("member of Sarah's team", ROLE),
        ),
        (
            "De accountmanagers van team Zuid doen elk 6 klantbezoeken per week in 2027",
            Owner("accountmanager", ROLE),
        ),
        ("Verkopers boeken 8 demo's per week in 2027", Owner("verkoper", ROLE)),
        ("The reps book 8 demos each a week in 2027", Owner("rep", ROLE)),
        ("Book 8 demos a week per person in 2027", Owner("person", ROLE)),
        (
            "Het team van Sarah boekt elk 8 demo's per week",
            Owner("lid van het team van Sarah", ROLE),
        ),
        # neighbours: a group without "each" stays a team, a role stays a role
        ("The reps book 20 demos a week", Owner("The reps", TEAM)),
        ("De accountmanagers boeken 20 demo's per week", Owner("De accountmanagers", TEAM)),
        ("Each AE books 20 demos a week", Owner("AE", ROLE)),
        ("Sarah's team books 20 demos per AE a week", Owner("AE", ROLE)),
        ("Team Benelux haalt €400k omzet per kwartaal", Owner("Team Benelux", TEAM)),
    ],
)
def test_roles(text: str, owner: Owner) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a person with a modal or auxiliary verb (was: no owner)
        ("John will send 200 emails a week in 2027", Owner("John", INDIVIDUAL)),
        ("Jan moet wekelijks 5 offertes versturen in 2027", Owner("Jan", INDIVIDUAL)),
        ("Lisa is going to close 10 deals a month", Owner("Lisa", INDIVIDUAL)),
        ("Sam needs to book 20 demos a week", Owner("Sam", INDIVIDUAL)),
        ("Piet gaat 10 deals per maand sluiten", Owner("Piet", INDIVIDUAL)),
        # neighbours
        ("John sends 200 emails a week in 2027", Owner("John", INDIVIDUAL)),
        ("Lisa closes 10 deals a month", Owner("Lisa", INDIVIDUAL)),
        ("Sell more", None),
        ("Revenue will grow by 10% in 2027", None),
        ("We will book 20 demos a week", None),
        ("Omzet moet met 10% groeien in 2027", None),
    ],
)
def test_people(text: str, owner: Owner | None) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # owner labels (was: no owner)
        ("Book 20 demos a week in 2027 (responsible: Sam)", Owner("Sam", INDIVIDUAL)),
        ("Book 20 demos a week in 2027 – owner Sam", Owner("Sam", INDIVIDUAL)),
        ("Book 20 demos a week in 2027, owner: Sam", Owner("Sam", INDIVIDUAL)),
        ("Boek 20 demo's per week in 2027, verantwoordelijke: Sam", Owner("Sam", INDIVIDUAL)),
        ("Boek 20 demo's per week in 2027 (eigenaar Sam)", Owner("Sam", INDIVIDUAL)),
        ("Grow revenue by 5% in 2027 (accountable: Benelux team)", Owner("Benelux team", TEAM)),
        # teams (was: "Het team", or no owner)
        ("Het team van Sarah boekt 20 demo's per week in 2027", Owner("team van Sarah", TEAM)),
        ("Het SDR-team boekt 20 demo's per week in 2027", Owner("SDR-team", TEAM)),
        ("Verkoopteam haalt €400k omzet per kwartaal in 2027", Owner("Verkoopteam", TEAM)),
        # neighbours
        ("Het team boekt 20 demo's per week", Owner("Het team", TEAM)),
        ("Het team van de maand boekt 20 demo's", Owner("Het team", TEAM)),
        ("Book 20 demos a week (owner of the list: marketing)", None),
    ],
)
def test_labels_and_teams(text: str, owner: Owner | None) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    ("text", "key", "name"),
    [
        # ad-hoc metrics named by all their words (was: "customer", "client", "LinkedIn")
        ("Make 20 customer visits a week in 2027", "customer_visits", "customer visits"),
        ("Make 20 client visits a week in 2027", "client_visits", "client visits"),
        ("Publish 3 LinkedIn-posts a week in 2027", "linkedin_posts", "LinkedIn-posts"),
        ("Increase the number of site visits by 10% in 2027", "site_visits", "site visits"),
        ("Doe 8 klantbezoeken p/w in 2027", "klantbezoeken", "klantbezoeken"),
        ("Verstuur 25 offertes per week in 2027", "offertes", "offertes"),
        ("Jan moet wekelijks 5 offertes versturen in 2027", "offertes", "offertes"),
        # neighbours: catalog metrics
        ("Book 20 demos a week", "demos_booked", "demos booked"),
        ("Make 20 cold-calls a day", "calls", None),
        ("Organise 4 executive roundtables in 2027", "executive_roundtables", None),
    ],
)
def test_adhoc_names(text: str, key: str, name: str | None) -> None:
    metric = parse_goal(text, today=TODAY).metric
    assert metric is not None
    assert metric.key == key
    if name is not None:
        assert metric.label("en") == name


def test_visits_before_a_number_stay_a_verb() -> None:
    # "1 customer visits 3 stores": the verb is no part of what is counted
    metric = parse_goal("1 customer visits 3 stores a week", today=TODAY).metric
    assert metric is None or metric.key != "customer_visits"
