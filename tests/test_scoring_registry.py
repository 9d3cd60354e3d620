from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError, RegistrationError, RuleError
from smartgoals.goals import Goal
from smartgoals.scoring import (
    Context,
    Criterion,
    CriterionStatus,
    Finding,
    FunctionRule,
    Hit,
    LoadError,
    RuleDocs,
    RuleSet,
    Severity,
    Undecided,
    _select,
    available_rules,
    default_rules,
    rule,
)
from smartgoals.scoring.rules import RULES
from strategies import dates, goals


def make(code: str, criterion: Criterion = Criterion.SPECIFIC, **kwargs: object) -> FunctionRule:
    def check(goal: Goal, context: Context) -> Iterator[Hit]:
        yield Hit({"code": code})

    return rule(code, criterion, summary=f"rule {code}", message="hit {code}", **kwargs)(check)  # type: ignore[arg-type]


def selected(**kwargs: object) -> list[str]:
    return [r.code for r in RuleSet(RULES, **kwargs).active]  # type: ignore[arg-type]


def test_at_least_twenty_builtin_rules_over_all_five_criteria() -> None:
    assert len(RULES) >= 20
    assert {r.criterion for r in RULES} == set(Criterion)
    assert len({r.code for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.code[0] == r.criterion.letter
        assert r.summary
        assert r.docs.what
        assert r.docs.why
        assert r.docs.example
        assert r.docs.better
        assert isinstance(r, FunctionRule)
        assert {"en", "nl"} <= set(r.messages)
        assert {"en", "nl"} <= set(r.suggestions)


def test_default_selection_skips_off_by_default_rules() -> None:
    codes = selected()
    assert "T005" not in codes
    assert len(codes) == len(RULES) - 1


def test_select_and_ignore_by_prefix_longest_wins() -> None:
    assert selected(select=["T"]) == ["T001", "T002", "T003", "T004"]
    assert selected(select=["T"], ignore=["T00"]) == []
    assert selected(select=["T", "T002"], ignore=["T00"]) == ["T002"]
    assert selected(select=["S00"], ignore=["S"]) == ["S001", "S002", "S003", "S004", "S005"]


def test_at_equal_length_ignore_wins() -> None:
    assert selected(select=["S001"], ignore=["S001"]) == []
    assert selected(select=["ALL"], ignore=["ALL"]) == []


def test_off_by_default_needs_its_full_code() -> None:
    assert "T005" not in selected(select=["ALL"])
    assert "T005" not in selected(select=["T"])
    assert "T005" in selected(select=["T005"])
    assert "T005" not in selected(select=["T005"], ignore=["T005"])


def test_malformed_prefixes_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="select entries"):
        RuleSet(RULES, select=["s"])
    with pytest.raises(InvalidInputError, match="ignore entries"):
        RuleSet(RULES, ignore=["T-1"])


def test_severity_override_per_code() -> None:
    rules = RuleSet(RULES, severity={"S005": "warning", "T001": Severity.INFO})
    card = rules.score(Goal(statement="Sell more"))
    by_code = {f.code: f.severity for f in card.findings}
    assert by_code["S005"] is Severity.WARNING
    assert by_code["T001"] is Severity.INFO
    assert card.status(Criterion.TIME_BOUND) is CriterionStatus.MET
    with pytest.raises(InvalidInputError, match="'error', 'warning' or 'info'"):
        RuleSet(RULES, severity={"S005": "fatal"})


def test_duplicate_code_names_both_origins() -> None:
    first = make("X001", origin="alpha")
    second = make("X001", origin="beta")
    with pytest.raises(RegistrationError, match="registered by 'alpha' and by 'beta'") as info:
        RuleSet([first, second])
    assert info.value.origins == ("alpha", "beta")
    assert info.value.key == "X001"


def test_rule_codes_are_validated() -> None:
    with pytest.raises(InvalidInputError, match="rule code 'X1'"):
        make("X1")


class ProtocolRule:
    """A rule written without the decorator, against the Rule protocol."""

    code = "P001"
    criterion = Criterion.MEASURABLE
    summary = "always one finding"
    severity = Severity.WARNING
    docs = RuleDocs("Yields one finding.")
    evidence: tuple[str, ...] = ()
    off_by_default = False
    origin = "tests"

    def check(self, goal: Goal, context: Context, lang: str) -> Iterator[Finding | Undecided]:
        yield Finding(self.code, self.criterion, self.severity, "found", lang=lang)


def test_protocol_rules_run_and_take_overrides() -> None:
    card = RuleSet([ProtocolRule()], severity={"P001": "info"}).score(Goal())
    assert [(f.code, f.severity) for f in card.findings] == [("P001", Severity.INFO)]


def test_protocol_rule_with_a_malformed_code_is_refused() -> None:
    bad = ProtocolRule()
    bad.code = "p1"
    with pytest.raises(RegistrationError, match="rule code 'p1' from 'tests'"):
        RuleSet([bad])


def test_a_rule_that_raises_is_reported_and_scoring_continues() -> None:
    @rule("X002", Criterion.SPECIFIC, summary="broken", message="never")
    def broken(goal: Goal, context: Context) -> Iterator[Hit]:
        raise KeyError("boom")
        yield Hit()

    rules = RuleSet([broken, *RULES])
    card = rules.score(Goal(statement="Sell more"))
    failure = next(f for f in card.findings if f.code == "X002")
    assert failure.severity is Severity.WARNING
    assert failure.values["error"] == "KeyError: 'boom'"
    assert "failed and was skipped" in failure.message
    assert "T001" in card.codes()
    with pytest.raises(RuleError, match=r"rule X002 from '.+' raised KeyError: 'boom'") as info:
        rules.score(Goal(), strict=True)
    assert info.value.code == "X002"


def test_rules_that_raise_when_called_are_reported_and_every_other_rule_runs_once() -> None:
    calls: list[str] = []

    def counting(code: str) -> FunctionRule:
        @rule(code, Criterion.SPECIFIC, summary="counts", message="seen {n}")
        def counted(goal: Goal, context: Context) -> tuple[Hit, ...]:
            calls.append(code)
            return (Hit({"n": int(code[1:])}),)

        return counted

    def broken(code: str) -> FunctionRule:
        @rule(code, Criterion.SPECIFIC, summary="broken", message="never")
        def raising(goal: Goal, context: Context) -> tuple[Hit, ...]:
            calls.append(code)
            raise KeyError(code)

        return raising

    rules = RuleSet([counting("X101"), broken("X102"), broken("X103"), counting("X104")])
    card = rules.score(Goal(statement="Sell more"))
    assert calls == ["X101", "X102", "X103", "X104"]
    messages = {f.code: f.message for f in card.findings}
    assert messages["X101"] == "seen 101"
    assert messages["X104"] == "seen 104"
    assert messages["X102"].endswith("failed and was skipped: KeyError: 'X102'")
    assert messages["X103"].endswith("failed and was skipped: KeyError: 'X103'")
    assert len(card.findings) == 4


def test_a_failing_evidence_rule_does_not_decide_its_criterion() -> None:
    @rule("X003", Criterion.REALISTIC, summary="broken", message="never", evidence=["as_of"])
    def broken(goal: Goal, context: Context) -> Iterator[Hit]:
        raise ValueError("no")
        yield Hit()

    from datetime import date

    card = RuleSet([broken]).score(Goal(), context=Context(as_of=date(2027, 1, 1)))
    assert card.status(Criterion.REALISTIC) is CriterionStatus.PARTIAL


def test_undecided_names_evidence() -> None:
    @rule("X004", Criterion.ACHIEVABLE, summary="needs more", message="never")
    def undecided(goal: Goal, context: Context) -> Iterator[Undecided]:
        yield Undecided(("extras:crm.pipeline",))

    card = RuleSet([undecided]).score(Goal())
    assert card.unknown[Criterion.ACHIEVABLE] == ("Context.extras['crm.pipeline']",)


def test_render_uses_variants_and_falls_back_to_english() -> None:
    r = rule(
        "X005",
        Criterion.SPECIFIC,
        summary="s",
        message={"en": "plain {n}", "en:loud": "LOUD {n}", "nl": "gewoon {n}"},
    )(lambda goal, context: ())
    assert r.render(Hit({"n": 1}, variant="loud"), "nl").message == "LOUD 1"
    assert r.render({"n": 1}, "nl").message == "gewoon 1"
    english_only = rule("X006", Criterion.SPECIFIC, summary="s", message="only {n}")(
        lambda goal, context: ()
    )
    assert english_only.render({"n": 2}, "nl").message == "only 2"
    with pytest.raises(InvalidInputError, match="English template"):
        rule("X007", Criterion.SPECIFIC, summary="s", message={"nl": "x"})


def test_docs_come_from_the_docstring_sections() -> None:
    r = RuleSet(RULES).get("S001")
    assert r.docs.what == "Checks that the goal names the metric it is about."
    assert r.docs.example == "Sell more this quarter."
    assert r.docs.better.startswith("Increase revenue from new customers")
    with pytest.raises(InvalidInputError, match="no rule 'Z999'"):
        RuleSet(RULES).get("Z999")


class FakeDist:
    def __init__(self, name: str) -> None:
        self.name = name


def fake_entry_point(name: str, value: str, dist: str) -> EntryPoint:
    ep = EntryPoint(name, value, "smartgoals.rules")
    object.__setattr__(ep, "dist", FakeDist(dist))
    return ep


BROKEN = fake_entry_point("broken", "no_such_module_for_smartgoals:RULES", "broken-rules")
DUPLICATE = fake_entry_point("dup", "smartgoals.scoring.rules.time_bound:RULES", "copycat")
NOT_RULES = fake_entry_point("junk", "smartgoals.metrics:ENTRY_POINT_GROUP", "junk-rules")
BUILTIN = fake_entry_point("specific", "smartgoals.scoring.rules.specific:RULES", "smartgoals")


def patch_entry_points(monkeypatch: pytest.MonkeyPatch, *points: EntryPoint) -> None:
    monkeypatch.setattr(_select, "entry_points", lambda group: list(points))


def test_a_plugin_that_fails_to_import_is_listed_and_scoring_continues(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patch_entry_points(monkeypatch, BROKEN, BUILTIN)
    rules = RuleSet.from_entry_points()
    assert [e.entry_point for e in rules.load_errors] == ["broken"]
    assert rules.load_errors[0].origin == "broken-rules"
    assert "ModuleNotFoundError" in rules.load_errors[0].error
    assert "S001" in rules
    assert rules.score(Goal(statement="Sell more")).codes()[0] == "S001"
    with pytest.raises(RuleError, match="rule plugin 'broken-rules'"):
        rules.score(Goal(), strict=True)


def test_strict_loading_raises_naming_the_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_entry_points(monkeypatch, BROKEN)
    with pytest.raises(
        RuleError, match="rule plugin 'broken-rules' \\(entry point 'broken'"
    ) as info:
        RuleSet.from_entry_points(strict=True)
    assert info.value.origin == "broken-rules"


def test_duplicate_codes_from_plugins_name_both_origins(monkeypatch: pytest.MonkeyPatch) -> None:
    builtin_t = fake_entry_point(
        "time_bound", "smartgoals.scoring.rules.time_bound:RULES", "smartgoals"
    )
    patch_entry_points(monkeypatch, DUPLICATE, builtin_t)
    rules = RuleSet.from_entry_points()
    # smartgoals' own rules load first, so the copy is the one refused.
    assert all(r.origin == "smartgoals" for r in rules)
    assert len(rules.load_errors) == 5
    assert "registered by 'smartgoals' and by 'copycat'" in rules.load_errors[0].error
    with pytest.raises(RegistrationError, match="by 'smartgoals' and by 'copycat'"):
        RuleSet.from_entry_points(strict=True)


def test_an_entry_point_that_is_not_a_rule_is_a_load_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patch_entry_points(monkeypatch, NOT_RULES)
    rules = RuleSet.from_entry_points()
    assert len(rules) == 0
    assert "not a rule" in rules.load_errors[0].error
    assert str(rules.load_errors[0]).startswith("rule plugin 'junk-rules' (entry point 'junk')")


def test_builtin_rules_come_from_entry_points() -> None:
    loaded = RuleSet.from_entry_points()
    builtin = {r.code for r in loaded if r.origin == "smartgoals"}
    assert builtin == {r.code for r in RULES}
    assert not [e for e in loaded.load_errors if e.origin == "smartgoals"]
    assert {i.code for i in available_rules()} >= builtin
    assert default_rules() is default_rules()


def test_the_example_plugin_is_discovered_and_runs() -> None:
    try:
        distribution("smartgoals-example-plugin")
    except PackageNotFoundError:
        pytest.skip("install examples/smartgoals-example-plugin to run this test")
    info = {i.code: i for i in available_rules()}
    assert info["ACME001"].origin == "smartgoals-example-plugin"
    assert info["ACME001"].criterion is Criterion.SPECIFIC
    goal = Goal(statement="Increase revenue by 10%", metric=metrics.get("revenue"))
    context = Context(extras={"acme.product_lines": ["Anvils"]})
    card = RuleSet.from_entry_points(select=["ACME"]).score(goal, context=context)
    assert card.codes() == ("ACME001",)


def test_load_error_and_rule_set_repr() -> None:
    assert str(LoadError("x", "y", "boom")) == "rule plugin 'y' (entry point 'x'): boom"
    assert repr(RuleSet(RULES)).startswith(f"<RuleSet: {len(RULES) - 1} of {len(RULES)} rules")
    assert repr(RULES[0]).startswith("<rule S001 (SPECIFIC) from 'smartgoals'")


def test_built_in_rules_return_tuples() -> None:
    goal = Goal(statement="Sell more through Instagram", metric=metrics.get("revenue"))
    context = Context(channels=["email"], history={"revenue": []}, activity_goals=[])
    for item in RULES:
        assert isinstance(item, FunctionRule)
        assert type(item.function(goal, context)) is tuple, item.code


@pytest.mark.parametrize("shape", [list, tuple, iter])
def test_rule_functions_may_return_any_iterable(shape: type) -> None:
    def check(goal: Goal, context: Context) -> object:
        return shape([Hit({"n": 1}), Undecided(("history",))])

    item = rule("X010", Criterion.ACHIEVABLE, summary="s", message="n={n}", evidence=["as_of"])(
        check  # type: ignore[arg-type]
    )
    card = RuleSet([item]).score(Goal(), context=Context(as_of=date(2027, 1, 1)))
    assert [f.message for f in card.findings] == ["n=1"]
    assert card.criteria[Criterion.ACHIEVABLE].status is CriterionStatus.NOT_MET


def test_a_generator_rule_failing_midway_keeps_none_of_its_findings() -> None:
    def check(goal: Goal, context: Context) -> Iterator[Hit]:
        yield Hit({"n": 1})
        raise ValueError("midway")

    item = rule("X011", Criterion.SPECIFIC, summary="s", message="n={n}")(check)
    card = RuleSet([item]).score(Goal())
    assert [(f.code, f.values.get("rule_failed")) for f in card.findings] == [("X011", True)]


class QuietRule(ProtocolRule):
    """A Specific rule written against the protocol that never finds anything."""

    code = "Q001"
    criterion = Criterion.SPECIFIC

    def check(self, goal: Goal, context: Context, lang: str) -> Iterator[Finding | Undecided]:
        return iter(())


_EVIDENCE = ("as_of", "history", "capacity", "channels", "activity_goals", "extras:x")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    goal=goals(),
    data=st.data(),
    lang=st.sampled_from(["en", "nl"]),
)
def test_one_pass_and_rule_by_rule_scoring_agree(
    goal: Goal, data: st.DataObject, lang: str
) -> None:
    # Built-in rules alone run in one pass when the context holds all their evidence; a
    # protocol rule beside them makes the set run rule by rule. Both must agree.
    key = goal.metric.key if goal.metric is not None else "revenue"
    values = st.decimals(1, 10**7, places=0)
    history = data.draw(st.lists(values, max_size=4))
    context = Context(
        as_of=data.draw(st.none() | dates(2020, 2030)),
        history={key: [(date(2020 + i, 1, 1), v) for i, v in enumerate(history)]},
        capacity=data.draw(st.sampled_from([{}, {key: 5_000_000}])),
        channels=data.draw(st.none() | st.lists(st.sampled_from(["email", "phone", "events"]))),
        activity_goals=data.draw(st.sampled_from([None, [], [Goal(metric=metrics.get("calls"))]])),
        extras=data.draw(st.sampled_from([{}, {"x": 1}])),
    )
    for name in _EVIDENCE:
        assert (name in context._present_for(goal)) is context.has(name, goal), name
    one_pass = RuleSet(RULES)
    assert one_pass._runner.calls is not None
    by_rule = RuleSet([*RULES, QuietRule()], ignore="Q001")
    by_rule_all = RuleSet([*RULES, QuietRule()])
    assert by_rule._runner.calls is not None  # ignoring Q001 keeps the one pass
    assert by_rule_all._runner.calls is None
    expected = by_rule_all.score(goal, context=context, lang=lang).to_dict()
    assert one_pass.score(goal, context=context, lang=lang).to_dict() == expected


def test_a_summary_per_language() -> None:
    @rule(
        "X901",
        Criterion.SPECIFIC,
        summary={"en": "Names no region", "nl": "Noemt geen regio"},
        message="No region.",
    )
    def region(goal: Goal, context: Context) -> tuple[()]:
        return ()

    assert (region.summary, region.summary_in("nl"), region.summary_in("en")) == (
        "Names no region",
        "Noemt geen regio",
        "Names no region",
    )
    with pytest.raises(InvalidInputError, match="summary"):
        rule("X902", Criterion.SPECIFIC, summary={"nl": "Alleen Nederlands"}, message="m")
    assert all(isinstance(r, FunctionRule) and r.summary_in("nl") != r.summary for r in RULES)
