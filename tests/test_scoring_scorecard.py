from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, Owner, Scope, Target
from smartgoals.scoring import (
    Context,
    Criterion,
    CriterionStatus,
    Finding,
    RuleSet,
    Scorecard,
    Severity,
    Verdict,
)
from smartgoals.scoring._scorecard import build_scorecard, verdict_for
from smartgoals.scoring.rules import RULES
from smartgoals.timeframes import Timeframe
from strategies import goals

ALL = set(Criterion)
RULE_SET = RuleSet(RULES)


def finding(criterion: Criterion, severity: Severity, code: str = "X001") -> Finding:
    return Finding(code, criterion, severity, "message", "Do this.")


def card_with(*findings: Finding, decided: set[Criterion] = ALL) -> Scorecard:
    return build_scorecard(Goal(), findings, ALL, decided, {})


def test_all_met_is_smart_100() -> None:
    card = card_with()
    assert card.verdict is Verdict.SMART
    assert card.score == 100
    assert all(r.status is CriterionStatus.MET and r.score == 1.0 for r in card.criteria.values())


def test_one_criterion_not_fully_met_is_partially_smart() -> None:
    card = card_with(finding(Criterion.MEASURABLE, Severity.WARNING))
    assert card.verdict is Verdict.PARTIALLY_SMART
    assert card.criteria[Criterion.MEASURABLE].status is CriterionStatus.PARTIAL
    assert card.criteria[Criterion.MEASURABLE].score == 0.75
    assert card.score == 95


def test_two_criteria_short_is_not_smart() -> None:
    card = card_with(
        finding(Criterion.MEASURABLE, Severity.ERROR),
        finding(Criterion.TIME_BOUND, Severity.WARNING),
    )
    assert card.verdict is Verdict.NOT_SMART
    assert card.criteria[Criterion.MEASURABLE].score == 0.0
    assert card.score == 75


def test_info_does_not_lower_a_criterion() -> None:
    card = card_with(finding(Criterion.SPECIFIC, Severity.INFO))
    assert card.verdict is Verdict.SMART
    assert card.criteria[Criterion.SPECIFIC].findings[0].severity is Severity.INFO


def test_warnings_lower_the_score_down_to_a_quarter() -> None:
    warnings = [finding(Criterion.SPECIFIC, Severity.WARNING, f"X00{i}") for i in range(5)]
    assert card_with(*warnings).criteria[Criterion.SPECIFIC].score == 0.25


def test_unknown_counts_neither_for_nor_against() -> None:
    decided = {Criterion.SPECIFIC, Criterion.MEASURABLE, Criterion.TIME_BOUND}
    card = card_with(decided=decided)
    assert card.verdict is Verdict.SMART
    assert card.score == 100
    assert card.known == (Criterion.SPECIFIC, Criterion.MEASURABLE, Criterion.TIME_BOUND)
    assert set(card.unknown) == {Criterion.ACHIEVABLE, Criterion.REALISTIC}
    with_problem = card_with(finding(Criterion.SPECIFIC, Severity.ERROR), decided=decided)
    # An error in one of three known criteria is 67/100: below 80, not SMART (issue 17).
    assert with_problem.verdict is Verdict.NOT_SMART
    assert with_problem.score == 67


def test_a_criterion_no_rule_checks_is_unknown() -> None:
    card = RuleSet(RULES, select=["S"]).score(Goal(metric=metrics.get("revenue")))
    assert card.status(Criterion.TIME_BOUND) is CriterionStatus.UNKNOWN
    assert card.unknown[Criterion.TIME_BOUND] == ("rules for this criterion (none is selected)",)


def test_a_single_known_criterion_not_met_is_not_smart() -> None:
    card = build_scorecard(
        Goal(), [finding(Criterion.TIME_BOUND, Severity.ERROR)], ALL, {Criterion.TIME_BOUND}, {}
    )
    assert card.verdict is Verdict.NOT_SMART


def test_nothing_known_is_not_smart() -> None:
    card = build_scorecard(Goal(), [], set(), set(), {})
    assert card.verdict is Verdict.NOT_SMART
    assert card.score == 0


SMART_GOAL = Goal(
    statement="The EMEA team increases revenue from €1,200,000 by 10% in 2027 with "
    "consultative selling through email and phone, reviewed every month",
    metric=metrics.get("revenue"),
    direction=Direction.INCREASE,
    target=Target.change("0.10"),
    baseline=1_200_000,
    timeframe=Timeframe.year(2027),
    currency="EUR",
    owner=Owner("EMEA team", Scope.TEAM),
    strategy="consultative selling through email campaigns and phone follow-ups",
)
CONTEXT = Context(
    as_of=date(2027, 1, 10),
    history={"revenue": [(date(2025, 1, 1), 1_000_000), (date(2026, 1, 1), 1_200_000)]},
    channels=["email", "phone"],
    activity_goals=[Goal(metric=metrics.get("calls"), timeframe=Timeframe.year(2027))],
)


