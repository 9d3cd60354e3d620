from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution

import pytest
from smartgoals_example_plugin import RULES, product_line

from smartgoals import metrics
from smartgoals.goals import Goal, Target
from smartgoals.scoring import Context, RuleSet, Severity, available_rules, score

LINES = Context(extras={"acme.product_lines": ["Anvils", "Rockets"]})


def revenue(statement: str) -> Goal:
    return Goal(statement=statement, metric=metrics.get("revenue"), target=Target.change("0.1"))


def test_a_revenue_goal_without_a_product_line_is_flagged() -> None:
    card = RuleSet(RULES).score(revenue("Increase revenue by 10% in 2027"), context=LINES)
    assert card.codes() == ("ACME001",)
    finding = card.findings[0]
    assert finding.severity is Severity.WARNING
    assert (
        finding.suggestion
        == "Say which product line the revenue comes from, e.g. 'revenue from Anvils'."
    )


def test_naming_a_product_line_passes() -> None:
    card = RuleSet(RULES).score(revenue("Increase revenue from rockets by 10%"), context=LINES)
    assert card.codes() == ()


def test_other_metrics_are_not_checked() -> None:
    goal = Goal(metric=metrics.get("leads"), target=Target.level(100))
    assert RuleSet(RULES).score(goal, context=LINES).codes() == ()


def test_without_product_lines_the_rule_is_undecided() -> None:
    results = list(product_line.check(revenue("Increase revenue"), Context(), "en"))
    assert [r.evidence for r in results] == [("extras:acme.product_lines",)]  # type: ignore[union-attr]


def test_dutch_message() -> None:
    card = RuleSet(RULES).score(revenue("Verhoog de omzet"), context=LINES, lang="nl")
    assert card.findings[0].message == "Het omzetdoel noemt geen productlijn (Anvils, Rockets)."


def test_discovered_through_the_entry_point() -> None:
    try:
        distribution("smartgoals-example-plugin")
    except PackageNotFoundError:
        pytest.skip("install the plugin: pip install -e examples/smartgoals-example-plugin")
    info = {i.code: i for i in available_rules()}
    assert info["ACME001"].origin == "smartgoals-example-plugin"
    card = score(revenue("Increase revenue by 10% in 2027"), context=LINES)
    assert "ACME001" in card.codes(Severity.WARNING)
