"""Backtest: how well does each forecast method predict the quarter, against run rate?

Run: ``pytest benchmarks/test_bench_forecast_backtest.py`` (about 5 s), or
``python benchmarks/test_bench_forecast_backtest.py`` to print the table. The test fails
when the table in ``docs/forecast.rst`` is not the one this file computes.

**The synthetic pipeline** (seeded; every number below is a parameter of the model):

* Deals are created every working day from July 2026 to December 2027: 0 to 3 a day,
  uniformly (about 7.5 a week). The second half of 2026 is history the learnt win rates
  start from.
* Deal sizes are log-normal: median 20,000, σ = 0.8 (a few deals five times the
  median), rounded to 100.
* Each deal moves through Discovery → Demo → Proposal → Negotiation. From each stage it
  advances (from Negotiation: is won) with probability 0.55, 0.60, 0.65, 0.70, and is
  lost otherwise, after 4 to 21 days in the stage (uniform).
* At creation the rep expects it to close 30 to 75 days later. When that date passes
  with the deal still open, the rep moves it 7 to 35 days past the day they notice, in
  the week after it passed with probability 0.6 (otherwise it shows as slipped until
  a later week): **slippage**.
* The CRM's stage probabilities (the ``stages`` method) are the defaults a team types
  in: 0.10, 0.25, 0.50, 0.80. The true chances of winning from each stage are 0.15, 0.27,
  0.46, 0.70. Forecast categories follow the stage: Negotiation is commit, Proposal best
  case, the rest pipeline; the ``categories`` method weighs them 0.9 / 0.5 / 0.2.
* Every quarter of 2027 is forecast at the end of weeks 4, 8 and 11, from the pipeline
  as it stood that day (open deals at their stage and expected date then), for 8 seeds
  (32 quarters). The prediction is compared with what actually closed won in the
  quarter.

Run rate is :func:`smartgoals.tracking.track`'s projection of the won amounts so far.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Final

import attrs

from smartgoals import metrics
from smartgoals.goals import Direction, Goal, Target
from smartgoals.timeframes import Timeframe
from smartgoals.tracking import CheckIn, Deal, forecast, track

STAGES: Final = ("Discovery", "Demo", "Proposal", "Negotiation")
ADVANCE: Final = (0.55, 0.60, 0.65, 0.70)
CRM_PROBABILITIES: Final = {"Discovery": 0.10, "Demo": 0.25, "Proposal": 0.50, "Negotiation": 0.80}
CATEGORY: Final = {
    "Discovery": "pipeline",
    "Demo": "pipeline",
    "Proposal": "best case",
    "Negotiation": "commit",
}
SEEDS: Final = tuple(range(2027, 2035))
WEEKS: Final = (4, 8, 11)
METHODS: Final = ("run rate", "stages", "win_rates", "categories")
FIRST: Final = date(2026, 7, 1)
LAST: Final = date(2027, 12, 31)


@attrs.frozen
class SimulatedDeal:
    """A deal's whole life: when each stage began, how it ended, its expected dates."""

    id: str
    amount: Decimal
    created: date
    #: The day each stage it reached began (Discovery on ``created``).
    stage_days: tuple[date, ...]
    won: bool
    ended: date
    #: (from this day on, the expected close date the CRM shows), in order.
    expected: tuple[tuple[date, date], ...]

    def on(self, day: date) -> Deal | None:
        """The deal as the CRM showed it at the end of ``day`` (None before it existed)."""
        if day < self.created:
            return None
        reached = sum(1 for start in self.stage_days if start <= day)
        stage = STAGES[reached - 1]
        highest = STAGES[len(self.stage_days) - 1]
        if self.ended <= day:
            status = "won" if self.won else "lost"
            return Deal(self.id, self.amount, self.created, self.ended, status,
                        stage=highest, highest_stage=highest)  # fmt: skip
        close = self.expected[0][1]
        for since, shown in self.expected:
            if since <= day:
                close = shown
        return Deal(self.id, self.amount, self.created, max(close, self.created), "open",
                    stage=stage, highest_stage=stage, category=CATEGORY[stage])  # fmt: skip


