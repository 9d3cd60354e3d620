from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError
from smartgoals.goals import Goal
from smartgoals.scoring import (
    Context,
    Criterion,
    CriterionStatus,
    Finding,
    Hit,
    Phrase,
    Severity,
    Undecided,
    Verdict,
)
from smartgoals.scoring._model import check_code, check_lang
from smartgoals.timeframes import Granularity


def test_criteria_spell_smart_with_labels_in_both_languages() -> None:
    assert "".join(c.letter for c in Criterion) == "SMART"
    assert [c.label() for c in Criterion] == [
        "Specific",
        "Measurable",
        "Achievable",
        "Realistic",
        "Time-bound",
    ]
    assert [c.label("nl") for c in Criterion] == [
        "Specifiek",
        "Meetbaar",
        "Haalbaar",
        "Realistisch",
        "Tijdgebonden",
    ]


def test_acronym_variants_are_listed_and_parsed() -> None:
    assert Criterion.ACHIEVABLE.variants() == (
        "Achievable",
        "Attainable",
        "Acceptable",
        "Assignable",
    )
    assert "Acceptabel" in Criterion.ACHIEVABLE.variants("nl")
    assert Criterion.REALISTIC.variants() == ("Realistic", "Relevant")
    for name, criterion in [
        ("Attainable", Criterion.ACHIEVABLE),
        ("acceptabel", Criterion.ACHIEVABLE),
        ("Haalbaar", Criterion.ACHIEVABLE),
        ("relevant", Criterion.REALISTIC),
        ("time-bound", Criterion.TIME_BOUND),
        ("Tijdgebaseerd", Criterion.TIME_BOUND),
        ("m", Criterion.MEASURABLE),
    ]:
        assert Criterion.parse(name) is criterion
    with pytest.raises(InvalidInputError, match="unknown SMART criterion 'Fun'"):
        Criterion.parse("Fun")


def test_only_achievable_and_realistic_need_evidence() -> None:
    assert {c for c in Criterion if c.needs_evidence} == {
        Criterion.ACHIEVABLE,
        Criterion.REALISTIC,
    }


def test_labels_of_severity_status_and_verdict() -> None:
    assert [s.rank for s in Severity] == [0, 1, 2]
    assert CriterionStatus.UNKNOWN.label("nl") == "onbekend"
    assert Verdict.PARTIALLY_SMART.label("nl") == "gedeeltelijk SMART"
    with pytest.raises(InvalidInputError):
        Severity.ERROR.label("fr")


@pytest.mark.parametrize("code", ["S001", "ACME001", "A999", "ABCD000"])
def test_valid_codes(code: str) -> None:
    assert check_code(code) == code


@pytest.mark.parametrize("code", ["s001", "S01", "ABCDE001", "S0011", "", "S-001", 1])
def test_invalid_codes(code: object) -> None:
    with pytest.raises(InvalidInputError, match="rule code"):
        check_code(code)


@given(st.from_regex(r"\A[A-Z]{1,4}[0-9]{3}\Z"))
def test_every_code_of_the_pattern_is_valid(code: str) -> None:
    assert check_code(code) == code


def test_lang_is_en_or_nl() -> None:
    assert check_lang("en") == "en"
    with pytest.raises(InvalidInputError, match="lang must be 'en' or 'nl', got 'de'"):
        check_lang("de")


def test_finding_is_validated_data() -> None:
    finding = Finding(
        "T001",
        Criterion.TIME_BOUND,
        Severity.ERROR,
        "No deadline.",
        "Add a deadline, e.g. 'by 30 June 2027'.",
        "timeframe",
        {"as_of": date(2027, 1, 1), "value": Decimal("0.5"), "metric": metrics.get("revenue")},
    )
    assert finding.to_dict() == {
        "code": "T001",
        "criterion": "time_bound",
        "severity": "error",
        "message": "No deadline.",
        "suggestion": "Add a deadline, e.g. 'by 30 June 2027'.",
        "field": "timeframe",
        "values": {"as_of": "2027-01-01", "value": "0.5", "metric": "revenue"},
        "lang": "en",
    }
    with pytest.raises(InvalidInputError, match="non-empty message"):
        Finding("T001", Criterion.TIME_BOUND, Severity.ERROR, " ")
    with pytest.raises(InvalidInputError):
        Finding("t1", Criterion.TIME_BOUND, Severity.ERROR, "x")
    with pytest.raises(InvalidInputError):
        Finding("T001", Criterion.TIME_BOUND, Severity.ERROR, "x", lang="fr")


def test_finding_values_are_read_only() -> None:
    finding = Finding("T001", Criterion.TIME_BOUND, Severity.ERROR, "x", values={"a": 1})
    with pytest.raises(TypeError):
        finding.values["a"] = 2  # type: ignore[index]


def test_hit_phrase_undecided() -> None:
    assert Hit({"a": 1}).values == {"a": 1}
    assert Phrase("none", "geen").text("nl") == "geen"
    assert Phrase("none").text("nl") == "none"
    assert Undecided(["history"]).evidence == ("history",)


def test_context_normalises_its_evidence() -> None:
    revenue = metrics.get("revenue")
    context = Context(
        as_of=date(2027, 1, 15),
        history={revenue: [(date(2025, 1, 1), 1.5), (date(2026, 1, 1), "2")]},
        capacity={"demos_booked": 5760},
        channels=["E-mail", "Telefoon", "Fax machine"],
        check_in="month",
        extras={"acme.product_lines": ["Anvils"]},
    )
    assert context.history["revenue"][0] == (date(2025, 1, 1), Decimal("1.5"))
    assert context.capacity["demos_booked"] == Decimal(5760)
    assert context.channels == frozenset({"email", "phone", "fax_machine"})
    assert context.check_in is Granularity.MONTH
    assert context.has("history", Goal(metric=revenue))
    assert not context.has("history", Goal(metric=metrics.get("leads")))
    assert not context.has("history", Goal())
    assert context.has("extras:acme.product_lines", Goal())
    assert not context.has("activity_goals", Goal())
    assert Context(activity_goals=[]).has("activity_goals", Goal())


def test_history_needs_ordered_equal_periods() -> None:
    with pytest.raises(InvalidInputError, match="strictly increasing"):
        Context(history={"revenue": [(date(2026, 1, 1), 1), (date(2025, 1, 1), 2)]})
    with pytest.raises(InvalidInputError, match="equal length"):
        Context(
            history={
                "revenue": [(date(2025, 1, 1), 1), (date(2025, 2, 1), 2), (date(2025, 4, 1), 3)]
            }
        )
    with pytest.raises(InvalidInputError, match="pairs"):
        Context(history={"revenue": [5]})  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="must be a date"):
        Context(history={"revenue": [("2025-01-01", 5)]})  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="must be a number"):
        Context(history={"revenue": [(date(2025, 1, 1), "lots")]})


def test_monthly_history_is_equal_periods_despite_month_lengths() -> None:
    months = [(date(2026, m, 1), m) for m in range(1, 13)]
    assert len(Context(history={"revenue": months}).history["revenue"]) == 12


def test_channels_as_one_string_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="channels=\\['email'\\]"):
        Context(channels="email")


def test_bad_context_fields() -> None:
    with pytest.raises(InvalidInputError, match="as_of"):
        Context(as_of="2027-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="check_in"):
        Context(check_in="fortnight")
    with pytest.raises(InvalidInputError, match="activity_goals"):
        Context(activity_goals=["calls"])  # type: ignore[list-item]