def test_a_complete_goal_with_evidence_is_smart() -> None:
    card = RULE_SET.score(SMART_GOAL, context=CONTEXT)
    assert card.findings == ()
    assert card.verdict is Verdict.SMART
    assert card.unknown == {}


def test_findings_sorted_by_severity_then_code() -> None:
    card = RULE_SET.score(Goal(statement="Sell more"))
    keys = [(f.severity.rank, f.code) for f in card.findings]
    assert keys == sorted(keys)
    assert card.codes(Severity.ERROR) == ("M001", "S001", "S002", "T001")


def test_str_is_a_table_within_80_columns_in_both_languages() -> None:
    goal = Goal(
        statement="Verhoog het winstpercentage met 8% tegen het einde van het jaar en het "
        "aantal uren besteed aan mentorschap van verkopers met 15% in zes maanden",
        metric=metrics.get("win_rate"),
        target=Target.change("0.08"),
    )
    for lang in ("en", "nl"):
        text = str(RULE_SET.score(goal, lang=lang))
        assert all(len(line) <= 80 for line in text.splitlines()), text
    english = str(RULE_SET.score(goal)).splitlines()
    assert english[0] == "SMART scorecard: not SMART (33/100)"
    assert "  Criterion     Status        Score" in english
    assert "  Achievable    unknown           –" in english
    assert any(line.startswith("    → ") for line in english)
    dutch = str(RULE_SET.score(goal, lang="nl"))
    assert "Bevindingen:" in dutch
    assert "Haalbaar" in dutch


def test_str_without_findings_and_without_statement() -> None:
    goal = Goal(
        metric=metrics.get("leads"), target=Target.level(100), timeframe=Timeframe.quarter(2027, 1)
    )
    text = str(build_scorecard(goal, [], ALL, ALL, {}))
    assert "Goal: leads, = 100, 2027-01-01 – 2027-03-31" in text
    assert "No findings." in text


def test_to_dict_is_json_safe_and_complete() -> None:
    card = RULE_SET.score(Goal(statement="Sell more"), lang="nl")
    data = card.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["verdict"] == "not_smart"
    assert data["lang"] == "nl"
    assert data["criteria"]["achievable"]["status"] == "unknown"  # type: ignore[index]
    assert data["criteria"]["achievable"]["score"] is None  # type: ignore[index]
    assert data["criteria"]["specific"]["label"] == "Specifiek"  # type: ignore[index]
    assert [f["code"] for f in data["findings"]] == list(card.codes())  # type: ignore[attr-defined]


def test_html_is_compact_with_status_colours_and_escaping() -> None:
    card = RULE_SET.score(Goal(statement="<b>Sell</b> more"))
    markup = card._repr_html_()
    assert markup.startswith('<div class="smartgoals-scorecard">')
    assert "&lt;b&gt;Sell&lt;/b&gt;" in markup
    assert "<b>Sell" not in markup
    assert "#cf222e" in markup
    assert "#6e7781" in markup
    assert "http" not in markup


@settings(max_examples=60, deadline=None)
@given(goals())
def test_any_goal_scores_consistently(goal: Goal) -> None:
    card = RULE_SET.score(goal, context=CONTEXT)
    assert 0 <= card.score <= 100
    short = [r for r in card.criteria.values() if r.known and r.status is not CriterionStatus.MET]
    assert card.verdict is verdict_for(card.score, known=len(card.known))
    assert (card.verdict is Verdict.SMART) == (bool(card.known) and not short)
    for result in card.criteria.values():
        assert (result.score is None) == (result.status is CriterionStatus.UNKNOWN)
        assert result.score is None or 0.0 <= result.score <= 1.0
        assert all(f.criterion is result.criterion for f in result.findings)
    assert not [f for f in card.findings if f.values.get("rule_failed")]
    dutch = RULE_SET.score(goal, context=CONTEXT, lang="nl")
    assert dutch.codes() == card.codes()
    assert dutch.verdict is card.verdict
    assert json.dumps(card.to_dict())


@given(goals())
@settings(max_examples=50)
def test_the_all_met_shortcut_matches_the_general_assembly(goal: Goal) -> None:
    from smartgoals.scoring._scorecard import _criterion_result

    card = build_scorecard(goal, [], ALL, ALL, {})
    expected = {c: _criterion_result(c, (), True, True, (), goal, "en") for c in Criterion}
    assert dict(card.criteria) == expected
    assert list(card.criteria) == list(Criterion)
    assert (card.verdict, card.score, card.findings, card.goal) == (Verdict.SMART, 100, (), goal)
    # One decided criterion missing leaves the shortcut: that criterion is UNKNOWN.
    partial = build_scorecard(goal, [], ALL, ALL - {Criterion.REALISTIC}, {})
    assert partial.criteria[Criterion.REALISTIC].status is CriterionStatus.UNKNOWN
    assert partial.verdict is Verdict.SMART
    assert partial.score == 100


# -- verdicts agree with statuses and scores (issue 17) -------------------------------------

#: A known criterion's state: None for unknown, else (warnings, has an error).
State = tuple[int, bool] | None
_RANK = {Verdict.NOT_SMART: 0, Verdict.PARTIALLY_SMART: 1, Verdict.SMART: 2}


