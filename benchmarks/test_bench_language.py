"""Benchmarks for smartgoals.language: statements per second and adversarial input.

Run: ``pytest benchmarks/test_bench_language.py --benchmark-only``. The throughput goal
is at least 5,000 statements a second on one core; the adversarial cases feed strings of
1,000 and 10,000 characters so the two timings show matching stays linear.

The parser keeps no cache keyed on statements (only the metric-name trie of each
catalog), so repeating the same statements costs as much as new ones; the
distinct-statements benchmark shows it with 230 statements that are all different.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from datetime import date

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smartgoals.exceptions import ParseError
from smartgoals.language import explain

TODAY = date(2026, 3, 15)

STATEMENTS = [
    "Verhoog de maandelijkse omzet met 10% in een jaar.",
    "Verhoog het jaarinkomen met 10% in een jaar.",
    "In zes maanden het klantverloop terugbrengen tot onder de 1%.",
    "Verhoog de verkoop per kwartaal met 20%.",
    "Verhoog binnen een jaar de customer lifetime value (LTV) met 12%.",
    "Verlaag de acquisitiekosten van klanten (CAC) in zes maanden tijd met 5%.",
    "Verhoog in zes maanden het aantal marketing gekwalificeerde leads (MQL) met 15%.",
    "Verhoog in drie maanden tijd het aantal Sales Qualified Leads (SQL) met 15%.",
    "In zes maanden kunt u de verkoopcyclus met 8% verkorten.",
    "Verhoog het winstpercentage met 8% tegen het einde van het jaar en het aantal uren "
    "besteed aan mentorschap van verkopers met 15% in zes maanden.",
    "Verhoog in drie maanden tijd het aantal verkooptrainingen met 10%.",
    "Verlaag het personeelsverloop met 8% in een jaar.",
    "Verhoog in drie maanden tijd het aantal gegenereerde leads met 20%.",
    "Verhoog het aantal geboekte verkoopdemo's met 15% in zes maanden.",
    "Laten we dit kwartaal meer items verkopen",
    "Increase monthly revenue by 10% in a year.",
    "Reduce customer churn to below 1% in six months.",
    "Increase customer lifetime value (LTV) by 12% within a year.",
    "Reach $2.4M ARR by 30 June 2027",
    "Grow demos from 40 to 55 per month in Q3 2027",
    "Each rep closes 20 new customers in H1 2027 by using consultative selling",
    "Reduce churn to below 2% by the end of Q3 through better onboarding",
    "Increase calls and emails by 10% in 2027 via LinkedIn and webinars",
]


def _parse_all() -> int:
    for text in STATEMENTS:
        explain(text, today=TODAY)
    return len(STATEMENTS)


def test_statements_per_second(benchmark: BenchmarkFixture) -> None:
    assert benchmark(_parse_all) == len(STATEMENTS)


def _distinct_statements() -> list[str]:
    english = itertools.product(
        [
            "Increase {m} by {n}% {t}",
            "Reduce {m} to below {n}% {t}",
            "Grow {m} by {n} percent {t} through referrals",
        ],
        ["revenue", "churn", "qualified leads", "booked demos", "win rate", "MRR"],
        ["in six months", "by the end of Q3 2027", "within a year", "in H1 2027"],
    )
    dutch = itertools.product(
        ["Verhoog de {m} met {n}% {t}", "Verlaag het {m} met {n} procent {t}"],
        ["omzet", "klantverloop", "winstpercentage", "personeelsverloop"],
        ["in zes maanden", "tegen het einde van het jaar", "binnen een jaar"],
    )
    templates = [*english, *dutch]
    # 96 templates; a template's second and third use get other numbers (2 to 46).
    return [
        template.format(m=metric, n=2 + (7 * k) % 45, t=timeframe)
        for k, (template, metric, timeframe) in enumerate(
            itertools.islice(itertools.cycle(templates), 230)
        )
    ]


DISTINCT = _distinct_statements()


def _parse_distinct() -> int:
    for text in DISTINCT:
        explain(text, today=TODAY)
    return len(DISTINCT)


def test_distinct_statements_per_second(benchmark: BenchmarkFixture) -> None:
    assert len(set(DISTINCT)) == len(DISTINCT) == 230
    assert benchmark(_parse_distinct) == len(DISTINCT)


def _adversarial(size: int) -> dict[str, str]:
    return {
        "digits": ("1,2" * size)[:size],
        "words": ("a" * size)[:size],
        "markers": ("by " * size)[:size],
        "time-openers": ("in the next " * size)[:size],
        "metrics": ("customer lifetime " * size)[:size],
        "brackets": ("((-" * size)[:size],
        "conjunctions": ("revenue and " * size)[:size],
        "numbers": ("1 " * size)[:size],
        "dates": ("tussen 1 maart en " * size)[:size],
        "question-marks": ("?" * size)[:size],
    }


def _reader(text: str) -> Callable[[], None]:
    def read() -> None:
        with contextlib.suppress(ParseError):
            explain(text, today=TODAY)

    return read


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.parametrize("shape", list(_adversarial(10)))
def test_adversarial_input_stays_linear(
    benchmark: BenchmarkFixture, shape: str, size: int
) -> None:
    text = _adversarial(size)[shape]
    assert len(text) == size
    benchmark(_reader(text))
