"""Shared Hypothesis strategies: one per model type; every new field is added here."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from smartgoals.timeframes import Timeframe

__all__ = ["dates", "timeframes"]


def dates(min_year: int = 1990, max_year: int = 2100) -> st.SearchStrategy[date]:
    """Dates in a range of years wide enough for fiscal-year edge cases."""
    return st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31))


@st.composite
def timeframes(draw: st.DrawFn, max_days: int = 3 * 366) -> Timeframe:
    """Half-open timeframes of 1 to ``max_days`` days."""
    start = draw(dates())
    length = draw(st.integers(min_value=1, max_value=max_days))
    return Timeframe(start, start + timedelta(days=length))