def card_of(states: dict[Criterion, State]) -> Scorecard:
    findings = []
    for criterion, state in states.items():
        if state is None:
            continue
        warnings, error = state
        findings += [finding(criterion, Severity.WARNING, f"X{i:03d}") for i in range(warnings)]
        if error:
            findings.append(finding(criterion, Severity.ERROR, "X999"))
    decided = {c for c, state in states.items() if state is not None}
    return build_scorecard(Goal(), findings, ALL, decided, {})


def test_83_with_warnings_is_partially_smart_and_67_with_an_error_is_not() -> None:
    # Before: 83/100 (two partial criteria of three) was "not SMART" while 67/100 with an
    # error was "partially SMART"; the verdict and the score ordered them oppositely.
    warned = card_of(
        {
            Criterion.SPECIFIC: (1, False),
            Criterion.MEASURABLE: (1, False),
            Criterion.ACHIEVABLE: None,
            Criterion.REALISTIC: None,
            Criterion.TIME_BOUND: (0, False),
        }
    )
    errored = card_of(
        {
            Criterion.SPECIFIC: (0, True),
            Criterion.MEASURABLE: (0, False),
            Criterion.ACHIEVABLE: None,
            Criterion.REALISTIC: None,
            Criterion.TIME_BOUND: (0, False),
        }
    )
    assert (warned.score, warned.verdict) == (83, Verdict.PARTIALLY_SMART)
    assert (errored.score, errored.verdict) == (67, Verdict.NOT_SMART)


def test_an_r001_error_at_75_is_not_smart() -> None:
    card = card_of(
        {
            Criterion.SPECIFIC: (0, False),
            Criterion.MEASURABLE: (0, False),
            Criterion.ACHIEVABLE: None,
            Criterion.REALISTIC: (0, True),
            Criterion.TIME_BOUND: (0, False),
        }
    )
    assert (card.score, card.verdict) == (75, Verdict.NOT_SMART)


def test_the_verdict_thresholds() -> None:
    assert [verdict_for(s).value for s in (100, 99, 80, 79, 0)] == [
        "smart",
        "partially_smart",
        "partially_smart",
        "not_smart",
        "not_smart",
    ]
    assert verdict_for(100, known=0) is Verdict.NOT_SMART


STATES = st.one_of(st.none(), st.tuples(st.integers(0, 4), st.booleans()))
CARDS = st.fixed_dictionaries(dict.fromkeys(Criterion, STATES))


def worse(state: tuple[int, bool], how: str) -> tuple[int, bool]:
    warnings, error = state
    return (warnings + 1, error) if how == "warning" else (warnings, True)


@settings(max_examples=300)
@given(CARDS, st.sampled_from(list(Criterion)), st.sampled_from(["warning", "error"]))
def test_worsening_a_criterion_never_improves_the_verdict_or_the_score(
    states: dict[Criterion, State], criterion: Criterion, how: str
) -> None:
    state = states[criterion]
    if state is None:
        state = (0, False)
    before = card_of({**states, criterion: state})
    after = card_of({**states, criterion: worse(state, how)})
    assert after.score <= before.score
    assert _RANK[after.verdict] <= _RANK[before.verdict]


@settings(max_examples=300)
@given(CARDS, CARDS)
def test_the_score_and_the_verdict_never_order_two_goals_oppositely(
    first: dict[Criterion, State], second: dict[Criterion, State]
) -> None:
    a, b = card_of(first), card_of(second)
    if a.score > b.score:
        assert _RANK[a.verdict] >= _RANK[b.verdict]
    if _RANK[a.verdict] > _RANK[b.verdict]:
        assert a.score > b.score


@settings(max_examples=200)
@given(CARDS, st.sampled_from(list(Criterion)), st.integers(1, 4))
def test_an_error_never_ranks_above_warnings_on_otherwise_equal_statuses(
    states: dict[Criterion, State], criterion: Criterion, warnings: int
) -> None:
    with_error = card_of({**states, criterion: (0, True)})
    with_warnings = card_of({**states, criterion: (warnings, False)})
    assert with_error.score < with_warnings.score
    assert _RANK[with_error.verdict] <= _RANK[with_warnings.verdict]


def test_a_rate_and_the_owners_scope_show_in_the_scorecard() -> None:
    goal = Goal(
        metric=metrics.get("demos_booked"),
        direction=Direction.INCREASE,
        target=Target.at_least(20, per="week"),
        timeframe=Timeframe.quarter(2027, 3),
        owner=Owner("AE", Scope.ROLE),
    )
    lines = str(RULE_SET.score(goal)).splitlines()
    assert "Target: ≥ 20 a week (263 in total for each)" in lines
    assert "Owner: AE (each holder of the role)" in lines
    dutch = str(RULE_SET.score(goal, lang="nl")).splitlines()
    assert "Doelwaarde: ≥ 20 per week (263 in totaal voor ieder)" in dutch
    assert "Eigenaar: AE (iedereen met deze rol)" in dutch
