"""Scoring goal statements: score() reads text with the parser and uses its evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartgoals.exceptions import InvalidInputError, ParseError
from smartgoals.scoring import Context, Criterion, CriterionStatus, Verdict, score

AS_OF = date(2027, 1, 1)


def codes(text: str, context: Context | None = None, lang: str = "en") -> list[str]:
    card = score(text, context=context or Context(as_of=AS_OF), lang=lang)
    return [finding.code for finding in card.findings]


def test_text_is_parsed_and_relative_phrases_resolve_against_as_of() -> None:
    card = score("Increase revenue by 10% in six months", context=Context(as_of=AS_OF))
    assert card.goal.metric is not None
    assert card.goal.metric.key == "revenue"
    assert card.goal.target is not None
    assert card.goal.target.value == Decimal("0.10")
    assert card.goal.timeframe is not None
    assert (card.goal.timeframe.start, card.goal.timeframe.end) == (AS_OF, date(2027, 7, 1))
    assert card.goal.statement == "Increase revenue by 10% in six months"


@pytest.mark.parametrize(
    "text",
    [
        "Laten we dit kwartaal meer items verkopen",
        "Laten we dit kwartaal meer geld verdienen",
    ],
)
def test_the_articles_vague_statements_are_not_smart(text: str) -> None:
    card = score(text, context=Context(as_of=AS_OF), lang="nl")
    assert card.goal.target is None
    assert card.verdict is Verdict.NOT_SMART
    assert card.criteria[Criterion.MEASURABLE].status is CriterionStatus.NOT_MET


def test_article_example_10_is_two_goals_and_asks_to_split() -> None:
    text = (
        "Verhoog het winstpercentage met 8% tegen het einde van het jaar en het aantal uren "
        "besteed aan mentorschap van verkopers met 15% in zes maanden."
    )
    card = score(text, context=Context(as_of=AS_OF), lang="nl")
    split = [f for f in card.findings if f.code == "S004"]
    assert len(split) == 1
    assert split[0].values["count"] == 2
    assert "winstpercentage" in split[0].message
    assert "mentorschap" in split[0].message
    # The first goal is the one scored.
    assert card.goal.metric is not None
    assert card.goal.metric.key == "win_rate"


def test_a_single_goal_with_and_in_its_strategy_is_not_split() -> None:
    text = "Increase revenue by 10% in 2027 by bundling products and services"
    assert "S004" not in codes(text)


def test_placeholders_come_from_the_parser() -> None:
    assert "M003" in codes("Increase revenue by TBD% in Q3 2027")
    assert "M003" in codes("Verhoog de omzet met n.t.b. in 2027", lang="nl")


def test_vague_verb_without_object_comes_from_the_parser() -> None:
    assert "S002" in codes("Improve our numbers")
    assert "S002" not in codes("Improve the win rate to 30% in 2027")


def test_channel_in_statement_not_in_use_is_an_error() -> None:
    context = Context(as_of=AS_OF, channels=["email", "phone"])
    card = score("Generate 100 new customers using Instagram sales in 2027", context=context)
    realistic = card.criteria[Criterion.REALISTIC]
    assert realistic.status is CriterionStatus.NOT_MET
    assert [f.values["channel"] for f in realistic.findings] == ["instagram"]
    in_use = Context(as_of=AS_OF, channels=["instagram"])
    assert "R001" not in codes("Generate 100 new customers using Instagram sales in 2027", in_use)


def test_other_types_and_overlong_text_are_rejected() -> None:
    with pytest.raises(InvalidInputError, match="Goal or a goal statement"):
        score(42)  # type: ignore[arg-type]
    with pytest.raises(ParseError):
        score("x" * 10_001)


@pytest.mark.parametrize(
    ("text", "in_use"),
    [
        ("Win 100 new customers via Google Ads in 2027", "google ads"),
        ("Win 100 new customers through door to door sales in 2027", "field sales"),
        ("Win 100 new customers via WhatsApp in 2027", "whatsapp"),
        ("Win 100 nieuwe klanten via nieuwsbrieven in 2027", "e-mail"),
    ],
)
def test_a_channel_in_use_is_recognised_in_text(text: str, in_use: str) -> None:
    card = score(text, context=Context(as_of=date(2026, 12, 1), channels=[in_use]))
    assert "R001" not in [f.code for f in card.findings]
    assert card.criteria[Criterion.REALISTIC].status is not CriterionStatus.NOT_MET


# -- the language of the answer (issue 17) -----------------------------------------------------


def test_a_statement_is_answered_in_its_own_language_by_default() -> None:
    card = score("Verhoog de omzet met 10% in 2027", context=Context(as_of=AS_OF))
    assert card.lang == "nl"
    m002 = next(f for f in card.findings if f.code == "M002")
    assert (
        m002.message == "Het doel verhoogt de omzet met 10%, maar legt de beginwaarde niet vast."
    )
    english = score("Increase revenue by 10% in 2027", context=Context(as_of=AS_OF))
    assert english.lang == "en"


def test_lang_sets_the_messages_never_the_reading() -> None:
    # Before: lang="nl" read this English statement as Dutch ("Breng omzet naar 0,1").
    card = score("Increase revenue by 10% in 2027", context=Context(as_of=AS_OF), lang="nl")
    assert card.lang == "nl"
    assert card.goal.metric is not None
    assert card.goal.metric.key == "revenue"
    assert card.goal.target is not None
    assert (str(card.goal.target), card.goal.target.relative) == ("+10%", True)
    assert card.goal.timeframe is not None
    assert card.goal.timeframe.last_day == date(2027, 12, 31)
    assert "Het doel verhoogt de omzet met 10%" in card.findings[0].message
    assert not any("0,1" in f.message for f in card.findings)
    dutch = score("Verhoog de omzet met 10% in 2027", context=Context(as_of=AS_OF), lang="en")
    assert (
        dutch.goal == score("Verhoog de omzet met 10% in 2027", context=Context(as_of=AS_OF)).goal
    )
    assert dutch.findings[0].message.startswith("The goal increases revenue by 10%")


def test_dutch_evidence_names_the_metric_with_its_article() -> None:
    card = score("Verhoog de omzet met 10% in 2027", context=Context(as_of=AS_OF))
    assert card.unknown[Criterion.ACHIEVABLE][0].startswith("de historie van de omzet")
