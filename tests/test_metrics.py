from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from smartgoals import metrics
from smartgoals.exceptions import InvalidInputError, RegistrationError
from smartgoals.metrics import (
    Aggregation,
    Metric,
    MetricCatalog,
    MetricKind,
    Polarity,
    Unit,
    normalize_phrase,
)

REQUIRED_KEYS = [
    "revenue",
    "mrr",
    "arr",
    "units_sold",
    "new_customers",
    "customer_churn_rate",
    "revenue_churn_rate",
    "nrr",
    "ltv",
    "cac",
    "mql",
    "sql",
    "leads",
    "pipeline",
    "demos_booked",
    "calls",
    "emails",
    "discovery_calls",
    "qualified_sales_calls",
    "sales_cycle_length",
    "lead_conversion_time",
    "win_rate",
    "close_rate",
    "average_deal_size",
    "quota_attainment",
    "mentoring_hours",
    "sales_trainings",
    "employee_turnover",
]


def test_catalog_has_every_required_key_with_english_and_dutch_names() -> None:
    for key in REQUIRED_KEYS:
        metric = metrics.get(key)
        assert metric.key == key
        assert metric.names["en"]
        assert metric.names["nl"]


@pytest.mark.parametrize(
    ("key", "aggregation"),
    [
        ("revenue", Aggregation.SUM),
        ("leads", Aggregation.SUM),
        ("calls", Aggregation.SUM),
        ("customer_churn_rate", Aggregation.AVERAGE),
        ("win_rate", Aggregation.AVERAGE),
        ("ltv", Aggregation.AVERAGE),
        ("cac", Aggregation.AVERAGE),
        ("average_deal_size", Aggregation.AVERAGE),
        ("sales_cycle_length", Aggregation.AVERAGE),
        ("mrr", Aggregation.LEVEL),
        ("arr", Aggregation.LEVEL),
    ],
)
def test_aggregation_follows_design(key: str, aggregation: Aggregation) -> None:
    assert metrics.get(key).aggregation is aggregation


@pytest.mark.parametrize(
    ("phrase", "lang", "key"),
    [
        ("Omzet", "nl", "revenue"),
        ("klantverloop", None, "customer_churn_rate"),
        ("verkoopcyclus", "nl", "sales_cycle_length"),
        ("winstpercentage", "nl", "win_rate"),
        ("personeelsverloop", "nl", "employee_turnover"),
        ("gekwalificeerde leads", "nl", "sql"),
        ("geboekte demo's", "nl", "demos_booked"),
        ("LTV", "en", "ltv"),
        ("cac", "nl", "cac"),
        ("MQL", None, "mql"),
        ("Net Revenue Retention", "en", "nrr"),
        ("sales-cycle", None, "sales_cycle_length"),
        ("quota_attainment", None, "quota_attainment"),
        ("conversion rate", "en", "conversion_rate"),
        ("conversiepercentage", "nl", "conversion_rate"),
        ("MQL to SQL conversion rate", "en", "mql_to_sql_rate"),
        ("conversie van MQL naar SQL", "nl", "mql_to_sql_rate"),
        ("lead-to-MQL rate", "en", "lead_to_mql_rate"),
        ("SQL to opportunity conversion", "en", "sql_to_opportunity_rate"),
    ],
)
def test_find_by_name_and_synonym(phrase: str, lang: str | None, key: str) -> None:
    found = metrics.find(phrase, lang)
    assert found is not None
    assert found.key == key


def test_find_respects_language_and_returns_none_when_unknown() -> None:
    assert metrics.find("omzet", lang="en") is None
    assert metrics.find("happiness") is None


def test_get_unknown_key_suggests_close_matches() -> None:
    with pytest.raises(InvalidInputError, match="did you mean 'leads'"):
        metrics.get("lead")


def test_register_duplicate_names_both_origins() -> None:
    catalog = MetricCatalog([metrics.get("calls")])
    clash = attrs.evolve(metrics.get("calls"), origin="acme-metrics")
    with pytest.raises(RegistrationError) as info:
        catalog.register(clash)
    assert info.value.origins == ("smartgoals", "acme-metrics")
    catalog.register(clash, replace=True)
    assert catalog.get("calls").origin == "acme-metrics"


