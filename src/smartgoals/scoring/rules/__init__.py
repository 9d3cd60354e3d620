"""The built-in SMART rules, one module per criterion.

They are registered through the ``smartgoals.rules`` entry point group, exactly like
third-party rules; :data:`RULES` lists them all for direct use.

>>> [r.code for r in RULES][:3], len(RULES) >= 20
(['S001', 'S002', 'S003'], True)
"""

from __future__ import annotations

from typing import Final

from smartgoals.scoring._model import Rule
from smartgoals.scoring.rules import achievable, measurable, realistic, specific, time_bound

__all__ = ["RULES", "achievable", "measurable", "realistic", "specific", "time_bound"]

#: Every built-in rule, in S, M, A, R, T order.
RULES: Final[tuple[Rule, ...]] = (
    *specific.RULES,
    *measurable.RULES,
    *achievable.RULES,
    *realistic.RULES,
    *time_bound.RULES,
)