def simulate(seed: int) -> list[SimulatedDeal]:
    """The deals of one seeded run of the model in the module's docstring."""
    rnd = random.Random(seed)
    deals: list[SimulatedDeal] = []
    day = FIRST
    while day <= LAST:
        if day.weekday() < 5:
            for _ in range(rnd.randint(0, 3)):
                deals.append(_deal(rnd, f"{seed}-{len(deals)}", day))
        day += timedelta(days=1)
    return deals


def _deal(rnd: random.Random, id: str, created: date) -> SimulatedDeal:
    amount = Decimal(round(rnd.lognormvariate(math.log(20_000), 0.8), -2))
    stage_days = [created]
    day, won = created, False
    for index, chance in enumerate(ADVANCE):
        day += timedelta(days=rnd.randint(4, 21))
        if rnd.random() >= chance:
            break
        if index == len(ADVANCE) - 1:
            won = True
        else:
            stage_days.append(day)
    expected = [(created, created + timedelta(days=rnd.randint(30, 75)))]
    while expected[-1][1] < day:
        passed = expected[-1][1]
        # The rep notices in one of the weeks after the date passed.
        noticed = passed + timedelta(days=7)
        while rnd.random() >= 0.6:
            noticed += timedelta(days=7)
        expected.append((noticed, noticed + timedelta(days=rnd.randint(7, 35))))
    return SimulatedDeal(id, amount, created, tuple(stage_days), won, day, tuple(expected))


GOAL_TARGET: Final = 400_000


def _goal(quarter: int) -> Goal:
    return Goal(
        metric=metrics.get("revenue"),
        direction=Direction.INCREASE,
        target=Target.at_least(GOAL_TARGET),
        timeframe=Timeframe.quarter(2027, quarter),
        currency="EUR",
    )


def predictions(deals: list[SimulatedDeal], quarter: int) -> Iterator[tuple[int, str, float]]:
    """(week, method, absolute error of the end-of-quarter prediction) for one quarter."""
    goal = _goal(quarter)
    timeframe = goal.timeframe
    assert timeframe is not None
    actual = sum(
        (d.amount for d in deals if d.won and timeframe.start <= d.ended < timeframe.end),
        Decimal(0),
    )
    for week in WEEKS:
        as_of = timeframe.start + timedelta(days=7 * week - 1)
        book = [shown for d in deals if (shown := d.on(as_of)) is not None]
        won: dict[date, Decimal] = {}
        for d in book:
            if d.status.value == "won" and timeframe.start <= d.close <= as_of:
                won[d.close] = won.get(d.close, Decimal(0)) + d.amount
        checkins = [CheckIn(day, amount) for day, amount in sorted(won.items())]
        projected = track(goal, checkins, as_of=as_of).projected
        assert projected is not None
        guesses = {
            "run rate": projected,
            "stages": forecast(goal, book, as_of=as_of,
                               stage_probabilities=CRM_PROBABILITIES).most_likely,
            "win_rates": forecast(goal, book, as_of=as_of, method="win_rates",
                                  stage_order=STAGES).most_likely,
            "categories": forecast(goal, book, as_of=as_of, method="categories").most_likely,
        }  # fmt: skip
        for method, guess in guesses.items():
            yield week, method, abs(float(guess - actual))


def backtest() -> dict[tuple[int, str], float]:
    """Mean absolute error by (week, method) over every seed and quarter."""
    errors: dict[tuple[int, str], list[float]] = {}
    for seed in SEEDS:
        deals = simulate(seed)
        for quarter in (1, 2, 3, 4):
            for week, method, error in predictions(deals, quarter):
                errors.setdefault((week, method), []).append(error)
    return {key: statistics.fmean(values) for key, values in errors.items()}


def table(mae: dict[tuple[int, str], float]) -> str:
    """The table as reStructuredText, the MAE in thousands of euros."""
    head = ["week", *METHODS]
    rows = [[str(w), *(f"{mae[w, m] / 1000:,.0f}k" for m in METHODS)] for w in WEEKS]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    rule = "  ".join("=" * w for w in widths)
    lines = [rule, "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), rule]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(line.rstrip() for line in [*lines, rule])


def test_the_documented_backtest_table_is_the_one_computed() -> None:
    computed = table(backtest())
    page = (Path(__file__).parents[1] / "docs" / "forecast.rst").read_text(encoding="utf-8")
    assert computed in page, f"docs/forecast.rst should show this backtest:\n{computed}"


if __name__ == "__main__":
    print(table(backtest()))