def test_registered_metric_is_found_and_listed() -> None:
    catalog = MetricCatalog()
    metric = Metric(
        "store_visits",
        "store visits",
        Unit.COUNT,
        Polarity.HIGHER_IS_BETTER,
        Aggregation.SUM,
        kind=MetricKind.ACTIVITY,
        names={"nl": "winkelbezoeken"},
        synonyms={"en": ["visits"]},
    )
    catalog.register(metric)
    assert catalog.find("Winkelbezoeken") is metric
    assert catalog.find("visits", lang="en") is metric
    assert catalog.all() == (metric,)
    assert "store_visits" in catalog


def test_metric_key_and_bounds_are_validated() -> None:
    with pytest.raises(InvalidInputError, match="lower case"):
        Metric("Bad Key", "x", Unit.COUNT, Polarity.HIGHER_IS_BETTER, Aggregation.SUM)
    with pytest.raises(InvalidInputError, match="above maximum"):
        Metric(
            "x",
            "x",
            Unit.COUNT,
            Polarity.HIGHER_IS_BETTER,
            Aggregation.SUM,
            minimum=5,
            maximum=1,
        )


def test_ratio_metrics_default_to_unit_interval() -> None:
    assert metrics.get("win_rate").maximum == Decimal(1)
    assert metrics.get("nrr").maximum is None
    assert metrics.get("revenue").maximum is None


def test_broken_entry_point_is_recorded_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Broken:
        name = "broken"
        value = "broken_pkg:METRICS"
        dist = None

        def load(self) -> object:
            raise ImportError("No module named 'broken_pkg'")

    monkeypatch.setattr(metrics, "_entry_points", lambda group: [_Broken()])
    catalog = MetricCatalog([metrics.get("revenue")], load_entry_points=True)
    assert catalog.get("revenue").key == "revenue"
    assert catalog.load_errors == [("broken", "ImportError: No module named 'broken_pkg'")]


def test_entry_point_metrics_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = Metric(
        "nps",
        "net promoter score",
        Unit.COUNT,
        Polarity.HIGHER_IS_BETTER,
        Aggregation.AVERAGE,
        minimum=-100,
        maximum=100,
    )

    class _Plugin:
        name = "nps"
        value = "nps_pkg:metrics"
        dist = None

        def load(self) -> object:
            return lambda: [extra]

    monkeypatch.setattr(metrics, "_entry_points", lambda group: [_Plugin()])
    catalog = MetricCatalog(load_entry_points=True)
    assert catalog.get("nps").origin == "nps_pkg:metrics"
    assert catalog.load_errors == []


def test_normalize_phrase_folds_case_spacing_and_apostrophes() -> None:
    assert normalize_phrase("Demo’s") == normalize_phrase("demos")
    assert normalize_phrase("E-mails") == "e mails"


@pytest.mark.parametrize(
    "key", ["conversion_rate", "lead_to_mql_rate", "mql_to_sql_rate", "sql_to_opportunity_rate"]
)
def test_conversion_rates_are_shares_that_average(key: str) -> None:
    # "Convert 25% of MQLs to SQLs" is a rate of 0.25 in every period, never a count.
    metric = metrics.get(key)
    assert (metric.unit, metric.aggregation, metric.polarity) == (
        Unit.RATIO,
        Aggregation.AVERAGE,
        Polarity.HIGHER_IS_BETTER,
    )
    assert (metric.minimum, metric.maximum) == (Decimal(0), Decimal(1))
    assert not metric.is_adhoc


@pytest.mark.parametrize(
    "phrase",
    [
        "monthly revenue",
        "maandelijkse omzet",
        "kwartaalomzet",
        "jaaromzet",
        "maandomzet",
        "annual income",
        "jaarinkomen",
        "quarterly sales",
        "sales per quarter",
        "verkoop per kwartaal",
    ],
)
def test_no_catalog_name_holds_a_cadence(phrase: str) -> None:
    # The cadence belongs in Target.per: the reader finds "omzet" and the cadence apart.
    assert metrics.find(phrase) is None
